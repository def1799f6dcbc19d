"""A plain-torch forward for BERT and DistilBERT sequence classifiers, for fast start-up.

Importing transformers' modeling code costs ~2.2 s here (it pulls in torch.distributed and
torch._dynamo), twice the time a 10-item `categorize` needs for everything else. A post-LayerNorm
encoder is ~40 lines of torch, so inference builds one from the backbone's `config.json` and
`model.safetensors` plus the merged adapter, and only falls back to transformers for anything else
(other architectures, options this does not implement, weights not in a local safetensors file).

Written by hand for that reason; tests compare its logits with transformers' on both architectures.
Its last layer computes only the [CLS] row, the one row the classification head reads (about 1/6
less work with 6 layers).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn
from torch.nn.functional import gelu, scaled_dot_product_attention


@dataclass(frozen=True)
class Architecture:
    """Where a transformers checkpoint keeps each part, and which config keys size it."""

    prefix: str  # the encoder's attribute in *ForSequenceClassification
    layers: str
    parts: dict[str, str]  # our name -> the layer's submodule
    size_keys: tuple[str, str, str]  # hidden size, heads, layers
    head: str  # "pooler" (dense + tanh) or "pre_classifier" (dense + ReLU)


ARCHITECTURES = {
    "bert": Architecture(
        "bert", "encoder.layer",
        {"query": "attention.self.query", "key": "attention.self.key", "value": "attention.self.value",
         "out": "attention.output.dense", "norm1": "attention.output.LayerNorm", "up": "intermediate.dense",
         "down": "output.dense", "norm2": "output.LayerNorm"},
        ("hidden_size", "num_attention_heads", "num_hidden_layers"), "pooler"),
    "distilbert": Architecture(
        "distilbert", "transformer.layer",
        {"query": "attention.q_lin", "key": "attention.k_lin", "value": "attention.v_lin", "out": "attention.out_lin",
         "norm1": "sa_layer_norm", "up": "ffn.lin1", "down": "ffn.lin2", "norm2": "output_layer_norm"},
        ("dim", "n_heads", "n_layers"), "pre_classifier"),
}


def _supported(config: dict) -> bool:
    kind = config.get("model_type")
    if kind == "bert":
        return (config.get("hidden_act", "gelu") == "gelu" and not config.get("is_decoder")
                and config.get("position_embedding_type", "absolute") == "absolute")
    return kind == "distilbert" and config.get("activation", "gelu") == "gelu"


class EncoderLayer(nn.Module):
    """Self-attention and feed-forward, each followed by residual + LayerNorm (BERT's post-LN layer)."""

    def __init__(self, hidden: int, heads: int, intermediate: int, eps: float) -> None:
        super().__init__()
        self.heads = heads
        self.query, self.key, self.value, self.out = (nn.Linear(hidden, hidden) for _ in range(4))
        self.norm1, self.norm2 = nn.LayerNorm(hidden, eps=eps), nn.LayerNorm(hidden, eps=eps)
        self.up, self.down = nn.Linear(hidden, intermediate), nn.Linear(intermediate, hidden)

    def _split(self, x: torch.Tensor) -> torch.Tensor:
        batch, length, hidden = x.shape
        return x.view(batch, length, self.heads, hidden // self.heads).transpose(1, 2)

    def forward(self, x: torch.Tensor, mask: torch.Tensor | None, cls_only: bool = False) -> torch.Tensor:
        residual = x[:, :1] if cls_only else x
        context = scaled_dot_product_attention(self._split(self.query(residual)), self._split(self.key(x)),
                                               self._split(self.value(x)), attn_mask=mask)
        context = context.transpose(1, 2).reshape(residual.shape)
        attended = self.norm1(self.out(context) + residual)
        return self.norm2(self.down(gelu(self.up(attended))) + attended)


class EncoderClassifier(nn.Module):
    """Embeddings, post-LN layers, the [CLS] head: logits from token ids (and a padding mask)."""

    def __init__(self, architecture: Architecture, config: dict, num_labels: int) -> None:
        super().__init__()
        hidden, heads, layers = (config[key] for key in architecture.size_keys)
        eps = config.get("layer_norm_eps", 1e-12)
        intermediate = config.get("intermediate_size") or config.get("hidden_dim")
        self.architecture = architecture
        self.word = nn.Embedding(config["vocab_size"], hidden)
        self.position = nn.Embedding(config["max_position_embeddings"], hidden)
        types = config.get("type_vocab_size", 0) if architecture.prefix == "bert" else 0
        self.token_type = nn.Embedding(types, hidden) if types else None
        self.norm = nn.LayerNorm(hidden, eps=eps)
        self.layers = nn.ModuleList(EncoderLayer(hidden, heads, intermediate, eps) for _ in range(layers))
        self.head = nn.Linear(hidden, hidden)
        self.classifier = nn.Linear(hidden, num_labels)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor | None = None) -> torch.Tensor:
        x = self.word(input_ids) + self.position.weight[: input_ids.shape[1]]
        if self.token_type is not None:
            x = x + self.token_type.weight[0]  # single-segment input: every token is type 0
        x = self.norm(x)
        mask = None if attention_mask is None else attention_mask.bool()[:, None, None, :]
        for i, layer in enumerate(self.layers):
            x = layer(x, mask, cls_only=i == len(self.layers) - 1)
        pooled = self.head(x[:, 0])
        pooled = torch.tanh(pooled) if self.architecture.head == "pooler" else torch.relu(pooled)
        return self.classifier(pooled)

    def source_names(self) -> dict[str, str]:
        """Each of our weights' name in the transformers *ForSequenceClassification state dict."""
        a = self.architecture
        names = {"word.weight": f"{a.prefix}.embeddings.word_embeddings.weight",
                 "position.weight": f"{a.prefix}.embeddings.position_embeddings.weight",
                 "norm.weight": f"{a.prefix}.embeddings.LayerNorm.weight",
                 "norm.bias": f"{a.prefix}.embeddings.LayerNorm.bias",
                 "classifier.weight": "classifier.weight", "classifier.bias": "classifier.bias"}
        if self.token_type is not None:
            names["token_type.weight"] = f"{a.prefix}.embeddings.token_type_embeddings.weight"
        head = f"{a.prefix}.pooler.dense" if a.head == "pooler" else "pre_classifier"
        names.update({"head.weight": f"{head}.weight", "head.bias": f"{head}.bias"})
        for i in range(len(self.layers)):
            for ours, theirs in a.parts.items():
                for kind in ("weight", "bias"):
                    names[f"layers.{i}.{ours}.{kind}"] = f"{a.prefix}.{a.layers}.{i}.{theirs}.{kind}"
        return names


def classifier_state(config: dict, weights: Path) -> dict[str, torch.Tensor]:
    """The backbone's weights under transformers' *ForSequenceClassification names."""
    from safetensors.torch import load_file

    prefix = ARCHITECTURES[config["model_type"]].prefix + "."
    return {key if key.startswith(prefix) else prefix + key: value for key, value in load_file(str(weights)).items()}


def build_encoder(config: dict, state: dict[str, torch.Tensor], num_labels: int) -> EncoderClassifier | None:
    """Our encoder with `state` (transformers names) loaded, or None where it does not apply."""
    if not _supported(config):
        return None
    model = EncoderClassifier(ARCHITECTURES[config["model_type"]], config, num_labels)
    names = model.source_names()
    if any(theirs not in state for theirs in names.values()):
        return None
    model.load_state_dict({ours: state[theirs] for ours, theirs in names.items()})
    return model.eval()
