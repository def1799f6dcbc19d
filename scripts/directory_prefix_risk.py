"""How often the directory's prefix rule takes a local business for a brand: the generator's local names
("<name part> <kind>", every pair of `catalogue.NAME_PARTS` and `catalogue.BUSINESS_TYPES`), asked as they
are and as the generator prints them on a statement line (cleaned by `clean_merchant` first).

    python scripts/directory_prefix_risk.py            # counts, and every name the prefix rule matched
    python scripts/directory_prefix_risk.py --lines 3  # statement lines per local name (default 2)

A prefix hit is a false positive unless the name really starts with the brand's whole name, which none of
the generator's name parts is meant to be; whole-name hits (the older rules: "Hudson Market" is the Hudson
brand and a generic suffix) are counted apart.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from expense_classifier.data import generator  # noqa: E402
from expense_classifier.data.catalogue import BUSINESS_TYPES, NAME_PARTS  # noqa: E402
from expense_classifier.merchants.directory import MerchantDirectory  # noqa: E402
from expense_classifier.merchants.names import clean_merchant  # noqa: E402


def hit_kinds(directory: MerchantDirectory, name: str) -> tuple[str, str] | None:
    """("whole" or "prefix", the brand) for a hit, or None."""
    entry = directory.lookup(name)
    if entry is None:
        return None
    return ("prefix" if directory.lookup(name, prefix=False) is None else "whole"), f"{entry.name} ({entry.category})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2, help="statement lines printed per local name")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    directory = MerchantDirectory.shipped()
    rng = random.Random(args.seed)
    names = [(category, f"{part} {kind}") for category, kinds in BUSINESS_TYPES.items() for part in NAME_PARTS
             for kind in kinds]
    for label, texts in (("local names", [(c, n) for c, n in names]),
                         ("statement lines", [(c, clean_merchant(generator._statement(n, rng)).merchant)
                                              for c, n in names for _ in range(args.lines)])):
        counts = {"whole": 0, "prefix": 0}
        prefix_hits: dict[str, str] = {}
        for _, text in texts:
            if (hit := hit_kinds(directory, text)) is not None:
                counts[hit[0]] += 1
                if hit[0] == "prefix":
                    prefix_hits[text] = hit[1]
        total = len(texts)
        print(f"{label}: {total}; prefix-rule hits {counts['prefix']} ({counts['prefix'] / total:.3%}), "
              f"whole-name hits {counts['whole']} ({counts['whole'] / total:.3%})")
        for text, brand in sorted(prefix_hits.items()):
            print(f"  {text} -> {brand}")


if __name__ == "__main__":
    main()
