"""Spending by category: the table after the items, the `totals` object in JSON, and a bar chart PNG."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from expense_classifier.reporting.colours import category_colour
from expense_classifier.reporting.outputs import CategorizedRow, write_png

NO_DESCRIPTION = "(no description)"  # rows a statement has without text: their money still counts
INCOME, TRANSFER = "Income", "Transfer"  # merchants.money's MONEY_IN_CATEGORIES: never spending


@dataclass(frozen=True)
class CategoryTotal:
    count: int
    amount: float
    share: float  # of all spending, 0..1


@dataclass
class Spending:
    """Spending rows per category; money in (Income, refunds, any money coming in) and transfers (between
    the user's accounts, card payments) left out and counted apart."""

    by_category: dict[str, CategoryTotal] = field(default_factory=dict)
    total: float = 0.0
    money_in_rows: int = 0
    money_in: float = 0.0
    transfer_rows: int = 0
    transfers_out: float = 0.0
    transfers_in: float = 0.0

    def totals(self) -> dict[str, dict[str, float | int]]:
        return {category: asdict(total) for category, total in self.by_category.items()}


def summarize(rows: list[CategorizedRow]) -> Spending:
    """Count and add up spending per category; the largest first."""
    counts: dict[str, int] = {}
    amounts: dict[str, float] = {}
    spending = Spending()
    for row in rows:
        if row.prediction.category == TRANSFER:
            spending.transfer_rows += 1
            if row.amount is not None and row.amount < 0:
                spending.transfers_in = round(spending.transfers_in - row.amount, 2)
            else:
                spending.transfers_out = round(spending.transfers_out + (row.amount or 0.0), 2)
            continue
        if row.prediction.category == INCOME or (row.amount is not None and row.amount < 0):
            spending.money_in_rows += 1
            spending.money_in = round(spending.money_in + abs(row.amount or 0.0), 2)
            continue
        category = row.prediction.category or NO_DESCRIPTION
        counts[category] = counts.get(category, 0) + 1
        amounts[category] = amounts.get(category, 0.0) + (row.amount or 0.0)
    spending.total = round(sum(amounts.values()), 2)
    for category in sorted(counts, key=lambda c: (-amounts[c], -counts[c], c)):
        share = amounts[category] / spending.total if spending.total > 0 else 0.0
        spending.by_category[category] = CategoryTotal(counts[category], round(amounts[category], 2), round(share, 4))
    return spending


def format_summary(spending: Spending) -> str:
    """A plain table: category, count, total amount, share of spending; money in and transfers on their own lines."""
    lines = [f"{'category':<15} {'count':>5} {'amount':>12} {'share':>6}", "-" * 41]
    for category, total in spending.by_category.items():
        lines.append(f"{category:<15} {total.count:>5} {total.amount:>12,.2f} {total.share:>6.1%}")
    count = sum(t.count for t in spending.by_category.values())
    lines.append(f"{'spending':<15} {count:>5} {spending.total:>12,.2f} {1 if spending.total else 0:>6.0%}")
    if spending.money_in_rows:
        lines.append(f"{'money in':<15} {spending.money_in_rows:>5} {spending.money_in:>12,.2f}  (not in spending)")
    if spending.transfer_rows:
        back = f", {spending.transfers_in:,.2f} in" if spending.transfers_in else ""
        lines.append(f"{'transfers':<15} {spending.transfer_rows:>5} {spending.transfers_out:>12,.2f}  out{back} "
                     "(not in spending)")
    return "\n".join(lines)


def spending_chart(spending: Spending, path: Path) -> Path:
    """A horizontal bar chart of spending by category, largest on top, each bar labelled; written atomically."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    items = [(c, t) for c, t in spending.by_category.items() if t.amount > 0] or list(spending.by_category.items())
    names = [c for c, _ in items][::-1]
    values = [t.amount for _, t in items][::-1]
    fig, ax = plt.subplots(figsize=(7, 0.5 * max(len(names), 2) + 1.2))
    bars = ax.barh(names, values, color=[category_colour(name) for name in names])
    for bar, (_, total) in zip(bars, items[::-1], strict=True):
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f"  {total.amount:,.2f} ({total.share:.0%})",
                va="center", fontsize=9)
    ax.set_xlabel("amount")
    ax.set_title(f"Spending by category: {spending.total:,.2f} in {sum(t.count for _, t in items)} rows")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlim(0, max(values + [1.0]) * 1.3)
    write_png(fig, path)
    plt.close(fig)
    return path
