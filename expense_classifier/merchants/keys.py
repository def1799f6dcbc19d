"""The key merchant names are matched on, by rules and the directory alike: one spelling per name."""

from __future__ import annotations

import re
import unicodedata

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_CONSONANT = "bcdfghjklmnpqrstvwxz"
# German umlauts as banks without them print them ("MUENCHNER", "BAECKEREI", "LOEWEN"): a, o or u and an e,
# at a word's start or after a consonant, before a consonant. "Bauer", "Steuer", "Blue", "Queen" keep theirs.
_UMLAUT_SPELLING = re.compile(rf"(?:(?<=[{_CONSONANT}])|\b)([aou])e(?=[{_CONSONANT}])")


def merchant_key(name: str) -> str:
    """Casefolded words without accents or punctuation, `&` as "and", `+` as "plus", umlauts as plain vowels.

    "Café Rouge" and "CAFE ROUGE" → "cafe rouge"; "Paramount+" → "paramount plus";
    "Barnes & Noble" → "barnes and noble"; "McDonald's" → "mcdonalds"; "Münchner", "Muenchner" and
    "MUNCHNER" → "munchner"; "Straße" and "STRASSE" → "strasse" (casefold spells ß as ss).
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("&", " and ").replace("+", " plus ")
    text = re.sub(r"['’`]", "", text)
    return _UMLAUT_SPELLING.sub(r"\1", _NOT_ALNUM.sub(" ", text).strip())


def compact_key(name: str) -> str:
    """`merchant_key` without spaces, for names banks squeeze or split ("H-E-B" / "HEB", "WALMART" / "Wal-Mart")."""
    return merchant_key(name).replace(" ", "")
