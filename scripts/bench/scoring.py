"""What every run is scored on, the same way: the generated split and the held-out files of eval/."""

from __future__ import annotations

import math


def split_scores(predicted, target, num_labels: int, prefix: str) -> dict[str, float]:  # noqa: ANN001
    """Accuracy and macro F1 of predicted against target label ids, keyed `<prefix>_acc`, `<prefix>_f1_macro`."""
    import torch
    from torchmetrics.functional.classification import multiclass_accuracy, multiclass_f1_score

    p, t = torch.as_tensor(predicted), torch.as_tensor(target)
    return {f"{prefix}_acc": float(multiclass_accuracy(p, t, num_labels, average="micro")),
            f"{prefix}_f1_macro": float(multiclass_f1_score(p, t, num_labels, average="macro"))}


def model_split_scores(model, splits: dict[str, list[dict[str, str]]], names: tuple[str, ...] = ("test",)) -> dict:  # noqa: ANN001
    """`split_scores` of anything with `probabilities(texts)` and `id2label` on the named splits it has."""
    label2id = {label: i for i, label in model.id2label.items()}
    report = {}
    for name in names:
        if splits.get(name):
            predicted = model.probabilities([r["item"] for r in splits[name]]).argmax(-1)
            target = [label2id[r["category"]] for r in splits[name]]
            report.update(split_scores(predicted, target, len(label2id), name))
    return report


def heldout(model) -> dict[str, dict[str, float | None]]:  # noqa: ANN001
    """Per held-out file (statement, phrasing, local, each bank export's spending rows): rows, accuracy, share
    with confidence ≥ 0.9 and accuracy there (None where no row is that sure: JSON has no NaN), ECE."""
    from eval_heldout import evaluate_model  # scripts/eval_heldout.py: the one list of held-out files

    return {name: {key: None if isinstance(value, float) and math.isnan(value) else value
                   for key, value in result.items() if key != "misses"}
            for name, result in evaluate_model(model).items()}


def time_to_final(curve: list[dict], final: dict[str, dict[str, float]]) -> dict[str, float | None]:
    """Per held-out file, seconds from launch to the first point of `curve` at the final accuracy.

    `curve`: points `{"seconds": s, "heldout": {file: acc}}` in time order (a preset's epoch ends, or
    a peer's one end of training). Half a row of tolerance: an epoch's weights scored unmerged can
    differ from the merged adapter in the last bit. None where the curve never gets there.
    """
    out: dict[str, float | None] = {}
    for name, result in final.items():
        tolerance = 0.5 / max(1, int(result.get("n", 1)))
        reached = [point["seconds"] for point in curve if point["heldout"].get(name, -1.0) >= result["acc"] - tolerance]
        out[name] = reached[0] if reached else None
    return out
