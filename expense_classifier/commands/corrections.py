"""What `learn` takes from a labelled file: corrections, confirmations, and the rules they make.

A file `categorize --output` wrote has `suggested_category` beside the category a person edits: the rows
where the two differ are corrections, the others confirmations. A file without it (`item`, `category`,
as `fit` reads) is the person's own labels, every row of it a correction. Corrections become rules at
once (by clean merchant name; the most common label of a merchant wins). An unedited row whose
category is Income or Transfer, or that the money detector calls so, teaches nothing: a payroll row the
model called Housing is not a confirmation that payroll is Housing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from expense_classifier.errors import UserInputError
from expense_classifier.merchants import lookup as merchant_lookup
from expense_classifier.merchants.lookup import is_money_in_category, merchant_of
from expense_classifier.merchants.rules import Change, Labelled, Rules, editing, majority_rules
from expense_classifier.reading.statement import Table, read_table, row_texts, spending_amounts
from expense_classifier.reading.statement import text_column as text_column_of
from expense_classifier.reporting.outputs import added_column_names

LABEL_COLUMNS = ("predicted_category", "category")  # categorize's added column first, then fit's
SUGGESTED_COLUMNS = ("predicted_suggested_category", "suggested_category")


@dataclass(frozen=True)
class Row:
    item: str
    category: str
    amount: float | None = None
    edited: bool = True  # a correction, or a label of a file without suggestions


@dataclass
class Sorted:
    """A labelled file's rows, sorted by what they teach."""

    path: Path
    corrections: list[Row] = field(default_factory=list)
    confirmations: list[Row] = field(default_factory=list)
    money_in: list[Row] = field(default_factory=list)  # unedited money in: teaches nothing
    suggested: bool = False  # the file has categorize's suggested_category column
    unlabelled: int = 0  # rows without text or category, skipped

    @property
    def labelled(self) -> list[Row]:
        return self.corrections + self.confirmations + self.money_in

    def counts_line(self) -> str:
        line = (f"{self.path}: {len(self.labelled)} labelled rows: {len(self.corrections)} taken as corrections, "
                f"{len(self.confirmations)} as confirmations")
        if self.money_in:
            line += f", {len(self.money_in)} unedited money in (Income/Transfer) that teach nothing"
        if not self.suggested:
            line += " (no suggested_category column: every row is your label)"
        if self.unlabelled:
            line += f"; {self.unlabelled} without text or category skipped"
        return line


def _column(table: Table, wanted: tuple[str, ...]) -> str | None:
    lowered = {c.lower(): c for c in table.columns}
    return next((lowered[name] for name in wanted if name in lowered), None)


def read_corrections(path: Path, text_column: str | None = None, label_column: str | None = None,
                     known: tuple[str, ...] = ()) -> Sorted:
    """Read a labelled .csv/.json and sort its rows; `known` categories absorb a different case ("food")."""
    if path.suffix.lower() not in (".csv", ".json"):
        raise UserInputError(f"{path}: learn reads .csv or .json (labelled rows, or what categorize --output wrote)")
    table = read_table(path)
    columns = ", ".join(map(repr, table.columns))
    if label_column is None:
        label_column = _column(table, LABEL_COLUMNS)
        if label_column is None:
            raise UserInputError(f"{path}: no label column (category or predicted_category); name it with "
                                 f"--label_column (columns: {columns})")
    elif label_column not in table.columns:
        raise UserInputError(f"{path}: no column {label_column!r} (columns: {columns})")
    suggested_column = _column(table, SUGGESTED_COLUMNS)
    amounts: list[float | None] = [None] * len(table.rows)
    own = table
    if suggested_column is not None and label_column in table.columns:
        # categorize's output: the file's own columns come first, then the ones categorize added
        # (its `merchant` column must not be taken for the description).
        own = Table(table.path, table.columns[: table.columns.index(label_column)] or table.columns, table.rows,
                    table.lines)
        amount_column = added_column_names(own.columns)["amount"]
        if amount_column in table.columns:
            amounts, _ = spending_amounts(table, amount_column, "positive_is_spending")
    texts = row_texts(table, text_column_of(own, text_column))
    by_case = {c.lower(): c for c in (*known, "Income", "Transfer")}
    money = merchant_lookup.default_money() if suggested_column is not None else None
    out = Sorted(path, suggested=suggested_column is not None)
    for text, row, amount in zip(texts, table.rows, amounts, strict=True):
        label = " ".join(str(row.get(label_column) or "").split())
        if not text or not label:
            out.unlabelled += 1
            continue
        label = by_case.get(label.lower(), label)
        suggestion = " ".join(str(row.get(suggested_column) or "").split()) if suggested_column else None
        edited = suggestion is None or label.lower() != suggestion.lower()
        if edited:
            out.corrections.append(Row(text, label, amount, True))
        elif is_money_in_category(label) or (money is not None and money(text, amount) is not None):
            out.money_in.append(Row(text, label, amount, False))
        else:
            out.confirmations.append(Row(text, label, amount, False))
    if not out.labelled:
        raise UserInputError(f"{path}: every row's {label_column!r} is empty: nothing to learn")
    return out


@dataclass
class Recorded:
    """What recording rules did: each change, one line per merchant whose rows disagreed, the rules in all."""

    changes: list[Change]
    notes: list[str]
    total: int
    path: Path

    def line(self) -> str:
        kinds = {kind: sum(c.kind == kind for c in self.changes) for kind in ("new", "changed", "same")}
        return (f"rules: {kinds['new']} new, {kinds['changed']} changed, {kinds['same']} already so "
                f"({self.total} in {self.path})")


def record_rules(rows: list[Row], source: str, rules_file: Path | None = None) -> Recorded:
    """Make the corrections rules (one per clean merchant) and add them to the rules file at once."""
    clean = merchant_lookup.default_cleaner()
    rules, notes = majority_rules([Labelled(merchant_of(clean(r.item), r.item), r.category, r.item) for r in rows],
                                  source)
    if not rules:
        stored = Rules.load(rules_file)
        return Recorded([], notes, len(stored), stored.path)
    with editing(rules_file) as stored:
        changes = [stored.put(rule) for rule in rules]
        total, path = len(stored), stored.path
    return Recorded(changes, notes, total, path)
