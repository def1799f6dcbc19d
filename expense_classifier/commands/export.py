"""`export --merged DIR`: a standalone Hugging Face model, the LoRA merged in, for tools that know no peft."""

from __future__ import annotations

import shutil
from pathlib import Path

from expense_classifier.artifacts import atomic_directory, publish_directory
from expense_classifier.commands.options import function_parser
from expense_classifier.inference.categorizer import (
    check_model_dir,
    fold_temperature,
    newest_adapter,
    transformers_model,
)


def export(model: Path | None = None, merged: Path = Path("merged_model")) -> Path:
    """Write a standalone Hugging Face model (LoRA merged, tokenizer, id2label): no peft needed to load it.

    Args:
        model: an adapter directory from `fit`; default: the newest run's adapter.
        merged: the directory to write.
    """
    from transformers import AutoTokenizer

    adapter = Path(model or newest_adapter())
    meta = check_model_dir(adapter)
    standalone = transformers_model(adapter, meta, merge=True)
    fold_temperature(standalone, float(meta.get("temperature", 1.0)))  # its softmax gives calibrated confidences
    tmp = atomic_directory(merged)
    try:
        standalone.save_pretrained(str(tmp))
        AutoTokenizer.from_pretrained(str(adapter)).save_pretrained(str(tmp))
        publish_directory(tmp, merged)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"merged model written to {merged}")
    return merged


def export_main(argv: list[str]) -> int:
    export(**function_parser(export).parse_args(argv).as_dict())
    return 0
