"""Receipt text to items with amounts: lists, POS receipts with headers and footers, discounts, sums."""

import pytest

from expense_classifier.reading.receipt import parse_receipt, split_receipt

ORIGINAL_SAMPLE = """1. Morning coffee and croissant
2. Uber ride to client meeting
3. Office supplies from Staples
4. Electric bill payment
5. Netflix monthly subscription
6. Prescription at CVS
7. Monthly rent payment
8. Online course on Coursera
9. Groceries at Whole Foods
10. Gas station fill-up
"""

# A supermarket till receipt: store header, address, phone, register line, six items (one with a
# unit-price line, one with a coupon), subtotal, tax, tender, change, item count and footer.
POS_RECEIPT = """WALMART SUPERCENTER
Save money. Live better.
( 555 ) 123 - 4567
MANAGER JANE DOE
1234 MAIN ST
SPRINGFIELD OH 45501
ST# 1234 OP# 00001234 TE# 12 TR# 01234
GV WHOLE MILK 007874235186 F 3.48 N
BANANAS 000000004011 KF 1.48 N
LIMES
  3 @ 0.50         1.50
BEER 4.99 X
RUGS 24.99
USB CABLE 007874201234 9.99 X
COUPON 1.00-
SUBTOTAL 45.43
TAX 1 6.750 % 1.27
TOTAL 46.70
VISA TEND 46.70
CHANGE DUE 0.00
# ITEMS SOLD 6
TC# 1234 5678 9012 3456 7890
11/24/26 14:32:10
***CUSTOMER COPY***
"""


def test_numbered_list_gives_the_items_without_numbers():
    items = split_receipt(ORIGINAL_SAMPLE)
    assert len(items) == 10
    assert items[0] == "Morning coffee and croissant" and items[9] == "Gas station fill-up"


def test_pos_receipt_gives_exactly_its_items_with_amounts_summing_to_the_subtotal():
    receipt = parse_receipt(POS_RECEIPT)
    assert [(i.item, i.amount) for i in receipt.items] == [
        ("GV WHOLE MILK", 3.48), ("BANANAS", 1.48), ("LIMES", 1.50), ("BEER", 4.99), ("RUGS", 24.99),
        ("USB CABLE", 8.99),  # 9.99 less the 1.00 coupon below it
    ]
    assert receipt.subtotal == 45.43 and receipt.tax == 1.27 and receipt.total == 46.70
    assert round(sum(i.amount for i in receipt.items), 2) == receipt.subtotal
    # The header, register line, tender and footer are left out, and one warning says so.
    assert receipt.dropped[:3] == ["WALMART SUPERCENTER", "Save money. Live better.", "MANAGER JANE DOE"]
    assert "VISA TEND 46.70" in receipt.dropped and "***CUSTOMER COPY***" in receipt.dropped
    assert receipt.warnings == [f"{len(receipt.dropped)} lines left out as not purchases (store header or footer, "
                                "payment, no price): 'WALMART SUPERCENTER', 'Save money. Live better.', "
                                f"'MANAGER JANE DOE' and {len(receipt.dropped) - 3} more"]


def test_items_that_do_not_add_up_to_the_subtotal_are_reported_in_one_line():
    receipt = parse_receipt(POS_RECEIPT.replace("SUBTOTAL 45.43", "SUBTOTAL 50.00"))
    [mismatch] = [w for w in receipt.warnings if "add up" in w]
    assert "45.43" in mismatch and "50.00" in mismatch


def test_a_total_without_tax_is_checked_like_a_subtotal():
    assert parse_receipt("Latte 4.50\nMuffin 3.25\nTOTAL 7.75\n").warnings == []
    assert parse_receipt("Latte 4.50\nMuffin 3.25\nTOTAL 9.00\n").warnings


def test_simple_pos_lines_and_prices_on_their_own_line():
    text = """
    2 x MILK 1L 3.98
    BANANAS 1.29 F
    * Sourdough bread $4.50
    $4.50
    SUBTOTAL 9.77
    Sales Tax 0.42
    TOTAL $10.19
    VISA ****1234 10.19
    CHANGE DUE 0.00
    """
    receipt = parse_receipt(text)
    assert [(i.item, i.amount) for i in receipt.items] == [("2 x MILK 1L", 3.98), ("BANANAS", 1.29),
                                                            ("Sourdough bread", 4.50)]
    assert receipt.dropped == ["VISA ****1234 10.19", "CHANGE DUE 0.00"] and len(receipt.warnings) == 1


@pytest.mark.parametrize("word", ["beer", "rugs", "dress", "USB", "sub", "pub", "bed", "Beer", "GBP SUB"])
def test_words_made_of_currency_letters_are_items_not_prices(word):
    assert split_receipt(word) == [word]


@pytest.mark.parametrize(
    ("line", "item", "amount"),
    [("Beer 4.99", "Beer", 4.99), ("MILK 3.48 F", "MILK", 3.48), ("Latte $4.50", "Latte", 4.50),
     ("TV stand 1,234.56", "TV stand", 1234.56), ("Bread 2 @ 1.99  3.98", "Bread", 3.98),
     ("Croissant 3,20 EUR", "Croissant", 3.20), ("Vitamin D 8.99", "Vitamin D", 8.99)],
)
def test_the_price_at_the_end_of_a_line_is_its_amount(line, item, amount):
    [parsed] = parse_receipt(line).items
    assert (parsed.item, parsed.amount) == (item, amount)


def test_a_plain_list_keeps_every_item_and_header_like_lines_are_dropped():
    text = "Uber to airport\n(555) 123-4567\nwww.example.com\nElectric bill\n"
    assert split_receipt(text) == ["Uber to airport", "Electric bill"]


def test_bullets_and_blank_lines():
    assert split_receipt("- Uber to airport\n\n• Electric bill\n\n") == ["Uber to airport", "Electric bill"]


def test_an_item_that_starts_like_a_payment_word_is_kept():
    assert split_receipt("Rent payment\nTotal 1200.00") == ["Rent payment"]
