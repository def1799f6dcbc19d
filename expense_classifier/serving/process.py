"""Run `serve` as a separate process on 127.0.0.1 and talk to it: for tests, benchmarks and scripts (bounded waits)."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path


class ServerURL(str):
    """The server's base URL, which also knows the server's process id (for RSS and the like) and port."""

    pid: int
    port: int


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(url: str, body: bytes | dict | None = None, key: str | None = None,
            timeout: float = 30, content_type: str = "application/json") -> tuple[int, bytes]:
    """(status, body) of a GET, or of a POST when `body` is given; never raises for 4xx/5xx."""
    data = json.dumps(body).encode() if isinstance(body, dict) else body
    headers = {"Content-Type": content_type}
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
        return self.post_raw(path, json.dumps(body).encode())

    def post_raw(self, path: str, data: bytes) -> tuple[int, bytes]:
        """(status, body) of a POST of these bytes as they are (a bad request, say)."""
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


def start_server(adapter: Path, log: Path, *extra: str, key: str | None = None, ready_within_s: float = 90,
                 until_ready: bool = True) -> tuple[subprocess.Popen, ServerURL]:
    """A `serve` process for `adapter` in a process group of its own (a signal to the group is what
    Ctrl-C sends), and its base URL once /health says ready (at once, without `until_ready`)."""
    port = free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    if key:
        env["EXPENSE_CLASSIFIER_API_KEY"] = key
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "expense_classifier", "serve", "--model", str(adapter),
                                    "--port", str(port), *extra], stdout=out, stderr=subprocess.STDOUT, env=env,
                                   start_new_session=True)
    base = ServerURL(f"http://127.0.0.1:{port}")
    base.pid, base.port = process.pid, port
    try:
        deadline = time.monotonic() + ready_within_s
        while until_ready:
            if process.poll() is not None:
                raise RuntimeError(f"serve exited with {process.returncode}: {log.read_text()[-2000:]}")
            with contextlib.suppress(OSError):
                if request(f"{base}/health", key=key, timeout=2)[0] == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"serve not ready within {ready_within_s} s: {log.read_text()[-2000:]}")
            time.sleep(0.5)
    except BaseException:
        _kill_tree(process, _family(process))
        raise
    return process, base


@contextlib.contextmanager
def running_server(adapter: Path, log: Path, *extra: str, key: str | None = None,
                   ready_within_s: float = 90) -> Iterator[ServerURL]:
    """A `serve` process for `adapter`; yields its base URL once /health says ready, and `stop`s it after
    (which raises if the server does not end as it should)."""
    process, base = start_server(adapter, log, *extra, key=key, ready_within_s=ready_within_s)
    try:
        yield base
    finally:
        stop(process, port=base.port, log=log)


class ServerDidNotStop(AssertionError):
    """The server did not end as a signal should end it; it was killed after the check, not before."""


EXPECTED_EXIT = {signal.SIGTERM: 0, signal.SIGINT: 130}


def stop(process: subprocess.Popen, signum: int = signal.SIGTERM, to_group: bool = False,
         within_s: float = 10, port: int | None = None, log: Path | None = None) -> float:
    """Send `signum` (to the process group with `to_group`, as Ctrl-C does) and check that the server ended
    gracefully within `within_s` (serve's promise): its exit code (0 for SIGTERM, 130 for SIGINT), every
    process of its tree gone, and `port` free. The seconds it took; anything else kills the whole tree
    and raises ServerDidNotStop (a force-kill is never the quiet way out)."""
    family = _family(process)
    started = time.monotonic()
    deadline = started + within_s
    (os.killpg if to_group else os.kill)(process.pid, signum)
    problems = []
    try:
        process.wait(timeout=within_s)
    except subprocess.TimeoutExpired:
        problems.append(f"still running {within_s:g} s after {signal.Signals(signum).name}")
    left = _alive(family)
    while left and time.monotonic() < deadline:
        time.sleep(0.05)
        left = _alive(family)
    took = time.monotonic() - started
    if left:
        problems.append(f"processes left: {', '.join(f'{p.pid} {_cmd(p)}' for p in left)}")
    if not problems and process.returncode != EXPECTED_EXIT.get(signum, 0):
        problems.append(f"exit code {process.returncode}, expected {EXPECTED_EXIT.get(signum, 0)}")
    if not problems and port is not None and not _port_free(port):
        problems.append(f"port {port} still taken")
    if problems:
        _kill_tree(process, family)
        tail = log.read_text()[-3000:] if log is not None and log.exists() else ""
        raise ServerDidNotStop(f"serve (pid {process.pid}) did not stop cleanly: {'; '.join(problems)}\n{tail}")
    return took


def _family(process: subprocess.Popen) -> list:
    import psutil

    with contextlib.suppress(psutil.Error):
        return psutil.Process(process.pid).children(recursive=True)
    return []


def _alive(processes: list) -> list:
    import psutil

    alive = []
    for proc in processes:
        with contextlib.suppress(psutil.Error):
            if proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE:
                alive.append(proc)
    return alive


def _cmd(proc) -> str:  # noqa: ANN001
    import psutil

    with contextlib.suppress(psutil.Error):
        return " ".join(proc.cmdline())[-80:]
    return "?"


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _kill_tree(process: subprocess.Popen, family: list) -> None:
    import psutil

    for proc in [*family, *_family(process)]:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    with contextlib.suppress(OSError):
        process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)
