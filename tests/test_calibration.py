"""Temperature scaling: fitted on validation logits, stored with the adapter, used by Categorizer and export."""

from __future__ import annotations

import json

import torch

from expense_classifier import Categorizer
from expense_classifier.inference.calibration import calibrate, expected_calibration_error, fit_temperature


def overconfident(n: int = 2000, classes: int = 8, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """Logits three times too sharp for how often they are right (about 70% of the time)."""
    generator = torch.Generator().manual_seed(seed)
    labels = torch.randint(0, classes, (n,), generator=generator)
    logits = torch.randn(n, classes, generator=generator)
    logits[torch.arange(n), labels] += 1.5
    return logits * 3.0, labels


def test_fitted_temperature_undoes_overconfidence_and_lowers_ece():
    logits, labels = overconfident()
    temperature = fit_temperature(logits, labels)
    assert 2.0 < temperature < 4.0
    before = expected_calibration_error(torch.softmax(logits, -1), labels)
    after = expected_calibration_error(torch.softmax(logits / temperature, -1), labels)
    assert after < before / 2 and after < 0.05


def test_ece_is_zero_when_confidence_equals_accuracy():
    probs = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    assert expected_calibration_error(probs, torch.tensor([0, 1])) == 0.0
    assert abs(expected_calibration_error(probs, torch.tensor([1, 1])) - 0.5) < 1e-6


def test_fit_stores_the_temperature_and_categorizer_applies_it(tiny_run):
    meta = json.loads((tiny_run / "adapter" / "expense_classifier.json").read_text())
    assert isinstance(meta["temperature"], float) and meta["temperature"] > 0
    categorizer = Categorizer.load(tiny_run / "adapter")
    assert categorizer.temperature == meta["temperature"]
    texts = ["Uber ride to airport", "Electric bill"]
    categorizer.temperature = 1.0
    logits = torch.log(categorizer.probabilities(texts))  # the logits, up to a constant per row
    categorizer.temperature = 2.5
    assert (categorizer.probabilities(texts) - torch.softmax(logits / 2.5, -1)).abs().max() < 1e-5


def test_export_folds_the_temperature_into_the_standalone_model(tiny_run, workdir):
    import shutil

    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from expense_classifier.cli import main

    adapter = workdir / "adapter"
    shutil.copytree(tiny_run / "adapter", adapter)
    meta_path = adapter / "expense_classifier.json"
    meta = json.loads(meta_path.read_text())
    meta_path.write_text(json.dumps({**meta, "temperature": 2.5}))
    assert main(["export", "--model", str(adapter), "--merged", str(workdir / "merged")]) == 0
    model = AutoModelForSequenceClassification.from_pretrained(str(workdir / "merged")).eval()
    tokenizer = AutoTokenizer.from_pretrained(str(workdir / "merged"))
    texts = ["Uber ride to airport", "Electric bill"]
    with torch.inference_mode():
        standalone = torch.softmax(model(**tokenizer(texts, padding=True, return_tensors="pt")).logits, -1)
    calibrated = Categorizer.load(adapter).probabilities(texts)
    uncalibrated = Categorizer.load(tiny_run / "adapter")
    uncalibrated.temperature = 1.0
    assert (standalone - calibrated).abs().max() < 1e-4
    assert (standalone - uncalibrated.probabilities(texts)).abs().max() > 1e-4  # the fold did something


def test_a_temperature_is_kept_only_where_it_lowers_validation_nll():
    torch.manual_seed(0)
    labels = torch.randint(0, 4, (200,))
    logits = torch.randn(200, 4) + 6.0 * torch.nn.functional.one_hot(labels, 4)  # right and over-confident
    logits[:40] = torch.randn(40, 4) * 6.0  # some confidently wrong: a T > 1 helps
    fitted = calibrate(logits, labels)
    assert fitted.kept and fitted.temperature > 1.0 and fitted.nll_after < fitted.nll_before
    worse = calibrate(logits, labels, fitted=0.2)  # a temperature that would sharpen the wrong ones
    assert not worse.kept and worse.temperature == 1.0 and worse.nll_after == worse.nll_before
