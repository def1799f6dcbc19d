"""Load a trained adapter directory and categorize item texts: the one path CLI, API and tests share."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import torch

from expense_classifier.artifacts import METADATA_FILE, newest_in_runs
from expense_classifier.data.batching import PadToLongest
from expense_classifier.errors import UserInputError
from expense_classifier.inference.backbones import load_classifier, local_file, peft_quietly, resolve_backbone
from expense_classifier.inference.encoder import ARCHITECTURES, EncoderClassifier, build_encoder, classifier_state
from expense_classifier.inference.lora_merge import can_merge_by_hand, merge_adapter, merged_state
from expense_classifier.inference.prediction import Prediction
from expense_classifier.inference.tokenization import encode, load_tokenizer
from expense_classifier.resources import native_bf16

REQUIRED_FILES = ("adapter_config.json", METADATA_FILE)


def newest_adapter(root: str | Path = "lightning_logs") -> Path:
    """The adapter of the most recent run under `root`."""
    newest = newest_in_runs(root, "adapter")
    if newest is None:
        raise UserInputError(f"no trained model under {root}/: run `fit` first or pass --model DIR")
    return newest


def check_model_dir(path: Path) -> dict:
    if not path.is_dir():
        raise UserInputError(f"{path}: no such model directory")
    missing = [name for name in REQUIRED_FILES if not (path / name).is_file()]
    if not any(path.glob("adapter_model.*")):
        missing.append("adapter_model.safetensors")
    if missing:
        raise UserInputError(f"{path}: incomplete model directory, missing {', '.join(missing)}")
    try:
        return json.loads((path / METADATA_FILE).read_text())
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise UserInputError(f"{path / METADATA_FILE}: unreadable ({err})") from None


class LogitsOnly(torch.nn.Module):
    """A transformers classifier called like `EncoderClassifier`: token ids and mask in, logits out."""

    def __init__(self, model: torch.nn.Module) -> None:
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor | None = None) -> torch.Tensor:
        return self.model(input_ids=input_ids, attention_mask=attention_mask).logits


def transformers_model(path: Path, meta: dict, merge: bool = True) -> torch.nn.Module:
    """The adapter on its transformers backbone: LoRA merged into the weights, or kept as a peft model."""
    model = load_classifier(meta.get("resolved_backbone") or meta["backbone"], id2label_of(meta))
    if merge and can_merge_by_hand(path):
        return merge_adapter(model, path)
    from peft import PeftModel

    with peft_quietly():
        model = PeftModel.from_pretrained(model, str(path))
    return model.merge_and_unload() if merge else model


def plain_model(path: Path, meta: dict) -> EncoderClassifier | None:
    """The adapter merged into the hand-written encoder (no transformers import), where it applies."""
    backbone = resolve_backbone(meta.get("resolved_backbone") or meta["backbone"])
    config_file, weights = local_file(backbone, "config.json"), local_file(backbone, "model.safetensors")
    if config_file is None or weights is None or not can_merge_by_hand(path):
        return None
    config = json.loads(config_file.read_text())
    if config.get("model_type") not in ARCHITECTURES:
        return None
    state = merged_state(classifier_state(config, weights), path)
    return build_encoder(config, state, len(id2label_of(meta)))


def fold_temperature(model: torch.nn.Module, temperature: float) -> None:
    """Divide a transformers classifier's last layer by the temperature: plain softmax(logits) is then calibrated."""
    head = model.classifier
    layer = head.out_proj if hasattr(head, "out_proj") else head  # RoBERTa-style heads end in out_proj
    with torch.no_grad():
        layer.weight.div_(temperature)
        if layer.bias is not None:
            layer.bias.div_(temperature)


def id2label_of(meta: dict) -> dict[int, str]:
    return {int(k): v for k, v in meta["id2label"].items()}


class Categorizer:
    """A trained classifier ready to answer: LoRA merged into the weights, inference mode, batched."""

    def __init__(self, model: torch.nn.Module, tokenizer, id2label: dict[int, str], max_length: int = 64,  # noqa: ANN001
                 batch_size: int = 256, temperature: float = 1.0, batch_tokens: int | None = 1024) -> None:
        self.model = model.eval()  # called as model(input_ids, attention_mask) -> logits
        self.temperature = temperature  # fitted on the validation split at the end of fit
        self.tokenizer = tokenizer
        self.id2label = id2label
        self.max_length = max_length
        self.batch_size = batch_size
        self.batch_tokens = batch_tokens
        self.collate = PadToLongest(tokenizer.pad_token_id)

    @property
    def precision(self) -> str:
        """What the weights compute in ("float32", "bfloat16"; "float32, qint8" when quantized): for the
        benchmarks and consoles that say which one ran."""
        dtypes = {str(p.dtype).removeprefix("torch.") for p in self.model.parameters()}
        dtypes |= {"qint8" for m in self.model.modules() if type(m).__module__.startswith("torch.ao.nn.quantized")}
        return ", ".join(sorted(dtypes)) or "float32"

    @classmethod
    def load(cls, path: str | Path, merge: bool = True, quantize: bool = False, batch_size: int = 256,
             engine: str = "auto", batch_tokens: int | None = 1024, bf16: bool | None = None) -> Categorizer:
        """Load an `adapter/` directory written by `fit`.

        `merge` folds LoRA into the weights; then `engine="auto"` runs BERT and DistilBERT on the
        hand-written encoder (fast start-up, [CLS]-only last layer) and anything else on transformers,
        as does `engine="transformers"`. `quantize` makes the Linear layers dynamic int8.

        `bf16` runs the weights in bfloat16; by default where the CPU computes it natively (AVX512-BF16,
        AMX) and the model is not quantized: about 2.5-3x the items/s of fp32 with the same top category
        for 99.6-99.8% of the items (scripts/bench_categorize.py, scripts/bench_inference.py). Without
        native bf16 it is slower, so fp32.
        """
        if engine not in {"auto", "transformers"}:
            raise ValueError(f"engine must be 'auto' or 'transformers', got {engine!r}")
        path = Path(path)
        meta = check_model_dir(path)
        model = plain_model(path, meta) if merge and engine == "auto" else None
        if model is None:
            model = LogitsOnly(transformers_model(path, meta, merge))
        if quantize:
            model = quantize_dynamic_int8(model)
        elif bf16 or (bf16 is None and native_bf16() is True):
            model = model.to(torch.bfloat16)
        return cls(model, load_tokenizer(path), id2label_of(meta), int(meta.get("max_length", 64)),
                   batch_size=batch_size, temperature=float(meta.get("temperature", 1.0)), batch_tokens=batch_tokens)

    def _chunks(self, order: list[int], lengths: list[int]) -> list[list[int]]:
        """Length-sorted items cut into batches of at most `batch_size` items and `batch_tokens` padded tokens.

        A token budget lets short items go in bigger batches and long ones in smaller. Measured: 2,000
        items at once, 1,535 items/s (256 items, 1,024 tokens) against 1,416 in fixed batches of 128;
        random 128-item server batches, 1,141 (320 tokens) against 1,032 in fixed batches of 32.
        """
        chunks: list[list[int]] = [[]]
        for i in order:
            chunk = chunks[-1]
            full = len(chunk) >= self.batch_size or (
                self.batch_tokens is not None and chunk and lengths[i] * (len(chunk) + 1) > self.batch_tokens)
            if full:
                chunks.append(chunk := [])
            chunk.append(i)
        return [chunk for chunk in chunks if chunk]

    def probabilities(self, texts: list[str], progress: Callable[[int, int], None] | None = None) -> torch.Tensor:
        """Class probabilities in input order; items are batched by length to pad little.

        `progress(done, total)` is called after each batch (a progress bar for long files).
        """
        if not texts:
            return torch.empty(0, len(self.id2label))
        encoded, _ = encode(self.tokenizer, texts, self.max_length)
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i]))
        out = torch.empty(len(texts), len(self.id2label))
        done = 0
        with torch.inference_mode():
            for chunk in self._chunks(order, [len(ids) for ids in encoded]):
                batch = self.collate([(torch.tensor(encoded[i]), -100) for i in chunk])
                # Sorted batches are mostly padding-free; without a mask attention takes its fast path.
                mask = None if bool(batch["attention_mask"].all()) else batch["attention_mask"]
                logits = self.model(batch["input_ids"], mask)
                out[chunk] = torch.softmax(logits.float() / self.temperature, dim=-1)
                done += len(chunk)
                if progress is not None:
                    progress(done, len(texts))
        return out

    def predict(self, texts: list[str], top_k: int = 2,
                progress: Callable[[int, int], None] | None = None) -> list[Prediction]:
        """Category, confidence and the top-k ranking for each text, in input order.

        Each distinct text is run once (a year of statements repeats its merchants); an empty text (a
        statement row without a description) gets an empty Prediction: no category.
        """
        texts = list(texts)
        distinct = list(dict.fromkeys(text for text in texts if text))
        ranked = rank_predictions(distinct, self.probabilities(distinct, progress), self.id2label, top_k)
        by_text = dict(zip(distinct, ranked, strict=True))
        return [by_text[text] if text else Prediction(text, "", 0.0, source="") for text in texts]


def rank_predictions(
    texts: list[str], probs: torch.Tensor, id2label: dict[int, str], top_k: int = 2
) -> list[Prediction]:
    """Turn class probabilities into `Prediction`s: shared by `Categorizer` and the `predict` writer."""
    k = max(1, min(top_k, probs.shape[1]))
    predictions = []
    for text, row in zip(texts, probs, strict=True):
        values, indices = row.topk(k)
        ranked = [(id2label[int(i)], float(v)) for v, i in zip(values, indices, strict=True)]
        predictions.append(Prediction(text, ranked[0][0], ranked[0][1], ranked))
    return predictions


def quantize_dynamic_int8(model: torch.nn.Module) -> torch.nn.Module:
    """Dynamic int8 quantization of the Linear layers, one scale per output channel (CPU only).

    Per-channel keeps accuracy where per-tensor scales do not: on the bundled all-MiniLM-L6-v2,
    -0.25 points against -0.75 on 2,000 generated items (scripts/bench_inference.py).
    """
    import warnings

    from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch's notice that eager quantization moves to torchao
        return quantize_dynamic(model, {torch.nn.Linear: per_channel_dynamic_qconfig}, dtype=torch.qint8)
