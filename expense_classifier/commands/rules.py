"""`rules`: list your rules (merchant → category, applied before money detection, the directory and the
model), add one, or remove one. The rules are a plain CSV too: editing it in a spreadsheet works as well."""

from __future__ import annotations

from pathlib import Path

from expense_classifier.commands.options import function_parser
from expense_classifier.errors import UserInputError
from expense_classifier.merchants import lookup as merchant_lookup
from expense_classifier.merchants.rules import Rule, Rules, editing, rules_path


def format_rules(rules: Rules) -> str:
    """A plain table: merchant, category, when, from where."""
    width = min(40, max([8, *(len(r.merchant) for r in rules)]))
    named = min(24, max([8, *(len(r.category) for r in rules)]))
    lines = [f"{'merchant':<{width}}  {'category':<{named}}  {'created':<19}  source", "-" * (width + named + 40)]
    for rule in rules:
        merchant = rule.merchant if len(rule.merchant) <= width else rule.merchant[: width - 1] + "…"
        lines.append(f"{merchant:<{width}}  {rule.category:<{named}}  {rule.created:<19}  {rule.source}".rstrip())
    return "\n".join(lines)


def _merchant_of(name: str) -> str:
    """A merchant name as given, or the clean merchant of a description ("ZORBLAX HOLDINGS 4411 DENVER CO")."""
    return merchant_lookup.merchant_of(merchant_lookup.default_cleaner()(name), name)


def rules(
    remove: str | None = None,
    add: str | None = None,
    category: str | None = None,
    rules_file: Path | None = None,
) -> Rules:
    """List your rules (merchant → category, applied first by categorize and serve); add or remove one.

    Args:
        remove: remove the rule of this merchant (its name, or a description of it).
        add: add or change the rule of this merchant (its name, or a description of it); needs --category.
        category: the category --add files the merchant under (any name).
        rules_file: where the rules are; default: $EXPENSE_CLASSIFIER_RULES, else lightning_logs/rules.csv.
    """
    if (add is None) != (category is None):
        raise UserInputError("--add MERCHANT and --category CATEGORY go together")
    if remove is not None:
        with editing(rules_file) as stored:
            removed = stored.remove(remove) or stored.remove(_merchant_of(remove))
            if removed is None:
                raise UserInputError(f"{stored.path}: no rule for {remove!r} ({len(stored)} rules; "
                                     "`python -m expense_classifier rules` lists them)")
        print(f"removed: {removed.merchant} → {removed.category} ({len(stored)} rules left in {stored.path})")
    if add is not None:
        with editing(rules_file) as stored:
            change = stored.put(Rule(_merchant_of(add), category, source="rules --add", example=add))
        was = f" (was {change.old.category})" if change.old is not None and change.kind == "changed" else ""
        print(f"{change.kind}: {change.rule.merchant} → {change.rule.category}{was}")
    found = Rules.load(rules_file)
    if remove is None and add is None:
        if not len(found):
            print(f"no rules yet in {rules_path(rules_file)}: `learn FILE --rules_only` makes them from your "
                  "corrections, `rules --add MERCHANT --category CATEGORY` one by one")
        else:
            print(f"{len(found)} rule(s) in {found.path} (applied first by categorize and serve; edit the file, "
                  "or `rules --remove MERCHANT`)")
            print(format_rules(found))
    return found


def rules_main(argv: list[str]) -> int:
    rules(**function_parser(rules).parse_args(argv).as_dict())
    return 0
