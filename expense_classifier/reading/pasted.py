"""Lines copied from online banking: a date, the description as the bank shows it, an amount (and maybe the
running balance). Read as statement rows, not as receipt items, so nothing in a description is taken for
a till's barcode, a phone number or a web footer, and no line is dropped without a word.

Dates stay as the bank wrote them (`01/05`, `05.01.2026`, `Jan 5, 2026`); a line holding only a date
dates the lines under it (sites that group by day). Amounts need their decimals (`1650.00`, `-84.12`,
`1.234,56`, `$4.50`, `(12.00)`, `12.00 CR`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from expense_classifier.reading.amounts import parse_amount
from expense_classifier.reading.receipt import dropped_warning
from expense_classifier.reading.statement import Table

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mär|mai|okt|dez)\.?")
_ONE_DATE = (rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[/-]\d{{1,2}}(?:[/-]\d{{2,4}})?"
             rf"|\d{{1,2}}\.\d{{1,2}}\.(?:\d{{2,4}})?|\d{{1,2}}\.?\s+{_MONTH}(?:\s+\d{{4}})?|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?)")
_DATES = re.compile(rf"^(?P<date>{_ONE_DATE})(?:\s+(?P<posted>{_ONE_DATE}))?(?=\s|$)", re.IGNORECASE)
_MONEY = (r"(?:[-+−]\s?)?\(?(?:[$€£]|USD|EUR|GBP)?\s?[-+−]?(?:\d{1,3}(?:[,.']\d{3})+|\d+)[.,]\d{2}\)?"
          r"(?:\s?(?:[$€£]|USD|EUR|GBP))?(?:\s?(?:CR|DR)\b|-)?")
_AMOUNTS = re.compile(rf"(?:^|\s)(?P<amount>{_MONEY})(?:\s+(?P<balance>{_MONEY}))?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class StatementLine:
    date: str
    description: str
    amount: str
    balance: str
    line: int


def _split(line: str) -> tuple[str, str, str, str] | None:
    """(date, description, amount, balance) of one line, or None when it ends in no amount."""
    dates = _DATES.match(line)
    date = dates.group("date") if dates else ""
    rest = line[dates.end():].strip() if dates else line
    amounts = _AMOUNTS.search(rest)
    if amounts is None:
        return None
    description = rest[: amounts.start()].strip(" \t-–|")
    return date, description, amounts.group("amount").strip(), (amounts.group("balance") or "").strip()


def statement_lines(text: str, name: str = "<stdin>") -> Table | None:
    """Pasted statement lines as a table, or None when the text is not mostly dated lines with amounts.

    Every other line is a header, a note or a wrapped line: it is left out and said in one warning.
    """
    lines = [(n, " ".join(raw.split())) for n, raw in enumerate(text.splitlines(), start=1) if raw.strip()]
    if not lines:
        return None
    split = {n: _split(line) for n, line in lines}
    priced = sum(1 for n, _ in lines if split[n])
    dated = sum(1 for n, _ in lines if split[n] and split[n][0])
    day_headers = sum(1 for n, line in lines if not split[n] and (m := _DATES.match(line)) and m.end() == len(line))
    # Mostly dated lines with amounts; or lines grouped under two or more days ("Jan 5, 2026" on its own).
    if priced < 2 or not ((dated >= 2 and dated >= priced / 2) or day_headers >= 2):
        return None
    rows: list[StatementLine] = []
    left_out: list[str] = []
    current_date = ""
    for n, line in lines:
        parts = split[n]
        only_date = _DATES.match(line)
        if parts is None and only_date and only_date.end() == len(line):
            current_date = only_date.group("date")
            continue
        if parts is None or not parts[1]:
            left_out.append(line)
            continue
        date, description, amount, balance = parts
        rows.append(StatementLine(date or current_date, description, amount, balance, n))
    return _table(rows, left_out, name)


def _table(rows: list[StatementLine], left_out: list[str], name: str) -> Table:
    """The rows with spending signs: as signed when some amounts carry a minus; `+` marks money in when
    only some carry a plus; unsigned amounts are spending."""
    values = [parse_amount(r.amount) for r in rows]
    signed = any(re.search(r"^[-−(]|-$|\bDR\b", r.amount, re.IGNORECASE) for r in rows)
    plus = any(r.amount.startswith("+") or re.search(r"\bCR\b", r.amount, re.IGNORECASE) for r in rows)
    records = []
    for row, value in zip(rows, values, strict=True):
        if not signed and value is not None:
            value = -abs(value) if (row.amount.startswith("+") or "CR" in row.amount.upper()) else abs(value)
        record = {"date": row.date, "description": row.description, "amount": value, "as shown": row.amount}
        if any(r.balance for r in rows):
            record["balance"] = row.balance
        records.append(record)
    columns = list(records[0]) if records else ["date", "description", "amount", "as shown"]
    table = Table(Path(name), columns, records, [r.line for r in rows], kind="statement lines",
                  text_columns=["description"], amount_column="amount",
                  amount_sign=None if signed else "positive_is_spending")
    if left_out:
        table.warnings.append(dropped_warning(left_out, "transactions", "a header, a note, no amount"))
    if plus and not signed:
        table.notes.append("amounts with '+' (or CR) are money in, the others spending")
    return table
