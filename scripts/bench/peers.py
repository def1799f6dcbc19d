"""Peers: what a user would pick instead of LoRA, on the same encoder and the same training items.

- `frozen_lr`: the bundled all-MiniLM-L6-v2 as its authors ship it for sentence-transformers (mean
  pooling over the last hidden state, then L2 normalisation), frozen; scikit-learn's
  LogisticRegression on the embeddings, C chosen by validation accuracy (ties: lower log loss).
- `setfit`: SetFit (contrastive fine-tuning of the same encoder, then its default logistic-regression
  head), `num_iterations` pairs per item and per epoch as below, 1 epoch, batches of 16 pairs.

Each trains in its own process, measured like a preset (`bench_train.py --peer-run NAME DIR`): load,
encode or fine-tune, fit, save. Scoring (val, test, eval/) comes after, outside the timed process;
training ends at one moment, so its time to accuracy is that moment. The validation split chooses
C and is not trained on. Needs the `bench` extra: `pip install -e ".[bench]"`.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.data import read_splits
from bench.process import run_measured
from bench.scoring import heldout, model_split_scores

PEERS = ("frozen_lr", "setfit")
C_GRID = (0.01, 0.1, 1.0, 10.0, 100.0, 1000.0)
MAX_LENGTH = 64  # tokens, as the presets' --data.max_length
SETFIT_ITERATIONS = 5  # pairs per item: 840 items give 8,400 pairs, 525 steps of 16
SETFIT_MAX_STEPS = 525  # the same budget for larger training sets (SetFit's max_steps caps the pairs drawn)
SETFIT_BATCH = 16  # SetFit's default


def check_installed() -> None:
    """One clear line before any run starts when the bench extra is missing."""
    import importlib.util

    needed = ("setfit", "sklearn", "sentence_transformers")
    missing = [name for name in needed if importlib.util.find_spec(name) is None]
    if missing:
        raise SystemExit(f"the peers need {', '.join(missing)}: pip install -e \".[bench]\" (or --peers to run none)")


def load_body():  # noqa: ANN201 - a SentenceTransformer
    """The bundled encoder, offline, with the presets' length cap."""
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    from expense_classifier.inference.backbones import bundled_model_path

    hf_logging.disable_progress_bar()
    body = SentenceTransformer(bundled_model_path(), device="cpu", local_files_only=True)
    body.max_seq_length = MAX_LENGTH
    return body


# -- training (in the measured child process) -------------------------------------------------------


def train_frozen_lr(out: Path, splits: dict, seed: int) -> dict:
    """Frozen embeddings, a logistic regression per C on train, the best on validation kept."""
    import joblib
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss

    body = load_body()
    started = time.perf_counter()
    x_train = body.encode([r["item"] for r in splits["train"]])
    x_val = body.encode([r["item"] for r in splits["val"]])
    y_train, y_val = [r["category"] for r in splits["train"]], [r["category"] for r in splits["val"]]
    tried = []
    for c in C_GRID:
        head = LogisticRegression(C=c, max_iter=5000, random_state=seed).fit(x_train, y_train)
        tried.append((head.score(x_val, y_val), -log_loss(y_val, head.predict_proba(x_val), labels=head.classes_),
                      c, head))
    val_acc, _, c, head = max(tried, key=lambda t: t[:2])
    trained_unix, seconds = time.time(), time.perf_counter() - started
    joblib.dump(head, out / "head.joblib")
    return {"trained_unix": trained_unix, "train_seconds": seconds, "C": c,
            "val_acc_by_C": {str(t[2]): t[0] for t in tried},
            "adapter_mb": (out / "head.joblib").stat().st_size / 1024**2}


def train_setfit(out: Path, splits: dict, seed: int, iterations: int, max_steps: int | None) -> dict:
    """SetFit's own Trainer on the training split (no evaluation set: SetFit would train its body on it too)."""
    from datasets import Dataset
    from setfit import SetFitModel, Trainer, TrainingArguments
    from transformers.utils import logging as hf_logging

    from expense_classifier.inference.backbones import bundled_model_path

    hf_logging.disable_progress_bar()
    train = splits["train"]
    labels = sorted({r["category"] for r in train})
    model = SetFitModel.from_pretrained(bundled_model_path(), labels=labels, local_files_only=True)
    args = TrainingArguments(output_dir=str(out / "trainer"), batch_size=SETFIT_BATCH, num_epochs=1,
                             num_iterations=iterations, max_steps=max_steps or -1, max_length=MAX_LENGTH, seed=seed,
                             report_to="none", save_strategy="no", show_progress_bar=False)
    trainer = Trainer(model=model, args=args, train_dataset=Dataset.from_dict(
        {"text": [r["item"] for r in train], "label": [r["category"] for r in train]}))
    started = time.perf_counter()
    trainer.train()
    trained_unix, seconds = time.time(), time.perf_counter() - started
    model.save_pretrained(str(out / "model"))
    steps = trainer.st_trainer.state.global_step
    size = sum(f.stat().st_size for f in (out / "model").rglob("*") if f.is_file()) / 1024**2
    return {"trained_unix": trained_unix, "train_seconds": seconds, "epochs": 1, "batch_size": SETFIT_BATCH,
            "setfit": {"num_iterations": iterations, "max_steps": max_steps, "steps": steps,
                       "pairs": steps * SETFIT_BATCH, "head": type(model.model_head).__name__},
            "adapter_mb": size}


def train_peer(name: str, out: Path, splits_file: Path, seed: int, iterations: int, max_steps: int | None) -> None:
    """The child process's work: train one peer, write out/metrics.json."""
    splits = read_splits(splits_file)
    if name == "frozen_lr":
        report = train_frozen_lr(out, splits, seed)
    else:
        report = train_setfit(out, splits, seed, iterations, max_steps)
    (out / "metrics.json").write_text(json.dumps(report))


# -- scoring (in the benchmark's own process, not timed) -------------------------------------------


@dataclass
class PeerModel:
    """A trained peer answering like a Categorizer: `probabilities(texts)` and `id2label`, all scoring needs."""

    predict_proba: Callable[[list[str]], object]
    id2label: dict[int, str]

    def probabilities(self, texts: list[str]):  # noqa: ANN201 - a float tensor, one row per text
        import numpy as np
        import torch

        return torch.as_tensor(np.asarray(self.predict_proba(list(texts))), dtype=torch.float32)


def load_peer(name: str, out: Path) -> PeerModel:
    if name == "frozen_lr":
        import joblib

        body, head = load_body(), joblib.load(out / "head.joblib")
        return PeerModel(lambda texts: head.predict_proba(body.encode(texts)), dict(enumerate(map(str, head.classes_))))
    from setfit import SetFitModel

    model = SetFitModel.from_pretrained(str(out / "model"), local_files_only=True)
    classes = [model.labels[int(c)] if not isinstance(c, str) else c for c in model.model_head.classes_]
    return PeerModel(lambda texts: model.predict_proba(texts, as_numpy=True), dict(enumerate(classes)))


def run_peer(name: str, work: Path, splits_file: Path, splits: dict, seed: int, env: dict[str, str], entry: Path,
             iterations: int = SETFIT_ITERATIONS, max_steps: int | None = SETFIT_MAX_STEPS) -> dict:
    """One peer in its own process (`entry --peer-run NAME DIR`), measured; then scored like a preset."""
    print(f"{name} (peer, seed {seed}) ...", flush=True)
    out = work / f"{name}_{seed}"
    out.mkdir()
    command = [sys.executable, str(entry), "--peer-run", name, str(out), "--splits", str(splits_file),
               "--seeds", str(seed), "--setfit-iterations", str(iterations),
               "--setfit-max-steps", str(max_steps or 0)]
    measured = run_measured(command, work, env)
    report = json.loads((out / "metrics.json").read_text())
    model = load_peer(name, out)
    final = heldout(model)
    seconds = report.pop("trained_unix") - measured["started_unix"]
    return {"kind": "peer", **measured, "epochs": None, "batch_size": None, "samples_per_s": None, **report,
            **model_split_scores(model, splits, ("val", "test")), "heldout": final, "seed": seed,
            "seconds_to_final": seconds, "seconds_to_final_by_file": dict.fromkeys(final, seconds)}
