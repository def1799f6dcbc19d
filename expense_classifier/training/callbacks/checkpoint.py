"""ModelCheckpoint whose file names count epochs from 1, as the progress bar, plots and summary card do."""

from __future__ import annotations

from lightning.pytorch.callbacks import ModelCheckpoint
from torch import Tensor


class EpochCountedCheckpoint(ModelCheckpoint):
    """`{epoch_number}` in `filename` is the epoch counted from 1 (`{epoch}` stays Lightning's index from 0)."""

    def format_checkpoint_name(self, metrics: dict[str, Tensor], filename: str | None = None,
                               ver: int | None = None, prefix: str | None = None) -> str:
        if "epoch" in metrics:
            metrics = {**metrics, "epoch_number": int(metrics["epoch"]) + 1}
        return super().format_checkpoint_name(metrics, filename=filename, ver=ver, prefix=prefix)

    @property
    def state_key(self) -> str:
        """Lightning's key for this callback's state in a checkpoint: ModelCheckpoint's, so checkpoints
        written before this subclass (or read by tools that look for it) still resume."""
        return super().state_key.replace(type(self).__qualname__, "ModelCheckpoint", 1)
