"""Frozen-prefix caching trains exactly as the uncached model with LoRA on the same top layers."""

from __future__ import annotations

import shutil

import pytest
import torch

from expense_classifier.training.dropout import CpuDropout
from expense_classifier.training.model import ExpenseClassifier
from expense_classifier.training.prefix_cache import FrozenPrefix, PassThrough

LABELS = {0: "Food", 1: "Transportation", 2: "Utilities"}


@pytest.fixture(scope="module")
def tiny_two_layer(tmp_path_factory, tiny_distilbert):  # noqa: ANN001, ANN201
    """A 3-layer DistilBERT without dropout, so train-mode outputs are deterministic on both paths."""
    from transformers import DistilBertConfig, DistilBertModel

    path = tmp_path_factory.mktemp("tiny-3-layer")
    torch.manual_seed(0)
    config = DistilBertConfig(vocab_size=30522, dim=32, n_layers=3, n_heads=2, hidden_dim=64,
                              max_position_embeddings=128, dropout=0.0, attention_dropout=0.0, seq_classif_dropout=0.0)
    DistilBertModel(config).save_pretrained(path)
    for name in ("vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
        if (tiny_distilbert / name).exists():
            shutil.copy(tiny_distilbert / name, path / name)
    return path


def batch() -> dict[str, torch.Tensor]:
    ids = [[101, 2000, 2001, 2002, 102], [101, 3000, 102, 0, 0], [101, 4000, 4001, 102, 0]]
    input_ids = torch.tensor(ids)
    return {"input_ids": input_ids, "attention_mask": (input_ids != 0).long(), "labels": torch.tensor([0, 1, 2])}


def build(backbone, cache: bool) -> ExpenseClassifier:  # noqa: ANN001
    torch.manual_seed(1)  # the same fresh head and LoRA weights on both paths
    return ExpenseClassifier(backbone=str(backbone), id2label=LABELS, lora_layers=1, lora_dropout=0.0,
                             cache_prefix=cache, learning_rate=0.01).train()


def loss_and_grads(model: ExpenseClassifier) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
    b = batch()
    loss = torch.nn.functional.cross_entropy(model(b["input_ids"], b["attention_mask"]), b["labels"])
    loss.backward()
    grads = {name: p.grad.clone() for name, p in model.named_parameters() if p.requires_grad}
    model.zero_grad()
    return loss.detach(), grads


def test_cached_training_gives_the_uncached_loss_and_gradients(tiny_two_layer):
    plain, cached = build(tiny_two_layer, cache=False), build(tiny_two_layer, cache=True)
    prefix = cached.frozen_prefix
    assert isinstance(prefix, FrozenPrefix) and len(prefix.layers) == 2 and plain.frozen_prefix is None
    assert type(prefix.output_dropout) is CpuDropout and prefix.output_dropout.training  # swapped with the others
    assert not prefix.training and not any(m.training for m in prefix.layers.modules())  # the layers stay in eval
    assert set(plain.trainable_keys()) == set(cached.trainable_keys())  # LoRA on the top layer only
    assert all(".layer.2." in k or "classifier" in k for k in cached.trainable_keys())
    prefix.caching = True
    optimizers = [torch.optim.SGD([p for p in m.parameters() if p.requires_grad], lr=0.5) for m in (plain, cached)]
    for step in range(3):  # step 0 fills the cache; the later steps read it, after the weights moved
        (loss_plain, grads_plain), (loss_cached, grads_cached) = loss_and_grads(plain), loss_and_grads(cached)
        assert torch.allclose(loss_plain, loss_cached, atol=1e-6), step
        for name, grad in grads_plain.items():
            assert torch.allclose(grad, grads_cached[name], atol=1e-6), (step, name)
        for optimizer in optimizers:
            optimizer.step()
    assert len(prefix.cache) == 3  # one entry per distinct item, each at its own length
    assert [tuple(t.shape) for t in prefix.cache.values()] == [(5, 32), (3, 32), (4, 32)]


def test_the_prefix_stays_in_eval_mode_and_out_of_autograd(tiny_distilbert, tiny_two_layer):
    cached = build(tiny_two_layer, cache=True)
    cached.train()
    assert not cached.frozen_prefix.training and not any(p.requires_grad for p in cached.frozen_prefix.parameters())
    layers = cached.model.get_base_model().distilbert.transformer.layer
    assert [type(layer) is PassThrough for layer in layers] == [True, True, False]


def test_the_output_dropout_follows_the_model_through_lightnings_mode_restore(tiny_two_layer):
    """Lightning puts modules back after validation by setting each one's `training`, not by calling
    `train()`: the dropout on the cached output must be on again for the next epoch."""
    cached = build(tiny_two_layer, cache=True)
    cached.train()
    modes = {name: m.training for name, m in cached.named_modules()}  # what Lightning captures
    cached.eval()
    assert not cached.frozen_prefix.output_dropout.training
    for name, m in cached.named_modules():  # what Lightning's restore does
        m.training = modes[name]
    assert cached.frozen_prefix.output_dropout.training and not cached.frozen_prefix.training


def test_the_adapter_of_a_cached_run_holds_lora_for_the_top_layers_only(tiny_two_layer, tmp_path):
    import json

    cached = build(tiny_two_layer, cache=True)
    cached.save_adapter(tmp_path)
    config = json.loads((tmp_path / "adapter_config.json").read_text())
    assert config["layers_to_transform"] == [2]


def test_lora_layers_beyond_the_model_mean_all_and_below_one_is_a_user_error(tiny_two_layer):
    from expense_classifier.errors import UserInputError

    everything = ExpenseClassifier(backbone=str(tiny_two_layer), id2label=LABELS, lora_layers=4)
    assert everything.frozen_prefix is None and any(".layer.0." in k for k in everything.trainable_keys())
    with pytest.raises(UserInputError, match="at least 1"):
        ExpenseClassifier(backbone=str(tiny_two_layer), id2label=LABELS, lora_layers=0)


@pytest.mark.slow
def test_a_fit_with_a_cached_prefix_writes_an_adapter_both_inference_paths_read_alike(tiny_two_layer, workdir):
    import json

    from expense_classifier import Categorizer
    from expense_classifier.cli import main

    code = main(["fit", "--config", "quick.yaml", "--model.backbone", str(tiny_two_layer), "--model.lora_layers", "1",
                 "--data.num_samples", "96", "--trainer.max_epochs", "2", "--trainer.enable_progress_bar", "false"])
    assert code == 0
    run = workdir / "lightning_logs" / "version_0"
    summary = json.loads((run / "summary.json").read_text())
    assert summary["frozen_layers"] == 2 and summary["prefix_cache_items"] > 0 and summary["prefix_cache_mb"] > 0
    texts = ["Uber ride to airport", "2x whole milk", "Electric bill"]
    plain = Categorizer.load(run / "adapter").probabilities(texts)
    hugging_face = Categorizer.load(run / "adapter", engine="transformers").probabilities(texts)
    assert (plain - hugging_face).abs().max() < 1e-5
