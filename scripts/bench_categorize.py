"""A year of history at once: `categorize` on a 20,000-row statement CSV as a whole process (start-up,
reading, the model, the output file and chart, the capped table), against the model's own items/s on
the same texts in this process. Every description is distinct (generated), so no row is a repeat.

    python scripts/bench_categorize.py                          # newest run's adapter
    python scripts/bench_categorize.py --model lightning_logs/version_0/adapter --rows 20000

Prints wall time, peak RSS of the categorize process, and the ratio of its rows/s to the model's items/s
(on a shared machine the ratio means more than the seconds).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from expense_classifier.data.generator import generate_items
from expense_classifier.inference.categorizer import Categorizer, newest_adapter


def write_statement(path: Path, rows: int, seed: int = 11) -> list[str]:
    """A checking-account export: date, distinct description, signed amount, running balance."""
    rng = random.Random(seed)
    texts = list(dict.fromkeys(item["item"] for item in generate_items(rows * 2, seed=seed)))[:rows]
    balance = 10_000.0
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Date", "Description", "Amount", "Balance"])
        for n, text in enumerate(texts):
            amount = round(rng.uniform(2, 400), 2) * (1 if n % 25 == 0 else -1)
            balance += amount
            date = f"{1 + n * 12 // rows:02d}/{1 + n % 28:02d}/2026"
            writer.writerow([date, text, f"{amount:.2f}", f"{balance:.2f}"])
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    model = args.model or newest_adapter()
    with tempfile.TemporaryDirectory() as tmp:
        statement = Path(tmp) / "year.csv"
        texts = write_statement(statement, args.rows)
        categorizer = Categorizer.load(model)
        categorizer.predict(texts[:256])  # warm-up
        # The model alone just before and just after the process: on a shared machine their mean is the
        # fairest rate to hold the process against.
        model_rates = [model_rate(categorizer, texts)]
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "expense_classifier", "categorize", str(statement), "--model",
                               str(model), "--output", str(Path(tmp) / "out.csv")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - started
        if done.returncode != 0:
            sys.exit(f"categorize failed: {done.stderr}")
        peak_gb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024**2
        model_rates.append(model_rate(categorizer, texts))
    load = os.getloadavg()[0]
    mean_rate = sum(model_rates) / len(model_rates)
    print(f"{len(texts):,} rows ({len(set(texts)):,} distinct), model {model}")
    print(f"categorize, whole process: {wall:.1f} s, {len(texts) / wall:,.0f} rows/s, peak RSS {peak_gb:.2f} GB")
    print(f"the model alone in this process, before and after: {model_rates[0]:,.0f} and {model_rates[1]:,.0f} items/s")
    if categorizer.precision == "bfloat16":  # what the same model does in fp32 here, as on a CPU without native bf16
        fp32 = Categorizer.load(model, bf16=False)
        fp32.predict(texts[:256])
        (fp32_rate, fp32_top), (bf16_rate, bf16_top) = rate_and_top(fp32, texts), rate_and_top(categorizer, texts)
        same = sum(a == b for a, b in zip(fp32_top, bf16_top, strict=True)) / len(texts)
        print(f"the model alone in fp32: {fp32_rate:,.0f} items/s, against {bf16_rate:,.0f} in bf16 just after "
              f"({bf16_rate / fp32_rate:.2f}x); top category the same for {same:.1%} of the rows")
    print(f"ratio whole process / model alone: {len(texts) / wall / mean_rate:.2f} (model in {categorizer.precision}; "
          f"load average {load:.1f} on {os.cpu_count()} cores)")


def rate_and_top(categorizer: Categorizer, texts: list[str]) -> tuple[float, list[str]]:
    """`model_rate`, and the top category of each text from the same run."""
    started = time.perf_counter()
    top = [p.category for p in categorizer.predict(texts)]
    return len(texts) / (time.perf_counter() - started), top


def model_rate(categorizer: Categorizer, texts: list[str]) -> float:
    started = time.perf_counter()
    categorizer.predict(texts)
    return len(texts) / (time.perf_counter() - started)


if __name__ == "__main__":
    main()
