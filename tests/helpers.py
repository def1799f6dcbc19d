"""Test-only Lightning callbacks, importable by class path from the CLI (tests/ is on sys.path)."""

from __future__ import annotations

import os
import signal

import lightning as L


class SendSignalAtStep(L.Callback):
    """Send this process a real signal once training reaches `step` (a kill from outside, on cue)."""

    def __init__(self, step: int, signal_name: str = "SIGTERM") -> None:
        self.step = step
        self.signal_name = signal_name
        self.sent = False

    def on_train_batch_end(self, trainer, pl_module, outputs, batch, batch_idx) -> None:  # noqa: ANN001
        if not self.sent and trainer.global_step >= self.step:
            self.sent = True
            os.kill(os.getpid(), getattr(signal, self.signal_name))
