"""Commands beyond LightningCLI's fit/validate/test/predict: `categorize` and `export`."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from expense_classifier.callbacks.adapter import atomic_directory, publish_directory
from expense_classifier.data.io import decode_utf8
from expense_classifier.errors import UserInputError
from expense_classifier.inference import Categorizer, Prediction, newest_adapter
from expense_classifier.outputs import write_predictions
from expense_classifier.receipt import split_receipt


def read_receipt(source: str) -> str:
    """Text of a receipt file, or of stdin for '-'; non-UTF-8 bytes named by line."""
    if source == "-":
        data, name = sys.stdin.buffer.read(), "<stdin>"
    else:
        path = Path(source)
        if not path.is_file():
            raise UserInputError(f"{path}: no such file")
        data, name = path.read_bytes(), str(path)
    return decode_utf8(data, name)


def format_table(predictions: list[Prediction], threshold: float) -> str:
    """A plain table: item, category, confidence, and the runner-up where the model is unsure."""
    width = min(48, max([4, *(len(p.item) for p in predictions)]))
    lines = [f"{'item':<{width}}  {'category':<15} {'conf':>5}  runner-up", "-" * (width + 40)]
    for p in predictions:
        item = p.item if len(p.item) <= width else p.item[: width - 1] + "…"
        unsure = p.confidence < threshold and len(p.ranked) > 1
        runner = f"{p.ranked[1][0]} {p.ranked[1][1]:.2f}" if unsure else ""
        lines.append(f"{item:<{width}}  {p.category:<15} {p.confidence:>5.2f}  {runner}".rstrip())
    return "\n".join(lines)


def categorize(
    receipts: list[str] | None = None,
    model: Path | None = None,
    output: Path | None = None,
    top_k: int = 2,
    threshold: float = 0.6,
    quantize: bool = False,
) -> list[Prediction]:
    """Categorize each item of one or more receipts.

    Args:
        receipts: receipt text files, one item per line (numbered, bulleted or POS lines); '-' or none: stdin.
        model: an adapter directory from `fit`; default: the newest run's adapter.
        output: also write the results to this .json or .csv file.
        top_k: how many ranked categories to keep per item.
        threshold: below this confidence the runner-up is shown.
        quantize: dynamic int8 quantization for faster CPU inference.
    """
    texts = [read_receipt(source) for source in (receipts or ["-"])]
    items = [item for text in texts for item in split_receipt(text)]
    if not items:
        raise UserInputError(f"no items found in {', '.join(receipts or ['<stdin>'])}")
    categorizer = Categorizer.load(model or newest_adapter(), quantize=quantize)
    predictions = categorizer.predict(items, top_k=max(top_k, 2))
    print(format_table(predictions, threshold))
    if output is not None:
        print(f"written: {write_predictions(output, predictions)}")
    return predictions


def export(model: Path | None = None, merged: Path = Path("merged_model")) -> Path:
    """Write a standalone Hugging Face model (LoRA merged, tokenizer, id2label): no peft needed to load it.

    Args:
        model: an adapter directory from `fit`; default: the newest run's adapter.
        merged: the directory to write.
    """
    categorizer = Categorizer.load(model or newest_adapter(), merge=True, cls_only=False)  # standard weights
    tmp = atomic_directory(merged)
    try:
        categorizer.model.save_pretrained(str(tmp))
        categorizer.tokenizer.save_pretrained(str(tmp))
        publish_directory(tmp, merged)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"merged model written to {merged}")
    return merged


def _parser(function, positional: str | None = None):  # noqa: ANN001, ANN202
    """A jsonargparse parser from the function's signature and docstring (`--help` shows both)."""
    from jsonargparse import ArgumentParser

    parser = ArgumentParser(prog=f"python -m expense_classifier {function.__name__}",
                            description=(function.__doc__ or "").split("\n")[0])
    if positional:
        parser.add_argument(positional, nargs="*", help="receipt files ('-' for stdin; none: stdin)")
    parser.add_function_arguments(function, skip={positional} if positional else None, as_group=False)
    return parser


def categorize_main(argv: list[str]) -> int:
    args = _parser(categorize, "receipts").parse_args(argv).as_dict()
    categorize(**args)
    return 0


def export_main(argv: list[str]) -> int:
    export(**_parser(export).parse_args(argv).as_dict())
    return 0
