"""One current model: test and predict log inside the run they evaluate (no stray run, no Lightning
"dirpath has changed" warning); a new fit says it is the current model and that the rules stay."""

from __future__ import annotations

import csv
import json
import shutil
import warnings
from pathlib import Path

import pytest

from expense_classifier.cli import main


def test_test_and_predict_of_a_runs_checkpoint_log_inside_that_run(tiny_run, workdir, capsys):
    run = workdir / "lightning_logs" / "version_0"
    shutil.copytree(tiny_run, run)
    (workdir / "items.csv").write_text("item,category\nUber ride to airport,Transportation\nElectric bill,Utilities\n")
    common = ["--config", str(run / "config.yaml"), "--ckpt_path", "last", "--trainer.enable_progress_bar", "false"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert main(["test", *common, "--data.test_path", "items.csv"]) == 0
        assert main(["predict", *common, "--data.predict_path", "items.csv"]) == 0
    assert sorted(p.name for p in (workdir / "lightning_logs").iterdir()) == ["version_0"]  # no new run
    assert list((run / "test").glob("events.out.tfevents.*")) and (run / "test" / "config.yaml").is_file()
    assert (run / "test" / "visualizations" / "confusion_matrix_test.png").is_file()
    assert (run / "predictions.csv").is_file() and list((run / "predict").glob("events.out.tfevents.*"))
    assert (run / "config.yaml").read_text() == (tiny_run / "config.yaml").read_text()  # the run's own, kept
    out = capsys.readouterr()
    assert "Test logs written to lightning_logs/version_0/test" in out.out
    assert "Predict logs written to lightning_logs/version_0/predict" in out.out
    assert not [w for w in caught if "dirpath has changed" in str(w.message)]
    assert "dirpath has changed" not in out.err


@pytest.mark.slow
def test_learn_then_a_new_fit_then_categorize_keeps_the_learned_merchants(tiny_run, tiny_distilbert, workdir,
                                                                          capsys):
    shutil.copytree(tiny_run, workdir / "lightning_logs" / "version_0")
    (workdir / "statement.csv").write_text("Date,Description,Amount\n11/02,ZORBLAX HOLDINGS 4411,-40.00\n"
                                           "11/03,QUILLFEATHER PET SUPPLY,-12.50\n11/04,Electric bill,-80.00\n")
    assert main(["categorize", "statement.csv", "--output", "out.csv"]) == 0
    with (workdir / "out.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["category"], rows[1]["category"] = "Pets", "Pets"  # corrections; a category the model never saw
    with (workdir / "edited.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert main(["rules", "--add", "MEIJER", "--category", "Food"]) == 0  # an earlier rule
    capsys.readouterr()
    assert main(["learn", "edited.csv", "--epochs", "1"]) == 0
    out = capsys.readouterr().out
    assert "3 labelled rows: 2 taken as corrections, 1 as confirmations" in out
    mixed = json.loads((workdir / "lightning_logs" / "version_1" / "learn" / "train.json").read_text())
    assert {"item": "MEIJER", "category": "Food"} in mixed  # every rule is replayed as a training row
    assert "learning 2 rows (1 from edited.csv, 1 from rules" in out
    assert "new category 'Pets': 2 example(s), a rule now; the model learns it from 5 (--min_examples)" in out
    assert "is now the current model" not in out  # a learn of the current model says its own line
    assert (workdir / "lightning_logs" / "version_1" / "adapter").is_dir()

    assert main(["fit", "--config", "quick.yaml", "--model.backbone", str(tiny_distilbert), "--data.num_samples",
                 "64", "--trainer.max_epochs", "1", "--trainer.enable_progress_bar", "false"]) == 0
    out = capsys.readouterr().out
    assert ("lightning_logs/version_2/adapter is now the current model (categorize, serve and learn use the newest "
            "adapter); earlier corrections stay as rules: 3 in lightning_logs/rules.csv") in out
    assert main(["categorize", "statement.csv", "--output", "after.csv"]) == 0
    assert "model: lightning_logs/version_2/adapter; 3 rule(s)" in capsys.readouterr().err
    with Path(workdir / "after.csv").open(newline="") as handle:
        after = list(csv.DictReader(handle))
    assert [(r["category"], r["source"]) for r in after[:2]] == [("Pets", "rule"), ("Pets", "rule")]
