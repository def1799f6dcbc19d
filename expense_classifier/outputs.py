"""Write predictions as JSON or CSV, atomically (a temporary name, then a rename)."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from expense_classifier.errors import UserInputError
from expense_classifier.inference import Prediction


def prediction_rows(predictions: list[Prediction]) -> list[dict[str, object]]:
    rows = []
    for p in predictions:
        runner_up = p.ranked[1] if len(p.ranked) > 1 else ("", 0.0)
        rows.append({
            "item": p.item,
            "category": p.category,
            "confidence": round(p.confidence, 4),
            "runner_up": runner_up[0],
            "runner_up_confidence": round(runner_up[1], 4),
            "top_k": [{"category": c, "confidence": round(v, 4)} for c, v in p.ranked],
        })
    return rows


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_predictions(path: str | Path, predictions: list[Prediction]) -> Path:
    """`.json` (a list of objects) or `.csv` (one row per item; top-k as JSON in one column)."""
    path = Path(path)
    rows = prediction_rows(predictions)
    suffix = path.suffix.lower()
    if suffix == ".json":
        write_atomic(path, json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    elif suffix == ".csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["item", "category"])
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "top_k": json.dumps(row["top_k"])})
        write_atomic(path, buffer.getvalue())
    else:
        raise UserInputError(f"{path}: output must end in .json or .csv")
    return path
