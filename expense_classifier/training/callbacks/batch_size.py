"""RAM-adaptive batch size: decide before the loaders exist, back off before the OOM killer acts."""

from __future__ import annotations

import logging
from collections.abc import Callable

import lightning as L
import torch

from expense_classifier.data.batching import ResizableBatchSampler
from expense_classifier.resources import (
    GB,
    BatchDecision,
    available_ram_bytes,
    choose_batch_size,
    machine_info,
    process_rss,
)

log = logging.getLogger(__name__)

# Backward needs about as much again as the activations forward saved (their gradients).
BACKWARD_OVERHEAD = 2.0
# What a fit adds beyond the batch itself (Lightning's loops, logger, metrics, optimizer state,
# allocator caching). Measured as peak RSS minus (RSS at probe + batch cost): 125 MB with
# all-MiniLM-L6-v2, 160 MB with the 1-layer test model; rounded up.
RUNTIME_ALLOWANCE_BYTES = 256 * 1024**2


def measure_bytes_per_sample(module: torch.nn.Module, batch: dict[str, torch.Tensor]) -> float:
    """Bytes autograd keeps per sample for backward, measured on one real forward pass.

    Counts each saved tensor's storage once and leaves out the parameters, which exist anyway.
    """
    params = {p.untyped_storage().data_ptr() for p in module.parameters()}
    storages: dict[int, int] = {}

    def pack(tensor: torch.Tensor) -> torch.Tensor:
        storage = tensor.untyped_storage()
        if storage.data_ptr() not in params:
            storages[storage.data_ptr()] = storage.nbytes()
        return tensor

    was_training = module.training
    module.train()
    with torch.autograd.graph.saved_tensors_hooks(pack, lambda tensor: tensor):
        logits = module(batch["input_ids"], batch["attention_mask"])
        loss = torch.nn.functional.cross_entropy(logits, batch["labels"])
    loss.backward()
    module.zero_grad(set_to_none=True)
    module.train(was_training)
    return sum(storages.values()) / len(batch["labels"])


class ResourceAwareBatchSize(L.Callback):
    """Choose the batch size from free memory, and halve it at run time if RAM runs short.

    Args:
        mode: which row of the original guide's table is the baseline ("quick", "standard", "full").
        policy: "measured" probes one forward/backward on the longest items to size the batch;
            "table" uses the guide's table as it is.
        max_batch_size: the largest batch the measured policy picks.
        safe_share: share of free memory the projected peak may use.
        min_available_gb: below this much free RAM during fit, halve the batch and double
            gradient accumulation so the effective batch stays the same.
        check_every_n_steps: how often to read free RAM during fit.
        simulate_available_gb: pretend free RAM is this much from `simulate_from_step` on, to see
            the back-off happen without starving the machine.
        simulate_from_step: the optimizer step from which the simulated reading applies.
        adapt_log_interval: set the trainer's logging interval from the chosen batch size (the
            original guide's max(10, steps_per_epoch // 5)); the CLI turns it on exactly when
            --trainer.log_every_n_steps is not given (a link in `ExpenseCLI`).

    Publishes `decision` (a `BatchDecision`), `projected_peak_bytes` and `backoffs`, and says them
    in `facts()`. Sets the datamodule's `batch_size`, the attribute Lightning's own batch-size
    finder sets too.
    """

    def __init__(
        self,
        mode: str = "quick",
        policy: str = "measured",
        max_batch_size: int = 32,
        safe_share: float = 0.5,
        min_available_gb: float = 1.0,
        check_every_n_steps: int = 5,
        simulate_available_gb: float | None = None,
        simulate_from_step: int = 0,
        adapt_log_interval: bool = False,
    ) -> None:
        if policy not in {"measured", "table"}:
            raise ValueError(f"policy must be 'measured' or 'table', got {policy!r}")
        self.mode = mode
        self.policy = policy
        self.max_batch_size = max_batch_size
        self.safe_share = safe_share
        self.min_available_gb = min_available_gb
        self.check_every_n_steps = check_every_n_steps
        self.simulate_available_gb = simulate_available_gb
        self.simulate_from_step = simulate_from_step
        self.available_ram: Callable[[], int] = available_ram_bytes
        self.decision: BatchDecision | None = None
        self.projected_peak_bytes: int | None = None
        self.prefix_cache_bytes = 0  # what the frozen-prefix cache will hold, reserved in the decision
        self.backoffs: list[tuple[int, int, int]] = []  # (global step, new batch, accumulation)
        self._pending_backoff = False
        self.adapt_log_interval = adapt_log_interval

    def facts(self) -> dict[str, int | float | str]:
        """The batch-size decision and any back-offs (see callbacks/facts.py)."""
        if self.decision is None:
            return {}
        facts = {"batch_size": self.decision.batch_size, "batch_policy": self.decision.policy,
                 "batch_reason": self.decision.reason, "backoffs": len(self.backoffs)}
        if self.projected_peak_bytes is not None:
            facts["projected_peak_gb"] = round(self.projected_peak_bytes / GB, 3)
        if self.prefix_cache_bytes:
            facts["prefix_cache_reserved_mb"] = round(self.prefix_cache_bytes / 1024**2, 1)
        return facts

    # -- the decision before training -----------------------------------------------------------

    def _probe_batch(self, datamodule: L.LightningDataModule, size: int) -> dict[str, torch.Tensor]:
        dataset = datamodule.datasets["train"]
        longest = sorted(range(len(dataset)), key=lambda i: len(dataset[i][0]), reverse=True)[:size]
        return datamodule.collate([dataset[i] for i in longest])

    def decide(self, trainer: L.Trainer, pl_module: L.LightningModule) -> BatchDecision:
        datamodule = trainer.datamodule
        user = datamodule.batch_size if datamodule.batch_size_is_explicit else None
        info = machine_info()
        on_gpu = trainer.strategy.root_device.type == "cuda"
        if on_gpu and info.gpu_free_bytes:
            free = info.gpu_free_bytes
        else:  # processes on this machine (DDP) share its RAM
            free = self.available_ram() // max(1, trainer.num_devices)
        if user is not None or self.policy == "table" or "train" not in datamodule.datasets:
            return choose_batch_size(self.mode, free, user_batch_size=user)
        probe = self._probe_batch(datamodule, min(8, len(datamodule.datasets["train"])))
        per_sample = measure_bytes_per_sample(pl_module, probe) * BACKWARD_OVERHEAD
        # A frozen, cached prefix keeps hidden states for every train and validation item: counted as fixed.
        tokens = sum(len(ids) for name in ("train", "val") if name in datamodule.datasets
                     for ids in datamodule.datasets[name].input_ids)
        self.prefix_cache_bytes = getattr(pl_module, "prefix_cache_bytes", lambda tokens: 0)(tokens)
        decision = choose_batch_size(
            self.mode, free, bytes_per_sample=per_sample, fixed_bytes=RUNTIME_ALLOWANCE_BYTES + self.prefix_cache_bytes,
            cap=self.max_batch_size, safe_share=self.safe_share,
        )
        if on_gpu:
            decision = BatchDecision(decision.batch_size, "gpu", decision.reason + " (GPU memory)")
        self.projected_peak_bytes = int(process_rss(include_children=False) + RUNTIME_ALLOWANCE_BYTES
                                        + self.prefix_cache_bytes + decision.batch_size * per_sample)
        return decision

    def setup(self, trainer: L.Trainer, pl_module: L.LightningModule, stage: str) -> None:
        datamodule = trainer.datamodule
        if datamodule is None or not hasattr(datamodule, "batch_size_is_explicit"):
            return
        if self.decision is None or stage == "fit":
            self.decision = self.decide(trainer, pl_module)
            self.backoffs = []
        # The test after a fit that backed off keeps the smaller batch: the RAM it was halved for is still short.
        datamodule.batch_size = self.backoffs[-1][1] if self.backoffs else self.decision.batch_size
        if stage == "fit" and self.adapt_log_interval and "train" in datamodule.datasets:
            steps_per_epoch = max(1, len(datamodule.datasets["train"]) // self.decision.batch_size)
            limit = trainer.limit_train_batches  # a count of batches, or a share of them (1.0: all)
            if isinstance(limit, int):
                steps_per_epoch = max(1, min(steps_per_epoch, limit))
            elif limit is not None and limit < 1.0:
                steps_per_epoch = max(1, int(steps_per_epoch * limit))
            # The guide's rule, but never longer than an epoch, so small data still logs steps.
            trainer.log_every_n_steps = min(steps_per_epoch, max(10, steps_per_epoch // 5))

    # -- back-off during training -----------------------------------------------------------------

    def _sampler(self, trainer: L.Trainer) -> ResizableBatchSampler | None:
        loader = trainer.train_dataloader
        sampler = getattr(loader, "batch_sampler", None)
        return sampler if isinstance(sampler, ResizableBatchSampler) else None

    def free_ram_during_fit(self, trainer: L.Trainer) -> float:
        if self.simulate_available_gb is not None and trainer.global_step >= self.simulate_from_step:
            return self.simulate_available_gb * GB
        return self.available_ram()

    def on_train_batch_end(  # noqa: D102
        self, trainer: L.Trainer, pl_module: L.LightningModule, outputs: object, batch: object, batch_idx: int
    ) -> None:
        sampler = self._sampler(trainer)
        if sampler is None or sampler.batch_size <= 1:
            return
        if not self._pending_backoff and (batch_idx + 1) % self.check_every_n_steps == 0:
            low = self.free_ram_during_fit(trainer) < self.min_available_gb * GB
            # Every process backs off together, so DDP ranks keep the same accumulation.
            low = trainer.strategy.reduce_boolean_decision(low, all=False)
            if low and trainer.datamodule.batch_size_is_explicit:
                log.warning("Free RAM is below %.1f GB, but batch size %d was set by you: keeping it",
                            self.min_available_gb, sampler.batch_size)
                self.check_every_n_steps = 10**9  # said once
                return
            self._pending_backoff = low
        accumulation = trainer.accumulate_grad_batches
        # Apply at an accumulation boundary of the doubled window, so no step mixes sizes.
        if self._pending_backoff and (batch_idx + 1) % (2 * accumulation) == 0:
            self._pending_backoff = False
            self._halve(trainer, sampler, batch_idx)

    def _halve(self, trainer: L.Trainer, sampler: ResizableBatchSampler, batch_idx: int) -> None:
        sampler.batch_size //= 2
        trainer.datamodule.batch_size = sampler.batch_size
        trainer.accumulate_grad_batches *= 2
        set_epoch_length(trainer, sampler.batches_this_epoch())
        self.backoffs.append((trainer.global_step, sampler.batch_size, trainer.accumulate_grad_batches))
        log.warning(
            "Free RAM fell below %.1f GB: batch size halved to %d, gradient accumulation %d "
            "(effective batch unchanged)",
            self.min_available_gb, sampler.batch_size, trainer.accumulate_grad_batches,
        )

    def on_train_epoch_start(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        sampler = self._sampler(trainer)
        if sampler is not None and self.backoffs:
            set_epoch_length(trainer, len(sampler))


def set_epoch_length(trainer: L.Trainer, batches: int) -> None:
    """Tell Lightning this epoch now has `batches` batches, validation still after the last one.

    Lightning has no public way to change an epoch's length once it has begun: it keeps the count
    in the fit loop, the combined loader's limits and the data fetcher. All three are set here.
    """
    fit_loop = trainer.fit_loop
    old = fit_loop.max_batches
    fit_loop.max_batches = batches
    if trainer.val_check_batch == old:
        trainer.val_check_batch = batches
    combined = getattr(fit_loop, "_combined_loader", None)
    if combined is not None and combined.limits is not None:
        combined.limits = [batches for _ in combined.limits]
    fetcher = getattr(fit_loop, "_data_fetcher", None)
    if fetcher is not None and getattr(fetcher, "length", None) is not None:
        fetcher.length = batches
