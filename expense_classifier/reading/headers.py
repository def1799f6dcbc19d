"""What banks call their columns, in English, German, French, Spanish, Dutch (and a little Italian and
Portuguese): the names the statement reader finds its text, amount and date columns by.

Headers are compared folded: lower case, accents off (`Empfänger` is `empfanger`, `Libellé` is `libelle`),
anything but letters a space. A name matches a header exactly first, then as whole words in it.
"""

from __future__ import annotations

import re
import unicodedata

# Who was paid or paid: the text of a row when a file has it, with the purpose after it.
PAYEE = ("payee", "payee name", "merchant", "merchant name", "name", "beneficiary", "counterparty",
         "counterparty name", "recipient", "payer",
         "empfanger", "zahlungsempfanger", "auftraggeber", "auftraggeber begunstigter", "begunstigter",
         "beguenstigter zahlungspflichtiger", "begunstigter zahlungspflichtiger", "zahlungspflichtiger",
         "name zahlungsbeteiligter", "zahlungsbeteiligter", "auftraggeber empfanger", "empfanger auftraggeber",
         "beneficiaire", "tiers", "nom", "beneficiario", "ordenante",
         "naam", "naam tegenpartij", "tegenpartij", "naam omschrijving")
# What it was for, or the bank's one description of the row.
PURPOSE = ("description", "details", "memo", "narrative", "particulars", "transaction description",
           "transaction details", "item", "transaction",
           "verwendungszweck", "beschreibung", "buchungsdetails",
           "libelle", "libelle operation", "libelle simplifie", "detail", "detail de l operation",
           "concepto", "descripcion", "detalle", "movimiento",
           "omschrijving", "mededelingen",
           "descrizione", "causale", "descricao", "historico",
           "reference")
# A posting type ("Lastschrift", "Kartenzahlung"): the text only when nothing better is there.
POSTING_TYPE = ("buchungstext", "umsatzart", "type de l operation", "type", "transaction type", "subcategory",
                "tipo", "trntype")

AMOUNT = ("amount", "value", "amt", "transaction amount", "sum",
          "betrag", "umsatz", "montant", "importe", "bedrag", "importo", "valor")
DEBIT = ("debit", "debits", "withdrawal", "withdrawals", "paid out", "money out", "outflow", "spent",
         "debit amount", "charge", "charges", "soll", "debe", "cargo", "cargos", "uitgaven")
CREDIT = ("credit", "credits", "deposit", "deposits", "paid in", "money in", "inflow", "received",
          "credit amount", "payment", "haben", "haber", "abono", "abonos", "ingresos", "inkomsten")
# A column saying which way an unsigned amount went (ING's "Af Bij", a German "Soll/Haben" with S/H).
DIRECTION = ("af bij", "bij af", "soll haben", "debit credit", "credit debit", "dr cr", "cr dr",
             "debit credit indicator", "credit debit indicator", "s h")
DEBIT_MARKS = frozenset({"af", "s", "soll", "d", "dr", "debit", "debet"})
CREDIT_MARKS = frozenset({"bij", "h", "haben", "c", "cr", "credit"})

DATE = ("date", "transaction date", "posting date", "post date", "booking date", "value date",
        "buchungstag", "buchungsdatum", "datum", "wertstellung", "valutadatum", "valuta",
        "date operation", "date de valeur", "fecha", "fecha operacion", "fecha valor",
        "boekdatum", "rentedatum", "data", "data operazione")
BALANCE = ("balance", "running bal", "running balance", "saldo", "kontostand", "solde", "saldo na mutatie")
CURRENCY = ("currency", "wahrung", "devise", "moneda", "munt", "valuta code", "ccy")
# Words that make a header not an amount or text column even when a name above is in it.
_DATE_WORDS = re.compile(r"\b(?:date|datum|fecha|data|tag|wertstellung|valuta|boekdatum|rentedatum)\b")
_NOT_TEXT = re.compile(r"\b(?:account|konto|kontonummer|iban|bic|blz|rekening|tegenrekening|card|number|no|nr|id)\b")


def fold(header: object) -> str:
    """A header as it is compared: lower case, accents off, anything but letters a single space."""
    text = unicodedata.normalize("NFKD", str(header)).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z]+", " ", text).split())


def is_date_header(header: str) -> bool:
    return bool(_DATE_WORDS.search(fold(header)))


def named(columns: list[str], wanted: tuple[str, ...], exclude: set[str] | frozenset[str] = frozenset(),
          text: bool = False) -> str | None:
    """The first column whose header is one of `wanted` (exactly, then as whole words in the header).

    Date headers are never an amount or a text column ("Value Date", "Fecha valor"), and a text
    column is not an account, card or id column ("Account Name", "Card No.").
    """
    folded = {c: fold(c) for c in columns if c not in exclude and not is_date_header(c)}
    if text:
        folded = {c: f for c, f in folded.items() if not _NOT_TEXT.search(f)}
    for name in wanted:
        for column, header in folded.items():
            if header == name:
                return column
    for name in wanted:
        for column, header in folded.items():
            if re.search(rf"\b{name}\b", header):
                return column
    return None


def known_header_cells(cells: list[str]) -> int:
    """How many cells of a row are column names a bank uses: a header row has at least two."""
    names = set(PAYEE + PURPOSE + POSTING_TYPE + AMOUNT + DEBIT + CREDIT + DIRECTION + DATE + BALANCE + CURRENCY)
    return sum(1 for cell in cells if fold(cell) in names or (is_date_header(cell) and len(fold(cell)) < 25))
