"""The spending summary keeps money in and transfers out of spending, each on its own line."""

from __future__ import annotations

import importlib.util

import pytest

from expense_classifier.inference.prediction import Prediction
from expense_classifier.reporting.outputs import CategorizedRow
from expense_classifier.reporting.summary import INCOME, TRANSFER, format_summary, summarize


def row(category: str, amount: float | None) -> CategorizedRow:
    return CategorizedRow({"item": category}, Prediction(category, category, 0.9), amount)


def test_income_and_transfers_are_not_spending_and_have_their_own_lines():
    rows = [row("Food", 40.0), row("Income", -2450.0), row("Transfer", 500.0), row("Transfer", -120.0),
            row("Shopping", -19.99), row("Housing", 1450.0)]
    spending = summarize(rows)
    assert set(spending.by_category) == {"Housing", "Food"} and spending.total == 1490.0
    assert (spending.money_in_rows, spending.money_in) == (2, 2469.99)  # payroll and a refund
    assert (spending.transfer_rows, spending.transfers_out, spending.transfers_in) == (2, 500.0, 120.0)
    text = format_summary(spending)
    assert "money in            2     2,469.99  (not in spending)" in text
    assert "transfers           2       500.00  out, 120.00 in (not in spending)" in text


def test_the_summary_names_money_in_as_merchants_money_does():
    if importlib.util.find_spec("expense_classifier.merchants.money") is None:
        pytest.skip("merchants.money is not installed yet")
    from expense_classifier.merchants.money import MONEY_IN_CATEGORIES

    assert tuple(MONEY_IN_CATEGORIES) == (INCOME, TRANSFER)
