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
    """A `BatchSampler` that groups items of similar length and whose `batch_size` may shrink mid-epoch.

    With `lengths`, the sampler's (shuffled) order is cut into pools of `pool_batches` batches and
    each pool is sorted by length before batching, so a batch pads little while the epoch stays
    shuffled (the idea of transformers' `group_by_length`). Lightning rebuilds it around a
    `DistributedSampler` under DDP; the memory callback lowers `batch_size` when RAM runs short.
    """

    def __init__(
        self,
        sampler: Sampler[int],
        batch_size: int,
        drop_last: bool = False,
        lengths: Sequence[int] | None = None,
        pool_batches: int = 16,
    ) -> None:
        super().__init__(sampler, batch_size, drop_last)
        self.lengths = lengths
        self.pool_batches = pool_batches
        self.batches_yielded = 0
        self.indices_left = 0

    def _ordered(self) -> list[int]:
        indices = list(self.sampler)
        if self.lengths is None:
            return indices
        pool = self.pool_batches * self.batch_size
        lengths = self.lengths
        return [i for start in range(0, len(indices), pool)
                for i in sorted(indices[start : start + pool], key=lambda i: lengths[i])]

    def __iter__(self) -> Iterator[list[int]]:
        indices = self._ordered()
        if self.lengths is not None:
            # Batches of similar length, visited in random order (seeded through torch).
            size = self.batch_size
            full = len(indices) // size
            chunks = [indices[k * size : (k + 1) * size] for k in torch.randperm(full).tolist()]
            indices = [i for chunk in chunks for i in chunk] + indices[full * size :]
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
