"""Bad input, interruption and resume, determinism, and DDP on two CPU processes."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from helpers import best_checkpoint_state

from expense_classifier.cli import main
from expense_classifier.data.generator import generate_items
from expense_classifier.data.io import read_records


def fit_args(backbone: Path, *extra: str) -> list[str]:
    return ["fit", "--config", "quick.yaml", "--model.backbone", str(backbone), "--data.num_samples", "96",
            "--trainer.enable_progress_bar", "false", "--trainer.precision", "32-true", *extra]


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data))
    return path


GOOD = generate_items(40, seed=5)

BAD_TRAIN_FILES = [
    ("missing.json", None, "missing.json: no such file"),
    ("empty.json", "", "empty.json: the file is empty"),
    ("broken.json", '[{"item": "milk", "category": "Food"},\n {"item": oops}]',
     "broken.json: line 2, column 11: invalid JSON"),
    ("dict.json", '{"item": "milk", "category": "Food"}', "expected a JSON list of objects"),
    ("strings.json", '["milk", "bread"]', "row 1: expected an object, got str"),
    ("nokey.json", '[{"text": "milk", "category": "Food"}]',
     "row 1: missing key 'item' (keys found: 'text', 'category')"),
    ("numlabel.json", '[{"item": "milk", "category": 3}]',
     "row 1: 'category' must be a non-empty category name, got 3"),
    ("blank.json", '[{"item": "  ", "category": "Food"}, {"item": "", "category": "Food"}]',
     "no usable items (all 2 rows are empty)"),
    ("one.json", json.dumps([{"item": f"milk {i}", "category": "Food"} for i in range(10)]),
     "only one category (Food)"),
    ("nolabel.csv", "item,amount\nmilk,3\n",
     "no column 'category' (columns found: 'item', 'amount'); set --data.label_column"),
    ("latin1.csv", b"item,category\nmilk,Food\n" + "caf\xe9,Food\n".encode("latin-1"),
     "latin1.csv: line 3: bytes that are not UTF-8"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_TRAIN_FILES, ids=[c[0] for c in BAD_TRAIN_FILES])
def test_bad_training_file_is_one_line_exit_2_and_nothing_written(workdir, tiny_distilbert, capsys, name, content,
                                                                   message):
    path = workdir / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    assert main(fit_args(tiny_distilbert, "--data.train_path", str(path))) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and message in err and len(err.splitlines()) == 1
    assert "Traceback" not in err
    assert not (workdir / "lightning_logs").exists()


def test_unseen_test_label_names_the_file_and_item(workdir, tiny_distilbert, capsys):
    train = write_json(workdir / "train.json", GOOD)
    test = write_json(workdir / "test.json", [GOOD[0], {"item": "Dog food", "category": "Pets"}])
    assert main(fit_args(tiny_distilbert, "--data.train_path", str(train), "--data.test_path", str(test))) == 2
    err = capsys.readouterr().err
    assert "test.json: item 2 ('Dog food'): category 'Pets' is not in the training data" in err


def test_empty_items_are_skipped_and_duplicates_counted_then_kept_or_dropped(tmp_path):
    rows = [*GOOD[:5], {"item": "   ", "category": "Food"}, GOOD[0], GOOD[0]]
    path = write_json(tmp_path / "items.json", rows)
    kept, report = read_records(path)
    assert len(kept) == 7 and report.empty_items == 1 and report.duplicates == 2
    dropped, _ = read_records(path, drop_duplicates=True)
    assert len(dropped) == 5
    assert any("2 duplicate rows kept" in note for note in report.notes)


def test_a_config_typo_gets_lightning_clis_own_error(workdir, tiny_distilbert, capsys):
    with pytest.raises(SystemExit) as stop:
        main(fit_args(tiny_distilbert, "--trainer.max_epoch", "3"))
    assert stop.value.code == 2
    assert "max_epoch" in capsys.readouterr().err


def test_a_100k_row_csv_loads(tmp_path):
    path = tmp_path / "big.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["item", "category"])
        for i in range(100_000):
            record = GOOD[i % len(GOOD)]
            writer.writerow([f"{record['item']} {i}", record["category"]])
    records, report = read_records(path)
    assert len(records) == 100_000 and report.duplicates == 0


def last_checkpoint(run: Path) -> dict:
    return torch.load(run / "lightning_logs" / "version_0" / "checkpoints" / "last.ckpt", weights_only=True)


def same_weights(a: dict, b: dict) -> bool:
    return all(torch.equal(a["state_dict"][k], b["state_dict"][k]) for k in a["state_dict"])


def best_score(checkpoint: dict) -> float:
    return float(best_checkpoint_state(checkpoint)["best_model_score"])


@pytest.mark.slow
def test_sigterm_mid_epoch_saves_last_and_resume_matches_an_uninterrupted_run(tmp_path, tiny_distilbert,
                                                                               monkeypatch, capsys):
    args = fit_args(tiny_distilbert, "--trainer.max_epochs", "3", "--data.batch_size", "8")  # 9 batches/epoch
    plain, interrupted = tmp_path / "plain", tmp_path / "interrupted"
    for directory in (plain, interrupted):
        directory.mkdir()
    monkeypatch.chdir(plain)
    assert main(args) == 0
    monkeypatch.chdir(interrupted)
    code = main([*args, "--trainer.callbacks+=helpers.SendSignalAtStep", "--trainer.callbacks.step=13"])
    assert code == 143
    saved = last_checkpoint(interrupted)
    assert saved["global_step"] == 13  # mid-way through the second epoch
    assert not (interrupted / "lightning_logs" / "version_0" / "adapter").exists()
    assert "Interrupted (SIGTERM) at step 13" in capsys.readouterr().out
    assert main([*args, "--ckpt_path", "last"]) == 0
    expected, resumed = last_checkpoint(plain), last_checkpoint(interrupted)
    assert resumed["global_step"] == expected["global_step"] == 27
    assert best_score(resumed) == best_score(expected)
    assert same_weights(resumed, expected)
    assert (interrupted / "lightning_logs" / "version_0" / "adapter" / "adapter_model.safetensors").exists()


@pytest.mark.slow
def test_same_command_twice_gives_the_same_model(tmp_path, tiny_distilbert, monkeypatch):
    runs = []
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        monkeypatch.chdir(tmp_path / name)
        assert main(fit_args(tiny_distilbert, "--trainer.max_epochs", "2")) == 0
        runs.append(last_checkpoint(tmp_path / name))
    assert best_score(runs[0]) == best_score(runs[1])
    assert same_weights(*runs)


@pytest.mark.slow
def test_ddp_on_two_cpu_processes_trains_and_rank_zero_writes_one_adapter(workdir, tiny_distilbert):
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(Path(__file__).parent)}
    result = subprocess.run(
        [sys.executable, "-m", "expense_classifier", *fit_args(
            tiny_distilbert, "--trainer.max_epochs", "2", "--trainer.accelerator", "cpu",
            "--trainer.devices", "2", "--trainer.strategy", "ddp")],
        cwd=workdir, env=env, capture_output=True, text=True, timeout=240,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    runs = list((workdir / "lightning_logs").glob("version_*"))
    assert len(runs) == 1
    assert (runs[0] / "adapter" / "adapter_model.safetensors").exists()
    assert "2 processes" in result.stdout
    assert result.stdout.count("Adapter written to") == 1
