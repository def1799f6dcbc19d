"""Stand-ins for merchants.names / money / directory (written in parallel): the same interfaces, a few
shapes each, so the lookup and rules are tested on their own. Not a merchant cleaner."""

from __future__ import annotations

import re
import sys
import types
from dataclasses import dataclass

import pytest

from expense_classifier.inference.prediction import Prediction
from expense_classifier.merchants.keys import merchant_key

PREFIXES = {"SQ *": "Square", "TST*": "Toast", "PAYPAL *": "PayPal"}
CITIES = ("SAN BERNARDINO", "DENVER", "BOULDER", "COLUMBUS", "OAKLAND", "AUSTIN")
STATE = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class FakeName:
    merchant: str
    intermediary: str | None


def fake_clean(description: str) -> FakeName:
    """Processor prefix → intermediary; store numbers, a trailing state and city gone; Title Case."""
    text = " ".join(description.split())
    intermediary = None
    for prefix, platform in PREFIXES.items():
        if text.upper().startswith(prefix):
            text, intermediary = text[len(prefix):].strip(), platform
    words = [w for w in text.split() if not re.fullmatch(r"#?\d+", w)]
    if len(words) > 1 and STATE.match(words[-1]):
        words.pop()
    joined = " ".join(words)
    for city in CITIES:
        if joined.upper().endswith(" " + city):
            joined = joined[: -len(city) - 1]
    return FakeName(joined.title(), intermediary)


def fake_money(description: str, amount: float | None) -> str | None:
    text = description.upper()
    if "PAYROLL" in text and (amount is None or amount < 0):
        return "Income"
    if "TRANSFER" in text or "PAYMENT - THANK YOU" in text:
        return "Transfer"
    return None


@dataclass(frozen=True)
class FakeEntry:
    name: str
    category: str
    kind: str


class FakeDirectory:
    def __init__(self, entries: dict[str, tuple[str, str]] | None = None) -> None:
        self.entries = {merchant_key(name): FakeEntry(name, category, "test")
                        for name, category in (entries or {"Costco": "Food", "Meijer": "Food"}).items()}

    def lookup(self, merchant: str) -> FakeEntry | None:
        return self.entries.get(merchant_key(merchant))


class FakeModel:
    """Answers Shopping 0.6 / Food 0.3 for every text and remembers what it was asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def predict(self, texts: list[str], top_k: int = 2) -> list[Prediction]:
        self.asked += texts
        return [Prediction(t, "Shopping", 0.6, [("Shopping", 0.6), ("Food", 0.3)][:top_k]) for t in texts]


@pytest.fixture()
def fake_merchant_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    """merchants.names / money / directory as the stand-ins above, for the commands in this process."""
    from expense_classifier.merchants import lookup

    names = types.ModuleType("expense_classifier.merchants.names")
    names.MerchantName, names.clean_merchant = FakeName, fake_clean
    money = types.ModuleType("expense_classifier.merchants.money")
    money.MONEY_IN_CATEGORIES, money.money_category = ("Income", "Transfer"), fake_money
    directory = types.ModuleType("expense_classifier.merchants.directory")
    directory.DirectoryEntry = FakeEntry
    directory.MerchantDirectory = type("MerchantDirectory", (FakeDirectory,), {"shipped": classmethod(lambda c: c())})
    for module in (names, money, directory):
        monkeypatch.setitem(sys.modules, module.__name__, module)
    factories = (lookup.default_cleaner, lookup.default_money, lookup.default_directory)
    for factory in factories:
        factory.cache_clear()
    yield
    for factory in factories:
        factory.cache_clear()
