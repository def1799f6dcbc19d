"""The reference: the original project's pipeline, written from its guide, measured as a separate process.

Hugging Face `Trainer`, LoRA (r=16, alpha=32, dropout 0.1, query/value), every item padded to 64
tokens, the guide's batch-size table, lr 5e-5, warmup min(50, steps//2), logging max(10, steps//5),
pin_memory off, fp32. Its time to accuracy is the end of its training, as it is (it keeps the best
epoch's weights, `load_best_model_at_end`).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from bench.data import read_splits
from bench.process import run_measured
from bench.scoring import heldout, split_scores

EPOCHS = 3  # the original's standard mode


def train_reference(out: Path, splits_file: Path, epochs: int, seed: int) -> None:
    """Train the way the original project did (in the measured child), then write out/metrics.json."""
    import numpy as np
    import psutil
    import torch
    from peft import LoraConfig, TaskType, get_peft_model
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments
    from transformers.utils import logging as hf_logging

    from expense_classifier.inference.backbones import resolve_backbone
    from expense_classifier.resources import table_batch_size

    hf_logging.set_verbosity_error()
    torch.manual_seed(seed)
    splits = read_splits(splits_file)
    train, val = splits["train"], splits["val"]
    labels = sorted({r["category"] for r in train})
    label2id = {label: i for i, label in enumerate(labels)}
    backbone = resolve_backbone("distilbert-base-uncased")
    tokenizer = AutoTokenizer.from_pretrained(backbone.path)

    class Padded(torch.utils.data.Dataset):
        """Pre-tokenized, every item padded to 64 tokens, as the original did."""

        def __init__(self, records: list[dict[str, str]]) -> None:
            self.enc = tokenizer([r["item"] for r in records], padding="max_length", truncation=True,
                                 max_length=64, return_tensors="pt")
            self.labels = torch.tensor([label2id[r["category"]] for r in records])

        def __len__(self) -> int:
            return len(self.labels)

        def __getitem__(self, i: int) -> dict[str, torch.Tensor]:
            return {"input_ids": self.enc["input_ids"][i], "attention_mask": self.enc["attention_mask"][i],
                    "labels": self.labels[i]}

    model = AutoModelForSequenceClassification.from_pretrained(
        backbone.path, num_labels=len(labels), id2label=dict(enumerate(labels)), label2id=label2id)
    model_type = model.config.model_type
    targets = ["q_lin", "v_lin"] if model_type == "distilbert" else ["query", "value"]
    model = get_peft_model(model, LoraConfig(task_type=TaskType.SEQ_CLS, r=16, lora_alpha=32, lora_dropout=0.1,
                                             target_modules=targets))
    batch_size = table_batch_size("quick", psutil.virtual_memory().available)
    steps_per_epoch = len(train) // batch_size
    args = TrainingArguments(
        output_dir=str(out / "trainer"), num_train_epochs=epochs, per_device_train_batch_size=batch_size,
        per_device_eval_batch_size=batch_size, learning_rate=5e-5,
        warmup_steps=min(50, steps_per_epoch // 2), logging_steps=max(10, steps_per_epoch // 5),
        eval_strategy="epoch", save_strategy="epoch", save_total_limit=2, load_best_model_at_end=True,
        metric_for_best_model="accuracy", dataloader_pin_memory=False,
        dataloader_num_workers=min(2, (os.cpu_count() or 1) // 2), fp16=False, bf16=False, use_cpu=True,
        report_to=[], seed=seed, disable_tqdm=True,
    )

    def metrics(pred) -> dict[str, float]:  # noqa: ANN001
        return {"accuracy": float((np.argmax(pred.predictions, -1) == pred.label_ids).mean())}

    trainer = Trainer(model=model, args=args, train_dataset=Padded(train), eval_dataset=Padded(val),
                      compute_metrics=metrics)
    result = trainer.train()
    trained_unix = time.time()
    seconds = result.metrics["train_runtime"]
    report = {"batch_size": batch_size, "epochs": epochs, "train_seconds": seconds, "trained_unix": trained_unix,
              "train_samples": len(train) * epochs, "samples_per_s": len(train) * epochs / seconds,
              "labels": labels, "backbone": backbone.path}
    for name in ("val", "test"):
        if splits.get(name):
            prediction = trainer.predict(Padded(splits[name]))
            report.update(split_scores(np.argmax(prediction.predictions, -1), prediction.label_ids, len(labels), name))
    adapter = out / "adapter"
    model.save_pretrained(str(adapter))
    report["adapter_mb"] = sum(f.stat().st_size for f in adapter.glob("adapter_model*")) / 1024**2
    (out / "metrics.json").write_text(json.dumps(report))


def reference_model(out: Path, report: dict):  # noqa: ANN201 - a Categorizer
    """The reference's saved adapter, loaded for scoring like a preset's (not timed)."""
    from peft import PeftModel

    from expense_classifier.inference.backbones import load_classifier, peft_quietly
    from expense_classifier.inference.categorizer import Categorizer, LogitsOnly
    from expense_classifier.inference.tokenization import load_tokenizer

    id2label = dict(enumerate(report["labels"]))
    with peft_quietly():
        model = PeftModel.from_pretrained(load_classifier(report["backbone"], id2label), str(out / "adapter"))
    return Categorizer(LogitsOnly(model.merge_and_unload()), load_tokenizer(Path(report["backbone"])), id2label, 64)


def run_reference(work: Path, splits_file: Path, seed: int, env: dict[str, str], entry: Path) -> dict:
    """The reference in its own process (`entry --reference-run DIR`), measured; then scored on eval/."""
    print("reference (original pipeline) ...", flush=True)
    out = work / "reference"
    out.mkdir()
    command = [sys.executable, str(entry), "--reference-run", str(out), "--splits", str(splits_file),
               "--seeds", str(seed)]
    measured = run_measured(command, work, env)
    report = json.loads((out / "metrics.json").read_text())
    final = heldout(reference_model(out, report))
    seconds = report.pop("trained_unix") - measured["started_unix"]
    return {"kind": "reference", **measured, **report, "seed": seed, "heldout": final,
            "seconds_to_final": seconds, "seconds_to_final_by_file": dict.fromkeys(final, seconds)}
