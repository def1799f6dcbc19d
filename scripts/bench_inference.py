"""Inference benchmark: `Categorizer` (length-sorted batches, LoRA merged, [CLS]-only last layer,
inference mode, optional int8) against a naive baseline in the same run (fixed batches of 128 in input
order, unmerged adapter, fp32).

    python scripts/bench_inference.py                          # newest run's adapter
    python scripts/bench_inference.py --model lightning_logs/version_0/adapter --items 2000
"""

from __future__ import annotations

import argparse
import datetime
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import torch
from bench_train import update_readme

from expense_classifier.data.generator import generate_items
from expense_classifier.inference.categorizer import Categorizer, newest_adapter


def naive_probabilities(categorizer: Categorizer, tokenizer, texts: list[str],  # noqa: ANN001
                        batch_size: int = 128) -> torch.Tensor:
    """What a first script does: input order, fixed batches, padding to each batch's longest, no_grad."""
    out = []
    with torch.no_grad():
        for start in range(0, len(texts), batch_size):
            batch = tokenizer(texts[start : start + batch_size], padding=True, truncation=True,
                              max_length=categorizer.max_length, return_tensors="pt")
            logits = categorizer.model(batch["input_ids"], batch["attention_mask"])
            out.append(torch.softmax(logits, -1))
    return torch.cat(out)


def timed(fn, repeats: int = 3) -> tuple[float, torch.Tensor]:  # noqa: ANN001
    """Best of `repeats` wall times (the least disturbed by the rest of the machine)."""
    best, result = float("inf"), None
    for _ in range(repeats):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


FAST = "Categorizer fp32 (sorted, merged, plain-torch encoder, [CLS]-only last layer)"
BF16 = "Categorizer bf16 (the same, in bfloat16: the default on a CPU with native bf16)"
TEN_ITEM_RECEIPT = """CORNER MARKET #12
1. Uber ride to airport        23.50
2. 2x whole milk                6.98
3. Electric bill               84.10
4. Netflix subscription        15.49
5. Starbucks latte              4.75
6. Shell gas station           41.00
7. CVS pharmacy                12.30
8. Amazon order                27.99
9. Gym membership              35.00
10. Hotel stay 2 nights       310.00
TOTAL                         561.11
"""


def categorize_process_seconds(model: Path, repeats: int = 3) -> list[float]:
    """Wall time of `python -m expense_classifier categorize` on a 10-item receipt, as a user runs it."""
    seconds = []
    with tempfile.TemporaryDirectory() as tmp:
        receipt = Path(tmp) / "receipt.txt"
        receipt.write_text(TEN_ITEM_RECEIPT)
        for _ in range(repeats):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "expense_classifier", "categorize", str(receipt), "--model",
                            str(model)], check=True, capture_output=True)
            seconds.append(time.perf_counter() - started)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=None, help="adapter directory (default: newest run)")
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--json", type=Path, default=Path("bench_inference.json"))
    parser.add_argument("--readme", type=Path, help="rewrite the inference table in this README")
    args = parser.parse_args()
    model = args.model or newest_adapter()

    process_seconds = categorize_process_seconds(model)
    started = time.perf_counter()
    fast = Categorizer.load(model)
    first = fast.predict(["Uber ride to airport"])[0]
    load_and_answer = time.perf_counter() - started

    records = generate_items(args.items, seed=2024)  # not the training seed
    texts = [r["item"] for r in records]
    label2id = {v: k for k, v in fast.id2label.items()}
    target = torch.tensor([label2id[r["category"]] for r in records])

    from transformers import AutoTokenizer

    naive = Categorizer.load(model, merge=False, bf16=False)
    fp32_model = Categorizer.load(model, bf16=False)
    hf_tokenizer = AutoTokenizer.from_pretrained(str(model))
    quantized = Categorizer.load(model, quantize=True)
    runs = {
        "naive (batches of 128, input order, unmerged, fp32)": lambda: naive_probabilities(naive, hf_tokenizer, texts),
        FAST: lambda: fp32_model.probabilities(texts),
        "Categorizer --quantize (dynamic int8)": lambda: quantized.probabilities(texts),
    }
    if fast.precision == "bfloat16":  # the default where the CPU computes bf16 natively
        runs[BF16] = lambda: fast.probabilities(texts)
    results = {}
    for name, fn in runs.items():
        seconds, probs = timed(fn)
        results[name] = {"seconds": seconds, "items_per_s": len(texts) / seconds,
                         "accuracy": float((probs.argmax(-1) == target).float().mean()),
                         "predictions": probs.argmax(-1)}
    baseline = next(iter(results.values()))
    fp32 = results[FAST]
    same = bool(torch.equal(fp32["predictions"], baseline["predictions"]))
    bf16_same = (f"; bf16 top category the same as fp32 for "
                 f"{float((results[BF16]['predictions'] == fp32['predictions']).float().mean()):.1%} of the items"
                 if BF16 in results else "")

    lines = [f"`categorize` of a 10-item receipt, whole process: median {statistics.median(process_seconds):.2f} s "
             f"(runs: {', '.join(f'{s:.2f}' for s in process_seconds)})",
             f"load + first answer in a running process: {load_and_answer:.2f} s "
             f"({first.category} {first.confidence:.2f})",
             f"fp32 predictions identical to the baseline: {same}{bf16_same}", "",
             "| run | items/s | ratio | accuracy |", "|---|---|---|---|"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['items_per_s']:.0f} | {r['items_per_s'] / baseline['items_per_s']:.2f}x | "
                     f"{r['accuracy']:.4f} |")
    text = (f"Measured {datetime.date.today().isoformat()} by `python scripts/bench_inference.py` on "
            f"{len(texts)} generated items (seed 2024), best of 3 each.\n\n" + "\n".join(lines))
    print(f"model: {model}\n\n{text}")
    report = {"model": str(model), "items": len(texts), "load_and_first_answer_s": load_and_answer,
              "categorize_process_s": process_seconds,
              "fp32_same_predictions": same,
              "runs": {name: {k: v for k, v in r.items() if k != "predictions"} for name, r in results.items()}}
    args.json.write_text(json.dumps(report, indent=2))
    print(f"written: {args.json}")
    if args.readme:
        update_readme(args.readme, text, marker="bench_inference")
        print(f"updated: {args.readme}")


if __name__ == "__main__":
    main()
