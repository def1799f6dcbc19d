import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from expense_classifier.data.generator import CATEGORIES, generate_items


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


def generator_merchants() -> set[str]:
    """Every merchant name the generator can write: everyday ones, chains, and "<name part> <kind>"."""
    from expense_classifier.data.catalogue import BUSINESS_TYPES, CHAINS, NAME_PARTS
    from expense_classifier.data.generator import VOCAB

    names = {m for vocab in VOCAB.values() for m in vocab.merchants} | {m for ms in CHAINS.values() for m in ms}
    names |= {f"{part} {kind}" for part in NAME_PARTS for kinds in BUSINESS_TYPES.values() for kind in kinds}
    return {name.lower() for name in names}


def _words(name: str) -> list[str]:
    return re.sub(r"'s\b|[^a-z0-9& ]", "", name.lower().replace("-", " ")).split()


def same_merchant(a: list[str], b: list[str]) -> bool:
    """Equal names, or one a brand extension of the other ("whole foods" / "whole foods market").

    A single shared word is not a merchant ("national" car rental and "national grid", "express" and
    "panda express"), so a prefix counts only when it has two or more words.
    """
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= 2 and long[: len(short)] == short)


def test_held_out_merchants_are_not_in_the_generators_vocabulary():
    """eval/heldout_statement.csv measures text the generator never produced: none of its merchants is ours."""
    from expense_classifier.data.catalogue import NAME_PARTS

    path = Path(__file__).resolve().parent.parent / "eval" / "heldout_statement.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        held_out = [_words(row["merchant"]) for row in csv.DictReader(handle)]
    assert len(held_out) >= 100
    ours = [_words(name) for name in generator_merchants()]
    assert [" ".join(m) for m in held_out if any(same_merchant(m, name) for name in ours)] == []
    parts = {" ".join(_words(part)) for part in NAME_PARTS}
    assert [" ".join(m) for m in held_out if m[0] in parts or " ".join(m[:2]) in parts] == []
