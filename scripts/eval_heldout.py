"""Score an adapter on the held-out text in eval/ (written apart from the generator).

For each file: accuracy, the share of rows the model is sure of (confidence ≥ 0.9) and how often it is
right there, and the expected calibration error. The misses are listed so they can be read.

The bank exports in eval/exports/ (and eval/heldout_local.csv) are scored the same way, per file and
over all exports, on the model alone (no rules, no directory). Their Income/Transfer rows are scored
apart as money-in rows: the model has no such category, so it can only put them in an expense one.

"Unknown brands" are statement lines of the directory brands the generator holds back from training
(one in five, by a hash of the name; `expense_classifier/data/brands.py`), written here when the script
runs, with no product words: what the model makes of a brand it never saw, beyond memorising names.

    python scripts/eval_heldout.py                                  # newest run's adapter
    python scripts/eval_heldout.py lightning_logs/version_3/adapter --misses
    python scripts/eval_heldout.py --json heldout.json              # every number, as JSON
"""

from __future__ import annotations

import argparse
import csv
import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import torch

from expense_classifier.errors import UserInputError
from expense_classifier.inference.calibration import expected_calibration_error
from expense_classifier.inference.categorizer import Categorizer, newest_adapter
from expense_classifier.reading.statement import Table, read_table, spending_amounts, text_column

EVAL_DIR = Path(__file__).resolve().parent.parent / "eval"
HELDOUT_FILES = {"statement": EVAL_DIR / "heldout_statement.csv", "phrasing": EVAL_DIR / "heldout_phrasing.csv"}
EXPORTS_DIR = EVAL_DIR / "exports"
LOCAL_FILE = EVAL_DIR / "heldout_local.csv"
# The columns a person reads as the transaction's text, per bank layout (eval/README.md): the first
# header set a file has wins. A German export's payee and purpose are two columns; both are the text.
DESCRIPTOR_COLUMNS = (("Description",), ("Memo",), ("Empfänger", "Verwendungszweck"), ("description",))
MONEY_IN = ("Income", "Transfer")
LABEL_COLUMNS = ("expected_category", "expected_merchant")
SURE = 0.9


def read_labelled(path: Path) -> tuple[list[str], list[str]]:
    """A held-out file's texts and categories; a bank export's spending rows only, read by `read_export`
    (the model has no money-in category: its Income/Transfer rows are counted apart, by `score_export`)."""
    with path.open(encoding="utf-8-sig") as handle:
        header = handle.readline()
    if LABEL_COLUMNS[0] in header:
        return spending_rows(read_export(path))
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
    """Every held-out file scored, by short name: the one list the benchmarks read (a file added here joins them).

    The statement and phrasing lines, the local businesses, and each bank export in eval/exports/ (its
    spending rows, read as `read_export` reads them: the same rows `evaluate_exports` scores).
    """
    return {**HELDOUT_FILES, "local": LOCAL_FILE, **export_files()}


def evaluate_model(model, names: Iterable[str] | None = None) -> dict[str, dict[str, object]]:  # noqa: ANN001
    """`score` on every held-out file (or the named ones); `model` is anything with `probabilities(texts)`
    and `id2label` (a `Categorizer`, or a benchmark's peer)."""
    files = heldout_files()
    chosen = files if names is None else {name: files[name] for name in names}
    return {name: score(model, *read_labelled(path)) for name, path in chosen.items()}


def evaluate(adapter: Path, categorizer: Categorizer | None = None) -> dict[str, dict[str, object]]:
    return evaluate_model(categorizer or Categorizer.load(adapter))


@dataclass
class LabelledExport:
    """A bank export's descriptors and label columns, and the project reader's refusal if it refused it."""

    texts: list[str]
    categories: list[str]
    merchants: list[str]
    text_columns: tuple[str, ...]
    refused: str | None
    reader_reads: str | None = None  # which text column and amounts the product itself would take


def _rows_by_csv_module(path: Path) -> list[dict[str, str]]:
    """The file read with the csv module: sniffed delimiter, a trailing empty field (Chase) ignored."""
    text = path.read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    return list(csv.DictReader(text.splitlines(), dialect=dialect))


def read_export(path: Path) -> LabelledExport:
    """A labelled export, through `read_table` where it reads the file, else the csv module (kept as-is)."""
    refused = reads = None
    try:
        table = read_table(path)
        rows: list[dict] = table.rows
        reads = reader_reads(table)
    except UserInputError as err:
        refused = str(err)
        rows = _rows_by_csv_module(path)
    columns = next((names for names in DESCRIPTOR_COLUMNS if all(name in rows[0] for name in names)), None)
    if columns is None:
        raise SystemExit(f"{path}: none of the descriptor columns {DESCRIPTOR_COLUMNS} is in its header")
    category_key = "expected_category" if "expected_category" in rows[0] else "category"
    merchant_key = "expected_merchant" if "expected_merchant" in rows[0] else "merchant"
    texts = [" ".join(" ".join(str(row[name]) for name in columns).split()) for row in rows]
    return LabelledExport(texts, [row[category_key] for row in rows], [row[merchant_key] for row in rows],
                          columns, refused, reads)


def reader_reads(table: Table) -> str:
    """What `categorize` would take from the bank's own columns (the label columns left out)."""
    columns = [column for column in table.columns if column not in LABEL_COLUMNS]
    bank_only = Table(table.path, columns, [{c: row[c] for c in columns} for row in table.rows], table.lines)
    try:
        _, how = spending_amounts(bank_only)
    except UserInputError as err:
        how = f"amounts refused: {err}"
    return f"text from {text_column(bank_only)!r}; {how}"


def spending_rows(export: LabelledExport) -> tuple[list[str], list[str]]:
    """The export's expense rows (texts, categories): what the model, which has no money-in category, is scored on."""
    spending = [(t, c) for t, c in zip(export.texts, export.categories, strict=True) if c not in MONEY_IN]
    return [t for t, _ in spending], [c for _, c in spending]


def score_export(categorizer: Categorizer, export: LabelledExport) -> dict[str, object]:
    """The expense rows scored as `score` does; the money-in rows counted by where the model put them."""
    money_in = [t for t, c in zip(export.texts, export.categories, strict=True) if c in MONEY_IN]
    result = score(categorizer, *spending_rows(export))
    top = categorizer.probabilities(money_in).argmax(-1).tolist() if money_in else []
    predicted = [categorizer.id2label[int(i)] for i in top]  # as `predict` names it; any scored model has these
    result["money_in"] = {
        "n": len(money_in),
        "in_expense_category": sum(1 for category in predicted if category not in MONEY_IN),
        "predicted": dict(Counter(predicted).most_common()),
    }
    result["text_columns"] = list(export.text_columns)
    result["reader_refused"] = export.refused
    result["reader_reads"] = export.reader_reads
    return result


def export_files() -> dict[str, Path]:
    return {path.stem: path for path in sorted(EXPORTS_DIR.glob("*.csv"))}


def evaluate_exports(categorizer: Categorizer) -> dict[str, dict[str, object]]:
    """Each export, all exports together ("exports (all)"), and heldout_local.csv ("local")."""
    exports = {name: read_export(path) for name, path in export_files().items()}
    results = {name: score_export(categorizer, export) for name, export in exports.items()}
    pooled = LabelledExport([t for e in exports.values() for t in e.texts],
                            [c for e in exports.values() for c in e.categories],
                            [m for e in exports.values() for m in e.merchants], (), None)
    results["exports (all)"] = score_export(categorizer, pooled)
    results["local"] = score_export(categorizer, read_export(LOCAL_FILE))
    return results


def evaluate_unknown_brands(categorizer: Categorizer, num_items: int = 800, seed: int = 2024) -> dict[str, object]:
    """The unknown-brands set (generated now, never stored), scored as `score` does."""
    from expense_classifier.data.generator import generate_unknown_brand_items

    items = generate_unknown_brand_items(num_items, seed)
    return score(categorizer, [r["item"] for r in items], [r["category"] for r in items])


def _plain(value: object) -> object:
    """JSON has no NaN: a share of no rows is null."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def print_misses(misses: list[tuple[str, str, str, float]]) -> None:
    for text, label, got, confidence in misses:
        print(f"    {text!r}: {label}, got {got} {confidence:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("adapter", nargs="?", type=Path, help="adapter directory (default: newest run's)")
    parser.add_argument("--misses", action="store_true", help="list the rows the model got wrong")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write every number (and the misses) here")
    args = parser.parse_args()
    adapter = args.adapter or newest_adapter()
    categorizer = Categorizer.load(adapter)
    print(f"adapter: {adapter}")
    print(f"{'file':<14} {'n':>4} {'acc':>6} {'conf>=0.9 share':>16} {'acc there':>10} {'ECE':>6}")
    heldout = evaluate_model(categorizer, HELDOUT_FILES)  # the exports and local: the table below
    unknown = evaluate_unknown_brands(categorizer)
    for name, result in {**heldout, "unknown brands": unknown}.items():
        print(f"{name:<14} {result['n']:>4} {result['acc']:>6.3f} {result['sure_share']:>16.2f} "
              f"{result['sure_acc']:>10.3f} {result['ece']:>6.3f}")
        if args.misses:
            print_misses(result["misses"])

    exports = evaluate_exports(categorizer)
    print("\nbank exports (eval/exports/) and local businesses (eval/heldout_local.csv), the model alone:")
    print("(n: spending rows; the Income/Transfer rows are counted apart as money in rows)")
    print(f"{'file':<16} {'n':>4} {'acc':>6} {'conf>=0.9 share':>16} {'acc there':>10} {'ECE':>6} "
          f"{'money in rows':>14} {'put in expense':>15}")
    for name, result in exports.items():
        money_in = result["money_in"]
        print(f"{name:<16} {result['n']:>4} {result['acc']:>6.3f} {result['sure_share']:>16.2f} "
              f"{result['sure_acc']:>10.3f} {result['ece']:>6.3f} {money_in['n']:>14} "
              f"{money_in['in_expense_category']:>15}")
        if args.misses and name != "exports (all)":  # the pooled misses are the files' misses again
            print_misses(result["misses"])
    for name, result in exports.items():
        if result["reader_refused"]:
            print(f"{name}: read with the csv module; the project's reader refuses it: {result['reader_refused']}")
        elif result["reader_reads"] and name != "local":
            print(f"{name}: the project's reader takes {result['reader_reads']}")

    if args.json:
        args.json.write_text(json.dumps(_plain({"adapter": str(adapter), "sure_threshold": SURE,
                                                "heldout": heldout, "unknown_brands": unknown,
                                                "exports": exports}), indent=2) + "\n")
        print(f"written: {args.json}")


if __name__ == "__main__":
    main()
