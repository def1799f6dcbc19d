"""Tabular input to `categorize`: a bank or card export (CSV, or a JSON list of objects) read as rows.

Finds the description and the amount by their headers (in English, German, French, Spanish, Dutch; see
`headers`), keeps every column as it was, and turns each row's amount into one convention: spending
positive, money in (deposits, refunds, payroll) negative. CSV as banks write it: any of `, ; tab |`,
lines above the header (account number, period), a delimiter at the end of every row (Chase), decimal
commas, cp1252 or Latin-1 bytes. Dates stay as the bank wrote them.

Sign conventions of a single amount column (`--amount_sign`):
- `auto`: the sign most rows have is spending (a checking account lists mostly negative debits; a card
  export mostly positive charges), negative on a tie; a column with one sign only is spending either way. A bank format
  (OFX, QIF, CAMT, MT940) says what its sign means, and `auto` follows it.
- `negative_is_spending`: debits are negative (most bank accounts).
- `positive_is_spending`: charges are positive (most credit cards).
Debit/credit column pairs need no convention: debit is spending, credit is money in; nor does an
unsigned amount with a column saying which way it went (ING's `Af Bij`, a German `Soll/Haben`).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from expense_classifier.errors import UserInputError
from expense_classifier.reading.amounts import parse_amount
from expense_classifier.reading.headers import (
    AMOUNT,
    CREDIT,
    CREDIT_MARKS,
    DEBIT,
    DEBIT_MARKS,
    DIRECTION,
    PAYEE,
    POSTING_TYPE,
    PURPOSE,
    fold,
    known_header_cells,
    named,
)
from expense_classifier.reading.text import decode_bank_text

AmountSign = Literal["auto", "negative_is_spending", "positive_is_spending"]
TABULAR_SUFFIXES = (".csv", ".tsv", ".json")
_DELIMITERS = ",;\t|"


@dataclass
class Table:
    """Rows of a statement with their columns in the file's order; `lines` are the rows' 1-based rows.

    A reader that knows its format says which columns hold the text and the amount and what the
    amount's sign means (`text_columns`, `amount_column`, `amount_sign`); a CSV leaves them to the headers.
    """

    path: Path
    columns: list[str]
    rows: list[dict[str, object]]
    lines: list[int]
    kind: str = "CSV"  # what was read: CSV, JSON, OFX 2.x (XML), QIF, CAMT.053, MT940, statement lines
    text_columns: list[str] | None = None
    amount_column: str | None = None
    amount_sign: AmountSign | None = None
    notes: list[str] = field(default_factory=list)  # how it was read (an encoding, a header below row 1)
    warnings: list[str] = field(default_factory=list)  # what may be wrong (balances that do not add up)


def read_table(path: Path) -> Table:
    """A `.csv` (with a header row) or a `.json` list of objects; each problem is one line naming file and row."""
    if not path.is_file():
        raise UserInputError(f"{path}: no such file")
    decoded = decode_bank_text(path.read_bytes(), path)
    table = parse_table(path, decoded.text)
    if decoded.note:
        table.notes.insert(0, decoded.note)
    return table


def parse_table(path: Path, text: str, as_json: bool | None = None) -> Table:
    """The rows of a file's text (the server's uploads have text, not a file); JSON by `as_json` or the
    `.json` suffix, else CSV."""
    if not text.strip():
        raise UserInputError(f"{path}: the file is empty")
    if as_json or (as_json is None and path.suffix.lower() == ".json"):
        return _read_json(path, text)
    return _read_csv(path, text)


def looks_like_table(text: str) -> bool:
    """Text with a header row of column names banks use, split by a delimiter like the rows below it
    (a CSV piped to stdin, a table copied from a bank's page)."""
    delimiter = _delimiter(text)
    records = [r for r in csv.reader(io.StringIO(text[:32768], newline=""), delimiter=delimiter) if any(r)][:40]
    start = _header_index(records)
    if len(records) < start + 2 or len(records[start]) < 2 or known_header_cells(records[start]) < 2:
        return False
    width = len(records[start])
    return any(len(r) >= width for r in records[start + 1:])


def _delimiter(text: str) -> str:
    """The delimiter that splits the most rows into the same number of fields (more fields breaking ties)."""
    sample = text[:32768]
    best, best_score = ",", (0, 0)
    for delimiter in _DELIMITERS:
        records = [r for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter) if any(r)][:80]
        if not records:
            continue
        width, agree = Counter(len(r) for r in records).most_common(1)[0]
        if width >= 2 and (agree, width) > best_score:
            best, best_score = delimiter, (agree, width)
    return best


def _header_index(records: list[list[str]]) -> int:
    """The header row: the first of the top rows with two or more column names banks use, else the first."""
    for index, record in enumerate(records[:30]):
        if len(record) >= 2 and known_header_cells(record) >= 2:
            return index
    return 0


def _read_csv(path: Path, text: str) -> Table:
    delimiter = _delimiter(text)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    start = _header_index(records)
    header = [name.strip() for name in records[start]]
    while header and not header[-1]:
        header.pop()  # a delimiter at the end of the header row
    if not any(header):
        raise UserInputError(f"{path}: row {start + 1}: the header row is empty")
    header = [name or f"column {i}" for i, name in enumerate(header, start=1)]
    duplicate = next((name for name in header if header.count(name) > 1), None)
    if duplicate is not None:
        raise UserInputError(f"{path}: row {start + 1}: the column name {duplicate!r} appears twice")
    rows, lines = [], []
    for number, record in enumerate(records[start + 1:], start=start + 2):
        if not any(field.strip() for field in record):
            continue
        if len(record) > len(header) and not any(f.strip() for f in record[len(header):]):
            record = record[: len(header)]  # a delimiter at the end of every row (Chase)
        if len(record) != len(header):
            what = "a comma" if delimiter == "," else repr(delimiter)
            raise UserInputError(
                f"{path}: row {number}: {len(record)} fields, but the header has {len(header)}; "
                f"a field with {what} must be quoted"
            )
        rows.append(dict(zip(header, record, strict=True)))
        lines.append(number)
    if not rows:
        raise UserInputError(f"{path}: no rows below the header")
    notes = [f"header on row {start + 1}; the {start} line(s) above it skipped"] if start else []
    return Table(path, header, rows, lines, notes=notes)


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
    return Table(path, list(columns), data, list(range(1, len(data) + 1)), kind="JSON")


def _require(table: Table, column: str, option: str) -> str:
    if column not in table.columns:
        found = ", ".join(map(repr, table.columns))
        raise UserInputError(f"{table.path}: no column {column!r} for {option} (columns: {found})")
    return column


def _one_value(table: Table, column: str) -> bool:
    """A column with the same text in every row (the account holder's name) says nothing of a row."""
    values = {str(row.get(column) or "").strip() for row in table.rows} - {""}
    return len(table.rows) > 2 and len(values) <= 1


def text_columns(table: Table, override: str | None = None) -> list[str]:
    """The columns a row's text is made of: the payee, then the purpose, where a file has both.

    `override`, else the reader's own choice, else the headers (payee, then description/purpose, then a
    posting type), else the wordiest column.
    """
    if override:
        return [_require(table, override, "--text_column")]
    if table.text_columns:
        return table.text_columns
    payee = named(table.columns, PAYEE, text=True)
    if payee is not None and _one_value(table, payee):
        payee = None
    purpose = named(table.columns, PURPOSE, exclude={payee} if payee else frozenset(), text=True)
    found = [c for c in (payee, purpose) if c is not None]
    if found:
        return found
    posting = named(table.columns, POSTING_TYPE, text=True)
    if posting is not None:
        return [posting]

    def letters(column: str) -> float:
        return sum(len(re.findall(r"[^\W\d_]", str(row.get(column) or ""))) for row in table.rows)

    best = max(table.columns, key=letters)
    if letters(best) == 0:
        raise UserInputError(f"{table.path}: no column holds text; name one with --text_column")
    return [best]


def posting_types(table: Table, text: list[str]) -> list[str | None] | None:
    """Each row's posting type ("Gehalt/Rente", "ACCT_XFER", "DIRECTDEP"), where the file has a column for
    it apart from the text: evidence of money in or moved, beside the words of the description."""
    column = named(table.columns, POSTING_TYPE, exclude=set(text), text=True)
    if column is None:
        return None
    return [" ".join(str(row.get(column) or "").split()) or None for row in table.rows]


def text_column(table: Table, override: str | None = None) -> str:
    """The main text column (the payee where there is one)."""
    return text_columns(table, override)[0]


def describe(*parts: str | None) -> str:
    """Payee then purpose, whitespace folded, leaving out a part another one already says."""
    kept: list[str] = []
    for part in parts:
        part = " ".join((part or "").split())
        if not part or any(part.lower() in k.lower() for k in kept):
            continue
        kept = [k for k in kept if k.lower() not in part.lower()] + [part]
    return " ".join(kept)


def row_texts(table: Table, columns: str | list[str]) -> list[str]:
    """Each row's description (its columns joined), whitespace folded; one line for a cell that is not text."""
    columns = [columns] if isinstance(columns, str) else columns
    texts = []
    for line, row in zip(table.lines, table.rows, strict=True):
        parts = []
        for column in columns:
            value = row.get(column)
            if value is not None and not isinstance(value, str | int | float):
                raise UserInputError(f"{table.path}: row {line}: {column!r} must be text, got {type(value).__name__}")
            parts.append(" ".join(str(value if value is not None else "").split()))
        texts.append(describe(*parts))
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


def _direction_column(table: Table) -> str | None:
    """A column naming which way each amount went (`Af`/`Bij`, `S`/`H`, `D`/`C`), found by header and values."""
    column = named(table.columns, DIRECTION)
    if column is None:
        return None
    marks = {fold(row.get(column)) for row in table.rows} - {""}
    return column if marks and marks <= DEBIT_MARKS | CREDIT_MARKS else None


def _debit_credit(table: Table, debit: str | None, credit: str | None) -> tuple[list[float | None], str]:
    debits = _column_amounts(table, debit) if debit else [None] * len(table.rows)
    credits = _column_amounts(table, credit) if credit else [None] * len(table.rows)
    amounts = [abs(d) if d else (-abs(c) if c else (0.0 if d == 0 or c == 0 else None))
               for d, c in zip(debits, credits, strict=True)]
    how = f"amounts: {debit!r} is spending, {credit!r} is money in" if debit and credit else \
        f"amounts: {debit or credit!r} is {'spending' if debit else 'money in'}"
    return amounts, how


def spending_amounts(
    table: Table, amount_column: str | None = None, sign: AmountSign = "auto"
) -> tuple[list[float | None], str]:
    """Each row's amount as spending (positive) or money in (negative), and how it was read (one line).

    Without an amount column every amount is None (the rows are still categorized).
    """
    direction = None
    if amount_column:
        single = _require(table, amount_column, "--amount_column")
    elif table.amount_column:
        single = table.amount_column
    else:
        direction = _direction_column(table)
        skip = {direction} if direction else set()
        debit = named(table.columns, DEBIT, exclude=skip)
        credit = named(table.columns, CREDIT, exclude=skip | ({debit} if debit else set()))
        single = named(table.columns, AMOUNT, exclude=skip | {c for c in (debit, credit) if c})
        if single is None and (debit or credit):
            return _debit_credit(table, debit, credit)
    if single is None:
        return [None] * len(table.rows), "amounts: no amount column found (set --amount_column)"
    raw = _column_amounts(table, single)
    if direction and sign == "auto" and not any(a is not None and a < 0 for a in raw):
        debit_rows = [fold(row.get(direction)) in DEBIT_MARKS for row in table.rows]
        amounts = [None if a is None else (abs(a) if out else -abs(a)) for a, out in zip(raw, debit_rows, strict=True)]
        return amounts, f"amounts: {single!r}, {direction!r} says which way (debit is spending)"
    given = "the format's sign, " if sign == "auto" and table.amount_sign else ""
    if sign == "auto" and table.amount_sign:
        sign = table.amount_sign
    if sign == "auto":
        negatives = sum(1 for a in raw if a is not None and a < 0)
        positives = sum(1 for a in raw if a is not None and a > 0)
        # As many of each: a bank account (in and out alike) is likelier than a card with that many payments.
        sign = "negative_is_spending" if negatives >= positives and negatives else "positive_is_spending"
    flip = -1.0 if sign == "negative_is_spending" else 1.0
    amounts = [None if a is None else (flip * a if a != 0 else 0.0) for a in raw]
    where = "negative" if sign == "negative_is_spending" else "positive"
    return amounts, f"amounts: {single!r}, {given}{where} is spending (--amount_sign to change)"


def statement_items(
    table: Table, text_column_name: str | None = None, amount_column: str | None = None, sign: AmountSign = "auto"
) -> tuple[list[str], list[float | None], str]:
    """Each row's description and spending amount, and one line saying which columns and sign were used."""
    columns = text_columns(table, text_column_name)
    amounts, how = spending_amounts(table, amount_column, sign)
    source = " + ".join(map(repr, columns))
    return row_texts(table, columns), amounts, f"text from {source}; {how}"
