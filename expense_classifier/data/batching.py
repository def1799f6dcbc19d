"""Batching for pre-tokenized items: per-batch padding and a batch size that can change mid-epoch."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import BatchSampler, Dataset, Sampler


class TokenizedItems(Dataset):
    """Token ids kept unpadded, one tensor per item, so each batch pads only to its longest item."""

    def __init__(self, input_ids: Sequence[torch.Tensor], labels: torch.Tensor | None = None) -> None:
        self.input_ids = list(input_ids)
        self.labels = labels

    def __len__(self) -> int:
        return len(self.input_ids)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        label = -100 if self.labels is None else int(self.labels[index])
        return self.input_ids[index], label


class PadToLongest:
    """Collate `(ids, label)` pairs into padded ids, attention mask and labels.

    Written by hand rather than `DataCollatorWithPadding` because the items are already tensors:
    one `pad_sequence` call is all it takes, with no per-item dict round trip.
    """

    def __init__(self, pad_token_id: int) -> None:
        self.pad_token_id = pad_token_id

    def __call__(self, batch: list[tuple[torch.Tensor, int]]) -> dict[str, torch.Tensor]:
        ids = [item[0] for item in batch]
        input_ids = pad_sequence(ids, batch_first=True, padding_value=self.pad_token_id)
        lengths = torch.tensor([len(x) for x in ids])
        attention_mask = (torch.arange(input_ids.shape[1])[None, :] < lengths[:, None]).long()
        labels = torch.tensor([item[1] for item in batch])
        return {"input_ids": input_ids, "attention_mask": attention_mask, "labels": labels}


class ResizableBatchSampler(BatchSampler):
    """A `BatchSampler` whose `batch_size` may be lowered while an epoch runs.

    Lightning rebuilds it around a `DistributedSampler` under DDP (same signature as
    `BatchSampler`); the memory callback halves `batch_size` when RAM runs short.
    """

    def __init__(self, sampler: Sampler[int], batch_size: int, drop_last: bool = False) -> None:
        super().__init__(sampler, batch_size, drop_last)
        self.batches_yielded = 0
        self.indices_left = 0

    def __iter__(self) -> Iterator[list[int]]:
        indices = list(self.sampler)
        self.batches_yielded, self.indices_left = 0, len(indices)
        start = 0
        while start < len(indices):
            batch = indices[start : start + self.batch_size]
            if len(batch) < self.batch_size and self.drop_last:
                return
            start += len(batch)
            self.batches_yielded += 1
            self.indices_left = len(indices) - start
            yield batch

    def __len__(self) -> int:
        count = len(self.sampler)  # type: ignore[arg-type]
        return count // self.batch_size if self.drop_last else math.ceil(count / self.batch_size)

    def batches_this_epoch(self) -> int:
        """Batches this epoch will have in all, given what was already handed out."""
        return self.batches_yielded + math.ceil(self.indices_left / self.batch_size)
