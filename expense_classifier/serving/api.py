"""The LitAPI of `serve`, in a module of its own: LitServe starts its model workers by spawning, which
pickles the API object, and imports litserve only after `serve` has set the API key it reads."""

import logging
import signal
from pathlib import Path
from typing import Any

import litserve as ls
from fastapi import HTTPException

from expense_classifier.inference.prediction import Prediction
from expense_classifier.merchants.lookup import Lookup
from expense_classifier.serving.requests import BadRequest, Parsed, categorize_many, parse_request, respond

log = logging.getLogger(__name__)


class CategorizerAPI(ls.LitAPI):
    """Check and read each request in the worker, predict a batch of requests in one call, answer each."""

    def __init__(self, model_dir: Path, max_items: int, max_item_chars: int, log_requests: bool = False,
                 rules_file: Path | None = None, model_only: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.model_dir = model_dir
        self.max_items = max_items
        self.max_item_chars = max_item_chars
        self.log_requests = log_requests
        self.rules_file = rules_file
        self.model_only = model_only

    def setup(self, device: str) -> None:
        # Ctrl-C reaches the whole process group; the main process then stops this worker (SIGTERM) in
        # its turn, where the interrupt would kill it mid-call with a traceback.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # A batch gathers random items from many clients: sorted by length and cut by a budget of 320
        # padded tokens (at most 128 items), they pad little (measured in Categorizer._chunks).
        # Rules, money in and the directory first; the model on the rest (see merchants.lookup).
        self.lookup = Lookup.load(self.model_dir, self.rules_file, self.model_only, batch_size=128, batch_tokens=320)

    def decode_request(self, request):  # noqa: ANN001, ANN201 - unannotated: LitServe then hands over the JSON body
        try:
            parsed = parse_request(request, self.max_items, self.max_item_chars)
        except BadRequest as err:
            raise HTTPException(status_code=err.status, detail=str(err)) from None
        if self.log_requests:
            log.info("request: %s", parsed.texts)
        return parsed

    def batch(self, inputs: list[Parsed]) -> list[Parsed]:
        return inputs

    def predict(self, requests: "list[Parsed] | Parsed") -> Any:
        single = isinstance(requests, Parsed)
        batch = [requests] if single else requests
        answers = list(zip(batch, categorize_many(self.lookup, batch), strict=True))
        return answers[0] if single else answers

    def unbatch(self, output: list) -> list:
        return output

    def encode_response(self, output: tuple[Parsed, list[Prediction]]) -> dict[str, Any]:
        return respond(*output)
