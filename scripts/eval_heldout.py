"""Score an adapter on the held-out text in eval/ (written apart from the generator).

For each file: accuracy, the share of rows the model is sure of (confidence ≥ 0.9) and how often it is
right there, and the expected calibration error. The misses are listed so they can be read.

    python scripts/eval_heldout.py                                  # newest run's adapter
    python scripts/eval_heldout.py lightning_logs/version_3/adapter --misses
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import torch

from expense_classifier.inference.calibration import expected_calibration_error
from expense_classifier.inference.categorizer import Categorizer, newest_adapter

EVAL_DIR = Path(__file__).resolve().parent.parent / "eval"
HELDOUT_FILES = {"statement": EVAL_DIR / "heldout_statement.csv", "phrasing": EVAL_DIR / "heldout_phrasing.csv"}
SURE = 0.9


def read_labelled(path: Path) -> tuple[list[str], list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    text_key = "description" if "description" in rows[0] else "item"
    return [row[text_key] for row in rows], [row["category"] for row in rows]


def score(categorizer: Categorizer, texts: list[str], labels: list[str]) -> dict[str, object]:
    """Accuracy, accuracy where confidence ≥ 0.9 (and how many rows that is), ECE, and the misses."""
    label2id = {name: i for i, name in categorizer.id2label.items()}
    probs = categorizer.probabilities(texts)
    target = torch.tensor([label2id[label] for label in labels])
    confidence, predicted = probs.max(dim=1)
    correct = predicted == target
    sure = confidence >= SURE
    misses = [(text, label, categorizer.id2label[int(p)], float(c))
              for text, label, p, c, ok in zip(texts, labels, predicted, confidence, correct, strict=True) if not ok]
    return {
        "n": len(texts),
        "acc": float(correct.float().mean()),
        "sure_share": float(sure.float().mean()),
        "sure_acc": float(correct[sure].float().mean()) if sure.any() else float("nan"),
        "ece": expected_calibration_error(probs, target),
        "misses": misses,
    }


def heldout_files() -> dict[str, Path]:
    """Every held-out file scored, by short name: the one list the benchmarks read (a file added here joins them)."""
    return dict(HELDOUT_FILES)


def evaluate_model(model) -> dict[str, dict[str, object]]:  # noqa: ANN001
    """`score` on every held-out file; `model` is anything with `probabilities(texts)` and `id2label`
    (a `Categorizer`, or a benchmark's peer)."""
    return {name: score(model, *read_labelled(path)) for name, path in heldout_files().items()}


def evaluate(adapter: Path) -> dict[str, dict[str, object]]:
    return evaluate_model(Categorizer.load(adapter))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("adapter", nargs="?", type=Path, help="adapter directory (default: newest run's)")
    parser.add_argument("--misses", action="store_true", help="list the rows the model got wrong")
    args = parser.parse_args()
    adapter = args.adapter or newest_adapter()
    print(f"adapter: {adapter}")
    print(f"{'file':<10} {'n':>4} {'acc':>6} {'conf>=0.9 share':>16} {'acc there':>10} {'ECE':>6}")
    for name, result in evaluate(adapter).items():
        print(f"{name:<10} {result['n']:>4} {result['acc']:>6.3f} {result['sure_share']:>16.2f} "
              f"{result['sure_acc']:>10.3f} {result['ece']:>6.3f}")
        if args.misses:
            for text, label, got, confidence in result["misses"]:
                print(f"    {text!r}: {label}, got {got} {confidence:.2f}")


if __name__ == "__main__":
    main()
