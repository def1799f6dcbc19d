"""User-facing errors: one line, exit code 2, no traceback (see `cli.main`)."""

from __future__ import annotations


class UserInputError(Exception):
    """A mistake in what the user gave us (a file, a column, a path), not a bug."""

    exit_code = 2
