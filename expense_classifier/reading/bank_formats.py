"""The statement files banks hand out, told apart by what is in them (then by their name), each read by
its own reader into the one `Table`: OFX 1.x/2.x and QFX (`bank_ofx`), QIF (`bank_qif`), CAMT.053/052/054
(`bank_camt`), MT940 (`bank_mt940`).
"""

from __future__ import annotations

import re
from pathlib import Path

from expense_classifier.reading.bank_camt import read_camt
from expense_classifier.reading.bank_mt940 import read_mt940
from expense_classifier.reading.bank_ofx import read_ofx
from expense_classifier.reading.bank_qif import read_qif
from expense_classifier.reading.bank_rows import to_table
from expense_classifier.reading.statement import Table
from expense_classifier.reading.text import Decoded

BANK_FORMATS = ("ofx", "qif", "camt", "mt940")
SUFFIXES = {".ofx": "ofx", ".qfx": "ofx", ".qif": "qif", ".xml": "camt", ".camt": "camt", ".053": "camt",
            ".sta": "mt940", ".mt940": "mt940", ".940": "mt940", ".swi": "mt940", ".stm": "mt940"}


def detect_bank_format(name: str, text: str) -> str | None:
    """`ofx`, `qif`, `camt` or `mt940` by the file's first lines, else by its suffix; None for anything else."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    upper = head.upper()
    if upper.startswith("OFXHEADER") or "<?OFX" in upper or re.search(r"<OFX>", upper):
        return "ofx"
    if re.match(r"!(type|account|option|clear)\b", head, re.IGNORECASE):
        return "qif"
    if "urn:iso:std:iso:20022:tech:xsd:camt." in head or re.search(r"<(?:\w+:)?BkToCstmr", head):
        return "camt"
    if (re.search(r"^:20:", head, re.MULTILINE) and re.search(r"^:(?:25|28C?|60[FM]|61):", head, re.MULTILINE)) \
            or (head.startswith("{1:") and "{4:" in head):
        return "mt940"
    return SUFFIXES.get(Path(name).suffix.lower())


def read_bank_format(kind: str, path: Path, raw: bytes, decoded: Decoded) -> Table:
    """The rows of an OFX, QIF, CAMT or MT940 file (XML and OFX from their bytes: they name their encoding)."""
    if kind == "ofx":
        statement = read_ofx(path, raw)
    elif kind == "camt":
        statement = read_camt(path, raw)
    elif kind == "qif":
        statement = read_qif(path, decoded.text)
    else:
        statement = read_mt940(path, decoded.text)
    table = to_table(path, statement)
    if kind in ("qif", "mt940") and decoded.note:
        table.notes.insert(0, decoded.note)
    return table
