"""Command lines built from a function's signature and docstring, the way LightningCLI builds fit's."""

from __future__ import annotations

import sys
import types
import typing

# The values jsonargparse reads as a bool (any case): after a switch, anything else is the next argument.
BOOL_WORDS = frozenset({"true", "false", "yes", "no", "on", "off"})


def switches(function) -> set[str]:  # noqa: ANN001
    """The options of the function's `bool` (or `bool | None`) parameters, as typed: {"--quantize", ...}."""
    hints = typing.get_type_hints(function)
    found = set()
    for name, hint in hints.items():
        args = set(typing.get_args(hint)) if typing.get_origin(hint) in (typing.Union, types.UnionType) else {hint}
        if name != "return" and bool in args and args <= {bool, type(None)}:
            found.add(f"--{name}")
    return found


def bare_switches(argv: list[str], flags: set[str]) -> list[str]:
    """`--quantize` alone means `--quantize true`, as a person types a switch; `--quantize false` still works."""
    out = []
    for i, arg in enumerate(argv):
        out.append(arg)
        if arg in flags and (i + 1 == len(argv) or argv[i + 1].lower() not in BOOL_WORDS):
            out.append("true")
    return out


def function_parser(function, positional: str | None = None, nargs: str = "*",  # noqa: ANN001, ANN202
                    positional_help: str = "") -> object:
    """A jsonargparse parser from the function's signature and docstring (`--help` shows both).

    Its boolean options work bare (`--quantize`) and with a value (`--quantize true`, `--quantize false`).
    """
    from jsonargparse import ArgumentParser

    flags = switches(function)

    class SwitchParser(ArgumentParser):
        def parse_args(self, args: list[str] | None = None, *rest: object, **kwargs: object):  # noqa: ANN202
            argv = sys.argv[1:] if args is None else list(args)
            return super().parse_args(bare_switches(argv, flags), *rest, **kwargs)

    parser = SwitchParser(prog=f"python -m expense_classifier {function.__name__}",
                          description=(function.__doc__ or "").split("\n")[0])
    if positional:
        parser.add_argument(positional, nargs=nargs, help=positional_help)
    parser.add_function_arguments(function, skip={positional} if positional else None, as_group=False)
    return parser
