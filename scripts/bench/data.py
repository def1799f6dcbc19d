"""The benchmark's data: exactly what the presets train on, resolved once and handed to every run.

The presets' own CLI resolves the `--data.*` options (`fit --config <preset> ... --print_config`), the
project's datamodule makes the split from them, and the split goes to a JSON file that the reference
and the peers read (so they import no Lightning to get it). After a preset's run, its adapter's
record of its training data is compared with the same record: a run trained on other data says so.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

Records = list[dict[str, str]]
PATH_OPTIONS = ("--data.train_path", "--data.val_path", "--data.test_path")


def absolute_paths(options: list[str]) -> list[str]:
    """`--data.train_path x.csv` made absolute: runs start in their own directories."""
    out = list(options)
    for i, option in enumerate(out):
        name, equals, value = option.partition("=")
        if name not in PATH_OPTIONS:
            continue
        if equals:
            out[i] = f"{name}={Path(value).resolve()}"
        elif i + 1 < len(out):
            out[i + 1] = str(Path(out[i + 1]).resolve())
    return out


def parse_data_options(text: str) -> list[str]:
    """The `--data` option's text (`"--data.num_samples 3000"`), split as a shell would, paths made absolute."""
    options = absolute_paths(shlex.split(text))
    other = [option for option in options if option.startswith("--") and not option.startswith("--data.")]
    if other:
        raise SystemExit(f"--data takes only --data.* options, got {other[0]}")
    return options


def data_record(preset: str, options: list[str], env: dict[str, str]) -> dict:
    """The split-defining data settings a preset resolves to with these options (as its adapter records them)."""
    from expense_classifier.training.callbacks.adapter import training_data_record

    command = [sys.executable, "-m", "expense_classifier", "fit", "--config", f"{preset}.yaml", *options,
               "--print_config"]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{shlex.join(command)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return training_data_record(yaml.safe_load(done.stdout)["data"])


def make_splits(record: dict) -> dict[str, Records]:
    """train/val(/test) records as the datamodule makes them from this record (generated or read from files)."""
    from expense_classifier.data.datamodule import ExpenseDataModule

    return ExpenseDataModule(**{key: value for key, value in record.items() if value is not None}).splits


def write_splits(path: Path, splits: dict[str, Records]) -> None:
    path.write_text(json.dumps(splits))


def read_splits(path: Path) -> dict[str, Records]:
    return json.loads(path.read_text())


def describe(record: dict, splits: dict[str, Records]) -> str:
    """One line for the report: where the items came from and how many each split has."""
    sizes = " / ".join(f"{len(records):,} {name}" for name, records in splits.items())
    source = record.get("train_path") or f"{record['num_samples']:,} generated items (data seed {record['seed']})"
    return f"{source}: {sizes}"
