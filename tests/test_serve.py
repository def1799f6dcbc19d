"""`serve`: the HTTP API on LitServe, its checks and limits, its info and page, run as a real process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_receipt import POS_RECEIPT

from expense_classifier.serving.process import request, running_server
from expense_classifier.serving.requests import BadRequest, parse_request

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
