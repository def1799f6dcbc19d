"""Compute: useful FLOPs per token of a run, against what this CPU's matrix units deliver.

Measured during the benchmark (and stored in its JSON): the mean length of the training items in
tokens and what a large matrix multiply reaches in fp32 and bf16. The FLOPs model is below.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path


def encoder_dims() -> dict[str, int]:
    """The bundled backbone's sizes (what every run here trains)."""
    from expense_classifier.inference.backbones import bundled_model_path

    config = json.loads((Path(bundled_model_path()) / "config.json").read_text())
    return {"hidden": config["hidden_size"], "intermediate": config["intermediate_size"],
            "layers": config["num_hidden_layers"]}


def layer_forward_flops(tokens: float, dims: dict[str, int]) -> float:
    """Forward FLOPs of one encoder layer per token: 4 attention projections, 2 feed-forward matmuls, attention."""
    hidden, intermediate = dims["hidden"], dims["intermediate"]
    return 2 * (4 * hidden * hidden + 2 * hidden * intermediate) + 4 * hidden * tokens


def training_gflop(run: dict, dims: dict[str, int], mean_tokens: float, items: int) -> float:
    """Useful training work of a run, in GFLOP: real (unpadded) tokens only.

    Trained layers: forward plus backward to their inputs (the frozen base weights get no weight
    gradient; LoRA's and the head's are under 1%), so 2x forward per token and epoch. A frozen,
    cached prefix: one forward per item in all.
    """
    frozen = int(run.get("frozen_layers", 0))
    per_token = layer_forward_flops(mean_tokens, dims)
    trained = 2 * per_token * (dims["layers"] - frozen) * mean_tokens * items * run["epochs"]
    prefix = per_token * frozen * mean_tokens * items
    return (trained + prefix) / 1e9


def gemm_gflops(dtype, size: int = 2048, repeats: int = 5) -> float:  # noqa: ANN001
    """What a large matrix multiply reaches on this CPU: the practical peak the runs are measured against."""
    import torch

    a, b = torch.randn(size, size).to(dtype), torch.randn(size, size).to(dtype)
    torch.matmul(a, b)
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        torch.matmul(a, b)
        best = min(best, time.perf_counter() - started)
    return 2 * size**3 / best / 1e9


def measure_compute(train: list[dict[str, str]]) -> dict:
    """The facts the compute table needs: mean training-item length, GEMM peaks, encoder sizes, native bf16."""
    import torch

    from expense_classifier.inference.backbones import bundled_model_path
    from expense_classifier.inference.tokenization import encode, load_tokenizer
    from expense_classifier.resources import native_bf16

    ids, _ = encode(load_tokenizer(Path(bundled_model_path())), [r["item"] for r in train], 64)
    return {"mean_tokens": statistics.fmean(len(i) for i in ids), "train_items": len(train), "dims": encoder_dims(),
            "gemm_gflops": {"32-true": gemm_gflops(torch.float32), "bf16-mixed": gemm_gflops(torch.bfloat16)},
            "native_bf16": native_bf16()}
