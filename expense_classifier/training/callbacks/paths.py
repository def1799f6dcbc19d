"""Where a run's files go."""

from __future__ import annotations

from pathlib import Path

import lightning as L


def run_dir(trainer: L.Trainer) -> Path:
    """The run's log directory (lightning_logs/version_N), or the root dir without a logger.

    `trainer.log_dir` is a collective call under DDP: every rank must ask, not only rank 0.
    """
    return Path(trainer.log_dir or trainer.default_root_dir)
