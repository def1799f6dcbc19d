"""Ctrl-C and SIGTERM stop at the end of a batch with `last.ckpt` saved; resuming replays the epoch exactly."""

from __future__ import annotations

import logging
import random
import signal
from pathlib import Path
from typing import Any

import lightning as L
import torch
from lightning.pytorch.trainer.states import TrainerFn
from lightning.pytorch.utilities.exceptions import SIGTERMException

log = logging.getLogger(__name__)


class GracefulInterrupt(L.Callback):
    """Save `last.ckpt` when training is interrupted, and resume from it as if it never stopped.

    During training the first Ctrl-C is turned into Lightning's own SIGTERM path (stop after the
    current batch); a second Ctrl-C aborts at once. A stop asked for during validation waits for
    the validation to end, so the epoch's scores and best checkpoint are kept. After training,
    Ctrl-C and SIGTERM let the adapter, reports and summary finish. The checkpoint carries the RNG
    states, and on resume the interrupted epoch's batches already trained on are skipped, so the
    run ends with the same steps, weights and best checkpoint as an uninterrupted one.
    """

    def __init__(self) -> None:
        self.saved_path: Path | None = None
        self.signal_name: str | None = None
        self._previous: dict[int, Any] = {}
        self._rng_to_restore: dict[str, Any] | None = None
        self._stop_requested = False
        self._held_during_validation = False
        self._training_done = False

    # -- stopping --------------------------------------------------------------------------------

    def _install_handlers(self, trainer: L.Trainer) -> None:
        """Our Ctrl-C, and a SIGTERM handler that Lightning composes with its own while it trains."""

        def on_sigint(signum: int, frame: object) -> None:
            if self._stop_requested:
                raise KeyboardInterrupt
            self._stop_requested = True
            self.signal_name = "SIGINT"
            if self._training_done:
                print("\nTraining is done: finishing the adapter and reports (Ctrl-C again to abort)", flush=True)
            else:
                print("\nStopping after this batch and saving last.ckpt (Ctrl-C again to abort)", flush=True)
                trainer._signal_connector.received_sigterm = True  # Lightning's own stop-after-batch path

        def on_sigterm(signum: int, frame: object) -> None:
            self.signal_name = self.signal_name or "SIGTERM"  # while training, Lightning's handler stops the loop
            if self._training_done and not self._stop_requested:
                self._stop_requested = True
                print("\nSIGTERM after training: finishing the adapter and reports", flush=True)

        for signum, handler in ((signal.SIGINT, on_sigint), (signal.SIGTERM, on_sigterm)):
            try:
                self._previous[signum] = signal.signal(signum, handler)
            except ValueError:  # not the main thread: leave signals alone
                return

    def setup(self, trainer: L.Trainer, pl_module: L.LightningModule, stage: str) -> None:
        if stage == "fit":
            self._stop_requested = self._training_done = False
            self._install_handlers(trainer)

    def on_train_end(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        self._training_done = True

    def teardown(self, trainer: L.Trainer, pl_module: L.LightningModule, stage: str) -> None:
        self._restore_handlers()

    def _restore_handlers(self) -> None:
        for signum, handler in self._previous.items():
            if handler is not None:
                signal.signal(signum, handler)
        self._previous = {}

    def on_validation_batch_end(self, trainer: L.Trainer, pl_module: L.LightningModule, outputs: Any, batch: Any,
                                batch_idx: int, dataloader_idx: int = 0) -> None:
        """A stop asked for during fit's validation waits for the validation's end.

        Lightning would stop after the current validation batch; the epoch's scores, its
        checkpoint and early stopping would then be missing, and a resumed run would skip them
        (it treats a checkpoint saved on an epoch's last batch as validated). Validation is short.
        """
        if trainer.received_sigterm and trainer.state.fn == TrainerFn.FITTING and not trainer.sanity_checking:
            trainer._signal_connector.received_sigterm = False
            self._held_during_validation = True

    def on_validation_end(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        if self._held_during_validation:
            self._held_during_validation = False
            trainer._signal_connector.received_sigterm = True  # raised after validation, where it is safe

    def on_exception(self, trainer: L.Trainer, pl_module: L.LightningModule, exception: BaseException) -> None:
        self._restore_handlers()
        if not isinstance(exception, SIGTERMException):
            return
        self.signal_name = self.signal_name or "SIGTERM"
        # The exit code the command ends with (Lightning raises the same SIGTERMException for both):
        # 130 for Ctrl-C, as shells expect of SIGINT; 143 for SIGTERM.
        exception.code = 130 if self.signal_name == "SIGINT" else 143
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

    def on_load_checkpoint(self, trainer: L.Trainer, pl_module: L.LightningModule, checkpoint: dict[str, Any]) -> None:
        """A mid-epoch checkpoint: have the loader skip the batches that epoch already trained on."""
        progress = checkpoint.get("loops", {}).get("fit_loop", {}).get("epoch_loop.batch_progress", {})
        done = progress.get("current", {}).get("completed", 0)
        if done and not progress.get("is_last_batch", True) and hasattr(trainer.datamodule, "resume_from"):
            trainer.datamodule.resume_from(checkpoint["epoch"], done)  # used when the loader is built
            log.info("Resuming epoch %d after batch %d", checkpoint["epoch"] + 1, done)

    def on_train_start(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        if self._rng_to_restore is not None:
            torch.set_rng_state(self._rng_to_restore["torch"])
            random.setstate(self._rng_to_restore["python"])
            self._rng_to_restore = None
