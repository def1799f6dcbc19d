"""Frozen linear weights cast to the autocast dtype once per fit, instead of once per step.

Under bf16 autocast every `nn.Linear` casts its fp32 weight and bias to bf16 on each call. Autocast
keeps such casts only for weights that require grad, and only until its context closes, which
Lightning does after every step, so the frozen base weights under LoRA are cast again in every
forward: 4 layers' worth (7M values) per step of the quick preset. Cast once at train start and used
while fit runs, the bf16 copies give the same results (the same rounding autocast applies); copying
in a forward goes from 8 to 5 ms, and a quick training step from about 62 to 56 ms (profiled here).

Only while fit runs: the copies are dropped at its end, and a weight changed in place
meanwhile would not be seen, which nothing in fit does (the base weights are frozen). Written by
hand: torch has no cast cache across autocast regions.
"""

from __future__ import annotations

import torch
from torch import nn


class CastOnceLinear(nn.Linear):
    """`nn.Linear` that, under CPU autocast, uses weights cast ahead of time when it has them."""

    cast_weights: tuple[torch.Tensor, torch.Tensor | None] | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        cast = self.cast_weights
        if cast is not None and x.is_cpu and torch.is_autocast_enabled("cpu") \
                and cast[0].dtype == torch.get_autocast_dtype("cpu"):
            return nn.functional.linear(x, *cast)  # autocast casts x; the weights are already in its dtype
        return super().forward(x)


def frozen_linears(model: nn.Module, skip: nn.Module | None = None) -> list[nn.Linear]:
    """The linear layers of `model` whose weight is frozen, leaving out those inside `skip`."""
    skipped = {id(m) for m in skip.modules()} if skip is not None else set()
    return [m for m in model.modules() if type(m) in (nn.Linear, CastOnceLinear)
            and not m.weight.requires_grad and id(m) not in skipped]


def cast_frozen_linears(model: nn.Module, dtype: torch.dtype, skip: nn.Module | None = None) -> int:
    """Give every frozen linear layer (outside `skip`) a copy of its weights in `dtype`; return their bytes."""
    total = 0
    for linear in frozen_linears(model, skip):
        linear.__class__ = CastOnceLinear
        bias = None if linear.bias is None else linear.bias.detach().to(dtype)
        linear.cast_weights = (linear.weight.detach().to(dtype), bias)
        total += sum(t.numel() * t.element_size() for t in linear.cast_weights if t is not None)
    return total


def drop_casts(model: nn.Module) -> None:
    """Forget the cast copies: the layers compute as plain `nn.Linear` again."""
    for module in model.modules():
        if isinstance(module, CastOnceLinear):
            module.cast_weights = None
