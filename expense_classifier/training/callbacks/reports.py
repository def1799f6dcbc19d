"""PNG reports and TensorBoard figures: data balance, training curves, confusion matrix, summary card.

Every number drawn is one the run logged (losses, val/acc) or a confusion matrix of the logits the
module's validation and test steps return, so the pictures and TensorBoard agree. What the other
parts decided (batch size, adapter, timing) comes from their published facts (callbacks/facts.py),
read in `teardown`, after every callback's `on_fit_end`: the callbacks' order does not matter.
"""

from __future__ import annotations

import io
import json
import logging
import time
from collections import Counter
from pathlib import Path

import lightning as L
import matplotlib

matplotlib.use("Agg")  # headless-safe: no display needed, nothing pops up
import matplotlib.image  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402

from expense_classifier.reporting.outputs import write_atomic, write_png  # noqa: E402
from expense_classifier.training.callbacks.facts import collect_facts  # noqa: E402
from expense_classifier.training.callbacks.paths import run_dir  # noqa: E402

log = logging.getLogger(__name__)
PALETTE = ("#4C72B0", "#DD8452", "#55A868")


def png_summary(tag: str, png: bytes) -> object:
    """A TensorBoard image summary holding an encoded PNG (what `add_image` makes after encoding pixels)."""
    from tensorboard.compat.proto.summary_pb2 import Summary

    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")  # the IHDR chunk
    image = Summary.Image(height=height, width=width, colorspace=4, encoded_image_string=png)  # RGBA
    return Summary(value=[Summary.Value(tag=tag, image=image)])


def smooth(values: list[float], window: int) -> np.ndarray:
    if len(values) < 2 or window < 2:
        return np.asarray(values, dtype=float)
    series = np.asarray(values, dtype=float)
    kernel = np.ones(min(window, len(series))) / min(window, len(series))
    padded = np.concatenate([np.full(len(kernel) - 1, series[0]), series])
    return np.convolve(padded, kernel, mode="valid")


def category_distribution(counts: dict[str, dict[str, int]], labels: list[str]) -> plt.Figure:
    fig, ax = plt.subplots(figsize=(10, 4.5))
    width = 0.8 / max(1, len(counts))
    x = np.arange(len(labels))
    for i, (split, by_label) in enumerate(counts.items()):
        values = [by_label.get(label, 0) for label in labels]
        bars = ax.bar(x + (i - (len(counts) - 1) / 2) * width, values, width, label=f"{split} ({sum(values)})",
                      color=PALETTE[i % len(PALETTE)])
        ax.bar_label(bars, fontsize=7, padding=1)
    ax.set_xticks(x, labels, rotation=20, ha="right")
    ax.set_ylabel("items")
    ax.set_title("Category distribution")
    ax.legend()
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def training_progress(steps: list[int], losses: list[float], epochs: list[dict[str, float]]) -> plt.Figure:
    fig, (ax_loss, ax_val) = plt.subplots(1, 2, figsize=(12, 4.5))
    if steps:
        ax_loss.plot(steps, losses, color=PALETTE[0], alpha=0.25, linewidth=1, label="train loss (raw)")
        ax_loss.plot(steps, smooth(losses, max(2, len(losses) // 15)), color=PALETTE[0], linewidth=2,
                     label="train loss (smoothed)")
        ax_loss.legend()
    else:  # a resume that found training done: nothing was logged (a legend of nothing only warns)
        ax_loss.text(0.5, 0.5, "no training steps in this run", ha="center", va="center", transform=ax_loss.transAxes)
    ax_loss.set_xlabel("optimizer step")
    ax_loss.set_ylabel("cross-entropy")
    ax_loss.set_title("Training loss")
    if epochs:
        xs = [e["epoch"] + 1 for e in epochs]
        ax_val.plot(xs, [e["val/loss"] for e in epochs], "o-", color=PALETTE[1], label="val loss")
        ax_val.set_ylabel("val loss")
        ax_acc = ax_val.twinx()
        ax_acc.plot(xs, [e["val/acc"] for e in epochs], "s-", color=PALETTE[2], label="val accuracy")
        ax_acc.set_ylim(0, 1.02)
        ax_acc.set_ylabel("val accuracy")
        for x, e in zip(xs, epochs, strict=True):
            ax_acc.annotate(f"{e['val/acc']:.3f}", (x, e["val/acc"]), textcoords="offset points",
                            xytext=(0, 6), ha="center", fontsize=8)
        lines = ax_val.get_lines() + ax_acc.get_lines()
        ax_val.legend(lines, [line.get_label() for line in lines], loc="center right")
        ax_val.set_xticks(xs)
    ax_val.set_xlabel("epoch")
    ax_val.set_title("Validation per epoch")
    for ax in (ax_loss, ax_val):
        ax.spines[["top"]].set_visible(False)
    return fig


def confusion_matrix(matrix: torch.Tensor, labels: list[str], title: str) -> plt.Figure:
    counts = matrix.numpy().astype(int)
    rows = counts.sum(axis=1, keepdims=True)
    normalised = np.divide(counts, rows, out=np.zeros_like(counts, dtype=float), where=rows > 0)
    fig, ax = plt.subplots(figsize=(8.5, 7))
    image = ax.imshow(normalised, cmap="Blues", vmin=0, vmax=1)
    for i in range(len(labels)):
        for j in range(len(labels)):
            if counts[i, j] or i == j:
                dark = normalised[i, j] > 0.55
                ax.text(j, i, f"{normalised[i, j]:.0%}\n({counts[i, j]})", ha="center", va="center",
                        fontsize=8, color="white" if dark else "black")
    ax.set_xticks(range(len(labels)), labels, rotation=35, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(title)
    fig.colorbar(image, ax=ax, fraction=0.046, label="share of true category")
    return fig


def summary_card(rows: list[tuple[str, str]], headline: str) -> plt.Figure:
    fig = plt.figure(figsize=(7.5, 0.9 + 0.42 * len(rows)))
    fig.text(0.05, 1 - 0.35 / (0.9 + 0.42 * len(rows)), headline, fontsize=16, weight="bold", va="top")
    top = 1 - 0.9 / (0.9 + 0.42 * len(rows))
    step = (top - 0.03) / len(rows)
    for i, (name, value) in enumerate(rows):
        y = top - (i + 0.5) * step
        fig.text(0.05, y, name, fontsize=11, color="#555555", va="center")
        fig.text(0.45, y, value, fontsize=11, weight="bold", va="center")
    return fig


class TrainingReports(L.Callback):
    """Write `visualizations/*.png` and log the same figures and the final metrics to TensorBoard.

    Args:
        dirname: directory inside the run's log directory.
        in_fast_dev_run: also write reports under `fast_dev_run` (off: smoke runs stay clean).
    """

    def __init__(self, dirname: str = "visualizations", in_fast_dev_run: bool = False) -> None:
        self.dirname = dirname
        self.in_fast_dev_run = in_fast_dev_run
        self.steps: list[int] = []
        self.losses: list[float] = []
        self.epochs: list[dict[str, float]] = []
        self.started = 0.0
        self.fit_seconds = 0.0  # when no SystemMonitor publishes the training time
        self.written: list[Path] = []
        self.final_metrics: dict[str, float] = {}
        self.run_path = Path(".")
        self.fit_ended = False
        self.confusion: dict[str, object] = {}  # stage -> MulticlassConfusionMatrix, made in setup
        self.confusion_by_epoch: dict[str, dict[int, torch.Tensor]] = {"val": {}, "test": {}}

    def setup(self, trainer: L.Trainer, pl_module: L.LightningModule, stage: str) -> None:
        from torchmetrics.classification import MulticlassConfusionMatrix

        self.fit_ended = False
        for split in ("val", "test"):
            self.confusion[split] = MulticlassConfusionMatrix(len(pl_module.id2label)).to(pl_module.device)

    def _count(self, split: str, trainer: L.Trainer, outputs: object, batch: dict) -> None:
        if not trainer.sanity_checking and isinstance(outputs, torch.Tensor):
            self.confusion[split].update(outputs.detach(), batch["labels"])

    def _keep_confusion(self, split: str, epoch: int) -> None:
        metric = self.confusion[split]
        if metric.update_count:  # compute() is collective under DDP: every rank calls it
            self.confusion_by_epoch[split][epoch] = metric.compute().cpu()
        metric.reset()

    def on_validation_batch_end(self, trainer: L.Trainer, pl_module: L.LightningModule, outputs: object,
                                batch: dict, batch_idx: int, dataloader_idx: int = 0) -> None:
        self._count("val", trainer, outputs, batch)

    def on_test_batch_end(self, trainer: L.Trainer, pl_module: L.LightningModule, outputs: object,
                          batch: dict, batch_idx: int, dataloader_idx: int = 0) -> None:
        self._count("test", trainer, outputs, batch)

    def on_validation_epoch_end(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        if not trainer.sanity_checking:
            self._keep_confusion("val", trainer.current_epoch)

    def on_test_epoch_end(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        self._keep_confusion("test", trainer.current_epoch)

    def _active(self, trainer: L.Trainer) -> bool:
        return trainer.is_global_zero and (not trainer.fast_dev_run or self.in_fast_dev_run)

    def _out_dir(self, trainer: L.Trainer) -> Path:
        path = self.run_path / self.dirname
        path.mkdir(parents=True, exist_ok=True)
        return path

    def on_fit_start(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        self.started = time.perf_counter()

    def on_train_batch_end(
        self, trainer: L.Trainer, pl_module: L.LightningModule, outputs: object, batch: object, batch_idx: int
    ) -> None:
        loss = outputs.get("loss") if isinstance(outputs, dict) else outputs
        if isinstance(loss, torch.Tensor):
            self.steps.append(trainer.global_step)
            self.losses.append(float(loss.detach()))

    def on_validation_end(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        if trainer.sanity_checking or "val/acc" not in trainer.callback_metrics:
            return
        metrics = {k: float(v) for k, v in trainer.callback_metrics.items() if k.startswith("val/")}
        self.epochs.append({"epoch": trainer.current_epoch, **metrics})

    def _emit(self, trainer: L.Trainer, name: str, fig: plt.Figure) -> None:
        path = self._out_dir(trainer) / f"{name}.png"
        png = write_png(fig, path)
        plt.close(fig)
        self.written.append(path)
        image = None
        for logger in trainer.loggers:
            experiment = getattr(logger, "experiment", None)
            writer = getattr(experiment, "file_writer", None)  # a TensorBoard SummaryWriter's event writer
            if hasattr(writer, "add_summary"):
                # The PNG just written goes into the event file as it is: add_image would decode nothing
                # but re-encode the pixels (0.05 s a figure).
                writer.add_summary(png_summary(f"reports/{name}", png), trainer.global_step)
            elif hasattr(experiment, "add_image"):
                # The PNG just written, decoded, rather than rendering the figure a second time.
                image = matplotlib.image.imread(io.BytesIO(png)) if image is None else image
                experiment.add_image(f"reports/{name}", image, global_step=trainer.global_step, dataformats="HWC")

    def best_epoch(self, trainer: L.Trainer) -> dict[str, float]:
        """The epoch whose weights were kept: the checkpoint callback's best score."""
        if not self.epochs:
            return {}
        best = getattr(trainer.checkpoint_callback, "best_model_score", None)
        if best is not None:
            for epoch in self.epochs:
                if abs(epoch["val/acc"] - float(best)) < 1e-9:
                    return epoch
        return max(self.epochs, key=lambda e: e["val/acc"])

    def on_fit_end(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        self.run_path = run_dir(trainer)
        self.fit_ended = not trainer.interrupted
        self.fit_seconds = time.perf_counter() - self.started

    def teardown(self, trainer: L.Trainer, pl_module: L.LightningModule, stage: str) -> None:
        """After every callback's on_fit_end: the adapter is written, every fact is final."""
        if stage != "fit" or not self.fit_ended or not self._active(trainer):
            return
        self.fit_ended = False
        labels = list(pl_module.id2label.values())
        datamodule = trainer.datamodule
        splits = getattr(datamodule, "splits", {})
        counts = {name: Counter(r["category"] for r in records) for name, records in splits.items()}
        self._emit(trainer, "category_distribution", category_distribution(counts, labels))
        self._emit(trainer, "training_progress", training_progress(self.steps, self.losses, self.epochs))
        best = self.best_epoch(trainer)
        matrix = self.confusion_by_epoch["val"].get(int(best["epoch"])) if best else None
        if matrix is not None:
            title = f"Validation confusion matrix (epoch {int(best['epoch']) + 1}, acc {best['val/acc']:.3f})"
            self._emit(trainer, "confusion_matrix", confusion_matrix(matrix, labels, title))
        self.final_metrics = {"hp/val_acc": best.get("val/acc", float("nan")),
                              "hp/val_f1_macro": best.get("val/f1_macro", float("nan"))}
        facts = {"fit_seconds": round(self.fit_seconds, 2), **collect_facts(trainer, pl_module)}
        rows, headline = self._summary_rows(pl_module, facts, best, matrix, labels)
        self._emit(trainer, "summary", summary_card(rows, headline))
        self._write_summary_json(trainer, facts, best)
        self._log_hparams(trainer, pl_module, facts)
        log.info("Reports written to %s", self._out_dir(trainer))

    def _summary_rows(self, pl_module: L.LightningModule, facts: dict, best: dict[str, float],
                      matrix: torch.Tensor | None, labels: list[str]) -> tuple[list[tuple[str, str]], str]:
        rows = [("Validation accuracy", f"{best.get('val/acc', float('nan')):.4f}"),
                ("Macro F1", f"{best.get('val/f1_macro', float('nan')):.4f}")]
        if matrix is not None:
            recall = (matrix.diag() / matrix.sum(1).clamp(min=1)).tolist()
            worst = int(np.argmin(recall))
            rows.append(("Lowest class recall", f"{labels[worst]} {recall[worst]:.3f}"))
        trainable, total = facts.get("trainable_params", 0), facts.get("total_params", 1)
        rows += [
            ("Backbone", str(facts.get("resolved_backbone", pl_module.hparams.get("backbone")))),
            ("Trainable parameters", f"{trainable:,} of {total:,} ({100 * trainable / total:.2f}%)"),
            ("Batch size", f"{facts['batch_size']} ({facts['batch_policy']})" if "batch_size" in facts else "?"),
            ("Epochs", f"{len(self.epochs)} (best: {int(best.get('epoch', -1)) + 1})"),
            ("Wall time (fit)", f"{facts['fit_seconds']:.1f} s"),
            ("Peak RAM (RSS)", f"{facts.get('peak_rss_gb', float('nan')):.2f} GB"),
            ("Adapter size", f"{facts.get('adapter_mb', float('nan')):.2f} MB"),
        ]
        return rows, f"Expense classifier: {best.get('val/acc', float('nan')):.1%} val accuracy"

    def _write_summary_json(self, trainer: L.Trainer, facts: dict, best: dict[str, float]) -> None:
        """The card's numbers, machine-readable, for scripts and benchmarks."""
        summary = {
            "best_epoch": int(best.get("epoch", -1)) + 1,
            "epochs": len(self.epochs),
            "global_step": trainer.global_step,
            "val_acc": best.get("val/acc"),
            "val_f1_macro": best.get("val/f1_macro"),
            **facts,
        }
        write_atomic(self._out_dir(trainer).parent / "summary.json", json.dumps(summary, indent=2) + "\n")

    def _log_hparams(self, trainer: L.Trainer, pl_module: L.LightningModule, facts: dict) -> None:
        params = {**{k: v for k, v in pl_module.hparams.items() if k != "id2label"}, **facts}
        params = {k: (v if isinstance(v, int | float | str | bool) else str(v)) for k, v in params.items()}
        for logger in trainer.loggers:
            logger.log_hyperparams(params, metrics=self.final_metrics)

    def on_test_end(self, trainer: L.Trainer, pl_module: L.LightningModule) -> None:
        self.run_path = run_dir(trainer)
        if not self._active(trainer):
            return
        matrix = self.confusion_by_epoch["test"].get(trainer.current_epoch)
        if matrix is None:
            return
        acc = float(trainer.callback_metrics.get("test/acc", float("nan")))
        title = f"Test confusion matrix (acc {acc:.3f})"
        self._emit(trainer, "confusion_matrix_test", confusion_matrix(matrix, list(pl_module.id2label.values()), title))

