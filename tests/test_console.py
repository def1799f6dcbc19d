"""What a fit prints: each decision once, the data named, the test accuracy, no tables of zeros, no warnings."""

from __future__ import annotations

import contextlib
import warnings
from pathlib import Path

import pytest
import yaml

from expense_classifier.cli import main


@pytest.mark.slow  # a real fit or a subprocess: seconds
def test_a_fit_console_says_each_thing_once(tmp_path: Path, tiny_distilbert: Path, capsys) -> None:
    with contextlib.chdir(tmp_path), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code = main(["fit", "--config", "quick.yaml", "--model.backbone", str(tiny_distilbert),
                     "--data.num_samples", "96", "--trainer.max_epochs", "2", "--trainer.enable_progress_bar", "false"])
    assert code == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert sum("Batch size" in line or "batch size" in line for line in lines) == 1, out
    assert "FLOPs" not in out and "Trainable params" not in out
    assert "Data: 96 generated items (seed 42): 68 train / 14 val / 14 test" in out
    test_lines = [line for line in lines if line.startswith("Test accuracy: ")]
    assert len(test_lines) == 1 and test_lines[0].endswith("on 14 held-back items")
    assert 0.0 <= float(test_lines[0].split()[2]) <= 1.0
    calibration = [line for line in lines if line.startswith("Calibrat")]
    assert len(calibration) == 1 and ("lowers validation NLL" in calibration[0] or "kept" in calibration[0])
    checkpoints = sorted(p.name for p in (tmp_path / "lightning_logs/version_0/checkpoints").glob("epoch*.ckpt"))
    assert checkpoints and all(name.startswith(("epoch01-", "epoch02-")) for name in checkpoints), checkpoints
    ours = [w for w in caught if "expense_classifier" in str(w.filename)]
    assert not ours, [str(w.message) for w in ours]


def test_hparams_hold_only_the_arguments_given(tiny_run: Path) -> None:
    hparams = yaml.safe_load((tiny_run / "hparams.yaml").read_text())
    assert "_instantiator" not in hparams and "backbone" in hparams


def test_a_resume_into_a_new_version_directory_prints_no_dirpath_warning() -> None:
    """Lightning warns "The dirpath has changed" on every resume (the new run writes a new version directory):
    no news for a user, so fit, resume, test and predict all leave it out."""
    import warnings

    from expense_classifier.training.lightning_cli import configure_logging

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        configure_logging()
        warnings.warn("The dirpath has changed from 'a/checkpoints' to 'b/checkpoints', therefore ...", stacklevel=1)
        warnings.warn("another warning", stacklevel=1)
    assert [str(w.message) for w in caught] == ["another warning"]
