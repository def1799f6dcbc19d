"""Command lines built from a function's signature and docstring, the way LightningCLI builds fit's."""

from __future__ import annotations


def function_parser(function, positional: str | None = None, nargs: str = "*",  # noqa: ANN001, ANN202
                    positional_help: str = "", flags: dict[str, str] | None = None) -> object:
    """A jsonargparse parser from the function's signature and docstring (`--help` shows both).

    `flags` (name: help) are booleans given bare, `--quiet` (and `--no_quiet`), not `--quiet true`.
    """
    from jsonargparse import ActionYesNo, ArgumentParser

    parser = ArgumentParser(prog=f"python -m expense_classifier {function.__name__}",
                            description=(function.__doc__ or "").split("\n")[0])
    if positional:
        parser.add_argument(positional, nargs=nargs, help=positional_help)
    skip = ({positional} if positional else set()) | set(flags or {})
    parser.add_function_arguments(function, skip=skip or None, as_group=False)
    for name, help_text in (flags or {}).items():
        parser.add_argument(f"--{name}", action=ActionYesNo, default=False, help=help_text)
    return parser
