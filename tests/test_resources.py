import pytest

from expense_classifier.resources import (
    GB,
    MachineInfo,
    auto_num_workers,
    auto_precision,
    choose_batch_size,
)


@pytest.mark.parametrize(
    ("mode", "ram_gb", "expected"),
    [
        ("quick", 6, 4), ("quick", 12, 8), ("quick", 24, 16),
        ("standard", 6, 2), ("standard", 12, 4), ("standard", 24, 8),
    ],
)
def test_original_table_rows(mode, ram_gb, expected):
    decision = choose_batch_size(mode, int(ram_gb * GB))
    assert (decision.batch_size, decision.policy) == (expected, "table")
    assert f"{ram_gb:.1f} GB" in decision.reason


def test_measured_policy_takes_largest_batch_within_the_safe_share():
    decision = choose_batch_size("quick", 4 * GB, bytes_per_sample=100 * 1024**2, safe_share=0.5, cap=64)
    assert decision.policy == "measured"
    assert decision.batch_size == 20  # 2 GB budget / 100 MB per sample


def test_measured_policy_stops_at_the_cap():
    decision = choose_batch_size("quick", 24 * GB, bytes_per_sample=1024**2, cap=32)
    assert decision.batch_size == 32 and "cap" in decision.reason


def test_measured_policy_never_goes_below_one():
    assert choose_batch_size("quick", GB // 10, bytes_per_sample=GB).batch_size == 1


def test_explicit_batch_size_always_wins():
    decision = choose_batch_size("quick", GB, user_batch_size=3, bytes_per_sample=GB)
    assert (decision.batch_size, decision.policy) == (3, "user")


def test_workers_and_precision_follow_the_machine():
    assert [auto_num_workers(c) for c in (1, 2, 4, 16)] == [0, 1, 2, 2]
    assert auto_precision(MachineInfo(4, 8 * GB, 6 * GB, "cpu")) == "32-true"
    assert auto_precision(MachineInfo(4, 8 * GB, 6 * GB, "cuda", "A100", GB, True)) == "bf16-mixed"
    assert auto_precision(MachineInfo(4, 8 * GB, 6 * GB, "cuda", "T4", GB, False)) == "16-mixed"
