"""MeasuredPrecision: bf16 autocast on CPU only when a timed step says it pays, kept across a resume."""

from __future__ import annotations

import json

import pytest

from expense_classifier.cli import main
from expense_classifier.training.callbacks import precision as precision_module


def fake_timing(monkeypatch: pytest.MonkeyPatch, fp32: float, bf16: float) -> None:
    monkeypatch.setattr(precision_module, "step_seconds", lambda module, batch, use_bf16: bf16 if use_bf16 else fp32)


def fit(backbone, *extra: str) -> int:  # noqa: ANN001
    return main(["fit", "--config", "quick.yaml", "--model.backbone", str(backbone), "--data.num_samples", "64",
                 "--trainer.max_epochs", "1", "--trainer.enable_progress_bar", "false", *extra])


def summary(workdir, version: int = 0) -> dict:  # noqa: ANN001
    return json.loads((workdir / "lightning_logs" / f"version_{version}" / "summary.json").read_text())


@pytest.mark.slow
@pytest.mark.parametrize(("fp32", "bf16", "chosen"), [(0.10, 0.05, "bf16-mixed"), (0.10, 0.095, "32-true")])
def test_bf16_is_chosen_only_when_measured_faster_by_the_margin(workdir, tiny_distilbert, monkeypatch,
                                                               fp32, bf16, chosen):
    fake_timing(monkeypatch, fp32, bf16)
    assert fit(tiny_distilbert) == 0
    facts = summary(workdir)
    assert facts["precision"] == chosen
    assert facts["fp32_step_ms"] == pytest.approx(1000 * fp32) and facts["bf16_step_ms"] == pytest.approx(1000 * bf16)
    assert ("frozen_weights_cast_mb" in facts) == (chosen == "bf16-mixed")  # frozen_weights.py: bf16 only


@pytest.mark.slow
def test_a_precision_the_user_gives_is_kept_without_measuring(workdir, tiny_distilbert, monkeypatch):
    monkeypatch.setattr(precision_module, "step_seconds", lambda *args: pytest.fail("measured a chosen precision"))
    assert fit(tiny_distilbert, "--trainer.precision", "32-true") == 0
    assert "precision" not in summary(workdir)


@pytest.mark.slow
def test_a_resumed_run_keeps_the_precision_it_was_trained_with(workdir, tiny_distilbert, monkeypatch):
    fake_timing(monkeypatch, 0.10, 0.05)
    assert fit(tiny_distilbert) == 0
    fake_timing(monkeypatch, 0.10, 0.10)  # today's timing would say fp32
    assert fit(tiny_distilbert, "--trainer.max_epochs", "2", "--ckpt_path", "last") == 0
    assert summary(workdir)["precision"] == "bf16-mixed"
