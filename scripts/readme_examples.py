"""Rewrite the README's example outputs from the real commands, so they cannot drift from the code.

A block in README.md looks like this (the command is in the opening marker, run from the repo root):

    <!-- example: python -m expense_classifier categorize examples/statement.csv --output categorized.csv -->
    ```
    $ python -m expense_classifier categorize examples/statement.csv --output categorized.csv
    ...what it printed...
    ```
    <!-- /example -->

Each command runs in a scratch directory that sees the repo's `examples/` and, as `lightning_logs/`,
the runs of the model given (default: the newest run's adapter here), so files it writes land in the
scratch directory. PNGs a command writes there that the README shows from `docs/` are copied over
(`--png categorized_spending.png=docs/statement_spending.png`).

    python scripts/readme_examples.py                       # rewrite README.md with the newest adapter
    python scripts/readme_examples.py --model lightning_logs/version_3/adapter --check   # exit 1 if stale
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"(<!-- example: (?P<command>.+?) -->\n)```\n.*?```\n(<!-- /example -->)", re.DOTALL)
DEFAULT_PNGS = ("categorized_spending.png=docs/statement_spending.png",
                "checking_by_month.png=docs/four_months_by_month.png")


def newest_adapter(root: Path) -> Path:
    runs = sorted((p for p in (root / "lightning_logs").glob("version_*/adapter")),
                  key=lambda p: int(p.parent.name.removeprefix("version_")))
    if not runs:
        raise SystemExit(f"error: no adapter under {root}/lightning_logs: run `fit` first or pass --model")
    return runs[-1]


def scratch_directory(model: Path) -> Path:
    """A directory where `categorize` finds `model` as the newest run's adapter and `examples/` as in the repo."""
    scratch = Path(tempfile.mkdtemp(prefix="readme-examples-"))
    (scratch / "lightning_logs").mkdir()
    (scratch / "lightning_logs" / "version_0").symlink_to(model.resolve().parent, target_is_directory=True)
    (scratch / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    return scratch


def run_command(command: str, cwd: Path) -> str:
    """What the command printed, stdout and stderr in the order a terminal shows them."""
    words = shlex.split(command)
    if words[:3] != ["python", "-m", "expense_classifier"]:
        raise SystemExit(f"error: README example {command!r} is not a `python -m expense_classifier` command")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "COLUMNS": "100"}
    result = subprocess.run([sys.executable, *words[1:]], cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, timeout=600)
    if result.returncode != 0:
        raise SystemExit(f"error: `{command}` exited {result.returncode}:\n{result.stdout[-2000:]}")
    return result.stdout


def rewrite(text: str, cwd: Path) -> tuple[str, list[str]]:
    """README text with every example block replaced by its command's output; the commands run."""
    commands: list[str] = []

    def replace(match: re.Match) -> str:
        command = match["command"].strip()
        commands.append(command)
        output = run_command(command, cwd).rstrip("\n")
        return f"{match.group(1)}```\n$ {command}\n{output}\n```\n{match.group(3)}"

    return BLOCK.sub(replace, text), commands


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, help="adapter directory (default: the newest run's adapter here)")
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    parser.add_argument("--png", action="append", default=None,
                        help="WRITTEN=DEST: copy a PNG a command wrote to DEST (relative to the README)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a block is stale")
    args = parser.parse_args(argv)
    model = args.model or newest_adapter(ROOT)
    scratch = scratch_directory(model)
    try:
        before = args.readme.read_text(encoding="utf-8")
        after, commands = rewrite(before, scratch)
        if not commands:
            raise SystemExit(f"error: {args.readme} has no `<!-- example: … -->` blocks")
        stale = after != before
        print(f"{len(commands)} example(s) run with {model}: {'stale' if stale else 'up to date'}")
        if args.check:
            return 1 if stale else 0
        args.readme.write_text(after, encoding="utf-8")
        for pair in args.png if args.png is not None else DEFAULT_PNGS:
            written, dest = pair.split("=", 1)
            if (scratch / written).exists():
                shutil.copyfile(scratch / written, args.readme.parent / dest)
                print(f"copied {written} to {dest}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
