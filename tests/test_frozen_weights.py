"""Frozen weights cast once give what autocast's cast on every call gives: the same logits and gradients."""

from __future__ import annotations

import torch
from torch import nn

from expense_classifier.training.frozen_weights import CastOnceLinear, cast_frozen_linears, drop_casts, frozen_linears

LABELS = {0: "Food", 1: "Transportation", 2: "Utilities"}


def autocast() -> torch.autocast:
    return torch.autocast("cpu", dtype=torch.bfloat16)


def test_only_frozen_linears_outside_skip_are_cast() -> None:
    trained, frozen, skipped = nn.Linear(4, 4), nn.Linear(4, 3), nn.Linear(4, 4, bias=False)
    frozen.requires_grad_(False)
    skipped.requires_grad_(False)
    inner = nn.Sequential(skipped)
    model = nn.Sequential(trained, frozen, inner)
    assert frozen_linears(model, skip=inner) == [frozen]
    assert cast_frozen_linears(model, torch.bfloat16, skip=inner) == (4 * 3 + 3) * 2  # bytes of bf16 copies
    assert type(frozen) is CastOnceLinear and type(trained) is nn.Linear and type(skipped) is nn.Linear
    assert set(model.state_dict()) == {"0.weight", "0.bias", "1.weight", "1.bias", "2.0.weight"}


def test_same_output_and_input_gradient_as_autocast_casting_each_call() -> None:
    torch.manual_seed(0)
    plain = nn.Linear(384, 1536).requires_grad_(False)
    cast = nn.Linear(384, 1536).requires_grad_(False)
    cast.load_state_dict(plain.state_dict())
    cast_frozen_linears(cast, torch.bfloat16)
    outputs, grads = [], []
    for layer in (plain, cast):
        x = torch.randn(8, 12, 384, generator=torch.Generator().manual_seed(1), requires_grad=True)
        with autocast():
            out = layer(x)
        out.float().pow(2).sum().backward()
        outputs.append(out)
        grads.append(x.grad)
    assert outputs[0].dtype == outputs[1].dtype == torch.bfloat16
    assert torch.equal(outputs[0], outputs[1]) and torch.equal(grads[0], grads[1])


def test_fp32_outside_autocast_and_after_the_casts_are_dropped() -> None:
    layer = nn.Linear(8, 8).requires_grad_(False)
    x = torch.randn(2, 8)
    expected = layer(x)
    cast_frozen_linears(layer, torch.bfloat16)
    assert torch.equal(layer(x), expected)  # no autocast: the fp32 weights
    drop_casts(layer)
    assert layer.cast_weights is None
    with autocast():
        assert layer(x).dtype == torch.bfloat16  # autocast casts them itself again


def test_the_model_gives_the_same_logits_with_its_frozen_weights_cast_once(tiny_distilbert) -> None:  # noqa: ANN001
    from expense_classifier.training.model import ExpenseClassifier

    torch.manual_seed(0)
    model = ExpenseClassifier(backbone=str(tiny_distilbert), id2label=LABELS).eval()
    ids = torch.tensor([[101, 2000, 2001, 102], [101, 3000, 102, 0]])
    mask = (ids != 0).long()
    with autocast():
        before = model(ids, mask)
    cast = cast_frozen_linears(model.model, torch.bfloat16)
    assert cast > 0
    assert all(not m.weight.requires_grad for m in model.modules() if isinstance(m, CastOnceLinear))
    with autocast():
        assert torch.equal(model(ids, mask), before)
