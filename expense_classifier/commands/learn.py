"""`learn`: corrections become rules at once, and an adapter learns them in seconds without forgetting.

The rows come as `fit` reads them (item, category) or as `categorize --output` wrote them, after a
person edited the category in a spreadsheet (`commands.corrections` sorts them: edited rows are
corrections, untouched ones confirmations, unedited money in teaches nothing). Corrections are recorded
as rules first (`--rules_only` stops there: no model, no Lightning). Then training continues from the
adapter's own weights on the rows and every rule (repeated, so they weigh about a third of the mix)
plus a replayed sample of what the adapter was trained on, validated on its original validation split
and the new rows together. It is an ordinary `fit` underneath: a new run directory with adapter,
checkpoints, events and reports.
"""

from __future__ import annotations

import json
import logging
import random
from collections import Counter
from pathlib import Path

from expense_classifier.artifacts import METADATA_FILE, next_version, write_atomic
from expense_classifier.commands.corrections import Row, Sorted, read_corrections, record_rules
from expense_classifier.commands.options import function_parser
from expense_classifier.merchants import lookup as merchant_lookup
from expense_classifier.merchants.lookup import Answering, Lookup, is_money_in_category
from expense_classifier.merchants.rules import Rules

Records = list[dict[str, str]]


def training_splits(meta: dict) -> tuple[Records, Records]:
    """The train and validation records the adapter was fitted on (generated again, or read again)."""
    from expense_classifier.data.datamodule import ExpenseDataModule

    data = {k: v for k, v in (meta.get("data") or {}).items() if v is not None}
    splits = ExpenseDataModule(**data).splits
    return splits["train"], splits["val"]


def original_meta(meta: dict) -> dict:
    """The metadata of the `fit` a chain of learns started from (the adapter's own when it was fitted).

    A learned adapter's training data is its learn mix: a few hundred replayed rows and the corrections.
    Replaying from that mix again would replay less of the original data at each learn; the earlier
    corrections come back as rule rows. An ancestor no longer on disk ends the walk where it is.
    """
    seen: set[str] = set()
    while (parent := (meta.get("learned_from") or {}).get("parent")) and parent not in seen:
        seen.add(parent)
        path = Path(parent) / METADATA_FILE
        if not path.is_file():
            break
        meta = json.loads(path.read_text())
    return meta


def parent_precision(parent: Path, meta: dict) -> str | None:
    """The precision the parent adapter was trained in (its metadata; for older adapters, its run's summary)."""
    if meta.get("precision"):
        return meta["precision"]
    summary = parent.parent / "summary.json"
    try:
        return json.loads(summary.read_text()).get("precision") if summary.is_file() else None
    except ValueError:
        return None


def accuracy(categorizer: Answering, records: Records) -> float:
    """The model alone: how many of the records it gets right."""
    predicted = categorizer.predict([r["item"] for r in records], top_k=1)
    return sum(p.category == r["category"] for p, r in zip(predicted, records, strict=True)) / len(records)


def lookup_accuracy(lookup: Lookup, rows: list[Row]) -> float:
    """Rules, money in, directory and model together (what categorize answers): how many rows are right."""
    answers = lookup.categorize([r.item for r in rows], [r.amount for r in rows], top_k=1)
    return sum(a.category == r.category for a, r in zip(answers, rows, strict=True)) / len(rows)


def shipped_lookup(categorizer: Answering, rules: Rules) -> Lookup:
    return Lookup(categorizer, rules, merchant_lookup.default_directory(), merchant_lookup.default_cleaner(),
                  merchant_lookup.default_money())


def rule_rows(rules: Rules, taken: set[str]) -> Records:
    """Every rule as a training row (the description it was made from, else its merchant), so a retrained
    model knows what the rules say; money-in rules and texts already among the rows aside."""
    out = []
    for rule in rules:
        item = rule.example or rule.merchant
        if not is_money_in_category(rule.category) and item not in taken:
            out.append({"item": item, "category": rule.category})
            taken.add(item)
    return out


def record(found: Sorted, rules_file: Path | None) -> None:
    """The corrections as rules, at once; what was taken as what, in a few lines."""
    print(found.counts_line())
    recorded = record_rules(found.corrections, str(found.path), rules_file)
    for note in recorded.notes:
        print(note)
    print(recorded.line(), flush=True)


class _DropDuplicateNotes(logging.Filter):
    """The new rows are repeated on purpose: the loader's duplicate count is no news here."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "duplicate rows" not in record.getMessage()


def learn(
    file: Path,
    model: Path | None = None,
    text_column: str | None = None,
    label_column: str | None = None,
    rules_only: bool = False,
    rules_file: Path | None = None,
    epochs: int = 4,
    learning_rate: float = 0.001,
    replay: int = 1600,
    min_examples: int = 5,
) -> Path | None:
    """Teach your rows of FILE: corrections become rules at once, then an adapter learns them; writes a new run.

    Args:
        file: labelled rows (.csv or .json) as fit reads them, or categorize's --output after editing
            its category column (the rows that differ from suggested_category are the corrections).
        model: the adapter to continue from (never modified); default: the newest run's adapter.
        text_column: the text column; default: found by its header (item, description, …).
        label_column: the label column; default: predicted_category, else category.
        rules_only: record the corrections as rules and stop: no training, in a few seconds.
        rules_file: where the rules are; default: $EXPENSE_CLASSIFIER_RULES, else lightning_logs/rules.csv.
        epochs: training epochs on the mix.
        learning_rate: peak learning rate (lower than fit's: the weights are trained already).
        replay: how many rows of the original fit's training data to mix in, so old knowledge stays.
            1,600 at learning rate 0.001 (not 400 at 0.002): over 5 parent seeds of the 10,000-item quick
            preset, two learns then cost at most 1.6 points of natural phrasing and 2.3 of the validation
            split (400 at 0.002: up to 4.7 and 5.7), at ~36 s a learn (scripts/bench_learn.py).
        min_examples: rows (and rules) a new category needs before the model learns it; with fewer it is
            a rule only.
    """
    file = Path(file)
    if rules_only:
        record(read_corrections(file, text_column, label_column), rules_file)
        print("--rules_only: nothing trained; categorize and serve apply the rules from now on")
        return None
    from expense_classifier.inference.categorizer import Categorizer, check_model_dir, newest_adapter
    from expense_classifier.training.lightning_cli import run_training

    parent = Path(model) if model is not None else newest_adapter()
    meta = check_model_dir(parent)
    old = [meta["id2label"][k] for k in sorted(meta["id2label"], key=int)]
    found = read_corrections(file, text_column, label_column, known=tuple(old))
    rules_before = Rules(list(Rules.load(rules_file)))  # as they were, for the before column
    record(found, rules_file)

    taught = [r for r in found.corrections + found.confirmations if not is_money_in_category(r.category)]
    if len(taught) < len(found.corrections) + len(found.confirmations):
        print(f"{len(found.corrections) + len(found.confirmations) - len(taught)} row(s) labelled Income or "
              "Transfer: rules only (money in is never taught to the model)")
    file_rows = [{"item": r.item, "category": r.category} for r in taught]
    rows = file_rows + rule_rows(Rules.load(rules_file), {r["item"] for r in file_rows})
    counts = Counter(r["category"] for r in rows)
    new = [c for c in dict.fromkeys(r["category"] for r in rows) if c not in old]
    for category in [c for c in new if counts[c] < min_examples]:
        print(f"new category {category!r}: {counts[category]} example(s), a rule now; the model learns it "
              f"from {min_examples} (--min_examples)")
    few = {c for c in new if counts[c] < min_examples}
    rows = [r for r in rows if r["category"] not in few]
    file_rows = [r for r in file_rows if r["category"] not in few]
    new = [c for c in new if c not in few]
    if not rows:
        print("nothing for the model to learn yet: the rules apply from now on (categorize, serve)")
        return None
    for category in new:
        print(f"new category {category!r} ({counts[category]} examples): the head grows by one row")

    quiet = _DropDuplicateNotes()
    logging.getLogger("expense_classifier.data.datamodule").addFilter(quiet)
    try:
        old_train, old_val = training_splits(original_meta(meta))
    finally:
        logging.getLogger("expense_classifier.data.datamodule").removeFilter(quiet)
    rng = random.Random(0)
    replayed = rng.sample(old_train, min(replay, len(old_train)))
    repeat = max(1, round(len(replayed) / (2 * len(rows))))
    mixed = replayed + rows * repeat
    rng.shuffle(mixed)

    root = Path("lightning_logs")
    version = next_version(root)
    run = root / f"version_{version}"
    write_atomic(run / "learn" / "train.json", json.dumps(mixed, ensure_ascii=False))
    write_atomic(run / "learn" / "val.json", json.dumps(old_val + rows, ensure_ascii=False))
    config = json.loads((parent / "adapter_config.json").read_text())
    before_model = Categorizer.load(parent)
    before = (lookup_accuracy(shipped_lookup(before_model, rules_before), found.labelled),
              accuracy(before_model, file_rows) if file_rows else None, accuracy(before_model, old_val))
    print(f"learning {len(rows)} rows ({len(file_rows)} from {file}, {len(rows) - len(file_rows)} from rules; "
          f"x{repeat}) with {len(replayed)} replayed rows of {parent}'s training data, into {run}", flush=True)

    inherited = parent_precision(parent, meta)  # not timed again: under load a timing once chose fp32 (75 s, not 10)
    logging.getLogger("expense_classifier.data.datamodule").addFilter(quiet)
    try:
        code = run_training([
            "fit", "--config", "quick.yaml", "--model.backbone", meta["backbone"],
            "--model.init_adapter", str(parent), "--model.lora_r", str(config["r"]),
            "--model.lora_alpha", str(config["lora_alpha"]), "--model.learning_rate", str(learning_rate),
            # LoRA where the parent has it: all layers, or only the top ones (a frozen, cached prefix).
            "--model.lora_layers", json.dumps(len(config["layers_to_transform"])
                                              if config.get("layers_to_transform") else None),
            "--data.train_path", str(run / "learn" / "train.json"), "--data.val_path", str(run / "learn" / "val.json"),
            "--data.labels", json.dumps(old + new), "--trainer.max_epochs", str(epochs),
            "--trainer.logger.init_args.version", str(version),
            *(["--precision.inherit", inherited] if inherited else []),
        ])
    finally:
        logging.getLogger("expense_classifier.data.datamodule").removeFilter(quiet)
    if code != 0:
        raise SystemExit(code)

    child = run / "adapter"
    child_meta = json.loads((child / METADATA_FILE).read_text())
    child_meta["learned_from"] = {"parent": str(parent.resolve()), "file": str(file.resolve()),
                                  "rows": len(file_rows), "rule_rows": len(rows) - len(file_rows),
                                  "corrections": len(found.corrections), "confirmations": len(found.confirmations),
                                  "new_categories": new, "replayed": len(replayed), "repeat": repeat}
    write_atomic(child / METADATA_FILE, json.dumps(child_meta, indent=2))
    after_model = Categorizer.load(child)
    after = (lookup_accuracy(shipped_lookup(after_model, Rules.load(rules_file)), found.labelled),
             accuracy(after_model, file_rows) if file_rows else None, accuracy(after_model, old_val))
    labels = (f"your {len(found.labelled)} rows", f"your {len(file_rows)} rows, model alone",
              "original validation split")
    print(f"\n{'accuracy':<32} {'before':>7} {'after':>7}")
    for label, b, a in zip(labels, before, after, strict=True):
        if b is not None:
            print(f"{label:<32} {b:>7.3f} {a:>7.3f}")
    print("(your rows: rules, money in, directory and model, as categorize answers; the rest: the model alone)")
    print(f"learned adapter: {child}: now the current model (categorize and serve use the newest)")
    return child


def learn_main(argv: list[str]) -> int:
    parser = function_parser(learn, "file", nargs=1, positional_help="labelled rows (.csv/.json), or categorize's "
                             "--output with its predicted category edited")
    args = parser.parse_args(argv).as_dict()
    learn(Path(args.pop("file")[0]), **args)
    return 0
