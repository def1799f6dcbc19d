"""Statement insights: dates read as the file writes them, recurring series found, spending by month."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from expense_classifier.errors import UserInputError
from expense_classifier.reading.dates import date_column, parse_dates
from expense_classifier.reporting.by_month import by_month_chart, spending_by_month
from expense_classifier.reporting.recurring import Payment, find_series, format_recurring, recurring_column

START = date(2026, 7, 1)


def payments_every(merchant: str, days: float, count: int, amount: float | list[float], category: str = "Shopping",
                   start: date = START, index: int = 0, jitter: int = 0, seed: int = 0) -> list[Payment]:
    rng = random.Random(seed)
    amounts = amount if isinstance(amount, list) else [amount] * count
    return [Payment(index + i, start + timedelta(days=round(i * days) + (rng.randint(-jitter, jitter) if i else 0)),
                    merchant, category, amounts[i]) for i in range(count)]


# -- dates -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("values", "fmt", "first"), [
    (["2026-11-01", "2026-11-15"], "%Y-%m-%d", date(2026, 11, 1)),
    (["11/01/2026", "11/25/2026"], "%m/%d/%Y", date(2026, 11, 1)),
    (["25/11/2026", "01/12/2026"], "%d/%m/%Y", date(2026, 11, 25)),
    (["01.11.2026", "30.11.2026"], "%d.%m.%Y", date(2026, 11, 1)),
    (["20261101120000[-5:EST]", "20261102"], "%Y%m%d", date(2026, 11, 1)),
    (["2026-11-01T08:30:00", "2026-11-02 09:00"], "%Y-%m-%d", date(2026, 11, 1)),
])
def test_each_date_order_is_read_as_written(values, fmt, first):
    parsed = parse_dates(values)
    assert parsed.format == fmt and parsed.dates[0] == first and parsed.note is None


def test_an_ambiguous_column_is_decided_by_the_order_of_its_rows_and_said():
    uk = ["03/01/2026", "10/01/2026", "02/02/2026", "09/02/2026", "01/03/2026"]  # 3 Jan, 10 Jan, 2 Feb, 9 Feb, 1 Mar
    parsed = parse_dates(uk)
    assert parsed.format == "%d/%m/%Y" and parsed.dates[1] == date(2026, 1, 10)
    assert parsed.note and "%d/%m/%Y" in parsed.note and "--date_format" in parsed.note
    us = ["01/03/2026", "01/10/2026", "02/02/2026", "02/09/2026", "03/01/2026"]  # Jan 3, Jan 10, Feb 2, Feb 9, Mar 1
    assert parse_dates(us).format == "%m/%d/%Y"


def test_rows_in_order_both_ways_are_read_the_way_that_covers_the_shorter_period():
    uk_week = ["03/02/2026", "04/02/2026", "05/02/2026", "07/02/2026", "09/02/2026"]  # 3 to 9 February
    parsed = parse_dates(uk_week)
    assert parsed.format == "%d/%m/%Y" and parsed.dates[-1] == date(2026, 2, 9)
    assert "shorter period" in parsed.note and "--date_format" in parsed.note
    us_week = ["03/02/2026", "03/04/2026", "03/05/2026", "03/09/2026"]  # March 2 to 9
    assert parse_dates(us_week).format == "%m/%d/%Y" and parse_dates(us_week).dates[-1] == date(2026, 3, 9)
    assert "nothing in the column tells them apart" in parse_dates(["05/05/2026", "05/05/2026"]).note


def test_a_day_above_twelve_settles_it_and_date_format_overrides():
    assert parse_dates(["05/11/2026", "28/11/2026"]).format == "%d/%m/%Y"
    assert parse_dates(["05/11/2026", "06/11/2026"], "%d/%m/%Y").dates[0] == date(2026, 11, 5)
    with pytest.raises(UserInputError, match=r"'13/13/2026' does not match --date_format"):
        parse_dates(["13/13/2026"], "%d/%m/%Y", where="x.csv: column 'Date'")
    with pytest.raises(UserInputError, match="is not a date"):
        parse_dates(["soon"])


@pytest.mark.parametrize("values", [["11/02", "11/03", ""], ["02.11.", "03.11."], ["Nov 2", "Nov 3"], ["02 Nov"]])
def test_days_and_months_with_no_year_give_no_dates_and_a_note_not_an_error(values):
    parsed = parse_dates(values, where="s.csv: column 'Date'")
    assert parsed.dates == [None] * len(values)
    assert parsed.note == (f"s.csv: column 'Date': the dates have no year ({values[0]!r}); recurring payments and "
                           "spending by month are left out")
    with pytest.raises(UserInputError, match="is not a date"):
        parse_dates(["11/02", "soon"])  # one value that is no date at all is still an error


def test_the_date_column_is_found_by_its_header_in_several_languages():
    assert date_column(["Details", "Posting Date", "Description", "Amount"]) == "Posting Date"
    assert date_column(["Buchungstag", "Empfänger", "Betrag"]) == "Buchungstag"
    assert date_column(["Fecha", "Concepto", "Importe"]) == "Fecha"
    assert date_column(["Description", "Amount"]) is None


# -- recurring ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("period", "days", "count"), [
    ("weekly", 7, 10), ("biweekly", 14, 6), ("monthly", 30.44, 4), ("quarterly", 91.3, 3), ("yearly", 365.25, 2),
])
def test_each_period_is_found(period, days, count):
    (series,) = find_series(payments_every("Acme", days, count, 20.0, jitter=1))
    assert series.period == period and len(series.indices) == count and not series.stopped


def test_amounts_vary_within_a_bill_but_not_beyond_it():
    bill = payments_every("Duke Energy", 30.44, 4, [131.07, 98.40, 150.12, 112.55], category="Utilities")
    assert find_series(bill)[0].typical_amount == pytest.approx(121.81, abs=0.01)
    wild = payments_every("Kroger", 7, 8, [12.0, 140.0, 35.0, 90.0, 8.0, 160.0, 44.0, 71.0], category="Food")
    assert find_series(wild) == []


def test_a_price_change_is_flagged():
    netflix = payments_every("Netflix", 30.44, 4, [15.49, 15.49, 17.99, 17.99], category="Entertainment")
    (series,) = find_series(netflix)
    assert series.price_change[:2] == (15.49, 17.99) and series.typical_amount == 17.99
    assert "price 15.49 -> 17.99" in format_recurring([series])


def test_a_series_that_stopped_is_flagged():
    gym = payments_every("Planet Fitness", 30.44, 3, 24.99)
    later = [Payment(99, START + timedelta(days=150), "Kroger", "Food", 50.0)]
    (series,) = find_series(gym + later)
    assert series.stopped
    assert "stopped" in format_recurring([series])


def test_frequent_irregular_spending_is_not_a_series():
    rng = random.Random(3)
    coffee, day = [], START
    for i in range(25):
        day += timedelta(days=rng.choice([1, 1, 2, 3, 5, 6, 9]))
        coffee.append(Payment(i, day, "Starbucks", "Food", round(rng.uniform(3.5, 9.0), 2)))
    assert find_series(coffee) == []


def test_a_subscription_among_purchases_from_the_same_merchant_is_found():
    """Uber One at 9.99 a month between rides, all under the clean merchant Uber: the same-price rows are the series."""
    rng = random.Random(5)
    rides = [Payment(i, START + timedelta(days=rng.randint(0, 120)), "Uber", "Transportation",
                     round(rng.uniform(9.0, 40.0), 2)) for i in range(12)]
    rides.append(Payment(12, rides[0].when, "Uber", "Transportation", 17.0))  # two rides on one day
    membership = payments_every("Uber", 30.44, 4, 9.99, category="Transportation", index=20, jitter=1)
    (series,) = find_series(rides + membership)
    assert series.period == "monthly" and series.indices == tuple(range(20, 24)) and series.typical_amount == 9.99


def test_a_price_bought_often_at_no_fixed_time_is_not_a_series():
    rng = random.Random(8)
    day, latte = START, []
    for i in range(20):
        day += timedelta(days=rng.choice([1, 2, 3, 4, 6, 8, 11]))
        latte.append(Payment(i, day, "Starbucks", "Food", 4.75 if i % 2 else round(rng.uniform(3.5, 9.0), 2)))
    assert find_series(latte) == []


EVERYDAY = [("Starbucks", 3.5, 8.0, "Food"), ("Kroger", 20, 160, "Food"), ("Shell", 25, 70, "Transportation"),
            ("Target", 10, 120, "Shopping")]


def test_four_months_of_a_real_shaped_export():
    """Six monthly bills and subscriptions, a weekly service, and irregular everyday spending."""
    rng = random.Random(42)
    rows: list[Payment] = []

    def add(merchant, when, amount, category):
        rows.append(Payment(len(rows), when, merchant, category, amount))

    for month in range(4):
        first = date(2026, 8 + month, 1)
        add("Greystar", first, 1650.00, "Housing")
        add("Netflix", first + timedelta(days=4), 15.49 if month < 2 else 17.99, "Entertainment")
        add("Spotify", first + timedelta(days=11), 11.99, "Entertainment")
        add("Duke Energy", first + timedelta(days=8 + rng.randint(-2, 2)), round(rng.uniform(95, 150), 2), "Utilities")
        add("Verizon", first + timedelta(days=19), 85.00, "Utilities")
        add("State Farm", first + timedelta(days=14), 132.40, "Transportation")
    for week in range(17):
        add("Merry Maids", date(2026, 8, 3) + timedelta(weeks=week), 120.00, "Housing")
    irregular = 0
    day = date(2026, 8, 1)
    while day < date(2026, 11, 28):
        day += timedelta(days=rng.choice([1, 2, 2, 3, 4]))
        merchant, low, high, category = rng.choice(EVERYDAY)
        add(merchant, day, round(rng.uniform(low, high), 2), category)
        irregular += 1
    series = find_series(rows)
    column = recurring_column(series, len(rows))
    expected = {"Greystar": "monthly", "Netflix": "monthly", "Spotify": "monthly", "Duke Energy": "monthly",
                "Verizon": "monthly", "State Farm": "monthly", "Merry Maids": "weekly"}
    recurring_rows = [p for p in rows if p.merchant in expected]
    right = sum(column[p.index] == expected[p.merchant] for p in recurring_rows)
    assert right / len(recurring_rows) >= 0.9
    marked_irregular = sum(bool(column[p.index]) for p in rows if p.merchant not in expected)
    assert marked_irregular / irregular <= 0.05
    assert {s.merchant for s in series} == set(expected)


# -- by month -----------------------------------------------------------------------------------------

def test_spending_by_month_is_right_to_the_cent_and_leaves_money_in_out():
    dates = [date(2026, 9, 30), date(2026, 9, 1), date(2026, 10, 2), date(2026, 10, 3), date(2026, 10, 4), None]
    categories = ["Food", "Food", "Housing", "Income", "Food", "Food"]
    amounts = [0.1, 0.2, 1650.0, -2450.0, 19.99, 5.0]
    months = spending_by_month(dates, categories, amounts)
    assert months == {"2026-09": {"total": 0.3, "Food": 0.3}, "2026-10": {"total": 1669.99, "Housing": 1650.0,
                                                                          "Food": 19.99}}


def test_the_monthly_chart_is_a_real_png(tmp_path):
    months = {"2026-09": {"total": 30.0, "Food": 30.0}, "2026-10": {"total": 80.0, "Food": 20.0, "Housing": 60.0}}
    path = by_month_chart(months, tmp_path / "x_by_month.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_categorize_a_dated_statement_adds_recurring_by_month_and_the_chart(tmp_path, tiny_run, capsys):
    import csv
    import json

    from expense_classifier.cli import main

    path = tmp_path / "checking.csv"
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Date", "Description", "Amount"])
        for month in (8, 9, 10, 11):
            writer.writerow([f"{month:02d}/01/2026", "GREYSTAR RENT PMT WEB ID: 4455667788", "-1650.00"])
            writer.writerow([f"{month:02d}/05/2026", "NETFLIX.COM 866-579-7172 CA", "-15.49"])
            writer.writerow([f"{month:02d}/15/2026", "PAYROLL DEPOSIT ACME CORP", "2450.00"])
            for day in (month - 6, 3 * month - 10, month + 14):  # coffee at no fixed time
                writer.writerow([f"{month:02d}/{day:02d}/2026", "STARBUCKS STORE 09812 OH", f"-{day / 2:.2f}"])
    out = tmp_path / "out.json"
    assert main(["categorize", str(path), "--model", str(tiny_run / "adapter"), "--output", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "recurring" in printed and "by month" in printed
    result = json.loads(out.read_text())
    periods = {item["Description"]: item["recurring"] for item in result["items"]}
    assert periods["GREYSTAR RENT PMT WEB ID: 4455667788"] == "monthly"
    assert periods["STARBUCKS STORE 09812 OH"] == ""
    assert {s["period"] for s in result["recurring"]} == {"monthly"}
    assert list(result["by_month"]) == ["2026-08", "2026-09", "2026-10", "2026-11"]
    assert result["by_month"]["2026-08"]["total"] == round(1650.00 + 15.49 + (2 + 14 + 22) / 2, 2)
    assert (tmp_path / "out_by_month.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
