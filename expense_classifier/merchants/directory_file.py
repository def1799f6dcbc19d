"""The directory file's format: written by `scripts/build_directory.py`, read by `MerchantDirectory`.

One entry a line, then an index of keys that loads without a Python loop over its keys (bulk splits and
`dict(zip(...))`), so the shipped directory loads in a few hundredths of a second:

    # comments; "# source: ..." lines name the inputs and their versions
    name<TAB>category<TAB>kind<TAB>countries (,)<TAB>aliases (|)       one entry a line
    <an empty line>
    keys<TAB>key|key|...             every key: the merchant_key of an entry's name or alias
    rows<TAB>0,0,1,...               each key's entry (its place among the entry lines)
    whole_name_only<TAB>c|c|...      compact forms of the keys that match only as the whole name
    distinctive<TAB>c|c|...          compact forms of the keys distinctive enough to name the brand before any
                                     words ("Nando's" in "Nandos Hackney"; see `MerchantDirectory.lookup`)
    compact<TAB>c|c|...              compact forms (spaces dropped) that are no key and name one entry
    compact_rows<TAB>3,7,...         their entries

A file without a `distinctive` line (written before it existed) reads as having none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

COLUMNS = ("name", "category", "kind", "countries", "aliases")


class FileEntry(NamedTuple):
    """An entry as the build hands it in: its columns, its keys (the name's first), and which keys match
    only as the whole name."""

    name: str
    category: str
    kind: str
    countries: Sequence[str]
    aliases: Sequence[str]
    keys: Sequence[str]
    whole_name_only: Iterable[str] = ()
    distinctive: Iterable[str] = ()


@dataclass
class DirectoryData:
    """A parsed file: entry lines (split when asked), the key index (an entry's place as its text, turned
    into a number only on a hit: 26k int() calls are most of a load), and the sources it was built from."""

    rows: list[str]
    by_key: dict[str, str]
    by_compact: dict[str, str]
    whole_name_only: set[str]
    sources: list[str]
    distinctive: set[str] = field(default_factory=set)


def format_directory(entries: Sequence[FileEntry], sources: Sequence[str], comment: str = "") -> str:
    """The file's text. Every key names one entry; a tab, newline or `|` inside a field is an error."""
    lines = [f"# {line}" for line in comment.splitlines()] + [f"# source: {s}" for s in sources]
    lines.append("# " + "\t".join(COLUMNS))
    keys: list[str] = []
    rows: list[int] = []
    strict: set[str] = set()
    distinctive: set[str] = set()
    for index, entry in enumerate(entries):
        fields = [entry.name, entry.category, entry.kind, ",".join(entry.countries), "|".join(entry.aliases)]
        if any(c in field for field in fields for c in "\t\n") or any("|" in a for a in entry.aliases):
            raise ValueError(f"a tab, newline or | in the directory entry {entry.name!r}")
        lines.append("\t".join(fields))
        keys += entry.keys
        rows += [index] * len(entry.keys)
        strict |= {key.replace(" ", "") for key in entry.whole_name_only}
        distinctive |= {key.replace(" ", "") for key in entry.distinctive}
    if len(set(keys)) != len(keys):
        raise ValueError("a key names two directory entries")
    compact: dict[str, int] = {}
    ambiguous = set(keys)  # a compact form that is a key is looked up as that key
    for key, row in zip(keys, rows, strict=True):
        squeezed = key.replace(" ", "")
        if squeezed != key and compact.setdefault(squeezed, row) != row:
            ambiguous.add(squeezed)
    compact = {k: row for k, row in compact.items() if k not in ambiguous}
    index_lines = [f"keys\t{'|'.join(keys)}", f"rows\t{','.join(map(str, rows))}",
                   f"whole_name_only\t{'|'.join(sorted(strict))}", f"distinctive\t{'|'.join(sorted(distinctive))}",
                   f"compact\t{'|'.join(compact)}",
                   f"compact_rows\t{','.join(map(str, compact.values()))}"]
    return "\n".join(lines) + "\n\n" + "\n".join(index_lines) + "\n"


def parse_directory(text: str) -> DirectoryData:
    """Read the file's text (see the module docstring)."""
    head, _, index = text.partition("\n\n")
    lines = head.split("\n")
    fields = dict(line.split("\t", 1) for line in index.split("\n") if line)

    def split(name: str, separator: str) -> list[str]:
        return fields[name].split(separator) if fields.get(name) else []

    return DirectoryData(
        rows=[line for line in lines if line and line[0] != "#"],
        by_key=dict(zip(split("keys", "|"), split("rows", ","), strict=True)),
        by_compact=dict(zip(split("compact", "|"), split("compact_rows", ","), strict=True)),
        whole_name_only=set(split("whole_name_only", "|")),
        distinctive=set(split("distinctive", "|")),
        sources=[line[len("# source: "):] for line in lines if line.startswith("# source: ")],
    )
