"""ExpenseClassifier: a pretrained encoder with LoRA adapters and a fully trained head."""

from __future__ import annotations

import logging
from pathlib import Path

import lightning as L
import torch
from torchmetrics import MetricCollection
from torchmetrics.classification import MulticlassAccuracy, MulticlassF1Score

from expense_classifier.errors import UserInputError
from expense_classifier.inference.backbones import (
    DEFAULT_BACKBONE,
    head_modules,
    load_classifier,
    peft_quietly,
    resolve_backbone,
)
from expense_classifier.inference.backbones import lora_targets as default_lora_targets
from expense_classifier.training.dropout import use_cpu_dropout
from expense_classifier.training.frozen_weights import cast_frozen_linears, drop_casts
from expense_classifier.training.prefix_cache import FrozenPrefix, cache_bytes_estimate, install_frozen_prefix

log = logging.getLogger(__name__)


def continue_from_adapter(model: torch.nn.Module, adapter: Path, id2label: dict[int, str]) -> None:
    """Load an adapter's LoRA and head weights into `model` (a peft model built for `id2label`).

    Head rows follow the category names: a known category keeps its trained row wherever it now
    sits; a new one keeps the fresh row this model was built with. Written by hand: peft loads an
    adapter only into a head of the same size.
    """
    import json

    from peft import get_peft_model_state_dict, set_peft_model_state_dict
    from safetensors.torch import load_file

    from expense_classifier.artifacts import METADATA_FILE

    old_labels = {int(k): v for k, v in json.loads((adapter / METADATA_FILE).read_text())["id2label"].items()}
    state = load_file(str(adapter / "adapter_model.safetensors"))
    fresh = get_peft_model_state_dict(model)
    new_index = {name: i for i, name in id2label.items()}
    for key, value in state.items():
        if value.ndim >= 1 and value.shape[0] == len(old_labels) and key in fresh \
                and fresh[key].shape[0] == len(id2label) and fresh[key].shape[1:] == value.shape[1:]:
            rows = fresh[key].clone()
            for old_id, name in old_labels.items():
                rows[new_index[name]] = value[old_id]
            state[key] = rows
    set_peft_model_state_dict(model, state)


def stage_metrics(num_labels: int) -> MetricCollection:
    return MetricCollection(
        {
            "acc": MulticlassAccuracy(num_labels, average="micro"),
            "f1_macro": MulticlassF1Score(num_labels, average="macro"),
        },
    )


class ExpenseClassifier(L.LightningModule):
    """Sequence classification with LoRA (peft) on a pretrained encoder.

    Args:
        backbone: Hugging Face name or local directory; the default falls back to the bundled
            all-MiniLM-L6-v2 when the hub cannot be reached.
        id2label: category names by id (linked from the datamodule).
        lora_r: LoRA rank.
        lora_alpha: LoRA scaling numerator.
        lora_dropout: dropout on the LoRA path.
        lora_targets: module names to adapt; None picks them per architecture.
        learning_rate: peak AdamW learning rate.
        weight_decay: AdamW weight decay (not applied to biases and LayerNorm).
        warmup_steps: linear warmup; None: min(50, steps_per_epoch // 2).
        label_smoothing: share of the target spread over the other categories (less overconfidence).
        lora_layers: LoRA on only the top this many encoder layers (None, or at least the model's
            number of layers: all). The layers below then never change: with `cache_prefix` they
            run once per item, in eval mode, and are remembered, and training computes and
            backpropagates through the top layers only.
        cache_prefix: remember the frozen bottom layers' output per item during fit (see prefix_cache.py).
        cpu_dropout: on CPU, draw dropout masks from a quarter as many random numbers (dropout.py):
            the same dropout, a faster step; false keeps torch's own.
        init_adapter: an adapter directory (from fit or learn) to continue from: its LoRA and head
            weights are loaded, head rows matched by category name; a category it does not know
            gets a new row. The directory itself is only read.
    """

    def __init__(
        self,
        backbone: str = DEFAULT_BACKBONE,
        id2label: dict[int, str] | None = None,
        lora_r: int = 16,
        lora_alpha: int = 32,
        lora_dropout: float = 0.1,
        lora_targets: list[str] | None = None,
        learning_rate: float = 1e-3,
        weight_decay: float = 0.01,
        warmup_steps: int | None = None,
        label_smoothing: float = 0.0,
        init_adapter: str | None = None,
        lora_layers: int | None = None,
        cache_prefix: bool = True,
        cpu_dropout: bool = True,
    ) -> None:
        super().__init__()
        from peft import LoraConfig, TaskType, get_peft_model

        if not id2label:
            raise ValueError("id2label is required (the CLI links it from the datamodule)")
        id2label = {int(k): v for k, v in id2label.items()}
        resolved = resolve_backbone(backbone)
        # LightningCLI's `_instantiator` is for re-instantiating subclasses, which these never need; kept, it
        # would show in TensorBoard's HPARAMS as an argument nobody gave.
        self.save_hyperparameters(ignore=["_instantiator"])
        self.strict_loading = False  # lean checkpoints: see on_save_checkpoint
        self.backbone_used = resolved  # where the weights came from (the bundled model when offline)
        self.warmup_used: int | None = None  # decided in configure_optimizers
        self.cached_items, self.cached_mb = 0, 0.0  # the frozen-prefix cache's size at the end of fit
        self.cast_mb = 0.0  # frozen weights cast to bf16 once for the fit (frozen_weights.py)
        base = load_classifier(backbone, id2label)
        model_type = base.config.model_type
        num_layers = base.config.num_hidden_layers
        if lora_layers is not None and lora_layers < 1:
            raise UserInputError(f"--model.lora_layers must be at least 1 (or null: all layers), got {lora_layers}")
        frozen = max(0, num_layers - lora_layers) if lora_layers is not None else 0
        config = LoraConfig(
            task_type=TaskType.SEQ_CLS,
            r=lora_r,
            lora_alpha=lora_alpha,
            lora_dropout=lora_dropout,
            target_modules=lora_targets or default_lora_targets(model_type),
            modules_to_save=head_modules(model_type),
            layers_to_transform=list(range(frozen, num_layers)) if frozen else None,
        )
        with peft_quietly():
            self.model = get_peft_model(base, config)
        if frozen and cache_prefix:
            install_frozen_prefix(base, frozen)
        if cpu_dropout:
            use_cpu_dropout(self.model)  # the prefix cache's output dropout included
        if init_adapter:
            continue_from_adapter(self.model, Path(init_adapter), id2label)
        trainable, total = self.parameter_counts()
        log.info("LoRA on %s: trainable %s of %s parameters (%.2f%%)",
                 resolved.display_name, f"{trainable:,}", f"{total:,}", 100 * trainable / total)
        num_labels = len(id2label)
        self.train_metrics = stage_metrics(num_labels)
        self.val_metrics = stage_metrics(num_labels)
        self.test_metrics = stage_metrics(num_labels)

    def facts(self) -> dict[str, int | str]:
        """What this run's model is (see callbacks/facts.py)."""
        trainable, total = self.parameter_counts()
        facts = {"resolved_backbone": self.backbone_used.display_name, "backbone_source": self.backbone_used.source,
                 "trainable_params": trainable, "total_params": total}
        if self.warmup_used is not None:
            facts["warmup_steps_used"] = self.warmup_used
        if self.cast_mb:
            facts["frozen_weights_cast_mb"] = round(self.cast_mb, 1)
        prefix = self.frozen_prefix
        if prefix is not None:
            facts["frozen_layers"] = len(prefix.layers)
            facts["prefix_cache_items"] = self.cached_items
            facts["prefix_cache_mb"] = round(self.cached_mb, 1)
        return facts

    # -- frozen-prefix caching (prefix_cache.py) -------------------------------------------------

    @property
    def frozen_prefix(self) -> FrozenPrefix | None:
        base = self.model.get_base_model()
        prefix = getattr(getattr(base, base.base_model_prefix, None), "embeddings", None)
        return prefix if isinstance(prefix, FrozenPrefix) else None

    def prefix_cache_bytes(self, tokens: int) -> int:
        """What caching this many tokens of frozen-layer output will take (0 without a frozen prefix)."""
        if self.frozen_prefix is None:
            return 0
        return cache_bytes_estimate(tokens, self.model.get_base_model().config.hidden_size)

    def on_fit_start(self) -> None:
        # from_pretrained leaves the backbone in eval mode and Lightning does not change modes at fit start:
        # train mode here, for every fit (a frozen prefix keeps its own layers in eval, see prefix_cache.py).
        self.train()
        if self.frozen_prefix is not None:
            self.frozen_prefix.caching = True

    def on_train_start(self) -> None:
        """Under bf16 on CPU, cast the frozen weights once (frozen_weights.py). With a frozen prefix, in one
        process: fill its cache for the train and validation items at once (faster than batch by batch),
        under the training forward's autocast, as the batch-by-batch fill would run: at 4,000 items bf16
        fills in 0.4x the CPU time of fp32 here (it did not pay at 1,000 items, where a kernel per item
        length costs more than it saves).

        Under DDP each rank fills lazily from the batches it sees, rather than every rank computing all items.
        """
        prefix, trainer = self.frozen_prefix, self.trainer
        if trainer.precision == "bf16-mixed" and self.device.type == "cpu":
            self.cast_mb = cast_frozen_linears(self.model, torch.bfloat16, skip=prefix) / 1024**2
        if prefix is None or trainer.world_size > 1:
            return
        val = trainer.val_dataloaders
        with trainer.precision_plugin.forward_context():
            for loader in (trainer.train_dataloader, *(val if isinstance(val, list | tuple) else [val])):
                items = getattr(getattr(loader, "dataset", None), "input_ids", None)
                if items is not None:
                    prefix.fill(items)

    def on_fit_end(self) -> None:
        drop_casts(self.model)
        prefix = self.frozen_prefix
        if prefix is not None:
            self.cached_items, self.cached_mb = len(prefix.cache), prefix.cached_bytes / 1024**2
            prefix.caching = False
            prefix.cache.clear()

    # -- lean checkpoints ------------------------------------------------------------------------
    # The frozen backbone comes from its pretrained files every time the module is built, so a
    # checkpoint holds only what training changes (LoRA, head): ~1 MB instead of the whole encoder.

    def trainable_keys(self) -> set[str]:
        return {name for name, param in self.named_parameters() if param.requires_grad}

    def on_save_checkpoint(self, checkpoint: dict) -> None:
        keep = self.trainable_keys()
        checkpoint["state_dict"] = {k: v for k, v in checkpoint["state_dict"].items() if k in keep}

    def on_load_checkpoint(self, checkpoint: dict) -> None:
        """Lightning then loads non-strictly (the backbone is absent on purpose); every trained weight must be there."""
        missing = sorted(self.trainable_keys() - checkpoint["state_dict"].keys())
        if missing:
            raise UserInputError(f"the checkpoint lacks {len(missing)} trained weights of this model ({missing[0]}, …)")

    def load_trained_state(self, state_dict: dict[str, torch.Tensor]) -> None:
        """Put a lean checkpoint's weights onto this module (checked like `on_load_checkpoint`)."""
        self.on_load_checkpoint({"state_dict": state_dict})
        self.load_state_dict(state_dict, strict=False)

    @property
    def id2label(self) -> dict[int, str]:
        return {int(k): v for k, v in self.hparams.id2label.items()}

    def parameter_counts(self) -> tuple[int, int]:
        trainable = sum(p.numel() for p in self.model.parameters() if p.requires_grad)
        return trainable, sum(p.numel() for p in self.model.parameters())

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.model(input_ids=input_ids, attention_mask=attention_mask).logits

    def _step(self, batch: dict[str, torch.Tensor], metrics: MetricCollection, stage: str) -> torch.Tensor:
        """Log loss and metrics for a batch; return the loss when training, else the logits."""
        logits = self(batch["input_ids"], batch["attention_mask"])
        smoothing = self.hparams.get("label_smoothing", 0.0) if stage == "train" else 0.0
        loss = torch.nn.functional.cross_entropy(logits, batch["labels"], label_smoothing=smoothing)
        metrics.update(logits, batch["labels"])  # logged below as metric objects: synced and reset by Lightning
        on_step = stage == "train"
        batch_size = len(batch["labels"])
        self.log(f"{stage}/loss", loss, on_step=on_step, on_epoch=True, prog_bar=stage != "test",
                 batch_size=batch_size, sync_dist=True)
        # Accuracy on the progress bar; macro F1 only in the logs, to keep the bar short.
        self.log(f"{stage}/acc", metrics["acc"], on_step=False, on_epoch=True, prog_bar=stage != "test",
                 batch_size=batch_size)
        self.log(f"{stage}/f1_macro", metrics["f1_macro"], on_step=False, on_epoch=True, batch_size=batch_size)
        return loss if stage == "train" else logits

    def training_step(self, batch: dict[str, torch.Tensor], batch_idx: int) -> torch.Tensor:
        return self._step(batch, self.train_metrics, "train")

    def validation_step(self, batch: dict[str, torch.Tensor], batch_idx: int) -> torch.Tensor:
        """The logits go to callbacks' on_validation_batch_end (the reports' confusion matrix)."""
        return self._step(batch, self.val_metrics, "val")

    def test_step(self, batch: dict[str, torch.Tensor], batch_idx: int) -> torch.Tensor:
        return self._step(batch, self.test_metrics, "test")

    def predict_step(self, batch: dict[str, torch.Tensor], batch_idx: int) -> torch.Tensor:
        return torch.softmax(self(batch["input_ids"], batch["attention_mask"]), dim=-1)

    def warmup_steps(self, total_steps: int) -> int:
        if self.hparams.warmup_steps is not None:
            return self.hparams.warmup_steps
        steps_per_epoch = max(1, total_steps // max(1, self.trainer.max_epochs or 1))
        return min(50, steps_per_epoch // 2)

    def configure_optimizers(self) -> dict:
        from transformers import get_linear_schedule_with_warmup

        decay, no_decay = [], []
        for _name, param in self.model.named_parameters():
            if param.requires_grad:
                (no_decay if param.ndim < 2 else decay).append(param)
        # torch's fused AdamW: one kernel for all parameters, where torch has it (on CPU: 2.1 -> 1.1 ms a step).
        fused = all(p.device.type in ("cpu", "cuda") for p in decay + no_decay)
        optimizer = torch.optim.AdamW(
            [{"params": decay, "weight_decay": self.hparams.weight_decay},
             {"params": no_decay, "weight_decay": 0.0}],
            lr=self.hparams.learning_rate,
            fused=fused,
        )
        total = int(self.trainer.estimated_stepping_batches)
        warmup = self.warmup_steps(total)
        self.warmup_used = warmup
        scheduler = get_linear_schedule_with_warmup(optimizer, warmup, total)
        return {"optimizer": optimizer, "lr_scheduler": {"scheduler": scheduler, "interval": "step"}}

    def save_adapter(self, directory: str | Path) -> None:
        """Write what peft needs to load the adapter by itself: adapter weights and config."""
        self.model.save_pretrained(str(directory))
