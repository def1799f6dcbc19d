import pytest

from expense_classifier.merchants.keys import compact_key, merchant_key


@pytest.mark.parametrize(("name", "key"), [
    ("Café Rouge", "cafe rouge"), ("CAFE ROUGE", "cafe rouge"), ("Paramount+", "paramount plus"),
    ("Barnes & Noble", "barnes and noble"), ("McDonald's", "mcdonalds"), ("  Whole   Foods ", "whole foods"),
    ("Chick-fil-A", "chick fil a"),
])
def test_merchant_key(name: str, key: str) -> None:
    assert merchant_key(name) == key


def test_compact_key_joins_what_banks_split() -> None:
    assert compact_key("H-E-B") == compact_key("HEB") == "heb"
    assert compact_key("Wal-Mart") == compact_key("WALMART")
