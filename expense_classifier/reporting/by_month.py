"""Spending over time: each month's spending by category (money in apart), as a table, JSON and a chart."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from expense_classifier.reporting.colours import category_colour
from expense_classifier.reporting.outputs import write_png
from expense_classifier.reporting.summary import INCOME, TRANSFER

NOT_SPENDING = frozenset({INCOME, TRANSFER})  # money in and moves between accounts, as the summary keeps them


def spending_by_month(dates: Sequence[date | None], categories: Sequence[str],
                      amounts: Sequence[float | None]) -> dict[str, dict[str, float]]:
    """`{"YYYY-MM": {"total": …, "<category>": …}}` of spending rows (positive amounts, not Income or
    Transfer: the summary's spending), added in cents."""
    cents: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for when, category, amount in zip(dates, categories, amounts, strict=True):
        if when is None or amount is None or amount <= 0 or category in NOT_SPENDING:
            continue
        month = f"{when.year:04d}-{when.month:02d}"
        cents[month][category or "(no description)"] += round(amount * 100)
    out = {}
    for month in sorted(cents):
        by_category = dict(sorted(cents[month].items(), key=lambda kv: (-kv[1], kv[0])))
        out[month] = {"total": sum(by_category.values()) / 100, **{c: v / 100 for c, v in by_category.items()}}
    return out


def format_by_month(months: dict[str, dict[str, float]]) -> str:
    """Months as columns, categories as rows, with each month's total at the bottom."""
    categories = sorted({c for m in months.values() for c in m if c != "total"},
                        key=lambda c: -sum(m.get(c, 0.0) for m in months.values()))
    lines = [f"{'by month':<15}" + "".join(f" {m:>10}" for m in months), "-" * (15 + 11 * len(months))]
    for category in categories:
        lines.append(f"{category:<15}" + "".join(f" {months[m].get(category, 0.0):>10,.2f}" for m in months))
    lines.append(f"{'spending':<15}" + "".join(f" {months[m]['total']:>10,.2f}" for m in months))
    return "\n".join(lines)


def by_month_chart(months: dict[str, dict[str, float]], path: Path) -> Path:
    """A stacked bar per month (oldest left), one colour per category as in every chart here; written atomically."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker

    names = list(months)
    categories = sorted({c for m in months.values() for c in m if c != "total"},
                        key=lambda c: -sum(m.get(c, 0.0) for m in months.values()))
    fig, ax = plt.subplots(figsize=(max(5.5, 1.3 * len(names) + 3), 4.6))
    bottom = [0.0] * len(names)
    for category in categories:
        values = [months[m].get(category, 0.0) for m in names]
        ax.bar(names, values, bottom=bottom, label=category, color=category_colour(category), width=0.6)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    for x, total in enumerate(months[m]["total"] for m in names):
        ax.text(x, total, f"{total:,.0f}", ha="center", va="bottom", fontsize=9)
    ax.set_ylabel("spending")
    ax.set_title(f"Spending by month and category ({names[0]} to {names[-1]})" if names else "Spending by month")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_ylim(0, max(bottom + [1.0]) * 1.15)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda value, _: f"{value:,.0f}"))
    handles, labels = ax.get_legend_handles_labels()  # listed top to bottom, as the bars stack
    ax.legend(handles[::-1], labels[::-1], loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9)
    write_png(fig, path)
    plt.close(fig)
    return path
