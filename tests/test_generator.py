import csv
from collections import Counter
from pathlib import Path

import pytest

from expense_classifier.data.generator import CATEGORIES, generate_items
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


def generator_merchants() -> set[str]:
    """Every merchant name the generator can write: everyday ones, chains, and "<name part> <kind>"."""
    from expense_classifier.data.catalogue import BUSINESS_TYPES, CHAINS, NAME_PARTS
    from expense_classifier.data.generator import VOCAB

    names = {m for vocab in VOCAB.values() for m in vocab.merchants} | {m for ms in CHAINS.values() for m in ms}
    names |= {f"{part} {kind}" for part in NAME_PARTS for kinds in BUSINESS_TYPES.values() for kind in kinds}
    return names


EVAL = Path(__file__).resolve().parent.parent / "eval"
# Written apart from the generator and meant to share none of its vocabulary. (eval/exports/ are real-shaped
# exports with the big chains in them on purpose: not vocabulary-disjoint, so not here.)
DISJOINT_FILES = ("heldout_statement.csv", "heldout_phrasing.csv", "heldout_local.csv")


def spellings(name: str) -> set[str]:
    """The spellings a name is matched in: merchant_key's words ("Paramount+" = "paramount plus", "&" = "and"),
    and those words run together ("H-E-B" = "heb", "Wal-Mart" = "walmart")."""
    return {merchant_key(name), compact_key(name)}


def runs_of_words(text: str, longest: int) -> set[str]:
    """Every run of up to `longest` consecutive words of the text, in both spellings."""
    words = merchant_key(text).split()
    runs = set()
    for size in range(1, longest + 1):
        for start in range(len(words) - size + 1):
            run = words[start : start + size]
            runs |= {" ".join(run), "".join(run)}
    return runs


def word_count(name: str) -> int:
    return len(merchant_key(name).split())


def overlaps(text: str, ours: dict[str, str], *, whole: bool, min_words: int) -> list[str]:
    """Our names the text contains (as a run of its words, in any spelling): all of them with `min_words` or
    more words, and any that is the whole text when `whole` (a held-out merchant that is one of ours)."""
    found = runs_of_words(text, longest=8) & set(ours)
    whole_text = spellings(text) & set(ours) if whole else set()
    return sorted({ours[key] for key in found if word_count(ours[key]) >= min_words or key in whole_text})


def extended_by_ours(merchant: str, our_runs: dict[str, str]) -> list[str]:
    """Our names that hold the held-out merchant's two words or more ("Whole Foods" in "Whole Foods Market")."""
    if word_count(merchant) < 2:
        return []
    return sorted({our_runs[key] for key in spellings(merchant) if key in our_runs})


def runs_of_our_names(names: set[str]) -> dict[str, str]:
    """Every run of two or more words of each of our names, in both spellings, to the name it is from."""
    runs = {}
    for name in names:
        words = merchant_key(name).split()
        for size in range(2, len(words) + 1):
            for start in range(len(words) - size + 1):
                run = words[start : start + size]
                runs[" ".join(run)] = runs["".join(run)] = name
    return runs


def our_spellings() -> dict[str, str]:
    return {spelling: name for name in generator_merchants() for spelling in spellings(name)}


def disjoint_files() -> list[Path]:
    found = [EVAL / name for name in DISJOINT_FILES if (EVAL / name).exists()]
    assert {path.name for path in found} >= {"heldout_statement.csv", "heldout_phrasing.csv"}
    return found


@pytest.mark.parametrize("name", DISJOINT_FILES)
def test_held_out_text_shares_no_merchant_with_the_generator(name):
    """The held-out files measure text the generator never produced: none of our merchants is in them.

    Checked in every column that holds a name or text: the `merchant` column (equal to one of ours, or holding
    one of two words or more: "Benjamin Franklin Plumbing" holds "Franklin Plumbing"); the statement descriptor
    (holding one of ours of two words or more); free phrasing (holding any of ours: "Lyft home"). Names compare
    as merchant_key spells them, so "Paramount Plus" is "Paramount+". One shared word of a longer name is not a
    shared merchant ("Panda Express" is not the retailer "Express").
    """
    path = EVAL / name
    if not path.exists():
        assert name == "heldout_local.csv", f"{path} is missing"
        pytest.skip(f"{path} is not written yet")
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 50
    ours, our_runs = our_spellings(), runs_of_our_names(generator_merchants())
    found = []
    for row in rows:
        merchant = row.get("merchant")
        if merchant:
            found += overlaps(merchant, ours, whole=True, min_words=2) + extended_by_ours(merchant, our_runs)
        for column in ("description", "descriptor"):
            if row.get(column):
                found += overlaps(row[column], ours, whole=False, min_words=2)
        if row.get("item") and not merchant:
            found += overlaps(row["item"], ours, whole=False, min_words=1)
    assert sorted(set(found)) == []


def test_held_out_merchants_are_not_made_of_the_generators_name_parts():
    """A held-out merchant must not start with a name part the generator builds "<name part> <kind>" from."""
    from expense_classifier.data.catalogue import NAME_PARTS

    parts = {merchant_key(part) for part in NAME_PARTS}
    merchants = []
    for path in disjoint_files():
        with path.open(newline="", encoding="utf-8") as handle:
            merchants += [merchant_key(row["merchant"]).split() for row in csv.DictReader(handle)
                          if row.get("merchant")]
    assert len(merchants) >= 100
    assert [" ".join(m) for m in merchants if m[0] in parts or " ".join(m[:2]) in parts] == []


def test_the_overlap_check_catches_spelling_and_punctuation_variants():
    """The check itself, on names written here (not from eval/): it must see what a variant spelling hides."""
    ours = {spelling: name for name in ("Paramount+", "Barnes & Noble", "Franklin Plumbing", "Lyft", "Express",
                                        "Wal-Mart") for spelling in spellings(name)}
    assert overlaps("PARAMOUNT PLUS", ours, whole=True, min_words=2) == ["Paramount+"]
    assert overlaps("BARNES AND NOBLE #2231 NEW YORK NY", ours, whole=False, min_words=2) == ["Barnes & Noble"]
    assert overlaps("NORTHSIDE FRANKLIN PLUMBING DALLAS TX", ours, whole=False, min_words=2) == ["Franklin Plumbing"]
    assert overlaps("Lyft to the stadium", ours, whole=False, min_words=1) == ["Lyft"]
    assert overlaps("WALMART SUPERCENTER", ours, whole=False, min_words=1) == ["Wal-Mart"]
    assert overlaps("Express", ours, whole=True, min_words=2) == ["Express"]
    assert overlaps("PANDA EXPRESS #1789", ours, whole=False, min_words=2) == []
    assert overlaps("Panda Express", ours, whole=True, min_words=2) == []
    our_runs = runs_of_our_names({"Whole Foods Market", "Express"})
    assert extended_by_ours("WHOLE FOODS", our_runs) == ["Whole Foods Market"]
    assert extended_by_ours("Foods Market", our_runs) == ["Whole Foods Market"]
    assert extended_by_ours("Whole", our_runs) == []
