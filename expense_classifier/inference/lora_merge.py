"""Fold a saved peft LoRA adapter into its base model without importing peft.

Importing peft costs ~2.7 s here, more than the rest of a 10-item `categorize`. Merging plain LoRA
is one line of algebra per adapted Linear (W += B @ A * alpha / r) plus copying the fully trained
head, so inference does it by hand from `adapter_config.json` and `adapter_model.safetensors`.
Anything beyond plain LoRA (DoRA, per-module ranks, fan-in/fan-out layers, ...) is not handled here:
`can_merge_by_hand` says no and the caller uses peft. Tests compare the result with peft's
`merge_and_unload`.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import torch
from safetensors.torch import load_file

PREFIX = "base_model.model."
ADAPTER_WEIGHTS = "adapter_model.safetensors"
# Options that change what a saved LoRA means; with any of them set, peft does the merge.
_UNHANDLED = ("use_dora", "fan_in_fan_out", "alpha_pattern", "rank_pattern", "layer_replication",
              "lora_bias", "trainable_token_indices", "target_parameters", "use_bdlora", "use_qalora")


def read_adapter_config(directory: Path) -> dict:
    return json.loads((directory / "adapter_config.json").read_text())


def can_merge_by_hand(directory: Path) -> bool:
    """Plain LoRA in safetensors: what `merge_adapter` understands."""
    config = read_adapter_config(directory)
    return (config.get("peft_type") == "LORA" and (directory / ADAPTER_WEIGHTS).is_file()
            and config.get("bias", "none") == "none" and not any(config.get(key) for key in _UNHANDLED))


def lora_scaling(config: dict) -> float:
    rank, alpha = config["r"], config["lora_alpha"]
    return alpha / math.sqrt(rank) if config.get("use_rslora") else alpha / rank


@torch.no_grad()
def merged_state(state: dict[str, torch.Tensor], directory: Path) -> dict[str, torch.Tensor]:
    """`state` (transformers names) with each LoRA product added to its weight and the saved head weights."""
    config = read_adapter_config(directory)
    scaling = lora_scaling(config)
    source = directory / ADAPTER_WEIGHTS
    adapter = {key.removeprefix(PREFIX): value for key, value in load_file(str(source)).items()}
    merged = dict(state)
    for key in sorted(adapter):
        if key.endswith(".lora_A.weight"):
            name = key.removesuffix(".lora_A.weight") + ".weight"
            if name not in merged:
                raise ValueError(f"{source}: {name} is not a weight of the base model")
            down, up = adapter[key].float(), adapter[key.replace(".lora_A.", ".lora_B.")].float()
            merged[name] = merged[name] + (up @ down).to(merged[name].dtype) * scaling
        elif not key.endswith(".lora_B.weight"):  # a fully trained module (modules_to_save): taken as saved
            if key in merged and merged[key].shape != adapter[key].shape:
                raise ValueError(f"{source}: {key} has shape {tuple(adapter[key].shape)}, "
                                 f"the model {tuple(merged[key].shape)}")
            merged[key] = adapter[key]
    return merged


def merge_adapter(model: torch.nn.Module, directory: Path) -> torch.nn.Module:
    """Load the merged weights into a transformers model, in place."""
    state = model.state_dict()
    merged = merged_state(state, directory)
    unknown = sorted(merged.keys() - state.keys())
    if unknown:
        raise ValueError(f"{directory / ADAPTER_WEIGHTS}: {unknown[0]} is not a weight of the base model")
    model.load_state_dict(merged)
    return model
