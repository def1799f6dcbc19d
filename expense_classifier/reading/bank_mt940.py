"""SWIFT MT940 statements, read with `mt-940` (its next-release options on), the German `:86:` included.

One row per `:61:` line: its amount signed by the `D`/`C` mark (`RC`/`RD` reversals the other way), the
statement's currency, and the `:86:` details. A structured German `:86:` (`166?00GUTSCHRIFT?20…`) gives
the name from `?32`/`?33` and the purpose from `?20`–`?29` (SEPA keywords `EREF+`, `SVWZ+` split out by
the library); the description is the name, then the purpose. An unstructured `:86:` is the description
as it is. The `date` column is the `:61:` value date (`260105` is 2026-01-05).

`mt-940` skips what it cannot match, so a file cut short loses transactions without a word: every
statement must end in a closing balance (`:62F:` or `:62M:`), and its balances must add up.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from expense_classifier.errors import UserInputError
from expense_classifier.reading.bank_rows import BankRow, BankStatement, balance_warning, nth_line
from expense_classifier.reading.statement import describe

_SKIP_FIELDS = {"amount", "currency", "date", "transaction_details"}  # the table's own; the :86: is kept as written


def _keep_raw_details(transactions, tag, tag_dict, result):  # noqa: ANN001, ANN202 - mt-940's processor signature
    """The `:86:` text as written, before the library splits it into sub-fields."""
    result["details_as_written"] = " ".join(tag_dict.get("transaction_details", "").split())
    return result


def _text(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(getattr(value, "amount", value))


def _parse(path: Path, text: str) -> list:
    import mt940

    processors = {"post_transaction_details": [_keep_raw_details, mt940.processors.transaction_details_post_processor]}
    library_log = logging.getLogger("mt940")
    level = library_log.level
    library_log.setLevel(logging.CRITICAL)  # it logs each field it cannot match; the error below says it once
    try:
        return mt940.parse_statements(text, processors=processors, options=mt940.Options.all())
    except (RuntimeError, ValueError, KeyError, IndexError, ArithmeticError) as err:
        value = err.args[2] if isinstance(err, RuntimeError) and len(err.args) > 2 else None
        matched = re.search(r'matching id=(\w+) \(len=\d+\) "(.*?)"', str(err))
        tag = matched.group(1) if matched else None
        value = matched.group(2) if matched else value
        rows = text.splitlines()
        line = next((n for n, row in enumerate(rows, start=1) if value and value[:20] in row), None)
        if line is not None:
            shown = rows[line - 1] if len(rows[line - 1]) <= 70 else rows[line - 1][:69] + "…"
            raise UserInputError(f"{path}: line {line}: not a valid MT940 field: {shown}") from None
        what = f":{tag}: {value!r}" if tag else (repr(value) if value else str(err).splitlines()[0][:120])
        raise UserInputError(f"{path}: not a valid MT940 field: {what}") from None
    finally:
        library_log.setLevel(level)


_TAG_LINE = re.compile(r"^:\d{2}[A-Z]?:|^-\s*$")  # a field's first line, or the end of a statement


def _spaces_to_next_line(text: str) -> str:
    """A space the bank wrote at the end of a wrapped `:86:` line, moved to the start of the next one.

    mt-940 drops each line's trailing spaces before joining a field's lines, so `…Wohnbau Kessler ` +
    `GmbH` would become `Wohnbau KesslerGmbH`; a continuation line's leading space it keeps. The line
    count stays, so error lines still point into the file.
    """
    lines = text.split("\n")
    in_details = False
    for n, line in enumerate(lines[:-1]):
        if _TAG_LINE.match(line):
            in_details = line.startswith(":86:")
        kept = line.rstrip(" ")
        if in_details and kept != line and not _TAG_LINE.match(lines[n + 1]):
            lines[n], lines[n + 1] = kept, " " + lines[n + 1]
    return "\n".join(lines)


def read_mt940(path: Path, text: str) -> BankStatement:
    """Every transaction of every statement in an MT940 file, in the file's order."""
    text = _spaces_to_next_line(text.replace("\r\n", "\n").replace("\r", "\n"))
    if not re.search(r"^:20:", text, re.MULTILINE):
        raise UserInputError(f"{path}: line 1: not an MT940 statement (no :20: line)")
    statements = _parse(path, text)
    result = BankStatement("MT940", [])
    seen = 0
    for number, statement in enumerate(statements, start=1):
        data = statement.data
        opening = data.get("final_opening_balance") or data.get("intermediate_opening_balance")
        closing = data.get("final_closing_balance") or data.get("intermediate_closing_balance")
        if len(statement) and closing is None:
            last = text.rstrip().count("\n") + 1
            raise UserInputError(f"{path}: line {last}: statement {number} has no closing balance (:62F:): "
                                 "the file is cut short (download it again)")
        amounts = []
        for transaction in statement:
            fields = transaction.data
            amount = fields["amount"]
            line = nth_line(text, r"^:61:", seen)
            seen += 1
            purpose = fields.get("purpose")
            name = fields.get("applicant_name")
            description = describe(name, purpose) if (name or purpose) else fields.get("details_as_written", "")
            amounts.append(amount.amount)
            result.rows.append(BankRow(
                date=_text(fields.get("date")),
                description=description,
                amount=amount.amount,
                currency=fields.get("currency") or amount.currency or "",
                fields={k: _text(v) for k, v in fields.items() if k not in _SKIP_FIELDS},
                line=line or 1,
            ))
        warning = balance_warning(opening.amount.amount if opening else None,
                                  closing.amount.amount if closing else None, amounts, f"statement {number}")
        if warning:
            result.warnings.append(warning)
    return result
