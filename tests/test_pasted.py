"""Pasted text keeps every line: statement lines (with or without dates) give one item each with its amount;
`.com` descriptors, `1650.00` and reference numbers survive; what is left out is said in one warning."""

from __future__ import annotations

import io
import json

import pytest

from expense_classifier.cli import main
from expense_classifier.reading.pasted import statement_lines
from expense_classifier.reading.receipt import parse_receipt
from expense_classifier.reading.sources import read_input
from expense_classifier.reading.statement import Table, statement_items
from expense_classifier.serving.requests import parse_request

TEN_LINES = [
    ("PAYROLL DEPOSIT ACME CORP PPD ID: 9100000001", "2,450.00", -2450.00),
    ("KROGER #0412 COLUMBUS OH", "-84.12", 84.12),
    ("UBER *TRIP HELP.UBER.COM CA", "-23.50", 23.50),
    ("NETFLIX.COM 866-579-7172 CA", "-15.49", 15.49),
    ("Amazon.com*2K4LZ9RT3 Amzn.com/bill WA", "-42.99", 42.99),
    ("GREYSTAR RENT PMT WEB ID: 4455667788", "-1650.00", 1650.00),
    ("SHELL OIL 12345678 DAYTON OH", "-48.20", 48.20),
    ("CVS/PHARMACY #04512 COLUMBUS OH", "-18.37", 18.37),
    ("COURSERA.ORG 650-555-0100 CA", "-49.00", 49.00),
    ("TARGET #1234 REFUND", "19.99", -19.99),
]
DATES = ["01/02/2026", "01/03/2026", "Jan 4, 2026", "2026-01-05", "05.01.2026", "01/06", "6 Jan 2026",
         "01/07/2026", "01/08/2026", "01/09/2026"]


def dated_text(balance: bool = True) -> str:
    lines = ["Date Description Amount Balance"]
    for date, (text, amount, _) in zip(DATES, TEN_LINES, strict=True):
        lines.append(f"{date}  {text}  {amount}" + ("  5,036.21" if balance else ""))
    return "\n".join(lines) + "\n"


def test_ten_dated_statement_lines_give_ten_items_with_their_amounts():
    table = statement_lines(dated_text())
    texts, amounts, _ = statement_items(table)
    assert texts == [text for text, _, _ in TEN_LINES]
    assert amounts == [spending for _, _, spending in TEN_LINES]
    assert [row["date"] for row in table.rows][:4] == ["01/02/2026", "01/03/2026", "Jan 4, 2026", "2026-01-05"]
    assert table.rows[0]["balance"] == "5,036.21" and table.rows[5]["as shown"] == "-1650.00"
    assert table.warnings == ["1 line left out as not transactions (a header, a note, no amount): "
                              "'Date Description Amount Balance'"]


def test_ten_lines_without_dates_still_give_ten_items_with_their_amounts():
    text = "\n".join(f"{text} {amount}" for text, amount, _ in TEN_LINES)
    receipt = read_input("<stdin>", text.encode())
    assert [(i.item, i.amount) for i in receipt.items] == [(t, s) for t, _, s in TEN_LINES]
    assert receipt.warnings == []


def test_unsigned_amounts_are_spending_and_a_plus_is_money_in():
    table = statement_lines("01/02 PAYROLL ACME +2,450.00\n01/03 KROGER #0412 84.12\n01/04 SHELL OIL 40.00\n")
    assert statement_items(table)[1] == [-2450.0, 84.12, 40.0]


def test_a_line_holding_only_a_date_dates_the_lines_below_it():
    table = statement_lines("Jan 5, 2026\nKROGER #0412 -84.12\nSHELL OIL -40.00\nJan 6, 2026\nNETFLIX.COM -15.49\n"
                            "Jan 7, 2026\nSTARBUCKS -4.50\n")
    assert [(r["date"], r["description"]) for r in table.rows] == [
        ("Jan 5, 2026", "KROGER #0412"), ("Jan 5, 2026", "SHELL OIL"), ("Jan 6, 2026", "NETFLIX.COM"),
        ("Jan 7, 2026", "STARBUCKS")]


def test_a_receipt_is_not_taken_for_statement_lines():
    assert statement_lines("Latte 4.50\nMuffin 3.25\nTOTAL 7.75\n") is None
    assert statement_lines("MARATHON OIL 45.00\nMAY FLOWERS 12.00\n") is None  # month-like words are not dates


@pytest.mark.parametrize(("line", "item", "amount"), [
    ("NETFLIX.COM 866-579-7172 CA 15.49", "NETFLIX.COM 866-579-7172 CA", 15.49),
    ("GREYSTAR RENT PMT WEB ID: 4455667788 1650.00", "GREYSTAR RENT PMT WEB ID: 4455667788", 1650.0),
    ("SHELL OIL 12345678 DAYTON OH 48.20", "SHELL OIL 12345678 DAYTON OH", 48.20),
    ("Laptop 1299.99", "Laptop", 1299.99),
])
def test_receipt_lines_keep_domains_large_amounts_and_reference_numbers(line, item, amount):
    [parsed] = parse_receipt(line + "\nMILK 3.48\n").items[:1]
    assert (parsed.item, parsed.amount) == (item, amount)


def test_lines_left_out_of_a_receipt_are_one_warning_with_the_first_few():
    receipt = parse_receipt("CORNER CAFE\n12 High Street\nLatte 4.50\nMuffin 3.25\nThank you!\nSee you soon\n")
    assert receipt.texts == ["Latte", "Muffin"]
    assert receipt.warnings == ["4 lines left out as not purchases (store header or footer, payment, no price): "
                                "'CORNER CAFE', '12 High Street', 'Thank you!' and 1 more"]


def test_serve_reads_pasted_statement_lines_the_same_way():
    parsed = parse_request({"text": dated_text()}, 50, 500)
    assert parsed.texts == [text for text, _, _ in TEN_LINES]
    assert parsed.amounts == [spending for _, _, spending in TEN_LINES]
    assert any("left out as not transactions" in w for w in parsed.warnings)


def test_categorize_on_stdin_gives_ten_rows(tiny_run, workdir, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(dated_text(balance=False).encode())))
    assert main(["categorize", "--model", str(tiny_run / "adapter"), "--output", "out.json"]) == 0
    rows = json.loads((workdir / "out.json").read_text())["items"]
    assert [(r["description"], r["spending_amount"]) for r in rows] == [(t, s) for t, _, s in TEN_LINES]
    assert isinstance(read_input("<stdin>", dated_text().encode()), Table)
