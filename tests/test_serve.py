"""`serve`: the HTTP API on LitServe, its checks and limits, its info and page, run as a real process."""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest
from test_receipt import POS_RECEIPT

from expense_classifier.errors import UserInputError
from expense_classifier.serving.lifecycle import check_address
from expense_classifier.serving.process import (
    KeepAliveClient,
    ServerDidNotStop,
    request,
    running_server,
    start_server,
    stop,
)
from expense_classifier.serving.requests import BadRequest, parse_request
from expense_classifier.serving.server import CheckedJsonBody

SECRET = "ZQXJ-secret-merchant"


@pytest.fixture(scope="module")
def server(tiny_run: Path, tmp_path_factory: pytest.TempPathFactory):
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with running_server(tiny_run / "adapter", log, "--max_items", "50", "--max_body_mb", "0.5") as base:
        yield base, log


@pytest.mark.slow
def test_three_items_give_three_rows_with_categories_and_totals(server, tiny_run):
    base, _ = server
    status, body = request(f"{base}/predict", {"items": ["Uber ride to airport", "2x whole milk", "Electric bill"]})
    assert status == 200
    answer = json.loads(body)
    assert [r["item"] for r in answer["items"]] == ["Uber ride to airport", "2x whole milk", "Electric bill"]
    meta = json.loads((tiny_run / "adapter" / "expense_classifier.json").read_text())
    for row in answer["items"]:
        assert row["category"] in meta["id2label"].values() and 0 < row["confidence"] <= 1
        assert row["ranked"][0] == [row["category"], row["confidence"]] and row["amount"] is None
    assert sum(t["count"] for t in answer["totals"].values()) == 3


@pytest.mark.slow
def test_a_pasted_pos_receipt_gives_its_items_with_amounts(server):
    base, _ = server
    status, body = request(f"{base}/predict", {"text": POS_RECEIPT})
    assert status == 200
    answer = json.loads(body)
    assert [(r["item"], r["amount"]) for r in answer["items"]] == [
        ("GV WHOLE MILK", 3.48), ("BANANAS", 1.48), ("LIMES", 1.5), ("BEER", 4.99), ("RUGS", 24.99),
        ("USB CABLE", 8.99)]
    assert round(sum(t["amount"] for t in answer["totals"].values()), 2) == 45.43
    assert len(answer["warnings"]) == 1 and "12 lines left out as not purchases" in answer["warnings"][0]


@pytest.mark.slow
def test_an_uploaded_statement_csv_gives_rows_with_spending_amounts(server):
    base, _ = server
    csv_text = "Date,Description,Amount\n11/01,PAYROLL ACME,2450.00\n11/02,KROGER #0412,-84.12\n11/03,SHELL,-40.00\n"
    status, body = request(f"{base}/predict", {"csv": csv_text})
    assert status == 200
    rows = json.loads(body)["items"]
    assert [(r["item"], r["amount"]) for r in rows] == [("PAYROLL ACME", -2450.0), ("KROGER #0412", 84.12),
                                                        ("SHELL", 40.0)]


BAD = [
    (b"not json " + SECRET.encode(), 400, "not valid JSON"),
    (b"[1, 2]", 400, "JSON object"),
    (b'{"items": "milk"}', 422, "list of strings"),
    (b'{"items": []}', 422, "no non-empty string"),
    (b'{"items": ["milk", 3]}', 422, "list of strings"),
    (b'{"items": ["milk"], "text": "bread"}', 400, "exactly one of"),
    (b'{"text": 5}', 422, "must be a string"),
    (b'{"text": "TOTAL 5.00"}', 422, "no items found"),
    (json.dumps({"items": ["milk"] * 51}).encode(), 413, "at most 50 per request"),
    (json.dumps({"items": ["x" * 3000]}).encode(), 413, "at most 2000"),
    (json.dumps({"items": ["x" * 1_000_000]}).encode(), 413, "the body is over 0.5 MB"),
    (b'{"csv": "Date,Description,Amount\\n1,A,2,3\\n"}', 422, "row 2"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("body", "status", "message"), BAD, ids=[str(i) for i in range(len(BAD))])
def test_a_bad_request_is_a_4xx_with_one_line_and_the_next_is_served(server, body, status, message):
    base, _ = server
    got, answer = request(f"{base}/predict", body)
    assert got == status
    detail = json.loads(answer)["detail"]
    assert message in detail and "\n" not in detail
    assert request(f"{base}/predict", {"items": ["Electric bill"]})[0] == 200


@pytest.mark.slow
@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "text/plain"])
def test_a_json_body_sent_as_curl_d_sends_it_is_answered_not_a_500(server, content_type):
    base, _ = server
    status, body = request(f"{base}/predict", {"items": ["Electric bill"]}, content_type=content_type)
    assert status == 200 and [row["item"] for row in json.loads(body)["items"]] == ["Electric bill"]


def test_the_body_check_hands_on_a_json_body_labelled_as_json_and_answers_a_form_with_400():
    seen: list[dict] = []

    async def app(scope, receive, send) -> None:  # noqa: ANN001
        seen.append({"headers": dict(scope["headers"]), "body": (await receive())["body"]})

    def post(body: bytes) -> list[dict]:
        sent: list[dict] = []

        async def receive() -> dict:
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: dict) -> None:
            sent.append(message)

        scope = {"type": "http", "method": "POST", "path": "/predict",
                 "headers": [(b"host", b"x"), (b"content-type", b"application/x-www-form-urlencoded")]}
        asyncio.run(CheckedJsonBody(app)(scope, receive, send))
        return sent

    assert post(b'{"items": ["milk"]}') == []
    assert seen == [{"headers": {b"host": b"x", b"content-type": b"application/json"}, "body": b'{"items": ["milk"]}'}]
    answer = post(b"items=milk")
    assert answer[0]["status"] == 400 and json.loads(answer[1]["body"]) == {"detail": "the body is not valid JSON"}
    assert len(seen) == 1


@pytest.mark.slow
def test_info_health_page_and_no_request_text_in_the_log(server, tiny_run):
    base, log = server
    request(f"{base}/predict", {"items": [SECRET]})
    info = json.loads(request(f"{base}/info")[1])["model"]
    assert info["model_dir"] == str((tiny_run / "adapter").resolve())
    assert info["categories"] and info["version"] and info["auth"] is False
    assert request(f"{base}/health") == (200, b"ok")
    status, page = request(f"{base}/")
    assert status == 200 and b'<textarea id="text"' in page and b"/predict" in page
    assert SECRET not in log.read_text()


@pytest.mark.slow
def test_with_an_api_key_requests_without_it_get_401(tiny_run, tmp_path):
    with running_server(tiny_run / "adapter", tmp_path / "serve.log", key="k3y") as base:
        assert request(f"{base}/predict", {"items": ["milk"]})[0] == 401
        assert request(f"{base}/predict", {"items": ["milk"]}, key="wrong")[0] == 401
        assert request(f"{base}/predict", {"items": ["milk"]}, key="k3y")[0] == 200
        assert request(f"{base}/")[0] == 200  # the page holds no data; it asks for the key


def test_parse_request_reads_items_text_and_csv_and_names_what_is_wrong():
    assert parse_request({"items": [" Uber  ride "]}, 10, 100).texts == ["Uber ride"]
    parsed = parse_request({"text": "Latte 4.50\nMuffin 3.25\nTOTAL 7.75"}, 10, 100)
    assert parsed.texts == ["Latte", "Muffin"] and parsed.amounts == [4.5, 3.25]
    with pytest.raises(BadRequest, match="at most 1 per request"):
        parse_request({"items": ["a", "b"]}, 1, 100)


STOPS = [(signal.SIGTERM, False, 0), (signal.SIGINT, True, 130), (signal.SIGTERM, True, 0)]


def gone(proc: psutil.Process) -> bool:
    try:
        return not proc.is_running() or proc.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def refused(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


@pytest.mark.slow
@pytest.mark.parametrize(("signum", "to_group", "code"), STOPS, ids=["SIGTERM", "ctrl-c-group", "SIGTERM-group"])
def test_a_signal_stops_serve_with_its_workers_and_frees_the_port(tiny_run, tmp_path, signum, to_group, code):
    log = tmp_path / "serve.log"
    process, base = start_server(tiny_run / "adapter", log)
    assert request(f"{base}/predict", {"items": ["Electric bill"]})[0] == 200
    workers = psutil.Process(process.pid).children(recursive=True)
    assert any("spawn_main" in " ".join(w.cmdline()) for w in workers)  # the model worker
    stop(process, signum, to_group=to_group, port=base.port, log=log)  # raises unless graceful within 10 s
    assert process.returncode == code
    assert all(gone(w) for w in workers)
    assert refused(base.port)
    text = log.read_text()
    assert f"{signal.Signals(signum).name}: stopping the server and its model workers" in text
    assert "Traceback" not in text and "did not stop" not in text


@pytest.mark.slow
def test_sigterm_with_requests_in_flight_still_stops_within_the_deadline(tiny_run, tmp_path):
    log = tmp_path / "serve.log"
    process, base = start_server(tiny_run / "adapter", log)
    answered: list[int] = []

    def client() -> None:
        connection = KeepAliveClient(base, timeout=15)
        try:
            for _ in range(10_000):  # bounded; ends at the first refused or dropped request
                answered.append(connection.post("/predict", {"items": ["Uber ride to airport"] * 50})[0])
        except OSError:
            pass

    threads = [threading.Thread(target=client, daemon=True) for _ in range(4)]
    for thread in threads:
        thread.start()
    for _ in range(200):  # until the clients are being answered
        if len(answered) >= 8:
            break
        time.sleep(0.05)
    stop(process, signal.SIGTERM, port=base.port, log=log)
    for thread in threads:
        thread.join(timeout=20)
    assert process.returncode == 0 and set(answered) == {200}


@pytest.mark.slow
def test_ctrl_c_during_start_up_stops_at_once(tiny_run, tmp_path):
    log = tmp_path / "serve.log"
    process, base = start_server(tiny_run / "adapter", log, until_ready=False)
    for _ in range(1200):  # bounded: at most 60 s for the command to get that far
        if "Serving" in log.read_text() or process.poll() is not None:
            break
        time.sleep(0.05)
    stop(process, signal.SIGINT, to_group=True, port=base.port, log=log)
    assert process.returncode == 130 and "SIGINT: stopping" in log.read_text()


@pytest.mark.slow
def test_a_taken_port_is_one_line_and_exit_2_before_anything_claims_to_serve(tiny_run):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "expense_classifier", "serve", "--model",
                               str(tiny_run / "adapter"), "--port", str(port)], capture_output=True, text=True,
                              timeout=120)
    assert done.returncode == 2 and "Serving" not in done.stdout
    assert done.stderr.strip().splitlines() == [
        f"error: --port {port}: 127.0.0.1:{port} is already in use (another server?); stop it or pass another --port"]


def test_check_address_names_a_taken_port_and_a_host_litserve_refuses():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(UserInputError, match=f"--port {port}: 127.0.0.1:{port} is already in use"):
            check_address("127.0.0.1", port)
    check_address("127.0.0.1", port)  # free again
    with pytest.raises(UserInputError, match="--host localhost: serve listens on one of 127.0.0.1"):
        check_address("localhost", 8000)


def python(code: str) -> subprocess.Popen:
    """A stand-in server: a Python process running `code`, ready once it printed a line."""
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                               start_new_session=True)
    assert process.stdout.readline().strip() == "ready"
    return process


def test_stop_raises_when_the_server_ignores_the_signal_and_kills_it_after():
    process = python("import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('ready', flush=True);"
                     " time.sleep(60)")
    with pytest.raises(ServerDidNotStop, match="still running 1 s after SIGTERM"):
        stop(process, within_s=1)
    assert process.poll() == -signal.SIGKILL


def test_stop_raises_on_the_wrong_exit_code_and_on_a_child_left_behind():
    process = python("import signal, sys, time; signal.signal(signal.SIGTERM, lambda *a: sys.exit(3));"
                     " print('ready', flush=True); time.sleep(60)")
    with pytest.raises(ServerDidNotStop, match="exit code 3, expected 0"):
        stop(process, within_s=60)  # it exits as soon as the handler runs: the bound only stops a hang
    process = python("import subprocess, sys; subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']);"
                     " print('ready', flush=True); import time; time.sleep(60)")
    child = psutil.Process(process.pid).children()[0]
    with pytest.raises(ServerDidNotStop, match="processes left"):
        stop(process, within_s=1)
    assert process.returncode == -signal.SIGTERM
    for _ in range(100):  # the check kills the child after it failed
        if gone(child):
            break
        time.sleep(0.05)
    assert gone(child)


def test_an_uploads_name_is_in_its_error_lines_and_must_be_a_string():
    bad_row = "Date,Description,Amount\n1,A,2,3\n"
    with pytest.raises(BadRequest, match=r"^nov\.csv: row 2: 4 fields"):
        parse_request({"csv": bad_row, "name": "C:\\fakepath\\..\\nov.csv".replace("\\", "/")}, 10, 100)
    with pytest.raises(BadRequest, match=r"^upload\.csv: row 2"):
        parse_request({"csv": bad_row}, 10, 100)
    with pytest.raises(BadRequest, match="'name' must be the uploaded file's name") as err:
        parse_request({"csv": bad_row, "name": 5}, 10, 100)
    assert err.value.status == 422
