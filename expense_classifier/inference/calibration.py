"""Confidence that means something: temperature scaling fitted on validation logits, and its measure (ECE).

Guo et al. 2017: one scalar T divides the logits; it changes no prediction, only how sure each one is.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F


def fit_temperature(logits: torch.Tensor, labels: torch.Tensor, max_iter: int = 100) -> float:
    """The T > 0 that minimises the negative log-likelihood of `labels` under softmax(logits / T)."""
    logits, labels = logits.detach().float(), labels.detach().long()
    log_t = torch.zeros(1, requires_grad=True)  # T = exp(log_t) stays positive
    optimizer = torch.optim.LBFGS([log_t], lr=0.1, max_iter=max_iter, line_search_fn="strong_wolfe")

    def closure() -> torch.Tensor:
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy(logits / log_t.exp(), labels)
        loss.backward()
        return loss

    optimizer.step(closure)
    return float(log_t.detach().exp().clamp(0.05, 20.0))


@dataclass(frozen=True)
class Calibration:
    """The temperature kept, and the validation measures before and after it."""

    temperature: float
    fitted: float
    nll_before: float
    nll_after: float
    ece_before: float
    ece_after: float

    @property
    def kept(self) -> bool:
        return self.temperature != 1.0


def calibrate(logits: torch.Tensor, labels: torch.Tensor, fitted: float | None = None) -> Calibration:
    """Fit T (or take `fitted`), and keep it only if it lowers the validation NLL; otherwise T = 1.

    NLL is what temperature scaling minimises; ECE over a small validation split is a noisy measure
    (a few items move it by points), so it is reported, not decided on.
    """
    logits, labels = logits.detach().float(), labels.detach().long()
    fitted = fit_temperature(logits, labels) if fitted is None else fitted
    nll = {t: float(F.cross_entropy(logits / t, labels)) for t in (1.0, fitted)}
    temperature = fitted if nll[fitted] < nll[1.0] else 1.0
    return Calibration(temperature, fitted, nll[1.0], nll[temperature],
                       expected_calibration_error(torch.softmax(logits, -1), labels),
                       expected_calibration_error(torch.softmax(logits / temperature, -1), labels))


def expected_calibration_error(probs: torch.Tensor, labels: torch.Tensor, bins: int = 10) -> float:
    """Mean |accuracy - confidence| over equal-width confidence bins, weighted by bin size."""
    confidence, predicted = probs.max(dim=1)
    correct = (predicted == labels).float()
    edges = torch.linspace(0, 1, bins + 1)
    ece = torch.zeros(())
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        in_bin = (confidence > low) & (confidence <= high)
        if in_bin.any():
            ece += in_bin.float().mean() * (correct[in_bin].mean() - confidence[in_bin].mean()).abs()
    return float(ece)


def collect_logits(module: torch.nn.Module, loader) -> tuple[torch.Tensor, torch.Tensor]:  # noqa: ANN001
    """(logits, labels) of every batch of `loader`, in eval mode, without gradients."""
    was_training = module.training
    module.eval()
    logits, labels = [], []
    with torch.inference_mode():
        for batch in loader:
            logits.append(module(batch["input_ids"], batch["attention_mask"]).float().cpu())
            labels.append(batch["labels"].cpu())
    module.train(was_training)
    return torch.cat(logits), torch.cat(labels)
