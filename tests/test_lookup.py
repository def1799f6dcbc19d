"""The one lookup order (rule → money in → directory → model), each answer's `source`, and the model run
only where nothing else answered; with stand-ins for the cleaner, money detector and directory."""

from __future__ import annotations

import sys

import pytest
from merchant_fakes import FakeDirectory, FakeModel, FakeName, fake_clean, fake_money

from expense_classifier.merchants.directory import DirectoryEntry
from expense_classifier.merchants.lookup import (
    DIRECTORY_CONFIDENCE,
    MONEY_IN_CONFIDENCE,
    Lookup,
    default_cleaner,
    shown_merchant,
    source_counts,
)
from expense_classifier.merchants.rules import Rule, Rules


def lookup(rules: list[Rule] = (), model_only: bool = False) -> tuple[Lookup, FakeModel]:
    model = FakeModel()
    return Lookup(model, Rules(rules), FakeDirectory(), fake_clean, fake_money, model_only), model


def test_each_row_says_which_step_answered_and_the_model_sees_only_the_rest():
    found, model = lookup([Rule("Quillfeather Pet Supply", "Pets")])
    texts = ["SQ *QUILLFEATHER PET SUPPLY 0093 COLUMBUS OH", "PAYROLL DEPOSIT ACME CORP", "COSTCO #0412 AUSTIN TX",
             "ZORBLAX HOLDINGS 9902 BOULDER CO", ""]
    answers = found.categorize(texts, [12.0, -2450.0, 80.0, 19.0, 5.0])
    assert [(a.category, a.source) for a in answers] == [
        ("Pets", "rule"), ("Income", "money_in"), ("Food", "directory"), ("Shopping", "model"), ("", "")]
    assert [a.confidence for a in answers] == [1.0, MONEY_IN_CONFIDENCE, DIRECTORY_CONFIDENCE, 0.6, 0.0]
    assert model.asked == ["ZORBLAX HOLDINGS 9902 BOULDER CO"]  # the model runs on what nothing else answered
    assert [(a.merchant, a.intermediary) for a in answers[:4]] == [
        ("Quillfeather Pet Supply", "Square"), ("Payroll Deposit Acme Corp", None), ("Costco", None),
        ("Zorblax Holdings", None)]
    assert answers[3].ranked == [("Shopping", 0.6), ("Food", 0.3)] and answers[0].ranked == [("Pets", 1.0)]
    assert source_counts(answers) == "answered by: 1 rule, 1 money_in, 1 directory, 1 model"


def test_a_rule_overrides_the_directory_and_the_model():
    found, model = lookup([Rule("Costco", "Shopping"), Rule("Zorblax Holdings", "Pets")])
    answers = found.categorize(["COSTCO #0412 AUSTIN TX", "ZORBLAX HOLDINGS 4411 DENVER CO"])
    assert [(a.category, a.source) for a in answers] == [("Shopping", "rule"), ("Pets", "rule")]
    assert model.asked == []


def test_a_rule_matches_the_directory_name_of_a_bank_abbreviation():
    model = FakeModel()
    directory = FakeDirectory({"Whole Foods Market": "Food"})
    directory.entries["wholefds mkt"] = directory.entries["whole foods market"]  # the alias a directory knows
    found = Lookup(model, Rules([Rule("Whole Foods Market", "Groceries")]), directory, fake_clean, fake_money)
    answer = found.categorize(["WHOLEFDS MKT 10234 AUSTIN TX"])[0]
    assert (answer.category, answer.source, answer.merchant) == ("Groceries", "rule", "Whole Foods Market")


def test_a_rule_can_file_a_transfer_out_but_money_in_never_takes_an_expense_category():
    found, _ = lookup([Rule("Transfer To J Smith", "Housing"), Rule("Payroll Deposit Acme Corp", "Shopping"),
                       Rule("Transfer From Savings", "Transfer")])
    out, money_in, own = found.categorize(
        ["TRANSFER TO J SMITH", "PAYROLL DEPOSIT ACME CORP", "TRANSFER FROM SAVINGS"], [1450.0, -2450.0, -300.0])
    assert (out.category, out.source) == ("Housing", "rule")  # rent paid by transfer: the user's word
    assert (money_in.category, money_in.source) == ("Income", "money_in")  # not Shopping
    assert (own.category, own.source) == ("Transfer", "rule")  # a money-in rule applies to money in


def test_a_refund_keeps_its_merchants_rule():
    found, _ = lookup([Rule("Zorblax Holdings", "Pets")])
    assert found.categorize(["ZORBLAX HOLDINGS REFUND"], [-12.0])[0].source == "model"  # another merchant name
    assert found.categorize(["ZORBLAX HOLDINGS 12"], [-12.0])[0].category == "Pets"


def test_model_only_makes_the_model_answer_every_row_and_still_names_the_merchant():
    found, model = lookup([Rule("Costco", "Shopping")], model_only=True)
    answers = found.categorize(["COSTCO #0412 AUSTIN TX", "PAYROLL DEPOSIT ACME CORP", ""], [80.0, -2450.0, 1.0])
    assert [a.source for a in answers] == ["model", "model", ""]
    assert model.asked == ["COSTCO #0412 AUSTIN TX", "PAYROLL DEPOSIT ACME CORP"]
    assert answers[0].merchant == "Costco" and "--model_only" in found.describe()


def test_a_lookup_sees_a_rule_added_to_its_file_after_it_was_loaded(tmp_path):
    from expense_classifier.merchants.rules import editing

    path = tmp_path / "rules.csv"
    found = Lookup(FakeModel(), Rules.load(path), None, fake_clean)
    assert found.categorize(["ZORBLAX HOLDINGS 1 DENVER CO"])[0].source == "model"
    with editing(path) as rules:
        rules.put(Rule("Zorblax Holdings", "Pets"))
    assert found.categorize(["ZORBLAX HOLDINGS 2 BOULDER CO"])[0].category == "Pets"
    assert "1 rule(s)" in found.describe() and str(path) in found.describe()


def test_without_merchants_names_the_description_is_the_merchant(monkeypatch, capsys):
    """names.py ships with the package, so the fallback is run by hiding it (the test used to skip, always)."""
    monkeypatch.setitem(sys.modules, "expense_classifier.merchants.names", None)  # its import now fails
    default_cleaner.cache_clear()
    try:
        clean = default_cleaner()
        assert clean("KROGER  #0412 COLUMBUS OH").merchant == "KROGER #0412 COLUMBUS OH"
        assert capsys.readouterr().err.count("note:") == 1
    finally:
        default_cleaner.cache_clear()  # the next caller gets the real cleaner again


def test_amounts_must_pair_with_texts():
    found, _ = lookup()
    with pytest.raises(ValueError, match="2 texts but 1 amounts"):
        found.categorize(["a", "b"], [1.0])


def test_a_rules_file_broken_while_serving_keeps_the_rules_it_had(tmp_path, capsys):
    from expense_classifier.merchants.rules import editing

    path = tmp_path / "rules.csv"
    with editing(path) as rules:
        rules.put(Rule("Zorblax Holdings", "Pets"))
    found = Lookup(FakeModel(), Rules.load(path), None, fake_clean)
    path.write_text("merchant,category\n,Pets\n")  # a person's half-done edit
    for _ in range(2):
        assert found.categorize(["ZORBLAX HOLDINGS 1 DENVER CO"])[0].category == "Pets"
    err = capsys.readouterr().err
    assert err.count("warning:") == 1 and "row 2, column 'merchant': empty" in err


def test_a_description_cleaning_leaves_empty_is_its_own_merchant():
    model = FakeModel()
    found = Lookup(model, Rules([Rule("POS PURCHASE 0412", "Food")]), None, lambda text: FakeName("", None))
    answer = found.categorize(["POS  PURCHASE 0412"])[0]
    assert (answer.category, answer.source, answer.merchant) == ("Food", "rule", "POS PURCHASE 0412")


@pytest.mark.parametrize(("cleaned", "brand", "category", "shown"), [
    ("Whole Foods", "Whole Foods Market", "Food", "Whole Foods"),  # a shorter form, word for word
    ("Costa Coffee", "Costa", "Food", "Costa Coffee"),  # a food brand and its kind, said as its name
    ("Home Depot", "The Home Depot", "Shopping", "Home Depot"),
    ("PG&E", "Pacific Gas and Electric Company", "Utilities", "PG&E"),  # its initials, in capitals
    ("TFL", "Transport for London", "Transportation", "TFL"),
    ("Trugreen", "TruGreen", "Housing", "TruGreen"),  # the same name: the brand's capitals
    ("Wholefds", "Whole Foods Market", "Food", "Whole Foods Market"),  # a bank's abbreviation
    ("Vzwrlss", "Verizon Wireless", "Utilities", "Verizon Wireless"),
    ("Youtubetv", "YouTube TV", "Entertainment", "YouTube TV"),
    ("Primark Stratford", "Primark", "Shopping", "Primark"),  # the prefix rule's brand and a place
    ("AMC Theatres", "AMC", "Entertainment", "AMC"),  # a kind word, not said with the name
    ("Shell Service Station", "Shell", "Transportation", "Shell"),
    ("PF Club Fees", "Planet Fitness", "Entertainment", "Planet Fitness"),
    ("Sbux", "Starbucks", "Food", "Starbucks"),  # not in capitals, not the initials
])
def test_a_row_shows_the_clean_name_where_it_is_the_brand_as_people_write_it(cleaned, brand, category, shown):
    assert shown_merchant(cleaned, DirectoryEntry(brand, category, "test")) == shown


def test_a_row_without_a_directory_entry_shows_the_clean_name():
    assert shown_merchant("Quillfeather Pet Supply", None) == "Quillfeather Pet Supply"


def test_the_lookup_keeps_the_cleaners_spelling_of_a_directory_brand():
    found = Lookup(FakeModel(), Rules(), FakeDirectory({"Whole Foods Market": "Food"}), fake_clean, fake_money)
    found.directory.entries["whole foods"] = found.directory.entries["whole foods market"]
    answer, = found.categorize(["WHOLE FOODS 10234 AUSTIN"], [30.0])
    assert (answer.merchant, answer.category, answer.source) == ("Whole Foods", "Food", "directory")
