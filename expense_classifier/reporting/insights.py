"""What a dated statement shows beyond its categories: recurring payments and spending month by month."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from expense_classifier.reporting.by_month import NOT_SPENDING, by_month_chart, format_by_month, spending_by_month
from expense_classifier.reporting.outputs import CategorizedRow
from expense_classifier.reporting.recurring import Payment, Series, find_series, format_recurring, recurring_column


def _merchant_names() -> Callable[[str], str]:
    """Clean merchant names, for rows the lookup did not name (categorize always names them)."""
    from expense_classifier.merchants.names import clean_merchant

    return lambda text: clean_merchant(text).merchant


@dataclass
class Insights:
    series: list[Series] = field(default_factory=list)
    by_month: dict[str, dict[str, float]] = field(default_factory=dict)
    recurring: list[str] = field(default_factory=list)  # each row's period, or ""

    def to_json(self) -> dict[str, object]:
        return {"recurring": [s.to_json() for s in self.series], "by_month": self.by_month}

    def format(self) -> str:
        """The recurring table and the months, where there is something to show (a statement of one
        month with no series shows neither)."""
        parts = []
        if self.series or len(self.by_month) >= 2:
            parts.append(format_recurring(self.series))
        if len(self.by_month) >= 2:
            parts.append(format_by_month(self.by_month))
        return "\n\n".join(parts)

    def chart(self, path: Path) -> Path | None:
        """The stacked monthly chart, when the rows span two months or more."""
        return by_month_chart(self.by_month, path) if len(self.by_month) >= 2 else None


def statement_insights(rows: Sequence[CategorizedRow], dates: Sequence[date | None], texts: Sequence[str],
                       merchant_of: Callable[[str], str] | None = None) -> Insights | None:
    """Recurring series and monthly spending of dated rows; None when no row has a date."""
    if not any(dates):
        return None
    merchant_of = merchant_of or _merchant_names()
    payments = [Payment(i, when, row.prediction.merchant or merchant_of(text), row.prediction.category, row.amount)
                for i, (row, when, text) in enumerate(zip(rows, dates, texts, strict=True))
                if when is not None and row.amount is not None and row.amount > 0 and text
                and row.prediction.category not in NOT_SPENDING]
    series = find_series(payments, statement_end=max(d for d in dates if d is not None))
    months = spending_by_month(dates, [r.prediction.category for r in rows], [r.amount for r in rows])
    return Insights(series, months, recurring_column(series, len(rows)))
