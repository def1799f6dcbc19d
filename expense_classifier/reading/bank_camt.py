"""ISO 20022 CAMT.053 bank-to-customer statements (and the same entries in CAMT.052 reports and CAMT.054
notifications), read with the standard library's XML parser against the schema's element names.

No maintained Python reader of CAMT is widely used (the packages on PyPI are young, or convert to other
formats); the schema is plain and stable across versions 001.02 to 001.13, so the element names are the
contract. One row per entry (`Ntry`), or per transaction (`TxDtls`) of a batch entry whose transactions
carry their own amounts. The amount's sign is `CdtDbtInd` (`DBIT` out, `CRDT` in); the description is
the counterparty (the creditor of a debit, the debtor of a credit) then the remittance text (`Ustrd`),
else `AddtlNtryInf`. Every field is kept under its path below `Ntry` (`BookgDt/Dt`, `Amt@Ccy`, ...).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation
from pathlib import Path

from expense_classifier.errors import UserInputError
from expense_classifier.reading.bank_rows import BankRow, BankStatement, balance_warning, nth_line
from expense_classifier.reading.statement import describe

_CONTAINERS = {"BkToCstmrStmt": ("Stmt", "CAMT.053"), "BkToCstmrAcctRpt": ("Rpt", "CAMT.052"),
               "BkToCstmrDbtCdtNtfctn": ("Ntfctn", "CAMT.054")}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _strip_namespaces(root: ET.Element) -> None:
    for element in root.iter():
        element.tag = _local(element.tag)
        element.attrib = {_local(k): v for k, v in element.attrib.items()}


def _leaves(element: ET.Element, prefix: str = "", skip: str | None = None) -> dict[str, str]:
    """Every leaf below `element` by its path (attributes as `path@name`); repeated paths joined with ' | '."""
    fields: dict[str, str] = {}

    def add(name: str, value: str) -> None:
        fields[name] = f"{fields[name]} | {value}" if name in fields else value

    def walk(node: ET.Element, path: str) -> None:
        for child in node:
            if child.tag == skip:
                continue
            name = f"{path}{child.tag}"
            for attribute, value in child.attrib.items():
                add(f"{name}@{attribute}", value)
            if len(child):
                walk(child, f"{name}/")
            else:
                add(name, (child.text or "").strip())

    walk(element, prefix)
    return fields


def _text(element: ET.Element | None, *paths: str) -> str:
    """The text of the first path that is there (`Cdtr/Nm` or v08's `Cdtr/Pty/Nm`), all its matches joined."""
    if element is None:
        return ""
    for path in paths:
        found = [" ".join((e.text or "").split()) for e in element.findall(path) if (e.text or "").strip()]
        if found:
            return " ".join(found)
    return ""


def _amount(path: Path, line: int | None, amount: ET.Element | None, mark: str) -> tuple[Decimal, str]:
    """The signed amount (`DBIT` negative) and its currency."""
    where = f"line {line}: " if line else ""
    if amount is None or not (amount.text or "").strip():
        raise UserInputError(f"{path}: {where}an entry without an amount (Amt)")
    try:
        value = Decimal(amount.text.strip())
    except InvalidOperation:
        raise UserInputError(f"{path}: {where}amount {amount.text.strip()!r} is not a number") from None
    if mark not in ("CRDT", "DBIT"):
        raise UserInputError(f"{path}: {where}CdtDbtInd {mark!r}: expected CRDT or DBIT")
    return (-value if mark == "DBIT" else value), amount.get("Ccy", "")


def _description(entry: ET.Element, details: ET.Element | None, debit: bool) -> str:
    party = ("Cdtr", "UltmtCdtr") if debit else ("Dbtr", "UltmtDbtr")
    name = _text(details, *(f"RltdPties/{p}/Nm" for p in party), *(f"RltdPties/{p}/Pty/Nm" for p in party))
    purpose = _text(details, "RmtInf/Ustrd", "AddtlTxInf") or _text(entry, "AddtlNtryInf")
    return describe(name, purpose)


def read_camt(path: Path, raw: bytes) -> BankStatement:
    """Every entry of every statement (report, notification) in a CAMT file, in the file's order."""
    text = raw.decode("utf-8", errors="replace")
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as err:
        line, column = err.position
        what = "the file is cut short" if line >= text.rstrip().count("\n") + 1 else "not well-formed XML"
        raise UserInputError(f"{path}: line {line}, column {column}: {what} ({str(err).split(':')[0]})") from None
    if _local(root.tag) != "Document":
        raise UserInputError(f"{path}: not a CAMT statement: the root element is <{_local(root.tag)}>, "
                             "not <Document>")
    _strip_namespaces(root)
    container = next((c for c in root if c.tag in _CONTAINERS), None)
    if container is None:
        found = ", ".join(f"<{c.tag}>" for c in root) or "nothing"
        raise UserInputError(f"{path}: not a CAMT.052/053/054 statement: <Document> holds {found}")
    statement_tag, kind = _CONTAINERS[container.tag]
    result = BankStatement(kind, [])
    index = 0
    for number, statement in enumerate(container.findall(statement_tag), start=1):
        account_currency = _text(statement, "Acct/Ccy")
        first = len(result.rows)
        for entry in statement.findall("Ntry"):
            line = nth_line(text, r"<(?:\w+:)?Ntry[\s>]", index)
            index += 1
            mark = _text(entry, "CdtDbtInd")
            value, currency = _amount(path, line, entry.find("Amt"), mark)
            base = _leaves(entry, skip="NtryDtls")
            details = entry.findall("NtryDtls/TxDtls")
            split = len(details) > 1 and all(d.find("AmtDtls/TxAmt/Amt") is not None for d in details)
            for detail in details if split else [details[0] if details else None]:
                amount, row_currency = value, currency
                if split:  # a batch: each transaction with its own amount (and maybe its own direction)
                    amount, row_currency = _amount(path, line, detail.find("AmtDtls/TxAmt/Amt"),
                                                   _text(detail, "CdtDbtInd") or mark)
                fields = dict(base)
                if detail is not None:
                    fields.update(_leaves(detail, prefix="NtryDtls/TxDtls/"))
                booked = _text(entry, "BookgDt/Dt", "BookgDt/DtTm", "ValDt/Dt", "ValDt/DtTm")
                result.rows.append(BankRow(
                    date=re.sub(r"T.*$", "", booked),
                    description=_description(entry, detail, amount < 0),
                    amount=amount,
                    currency=row_currency or account_currency,
                    fields=fields,
                    line=line or 1,
                ))
        warning = balance_warning(_balance(statement, "OPBD", "PRCD"), _balance(statement, "CLBD"),
                                  [r.amount for r in result.rows[first:]], f"statement {number}")
        if warning:
            result.warnings.append(warning)
    return result


def _balance(statement: ET.Element, *codes: str) -> Decimal | None:
    """The statement's booked balance of the first code it has (opening OPBD or PRCD, closing CLBD)."""
    for code in codes:
        for balance in statement.findall("Bal"):
            if _text(balance, "Tp/CdOrPrtry/Cd") == code:
                try:
                    value = Decimal((balance.findtext("Amt") or "").strip())
                except InvalidOperation:
                    return None
                return -value if _text(balance, "CdtDbtInd") == "DBIT" else value
    return None
