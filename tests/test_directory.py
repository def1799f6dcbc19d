"""The merchant directory: the build's tag table and rules on a small NSI-shaped fixture (no network), the
lookup's whole-name matching, and the shipped file."""

from __future__ import annotations

import gzip
import hashlib
import sys
from pathlib import Path

import pytest

from expense_classifier.data.catalogue import BUSINESS_TYPES, NAME_PARTS
from expense_classifier.data.generator import CATEGORIES
from expense_classifier.merchants.directory import (
    DirectoryEntry,
    MerchantDirectory,
    is_code,
    is_numberish,
    strip_suffixes,
)
from expense_classifier.merchants.directory_file import FileEntry, format_directory, parse_directory
from expense_classifier.merchants.names import clean_merchant

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import build_directory as build  # noqa: E402
import directory_tags as tags  # noqa: E402

COMMON = {"sunrise", "crown", "target", "shell", "giant", "apple", "next", "boots", "metro", "kiosk", "united"}


def item(name: str, wikidata: str = "", countries: tuple = ("us",), brand: str | None = None,
         match: tuple = (), display: str | None = None, **extra: str) -> dict:
    found = {"displayName": display or name, "id": name.lower(), "locationSet": {"include": list(countries)},
             "tags": {"name": name, "brand": brand or name, **({"brand:wikidata": wikidata} if wikidata else {}),
                      **extra}}
    if match:
        found["matchNames"] = list(match)
    return found


def operator(name: str, wikidata: str = "", countries: tuple = ("us",), **extra: str) -> dict:
    return {"displayName": name, "id": name.lower(), "locationSet": {"include": list(countries)},
            "tags": {"operator": name, **({"operator:wikidata": wikidata} if wikidata else {}), **extra}}


NSI = {"_meta": {"version": "test"}, "nsi": {
    "brands/shop/department_store": {"items": [item("Walmart", "Q1"), item("Target", "Q2", display="Target (USA)")]},
    "brands/shop/supermarket": {"items": [
        item("Walmart Supercenter", "Q1", brand="Walmart"), item("Kroger", "Q3"),
        item("Target", "Q2", display="Target (USA)"),
        item("Whole Foods Market", "Q4"), item("Giant", "Q5", countries=("us-pa.geojson",)),
        item("Sunrise", "Q6"), item("Мираторг", "Q7"), item("Tesco", "Q8", countries=("gb",))]},
    "brands/amenity/fuel": {"items": [item("Kroger", "Q3"), item("7-Eleven", "Q9", countries=("001",)),
                                      item("Shell", "Q10", countries=("001",)), item("BP", "Q11")]},
    "brands/shop/convenience": {"items": [item("7-Eleven", "Q9", countries=("001",)), item("CVS Pharmacy", "Q12",
                                                                                           brand="CVS")]},
    "brands/amenity/pharmacy": {"items": [item("CVS Pharmacy", "Q12", brand="CVS"),
                                          item("Kroger Pharmacy", "Q3", brand="Kroger")]},
    "brands/shop/chemist": {"items": [item("CVS Pharmacy", "Q12", brand="CVS")]},
    "brands/shop/furniture": {"items": [item("IKEA", "Q13", countries=("001",))]},
    "brands/amenity/fast_food": {"items": [item("IKEA", "Q13", countries=("001",)), item("Starbucks", "Q14",
                                                                                         match=("sbux",))]},
    "brands/shop/bicycle": {"items": [item("Giant", "Q15", countries=("001",))]},
    "brands/shop/jewelry": {"items": [item("Pandora", "Q16", countries=("001",))]},
    "brands/amenity/restaurant": {"items": [item("Chuck E. Cheese", "Q17")]},
    "brands/amenity/car_rental": {"items": [item("Alamo", "Q18", countries=("001",))]},
    "brands/amenity/cinema": {"items": [item("Alamo Drafthouse Cinema", "Q19")]},
    "brands/amenity/bank": {"items": [item("Chase", "Q20")]},
    "brands/shop/kiosk": {"items": [item("Kiosk")]},
    "operators/power/line": {"items": [operator("Duke Energy", "Q21", **{"operator:short": "DEC"}),
                                       operator("University of Springfield", "Q22"),
                                       operator("City of Springfield", "Q23"),
                                       operator("Springfield Water", "Q24", **{"operator:type": "government"})]},
    "operators/amenity/charging_station": {"items": [operator("Whole Foods", "Q4"), operator("Duke Energy", "Q21")]},
    "operators/amenity/school": {"items": [operator("Springfield School District", "Q25",
                                                    **{"operator:short": "SSD"})]},
    "operators/man_made/pipeline": {"items": [operator("Colonial Pipeline", "Q26")]},
    "transit/route/bus": {"items": [{"displayName": "MBTA", "id": "mbta", "locationSet": {"include": ["us"]},
                                     "tags": {"network": "MBTA", "operator": "Keolis", "route": "bus"}},
                                    {"displayName": "Metro", "id": "metro", "locationSet": {"include": ["us"]},
                                     "tags": {"network": "Metro", "route": "bus"}},
                                    {"displayName": "Klickitat County", "id": "kc", "locationSet": {"include": ["us"]},
                                     "tags": {"network": "Klickitat County", "route": "bus"}}]},
    "brands/shop/party": {"items": [item("Party City", "Q27")]},
}}

MCC = {"visa": [["3000", "UNITED AIRLINES", "UNITED AIR"], ["3010", "KLM (ROYAL DUTCH AIRLINES)", "KLM AIRLINE"],
                ["3387", "ALAMO RENT-A-CAR", ""], ["3504", "HILTON HOTELS", ""], ["5411", "GROCERY STORES", ""]],
       "mastercard": [["3000", "United Airlines", "UNITED"], ["3504", "Hilton", ""]]}
RANGES = [(3000, 3350, "Airlines"), (3351, 3500, "Car rental"), (3501, 3999, "Lodging")]


def hand(name: str, category: str, kind: str, aliases: str = "", countries: str = "", line: int = 1) -> dict:
    return {"line": str(line), "name": name, "category": category, "kind": kind, "aliases": aliases,
            "countries": countries}


def inputs(**changes) -> build.Inputs:
    values = dict(
        nsi=NSI, mcc_lists=MCC, mcc_ranges=RANGES,
        merchants=[hand("Netflix", "Entertainment", "online: streaming video", "NETFLIX.COM|NFLX", line=2),
                   hand("Amazon", "Shopping", "online: marketplace", "AMZN MKTP|AMZN MKTP US", line=3)],
        bank_aliases=[{"line": "2", "name": "Whole Foods Market", "aliases": "WHOLEFDS|WHOLEFDS MKT"},
                      {"line": "3", "name": "Walmart", "aliases": "WM SUPERCENTER|WAL-MART"},
                      {"line": "4", "name": "Pandora", "aliases": "Pandora Jewelry"}],
        keep_common=["Target", "Shell", "BP", "Giant"],
        overrides=[{"line": "2", "name": "Pandora", "action": "new", "category": "Entertainment",
                    "kind": "online: music", "aliases": "Pandora Plus", "reason": "the music service"},
                   {"line": "3", "name": "Chuck E. Cheese", "action": "set", "category": "Entertainment",
                    "kind": "family entertainment centre", "aliases": "", "reason": "arcade"}],
        is_common_word=lambda word: word in COMMON)
    values.update(changes)
    return build.Inputs(**values)


@pytest.fixture(scope="module")
def built() -> tuple[dict[str, build.Entry], build.Report, MerchantDirectory]:
    entries, report = build.build(inputs())
    return entries, report, MerchantDirectory.from_text(build.to_text(entries, ["test sources"]))


def category(directory: MerchantDirectory, name: str) -> str | None:
    entry = directory.lookup(name)
    return entry.category if entry else None


# --- the tag table ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("tag", "expected"), [
    ("shop=supermarket", "Food"), ("amenity=fast_food", "Food"), ("shop=wholesale", "Food"),
    ("amenity=fuel", "Transportation"), ("amenity=car_rental", "Transportation"), ("tourism=hotel", "Transportation"),
    ("shop=mobile_phone", "Utilities"), ("amenity=pharmacy", "Healthcare"), ("shop=chemist", "Healthcare"),
    ("shop=department_store", "Shopping"), ("shop=electronics", "Shopping"), ("shop=doityourself", "Housing"),
    ("shop=storage_rental", "Housing"), ("amenity=cinema", "Entertainment"),
    ("leisure=fitness_centre", "Entertainment"),
    ("amenity=school", "Education"), ("amenity=driving_school", "Education"),
])
def test_tag_table(tag: str, expected: str) -> None:
    assert tags.BRAND_TAGS[tag] == expected


def test_tables_use_the_eight_categories_and_precedence_names_real_tags() -> None:
    assert set(tags.BRAND_TAGS.values()) | set(tags.OPERATOR_TAGS.values()) <= set(CATEGORIES)
    assert set(tags.PRECEDENCE) <= set(tags.BRAND_TAGS)
    for path in ("amenity=bank", "amenity=atm", "office=insurance", "amenity=post_office"):
        assert path not in tags.BRAND_TAGS
    assert "man_made=pipeline" not in tags.OPERATOR_TAGS and "power=generator" not in tags.OPERATOR_TAGS


# --- the build on the fixture -------------------------------------------------------------------------

def test_multi_tag_rules(built) -> None:
    _, _, directory = built
    assert directory.lookup("Walmart") == DirectoryEntry("Walmart", "Shopping", "shop=department_store")
    assert category(directory, "Walmart Supercenter") == "Shopping"  # the sub-brand's generic suffix: Walmart
    assert category(directory, "Target") == "Shopping"  # department store over its grocery tag
    assert directory.lookup("Kroger") == DirectoryEntry("Kroger", "Food", "shop=supermarket")  # over its fuel
    assert category(directory, "Kroger Pharmacy") == "Healthcare"
    assert directory.lookup("CVS") == DirectoryEntry("CVS Pharmacy", "Healthcare", "amenity=pharmacy")
    assert category(directory, "7-Eleven") == "Transportation"  # fuel over convenience
    assert category(directory, "IKEA") == "Shopping"  # furniture over its restaurant


def test_two_brands_of_one_name_go_by_market(built) -> None:
    _, _, directory = built
    assert directory.lookup("Giant") == DirectoryEntry("Giant", "Food", "shop=supermarket")  # US grocer, not bikes


def test_operators_that_are_brands_fold_into_the_brand(built) -> None:
    _, _, directory = built
    assert directory.lookup("Whole Foods") == DirectoryEntry("Whole Foods Market", "Food", "shop=supermarket")
    assert directory.lookup("Duke Energy") == DirectoryEntry("Duke Energy", "Utilities", "operator: power=line")
    assert category(directory, "DEC") == "Utilities"  # a utility's short name is kept
    assert directory.lookup("SSD") is None  # a school district's is not
    assert category(directory, "Springfield School District") == "Education"
    assert category(directory, "MBTA") == "Transportation" and category(directory, "Keolis") == "Transportation"


def test_noise_is_dropped_and_counted(built) -> None:
    entries, report, directory = built
    for name in ("Sunrise", "Metro", "Kiosk", "Chase", "Colonial Pipeline", "University of Springfield",
                 "City of Springfield", "Springfield Water", "Klickitat County", "Мираторг"):
        assert directory.lookup(name) is None, name
    assert category(directory, "Party City") == "Shopping"  # a brand named "... City" is no city
    assert report.dropped["name is a common English word"] == 3  # Sunrise, Kiosk, Metro
    assert report.dropped["municipal or government body"] == 3
    assert report.dropped["runs its own utility plant, is no utility"] == 1
    assert report.dropped["no Latin-script name"] == 1
    assert report.dropped["path not in the tag table: brands/amenity/bank"] == 1
    assert report.dropped["path not in the tag table: operators/man_made/pipeline"] == 1
    assert set(e.category for e in entries.values()) <= set(CATEGORIES)


def test_common_word_and_short_brands_are_kept_only_when_listed_and_then_whole_name_only(built) -> None:
    entries, _, directory = built
    assert category(directory, "Target") == "Shopping" and category(directory, "BP") == "Transportation"
    assert "target" in entries["target"].strict and "bp" in entries["bp"].strict
    assert "starbucks" not in entries["starbucks"].strict
    unlisted, _ = build.build(inputs(keep_common=[]))
    assert "target" not in unlisted and "bp" not in unlisted and "shell" not in unlisted


def test_overrides_apply_last(built) -> None:
    _, report, directory = built
    assert directory.lookup("Pandora") == DirectoryEntry("Pandora", "Entertainment", "online: music")
    assert category(directory, "Pandora Plus") == "Entertainment"
    assert directory.lookup("Pandora Jewelry") == DirectoryEntry("Pandora Jewelry", "Shopping", "shop=jewelry")
    assert directory.lookup("Chuck E. Cheese") == DirectoryEntry("Chuck E. Cheese", "Entertainment",
                                                                 "family entertainment centre")
    assert any("override new 'Pandora'" in note for note in report.notes)


def test_override_drop_and_bad_rows() -> None:
    drop = {"line": "9", "name": "Alamo", "action": "drop", "category": "", "kind": "", "aliases": "", "reason": ""}
    entries, _ = build.build(inputs(overrides=[drop]))
    assert "alamo" not in {k for e in entries.values() for k in e.keys}
    with pytest.raises(ValueError, match="overrides.csv line 9: no directory entry named 'Nowhere'"):
        build.build(inputs(overrides=[{**drop, "name": "Nowhere"}]))
    with pytest.raises(ValueError, match="action 'rename'"):
        build.build(inputs(overrides=[{**drop, "action": "rename"}]))


def test_bank_aliases(built) -> None:
    _, _, directory = built
    for descriptor in ("WHOLEFDS MKT", "WHOLEFDS MKT 10234", "WHOLEFDS"):
        assert directory.lookup(descriptor).name == "Whole Foods Market", descriptor
    assert directory.lookup("WM SUPERCENTER").name == "Walmart"
    assert directory.lookup("WAL-MART #1234").name == "Walmart"
    assert directory.lookup("SBUX").name == "Starbucks"  # NSI's own matchNames
    with pytest.raises(ValueError, match="bank_aliases.csv line 7: no directory entry named 'Nowhere'"):
        build.build(inputs(bank_aliases=[{"line": "7", "name": "Nowhere", "aliases": "NWH"}]))


def test_hand_written_entries_and_their_checks(built) -> None:
    _, _, directory = built
    assert directory.lookup("NETFLIX.COM") == DirectoryEntry("Netflix", "Entertainment", "online: streaming video")
    assert directory.lookup("AMZN MKTP US").name == "Amazon"
    with pytest.raises(ValueError, match="merchants.csv line 4: 'netflix' is also on line 2"):
        build.build(inputs(merchants=[hand("Netflix", "Entertainment", "online", line=2),
                                      hand("Netflix Inc", "Entertainment", "online", "Netflix", line=4)]))
    with pytest.raises(ValueError, match="category 'Streaming'"):
        build.build(inputs(merchants=[hand("Hulu", "Streaming", "online")]))


def test_card_scheme_codes(built) -> None:
    _, _, directory = built
    assert directory.lookup("United Airlines") == DirectoryEntry("United Airlines", "Transportation",
                                                                 "mcc 3000-3350 airlines")
    assert directory.lookup("UNITED AIR").name == "United Airlines"
    assert directory.lookup("United") is None  # a common word's bare short name is no alias
    assert directory.lookup("KLM").name == "KLM" and directory.lookup("Royal Dutch Airlines").name == "KLM"
    assert category(directory, "Hilton") == "Transportation"
    assert directory.lookup("Alamo").kind == "amenity=car_rental"  # NSI's brand, and the card scheme's alias
    assert directory.lookup("Alamo Rent A Car").category == "Transportation"
    assert directory.lookup("Grocery Stores") is None  # outside 3000-3999


def test_output_is_deterministic_and_records_its_sources(tmp_path: Path) -> None:
    entries, _ = build.build(inputs())
    sources = ["name-suggestion-index test", "iso18245 test"]
    first, second = tmp_path / "a.tsv.gz", tmp_path / "b.tsv.gz"
    build.write(build.to_text(entries, sources), first)
    build.write(build.to_text(build.build(inputs())[0], sources), second)
    assert first.read_bytes() == second.read_bytes()
    directory = MerchantDirectory.from_file(first)
    assert directory.sources == ["name-suggestion-index test", "iso18245 test"]
    assert len(directory) == len(entries)


# --- the lookup ---------------------------------------------------------------------------------------

SMALL = [  # name, category, kind, countries, aliases, keys, whole-name-only keys
    FileEntry("Crown", "Transportation", "amenity=fuel", ["us"], [], ["crown"], ["crown"]),
    FileEntry("Kroger", "Food", "shop=supermarket", ["us"], [], ["kroger"]),
    FileEntry("Shell", "Transportation", "amenity=fuel", ["001"], ["Shell Oil"], ["shell", "shell oil"], ["shell"]),
    FileEntry("Starbucks", "Food", "amenity=cafe", ["001"], ["SBUX"], ["starbucks", "sbux"]),
    FileEntry("Sunrise", "Food", "shop=supermarket", ["us"], [], ["sunrise"], ["sunrise"]),
    FileEntry("Target", "Shopping", "shop=department_store", ["us"], [], ["target"], ["target"]),
    FileEntry("Walgreens", "Healthcare", "amenity=pharmacy", ["us"], [], ["walgreens"]),
    FileEntry("Walmart", "Shopping", "shop=department_store", ["us"], ["WAL-MART"], ["walmart", "wal mart"]),
    FileEntry("Whole Foods Market", "Food", "shop=supermarket", ["us"], ["WHOLEFDS MKT"],
              ["whole foods market", "wholefds mkt"]),
]


@pytest.fixture(scope="module")
def small() -> MerchantDirectory:
    return MerchantDirectory.from_text(format_directory(SMALL, ["test"]))


@pytest.mark.parametrize(("merchant", "name"), [
    ("MTA", "Metropolitan Transportation Authority"),  # New York's, not Maryland's (NSI's short name)
    ("Maryland Transit Administration", "Maryland Transit Administration"),
    ("Kindle Svcs", "Kindle"), ("Amazon Kindle", "Kindle"),  # the e-book store, not the Unlimited subscription
    ("Kindle Unlimited", "Kindle Unlimited"),
    ("Google Workspace", "Google Workspace"), ("G Suite", "Google Workspace"),  # not Google One's storage
    ("Google Storage", "Google One"),
])
def test_shipped_directory_aliases_name_the_right_brand(merchant: str, name: str) -> None:
    assert MerchantDirectory.shipped().lookup(merchant).name == name


@pytest.mark.parametrize("merchant", ["Sunrise Family Dental", "Crown Auto Body", "Kroger Fuel Center",
                                      "Sunrise Kroger", "Shell Beach Cafe", "Target Optical Care", "The Crown Pub"])
def test_no_brand_matches_as_one_word_of_a_longer_name(small: MerchantDirectory, merchant: str) -> None:
    assert small.lookup(merchant) is None


@pytest.mark.parametrize(("merchant", "name"), [
    ("Starbucks", "Starbucks"), ("STARBUCKS STORE", "Starbucks"), ("Starbucks Coffee", "Starbucks"),
    ("Shell Service Station", "Shell"), ("Shell Gas Station", "Shell"), ("Kroger Marketplace", "Kroger"),
    ("Walgreens Pharmacy", "Walgreens"), ("Target Store", "Target"), ("Target", "Target"), ("TARGET.COM", "Target"),
    ("The Target Store", "Target"), ("Walmart Inc", "Walmart"), ("WALMART", "Walmart"), ("Wal Mart", "Walmart"),
    ("WALMART SUPERCENTER", "Walmart"), ("Sunrise", "Sunrise"), ("Crown", "Crown"),
])
def test_whole_names_and_generic_suffixes(small: MerchantDirectory, merchant: str, name: str) -> None:
    assert small.lookup(merchant).name == name


def test_a_category_suffix_only_after_that_category(small: MerchantDirectory) -> None:
    assert small.lookup("Kroger Pharmacy") is None  # "pharmacy" names a pharmacy, not the grocer
    assert small.lookup("Walgreens Pharmacy").name == "Walgreens"
    assert small.lookup("Target Gas") is None and small.lookup("Shell Gas").name == "Shell"


@pytest.mark.parametrize(("merchant", "name"), [
    ("CHEVRON 0123", None), ("SHELL 57444", "Shell"), ("Target #1234", "Target"), ("TARGET 00012345", "Target"),
    ("STARBUCKS STORE 09812", "Starbucks"), ("SBUX 12345", "Starbucks"), ("WHOLEFDS MKT 10234", "Whole Foods Market"),
    ("WAL-MART #5678", "Walmart"),
])
def test_store_numbers_are_not_part_of_the_name(small: MerchantDirectory, merchant: str, name: str | None) -> None:
    entry = small.lookup(merchant)
    assert (entry.name if entry else None) == name


def test_a_raw_descriptor_by_its_leading_words_but_not_for_common_word_brands(small: MerchantDirectory) -> None:
    assert small.lookup("WHOLEFDS MKT 10234 AUSTIN TX").name == "Whole Foods Market"
    assert small.lookup("STARBUCKS STORE 09812 CINCINNATI OH").name == "Starbucks"
    assert small.lookup("WAL-MART #5678 BENTONVILLE AR").name == "Walmart"
    assert small.lookup("TARGET T-1234 MINNEAPOLIS MN") is None  # "Target" only in full
    assert small.lookup("SHELL OIL 57444 HOUSTON TX").name == "Shell"  # "Shell Oil" is no common word
    assert small.lookup("CROWN 22 AUTO BODY") is None
    assert small.lookup("STARBUCKS CINCINNATI OH") is None  # no store number: the clean name's job


def test_a_category_suffix_is_matched_as_a_key() -> None:
    small = MerchantDirectory.from_text(format_directory(SMALL, ["test"]))
    assert small.lookup("Shell Fuel").name == "Shell"  # "fuel" keys as "ful" (umlaut spellings fold)
    assert small.lookup("Kroger Fuel") is None


def test_numberish_tokens() -> None:
    for token in ("#0412", "F1234", "T-1234", "US*2K4L21", "00012345", "-", "#"):
        assert is_numberish(token), token
    for token in ("7-ELEVEN", "STORE", "H2O", "CVS/PHARMACY"):
        assert not is_numberish(token), token


def test_strip_suffixes_longest_head_first() -> None:
    assert list(strip_suffixes("shell service station")) == [("shell", ("service station",))]
    assert list(strip_suffixes("walgreens pharmacy store")) == [("walgreens pharmacy", ("store",)),
                                                                ("walgreens", ("pharmacy", "store"))]
    assert list(strip_suffixes("store")) == [] and list(strip_suffixes("kroger fuel center")) == []


def test_entries_lists_name_category_kind_countries_aliases(small: MerchantDirectory) -> None:
    records = {r.name: r for r in small.entries()}
    assert records["Shell"].countries == ("001",) and records["Shell"].aliases == ("Shell Oil",)
    assert records["Kroger"].kind == "shop=supermarket" and records["Kroger"].aliases == ()
    assert len(records) == len(SMALL)


# --- the shipped file ---------------------------------------------------------------------------------

SHIPPED = REPO / "expense_classifier" / "merchants" / "directory.tsv.gz"


def test_shipped_file_is_small_loads_once_and_is_package_data() -> None:
    assert SHIPPED.stat().st_size < 2_000_000
    directory = MerchantDirectory.shipped()
    assert MerchantDirectory.shipped() is directory
    assert len(directory) > 10_000
    assert {r.category for r in directory.entries()} == set(CATEGORIES)
    pyproject = (REPO / "pyproject.toml").read_text()
    package_data = pyproject[pyproject.index("[tool.setuptools.package-data]"):].split("\n[", 1)[0]
    assert '"merchants/directory.tsv.gz"' in package_data and '"merchants/DIRECTORY_LICENSES.md"' in package_data


def test_shipped_file_was_built_from_the_committed_sources() -> None:
    sources = MerchantDirectory.shipped().sources
    assert any(s.startswith(f"name-suggestion-index {build.NSI_VERSION} ") for s in sources)
    assert any(s.startswith(f"iso18245 {build.ISO18245_VERSION} ") for s in sources)
    assert set(build.SOURCE_FILES) >= {"merchants.csv", "bank_aliases.csv", "common_word_brands.txt", "overrides.csv",
                                       "distinctive_brands.txt"}
    for name in build.SOURCE_FILES:
        digest = hashlib.sha256((build.SOURCES / name).read_bytes()).hexdigest()[:12]
        assert f"expense_classifier/data/directory_sources/{name} sha256 {digest}" in sources, \
            f"{name} changed since the directory was built: rerun scripts/build_directory.py"
    licenses = (REPO / "expense_classifier" / "merchants" / "DIRECTORY_LICENSES.md").read_text()
    assert f"name-suggestion-index {build.NSI_VERSION}" in licenses and "Copyright 2026, name-suggestion-index" \
        in licenses and f"iso18245 {build.ISO18245_VERSION}" in licenses and "Jerome Leclanche" in licenses


def test_shipped_hand_written_sources_parse() -> None:
    rows = build.read_csv(build.SOURCES / "merchants.csv")
    assert len(rows) >= 300 and {r["category"] for r in rows} == set(CATEGORIES)
    build.hand_brands(rows, "merchants.csv")  # no duplicate names or aliases, known categories
    assert {r["action"] for r in build.read_csv(build.SOURCES / "overrides.csv")} <= {"set", "new", "drop"}


@pytest.mark.parametrize(("merchant", "name", "category_"), [
    ("Whole Foods Market", "Whole Foods Market", "Food"), ("WHOLEFDS MKT 10234", "Whole Foods Market", "Food"),
    ("AMZN MKTP US", "Amazon", "Shopping"), ("WM SUPERCENTER", "Walmart", "Shopping"),
    ("Wal-Mart", "Walmart", "Shopping"), ("UNITED 0162345678", "United Airlines", "Transportation"),
    ("Target", "Target", "Shopping"), ("CVS/PHARMACY", "CVS Pharmacy", "Healthcare"),
    ("Walgreens", "Walgreens", "Healthcare"), ("Rite Aid", "Rite Aid", "Healthcare"),
    ("MCDONALD'S F1234", "McDonald's", "Food"), ("CHEVRON 0123", "Chevron", "Transportation"),
    ("7-ELEVEN", "7-Eleven", "Transportation"), ("SBUX", "Starbucks", "Food"), ("Shell", "Shell", "Transportation"),
    ("Kroger", "Kroger", "Food"), ("Costco", "Costco", "Food"), ("Alamo", "Alamo", "Transportation"),
    ("Alamo Drafthouse", "Alamo Drafthouse Cinema", "Entertainment"), ("Pandora", "Pandora", "Entertainment"),
    ("Pandora Jewelry", "Pandora Jewelry", "Shopping"), ("Chuck E. Cheese", "Chuck E. Cheese", "Entertainment"),
    ("Humana", "Humana", "Healthcare"), ("Main Event", "Main Event", "Entertainment"),
    ("Sprint", "Sprint", "Utilities"), ("Apple", "Apple", "Shopping"),
    ("APPLE.COM/BILL", "Apple Services", "Entertainment"), ("Netflix", "Netflix", "Entertainment"),
    ("Duke Energy", "Duke Energy", "Utilities"), ("Sallie Mae", "Sallie Mae", "Education"),
    ("Uber", "Uber", "Transportation"), ("Uber Eats", "Uber Eats", "Food"), ("Home Depot", "The Home Depot", "Housing"),
    ("Boots", "Boots", "Healthcare"), ("Tesco", "Tesco", "Food"), ("Disney+", "Disney+", "Entertainment"),
])
def test_shipped_directory_knows_the_chains(merchant: str, name: str, category_: str) -> None:
    entry = MerchantDirectory.shipped().lookup(merchant)
    assert (entry.name, entry.category) == (name, category_)


@pytest.mark.parametrize("merchant", ["Sunrise Family Dental", "Crown Auto Body", "Sunrise", "Crown", "Disney",
                                      "Joe's Diner", "Main Street Pharmacy", "TARGET T-1234 MINNEAPOLIS MN"])
def test_shipped_directory_leaves_local_names_to_the_model(merchant: str) -> None:
    assert MerchantDirectory.shipped().lookup(merchant) is None


def test_shipped_file_maps_each_key_to_one_entry() -> None:
    text = gzip.decompress(SHIPPED.read_bytes()).decode()
    fields = dict(line.split("\t", 1) for line in text.partition("\n\n")[2].splitlines())
    keys = fields["keys"].split("|")
    assert len(keys) == len(set(keys)) == len(parse_directory(text).by_key)


def test_the_file_format_refuses_what_it_cannot_hold() -> None:
    with pytest.raises(ValueError, match="a key names two directory entries"):
        format_directory([FileEntry("A", "Food", "x", [], [], ["a"]), FileEntry("B", "Food", "x", [], [], ["a"])], [])
    with pytest.raises(ValueError, match="a tab, newline or |"):
        format_directory([FileEntry("A\tB", "Food", "x", [], [], ["a b"])], [])
    data = parse_directory(format_directory([FileEntry("Wal-Mart", "Shopping", "x", [], [], ["wal mart"]),
                                             FileEntry("Walmart", "Shopping", "x", [], [], ["walmart"])], []))
    assert data.by_compact == {}  # "walmart" is a key itself: looked up as that key


# --- the prefix rule ----------------------------------------------------------------------------------

PREFIXED = [  # name, category, kind, countries, aliases, keys, whole-name-only keys, distinctive keys
    FileEntry("Crown", "Transportation", "amenity=fuel", ["us"], [], ["crown"], ["crown"]),
    FileEntry("Hudson", "Food", "shop=convenience", ["us"], [], ["hudson"]),
    FileEntry("Lidl", "Food", "shop=supermarket", ["001"], [], ["lidl"]),
    FileEntry("METRO", "Food", "shop=wholesale", ["001"], [], ["metro"]),
    FileEntry("Nando's", "Food", "amenity=restaurant", ["gb"], [], ["nandos"], [], ["nandos"]),
    FileEntry("Odeon", "Entertainment", "amenity=cinema", ["gb"], [], ["odeon"], [], ["odeon"]),
    FileEntry("Primark", "Shopping", "shop=clothes", ["gb"], [], ["primark"], [], ["primark"]),
    FileEntry("Sainsbury's", "Food", "shop=supermarket", ["gb"], [], ["sainsburys"], [], ["sainsburys"]),
    FileEntry("Sainsbury's Local", "Food", "shop=convenience", ["gb"], [], ["sainsburys local"], [],
              ["sainsburys local"]),
    FileEntry("Specsavers", "Healthcare", "shop=optician", ["gb"], [], ["specsavers"], [], ["specsavers"]),
    FileEntry("Sunrise", "Food", "shop=supermarket", ["us"], [], ["sunrise"], ["sunrise"]),
    FileEntry("Target", "Shopping", "shop=department_store", ["us"], [], ["target"], ["target"]),
    FileEntry("Tesco", "Food", "shop=supermarket", ["gb"], [], ["tesco"], [], ["tesco"]),
    FileEntry("Vue", "Entertainment", "amenity=cinema", ["gb"], [], ["vue"]),
]


@pytest.fixture(scope="module")
def prefixed() -> MerchantDirectory:
    return MerchantDirectory.from_text(format_directory(PREFIXED, ["test"]))


@pytest.mark.parametrize(("merchant", "name"), [
    ("Primark Stratford", "Primark"),  # a place
    ("Lidl GB", "Lidl"), ("Lidl GB London", "Lidl"), ("Lidl Dienstleistung GmbH", None),  # codes, legal forms
    ("Vue BSL", "Vue"), ("Vue Cinemas", "Vue"), ("Vue GB Ltd", "Vue"),  # a short brand before codes and its words
    ("Specsavers Opticians", "Specsavers"), ("Odeon Cinemas", "Odeon"),  # the brand's category words
    ("Nandos Hackney", "Nando's"), ("Tesco Hackney Wick", "Tesco"),  # distinctive: any few words
    ("Sainsburys Local Hackney", "Sainsbury's Local"),  # the longest brand
    ("Hudson Portland", "Hudson"), ("Hudson Stratford 1234", "Hudson"),
])
def test_a_clean_name_that_starts_with_a_brand_is_the_brand(prefixed, merchant: str, name: str | None) -> None:
    entry = prefixed.lookup(merchant)
    assert (entry.name if entry else None) == name
    assert prefixed.lookup(merchant, prefix=False) is None  # the prefix rule's, not the whole name's


@pytest.mark.parametrize("merchant", [
    "Sunrise Family Dental", "Crown Auto Body", "Target Practice Range", "Target Stratford",  # common-word brands
    "Hudson Cinema", "Hudson Pizza", "Metro Pizza", "Metro Fuel", "Tesco Bank", "Nandos Dental Care",  # kinds
    "Vue Anything", "Lidl Hackney", "Hudson Hackney",  # short or undistinctive brands before unknown words
    "Nandos Hackney Wick Road East", "STARBUCKS CINCINNATI OH", "Primark Main OH",  # too long; raw descriptors
])
def test_the_prefix_rule_leaves_other_businesses_alone(prefixed, merchant: str) -> None:
    assert prefixed.lookup(merchant) is None


def test_short_codes_are_capitals_without_vowels() -> None:
    for token in ("BSL", "WTC", "GBR"):
        assert is_code(token), token
    for token in ("ST", "bsl", "BASILDON", "ODEON", "B5L"):
        assert not is_code(token), token


def test_the_file_keeps_distinctive_keys_and_reads_older_files_without_them() -> None:
    data = parse_directory(format_directory(PREFIXED, ["test"]))
    assert {"nandos", "primark", "sainsburyslocal"} <= data.distinctive and "hudson" not in data.distinctive
    text = format_directory(PREFIXED[:2], ["test"])
    old = "\n".join(line for line in text.split("\n") if not line.startswith("distinctive\t"))
    assert parse_directory(old).distinctive == set()


def test_the_build_marks_distinctive_keys_and_the_hand_list() -> None:
    entries, _ = build.build(inputs(is_distinctive=lambda key: key in {"kroger", "sunrise", "shell"},
                                    keep_distinctive=["Walmart"]))
    assert entries["kroger"].distinctive == {"kroger"}
    assert "shell" not in entries["shell"].distinctive  # a whole-name-only key never is
    assert entries["walmart"].distinctive >= {"walmart", "wal mart"}
    with pytest.raises(ValueError, match="distinctive_brands.txt: no directory entry named 'Nowhere'"):
        build.build(inputs(keep_distinctive=["Nowhere"]))


def test_the_distinctive_test_on_real_words() -> None:
    for module in ("wordfreq", "english_words", "names"):
        pytest.importorskip(module)
    test = build.distinctive_test(build.common_word_test())
    for key in ("primark", "nandos", "specsavers", "odeon", "pret a manger", "kaufland"):
        assert test(key), key
    for key in ("hudson", "lincoln", "tonys", "johnsons", "westside", "bluebird", "metro", "vue", "lidl", "austin",
                "golden dragon", "target"):
        assert not test(key), key


@pytest.mark.parametrize(("merchant", "name"), [
    ("Primark Stratford", "Primark"), ("Specsavers Opticians", "Specsavers"), ("Odeon Cinemas", "Odeon"),
    ("Lidl GB", "Lidl"), ("Vue BSL", "Vue"), ("Nandos Hackney", "Nando's"), ("BT Group", "BT"),
    ("Greggs Kings Cross", "Greggs"), ("Waitrose Canary Wharf", "Waitrose"), ("Tesco Hackney", "Tesco"),
])
def test_shipped_directory_takes_the_brand_a_clean_name_starts_with(merchant: str, name: str) -> None:
    assert MerchantDirectory.shipped().lookup(merchant).name == name


@pytest.mark.parametrize("merchant", ["Target Practice Range", "Hudson Cinema", "Lincoln Auto Repair",
                                      "Westside Pizza", "Metro Pizza", "Tesco Bank", "Vue Anything",
                                      "Costa Rica Grill"])
def test_shipped_directory_prefix_rule_leaves_local_names(merchant: str) -> None:
    assert MerchantDirectory.shipped().lookup(merchant) is None


def test_no_local_name_the_generator_makes_matches_a_brand_by_prefix() -> None:
    directory = MerchantDirectory.shipped()
    hits = [name for kinds in BUSINESS_TYPES.values() for part in NAME_PARTS for kind in kinds
            if directory.lookup(name := f"{part} {kind}") != directory.lookup(name, prefix=False)]
    assert hits == []


@pytest.mark.parametrize(("descriptor", "name", "category_"), [
    ("PRIMARK STRATFORD BCC", "Primark", "Shopping"), ("NANDOS HACKNEY CLP", "Nando's", "Food"),
    ("LIDL GB LONDON", "Lidl", "Food"), ("VUE BSL   BCC", "Vue", "Entertainment"),
    ("JUST EAT.CO.UK LTD", "Just Eat", "Food"), ("SPECSAVERS OPTICIANS BCC", "Specsavers", "Healthcare"),
    ("BT GROUP PLC   DD", "BT", "Utilities"), ("UBER *EATS PENDING HELP.UBER.COM CA", "Uber Eats", "Food"),
    ("UBER *TRIP HELP.UBER.COM CA", "Uber", "Transportation"), ("DD *DOORDASH DASHPASS", "DoorDash", "Food"),
    ("NETFLIX INTERNATIONAL B.V. Netflix Monatsabo", "Netflix", "Entertainment"),
    ("Telekom Deutschland GmbH Festnetz Kundenkonto 1234", "Telekom", "Utilities"),
    ("REWE Markt GmbH-Zweigniederlassung Sued", "Rewe", "Food"),
])
def test_clean_name_then_directory(descriptor: str, name: str, category_: str) -> None:
    entry = MerchantDirectory.shipped().lookup(clean_merchant(descriptor).merchant)
    assert (entry.name, entry.category) == (name, category_)
