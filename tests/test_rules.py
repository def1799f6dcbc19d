"""The user's rules: a CSV a person can read and edit, keyed by the clean merchant name."""

from __future__ import annotations

import csv

import pytest
from merchant_fakes import fake_clean

from expense_classifier.errors import UserInputError
from expense_classifier.merchants.rules import Labelled, Rule, Rules, editing, majority_rules, rules_path


def rule_for(description: str, category: str) -> Rule:
    return Rule(fake_clean(description).merchant, category, source="test", example=description)


@pytest.mark.parametrize(("made_from", "later"), [
    ("ZORBLAX HOLDINGS 4411 DENVER CO", "ZORBLAX HOLDINGS 9902 BOULDER CO"),
    ("ZORBLAX HOLDINGS #4411 DENVER CO", "zorblax   holdings 17 AUSTIN TX"),
    ("SQ *QUILLFEATHER PET SUPPLY OAKLAND CA", "PAYPAL *QUILLFEATHER PET SUPPLY 0093 COLUMBUS OH"),
    ("TST* Brindlewood Café 12 Denver CO", "BRINDLEWOOD CAFE 7781 BOULDER CO"),
])
def test_a_rule_matches_other_stores_cities_and_processors_of_its_merchant(made_from, later):
    rules = Rules([rule_for(made_from, "Pets")])
    match = rules.match(fake_clean(later).merchant)
    assert match is not None and match.category == "Pets"
    assert rules.match(fake_clean("ZORBLAX FARMS 4411 DENVER CO").merchant) is None  # another merchant


def test_names_banks_squeeze_match_through_the_compact_key():
    rules = Rules([Rule("H-E-B", "Food")])
    assert rules.match("HEB").category == "Food" and rules.match("H E B").category == "Food"


def test_rules_round_trip_through_a_csv_a_person_edits(tmp_path):
    path = tmp_path / "rules.csv"
    with editing(path) as rules:
        assert rules.put(rule_for("ZORBLAX HOLDINGS 4411 DENVER CO", "Pets")).kind == "new"
        rules.put(Rule("Costco", "Shopping", source="serve"))
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["merchant"], r["category"], r["source"]) for r in rows] == [
        ("Costco", "Shopping", "serve"), ("Zorblax Holdings", "Pets", "test")]
    assert rows[1]["example"] == "ZORBLAX HOLDINGS 4411 DENVER CO" and rows[1]["created"][:2] == "20"
    # A person edits it in a spreadsheet: changes a category, adds a note column and a rule of their own.
    rows[0]["category"] = "Bulk buying"
    rows.append({"merchant": "Quillfeather", "category": "Pets", "note": "mine"})
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*rows[0], "note"], restval="")
        writer.writeheader()
        writer.writerows(rows)
    rules = Rules.load(path)
    assert len(rules) == 3 and rules.match("COSTCO").category == "Bulk buying"
    assert rules.match("Quillfeather").extra == {"note": "mine"}
    with editing(path) as rules:
        assert rules.put(Rule("Costco", "Bulk buying")).kind == "same"
        changed = rules.put(Rule("costco", "Food"))
        assert changed.kind == "changed" and changed.old.category == "Bulk buying"
    assert "note" in path.read_text().splitlines()[0] and "mine" in path.read_text()


def test_any_category_from_a_single_row_and_removal(tmp_path):
    path = tmp_path / "rules.csv"
    with editing(path) as rules:
        rules.put(Rule("Quillfeather Pet Supply", "Pets"))
    with editing(path) as rules:
        assert rules.remove("QUILLFEATHER PET SUPPLY").category == "Pets"
        assert rules.remove("nobody") is None
    assert len(Rules.load(path)) == 0  # a file with its header only is no rules


def test_a_loaded_rules_object_sees_later_changes_to_its_file(tmp_path):
    path = tmp_path / "rules.csv"
    seen = Rules.load(path)
    assert len(seen) == 0 and not seen.refresh()
    with editing(path) as rules:
        rules.put(Rule("Zorblax Holdings", "Pets"))
    assert seen.refresh() and seen.match("Zorblax Holdings").category == "Pets"


def test_the_most_common_label_wins_and_one_line_says_so():
    rows = [Labelled("Kroger", "Food", "KROGER #1"), Labelled("KROGER", "Shopping", "KROGER #2"),
            Labelled("Kroger", "Food", "KROGER #3"), Labelled("Zorblax", "Pets", "ZORBLAX")]
    rules, notes = majority_rules(rows, "mine.csv")
    assert {(r.merchant, r.category) for r in rules} == {("Kroger", "Food"), ("Zorblax", "Pets")}
    assert notes == ["'Kroger': 2 row(s) say Food, 1 Shopping: the rule says Food"]


@pytest.mark.parametrize(("content", "message"), [
    ("merchant,category\n,Food\n", "row 2, column 'merchant': empty"),
    ("merchant,category\nKroger,\n", "row 2, column 'category': empty"),
    ("shop,category\nKroger,Food\n", "no column 'merchant'"),
    ("merchant,category\nKroger,Food,extra\n", "row 2: 3 fields"),
])
def test_a_broken_rules_file_is_one_line_naming_file_and_row(tmp_path, content, message):
    path = tmp_path / "rules.csv"
    path.write_text(content)
    with pytest.raises(UserInputError, match=message) as err:
        Rules.load(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)


def test_where_the_rules_live(monkeypatch, tmp_path):
    monkeypatch.delenv("EXPENSE_CLASSIFIER_RULES", raising=False)
    assert str(rules_path()) == "lightning_logs/rules.csv"
    monkeypatch.setenv("EXPENSE_CLASSIFIER_RULES", str(tmp_path / "mine.csv"))
    assert rules_path() == tmp_path / "mine.csv" and rules_path("x.csv").name == "x.csv"
