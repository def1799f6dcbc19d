"""Fit configurations side by side: time, CPU, memory, and accuracy where it counts.

Each configuration is one `fit` process (a preset plus extra arguments), run in its own directory and
measured the same way: wall time from launch to exit, CPU seconds (user + system, the process and its
children), peak RSS of the process tree. Its adapter is then scored on the generated test split of the
data it was trained on, on eval/ (`scripts/eval_heldout.py`: statement, phrasing, exports, local) and on
the unknown-brands set, with the model alone. One JSON line per run goes to `--out`, and a table is
printed. On a shared machine, time a baseline in the same sweep: only ratios between runs of one sweep
mean anything.

    python scripts/sweep_fit.py "quick=quick:" "q10k=quick:--data.num_samples 10000"
    python scripts/sweep_fit.py "q20k=quick:--data.num_samples 20000 --trainer.max_epochs 2" --seeds 42 1
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

import yaml
from bench.presets import parse_variant  # scripts/bench/, beside this file
from bench.process import run_measured
from eval_heldout import HELDOUT_FILES, evaluate_exports, evaluate_model, evaluate_unknown_brands


def test_split_accuracy(run: Path) -> float:
    """Accuracy on the generated test split of the run's own data (its config names the data)."""
    from expense_classifier import Categorizer
    from expense_classifier.data.datamodule import ExpenseDataModule

    config = yaml.safe_load((run / "config.yaml").read_text())["data"]
    keys = ("train_path", "val_path", "test_path", "num_samples", "val_fraction", "test_fraction", "max_eval_items",
            "seed")
    datamodule = ExpenseDataModule(**{key: config[key] for key in keys if key in config})
    test = datamodule.splits.get("test", [])
    if not test:
        return float("nan")
    categorizer = Categorizer.load(run / "adapter")
    predicted = [p.category for p in categorizer.predict([r["item"] for r in test])]
    return sum(p == r["category"] for p, r in zip(predicted, test, strict=True)) / len(test)


def score(run: Path) -> dict[str, object]:
    from expense_classifier import Categorizer

    summary = json.loads((run / "summary.json").read_text())
    categorizer = Categorizer.load(run / "adapter")
    # The line files here, the exports and local (each file once) from evaluate_exports, with the exports pooled.
    heldout = evaluate_model(categorizer, HELDOUT_FILES)
    exports = evaluate_exports(categorizer)
    result: dict[str, object] = {key: summary.get(key) for key in (
        "epochs", "batch_size", "fit_seconds", "val_acc", "precision", "frozen_layers", "prefix_cache_mb")}
    result["test_acc"] = test_split_accuracy(run)
    result.update({f"{name}_acc": r["acc"] for name, r in {**heldout, **exports}.items()})
    result.update({f"{name}_sure_acc": r["sure_acc"] for name, r in {**heldout, **exports}.items()
                   if name != "exports (all)"})
    result["unknown_brands_acc"] = evaluate_unknown_brands(categorizer)["acc"]
    return result


COLUMNS = (("wall_seconds", "wall s", "{:.1f}"), ("cpu_seconds", "CPU s", "{:.0f}"),
           ("peak_rss_gb", "RSS GB", "{:.2f}"), ("epochs", "ep", "{}"), ("batch_size", "batch", "{}"),
           ("val_acc", "val", "{:.3f}"),
           ("test_acc", "test", "{:.3f}"), ("statement_acc", "stmt", "{:.3f}"), ("phrasing_acc", "phrase", "{:.3f}"),
           ("local_acc", "local", "{:.3f}"), ("exports (all)_acc", "exports", "{:.3f}"),
           ("us_checking_acc", "us_chk", "{:.3f}"), ("us_card_acc", "us_card", "{:.3f}"),
           ("uk_current_acc", "uk", "{:.3f}"), ("de_girokonto_acc", "de", "{:.3f}"),
           ("unknown_brands_acc", "unknown", "{:.3f}"))


def row(name: str, result: dict[str, object]) -> str:
    cells = [fmt.format(result[key]) if result.get(key) is not None else "-" for key, _, fmt in COLUMNS]
    return f"| {name} | " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("variants", nargs="+", type=parse_variant,
                        help="NAME=PRESET:ARGS, e.g. q10k=quick:'--data.num_samples 10000'")
    parser.add_argument("--seeds", nargs="+", type=int, default=[42], help="training seeds (each run once per seed)")
    parser.add_argument("--out", type=Path, default=Path("sweep_fit.jsonl"), help="JSON lines are appended here")
    parser.add_argument("--keep", type=Path, help="keep the run directories under this directory")
    parser.add_argument("--threads", type=int, help="OMP_NUM_THREADS for the fits: 1 on a crowded machine, where "
                        "two threads wait on each other at every kernel's barrier (CPU seconds then count work)")
    args = parser.parse_args()
    env = {**os.environ, "HF_HUB_OFFLINE": os.environ.get("HF_HUB_OFFLINE", "1")}
    if args.threads:
        import torch

        env["OMP_NUM_THREADS"] = str(args.threads)
        torch.set_num_threads(args.threads)  # the scoring here, too
    print("| run | " + " | ".join(title for _, title, _ in COLUMNS) + " |")
    print("|" + "---|" * (len(COLUMNS) + 1), flush=True)
    with tempfile.TemporaryDirectory(prefix="sweep_fit_") as tmp:
        root = args.keep or Path(tmp)
        for seed in args.seeds:
            for name, preset, extra in args.variants:
                work = root / f"{name}_{seed}"
                work.mkdir(parents=True, exist_ok=False)
                command = [sys.executable, "-m", "expense_classifier", "fit", "--config", f"{preset}.yaml",
                           "--seed_everything", str(seed), "--trainer.enable_progress_bar", "false", *extra]
                result = {"name": name, "seed": seed, "args": " ".join(extra), "threads": args.threads,
                          "load_before": os.getloadavg()[0], **run_measured(command, work, env)}
                result.update(score(work / "lightning_logs" / "version_0"))
                with args.out.open("a") as handle:
                    handle.write(json.dumps(result) + "\n")
                print(row(f"{name} s{seed}", result), flush=True)


if __name__ == "__main__":
    main()
