"""`categorize` on what people have: bank exports and till receipts, with amounts, totals and a chart."""

from __future__ import annotations

import csv
import json

from test_receipt import POS_RECEIPT

from expense_classifier.cli import main

STATEMENT = """Date,Description,Amount,Running Bal.,Category
11/01/2026,PAYROLL DEPOSIT ACME CORP,2450.00,5120.33,Income
11/02/2026,KROGER #0412 COLUMBUS OH,-84.12,5036.21,Groceries
11/03/2026,"UBER   *TRIP HELP.UBER.COM CA",-23.50,5012.71,Travel
11/04/2026,DUKE ENERGY AUTOPAY,-131.07,4881.64,Bills
11/05/2026,REFUND TARGET #1234,12.00,4893.64,Shopping
"""


def test_statement_keeps_every_row_and_column_and_adds_category_and_amount(tiny_run, workdir, capsys):
    (workdir / "statement.csv").write_text(STATEMENT)
    code = main(["categorize", "statement.csv", "--model", str(tiny_run / "adapter"), "--output", "out.csv"])
    assert code == 0
    with (workdir / "out.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    with (workdir / "statement.csv").open(newline="") as handle:
        original = list(csv.DictReader(handle))
    assert len(rows) == len(original) == 5
    assert list(rows[0])[:5] == ["Date", "Description", "Amount", "Running Bal.", "Category"]
    assert list(rows[0])[5:] == ["predicted_category", "confidence", "runner_up", "runner_up_confidence",
                                 "spending_amount", "merchant", "intermediary", "source", "suggested_category",
                                 "recurring"]
    for row, source in zip(rows, original, strict=True):
        assert {k: row[k] for k in source} == source  # the file's own values, untouched
        assert 0 < float(row["confidence"]) <= 1
    assert [float(r["spending_amount"]) for r in rows] == [-2450.0, 84.12, 23.5, 131.07, -12.0]
    out = capsys.readouterr().out
    assert "money in" in out and "238.69" in out  # spending total leaves payroll and the refund out
    png = (workdir / "out_spending.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000


def test_json_output_has_totals_per_category_that_add_up(tiny_run, workdir):
    (workdir / "statement.csv").write_text(STATEMENT)
    assert main(["categorize", "statement.csv", "--model", str(tiny_run / "adapter"), "--output", "out.json",
                 "--chart", "charts/spend.png"]) == 0
    result = json.loads((workdir / "out.json").read_text())
    assert len(result["items"]) == 5 and (workdir / "charts" / "spend.png").is_file()
    totals = result["totals"]
    assert round(sum(t["amount"] for t in totals.values()), 2) == 238.69
    assert sum(t["count"] for t in totals.values()) == 3
    assert abs(sum(t["share"] for t in totals.values()) - 1) < 1e-3
    for category, total in totals.items():
        spent = [r["spending_amount"] for r in result["items"]
                 if r["predicted_category"] == category and r["spending_amount"] > 0]
        assert round(sum(spent), 2) == total["amount"]


def test_pos_receipt_gives_its_items_with_amounts(tiny_run, workdir, capsys):
    (workdir / "receipt.txt").write_text(POS_RECEIPT)
    assert main(["categorize", "receipt.txt", "--model", str(tiny_run / "adapter"), "--output", "r.json"]) == 0
    items = json.loads((workdir / "r.json").read_text())["items"]
    assert [(i["item"], i["amount"]) for i in items] == [
        ("GV WHOLE MILK", 3.48), ("BANANAS", 1.48), ("LIMES", 1.5), ("BEER", 4.99), ("RUGS", 24.99),
        ("USB CABLE", 8.99)]
    captured = capsys.readouterr()
    assert "45.43" in captured.out and "warning" not in captured.err


def test_a_receipt_that_does_not_add_up_says_so_in_one_line(tiny_run, workdir, capsys):
    (workdir / "receipt.txt").write_text(POS_RECEIPT.replace("SUBTOTAL 45.43", "SUBTOTAL 47.00"))
    assert main(["categorize", "receipt.txt", "--model", str(tiny_run / "adapter")]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if line.startswith("warning")]
    assert len(warnings) == 1 and "47.00" in warnings[0]


def test_bad_statement_is_one_line_and_exit_2(tiny_run, workdir, capsys):
    (workdir / "ragged.csv").write_text("Date,Description,Amount\n11/01,KROGER,-1.00\n11/02,SHELL, OIL,-2.00\n")
    assert main(["categorize", "ragged.csv", "--model", str(tiny_run / "adapter")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ragged.csv: row 3") and len(err.splitlines()) == 1
    (workdir / "s.csv").write_text(STATEMENT)
    assert main(["categorize", "s.csv", "--model", str(tiny_run / "adapter"), "--output", "out.txt"]) == 2
    assert "output must end in .json or .csv" in capsys.readouterr().err
    assert not (workdir / "out.txt").exists()


def test_a_row_without_a_description_is_kept_uncategorized_and_totalled_apart(tiny_run, workdir):
    (workdir / "s.csv").write_text(STATEMENT + "11/06/2026,,-5.00,4888.64,\n")
    assert main(["categorize", "s.csv", "--model", str(tiny_run / "adapter"), "--output", "out.json"]) == 0
    result = json.loads((workdir / "out.json").read_text())
    assert len(result["items"]) == 6
    last = result["items"][-1]
    assert last["Description"] == "" and last["predicted_category"] == "" and last["spending_amount"] == 5.0
    assert result["totals"]["(no description)"] == {"count": 1, "amount": 5.0, "share": round(5.0 / 243.69, 4)}
