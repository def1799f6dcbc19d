"""Training precision chosen for this machine: on CPU, bf16 autocast only where the CPU has it and a timed step pays.

bf16 autocast is 1.3x faster per step on a CPU with native bf16 (AVX512-BF16, AMX) at 16 tokens, and
slower on one without, where every bf16 product is emulated, or for a tiny model, where casting costs
more than the matmuls save. So on CPU the probe first reads the CPU's own capability as torch reports
it (`torch.cpu._is_avx512_bf16_supported`, `_is_amx_tile_supported`): without native bf16 it stays in
fp32 and times nothing. Otherwise it times a training step on typical items both ways, interleaved
and repeated, and compares the fastest of each (a busy machine slows some steps, never speeds one
up), keeping fp32 unless bf16 wins by a margin. On CUDA the rule is bf16 where the GPU has it, else
fp16. A run that continues another (a resume, `learn` from a parent adapter) inherits its precision
instead of measuring again, and says so. Lightning fixes the precision when the Trainer is built,
before the model and data exist, so the chosen plugin is put on the strategy here, before the loops.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import lightning as L
import torch
from lightning.pytorch.plugins.precision import MixedPrecision, Precision

from expense_classifier.resources import auto_precision, machine_info, native_bf16

CPU_PRECISIONS = ("32-true", "bf16-mixed")


@dataclass(frozen=True)
class PrecisionDecision:
    precision: str
    source: str  # "measured", "cpu capability", "inherited", "checkpoint", "gpu", "user"
    reason: str


def decide_cpu(native: bool | None, fp32_seconds: list[float], bf16_seconds: list[float],
               min_speedup: float) -> PrecisionDecision:
    """bf16 autocast when the CPU may have it and the fastest bf16 step beats the fastest fp32 one by the margin."""
    if native is False:
        return PrecisionDecision("32-true", "cpu capability", "this CPU has no native bf16 (AVX512-BF16, AMX)")
    fp32, bf16 = min(fp32_seconds), min(bf16_seconds)
    speedup = fp32 / bf16
    precision = "bf16-mixed" if speedup >= min_speedup else "32-true"
    reason = (f"fastest of {len(fp32_seconds)} training steps: {1000 * fp32:.0f} ms in fp32, {1000 * bf16:.0f} ms "
              f"in bf16 autocast, {speedup:.2f}x; bf16 needs {min_speedup}x")
    return PrecisionDecision(precision, "measured", reason)


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
    """Choose the training precision: from the CPU's capability and a timed step on CPU, by the GPU's support on CUDA.

    Runs after `ResourceAwareBatchSize.setup` (listed after it), to time a batch of the chosen size.

    Args:
        auto: decide; the CLI turns it on exactly when --trainer.precision is not given.
        min_speedup: how much faster a bf16 step must be to be chosen on CPU.
        repeats: timed steps per precision, interleaved, after one warm-up each (the fastest counts).
        inherit: the precision of the run this one continues (`learn` passes its parent adapter's): used
            instead of measuring.
        resuming: this fit resumes a checkpoint (the CLI sets it with --ckpt_path): its precision is used.

    Publishes `precision`, where the decision came from (`precision_source`) and the measured step
    times in `facts()`; a resumed run keeps the precision its checkpoint was trained with (saved in
    the callback's state).
    """

    def __init__(self, auto: bool = False, min_speedup: float = 1.15, repeats: int = 3,
                 inherit: str | None = None, resuming: bool = False) -> None:
        self.auto = auto
        self.min_speedup = min_speedup
        self.repeats = repeats
        self.inherit = inherit
        self.resuming = resuming
        self.decision: PrecisionDecision | None = None
        self.seconds: dict[str, float] = {}
        self._restored: str | None = None
        self._awaiting_checkpoint = False

    @property
    def precision(self) -> str | None:
        return self.decision.precision if self.decision else None

    def _time_steps(self, trainer: L.Trainer, pl_module: L.LightningModule) -> tuple[list[float], list[float]] | None:
        datamodule = trainer.datamodule
        if "train" not in getattr(datamodule, "datasets", {}):
            return None
        items = typical_items(datamodule, datamodule.batch_size or 32)  # after ResourceAwareBatchSize.setup
        batch = datamodule.collate(items)
        prefix = getattr(pl_module, "frozen_prefix", None)
        if prefix is not None:  # time the step training will take: the frozen layers come from the cache
            prefix.fill([ids for ids, _ in items])
            prefix.caching = True
        modes = {module: module.training for module in pl_module.modules()}  # put back exactly, after
        pl_module.train()
        times: dict[bool, list[float]] = {False: [], True: []}
        with torch.random.fork_rng(devices=[]):  # the probe's dropout draws leave training's random stream as it was
            for repeat in range(self.repeats + 1):
                for bf16 in (False, True):  # interleaved: a burst of load slows both, not one
                    seconds = step_seconds(pl_module, batch, bf16)
                    if repeat:
                        times[bf16].append(seconds)
        for module, training in modes.items():
            module.training = training
        if prefix is not None:
            prefix.caching = False
        self.seconds = {"fp32_step_ms": round(1000 * min(times[False]), 3),
                        "bf16_step_ms": round(1000 * min(times[True]), 3)}
        return times[False], times[True]

    def _decide_fresh(self, trainer: L.Trainer, pl_module: L.LightningModule) -> PrecisionDecision | None:
        device = trainer.strategy.root_device.type
        if device == "cuda":
            return PrecisionDecision(auto_precision(machine_info()), "gpu", "what this GPU supports")
        if device != "cpu":
            return None
        native = native_bf16()
        if native is False:
            return decide_cpu(native, [], [], self.min_speedup)
        times = self._time_steps(trainer, pl_module)
        if times is None:
            return PrecisionDecision("32-true", "measured", "no training data to time a step on")
        return decide_cpu(native, *times, self.min_speedup)

    def _apply(self, trainer: L.Trainer, decision: PrecisionDecision) -> None:
        # Every DDP process trains in rank 0's choice: timings differ between processes, the precision may not.
        precision = trainer.strategy.broadcast(decision.precision)
        if precision != decision.precision:
            decision = PrecisionDecision(precision, decision.source, "rank 0's decision")
        self.decision = decision  # SystemMonitor's banner prints it, with the reason
        if precision == trainer.precision:
            return
        device = "cuda" if trainer.strategy.root_device.type == "cuda" else "cpu"
        trainer.strategy.precision_plugin = Precision() if precision == "32-true" else MixedPrecision(precision, device)

    def _usable(self, trainer: L.Trainer, precision: str | None) -> bool:
        return bool(precision) and (trainer.strategy.root_device.type != "cpu" or precision in CPU_PRECISIONS)

    def setup(self, trainer: L.Trainer, pl_module: L.LightningModule, stage: str) -> None:
        if stage != "fit" or self.decision is not None:
            return
        if not self.auto:
            self.decision = PrecisionDecision(trainer.precision, "user", "set by you (--trainer.precision)")
            return
        if self._usable(trainer, self.inherit):
            self._apply(trainer, PrecisionDecision(self.inherit, "inherited",
                                                   "inherited from the adapter this run continues; not measured"))
        elif self.resuming or trainer.ckpt_path:  # the checkpoint's precision, read after setup, applied at fit start
            self._awaiting_checkpoint = True
        else:
            decision = self._decide_fresh(trainer, pl_module)
            if decision is not None:
                self._apply(trainer, decision)

    def on_fit_start(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        """A resumed run continues in the precision it was trained with, whatever today's timing would say."""
        restored, awaiting = self._restored, self._awaiting_checkpoint
        self._restored, self._awaiting_checkpoint = None, False
        if not self.auto:
            return
        if self._usable(trainer, restored):
            self._apply(trainer, PrecisionDecision(restored, "checkpoint",
                                                   "inherited from the checkpoint this run resumes; not measured"))
        elif awaiting:  # a checkpoint that records none: decide as a new run would
            decision = self._decide_fresh(trainer, pl_module)
            if decision is not None:
                self._apply(trainer, decision)

    def state_dict(self) -> dict[str, Any]:
        return {"precision": self.precision} if self.precision else {}

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        self._restored = state_dict.get("precision")

    def facts(self) -> dict[str, float | str]:
        """The chosen precision, where the choice came from, and the timings behind it (see callbacks/facts.py)."""
        if self.decision is None:
            return {}
        return {"precision": self.decision.precision, "precision_source": self.decision.source, **self.seconds}
