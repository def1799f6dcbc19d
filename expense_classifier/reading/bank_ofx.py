"""OFX 1.x (SGML), OFX 2.x (XML) and QFX (Quicken's OFX, with its `INTU.*` tags), read with `ofxtools`.

Bank (`STMTRS`) and card (`CCSTMTRS`) statements: one row per `STMTTRN`, with `NAME` (or `PAYEE`) then
`MEMO` as the description, `TRNAMT` as the amount (the spec's sign: money out negative, for cards too),
the transaction's currency or the statement's `CURDEF`, and every field of the transaction as the file
names it. `DTPOSTED` keeps its text; the `date` column is its day (`20260105…` is 2026-01-05).
"""

from __future__ import annotations

import io
import re
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

from expense_classifier.errors import UserInputError
from expense_classifier.reading.bank_rows import BankRow, BankStatement, iso_date, line_of, nth_line
from expense_classifier.reading.statement import describe

_STATEMENTS = ("STMTRS", "CCSTMTRS")


def _fields(transaction: ET.Element) -> dict[str, str]:
    """Each leaf of a STMTTRN by its tag (a nested one as `PAYEE.NAME`), with its text as written."""
    fields: dict[str, str] = {}

    def walk(element: ET.Element, prefix: str) -> None:
        for child in element:
            name = f"{prefix}{child.tag}"
            if len(child):
                walk(child, f"{name}.")
            else:
                fields[name] = (child.text or "").strip()

    walk(transaction, "")
    return fields


def _first_line(err: Exception) -> str:
    """An ofxtools message without the document it sometimes quotes."""
    message = str(err).split("\n")[0]
    message = re.sub(r" in <.*$| - position=\[\d+:\d+\]", "", message)
    return message if len(message) <= 160 else message[:159] + "…"


def _parse(path: Path, raw: bytes) -> tuple[object, ET.Element, str, int]:
    """The OFX header, the element tree, the body text and the body's first line in the file."""
    from ofxtools.header import OFXHeaderError, parse_header
    from ofxtools.Parser import ParseError, TreeBuilder

    try:
        header, body = parse_header(io.BytesIO(raw))
    except (OFXHeaderError, ValueError, UnicodeDecodeError) as err:
        raise UserInputError(f"{path}: line 1: not an OFX header ({_first_line(err)})") from None
    # Lines in the body are shifted by the header's: where <OFX> is in the file less where it is in the body.
    body_line = raw.count(b"\n", 0, max(raw.upper().find(b"<OFX>"), 0)) - body.count(
        "\n", 0, max(body.upper().find("<OFX>"), 0)) + 1
    if not re.search(r"</OFX>", body, re.IGNORECASE):
        last = raw.rstrip().count(b"\n") + 1
        raise UserInputError(f"{path}: line {last}: the file ends before </OFX>: it is cut short (download it again)")
    builder = TreeBuilder()
    try:
        builder.feed(body)
        root = builder.close()
    except (ParseError, ValueError, IndexError, AssertionError) as err:
        position = re.search(r"position=\[(\d+):", str(err))
        where = f"line {body_line - 1 + line_of(body, int(position.group(1)))}: " if position else ""
        raise UserInputError(f"{path}: {where}not well-formed OFX: {_first_line(err)}") from None
    return header, root, body, body_line


def _convert(path: Path, element: ET.Element, body: str, body_line: int, index: int, before: int) -> object:
    """An ofxtools statement; a transaction it cannot read is named with its line and FITID.

    `before` is how many transactions earlier statements hold (to find this one's lines in the body).
    """
    from ofxtools.models.base import Aggregate

    errors = (ValueError, ArithmeticError, TypeError, KeyError, IndexError)
    try:
        return Aggregate.from_etree(element)
    except errors as err:
        problem = _first_line(err)
        for n, transaction in enumerate(element.iter("STMTTRN")):
            try:
                Aggregate.from_etree(ET.fromstring(ET.tostring(transaction)))  # a copy: conversion edits it
            except errors as inner:
                fields = _fields(transaction)
                what = f"TRNAMT {fields.get('TRNAMT', '')!r} is not a number" if isinstance(
                    inner, ArithmeticError) else _first_line(inner)
                line = nth_line(body, r"<STMTTRN>", before + n)
                where = f"line {body_line - 1 + line}: " if line else ""
                raise UserInputError(f"{path}: {where}transaction {before + n + 1} "
                                     f"(FITID {fields.get('FITID', '?')}): {what}") from None
        raise UserInputError(f"{path}: statement {index + 1}: not a valid OFX statement: {problem}") from None


def read_ofx(path: Path, raw: bytes) -> BankStatement:
    """Every transaction of every bank and card statement in an OFX or QFX file, in the file's order."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    header, root, body, body_line = _parse(path, raw)
    version = getattr(header, "version", None)
    quicken = path.suffix.lower() == ".qfx" or "INTU." in body
    kind = f"{'QFX' if quicken else 'OFX'} {version // 100}.{version % 100:02d}" if version else "OFX"
    kind += " (XML)" if version and version >= 200 else " (SGML)"
    statements = [e for e in root.iter() if e.tag in _STATEMENTS]
    result = BankStatement(kind, [])
    if any(e.tag == "INVSTMTRS" for e in root.iter()):
        result.warnings.append("an investment statement (INVSTMTRS) is not read: only bank and card statements")
    if not statements:
        raise UserInputError(f"{path}: no bank or card statement (STMTRS, CCSTMTRS) in this OFX file")
    seen = 0
    for index, element in enumerate(statements):
        raw_rows = [_fields(t) for t in element.iter("STMTTRN")]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ofxtools' notes on Quicken's private INTU.* tags
            statement = _convert(path, element, body, body_line, index, seen)
        transactions = list(statement.banktranlist) if statement.banktranlist is not None else []
        for transaction, fields in zip(transactions, raw_rows, strict=True):
            currency = transaction.currency or transaction.origcurrency
            payee = transaction.payee.name if transaction.payee is not None else None
            line = nth_line(body, r"<STMTTRN>", seen)
            seen += 1
            result.rows.append(BankRow(
                date=iso_date(fields.get("DTPOSTED", "")),
                description=describe(transaction.name or payee, transaction.memo),
                amount=transaction.trnamt,
                currency=currency.cursym if currency is not None else statement.curdef,
                fields=fields,
                line=body_line - 1 + (line or 1),
            ))
    return result
