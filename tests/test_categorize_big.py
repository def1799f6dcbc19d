"""Big files: progress on stderr, `--quiet`, a capped terminal table with `--output`, a closed pipe without
a traceback, and each distinct text run once."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from expense_classifier.cli import main
from expense_classifier.inference.categorizer import Categorizer
from expense_classifier.reporting.progress import Progress

MERCHANTS = ["KROGER #0412 COLUMBUS OH", "NETFLIX.COM 866-579-7172 CA", "SHELL OIL 57442 COLUMBUS OH",
             "UBER *TRIP HELP.UBER.COM CA", "DUKE ENERGY AUTOPAY PPD ID: 1234567890", "CVS/PHARMACY #04512"]


def write_statement(path: Path, rows: int) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Date", "Description", "Amount"])
        for n in range(rows):
            writer.writerow([f"{1 + n % 12:02d}/{1 + n % 28:02d}/2026", f"{MERCHANTS[n % 6]} REF {n}",
                             f"-{1 + n % 97}.{n % 100:02d}"])
    return path


def test_quiet_prints_the_summary_only(tiny_run, workdir, capsys):
    write_statement(workdir / "s.csv", 30)
    assert main(["categorize", "s.csv", "--model", str(tiny_run / "adapter"), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("category") and "REF 3" not in out and "spending" in out


def test_with_output_the_table_shows_the_first_rows_and_says_how_many_more(tiny_run, workdir, capsys):
    write_statement(workdir / "s.csv", 120)
    assert main(["categorize", "s.csv", "--model", str(tiny_run / "adapter"), "--output", "out.csv"]) == 0
    out = capsys.readouterr().out
    assert "… and 70 more rows, all in out.csv" in out and "REF 49" in out and "REF 50" not in out
    with (workdir / "out.csv").open(newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 120


@pytest.mark.slow  # a real fit or a subprocess: seconds
def test_a_closed_pipe_ends_quietly_without_a_traceback(tiny_run, tmp_path):
    statement = write_statement(tmp_path / "s.csv", 2000)  # ~200 KB of table: more than a pipe holds
    for _ in range(2):
        process = subprocess.Popen([sys.executable, "-m", "expense_classifier", "categorize", str(statement),
                                    "--model", str(tiny_run / "adapter")], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, cwd=tmp_path, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        head = [process.stdout.readline() for _ in range(3)]  # what `| head -3` reads, then it goes away
        process.stdout.close()
        err = process.stderr.read().decode()
        code = process.wait(timeout=300)
        assert head[0].startswith(b"item") and "Traceback" not in err and "BrokenPipe" not in err, err
        assert code == 141


def test_progress_is_a_bar_on_a_terminal_and_a_plain_line_elsewhere():
    log = io.StringIO()
    progress = Progress(stream=log, every=0.0, min_total=10)
    for done in (256, 512, 768):
        progress.update(done, 1000)
    progress.update(1000, 1000)
    assert log.getvalue().splitlines()[0].startswith("categorized 256 of 1,000 rows (26%,")
    assert len(log.getvalue().splitlines()) == 3  # not for the last batch: the summary follows

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    with Progress(stream=terminal, min_total=10) as bar:
        bar.update(500, 1000)
        bar.update(1000, 1000)
    assert "categorizing:" in terminal.getvalue() and "/1000 [" in terminal.getvalue()
    quiet, small = io.StringIO(), io.StringIO()
    Progress(stream=quiet, enabled=False, every=0.0).update(500, 1000)
    Progress(stream=small, every=0.0).update(50, 100)  # a short file: no progress at all
    assert quiet.getvalue() == small.getvalue() == ""


def test_each_distinct_text_is_run_once_and_progress_counts_them(tiny_run):
    categorizer = Categorizer.load(tiny_run / "adapter")
    calls = []
    predictions = categorizer.predict(["milk", "rent", "milk", "", "rent"], progress=lambda d, t: calls.append((d, t)))
    assert [p.item for p in predictions] == ["milk", "rent", "milk", "", "rent"]
    assert predictions[0] == predictions[2] and predictions[3].category == ""
    assert calls[-1] == (2, 2)
    assert [p.category for p in categorizer.predict(["rent", "milk"])] == [predictions[1].category,
                                                                          predictions[0].category]
