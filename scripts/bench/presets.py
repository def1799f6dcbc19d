"""This project's presets, each a `fit` through the real CLI in its own directory and process, measured.

The training seed varies, the data does not. Time to accuracy comes from the timed run itself: it
keeps every epoch's checkpoint (`--checkpoint.save_top_k -1`; a lean checkpoint is ~3 MB written
in memory and renamed, where the default keeps the best two and already writes one at every epoch
that enters them, and `last.ckpt` at every epoch), each checkpoint's file time says when that
epoch's weights existed, and after the run each is scored on eval/ outside the timed process.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.data import make_splits
from bench.process import run_measured
from bench.scoring import heldout, model_split_scores, time_to_final
from expense_classifier.training.lightning_cli import PRESETS

BEFORE = "quick_before"  # the quick preset as it was: LoRA on every layer, 3 epochs, fp32, torch's dropout
BEFORE_ARGS = ("--model.lora_layers null --trainer.max_epochs 3 --trainer.precision 32-true --model.cpu_dropout false "
               "--data.pad_to_multiple_of 1 --data.eval_batch_multiple 1")
EVERY_EPOCH = ["--checkpoint.save_top_k", "-1"]  # every epoch's weights kept, for time to accuracy


def parse_variant(text: str) -> tuple[str, str, list[str]]:
    """`name=preset:--flag value ...`: a preset with extra arguments, benchmarked under its own name."""
    name, _, rest = text.partition("=")
    preset, _, extra = rest.partition(":")
    if not name or preset not in PRESETS:
        raise argparse.ArgumentTypeError(f"{text!r}: expected NAME=PRESET:ARGS with PRESET one of {', '.join(PRESETS)}")
    return name, preset, extra.split()


def run_preset(preset: str, seed: int, work: Path, env: dict[str, str], *, name: str, extra: list[str],
               data_options: list[str], splits: dict, record: dict, curve: bool) -> dict:
    """`fit --config <preset>.yaml` measured; scored on the test split and eval/ (and at each epoch end if `curve`)."""
    print(f"{name} (seed {seed}) ...", flush=True)
    run_root = work / f"{name}_{seed}"
    run_root.mkdir()
    command = [sys.executable, "-m", "expense_classifier", "fit", "--config", f"{preset}.yaml",
               "--seed_everything", str(seed), "--trainer.enable_progress_bar", "false", *EVERY_EPOCH,
               *data_options, *extra]
    measured = run_measured(command, run_root, env)
    run = run_root / "lightning_logs" / "version_0"
    result = {"kind": "preset", **measured, **preset_metrics(run, splits, record), "seed": seed}
    if curve:
        points = heldout_by_epoch(run, measured["started_unix"])
        by_file = time_to_final(points, result["heldout"])
        result.update(epoch_curve=points, seconds_to_final_by_file=by_file,
                      seconds_to_final=None if None in by_file.values() else max(by_file.values()))
    return result


def preset_metrics(run: Path, splits: dict, record: dict) -> dict:
    """The run's own summary; its adapter scored on the test split of the data it trained on, and on eval/."""
    from expense_classifier import Categorizer
    from expense_classifier.inference.categorizer import check_model_dir

    summary = json.loads((run / "summary.json").read_text())
    trained_on = check_model_dir(run / "adapter")["data"]
    same_data = trained_on == record
    if not same_data:  # a variant with its own --data options: scored on its own split
        splits = make_splits(trained_on)
    categorizer = Categorizer.load(run / "adapter")
    samples = len(splits["train"]) * summary["epochs"]
    return {"batch_size": summary["batch_size"], "epochs": summary["epochs"], "best_epoch": summary["best_epoch"],
            "train_seconds": summary["fit_seconds"], "train_samples": samples,
            "samples_per_s": samples / summary["fit_seconds"],
            "val_acc": summary["val_acc"], "val_f1_macro": summary["val_f1_macro"],
            "adapter_mb": summary["adapter_mb"], "precision": summary.get("precision", "32-true"),
            "frozen_layers": summary.get("frozen_layers", 0), "train_items": len(splits["train"]),
            "data": trained_on, "same_data": same_data,
            **model_split_scores(categorizer, splits), "heldout": heldout(categorizer)}


def heldout_by_epoch(run: Path, started_unix: float) -> list[dict]:
    """Each epoch's checkpoint scored on eval/, with the seconds from launch at which it was written.

    The adapter's model is loaded once, unmerged (peft), and each lean checkpoint's weights (LoRA and
    head: all that training changes) are put on it in turn.
    """
    import torch

    from expense_classifier.inference.categorizer import (
        Categorizer,
        LogitsOnly,
        check_model_dir,
        id2label_of,
        transformers_model,
    )
    from expense_classifier.inference.tokenization import load_tokenizer

    adapter = run / "adapter"
    meta = check_model_dir(adapter)
    model = transformers_model(adapter, meta, merge=False)
    categorizer = Categorizer(LogitsOnly(model), load_tokenizer(adapter), id2label_of(meta),
                              int(meta.get("max_length", 64)))
    points = []
    for path in (run / "checkpoints").glob("epoch*.ckpt"):
        checkpoint = torch.load(path, map_location="cpu", weights_only=True)
        state = {key.removeprefix("model."): value for key, value in checkpoint["state_dict"].items()}
        unexpected = model.load_state_dict(state, strict=False).unexpected_keys
        if unexpected:
            raise SystemExit(f"{path}: weights the adapter's model does not have ({unexpected[0]}, …)")
        points.append({"epoch": int(checkpoint["epoch"]) + 1, "seconds": path.stat().st_mtime - started_unix,
                       "heldout": {name: r["acc"] for name, r in heldout(categorizer).items()}})
    return sorted(points, key=lambda point: point["seconds"])
