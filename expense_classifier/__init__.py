"""Fine-tune a small pretrained transformer with LoRA to sort receipt items into expense categories."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Categorizer", "ExpenseClassifier", "ExpenseDataModule", "Lookup"]

if TYPE_CHECKING:
    from expense_classifier.data.datamodule import ExpenseDataModule
    from expense_classifier.inference.categorizer import Categorizer
    from expense_classifier.merchants.lookup import Lookup
    from expense_classifier.training.model import ExpenseClassifier


def __getattr__(name: str):  # noqa: ANN202 - lazy imports keep `import expense_classifier` fast
    if name == "Categorizer":
        from expense_classifier.inference.categorizer import Categorizer

        return Categorizer
    if name == "Lookup":
        from expense_classifier.merchants.lookup import Lookup

        return Lookup
    if name == "ExpenseClassifier":
        from expense_classifier.training.model import ExpenseClassifier

        return ExpenseClassifier
    if name == "ExpenseDataModule":
        from expense_classifier.data.datamodule import ExpenseDataModule

        return ExpenseDataModule
    raise AttributeError(name)
