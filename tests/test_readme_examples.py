"""The README's example blocks are what the commands print: the script that rewrites them runs."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_script():  # noqa: ANN201 - the script is not part of the package
    spec = importlib.util.spec_from_file_location("readme_examples", ROOT / "scripts" / "readme_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow  # six real `categorize` processes (~8 s): the full suite and CI run it
def test_the_script_rewrites_every_block_with_the_commands_output(tmp_path: Path, tiny_run: Path) -> None:
    readme = tmp_path / "README.md"
    shutil.copyfile(ROOT / "README.md", readme)
    (tmp_path / "docs").mkdir()
    script = load_script()
    assert script.main(["--model", str(tiny_run / "adapter"), "--readme", str(readme)]) == 0
    text = readme.read_text()
    blocks = script.BLOCK.findall(text)
    assert len(blocks) >= 2
    receipt = text[text.index("<!-- example: python -m expense_classifier categorize examples/pos_receipt.txt"):]
    receipt = receipt[: receipt.index("<!-- /example -->")]
    for line in ("$ python -m expense_classifier categorize examples/pos_receipt.txt", "spending"):
        assert line in receipt
    for png in ("statement_spending.png", "four_months_by_month.png"):
        assert (tmp_path / "docs" / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # --check on one rewritten block (the commands are the slow part; one proves a fresh block passes)
    # and on the same block with a line changed, which is stale
    one = tmp_path / "ONE.md"
    one.write_text(receipt + "<!-- /example -->\n")
    check = ["--model", str(tiny_run / "adapter"), "--readme", str(one), "--check"]
    assert script.main(check) == 0
    one.write_text(receipt.replace("spending", "spent", 1) + "<!-- /example -->\n")
    assert script.main(check) == 1
