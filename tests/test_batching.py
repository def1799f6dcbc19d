"""ResizableBatchSampler: every item once per epoch, batches of similar length, replayable epochs, shrinking."""

from __future__ import annotations

import random

import torch

from expense_classifier.data.batching import EpochSequentialSampler, PadToLongest, ResizableBatchSampler

_RNG = random.Random(0)
LENGTHS = [_RNG.randint(3, 40) for _ in range(203)]


def sampler(batch_size: int = 8, seed: int = 5) -> ResizableBatchSampler:
    return ResizableBatchSampler(EpochSequentialSampler(range(len(LENGTHS))), batch_size, lengths=LENGTHS,
                                 pool_batches=4, seed=seed)


def padding(batches: list[list[int]]) -> int:
    return sum(max(LENGTHS[i] for i in batch) * len(batch) - sum(LENGTHS[i] for i in batch) for batch in batches)


def test_each_epoch_yields_every_item_once_in_batches_of_the_size():
    batches = list(sampler())
    assert sorted(i for batch in batches for i in batch) == list(range(len(LENGTHS)))
    assert all(len(batch) == 8 for batch in batches[:-1]) and len(batches) == len(sampler()) == 26


def test_batches_group_similar_lengths_yet_the_epoch_is_shuffled():
    batches = list(sampler())
    in_order = [list(range(start, min(start + 8, len(LENGTHS)))) for start in range(0, len(LENGTHS), 8)]
    assert padding(batches) < padding(in_order) / 3
    assert [i for batch in batches for i in batch] != sorted(range(len(LENGTHS)), key=LENGTHS.__getitem__)


def test_the_order_depends_on_seed_and_epoch_only():
    first, again = sampler(), sampler()
    assert list(first) == list(again)
    again.sampler.set_epoch(1)
    assert list(first) != list(again)
    assert list(sampler(seed=6)) != list(first)


def test_resume_replays_the_epoch_without_the_batches_already_trained():
    whole = sampler()
    whole.sampler.set_epoch(2)
    expected = list(whole)
    resumed = sampler()  # a new process: the sampler's epoch is not set yet when Lightning resumes
    resumed.resume(2, batches_done=10)
    assert list(resumed) == expected[10:]
    assert list(resumed)[0] != expected[10]  # resume applies to one pass only


def test_shrinking_the_batch_mid_epoch_keeps_every_item_and_counts_right():
    shrinking = sampler(batch_size=16)
    seen, batches = [], iter(shrinking)
    for _ in range(3):
        seen += next(batches)
    shrinking.batch_size = 8
    assert shrinking.batches_this_epoch() == 3 + -(-(len(LENGTHS) - 48) // 8)
    rest = list(batches)
    assert all(len(batch) <= 8 for batch in rest)
    assert sorted(seen + [i for batch in rest for i in batch]) == list(range(len(LENGTHS)))
    assert 3 + len(rest) == shrinking.batches_this_epoch()


def test_pad_to_longest_masks_the_padding():
    batch = PadToLongest(pad_token_id=0)([(torch.tensor([101, 7, 102]), 1), (torch.tensor([101, 102]), 0)])
    assert batch["input_ids"].tolist() == [[101, 7, 102], [101, 102, 0]]
    assert batch["attention_mask"].tolist() == [[1, 1, 1], [1, 1, 0]] and batch["labels"].tolist() == [1, 0]
