"""Write `predict` results next to the run whose checkpoint made them."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import lightning as L
import torch
from lightning.pytorch.callbacks import BasePredictionWriter

from expense_classifier.inference.categorizer import rank_predictions
from expense_classifier.reporting.outputs import CategorizedRow, output_rows, write_results
from expense_classifier.training.callbacks.paths import run_dir

log = logging.getLogger(__name__)


class PredictionFileWriter(BasePredictionWriter):
    """Collect `predict` probabilities and write them as JSON/CSV rows with top-k categories.

    Args:
        filename: file name (.json or .csv), written in the checkpoint's run directory, or the
            trainer's log directory when predicting without a checkpoint.
        top_k: ranked categories kept per item.
    """

    def __init__(self, filename: str = "predictions.csv", top_k: int = 2) -> None:
        super().__init__(write_interval="epoch")
        self.filename = filename
        self.top_k = top_k
        self.path: Path | None = None

    def write_on_epoch_end(
        self, trainer: L.Trainer, pl_module: L.LightningModule, predictions: Sequence[Any],
        batch_indices: Sequence[Any],
    ) -> None:
        directory = run_dir(trainer)
        if not trainer.is_global_zero or not predictions:
            return
        probs = torch.cat(list(predictions))
        records = trainer.datamodule.predict_records
        texts = [r["item"] for r in records]
        ranked = rank_predictions(texts, probs, pl_module.id2label, self.top_k)
        if trainer.ckpt_path:
            directory = Path(trainer.ckpt_path).resolve().parent.parent
        rows = [CategorizedRow({"item": p.item}, p) for p in ranked]
        self.path = write_results(directory / self.filename, output_rows(rows, ["item"]))
        log.info("Predictions for %d items written to %s", len(ranked), self.path)
