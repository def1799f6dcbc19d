"""Read and validate user data: a JSON list of objects, or CSV with named columns.

Every problem is reported as one `UserInputError` line naming the file, the row and what to do.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from expense_classifier.errors import UserInputError


@dataclass
class LoadReport:
    """What loading skipped or changed, reported once per file."""

    empty_items: int = 0
    duplicates: int = 0
    notes: list[str] = field(default_factory=list)


def decode_utf8(raw: bytes, name: str | Path) -> str:
    """UTF-8 text (a BOM is fine); otherwise one line naming the file and the line with the bad bytes."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise UserInputError(
            f"{name}: line {line}: bytes that are not UTF-8 (byte {err.start}); save the file as UTF-8"
        ) from None


def _read_json(path: Path, text: str, text_key: str, label_key: str) -> list[tuple[int, object, object]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise UserInputError(f"{path}: line {err.lineno}, column {err.colno}: invalid JSON: {err.msg}") from None
    if not isinstance(data, list):
        raise UserInputError(
            f"{path}: expected a JSON list of objects like "
            f'{{"{text_key}": "...", "{label_key}": "..."}}, got {type(data).__name__}'
        )
    rows = []
    for index, obj in enumerate(data, start=1):
        if not isinstance(obj, dict):
            raise UserInputError(f"{path}: row {index}: expected an object, got {type(obj).__name__}")
        missing = [key for key in (text_key, label_key) if key not in obj]
        if missing:
            raise UserInputError(
                f"{path}: row {index}: missing key {missing[0]!r} (keys found: {', '.join(map(repr, obj)) or 'none'})"
            )
        rows.append((index, obj[text_key], obj[label_key]))
    return rows


def _read_csv(path: Path, text: str, text_key: str, label_key: str) -> list[tuple[int, object, object]]:
    reader = csv.DictReader(text.splitlines())
    columns = reader.fieldnames or []
    for key, option in ((text_key, "text_column"), (label_key, "label_column")):
        if key not in columns:
            raise UserInputError(
                f"{path}: no column {key!r} (columns found: {', '.join(map(repr, columns)) or 'none'}); "
                f"set --data.{option}"
            )
    # Row numbers count the header as row 1, as a spreadsheet shows them.
    return [(index, row[text_key], row[label_key]) for index, row in enumerate(reader, start=2)]


def read_records(
    path: str | Path,
    text_column: str = "item",
    label_column: str = "category",
    drop_duplicates: bool = False,
    require_labels: bool = True,
) -> tuple[list[dict[str, str]], LoadReport]:
    """Load `{"item", "category"}` records from a `.json` or `.csv` file.

    Empty items are skipped and counted; exact duplicate rows are counted and dropped only when
    asked, since repeated purchases are real data.
    """
    path = Path(path)
    if not path.is_file():
        raise UserInputError(f"{path}: no such file")
    text = decode_utf8(path.read_bytes(), path)
    if not text.strip():
        raise UserInputError(f"{path}: the file is empty")
    reader = _read_csv if path.suffix.lower() == ".csv" else _read_json
    rows = reader(path, text, text_column, label_column if require_labels else text_column)
    report = LoadReport()
    records: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for index, item, label in rows:
        if not isinstance(item, str):
            raise UserInputError(f"{path}: row {index}: {text_column!r} must be text, got {item!r}")
        if require_labels and (not isinstance(label, str) or not label.strip()):
            raise UserInputError(
                f"{path}: row {index}: {label_column!r} must be a non-empty category name, got {label!r}"
            )
        item = " ".join(item.split())
        if not item:
            report.empty_items += 1
            continue
        label = label.strip() if require_labels else ""
        if (item, label) in seen:
            report.duplicates += 1
            if drop_duplicates:
                continue
        seen.add((item, label))
        records.append({"item": item, "category": label})
    if not records:
        raise UserInputError(f"{path}: no usable items (all {report.empty_items} rows are empty)")
    if report.empty_items:
        report.notes.append(f"skipped {report.empty_items} empty items")
    if report.duplicates:
        action = "dropped" if drop_duplicates else "kept (set --data.drop_duplicates true to drop)"
        report.notes.append(f"{report.duplicates} duplicate rows {action}")
    return records, report


def check_labels(path: str | Path, records: Iterable[dict[str, str]], known: set[str]) -> None:
    """Fail on a category the model was not trained on, naming the first row that has it."""
    for index, record in enumerate(records, start=1):
        if record["category"] not in known:
            raise UserInputError(
                f"{path}: item {index} ({record['item']!r}): category {record['category']!r} "
                f"is not in the training data ({', '.join(sorted(known))})"
            )
