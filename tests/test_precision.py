"""MeasuredPrecision: bf16 autocast on CPU only where the CPU has it and a timed step pays; inherited, not re-timed,
by a resume and by `learn`. The measurement is injected (helpers.fake_precision_probe), never read off the clock,
except in the one test that runs the real probe and checks only that its decision follows its own numbers."""

from __future__ import annotations

import json
import platform

import pytest
import torch
from helpers import fake_precision_probe

from expense_classifier.cli import main
from expense_classifier.training.callbacks import precision as precision_module
from expense_classifier.training.callbacks.precision import decide_cpu

REAL_STEP_SECONDS, REAL_NATIVE_BF16 = precision_module.step_seconds, precision_module.native_bf16


def fit(backbone, *extra: str) -> int:  # noqa: ANN001
    return main(["fit", "--config", "quick.yaml", "--model.backbone", str(backbone), "--data.num_samples", "64",
                 "--trainer.max_epochs", "1", "--trainer.enable_progress_bar", "false", *extra])


def summary(workdir, version: int = 0) -> dict:  # noqa: ANN001
    return json.loads((workdir / "lightning_logs" / f"version_{version}" / "summary.json").read_text())


def test_a_cpu_without_native_bf16_stays_in_fp32_without_timing_anything():
    decision = decide_cpu(False, [], [], min_speedup=1.15)
    assert (decision.precision, decision.source) == ("32-true", "cpu capability")
    assert "no native bf16" in decision.reason


@pytest.mark.parametrize(("native", "fp32", "bf16", "chosen"), [
    (True, [0.10, 0.11, 0.12], [0.05, 0.06, 0.05], "bf16-mixed"),
    (True, [0.10, 0.10, 0.10], [0.095, 0.09, 0.095], "32-true"),  # faster, but not by the 1.15x margin
    (None, [0.10, 0.10, 0.10], [0.05, 0.05, 0.05], "bf16-mixed"),  # capability unknown (not x86): timing decides
])
def test_the_fastest_step_of_each_decides_by_the_margin(native, fp32, bf16, chosen):
    decision = decide_cpu(native, fp32, bf16, min_speedup=1.15)
    assert (decision.precision, decision.source) == (chosen, "measured")
    assert f"{1000 * min(fp32):.0f} ms in fp32, {1000 * min(bf16):.0f} ms in bf16" in decision.reason


def test_a_burst_of_load_on_some_steps_does_not_flip_the_decision():
    """The load that once made bf16 look 2x slower hit some steps: the fastest of each is what the CPU can do."""
    steady = decide_cpu(True, [0.100, 0.101, 0.099], [0.060, 0.061, 0.059], 1.15)
    loaded = decide_cpu(True, [0.100, 0.472, 0.099], [0.213, 0.061, 0.288], 1.15)
    assert steady.precision == loaded.precision == "bf16-mixed"


def test_the_cpu_capability_is_read_from_torch_where_it_says():
    found = REAL_NATIVE_BF16()
    if platform.machine().lower() in ("x86_64", "amd64"):
        assert found == (torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported())
    else:
        assert found is None


def test_without_native_bf16_a_fit_trains_in_fp32_and_never_times_a_step(workdir, tiny_distilbert, monkeypatch,
                                                                         capsys):
    timed = fake_precision_probe(monkeypatch, fp32=0.10, bf16=0.01, native=False)  # bf16 would win the timing
    assert fit(tiny_distilbert, "--trainer.fast_dev_run", "true") == 0
    assert timed == []
    assert "Precision: 32-true (this CPU has no native bf16" in capsys.readouterr().out


@pytest.mark.slow  # a real fit or a subprocess: seconds
def test_the_real_probe_decides_by_its_own_measurement(workdir, tiny_distilbert, monkeypatch, capsys):
    """The clock, once: whatever it measures on this machine now, the decision and the banner follow from it."""
    monkeypatch.setattr(precision_module, "step_seconds", REAL_STEP_SECONDS)
    monkeypatch.setattr(precision_module, "native_bf16", REAL_NATIVE_BF16)
    assert fit(tiny_distilbert) == 0
    facts = summary(workdir)
    out = capsys.readouterr().out
    if REAL_NATIVE_BF16() is False:
        assert facts["precision_source"] == "cpu capability" and facts["precision"] == "32-true"
        assert "fp32_step_ms" not in facts
    else:
        assert facts["precision_source"] == "measured"
        assert facts["fp32_step_ms"] > 0 and facts["bf16_step_ms"] > 0
        faster = facts["fp32_step_ms"] / facts["bf16_step_ms"]  # from times rounded to a microsecond
        if abs(faster - 1.15) > 0.01:
            assert facts["precision"] == ("bf16-mixed" if faster >= 1.15 else "32-true")
    assert f"Precision: {facts['precision']} (" in out


@pytest.mark.slow
@pytest.mark.parametrize(("fp32", "bf16", "chosen"), [(0.10, 0.05, "bf16-mixed"), (0.10, 0.095, "32-true")])
def test_bf16_is_chosen_only_when_measured_faster_by_the_margin(workdir, tiny_distilbert, monkeypatch,
                                                               fp32, bf16, chosen):
    timed = fake_precision_probe(monkeypatch, fp32, bf16)
    assert fit(tiny_distilbert) == 0
    facts = summary(workdir)
    assert (facts["precision"], facts["precision_source"]) == (chosen, "measured")
    assert facts["fp32_step_ms"] == pytest.approx(1000 * fp32) and facts["bf16_step_ms"] == pytest.approx(1000 * bf16)
    assert timed == [False, True] * 4  # a warm-up and three timed steps each, interleaved
    assert ("frozen_weights_cast_mb" in facts) == (chosen == "bf16-mixed")  # frozen_weights.py: bf16 only


@pytest.mark.slow
def test_a_precision_the_user_gives_is_kept_without_measuring(workdir, tiny_distilbert, monkeypatch):
    timed = fake_precision_probe(monkeypatch, 0.10, 0.05)
    assert fit(tiny_distilbert, "--trainer.precision", "32-true") == 0
    assert timed == []
    facts = summary(workdir)
    assert (facts["precision"], facts["precision_source"]) == ("32-true", "user")


@pytest.mark.slow
def test_a_resumed_run_keeps_the_precision_it_was_trained_with(workdir, tiny_distilbert, monkeypatch, capsys):
    fake_precision_probe(monkeypatch, 0.10, 0.05)
    assert fit(tiny_distilbert) == 0
    timed = fake_precision_probe(monkeypatch, 0.10, 0.10)  # today's timing would say fp32
    capsys.readouterr()
    assert fit(tiny_distilbert, "--trainer.max_epochs", "2", "--ckpt_path", "last") == 0
    assert timed == []
    facts = summary(workdir)
    assert (facts["precision"], facts["precision_source"]) == ("bf16-mixed", "checkpoint")
    out = capsys.readouterr().out
    assert "Precision: bf16-mixed (inherited from the checkpoint this run resumes; not measured)" in out


@pytest.mark.slow
def test_learn_continues_in_its_parent_adapters_precision(workdir, tiny_distilbert, monkeypatch, capsys):
    fake_precision_probe(monkeypatch, 0.10, 0.05)
    assert fit(tiny_distilbert) == 0
    parent = workdir / "lightning_logs" / "version_0" / "adapter"
    assert json.loads((parent / "expense_classifier.json").read_text())["precision"] == "bf16-mixed"
    timed = fake_precision_probe(monkeypatch, 0.05, 0.10)  # under load, today's timing says fp32
    (workdir / "rows.csv").write_text("item,category\n" + "".join(f"Dog food bag {i},Pets\n" for i in range(5)))
    capsys.readouterr()
    assert main(["learn", "rows.csv", "--epochs", "1"]) == 0
    assert timed == []
    facts = summary(workdir, version=1)
    assert (facts["precision"], facts["precision_source"]) == ("bf16-mixed", "inherited")
    out = capsys.readouterr().out
    assert "Precision: bf16-mixed (inherited from the adapter this run continues; not measured)" in out


@pytest.mark.parametrize("precision", [[], ["--trainer.precision", "32-true"], ["--trainer.precision", "bf16-mixed"]])
def test_every_fit_trains_in_train_mode_whether_or_not_the_probe_ran(workdir, tiny_distilbert, precision):
    """from_pretrained leaves the backbone in eval mode (no dropout); the probes' own train() once hid that.

    The batch size is given, so the batch-size probe (which also calls train()) does not run either."""
    from expense_classifier.training.lightning_cli import build_cli_class, configure_logging, resolve_presets

    configure_logging()
    cli = build_cli_class()(args=resolve_presets([
        "fit", "--config", "quick.yaml", "--model.backbone", str(tiny_distilbert), "--data.num_samples", "64",
        "--data.batch_size", "8", "--trainer.fast_dev_run", "true", *precision]))
    assert cli.trainer.global_step == 1
    assert [name for name, module in cli.model.named_modules() if not module.training] == []
