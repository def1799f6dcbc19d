"""The hand-labelled bank exports in eval/exports/ and eval/heldout_local.csv stay readable and labelled.

Read with the csv module, as the banks wrote them (Chase's trailing comma, a German semicolon file),
so a change to a file that breaks its layout or its labels fails here, not in the middle of a benchmark.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parent.parent / "eval"
EXPORTS = sorted((EVAL / "exports").glob("*.csv"))
SPENDING = ("Food", "Transportation", "Utilities", "Entertainment", "Healthcare", "Shopping", "Housing", "Education")
MONEY_IN = ("Income", "Transfer")


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    text = path.read_text(encoding="utf-8")
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;")
    header, *rows = list(csv.reader(text.splitlines(), dialect))
    return header, [row for row in rows if any(field.strip() for field in row)]


def test_the_four_bank_exports_are_there():
    assert [path.name for path in EXPORTS] == ["de_girokonto.csv", "uk_current.csv", "us_card.csv",
                                                 "us_checking.csv"]


@pytest.mark.parametrize("path", EXPORTS, ids=lambda path: path.name)
def test_an_export_keeps_its_bank_columns_and_ends_with_the_two_labels(path: Path):
    header, rows = read_rows(path)
    assert header[-2:] == ["expected_category", "expected_merchant"]
    assert len(header) >= 6  # the bank's own columns come first
    assert len(rows) >= 20
    for number, row in enumerate(rows, start=2):
        # Chase ends every data row with a comma: one empty field more than the header names.
        fields = row[:-1] if len(row) == len(header) + 1 and row[-1] == "" else row
        assert len(fields) == len(header), f"{path.name}: row {number}"
        category, merchant = fields[-2], fields[-1]
        assert category in SPENDING + MONEY_IN, f"{path.name}: row {number}: {category!r}"
        if category in SPENDING:
            assert merchant.strip(), f"{path.name}: row {number}: a purchase names its merchant"


def test_every_export_has_money_in_rows_and_spending_rows():
    for path in EXPORTS:
        header, rows = read_rows(path)
        at = header.index("expected_category")
        categories = {row[at] for row in rows}
        assert categories & set(MONEY_IN) and len(categories & set(SPENDING)) >= 5, path.name


def test_chase_rows_end_with_a_trailing_comma_as_chase_writes_them():
    lines = (EVAL / "exports" / "us_checking.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #,")
    assert all(line.endswith(",") for line in lines[1:] if line)


def test_the_local_businesses_cover_every_spending_category():
    header, rows = read_rows(EVAL / "heldout_local.csv")
    assert header == ["description", "category", "merchant"]
    assert len(rows) >= 20
    assert all(row[1] in SPENDING and row[0].strip() and row[2].strip() for row in rows)
    counts = {category: sum(row[1] == category for row in rows) for category in SPENDING}
    assert min(counts.values()) >= 7, counts
