"""Shared fixtures: a tiny randomly initialised DistilBERT (no download) and a clean working dir."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from expense_classifier.data.generator import generate_items
from expense_classifier.inference.backbones import bundled_model_path

TOKENIZER_FILES = ("vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")


@pytest.fixture(scope="session")
def tiny_distilbert(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1-layer DistilBERT built from a config, with the bundled model's (same) uncased vocab."""
    from transformers import DistilBertConfig, DistilBertModel

    path = tmp_path_factory.mktemp("tiny-distilbert")
    config = DistilBertConfig(vocab_size=30522, dim=32, n_layers=1, n_heads=2, hidden_dim=64,
                              max_position_embeddings=128)
    DistilBertModel(config).save_pretrained(path)
    for name in TOKENIZER_FILES:
        source = Path(bundled_model_path()) / name
        if source.exists():
            shutil.copy(source, path / name)
    return path


@pytest.fixture(scope="session", autouse=True)
def steady_precision_probe() -> Iterator[None]:
    """Every fit in this process decides its precision from an injected measurement (fp32 faster: 32-true), not
    the clock: a busy machine must not change what a test trains. Session-wide, so that session fixtures'
    fits (tiny_run) get it too; tests/test_precision.py injects others, and runs the real probe.
    """
    from helpers import fake_precision_probe

    with pytest.MonkeyPatch.context() as patch:
        fake_precision_probe(patch, fp32=0.010, bf16=0.020)
        yield


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty directory, so `lightning_logs/` and outputs land in the test's tmp dir."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture()
def json_items(tmp_path: Path) -> Path:
    """A small file in the original project's train.json format."""
    path = tmp_path / "items.json"
    path.write_text(json.dumps(generate_items(96, seed=7)))
    return path


@pytest.fixture(scope="session")
def tiny_run(tmp_path_factory: pytest.TempPathFactory, tiny_distilbert: Path) -> Path:
    """A real (short) fit on the tiny DistilBERT: its run directory, with adapter and checkpoints."""
    import contextlib

    from expense_classifier.cli import main

    root = tmp_path_factory.mktemp("tiny-run")
    with contextlib.chdir(root):
        code = main(["fit", "--config", "quick.yaml", "--model.backbone", str(tiny_distilbert),
                     "--data.num_samples", "96", "--trainer.max_epochs", "2",
                     "--trainer.enable_progress_bar", "false"])
    assert code == 0
    return root / "lightning_logs" / "version_0"
