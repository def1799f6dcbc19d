"""`learn`: teach a trained adapter from corrected or new labelled rows in seconds, without forgetting.

The rows come as `fit` reads them (item, category) or as `categorize --output` wrote them, after a
person edited the predicted category in a spreadsheet: every row is then a label, edited rows are
corrections, untouched ones confirmations. Training continues from the adapter's own weights on the
new rows (repeated, so they weigh about a third of the mix) plus a replayed sample of what the
adapter was trained on, validated on its original validation split and the new rows together. It
is an ordinary `fit` underneath: a new run directory with adapter, checkpoints, events and reports.
"""

from __future__ import annotations

import json
import logging
import random
from collections import Counter
from pathlib import Path

from expense_classifier.artifacts import METADATA_FILE, next_version
from expense_classifier.commands.options import function_parser
from expense_classifier.errors import UserInputError
from expense_classifier.inference.categorizer import Categorizer, check_model_dir, newest_adapter
from expense_classifier.reading.statement import read_table, row_texts, text_columns
from expense_classifier.reporting.outputs import write_atomic

Records = list[dict[str, str]]
LABEL_COLUMNS = ("predicted_category", "category")  # categorize's added column first, then fit's


def read_labelled_rows(path: Path, text_column: str | None = None, label_column: str | None = None) -> Records:
    """`{"item", "category"}` records of a labelled file; rows without text or label are skipped."""
    if path.suffix.lower() not in (".csv", ".json"):
        raise UserInputError(f"{path}: learn reads .csv or .json (labelled rows, or what categorize --output wrote)")
    table = read_table(path)
    if label_column is None:
        lowered = {c.lower(): c for c in table.columns}
        label_column = next((lowered[name] for name in LABEL_COLUMNS if name in lowered), None)
        if label_column is None:
            raise UserInputError(f"{path}: no label column (category or predicted_category); name it with "
                                 f"--label_column (columns: {', '.join(map(repr, table.columns))})")
    elif label_column not in table.columns:
        raise UserInputError(f"{path}: no column {label_column!r} (columns: {', '.join(map(repr, table.columns))})")
    texts = row_texts(table, text_columns(table, text_column))  # as categorize read them: payee, then purpose
    records = []
    for text, row in zip(texts, table.rows, strict=True):
        label = " ".join(str(row.get(label_column) or "").split())
        if text and label:
            records.append({"item": text, "category": label})
    if not records:
        raise UserInputError(f"{path}: every row's {label_column!r} is empty: nothing to learn")
    return records


def training_splits(meta: dict) -> tuple[Records, Records]:
    """The train and validation records the adapter was fitted on (generated again, or read again)."""
    from expense_classifier.data.datamodule import ExpenseDataModule

    data = {k: v for k, v in (meta.get("data") or {}).items() if v is not None}
    splits = ExpenseDataModule(**data).splits
    return splits["train"], splits["val"]


def accuracy(categorizer: Categorizer, records: Records) -> float:
    predicted = categorizer.predict([r["item"] for r in records], top_k=1)
    return sum(p.category == r["category"] for p, r in zip(predicted, records, strict=True)) / len(records)


class _DropDuplicateNotes(logging.Filter):
    """The new rows are repeated on purpose: the loader's duplicate count is no news here."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "duplicate rows" not in record.getMessage()


def learn(
    file: Path,
    model: Path | None = None,
    text_column: str | None = None,
    label_column: str | None = None,
    epochs: int = 4,
    learning_rate: float = 0.002,
    replay: int = 400,
    min_examples: int = 5,
) -> Path:
    """Teach an adapter the rows of FILE (corrections, confirmations, new categories); write a new run.

    Args:
        file: labelled rows (.csv or .json) as fit reads them, or categorize's --output after editing
            its predicted category.
        model: the adapter to continue from (never modified); default: the newest run's adapter.
        text_column: the text column; default: found by its header (item, description, …).
        label_column: the label column; default: predicted_category, else category.
        epochs: training epochs on the mix.
        learning_rate: peak learning rate (lower than fit's: the weights are trained already).
        replay: how many rows of the adapter's own training data to mix in, so old knowledge stays.
        min_examples: rows a new category needs before it is learnt.
    """
    from expense_classifier.training.lightning_cli import run_training

    parent = Path(model) if model is not None else newest_adapter()
    meta = check_model_dir(parent)
    rows = read_labelled_rows(Path(file), text_column, label_column)
    old = [meta["id2label"][k] for k in sorted(meta["id2label"], key=int)]
    counts = Counter(r["category"] for r in rows)
    new = [c for c in dict.fromkeys(r["category"] for r in rows) if c not in old]
    for category in new:
        if counts[category] < min_examples:
            raise UserInputError(f"{file}: new category {category!r} has {counts[category]} example(s); "
                                 f"at least {min_examples} are needed to learn it")
    for category in new:
        print(f"new category {category!r} ({counts[category]} examples): the head grows by one row")

    old_train, old_val = training_splits(meta)
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
    before = (accuracy(before_model, rows), accuracy(before_model, old_val))
    print(f"learning {len(rows)} rows from {file} (x{repeat}) with {len(replayed)} replayed rows of "
          f"{parent}'s training data, into {run}", flush=True)

    quiet = _DropDuplicateNotes()
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
        ])
    finally:
        logging.getLogger("expense_classifier.data.datamodule").removeFilter(quiet)
    if code != 0:
        raise SystemExit(code)

    child = run / "adapter"
    child_meta = json.loads((child / METADATA_FILE).read_text())
    child_meta["learned_from"] = {"parent": str(parent.resolve()), "file": str(Path(file).resolve()),
                                  "rows": len(rows), "new_categories": new, "replayed": len(replayed),
                                  "repeat": repeat}
    write_atomic(child / METADATA_FILE, json.dumps(child_meta, indent=2))
    after_model = Categorizer.load(child)
    after = (accuracy(after_model, rows), accuracy(after_model, old_val))
    print(f"\n{'accuracy':<28} {'before':>7} {'after':>7}")
    print(f"{'your ' + str(len(rows)) + ' rows':<28} {before[0]:>7.3f} {after[0]:>7.3f}")
    print(f"{'original validation split':<28} {before[1]:>7.3f} {after[1]:>7.3f}")
    print(f"learned adapter: {child} (categorize now uses it)")
    return child


def learn_main(argv: list[str]) -> int:
    parser = function_parser(learn, "file", nargs=1, positional_help="labelled rows (.csv/.json), or categorize's "
                             "--output with its predicted category edited")
    args = parser.parse_args(argv).as_dict()
    learn(Path(args.pop("file")[0]), **args)
    return 0
