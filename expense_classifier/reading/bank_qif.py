"""QIF (Quicken Interchange Format), read with `quiffen`: `!Type:Bank`, `Cash`, `CCard`, `Oth A`, `Oth L`.

One row per record (`^` ends each): `P` (payee) then `M` (memo) as the description, `T` (or `U`) as the
amount, signed as Quicken signs it (money out negative, card charges too), and every line of the record
by its code (`D`, `T`, `N`, `L`, splits `S`/`E`/`$` joined). Dates stay as written (`1/ 5'26`): QIF has no
one date format and month and day cannot be told apart from the file alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from expense_classifier.errors import UserInputError
from expense_classifier.reading.bank_rows import BankRow, BankStatement
from expense_classifier.reading.statement import describe

_TRANSACTION_TYPES = ("bank", "cash", "ccard", "oth a", "oth l", "invoice")


def _errors() -> tuple[type[Exception], ...]:
    from quiffen.core.qif import ParserException

    return (ParserException, ValueError, ArithmeticError, TypeError, KeyError, IndexError, AttributeError)


@dataclass
class _Record:
    fields: dict[str, str]
    lines: list[str]  # as written, for quiffen to read one record alone
    line: int  # the record's first line


def _records(path: Path, text: str) -> tuple[list[_Record], int]:
    """The transaction records as written, and how many records of other kinds (investments) there were."""
    records: list[_Record] = []
    other = 0
    section = ""
    current: dict[str, str] = {}
    written: list[str] = []
    start = 0
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        line = line.rstrip()
        if not line.strip():
            continue
        if line.startswith("!"):
            if line.lower().startswith(("!type:", "!account")):
                section = line[1:].strip().lower()
            continue
        if line.strip() == "^":
            if current and section.startswith("type:"):
                if section.split(":", 1)[1].strip() in _TRANSACTION_TYPES:
                    records.append(_Record(current, written, start))
                else:
                    other += 1
            current, written, start = {}, [], 0
            continue
        start = start or number
        written.append(line)
        code, value = line[0], line[1:].strip()
        current[code] = f"{current[code]} | {value}" if code in current else value
    if current:
        raise UserInputError(f"{path}: line {len(lines)}: the last record has no closing '^': "
                             "the file is cut short (export it again)")
    return records, other


def _check(path: Path, record: _Record) -> None:
    """The one line naming what is wrong with a record, when quiffen refused the file."""
    from quiffen.core.transaction import Transaction

    fields = record.fields
    if "D" not in fields:
        raise UserInputError(f"{path}: line {record.line}: a transaction without a date (no D line)")
    amount = fields.get("T", fields.get("U"))
    if amount is None:
        raise UserInputError(f"{path}: line {record.line}: a transaction without an amount (no T line)")
    try:
        Decimal(amount.replace(",", ""))
    except InvalidOperation:
        raise UserInputError(f"{path}: line {record.line}: amount {amount!r} is not a number") from None
    try:
        Transaction.from_list(record.lines, day_first=False, line_number=record.line)
    except _errors() as err:
        raise UserInputError(f"{path}: line {record.line}: {str(err).splitlines()[0][:160]}") from None


def read_qif(path: Path, text: str) -> BankStatement:
    """Every transaction of every account in a QIF file, in the file's order."""
    from quiffen import Qif

    text = text.replace("\r\n", "\n").replace("\r", "\n")  # quiffen splits on \n only (Windows exports end in \r\n)
    if not re.match(r"\s*!(type|account|option|clear)", text, re.IGNORECASE):
        raise UserInputError(f"{path}: line 1: not a QIF file (it starts with neither !Type: nor !Account)")
    records, other = _records(path, text)
    try:
        qif = Qif.parse_string(text.strip(), day_first=False)
    except _errors() as err:  # quiffen's, decimal's, dateutil's and pydantic's, with no line: find the record
        for record in records:
            _check(path, record)
        raise UserInputError(f"{path}: not a valid QIF file: {str(err).splitlines()[0][:160]}") from None
    parsed = sorted((t for account in qif.accounts.values() for kind, transactions in account.transactions.items()
                     if str(getattr(kind, "value", kind)).lower() in _TRANSACTION_TYPES for t in transactions),
                    key=lambda t: t.line_number or 0)
    if len(parsed) != len(records):
        raise UserInputError(f"{path}: quiffen read {len(parsed)} transactions where the file has {len(records)} "
                             "records: the file is not plain QIF")
    result = BankStatement("QIF", [])
    if other:
        result.warnings.append(f"{other} investment or other non-cash record(s) not read")
    for transaction, record in zip(parsed, records, strict=True):
        result.rows.append(BankRow(
            date=record.fields.get("D", ""),
            description=describe(transaction.payee, transaction.memo),
            amount=transaction.amount,
            currency="",
            fields=record.fields,
            line=record.line,
        ))
    return result
