"""`serve`'s rules: POST /rules records one rule (`{"merchant" or "description", "category"}`) and answers
with it; GET /rules lists them. Both sit behind the same API key as /predict. The model workers see a
new rule from their next batch on (the lookup re-reads the rules file when it changes)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import Depends, Request
from fastapi.responses import JSONResponse

from expense_classifier.errors import UserInputError
from expense_classifier.merchants import lookup as merchant_lookup
from expense_classifier.merchants.rules import MAX_CATEGORY_CHARS, Rule, Rules, editing
from expense_classifier.serving.requests import BadRequest

MAX_BODY_BYTES = 16 * 1024
MAX_NAME_CHARS = 300


def rules_line(rules_file: Path | None, model_only: bool) -> str:
    """"3 rule(s) from lightning_logs/rules.csv": what serve prints at start."""
    rules = Rules.load(rules_file)
    if model_only:
        return f"--model_only: the model answers every item ({len(rules)} rule(s) from {rules.path} not applied)"
    return f"{len(rules)} rule(s) from {rules.path}"


def rule_json(rule: Rule) -> dict[str, str]:
    return rule.as_dict()


def parse_rule(body: Any) -> Rule:
    """The rule a request asks for; a description is cleaned into its merchant name first."""
    if not isinstance(body, dict):
        raise BadRequest(400, "the body must be a JSON object with 'merchant' or 'description', and 'category'")
    given = [key for key in ("merchant", "description") if key in body]
    if len(given) != 1:
        raise BadRequest(400, "give exactly one of 'merchant' (a clean name) or 'description' (a statement line)")
    name, category = body[given[0]], body.get("category")
    if not isinstance(name, str) or not name.strip():
        raise BadRequest(422, f"'{given[0]}' must be a non-empty string")
    if not isinstance(category, str) or not category.strip():
        raise BadRequest(422, "'category' must be a non-empty string")
    if len(name) > MAX_NAME_CHARS or len(category) > MAX_CATEGORY_CHARS:
        raise BadRequest(413, f"at most {MAX_NAME_CHARS} characters for the merchant, {MAX_CATEGORY_CHARS} "
                              "for the category")
    name = " ".join(name.split())
    merchant = merchant_lookup.merchant_of(merchant_lookup.default_cleaner()(name), name) \
        if given[0] == "description" else name
    return Rule(merchant, category, source="serve", example=name)


def add_rule_routes(app: Any, auth: Any, rules_file: Path | None = None, metadata: dict | None = None) -> None:
    """Register POST and GET /rules on the server's FastAPI app, with `auth` (the /predict key check);
    `metadata` (what /info answers, in the API server's process) keeps its `rules` count current."""
    if metadata is not None:
        metadata["rules"] = len(Rules.load(rules_file))

    def answer(status: int, detail: str) -> JSONResponse:
        return JSONResponse({"detail": detail}, status_code=status)

    async def post_rule(request: Request) -> JSONResponse:
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY_BYTES:
                return answer(413, f"the body is over {MAX_BODY_BYTES // 1024} KB")
        try:
            rule = parse_rule(json.loads(body))
        except ValueError:  # also UnicodeDecodeError
            return answer(400, "the body is not valid JSON")
        except BadRequest as err:
            return answer(err.status, str(err))
        try:
            with editing(rules_file) as rules:
                change = rules.put(rule)
                if metadata is not None:
                    metadata["rules"] = len(rules)
        except UserInputError as err:  # the name has no letters or digits, or the rules file is broken
            return answer(422, str(err))
        return JSONResponse({**rule_json(change.rule), "change": change.kind})

    def get_rules() -> JSONResponse:
        try:
            rules = Rules.load(rules_file)
        except UserInputError as err:
            return answer(500, str(err))
        return JSONResponse({"path": str(rules.path), "rules": [rule_json(r) for r in rules]})

    app.add_api_route("/rules", post_rule, methods=["POST"], dependencies=[Depends(auth)])
    app.add_api_route("/rules", get_rules, methods=["GET"], dependencies=[Depends(auth)])
