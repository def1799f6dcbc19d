"""Measuring a child process: wall time from launch to exit and the peak RSS of its process tree."""

from __future__ import annotations

import platform
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

from expense_classifier.resources import process_rss


def run_measured(command: list[str], cwd: Path, env: dict[str, str]) -> dict[str, float]:
    """Run a command; its wall time, CPU seconds (user + system, its children included), the peak RSS of its
    tree (sampled every 20 ms), and when it started. CPU seconds say what a run cost on a busy machine too.

    `started_unix` lets a run's own timestamps (a checkpoint written, training done) be read as seconds
    from launch: time to accuracy on the same clock as the wall time.
    """
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started_unix = time.time()
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        try:
            handle = psutil.Process(child.pid)
            while not stop.is_set():
                peak = max(peak, process_rss(include_children=True, process=handle))
                stop.wait(0.02)
        except psutil.Error:
            pass

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = child.communicate()
    stop.set()
    sampler.join()
    wall = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    if child.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{output[-3000:]}")
    return {"wall_seconds": wall, "cpu_seconds": cpu, "peak_rss_gb": peak / 1024**3, "started_unix": started_unix}


def machine() -> str:
    memory_gb = psutil.virtual_memory().total / 1024**3
    return f"{psutil.cpu_count()} cores, {memory_gb:.0f} GB RAM, {platform.processor() or platform.machine()}"
