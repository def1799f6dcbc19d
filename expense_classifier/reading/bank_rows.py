"""What every bank-format reader gives: rows with a date, the description as the bank shows it, the amount
as the bank signs it (money out negative), the currency and the file's own fields, as one `Table`.

The same `Table` the CSV reader makes, so categorize, serve and learn read a bank format like a CSV:
`description` is the text, `amount` the amount, and its sign is the format's (`negative_is_spending`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from expense_classifier.errors import UserInputError
from expense_classifier.reading.statement import Table

COLUMNS = ["date", "description", "amount", "currency"]


@dataclass
class BankRow:
    date: str  # as the format dates it: ISO for OFX/CAMT/MT940 (YYYYMMDD in the file), QIF's own text
    description: str  # the payee, then the memo or purpose
    amount: Decimal  # the bank's sign: money in positive, money out negative
    currency: str
    fields: dict[str, str]  # the row's fields as the file names them
    line: int  # where the row starts in the file (1-based)


@dataclass
class BankStatement:
    kind: str  # "OFX 1.02 (SGML)", "QIF", "CAMT.053", "MT940", ...
    rows: list[BankRow]
    warnings: list[str] = field(default_factory=list)


def to_table(path: Path, statement: BankStatement) -> Table:
    """One row per transaction, in the file's order: date, description, amount, currency, then the file's fields."""
    if not statement.rows:
        raise UserInputError(f"{path}: a {statement.kind} file with no transactions in it")
    extra: dict[str, None] = {}
    for row in statement.rows:
        extra.update(dict.fromkeys(k for k in row.fields if k.lower() not in COLUMNS))
    records = []
    for row in statement.rows:
        record: dict[str, object] = {"date": row.date, "description": row.description,
                                     "amount": float(row.amount), "currency": row.currency}
        record.update({k: row.fields.get(k, "") for k in extra})
        records.append(record)
    return Table(path, COLUMNS + list(extra), records, [r.line for r in statement.rows], kind=statement.kind,
                 text_columns=["description"], amount_column="amount", amount_sign="negative_is_spending",
                 warnings=list(statement.warnings))


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, max(offset, 0)) + 1


def nth_line(text: str, pattern: str, n: int, flags: int = re.IGNORECASE | re.MULTILINE) -> int | None:
    """The line of the n-th (0-based) match of `pattern` in `text`, or None."""
    for index, match in enumerate(re.finditer(pattern, text, flags)):
        if index == n:
            return line_of(text, match.start())
    return None


def iso_date(compact: str) -> str:
    """`20260105120000[-5:EST]` as `2026-01-05`: the day the bank wrote, unambiguous; else the text as it was."""
    digits = re.match(r"\s*(\d{4})(\d{2})(\d{2})", compact or "")
    return "-".join(digits.groups()) if digits else (compact or "").strip()


def balance_warning(opening: Decimal | None, closing: Decimal | None, amounts: list[Decimal], where: str) -> str | None:
    """One line when the opening balance and the transactions do not give the closing balance."""
    if opening is None or closing is None:
        return None
    found = opening + sum(amounts, Decimal(0))
    if found == closing:
        return None
    return (f"{where}: the opening balance {opening:,.2f} and the {len(amounts)} transactions give {found:,.2f}, "
            f"but the closing balance is {closing:,.2f}: a transaction may be missing")
