"""Money as statements and receipts print it."""

import pytest

from expense_classifier.reading.amounts import parse_amount, split_price


@pytest.mark.parametrize(
    ("cell", "value"),
    [("$1,234.56", 1234.56), ("-12.00", -12.0), ("(12.00)", -12.0), ("12.00 CR", 12.0), ("12.00 DR", -12.0),
     ("1.234,56", 1234.56), ("€ 9,99", 9.99), ("USD 9.99", 9.99), ("9.99 USD", 9.99), ("12.00-", -12.0),
     ("+5.00", 5.0), ("12", 12.0), (42.5, 42.5), ("−3.10", -3.1)],
)
def test_cells_parse_to_signed_amounts(cell, value):
    assert parse_amount(cell) == value


@pytest.mark.parametrize("cell", ["", "  ", None, "abc", "12/01/2026", True])
def test_cells_that_are_not_money_are_none(cell):
    assert parse_amount(cell) is None


@pytest.mark.parametrize(
    ("line", "text", "price"),
    [("2 x MILK 1L 3.98", "2 x MILK 1L", 3.98), ("BANANAS 1.29 F", "BANANAS", 1.29), ("COUPON 1.00-", "COUPON", -1.0),
     ("LATTE 4.50 T X", "LATTE", 4.50), ("2 @ 1.99  3.98", "", 3.98), ("milk", "milk", None),
     ("ST# 1234 OP# 00001234 TE# 12 TR# 01234", "ST# 1234 OP# 00001234 TE# 12 TR# 01234", None)],
)
def test_the_price_at_the_end_of_a_receipt_line(line, text, price):
    assert split_price(line) == (text, price)
