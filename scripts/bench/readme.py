"""Rewriting a README's marked block: what the `bench_*` scripts do with their text."""

from __future__ import annotations

import sys
from pathlib import Path


def update_readme(path: Path, text: str, marker: str = "bench_train") -> None:
    """Replace what stands between `<!-- marker:start -->` and `<!-- marker:end -->` in a README."""
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    content = path.read_text()
    if start not in content:
        sys.exit(f"{path} has no {start} ... {end} markers")
    before, rest = content.split(start, 1)
    after = rest.split(end, 1)[1]
    path.write_text(f"{before}{start}\n{text}\n{end}{after}")
