"""Receipt text to items with amounts: list markers, store headers, register lines, totals and footers removed.

A receipt whose item lines carry prices says which lines are items: a line without a price there is
a store name, an address, a cashier or a footer, not a purchase. A plain list (no prices) is all items.
What is left out is said in one warning (how many lines, the first few), never dropped in silence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from expense_classifier.reading.amounts import split_price

_MARKER = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|[-*•·‣◦>]|#\d+)\s+")
_PRICE_ONLY = re.compile(
    r"^(?:\d+(?:\.\d+)?\s*(?:@|x)\s*(?:[$€£]\s?)?(?:\d+[.,]\d{2}(?:\s*/?\s*ea)?\s+)?)?(?:[-+]\s?)?(?:[$€£]|USD|EUR|GBP)?\s?-?\d[\d,.]*(?:\s?(?:USD|EUR|GBP))?-?$",
    re.IGNORECASE,
)
# Lines that close a receipt: what was owed and how it was paid, never a purchase.
_SUMMARY = re.compile(
    r"^(?:sub[\s-]?total|grand\s+total|total|net\s+total|tax|sales\s+tax|tax\s+\d|vat|gst|hst|pst|tip|"
    r"gratuity|service\s+charge|change(?:\s+due)?|cash(?:\s+tend(?:ered)?)?|balance(?:\s+due)?|"
    r"amount(?:\s+(?:due|paid|tendered))?|visa|master\s?card|mc|amex|discover|debit|credit|"
    r"(?:\w+\s+)?tend(?:er|ered)?|card\s+(?:payment|tendered)|payment|paid|rounding|"
    r"items?\s+sold|#\s*items|number\s+of\s+items|you\s+saved|your\s+savings|savings|total\s+savings|"
    r"thank\s+you|thanks)\b",
    re.IGNORECASE,
)
_SUBTOTAL = re.compile(r"^sub[\s-]?total\b", re.IGNORECASE)
_TOTAL = re.compile(r"^(?:grand\s+|net\s+)?total\b", re.IGNORECASE)
_TAX = re.compile(r"^(?:sales\s+)?(?:tax|vat|gst|hst|pst)\b", re.IGNORECASE)
_DISCOUNT = re.compile(r"^(?:coupon|discount|promo|instant\s+savings|member\s+savings|markdown|price\s+cut|sc\b)",
                       re.IGNORECASE)
_DISCOUNT_WORD = re.compile(r"\b(?:coupon|discount|savings|markdown|rebate|promo)\b", re.IGNORECASE)
# Header and footer lines: register and store numbers, cashier, phone, address, dates, loyalty, web.
_NOISE = re.compile(
    r"(?:\b(?:st|op|te|tr|tc|reg|term|trans|store|cashier|clerk|server|table|guests?|order|check|ticket|"
    r"inv(?:oice)?|receipt|ref|auth|approval|aid|mid|tid|acct|member|card)\s*(?:#|no\.?|number|:)"
    r"|\b(?:cashier|operator|manager|served\s+by|your\s+server)\b"
    r"|\(?\b\d{3}\)?\s*[-.\s]\s*\d{3}\s*[-.\s]\s*\d{4}\b"  # phone
    r"|\b\d{1,2}[/-]\d{1,2}[/-]\d{2,4}\b|\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm)?\b"  # date, time
    r"|^\d{1,6}\s+\w+(?:\s+\w+)*\s+(?:st|street|ave|avenue|rd|road|blvd|dr|drive|ln|lane|way|hwy|pkwy|ct)\b\.?"
    r"|\b[A-Z][A-Za-z.]+,?\s+[A-Z]{2}\s+\d{5}(?:-\d{4})?\b"  # city, state ZIP
    r"|\b(?:www\.|https?://)|\b(?:rewards?|points|loyalty|survey|return\s+policy|refund\s+policy|"
    r"approved|declined|signature|customer\s+copy|merchant\s+copy|entry\s+method|chip\s+read|contactless)\b"
    r"|\*{3,}\d{2,4})",
    re.IGNORECASE,
)
# A UPC/EAN item code (12-14 digits) on a till line; shorter numbers (store and reference numbers) stay.
_BARCODE = re.compile(r"(?<![:#])\s+\d{12,14}\b")
_FLAGS = re.compile(r"(?:\s+[A-Z]{1,2})+$")  # till flags left before the price ("… 007874235186 F")


@dataclass(frozen=True)
class ReceiptItem:
    """One purchase on a receipt: its text, its amount when printed, and its line (1-based)."""

    item: str
    amount: float | None = None
    line: int = 0


@dataclass
class ParsedReceipt:
    """The items of one receipt, the totals it printed, and what did not add up."""

    items: list[ReceiptItem] = field(default_factory=list)
    subtotal: float | None = None
    tax: float | None = None
    total: float | None = None
    warnings: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # lines read as not purchases (headers, footers, tender)
    notes: list[str] = field(default_factory=list)  # how the text was read (an encoding other than UTF-8)

    @property
    def texts(self) -> list[str]:
        return [i.item for i in self.items]

    @property
    def amounts(self) -> list[float | None]:
        return [i.amount for i in self.items]


def _item_text(text: str) -> str | None:
    without_barcode = _BARCODE.sub("", text)
    if without_barcode != text:  # "GV WHOLE MILK 007874235186 F": the till's flags follow the barcode
        without_barcode = _FLAGS.sub("", without_barcode)
    text = without_barcode.strip(" .:;-")
    return text if re.search(r"[A-Za-z]", text) else None


def parse_receipt(text: str) -> ParsedReceipt:
    """Items with their amounts, the printed subtotal/tax/total, and a warning when they disagree."""
    receipt = ParsedReceipt()
    candidates: list[ReceiptItem] = []
    dropped: list[ReceiptItem] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = " ".join(raw.split())
        if not line:
            continue
        if _PRICE_ONLY.match(line):
            # A price on its own line belongs to the item above it, when that one has none.
            _, amount = split_price(" " + line)
            if candidates and candidates[-1].amount is None and amount is not None:
                candidates[-1] = ReceiptItem(candidates[-1].item, amount, candidates[-1].line)
            continue
        line = _MARKER.sub("", line, count=1)
        body, amount = split_price(line)
        if _SUMMARY.match(line):
            if amount is not None and _SUBTOTAL.match(line):
                receipt.subtotal = amount
            elif amount is not None and _TAX.match(line):
                receipt.tax = (receipt.tax or 0.0) + amount
            elif amount is not None and _TOTAL.match(line) and receipt.total is None:
                receipt.total = amount
            else:
                dropped.append(ReceiptItem(line, amount, number))
            continue
        if amount is not None and (_DISCOUNT.match(body) or (amount < 0 and _DISCOUNT_WORD.search(body))):
            # A discount or coupon lowers the item above it; another negative line (a refund, a
            # deposit among pasted statement lines) is a line of its own.
            if candidates and candidates[-1].amount is not None:
                last = candidates[-1]
                candidates[-1] = ReceiptItem(last.item, round(last.amount - abs(amount), 2), last.line)
            else:
                dropped.append(ReceiptItem(line, amount, number))
            continue
        if amount is None and _NOISE.search(body):
            dropped.append(ReceiptItem(line, None, number))
            continue
        item = _item_text(body)
        if item:
            candidates.append(ReceiptItem(item, amount, number))
        elif re.search(r"[^\W\d_]", line):
            dropped.append(ReceiptItem(line, amount, number))
    priced = [c for c in candidates if c.amount is not None]
    if sum(c.amount < 0 for c in priced) > len(priced) / 2:
        # Mostly negative: lines from a bank account, where debits are negative. Spending is positive here.
        priced = [ReceiptItem(c.item, -c.amount if c.amount else 0.0, c.line) for c in priced]
    receipt.items = priced if priced else candidates
    if priced:
        dropped += [ReceiptItem(raw_line(text, c.line), None, c.line) for c in candidates if c.amount is None]
    receipt.dropped = [d.item for d in sorted(dropped, key=lambda d: d.line)]
    _check_sum(receipt)
    if receipt.dropped:
        receipt.warnings.append(dropped_warning(receipt.dropped))
    return receipt


def raw_line(text: str, number: int) -> str:
    return " ".join(text.splitlines()[number - 1].split())


def dropped_warning(lines: list[str], what: str = "purchases", why: str = "store header or footer, payment, "
                    "no price", shown: int = 3) -> str:
    """One line: how many lines were left out as not purchases (or transactions), and the first few."""
    first = ", ".join(repr(line if len(line) <= 40 else line[:39] + "…") for line in lines[:shown])
    more = f" and {len(lines) - shown} more" if len(lines) > shown else ""
    return f"{len(lines)} line{'s' if len(lines) != 1 else ''} left out as not {what} ({why}): {first}{more}"


def _check_sum(receipt: ParsedReceipt) -> None:
    """Say so when the items do not add up to the printed subtotal (or a total printed without tax)."""
    expected, name = receipt.subtotal, "SUBTOTAL"
    if expected is None and receipt.tax is None and receipt.total is not None:
        expected, name = receipt.total, "TOTAL"
    amounts = [i.amount for i in receipt.items if i.amount is not None]
    if expected is None or not amounts:
        return
    found = round(sum(amounts), 2)
    if abs(found - expected) > 0.005:
        receipt.warnings.append(
            f"the items add up to {found:.2f} but the receipt's {name} is {expected:.2f}: "
            "a line may have been missed or misread"
        )


def split_receipt(text: str) -> list[str]:
    """Item texts of a receipt: one per line (numbered, bulleted or POS style); totals and headers skipped."""
    return [item.item for item in parse_receipt(text).items]
