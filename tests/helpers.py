"""Test-only Lightning callbacks, importable by class path from the CLI (tests/ is on sys.path)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from unittest import mock

import lightning as L

from expense_classifier.training.checkpoint_io import AtomicCheckpointIO


def send(signal_name: str) -> None:
    """This process sends itself a real signal, as a kill from outside would arrive."""
    os.kill(os.getpid(), getattr(signal, signal_name))


class SendSignalAtStep(L.Callback):
    """Send this process a real signal once training reaches `step` (a kill from outside, on cue)."""

    def __init__(self, step: int, signal_name: str = "SIGTERM") -> None:
        self.step = step
        self.signal_name = signal_name
        self.sent = False

    def on_train_batch_end(self, trainer, pl_module, outputs, batch, batch_idx) -> None:  # noqa: ANN001
        if not self.sent and trainer.global_step >= self.step:
            self.sent = True
            send(self.signal_name)


class SendSignalInValidation(L.Callback):
    """Send a signal during fit's validation of epoch `epoch` (after its first batch; not the sanity check)."""

    def __init__(self, epoch: int, signal_name: str = "SIGTERM") -> None:
        self.epoch = epoch
        self.signal_name = signal_name
        self.sent = False

    def on_validation_batch_end(self, trainer, pl_module, outputs, batch, batch_idx, dataloader_idx=0) -> None:  # noqa: ANN001
        if not self.sent and not trainer.sanity_checking and trainer.current_epoch == self.epoch:
            self.sent = True
            send(self.signal_name)


class SendSignalInSave(L.Callback):
    """Send a signal from inside the `nth` checkpoint save (while Lightning builds the checkpoint)."""

    def __init__(self, nth: int, signal_name: str = "SIGTERM") -> None:
        self.nth = nth
        self.signal_name = signal_name
        self.saves = 0

    def on_save_checkpoint(self, trainer, pl_module, checkpoint) -> None:  # noqa: ANN001
        self.saves += 1
        if self.saves == self.nth:
            send(self.signal_name)


class SendSignalAtFitEnd(L.Callback):
    """Send a signal after training, before the adapter, reports and summary are written (or SIGKILL there)."""

    def __init__(self, signal_name: str = "SIGTERM") -> None:
        self.signal_name = signal_name

    def on_fit_end(self, trainer, pl_module) -> None:  # noqa: ANN001
        send(self.signal_name)


class StallInBatch(L.Callback):
    """A training batch that does not end by itself (for up to `seconds`): only a signal that aborts gets past it.

    Prints `stalled at step N` when it starts, so the test knows when to press Ctrl-C.
    """

    def __init__(self, seconds: float = 120.0) -> None:
        self.seconds = seconds

    def on_train_batch_end(self, trainer, pl_module, outputs, batch, batch_idx) -> None:  # noqa: ANN001
        print(f"stalled at step {trainer.global_step}", flush=True)
        deadline = time.monotonic() + self.seconds
        while time.monotonic() < deadline:
            time.sleep(0.05)  # a signal handler runs here; one that raises ends the stall
        print("stall ended by itself", flush=True)


class KillMidSave(AtomicCheckpointIO):
    """SIGKILL in the middle of writing the `nth` checkpoint: half its bytes are on disk, then nothing runs."""

    def __init__(self, nth: int = 2) -> None:
        super().__init__()
        self.nth = nth
        self.saves = 0

    def save_checkpoint(self, checkpoint, path, storage_options=None) -> None:  # noqa: ANN001
        self.saves += 1
        if self.saves != self.nth:
            return super().save_checkpoint(checkpoint, path, storage_options)

        def torn_write(target: Path, data) -> None:  # noqa: ANN001
            with open(target, "wb") as handle:
                handle.write(bytes(data)[: len(data) // 2])
            send("SIGKILL")

        with mock.patch.object(Path, "write_bytes", torn_write):
            super().save_checkpoint(checkpoint, path, storage_options)


def fake_precision_probe(monkeypatch, fp32: float, bf16: float, native: bool | None = True) -> list[bool]:  # noqa: ANN001
    """Inject the precision probe's measurement: the CPU's bf16 capability and each step's seconds, never the clock.

    Returns the list of the precisions timed (True for bf16), so a test can see whether it measured.
    """
    from expense_classifier.training.callbacks import precision

    timed: list[bool] = []

    def seconds(module, batch, use_bf16: bool) -> float:  # noqa: ANN001
        timed.append(use_bf16)
        return bf16 if use_bf16 else fp32

    monkeypatch.setattr(precision, "native_bf16", lambda: native)
    monkeypatch.setattr(precision, "step_seconds", seconds)
    return timed


def best_checkpoint_state(checkpoint: dict) -> dict:
    """The state the best-by-val/acc ModelCheckpoint saved in a checkpoint (not the last.ckpt writer's)."""
    return next(v for k, v in checkpoint["callbacks"].items() if k.startswith("ModelCheckpoint{'monitor': 'val/acc'"))
