"""Score what a user sees on the held-out bank exports: the whole lookup (money in, directory, model), as
`categorize` reads each file, beside the model alone; and how often the merchant name comes out clean.

    python scripts/eval_lookup.py [ADAPTER] [--json PATH] [--misses] [--readme README.md]

Each export in eval/exports/ is read by the product's own reader (its columns, amounts and sign found
as `categorize` finds them; the label columns `expected_category` and `expected_merchant` are taken off
first), and every row is scored: spending and money in alike. No rules file is used (a user's rules are
theirs). "Clean merchant" compares the lookup's `merchant` with `expected_merchant` by `merchant_key`
(case, punctuation and spacing aside). Confidence ≥ 0.9 is "sure"; ECE over the rows' top confidence.
eval/ is written apart from the generator and the directory: read this to measure, never to tune.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from eval_heldout import EXPORTS_DIR, LABEL_COLUMNS, SURE  # scripts/, beside this file

from expense_classifier.inference.categorizer import Categorizer, newest_adapter
from expense_classifier.inference.prediction import Prediction
from expense_classifier.merchants.keys import merchant_key
from expense_classifier.merchants.lookup import Lookup, default_cleaner, default_directory, default_money
from expense_classifier.reading.statement import Table, posting_types, read_table, statement_items, text_columns


def bank_columns_only(table: Table) -> Table:
    """The export as the bank wrote it: the label columns taken off."""
    columns = [column for column in table.columns if column not in LABEL_COLUMNS]
    return Table(table.path, columns, [{c: row.get(c) for c in columns} for row in table.rows], table.lines)


def ece(confidences: list[float], correct: list[bool], bins: int = 10) -> float:
    """Expected calibration error: the gap between confidence and accuracy, weighted by rows per bin."""
    total, n = 0.0, len(confidences)
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        members = [i for i, c in enumerate(confidences) if (low < c <= high) or (b == 0 and c == 0)]
        if members:
            gap = sum(confidences[i] for i in members) / len(members) - sum(correct[i] for i in members) / len(members)
            total += abs(gap) * len(members) / n
    return total


def score_rows(predictions: list[Prediction], categories: list[str], merchants: list[str]) -> dict[str, object]:
    correct = [p.category == c for p, c in zip(predictions, categories, strict=True)]
    sure = [p.confidence >= SURE for p in predictions]
    sure_correct = [ok for ok, s in zip(correct, sure, strict=True) if s]
    money_in = [(p, c) for p, c in zip(predictions, categories, strict=True) if c in ("Income", "Transfer")]
    spending = [ok for ok, c in zip(correct, categories, strict=True) if c not in ("Income", "Transfer")]
    named = [(p.merchant, m) for p, m in zip(predictions, merchants, strict=True) if m.strip()]
    return {
        "n": len(predictions),
        "acc": sum(correct) / len(correct),
        "spending_n": len(spending),
        "spending_acc": sum(spending) / len(spending) if spending else None,
        "sure_share": sum(sure) / len(sure),
        "sure_acc": sum(sure_correct) / len(sure_correct) if sure_correct else None,
        "ece": ece([p.confidence for p in predictions], correct),
        "money_in_n": len(money_in),
        "money_in_in_expense_category": sum(p.category not in ("Income", "Transfer") for p, _ in money_in),
        "clean_merchant": sum(merchant_key(a) == merchant_key(b) for a, b in named) / len(named) if named else None,
        "sources": dict(Counter(p.source for p in predictions)),
        "source_acc": {source: sum(ok for p, ok in zip(predictions, correct, strict=True) if p.source == source)
                       / count for source, count in Counter(p.source for p in predictions).items()},
        "misses": [(p.item, c, p.category, round(p.confidence, 2), p.source)
                   for p, c, ok in zip(predictions, categories, correct, strict=True) if not ok],
        "unclean": [(p.item, m, p.merchant) for p, m in zip(predictions, merchants, strict=True)
                    if m.strip() and merchant_key(p.merchant) != merchant_key(m)],
    }


def evaluate(categorizer: Categorizer) -> dict[str, dict[str, dict[str, object]]]:
    """{file: {"lookup": scores, "model_only": scores}}, and the files pooled as "exports (all)"."""
    modes = {"lookup": False, "model_only": True}
    pooled: dict[str, tuple[list, list, list]] = {mode: ([], [], []) for mode in modes}
    results: dict[str, dict[str, dict[str, object]]] = {}
    for path in sorted(EXPORTS_DIR.glob("*.csv")):
        table = read_table(path)
        bank = bank_columns_only(table)
        texts, amounts, _ = statement_items(bank)
        kinds = posting_types(bank, text_columns(bank))
        categories = [str(row["expected_category"]) for row in table.rows]
        merchants = [str(row.get("expected_merchant") or "") for row in table.rows]
        results[path.stem] = {}
        for mode, model_only in modes.items():
            lookup = Lookup(categorizer, None, default_directory(), default_cleaner(), default_money(), model_only)
            predictions = lookup.categorize(texts, amounts, posting_types=kinds)
            results[path.stem][mode] = score_rows(predictions, categories, merchants)
            for bucket, values in zip(pooled[mode], (predictions, categories, merchants), strict=True):
                bucket.extend(values)
    results["exports (all)"] = {mode: score_rows(*pooled[mode]) for mode in modes}
    return results


def markdown(results: dict[str, dict[str, dict[str, object]]], adapter: Path) -> str:
    """The README's per-file table: the whole lookup and the model alone, side by side."""
    from bench.process import machine  # scripts/bench/, beside this file

    lines = [f"Measured {date.today().isoformat()} on {machine()}, by `python scripts/eval_lookup.py "
             f"--readme README.md` (adapter: {adapter.parent.name if adapter.name == 'adapter' else adapter.name}"
             "; every row of each export, spending and money in; no rules).", "",
             "| file | rows | lookup acc | model alone acc: all rows / spending rows "
             "| lookup conf ≥ 0.9: share / acc | lookup ECE "
             "| model alone conf ≥ 0.9: share / acc | model alone ECE | money in given an expense category "
             "(lookup / model alone) | clean merchant | lookup answered by (accuracy) |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]

    def sure(r: dict[str, object]) -> str:
        return f"{r['sure_share']:.2f} / " + ("—" if r["sure_acc"] is None else f"{r['sure_acc']:.3f}")

    for name, by_mode in results.items():
        whole, alone = by_mode["lookup"], by_mode["model_only"]
        answered = ", ".join(f"{source} {count} ({whole['source_acc'][source]:.2f})"
                             for source, count in sorted(whole["sources"].items(), key=lambda kv: -kv[1]))
        clean = "—" if whole["clean_merchant"] is None else f"{whole['clean_merchant']:.3f}"
        label = f"**{name}**" if name == "exports (all)" else f"`{name}`"
        alone_acc = f"{alone['acc']:.3f} / {alone['spending_acc']:.3f}"
        lines.append(f"| {label} | {whole['n']} | {whole['acc']:.3f} | {alone_acc} | {sure(whole)} "
                     f"| {whole['ece']:.3f} | {sure(alone)} | {alone['ece']:.3f} "
                     f"| {whole['money_in_in_expense_category']} / {alone['money_in_in_expense_category']} "
                     f"of {whole['money_in_n']} | {clean} | {answered} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("adapter", nargs="?", type=Path, help="adapter directory (default: newest run's)")
    parser.add_argument("--misses", action="store_true", help="list the rows the lookup got wrong")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write every number here")
    parser.add_argument("--readme", type=Path, metavar="README", help="rewrite its eval_lookup block with the table")
    args = parser.parse_args()
    adapter = args.adapter or newest_adapter()
    results = evaluate(Categorizer.load(adapter))
    print(f"adapter: {adapter}; every row of each export (spending and money in), no rules")
    print(f"{'file':<15} {'mode':<10} {'n':>4} {'acc':>6} {'spend acc':>9} {'sure share':>10} {'sure acc':>8} "
          f"{'ECE':>6} {'money in->expense':>17} {'clean name':>10}  sources")
    for name, by_mode in results.items():
        for mode, r in by_mode.items():
            sure_acc = "-" if r["sure_acc"] is None else f"{r['sure_acc']:.3f}"
            clean = "-" if r["clean_merchant"] is None or mode == "model_only" else f"{r['clean_merchant']:.3f}"
            sources = ", ".join(f"{k} {v}" for k, v in sorted(r["sources"].items()))
            print(f"{name:<15} {mode:<10} {r['n']:>4} {r['acc']:>6.3f} {r['spending_acc']:>9.3f} "
                  f"{r['sure_share']:>10.2f} {sure_acc:>8} {r['ece']:>6.3f} "
                  f"{r['money_in_in_expense_category']:>7} of {r['money_in_n']:<7} {clean:>10}  {sources}")
            if args.misses and mode == "lookup" and name != "exports (all)":
                for item, label, got, confidence, source in r["misses"]:
                    print(f"    {item!r}: {label}, got {got} {confidence} ({source})")
    if args.json:
        args.json.write_text(json.dumps({"adapter": str(adapter), "results": results}, indent=2) + "\n")
        print(f"written: {args.json}", file=sys.stderr)
    if args.readme:
        from bench.readme import update_readme

        update_readme(args.readme, markdown(results, adapter), marker="eval_lookup")
        print(f"written: {args.readme} (eval_lookup block)", file=sys.stderr)


if __name__ == "__main__":
    main()
