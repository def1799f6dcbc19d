"""Checkpoints written whole or not at all, so a hard kill mid-save never leaves a torn `last.ckpt`."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import torch
from lightning.pytorch.plugins.io import TorchCheckpointIO

from expense_classifier.reporting.outputs import write_atomic


class AtomicCheckpointIO(TorchCheckpointIO):
    """`TorchCheckpointIO` that serializes to memory, writes a temporary file beside the target and renames it.

    Lightning's own save also goes through a temporary file, but one made in the system temp
    directory: when that is another filesystem the final move is a copy, and a kill during the copy
    leaves a torn checkpoint. A rename within one directory is atomic.
    """

    def save_checkpoint(self, checkpoint: dict[str, Any], path: str | Path, storage_options: Any = None) -> None:
        if storage_options is not None:
            raise TypeError(f"{type(self).__name__} takes no storage_options, got {storage_options!r}")
        buffer = io.BytesIO()
        torch.save(checkpoint, buffer)
        write_atomic(Path(path), buffer.getbuffer())
