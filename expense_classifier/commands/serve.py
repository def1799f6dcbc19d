"""`serve`: the command line of the HTTP service (the service itself is `serving.server`)."""

from __future__ import annotations

from expense_classifier.commands.options import function_parser
from expense_classifier.serving.server import serve


def serve_main(argv: list[str]) -> int:
    return serve(**function_parser(serve).parse_args(argv).as_dict())
