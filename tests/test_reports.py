"""Reports from a real short run: valid PNGs, numbers equal to the run's logged metrics, TensorBoard figures."""

from __future__ import annotations

import json

import matplotlib.image
import pytest
import torch
from helpers import best_checkpoint_state

FIGURES = ("category_distribution", "training_progress", "confusion_matrix", "summary")


@pytest.mark.parametrize("name", FIGURES)
def test_each_png_is_a_real_image(tiny_run, name):
    path = tiny_run / "visualizations" / f"{name}.png"
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pixels = matplotlib.image.imread(path)
    assert pixels.shape[0] > 200 and pixels.shape[1] > 300
    assert pixels.std() > 0.01  # not a blank canvas


def test_no_temporary_files_are_left(tiny_run):
    assert not [p for p in tiny_run.rglob(".*") if p.is_file()]


def test_summary_numbers_match_the_logged_metrics(tiny_run):
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    summary = json.loads((tiny_run / "summary.json").read_text())
    events = EventAccumulator(str(tiny_run))
    events.Reload()
    logged_val_acc = [e.value for e in events.Scalars("val/acc")]
    assert summary["val_acc"] == pytest.approx(max(logged_val_acc), abs=1e-6)
    checkpoint = torch.load(tiny_run / "checkpoints" / "last.ckpt", weights_only=True)
    best = float(best_checkpoint_state(checkpoint)["best_model_score"])
    assert summary["val_acc"] == pytest.approx(best, abs=1e-6)
    assert summary["epochs"] == len(logged_val_acc)
    assert summary["trainable_params"] > 0 and summary["adapter_mb"] > 0 and summary["peak_rss_gb"] > 0


def test_tensorboard_has_the_figures_and_hparams_with_final_metrics(tiny_run):
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    events = EventAccumulator(str(tiny_run), size_guidance={"images": 0})
    events.Reload()
    tags = events.Tags()
    assert {f"reports/{name}" for name in FIGURES} <= set(tags["images"])
    for name in FIGURES:  # TensorBoard shows the very PNG written to visualizations/
        (image,) = events.Images(f"reports/{name}")
        assert image.encoded_image_string == (tiny_run / "visualizations" / f"{name}.png").read_bytes()
        pixels = matplotlib.image.imread(tiny_run / "visualizations" / f"{name}.png")
        assert (image.height, image.width) == pixels.shape[:2]
    assert "hp/val_acc" in tags["scalars"]
    # HPARAMS: the run's settings and published facts, with the final metrics declared beside them.
    summary = json.loads((tiny_run / "summary.json").read_text())
    assert [e.value for e in events.Scalars("hp/val_acc")][-1] == pytest.approx(summary["val_acc"], abs=1e-6)
    experiment = hparams_plugin_data(events, "_hparams_/experiment").experiment
    assert {"hp/val_acc", "hp/val_f1_macro"} <= {info.name.tag for info in experiment.metric_infos}
    session = hparams_plugin_data(events, "_hparams_/session_start_info").session_start_info.hparams
    assert session["learning_rate"].number_value == pytest.approx(0.003)  # the quick preset's
    assert session["batch_size"].number_value == summary["batch_size"]
    assert session["precision"].string_value == summary["precision"]


def hparams_plugin_data(events, tag: str):  # noqa: ANN001, ANN201 - the HParamsPluginData proto under `tag`
    from tensorboard.plugins.hparams import plugin_data_pb2

    metadata = events.SummaryMetadata(tag)
    assert metadata.plugin_data.plugin_name == "hparams"
    return plugin_data_pb2.HParamsPluginData.FromString(metadata.plugin_data.content)


@pytest.mark.slow
def test_the_summary_does_not_depend_on_the_callbacks_order(workdir, tiny_distilbert):
    """Reports listed before the adapter export still see the adapter's facts: they are read at teardown."""
    import lightning as L

    from expense_classifier.data.datamodule import ExpenseDataModule
    from expense_classifier.training.callbacks.adapter import AdapterExport
    from expense_classifier.training.callbacks.batch_size import ResourceAwareBatchSize
    from expense_classifier.training.callbacks.monitor import SystemMonitor
    from expense_classifier.training.callbacks.reports import TrainingReports
    from expense_classifier.training.model import ExpenseClassifier

    data = ExpenseDataModule(num_samples=64, backbone=str(tiny_distilbert))
    model = ExpenseClassifier(backbone=str(tiny_distilbert), id2label=data.id2label)
    reports = TrainingReports()
    trainer = L.Trainer(max_epochs=1, callbacks=[reports, AdapterExport(), SystemMonitor(), ResourceAwareBatchSize()],
                        enable_progress_bar=False, logger=L.pytorch.loggers.TensorBoardLogger(".", name="runs"))
    trainer.fit(model, datamodule=data)
    summary = json.loads((workdir / "runs" / "version_0" / "summary.json").read_text())
    assert summary["adapter_mb"] > 0 and summary["peak_rss_gb"] > 0 and summary["batch_size"] > 0
    matrix = reports.confusion_by_epoch["val"][0]
    assert int(matrix.sum()) == len(data.splits["val"])


def test_a_run_without_training_steps_draws_its_progress_without_a_warning():
    import warnings

    from expense_classifier.training.callbacks.reports import training_progress

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib's "No artists with labels found" for an empty legend
        figure = training_progress([], [], [])
    assert "no training steps in this run" in [t.get_text() for t in figure.axes[0].texts]
