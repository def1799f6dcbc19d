"""The answer for one item, in a module without torch: the model's (`Categorizer.predict`) or the lookup's
(`merchants.lookup`: a rule, money in, the directory or the model), which `source` names."""

from __future__ import annotations

from dataclasses import dataclass, field

SOURCES = ("rule", "money_in", "directory", "model")  # the lookup's order; "" for an item without text


@dataclass(frozen=True)
class Prediction:
    item: str
    category: str
    confidence: float
    ranked: list[tuple[str, float]] = field(default_factory=list)  # best first, top-k
    source: str = "model"  # which answered: one of SOURCES, "" when nothing was asked (no text)
    merchant: str = ""  # the clean merchant name, where the lookup cleaned the text
    intermediary: str | None = None  # the platform between (Square, PayPal, ...), if any
