"""Interrupt a fit at every phase and resume: the result is the run that would have happened.

A small fit (tiny DistilBERT, 96 items, batch 8: 9 batches an epoch, 27 steps) is stopped by SIGTERM
or Ctrl-C inside an epoch, on an epoch's last batch, during validation, inside a checkpoint save,
and after training; hard-killed in the middle of writing a checkpoint and before the adapter is
written; then `--ckpt_path last` finishes it. Each must end with the weights, best checkpoint and
adapter of the uninterrupted run. Short-run modes must finish with exit 0.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from helpers import best_checkpoint_state
from safetensors.torch import load_file

from expense_classifier.cli import main

pytestmark = pytest.mark.slow


def fit_args(backbone: Path, *extra: str) -> list[str]:
    return ["fit", "--config", "quick.yaml", "--model.backbone", str(backbone), "--data.num_samples", "96",
            "--trainer.enable_progress_bar", "false", "--trainer.max_epochs", "3", "--data.batch_size", "8",
            *extra]


def run_dir(root: Path) -> Path:
    return root / "lightning_logs" / "version_0"


def outcome(root: Path) -> dict:
    """What a finished run is: its final weights and step, its best checkpoint and score, its adapter."""
    last = torch.load(run_dir(root) / "checkpoints" / "last.ckpt", weights_only=True)
    checkpoint = best_checkpoint_state(last)
    return {
        "step": last["global_step"],
        "weights": last["state_dict"],
        "best_score": float(checkpoint["best_model_score"]),
        "best_name": Path(checkpoint["best_model_path"]).name,
        "adapter": load_file(run_dir(root) / "adapter" / "adapter_model.safetensors"),
    }


def assert_same_run(got: dict, expected: dict) -> None:
    assert got["step"] == expected["step"]
    assert (got["best_score"], got["best_name"]) == (expected["best_score"], expected["best_name"])
    assert got["weights"].keys() == expected["weights"].keys()
    assert all(torch.equal(got["weights"][k], expected["weights"][k]) for k in expected["weights"])
    assert all(torch.equal(got["adapter"][k], expected["adapter"][k]) for k in expected["adapter"])


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory, tiny_distilbert: Path) -> dict:
    root = tmp_path_factory.mktemp("uninterrupted")
    with contextlib.chdir(root):
        assert main(fit_args(tiny_distilbert)) == 0
    return outcome(root)


@pytest.fixture(autouse=True)
def default_sigint():
    """Each test starts with Python's own Ctrl-C handler, whatever an earlier fit left."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


MOMENTS = {
    "inside an epoch": ("helpers.SendSignalAtStep", "--trainer.callbacks.step=13", 143),
    "on the last batch of an epoch": ("helpers.SendSignalAtStep", "--trainer.callbacks.step=9", 143),
    "during validation": ("helpers.SendSignalInValidation", "--trainer.callbacks.epoch=1", 143),
    "inside a checkpoint save": ("helpers.SendSignalInSave", "--trainer.callbacks.nth=2", 143),
    "after training, before the outputs": ("helpers.SendSignalAtFitEnd", None, 0),
}


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGINT"])
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_interrupt_at_any_phase_then_resume_gives_the_uninterrupted_run(
    workdir, tiny_distilbert, uninterrupted, moment, signal_name, capsys
):
    callback, setting, stops = MOMENTS[moment]
    expected_code = {"SIGTERM": 143, "SIGINT": 130}[signal_name] if stops else 0  # 130: what shells expect of Ctrl-C
    extra = [f"--trainer.callbacks+={callback}", f"--trainer.callbacks.signal_name={signal_name}"]
    extra += [setting] if setting else []
    assert main(fit_args(tiny_distilbert, *extra)) == expected_code
    assert (run_dir(workdir) / "checkpoints" / "last.ckpt").is_file()
    if expected_code:
        assert f"Interrupted ({signal_name})" in capsys.readouterr().out
        assert not (run_dir(workdir) / "adapter").exists()
    assert main(fit_args(tiny_distilbert, "--ckpt_path", "last")) == 0
    assert_same_run(outcome(workdir), uninterrupted)
    assert not list(workdir.rglob(".*.tmp")), "a temporary file was left behind"


def run_cli(workdir: Path, args: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(Path(__file__).parent)}
    return subprocess.run([sys.executable, "-m", "expense_classifier", *args], cwd=workdir, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("nth", [2, 4])
def test_sigkill_in_the_middle_of_writing_a_checkpoint_loses_only_that_save(workdir, tiny_distilbert, uninterrupted,
                                                                            nth):
    killed = run_cli(workdir, fit_args(tiny_distilbert, "--trainer.plugins=helpers.KillMidSave",
                                       f"--trainer.plugins.nth={nth}"))
    assert killed.returncode == -signal.SIGKILL
    checkpoints = run_dir(workdir) / "checkpoints"
    torn = [p for p in checkpoints.iterdir() if p.name.startswith(".")]
    assert torn, "the kill was meant to land inside a write"
    for path in checkpoints.glob("*.ckpt"):  # every checkpoint that has its name is whole
        torch.load(path, weights_only=True)
    if (checkpoints / "last.ckpt").exists():
        assert run_cli(workdir, fit_args(tiny_distilbert, "--ckpt_path", "last")).returncode == 0
    else:  # killed inside the first last.ckpt: nothing to resume yet, so the run starts over
        shutil.rmtree(workdir / "lightning_logs")
        assert run_cli(workdir, fit_args(tiny_distilbert)).returncode == 0
    assert_same_run(outcome(workdir), uninterrupted)


def test_sigkill_before_the_outputs_are_written_is_finished_by_resume_without_training(workdir, tiny_distilbert,
                                                                                       uninterrupted):
    killed = run_cli(workdir, fit_args(tiny_distilbert, "--trainer.callbacks+=helpers.SendSignalAtFitEnd",
                                       "--trainer.callbacks.signal_name=SIGKILL"))
    assert killed.returncode == -signal.SIGKILL
    assert not (run_dir(workdir) / "adapter").exists()
    resumed = run_cli(workdir, fit_args(tiny_distilbert, "--ckpt_path", "last"))
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert "Adapter written to" in resumed.stdout
    assert_same_run(outcome(workdir), uninterrupted)


SHORT_RUNS = {
    "max_steps inside the first epoch": ["--trainer.max_steps", "4"],
    "limit_train_batches": ["--trainer.limit_train_batches", "2"],
    "no validation": ["--trainer.limit_val_batches", "0"],
    "validation every 2nd epoch": ["--trainer.check_val_every_n_epoch", "2"],
    "validation twice an epoch": ["--trainer.val_check_interval", "0.5"],
    "max_time": ["--trainer.max_time", "00:00:00:02"],
    "fast_dev_run": ["--trainer.fast_dev_run", "true"],
}


@pytest.mark.parametrize("mode", list(SHORT_RUNS))
def test_every_short_run_mode_finishes_with_exit_0(workdir, tiny_distilbert, mode, capsys):
    assert main(fit_args(tiny_distilbert, *SHORT_RUNS[mode])) == 0
    out = capsys.readouterr().out
    if mode == "fast_dev_run":
        return
    assert (run_dir(workdir) / "adapter" / "adapter_model.safetensors").is_file()
    assert (run_dir(workdir) / "summary.json").is_file()
    if mode != "max_time":  # how far 2 s gets depends on the machine
        said = "No validation ran" in out
        assert said == (mode in {"max_steps inside the first epoch", "no validation"})
