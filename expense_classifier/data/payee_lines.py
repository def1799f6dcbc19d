"""German, Austrian and UK current-account lines: a payee of `payees.py` and its purpose, as the banks print them.

German and Austrian exports give the payee and the Verwendungszweck apart, and a categorize run joins them:
"Stadtwerke Lindau GmbH Abschlag 03/2026 Vertragskonto 412233456". A direct debit's purpose often carries
the SEPA fields (EREF+, MREF+, CRED+ with the creditor id, SVWZ+ before the free text), or "Mandatsref." and
"Gläubiger-ID" after it; a card payment's is the terminal's line ("Kartenzahlung girocard 05.01.2026 18:22",
"2026-01-05T18:22 Debitk.1 2027-12"). Spelling varies: umlauts or ae/oe/ue, mixed or upper case. UK lines
put the payment type around the payee ("DIRECT DEBIT", "DD", "STANDING ORDER", "SO", "FASTER PAYMENT",
"CARD PAYMENT TO X ON 03/02", "BGC").
"""

from __future__ import annotations

import random
import re

from expense_classifier.data.brands import is_heldout_merchant
from expense_classifier.data.payees import COUNTRY_PAYEES, NAME_SLOTS, SLOT, PayeeKind, slot_values

GERMAN_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                 "November", "Dezember")
UK_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
UK_STREETS = ("HIGH ST", "STATION RD", "CHURCH LANE", "MILL ROAD", "PARK AVENUE", "VICTORIA ST", "QUEENS ROAD")
COURSES = ("Spanisch A2", "Englisch B1", "Yoga für Anfänger", "Excel Grundkurs", "Italienisch A1", "Töpfern",
           "Französisch B2", "Erste Hilfe")
PLATE_LETTERS = "ABCDEFGHKLMNPRSTUVWXZ"
UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def _digits(rng: random.Random, n: int) -> str:
    return str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(n - 1))


def _letters(rng: random.Random, n: int) -> str:
    return "".join(rng.choices(PLATE_LETTERS, k=n))


def _purpose_slot(slot: str, rng: random.Random, year: int, month: int) -> str:
    """A purpose's slot: dates of this line's month, references, plates, or a name list's entry."""
    if re.fullmatch(r"n\d+", slot):
        return _digits(rng, int(slot[1:]))
    day = rng.randint(1, 28)
    values = {
        "month": GERMAN_MONTHS[month - 1], "mon": UK_MONTHS[month - 1], "mm": f"{month:02d}", "yyyy": str(year),
        "yyyy0": str(year - 1), "yy1": f"{(year + 1) % 100:02d}", "date": f"{day:02d}.{month:02d}.{year}",
        "q": str((month - 1) // 3 + 1), "semester": rng.choice((f"SoSe {year}", f"WiSe {year}/{(year + 1) % 100}")),
        "floor": rng.choice(("EG", "1. OG links", "2. OG rechts", "3. OG", "DG")),
        "letter": rng.choice(PLATE_LETTERS), "abc": rng.choice("abcd"), "course": rng.choice(COURSES),
        "child": rng.choice(("Emma", "Noah", "Mia", "Paul", "Lina", "Ben")),
        "code": f"{year % 100}{rng.choice('FHW')}{_digits(rng, 3)}", "ukstreet": rng.choice(UK_STREETS),
        "ukplate": f"{_letters(rng, 2)}{rng.randint(51, 75)}{_letters(rng, 3)}",
        "plate": f"{_letters(rng, rng.randint(1, 2))}-{_letters(rng, 2)} {rng.randint(1, 9999)}",
    }
    if slot in values:
        return values[slot]
    return rng.choice(slot_values(slot))


def _payee(kind: PayeeKind, rng: random.Random) -> str | None:
    """A payee of this kind that no held-out evaluation file names (None after a few tries)."""
    for _ in range(8):
        template = rng.choice(kind.names)
        name = SLOT.sub(lambda m: rng.choice(slot_values(m.group(1))), template)
        if not is_heldout_merchant(name):
            return name
    return None


def _creditor_id(rng: random.Random, country: str) -> str:
    return f"{country.upper()}{_digits(rng, 2)}ZZZ{_digits(rng, 11 if country == 'de' else 8)}"


def _iban_fragment(rng: random.Random, country: str) -> str:
    return f"IBAN {country.upper()}{_digits(rng, 2)} {' '.join(_digits(rng, 4) for _ in range(rng.randint(2, 4)))}"


def _german(kind: PayeeKind, payee: str, purpose: str, rng: random.Random, country: str, day: int, month: int,
            year: int) -> str:
    """A Girokonto line: payee then purpose, the purpose in a debit's, an order's or a card's wording."""
    paid = rng.choice(kind.paid)
    time = f"{rng.randint(7, 21):02d}:{rng.randint(0, 59):02d}"
    if paid == "card":
        card = rng.choice((
            f"Kartenzahlung girocard {day:02d}.{month:02d}.{year} {time}", f"{year}-{month:02d}-{day:02d}T{time} "
            f"Debitk.{rng.randint(1, 3)} {year + rng.randint(1, 3)}-{rng.randint(1, 12):02d}",
            f"girocard {day:02d}.{month:02d} {time} Terminal {_digits(rng, 8)}", "Kartenzahlung",
            f"VISA Debitkartenumsatz {day:02d}.{month:02d}.{year}", f"EC {_digits(rng, 8)} {day:02d}.{month:02d} "
            f"{time.replace(':', '.')} ME{rng.randint(0, 2)}",
            f"{payee.upper()}//{rng.choice(NAME_SLOTS['town']).upper()}/{country.upper()} {day:02d}-{month:02d}-"
            f"{year}T{time}:{rng.randint(10, 59)} Folgenr. {rng.randint(1, 9):03d} Verfalld. {rng.randint(26, 31)}12",
        ))
        if country == "at" and rng.random() < 0.4:
            amount = f"{rng.randint(2, 150)},{rng.randint(0, 99):02d}"
            card = f"POS {amount} AT K{rng.randint(1, 4)} {day:02d}.{month:02d}. {time}"
        text = f"{card} {purpose}" if purpose and rng.random() < 0.4 else card
    else:
        mandate = f"{rng.choice(('M', 'MR', 'KD', 'V'))}{_digits(rng, rng.randint(6, 10))}"
        style = rng.random()
        if paid == "debit" and style < 0.3:
            text = (f"EREF+{_digits(rng, 12)} MREF+{mandate} CRED+{_creditor_id(rng, country)} SVWZ+{purpose}")
        elif paid == "debit" and style < 0.55:
            text = rng.choice((f"{purpose} Mandatsref. {mandate} Gläubiger-ID {_creditor_id(rng, country)}",
                               f"{purpose} Mandat {mandate} Glaeubiger-ID {_creditor_id(rng, country)}",
                               f"{purpose} Mandatsreferenz: {mandate}"))
        elif paid == "debit" and style < 0.7:
            text = f"{rng.choice(('Lastschrift', 'SEPA-Lastschrift', 'SEPA-Basislastschrift', 'Abbuchung'))} {purpose}"
        elif paid == "order" and style < 0.4:
            text = f"Dauerauftrag {purpose}"
        elif style < 0.8 and rng.random() < 0.5:
            text = f"{purpose} {_iban_fragment(rng, country)}"
        else:
            text = purpose
        if country == "at" and rng.random() < 0.4:
            text = f"{text} Zahlungsreferenz {_digits(rng, 8)}"
    if rng.random() < 0.4:
        payee, text = payee.translate(UMLAUTS), text.translate(UMLAUTS)
    if rng.random() < 0.25:
        payee = payee.upper()
    return f"{payee} {text}"


def _uk(kind: PayeeKind, payee: str, purpose: str, rng: random.Random, day: int, month: int, year: int) -> str:
    """A UK current-account description: the payment type around the payee and its reference."""
    paid = rng.choice(kind.paid)
    ref = purpose or f"{_digits(rng, 8)}"
    town = rng.choice(NAME_SLOTS["uktown"])
    date = f"{day:02d}/{month:02d}"
    if paid == "card":
        return rng.choice((
            f"CARD PAYMENT TO {payee} ON {date}", f"CARD PAYMENT TO {payee},{rng.randint(2, 90)}.{rng.randint(0, 99)}"
            f" GBP, RATE 1.00/GBP ON {day:02d}-{month:02d}-{year}", f"{payee} {town} GB", f"CONTACTLESS {payee} {town}",
            f"{payee} CD {_digits(rng, 4)} {day:02d}{UK_MONTHS[month - 1]}{year % 100}", f"VIS {payee}",
            f"))) {payee} {town}", f"POS {_digits(rng, 4)} {day:02d}{UK_MONTHS[month - 1]}{year % 100} {payee}",
            f"{payee} {town}", f"CARD PAYMENT {payee} {date}"))
    if paid == "debit":
        return rng.choice((
            f"DIRECT DEBIT {payee} {ref}", f"DIRECT DEBIT PAYMENT TO {payee} REF {ref}, MANDATE NO {_digits(rng, 4)}",
            f"DD {payee} {ref}", f"{payee} DD", f"{payee} {ref} DDR", f"{payee} {ref} DIRECT DEBIT", f"DD {payee}"))
    if paid == "order":
        return rng.choice((
            f"STANDING ORDER {payee} {ref}", f"STANDING ORDER VIA FASTER PAYMENT TO {payee} REFERENCE {ref} , "
            f"MANDATE NO {rng.randint(1, 40)}", f"SO {payee} {ref}", f"{payee} {ref} STO", f"{payee} SO"))
    return rng.choice((
        f"FASTER PAYMENT {payee} {ref}", f"FASTER PAYMENTS TO {payee} REF {ref}", f"BILL PAYMENT TO {payee} "
        f"REFERENCE {ref}", f"BP {payee} {ref}", f"ONLINE BANKING PAYMENT TO {payee} {ref}", f"{payee} {ref} FPO",
        f"{payee} {ref} BGC" if rng.random() < 0.3 else f"FPO {payee} {ref}"))


def payee_line(category: str, country: str, rng: random.Random) -> str | None:
    """One account line paying a payee of `category` in `country` ("de", "at" or "gb"), or None when the
    payee drawn is a held-out evaluation merchant."""
    kind = rng.choice(COUNTRY_PAYEES[country][category])
    payee = _payee(kind, rng)
    if payee is None:
        return None
    year, month, day = rng.choice((2025, 2026, 2026)), rng.randint(1, 12), rng.randint(1, 28)
    template = rng.choice(kind.purposes) if kind.purposes else ""
    purpose = SLOT.sub(lambda m: _purpose_slot(m.group(1), rng, year, month), template)
    if country == "gb":
        line = _uk(kind, payee, purpose, rng, day, month, year)
    else:
        line = _german(kind, payee, purpose, rng, country, day, month, year)
    return " ".join(line.split())
