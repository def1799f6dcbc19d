"""The command surface: LightningCLI's fit/validate/test/predict, and the commands of use after training."""

from __future__ import annotations

import importlib
import sys

from expense_classifier.errors import UserInputError

# name -> (module, function): each command's module is imported only when that command runs.
EXTRA_COMMANDS = {
    "categorize": ("expense_classifier.commands.categorize", "categorize_main"),
    "export": ("expense_classifier.commands.export", "export_main"),
    "learn": ("expense_classifier.commands.learn", "learn_main"),
    "rules": ("expense_classifier.commands.rules", "rules_main"),
    "serve": ("expense_classifier.commands.serve", "serve_main"),
}


def run_extra_command(name: str, argv: list[str]) -> int:
    module, function = EXTRA_COMMANDS[name]
    return getattr(importlib.import_module(module), function)(argv)


def main(argv: list[str] | None = None) -> int:
    """Entry point: `python -m expense_classifier {fit,validate,test,predict,categorize,learn,rules,serve,export}`."""
    from expense_classifier.training.lightning_cli import configure_logging, run_training

    argv = list(sys.argv[1:] if argv is None else argv)
    configure_logging()
    try:
        if argv and argv[0] in EXTRA_COMMANDS:
            return run_extra_command(argv[0], argv[1:])
        return run_training(argv)
    except UserInputError as err:
        print(f"error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
