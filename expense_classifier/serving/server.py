"""`serve`: the categorizer as an HTTP service on LitServe, batched across clients and safe by default.

POST /predict takes `{"items": [...]}`, `{"text": "<receipt or statement lines>"}` or
`{"csv": "<a statement export>"}` and answers with the rows and totals `categorize` prints, from the
same parsing, model and summary code. GET /health is ready once the model is loaded, GET /info
describes the model, and GET / is a page to paste a receipt or upload a statement.
"""

from __future__ import annotations

import json
import logging
import os
from importlib import resources as package_files
from pathlib import Path
from typing import Any

from expense_classifier.inference.categorizer import check_model_dir, newest_adapter
from expense_classifier.serving.lifecycle import StopOnSignal, check_address

log = logging.getLogger(__name__)
API_KEY_ENV = "EXPENSE_CLASSIFIER_API_KEY"
STOP_GRACE_S = 2  # requests in flight on a stop get this long to finish
STOP_DEADLINE_S = 9  # then the model workers (at most 5 s in LitServe): a stop ends within 10 s


class CheckedJsonBody:
    """ASGI middleware for POST /predict: a body over the size limit is 413 and one that is not JSON is 400,
    answered here with one line of JSON; a good body is passed on as it came, labelled as JSON. (LitServe's
    own payload limit and JSON parsing answer such requests with a 500, and it parses a body sent as a form,
    as `curl -d` sends it, with a form parser that is not installed: a 500 too.)"""

    def __init__(self, app: Any, path: str = "/predict", max_bytes: int = 2 * 1024**2) -> None:
        self.app = app
        self.path = path
        self.max_bytes = max_bytes

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        body, more = b"", True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_bytes:
                await self._reject(send, 413, f"the body is over {self.max_bytes / 1024**2:g} MB")
                return
        try:
            json.loads(body)
        except ValueError:  # also UnicodeDecodeError
            await self._reject(send, 400, "the body is not valid JSON")
            return
        replayed = False
        scope = {**scope, "headers": [*[(name, value) for name, value in scope.get("headers", [])
                                         if name.lower() != b"content-type"],
                                       (b"content-type", b"application/json")]}

        async def replay() -> dict:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    @staticmethod
    async def _reject(send: Any, status: int, message: str) -> None:
        payload = json.dumps({"detail": message}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": payload})


def page_html() -> str:
    return (package_files.files("expense_classifier.serving") / "web" / "index.html").read_text(encoding="utf-8")


def serve(
    model: Path | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    api_key: str | None = None,
    workers: int = 1,
    max_batch_size: int = 16,
    batch_timeout: float = 0.01,
    max_items: int = 1000,
    max_item_chars: int = 2000,
    max_body_mb: float = 2.0,
    log_requests: bool = False,
    rules_file: Path | None = None,
    model_only: bool = False,
) -> int:
    """Serve the categorizer over HTTP (LitServe): POST /predict, GET /health, GET /info, and a page at /.

    SIGTERM or Ctrl-C stops it and its model workers within 10 s: exit code 0 after SIGTERM, 130 after Ctrl-C.

    Args:
        model: an adapter directory; default: the newest run's adapter.
        host: the address to listen on; 127.0.0.1 (this machine only) unless you say otherwise.
        port: the port to listen on.
        api_key: require this key in the X-API-Key header of /predict and /info (or set
            EXPENSE_CLASSIFIER_API_KEY); without one, anyone who can reach the port may ask.
        workers: model worker processes (each holds a copy of the model).
        max_batch_size: requests predicted together, across clients.
        batch_timeout: seconds a batch waits to fill.
        max_items: items one request may carry.
        max_item_chars: characters one item may have.
        max_body_mb: the largest request body, in MB.
        log_requests: log each request's items (off: nothing of what is sent is logged).
        rules_file: your rules, applied first and added to by POST /rules; default:
            $EXPENSE_CLASSIFIER_RULES, else lightning_logs/rules.csv.
        model_only: the model answers every item (no rules, money detection or directory).
    """
    check_address(host, port)
    model_dir = Path(model) if model is not None else newest_adapter()
    meta = check_model_dir(model_dir)
    key = api_key or os.environ.get(API_KEY_ENV)
    if key:
        os.environ["LIT_SERVER_API_KEY"] = key  # read by litserve when it is imported, just below
    import litserve as ls
    from fastapi.responses import HTMLResponse

    from expense_classifier.serving.api import CategorizerAPI
    from expense_classifier.serving.rules_api import add_rule_routes, rules_line

    api = CategorizerAPI(model_dir, max_items, max_item_chars, log_requests, rules_file, model_only,
                         max_batch_size=max_batch_size, batch_timeout=batch_timeout, api_path="/predict")
    metadata = {"model_dir": str(model_dir.resolve()), "backbone": meta.get("resolved_backbone") or meta["backbone"],
                "categories": [meta["id2label"][k] for k in sorted(meta["id2label"], key=int)],
                "version": _version(), "auth": bool(key), "max_items": max_items}
    # The API server runs as its own (forked) process, LitServe's default on Linux: LitServe stops it by
    # SIGTERM, and uvicorn then closes the port. As a thread of this process (api_server_worker_type="thread")
    # LitServe 0.2.19 cannot stop it (it calls Thread.terminate, which does not exist) and the process
    # never exits. LitServe's fast_queue (ZeroMQ) is not asked for: 0.2.19 ignores it (TransportConfig is
    # given `transport_config=`, so the type stays "mp"), and were it used, its shutdown would raise here
    # (ZMQTransport.close in a process that never set its ZeroMQ side up).
    server = ls.LitServer(api, accelerator="cpu", workers_per_device=workers, model_metadata=metadata,
                          middlewares=[(CheckedJsonBody, {"max_bytes": int(max_body_mb * 1024**2)})])
    server.uvicorn_graceful_timeout = STOP_GRACE_S  # LitServe's default is 30 s
    # The page replaces LitServe's own "/" (a "litserve running" text); it holds no data, so it needs no key.
    server.app.router.routes = [r for r in server.app.router.routes if getattr(r, "path", None) != "/"]
    server.app.add_api_route("/", lambda: HTMLResponse(page_html()), methods=["GET"], include_in_schema=False)
    add_rule_routes(server.app, server.setup_auth(), rules_file, metadata)  # POST/GET /rules, /predict's key
    stop = StopOnSignal(server, deadline_s=STOP_DEADLINE_S)
    stop.install()
    print(f"Serving {model_dir} on http://{host}:{port} ({'API key required' if key else 'no API key'}); "
          f"{rules_line(rules_file, model_only)}", flush=True)
    try:
        server.run(host=host, port=port, generate_client_file=False, api_server_worker_type="process")
    except Exception:
        if not stop.ended_by_stop():
            raise
    return stop.exit_code


def _version() -> str:
    from expense_classifier import __version__

    return __version__
