"""Command lines built from a function's signature and docstring, the way LightningCLI builds fit's."""

from __future__ import annotations


def function_parser(function, positional: str | None = None, nargs: str = "*",  # noqa: ANN001, ANN202
                    positional_help: str = "") -> object:
    """A jsonargparse parser from the function's signature and docstring (`--help` shows both); a bool
    option given alone is true, as people type flags."""
    from jsonargparse import ArgumentParser

    parser = ArgumentParser(prog=f"python -m expense_classifier {function.__name__}",
                            description=(function.__doc__ or "").split("\n")[0])
    if positional:
        parser.add_argument(positional, nargs=nargs, help=positional_help)
    parser.add_function_arguments(function, skip={positional} if positional else None, as_group=False)
    for action in parser._actions:  # a bool option alone means true (`--model_only`), or takes true/false
        if getattr(action, "_typehint", None) is bool:
            action.nargs, action.const = "?", True
    return parser
