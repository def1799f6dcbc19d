"""Bank and card exports as tables: column detection, sign conventions, collisions, one-line errors."""

from __future__ import annotations

import json

import pytest

from expense_classifier.errors import UserInputError
from expense_classifier.reading.statement import read_table, spending_amounts, text_column
from expense_classifier.reporting.outputs import added_column_names

CHECKING = """Date,Description,Amount,Running Bal.
11/01/2026,PAYROLL DEPOSIT ACME CORP,2450.00,5120.33
11/02/2026,KROGER #0412 COLUMBUS OH,-84.12,5036.21
11/03/2026,"UBER   *TRIP HELP.UBER.COM CA",-23.50,5012.71
11/04/2026,DUKE ENERGY AUTOPAY,-131.07,4881.64
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_checking_export_description_and_negative_debits_are_found(tmp_path):
    table = read_table(write(tmp_path, "statement.csv", CHECKING))
    assert table.columns == ["Date", "Description", "Amount", "Running Bal."]
    assert text_column(table) == "Description"
    amounts, how = spending_amounts(table)
    assert amounts == [-2450.00, 84.12, 23.50, 131.07]  # spending positive, payroll is money in
    assert "'Amount'" in how and "negative is spending" in how


def test_card_export_with_positive_charges(tmp_path):
    text = ("Transaction Date,Payee,Amount\n11/01,NETFLIX.COM,15.49\n11/02,SHELL OIL 5744,40.00\n"
            "11/03,PAYMENT THANK YOU,-55.49\n")
    table = read_table(write(tmp_path, "card.csv", text))
    assert text_column(table) == "Payee"
    assert spending_amounts(table)[0] == [15.49, 40.00, -55.49]
    assert spending_amounts(table, sign="negative_is_spending")[0] == [-15.49, -40.00, 55.49]


def test_debit_and_credit_columns(tmp_path):
    text = "Date;Details;Debit;Credit\n01.11.;REWE MARKT;12,50;\n02.11.;GEHALT;;2.000,00\n"
    table = read_table(write(tmp_path, "de.csv", text))
    assert text_column(table) == "Details"
    amounts, how = spending_amounts(table)
    assert amounts == [12.50, -2000.00] and "'Debit' is spending" in how


def test_without_a_named_column_the_wordiest_is_the_text(tmp_path):
    text = "d,a,b\n2026-11-01,12.00,Coffee at the corner cafe\n2026-11-02,5.00,Bus fare\n"
    table = read_table(write(tmp_path, "x.csv", text))
    assert text_column(table) == "b"
    assert text_column(table, "b") == "b"
    assert spending_amounts(table, amount_column="a")[0] == [12.00, 5.00]


def test_json_list_of_objects(tmp_path):
    rows = [{"date": "2026-11-01", "merchant": "Trader Joe's", "amount": -23.4},
            {"date": "2026-11-02", "merchant": "Lyft", "amount": -12.0, "note": "late"}]
    table = read_table(write(tmp_path, "rows.json", json.dumps(rows)))
    assert table.columns == ["date", "merchant", "amount", "note"]
    assert text_column(table) == "merchant"
    assert spending_amounts(table)[0] == [23.4, 12.0]


def test_added_columns_never_collide_with_the_files_own():
    names = added_column_names(["Date", "Description", "Amount", "Category", "confidence", "Merchant", "Source"])
    assert names == {"category": "predicted_category", "confidence": "predicted_confidence",
                     "runner_up": "runner_up", "runner_up_confidence": "runner_up_confidence",
                     "amount": "spending_amount", "merchant": "clean_merchant", "intermediary": "intermediary",
                     "source": "predicted_source", "suggested_category": "suggested_category"}
    assert added_column_names(["category", "predicted_category"])["category"] == "predicted_category_2"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("ragged.csv", "Date,Description,Amount\n11/01,KROGER,-1.00\n11/02,SHELL, OIL,-2.00\n",
         "row 3: 4 fields, but the header has 3"),
        ("latin1.csv", "Date,Description\n11/01,Caf\xe9\n".encode("latin-1"), "line 2: bytes that are not UTF-8"),
        ("empty.csv", "", "the file is empty"),
        ("header.csv", "Date,Description,Amount\n", "no rows below the header"),
        ("bad.json", '{"a": 1', "invalid JSON"),
        ("dict.json", '{"a": 1}', "expected a non-empty JSON list of objects"),
        ("scalars.json", '[{"a": "x"}, 3]', "row 2: expected an object"),
        ("money.csv", "Description,Amount\nKROGER,twelve\n", "row 2, column 'Amount': 'twelve' is not an amount"),
    ],
)
def test_bad_files_are_one_line_naming_file_and_row(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(UserInputError) as err:
        table = read_table(path)
        spending_amounts(table)
    assert message in str(err.value) and str(path) in str(err.value) and "\n" not in str(err.value)


def test_an_unknown_override_column_names_the_columns(tmp_path):
    table = read_table(write(tmp_path, "statement.csv", CHECKING))
    with pytest.raises(UserInputError, match="no column 'Memo' for --text_column"):
        text_column(table, "Memo")
    with pytest.raises(UserInputError, match="no column 'Value' for --amount_column"):
        spending_amounts(table, amount_column="Value")
