"""Write the trained LoRA adapter, tokenizer and label map: what inference loads."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import lightning as L
import torch

from expense_classifier.artifacts import METADATA_FILE, atomic_directory, publish_directory
from expense_classifier.inference.calibration import calibrate, collect_logits
from expense_classifier.training.callbacks.paths import run_dir

log = logging.getLogger(__name__)

DATA_KEYS = ("train_path", "val_path", "test_path", "text_column", "label_column", "num_samples", "val_fraction",
             "test_fraction", "max_eval_items", "seed", "drop_duplicates")


def training_data_record(hparams: dict) -> dict:
    """The datamodule settings that define the training and validation split, with absolute paths."""
    record = {key: hparams.get(key) for key in DATA_KEYS}
    for key in ("train_path", "val_path", "test_path"):
        if record[key] is not None:
            record[key] = str(Path(record[key]).resolve())
    return record


class AdapterExport(L.Callback):
    """At the end of fit, write `<log_dir>/adapter/` from the best checkpoint's weights.

    Args:
        dirname: directory name inside the run's log directory.
        use_best: load the best checkpoint (by the checkpoint callback's monitor) before export.
        calibrate: fit a softmax temperature on the validation split (stored with the adapter and used
            by `Categorizer`), so that a confidence of 0.9 means right about 9 times in 10.
    """

    def __init__(self, dirname: str = "adapter", use_best: bool = True, calibrate: bool = True) -> None:
        self.dirname = dirname
        self.use_best = use_best
        self.calibrate = calibrate
        self.path: Path | None = None
        self.temperature: float | None = None
        self.size_mb: float | None = None

    def facts(self) -> dict[str, float]:
        """The written adapter's calibration and size (see callbacks/facts.py)."""
        if self.path is None:
            return {}
        return {"temperature": round(self.temperature, 4), "adapter_mb": round(self.size_mb, 2)}

    def _calibrate(self, trainer: L.Trainer, pl_module: L.LightningModule) -> float:
        """Temperature scaling on the validation logits of the exported weights; 1.0 when off or no split."""
        if not self.calibrate or not trainer.datamodule.splits.get("val") or trainer.limit_val_batches == 0:
            return 1.0
        logits, labels = collect_logits(pl_module, trainer.datamodule.val_dataloader())
        result = calibrate(logits, labels)
        if result.kept:
            log.info("Calibrated: temperature %.2f lowers validation NLL %.3f -> %.3f (ECE %.3f -> %.3f over %d items)",
                     result.temperature, result.nll_before, result.nll_after, result.ece_before, result.ece_after,
                     len(labels))
        else:
            log.info("Calibration: no temperature kept (the fitted %.2f would not lower validation NLL %.3f)",
                     result.fitted, result.nll_before)
        return result.temperature

    def on_fit_end(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        if trainer.fast_dev_run or trainer.interrupted:
            return
        best = getattr(trainer.checkpoint_callback, "best_model_path", "")
        if self.use_best and not best and trainer.is_global_zero:
            log.info("No validation ran: no early stopping and no best checkpoint; the adapter is the last weights")
        if self.use_best and best:
            state = torch.load(best, map_location="cpu", weights_only=True)["state_dict"]
            pl_module.load_trained_state(state)
            if trainer.is_global_zero:
                log.info("Adapter taken from the best checkpoint: %s", Path(best).name)
        target = run_dir(trainer) / self.dirname
        if not trainer.is_global_zero:
            return
        temperature = self._calibrate(trainer, pl_module)
        tmp = atomic_directory(target)
        try:
            pl_module.save_adapter(tmp)
            trainer.datamodule.tokenizer.save_pretrained(str(tmp))
            meta = {
                "id2label": {str(k): v for k, v in pl_module.id2label.items()},
                "backbone": pl_module.hparams.backbone,
                "resolved_backbone": pl_module.backbone_used.display_name,
                "max_length": trainer.datamodule.hparams.max_length,
                "temperature": temperature,
                "precision": trainer.precision,  # what it was trained in: `learn` continues in the same
                # What it was trained on, so `learn` can replay a sample of it.
                "data": training_data_record(trainer.datamodule.hparams),
            }
            (tmp / METADATA_FILE).write_text(json.dumps(meta, indent=2))
            publish_directory(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        self.path, self.temperature = target, temperature
        self.size_mb = sum(f.stat().st_size for f in target.glob("adapter_model*")) / 1024**2
        log.info("Adapter written to %s (%.1f MB)", target, self.size_mb)
