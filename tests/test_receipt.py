from expense_classifier.receipt import split_receipt

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


def test_numbered_list_gives_the_items_without_numbers():
    items = split_receipt(ORIGINAL_SAMPLE)
    assert len(items) == 10
    assert items[0] == "Morning coffee and croissant" and items[9] == "Gas station fill-up"


def test_pos_receipt_yields_only_the_items():
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
    assert split_receipt(text) == ["2 x MILK 1L", "BANANAS", "Sourdough bread"]


def test_bullets_and_blank_lines():
    assert split_receipt("- Uber to airport\n\n• Electric bill\n\n") == ["Uber to airport", "Electric bill"]


def test_an_item_that_starts_like_a_payment_word_is_kept():
    assert split_receipt("Rent payment\nTotal 1200.00") == ["Rent payment"]
