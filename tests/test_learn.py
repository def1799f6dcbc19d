"""`learn`: corrections and new categories continue from an adapter into a new run; the parent stays as it was."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest
import torch

from expense_classifier.cli import main

pytestmark = pytest.mark.slow

STATEMENT = """Date,Description,Amount
11/02/2026,KROGER #0412 COLUMBUS OH,-84.12
11/03/2026,UBER   *TRIP HELP.UBER.COM CA,-23.50
11/04/2026,DUKE ENERGY AUTOPAY,-131.07
11/05/2026,STATER BROS #5405 SAN BERNARDINO CA,-32.77
"""
PETS = [("Vet checkup for the dog", "Pets"), ("Dog food 30 lb bag", "Pets"), ("Cat litter", "Pets"),
        ("Flea medicine", "Pets"), ("Dog grooming", "Pets"), ("Groceries at Kroger", "Food")]


def digest(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir())}


@pytest.fixture()
def parent(tiny_run: Path, workdir: Path) -> Path:
    """A copy of the tiny run's adapter as the newest run in the working directory."""
    import shutil

    target = workdir / "lightning_logs" / "version_0"
    shutil.copytree(tiny_run, target)
    return target / "adapter"


def test_learn_from_an_edited_categorize_output_writes_a_new_run_and_leaves_the_parent(parent, workdir, capsys):
    (workdir / "statement.csv").write_text(STATEMENT)
    assert main(["categorize", "statement.csv", "--output", "out.csv"]) == 0
    with (workdir / "out.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    truth = ["Food", "Transportation", "Utilities", "Food"]
    for row, label in zip(rows, truth, strict=True):
        row["category"] = label  # the person's edit in the spreadsheet
    with (workdir / "corrected.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    before = digest(parent)
    capsys.readouterr()
    assert main(["learn", "corrected.csv"]) == 0
    out = capsys.readouterr().out
    assert "your 4 rows" in out and "original validation split" in out
    assert digest(parent) == before  # never modified
    run = workdir / "lightning_logs" / "version_1"
    assert (run / "adapter" / "adapter_model.safetensors").is_file()
    assert list((run / "checkpoints").glob("*.ckpt")) and list(run.glob("events.out.tfevents.*"))
    assert (run / "visualizations").is_dir() and (run / "summary.json").is_file()
    meta = json.loads((run / "adapter" / "expense_classifier.json").read_text())
    assert meta["learned_from"]["parent"] == str(parent.resolve())
    assert meta["learned_from"]["rows"] == 4 and meta["learned_from"]["new_categories"] == []
    mixed = json.loads((run / "learn" / "train.json").read_text())
    old_categories = set(json.loads((parent / "expense_classifier.json").read_text())["id2label"].values())
    assert {r["category"] for r in mixed} == old_categories  # the replay covers what the parent knew
    assert sum(r["item"] == "STATER BROS #5405 SAN BERNARDINO CA" for r in mixed) == meta["learned_from"]["repeat"]
    from expense_classifier.inference.categorizer import newest_adapter

    assert newest_adapter() == Path("lightning_logs/version_1/adapter")  # categorize now uses it


def test_a_new_category_grows_the_head_by_one_row_and_reloads_with_peft_and_categorizer(parent, workdir, capsys):
    from peft import AutoPeftModelForSequenceClassification
    from safetensors.torch import load_file

    from expense_classifier import Categorizer
    from expense_classifier.training.model import ExpenseClassifier

    path = workdir / "pets.json"
    path.write_text(json.dumps([{"item": i, "category": c} for i, c in PETS]))
    assert main(["learn", str(path)]) == 0
    assert "new category 'Pets' (5 examples): the head grows by one row" in capsys.readouterr().out
    child = workdir / "lightning_logs" / "version_1" / "adapter"
    old = json.loads((parent / "expense_classifier.json").read_text())["id2label"]
    new = json.loads((child / "expense_classifier.json").read_text())["id2label"]
    assert new == {**old, str(len(old)): "Pets"}  # old ids kept, Pets appended
    categorizer = Categorizer.load(child)
    assert "Pets" in categorizer.id2label.values() and len(categorizer.predict(["Dog food"])[0].ranked) == 2
    model = AutoPeftModelForSequenceClassification.from_pretrained(str(child), num_labels=len(new))
    assert model.peft_config["default"].r == 16

    # Before training, the grown head holds the parent's rows for the old categories, untouched.
    backbone = json.loads((parent / "expense_classifier.json").read_text())["backbone"]
    grown = ExpenseClassifier(backbone=backbone, id2label={int(k): v for k, v in new.items()},
                              init_adapter=str(parent))
    head = next(k for k in load_file(parent / "adapter_model.safetensors") if k.endswith("classifier.weight"))
    parent_rows = load_file(parent / "adapter_model.safetensors")[head]
    from peft import get_peft_model_state_dict

    grown_rows = get_peft_model_state_dict(grown.model)[head]
    assert grown_rows.shape[0] == parent_rows.shape[0] + 1
    assert torch.equal(grown_rows[: len(old)], parent_rows)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rows.txt", "Vet,Pets\n", "learn reads .csv or .json"),
        ("nolabel.csv", "item,amount\nmilk,3\n", "no label column"),
        ("empty.csv", "", "the file is empty"),
        ("blank.csv", "item,category\nmilk,\nbread, \n", "every row's 'category' is empty"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(parent, workdir, capsys, name, content, message):
    (workdir / name).write_text(content)
    assert main(["learn", name]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1
    assert not (workdir / "lightning_logs" / "version_1").exists()


def test_a_model_directory_that_is_not_an_adapter_is_one_line_and_exit_2(workdir, capsys):
    (workdir / "rows.csv").write_text("item,category\nmilk,Food\n")
    (workdir / "notanadapter").mkdir()
    assert main(["learn", "rows.csv", "--model", "notanadapter"]) == 2
    assert "incomplete model directory" in capsys.readouterr().err


def test_a_second_learn_replays_the_original_fits_data_not_the_first_learns_mix(tmp_path):
    import json as json_module

    from expense_classifier.artifacts import METADATA_FILE
    from expense_classifier.commands.learn import original_meta

    def adapter(name: str, meta: dict) -> Path:
        path = tmp_path / name
        path.mkdir()
        (path / METADATA_FILE).write_text(json_module.dumps(meta))
        return path

    root = adapter("root", {"data": {"num_samples": 10000}})
    first = adapter("first", {"data": {"train_path": "mix1.json"}, "learned_from": {"parent": str(root)}})
    second = {"data": {"train_path": "mix2.json"}, "learned_from": {"parent": str(first)}}
    assert original_meta(second)["data"] == {"num_samples": 10000}
    gone = {"data": {"train_path": "mix3.json"}, "learned_from": {"parent": str(tmp_path / "deleted")}}
    assert original_meta(gone) is gone  # an ancestor no longer on disk: its own data, as before
    assert original_meta({"data": {"num_samples": 5}}) == {"data": {"num_samples": 5}}
