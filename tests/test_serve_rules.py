"""`serve`'s rules: POST /rules records one, GET /rules lists them, behind /predict's key; /predict answers
with the rule from the next request on, and says which step answered each item."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from expense_classifier.merchants.rules import Rules
from expense_classifier.serving.process import request, running_server
from expense_classifier.serving.requests import BadRequest
from expense_classifier.serving.rules_api import parse_rule

LINE = "ZORBLAX HOLDINGS 4411 DENVER CO"


@pytest.mark.slow
def test_a_posted_rule_answers_the_next_predict_and_is_listed(tiny_run, tmp_path):
    rules_file = tmp_path / "rules.csv"
    with running_server(tiny_run / "adapter", tmp_path / "serve.log", "--rules_file", str(rules_file),
                        key="k3y") as base:
        status, body = request(f"{base}/predict", {"items": [LINE, "Electric bill"]}, key="k3y")
        assert status == 200
        before = json.loads(body)["items"]
        assert [i["source"] for i in before] == ["model", "model"] and before[0]["merchant"]
        assert request(f"{base}/rules", {"description": LINE, "category": "Pets"})[0] == 401
        assert request(f"{base}/rules")[0] == 401
        status, body = request(f"{base}/rules", {"description": LINE, "category": "Pets"}, key="k3y")
        assert status == 200, body
        rule = json.loads(body)
        assert rule["category"] == "Pets" and rule["source"] == "serve" and rule["change"] == "new"
        assert rule["example"] == LINE and rule["merchant"]
        status, body = request(f"{base}/predict", {"items": [LINE, "Electric bill"]}, key="k3y")
        after = json.loads(body)["items"]
        assert (after[0]["category"], after[0]["source"], after[0]["confidence"]) == ("Pets", "rule", 1.0)
        assert after[1] == before[1]  # other items unchanged
        status, body = request(f"{base}/rules", key="k3y")
        listed = json.loads(body)
        assert status == 200 and [r["category"] for r in listed["rules"]] == ["Pets"]
        assert listed["path"] == str(rules_file)
        status, body = request(f"{base}/rules", b"{not json", key="k3y")
        assert status == 400 and "not valid JSON" in json.loads(body)["detail"]
        assert request(f"{base}/predict", {"items": ["Electric bill"]}, key="k3y")[0] == 200
    assert [r.category for r in Rules.load(rules_file)] == ["Pets"]
    assert f"1 rule(s) from {rules_file}" not in (tmp_path / "serve.log").read_text()  # it started with none
    assert f"0 rule(s) from {rules_file}" in (tmp_path / "serve.log").read_text()


@pytest.mark.parametrize(("body", "status", "message"), [
    ([1], 400, "JSON object"),
    ({"category": "Pets"}, 400, "exactly one of"),
    ({"merchant": "A", "description": "B", "category": "Pets"}, 400, "exactly one of"),
    ({"merchant": " ", "category": "Pets"}, 422, "'merchant' must be a non-empty string"),
    ({"merchant": "Zorblax", "category": 3}, 422, "'category' must be a non-empty string"),
    ({"merchant": "Zorblax", "category": "x" * 65}, 413, "at most"),
])
def test_a_bad_rule_request_is_one_line(body, status, message):
    with pytest.raises(BadRequest, match=message) as err:
        parse_rule(body)
    assert err.value.status == status


def test_a_rule_request_keeps_a_merchant_as_given_and_cleans_a_description(monkeypatch):
    from merchant_fakes import fake_clean

    from expense_classifier.merchants import lookup

    monkeypatch.setattr(lookup, "default_cleaner", lambda: fake_clean)
    assert parse_rule({"merchant": "Costco", "category": " Bulk  buying "}).merchant == "Costco"
    rule = parse_rule({"description": LINE, "category": "Pets"})
    assert (rule.merchant, rule.example, rule.source) == ("Zorblax Holdings", LINE, "serve")


def test_serve_items_carry_merchant_intermediary_and_source(tmp_path: Path):
    from merchant_fakes import FakeDirectory, FakeModel, fake_clean, fake_money

    from expense_classifier.merchants.lookup import Lookup
    from expense_classifier.serving.requests import categorize_many, parse_request, respond

    lookup = Lookup(FakeModel(), None, FakeDirectory(), fake_clean, fake_money)
    parsed = parse_request({"csv": "Description,Amount\nSQ *COSTCO 12 AUSTIN TX,-80.00\nPAYROLL ACME,2450.00\n"
                                  "MEIJER 4 AUSTIN TX,-20.00\n"},
                           10, 100)
    answer = respond(parsed, categorize_many(lookup, [parsed])[0])
    assert [(i["merchant"], i["intermediary"], i["source"], i["category"]) for i in answer["items"]] == [
        ("Costco", "Square", "directory", "Food"), ("Payroll Acme", None, "money_in", "Income"),
        ("Meijer", None, "directory", "Food")]
    assert answer["totals"] == {"Food": {"count": 2, "amount": 100.0, "share": 1.0}}
