"""Screenshot of the web page with a pasted receipt, as a person sees it (headless Debian chromium via Playwright).

    python scripts/screenshot_page.py [ADAPTER_DIR] [--out docs/serve_page.png]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("adapter", nargs="?", type=Path, help="adapter directory (default: newest run's)")
    parser.add_argument("--out", type=Path, default=Path("docs/serve_page.png"))
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp, running_server(args.adapter or newest_adapter(),
                                                               Path(tmp) / "serve.log") as base, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1000, "height": 900})
        page.goto(base + "/")
        page.fill("#text", (EXAMPLES / "pos_receipt.txt").read_text())
        page.click("#go")
        page.wait_for_selector("#rows tbody tr", timeout=30_000)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.out), full_page=True)
        browser.close()
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
