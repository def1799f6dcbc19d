"""`categorize`: receipts, pasted lines and statements in, categories, amounts and a spending summary out."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from expense_classifier.commands.options import function_parser
from expense_classifier.errors import UserInputError
from expense_classifier.merchants.lookup import Lookup, source_counts
from expense_classifier.reading.dates import table_dates
from expense_classifier.reading.sources import read_input, reading_line
from expense_classifier.reading.statement import AmountSign, Table, posting_types, statement_items, text_columns
from expense_classifier.reporting.insights import statement_insights
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
    dates: list[date | None] = field(default_factory=list)
    kinds: list[str | None] = field(default_factory=list)  # the bank's posting type, where it has a column
    statement_rows: int = 0  # rows from statements: a receipt's items have no merchant of their own

    def add(self, columns: list[str], fields: list[dict[str, object]], texts: list[str],
            amounts: list[float | None], dates: list[date | None] | None = None,
            kinds: list[str | None] | None = None) -> None:
        self.columns += [c for c in columns if c not in self.columns]
        self.fields += fields
        self.texts += texts
        self.amounts += amounts
        self.dates += dates if dates is not None else [None] * len(texts)
        self.kinds += kinds if kinds is not None else [None] * len(texts)


def row_dates(table: Table, source: str, date_format: str | None) -> list[date | None] | None:
    """A statement's dates, read with one format for the column (one line says which, when it was a choice)."""
    try:
        parsed = table_dates(table.columns, table.rows, source, date_format)
    except UserInputError as err:
        if table.kind != "statement lines":  # a file's date column: the user can name its format
            raise
        # Pasted lines mix the ways a page writes dates ("Jan 4, 2026", "01/06"): categories still come out.
        print(f"warning: {err}; recurring payments and spending by month are left out", file=sys.stderr)
        return None
    if parsed is None:
        return None
    if parsed.note:
        print(parsed.note, file=sys.stderr)
    return parsed.dates


def read_inputs(sources: list[str], text_column: str | None, amount_column: str | None,
                amount_sign: AmountSign, date_format: str | None = None) -> Inputs:
    """Statements (CSV, JSON, OFX/QFX, QIF, CAMT, MT940, pasted statement lines) as rows, with their dates;
    receipt text split into items with amounts. Each file is recognised by its content, then its name."""
    inputs = Inputs()
    for source in sources:
        name, data = read_source(source)
        read = read_input(name, data)
        if isinstance(read, Table):
            texts, amounts, how = statement_items(read, text_column, amount_column, amount_sign)
            print(reading_line(name, read, how), file=sys.stderr)
            inputs.add(read.columns, read.rows, texts, amounts, row_dates(read, name, date_format),
                       posting_types(read, text_columns(read, text_column)))
            inputs.statement_rows += len(texts)
        else:
            texts, amounts = read.texts, read.amounts
            inputs.add(["item"], [{"item": text} for text in texts], texts, amounts)
            for note in read.notes:
                print(f"{name}: {note}", file=sys.stderr)
        for warning in read.warnings:
            print(f"warning: {name}: {warning}", file=sys.stderr)
    return inputs


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(rows: list[CategorizedRow], threshold: float, limit: int | None = None,
                 output: Path | None = None, merchants: bool = True) -> str:
    """A plain table: item, merchant, category, confidence, which step answered, amount, and the runner-up
    where the model is unsure; the first `limit` rows, and a line saying how many more are in `output`.
    `merchants=False` leaves the merchant column out (a receipt's items: `BANANAS` has no merchant)."""
    left_out = len(rows) - limit if limit is not None and len(rows) > limit else 0
    rows = rows[:limit] if left_out else rows
    width = min(44, max([4, *(len(row.prediction.item) for row in rows)]))
    named = min(24, max([8, *(len(row.prediction.merchant) for row in rows)])) if merchants else -2
    merchant_head = f"{'merchant':<{named}}  " if merchants else ""
    lines = [f"{'item':<{width}}  {merchant_head}{'category':<15} {'conf':>5} {'source':<9} {'amount':>10}"
             "  runner-up", "-" * (width + named + 62)]
    for row in rows:
        p = row.prediction
        unsure = p.confidence < threshold and len(p.ranked) > 1
        runner = f"{p.ranked[1][0]} {p.ranked[1][1]:.2f}" if unsure else ""
        amount = "" if row.amount is None else f"{row.amount:,.2f}" if row.amount >= 0 else f"in {-row.amount:,.2f}"
        merchant = f"{_cut(p.merchant, named):<{named}}  " if merchants else ""
        lines.append(f"{_cut(p.item, width):<{width}}  {merchant}{p.category:<15} "
                     f"{p.confidence:>5.2f} {p.source:<9} {amount:>10}  {runner}".rstrip())
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
    date_format: str | None = None,
    rules_file: Path | None = None,
    model_only: bool = False,
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
        date_format: how a statement writes its dates (strptime, e.g. %d/%m/%Y); default: decided from
            the whole date column, with one line when day and month order was a choice.
        rules_file: your rules (merchant → category, applied first); default: $EXPENSE_CLASSIFIER_RULES,
            else lightning_logs/rules.csv.
        model_only: the model answers every row (no rules, money detection or directory), to measure it.
        quiet: print the spending summary only (no table of rows, no progress).
    """
    if output is not None:
        check_output_path(output)
    inputs = read_inputs(receipts or ["-"], text_column, amount_column, amount_sign, date_format)
    if not any(inputs.texts):
        raise UserInputError(f"no items found in {', '.join(receipts or ['<stdin>'])}")
    lookup = Lookup.load(model, rules_file, model_only, quantize=quantize)
    print(lookup.describe(), file=sys.stderr, flush=True)
    # Rules, money in, the directory, then the model on the rest; a row without text: no category.
    with Progress(enabled=not quiet) as progress:
        predictions = lookup.categorize(inputs.texts, inputs.amounts, top_k=max(top_k, 2), progress=progress.update,
                                        posting_types=inputs.kinds)
    rows = [CategorizedRow(fields, p, amount)
            for fields, p, amount in zip(inputs.fields, predictions, inputs.amounts, strict=True)]
    spending = summarize(rows)
    insights = statement_insights(rows, inputs.dates, inputs.texts)
    # Files first, then the terminal: a reader that stops early (`| head`) cannot stop them being written.
    written = None
    if output is not None:
        records = output_rows(rows, inputs.columns)
        if insights is not None:
            name = "recurring" if "recurring" not in {c.lower() for c in inputs.columns} else "recurring_period"
            for record, period in zip(records, insights.recurring, strict=True):
                record[name] = period
        extra = insights.to_json() if insights is not None else None
        written = write_results(output, records, spending.totals(), extra)
    chart = chart or (Path(output).with_name(f"{Path(output).stem}_spending.png") if output is not None else None)
    drawn = []
    if chart is not None:
        drawn.append(spending_chart(spending, Path(chart)))
        monthly = insights.chart(Path(chart).with_name(Path(chart).stem.removesuffix("_spending") + "_by_month.png")) \
            if insights is not None else None
        if monthly is not None:
            drawn.append(monthly)
    if not quiet:
        print(format_table(rows, threshold, TABLE_ROWS_WITH_OUTPUT if output else None, output,
                           merchants=inputs.statement_rows > 0))
        print(source_counts(predictions))
        print()
    print(format_summary(spending))
    if insights is not None and insights.format():
        print()
        print(insights.format())
    if written is not None:
        print(f"written: {written}")
    for path in drawn:
        print(f"chart: {path}")
    return rows


def categorize_main(argv: list[str]) -> int:
    parser = function_parser(categorize, "receipts", positional_help="receipt text files or statements (CSV, JSON, "
                             "OFX/QFX, QIF, CAMT.053, MT940); '-' for stdin; none: stdin")
    args = parser.parse_args(argv).as_dict()
    categorize(**args)
    return 0
