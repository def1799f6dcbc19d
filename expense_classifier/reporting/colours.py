"""One colour per category, the same in every chart (and on the page), so a category is found by its colour."""

from __future__ import annotations

import zlib

# Matplotlib's tab10, assigned once: Food is always orange, Housing always blue, and so on.
CATEGORY_COLOURS = {
    "Housing": "#1f77b4", "Food": "#ff7f0e", "Transportation": "#2ca02c", "Utilities": "#d62728",
    "Entertainment": "#9467bd", "Healthcare": "#8c564b", "Shopping": "#e377c2", "Education": "#bcbd22",
    "Income": "#17becf", "Transfer": "#7f7f7f",
}
_EXTRA = ("#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d", "#9edae5")


def category_colour(category: str) -> str:
    """The category's colour; a category of the user's own (Pets) gets a stable one from its name."""
    return CATEGORY_COLOURS.get(category) or _EXTRA[zlib.crc32(category.encode()) % len(_EXTRA)]
