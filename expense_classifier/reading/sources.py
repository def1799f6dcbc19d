"""What a file, stdin or a paste is, read by the reader that fits: the one entry `categorize` and `serve`
share, so a file and the same text pasted give the same rows.

By content first, then by name: a bank format (OFX/QFX, QIF, CAMT, MT940), a CSV or JSON statement,
pasted statement lines (a date, a description, an amount), else receipt text.
"""

from __future__ import annotations

import json
from pathlib import Path

from expense_classifier.errors import UserInputError
from expense_classifier.reading.bank_formats import detect_bank_format, read_bank_format
from expense_classifier.reading.pasted import statement_lines
from expense_classifier.reading.receipt import ParsedReceipt, parse_receipt
from expense_classifier.reading.statement import TABULAR_SUFFIXES, Table, looks_like_table, parse_table
from expense_classifier.reading.text import decode_bank_text


def read_input(name: str, raw: bytes) -> Table | ParsedReceipt:
    """Statement rows (a `Table`) or a receipt's items, from a file's (or stdin's, or a paste's) bytes."""
    decoded = decode_bank_text(raw, name)
    path = Path(name)
    kind = detect_bank_format(name, decoded.text)
    if kind is not None:
        return read_bank_format(kind, path, raw, decoded)
    table = None
    if path.suffix.lower() in TABULAR_SUFFIXES:
        table = parse_table(path, decoded.text)
    elif _is_json_rows(decoded.text):
        table = parse_table(path, decoded.text, as_json=True)
    elif looks_like_table(decoded.text):
        table = parse_table(path, decoded.text, as_json=False)
    else:
        table = statement_lines(decoded.text, name)
    if table is None:
        if not decoded.text.strip():
            raise UserInputError(f"{name}: no text in it")
        receipt = parse_receipt(decoded.text)
        receipt.notes += [decoded.note] if decoded.note else []
        return receipt
    if decoded.note:
        table.notes.insert(0, decoded.note)
    return table


def _is_json_rows(text: str) -> bool:
    if not text.lstrip().startswith(("[", "{")):
        return False
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return False
    rows = data.get("items") if isinstance(data, dict) else data
    return isinstance(rows, list) and bool(rows) and all(isinstance(row, dict) for row in rows)


def reading_line(name: str, table: Table, how: str) -> str:
    """The one line `categorize` prints per statement: what it was, how many rows, which columns and sign."""
    kind = "" if table.kind in ("CSV", "JSON") else f"{table.kind}, "
    notes = f" ({'; '.join(table.notes)})" if table.notes else ""
    return f"{name}: {kind}{len(table.rows)} rows{notes}, {how}"
