"""LightningCLI for fit/validate/test/predict: presets, argument links, the project's callbacks, a quiet console."""

from __future__ import annotations

import logging
import os
import sys
import warnings
from importlib import resources as package_files
from pathlib import Path

from expense_classifier.errors import UserInputError

PRESETS = ("quick", "standard", "full")


def preset_path(name: str) -> Path | None:
    """The shipped config for a bare preset name ("quick", "quick.yaml"), if there is one."""
    stem = name[: -len(".yaml")] if name.endswith(".yaml") else name
    if stem not in PRESETS or os.sep in name:
        return None
    return Path(str(package_files.files("expense_classifier") / "configs" / f"{stem}.yaml"))


def resolve_presets(argv: list[str]) -> list[str]:
    """Point `--config quick.yaml` at the shipped preset unless such a file is here."""
    out = list(argv)
    for i, arg in enumerate(out):
        if arg == "--config" and i + 1 < len(out):
            index, value, prefix = i + 1, out[i + 1], ""
        elif arg.startswith("--config="):
            index, value, prefix = i, arg.split("=", 1)[1], "--config="
        else:
            continue
        shipped = preset_path(value)
        if shipped is not None and not Path(value).exists():
            out[index] = prefix + str(shipped)
    return out


class _StdoutHandler(logging.StreamHandler):
    """Writes to whatever `sys.stdout` is now (redirected, captured), not the one seen at start-up."""

    @property
    def stream(self):  # noqa: ANN201
        return sys.stdout

    @stream.setter
    def stream(self, value: object) -> None:
        pass


def configure_logging() -> None:
    """Our messages plain on stdout; Lightning's start-up chatter and known non-issues quiet."""
    handler = _StdoutHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    package_log = logging.getLogger("expense_classifier")
    if not package_log.handlers:
        package_log.addHandler(handler)
    package_log.setLevel(logging.INFO)
    package_log.propagate = False
    for name in ("lightning.pytorch.utilities.rank_zero", "lightning.fabric.utilities.rank_zero",
                 "lightning.fabric.utilities.seed"):
        logging.getLogger(name).setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", message=".*does not have many workers.*")
    # main() hands LightningCLI the argv it was given, with presets resolved: that is intended.
    warnings.filterwarnings("ignore", message=".*LightningCLI's args parameter is intended.*")
    warnings.filterwarnings("ignore", message=".*Checkpoint directory .* exists and is not empty.*")
    # torch's notice to Lightning's own code (lightning/pytorch/utilities/_pytree.py), nothing to act on here.
    warnings.filterwarnings("ignore", message=".*isinstance\\(treespec, LeafSpec\\)` is deprecated.*")
    # Resuming mid-epoch: GracefulInterrupt has the loader skip the batches already trained on.
    warnings.filterwarnings("ignore", message=".*resuming from a checkpoint that ended before the epoch ended.*")
    # The model summary's size column under bf16-mixed (MeasuredPrecision): an estimate, not a problem.
    warnings.filterwarnings("ignore", message=".*is not supported by the model summary.*")
    # A frozen, cached prefix (--model.lora_layers) stays in eval mode on purpose: see prefix_cache.py.
    warnings.filterwarnings("ignore", message=".*module\\(s\\) in eval mode at the start of training.*")
    # A run without validation (limit_val_batches 0, max_steps inside the first epoch): AdapterExport says so.
    warnings.filterwarnings("ignore", message=".*ModelCheckpoint.*could not find the monitored key.*")
    # A resume writes a new version directory, and the resumed checkpoint's run keeps its own files: Lightning's
    # "The dirpath has changed" is that, said as a warning (validate/test/predict save nothing at all).
    warnings.filterwarnings("ignore", message=".*The dirpath has changed from.*")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def build_cli_class():  # noqa: ANN201 - imports Lightning lazily so `--help` errors stay cheap
    from lightning.pytorch import Trainer
    from lightning.pytorch.callbacks import EarlyStopping, ModelCheckpoint
    from lightning.pytorch.cli import LightningArgumentParser, LightningCLI
    from lightning.pytorch.plugins.io import TorchCheckpointIO

    from expense_classifier.artifacts import newest_in_runs
    from expense_classifier.data.datamodule import ExpenseDataModule
    from expense_classifier.training.callbacks.adapter import AdapterExport
    from expense_classifier.training.callbacks.batch_size import ResourceAwareBatchSize
    from expense_classifier.training.callbacks.checkpoint import EpochCountedCheckpoint
    from expense_classifier.training.callbacks.interrupt import GracefulInterrupt
    from expense_classifier.training.callbacks.monitor import SystemMonitor
    from expense_classifier.training.callbacks.precision import MeasuredPrecision
    from expense_classifier.training.callbacks.predictions import PredictionFileWriter
    from expense_classifier.training.callbacks.progress import compact_progress_bar
    from expense_classifier.training.callbacks.reports import TrainingReports
    from expense_classifier.training.checkpoint_io import AtomicCheckpointIO
    from expense_classifier.training.model import ExpenseClassifier

    class ExpenseCLI(LightningCLI):
        """LightningCLI for the expense classifier; every default below is overridable."""

        def __init__(self, args: list[str] | None = None, run: bool = True) -> None:
            super().__init__(
                ExpenseClassifier,
                ExpenseDataModule,
                seed_everything_default=42,
                save_config_kwargs={"overwrite": True},
                trainer_defaults={
                    # The LoRA line says what trains; Lightning's table adds a column of FLOPs it cannot
                    # count for this model (zeros). `--trainer.enable_model_summary true` brings it back.
                    "enable_model_summary": False,
                    "logger": {
                        "class_path": "lightning.pytorch.loggers.TensorBoardLogger",
                        "init_args": {"save_dir": ".", "name": "lightning_logs",
                                      "default_hp_metric": False},
                    },
                },
                # A typo like --trainer.max_epoch must be an error, not argparse's abbreviation of max_epochs.
                parser_kwargs={
                    "allow_abbrev": False,
                    "prog": "python -m expense_classifier",
                    "description": "Train and evaluate the expense classifier (LightningCLI: fit, validate, test, "
                    "predict). Also: `categorize` receipts and statements, `learn` from corrections, `rules` to "
                    "list or remove what you taught it, `serve` over HTTP with a page, and `export --merged DIR`; "
                    "each takes --help (`python -m "
                    "expense_classifier categorize --help`).",
                },
                args=args,
                run=run,
            )

        def instantiate_trainer(self, **kwargs: object) -> Trainer:
            """The trainer: checkpoints saved atomically unless the user chose a CheckpointIO; a compact bar."""
            trainer = super().instantiate_trainer(**kwargs)
            if type(trainer.strategy.checkpoint_io) is TorchCheckpointIO:
                trainer.strategy.checkpoint_io = AtomicCheckpointIO()
            compact_progress_bar(trainer)
            return trainer

        current_before: Path | None = None  # the current model (newest adapter) when this fit started

        def after_fit(self) -> None:
            """With a test split, score the kept weights on it (they are the adapter's) and print one line."""
            trainer, datamodule = self.trainer, self.datamodule
            if (trainer.interrupted or trainer.received_sigterm or trainer.fast_dev_run
                    or trainer.limit_test_batches == 0 or "test" not in datamodule.splits):  # a stop asked for: end
                return
            results = trainer.test(self.model, datamodule=datamodule, verbose=False)  # every rank: it is collective
            if trainer.is_global_zero and results and "test/acc" in results[0]:
                logging.getLogger("expense_classifier").info(
                    "Test accuracy: %.3f on %d held-back items", results[0]["test/acc"], len(datamodule.splits["test"]))

        def before_instantiate_classes(self) -> None:
            """`--ckpt_path last`: the newest run's last.ckpt; `fit` also continues in that run's directory.

            A `fit` that resumes tells MeasuredPrecision so, which then takes the checkpoint's precision (the
            trainer learns of the checkpoint only after the callbacks' setup, where a new run measures)."""
            config = self.config.get(self.subcommand)
            if self.subcommand == "fit" and config is not None and config.get("ckpt_path"):
                config.precision.resuming = True
            if config is None:
                return
            logger = config.trainer.logger
            init = logger.init_args if hasattr(logger, "init_args") else None
            root = Path(init.save_dir if init else ".") / (init.name if init else "lightning_logs")
            if self.subcommand == "fit":
                self.current_before = newest_in_runs(root, "adapter")
            if config.get("ckpt_path") == "last":
                last = newest_in_runs(root, "checkpoints/last.ckpt")
                if last is None:
                    raise UserInputError(f"--ckpt_path last: no last.ckpt under {root}/version_*/checkpoints/")
                config.ckpt_path = str(last)
                if self.subcommand == "fit" and init is not None:
                    init.version = int(last.parent.parent.name.removeprefix("version_"))
                logging.getLogger("expense_classifier").info("Using %s", last)
            if self.subcommand != "fit" and config.get("ckpt_path"):
                log_beside_checkpoint(config, init, self.subcommand)

        def current_model_note(self) -> str | None:
            """After a fit that is not a learn of the current model: it is the current model now, and the
            user's rules still apply (a learn says so itself)."""
            if self.subcommand != "fit" or not self.trainer.is_global_zero:
                return None
            adapter = next((c.path for c in self.trainer.callbacks if isinstance(c, AdapterExport) and c.path), None)
            if adapter is None:
                return None
            parent = self.model.hparams.get("init_adapter")
            if parent and self.current_before is not None and Path(parent).resolve() == self.current_before.resolve():
                return None
            return (f"{adapter} is now the current model (categorize, serve and learn use the newest adapter); "
                    f"{rules_kept()}")

        def add_arguments_to_parser(self, parser: LightningArgumentParser) -> None:
            parser.add_lightning_class_args(EpochCountedCheckpoint, "checkpoint")
            parser.set_defaults({
                "checkpoint.monitor": "val/acc",
                "checkpoint.mode": "max",
                "checkpoint.save_top_k": 2,
                "checkpoint.save_last": False,  # last.ckpt is the job of the callback below
                "checkpoint.filename": "epoch{epoch_number:02d}-val_acc{val/acc:.4f}",
                "checkpoint.auto_insert_metric_name": False,
                "checkpoint.enable_version_counter": False,
            })
            # A second ModelCheckpoint, after the first, rewrites last.ckpt at every epoch's end (the first's
            # save_last only follows a new top-k), so last.ckpt always holds the best-so-far it just recorded.
            parser.add_lightning_class_args(ModelCheckpoint, "last_checkpoint")
            parser.set_defaults({
                "last_checkpoint.monitor": None,
                "last_checkpoint.save_top_k": 1,
                "last_checkpoint.filename": "last",
                "last_checkpoint.enable_version_counter": False,
            })
            parser.add_lightning_class_args(EarlyStopping, "early_stopping")
            parser.set_defaults({
                "early_stopping.monitor": "val/acc",
                "early_stopping.mode": "max",
                "early_stopping.patience": 3,
                # Decide only after a validation has run: a run stopped by max_steps, max_time or an
                # interrupt before its epoch's validation (or with no validation) has nothing to compare.
                "early_stopping.check_on_train_epoch_end": False,
            })
            parser.add_lightning_class_args(ResourceAwareBatchSize, "resources")
            parser.add_lightning_class_args(MeasuredPrecision, "precision")
            parser.add_lightning_class_args(SystemMonitor, "monitor")
            parser.add_lightning_class_args(AdapterExport, "adapter")
            parser.add_lightning_class_args(TrainingReports, "reports")
            parser.add_lightning_class_args(PredictionFileWriter, "predictions")
            parser.add_lightning_class_args(GracefulInterrupt, "interrupt")
            parser.link_arguments("model.backbone", "data.backbone")
            # The guide's adaptive logging interval, exactly when the user gave none.
            parser.link_arguments("trainer.log_every_n_steps", "resources.adapt_log_interval",
                                  compute_fn=lambda interval: interval is None)
            # The precision is measured (CPU) or follows the GPU, exactly when the user chose none.
            parser.link_arguments("trainer.precision", "precision.auto", compute_fn=lambda chosen: chosen is None)
            parser.link_arguments("data.id2label", "model.id2label", apply_on="instantiate")

    return ExpenseCLI


def log_beside_checkpoint(config: object, logger_args: object, subcommand: str) -> None:
    """validate/test/predict of `<run>/checkpoints/X.ckpt` log into `<run>/<subcommand>/` (events, config,
    figures), not into a new `version_N` that `--ckpt_path last` or a listing would take for a run."""
    ckpt = Path(config.ckpt_path)
    if ckpt.parent.name == "checkpoints" and hasattr(logger_args, "save_dir"):
        logger_args.save_dir, logger_args.name, logger_args.version = str(ckpt.parent.parent), "", subcommand


def rules_kept() -> str:
    """"earlier corrections stay as rules: 3 in lightning_logs/rules.csv": rules outlive the model they came with."""
    from expense_classifier.merchants.rules import Rules

    try:
        rules = Rules.load()
    except UserInputError as err:
        return f"the rules file could not be read ({err})"
    if not len(rules):
        return "no rules yet (learn FILE --rules_only makes them from your corrections)"
    return f"earlier corrections stay as rules: {len(rules)} in {rules.path}, applied first"


def run_training(argv: list[str]) -> int:
    """Run one LightningCLI command (`fit --config quick.yaml …`); 130 after Ctrl-C, 143 after SIGTERM."""
    try:
        cli = build_cli_class()(args=resolve_presets(argv))
    except SystemExit as stop:
        from lightning.pytorch.utilities.exceptions import SIGTERMException

        if isinstance(stop, SIGTERMException):  # last.ckpt was saved; the message is already out
            return stop.code if isinstance(stop.code, int) and stop.code else 143  # 130 after Ctrl-C
        raise
    log = logging.getLogger("expense_classifier")
    note = cli.current_model_note()
    if note:
        log.info(note)
    if cli.subcommand in ("validate", "test", "predict") and cli.trainer.is_global_zero and cli.trainer.log_dir:
        log.info("%s logs written to %s", cli.subcommand.capitalize(), cli.trainer.log_dir)
    return 0
