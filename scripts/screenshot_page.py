"""Screenshot of the web page as a person uses it: a statement uploaded, a wrong row fixed from its menu (a rule,
applied to every row of that merchant), the totals (headless Debian chromium via Playwright, real server and model).

    python scripts/screenshot_page.py [ADAPTER_DIR] [--statement examples/four_months.csv --rows 35]
                                      [--out docs/serve_page.png]

The default is January of examples/four_months.csv (its first 35 rows: a page that fits a picture), where the
model, with the merchant directory, leaves a weekly dog walker in a category it is unsure of; the fix files it
under a category the model does not have, as a person would. The rule goes to a rules file of its own that is
thrown away after, never to your lightning_logs/rules.csv.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from expense_classifier.inference.categorizer import newest_adapter
from expense_classifier.serving.process import running_server

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


# What each merchant of examples/four_months.csv is, in the model's categories or (a dog walker: the model has no
# such category) one a person adds: the fix the screenshot makes is a real correction, of the spending row the
# model is least sure of among those it got wrong.
EXAMPLE_TRUTH = {"GREYSTAR RENT": "Housing", "TARGET": "Shopping", "DUKE ENERGY": "Utilities",
                 "HAPPY TAILS DOG WALK": "Pets", "SHELL": "Transportation", "UBER": "Transportation",
                 "SPOTIFY": "Entertainment", "PANERA": "Food", "STARBUCKS": "Food", "KROGER": "Food",
                 "NETFLIX": "Entertainment", "VERIZON": "Utilities", "AMAZON": "Shopping", "CHIPOTLE": "Food",
                 "BLUE DOOR CAFE": "Food", "CVS": "Healthcare"}
NEW_CATEGORY = "__new__"  # the menu entry that asks for a category not yet in the list (web/index.html)


def fix_a_wrong_row(page, truth: dict[str, str]) -> str:  # noqa: ANN001
    """Choose the right category, from its menu, for the least sure spending row the model got wrong (money in
    is counted apart); the page's line."""
    rows = page.locator("#rows tbody tr")
    items = page.locator("#rows tbody td.item").all_inner_texts()
    shown = page.locator("#rows tbody td.category select").evaluate_all("s => s.map(x => x.value)")
    confidences = page.locator("#rows tbody td.confidence").evaluate_all("c => c.map(x => +x.dataset.confidence)")
    money_in = page.locator("#rows tbody td.amount").evaluate_all("c => c.map(x => x.textContent.startsWith('-'))")
    wrong = [(confidence, index, right) for index, (item, category, confidence, incoming) in
             enumerate(zip(items, shown, confidences, money_in, strict=True))
             for key, right in truth.items() if key in item.upper() and right != category and not incoming]
    if not wrong:  # the picture is of a fix: without one it would show less than the README says
        raise SystemExit("the model got every row right: nothing to fix (pass --fix TEXT=CATEGORY or --no-fix)")
    _, index, right = min(wrong)
    cell = rows.nth(index).locator("td.category")
    if right in cell.locator("select option").evaluate_all("o => o.map(x => x.value)"):
        cell.locator("select").select_option(right)
    else:
        cell.locator("select").select_option(NEW_CATEGORY)
        cell.locator("input").fill(right)
        cell.locator("button.add-category").click()
    page.wait_for_function("document.getElementById('rule-status').textContent.startsWith('Rule saved')",
                           timeout=30_000)
    return page.locator("#rule-status").inner_text()


def first_rows(statement: Path, rows: int, tmp: Path) -> Path:
    """The header and the first `rows` lines of `statement`, under its own name in `tmp` (all of it for 0)."""
    if rows <= 0:
        return statement
    lines = statement.read_text(encoding="utf-8").splitlines(keepends=True)
    part = tmp / statement.name
    part.write_text("".join(lines[:1 + rows]), encoding="utf-8")
    return part


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("adapter", nargs="?", type=Path, help="adapter directory (default: newest run's)")
    parser.add_argument("--statement", type=Path, default=EXAMPLES / "four_months.csv")
    parser.add_argument("--rows", type=int, default=35, help="upload only the first ROWS rows (0: all)")
    parser.add_argument("--out", type=Path, default=Path("docs/serve_page.png"))
    parser.add_argument("--fix", action="append", metavar="TEXT=CATEGORY",
                        help="what a row holding TEXT is (repeatable); default: the example statement's truth")
    parser.add_argument("--no-fix", action="store_true", help="leave the rows as the model answered")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp, running_server(args.adapter or newest_adapter(), Path(tmp) / "serve.log",
                                                               "--rules_file", str(Path(tmp) / "rules.csv")) as base, \
            sync_playwright() as playwright:
        statement = first_rows(args.statement, args.rows, Path(tmp))
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_context(locale="en-US", viewport={"width": 1100, "height": 900}).new_page()
        page.goto(base + "/")
        page.wait_for_function("document.getElementById('model').textContent.includes('backbone')", timeout=30_000)
        page.set_input_files("#csv", str(statement))
        page.wait_for_selector("#rows tbody tr", timeout=30_000)
        if not args.no_fix:
            truth = dict(pair.split("=", 1) for pair in args.fix) if args.fix else EXAMPLE_TRUTH
            print(fix_a_wrong_row(page, {key.upper(): value for key, value in truth.items()}))
        args.out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.out), full_page=True)
        browser.close()
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
