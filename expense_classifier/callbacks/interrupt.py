"""Ctrl-C and SIGTERM stop at the end of a batch with `last.ckpt` saved; resuming replays the epoch exactly."""

from __future__ import annotations

import logging
import random
import signal
from pathlib import Path
from typing import Any

import lightning as L
import torch
from lightning.pytorch.utilities.exceptions import SIGTERMException

log = logging.getLogger(__name__)


class GracefulInterrupt(L.Callback):
    """Save `last.ckpt` when training is interrupted, and resume from it as if it never stopped.

    The first Ctrl-C is turned into Lightning's own SIGTERM path (stop after the current batch);
    a second Ctrl-C aborts at once. The checkpoint carries the RNG states, and on resume the
    interrupted epoch's batches already trained on are skipped, so the run ends with the same
    steps and metrics as an uninterrupted one.
    """

    def __init__(self) -> None:
        self.saved_path: Path | None = None
        self.signal_name: str | None = None
        self._previous_sigint: Any = None
        self._rng_to_restore: dict[str, Any] | None = None

    # -- stopping --------------------------------------------------------------------------------

    def _install_sigint(self, trainer: L.Trainer) -> None:
        def on_sigint(signum: int, frame: object) -> None:
            if trainer.received_sigterm:
                raise KeyboardInterrupt
            print("\nStopping after this batch and saving last.ckpt (Ctrl-C again to abort)", flush=True)
            self.signal_name = "SIGINT"
            trainer._signal_connector.received_sigterm = True

        try:
            self._previous_sigint = signal.signal(signal.SIGINT, on_sigint)
        except ValueError:  # not the main thread: leave Ctrl-C alone
            self._previous_sigint = None

    def on_train_end(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        self._restore_sigint()

    def _restore_sigint(self) -> None:
        if self._previous_sigint is not None:
            signal.signal(signal.SIGINT, self._previous_sigint)
            self._previous_sigint = None

    def on_exception(self, trainer: L.Trainer, pl_module: L.LightningModule, exception: BaseException) -> None:
        self._restore_sigint()
        if not isinstance(exception, SIGTERMException):
            return
        self.signal_name = self.signal_name or "SIGTERM"
        callback = trainer.checkpoint_callback
        directory = Path(callback.dirpath) if callback is not None and callback.dirpath else Path(
            trainer.default_root_dir) / "checkpoints"
        self.saved_path = directory / "last.ckpt"
        trainer.save_checkpoint(self.saved_path)
        if trainer.is_global_zero:
            log.warning("Interrupted (%s) at step %d: saved %s; resume with --ckpt_path last",
                        self.signal_name, trainer.global_step, self.saved_path)

    # -- resuming --------------------------------------------------------------------------------

    def state_dict(self) -> dict[str, Any]:
        # torch drives dropout; Python's random is kept too. Plain tensors and tuples only, so the
        # checkpoint still loads with torch.load(weights_only=True).
        return {"rng": {"torch": torch.get_rng_state(), "python": random.getstate()}}

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        self._rng_to_restore = state_dict.get("rng")

    def on_train_epoch_end(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        """Keep `last.ckpt` current every epoch (ModelCheckpoint refreshes it only with a new top-k)."""
        callback = trainer.checkpoint_callback
        if callback is not None and callback.dirpath and not trainer.fast_dev_run and not trainer.sanity_checking:
            trainer.save_checkpoint(Path(callback.dirpath) / "last.ckpt")

    def on_load_checkpoint(self, trainer: L.Trainer, pl_module: L.LightningModule, checkpoint: dict[str, Any]) -> None:
        """A mid-epoch checkpoint: have the loader skip the batches that epoch already trained on."""
        progress = checkpoint.get("loops", {}).get("fit_loop", {}).get("epoch_loop.batch_progress", {})
        done = progress.get("current", {}).get("completed", 0)
        if done and not progress.get("is_last_batch", True) and hasattr(trainer.datamodule, "resume_at"):
            trainer.datamodule.resume_at = (checkpoint["epoch"], done)  # read when the loader is built
            log.info("Resuming epoch %d after batch %d", checkpoint["epoch"] + 1, done)

    def on_train_start(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        self._install_sigint(trainer)
        if self._rng_to_restore is not None:
            torch.set_rng_state(self._rng_to_restore["torch"])
            random.setstate(self._rng_to_restore["python"])
            self._rng_to_restore = None
