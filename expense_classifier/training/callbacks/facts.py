"""How the parts of a fit publish what they decided or measured, for the run's summary and logs.

The module and each callback own their results and say them through one declared method,
`facts()`, read once after fit by `TrainingReports`: no shared dictionary that several parts write
into, and no dependence on which callback happens to run first.
"""

from __future__ import annotations

from typing import Protocol, TypeVar, runtime_checkable

import lightning as L

T = TypeVar("T")
Fact = int | float | str


@runtime_checkable
class PublishesFacts(Protocol):
    def facts(self) -> dict[str, Fact]:
        """Name -> value of what this part decided or measured in the run (flat, for summary.json)."""
        ...


def find_callback(trainer: L.Trainer, kind: type[T]) -> T | None:
    """The trainer's callback of this type, if it has one."""
    return next((callback for callback in trainer.callbacks if isinstance(callback, kind)), None)


def collect_facts(trainer: L.Trainer, pl_module: L.LightningModule) -> dict[str, Fact]:
    """Every published fact of the module and the callbacks."""
    facts: dict[str, Fact] = {}
    for part in (pl_module, *trainer.callbacks):
        if isinstance(part, PublishesFacts):
            facts.update(part.facts())
    return facts
