"""Money amounts as receipts and statements print them: `$4.50`, `1,234.56`, `3.48 F`, `(12.00)`, `12.00 CR`.

One parser for table cells and one for the price at the end of a receipt line, so `categorize`, the
statement reader and the server agree on every amount.
"""

from __future__ import annotations

import re

_NUMBER = r"\d{1,3}(?:[,.\s]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_CURRENCY = r"[$€£¥]|USD|EUR|GBP|CAD|AUD"
_CELL = re.compile(
    rf"^(?P<open>\()?\s*(?P<sign1>[-+−])?\s*(?:{_CURRENCY})?\s*(?P<sign2>[-+−])?\s*(?P<number>{_NUMBER})\s*"
    rf"(?:{_CURRENCY})?\s*(?P<sign3>-)?\s*(?P<close>\))?\s*(?P<mark>CR|DR|CREDIT|DEBIT)?$",
    re.IGNORECASE,
)
# A receipt line's price: the last money figure, with a decimal part (`1,650.00` or `1650.00`), maybe a
# currency, a trailing minus
# (a discount) and the till's tax flags ("3.48 F", "1.48 N", "4.99 T X").
_PRICE_AT_END = re.compile(
    rf"(?:^|\s)(?P<price>(?:-\s?)?(?:{_CURRENCY})?\s?-?(?:\d{{1,3}}(?:,\d{{3}})+|\d+)[.,]\d{{2}}(?:\s?(?:{_CURRENCY}))?-?)"
    r"(?P<flags>(?:\s+[A-Z]{1,2}){0,2})\s*$",
    re.IGNORECASE,
)
# "2 @ 1.99" (quantity at unit price) before the line's total; "2 x" kept, it describes the item.
_UNIT_PRICE = re.compile(
    rf"\s*\b\d+(?:\.\d+)?\s*(?:@|ea\.?\s*@?)\s*(?:{_CURRENCY})?\s?\d+[.,]\d{{2}}(?:\s*/?\s*ea)?\s*$", re.IGNORECASE
)


def to_number(number: str) -> float:
    """'1,234.56', '1.234,56', '1 234,56', '12,5' as floats: the last separator followed by 1-2 digits is decimal."""
    digits = re.sub(r"\s", "", number)  # "1 234,56" with a space or a no-break space (French exports)
    match = re.search(r"[.,](\d{1,2})$", digits)
    if match:
        whole = re.sub(r"[.,]", "", digits[: match.start()])
        return float(f"{whole or 0}.{match.group(1)}")
    return float(re.sub(r"[.,]", "", digits))


def parse_amount(cell: object) -> float | None:
    """A signed amount from a table cell, or None when the cell is empty or not money.

    Negative: a leading or trailing minus, parentheses (accounting style), or a CR/DR mark is
    returned as its sign: `CR` (credit) positive, `DR` (debit) negative — a statement's own view.
    """
    if isinstance(cell, bool) or cell is None:
        return None
    if isinstance(cell, int | float):
        return float(cell)
    text = str(cell).strip().replace("−", "-")
    if not text:
        return None
    match = _CELL.match(text)
    if not match:
        return None
    value = to_number(match.group("number"))
    negative = bool(match.group("sign1") == "-" or match.group("sign2") == "-" or match.group("sign3")
                    or (match.group("open") and match.group("close")))
    mark = (match.group("mark") or "").upper()
    if mark in ("DR", "DEBIT"):
        negative = True
    elif mark in ("CR", "CREDIT"):
        negative = False
    return -value if negative else value


def split_price(line: str) -> tuple[str, float | None]:
    """(text before the price, the price) of a receipt line; (line, None) when it ends in no price.

    `2 @ 1.99  3.98` gives 3.98 (the line total) and drops the unit price from the text;
    a trailing or leading minus (`1.00-`, `-1.00`) is a discount and comes back negative.
    """
    match = _PRICE_AT_END.search(line)
    if not match:
        return line, None
    raw = match.group("price")
    negative = "-" in raw
    number = re.search(r"\d[\d,]*[.,]\d{2}", raw).group(0)
    value = to_number(number)
    text = _UNIT_PRICE.sub("", line[: match.start()]).rstrip()
    return text, -value if negative else value
