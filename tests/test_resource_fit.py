"""The resource callback and monitor during real (short) fits on the tiny model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from helpers import fake_precision_probe

from expense_classifier.resources import BatchDecision
from expense_classifier.training.callbacks.batch_size import ResourceAwareBatchSize
from expense_classifier.training.lightning_cli import build_cli_class, configure_logging, preset_path


def run_fit(backbone: Path, *extra: str):  # noqa: ANN201 - the LightningCLI object
    configure_logging()
    return build_cli_class()(args=[
        "fit", "--config", str(preset_path("quick")), "--model.backbone", str(backbone), "--data.num_samples", "400",
        "--trainer.max_epochs", "2", "--trainer.enable_progress_bar", "false", "--resources.max_batch_size", "16",
        *extra,
    ])


def resource_callback(cli) -> ResourceAwareBatchSize:  # noqa: ANN001
    return next(c for c in cli.trainer.callbacks if isinstance(c, ResourceAwareBatchSize))


@pytest.mark.slow
def test_low_ram_during_fit_halves_the_batch_and_keeps_the_effective_batch(workdir, tiny_distilbert):
    plain = run_fit(tiny_distilbert)
    (workdir / "low").mkdir()
    os.chdir(workdir / "low")
    low = run_fit(tiny_distilbert, "--resources.simulate_available_gb", "0.5", "--resources.simulate_from_step", "3",
                  "--resources.check_every_n_steps", "2")
    callback = resource_callback(low)
    assert callback.decision.batch_size == 16 and callback.decision.policy == "measured"
    assert callback.backoffs, "no back-off happened"
    for _, batch_size, accumulation in callback.backoffs:
        assert batch_size * accumulation == 16
    # The test after fit ran at the halved size too (it used to go back to 16, undoing the back-off).
    assert low.datamodule.batch_size == callback.backoffs[-1][1] < 16
    # Same effective batch, so (nearly) the same optimizer steps: only batches the loader had already
    # prefetched at the old size when a halving happened can shift a step boundary.
    assert abs(low.trainer.global_step - plain.trainer.global_step) <= len(callback.backoffs)
    assert low.trainer.current_epoch == plain.trainer.current_epoch == 2
    assert (Path(low.trainer.log_dir) / "adapter" / "adapter_model.safetensors").exists()


def test_a_stage_after_a_back_off_keeps_the_smaller_batch_and_a_new_fit_decides_again(monkeypatch):
    callback = ResourceAwareBatchSize()
    callback.decision = BatchDecision(16, "measured", "probed")
    callback.backoffs = [(5, 8, 2), (9, 4, 4)]
    datamodule = SimpleNamespace(batch_size=4, batch_size_is_explicit=False, datasets={})
    trainer = SimpleNamespace(datamodule=datamodule)
    callback.setup(trainer, None, "test")
    assert datamodule.batch_size == 4 and callback.decision.batch_size == 16
    monkeypatch.setattr(callback, "decide", lambda trainer, module: BatchDecision(32, "measured", "probed"))
    callback.setup(trainer, None, "fit")
    assert datamodule.batch_size == 32 and callback.backoffs == []


@pytest.mark.slow  # a real fit or a subprocess: seconds
def test_an_explicit_batch_size_is_never_changed(workdir, tiny_distilbert, capsys):
    cli = run_fit(tiny_distilbert, "--data.batch_size", "3", "--resources.simulate_available_gb", "0.5",
                  "--resources.check_every_n_steps", "2", "--trainer.max_epochs", "1",
                  "--trainer.limit_train_batches", "6")  # a few checks are enough: not 94 batches of 3, twice
    callback = resource_callback(cli)
    assert callback.decision.policy == "user" and not callback.backoffs
    assert cli.datamodule.batch_size == 3 and cli.trainer.accumulate_grad_batches == 1
    assert cli.trainer.log_every_n_steps == 6  # the adaptive interval fits the 6 batches the epoch is limited to
    out = capsys.readouterr().out
    assert "Batch size: 3 (set by you)" in out and "keeping it" in out


@pytest.mark.slow  # a real fit or a subprocess: seconds
def test_banner_memory_scalars_and_adaptive_logging_interval(workdir, tiny_distilbert, capsys, monkeypatch):
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    fake_precision_probe(monkeypatch, fp32=0.010, bf16=0.020)  # the decision the banner shows comes from these
    cli = run_fit(tiny_distilbert)
    out = capsys.readouterr().out
    precision = "Precision: 32-true (fastest of 3 training steps: 10 ms in fp32, 20 ms in bf16 autocast, 0.50x"
    for line in ("CPU Cores:", "RAM:", "Accelerator:", precision, "Batch size: 16 (", "pin_memory=False"):
        assert line in out
    steps_per_epoch = 280 // 16
    assert cli.trainer.log_every_n_steps == min(steps_per_epoch, max(10, steps_per_epoch // 5))
    events = EventAccumulator(cli.trainer.log_dir)
    events.Reload()
    scalars = events.Tags()["scalars"]
    assert {"memory/process_rss_gb", "memory/available_ram_gb", "train/loss_step", "val/acc"} <= set(scalars)


@pytest.mark.slow
def test_measured_policy_peak_rss_stays_within_its_projection(workdir, tiny_distilbert):
    """In a fresh process, so the peak is this fit's own."""
    result = subprocess.run(
        [sys.executable, "-m", "expense_classifier", "fit", "--config", "quick.yaml", "--model.backbone",
         str(tiny_distilbert), "--data.num_samples", "400", "--trainer.max_epochs", "1",
         "--trainer.enable_progress_bar", "false"],
        cwd=workdir, capture_output=True, text=True, timeout=240,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    summary = json.loads((workdir / "lightning_logs" / "version_0" / "summary.json").read_text())
    assert summary["batch_policy"] == "measured"
    assert 0 < summary["peak_rss_gb"] <= summary["projected_peak_gb"]
