"""Build the shipped merchant directory, `expense_classifier/merchants/directory.tsv.gz`, from open data.

Inputs, pinned (nothing is fetched at install or run time; the built file is committed, the inputs are not):
- name-suggestion-index NSI_VERSION (npm, BSD-3-Clause): `dist/json/nsi.json`, brands and operators with
  their OpenStreetMap tags, countries and Wikidata ids. Fetched with `npm pack` into a temporary directory.
- iso18245 ISO18245_VERSION (PyPI, MIT): card-scheme merchant category codes; 3000-3999 name airlines,
  car rental firms and hotels (Visa's list, with Visa's and Mastercard's short names as bank aliases).
- the hand-written files in `expense_classifier/data/directory_sources/` (see its README.md): merchants no
  open data set covers, bank abbreviations of open-data brands, common-word brands kept, overrides.
- english-words (gcide) and wordfreq: which one-word names are common English words (build time only).
- names (the 1990 US Census first and last names), wordfreq and merchants/places.py: which brands are
  distinctive enough to name the brand before other words ("Nandos Hackney"; build time only).

    pip install -e ".[directory]"
    python scripts/build_directory.py                  # npm pack, build, print counts and drops
    python scripts/build_directory.py --nsi nsi.json   # an nsi.json already on disk (same version)

The output is deterministic: the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import importlib.metadata
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

from directory_tags import (  # noqa: E402  (scripts/, beside this file)
    BRAND_TAGS,
    ENGLISH_MARKETS,
    GOVERNMENT_TYPES,
    MUNICIPAL,
    NOT_A_UTILITY,
    OPERATOR_TAGS,
    PLACE_GOVERNMENT,
    PRECEDENCE,
    UTILITY_TAGS,
    WORLD_REGIONS,
)

from expense_classifier.data.generator import CATEGORIES  # noqa: E402
from expense_classifier.merchants.directory import (  # noqa: E402
    LEADING_WORDS,
    strip_suffixes,
    suffix_allowed,
)
from expense_classifier.merchants.directory_file import FileEntry, format_directory  # noqa: E402
from expense_classifier.merchants.keys import compact_key, merchant_key  # noqa: E402

NSI_VERSION = "8.0.20260918"
ISO18245_VERSION = "1.4.1"
NAMES_VERSION = "0.3.0"
SOURCES = REPO / "expense_classifier" / "data" / "directory_sources"
OUTPUT = REPO / "expense_classifier" / "merchants" / "directory.tsv.gz"
SOURCE_FILES = ("merchants.csv", "bank_aliases.csv", "common_word_brands.txt", "overrides.csv",
                "distinctive_brands.txt")

SOURCE_HAND, SOURCE_NSI_BRAND, SOURCE_MCC, SOURCE_NSI_OPERATOR = range(4)
ROLE_NAME, ROLE_OTHER_NAME, ROLE_MATCH_NAME = range(3)


@dataclass
class Brand:
    """One named brand: items of one brand (Wikidata id) under one name, with every tag they carry."""

    name: str
    source: int
    tags: list[str]
    category: str = ""
    kind: str = ""
    countries: set[str] = field(default_factory=set)
    names: dict[str, tuple[int, str]] = field(default_factory=dict)  # key → (role, display form)
    deliberate: bool = False  # from the hand-written files: kept even when short or a common word
    prefix: str = ""  # "operator" or "transit" for NSI operators, before the tag in `kind`
    wikidata: set[str] = field(default_factory=set)

    def offer(self, name: str, role: int) -> None:
        name = " ".join(re.sub(r"[\t\n|]", " ", name).split())  # "wallace | burger & chicken"
        key = merchant_key(name)
        if key and (key not in self.names or self.names[key][0] > role):
            self.names[key] = (role, name)

    @property
    def key(self) -> str:
        return merchant_key(self.name)

    def market(self) -> int:
        if "us" in self.countries or not self.countries:
            return 0
        if self.countries & WORLD_REGIONS:
            return 1
        return 2 if self.countries & ENGLISH_MARKETS else 3


@dataclass(frozen=True)
class CommonWords:
    """Which compact names are common English words (`is_word`), less the names the hand-written files keep:
    those stay, and match only as whole names."""

    is_word: Callable[[str], bool]
    kept: frozenset[str] = frozenset()

    def __call__(self, compact: str) -> bool:
        return compact not in self.kept and self.is_word(compact)

    def keeps(self, compact: str) -> bool:
        return compact in self.kept


@dataclass
class Report:
    """What the build kept and dropped, printed at the end."""

    dropped: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    notes: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def drop(self, reason: str, name: str) -> None:
        self.dropped[reason] += 1
        if len(self.examples[reason]) < 8:
            self.examples[reason].append(name)


# ---------------------------------------------------------------------------------------------------
# Names.

def is_latin(name: str) -> bool:
    """Whether every letter is Latin script (a key of any other script would be empty or garbage)."""
    return all(unicodedata.name(c, "").startswith("LATIN") for c in name if c.isalpha())


def strip_disambiguation(name: str) -> str:
    """NSI's display names say which of two brands they are: "Target (USA)", "Giant (Carlisle)"."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", name).strip()


def usable(key: str) -> bool:
    return len(key.replace(" ", "")) > 2 and any(c.isalpha() for c in key)


def countries_of(location_set: dict) -> set[str]:
    """ISO country codes and M49 regions of an NSI locationSet's includes ("us-ca.geojson" → "us")."""
    codes = set()
    for place in location_set.get("include", []):
        if not isinstance(place, str):
            continue
        place = place.lower().removesuffix(".geojson")
        if place == "conus":
            codes.add("us")
        elif place.isdigit():
            codes.add(place)
        elif re.fullmatch(r"[a-z]{2}(-.*)?", place):
            codes.add(place[:2])
    return codes


# ---------------------------------------------------------------------------------------------------
# Open data → brands.

def nsi_brands(nsi: dict, is_common: CommonWords, report: Report) -> list[Brand]:
    """NSI items in the tag tables, as brands: one per (brand, name), its tags resolved by `PRECEDENCE`."""
    brand_items: dict[tuple[str, str], Brand] = {}
    operator_items: list[tuple[str, Brand]] = []
    for path, group in sorted(nsi["nsi"].items()):
        section, *rest = path.split("/")
        tag = "=".join(rest)
        if section == "brands":
            category = BRAND_TAGS.get(tag)
        elif section == "operators":
            category = OPERATOR_TAGS.get(tag)
        elif section == "transit":
            category = "Transportation"
        else:
            category = None
        if category is None:
            report.dropped[f"path not in the tag table: {path}"] += len(group["items"])
            continue
        for item in group["items"]:
            for brand, wikidata in _item_brands(section, tag, category, item, report):
                brand.wikidata = {wikidata} if wikidata else set()
                if brand.source == SOURCE_NSI_BRAND:
                    identity = (wikidata or f"name:{brand.key}", brand.key)
                    if identity in brand_items:
                        _merge(brand_items[identity], brand)
                    else:
                        brand_items[identity] = brand
                else:
                    operator_items.append((wikidata, brand))
    # An operator that is also a brand (Whole Foods runs chargers, Target solar panels) is that brand.
    main_brand: dict[str, Brand] = {}
    for (wikidata, key), brand in brand_items.items():
        if not wikidata.startswith("name:"):
            best = main_brand.get(wikidata)
            if best is None or len(key) < len(best.key):
                main_brand[wikidata] = brand
    operators: dict[tuple[str, str], Brand] = {}
    for wikidata, brand in operator_items:
        if wikidata and wikidata in main_brand:
            for _, name in brand.names.values():
                main_brand[wikidata].offer(name, ROLE_MATCH_NAME)
            continue
        identity = (wikidata or f"name:{brand.key}", brand.key)
        if identity in operators:
            _merge(operators[identity], brand)
        else:
            operators[identity] = brand
    brands = [*brand_items.values(), *operators.values()]
    for brand in brands:
        _resolve_tags(brand)
    return [brand for brand in brands if _keep_names(brand, is_common, report)]


def _item_brands(section: str, tag: str, category: str, item: dict, report: Report) -> Iterator[tuple[Brand, str]]:
    tags = item["tags"]
    countries = countries_of(item.get("locationSet", {}))
    if section == "brands":
        named = [("brand", tags.get("name") or tags.get("brand") or strip_disambiguation(item["displayName"]),
                  tags.get("brand:wikidata", ""),
                  [tags.get(k) for k in ("brand", "name:en", "brand:en", "official_name")],
                  [tags.get(k) for k in ("short_name", "alt_name", "brand:short")] + item.get("matchNames", []))]
    elif section == "operators":  # short names only where people use them (PPL, PSE&G); not school districts'
        short = [tags.get("operator:short")] if category in ("Utilities", "Transportation") else []
        named = [("operator", tags.get("operator") or strip_disambiguation(item["displayName"]),
                  tags.get("operator:wikidata", ""), [tags.get("operator:en")], short + item.get("matchNames", []))]
    else:  # transit: the network and, apart, the company that runs it
        named = [(kind, tags[kind], tags.get(f"{kind}:wikidata", ""), [tags.get(f"{kind}:en")],
                  [tags.get(f"{kind}:short")] + (item.get("matchNames", []) if kind == "network" else []))
                 for kind in ("network", "operator") if tags.get(kind)]
    for role, name, wikidata, others, matches in named:
        if (role == "operator" and tags.get("operator:type") in GOVERNMENT_TYPES or MUNICIPAL.search(name)
                or section != "brands" and PLACE_GOVERNMENT.search(name)):
            report.drop("municipal or government body", name)
            continue
        if section == "operators" and tag in UTILITY_TAGS and NOT_A_UTILITY.search(name):
            report.drop("runs its own utility plant, is no utility", name)
            continue
        if not is_latin(name):
            latin = [n for n in others if n and is_latin(n)]
            if not latin:
                report.drop("no Latin-script name", name)
                continue
            name = latin[0]
        prefix = {"brands": "", "operators": "operator", "transit": "transit"}[section]
        source = SOURCE_NSI_BRAND if section == "brands" else SOURCE_NSI_OPERATOR
        brand = Brand(name=name, source=source, tags=[tag], category=category,
                      kind=f"{prefix}: {tag}" if prefix else tag, countries=countries, prefix=prefix)
        brand.offer(name, ROLE_NAME)
        for other in others:
            if other and is_latin(other):
                brand.offer(strip_disambiguation(other), ROLE_OTHER_NAME)
        for match in matches:
            if match and is_latin(match):
                brand.offer(match, ROLE_MATCH_NAME)
        yield brand, wikidata


def _merge(into: Brand, other: Brand) -> None:
    into.tags.extend(other.tags)
    into.countries |= other.countries
    into.wikidata |= other.wikidata
    for key, (role, name) in other.names.items():
        into.offer(name, role)
        if into.names[key][0] > role:
            into.names[key] = (role, name)


def _tag_rank(brand: Brand, tag: str) -> tuple[int, int]:
    if brand.source == SOURCE_NSI_OPERATOR:
        table, precedence = list(OPERATOR_TAGS), ()
    else:
        table, precedence = list(BRAND_TAGS), PRECEDENCE
    if tag in precedence:
        return (0, precedence.index(tag))
    return (1, table.index(tag) if tag in table else len(table))


def _resolve_tags(brand: Brand) -> None:
    """The multi-tag rule: the brand's category is its best-ranked tag's."""
    if brand.source not in (SOURCE_NSI_BRAND, SOURCE_NSI_OPERATOR):
        return
    best = min(brand.tags, key=lambda t: _tag_rank(brand, t))
    if brand.source == SOURCE_NSI_BRAND:
        brand.category, brand.kind = BRAND_TAGS[best], best
    else:  # transit tags (route=bus, ...) are all Transportation
        brand.category = OPERATOR_TAGS.get(best, "Transportation")
        prefix = "transit" if best not in OPERATOR_TAGS else "operator"
        brand.kind = f"{prefix}: {best}"


def _keep_names(brand: Brand, is_common: CommonWords, report: Report) -> bool:
    """Drop the brand if its own name is noise (one or two letters, a common word); drop noisy aliases."""
    if not usable(brand.key) and not is_common.keeps(compact_key(brand.name)):
        report.drop("name of one or two letters", brand.name)
        return False
    if is_common(compact_key(brand.name)):
        report.drop("name is a common English word", brand.name)
        return False
    for key in [k for k in brand.names if k != brand.key]:
        if not usable(key) or is_common(key.replace(" ", "")):
            del brand.names[key]
    for key in list(brand.names):  # "The Home Depot" is also "Home Depot"
        first, _, rest = key.partition(" ")
        if first in LEADING_WORDS and usable(rest) and not is_common(rest.replace(" ", "")):
            role, display = brand.names[key]
            brand.names.setdefault(rest, (role, re.sub(r"^\W*[^\W_]+\W*", "", display) or rest))
    return True


def mcc_brands(mcc_lists: dict[str, list[list[str]]], ranges: list[tuple[int, int, str]],
               is_common: CommonWords, report: Report) -> list[Brand]:
    """Airlines, car rental firms and hotels from the 3000-3999 codes: Visa's name (Mastercard's spelling
    when it names the same firm), the schemes' short names and the name less "Airlines", "Rent-A-Car",
    "Hotels" as aliases."""
    visa = {row[0]: row[1:] for row in mcc_lists["visa"]}
    mastercard = {row[0]: row[1:] for row in mcc_lists["mastercard"]}
    brands = []
    for code in sorted(set(visa) | set(mastercard)):
        number = int(code)
        kind = next((f"mcc {lo}-{hi} {label.lower()}" for lo, hi, label in ranges if lo <= number <= hi), None)
        if kind is None:
            continue
        visa_name, visa_short = (visa[code] + ["", ""])[:2] if code in visa else ("", "")
        mc_name, mc_short = (mastercard[code] + ["", ""])[:2] if code in mastercard else ("", "")
        same_firm = visa_name and mc_name and merchant_key(mc_name).split()[0] == merchant_key(visa_name).split()[0]
        name = mc_name if (same_firm or not visa_name) else _title(visa_name)
        name = strip_disambiguation(name) or name  # "KLM (Royal Dutch Airlines)": the inside is an alias
        brand = Brand(name=name, source=SOURCE_MCC, tags=[kind], category="Transportation", kind=kind)
        brand.offer(name, ROLE_NAME)
        for other in (visa_name, mc_name if same_firm else ""):
            for variant in _mcc_variants(other):
                brand.offer(variant, ROLE_OTHER_NAME)
        for variant in _mcc_variants(name):
            brand.offer(variant, ROLE_OTHER_NAME)
        for short in (visa_short, mc_short if same_firm else ""):
            if short:
                brand.offer(short, ROLE_MATCH_NAME)
        if _keep_names(brand, is_common, report):
            brands.append(brand)
    return brands


def _title(name: str) -> str:
    """Visa writes names in capitals: "UNITED AIRLINES" → "United Airlines"; short words stay acronyms ("KLM")."""
    words = {"AIR", "AND", "BAY", "DEL", "INN", "NEW", "OF", "SEA", "SKY", "SUN", "THE", "LA", "LE", "DE"}
    return " ".join(w if len(w) <= 3 and w not in words else w.capitalize() for w in name.split())


def _mcc_variants(name: str) -> Iterator[str]:
    if not name:
        return
    yield name
    inner = re.search(r"\(([^)]*)\)", name)
    if inner:
        outside = strip_disambiguation(name)
        yield outside
        text = re.sub(r"(?i)^formerly\s+", "", inner.group(1))
        if not re.fullmatch(r"(?i)brazil|costa rica|indonesia", text):
            yield text
    base = strip_disambiguation(name)
    short = re.sub(r"(?i)\s+(airlines?|airways|air lines|rent[- ]a[- ]car|car rental|hotels?( and resorts)?|"
                   r"resorts?|inns?( and suites)?|motels?|suites)$", "", base)
    if short != base:
        yield short
    singular = re.sub(r"(?i)\b(inn|hotel|motel|resort|suite)s$", r"\1", base)
    if singular != base:
        yield singular


# ---------------------------------------------------------------------------------------------------
# Hand-written sources.

def read_csv(path: Path) -> list[dict[str, str]]:
    """A build input CSV; lines starting with # are comments. Each row's `line` is its line in the file."""
    lines = [(number, line) for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if line.strip() and not line.lstrip().startswith("#")]
    header = next(csv.reader([lines[0][1]]))
    rows = []
    for number, line in lines[1:]:
        values = next(csv.reader([line]))
        if len(values) != len(header):
            raise ValueError(f"{path.name} line {number}: {len(values)} fields, the header has {len(header)}")
        rows.append({"line": str(number), **dict(zip(header, values, strict=True))})
    return rows


def split_aliases(text: str) -> list[str]:
    return [a.strip() for a in (text or "").split("|") if a.strip()]


def hand_brands(rows: list[dict[str, str]], where: str) -> list[Brand]:
    """The hand-written merchants: name, category, kind, aliases (|), countries (|). A name twice is an error."""
    brands = []
    seen: dict[str, str] = {}
    for row in rows:
        number = row["line"]
        name, category = row["name"].strip(), row["category"].strip()
        if category not in CATEGORIES:
            raise ValueError(f"{where} line {number}: category {category!r} is not one of {', '.join(CATEGORIES)}")
        if not row.get("kind", "").strip():
            raise ValueError(f"{where} line {number}: no kind for {name!r}")
        brand = Brand(name=name, source=SOURCE_HAND, tags=[], category=category, kind=row["kind"].strip(),
                      countries=set(split_aliases(row.get("countries", ""))),
                      deliberate=True)
        brand.offer(name, ROLE_NAME)
        for alias in split_aliases(row.get("aliases", "")):
            brand.offer(alias, ROLE_OTHER_NAME)
        for key in brand.names:
            if key in seen:
                raise ValueError(f"{where} line {number}: {key!r} is also on line {seen[key]}")
            seen[key] = number
        brands.append(brand)
    return brands


# ---------------------------------------------------------------------------------------------------
# Brands → entries: every key goes to one entry.

@dataclass
class Entry:
    name: str
    category: str
    kind: str
    countries: set[str]
    keys: dict[str, str]  # key → display form
    deliberate: bool = False
    wikidata: set[str] = field(default_factory=set)
    source: int = SOURCE_HAND
    strict: set[str] = field(default_factory=set)  # keys that match only as the whole name
    distinctive: set[str] = field(default_factory=set)  # keys that name the brand before any words


def resolve(brands: list[Brand], report: Report) -> dict[str, Entry]:
    """Each key to one entry. Brands that agree on a key's category are one entry (the same brand seen
    twice, or brands that would give the same answer); where they disagree the best-ranked brand keeps the
    key: hand-written first, then an NSI brand, a card-scheme code, an NSI operator; its own name before
    an alias; US before the world before the other markets; then tag precedence. Returns entries by the
    merchant_key of their name."""
    claims: dict[str, list[tuple[tuple, int]]] = defaultdict(list)
    for index, brand in enumerate(brands):
        for key, (role, _) in brand.names.items():
            rank = (brand.source, role, brand.market(), _tag_rank(brand, brand.kind.split(": ")[-1]), index)
            claims[key].append((rank, index))
    parent = list(range(len(brands)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    winner: dict[str, int] = {}
    conflicts = 0
    for key, claimants in claims.items():
        claimants.sort()
        best = claimants[0][1]
        winner[key] = best
        same = [i for _, i in claimants if brands[i].category == brands[best].category]
        if len(same) < len(claimants):
            conflicts += 1
            losers = {f"{brands[i].name} ({brands[i].category}, {brands[i].kind})" for _, i in claimants
                      if brands[i].category != brands[best].category}
            kept = brands[best]
            report.conflicts.append(f"{key!r}: {kept.name} ({kept.category}, {kept.kind}, "
                                    f"{','.join(sorted(kept.countries))[:20]}) over {'; '.join(sorted(losers))}")
        for i in same[1:]:  # brands of one name and one category are one entry ("Giant" of Carlisle and of Landover)
            if brands[i].key == key == brands[best].key:
                parent[find(i)] = find(best)
    report.notes.append(f"{conflicts} names claimed by brands of different categories (the best-ranked kept each)")
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(brands)):
        groups[find(index)].append(index)
    keys_of: dict[int, dict[str, str]] = defaultdict(dict)
    for key, index in winner.items():
        root = find(index)
        keys_of[root][key] = brands[index].names[key][1]
    entries: dict[str, Entry] = {}
    for root, members in groups.items():
        keys = keys_of.get(root, {})
        held = [i for i in sorted(members, key=lambda i: claims_rank(brands[i])) if brands[i].key in keys]
        if not held:
            for i in members:
                report.drop("its name belongs to another brand", brands[i].name)
            continue
        lead = brands[held[0]]
        countries = set().union(*(brands[i].countries for i in members))
        entries[lead.key] = Entry(lead.name, lead.category, lead.kind, countries, keys,
                                  any(brands[i].deliberate for i in members),
                                  set().union(*(brands[i].wikidata for i in members)), lead.source)
    return entries


def claims_rank(brand: Brand) -> tuple:
    return (brand.source, brand.market(), len(brand.name))


def merge_suffixed(entries: dict[str, Entry], report: Report) -> None:
    """A sub-brand named brand + generic words is the brand ("Walmart Supercenter" is Walmart, "Shell Shop" is
    Shell), as the lookup reads it, when it is the same brand (one Wikidata id); "Kroger Pharmacy" stays
    apart (a pharmacy suffix only for Healthcare), and so do "Bob's Stores" (clothes) beside "Bob's"
    (burgers) and "United Airlines" beside an Australian fuel brand called "United"."""
    owner = {key: entry_key for entry_key, entry in entries.items() for key in entry.keys}
    for entry_key in sorted(entries, key=len, reverse=True):
        entry = entries.get(entry_key)
        if entry is None or entry.deliberate:
            continue
        for head, peeled in strip_suffixes(entry_key):
            target_key = owner.get(head)
            if target_key != head or target_key == entry_key:  # the head must be the other entry's own name
                continue
            target = entries[target_key]
            same_brand = bool(entry.wikidata & target.wikidata)
            if same_brand and all(suffix_allowed(s, target.category) for s in peeled):
                target.keys.update(entry.keys)
                target.countries |= entry.countries
                for key in entry.keys:
                    owner[key] = target_key
                del entries[entry_key]
                if entry.category != target.category:
                    report.notes.append(f"{entry.name!r} ({entry.category}) read as {target.name!r} "
                                        f"({target.category})")
                break


def entry_holding(entries: dict[str, Entry], name: str) -> tuple[str, Entry] | None:
    key = merchant_key(name)
    for entry_key, entry in entries.items():
        if key in entry.keys:
            return entry_key, entry
    return None


def apply_bank_aliases(entries: dict[str, Entry], rows: list[dict[str, str]], where: str, report: Report) -> None:
    """Bank abbreviations of open-data brands (name, aliases): "Whole Foods Market" ← "WHOLEFDS MKT"."""
    owner = {key: entry_key for entry_key, entry in entries.items() for key in entry.keys}
    for row in rows:
        number = row["line"]
        target_key = owner.get(merchant_key(row["name"]))
        if target_key is None:
            raise ValueError(f"{where} line {number}: no directory entry named {row['name']!r}")
        target = entries[target_key]
        for alias in split_aliases(row["aliases"]):
            key = merchant_key(alias)
            previous = owner.get(key)
            if previous and previous != target_key:
                report.notes.append(f"bank alias {alias!r} taken from {entries[previous].name!r} for {target.name!r}")
                _take(entries, key)
                owner = {k: entry_key for entry_key, entry in entries.items() for k in entry.keys}
            target.keys[key] = alias
            owner[key] = target_key


def apply_overrides(entries: dict[str, Entry], rows: list[dict[str, str]], where: str, report: Report) -> None:
    """Known collisions, applied last. Each row's action:
    - `set`: the entry holding the name is this category and kind (Chuck E. Cheese is a night out, not a meal);
    - `new`: the name and its aliases leave whatever entries held them and become a new entry (Pandora the
      music service; the jeweller keeps its other names);
    - `drop`: the names are removed, left to the model."""
    for row in rows:
        number = row["line"]
        name, category, action = row["name"].strip(), row["category"].strip(), row["action"].strip()
        aliases = split_aliases(row.get("aliases", ""))
        if action not in ("set", "new", "drop"):
            raise ValueError(f"{where} line {number}: action {action!r} is not set, new or drop")
        if action != "drop" and (category not in CATEGORIES or not row["kind"].strip()):
            raise ValueError(f"{where} line {number}: {name!r} needs one of {', '.join(CATEGORIES)} and a kind")
        held = entry_holding(entries, name)
        if held is None and action != "new":
            raise ValueError(f"{where} line {number}: no directory entry named {name!r}")
        was = f"{held[1].name}: {held[1].category}, {held[1].kind}" if held else "not in the directory"
        if action == "set":
            entry = held[1]
            entry.category, entry.kind, entry.deliberate = category, row["kind"].strip(), True
            for alias in aliases:
                if merchant_key(alias) not in entry.keys:
                    _take(entries, merchant_key(alias))
                    entry.keys[merchant_key(alias)] = alias
        else:
            countries = set(held[1].countries) if held else set()
            for alias in [name, *aliases]:
                _take(entries, merchant_key(alias))
            if action == "new":
                entries[merchant_key(name)] = Entry(name, category, row["kind"].strip(), countries,
                                                    {merchant_key(n): n for n in [name, *aliases]}, deliberate=True)
        report.notes.append(f"override {action} {name!r} {category} (was {was}): {row.get('reason', '').strip()}")


def _take(entries: dict[str, Entry], key: str) -> None:
    """Remove a key from the entry holding it; an entry that loses its name goes by its shortest other name."""
    for entry_key, entry in list(entries.items()):
        if key not in entry.keys:
            continue
        del entry.keys[key]
        if entry_key == key:
            del entries[entry_key]
            if entry.keys:
                new_key = min(entry.keys, key=lambda k: (len(k), k))
                entry.name = entry.keys[new_key]
                entries[new_key] = entry


def check_keep_list(brands: list[Brand], names: list[str], where: str) -> None:
    """Every kept common-word name is the name of an open-data brand (the list stays true to the data)."""
    keys = {b.key for b in brands}
    for name in names:
        if merchant_key(name) not in keys:
            raise ValueError(f"{where}: {name!r} names no brand in the sources")


# ---------------------------------------------------------------------------------------------------
# The whole build.

@dataclass
class Inputs:
    nsi: dict
    mcc_lists: dict[str, list[list[str]]]
    mcc_ranges: list[tuple[int, int, str]]
    merchants: list[dict[str, str]]
    bank_aliases: list[dict[str, str]]
    keep_common: list[str]
    overrides: list[dict[str, str]]
    is_common_word: Callable[[str], bool]
    sources: list[str] = field(default_factory=list)
    is_distinctive: Callable[[str], bool] = lambda key: False
    keep_distinctive: list[str] = field(default_factory=list)


def build(inputs: Inputs) -> tuple[dict[str, Entry], Report]:
    """The directory's entries from its inputs, and a report of what was dropped."""
    report = Report()
    keep = {compact_key(n) for n in inputs.keep_common}
    hand = {compact_key(row["name"]) for row in inputs.merchants + inputs.overrides + inputs.bank_aliases}
    hand |= {compact_key(a) for row in inputs.merchants + inputs.overrides + inputs.bank_aliases
             for a in split_aliases(row.get("aliases", ""))}

    is_common = CommonWords(inputs.is_common_word, frozenset(keep | hand))

    brands = nsi_brands(inputs.nsi, is_common, report)
    brands += mcc_brands(inputs.mcc_lists, inputs.mcc_ranges, is_common, report)
    brands += hand_brands(inputs.merchants, "merchants.csv")
    check_keep_list(brands, inputs.keep_common, "common_word_brands.txt")
    entries = resolve(brands, report)
    merge_suffixed(entries, report)
    apply_bank_aliases(entries, inputs.bank_aliases, "bank_aliases.csv", report)
    apply_overrides(entries, inputs.overrides, "overrides.csv", report)
    for entry in entries.values():
        entry.strict = {k for k in entry.keys if whole_name_only(k, inputs.is_common_word)}
        entry.distinctive = {k for k in entry.keys if k not in entry.strict and inputs.is_distinctive(k)}
    for name in inputs.keep_distinctive:
        if (held := entry_holding(entries, name)) is None:
            raise ValueError(f"distinctive_brands.txt: no directory entry named {name!r}")
        entry = held[1]
        entry.distinctive |= {k for k in entry.keys if k not in entry.strict}
    return entries, report


def whole_name_only(key: str, is_common_word: Callable[[str], bool]) -> bool:
    """A key of one or two letters, or a common word: it matches only as the whole name."""
    compact = key.replace(" ", "")
    return len(compact) <= 2 or is_common_word(compact)


def file_entries(entries: dict[str, Entry]) -> list[FileEntry]:
    """The entries as the directory file lists them: by name key, the name's key first."""
    listed = []
    for entry_key in sorted(entries):
        entry = entries[entry_key]
        aliases = sorted({display for key, display in entry.keys.items() if key != entry_key}, key=str.casefold)
        keys = sorted(entry.keys, key=lambda k: (k != entry_key, k))
        listed.append(FileEntry(entry.name, entry.category, entry.kind, sorted(entry.countries), aliases, keys,
                                entry.strict, entry.distinctive))
    return listed


def to_text(entries: dict[str, Entry], sources: list[str]) -> str:
    """The directory file's text, its header naming the sources."""
    return format_directory(file_entries(entries), sources,
                            comment="expense_classifier merchant directory, built by scripts/build_directory.py "
                                    "(see DIRECTORY_LICENSES.md)")


def write(text: str, path: Path) -> int:
    """Gzip without a timestamp, so the same text gives the same bytes."""
    data = text.encode("utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as handle:
        handle.write(data)
    path.write_bytes(buffer.getvalue())
    return len(buffer.getvalue())


SOURCE_NAMES = ("hand-written", "NSI brands", "card schemes", "NSI operators")


def print_report(entries: dict[str, Entry], report: Report) -> None:
    """Entries per category and source, what was dropped and why, and the notes (overrides, merges)."""
    counts = Counter((e.category, e.source) for e in entries.values())
    print(f"{len(entries)} entries, {sum(len(e.keys) for e in entries.values())} names")
    print(f"  {'':15} {'total':>6} " + " ".join(f"{n:>14}" for n in SOURCE_NAMES))
    for category in CATEGORIES:
        row = [counts[(category, source)] for source in range(len(SOURCE_NAMES))]
        print(f"  {category:15} {sum(row):6} " + " ".join(f"{n:14}" for n in row))
    print("dropped:")
    paths = {r: n for r, n in report.dropped.items() if r.startswith("path not in")}
    largest = sorted(paths.items(), key=lambda x: -x[1])[:8]
    print(f"  {sum(paths.values()):6}  items under {len(paths)} NSI paths not in the tag table (the largest: "
          + ", ".join(f"{r.split(': ')[1]} {n}" for r, n in largest) + ")")
    for reason, count in report.dropped.most_common():
        if reason not in paths:
            print(f"  {count:6}  {reason}: e.g. " + "; ".join(report.examples[reason][:6]))
    for note in report.notes:
        print("  " + note)


# ---------------------------------------------------------------------------------------------------
# The real inputs.

def fetch_nsi(workdir: Path) -> Path:
    """`npm pack name-suggestion-index@NSI_VERSION` and extract its nsi.json."""
    subprocess.run(["npm", "pack", f"name-suggestion-index@{NSI_VERSION}", "--silent"], cwd=workdir, check=True,
                   stdout=subprocess.DEVNULL)
    tarball = next(workdir.glob("name-suggestion-index-*.tgz"))
    with tarfile.open(tarball) as archive:
        member = archive.getmember("package/dist/json/nsi.json")
        target = workdir / "nsi.json"
        target.write_bytes(archive.extractfile(member).read())
    return target


def load_mcc() -> tuple[dict[str, list[list[str]]], list[tuple[int, int, str]]]:
    version = importlib.metadata.version("iso18245")
    if version != ISO18245_VERSION:
        raise SystemExit(f"iso18245 {version} is installed; the directory is built from {ISO18245_VERSION}")
    from importlib.resources import files

    def rows(name: str) -> list[list[str]]:
        with (files("iso18245") / "data" / name).open(encoding="utf-8") as handle:
            return list(csv.reader(handle))[1:]

    lists = {scheme: rows(f"{scheme}_list.csv") for scheme in ("visa", "mastercard")}
    ranges = [(int(lo), int(hi), label) for lo, hi, label in rows("private_ranges.csv")]
    return lists, ranges


def common_word_test() -> Callable[[str], bool]:
    """A word in GCIDE (or its singular) that is also frequent in English (Zipf >= 3: once per ~million words),
    or the key of one."""
    from english_words import get_english_words_set
    from wordfreq import zipf_frequency

    words = get_english_words_set(["gcide"], lower=True, alpha=True)
    # Keys spell umlauts as plain vowels ("phoenix" → "phonix", "gaes" → "gas"): a common word's key counts too.
    folded = {key for word in words for form in (word, word + "s") if re.search("[aou]e", form)
              and (key := compact_key(form)) != form and zipf_frequency(form, "en") >= 3.0}

    def is_common(word: str) -> bool:
        if not word.isalpha():
            return False
        in_dictionary = word in words or (word.endswith("s") and word[:-1] in words)
        return (in_dictionary and zipf_frequency(word, "en") >= 3.0) or word in folded

    return is_common


EVERYDAY_ZIPF = 4.0  # a word of everyday English text: once in 10,000 words or more ("metro", "west", "side")
CENSUS_LAST_NAMES = 5000  # the most frequent surnames (Hudson is 162nd, Costa 1076th; Kroger 18612th is no name)


def distinctive_test(is_common_word: Callable[[str], bool]) -> Callable[[str], bool]:
    """Whether a key's brand is named by its first word wherever it stands: that word has four letters or
    more and is no common English word, no word of everyday English text ("metro"), no person's first name or
    frequent surname (also as a possessive: "Tony's", "Johnsons"), no place, and no compound of two everyday
    words ("Westside", "Bluebird"): the words local businesses are named with. `distinctive_brands.txt`
    adds the chains this test misses (Greggs, Waitrose). "Nando's", "Primark", "Specsavers" are; "Hudson", "Lincoln",
    "Lidl" (four letters, one word: too short to stand for the brand alone) are not."""
    from importlib.resources import files

    from wordfreq import zipf_frequency

    from expense_classifier.merchants.places import PLACES

    if (version := importlib.metadata.version("names")) != NAMES_VERSION:
        raise SystemExit(f"names {version} is installed; the directory is built with {NAMES_VERSION}")

    def census(name: str, limit: int | None = None) -> set[str]:
        lines = (files("names") / name).read_text(encoding="ascii").splitlines()
        return {merchant_key(line.split()[0]) for line in lines[:limit] if line.strip()}

    people = census("dist.male.first") | census("dist.female.first") | census("dist.all.last", CENSUS_LAST_NAMES)
    places = {merchant_key(p) for p in PLACES}

    def everyday(word: str) -> bool:
        return zipf_frequency(word, "en") >= EVERYDAY_ZIPF and is_common_word(word)

    def is_distinctive(key: str) -> bool:
        words = key.split()
        first = words[0]
        if len(first) < 4 or not first.isalpha() or (len(words) == 1 and len(first) < 5):
            return False
        stems = {first, first[:-1]} if first.endswith("s") else {first}
        if any(is_common_word(w) or w in people or zipf_frequency(w, "en") >= EVERYDAY_ZIPF for w in stems):
            return False  # "metro" is in no dictionary of the build's, but in everyday text
        if any(" ".join(words[:n]) in places for n in range(1, min(len(words), 4) + 1)):
            return False
        return not any(everyday(first[:i]) and everyday(first[i:]) for i in range(3, len(first) - 2))

    return is_distinctive


def read_inputs(nsi_path: Path) -> Inputs:
    nsi = json.loads(nsi_path.read_text(encoding="utf-8"))
    meta = nsi.get("_meta", {})
    if meta.get("version") != NSI_VERSION:
        raise SystemExit(f"{nsi_path} is name-suggestion-index {meta.get('version')}, not {NSI_VERSION}")
    mcc_lists, mcc_ranges = load_mcc()
    keep, distinctive = ([line.strip() for line in (SOURCES / name).read_text(encoding="utf-8").splitlines()
                          if line.strip() and not line.startswith("#")]
                         for name in ("common_word_brands.txt", "distinctive_brands.txt"))
    sources = [f"name-suggestion-index {NSI_VERSION} (nsi.json generated {meta.get('generated')}, "
               f"hash {meta.get('hash')}) BSD-3-Clause",
               f"iso18245 {ISO18245_VERSION} (Visa and Mastercard lists, codes 3000-3999) MIT"]
    for name in SOURCE_FILES:
        digest = hashlib.sha256((SOURCES / name).read_bytes()).hexdigest()[:12]
        sources.append(f"expense_classifier/data/directory_sources/{name} sha256 {digest}")
    is_common = common_word_test()
    sources.append(f"names {NAMES_VERSION} (1990 US Census first names and the "
                   f"{CENSUS_LAST_NAMES} most frequent surnames: which brands are distinctive; build time only)")
    return Inputs(nsi=nsi, mcc_lists=mcc_lists, mcc_ranges=mcc_ranges,
                  merchants=read_csv(SOURCES / "merchants.csv"), bank_aliases=read_csv(SOURCES / "bank_aliases.csv"),
                  keep_common=keep, overrides=read_csv(SOURCES / "overrides.csv"),
                  is_common_word=is_common, sources=sources, is_distinctive=distinctive_test(is_common),
                  keep_distinctive=distinctive)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nsi", type=Path, help=f"nsi.json of name-suggestion-index {NSI_VERSION} (default: npm pack)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--conflicts", type=Path, help="write every name two categories claimed, and who kept it")
    args = parser.parse_args(list(argv) if argv is not None else None)
    with tempfile.TemporaryDirectory() as tmp:
        nsi_path = args.nsi or fetch_nsi(Path(tmp))
        inputs = read_inputs(nsi_path)
    entries, report = build(inputs)
    size = write(to_text(entries, inputs.sources), args.output)
    print_report(entries, report)
    print(f"wrote {args.output} ({size / 1e6:.2f} MB)")
    if args.conflicts:
        args.conflicts.write_text("\n".join(report.conflicts) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
