"""The shipped directory of brands: a clean merchant name in, its brand's category out, or nothing.

The file (`directory.tsv.gz`, built by `scripts/build_directory.py` from open data and a hand-written list,
see `DIRECTORY_LICENSES.md`; its format is `directory_file`'s) lists brands with the keys they match on.
A hit needs the brand's whole name to be the merchant, so a local business that shares one word with a
brand is left to the model:

- the merchant's `merchant_key` (or its `compact_key`, for "WAL MART" / "WALMART") equals a brand's name or
  alias: "Whole Foods Market", "WHOLEFDS MKT", "CVS/PHARMACY";
- trailing store numbers do not count: "MCDONALD'S F1234", "CHEVRON 0123", "Target #1234";
- nor do the generic words below after a brand: "Starbucks Store", "Shell Service Station",
  "Walgreens Pharmacy" (a category's own words only after that category's brands: "Kroger Pharmacy"
  is not Kroger the grocer);
- a raw descriptor may be asked as it is: when a store number is followed by more words
  ("WHOLEFDS MKT 10234 AUSTIN TX"), the words before the number are tried, except for brands whose name
  is a common word ("TARGET T-1234 MINNEAPOLIS MN" is left to the model: "Target" matches only in full).

"Sunrise Family Dental" is not a brand called "Sunrise", and "Crown Auto Body" is not "Crown": no brand
matches as one word of a longer name. `MerchantDirectory.entries()` lists every entry (name, category,
kind, countries, aliases), for the generator.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources as package_files
from pathlib import Path

from expense_classifier.merchants.directory_file import DirectoryData, parse_directory
from expense_classifier.merchants.keys import merchant_key

DIRECTORY_FILE = "directory.tsv.gz"

# Words after a brand that leave it the same brand, for any category ("Target Store", "Netflix.com",
# "Walmart Supercenter", "Apple Inc"), and for one category's brands only ("Kroger Marketplace",
# "Shell Gas Station", "Walgreens Pharmacy"). Two-word ones are matched before one-word ones.
GENERIC_SUFFIXES: tuple[str, ...] = (
    "store", "stores", "shop", "shops", "supercenter", "supercentre", "superstore", "online", "com",
    "inc", "llc", "ltd", "co", "corp", "corporation", "company",
)
CATEGORY_SUFFIXES: dict[str, tuple[str, ...]] = {
    "Food": ("market", "marketplace", "supermarket", "grocery", "restaurant", "cafe", "coffee"),
    "Transportation": ("gas station", "service station", "station", "gas", "fuel", "airlines", "airline", "hotel",
                       "hotels"),
    "Healthcare": ("pharmacy", "drugstore", "drug store", "drugs", "rx"),
    "Shopping": ("department store", "outlet"),
}
# Words before a name that leave it the same name ("The Home Depot", "WWW.NETFLIX.COM").
LEADING_WORDS: tuple[str, ...] = ("the", "www")

_ALL_SUFFIXES = frozenset(GENERIC_SUFFIXES).union(*CATEGORY_SUFFIXES.values())


@dataclass(frozen=True)
class DirectoryEntry:
    """A directory hit: the brand's name, its category, and where the entry came from (`kind`:
    "shop=supermarket", "mcc 3000-3350 airline", "online: streaming", ...)."""

    name: str
    category: str
    kind: str


@dataclass(frozen=True)
class DirectoryRecord:
    """One entry as `MerchantDirectory.entries()` lists it: countries are ISO 3166 codes ("us", "gb") or
    UN M49 regions ("001" for the world), empty when unknown; aliases are the other names it matches."""

    name: str
    category: str
    kind: str
    countries: tuple[str, ...]
    aliases: tuple[str, ...]


def suffix_allowed(suffix: str, category: str) -> bool:
    """Whether `suffix` after a brand of `category` leaves it the same brand."""
    return suffix in GENERIC_SUFFIXES or suffix in CATEGORY_SUFFIXES.get(category, ())


def strip_suffixes(key: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(head, suffixes peeled) for each generic suffix peeled off the end of a key, longest head first:
    "shell service station" → ("shell", ("service station",))."""
    words = key.split()
    peeled: tuple[str, ...] = ()
    while len(words) > 1:
        for width in (2, 1):
            tail = " ".join(words[-width:])
            if len(words) > width and tail in _ALL_SUFFIXES:
                words = words[:-width]
                peeled = (tail, *peeled)
                yield " ".join(words), peeled
                break
        else:
            return


def is_numberish(token: str) -> bool:
    """A store number, reference or separator rather than a word: "#0412", "F1234", "T-1234", "US*2K4L21", "-"
    (at least as many digits as letters); "7-ELEVEN" is a word."""
    letters = sum(c.isalpha() for c in token)
    return letters == 0 or sum(c.isdigit() for c in token) >= letters


class MerchantDirectory:
    """Brands and the keys they match on; `lookup` answers a clean merchant name."""

    def __init__(self, data: DirectoryData) -> None:
        self.sources = data.sources
        self._rows = data.rows  # name, category, kind, countries, aliases: split when asked
        self._by_key = data.by_key
        self._by_compact = data.by_compact
        self._strict = data.whole_name_only
        self._entries: dict[str, DirectoryEntry] = {}

    @classmethod
    def from_text(cls, text: str) -> MerchantDirectory:
        """A directory from a file's text (`directory_file.format_directory`)."""
        return cls(parse_directory(text))

    @classmethod
    def from_file(cls, path: Path) -> MerchantDirectory:
        """A directory file written by the build (`.tsv` or `.tsv.gz`)."""
        data = path.read_bytes()
        return cls.from_text((gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8"))

    @classmethod
    def shipped(cls) -> MerchantDirectory:
        """The directory in the package, loaded once per process."""
        return _shipped()

    def __len__(self) -> int:
        return len(self._rows)

    def entries(self) -> Iterator[DirectoryRecord]:
        """Every entry, in the file's order (by name)."""
        for row in self._rows:
            name, category, kind, countries, aliases = row.split("\t")
            yield DirectoryRecord(name, category, kind, tuple(filter(None, countries.split(","))),
                                  tuple(filter(None, aliases.split("|"))))

    def lookup(self, merchant: str) -> DirectoryEntry | None:
        """The brand whose whole name `merchant` is (see the module docstring), or None."""
        tokens = merchant.split()
        # The whole name, less trailing store numbers ("CHEVRON 0123"), the longest form first ("Motel 6 #12").
        for end in range(len(tokens), 0, -1):
            if end < len(tokens) and not is_numberish(tokens[end]):
                break
            if (row := self._match(merchant_key(" ".join(tokens[:end])), strict_ok=True)) is not None:
                return self._entry(row)
        # A raw descriptor: the words before a store number that more words follow ("WHOLEFDS MKT 10234 AUSTIN TX").
        last_word = max((i for i, token in enumerate(tokens) if not is_numberish(token)), default=-1)
        for end in range(last_word - 1, 0, -1):
            if not is_numberish(tokens[end]) or is_numberish(tokens[end - 1]):
                continue
            if (row := self._match(merchant_key(" ".join(tokens[:end])), strict_ok=False)) is not None:
                return self._entry(row)
        return None

    def _match(self, key: str, strict_ok: bool) -> str | None:
        if not key:
            return None
        first, _, rest = key.partition(" ")
        if rest and first in LEADING_WORDS and (row := self._match(rest, strict_ok)) is not None:
            return row
        if (row := self._exact(key, strict_ok)) is not None:
            return row
        for head, peeled in strip_suffixes(key):
            row = self._exact(head, strict_ok)
            if row is not None and all(suffix_allowed(s, self._category(row)) for s in peeled):
                return row
        return None

    def _exact(self, key: str, strict_ok: bool) -> str | None:
        compact = key.replace(" ", "")
        if not strict_ok and compact in self._strict:
            return None
        row = self._by_key.get(key)
        if row is None:
            row = self._by_key.get(compact)
        return row if row is not None else self._by_compact.get(compact)

    def _category(self, row: str) -> str:
        return self._entry(row).category

    def _entry(self, row: str) -> DirectoryEntry:
        if (entry := self._entries.get(row)) is None:
            name, category, kind, _ = self._rows[int(row)].split("\t", 3)
            entry = self._entries[row] = DirectoryEntry(name, category, kind)
        return entry


@cache
def _shipped() -> MerchantDirectory:
    data = (package_files.files("expense_classifier.merchants") / DIRECTORY_FILE).read_bytes()
    return MerchantDirectory.from_text(gzip.decompress(data).decode("utf-8"))
