"""Tabular input to `categorize`: a bank or card export (CSV, or a JSON list of objects) read as rows.

Finds the description column and the amount by their headers, keeps every column as it was, and turns
each row's amount into one convention: spending positive, money in (deposits, refunds, payroll) negative.

Sign conventions of a single amount column (`--amount_sign`):
- `auto`: the sign most rows have is spending (a checking account lists mostly negative debits; a card
  export mostly positive charges); a column with one sign only is spending either way.
- `negative_is_spending`: debits are negative (most bank accounts).
- `positive_is_spending`: charges are positive (most credit cards).
Debit/credit column pairs need no convention: debit is spending, credit is money in.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from expense_classifier.data.io import decode_utf8
from expense_classifier.errors import UserInputError
from expense_classifier.reading.amounts import parse_amount

AmountSign = Literal["auto", "negative_is_spending", "positive_is_spending"]
TABULAR_SUFFIXES = (".csv", ".json")

TEXT_HEADERS = ("description", "details", "memo", "payee", "merchant", "name", "item", "transaction",
                "narrative", "particulars", "reference")
AMOUNT_HEADERS = ("amount", "value", "amt", "transaction amount", "sum")
DEBIT_HEADERS = ("debit", "debits", "withdrawal", "withdrawals", "paid out", "money out", "outflow", "spent",
                 "debit amount", "charge", "charges")
CREDIT_HEADERS = ("credit", "credits", "deposit", "deposits", "paid in", "money in", "inflow", "received",
                  "credit amount", "payment")


@dataclass
class Table:
    """Rows of a tabular file with their columns in the file's order; `lines` are the rows' 1-based rows."""

    path: Path
    columns: list[str]
    rows: list[dict[str, object]]
    lines: list[int]


def _normalise(header: str) -> str:
    return re.sub(r"[^a-z ]", "", header.lower().replace("_", " ")).strip()


def read_table(path: Path) -> Table:
    """A `.csv` (with a header row) or a `.json` list of objects; each problem is one line naming file and row."""
    if not path.is_file():
        raise UserInputError(f"{path}: no such file")
    return parse_table(path, decode_utf8(path.read_bytes(), path))


def parse_table(path: Path, text: str) -> Table:
    """The rows of a file's text (the server's uploads have text, not a file); `.json` by suffix, else CSV."""
    if not text.strip():
        raise UserInputError(f"{path}: the file is empty")
    if path.suffix.lower() == ".json":
        return _read_json(path, text)
    return _read_csv(path, text)


def _read_csv(path: Path, text: str) -> Table:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    records = list(csv.reader(io.StringIO(text, newline=""), dialect))
    header = [name.strip() for name in records[0]]
    if not any(header):
        raise UserInputError(f"{path}: row 1: the header row is empty")
    duplicate = next((name for name in header if header.count(name) > 1), None)
    if duplicate is not None:
        raise UserInputError(f"{path}: row 1: the column name {duplicate!r} appears twice")
    rows, lines = [], []
    for number, record in enumerate(records[1:], start=2):
        if not any(field.strip() for field in record):
            continue
        if len(record) != len(header):
            raise UserInputError(
                f"{path}: row {number}: {len(record)} fields, but the header has {len(header)}; "
                "a field with a comma must be quoted"
            )
        rows.append(dict(zip(header, record, strict=True)))
        lines.append(number)
    if not rows:
        raise UserInputError(f"{path}: no rows below the header")
    return Table(path, header, rows, lines)


def _read_json(path: Path, text: str) -> Table:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise UserInputError(f"{path}: line {err.lineno}, column {err.colno}: invalid JSON: {err.msg}") from None
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]  # what `categorize --output x.json` writes
    if not isinstance(data, list) or not data:
        raise UserInputError(f"{path}: expected a non-empty JSON list of objects (one per row)")
    columns: dict[str, None] = {}
    for number, row in enumerate(data, start=1):
        if not isinstance(row, dict):
            raise UserInputError(f"{path}: row {number}: expected an object, got {type(row).__name__}")
        columns.update(dict.fromkeys(row))
    return Table(path, list(columns), data, list(range(1, len(data) + 1)))


def _named(columns: list[str], wanted: tuple[str, ...]) -> str | None:
    """The first column whose header is one of `wanted` (exactly, then as a word in the header)."""
    normalised = {column: _normalise(column) for column in columns}
    for name in wanted:
        for column, norm in normalised.items():
            if norm == name:
                return column
    for name in wanted:
        for column, norm in normalised.items():
            if re.search(rf"\b{name}\b", norm):
                return column
    return None


def _require(table: Table, column: str, option: str) -> str:
    if column not in table.columns:
        found = ", ".join(map(repr, table.columns))
        raise UserInputError(f"{table.path}: no column {column!r} for {option} (columns: {found})")
    return column


def text_column(table: Table, override: str | None = None) -> str:
    """The description column: `override`, else a header like description/memo/payee, else the wordiest."""
    if override:
        return _require(table, override, "--text_column")
    named = _named(table.columns, TEXT_HEADERS)
    if named is not None:
        return named

    def letters(column: str) -> float:
        return sum(len(re.findall(r"[A-Za-z]", str(row.get(column) or ""))) for row in table.rows)

    best = max(table.columns, key=letters)
    if letters(best) == 0:
        raise UserInputError(f"{table.path}: no column holds text; name one with --text_column")
    return best


def row_texts(table: Table, column: str) -> list[str]:
    """Each row's description, whitespace folded; one line for a row whose description is not text."""
    texts = []
    for line, row in zip(table.lines, table.rows, strict=True):
        value = row.get(column)
        if value is not None and not isinstance(value, str | int | float):
            raise UserInputError(f"{table.path}: row {line}: {column!r} must be text, got {type(value).__name__}")
        texts.append(" ".join(str(value if value is not None else "").split()))
    return texts


def _column_amounts(table: Table, column: str) -> list[float | None]:
    amounts = []
    for line, row in zip(table.lines, table.rows, strict=True):
        cell = row.get(column)
        amount = parse_amount(cell)
        if amount is None and cell not in (None, "") and str(cell).strip():
            raise UserInputError(f"{table.path}: row {line}, column {column!r}: {cell!r} is not an amount")
        amounts.append(amount)
    return amounts


def spending_amounts(
    table: Table, amount_column: str | None = None, sign: AmountSign = "auto"
) -> tuple[list[float | None], str]:
    """Each row's amount as spending (positive) or money in (negative), and how it was read (one line).

    Without an amount column every amount is None (the rows are still categorized).
    """
    if amount_column:
        single = _require(table, amount_column, "--amount_column")
    else:
        debit, credit = _named(table.columns, DEBIT_HEADERS), _named(table.columns, CREDIT_HEADERS)
        single = _named(table.columns, AMOUNT_HEADERS)
        if single is None and (debit or credit):
            debits = _column_amounts(table, debit) if debit else [None] * len(table.rows)
            credits = _column_amounts(table, credit) if credit else [None] * len(table.rows)
            amounts = [abs(d) if d else (-abs(c) if c else (0.0 if d == 0 or c == 0 else None))
                       for d, c in zip(debits, credits, strict=True)]
            how = f"amounts: {debit!r} is spending, {credit!r} is money in" if debit and credit else \
                f"amounts: {debit or credit!r} is {'spending' if debit else 'money in'}"
            return amounts, how
    if single is None:
        return [None] * len(table.rows), "amounts: no amount column found (set --amount_column)"
    raw = _column_amounts(table, single)
    if sign == "auto":
        negatives = sum(1 for a in raw if a is not None and a < 0)
        positives = sum(1 for a in raw if a is not None and a > 0)
        sign = "negative_is_spending" if negatives > positives else "positive_is_spending"
    flip = -1.0 if sign == "negative_is_spending" else 1.0
    amounts = [None if a is None else (flip * a if a != 0 else 0.0) for a in raw]
    where = "negative" if sign == "negative_is_spending" else "positive"
    return amounts, f"amounts: {single!r}, {where} is spending (--amount_sign to change)"


def statement_items(
    table: Table, text_column_name: str | None = None, amount_column: str | None = None, sign: AmountSign = "auto"
) -> tuple[list[str], list[float | None], str]:
    """Each row's description and spending amount, and one line saying which columns and sign were used."""
    column = text_column(table, text_column_name)
    amounts, how = spending_amounts(table, amount_column, sign)
    return row_texts(table, column), amounts, f"text from {column!r}; {how}"


def is_tabular(path: str) -> bool:
    return Path(path).suffix.lower() in TABULAR_SUFFIXES
