"""Inference-only speed-up for BERT-style classifiers: the last layer computes the [CLS] row only.

Sequence classification reads just the first token of the last layer (the pooler takes
`hidden[:, 0]`), yet the layer computes every token. Here the last layer attends from [CLS] to all
tokens and runs its feed-forward on that one row: the same [CLS] output for about 1/6 less work
with a 6-layer encoder. Written by hand because transformers has no such option; tests compare it
with the full forward.
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn.functional import scaled_dot_product_attention


class ClsOnlyLastLayer(nn.Module):
    """Wraps a `BertLayer` (same weights) and returns hidden states for position 0 only."""

    def __init__(self, layer: nn.Module) -> None:
        super().__init__()
        self.layer = layer

    def forward(self, hidden_states: torch.Tensor, attention_mask: torch.Tensor | None = None, *args: object,
                **kwargs: object) -> torch.Tensor:
        attention = self.layer.attention.self
        batch, length, _ = hidden_states.shape
        heads, size = attention.num_attention_heads, attention.attention_head_size
        cls = hidden_states[:, :1]
        query = attention.query(cls).view(batch, 1, heads, size).transpose(1, 2)
        key = attention.key(hidden_states).view(batch, length, heads, size).transpose(1, 2)
        value = attention.value(hidden_states).view(batch, length, heads, size).transpose(1, 2)
        mask = attention_mask[:, :, :1, :] if attention_mask is not None else None  # the [CLS] query's row
        context = scaled_dot_product_attention(query, key, value, attn_mask=mask, scale=attention.scaling)
        context = context.transpose(1, 2).reshape(batch, 1, heads * size)
        attended = self.layer.attention.output(context, cls)
        return self.layer.output(self.layer.intermediate(attended), attended)


# What ClsOnlyLastLayer reads of a transformers BertLayer. transformers may rename these in any
# release (pyproject allows any version >= 4.45), so each is checked before the swap.
_LAYER_PARTS = ("attention.self.query", "attention.self.key", "attention.self.value",
                "attention.self.num_attention_heads", "attention.self.attention_head_size", "attention.self.scaling",
                "attention.output", "intermediate", "output")


def has_expected_parts(layer: nn.Module) -> bool:
    """Whether `layer` has every part ClsOnlyLastLayer uses (else the standard layer stays)."""
    for dotted in _LAYER_PARTS:
        node: object = layer
        for name in dotted.split("."):
            if not hasattr(node, name):
                return False
            node = getattr(node, name)
    return isinstance(layer.attention.self.scaling, float)


def cls_only_last_layer(model: nn.Module) -> bool:
    """Swap in `ClsOnlyLastLayer` where the model is a BERT-style classifier using sdpa; say if it was.

    Anything else, including a transformers version whose BertLayer lacks a part it uses, keeps the
    standard layer: slower, never wrong.
    """
    config = getattr(model, "config", None)
    bert = getattr(model, "bert", None)
    if config is None or bert is None or getattr(config, "_attn_implementation", None) != "sdpa":
        return False
    layers = bert.encoder.layer
    if isinstance(layers[-1], ClsOnlyLastLayer) or not has_expected_parts(layers[-1]):
        return False
    layers[-1] = ClsOnlyLastLayer(layers[-1])
    return True
