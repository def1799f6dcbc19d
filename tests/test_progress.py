"""The compact progress bar: short names, no version number, and only where Lightning's default bar was."""

from __future__ import annotations

from types import SimpleNamespace

import lightning as L
from lightning.pytorch.callbacks import RichProgressBar

from expense_classifier.training.callbacks.progress import CompactRichProgressBar, compact_progress_bar


def test_the_bar_shows_short_names_and_no_version():
    trainer = SimpleNamespace(loggers=[SimpleNamespace(version=7)],
                              progress_bar_metrics={"train/loss_step": 0.3, "train/loss_epoch": 0.4, "train/acc": 0.9,
                                                    "val/loss": 0.5, "val/acc": 0.8})
    assert CompactRichProgressBar().get_metrics(trainer, None) == {"loss": 0.3, "acc": 0.9, "val_acc": 0.8}


def test_lightnings_default_bar_is_swapped_and_a_chosen_one_kept():
    trainer = L.Trainer(enable_progress_bar=True, logger=False, enable_checkpointing=False)
    assert type(trainer.progress_bar_callback) is RichProgressBar
    compact_progress_bar(trainer)
    assert isinstance(trainer.progress_bar_callback, CompactRichProgressBar)

    class Mine(RichProgressBar):
        pass

    trainer = L.Trainer(callbacks=[Mine()], logger=False, enable_checkpointing=False)
    compact_progress_bar(trainer)
    assert type(trainer.progress_bar_callback) is Mine


def test_epochs_are_counted_from_one_as_the_plots_count_them():
    from expense_classifier.training.callbacks.progress import epoch_description

    assert epoch_description(SimpleNamespace(current_epoch=3, max_epochs=4)) == "Epoch 4/4"
    assert epoch_description(SimpleNamespace(current_epoch=0, max_epochs=-1)) == "Epoch 1"
