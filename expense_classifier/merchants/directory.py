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

"Sunrise Family Dental" is not a brand called "Sunrise", and "Crown Auto Body" is not "Crown": a brand
whose name is a common word (or one or two letters) matches only as the whole name.

A clean name that starts with a brand's whole name and goes on is that brand (the prefix rule; the entry's
`name` is the brand's, so the row's merchant becomes "Primark", not "Primark Stratford") when
- the brand matches as more than its whole name (no common-word brand: "Target Practice Range" stays), and
- no word after it is a kind of business that is not the brand's ("Tesco Bank", "Hudson Dental"; the
  brand's own kinds are fine: "Odeon Cinemas"), nor a US state or Canadian province code (a raw card
  descriptor: "STARBUCKS CINCINNATI OH" is `clean_merchant`'s to strip), and
- either every word after it is a place (`merchants.places`), a country code, a legal form or company
  word, a store number, a short code in capitals ("BSL") or a generic or category word of the brand
  ("Primark Stratford", "Lidl GB", "BT Group", "Vue BSL", "Specsavers Opticians"), or the brand is
  distinctive and at most three words follow ("Nandos Hackney"). Distinctive keys are the build's: a first
  word of four letters or more (five for a one-word name) that is no common English word, person's name,
  place or compound of everyday words (scripts/build_directory.py `distinctive_test`), so "Hudson Cinema",
  "Lincoln Auto Repair", "Westside Pizza" and "Vue Anything" stay local.
The longest brand at the start wins ("Sainsbury's Local Hackney" is Sainsbury's Local).

`MerchantDirectory.entries()` lists every entry (name, category, kind, countries, aliases), for the generator.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources as package_files
from pathlib import Path

from expense_classifier.merchants.directory_file import DirectoryData, parse_directory
from expense_classifier.merchants.keys import compact_key, merchant_key
from expense_classifier.merchants.names import (
    CA_PROVINCES,
    COUNTRY_CODES,
    ENTITY_WORDS,
    LEGAL_FORMS,
    UK_TYPE_CODES,
    US_STATES,
)
from expense_classifier.merchants.places import PLACES

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

# The suffixes as keys ("fuel" is the key "ful": umlaut spellings fold).
_GENERIC_KEYS = frozenset(merchant_key(s) for s in GENERIC_SUFFIXES)
_CATEGORY_KEYS = {c: frozenset(merchant_key(s) for s in suffixes) for c, suffixes in CATEGORY_SUFFIXES.items()}
_ALL_SUFFIXES = _GENERIC_KEYS.union(*_CATEGORY_KEYS.values())

# The prefix rule (see the module docstring). Company words after a brand, for every category ("BT Group",
# "Lidl GB", "Netflix International BV"), and a category's own words after its brands ("Odeon Cinemas").
# Compact keys: "B.V." is "bv".
COMPANY_WORDS: frozenset[str] = frozenset(
    compact_key(form) for form in (*LEGAL_FORMS, *ENTITY_WORDS, *COUNTRY_CODES, *UK_TYPE_CODES, *GENERIC_SUFFIXES,
                                   "group", "plc", "limited", "branch", "retail", "trading"))
PREFIX_CATEGORY_WORDS: dict[str, frozenset[str]] = {
    category: frozenset(compact_key(s) for s in (*suffixes, *extra) if " " not in s)
    for category, suffixes, extra in (
        ("Food", CATEGORY_SUFFIXES["Food"], {"superstore", "extra", "express", "local", "restaurants", "supermarkt",
                                             "supermarkten", "supermercado", "supermercados", "supermarche",
                                             "supermarches", "supermercato", "supermercati"}),
        ("Transportation", CATEGORY_SUFFIXES["Transportation"], {"petrol", "pfs", "services"}),
        ("Healthcare", CATEGORY_SUFFIXES["Healthcare"], {"opticians", "optician", "optometrists", "chemist",
                                                         "chemists", "hearing"}),
        ("Shopping", CATEGORY_SUFFIXES["Shopping"], {"outlets"}),
        ("Entertainment", (), {"cinema", "cinemas", "theatre", "theatres", "theater", "theaters"}),
        ("Utilities", (), {"energy", "energie", "energia", "mobile", "mobil", "broadband"}),
        ("Housing", (), set()), ("Education", (), set()))}
# Kinds of business and the bank abbreviations of them, by category: after a brand they name another business
# ("Hudson Dental" is no Hudson newsagent, "Tesco Bank" no grocer, "Metro Pizza" no Metro cash-and-carry)
# unless they are the brand's company or category words ("Odeon Cinemas"). "" for kinds of no expense
# category.
KIND_WORDS: dict[str, frozenset[str]] = {category: frozenset(merchant_key(words).split()) for category, words in {
    "Food": "restaurant restaurants cafe caffe coffee pizza pizzeria grill diner bakery bakehouse deli bistro "
            "kitchen sushi thai noodle noodles bbq smokehouse burger burgers market grocery groceries foods "
            "supermarket creamery donuts bagels tavern brewing brewery bar pub steakhouse ramen pho wings chicken "
            "trattoria cantina eatery juice seafood dumpling dumplings taqueria tacos kebab takeaway curry "
            "sandwich sandwiches butcher butchers catering cuisine roasters cafeteria buffet poke bagel donut "
            "chippy chips fish wine beer liquor off licence rest coff mkt mkts sprmkt",
    "Transportation": "fuel gas petrol pfs garage auto tyres tires parking taxi taxis cabs limo car cars rail "
                      "railway train trains bus coach coaches airline airlines airways travel toll ferry rental "
                      "hire motors station lube collision towing wash mot transit shuttle tollway lines cab limo "
                      "bike share scooter scooters airl trans auth prkg",
    "Utilities": "energy power electric electricity water utilities telecom wireless mobile broadband internet "
                 "cable communications fiber fibre waste disposal recycling propane sanitation municipal "
                 "district elec util wrls telcom",
    "Entertainment": "cinema cinemas theatre theatres theater theaters bowling lanes arcade comedy games gaming "
                     "music concert tickets golf stadium arena karaoke zoo aquarium museum playhouse gym fitness "
                     "leisure casino bingo streaming amphitheater amusement park festival room laser tag club "
                     "ballpark waterpark trampoline live fun center drive lanes thtr ent",
    "Healthcare": "pharmacy chemist chemists drugs dental dentist dentists dentistry orthodontics pediatrics "
                  "medical clinic medicine hospital therapy physio physiotherapy chiropractic optical opticians "
                  "optician optometry optometrists vision dermatology health labs imaging radiology counseling "
                  "hearing surgery physicians vets veterinary care urgent cardiology orthopedics eye family "
                  "dentl clnc hlth med hosp pharm ther phys",
    "Shopping": "boutique outlet apparel shoes electronics decor sporting jewelers jewellers gifts beauty "
                "cosmetics clothing outfitters mercantile thrift toys furniture books bookstore bookshop vintage "
                "fashion emporium gift supply pet pets tech general salon hair barber barbers nails florist "
                "florists",
    "Housing": "property properties management apartments realty residential mortgage plumbing heating hvac "
               "roofing pest exterminating lawn landscaping hardware lumber storage movers moving hoa homeowners "
               "condo cleaning maid locksmith painting flooring lettings estate rentals lofts homes builders diy "
               "repair appliance handyman improvement services townhomes mgmt mtg prop apts assn strg",
    "Education": "university college academy school schools montessori learning tutoring tutors institute "
                 "preschool nursery childcare education seminary bursar prep test coding child lrng educ sch acad "
                 "coll univ",
    "": "bank banking money credit finance financial loans card cards insurance atm",
}.items()}
_KIND_WORDS = frozenset(word for words in KIND_WORDS.values() for word in words)
_RAW_CODES = (US_STATES | CA_PROVINCES) - COUNTRY_CODES
_PLACE_KEYS = frozenset(merchant_key(place) for place in PLACES)
_MAX_PLACE_WORDS = 4
_DISTINCTIVE_MAX_REST = 3
_VOWELS = frozenset("AEIOUY")


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
    return suffix in _GENERIC_KEYS or suffix in _CATEGORY_KEYS.get(category, ())


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


def is_code(token: str) -> bool:
    """A short code in capitals that names no word: "BSL", "GBR" (three or four letters, no vowel)."""
    return 3 <= len(token) <= 4 and token.isalpha() and token.isupper() and not _VOWELS.intersection(token)


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
        self._distinctive = data.distinctive
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

    def lookup(self, merchant: str, prefix: bool = True) -> DirectoryEntry | None:
        """The brand whose whole name `merchant` is, or (with `prefix`) that it starts with by the prefix
        rule (see the module docstring), or None."""
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
        return self._prefix(tokens) if prefix else None

    def _prefix(self, tokens: list[str]) -> DirectoryEntry | None:
        """The prefix rule (see the module docstring): the longest brand at the start, if what follows allows."""
        if len(tokens) < 2 or any(t in _RAW_CODES for t in tokens[1:]):
            return None
        for end in range(len(tokens) - 1, 0, -1):
            key = merchant_key(" ".join(tokens[:end]))
            if key.partition(" ")[0] in LEADING_WORDS and " " in key:
                key = key.partition(" ")[2]
            if not key or (row := self._exact(key, strict_ok=False)) is None:
                continue
            entry = self._entry(row)
            rest = tokens[end:]
            words = merchant_key(" ".join(rest)).split()
            allowed = COMPANY_WORDS | PREFIX_CATEGORY_WORDS.get(entry.category, frozenset())
            if any(w in _KIND_WORDS and w not in allowed for w in words):
                return None  # the longest brand names another business: no shorter one does either
            if self._tail_only(rest, entry.category) or (
                    key.replace(" ", "") in self._distinctive and len(rest) <= _DISTINCTIVE_MAX_REST):
                return entry
            return None
        return None

    @staticmethod
    def _tail_only(rest: list[str], category: str) -> bool:
        """Whether the words after a brand are only places, codes, store numbers and company or category words."""
        allowed = COMPANY_WORDS | PREFIX_CATEGORY_WORDS.get(category, frozenset())
        i = 0
        while i < len(rest):
            if is_numberish(rest[i]) or is_code(rest[i]) or compact_key(rest[i]) in allowed:
                i += 1
                continue
            for n in range(min(_MAX_PLACE_WORDS, len(rest) - i), 0, -1):
                if merchant_key(" ".join(rest[i:i + n])) in _PLACE_KEYS:
                    i += n
                    break
            else:
                return False
        return True

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
