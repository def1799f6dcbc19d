from collections import Counter

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
