"""Run and adapter directories: the adapter's metadata file, publishing a directory whole, finding the
newest run and numbering the next; the one atomic file write. One owner, no Lightning import, so
inference (`Categorizer`, `categorize`, `export`) loads without the training stack."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

# The adapter directory's own metadata: id2label, backbone, max_length, temperature.
METADATA_FILE = "expense_classifier.json"


def atomic_directory(target: Path) -> Path:
    """A fresh temporary directory beside `target`, to be renamed onto it when complete."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))


def publish_directory(tmp: Path, target: Path) -> None:
    """Replace `target` with the completed `tmp` directory."""
    if target.exists():
        shutil.rmtree(target)
    tmp.rename(target)


def newest_in_runs(root: str | Path, relative: str) -> Path | None:
    """The most recently written `<root>/version_*/<relative>` (a run's adapter, its last.ckpt), if any."""
    found = sorted(Path(root).glob(f"version_*/{relative}"), key=lambda p: p.stat().st_mtime)
    return found[-1] if found else None


def next_version(root: Path) -> int:
    """The number the next `<root>/version_N` run directory gets (as Lightning's loggers count)."""
    versions = [int(p.name.removeprefix("version_")) for p in Path(root).glob("version_*")
                if p.name.removeprefix("version_").isdigit()]
    return max(versions, default=-1) + 1


def write_atomic(path: Path, data: str | bytes | memoryview) -> None:
    """Write whole or not at all: a temporary name beside `path`, then a rename (atomic within a directory)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        if isinstance(data, str):
            tmp.write_text(data, encoding="utf-8")
        else:
            tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
