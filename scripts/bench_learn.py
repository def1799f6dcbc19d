"""The corrections loop, measured: fit quick, categorize a statement, correct it, learn, and a new category.

1. `fit --config quick.yaml` (the parent adapter).
2. `categorize` 32 lines of a statement (eval/learn_corrections.csv, split "learn": merchants the
   generator does not know, 4 lines each) with --output; the predicted category is then set to the
   true one, as a person would in a spreadsheet; `learn` that file (timed as a whole process).
3. Accuracy before and after on those 32 lines, on the statement's 16 other lines (the same
   merchants on other days), on eval/heldout_phrasing.csv and on the original validation split.
4. `learn` a new category, Pets, from 10 examples (eval/learn_pets_train.csv); accuracy on 10 other
   phrasings of it (eval/learn_pets_heldout.csv) and on the old categories.

    python scripts/bench_learn.py [--readme README.md] [--seed 1] [--fit-args "--model.lora_layers null"]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eval_heldout import HELDOUT_FILES, read_labelled  # scripts/eval_heldout.py, beside this file

from expense_classifier.commands.learn import accuracy, training_splits
from expense_classifier.inference.categorizer import Categorizer, check_model_dir

EVAL = Path(__file__).resolve().parent.parent / "eval"


def run(args: list[str], cwd: Path) -> float:
    """Run `python -m expense_classifier ARGS`; return its wall time."""
    env = {**os.environ, "HF_HUB_OFFLINE": os.environ.get("HF_HUB_OFFLINE", "1")}
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "expense_classifier", *args], cwd=cwd, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return time.perf_counter() - started


def records(texts: list[str], labels: list[str]) -> list[dict[str, str]]:
    return [{"item": t, "category": c} for t, c in zip(texts, labels, strict=True)]


def scores(adapter: Path, sets: dict[str, list[dict[str, str]]]) -> dict[str, float]:
    categorizer = Categorizer.load(adapter)
    return {name: accuracy(categorizer, rows) for name, rows in sets.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--readme", type=Path, help="rewrite the learn table in this README")
    parser.add_argument("--seed", type=int, default=42, help="the parent fit's training seed")
    parser.add_argument("--fit-args", default="",
                        help="extra arguments for the parent fit, e.g. '--model.lora_layers null'")
    args = parser.parse_args()
    with (EVAL / "learn_corrections.csv").open(newline="") as handle:
        statement = list(csv.DictReader(handle))
    learn_rows = [r for r in statement if r["split"] == "learn"]
    other_rows = [r for r in statement if r["split"] == "other"]
    with tempfile.TemporaryDirectory(prefix="bench_learn_") as tmp:
        work = Path(tmp)
        fit_s = run(["fit", "--config", "quick.yaml", "--trainer.enable_progress_bar", "false",
                     "--seed_everything", str(args.seed), *args.fit_args.split()], work)
        parent = work / "lightning_logs" / "version_0" / "adapter"
        with (work / "statement.csv").open("w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=["Date", "Description", "Amount"], extrasaction="ignore")
            writer.writeheader()
            writer.writerows(learn_rows)
        run(["categorize", "statement.csv", "--model", str(parent), "--output", "categorized.csv"], work)
        with (work / "categorized.csv").open(newline="") as handle:
            edited = list(csv.DictReader(handle))
        for row, truth in zip(edited, learn_rows, strict=True):
            row["category"] = truth["category"]  # the person's correction, in the predicted column
        with (work / "corrected.csv").open("w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(edited[0]))
            writer.writeheader()
            writer.writerows(edited)
        _, val = training_splits(check_model_dir(parent))
        sets = {
            "the 32 corrected lines": [{"item": r["Description"], "category": r["category"]} for r in learn_rows],
            "16 other lines, same merchants": [{"item": r["Description"], "category": r["category"]}
                                               for r in other_rows],
            "natural phrasing (eval/)": records(*read_labelled(HELDOUT_FILES["phrasing"])),
            "original validation split": val,
        }
        before = scores(parent, sets)
        learn_s = run(["learn", "corrected.csv", "--model", str(parent)], work)
        corrected = work / "lightning_logs" / "version_1" / "adapter"
        after = scores(corrected, sets)
        pets_s = run(["learn", str(EVAL / "learn_pets_train.csv"), "--model", str(corrected)], work)
        pets = work / "lightning_logs" / "version_2" / "adapter"
        pet_sets = {"10 other Pets phrasings": records(*read_labelled(EVAL / "learn_pets_heldout.csv")),
                    "natural phrasing (eval/)": sets["natural phrasing (eval/)"],
                    "original validation split": val}
        pets_before = scores(corrected, {k: v for k, v in pet_sets.items() if k != "10 other Pets phrasings"})
        pets_after = scores(pets, pet_sets)
    when = datetime.date.today().isoformat()
    lines = [f"Measured {when} by `python scripts/bench_learn.py` (quick preset, bundled all-MiniLM-L6-v2): "
             f"fit {fit_s:.1f} s; learning the 32 corrected lines {learn_s:.1f} s and Pets {pets_s:.1f} s, "
             "each as a whole process.", "", "| learning 32 corrected statement lines | before | after |",
             "|---|---|---|"]
    lines += [f"| {name} | {before[name]:.3f} | {after[name]:.3f} |" for name in sets]
    lines += ["", "| then learning a new category, Pets, from 10 examples | before | after |", "|---|---|---|"]
    lines += [f"| {name} | {pets_before.get(name, 0.0):.3f} | {pets_after[name]:.3f} |" for name in pet_sets]
    text = "\n".join(lines)
    print(text)
    if args.readme:
        from bench_train import update_readme

        update_readme(args.readme, text, marker="bench_learn")


if __name__ == "__main__":
    main()
