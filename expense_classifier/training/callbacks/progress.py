"""Lightning's progress bar, with short metric names and no version number: one line in an 80-column terminal."""

from __future__ import annotations

from typing import Any

import lightning as L
from lightning.pytorch.callbacks import RichProgressBar, TQDMProgressBar

# What the bar shows, under which name; everything else logged with prog_bar stays in the logs only.
SHOWN = {"train/loss_step": "loss", "train/acc": "acc", "val/acc": "val_acc"}


class _CompactMetrics:
    def get_metrics(self, trainer: L.Trainer, pl_module: L.LightningModule) -> dict[str, Any]:
        items = super().get_metrics(trainer, pl_module)  # Lightning's documented place to choose the items
        return {SHOWN[key]: value for key, value in items.items() if key in SHOWN}


def epoch_description(trainer: L.Trainer) -> str:
    """"Epoch 4/4" for the fourth of four: counted from 1, as the plots, summary card and checkpoints count."""
    total = f"/{trainer.max_epochs}" if trainer.max_epochs not in (None, -1) else ""
    return f"Epoch {trainer.current_epoch + 1}{total}"


class CompactRichProgressBar(_CompactMetrics, RichProgressBar):
    """The rich bar (Lightning's default where rich is installed): description, a short bar, batches, metrics."""

    def _get_train_description(self, current_epoch: int) -> str:  # Lightning's hook for the bar's text
        description = epoch_description(self.trainer)
        return f"{description:{len(self.validation_description)}}"

    def configure_columns(self, trainer: L.Trainer) -> list:
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn

        return [TextColumn("[progress.description]{task.description}"),
                BarColumn(bar_width=12, complete_style=self.theme.progress_bar,
                          finished_style=self.theme.progress_bar_finished, pulse_style=self.theme.progress_bar_pulse),
                MofNCompleteColumn()]


class CompactTQDMProgressBar(_CompactMetrics, TQDMProgressBar):
    """The tqdm bar (Lightning's default otherwise)."""

    def on_train_epoch_start(self, trainer: L.Trainer, *args: Any) -> None:
        super().on_train_epoch_start(trainer, *args)
        self.train_progress_bar.set_description(epoch_description(trainer))


def compact_progress_bar(trainer: L.Trainer) -> None:
    """Swap Lightning's default bar for its compact twin; a bar the user chose is left alone."""
    for index, callback in enumerate(trainer.callbacks):
        if type(callback) is RichProgressBar:
            trainer.callbacks[index] = CompactRichProgressBar()
        elif type(callback) is TQDMProgressBar:
            trainer.callbacks[index] = CompactTQDMProgressBar()
