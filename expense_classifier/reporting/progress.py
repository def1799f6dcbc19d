"""Progress while a long file is categorized, on stderr so stdout stays the results.

On a terminal, a bar (tqdm) that redraws in place. Elsewhere (a log file, CI, `2> log`), a bar's carriage
returns would fill the log with partial lines, so a plain line every `every` seconds says how far it is:
a short run prints nothing, a long one says it is alive.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Call `update(done, total)` after each batch; `close()` at the end (or use it as a context manager)."""

    def __init__(self, what: str = "rows", stream: TextIO | None = None, enabled: bool = True,
                 every: float = 10.0, min_total: int = 500) -> None:
        self.what = what
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.every = every
        self.min_total = min_total  # a few hundred rows take a second or two: no bar for them
        self.started = time.perf_counter()
        self.last_line = self.started
        self.bar = None

    def update(self, done: int, total: int) -> None:
        if not self.enabled or total < self.min_total:
            return
        if self.stream.isatty():
            if self.bar is None:
                from tqdm import tqdm

                self.bar = tqdm(total=total, unit=" " + self.what, file=self.stream, leave=False,
                                dynamic_ncols=True, desc="categorizing")
            self.bar.update(done - self.bar.n)
            return
        now = time.perf_counter()
        if now - self.last_line >= self.every and done < total:
            self.last_line = now
            rate = done / (now - self.started)
            print(f"categorized {done:,} of {total:,} {self.what} ({done / total:.0%}, {rate:,.0f}/s)",
                  file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
