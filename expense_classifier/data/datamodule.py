"""ExpenseDataModule: load or generate items, own the label map, pre-tokenize once, tune loaders."""

from __future__ import annotations

import logging
import random
from collections import defaultdict
from functools import cached_property
from pathlib import Path

import lightning as L
import torch
from torch.utils.data import DataLoader

from expense_classifier.data.batching import (
    EpochSequentialSampler,
    PadToLongest,
    ResizableBatchSampler,
    TokenizedItems,
)
from expense_classifier.data.generator import generate_items
from expense_classifier.data.io import check_labels, read_records
from expense_classifier.errors import UserInputError
from expense_classifier.inference.backbones import DEFAULT_BACKBONE, resolve_backbone
from expense_classifier.inference.tokenization import encode
from expense_classifier.resources import auto_num_workers, cpu_cores

log = logging.getLogger(__name__)
Records = list[dict[str, str]]


def stratified_split(
    records: Records, val_fraction: float, test_fraction: float, seed: int, max_eval_items: int | None = None
) -> tuple[Records, Records, Records]:
    """Split into train/val/test with every category spread evenly over the three; val and test hold at
    most `max_eval_items` each (the rest trains)."""
    by_label: dict[str, Records] = defaultdict(list)
    for record in records:
        by_label[record["category"]].append(record)
    rng = random.Random(seed)
    for group in by_label.values():
        rng.shuffle(group)
    # Round-robin over categories: every prefix of `ordered` is as balanced as it can be.
    groups = [by_label[label] for label in sorted(by_label)]
    ordered = [group[i] for i in range(max(map(len, groups))) for group in groups if i < len(group)]
    n_val, n_test = round(len(records) * val_fraction), round(len(records) * test_fraction)
    if max_eval_items is not None:
        n_val, n_test = min(n_val, max_eval_items), min(n_test, max_eval_items)
    val, test, train = ordered[:n_val], ordered[n_val : n_val + n_test], ordered[n_val + n_test :]
    rng.shuffle(train)
    return train, val, test


class ExpenseDataModule(L.LightningDataModule):
    """Receipt items for training: your JSON/CSV files, or synthetic items when none are given.

    Args:
        train_path: JSON list of {"item", "category"} objects, or CSV. None: synthetic items.
        val_path: validation file; None: split from train.
        test_path: test file; None: split from train when only train is given.
        predict_path: items to categorize with `predict` (labels not needed).
        text_column: key or CSV column holding the item text.
        label_column: key or CSV column holding the category.
        num_samples: how many synthetic items to generate when no train_path is given.
        val_fraction: share of train held out for validation when splitting.
        test_fraction: share of train held out for testing when splitting.
        max_eval_items: at most this many items in each of the validation and test splits made by
            splitting (None: no cap). Tens of thousands of generated items need no 15% to validate on:
            a cap of 1,000 leaves the rest to train on, and validation, calibration and the prefix
            cache then cost the same at any scale.
        seed: seed for the synthetic items and the split.
        batch_size: items per batch; None lets the resource callback choose from free memory.
        max_length: longest item in tokens; longer items are truncated (and counted).
        num_workers: loader worker processes; None: 0 on CPU, min(2, cores // 2) on CUDA.
        drop_duplicates: drop exact duplicate rows instead of keeping them.
        backbone: whose tokenizer to use (linked from --model.backbone).
        labels: the categories in the head's order; None: the training categories, sorted.
            `learn` passes the parent adapter's order with new categories appended.
        pad_to_multiple_of: round each batch's padded length up to a multiple of this (see PadToLongest).
        eval_batch_multiple: validation, test and predict batches are this many training batches:
            without gradients they keep no activations, so they fit, and fewer, larger batches
            spend less on per-batch overhead (quick preset on CPU: 0.62 -> 0.44 s of validation).

    Hook order in a fit (what each step may rely on): `setup("fit")` reads, checks and pre-tokenizes
    the splits -> `ResourceAwareBatchSize.setup` probes the model on the longest items and sets
    `batch_size` (the attribute Lightning's batch-size finder sets too) -> Lightning builds the
    loaders (`train_dataloader`, `val_dataloader`), which pad per batch. A resumed run's
    `GracefulInterrupt` calls `resume_from` before the train loader is built.
    """

    def __init__(
        self,
        train_path: Path | None = None,
        val_path: Path | None = None,
        test_path: Path | None = None,
        predict_path: Path | None = None,
        text_column: str = "item",
        label_column: str = "category",
        num_samples: int = 1200,
        val_fraction: float = 0.15,
        test_fraction: float = 0.15,
        max_eval_items: int | None = None,
        seed: int = 42,
        batch_size: int | None = None,
        max_length: int = 64,
        num_workers: int | None = None,
        drop_duplicates: bool = False,
        backbone: str = DEFAULT_BACKBONE,
        labels: list[str] | None = None,
        pad_to_multiple_of: int = 1,
        eval_batch_multiple: int = 4,
    ) -> None:
        super().__init__()
        # LightningCLI's `_instantiator` is for re-instantiating subclasses, which these never need; kept, it
        # would show in TensorBoard's HPARAMS as an argument nobody gave.
        self.save_hyperparameters(ignore=["_instantiator"])
        self.batch_size_is_explicit = batch_size is not None
        self.batch_size = batch_size
        self.num_workers = num_workers
        self.datasets: dict[str, TokenizedItems] = {}
        self.truncated = 0
        self._announced = False
        self._resume_at: tuple[int, int] | None = None

    def resume_from(self, epoch: int, batches_done: int) -> None:
        """Have the next train loader of `epoch` skip the batches an interrupted run already trained on.

        Called by GracefulInterrupt when a mid-epoch checkpoint is loaded (before the loader exists).
        """
        self._resume_at = (epoch, batches_done)

    # -- records and labels -------------------------------------------------------------------

    def _read(self, path: Path, labelled: bool = True) -> Records:
        records, report = read_records(
            path, self.hparams.text_column, self.hparams.label_column,
            self.hparams.drop_duplicates, require_labels=labelled,
        )
        for note in report.notes:
            log.warning("%s: %s", path, note)
        return records

    @cached_property
    def splits(self) -> dict[str, Records]:
        """train/val/test records, read and checked once, before any model is built."""
        hp = self.hparams
        records = generate_items(hp.num_samples, hp.seed) if hp.train_path is None else self._read(hp.train_path)
        splits: dict[str, Records] = {}
        if hp.val_path is None:
            test_share = hp.test_fraction if hp.test_path is None else 0.0
            splits["train"], splits["val"], test = stratified_split(
                records, hp.val_fraction, test_share, hp.seed, hp.max_eval_items
            )
            if test:
                splits["test"] = test
        else:
            splits["train"] = records
            splits["val"] = self._read(hp.val_path)
        if hp.test_path is not None:
            splits["test"] = self._read(hp.test_path)
        labels = {r["category"] for r in splits["train"]}
        source = hp.train_path or "generated data"
        if len(labels) < 2:
            raise UserInputError(
                f"{source}: only one category ({', '.join(labels)}); a classifier needs at least two"
            )
        for name in ("val", "test"):
            if name in splits:
                check_labels(getattr(hp, f"{name}_path") or source, splits[name], labels)
        return splits

    def describe(self) -> str:
        """Where the items come from and how they split, for the console: "1,200 generated items (seed 42): …"."""
        hp = self.hparams
        sizes = " / ".join(f"{len(records):,} {name}" for name, records in self.splits.items())
        if hp.train_path is None:
            return f"{hp.num_samples:,} generated items (seed {hp.seed}): {sizes}"
        files = ", ".join(str(p) for p in (hp.train_path, hp.val_path, hp.test_path) if p is not None)
        return f"{files}: {sizes}"

    @property
    def id2label(self) -> dict[int, str]:
        """Category names as ids (sorted, or in --data.labels order): the label map the model is built with."""
        found = {r["category"] for r in self.splits["train"]}
        if self.hparams.labels is None:
            return dict(enumerate(sorted(found)))
        missing = sorted(found - set(self.hparams.labels))
        if missing:
            raise UserInputError(f"category {missing[0]!r} of the training data is not in --data.labels")
        return dict(enumerate(self.hparams.labels))

    @property
    def num_labels(self) -> int:
        return len(self.id2label)

    # -- tokenization -------------------------------------------------------------------------

    @cached_property
    def tokenizer(self):  # noqa: ANN201 - a transformers tokenizer
        from transformers import AutoTokenizer

        backbone = resolve_backbone(self.hparams.backbone)
        return AutoTokenizer.from_pretrained(backbone.path, local_files_only=backbone.local_files_only)

    def tokenize(self, texts: list[str]) -> list[torch.Tensor]:
        """Token ids per item, cut to `max_length` (keeping the closing special token)."""
        encoded, truncated = encode(self.tokenizer, texts, self.hparams.max_length)
        self.truncated += truncated
        return [torch.tensor(ids, dtype=torch.long) for ids in encoded]

    def _tokenized(self, records: Records, labelled: bool = True) -> TokenizedItems:
        ids = self.tokenize([r["item"] for r in records])
        if not labelled:
            return TokenizedItems(ids)
        label2id = {label: i for i, label in self.id2label.items()}
        return TokenizedItems(ids, torch.tensor([label2id[r["category"]] for r in records]))

    def setup(self, stage: str) -> None:
        """Pre-tokenize the splits this stage needs, once; the loaders then only pad."""
        wanted = {"fit": ["train", "val"], "validate": ["val"], "test": ["test"], "predict": []}[stage]
        if stage == "test" and "test" not in self.splits:
            raise UserInputError("no test data: give --data.test_path (JSON or CSV)")
        self.truncated = 0
        if not self._announced:
            self._announced = True
            log.info("Data: %s", self.describe())
        for name in wanted:
            if name not in self.datasets:
                self.datasets[name] = self._tokenized(self.splits[name])
        if stage == "predict" and "predict" not in self.datasets:
            path = self.hparams.predict_path
            if path is None:
                raise UserInputError("no items to predict: give --data.predict_path (JSON or CSV)")
            self.predict_records = self._read(path, labelled=False)
            self.datasets["predict"] = self._tokenized(self.predict_records, labelled=False)
        if self.truncated:
            log.warning(
                "%d items longer than max_length=%d tokens were truncated",
                self.truncated, self.hparams.max_length,
            )

    @cached_property
    def collate(self) -> PadToLongest:
        return PadToLongest(self.tokenizer.pad_token_id, self.hparams.pad_to_multiple_of)

    # -- loaders ------------------------------------------------------------------------------

    def _on_cuda(self) -> bool:
        trainer = self.trainer
        return trainer is not None and trainer.strategy.root_device.type == "cuda"

    def loader_settings(self) -> dict[str, object]:
        """Worker and memory settings for where training runs.

        On CUDA: the guide's `min(2, cores // 2)` workers (cores shared among this machine's
        processes), pinned memory, so batches are ready while the GPU computes. On CPU: no worker
        process, since the items are already tensors and padding a batch takes well under a
        millisecond, while a forked worker costs as much RAM again as the trainer (measured: same
        speed, 0.91 vs 1.86 GB peak for the quick preset) and competes for the same cores.
        """
        on_cuda = self._on_cuda()
        if self.num_workers is not None:
            workers = self.num_workers
        elif on_cuda:
            processes = self.trainer.num_devices if self.trainer is not None else 1
            workers = auto_num_workers(cpu_cores() // processes)
        else:
            workers = 0
        return {"num_workers": workers, "pin_memory": on_cuda, "persistent_workers": workers > 0}

    def _loader(self, name: str, shuffle: bool) -> DataLoader:
        dataset = self.datasets[name]
        if self.batch_size is None:
            raise RuntimeError("batch_size is unset: add the ResourceAwareBatchSize callback or set it")
        # Shuffling happens in the batch sampler, seeded per epoch, so an epoch can be replayed.
        sampler = EpochSequentialSampler(dataset)
        settings = self.loader_settings()
        return DataLoader(
            dataset,
            batch_sampler=self._batch_sampler(sampler, dataset, shuffle),
            collate_fn=self.collate,
            # Its own generator: creating loader iterators must not draw from the global RNG that
            # dropout uses, or a resumed run would not repeat an uninterrupted one.
            generator=torch.Generator().manual_seed(self.hparams.seed),
            **settings,
        )

    def _batch_sampler(self, sampler: EpochSequentialSampler, dataset: TokenizedItems,
                       shuffle: bool) -> ResizableBatchSampler:
        lengths = [len(ids) for ids in dataset.input_ids] if shuffle else None
        size = self.batch_size if shuffle else self.batch_size * self.hparams.eval_batch_multiple
        batch_sampler = ResizableBatchSampler(sampler, size, lengths=lengths, seed=self.hparams.seed)
        if shuffle and self._resume_at is not None:
            batch_sampler.resume(*self._resume_at)
            self._resume_at = None
        return batch_sampler

    def train_dataloader(self) -> DataLoader:
        return self._loader("train", shuffle=True)

    def val_dataloader(self) -> DataLoader:
        return self._loader("val", shuffle=False)

    def test_dataloader(self) -> DataLoader:
        return self._loader("test", shuffle=False)

    def predict_dataloader(self) -> DataLoader:
        return self._loader("predict", shuffle=False)
