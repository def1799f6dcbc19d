"""The served answer holds what `categorize` shows for a dated statement: recurring payments and spending by
month (the page draws both from it); a request without dates holds neither."""

from __future__ import annotations

from pathlib import Path

from expense_classifier.inference.prediction import Prediction
from expense_classifier.merchants.names import clean_merchant
from expense_classifier.serving.requests import parse_request, respond

FOUR_MONTHS = Path(__file__).resolve().parent.parent / "examples" / "four_months.csv"


def predictions(texts: list[str], amounts: list[float | None]) -> list[Prediction]:
    """One category for all spending and Income for money in: the series and months come from the rows."""
    return [Prediction(t, "Income" if (a or 0) < 0 else "Shopping", 1.0, merchant=clean_merchant(t).merchant)
            for t, a in zip(texts, amounts, strict=True)]


def test_an_uploaded_statement_answers_with_recurring_payments_and_months() -> None:
    parsed = parse_request({"csv": FOUR_MONTHS.read_text(), "name": "four_months.csv"}, 1000, 500)
    answer = respond(parsed, predictions(parsed.texts, parsed.amounts))
    assert sorted(answer["by_month"]) == ["2026-01", "2026-02", "2026-03", "2026-04"]
    spending = sum(a for a in parsed.amounts if a is not None and a > 0)
    assert abs(sum(month["total"] for month in answer["by_month"].values()) - spending) < 0.01
    series = {s["merchant"]: s for s in answer["recurring"]}
    assert series["Netflix"]["period"] == "monthly" and series["Netflix"]["price_change"] is not None
    assert series["Spotify"]["stopped"] is True
    assert any(s["period"] == "weekly" for s in series.values())


def test_items_without_dates_answer_without_recurring_or_months() -> None:
    parsed = parse_request({"items": ["Uber ride to airport", "2x whole milk"]}, 1000, 500)
    answer = respond(parsed, predictions(parsed.texts, parsed.amounts))
    assert "recurring" not in answer and "by_month" not in answer
