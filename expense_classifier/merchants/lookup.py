"""The one lookup order for every caller (`categorize`, `serve`, `learn`'s before/after, the Python API):

1. **rule**: the user's rule for the row's merchant (`merchants.rules`), whatever the category;
2. **money_in**: income, transfers and card payments (`merchants.money`): never an expense category;
3. **directory**: the shipped directory of brands (`merchants.directory`), for a brand's whole name;
4. **model**: the trained adapter (`Categorizer`), run only on the rows nothing above answered.

Rules come before money detection, so a person can say "this transfer is Housing" (rent paid by
transfer), with one exception: money coming in (a negative amount) that the detector calls Income or
Transfer never takes an expense category from a rule, only a rule whose category is itself
Income or Transfer. A refund is not money in for the detector, so it keeps its merchant's rule.

Each answer says which step gave it (`Prediction.source`) and carries a confidence that means
something for that step: 1.0 for a rule (the user's word), the model's calibrated probability, and
for the directory and the money detector the fixed values below (stated, not measured: replace them
with each step's precision on real-shaped exports, `scripts/eval_heldout.py`).

The cleaner, the money detector, the directory and the rules are constructor arguments; `Lookup.load`
takes the shipped ones (`default_cleaner`, `default_money`, `default_directory`), and where one of
those modules is not installed falls back, with one line, to descriptions as they are, no money
detection, no directory.
"""

from __future__ import annotations

import functools
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from expense_classifier.errors import UserInputError
from expense_classifier.inference.prediction import Prediction
from expense_classifier.merchants.keys import merchant_key
from expense_classifier.merchants.rules import Rule, Rules

try:
    from expense_classifier.merchants.money import MONEY_IN_CATEGORIES
except ModuleNotFoundError as err:  # merchants.money not installed: the same two names
    if err.name != "expense_classifier.merchants.money":
        raise
    MONEY_IN_CATEGORIES = ("Income", "Transfer")

RULE_CONFIDENCE = 1.0
DIRECTORY_CONFIDENCE = 0.95  # a brand's whole name matched: stated, to be replaced by the measured precision
MONEY_IN_CONFIDENCE = 0.95  # words and sign of income/transfers: stated, to be replaced by the measured precision


class MerchantNameLike(Protocol):
    merchant: str
    intermediary: str | None


class DirectoryLike(Protocol):
    def lookup(self, merchant: str) -> Any: ...  # a DirectoryEntry (name, category, kind) or None


Cleaner = Callable[[str], MerchantNameLike]
MoneyDetector = Callable[..., str | None]  # (description, amount[, posting_type]) -> Income/Transfer/None


class Answering(Protocol):
    """What the lookup needs of the model: `Categorizer.predict`."""

    def predict(self, texts: list[str], top_k: int = 2) -> list[Prediction]: ...


@dataclass(frozen=True)
class Uncleaned:
    """A description taken as the merchant name (what `uncleaned` gives without merchants.names)."""

    merchant: str
    intermediary: str | None = None


def uncleaned(description: str) -> Uncleaned:
    return Uncleaned(" ".join(description.split()))


def _note(message: str) -> None:
    print(f"note: {message}", file=sys.stderr, flush=True)


def _missing(err: ModuleNotFoundError, module: str) -> bool:
    return err.name == module


@functools.cache
def default_cleaner() -> Cleaner:
    """`merchants.names.clean_merchant`; descriptions as they are where that module is not installed."""
    try:
        from expense_classifier.merchants.names import clean_merchant
    except ModuleNotFoundError as err:
        if not _missing(err, "expense_classifier.merchants.names"):
            raise
        _note("expense_classifier.merchants.names is not installed: merchant names are the descriptions as written")
        return uncleaned
    return clean_merchant


@functools.cache
def default_money() -> MoneyDetector | None:
    """`merchants.money.money_category`; none where that module is not installed."""
    try:
        from expense_classifier.merchants.money import money_category
    except ModuleNotFoundError as err:
        if not _missing(err, "expense_classifier.merchants.money"):
            raise
        _note("expense_classifier.merchants.money is not installed: no income/transfer detection")
        return None
    return money_category


@functools.cache
def default_directory() -> DirectoryLike | None:
    """The shipped `MerchantDirectory`; none where that module is not installed."""
    try:
        from expense_classifier.merchants.directory import MerchantDirectory
    except ModuleNotFoundError as err:
        if not _missing(err, "expense_classifier.merchants.directory"):
            raise
        _note("expense_classifier.merchants.directory is not installed: no merchant directory")
        return None
    return MerchantDirectory.shipped()


def merchant_of(name: MerchantNameLike, description: str) -> str:
    """The clean merchant name, or the description as written where cleaning left nothing: what rules key on."""
    return name.merchant or " ".join(description.split())


# The kinds of a food business that people say with its name ("Costa Coffee", "Blue Bottle Coffee", "Caffe Nero").
FOOD_NAME_WORDS: frozenset[str] = frozenset({"coffee", "cafe", "caffe", "bakery", "market"})


def _words(name: str) -> list[str]:
    words = merchant_key(name).split()
    return words[1:] if len(words) > 1 and words[0] == "the" else words


def _is_acronym(spelling: str, name: str) -> bool:
    """A short name in capitals made of the brand's initials in order ("PG&E" of "Pacific Gas and Electric
    Company", "TFL" of "Transport for London", "MTA" of a transit authority): the name people write."""
    letters = [c.lower() for c in spelling if c.isalpha()]
    initials = iter(word[0] for word in merchant_key(name).split())
    return (2 <= len(letters) <= 5 and spelling == spelling.upper() and " " not in spelling.strip()
            and letters[0] == merchant_key(name)[:1] and all(c in initials for c in letters))


def shown_merchant(merchant: str, entry: Any) -> str:
    """The merchant a row shows: the clean name where it already names the directory's brand as people write
    it, else the brand's name (the clean name where the directory has no entry).

    The clean name stays when it is the brand's name less a leading "The" ("Home Depot"), a shorter form of it
    word for word ("Whole Foods" for Whole Foods Market), the brand's name and words of the brand's kind that
    said as part of a food brand's name ("Costa Coffee" for Costa: `FOOD_NAME_WORDS`), or the brand's
    initials in capitals ("PG&E", "TFL"). The brand's name replaces the same name in other capitals
    ("Trugreen" → TruGreen), a bank's abbreviation ("Vzwrlss" → Verizon Wireless), a squeezed spelling
    ("Youtubetv" → YouTube TV), a descriptor's extra words ("PF Club Fees" → Planet Fitness) and whatever
    the prefix rule took the brand from ("Primark Stratford" → Primark).
    """
    if entry is None:
        return merchant
    ours, theirs = _words(merchant), _words(entry.name)
    if not ours or merchant_key(merchant) == merchant_key(entry.name):
        return entry.name
    if ours == theirs or (len(ours) < len(theirs) and theirs[:len(ours)] == ours):
        return merchant
    if len(ours) > len(theirs) and ours[:len(theirs)] == theirs and _kind_in_name(ours[len(theirs):], entry):
        return merchant
    return merchant if _is_acronym(merchant, entry.name) else entry.name


def _kind_in_name(rest: list[str], entry: Any) -> bool:
    """Whether the words after a food brand's name are its kind, said as part of the name ("Costa Coffee",
    "Pret Cafe"); a fuel brand's "Service Station", a booking site's "Hotel" or a chemist's "Pharmacy" are the
    descriptor's words, and the brand's name alone is what people write."""
    return getattr(entry, "category", "") == "Food" and len(rest) == 1 and rest[0] in FOOD_NAME_WORDS


def is_money_in_category(category: str) -> bool:
    return category in MONEY_IN_CATEGORIES


class Lookup:
    """Rules → money in → directory → model, one answer per text with its `source`, `merchant` and
    `intermediary` (see the module docstring). `Categorizer.predict` stays the model alone.

        lookup = Lookup.load()   # newest adapter, lightning_logs/rules.csv, the shipped directory
        for p in lookup.categorize(["ZORBLAX HOLDINGS 9902 BOULDER CO"], amounts=[42.0]):
            print(p.merchant, p.category, p.source, p.confidence)
    """

    def __init__(self, categorizer: Answering | None, rules: Rules | None = None,
                 directory: DirectoryLike | None = None, clean: Cleaner = uncleaned,
                 money: MoneyDetector | None = None, model_only: bool = False,
                 model_dir: Path | None = None) -> None:
        self.categorizer = categorizer
        self.rules = rules if rules is not None else Rules()
        self.directory = directory
        self.clean = clean
        self.money = money
        self.model_only = model_only
        self.model_dir = model_dir
        self._rules_error = ""

    @classmethod
    def load(cls, model: str | Path | None = None, rules_file: str | Path | None = None, model_only: bool = False,
             **categorizer_options: Any) -> Lookup:
        """The adapter (default: the newest run's), the rules file (see `merchants.rules.rules_path`), the
        shipped cleaner, money detector and directory; `categorizer_options` go to `Categorizer.load`."""
        from expense_classifier.inference.categorizer import Categorizer, newest_adapter

        model_dir = Path(model) if model is not None else newest_adapter()
        return cls(Categorizer.load(model_dir, **categorizer_options), Rules.load(rules_file), default_directory(),
                   default_cleaner(), default_money(), model_only, model_dir)

    def describe(self) -> str:
        """One line: the adapter used and the rules applied."""
        where = f" from {self.rules.path}" if self.rules.path is not None else ""
        model = f"model: {self.model_dir}" if self.model_dir is not None else "model: given"
        if self.model_only:
            return f"{model}; --model_only: the model answers every row ({len(self.rules)} rule(s){where} not applied)"
        return f"{model}; {len(self.rules)} rule(s){where}"

    def _refresh_rules(self) -> None:
        """A rule posted to serve, or edited in the file, applies from the next batch; a file a person left
        broken keeps the rules as they were (one line, once), instead of failing every request."""
        try:
            self.rules.refresh()
            self._rules_error = ""
        except UserInputError as err:
            if str(err) != self._rules_error:
                print(f"warning: {err}; the rules as they were read before still apply", file=sys.stderr, flush=True)
            self._rules_error = str(err)

    def _without_model(self, text: str, amount: float | None, merchant: str, entry: Any,
                       posting_type: str | None = None) -> Prediction | None:
        """The rule's, the money detector's or the directory's answer, if one of them has it."""
        rule: Rule | None = self.rules.match(merchant) or (self.rules.match(entry.name) if entry else None)
        money = None
        if self.money is not None:  # a detector that takes no posting type is asked without one
            money = self.money(text, amount, posting_type) if posting_type else self.money(text, amount)
        money_coming_in = money is not None and amount is not None and amount < 0
        if rule is not None and not (money_coming_in and not is_money_in_category(rule.category)):
            return Prediction(text, rule.category, RULE_CONFIDENCE, [(rule.category, RULE_CONFIDENCE)], "rule")
        if money is not None:
            return Prediction(text, money, MONEY_IN_CONFIDENCE, [(money, MONEY_IN_CONFIDENCE)], "money_in")
        if entry is not None:
            return Prediction(text, entry.category, DIRECTORY_CONFIDENCE, [(entry.category, DIRECTORY_CONFIDENCE)],
                              "directory")
        return None

    def categorize(self, texts: Sequence[str], amounts: Sequence[float | None] | None = None,
                   top_k: int = 2, progress: Callable[[int, int], None] | None = None,
                   posting_types: Sequence[str | None] | None = None) -> list[Prediction]:
        """One answer per text, in order; `amounts` spending positive, money in negative (None: unknown).

        A text that is empty gets an empty answer (no category, source ""). The model runs once, on the
        rows nothing else answered (every row under `model_only`); `progress(done, total)` follows it. Each
        distinct text is cleaned and looked up once (a year of statements repeats its merchants).
        `posting_types`: the bank's type column per row (see `money_category`), where the file has one.
        """
        texts = list(texts)
        amounts = list(amounts) if amounts is not None else [None] * len(texts)
        if len(amounts) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(amounts)} amounts")
        self._refresh_rules()
        answers: list[Prediction | None] = [None] * len(texts)
        names: list[tuple[str, str | None]] = [("", None)] * len(texts)
        ask: list[int] = []
        known: dict[str, tuple] = {}
        kinds = list(posting_types) if posting_types is not None else [None] * len(texts)
        for i, (text, amount, kind) in enumerate(zip(texts, amounts, kinds, strict=True)):
            if not text:
                answers[i] = Prediction(text, "", 0.0, source="")
                continue
            if text not in known:
                name = self.clean(text)
                merchant = merchant_of(name, text)
                known[text] = (name, merchant, self.directory.lookup(merchant) if self.directory is not None else None)
            name, merchant, entry = known[text]
            names[i] = (shown_merchant(merchant, entry), name.intermediary)
            answer = None if self.model_only else self._without_model(text, amount, merchant, entry, kind)
            if answer is None:
                ask.append(i)
            answers[i] = answer
        if ask:
            if self.categorizer is None:
                raise ValueError("this lookup has no model, and some rows need one")
            following = {"progress": progress} if progress else {}  # a stand-in model need not take it
            asked = self.categorizer.predict([texts[i] for i in ask], top_k=top_k, **following)
            for i, p in zip(ask, asked, strict=True):
                answers[i] = p
        out = []
        for answer, (merchant, intermediary) in zip(answers, names, strict=True):
            assert answer is not None
            out.append(Prediction(answer.item, answer.category, answer.confidence, answer.ranked,
                                  answer.source, merchant, intermediary))
        return out


def source_counts(predictions: Sequence[Prediction]) -> str:
    """"answered by: 3 rule, 2 money_in, 10 model" (in the lookup's order)."""
    counts = Counter(p.source for p in predictions if p.source)
    order = ("rule", "money_in", "directory", "model")
    return "answered by: " + ", ".join(f"{counts[s]} {s}" for s in order if counts[s])
