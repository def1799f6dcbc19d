"""The page at / in a real headless browser (Debian's chromium driven by Playwright): paste, click, read."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from test_receipt import POS_RECEIPT

from expense_classifier.serving.process import running_server

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def browser_or_skip():  # noqa: ANN201
    """Playwright's sync API with the system chromium; CI installs both, so there a missing one is a failure."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (.ci/run installs it)")
        pytest.skip("chromium is not installed here (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    return sync_playwright()


def test_pasting_a_receipt_shows_its_rows_amounts_and_the_spending_chart(tiny_run: Path, tmp_path: Path):
    with running_server(tiny_run / "adapter", tmp_path / "serve.log") as base, browser_or_skip() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(base + "/", timeout=30_000)
            page.fill("#text", POS_RECEIPT)
            page.click("#go")
            page.wait_for_selector("#rows tbody tr", timeout=30_000)
            rows = page.locator("#rows tbody tr")
            assert rows.count() == 6
            cells = [rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count())]
            assert [(c[0], c[3]) for c in cells] == [("GV WHOLE MILK", "3.48"), ("BANANAS", "1.48"), ("LIMES", "1.50"),
                                                     ("BEER", "4.99"), ("RUGS", "24.99"), ("USB CABLE", "8.99")]
            assert page.locator("#chart rect").count() >= 1
            assert page.locator("#error").inner_text() == ""
            page.screenshot(path=str(tmp_path / "page.png"), full_page=True)
            assert (tmp_path / "page.png").read_bytes().startswith(b"\x89PNG")
        finally:
            browser.close()
