"""Time `clean_merchant` and `money_category` over generated statement text (caches cleared, so every row is new).

    python scripts/bench_names.py --rows 20000

Prints wall and CPU seconds per pass; on a shared machine the CPU time is the fairer number.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from expense_classifier.data.generator import generate_items
from expense_classifier.merchants import money, names


def timed(label: str, run: Callable[[], object]) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    print(f"{label}: {time.perf_counter() - wall:.3f} s wall, {time.process_time() - cpu:.3f} s CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    rows = [r["item"] for r in generate_items(args.rows, seed=args.seed)]
    print(f"{len(rows)} generated rows, {len(set(rows))} distinct")
    names.clean_merchant.cache_clear()
    timed("clean_merchant, uncached", lambda: [names.clean_merchant(r) for r in rows])
    timed("clean_merchant, cached", lambda: [names.clean_merchant(r) for r in rows])
    money._reading.cache_clear()
    timed("money_category, uncached", lambda: [money.money_category(r, 12.5) for r in rows])


if __name__ == "__main__":
    main()
