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


@pytest.mark.parametrize("spellings", [
    ("Münchner Freiheit", "Muenchner Freiheit", "MUNCHNER FREIHEIT", "MUENCHNER FREIHEIT"),
    ("Bäckerei Müller", "Baeckerei Mueller", "BACKEREI MULLER"),
    ("Löwen-Apotheke", "Loewen-Apotheke", "LOWEN APOTHEKE", "LOEWEN APOTHEKE"),
    ("Ärztehaus Süd", "Aerztehaus Sued", "ARZTEHAUS SUD"),
    ("Straße", "Strasse", "STRASSE"),
])
def test_german_umlauts_match_however_the_bank_spells_them(spellings: tuple[str, ...]) -> None:
    assert len({merchant_key(s) for s in spellings}) == 1, [merchant_key(s) for s in spellings]


@pytest.mark.parametrize(("name", "key"), [
    ("Blue Bottle Coffee", "blue bottle coffee"), ("Queen Street", "queen street"), ("Bauer", "bauer"),
    ("Steuerberater", "steuerberater"), ("Feuerwehr", "feuerwehr"), ("Vue", "vue"), ("Rouge", "rouge"),
])
def test_words_with_a_vowel_and_e_that_are_no_umlaut_keep_them(name: str, key: str) -> None:
    assert merchant_key(name) == key
