"""How `serve` starts and stops: the address checked before anything claims to serve, and SIGTERM and
SIGINT both turned into LitServe's graceful shutdown, bounded in time, with the exit code saying which
signal ended it."""

from __future__ import annotations

import contextlib
import errno
import multiprocessing
import os
import signal
import socket
import sys
import threading
import time
from types import FrameType
from typing import Any

from expense_classifier.errors import UserInputError

HOSTS = ("127.0.0.1", "0.0.0.0", "::")  # what LitServer.run accepts
EXIT_CODES = {signal.SIGTERM: 0, signal.SIGINT: 130}  # SIGTERM is a normal stop (docker stop, systemd)


def check_address(host: str, port: int) -> None:
    """One line (exit 2) for a host LitServe refuses or a port in use, before the model is loaded."""
    if host not in HOSTS:
        raise UserInputError(f"--host {host}: serve listens on one of {', '.join(HOSTS)}")
    if not 1024 <= port <= 65535:
        raise UserInputError(f"--port {port}: give a port from 1024 to 65535")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: TIME_WAIT is no conflict
        try:
            probe.bind((host, port))
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                raise UserInputError(f"--port {port}: {host}:{port} is already in use (another server?); "
                                     "stop it or pass another --port") from None
            raise UserInputError(f"--host {host} --port {port}: cannot listen there ({err.strerror})") from None


class StopOnSignal:
    """SIGTERM and SIGINT stop the server the way LitServe's own /shutdown endpoint does: they set the
    shutdown event its `run` waits on, which then stops the API server (SIGTERM: uvicorn closes the port)
    and the model workers, and returns. The handler only records the signal and wakes a thread that sets
    the event: raising KeyboardInterrupt from a handler (LitServe's Ctrl-C path) can land in code that
    swallows it (seen: logging's after-fork hook while LitServe starts its processes). During start-up the
    thread kills the processes instead. Whatever else holds a stop up past `deadline_s`, the thread kills
    the process tree and exits 1 with one line: a stop always ends. Both signals are handled
    whatever the parent left (a shell ignores SIGINT in background jobs), as uvicorn does. Forked children
    inherit the handler; they leave a signal sent to the whole group (Ctrl-C, systemd) to the main process,
    which stops them in order (uvicorn's own handlers take over in the API server while it serves)."""

    def __init__(self, server: Any, deadline_s: float) -> None:
        self.server = server
        self.deadline_s = deadline_s
        self.main_pid = os.getpid()
        self.received: int | None = None
        self.aborted_start = False
        self._signalled = threading.Event()

    def install(self) -> None:
        threading.Thread(target=self._stop, name="stop-on-signal", daemon=True).start()
        for signum in EXIT_CODES:
            signal.signal(signum, self._handle)

    @property
    def exit_code(self) -> int:
        return EXIT_CODES.get(self.received, 0)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if os.getpid() != self.main_pid:  # a process LitServe forked from this one (its queue manager, ...)
            if os.getppid() == self.main_pid:
                return  # a signal to the whole group: the main process stops this one in its turn
            signal.signal(signum, signal.SIG_DFL)  # orphaned: end as the signal would end it
            os.kill(os.getpid(), signum)
            return
        if self.received is None:
            self.received = signum
        self._signalled.set()

    def _stop(self) -> None:
        self._signalled.wait()
        deadline = time.monotonic() + self.deadline_s
        name = signal.Signals(self.received).name
        if not self._workers_ready():
            # Start-up: nothing is answered yet, so nothing needs finishing, and LitServe would first wait for
            # the model to load (for ever if the signal killed a model worker while it was importing). Its
            # processes are killed as they come; the main thread's next call to them fails and `serve`
            # returns (see `ended_by_stop`).
            print(f"{name}: stopping during start-up", flush=True)
            self.aborted_start = True
            while time.monotonic() < deadline:
                self._kill_children()
                time.sleep(0.05)
        else:
            print(f"{name}: stopping the server and its model workers", flush=True)
            with contextlib.suppress(Exception):  # the manager holding the event may already be gone
                self.server._shutdown_event.set()  # what LitServe's /shutdown endpoint and its test helper do
            time.sleep(max(0.0, deadline - time.monotonic()))  # meanwhile run() returns and the process ends
        print(f"serve did not stop within {self.deadline_s:g} s; killing its processes", file=sys.stderr, flush=True)
        self._kill_children()
        os._exit(1)

    def ended_by_stop(self) -> bool:
        """Whether an error out of LitServer.run is its start-up cut short by a signal (then the children go)."""
        if not self.aborted_start:
            return False
        self._kill_children()
        return True

    def _workers_ready(self) -> bool:
        try:
            states = list(self.server.workers_setup_status.values())  # LitServer.run makes it, in a manager
        except Exception:  # not made yet, or the manager is gone
            return False
        return bool(states) and all(state == "ready" for state in states)

    @staticmethod
    def _kill_children() -> None:
        """SIGKILL: what is left has nothing to finish (start-up) or is stuck; SIGTERM is left to the group."""
        children = multiprocessing.active_children()
        for child in children:
            child.kill()
        for child in children:
            child.join(2)
