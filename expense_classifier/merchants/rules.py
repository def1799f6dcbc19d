"""The user's rules: merchant → category, in a CSV a person can read and edit; they win over every guess.

A rule is keyed by `merchant_key` of the clean merchant name, so one made from
"ZORBLAX HOLDINGS 4411 DENVER CO" holds "Zorblax Holdings" and matches every store and city of it
(`compact_key` as well, for names banks squeeze: "H-E-B" / "HEB"). Any category name is allowed, one
the model has never seen too, from a single row.

The file lives beside the runs, not inside one, so a new `fit` never hides it:
`--rules_file PATH`, else `$EXPENSE_CLASSIFIER_RULES`, else `lightning_logs/rules.csv` in the working
directory (where `categorize` finds the newest adapter). Columns: merchant, category, created (when),
source (the file it was learned from, `serve` or `rules --add`) and example (the description it was
made from, which `learn` replays as a training row); other columns a person adds are kept.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import io
import os
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from expense_classifier.artifacts import write_atomic
from expense_classifier.errors import UserInputError
from expense_classifier.merchants.keys import compact_key, merchant_key

RULES_ENV = "EXPENSE_CLASSIFIER_RULES"
DEFAULT_PATH = Path("lightning_logs") / "rules.csv"
COLUMNS = ("merchant", "category", "created", "source", "example")
MAX_CATEGORY_CHARS = 64
_THREAD_LOCK = threading.Lock()  # serve's request threads; the file lock covers other processes


def rules_path(path: str | Path | None = None) -> Path:
    """Where the rules are: the path given, else $EXPENSE_CLASSIFIER_RULES, else lightning_logs/rules.csv."""
    return Path(path or os.environ.get(RULES_ENV) or DEFAULT_PATH)


def now() -> str:
    return datetime.datetime.now().isoformat(timespec="seconds")


def clean_category(category: str) -> str:
    """A category as a rule stores it: one line, single spaces, not empty, not a paragraph."""
    text = " ".join(str(category).split())
    if not text:
        raise UserInputError("a rule needs a category")
    if len(text) > MAX_CATEGORY_CHARS:
        raise UserInputError(f"category {text[:20]!r}…: at most {MAX_CATEGORY_CHARS} characters")
    return text


@dataclass(frozen=True)
class Rule:
    merchant: str
    category: str
    created: str = ""
    source: str = ""
    example: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False)  # columns a person added

    @property
    def key(self) -> str:
        return merchant_key(self.merchant)

    def as_dict(self) -> dict[str, str]:
        return {"merchant": self.merchant, "category": self.category, "created": self.created,
                "source": self.source, "example": self.example}


@dataclass(frozen=True)
class Change:
    """What putting a rule did: `new`, `changed` (from `old`) or `same`."""

    kind: str
    rule: Rule
    old: Rule | None = None


class Rules:
    """The rules in memory, matched by merchant key; `load` and `save` read and write the CSV.

    A loaded `Rules` notices when its file changes (serve's POST /rules, a person's edit, another
    `learn`): `refresh()` reads it again, which the lookup calls before each batch.
    """

    def __init__(self, rules: Iterable[Rule] = (), path: Path | None = None, columns: Iterable[str] = ()) -> None:
        self.path = path
        self.columns = [*COLUMNS, *(c for c in columns if c not in COLUMNS)]
        self._stamp: tuple[int, int] | None = None
        self._set(list(rules))

    def _set(self, rules: list[Rule]) -> None:
        self._rules: dict[str, Rule] = {}
        for rule in rules:
            self._rules[rule.key] = rule
        self._compact = {compact_key(r.merchant): r for r in self._rules.values()}

    @classmethod
    def load(cls, path: str | Path | None = None) -> Rules:
        """The rules in `path` (see `rules_path`); none when the file does not exist yet."""
        path = rules_path(path)
        rules = cls(path=path)
        rules._read()
        return rules

    def _read(self) -> None:
        assert self.path is not None
        stamp = _stamp(self.path)
        if stamp is None:
            self._set([])
            self._stamp = None
            return
        from expense_classifier.reading.statement import parse_table

        try:
            text = self.path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise UserInputError(f"{self.path}: byte {err.start}: not UTF-8 (save the rules as a UTF-8 CSV)") from None
        if sum(1 for line in text.splitlines() if line.strip()) <= 1:  # no rules yet, or every one removed
            self._set([])
            self._stamp = stamp
            return
        table = parse_table(self.path, text)
        missing = [c for c in ("merchant", "category") if c not in table.columns]
        if missing:
            raise UserInputError(f"{self.path}: row 1: no column {missing[0]!r} (a rules file has "
                                 f"{', '.join(COLUMNS)})")
        self.columns = [*COLUMNS, *(c for c in table.columns if c not in COLUMNS)]
        rules, rows_of = [], {}
        for line, row in zip(table.lines, table.rows, strict=True):
            cells = {k: " ".join(str(v if v is not None else "").split()) for k, v in row.items()}
            merchant, category = cells.get("merchant", ""), cells.get("category", "")
            if not merchant_key(merchant):
                raise UserInputError(f"{self.path}: row {line}, column 'merchant': empty (every rule names a merchant)")
            if not category:
                raise UserInputError(f"{self.path}: row {line}, column 'category': empty (every rule needs one)")
            key = merchant_key(merchant)
            if key in rows_of:
                print(f"warning: {self.path}: row {line}: a second rule for {merchant!r} (row {rows_of[key]}); "
                      f"row {line} wins", flush=True)
            rows_of[key] = line
            rules.append(Rule(merchant, category, cells.get("created", ""), cells.get("source", ""),
                              cells.get("example", ""), {c: cells.get(c, "") for c in self.columns[len(COLUMNS):]}))
        self._set(rules)
        self._stamp = stamp

    def refresh(self) -> bool:
        """Read the file again if it changed since it was read; True when it did."""
        if self.path is None or _stamp(self.path) == self._stamp:
            return False
        self._read()
        return True

    def __len__(self) -> int:
        return len(self._rules)

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self._rules.values(), key=lambda r: r.key))

    def match(self, merchant: str) -> Rule | None:
        """The rule for this clean merchant name, by `merchant_key`, else by `compact_key`."""
        if not merchant:
            return None
        return self._rules.get(merchant_key(merchant)) or self._compact.get(compact_key(merchant))

    def put(self, rule: Rule) -> Change:
        """Add a rule, or replace the one for the same merchant (the newest word wins)."""
        if not rule.key:
            raise UserInputError(f"a rule needs a merchant name with letters or digits, got {rule.merchant!r}")
        rule = Rule(" ".join(rule.merchant.split()), clean_category(rule.category), rule.created or now(),
                    rule.source, " ".join(rule.example.split()), rule.extra)
        old = self._rules.get(rule.key) or self._compact.get(compact_key(rule.merchant))
        if old is not None and old.category == rule.category:
            return Change("same", old)
        if old is not None:
            del self._rules[old.key]
        self._set([*self._rules.values(), rule])
        return Change("changed" if old else "new", rule, old)

    def remove(self, merchant: str) -> Rule | None:
        """Remove the rule matching this merchant name; the removed rule, or None."""
        rule = self.match(merchant)
        if rule is not None:
            del self._rules[rule.key]
            self._set(list(self._rules.values()))
        return rule

    def save(self) -> Path:
        """Write every rule to the file, whole or not at all."""
        assert self.path is not None, "these rules have no file"
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=self.columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for rule in self:
            writer.writerow({**rule.extra, **rule.as_dict()})
        write_atomic(self.path, buffer.getvalue())
        self._stamp = _stamp(self.path)
        return self.path


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_mtime_ns, stat.st_size


@contextlib.contextmanager
def editing(path: str | Path | None = None) -> Iterator[Rules]:
    """The rules, read under a lock and saved when the block ends without an error.

    Read-modify-write under a lock: `serve` (POST /rules), `learn` and `rules --remove` at the same
    time never lose each other's rules.
    """
    from filelock import FileLock

    path = rules_path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _THREAD_LOCK, FileLock(str(path.with_name(f".{path.name}.lock"))):
        rules = Rules.load(path)
        yield rules
        rules.save()


@dataclass(frozen=True)
class Labelled:
    """One labelled row as a rule sees it: its clean merchant, the category given, the text it came from."""

    merchant: str
    category: str
    example: str


def majority_rules(rows: Iterable[Labelled], source: str) -> tuple[list[Rule], list[str]]:
    """One rule per merchant: the most common category among its rows (ties: the first given).

    Returns the rules and one line for each merchant whose rows disagree.
    """
    by_key: dict[str, list[Labelled]] = {}
    for row in rows:
        if merchant_key(row.merchant):
            by_key.setdefault(merchant_key(row.merchant), []).append(row)
    rules, notes = [], []
    created = now()
    for group in by_key.values():
        counts = Counter(row.category for row in group)
        winner, count = counts.most_common(1)[0]
        first = next(row for row in group if row.category == winner)
        if len(counts) > 1:
            others = ", ".join(f"{n} {c}" for c, n in counts.most_common()[1:])
            notes.append(f"{first.merchant!r}: {count} row(s) say {winner}, {others}: the rule says {winner}")
        rules.append(Rule(first.merchant, winner, created, source, first.example))
    return rules, notes
