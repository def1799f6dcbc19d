"""Frozen-prefix caching: with LoRA only on the top encoder layers, the layers below never change.

Run in eval mode (no dropout), the embeddings and the bottom layers give every item the same
hidden states in every epoch, so they are computed once per item and remembered (pre-tokenization's
big brother); training then runs, and backpropagates through, only the top layers. The cache holds
one `(tokens, hidden)` tensor per distinct item, keyed by its token ids.

It is installed into the transformers model in place of its embeddings module, with the bottom
layers replaced by pass-throughs, so the model's own forward (masks, top layers, head) is unchanged
and its state dict keeps the LoRA and head names peft saves. Written by hand: neither peft nor
transformers caches frozen layers. Tests compare loss and gradients with the uncached model.
"""

from __future__ import annotations

import torch
from torch import nn

from expense_classifier.inference.encoder import ARCHITECTURES

BYTES_PER_FLOAT = 4


class PassThrough(nn.Module):
    """Stands where a cached bottom layer was: the hidden states arrive already through it."""

    def forward(self, hidden_states: torch.Tensor, *args: object, **kwargs: object) -> torch.Tensor:
        return hidden_states


class FrozenPrefix(nn.Module):
    """The embeddings and the bottom layers, always in eval mode, remembered per item while `caching`."""

    def __init__(self, embeddings: nn.Module, layers: list[nn.Module], pad_token_id: int,
                 dropout: float = 0.0) -> None:
        super().__init__()
        self.embeddings = embeddings
        self.layers = nn.ModuleList(layers)
        self.pad_token_id = pad_token_id
        # The bottom layers' own dropout is gone with their eval mode; one dropout on their output
        # keeps training regularised like the uncached model (measured: see README, Performance).
        self.output_dropout = nn.Dropout(dropout)
        self.cache: dict[bytes, torch.Tensor] = {}
        self.caching = False
        self.requires_grad_(False)
        super().train(False)

    def train(self, mode: bool = True) -> FrozenPrefix:
        """The layers stay in eval mode (the same output every epoch); the output's dropout follows the model."""
        super().train(False)
        self.output_dropout.train(mode)
        return self

    @property
    def cached_bytes(self) -> int:
        return sum(t.numel() * t.element_size() for t in self.cache.values())

    @torch.no_grad()
    def run(self, input_ids: torch.Tensor) -> torch.Tensor:
        """Embeddings and bottom layers for items of one length (no padding, so no mask)."""
        hidden = self.embeddings(input_ids)
        for layer in self.layers:
            hidden = layer(hidden, None)
        return hidden

    @torch.no_grad()
    def compute(self, items: dict[bytes, torch.Tensor], batch_size: int = 256) -> dict[bytes, torch.Tensor]:
        """Hidden states of items not padded (key -> token ids), run in batches of items of one length.

        Stored in fp32 whatever the autocast, so the cache holds one dtype.
        """
        by_length: dict[int, dict[bytes, torch.Tensor]] = {}
        for key, ids in items.items():
            by_length.setdefault(len(ids), {})[key] = ids
        device = next(self.parameters()).device
        out: dict[bytes, torch.Tensor] = {}
        for group in by_length.values():
            keys, rows = list(group), list(group.values())
            for start in range(0, len(rows), batch_size):
                hidden = self.run(torch.stack(rows[start : start + batch_size]).to(device)).float()
                out.update(zip(keys[start : start + batch_size], hidden, strict=True))
        return out

    def fill(self, items: list[torch.Tensor]) -> None:
        """Compute and remember every item's hidden states up front.

        Batches larger than training's, with no padding at all, run the bottom layers faster than
        filling the cache batch by batch during the first epoch does.
        """
        missing = {key: ids for ids in items if (key := item_key(ids)) not in self.cache}
        self.cache.update(self.compute(missing))

    def forward(self, input_ids: torch.Tensor, *args: object, **kwargs: object) -> torch.Tensor:
        """Hidden states after the bottom layers, shaped like the (right-padded) `input_ids`."""
        lengths = (input_ids != self.pad_token_id).sum(1).tolist()
        rows = [input_ids[i, :n] for i, n in enumerate(lengths)]
        keys = [item_key(row) for row in rows]
        computed = self.compute({key: row for key, row in zip(keys, rows, strict=True) if key not in self.cache})
        if self.caching:
            self.cache.update(computed)
        found = [self.cache[key] if key in self.cache else computed[key] for key in keys]
        out = found[0].new_zeros(input_ids.shape[0], input_ids.shape[1], found[0].shape[-1])
        for i, states in enumerate(found):
            out[i, : lengths[i]] = states
        return self.output_dropout(out)


def item_key(ids: torch.Tensor) -> bytes:
    """An item's cache key: its token ids, unpadded."""
    return ids.cpu().numpy().tobytes()


def encoder_parts(model: nn.Module) -> tuple[nn.Module, nn.ModuleList, str]:
    """A transformers classifier's encoder module, its list of layers, and the attribute path to them."""
    architecture = ARCHITECTURES.get(model.config.model_type)
    if architecture is None:
        raise ValueError(f"frozen-prefix caching supports {', '.join(ARCHITECTURES)}, not {model.config.model_type}")
    encoder = getattr(model, architecture.prefix)
    layers: nn.Module = encoder
    for name in architecture.layers.split("."):
        layers = getattr(layers, name)
    return encoder, layers, architecture.layers


def install_frozen_prefix(model: nn.Module, frozen_layers: int) -> FrozenPrefix:
    """Replace `model`'s embeddings with a FrozenPrefix over its bottom `frozen_layers` layers, in place."""
    encoder, layers, _ = encoder_parts(model)
    if not 0 < frozen_layers < len(layers):
        raise ValueError(f"frozen_layers must be between 1 and {len(layers) - 1}, got {frozen_layers}")
    bottom = [layers[i] for i in range(frozen_layers)]
    config = model.config
    dropout = getattr(config, "hidden_dropout_prob", getattr(config, "dropout", 0.0))
    prefix = FrozenPrefix(encoder.embeddings, bottom, config.pad_token_id or 0, dropout)
    encoder.embeddings = prefix
    for i in range(frozen_layers):
        layers[i] = PassThrough()
    return prefix


def cache_bytes_estimate(tokens: int, hidden_size: int) -> int:
    """RAM the cache takes for this many tokens in all (fp32 hidden states)."""
    return tokens * hidden_size * BYTES_PER_FLOAT
