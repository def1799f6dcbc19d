"""The CPU dropout is torch's dropout with a cheaper mask: same rate, same scaling, same gradients."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from expense_classifier.training.dropout import CpuDropout, dropout, keep_mask, use_cpu_dropout


@pytest.mark.parametrize("p", [0.1, 0.5, 0.9])
def test_keep_mask_drops_at_the_asked_rate(p: float) -> None:
    torch.manual_seed(0)
    mask = keep_mask((1000, 1001), p)  # an odd count: the last 64-bit draw is only partly used
    assert mask.shape == (1000, 1001) and mask.dtype == torch.bool
    assert abs(1 - mask.float().mean().item() - p) < 0.002  # ~1e6 draws: 4 standard deviations at p = 0.5


def test_masks_follow_the_seed_and_differ_between_draws() -> None:
    torch.manual_seed(3)
    first, second = keep_mask((64, 64), 0.1), keep_mask((64, 64), 0.1)
    torch.manual_seed(3)
    assert torch.equal(keep_mask((64, 64), 0.1), first)
    assert not torch.equal(first, second)


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
def test_dropout_zeroes_or_scales_like_torch(dtype: torch.dtype) -> None:
    """Each element is 0 or x / (1 - p) computed as torch does (the scale rounded to the input's dtype)."""
    torch.manual_seed(0)
    x = (torch.rand(256, 384) + 0.5).to(dtype)
    out = dropout(x, 0.25)
    kept = out != 0
    scale = torch.ones((), dtype=dtype).div_(0.75)
    assert out.dtype == dtype
    assert torch.equal(out[kept], x[kept] * scale)
    assert abs(1 - kept.float().mean().item() - 0.25) < 0.01
    assert abs(out.float().mean().item() / x.float().mean().item() - 1) < 0.01  # the mean is kept


def test_gradient_is_the_same_mask_and_scale() -> None:
    torch.manual_seed(0)
    x = torch.randn(64, 32, requires_grad=True)
    out = dropout(x, 0.3)
    out.backward(torch.ones_like(out))
    expected = torch.where(out != 0, torch.tensor(1 / 0.7), torch.tensor(0.0))
    assert torch.allclose(x.grad, expected)


def test_no_dropout_in_eval_or_at_zero_and_everything_at_one() -> None:
    x = torch.randn(8, 8)
    assert dropout(x, 0.5, training=False) is x
    assert torch.equal(dropout(x, 0.0), x)
    assert torch.equal(dropout(x, 1.0), torch.zeros_like(x))


def test_swap_keeps_rates_and_state_dict() -> None:
    model = nn.Sequential(nn.Linear(4, 4), nn.Dropout(0.1), nn.ModuleDict({"a": nn.Dropout(0.2)}),
                          nn.Sequential(nn.Dropout(0.3)))
    keys = set(model.state_dict())
    assert use_cpu_dropout(model) == 3
    swapped = [m for m in model.modules() if isinstance(m, nn.Dropout)]
    assert [type(m) for m in swapped] == [CpuDropout] * 3
    assert [m.p for m in swapped] == [0.1, 0.2, 0.3]
    assert set(model.state_dict()) == keys
    assert use_cpu_dropout(model) == 0  # already swapped
    model.eval()
    x = torch.randn(2, 4)
    assert torch.equal(model[1](x), x)


@pytest.mark.parametrize("cpu_dropout", [True, False])
def test_the_model_uses_it_unless_told_not_to(tiny_distilbert, cpu_dropout: bool) -> None:  # noqa: ANN001
    from expense_classifier.training.model import ExpenseClassifier

    model = ExpenseClassifier(backbone=str(tiny_distilbert), id2label={0: "Food", 1: "Travel"},
                              cpu_dropout=cpu_dropout)
    kinds = {type(m) for m in model.modules() if isinstance(m, nn.Dropout)}
    assert kinds == ({CpuDropout} if cpu_dropout else {nn.Dropout})
    assert any("lora_dropout" in name for name, m in model.named_modules() if type(m) in kinds)
