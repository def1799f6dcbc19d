"""Serving benchmark: `serve` under concurrent clients on loopback, against the offline Categorizer in the same run.

Starts the server (quick-preset adapter: `--model DIR`, or a fresh `fit --config quick.yaml`), runs N
client threads for a bounded time, each posting a few generated items per request over its own
kept-alive connection (as a real client does; one connection per request costs both sides a TCP
and HTTP set-up), and reports
items/s, p50/p95/p99 latency, errors, and the server's RSS (all its processes) at start and end;
the offline items/s is `Categorizer.predict` on the same items in this process.

    python scripts/bench_serve.py                          # 16 clients x 20 s
    python scripts/bench_serve.py --model lightning_logs/version_0/adapter --readme README.md
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from expense_classifier.data.generator import generate_items
from expense_classifier.inference.categorizer import Categorizer
from expense_classifier.resources import process_rss
from expense_classifier.serving.process import KeepAliveClient, running_server


def offline_items_per_s(adapter: Path, items: list[str]) -> float:
    categorizer = Categorizer.load(adapter)
    categorizer.predict(items[:256])  # warm up
    best = 0.0
    for _ in range(2):
        started = time.perf_counter()
        categorizer.predict(items)
        best = max(best, len(items) / (time.perf_counter() - started))
    return best


def server_rss(port_owner: psutil.Process) -> int:
    return process_rss(include_children=True, process=port_owner)


def load(base: str, items: list[str], clients: int, seconds: float, per_request: int) -> dict[str, float]:
    """Clients post `per_request` random items each, back to back, until the time is up."""
    latencies: list[float] = []
    errors = {"4xx": 0, "5xx": 0, "other": 0}
    done_items = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(seed: int) -> None:
        nonlocal done_items
        rng = random.Random(seed)
        connection = KeepAliveClient(base, timeout=30)
        while time.monotonic() < deadline:
            body = {"items": rng.sample(items, per_request)}
            started = time.perf_counter()
            try:
                status, _ = connection.post("/predict", body)
            except (OSError, http.client.HTTPException):
                status = 0
            elapsed = time.perf_counter() - started
            with lock:
                if status == 200:
                    latencies.append(elapsed)
                    done_items += per_request
                else:
                    errors["5xx" if status >= 500 else "4xx" if status >= 400 else "other"] += 1
        connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [float("nan")] * 99
    return {"items_per_s": done_items / wall, "requests": len(latencies), "p50": cuts[49], "p95": cuts[94],
            "p99": cuts[98], **errors}


def bad_request_then_good(base: str) -> str:
    """A body that is not JSON, then a good request on the same connection: the statuses, as one line."""
    connection = KeepAliveClient(base, timeout=30)
    try:
        bad = connection.post_raw("/predict", b"{not json")[0]
        good = connection.post("/predict", {"items": ["Electric bill"]})[0]
    finally:
        connection.close()
    return f"a body that is not JSON got {bad}; the next request got {good}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, help="adapter directory (default: fit the quick preset first)")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--items-per-request", type=int, default=8)
    parser.add_argument("--max-batch-size", type=int, default=16, help="serve --max_batch_size")
    parser.add_argument("--batch-timeout", type=float, default=0.01, help="serve --batch_timeout")
    parser.add_argument("--workers", type=int, default=1, help="serve --workers")
    parser.add_argument("--warmup", type=float, default=3, help="seconds of load before the start RSS is read")
    parser.add_argument("--readme", type=Path, help="rewrite the serve table in this README")
    args = parser.parse_args()
    items = [r["item"] for r in generate_items(2000, seed=2024)]
    with tempfile.TemporaryDirectory(prefix="bench_serve_") as tmp:
        work = Path(tmp)
        adapter = args.model
        if adapter is None:
            env = {**os.environ, "HF_HUB_OFFLINE": os.environ.get("HF_HUB_OFFLINE", "1")}
            subprocess.run([sys.executable, "-m", "expense_classifier", "fit", "--config", "quick.yaml",
                            "--trainer.enable_progress_bar", "false"], cwd=work, env=env, check=True,
                           capture_output=True)
            adapter = work / "lightning_logs" / "version_0" / "adapter"
        offline = offline_items_per_s(adapter, items)
        settings = ["--max_batch_size", str(args.max_batch_size), "--batch_timeout", str(args.batch_timeout),
                    "--workers", str(args.workers)]
        with running_server(adapter, work / "serve.log", *settings) as base:
            owner = psutil.Process(base.pid)
            load(base, items, args.clients, args.warmup, args.items_per_request)  # first-use allocations
            rss_start = server_rss(owner)
            result = load(base, items, args.clients, args.seconds, args.items_per_request)
            rss_end = server_rss(owner)
            bad = bad_request_then_good(base)
    when = datetime.date.today().isoformat()
    ratio = result["items_per_s"] / offline
    growth = rss_end / rss_start - 1
    text = (f"Measured {when} by `python scripts/bench_serve.py` ({args.clients} clients x {args.seconds:g} s on "
            f"loopback after {args.warmup:g} s of warm-up, {args.items_per_request} generated items per request, "
            f"quick-preset adapter, --max_batch_size {args.max_batch_size} --batch_timeout {args.batch_timeout:g}, "
            f"{args.workers} worker(s)):\n\n"
            "| run | items/s | vs offline | requests | p50 (ms) | p95 (ms) | p99 (ms) | 4xx | 5xx "
            "| server RSS start → end |\n"
            "|---|---|---|---|---|---|---|---|---|---|\n"
            f"| offline `Categorizer` | {offline:.0f} | 1.00x | | | | | | | |\n"
            f"| `serve` | {result['items_per_s']:.0f} | {ratio:.2f}x | {result['requests']} | "
            f"{result['p50'] * 1000:.0f} | {result['p95'] * 1000:.0f} | {result['p99'] * 1000:.0f} | {result['4xx']} | "
            f"{result['5xx']} | {rss_start / 1024**3:.2f} → {rss_end / 1024**3:.2f} GB ({growth:+.1%}) |")
    text += f"\n\nAfter the load, {bad}."
    print(text)
    if args.readme:
        from bench_train import update_readme

        update_readme(args.readme, text, marker="bench_serve")


if __name__ == "__main__":
    main()
