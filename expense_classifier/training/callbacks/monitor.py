"""System banner at start, memory scalars during fit, peak RSS at the end."""

from __future__ import annotations

import logging
import time

import lightning as L
from lightning.pytorch.utilities import rank_zero_only

from expense_classifier.resources import (
    GB,
    BatchDecision,
    available_ram_bytes,
    machine_info,
    peak_rss_bytes,
    process_rss,
)
from expense_classifier.training.callbacks.batch_size import ResourceAwareBatchSize
from expense_classifier.training.callbacks.facts import find_callback

log = logging.getLogger(__name__)


def batch_decision(trainer: L.Trainer) -> BatchDecision | None:
    callback = find_callback(trainer, ResourceAwareBatchSize)
    return callback.decision if callback is not None else None


class SystemMonitor(L.Callback):
    """Print what the machine has and what was chosen, once; log memory every N steps; time the training.

    `fit_seconds` runs from fit start to the end of the training loop (validation and checkpoints
    included, as Hugging Face's `train_runtime`); calibration, adapter export and reports come after.

    Args:
        log_every_n_steps: how often to log process RSS and free RAM; None: the trainer's interval.
    """

    def __init__(self, log_every_n_steps: int | None = None) -> None:
        self.log_every_n_steps = log_every_n_steps
        self.started = 0.0
        self.summary: dict[str, float] = {}

    def _banner_lines(self, trainer: L.Trainer) -> list[str]:
        info = machine_info()
        datamodule = trainer.datamodule
        settings = datamodule.loader_settings() if hasattr(datamodule, "loader_settings") else {}
        accelerator = info.gpu_name if info.accelerator == "cuda" else info.accelerator.upper()
        lines = [
            "=" * 60,
            "System Resources:",
            f"  CPU Cores: {info.cpu_cores}",
            f"  RAM: {info.ram_total_bytes / GB:.1f} GB total, {info.ram_available_bytes / GB:.1f} GB available",
            f"  Accelerator: {accelerator} (training on {trainer.strategy.root_device.type}, "
            f"{trainer.world_size} process{'es' if trainer.world_size > 1 else ''})",
            f"  Precision: {trainer.precision}",
        ]
        decision = batch_decision(trainer)
        if decision is not None:
            reason = "set by you" if decision.policy == "user" else decision.reason
            lines.append(f"  Batch size: {decision.batch_size} ({reason})")
        if settings:
            lines.append(
                f"  Loader: {settings['num_workers']} workers, pin_memory={settings['pin_memory']}, "
                f"persistent_workers={settings['persistent_workers']}"
                + (" (pre-tokenized data: no worker process needed on CPU)"
                   if settings["num_workers"] == 0 and trainer.strategy.root_device.type == "cpu" else "")
            )
        lines.append(f"  Logging every {trainer.log_every_n_steps} steps")
        lines.append("=" * 60)
        return lines

    @rank_zero_only
    def on_fit_start(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        self.started = time.perf_counter()
        print("\n".join(self._banner_lines(trainer)), flush=True)

    def on_train_batch_end(
        self, trainer: L.Trainer, pl_module: L.LightningModule, outputs: object, batch: object, batch_idx: int
    ) -> None:
        every = self.log_every_n_steps or trainer.log_every_n_steps
        if every and (trainer.global_step % every == 0) and trainer.loggers and trainer.is_global_zero:
            metrics = {
                "memory/process_rss_gb": process_rss() / GB,
                "memory/available_ram_gb": available_ram_bytes() / GB,
                "memory/batch_size": float(trainer.datamodule.batch_size or 0),
            }
            for logger in trainer.loggers:
                logger.log_metrics(metrics, step=trainer.global_step)

    def facts(self) -> dict[str, float]:
        """Training time and peak memory (see callbacks/facts.py)."""
        return {"peak_rss_gb": round(self.summary["peak_rss_gb"], 3),
                "fit_seconds": round(self.summary["fit_seconds"], 2)} if self.summary else {}

    def on_train_end(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        """Peak memory of training itself, read before reports and export add their own."""
        self.summary = {
            "peak_rss_gb": peak_rss_bytes() / GB,
            "fit_seconds": time.perf_counter() - self.started if self.started else 0.0,
        }
        if trainer.is_global_zero:
            log.info("Fit finished in %.1f s; peak RSS %.2f GB",
                     self.summary["fit_seconds"], self.summary["peak_rss_gb"])
