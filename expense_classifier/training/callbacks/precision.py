"""Training precision chosen for this machine: on CPU, bf16 autocast only where a timed step says it pays.

bf16 autocast is 1.3x faster per step here (a Xeon with AMX-BF16) at 16 tokens, and slower on a CPU
without native bf16 or for a tiny model, where casting costs more than the matmuls save. So on CPU
the probe times a training step on typical items both ways and keeps fp32 unless bf16 wins by a
margin; on CUDA the rule is bf16 where the GPU has it, else fp16. Lightning fixes the precision
when the Trainer is built, before the model and data exist, so the chosen plugin is put on the
strategy here, at setup, before the loops run.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import lightning as L
import torch
from lightning.pytorch.plugins.precision import MixedPrecision, Precision

from expense_classifier.resources import auto_precision, machine_info

log = logging.getLogger(__name__)


def typical_items(datamodule: L.LightningDataModule, size: int) -> list[tuple[torch.Tensor, int]]:
    """The items around the median length: a typical batch, as length-grouped batching forms them."""
    dataset = datamodule.datasets["train"]
    by_length = sorted(range(len(dataset)), key=lambda i: len(dataset[i][0]))
    start = max(0, min(len(by_length) - size, len(by_length) // 2 - size // 2))
    return [dataset[i] for i in by_length[start : start + size]]


def step_seconds(module: torch.nn.Module, batch: dict[str, torch.Tensor], bf16: bool) -> float:
    """Wall time of one forward and backward on `batch`, with or without bf16 autocast."""
    started = time.perf_counter()
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        logits = module(batch["input_ids"], batch["attention_mask"])
        loss = torch.nn.functional.cross_entropy(logits.float(), batch["labels"])
    loss.backward()
    module.zero_grad(set_to_none=True)
    return time.perf_counter() - started


class MeasuredPrecision(L.Callback):
    """Choose the training precision: measured on CPU, by the GPU's support on CUDA.

    Runs after `ResourceAwareBatchSize.setup` (listed after it), to time a batch of the chosen size.

    Args:
        auto: decide; the CLI turns it on exactly when --trainer.precision is not given.
        min_speedup: how much faster a bf16 step must be to be chosen on CPU.
        repeats: timed steps per precision, after one warm-up each (the fastest counts).

    Publishes `precision` and the measured step times in `facts()`; a resumed run keeps the
    precision its checkpoint was trained with (saved in the callback's state).
    """

    def __init__(self, auto: bool = False, min_speedup: float = 1.15, repeats: int = 2) -> None:
        self.auto = auto
        self.min_speedup = min_speedup
        self.repeats = repeats
        self.precision: str | None = None
        self.seconds: dict[str, float] = {}
        self._restored: str | None = None

    def _measure_cpu(self, trainer: L.Trainer, pl_module: L.LightningModule) -> str:
        datamodule = trainer.datamodule
        if "train" not in getattr(datamodule, "datasets", {}):
            return "32-true"
        items = typical_items(datamodule, datamodule.batch_size or 32)  # after ResourceAwareBatchSize.setup
        batch = datamodule.collate(items)
        prefix = getattr(pl_module, "frozen_prefix", None)
        if prefix is not None:  # time the step training will take: the frozen layers come from the cache
            prefix.fill([ids for ids, _ in items])
            prefix.caching = True
        was_training = pl_module.training
        pl_module.train()
        times: dict[bool, list[float]] = {False: [], True: []}
        with torch.random.fork_rng(devices=[]):  # the probe's dropout draws leave training's random stream as it was
            for repeat in range(self.repeats + 1):
                for bf16 in (False, True):
                    seconds = step_seconds(pl_module, batch, bf16)
                    if repeat:
                        times[bf16].append(seconds)
        pl_module.train(was_training)
        if prefix is not None:
            prefix.caching = False
        self.seconds = {"fp32_step_ms": round(1000 * min(times[False]), 1),
                        "bf16_step_ms": round(1000 * min(times[True]), 1)}
        faster = min(times[False]) / min(times[True])
        return "bf16-mixed" if faster >= self.min_speedup else "32-true"

    def _apply(self, trainer: L.Trainer, precision: str) -> None:
        self.precision = precision
        if precision == trainer.precision:
            return
        device = "cuda" if trainer.strategy.root_device.type == "cuda" else "cpu"
        trainer.strategy.precision_plugin = Precision() if precision == "32-true" else MixedPrecision(precision, device)

    def setup(self, trainer: L.Trainer, pl_module: L.LightningModule, stage: str) -> None:
        if stage != "fit" or not self.auto or self.precision is not None:
            return
        device = trainer.strategy.root_device.type
        if device == "cuda":
            choice = auto_precision(machine_info())
        elif device == "cpu":
            choice = self._measure_cpu(trainer, pl_module)
        else:
            return
        self._apply(trainer, choice)
        if self.seconds and trainer.is_global_zero:
            log.info("Precision: %s (a training step takes %.0f ms in fp32, %.0f ms in bf16 autocast)",
                     choice, self.seconds["fp32_step_ms"], self.seconds["bf16_step_ms"])

    def on_fit_start(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        """A resumed run continues in the precision it was trained with, whatever today's timing says."""
        if self._restored is not None and self.auto:
            self._apply(trainer, self._restored)
            self._restored = None

    def state_dict(self) -> dict[str, Any]:
        return {"precision": self.precision} if self.precision else {}

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        self._restored = state_dict.get("precision")

    def facts(self) -> dict[str, float | str]:
        """The chosen precision and the timings behind it (see callbacks/facts.py)."""
        return {"precision": self.precision, **self.seconds} if self.precision else {}
