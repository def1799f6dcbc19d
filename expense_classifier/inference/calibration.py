"""Confidence that means something: temperature scaling fitted on validation logits, and its measure (ECE).

Guo et al. 2017: one scalar T divides the logits; it changes no prediction, only how sure each one is.
"""

from __future__ import annotations

import torch


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
