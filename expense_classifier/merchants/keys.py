"""The key merchant names are matched on, by rules and the directory alike: one spelling per name."""

from __future__ import annotations

import re
import unicodedata

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def merchant_key(name: str) -> str:
    """Casefolded words without accents or punctuation, `&` as "and", `+` as "plus".

    "Café Rouge" and "CAFE ROUGE" → "cafe rouge"; "Paramount+" → "paramount plus";
    "Barnes & Noble" → "barnes and noble"; "McDonald's" → "mcdonalds".
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("&", " and ").replace("+", " plus ")
    text = re.sub(r"['’`]", "", text)
    return _NOT_ALNUM.sub(" ", text).strip()


def compact_key(name: str) -> str:
    """`merchant_key` without spaces, for names banks squeeze or split ("H-E-B" / "HEB", "WALMART" / "Wal-Mart")."""
    return merchant_key(name).replace(" ", "")
