"""Item text to token ids, the same way for training and for inference (so the two never drift)."""

from __future__ import annotations


def encode(tokenizer, texts: list[str], max_length: int) -> tuple[list[list[int]], int]:  # noqa: ANN001
    """Token ids per text with special tokens, cut to `max_length` keeping the closing [SEP]; and how many were cut."""
    encoded = tokenizer(list(texts), add_special_tokens=True)["input_ids"]
    out, truncated = [], 0
    for ids in encoded:
        if len(ids) > max_length:
            truncated += 1
            ids = ids[: max_length - 1] + ids[-1:]
        out.append(ids)
    return out, truncated
