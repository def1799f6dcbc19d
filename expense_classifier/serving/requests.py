"""What `serve` answers: one request's body checked and read into items, predicted with others, answered."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from expense_classifier.errors import UserInputError
from expense_classifier.inference.prediction import Prediction
from expense_classifier.merchants.lookup import Lookup
from expense_classifier.reading.dates import table_dates
from expense_classifier.reading.sources import read_input
from expense_classifier.reading.statement import Table, statement_items
from expense_classifier.reporting.insights import statement_insights
from expense_classifier.reporting.outputs import CategorizedRow
from expense_classifier.reporting.summary import summarize


@dataclass
class Parsed:
    """One request's items, their amounts, and what parsing had to say."""

    texts: list[str]
    amounts: list[float | None]
    warnings: list[str] = field(default_factory=list)
    dates: list[date | None] = field(default_factory=list)  # a statement's, when it has a date column


class BadRequest(Exception):
    """A request the server answers with 4xx and one line; it never reaches the model."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def parse_request(body: Any, max_items: int, max_item_chars: int) -> Parsed:
    """Check and read one JSON body: exactly one of items (list of strings), text (str) or csv (str), and for
    csv the file's `name` (its errors name it; `.json` reads it as JSON)."""
    if not isinstance(body, dict):
        raise BadRequest(400, "the body must be a JSON object with 'items', 'text' or 'csv'")
    given = [key for key in ("items", "text", "csv") if key in body]
    if len(given) != 1:
        raise BadRequest(400, "give exactly one of 'items' (a list of strings), 'text' or 'csv' (a string)")
    key, value = given[0], body[given[0]]
    name = body.get("name", "upload.csv")  # the uploaded file's name, for the error lines
    if not isinstance(name, str) or not Path(name).name:
        raise BadRequest(422, "'name' must be the uploaded file's name (a string)")
    if key == "items":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise BadRequest(422, "'items' must be a list of strings")
        texts = [" ".join(v.split()) for v in value]
        if not any(texts):
            raise BadRequest(422, "'items' has no non-empty string")
        parsed = Parsed(texts, [None] * len(texts))
    else:
        if not isinstance(value, str):
            raise BadRequest(422, f"'{key}' must be a string")
        try:
            parsed = _parse_csv(value, Path(name).name) if key == "csv" else _parse_text(value)
        except UserInputError as err:
            raise BadRequest(422, str(err)) from None
        if not parsed.texts:
            raise BadRequest(422, f"no items found in '{key}'")
    if len(parsed.texts) > max_items:
        raise BadRequest(413, f"{len(parsed.texts)} items; at most {max_items} per request")
    longest = max(len(t) for t in parsed.texts)
    if longest > max_item_chars:
        raise BadRequest(413, f"an item of {longest} characters; at most {max_item_chars}")
    return parsed


def _parse_text(text: str, name: str = "pasted text") -> Parsed:
    """A paste or an upload, read as `categorize` reads a file: a bank format, a table, statement lines
    or a receipt (an upload is a CSV unless its content says otherwise)."""
    read = read_input(name, text.encode("utf-8"))
    if isinstance(read, Table):
        texts, amounts, how = statement_items(read)
        dates, notes = _table_dates(read, name)
        return Parsed(texts, amounts, [how, *read.warnings, *notes], dates)
    return Parsed(read.texts, read.amounts, read.warnings)


def _table_dates(table: Table, name: str) -> tuple[list[date | None], list[str]]:
    """A statement's dates, read as `categorize` reads them (one format for the column), for the recurring
    payments and the months; dates that cannot be read leave them out, with a warning, and never the rows."""
    try:
        parsed = table_dates(table.columns, table.rows, name)
    except UserInputError as err:
        return [], [f"{err}; recurring payments and spending by month are left out"]
    if parsed is None:
        return [], []
    return parsed.dates, [parsed.note] if parsed.note else []


def _parse_csv(text: str, name: str) -> Parsed:
    """An upload: read as `categorize` reads a file of that name (a CSV unless its content says otherwise)."""
    return _parse_text(text, name)


def respond(parsed: Parsed, predictions: list[Prediction]) -> dict[str, Any]:
    """The JSON answer: one row per item (category, confidence, ranking, amount, merchant, intermediary and
    which step answered) and totals per category."""
    rows = [CategorizedRow({"item": t}, p, a) for t, p, a in zip(parsed.texts, predictions, parsed.amounts,
                                                                    strict=True)]
    items = [{"item": r.prediction.item, "category": r.prediction.category,
              "confidence": round(r.prediction.confidence, 4),
              "ranked": [[c, round(v, 4)] for c, v in r.prediction.ranked],
              "amount": None if r.amount is None else round(r.amount, 2),
              "merchant": r.prediction.merchant, "intermediary": r.prediction.intermediary,
              "source": r.prediction.source} for r in rows]
    answer = {"items": items, "totals": summarize(rows).totals(), "warnings": parsed.warnings}
    insights = statement_insights(rows, parsed.dates, parsed.texts) if parsed.dates else None
    if insights is not None:  # dated rows: what repeats, and spending month by month (as `categorize` shows)
        answer.update(insights.to_json())
    return answer


def categorize_many(lookup: Lookup, requests: list[Parsed], top_k: int = 3) -> list[list[Prediction]]:
    """Answer every request's items in one call (the model sorts what it is asked by length), then split back."""
    predictions = lookup.categorize([text for parsed in requests for text in parsed.texts],
                                    [amount for parsed in requests for amount in parsed.amounts], top_k=top_k)
    out, start = [], 0
    for parsed in requests:
        out.append(predictions[start : start + len(parsed.texts)])
        start += len(parsed.texts)
    return out
