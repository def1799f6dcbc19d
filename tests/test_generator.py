import csv
import functools
import random
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pytest

from expense_classifier.data.generator import CATEGORIES, generate_items
from expense_classifier.data.payees import payee_names
from expense_classifier.merchants.keys import compact_key, merchant_key


def test_same_seed_same_items_other_seed_other_items():
    assert generate_items(200, seed=1) == generate_items(200, seed=1)
    assert generate_items(200, seed=1) != generate_items(200, seed=2)


def test_default_is_balanced_over_eight_categories_and_distinct():
    items = generate_items()
    counts = Counter(r["category"] for r in items)
    assert len(items) == 1200
    assert set(counts) == set(CATEGORIES) and len(CATEGORIES) == 8
    assert set(counts.values()) == {150}
    assert all(r["item"].strip() for r in items)
    assert len({r["item"].lower() for r in items}) == len(items)


def test_text_is_varied_not_a_few_wrappers():
    items = [r["item"] for r in generate_items()]
    first_words = Counter(text.split()[0].lower() for text in items)
    assert len(first_words) > 300
    assert sum(text.isupper() for text in items) > 100  # POS / statement lines
    assert any(any(ch.isdigit() for ch in text) for text in items)  # quantities, sizes, prices


def test_too_few_items_is_an_error():
    with pytest.raises(ValueError):
        generate_items(3)


@functools.cache
def generator_merchants() -> frozenset[str]:
    """Every merchant name the generator can write: everyday ones, chains, "<name part> <kind>", and the
    directory brands it draws (with their bank aliases)."""
    from expense_classifier.data.brands import is_heldout_merchant, training_brands
    from expense_classifier.data.catalogue import BUSINESS_TYPES, CHAINS, NAME_PARTS
    from expense_classifier.data.generator import VOCAB

    names = {m for vocab in VOCAB.values() for m in vocab.merchants} | {m for ms in CHAINS.values() for m in ms}
    # Local businesses, less the few a held-out file also invented ("<name part> <kind>"): the generator skips them.
    names |= {name for part in NAME_PARTS for kinds in BUSINESS_TYPES.values() for kind in kinds
              if not is_heldout_merchant(name := f"{part} {kind}")}
    names |= {name for pool in training_brands().values() for kind in pool.kinds for brand in kind
              for name in brand.names}
    # German, Austrian and UK account payees, less the few a held-out file also names: the generator skips them.
    names |= {name for name in set(payee_names()) if not is_heldout_merchant(name)}
    return frozenset(names)


def heldout_merchants(name: str) -> list[str]:
    with (EVAL / name).open(newline="", encoding="utf-8") as handle:
        return [row["merchant"] for row in csv.DictReader(handle)]


EVAL = Path(__file__).resolve().parent.parent / "eval"
HELDOUT_MERCHANT_FILES = ("heldout_statement.csv", "heldout_local.csv")


def spellings(name: str) -> tuple[list[str], str]:
    """A name's words by `merchant_key`, and its `compact_key` (punctuation and spacing variants alike)."""

    return merchant_key(name).split(), compact_key(name)


def overlaps(held_out: list[str], ours: Iterable[str]) -> list[str]:
    """Held-out merchants that are one of `ours`: equal keys or compact keys, or one is the other with words
    after it ("whole foods" / "whole foods market"). A single shared word is not a merchant ("national" car
    rental and "national grid"), so a prefix counts only when it has two or more words. (The generator is
    stricter: it also leaves out a directory brand that extends a one-word held-out name.)"""
    full, compact, starts = key_sets(frozenset(ours))
    found = []
    for merchant in held_out:
        words, squeezed = spellings(merchant)
        key = " ".join(words)
        extends_ours = any(" ".join(words[:end]) in full for end in range(2, len(words) + 1))
        if squeezed in compact or key in full or key in starts or extends_ours:
            found.append(merchant)
    return found


@functools.cache
def key_sets(ours: frozenset[str]) -> tuple[set[str], set[str], set[str]]:
    """Keys, compact keys and prefixes of two words or more of `ours`."""
    full, compact, starts = set(), set(), set()
    for name in ours:
        words, squeezed = spellings(name)
        full.add(" ".join(words))
        compact.add(squeezed)
        starts.update(" ".join(words[:end]) for end in range(2, len(words) + 1))
    return full, compact, starts


@pytest.mark.parametrize("file", HELDOUT_MERCHANT_FILES)
def test_held_out_merchants_are_not_in_the_generators_vocabulary(file):
    """The held-out files measure text the generator never produced: none of their merchants is ours,
    the directory brands it draws included."""
    from expense_classifier.data.catalogue import NAME_PARTS

    held_out = [m for m in heldout_merchants(file) if m.strip()]
    assert len(held_out) >= 60
    assert overlaps(held_out, generator_merchants()) == []
    parts = {" ".join(spellings(part)[0]) for part in NAME_PARTS}
    if file == "heldout_statement.csv":  # national brands; the local file's invented names may share a word
        assert [m for m in held_out if spellings(m)[0][0] in parts or " ".join(spellings(m)[0][:2]) in parts] == []


def test_the_overlap_check_catches_spelling_variants_and_extensions():
    ours = {"Whole Foods Market", "H-E-B", "Paramount+", "National Grid", "Blue Bottle"}
    assert overlaps(["WHOLE FOODS", "HEB", "Paramount Plus", "National", "National Car Rental", "Wholefoods Market",
                     "Blue Bottle Coffee", "Blue Door Cafe"], ours) == [
        "WHOLE FOODS", "HEB", "Paramount Plus", "Wholefoods Market", "Blue Bottle Coffee"]


def test_the_shipped_heldout_digests_are_current():
    """The generator leaves out directory brands by salted hashes of the held-out merchants' keys (the package
    carries no eval/ strings): re-run scripts/heldout_digests.py when this fails."""
    from expense_classifier.data.brands import heldout_digests, heldout_keys, key_digest

    merchants = [m for file in HELDOUT_MERCHANT_FILES for m in heldout_merchants(file) if m.strip()]
    assert heldout_digests() == {key_digest(key) for m in merchants for key in heldout_keys(m)}


def test_directory_brands_are_drawn_but_the_held_back_fifth_is_not():
    from expense_classifier.data.brands import held_back, training_brands, unknown_brands
    from expense_classifier.merchants.directory import MerchantDirectory

    pools = training_brands()
    assert set(pools) == set(CATEGORIES)
    drawn = [brand for pool in pools.values() for kind in pool.kinds for brand in kind]
    assert not any(held_back(brand.name) for brand in drawn)
    share = sum(held_back(record.name) for record in MerchantDirectory.shipped().entries()) / len(
        MerchantDirectory.shipped())
    assert 0.15 < share < 0.25
    unknown = unknown_brands(generator_merchants())
    assert set(unknown) == set(CATEGORIES) and all(len(brands) >= 20 for brands in unknown.values())
    unknown_names = [name for brands in unknown.values() for brand in brands for name in brand.names]
    assert all(held_back(brand.name) for brands in unknown.values() for brand in brands)
    assert overlaps(unknown_names, {brand.name for brand in drawn}) == []


def test_generated_lines_use_directory_brands_with_their_kinds_wording():
    from expense_classifier.data.brands import training_brands

    names = {brand.name.upper(): brand for pool in training_brands().values() for kind in pool.kinds
             for brand in kind if len(brand.name) >= 6}
    items = generate_items(1200)
    hits = [(r, names[word]) for r in items for word in [r["item"].upper()] if word in names]
    mentioned = sum(any(name in r["item"].upper() for name in names) for r in items[:300])
    assert mentioned > 30  # a directory brand in about a third of the lines
    assert all(r["category"] == brand.category for r, brand in hits)


@pytest.mark.parametrize(("kind", "category", "word"), [
    ("shop=supermarket", "Food", "milk"), ("amenity=fuel", "Transportation", "unleaded"),
    ("amenity=pharmacy", "Healthcare", "prescription"), ("amenity=pharmacy", "Healthcare", "toothpaste"),
    ("mcc 3000-3350 airlines", "Transportation", "baggage fee"), ("amenity=cafe", "Food", "latte"),
    ("shop=department_store", "Shopping", "household items"), ("online: streaming video", "Entertainment", "streaming"),
    ("operator: power=line", "Utilities", "electric bill"), ("student-loan servicer", "Education", "student loan"),
    ("mortgage servicer", "Housing", "mortgage payment"), ("insurer: auto", "Transportation", "auto insurance"),
])
def test_a_kind_of_business_is_written_with_its_own_products(kind, category, word):
    from expense_classifier.data.wording import wording_for

    wording = wording_for(kind, category)
    assert wording is not None and any(word in product for product in wording.products)


def test_a_kind_is_worded_only_among_its_own_categorys_wordings():
    from expense_classifier.data.wording import wording_for

    assert wording_for("shop=supermarket", "Transportation") is None  # the category's general vocabulary then
    assert wording_for("shop=department_store", "Shopping").products != wording_for("shop=books", "Shopping").products


def test_unknown_brand_items_are_balanced_deterministic_and_only_held_back_brands():
    from expense_classifier.data.generator import generate_unknown_brand_items

    items = generate_unknown_brand_items(160, seed=1)
    assert items == generate_unknown_brand_items(160, seed=1)
    assert set(Counter(r["category"] for r in items).values()) == {20}
    assert len({r["item"].lower() for r in items}) == len(items)
    ours = {name.upper() for name in generator_merchants()}
    assert not any(r["item"].upper() in ours for r in items)


def account_lines(category: str, country: str, count: int, seed: int = 0) -> list[str]:
    from expense_classifier.data.payee_lines import payee_line

    rng = random.Random(seed)
    return [line for _ in range(count) if (line := payee_line(category, country, rng))]


LEGAL_FORMS = re.compile(r"\b(?:GmbH|AG|eG|e\.V\.|KG|mbH|gGmbH|e\.K\.|OHG|GbR|VVaG|AöR|AoeR)\b", re.I)
GERMAN_REFERENCES = re.compile(r"Vertragskonto|Kd-Nr|Kundennr|Rechnung|Mandatsref|Mandat|Gl(?:ä|ae)ubiger-ID|EREF\+|"
                               r"SVWZ\+|Kassenzeichen|Vers\.-Nr|Versichertennr|Matrikelnr|Mitgl\.-Nr|Beitragsnr|"
                               r"Bestellnr|Darlehen Nr|IBAN|Zahlungsreferenz|\d{2}/\d{4}|\b20\d\d\b", re.I)


@pytest.mark.parametrize("category", CATEGORIES)
def test_german_account_lines_are_a_payee_and_a_purpose(category):
    """A Girokonto line as categorize joins it: a payee, often with its legal form, then the purpose's
    references (contract account, invoice, mandate, creditor id, a month) or a card terminal's line."""
    lines = account_lines(category, "de", 300)
    assert len(lines) > 250 and len(set(lines)) > 280
    assert sum(bool(LEGAL_FORMS.search(line)) for line in lines) > 15
    assert sum(bool(GERMAN_REFERENCES.search(line)) for line in lines) > 150


def test_uk_account_lines_carry_the_payment_types_uk_banks_print():
    lines = [line for category in CATEGORIES for line in account_lines(category, "gb", 200)]
    text = "\n".join(lines)
    for word in ("DIRECT DEBIT", "STANDING ORDER", "FASTER PAYMENT", "CARD PAYMENT TO", "DD ", "SO ", "BGC",
                 "COUNCIL", "TV LICENCE", "WATER", "NURSERY", "LETTINGS", "GYM"):
        assert word in text, word
    assert re.search(r"CARD PAYMENT TO .+ ON \d\d/\d\d", text)


def test_account_lines_are_a_modest_share_and_skip_held_out_payees():
    from expense_classifier.data.brands import is_heldout_merchant

    items = [r["item"] for r in generate_items(4000)]
    german = sum(bool(GERMAN_REFERENCES.search(t) and LEGAL_FORMS.search(t)) for t in items)
    assert 40 < german < 400  # about a tenth of the items are German, Austrian or UK account lines
    names = set(payee_names())
    skipped = {name for name in names if is_heldout_merchant(name)}
    assert len(skipped) < len(names) / 100
    assert not any(name in item for item in items for name in skipped if len(name) > 12)


def test_the_hand_written_european_lines_are_covered_by_the_generators_words():
    """tests/data/eu_statements_dev.csv (written by hand, apart from the generator): most rows have words that
    the generated account lines use mostly for the row's category (its payee kind or its purpose)."""
    counts: dict[str, Counter[str]] = {}
    for category in CATEGORIES:
        for country in ("de", "at", "gb"):
            for line in account_lines(category, country, 300, seed=1):
                for word in set(merchant_key(line).split()):
                    counts.setdefault(word, Counter())[category] += 1

    def owner(word: str) -> str | None:
        found = counts.get(word)
        if len(word) < 4 or word.isdigit() or not found:
            return None
        category, n = found.most_common(1)[0]
        return category if n >= 0.6 * sum(found.values()) else None

    with (Path(__file__).parent / "data" / "eu_statements_dev.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 100
    covered = 0
    for row in rows:
        votes = Counter(o for word in merchant_key(row["text"]).split() if (o := owner(word)))
        covered += bool(votes) and votes.most_common(1)[0][0] == row["category"]
    assert covered >= 0.75 * len(rows)
