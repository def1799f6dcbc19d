"""`categorize`: receipts, pasted lines and statements in, categories, amounts and a spending summary out."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from expense_classifier.commands.options import function_parser
from expense_classifier.errors import UserInputError
from expense_classifier.inference.categorizer import (
    Categorizer,
    newest_adapter,
)
from expense_classifier.reading.sources import read_input, reading_line
from expense_classifier.reading.statement import AmountSign, Table, statement_items
from expense_classifier.reporting.outputs import CategorizedRow, check_output_path, output_rows, write_results
from expense_classifier.reporting.progress import Progress
from expense_classifier.reporting.summary import format_summary, spending_chart, summarize

TABLE_ROWS_WITH_OUTPUT = 50  # with --output the file has every row; the terminal shows the first ones


def read_source(source: str) -> tuple[str, bytes]:
    """(name, bytes) of an input file, or of stdin for '-'."""
    if source == "-":
        return "<stdin>", sys.stdin.buffer.read()
    path = Path(source)
    if not path.is_file():
        raise UserInputError(f"{path}: no such file")
    return str(path), path.read_bytes()


@dataclass
class Inputs:
    """What the model is asked about: each row's own columns, its text and its amount, from every source."""

    columns: list[str] = field(default_factory=list)
    fields: list[dict[str, object]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    amounts: list[float | None] = field(default_factory=list)

    def add(self, columns: list[str], fields: list[dict[str, object]], texts: list[str],
            amounts: list[float | None]) -> None:
        self.columns += [c for c in columns if c not in self.columns]
        self.fields += fields
        self.texts += texts
        self.amounts += amounts


def read_inputs(sources: list[str], text_column: str | None, amount_column: str | None,
                amount_sign: AmountSign) -> Inputs:
    """Statements (CSV, JSON, OFX/QFX, QIF, CAMT, MT940, pasted statement lines) as rows; receipt text
    split into items with amounts. Each file is recognised by its content, then its name."""
    inputs = Inputs()
    for source in sources:
        name, data = read_source(source)
        read = read_input(name, data)
        if isinstance(read, Table):
            texts, amounts, how = statement_items(read, text_column, amount_column, amount_sign)
            print(reading_line(name, read, how), file=sys.stderr)
            inputs.add(read.columns, read.rows, texts, amounts)
        else:
            texts, amounts = read.texts, read.amounts
            inputs.add(["item"], [{"item": text} for text in texts], texts, amounts)
            for note in read.notes:
                print(f"{name}: {note}", file=sys.stderr)
        for warning in read.warnings:
            print(f"warning: {name}: {warning}", file=sys.stderr)
    return inputs


def format_table(rows: list[CategorizedRow], threshold: float, limit: int | None = None,
                 output: Path | None = None) -> str:
    """A plain table: item, category, confidence, amount, and the runner-up where the model is unsure;
    the first `limit` rows, and a line saying how many more are in `output`."""
    left_out = len(rows) - limit if limit is not None and len(rows) > limit else 0
    rows = rows[:limit] if left_out else rows
    texts = [row.prediction.item for row in rows]
    width = min(44, max([4, *(len(t) for t in texts)]))
    lines = [f"{'item':<{width}}  {'category':<15} {'conf':>5} {'amount':>10}  runner-up", "-" * (width + 50)]
    for row in rows:
        p = row.prediction
        item = p.item if len(p.item) <= width else p.item[: width - 1] + "…"
        unsure = p.confidence < threshold and len(p.ranked) > 1
        runner = f"{p.ranked[1][0]} {p.ranked[1][1]:.2f}" if unsure else ""
        amount = "" if row.amount is None else f"{row.amount:,.2f}" if row.amount >= 0 else f"in {-row.amount:,.2f}"
        lines.append(f"{item:<{width}}  {p.category:<15} {p.confidence:>5.2f} {amount:>10}  {runner}".rstrip())
    if left_out:
        lines.append(f"… and {left_out:,} more rows, all in {output}")
    return "\n".join(lines)


def categorize(
    receipts: list[str] | None = None,
    model: Path | None = None,
    output: Path | None = None,
    chart: Path | None = None,
    text_column: str | None = None,
    amount_column: str | None = None,
    amount_sign: AmountSign = "auto",
    top_k: int = 2,
    threshold: float = 0.6,
    quantize: bool = False,
    quiet: bool = False,
) -> list[CategorizedRow]:
    """Categorize the items of receipts or the rows of bank statements, with a spending summary.

    Args:
        receipts: receipt text files (numbered, bulleted or POS lines), pasted statement lines, or
            statements (.csv, .json list of objects, OFX/QFX, QIF, CAMT.053, MT940); '-' or none: stdin.
        model: an adapter directory from `fit`; default: the newest run's adapter.
        output: also write the results to this .json or .csv file (a statement keeps all its columns).
        chart: where to write the spending-by-category PNG; default: beside --output, if given.
        text_column: a statement's description column; default: found by its header.
        amount_column: a statement's amount column; default: found by its header (amount, debit/credit, value).
        amount_sign: which sign of a single amount column is spending: auto (the sign most rows have),
            negative_is_spending (bank accounts), positive_is_spending (credit cards).
        top_k: how many ranked categories to keep per item (in JSON output).
        threshold: below this confidence the runner-up is shown.
        quantize: dynamic int8 quantization for faster CPU inference.
        quiet: print the spending summary only (no table of rows, no progress).
    """
    if output is not None:
        check_output_path(output)
    inputs = read_inputs(receipts or ["-"], text_column, amount_column, amount_sign)
    if not any(inputs.texts):
        raise UserInputError(f"no items found in {', '.join(receipts or ['<stdin>'])}")
    categorizer = Categorizer.load(model or newest_adapter(), quantize=quantize)
    with Progress(enabled=not quiet) as progress:  # a row without text: no category
        predictions = categorizer.predict(inputs.texts, top_k=max(top_k, 2), progress=progress.update)
    rows = [CategorizedRow(fields, p, amount)
            for fields, p, amount in zip(inputs.fields, predictions, inputs.amounts, strict=True)]
    spending = summarize(rows)
    # Files first, then the terminal: a reader that stops early (`| head`) cannot stop them being written.
    written = write_results(output, output_rows(rows, inputs.columns), spending.totals()) if output else None
    chart = chart or (Path(output).with_name(f"{Path(output).stem}_spending.png") if output is not None else None)
    drawn = spending_chart(spending, Path(chart)) if chart is not None else None
    if not quiet:
        print(format_table(rows, threshold, TABLE_ROWS_WITH_OUTPUT if output else None, output))
        print()
    print(format_summary(spending))
    if written is not None:
        print(f"written: {written}")
    if drawn is not None:
        print(f"chart: {drawn}")
    return rows


def categorize_main(argv: list[str]) -> int:
    parser = function_parser(categorize, "receipts", positional_help="receipt text files or statements (CSV, JSON, "
                             "OFX/QFX, QIF, CAMT.053, MT940); '-' for stdin; none: stdin",
                             flags={"quiet": "print the spending summary only (no table of rows, no progress)"})
    args = parser.parse_args(argv).as_dict()
    categorize(**args)
    return 0
