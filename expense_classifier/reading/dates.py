"""Dates as a statement writes them: one format for the whole column, decided from all its values.

A single row cannot tell 03/04/2026 (3 April, UK) from 03/04/2026 (March 4, US); a column can: a
day above 12 settles it, and failing that, the order statements are written in (by date) does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from expense_classifier.errors import UserInputError

# Headers a date column goes by (English, German, French, Spanish, Dutch), first match wins.
DATE_HEADERS = ("date", "transaction date", "posting date", "posted date", "booking date", "trans. date",
                "buchungstag", "buchungsdatum", "datum", "valutadatum", "wertstellung", "date de l'opération",
                "date opération", "date operation", "fecha", "fecha operación", "fecha valor", "boekdatum",
                "transactiedatum", "value date")

# strptime formats tried on a column; where two parse every value, the column decides (see parse_dates).
FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y", "%m/%d/%y", "%d/%m/%y", "%d.%m.%y", "%Y/%m/%d",
           "%d-%m-%Y", "%m-%d-%Y", "%Y%m%d", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%d-%b-%Y",
           "%d-%b-%y", "%d %b %y")
DAY_FIRST = {"%d/%m/%Y": "%m/%d/%Y", "%d/%m/%y": "%m/%d/%y", "%d-%m-%Y": "%m-%d-%Y"}  # twin: month first
# A day and month with no year (`11/02`, `02.11.`, `Nov 2`): card exports and pasted lines write dates so.
_NO_YEAR = re.compile(r"^(\d{1,2}[/.-]\d{1,2}\.?|\d{1,2}\.? [A-Za-z]{3,9}\.?|[A-Za-z]{3,9}\.? \d{1,2})$")
_TIME_PART = re.compile(r"^(\d{8})\d{4,6}(?:\.\d+)?(?:\[.*\])?$|^(\S+?)[T ]\d{1,2}:\d{2}.*$")


@dataclass(frozen=True)
class ParsedDates:
    """The column's dates (None where a row has none), the format used, and a line to say when it was a choice."""

    dates: list[date | None]
    format: str
    note: str | None = None


def _date_part(value: str) -> str:
    """`2026-11-01T12:00:00`, `20261101120000[-5:EST]` (OFX) → the date alone."""
    text = " ".join(str(value).split())
    match = _TIME_PART.match(text)
    return (match.group(1) or match.group(2)) if match else text


def _parse_all(values: Sequence[str], fmt: str) -> list[date] | None:
    """Every value read with `fmt` (each distinct text parsed once), or None at the first that does not fit."""
    seen: dict[str, date] = {}
    try:
        for v in values:
            if v not in seen:
                seen[v] = datetime.strptime(v, fmt).date()
    except ValueError:
        return None
    return [seen[v] for v in values]


def _disorder(dates: list[date]) -> int:
    """How far the dates are from being in order, either way (statements list rows by date)."""
    ups = sum(1 for a, b in zip(dates, dates[1:], strict=False) if b < a)
    downs = sum(1 for a, b in zip(dates, dates[1:], strict=False) if b > a)
    return min(ups, downs)


def _span(dates: list[date]) -> int:
    """Days from the first date to the last: a week of statement rows read the wrong way round spreads over months."""
    return (max(dates) - min(dates)).days


def parse_dates(values: Sequence[object], date_format: str | None = None, where: str = "dates") -> ParsedDates:
    """Read a column of dates with one format for all of it.

    With `date_format` (strptime, e.g. `%d/%m/%Y`) every value must match it. Otherwise the formats that
    read every value are candidates; day-first and month-first twins are told apart by a day above 12,
    then by which reading puts the rows in date order, then by which covers the shorter period (03/02, 04/02,
    05/02 are three days of February, not the 2nd of three months); a tie is read month first, and said.
    A column of days and months with no year (`11/02`) gives no dates, and a note that says so.
    """
    texts = [_date_part(v) if v not in (None, "") and str(v).strip() else "" for v in values]
    present = [t for t in texts if t]
    if not present:
        return ParsedDates([None] * len(texts), date_format or "")
    if date_format:
        parsed = _parse_all(present, date_format)
        if parsed is None:
            bad = next(t for t in present if _parse_all([t], date_format) is None)
            raise UserInputError(f"{where}: {bad!r} does not match --date_format {date_format!r}")
        candidates = {date_format: parsed}
    else:
        candidates = {fmt: parsed for fmt in FORMATS if (parsed := _parse_all(present, fmt)) is not None}
        if not candidates and all(_NO_YEAR.match(t) for t in present):
            # No format can place these in a year; the categories do not need one, the per-month views do.
            return ParsedDates([None] * len(texts), "", f"{where}: the dates have no year ({present[0]!r}); "
                               "recurring payments and spending by month are left out")
        if not candidates:
            bad = next(t for t in present if not any(_parse_all([t], f) for f in FORMATS))
            raise UserInputError(f"{where}: {bad!r} is not a date this reader knows; give --date_format "
                                 f"(strptime, e.g. %d/%m/%Y)")
    chosen, note = next(iter(candidates)), None
    for day_first, month_first in DAY_FIRST.items():
        if day_first in candidates and month_first in candidates:
            order = {f: _disorder(candidates[f]) for f in (day_first, month_first)}
            if order[day_first] < order[month_first]:
                chosen, why = day_first, "the rows are in date order read day first"
            elif order[month_first] < order[day_first]:
                chosen, why = month_first, "the rows are in date order read month first"
            elif _span(candidates[day_first]) != _span(candidates[month_first]):
                chosen = min((day_first, month_first), key=lambda f: _span(candidates[f]))
                why = f"read {'day' if chosen == day_first else 'month'} first, the rows cover the shorter period"
            else:
                chosen, why = month_first, "nothing in the column tells them apart"
            note = (f"{where}: every day is 12 or less, so {day_first} and {month_first} both fit; read as "
                    f"{chosen} ({why}; --date_format to change)")
            break
    by_text = dict(zip(present, candidates[chosen], strict=True))
    return ParsedDates([by_text.get(t) if t else None for t in texts], chosen, note)


def date_column(columns: Sequence[str]) -> str | None:
    """The column holding each row's date, by its header; None when there is none."""
    lowered = {" ".join(c.lower().split()): c for c in columns}
    for header in DATE_HEADERS:
        if header in lowered:
            return lowered[header]
    return next((c for c in columns if "date" in c.lower() or "datum" in c.lower()), None)


def table_dates(columns: Sequence[str], rows: Sequence[dict[str, object]], source: str,
                date_format: str | None = None) -> ParsedDates | None:
    """A statement's dates from its date column, one format for the column; None when it has no date column.
    Raises UserInputError naming the source and column (the caller decides whether that stops it)."""
    column = date_column(columns)
    if column is None:
        return None
    return parse_dates([row.get(column) for row in rows], date_format, where=f"{source}: column {column!r}")
