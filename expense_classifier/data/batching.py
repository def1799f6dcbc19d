"""Batching for pre-tokenized items: per-batch padding, length grouping, a batch size that can shrink."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import BatchSampler, Dataset, Sampler, SequentialSampler


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

    `multiple_of` rounds the padded length up (8: batches come in a few shapes, not one per length),
    which keeps the CPU kernels' per-shape caches small under bf16 autocast.

    Written by hand rather than `DataCollatorWithPadding` because the items are already tensors:
    one `pad_sequence` call is all it takes, with no per-item dict round trip.
    """

    def __init__(self, pad_token_id: int, multiple_of: int = 1) -> None:
        self.pad_token_id = pad_token_id
        self.multiple_of = multiple_of

    def __call__(self, batch: list[tuple[torch.Tensor, int]]) -> dict[str, torch.Tensor]:
        ids = [item[0] for item in batch]
        input_ids = pad_sequence(ids, batch_first=True, padding_value=self.pad_token_id)
        extra = -input_ids.shape[1] % self.multiple_of
        if extra:
            input_ids = torch.nn.functional.pad(input_ids, (0, extra), value=self.pad_token_id)
        lengths = torch.tensor([len(x) for x in ids])
        attention_mask = (torch.arange(input_ids.shape[1])[None, :] < lengths[:, None]).long()
        labels = torch.tensor([item[1] for item in batch])
        return {"input_ids": input_ids, "attention_mask": attention_mask, "labels": labels}


class EpochSequentialSampler(SequentialSampler):
    """Sequential indices that remember the epoch Lightning sets, for the batch sampler's shuffle.

    Lightning calls `set_epoch` on a loader's (batch sampler's) sampler, as it does on the
    `DistributedSampler` that takes this one's place under DDP.
    """

    epoch = 0

    def set_epoch(self, epoch: int) -> None:
        self.epoch = epoch


class ResizableBatchSampler(BatchSampler):
    """A `BatchSampler` that groups items of similar length and whose `batch_size` may shrink mid-epoch.

    With `lengths`, the order is shuffled with `seed + epoch` (so an interrupted epoch can be
    replayed exactly), cut into pools of `pool_batches` batches, and each pool sorted by length
    before batching, so a batch pads little while the epoch stays shuffled (the idea of
    transformers' `group_by_length`). Lightning rebuilds it around a `DistributedSampler` under DDP
    and sets its epoch; the memory callback lowers `batch_size` when RAM runs short.
    """

    def __init__(
        self,
        sampler: Sampler[int],
        batch_size: int,
        drop_last: bool = False,
        lengths: Sequence[int] | None = None,
        pool_batches: int = 16,
        seed: int = 0,
    ) -> None:
        super().__init__(sampler, batch_size, drop_last)
        self.lengths = lengths
        self.pool_batches = pool_batches
        self.seed = seed
        self.batches_yielded = 0
        self.indices_left = 0
        self._resume: tuple[int, int] | None = None

    @property
    def epoch(self) -> int:
        return getattr(self.sampler, "epoch", 0)

    def resume(self, epoch: int, batches_done: int) -> None:
        """Make the next pass replay `epoch`'s order, without the batches an interrupted run trained on.

        Lightning resumes mid-epoch with the iterator it made before setting the epoch, so the
        epoch is given here rather than read from the sampler.
        """
        self._resume = (epoch, batches_done)

    def _ordered(self, generator: torch.Generator) -> list[int]:
        indices = list(self.sampler)
        if self.lengths is None:
            return indices
        # The base sampler is sequential (or, under DDP, this rank's share): shuffle here.
        indices = [indices[i] for i in torch.randperm(len(indices), generator=generator).tolist()]
        pool, lengths = self.pool_batches * self.batch_size, self.lengths
        ordered = [i for start in range(0, len(indices), pool)
                   for i in sorted(indices[start : start + pool], key=lambda i: lengths[i])]
        # Batches of similar length, visited in random order; a short remainder stays last.
        size, full = self.batch_size, len(ordered) // self.batch_size
        chunks = [ordered[k * size : (k + 1) * size] for k in torch.randperm(full, generator=generator).tolist()]
        return [i for chunk in chunks for i in chunk] + ordered[full * size :]

    def __iter__(self) -> Iterator[list[int]]:
        epoch, skip = self._resume or (self.epoch, 0)
        self._resume = None
        indices = self._ordered(torch.Generator().manual_seed(self.seed + epoch))
        start = min(len(indices), skip * self.batch_size)
        self.batches_yielded, self.indices_left = 0, len(indices) - start
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
