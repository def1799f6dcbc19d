"""Run `serve` as a separate process on 127.0.0.1 and talk to it: for tests, benchmarks and scripts (bounded waits)."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path


class ServerURL(str):
    """The server's base URL, which also knows the server's process id (for RSS and the like)."""

    pid: int


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(url: str, body: bytes | dict | None = None, key: str | None = None,
            timeout: float = 30) -> tuple[int, bytes]:
    """(status, body) of a GET, or of a POST when `body` is given; never raises for 4xx/5xx."""
    data = json.dumps(body).encode() if isinstance(body, dict) else body
    headers = {"Content-Type": "application/json"}
    if key:
        headers["X-API-Key"] = key
    req = urllib.request.Request(url, data=data, headers=headers, method="POST" if data is not None else "GET")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


class KeepAliveClient:
    """One HTTP/1.1 connection reused across requests, as a real client keeps it (urllib opens one per request)."""

    def __init__(self, base: str, timeout: float = 30, key: str | None = None) -> None:
        from urllib.parse import urlparse

        url = urlparse(base)
        self.host, self.port, self.timeout = url.hostname or "127.0.0.1", url.port or 80, timeout
        self.headers = {"Content-Type": "application/json", **({"X-API-Key": key} if key else {})}
        self.connection: http.client.HTTPConnection | None = None

    def post(self, path: str, body: dict) -> tuple[int, bytes]:
        """(status, body); a dropped connection is opened again once."""
        data = json.dumps(body).encode()
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.connection.request("POST", path, body=data, headers=self.headers)
                response = self.connection.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, OSError):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


@contextlib.contextmanager
def running_server(adapter: Path, log: Path, *extra: str, key: str | None = None,
                   ready_within_s: float = 90) -> Iterator[ServerURL]:
    """A `serve` process for `adapter`; yields its base URL once /health says ready, stops it after."""
    port = free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    if key:
        env["EXPENSE_CLASSIFIER_API_KEY"] = key
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "expense_classifier", "serve", "--model", str(adapter),
                                    "--port", str(port), *extra], stdout=out, stderr=subprocess.STDOUT, env=env)
    base = ServerURL(f"http://127.0.0.1:{port}")
    base.pid = process.pid
    try:
        deadline = time.monotonic() + ready_within_s
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"serve exited with {process.returncode}: {log.read_text()[-2000:]}")
            with contextlib.suppress(OSError):
                if request(f"{base}/health", key=key, timeout=2)[0] == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"serve not ready within {ready_within_s} s: {log.read_text()[-2000:]}")
            time.sleep(0.5)
        yield base
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    """SIGTERM (serve then stops its model workers), and kill whatever of the process tree is still there."""
    import psutil

    family: list[psutil.Process] = []
    with contextlib.suppress(psutil.Error):
        family = psutil.Process(process.pid).children(recursive=True)
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    for child in family:
        with contextlib.suppress(psutil.Error):
            child.wait(timeout=5)
    for child in family:
        with contextlib.suppress(psutil.Error):
            child.kill()
