"""Test-only Lightning callbacks, importable by class path from the CLI (tests/ is on sys.path)."""

from __future__ import annotations

import os
import signal
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


def best_checkpoint_state(checkpoint: dict) -> dict:
    """The state the best-by-val/acc ModelCheckpoint saved in a checkpoint (not the last.ckpt writer's)."""
    return next(v for k, v in checkpoint["callbacks"].items() if k.startswith("ModelCheckpoint{'monitor': 'val/acc'"))
