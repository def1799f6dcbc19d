"""Write expense_classifier/data/heldout_digests.txt: salted hashes of the held-out evaluation merchants' keys.

The generator draws brands from the merchant directory; a brand that is one of the merchants of
eval/heldout_statement.csv or eval/heldout_local.csv must not reach training, or those files would no longer
measure text the generator never produced. The package neither ships eval/ nor may copy its strings, so
it carries these hashes instead (`expense_classifier.data.brands.heldout_keys` says which keys of a merchant
are hashed). Re-run after changing those files; `tests/test_generator.py` fails while the file is stale.

    python scripts/heldout_digests.py
"""

from __future__ import annotations

import csv
from pathlib import Path

from expense_classifier.data.brands import DIGESTS_FILE, heldout_keys, key_digest

ROOT = Path(__file__).resolve().parent.parent
HELDOUT_MERCHANT_FILES = (ROOT / "eval" / "heldout_statement.csv", ROOT / "eval" / "heldout_local.csv")
OUT = ROOT / "expense_classifier" / "data" / DIGESTS_FILE


def heldout_merchants() -> list[str]:
    """The `merchant` column of every held-out file that names its merchants."""
    merchants = []
    for path in HELDOUT_MERCHANT_FILES:
        with path.open(newline="", encoding="utf-8") as handle:
            merchants += [row["merchant"] for row in csv.DictReader(handle) if row["merchant"].strip()]
    return merchants


def digest_lines() -> list[str]:
    digests = sorted({key_digest(key) for merchant in heldout_merchants() for key in heldout_keys(merchant)})
    files = ", ".join(str(path.relative_to(ROOT)) for path in HELDOUT_MERCHANT_FILES)
    return [f"# Salted hashes of the keys of the merchants in {files}, written by scripts/heldout_digests.py.",
            "# The generator leaves out any directory brand they match (expense_classifier/data/brands.py).",
            *digests]


def main() -> None:
    OUT.write_text("\n".join(digest_lines()) + "\n", encoding="utf-8")
    print(f"written: {OUT} ({len(digest_lines()) - 2} digests)")


if __name__ == "__main__":
    main()
