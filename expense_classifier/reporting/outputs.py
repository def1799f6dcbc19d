"""Categorized rows and how they are written: JSON or CSV, atomically (a temporary name, then a rename)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from expense_classifier.artifacts import write_atomic
from expense_classifier.errors import UserInputError
from expense_classifier.inference.prediction import Prediction

__all__ = ["CategorizedRow", "check_output_path", "output_rows", "write_atomic", "write_png", "write_results"]

# After the row's own columns. `suggested_category` keeps what was answered when a person edits `category`:
# `learn` takes the rows where the two differ as corrections, the others as confirmations.
ADDED_COLUMNS = ("category", "confidence", "runner_up", "runner_up_confidence", "amount", "merchant", "intermediary",
                 "source", "suggested_category")
PREFIXES = {"amount": "spending", "merchant": "clean"}  # spending_amount, clean_merchant; else predicted_*


@dataclass(frozen=True)
class CategorizedRow:
    """One input row with what the model said of it.

    `fields` are the row's own columns (a statement) or `{"item": text}` (a receipt); `amount` is
    spending positive, money in negative, None when the row has none.
    """

    fields: dict[str, object]
    prediction: Prediction
    amount: float | None = None


def added_column_names(columns: list[str]) -> dict[str, str]:
    """Names for the added columns that collide with none of the file's own (compared case-insensitively):
    `category`, else `predicted_category`, else `predicted_category_2`, …; `amount`, else `spending_amount`;
    `merchant`, else `clean_merchant`, …"""
    taken = {c.lower() for c in columns}
    names = {}
    for name in ADDED_COLUMNS:
        prefix = PREFIXES.get(name, "predicted")
        candidate, n = name, 1
        while candidate.lower() in taken:
            n += 1
            candidate = f"{prefix}_{name}" if n == 2 else f"{prefix}_{name}_{n - 1}"
        taken.add(candidate.lower())
        names[name] = candidate
    return names


def output_rows(rows: list[CategorizedRow], columns: list[str]) -> list[dict[str, object]]:
    """Each row's own columns in order, then category, confidence, runner-up, amount, merchant, intermediary,
    source and the suggested category; top-k last."""
    names = added_column_names(columns)
    out = []
    for row in rows:
        p = row.prediction
        runner_up = p.ranked[1] if len(p.ranked) > 1 else ("", 0.0)
        record = {column: row.fields.get(column, "") for column in columns}
        record.update({
            names["category"]: p.category,
            names["confidence"]: round(p.confidence, 4),
            names["runner_up"]: runner_up[0],
            names["runner_up_confidence"]: round(runner_up[1], 4),
            names["amount"]: "" if row.amount is None else round(row.amount, 2),
            names["merchant"]: p.merchant,
            names["intermediary"]: p.intermediary or "",
            names["source"]: p.source,
            names["suggested_category"]: p.category,
        })
        record["top_k" if "top_k" not in record else "predicted_top_k"] = [
            {"category": c, "confidence": round(v, 4)} for c, v in p.ranked
        ]
        out.append(record)
    return out


def write_png(fig: object, path: Path) -> bytes:
    """A matplotlib figure rendered in memory, then written atomically (never a half-written PNG); its bytes."""
    buffer = io.BytesIO()
    fig.savefig(buffer, dpi=120, bbox_inches="tight", format="png")
    write_atomic(path, buffer.getbuffer())
    return buffer.getvalue()


def check_output_path(path: str | Path) -> Path:
    path = Path(path)
    if path.suffix.lower() not in (".json", ".csv"):
        raise UserInputError(f"{path}: output must end in .json or .csv")
    return path


def write_results(path: str | Path, records: list[dict[str, object]], totals: dict | None = None,
                  extra: dict[str, object] | None = None) -> Path:
    """`.json`: {"items": [...], "totals": {...}, **extra}; `.csv`: one row per item (top-k and extra left to
    the JSON). `extra` holds what a dated statement adds: `recurring` and `by_month`."""
    path = check_output_path(path)
    if path.suffix.lower() == ".json":
        document = {"items": records, "totals": totals or {}, **(extra or {})}
        write_atomic(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        return path
    buffer = io.StringIO()
    fieldnames = [k for k in records[0] if not isinstance(records[0][k], list)] if records else ["item", "category"]
    writer = csv.DictWriter(buffer, fieldnames=fieldnames, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(records)
    write_atomic(path, buffer.getvalue())
    return path
