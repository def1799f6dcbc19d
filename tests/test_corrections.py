"""Corrections that stick: `learn --rules_only`, rules applied first by `categorize`, the `rules` command,
and rules surviving a new current model. Stand-ins for the cleaner, money detector and directory."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from merchant_fakes import fake_merchant_modules  # noqa: F401 - a fixture

from expense_classifier.cli import main
from expense_classifier.merchants.rules import Rules

MINE = """item,category
ZORBLAX HOLDINGS 4411 DENVER CO,Pets
SQ *QUILLFEATHER PET SUPPLY OAKLAND CA,Pets
COSTCO #0412 AUSTIN TX,Shopping
COSTCO #0977 DENVER CO,Shopping
COSTCO #0977 DENVER CO,Food
"""
LATER = """Date,Description,Amount
12/01/2026,ZORBLAX HOLDINGS 9902 BOULDER CO,-40.00
12/02/2026,PAYPAL *QUILLFEATHER PET SUPPLY 0093 COLUMBUS OH,-12.50
12/03/2026,COSTCO #1121 COLUMBUS OH,-212.40
12/04/2026,MEIJER #212 COLUMBUS OH,-61.10
12/05/2026,UBER *TRIP HELP.UBER.COM CA,-23.50
12/06/2026,PAYROLL DEPOSIT ACME CORP,2450.00
"""


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture()
def current(tiny_run: Path, workdir: Path) -> Path:
    """The tiny run as the working directory's only, current run."""
    shutil.copytree(tiny_run, workdir / "lightning_logs" / "version_0")
    return workdir / "lightning_logs" / "version_0" / "adapter"


@pytest.mark.usefixtures("fake_merchant_modules")
def test_rules_only_then_categorize_gives_other_stores_and_cities_the_rule(current, workdir, capsys):
    (workdir / "mine.csv").write_text(MINE)
    (workdir / "later.csv").write_text(LATER)
    assert main(["categorize", "later.csv", "--output", "before.csv"]) == 0
    before = read_csv(workdir / "before.csv")
    capsys.readouterr()
    assert main(["learn", "mine.csv", "--rules_only"]) == 0
    out = capsys.readouterr().out
    assert "5 labelled rows: 5 taken as corrections, 0 as confirmations" in out
    assert "'Costco': 2 row(s) say Shopping, 1 Food: the rule says Shopping" in out
    assert "rules: 3 new, 0 changed, 0 already so (3 in lightning_logs/rules.csv)" in out
    assert not list((workdir / "lightning_logs").glob("version_1"))  # nothing trained

    assert main(["categorize", "later.csv", "--output", "after.csv"]) == 0
    captured = capsys.readouterr()
    assert "model: lightning_logs/version_0/adapter; 3 rule(s) from lightning_logs/rules.csv" in captured.err
    after = read_csv(workdir / "after.csv")
    assert [(r["merchant"], r["predicted_category" if "predicted_category" in r else "category"], r["source"])
            for r in after[:3]] == [("Zorblax Holdings", "Pets", "rule"), ("Quillfeather Pet Supply", "Pets", "rule"),
                                    ("Costco", "Shopping", "rule")]  # a new category; Costco over the directory
    assert after[1]["intermediary"] == "PayPal" and float(after[0]["confidence"]) == 1.0
    # Other merchants' rows are unchanged: the directory's Meijer, the model's Uber, money in.
    assert [(r["category"], r["source"]) for r in after[3:]] == [(r["category"], r["source"]) for r in before[3:]]
    assert [r["source"] for r in after[3:]] == ["directory", "model", "money_in"]
    assert "answered by: 3 rule, 1 money_in, 1 directory, 1 model" in captured.out
    assert "transfers" not in captured.out and "money in" in captured.out

    capsys.readouterr()
    assert main(["categorize", "later.csv", "--model_only", "--output", "model.json"]) == 0
    items = json.loads((workdir / "model.json").read_text())["items"]
    assert {i["source"] for i in items} == {"model"} and items[0]["merchant"] == "Zorblax Holdings"
    assert "--model_only: the model answers every row" in capsys.readouterr().err


@pytest.mark.usefixtures("fake_merchant_modules")
def test_learn_takes_only_edited_rows_as_corrections_and_unedited_money_in_teaches_nothing(current, workdir, capsys):
    (workdir / "later.csv").write_text(LATER + "12/07/2026,ZORBLAX HOLDINGS 0001 AUSTIN TX,-9.00\n")
    assert main(["categorize", "later.csv", "--output", "out.csv", "--model_only"]) == 0
    rows = read_csv(workdir / "out.csv")
    assert rows[5]["category"] != "Income"  # the model alone filed payroll as an expense
    rows[0]["category"] = "Pets"  # the person's corrections
    rows[6]["category"] = "Pets"
    rows[3]["category"] = "Groceries"
    write_csv(workdir / "edited.csv", rows)
    capsys.readouterr()
    assert main(["learn", "edited.csv", "--rules_only"]) == 0
    out = capsys.readouterr().out
    assert "7 labelled rows: 3 taken as corrections, 3 as confirmations, 1 unedited money in" in out
    rules = {r.merchant: r.category for r in Rules.load()}
    assert rules == {"Zorblax Holdings": "Pets", "Meijer": "Groceries"}  # no rule from a confirmation


def test_learn_rules_only_imports_neither_lightning_nor_torch(workdir):
    (workdir / "mine.csv").write_text("item,category\nBRISTLECONE VETERINARY,Pets\n")
    code = ("import sys; from expense_classifier.cli import main; code = main(['learn', 'mine.csv', '--rules_only']); "
            "print(code, sorted(m for m in ('lightning', 'torch', 'transformers') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=workdir)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "0 []"
    assert [r.category for r in Rules.load(workdir / "lightning_logs" / "rules.csv")] == ["Pets"]


@pytest.mark.usefixtures("fake_merchant_modules")
def test_rules_lists_adds_and_removes(workdir, capsys):
    assert main(["rules"]) == 0
    assert "no rules yet in lightning_logs/rules.csv" in capsys.readouterr().out
    (workdir / "mine.csv").write_text(MINE)
    assert main(["learn", "mine.csv", "--rules_only"]) == 0
    assert main(["rules", "--add", "MEIJER #212 COLUMBUS OH", "--category", "Groceries"]) == 0
    capsys.readouterr()
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].startswith("4 rule(s) in lightning_logs/rules.csv")
    assert [line.split("  ")[0] for line in listing[3:]] == ["Costco", "Meijer", "Quillfeather Pet Supply",
                                                             "Zorblax Holdings"]
    assert main(["rules", "--remove", "ZORBLAX HOLDINGS 1234 AUSTIN TX"]) == 0  # a description of it works too
    assert "removed: Zorblax Holdings → Pets (3 rules left" in capsys.readouterr().out
    assert main(["rules", "--remove", "Zorblax Holdings"]) == 2
    err = capsys.readouterr().err.strip()
    assert "no rule for 'Zorblax Holdings'" in err and len(err.splitlines()) == 1
    assert sorted(r.merchant for r in Rules.load()) == ["Costco", "Meijer", "Quillfeather Pet Supply"]


@pytest.mark.usefixtures("fake_merchant_modules")
def test_rules_stay_when_another_adapter_becomes_the_current_model(current, workdir, capsys):
    (workdir / "mine.csv").write_text(MINE)
    (workdir / "later.csv").write_text(LATER)
    assert main(["learn", "mine.csv", "--rules_only"]) == 0
    shutil.copytree(workdir / "lightning_logs" / "version_0", workdir / "lightning_logs" / "version_1")  # a new run
    capsys.readouterr()
    assert main(["categorize", "later.csv", "--output", "out.csv"]) == 0
    assert "model: lightning_logs/version_1/adapter; 3 rule(s)" in capsys.readouterr().err
    assert [r["source"] for r in read_csv(workdir / "out.csv")[:3]] == ["rule"] * 3


@pytest.mark.usefixtures("fake_merchant_modules")
def test_a_rules_file_elsewhere_by_option_or_environment(current, workdir, monkeypatch, capsys):
    (workdir / "mine.csv").write_text(MINE)
    assert main(["learn", "mine.csv", "--rules_only", "--rules_file", "elsewhere.csv"]) == 0
    assert len(Rules.load(workdir / "elsewhere.csv")) == 3 and not (workdir / "lightning_logs" / "rules.csv").exists()
    monkeypatch.setenv("EXPENSE_CLASSIFIER_RULES", str(workdir / "elsewhere.csv"))
    capsys.readouterr()
    assert main(["rules"]) == 0
    assert "3 rule(s) in" in capsys.readouterr().out


@pytest.mark.usefixtures("fake_merchant_modules")
def test_a_new_category_from_one_row_is_a_rule_at_once_and_learn_says_training_needs_more(current, workdir,
                                                                                            capsys):
    (workdir / "vet.csv").write_text("item,category\nBRISTLECONE VETERINARY 88 BOULDER CO,Pets\n")
    assert main(["learn", "vet.csv"]) == 0  # one row: no longer an error
    out = capsys.readouterr().out
    assert "new category 'Pets': 1 example(s), a rule now; the model learns it from 5 (--min_examples)" in out
    assert "nothing for the model to learn yet" in out
    assert not (workdir / "lightning_logs" / "version_1").exists()
    assert [(r.merchant, r.category) for r in Rules.load()] == [("Bristlecone Veterinary", "Pets")]
    (workdir / "again.csv").write_text("Description,Amount\nBRISTLECONE VETERINARY 4 DENVER CO,-120.00\n")
    assert main(["categorize", "again.csv", "--output", "again.json"]) == 0
    item = json.loads((workdir / "again.json").read_text())["items"][0]
    assert (item["category"], item["source"], item["confidence"]) == ("Pets", "rule", 1.0)
