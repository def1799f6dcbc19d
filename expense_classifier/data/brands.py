"""The merchant directory as the generator draws from it: brands by category, each with the wording of its kind.

Two sets of brands never reach training:

- **held back**: one directory brand in five, chosen by a stable hash of its name (`held_back`). They make
  the "unknown brands" evaluation set (`unknown_brands`), written at evaluation time: what the model
  makes of a brand it never saw, which is what it learnt beyond memorising names.
- **held-out evaluation merchants**: the merchants of `eval/heldout_statement.csv` and
  `eval/heldout_local.csv` measure text the generator never produced, so a directory brand that is one
  of them (same key, or the same name with words after it) is left out. The package does not carry those
  files or their strings: `heldout_digests.txt` holds salted hashes of their keys, written by
  `scripts/heldout_digests.py` (a test checks it is current).

Within a category, brands are drawn by kind first (weighted by the square root of the kind's size), so
two thousand bus operators do not drown the fuel stations and airlines; within a kind, brands of the markets
the product reads statements of, and brands in many countries, come up more often (`brand_weight`).
"""

from __future__ import annotations

import hashlib
import itertools
import math
import random
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources as package_files

from expense_classifier.data.wording import Wording, wording_for
from expense_classifier.merchants.directory import MerchantDirectory
from expense_classifier.merchants.keys import compact_key, merchant_key

HOLD_BACK_MODULUS = 5  # crc32 of the brand's key % 5 == 0: about 20% held back
DIGESTS_FILE = "heldout_digests.txt"
DIGEST_SALT = "expense_classifier held-out merchant:"


@dataclass(frozen=True)
class Brand:
    """A directory brand as the generator writes it: its names, where it sells, and its kind's wording."""

    name: str
    category: str
    kind: str
    countries: tuple[str, ...]
    aliases: tuple[str, ...]  # other names and bank abbreviations ("WHOLEFDS MKT")
    wording: Wording | None  # None: the category's general vocabulary

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def held_back(name: str) -> bool:
    """Whether this brand is kept out of training, for the unknown-brands measure (stable across runs)."""
    return held_back_key(merchant_key(name))


def held_back_key(key: str) -> bool:
    return zlib.crc32(key.encode("utf-8")) % HOLD_BACK_MODULUS == 0


def key_digest(key: str) -> str:
    """A salted hash of a merchant key: what `heldout_digests.txt` holds instead of the key itself."""
    return hashlib.sha256(f"{DIGEST_SALT}{key}".encode()).hexdigest()[:20]


def word_prefixes(key: str, shortest: int = 1) -> Iterator[str]:
    """"whole foods market" → "whole", "whole foods", "whole foods market" (from `shortest` words on)."""
    words = key.split()
    for end in range(shortest, len(words) + 1):
        yield " ".join(words[:end])


def heldout_keys(merchant: str) -> set[str]:
    """The keys a held-out merchant is excluded by: its key, its compact key, and its prefixes of two words or more
    (a directory brand "Blue Bottle" is the held-out "Blue Bottle Coffee")."""
    key = merchant_key(merchant)
    return {key, compact_key(merchant), *word_prefixes(key, shortest=2)} - {""}


def matches_keys(name: str, keys: set[str]) -> bool:
    """Whether `name`, its compact form or the start of it (whole words) is one of `keys`.

    With `heldout_keys` this is: the same merchant, or one of the two is the other with words after it.
    """
    key = merchant_key(name)
    return compact_key(name) in keys or any(prefix in keys for prefix in word_prefixes(key))


@cache
def heldout_digests() -> frozenset[str]:
    """The salted hashes of the held-out evaluation merchants' keys (see the module docstring)."""
    text = (package_files.files("expense_classifier.data") / DIGESTS_FILE).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def is_heldout_merchant(name: str) -> bool:
    """Whether `name` is (or extends) a merchant of the held-out evaluation files."""
    return is_heldout_key(merchant_key(name))


def is_heldout_key(key: str) -> bool:
    digests = heldout_digests()
    return key_digest(key.replace(" ", "")) in digests or any(key_digest(p) in digests for p in word_prefixes(key))


# The markets whose statements the product reads (US, UK and European banks), and brands sold everywhere
# ("001"): a brand sold only elsewhere is drawn a quarter as often, so that the brands a household here
# meets are seen more than once in tens of thousands of lines.
HOME_MARKETS = frozenset({"us", "gb", "ie", "de", "at", "ch", "fr", "nl", "be", "ca", "au", "001"})
ELSEWHERE_WEIGHT = 0.25


def brand_weight(brand: Brand) -> float:
    """How often a brand is drawn within its kind: by market, and by reach (a brand in many countries is a big one).

    No countries: an online service of the hand-written list. Reach: 1 + log2(countries), at most 4.
    """
    countries = brand.countries
    if not countries:
        return 1.0
    reach = 4.0 if "001" in countries else min(4.0, 1 + math.log2(len(countries)))
    return reach * (1.0 if any(c in HOME_MARKETS for c in countries) else ELSEWHERE_WEIGHT)


@dataclass(frozen=True)
class BrandPool:
    """One category's brands grouped by kind, drawn kind first (square root of the kind's weight), then by
    `brand_weight`."""

    kinds: tuple[tuple[Brand, ...], ...]
    kind_weights: tuple[float, ...]  # cumulative
    brand_weights: tuple[tuple[float, ...], ...]  # cumulative, per kind

    @classmethod
    def of(cls, brands: Iterable[Brand]) -> BrandPool:
        by_kind: dict[str, list[Brand]] = defaultdict(list)
        for brand in brands:
            by_kind[brand.kind].append(brand)
        kinds = tuple(tuple(group) for _, group in sorted(by_kind.items()))
        cumulative = tuple(tuple(itertools.accumulate(brand_weight(b) for b in group)) for group in kinds)
        return cls(kinds, tuple(itertools.accumulate(math.sqrt(c[-1]) for c in cumulative)), cumulative)

    def __len__(self) -> int:
        return sum(len(group) for group in self.kinds)

    def draw(self, rng: random.Random) -> Brand:
        index = rng.choices(range(len(self.kinds)), cum_weights=self.kind_weights)[0]
        return rng.choices(self.kinds[index], cum_weights=self.brand_weights[index])[0]


@cache
def _split() -> tuple[tuple[Brand, ...], tuple[Brand, ...]]:
    """(training brands, held-back brands), both without the held-out evaluation merchants."""
    train, back = [], []
    for record in MerchantDirectory.shipped().entries():
        keys = [merchant_key(name) for name in (record.name, *record.aliases)]
        if any(is_heldout_key(key) for key in keys):
            continue
        brand = Brand(record.name, record.category, record.kind, tuple(record.countries), tuple(record.aliases),
                      wording_for(record.kind, record.category))
        (back if held_back_key(keys[0]) else train).append(brand)
    return tuple(train), tuple(back)


@cache
def training_brands() -> dict[str, BrandPool]:
    """Per category, the directory brands the generator may write into training data."""
    by_category: dict[str, list[Brand]] = defaultdict(list)
    for brand in _split()[0]:
        by_category[brand.category].append(brand)
    return {category: BrandPool.of(brands) for category, brands in by_category.items()}


def unknown_brands(known_names: Iterable[str]) -> dict[str, tuple[Brand, ...]]:
    """Per category, the held-back brands that no training name gives away.

    `known_names` are the generator's other merchants (everyday ones, chains). A held-back brand is not
    unknown when it is one of them or of the training brands (key or compact key), when it is the start
    of one ("Shell" and "Shell Recharge"), or when one is the start of it.
    """
    full: set[str] = set()
    starts: set[str] = set()
    for name in (*known_names, *(n for brand in _split()[0] for n in brand.names)):
        key = merchant_key(name)
        full.update((key, compact_key(name)))
        starts.update(word_prefixes(key))
    by_category: dict[str, list[Brand]] = defaultdict(list)
    for brand in _split()[1]:
        if not any(merchant_key(name) in starts or matches_keys(name, full) for name in brand.names):
            by_category[brand.category].append(brand)
    return {category: tuple(brands) for category, brands in sorted(by_category.items())}
