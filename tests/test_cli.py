"""The real CLI, in process: presets, fast_dev_run fits, a short real fit with its artifacts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from expense_classifier.cli import main
from expense_classifier.training.lightning_cli import PRESETS, preset_path, resolve_presets


def run(*args: str) -> int:
    return main(list(args))


def test_bare_preset_names_resolve_to_shipped_configs(workdir):
    for name in PRESETS:
        resolved = resolve_presets(["fit", "--config", f"{name}.yaml"])[2]
        assert resolved == str(preset_path(name)) and Path(resolved).is_file()
    assert resolve_presets(["fit", "--config=quick"])[1] == f"--config={preset_path('quick')}"


def test_a_file_in_the_working_directory_wins_over_the_preset(workdir):
    (workdir / "quick.yaml").write_text("trainer:\n  max_epochs: 1\n")
    assert resolve_presets(["fit", "--config", "quick.yaml"]) == ["fit", "--config", "quick.yaml"]


def fit_cli(*args: str):  # noqa: ANN201 - the LightningCLI after its run, to read what the run did
    from expense_classifier.training.lightning_cli import build_cli_class, configure_logging

    configure_logging()
    return build_cli_class()(args=resolve_presets(list(args)))


def assert_one_step_trained(cli, workdir: Path) -> None:  # noqa: ANN001
    """fast_dev_run: one training batch, one optimizer step that changed the LoRA weights, and no run written."""
    assert cli.trainer.state.finished and cli.trainer.fast_dev_run
    assert cli.trainer.global_step == 1
    lora_b = [p for name, p in cli.model.named_parameters() if "lora_B" in name]
    assert lora_b and any(p.abs().sum() > 0 for p in lora_b)  # LoRA's B matrices start at zero
    assert not (workdir / "lightning_logs").exists()


@pytest.mark.parametrize("preset", PRESETS)
def test_fast_dev_run_fit_for_each_preset_on_tiny_distilbert(workdir, tiny_distilbert, preset, capsys):
    cli = fit_cli("fit", "--config", f"{preset}.yaml", "--model.backbone", str(tiny_distilbert),
                  "--data.num_samples", "64", "--trainer.fast_dev_run", "true")
    assert_one_step_trained(cli, workdir)
    assert cli.model.hparams.lora_layers == (4 if preset == "quick" else None)
    assert "System Resources:" in capsys.readouterr().out


def test_print_config_round_trips(workdir, tiny_distilbert, capsys):
    with pytest.raises(SystemExit) as exit_info:
        run("fit", "--config", "quick.yaml", "--model.backbone", str(tiny_distilbert), "--print_config")
    assert exit_info.value.code == 0
    printed = capsys.readouterr().out
    (workdir / "printed.yaml").write_text(printed)
    assert "max_epochs: 3" in printed and "lora_layers: 4" in printed  # the quick preset
    assert run("fit", "--config", "printed.yaml", "--data.num_samples", "64", "--trainer.fast_dev_run", "true") == 0


@pytest.mark.slow  # a real fit or a subprocess: seconds
def test_short_real_fit_writes_events_checkpoints_adapter_and_tests_a_json_file(workdir, tiny_distilbert, json_items):
    common = ["--model.backbone", str(tiny_distilbert), "--data.num_samples", "96", "--trainer.max_epochs", "2",
              "--trainer.enable_progress_bar", "false"]
    assert run("fit", "--config", "quick.yaml", *common) == 0
    version = workdir / "lightning_logs" / "version_0"
    assert list(version.glob("events.out.tfevents.*"))
    best = [p for p in (version / "checkpoints").glob("*.ckpt") if p.name != "last.ckpt"]
    assert 1 <= len(best) <= 2 and (version / "checkpoints" / "last.ckpt").exists()
    adapter = version / "adapter"
    assert (adapter / "adapter_model.safetensors").exists()
    meta = json.loads((adapter / "expense_classifier.json").read_text())
    assert sorted(meta["id2label"].values()) == list(meta["id2label"].values())
    assert len(meta["id2label"]) == 8

    ckpt = version / "checkpoints" / "last.ckpt"
    assert run("test", "--config", "quick.yaml", *common, "--data.test_path", str(json_items),
               "--ckpt_path", str(ckpt)) == 0


def test_fast_dev_run_on_the_bundled_pretrained_model(workdir, monkeypatch, capsys):
    """The default backbone without the hub: one warning line, then the bundled model trains."""
    from expense_classifier.inference.backbones import resolve_backbone

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    resolve_backbone.cache_clear()  # an earlier test in this process may have resolved it (and warned) already
    cli = fit_cli("fit", "--config", "quick.yaml", "--data.num_samples", "64", "--trainer.fast_dev_run", "true")
    assert_one_step_trained(cli, workdir)
    assert cli.model.hparams.backbone == "distilbert-base-uncased"
    assert "all-MiniLM-L6-v2" in cli.model.backbone_used.display_name
    out = capsys.readouterr().out
    assert out.count("using the bundled all-MiniLM-L6-v2") == 1


def parsed(*args: str):  # noqa: ANN201 - a LightningCLI, classes built, nothing run
    from expense_classifier.training.lightning_cli import build_cli_class

    return build_cli_class()(args=resolve_presets(list(args)), run=False)


@pytest.mark.parametrize(("preset", "epochs", "learning_rate"),
                         [("quick", 3, 0.003), ("standard", 5, 0.003), ("full", 8, 0.002)])
def test_presets_set_what_tells_them_apart(workdir, tiny_distilbert, preset, epochs, learning_rate):
    """The guide's modes: more epochs at a gentler rate, and the memory table row of the same name."""
    cli = parsed("--config", f"{preset}.yaml", "--model.backbone", str(tiny_distilbert), "--data.num_samples", "64")
    assert cli.trainer.max_epochs == epochs
    assert cli.model.hparams.learning_rate == learning_rate
    assert cli.model.hparams.lora_layers == (4 if preset == "quick" else None)  # quick trains the top 4 layers
    shipped_data = yaml.safe_load(preset_path(preset).read_text())["data"]
    assert (shipped_data["num_samples"], shipped_data["max_eval_items"]) == (10000, 600)  # one training set for all
    callbacks = {type(c).__name__: c for c in cli.trainer.callbacks}
    assert callbacks["ResourceAwareBatchSize"].mode == preset
    assert callbacks["EarlyStopping"].patience == 3 and cli.trainer.checkpoint_callback.monitor == "val/acc"
    shipped = (Path(__file__).parents[1] / "configs" / f"{preset}.yaml").read_text()
    assert shipped == preset_path(preset).read_text()  # the top-level copy users read is the packaged one


def test_the_adaptive_log_interval_is_on_exactly_when_none_is_given(workdir, tiny_distilbert):
    base = ("--config", "quick.yaml", "--model.backbone", str(tiny_distilbert), "--data.num_samples", "64")
    resources = [c for c in parsed(*base).trainer.callbacks if type(c).__name__ == "ResourceAwareBatchSize"]
    assert resources[0].adapt_log_interval
    resources = [c for c in parsed(*base, "--trainer.log_every_n_steps", "7").trainer.callbacks
                 if type(c).__name__ == "ResourceAwareBatchSize"]
    assert not resources[0].adapt_log_interval


def test_top_level_help_names_every_command(capsys):
    """`--help` is where a newcomer finds the commands: LightningCLI's four and every one beside them."""
    from expense_classifier.cli import EXTRA_COMMANDS

    with pytest.raises(SystemExit) as stopped:
        run("--help")
    assert stopped.value.code == 0
    shown = " ".join(capsys.readouterr().out.split())
    for command in ("fit", "validate", "test", "predict", *EXTRA_COMMANDS):
        assert f"`{command}" in shown or f"{{{command}" in shown or f",{command}" in shown, command
