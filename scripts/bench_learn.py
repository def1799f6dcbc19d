"""The corrections loop, measured: fit quick, categorize a statement, correct it, learn, and a new category.

1. `fit --config quick.yaml` (the parent adapter).
2. `categorize` 32 lines of a statement (eval/learn_corrections.csv, split "learn": merchants the
   generator does not know, 4 lines each) with --output; the predicted category is then set to the
   true one, as a person would in a spreadsheet; `learn` that file (timed as a whole process).
3. Accuracy before and after on those 32 lines, on the statement's 16 other lines (the same
   merchants on other days), on eval/heldout_phrasing.csv and on the original validation split.
4. `learn` a new category, Pets, from 10 examples (eval/learn_pets_train.csv); accuracy on 10 other
   phrasings of it (eval/learn_pets_heldout.csv) and on the old categories.

`learn --rules_only` is timed and the rules it records are scored through `categorize` (rules first) before the
model learns. Every parent seed (default 42, 1, 2, 3, 4) runs the whole loop; the block gives the mean and
range, and the largest loss on natural phrasing and the validation split after both learns.

    python scripts/bench_learn.py [--readme README.md] [--seeds 42 1] [--fit-args "--model.lora_layers null"]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
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


def write_statement(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["Date", "Description", "Amount"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def categorized_accuracy(work: Path, name: str, rows: list[dict[str, str]], model: Path) -> float:
    """`categorize` on the rows as a statement (rules, directory and model, as a person runs it): share right."""
    write_statement(work / f"{name}.csv", rows)
    run(["categorize", f"{name}.csv", "--model", str(model), "--output", f"{name}_out.csv", "--quiet"], work)
    with (work / f"{name}_out.csv").open(newline="") as handle:
        got = [row["category"] for row in csv.DictReader(handle)]
    return sum(g == r["category"] for g, r in zip(got, rows, strict=True)) / len(rows)


def one_seed(seed: int, fit_args: str, learn_args: str, learn_rows: list[dict[str, str]],
             other_rows: list[dict[str, str]]) -> dict:
    """The loop for one parent seed: times, and accuracies before and after each learn."""
    with tempfile.TemporaryDirectory(prefix="bench_learn_") as tmp:
        work = Path(tmp)
        fit_s = run(["fit", "--config", "quick.yaml", "--trainer.enable_progress_bar", "false",
                     "--seed_everything", str(seed), *fit_args.split()], work)
        parent = work / "lightning_logs" / "version_0" / "adapter"
        write_statement(work / "statement.csv", learn_rows)
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
        rules_s = run(["learn", "corrected.csv", "--model", str(parent), "--rules_only"], work)
        ruled = {"the 32 corrected lines": categorized_accuracy(work, "ruled_learn", learn_rows, parent),
                 "16 other lines, same merchants": categorized_accuracy(work, "ruled_other", other_rows, parent)}
        learn_s = run(["learn", "corrected.csv", "--model", str(parent), *learn_args.split()], work)
        corrected = work / "lightning_logs" / "version_1" / "adapter"
        after = scores(corrected, sets)
        pets_s = run(["learn", str(EVAL / "learn_pets_train.csv"), "--model", str(corrected), *learn_args.split()],
                     work)
        pets = work / "lightning_logs" / "version_2" / "adapter"
        pet_sets = {"10 other Pets phrasings": records(*read_labelled(EVAL / "learn_pets_heldout.csv")),
                    "natural phrasing (eval/)": sets["natural phrasing (eval/)"],
                    "original validation split": val}
        pets_after = scores(pets, pet_sets)
    return {"seed": seed, "fit_s": fit_s, "rules_s": rules_s, "learn_s": learn_s, "pets_s": pets_s,
            "before": before, "ruled": ruled, "after": after, "pets_after": pets_after}


def span(values: list[float], fmt: str = "{:.3f}") -> str:
    """Mean (min–max) over seeds, or the one value."""
    mean = sum(values) / len(values)
    if len(values) == 1:
        return fmt.format(mean)
    return f"{fmt.format(mean)} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def report(runs: list[dict], learn_args: str = "") -> str:
    """The README block: times and accuracies over the parent seeds, and the largest loss after two learns."""
    when = datetime.date.today().isoformat()
    seeds = ", ".join(str(r["seed"]) for r in runs)

    def times(key: str) -> str:
        return span([r[key] for r in runs], "{:.1f}")

    command = "python scripts/bench_learn.py" + (f" --learn-args {learn_args!r}" if learn_args else "")
    lines = [f"Measured {when} on {os.cpu_count()} cores by `{command}` (quick preset, bundled "
             f"all-MiniLM-L6-v2, parent seeds {seeds}; mean (min–max) over seeds; each time is a whole process): "
             f"fit {times('fit_s')} s; `learn --rules_only` of the 32 corrected lines {times('rules_s')} s; "
             f"`learn` of them {times('learn_s')} s; then Pets {times('pets_s')} s.", "",
             "| learning 32 corrected statement lines | before | rules only (`categorize`) | after `learn` (model) |",
             "|---|---|---|---|"]
    for name in runs[0]["before"]:
        ruled = span([r["ruled"][name] for r in runs]) if name in runs[0]["ruled"] else "—"
        lines.append(f"| {name} | {span([r['before'][name] for r in runs])} | {ruled} | "
                     f"{span([r['after'][name] for r in runs])} |")
    lines += ["", "| then learning a new category, Pets, from 10 examples | before | after |", "|---|---|---|"]
    for name in runs[0]["pets_after"]:
        # before Pets is after the first learn; Pets phrasings were no category then
        before = span([r["after"][name] for r in runs]) if name in runs[0]["after"] else "0.000"
        lines.append(f"| {name} | {before} | {span([r['pets_after'][name] for r in runs])} |")
    lines.append("")
    for name in ("natural phrasing (eval/)", "original validation split"):
        moves = [(r["pets_after"][name] - r["before"][name], r["seed"]) for r in runs]
        worst, seed = min(moves)
        lines.append(f"- {name}, parent to after both learns: {span([m for m, _ in moves], '{:+.3f}')}; "
                     f"largest loss {-min(worst, 0.0) * 100:.1f} points (seed {seed}); "
                     f"{'met' if worst >= -0.03 - 1e-9 else 'NOT met'}: no seed loses more than 3 points")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--readme", type=Path, help="rewrite the learn table in this README")
    parser.add_argument("--seeds", "--seed", nargs="+", type=int, default=[42, 1, 2, 3, 4],
                        help="the parent fits' training seeds (default: 5); each runs the whole loop")
    parser.add_argument("--fit-args", default="",
                        help="extra arguments for the parent fit, e.g. '--model.lora_layers null'")
    parser.add_argument("--learn-args", default="", help="extra arguments for both learns, e.g. '--replay 1200'")
    parser.add_argument("--json", type=Path, help="write every seed's numbers here")
    args = parser.parse_args()
    with (EVAL / "learn_corrections.csv").open(newline="") as handle:
        statement = list(csv.DictReader(handle))
    learn_rows = [r for r in statement if r["split"] == "learn"]
    other_rows = [r for r in statement if r["split"] == "other"]
    runs = []
    for seed in args.seeds:
        print(f"seed {seed} ...", flush=True)
        runs.append(one_seed(seed, args.fit_args, args.learn_args, learn_rows, other_rows))
        if args.json:
            args.json.write_text(json.dumps(runs, indent=1))
    text = report(runs, args.learn_args)
    print(text)
    if args.readme:
        from bench_train import update_readme

        update_readme(args.readme, text, marker="bench_learn")


if __name__ == "__main__":
    main()
