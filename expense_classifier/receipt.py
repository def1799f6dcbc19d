"""Split pasted receipt text into item lines: markers, prices, totals and blank lines removed."""

from __future__ import annotations

import re

_MARKER = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|[-*•·‣◦>]|#\d+)\s+")
_PRICE_AT_END = re.compile(
    r"\s+(?:[$€£]\s?|USD\s?)?-?\d{1,3}(?:[,\s]\d{3})*(?:[.,]\d{2})"  # 1,234.56 / $4.50 / USD 9.99
    r"(?:\s?(?:USD|EUR|GBP))?(?:\s+[A-Z])?\s*$"  # currency after, POS tax flag ("3.98 F")
)
_PRICE_ONLY = re.compile(r"^[\s$€£USDEURGBP.,:\-\d]*$", re.IGNORECASE)
_NOT_AN_ITEM = re.compile(
    r"^(?:sub[\s-]?total|grand\s+total|total|tax|sales\s+tax|vat|gst|hst|tip|gratuity|change(?:\s+due)?|cash|"
    r"balance(?:\s+due)?|amount(?:\s+(?:due|paid|tendered))?|visa|master\s?card|amex|discover|debit|credit|"
    r"card\s+(?:payment|tendered)|items?\s+sold|you\s+saved|savings|thank\s+you)\b",
    re.IGNORECASE,
)


def clean_item(line: str) -> str | None:
    """The item text of one receipt line, or None when the line is not an item."""
    text = " ".join(line.split())
    if not text or _PRICE_ONLY.match(text):
        return None
    text = _MARKER.sub("", text, count=1)
    if _NOT_AN_ITEM.match(text):
        return None
    text = _PRICE_AT_END.sub("", text).strip(" .:;-")
    return text if re.search(r"[A-Za-z]", text) else None


def split_receipt(text: str) -> list[str]:
    """Items of a receipt: one per line (numbered, bulleted or POS style); totals and taxes skipped."""
    items = []
    for line in text.splitlines():
        item = clean_item(line)
        if item:
            items.append(item)
    return items
