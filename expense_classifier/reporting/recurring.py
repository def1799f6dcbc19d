"""Recurring payments: each merchant's rows that repeat at a regular interval for a similar amount.

A series is the same clean merchant, paid weekly, every two weeks, monthly, quarterly or yearly
(within a few days), for amounts near their median (a subscription varies by cents, a utility bill by
a third). Coffee, groceries and fuel bought at random times and amounts do not form one. Intervals
are computed with numpy on datetime64 days; nothing here does calendar arithmetic by hand.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

# period name -> (days, tolerance in days): "monthly" is 26-35 days apart (months differ, bills move by days).
PERIODS = {"weekly": (7, 1), "biweekly": (14, 2), "monthly": (30.44, 5), "quarterly": (91.3, 7),
           "yearly": (365.25, 10)}
MIN_PAYMENTS = {"weekly": 4, "biweekly": 3, "monthly": 3, "quarterly": 2, "yearly": 2}
AMOUNT_SPREAD = 0.35  # every payment within 35% of the series' median amount
BILL_SPREAD = 0.6  # utilities vary with the season
BILL_CATEGORIES = frozenset({"Utilities"})
STABLE = 0.01  # amounts within 1% count as the same price


@dataclass(frozen=True)
class Payment:
    """One spending row as the finder sees it: where it is in the output, when, to whom, how much."""

    index: int
    when: date
    merchant: str
    category: str
    amount: float


@dataclass(frozen=True)
class Series:
    merchant: str
    category: str
    period: str
    typical_amount: float
    monthly_cost: float
    last_date: date
    next_date: date
    stopped: bool
    price_change: tuple[float, float, date] | None  # (from, to, first date at the new price)
    indices: tuple[int, ...]

    def to_json(self) -> dict[str, object]:
        change = None if self.price_change is None else {
            "from": self.price_change[0], "to": self.price_change[1], "since": self.price_change[2].isoformat()}
        return {"merchant": self.merchant, "category": self.category, "period": self.period,
                "typical_amount": self.typical_amount, "monthly_cost": self.monthly_cost,
                "last_date": self.last_date.isoformat(), "next_date": self.next_date.isoformat(),
                "stopped": self.stopped, "price_change": change, "payments": len(self.indices)}


def _period_of(gaps: np.ndarray) -> str | None:
    """The period every gap fits (one skipped payment, a gap of two periods, is allowed once)."""
    for name, (days, tolerance) in PERIODS.items():
        fits = np.abs(gaps - days) <= tolerance
        skipped = np.abs(gaps - 2 * days) <= tolerance
        if fits.sum() >= max(1, len(gaps) - 1) and (fits | skipped).all() and skipped.sum() <= 1:
            return name
    return None


def _price_change(amounts: np.ndarray, dates: list[date]) -> tuple[float, float, date] | None:
    """A price that held, then moved and held again (15.49, 15.49, 17.99, 17.99): from, to, since when."""
    if len(amounts) < 3:
        return None
    for cut in range(len(amounts) - 1, 0, -1):
        before, after = amounts[:cut], amounts[cut:]
        if (np.ptp(before) <= STABLE * before.mean() and np.ptp(after) <= STABLE * after.mean()
                and abs(after[0] - before[-1]) > STABLE * before[-1]):
            return round(float(before[-1]), 2), round(float(after[0]), 2), dates[cut]
    return None


def _series_of(merchant: str, rows: list[Payment], end: date) -> Series | None:
    """The series `rows` (one merchant's, by date) form, or None when they are not one."""
    if len(rows) < min(MIN_PAYMENTS.values()) or len({p.when for p in rows}) != len(rows):
        return None  # a merchant paid twice on one day is shopping, not a schedule
    days = np.array([p.when for p in rows], dtype="datetime64[D]")
    period = _period_of(np.diff(days).astype(float))
    if period is None or len(rows) < MIN_PAYMENTS[period]:
        return None
    amounts = np.array([p.amount for p in rows])
    category = Counter(p.category for p in rows).most_common(1)[0][0]
    median = float(np.median(amounts))
    spread = BILL_SPREAD if category in BILL_CATEGORIES else AMOUNT_SPREAD
    if median <= 0 or (np.abs(amounts - median) > spread * median).any():
        return None
    change = _price_change(amounts, [p.when for p in rows])
    typical = change[1] if change else round(median, 2)
    period_days, tolerance = PERIODS[period]
    step = np.timedelta64(round(period_days), "D")
    next_date = (days[-1] + step).astype(date)
    stopped = bool(np.datetime64(end, "D") > days[-1] + step + np.timedelta64(round(tolerance), "D"))
    return Series(merchant, category, period, round(typical, 2), round(typical * 30.44 / period_days, 2),
                  rows[-1].when, next_date, stopped, change, tuple(p.index for p in rows))


def _same_price_groups(rows: list[Payment]) -> list[list[Payment]]:
    """A merchant's rows split by exact price: a subscription among purchases from the same merchant
    (Uber One among rides, iCloud among App Store buys) is the group that repeats on schedule."""
    groups: dict[int, list[Payment]] = defaultdict(list)
    for payment in rows:
        groups[round(payment.amount * 100)].append(payment)
    return [group for group in groups.values() if len(group) < len(rows)]


def find_series(payments: Sequence[Payment], statement_end: date | None = None) -> list[Series]:
    """Every merchant's recurring series among `payments`, the dearest per month first.

    A merchant's rows are one series, or else each same-price group of them may be (a subscription
    bought where the user also shops). `statement_end` (default: the last date of any payment) decides
    which series stopped: one whose next payment was due more than its tolerance before the statement ends.
    """
    if not payments:
        return []
    end = statement_end or max(p.when for p in payments)
    by_merchant: dict[str, list[Payment]] = defaultdict(list)
    for payment in payments:
        by_merchant[payment.merchant].append(payment)
    found = []
    for merchant, rows in by_merchant.items():
        rows = sorted(rows, key=lambda p: (p.when, p.index))
        whole = _series_of(merchant, rows, end)
        if whole is not None:
            found.append(whole)
            continue
        found += [one for group in _same_price_groups(rows) if (one := _series_of(merchant, group, end)) is not None]
    return sorted(found, key=lambda s: (s.stopped, -s.monthly_cost, s.merchant))


def recurring_column(series: Sequence[Series], rows: int) -> list[str]:
    """The `recurring` value of every output row: its series' period, or empty."""
    column = [""] * rows
    for one in series:
        for index in one.indices:
            column[index] = one.period
    return column


def format_recurring(series: Sequence[Series]) -> str:
    """The recurring-payments table of the summary."""
    if not series:
        return "recurring payments: none found"
    width = max(8, *(len(s.merchant) for s in series))
    lines = [f"{'recurring':<{width}}  {'category':<15} {'period':<9} {'amount':>9} {'per month':>10}  "
             f"{'last':<10}  next", "-" * (width + 72)]
    for s in series:
        note = "stopped" if s.stopped else ""
        if s.price_change:
            note = (note + "; " if note else "") + f"price {s.price_change[0]:,.2f} -> {s.price_change[1]:,.2f}"
        lines.append(f"{s.merchant:<{width}}  {s.category:<15} {s.period:<9} {s.typical_amount:>9,.2f} "
                     f"{s.monthly_cost:>10,.2f}  {s.last_date.isoformat():<10}  "
                     f"{'-' if s.stopped else s.next_date.isoformat():<10}  {note}".rstrip())
    active = [s for s in series if not s.stopped]
    lines.append(f"{len(active)} active, {sum(s.monthly_cost for s in active):,.2f} a month")
    return "\n".join(lines)
