"""The merchant's name as a person would write it, from the descriptor a bank or card network prints.

A descriptor is a name wrapped in what the payment went through: a bank's transaction words in front
("POS DEBIT", "CHECKCARD 0412", "KARTENZAHLUNG"), a platform's prefix ("SQ *", "PAYPAL *", "DD *"), and
after the name a store number, a phone number or a reference, the city and the state or country. The
cleaning peels those layers off in that order, keeps the platform as `intermediary`, and cuts the name
at the first thing that is not part of it. The word lists are module constants so that the directory
and the rules can be built on the same cleaning.

European and UK lines add their own layers: a SEPA payee's name ends at its legal form or at the first
word of the purpose text ("Hausverwaltung Brandl GmbH Miete Januar" → "Hausverwaltung Brandl"; a city
before the legal form is part of the name, "Stadtwerke Muenchen GmbH"); a UK current account prints a
transaction-type code after the payee ("PRIMARK STRATFORD BCC", "THAMES WATER DDR"), stripped like a state
code; council tax names its council ("LB HACKNEY CTAX" → "Hackney Council"). A location after a chain's
name that is no known place ("NANDOS HACKNEY") stays: the directory's prefix rule takes the brand.

Hand-written: no maintained library parses card descriptors; the city names come from GeoNames (see
`places.py` and scripts/build_places.py).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from expense_classifier.merchants.keys import compact_key
from expense_classifier.merchants.places import MAJOR_PLACES, PLACES


@dataclass(frozen=True)
class MerchantName:
    """Who the money went to, and the platform it went through (`None` when it went straight there)."""

    merchant: str
    intermediary: str | None


# --- The words and shapes that are not the name ------------------------------------------------------

# Platform prefixes: (regex at the start of the descriptor, the platform's name). The merchant is what
# follows the prefix; when nothing does, or the platform's own name does, the platform is the merchant.
PLATFORM_PREFIXES: tuple[tuple[str, str], ...] = (
    (r"SQ(?:U|UARE)?\s*\*", "Square"),
    (r"TST\s*\*", "Toast"),
    (r"(?:PAYPAL|PP)\s*\*", "PayPal"),
    (r"PAYPAL\s+(?=[A-Z])", "PayPal"),
    (r"(?:DD\s*\*\s*(?:DOORDASH\b)?|DOORDASH\b\s*\*?)", "DoorDash"),
    (r"UBER\s*\*?\s*EATS\b\s*\*?", "Uber Eats"),
    (r"GRUBHUB\b\s*\*?", "Grubhub"),
    (r"SEAMLSS\s*\*|SEAMLESS\s*\*", "Seamless"),
    (r"(?:IC|INSTACART)\s*\*", "Instacart"),
    (r"SP\s*\*|SP\s+(?!PLUS\b|\+)(?=[A-Z])", "Shopify"),
    (r"APPLE\s+PAY\b", "Apple Pay"),
    (r"GOOGLE\s+PAY\b|GPAY\s*\*?", "Google Pay"),
    (r"GOOGLE\s*\*", "Google"),
    (r"CKO\s*\*", "Checkout.com"),
    (r"(?:ZTL|IZ|IZETTLE|ZETTLE_?)\s*\*", "Zettle"),
    (r"SUMUP\s*\*", "SumUp"),
    (r"CLV\s*\*|CLOVER\s*\*", "Clover"),
    (r"FS\s*\*", "FastSpring"),
    (r"PADDLE(?:\.NET)?\s*\*", "Paddle"),
    (r"KLARNA\s*\*", "Klarna"),
    (r"AFTERPAY\s*\*", "Afterpay"),
    (r"EB\s*\*", "Eventbrite"),
    (r"WPY\s*\*", "WePay"),
    (r"ZELLE\s+(?:PAYMENT\s+|TRANSFER\s+|MONEY\s+(?:SENT|RECEIVED)\s+)?(?:TO|FROM)\s+", "Zelle"),
    (r"VENMO\s*\*", "Venmo"),
    (r"CASH\s*APP\s*\*", "Cash App"),
)

# Platforms that also sell their own memberships ("DOORDASH*DASHPASS", "GRUBHUB*GRUBHUBPLUS").
SELLING_PLATFORMS: frozenset[str] = frozenset({"DoorDash", "Grubhub", "Instacart", "Uber Eats", "Seamless", "Shopify"})

# Processor prefixes that name no platform a person would recognise: dropped, intermediary None.
PROCESSOR_PREFIXES: tuple[str, ...] = (r"PY\s*\*", r"CKE\s*\*", r"BT\s*\*", r"LS\s*\*", r"PAR\s*\*", r"PLI\s*\*")

# Descriptors where the platform is the merchant: (regex anywhere at the start, the merchant).
OWN_SERVICES: tuple[tuple[str, str], ...] = (
    (r"(?:DD\s*\*\s*)?DOORDASH\s*\*?\s*DASHPASS", "DoorDash"),
    (r"UBER\s*\*?\s*(?:TRIP|PENDING|RIDE|BV|TECHNOLOGIES|ONE)\b|UBER\.COM|UBER\s*$", "Uber"),
    (r"UBR\s*\*", "Uber"),
    (r"LYFT\b", "Lyft"),
    (r"(?:AMZN|AMAZON)\s*(?:MKTP|MKTPL|MKTPLACE|MARKETPLACE|RETA|RETAIL|DIGITAL|DIGI|\.COM|\.CO\.UK|\.DE|\.FR"
     r"|\.ES|\.IT|\.CA|\.NL)\b|AMZN\b(?!\s*FRESH)|AMAZON\s*\*", "Amazon"),
    (r"APPLE\.COM|ITUNES\.COM|APL\s*\*\s*(?:ITUNES|APPLE)", "Apple"),
    (r"SHOPIFY\s*\*", "Shopify"),
)

# Month names (English, German, French, Spanish, Dutch) a salary line names after its salary word.
_MONTHS = ("JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|JANUAR|FEBRUAR"
           "|MAERZ|MÄRZ|MAI|JUNI|JULI|OKTOBER|DEZEMBER|JANVIER|FEVRIER|FÉVRIER|MARS|AVRIL|JUIN|JUILLET|AOUT|AOÛT"
           "|SEPTEMBRE|OCTOBRE|NOVEMBRE|DECEMBRE|DÉCEMBRE|ENERO|FEBRERO|MARZO|ABRIL|MAYO|JUNIO|JULIO|AGOSTO"
           "|SEPTIEMBRE|OCTUBRE|NOVIEMBRE|DICIEMBRE|JANUARI|FEBRUARI|MAART|MEI|AUGUSTUS")

# What a bank writes in front of the merchant for the kind of transaction (English, German, French,
# Spanish, Dutch, Italian). Matched at the start, again and again, with the noise tokens below.
LEADING_WORDS: tuple[str, ...] = (
    r"(?:ONLINE\s+)?(?:ORDER|PURCHASE)\s+(?:FROM|AT)", r"WITH\s+PIN", r"WITH\s+CASH\s*BACK(?:\s+\$?\s*[\d.,]+)?",
    r"(?:ONLINE|MOBILE)\s+(?:PAYMENT|PMT|TRANSFER)\s+(?:\d+\s+)?TO",
    r"FASTER\s+PAYMENTS?(?:\s+(?:TO|OUT|FROM|IN))?", r"RECEIPT(?:\s+REF)?",
    r"PAYROLL(?:\s+(?:DEPOSIT|DEP|CREDIT))?", r"DIRECT\s+DEP(?:OSIT)?", r"DIR\s+DEP",
    # a salary word, then the month it pays ("GEHALT MAI 2026") or "FROM"
    rf"(?:LOHN\s*/\s*GEHALT|LOHN|GEHALT|SALARY|SALAIRE|NOMINA|SALARIS|WAGES)(?:\s+(?:{_MONTHS})(?:\s+\d{{2,4}})?|\s+FROM)?",
    r"ABONO", r"TRANSFERENCIA(?:\s+(?:A\s+FAVOR\s+)?DE)?",
    r"RECU(?:\s+/DE)?", r"STANDING\s+ORDER(?:\s+TO)?", r"SO(?=\s+[A-Z])",
    r"POS(?:\s+(?:DEBIT|PURCHASE|PUR|PRCH|TRANSACTION|SALE))?", r"(?:DEBIT|CREDIT|CHECK|VISA)\s*CARD(?:\s+PURCH\w*)?",
    r"CHECKCARD", r"DBT(?:\s+(?:CRD|PURCHASE|PURCH))?", r"VISA\s+DDA\s+PUR",
    r"-?VISA(?:\s+(?:DEBIT|PURCHASE))?", r"DEBIT(?:\s+PURCH\w*)?",
    r"PURCHASE(?:\s+AUTHORI[SZ]ED)?(?:\s+ON)?", r"AUTHORI[SZ]ED\s+ON", r"PRE-?AUTH\w*(?:\s+DEBIT)?",
    r"RECURRING(?:\s+(?:PAYMENT|PMT|DEBIT|CHARGE|PURCHASE))?",
    r"ACH(?:\s+(?:DEBIT|CREDIT|PMT|PAYMENT|WEB|TEL|WITHDRAWAL|DEPOSIT))?",
    r"WITHDRAWAL(?:\s+(?:ACH|DEBIT|POS|FROM))?", r"DEPOSIT(?:\s+FROM)?",
    r"(?:ONLINE|BILL|WEB|ELECTRONIC)\s+(?:PAYMENT|PMT|PYMT)(?:\s+TO)?", r"BILL\s+PAY(?:MENT)?(?:\s+TO)?",
    r"(?:DIGITAL\s+)?CARD\s+(?:PAYMENT|PURCHASE|TRANSACTION)(?:\s+(?:TO|-))?",
    r"PAYMENT\s+TO", r"DIRECT\s+DEBIT(?:\s+TO)?",
    r"CONTACTLESS", r"\){2,}", r"VIS", r"DEB", r"DD(?=\s+[A-Z])", r"CARD(?=\s+X*\d{4}\b)",
    r"(?:SEPA[- ])?(?:BASIS|FIRMEN)?-?LASTSCHRIFT", r"(?:FOLGE|ERST)LASTSCHRIFT", r"(?:EC|GIRO|VISA)?-?KARTENZAHLUNG",
    r"GIROCARD", r"(?:SEPA[- ])?(?:ONLINE-)?(?:ÜBERWEISUNG|UEBERWEISUNG)", r"DAUERAUFTRAG", r"GUTSCHRIFT",
    r"(?:PAIEMENT|ACHAT)(?:\s+PAR)?\s+(?:CB|CARTE)", r"CB", r"CARTE(?=\s+X*\d{4}\b)", r"PRLV(?:\s+SEPA)?",
    r"PR[ÉE]L[ÈE]VEMENT(?:\s+SEPA)?", r"VIR(?:EMENT)?(?:\s+SEPA)?", r"COMPRA(?:\s+(?:TARJETA|TARJ\.?|EN))?",
    r"PAGO(?:\s+CON\s+TARJETA)?(?:\s+EN)?", r"RECIBO", r"ADEUDO", r"BEA", r"BETAALAUTOMAAT",
    r"PAGAMENTO(?:\s+POS)?", r"PENDING", r"NR[:.]\s*\S+", r"PAS\d+", r"SUBSCRIPTION", r"MEMBERSHIP",
    r"DEBITK(?:ARTE)?\.?(?:\s*\d{1,3}(?!\S))?", r"(?:VISA\s+)?DEBITKARTE", r"EC-KARTE", r"BETAALPAS", r"SEPA",
    r"(?:EUROPESE\s+)?INCASSO(?:\s+ALGEMEEN)?(?:\s+(?:DOORLOPEND|EENMALIG))?",
    r"OVERBOEKING", r"IDEAL", r"BGC", r"STO", r"FPO", r"FPI", r"TFR", r"DDR", r"BCC",
    r"CLP", r"CPT",
)

# SEPA structured-field tags (German exports): the tag and its value go; SVWZ+ (the purpose text) stays.
SEPA_TAGS: tuple[str, ...] = ("EREF", "MREF", "CRED", "KREF", "PURP", "IBAN", "BIC", "COAM", "OAMT", "SQTP",
                              "DEBT", "ABWA", "ABWE")

# ACH field markers (Bank of America, Chase): the merchant is what comes before the first of them.
ACH_FIELDS: tuple[str, ...] = ("DES", "ID", "INDN", "CO ID", "PPD ID", "WEB ID", "CCD ID", "TEL ID", "ARC ID",
                               "TRN", "CONF", "TRACE", "SEC", "REF")

# Words after the name that end it: payment words, terminal words, German thank-yous.
CUT_WORDS: frozenset[str] = frozenset({
    "PMT", "PYMT", "PYMNT", "PAYMENT", "PAYMENTS", "AUTOPAY", "AUTO-PAY", "EPAY", "E-PAY", "EPAYMENT",
    "E-PAYMENT", "ACH", "PPD", "CCD", "WEB", "DEBIT", "PURCHASE", "PENDING", "RECURRING", "XFER", "BILLPAY",
    "EZ-PAY", "EZPAY", "DANKE", "DIENSTL", "DIENSTL.", "LASTSCHRIFT", "KARTENZAHLUNG", "SEPA", "GIROCARD",
    "CONTACTLESS", "POS",
    "FIL", "FIL.", "FILIALE", "FIL.NR.", "FILNR", "NR", "NR.", "KFN", "TA-NR", "TRANSFER", "INST", "TFR",
    "PYMTS", "PMTS", "REF", "REF.", "REFERENCE", "MANDATE", "ORDER", "DEBITK", "DEBITK.", "DEBITKARTE", "EC-KARTE",
    "ZWEIGNIEDERLASSUNG", "NIEDERLASSUNG", "ZNL",
})
# The words a SEPA or standing-order purpose text (Verwendungszweck, libellé, concepto) starts with, after the
# payee's name: rent, fees, bills, customer and contract numbers (German, French, Spanish, Dutch, English).
PURPOSE_WORDS: frozenset[str] = frozenset({
    "MIETE", "MIETZAHLUNG", "KALTMIETE", "WARMMIETE", "NEBENKOSTEN", "BEITRAG", "BEITRAGE", "MITGLIEDSBEITRAG",
    "MONATSBEITRAG", "JAHRESBEITRAG", "RECHNUNG", "RECHNUNGSNR", "RECHNUNGSNUMMER", "RE-NR", "KUNDENNUMMER",
    "KUNDENNR", "KUNDEN-NR", "KD-NR", "KDNR", "KUNDENKONTO", "VERTRAG", "VERTRAGSNR", "VERTRAGSNUMMER",
    "VERTRAGSKONTO", "ABSCHLAG", "ABSCHLAGSZAHLUNG", "MONATSABO", "ABO", "BESTELLUNG", "BESTELLNR", "MANDAT",
    "MANDATSREFERENZ", "REFERENZ", "ABONNEMENT", "FACTURE", "ECHEANCE", "ÉCHÉANCE", "LOYER", "COTISATION",
    "FACTURA", "CUOTA", "ALQUILER", "RECIBO", "FACTUUR", "TERMIJN", "TERMIJNBEDRAG", "HUUR", "KLANTNUMMER",
    "KLANTNR", "BETALINGSKENMERK", "CONTRIBUTIE", "PAYROLL", "SALARY", "WAGES", "SALAIRE", "SALARIS", "GEHALT",
    "LOHN", "NOMINA", "MOTIF", "STEUERNUMMER", "STEUERNR", "ST-NR", "RENT", "CASHOUT", "DIR", "DEP", "TREAS",
})
# UK current-account transaction-type codes a bank prints after the payee (Barclays, Lloyds, HSBC, NatWest,
# Nationwide): card, contactless, direct debit, bank giro credit, standing order, faster payment, transfer,
# cash point. Stripped at the end of the name, like a state code.
UK_TYPE_CODES: frozenset[str] = frozenset({
    "BCC", "CLP", "DDR", "DD", "D/D", "BGC", "STO", "SO", "S/O", "FT", "FPO", "FPI", "TFR", "CPT", "POS", "VIS",
    "DEB", "CHQ", "CR", "DR", "OTR",
})
# Street words: a number with one of these after it starts an address ("300 WEBSTER ST OAKLAND 94607 CA").
STREET_WORDS: frozenset[str] = frozenset({
    "ST", "STREET", "AVE", "AVENUE", "BLVD", "BOULEVARD", "RD", "ROAD", "DR", "DRIVE", "LN", "LANE", "WAY", "HWY",
    "HIGHWAY", "PKWY", "PARKWAY", "PL", "PLACE", "CT", "COURT", "SQ", "SQUARE", "CIR", "TER", "STE", "SUITE",
})
# Two-word phrases that end the name ("DUKE ENERGY AUTO PAY", "REWE SAGT DANKE").
CUT_PHRASES: tuple[str, ...] = (r"AUTO\s+PAY\b", r"BILL\s+PAY\w*", r"DIRECT\s+DEBIT\b", r"SAGT\s+DANKE\b",
                                r"VIELEN\s+DANK\b", r"INST\s+XFER\b", r"ONLINE\s+(?:PMT|PYMT|PAYMENT)\b",
                                r"CHECK\s+PYMT\b", r"STORE\s*(?:#|\d{4})", r"BY\s+INSTACAR\w*", r"CARD\s+X*\d{4}$",
                                r"ON\s+\d", r"MOBILE\s+(?:PMT|PYMT|PAYMENT)\b",
                                r"CREDIT\s+(?:CRD|CARD)\b", r"TAX\s+REF(?:UND)?\b")

# Company forms and descriptor words that end a name but are not said ("TESCO STORES", "REWE MARKT GMBH").
TRAILING_WORDS: frozenset[str] = frozenset({
    "INC", "INCORPORATED", "LLC", "L.L.C", "LTD", "LIMITED", "PLC", "CORP", "CORPORATION", "CO", "COMPANY",
    "GMBH", "AG", "KG", "OHG", "UG", "E.K", "EK", "MBH", "SARL", "SAS", "SA", "SRL", "SPA", "S.P.A", "BV", "B.V",
    "NV", "N.V", "SL", "S.L", "SLU", "STORES", "S/MKTS", "S/MKT", "MARKT", "SUPERSTORE", "SUBSCRIPTION", "MEMBERSHIP",
    "PENDING", "ONLINE", "ON-LINE", "COM", ".COM", "SVCS", "SVC", "PFS", "&", "AND",
    "-", "/", "US", "USA", "AB", "AS", "ASA", "OY", "OYJ", "APS", "A/S", "S.A.R.L",
    "SCA", "S.C.A", "CIE", "E.V", "EG", "KGAA", "S.A", "S.A.S", "S.L.U", "S.A.U", "SAU", "S.R.L", "EURL", "LLP",
    "AOER", "AÖR",
})
# The legal forms among them: once one is gone, the entity's region words before it go too
# ("NETFLIX INTERNATIONAL B.V." → "Netflix", "GOOGLE IRELAND LIMITED" → "Google").
LEGAL_FORMS: frozenset[str] = frozenset({
    "INC", "INCORPORATED", "LLC", "L.L.C", "LTD", "LIMITED", "PLC", "CORP", "CORPORATION", "GMBH", "AG", "KG", "OHG",
    "UG", "E.K", "MBH", "SARL", "S.A.R.L", "SAS", "SA", "SRL", "SPA", "S.P.A", "BV", "B.V", "NV", "N.V", "SL", "S.L",
    "SLU", "SCA", "S.C.A", "CIE", "AB", "AS", "ASA", "OY", "OYJ", "APS", "A/S", "E.V", "EG", "KGAA", "S.A",
    "S.A.S", "S.L.U", "S.A.U", "SAU", "S.R.L", "EURL", "LLP", "AOER", "AÖR",
})
# The legal forms that end a payee's name wherever they stand, for the purpose text after them
# ("Hausverwaltung Brandl GmbH Miete Januar", "EDF SA FACTURE 123"); the ones that are also words or codes
# ("AS", "SPA", "CO", "NV", "SE") end it only as its last word.
NAME_ENDING_FORMS: frozenset[str] = LEGAL_FORMS - {"AS", "SPA", "NV", "CIE", "CORP", "CORPORATION", "INCORPORATED"}
ENTITY_WORDS: frozenset[str] = frozenset({
    "INTERNATIONAL", "INTL", "EUROPE", "EU", "DEUTSCHLAND", "GERMANY", "IRELAND", "FRANCE", "ESPANA", "ITALIA",
    "NEDERLAND", "HOLDINGS", "HOLDING", "ET", "&", "CO", "UK", "SERVICES", "DISTRIBUTION", "PAYMENTS",
    "ESPAÑA", "IBERIA", "BELGIUM", "BELGIQUE", "AUSTRIA", "OSTERREICH", "SCHWEIZ", "SUISSE", "LUXEMBOURG", "SALES",
    "VERTRIEB", "VERTRIEBS", "HANDELS", "DE", "OF",
})

# US state and territory codes, Canadian province codes, and country codes, as the last words of a
# descriptor: stripped there, never inside a name.
US_STATES: frozenset[str] = frozenset({
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
    "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH",
    "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR", "VI", "GU",
})
CA_PROVINCES: frozenset[str] = frozenset({
    "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
})
# ISO 3166 alpha-2 and alpha-3 codes of the countries whose statements the project reads, and "UK".
COUNTRY_CODES: frozenset[str] = frozenset({
    "US", "USA", "CA", "CAN", "GB", "GBR", "UK", "IE", "IRL", "DE", "DEU", "AT", "AUT", "CH", "CHE", "FR",
    "FRA", "BE", "BEL", "NL", "NLD", "LU", "LUX", "ES", "ESP", "PT", "PRT", "IT", "ITA", "DK", "DNK", "SE",
    "SWE", "NO", "NOR", "FI", "FIN", "PL", "POL", "CZ", "CZE",
})

# Names whose number is part of them, kept whole before store numbers are cut.
NUMBERED_NAMES: tuple[str, ...] = ("FOREVER 21", "MOTEL 6", "SUPER 8", "STUDIO 6", "PIER 1", "ROUTE 66", "TOYS R US",
                                   "7 ELEVEN", "CHANNEL 4", "5 GUYS", "CB2", "76")

# Google's own services behind "GOOGLE *": the merchant is Google (or YouTube), not a third party.
GOOGLE_SERVICES: dict[str, str] = {
    "ADS": "Google Ads", "SVCSAPPS": "Google Workspace", "GSUITE": "Google Workspace",
    "WORKSPACE": "Google Workspace", "CLOUD": "Google Cloud", "STORAGE": "Google One", "FI": "Google Fi",
    "DOMAINS": "Google Domains", "PLAY": "Google Play", "ONE": "Google One", "NEST": "Google Nest",
}

# Kinds of place that are not a name on their own: a city after one of them is part of the name
# ("CAFE PARIS", "PIZZA NAPOLI"), not where it is.
GENERIC_WORDS: frozenset[str] = frozenset({
    "CAFE", "CAFFE", "COFFEE", "PIZZA", "PIZZERIA", "HOTEL", "BAR", "PUB", "BISTRO", "RESTAURANT", "TRATTORIA",
    "TAVERNA", "DELI", "BAKERY", "GRILL", "SUSHI", "TACO", "TACOS", "KEBAB", "DINER", "BURGER", "NOODLE", "RAMEN",
    "CURRY", "TASTE", "LITTLE", "NEW", "OLD", "GRAND", "ROYAL", "CITY", "HOSTEL", "INN", "MOTEL", "THE", "CLUB",
})

# Transfers between a person's own accounts name the other account, not a payee: "ONLINE TRANSFER TO SAV
# XXXXXX4821" is money moved to Savings ("Sav" is no merchant), "Umbuchung auf Tagesgeldkonto" to the
# Tagesgeldkonto. The account words, and the name a person gives that account.
OWN_ACCOUNTS: dict[str, str] = {
    "SAV": "Savings", "SAVE": "Savings", "SAVING": "Savings", "SAVINGS": "Savings", "SAVER": "Savings",
    "SVGS": "Savings", "SVG": "Savings", "CHK": "Checking", "CHKG": "Checking", "CHECKING": "Checking",
    "CHEQUING": "Checking", "DDA": "Checking", "MMA": "Money Market", "MONEY MARKET": "Money Market",
    "BROKERAGE": "Brokerage", "CURRENT ACCOUNT": "Current Account",
    "SPARKONTO": "Sparkonto", "TAGESGELD": "Tagesgeldkonto", "TAGESGELDKONTO": "Tagesgeldkonto",
    "GIROKONTO": "Girokonto", "DEPOT": "Depot", "SPARBUCH": "Sparbuch", "EPARGNE": "Épargne",
    "ÉPARGNE": "Épargne", "LIVRET A": "Livret A", "AHORRO": "Ahorro", "SPAARREKENING": "Spaarrekening",
}

# How councils abbreviate themselves before "CTAX" ("MANCHESTER CC CTAX").
COUNCIL_ABBREVIATIONS: dict[str, str] = {"CC": "City Council", "BC": "Borough Council", "DC": "District Council",
                                         "MBC": "Metropolitan Borough Council", "CBC": "County Borough Council"}

# Short names people write in capitals.
ACRONYMS: frozenset[str] = frozenset({
    "CVS", "KFC", "AMC", "IHOP", "BP", "UPS", "USPS", "DHL", "H&M", "AT&T", "TJ", "IKEA", "REI", "HEB", "QT", "REWE",
    "OBI", "BMW", "HBO", "ESPN", "NYC", "USAA", "AAA", "ATM", "TSA", "DMV", "IRS", "NHS", "EE", "BT", "HSBC", "JD",
    "WH", "DSW", "GNC", "IMAX", "LA", "DM", "TK", "C&A", "NBA", "NFL", "MLB", "PBS", "NPR", "HP",
    "LG", "IBM", "AWS", "SNCF", "DB", "BVG", "MVG", "HVV", "TFL", "KLM", "BA", "UA", "EDF", "RATP", "NS", "IMDB",
    "CB2", "ABC", "BBC", "ITV", "SSE", "PG&E", "SDG&E", "O2", "RBC", "TD", "BJ", "MTA", "NYCT",
    "WMATA", "BART", "DOT", "SEPTA", "MBTA", "CTA", "NJT", "LIRR", "ARD", "GEZ", "HMRC", "DVLA", "HEMA", "SSA", "DWP",
})
# Spellings people use that title case would not give.
BRAND_CASING: dict[str, str] = {
    "MCDONALDS": "McDonald's", "MCDONALD'S": "McDonald's", "DOORDASH": "DoorDash", "PAYPAL": "PayPal",
    "YOUTUBE": "YouTube", "ITUNES": "iTunes", "EBAY": "eBay", "LINKEDIN": "LinkedIn", "GITHUB": "GitHub",
    "WAL-MART": "Walmart", "WM SUPERCENTER": "Walmart", "WALMART SUPERCENTER": "Walmart", "CHICK-FIL-A": "Chick-fil-A",
    "7-ELEVEN": "7-Eleven", "7 ELEVEN": "7-Eleven", "HELLOFRESH": "HelloFresh", "JETBLUE": "JetBlue",
    "WHOLEFDS": "Whole Foods", "WHOLEFDS MKT": "Whole Foods", "WHOLE FOODS MARKET": "Whole Foods",
    "SAMSCLUB": "Sam's Club", "SAMS CLUB": "Sam's Club", "TJMAXX": "TJ Maxx", "T J MAXX": "TJ Maxx",
    "LOWES": "Lowe's", "KOHLS": "Kohl's", "MACYS": "Macy's", "DILLARDS": "Dillard's", "WENDYS": "Wendy's",
    "ARBYS": "Arby's", "DENNYS": "Denny's", "CHILIS": "Chili's", "APPLEBEES": "Applebee's", "ZAXBYS": "Zaxby's",
    "SAINSBURYS": "Sainsbury's", "SAINSBURY'S": "Sainsbury's", "TRADER JOES": "Trader Joe's",
    "BOOKING.COM": "Booking.com", "HOTELS.COM": "Hotels.com", "TACOBELL": "Taco Bell", "BURGERKING": "Burger King",
    "IN-N-OUT": "In-N-Out", "INNOUT": "In-N-Out", "T-MOBILE": "T-Mobile", "TMOBILE": "T-Mobile", "ATT": "AT&T",
    "DUNKIN": "Dunkin'", "CVS/PHARMACY": "CVS Pharmacy", "UBER EATS": "Uber Eats", "EDEKA": "Edeka",
    "BJS": "BJ's", "DM-DROGERIE MARKT": "dm", "DM DROGERIE MARKT": "dm", "DM DROGERIEMARKT": "dm",
    "NETTO MARKEN-DISCOUNT": "Netto", "NETTO MARKEN DISCOUNT": "Netto", "TOYS R US": "Toys R Us",
    "STARBUCKS COFFEE": "Starbucks", "COSTCO WHSE": "Costco", "COSTCO WHOLESALE": "Costco", "COSTCO GAS": "Costco Gas",
    "ALDI SUED": "Aldi Süd", "ALDI SUD": "Aldi Süd", "EXXONMOBIL": "ExxonMobil", "DB VERTRIEB": "Deutsche Bahn",
    "DB FERNVERKEHR": "Deutsche Bahn", "UBEREATS": "Uber Eats", "E.ON": "E.ON", "EON": "E.ON", "JUSTEAT": "Just Eat",
    "CO-OP": "Co-op", "BOL.COM": "Bol.com",
}
# Small words written in lower case inside a name ("Bank of America", "Pret a Manger").
LOWER_WORDS: frozenset[str] = frozenset({"OF", "AND", "THE", "A", "AN", "AT", "BY", "FOR", "IN", "ON", "DE", "DU",
                                         "DES", "LA", "LE", "VON", "VAN", "DER", "Y", "DI", "DEL"})

# --- Compiled shapes ---------------------------------------------------------------------------------

_TLD = r"(?:COM|NET|ORG|IO|CO|GOV|AC|UK|DE|FR|ES|IT|NL|EU|BE|AT|CH|IE|CA|US|TV|APP|ME|AI|LY|GG|INFO|BIZ)"
_URL = re.compile(rf"(?:HTTPS?://)?(?:WWW\.)?((?:[A-Z0-9-]+\.)*?([A-Z0-9-]+))(?:\.{_TLD})+(?:/\S*)?", re.I)
_DATE = (r"\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?(?:/\d{1,2}[:.]\d{2})?\.?|\d{4}-\d{2}-\d{2}(?:T[\d:]+)?"
         r"|\d{1,2}:\d{2}(?::\d{2})?")
_PHONE = r"\d{3}-[A-Z]{4,}|\(?\d{3}\)?[-.]?\d{3}[-.]?\d{4}|\d{3}-\d{7}|\d{3}-\d{4}|\+\d[\d-]*|1-\d{3}-\d{3}-\d{4}"
# A token that is never part of a name: store and terminal numbers, references, card masks, dates, phones,
# money. (Pure numbers of one to three digits are judged by what follows them.)
NOISE_TOKEN = re.compile(
    rf"""(?:\#\S*|No\.?\d+|\d{{4,}}|0\d+|[A-Z]{{1,2}}\d{{3,}}[A-Z0-9]*|[A-Z]{{3,}}\d{{4,}}|[A-Z]-\d{{3,}}|WWW\.\S*\.
    |(?=[A-Z0-9]*\d[A-Z])(?=(?:[A-Z]*\d){{2}})[A-Z0-9]{{6,}}
    |X{{2,}}\d*|\.{{2,}}\d*|\*+\d+|X\d{{4}}
    |{_DATE}|{_PHONE}|\d+(?:ST|ND|RD|TH)?-\d+|[$€£]\d[\d,.]*|\d+[.,]\d{{2}}(?:EUR|USD|GBP)?|EUR|USD|GBP)[,.;:]*""",
    re.I | re.X)
_LEAD = re.compile(
    rf"^(?:(?:{'|'.join(LEADING_WORDS)})(?![\w*])|(?:{_DATE})(?!\S)|X*\d{{4,}}(?!\S)|[-:/,.]+(?!\S)|ON\s+(?=\d))\s*",
    re.I)
# One alternation for all prefixes, tried in order: own services, platforms, anonymous processors.
_PREFIX_NAMES = {f"o{i}": name for i, (_, name) in enumerate(OWN_SERVICES)} | {
    f"p{i}": name for i, (_, name) in enumerate(PLATFORM_PREFIXES)}
_PREFIX = re.compile(
    "^(?:" + "|".join([f"(?P<o{i}>{p})" for i, (p, _) in enumerate(OWN_SERVICES)]
                      + [f"(?P<p{i}>{p})" for i, (p, _) in enumerate(PLATFORM_PREFIXES)]
                      + [f"(?P<x>{'|'.join(PROCESSOR_PREFIXES)})"]) + r")\s*", re.I)
_SEPA_VALUE = re.compile(rf"\b(?:{'|'.join(t for t in SEPA_TAGS if t not in ('ABWA', 'ABWE'))})\+\S*", re.I)
_SEPA_NAME = re.compile(r"\b(?:ABWA|ABWE)\+.*?(?=\b[A-Z]{4}\+|$)", re.I)
_ACH_CUT = re.compile(r"\s(?:" + "|".join(f.replace(" ", r"\s") for f in ACH_FIELDS) + r")\s*[:#]", re.I)
_ORIG_CO = re.compile(r"ORIG\s+CO\s+NAME\s*:\s*(.+?)(?=\s+(?:ORIG\s+ID|CO\s+ENTRY|DESC\s+DATE|SEC|IND\s+(?:ID|NAME))"
                      r"\s*:|$)", re.I)
_PAYPAL_ACH = re.compile(r"^PAYPAL\s+DES:.*?\bID:\s*([A-Z][A-Z0-9 .&'-]*?)\s*(?:INDN:|CO\s+ID:|$)", re.I)
_EINKAUF = re.compile(r"\b(?:IHR\s+)?EINKAUF\s+BEI\s+(.+)$", re.I)
_CUT_PHRASE = re.compile(rf"\s(?:{'|'.join(CUT_PHRASES)}).*$", re.I)
_FIELD_GAP = re.compile(r"\S\s{3,}\S")
_GAP_STAR = re.compile(r"\s{2,}\*")  # "UBER   *EATS": a padded platform prefix, not two fields
# Nationwide's card line: the amount, its currency and the rate after the name ("SAINSBURYS S/MKTS,3.45 GBP, RATE")
_CARD_AMOUNT = re.compile(r",\s*\d[\d.,]*\s*(?:GBP|EUR|USD)\b.*$", re.I)
_SPACES = re.compile(r"\s+")
_STAR = re.compile(r"(?<=\S)(?=[*#])")
_NUMBERED = re.compile(r"\b(?:" + "|".join(re.escape(n).replace(r"\ ", r"[\s-]") for n in NUMBERED_NAMES) + r")\b",
                       re.I)
_WORD_CHAR = re.compile(r"\w")
_LETTER = re.compile(r"[A-ZÀ-ÿ]", re.I)
_VOWEL = re.compile(r"[AEIOUYÄÖÜÀ-Ý]", re.I)
_GLUE = "\u00a0"  # joins the words of a numbered name into one token until display
_REGION_CODES = US_STATES | CA_PROVINCES | COUNTRY_CODES
_TRUNCATED_PLACES = frozenset(p[:13].rstrip() for p in PLACES if len(p) > 13)
_PLACE_LAST_WORDS = frozenset(p.rsplit(" ", 1)[-1] for p in PLACES | _TRUNCATED_PLACES)
_BRAND_HEADS = frozenset(k.split(" ", 1)[0] for k in BRAND_CASING if " " in k)
_NAME_ENDS = re.compile(rf"\*.*|\|\||-|\){{2,}}|{NOISE_TOKEN.pattern}|{_URL.pattern}", re.I | re.X)
_CUTS = CUT_WORDS | PURPOSE_WORDS
_COUNCIL_TAX = re.compile(r"\b(?:COUNCIL\s*TAX|CNCL\s*TAX|C\.?\s?TAX|C/TAX)\b", re.I)
_BOROUGH = re.compile(r"^(?:(?:LONDON|ROYAL)\s+BOROUGH\s+OF|BOROUGH\s+OF|CITY\s+OF|LB|RB|LBO|RBK)\s+", re.I)
_GLUED_COMMA = re.compile(r",(?=[A-Z])", re.I)
_HYPHEN_REF = re.compile(rf"^([A-Z]{{2,}})-((?:{NOISE_TOKEN.pattern}))$", re.I | re.X)
_MAX_PLACE_WORDS = max(len(p.split()) for p in PLACES)
_ACCOUNT_WORDS = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in OWN_ACCOUNTS), key=len, reverse=True))
_OWN_ACCOUNT = re.compile(
    r"^(?:(?:ONLINE|MOBILE|INTERNET|INSTANT|INTERNAL|BOOK|AUTOMATIC|AUTO|RECURRING|SCHEDULED)\s+)*"
    r"(?:TRANSFER|TRANSFERENCIA|TFR|TRF|XFER|UMBUCHUNG|(?:Ü|UE)BERTRAG|DAUERAUFTRAG|(?:Ü|UE)BERWEISUNG|VIREMENT"
    r"|VIR|OVERBOEKING|DEPOSIT|WITHDRAWAL)\s+(?:(?:TO|FROM|AUF|VON|AN|ZU|VERS|DE|A|NAAR|VAN)\s+)"
    r"(?:(?:YOUR|MY|MEIN|MEINE|DAS|DEN|LE|MON|MIJN|MI|SHARE|A)\s+)?"
    rf"(?P<account>{_ACCOUNT_WORDS})(?![\w])", re.I)


def _prepare(description: str) -> str:
    """One line, straight quotes, German and ACH fields reduced to the part that names the payee."""
    text = unicodedata.normalize("NFKC", description).replace("’", "'").replace("`", "'")
    upper = text.upper()
    if "ORIG" in upper and (match := _ORIG_CO.search(text)) is not None:
        text = match.group(1)
    if "+" in text:
        text = _SEPA_NAME.sub(" ", _SEPA_VALUE.sub(" ", text)).replace("SVWZ+", " ").replace("svwz+", " ")
    if "EINKAUF" in upper and (match := _EINKAUF.search(text)) is not None and match.group(1).strip(" ,."):
        text = ("PAYPAL *" if re.search(r"\bPAYPAL\b|\bPP\.", text, re.I) else "") + match.group(1)
    if "," in text:
        text = _CARD_AMOUNT.sub("", text)
    if "  " in text and "*" in text:
        text = _GAP_STAR.sub(" *", text)
    if "   " in text or "\t" in text:
        text = _FIELD_GAP.sub(lambda m: f"{m.group(0)[0]} || {m.group(0)[-1]}", text.strip())
    text = " ".join(text.split())
    if "," in text:  # "Jumbo Utrecht,PAS123": the comma ends a field
        text = _GLUED_COMMA.sub(", ", text)
    if "//" in text:
        text = text.replace("//", " || ")
    if ":" in text or "#" in text:
        if (match := _PAYPAL_ACH.match(text)) is not None:
            return "PAYPAL *" + match.group(1)
        if (cut := _ACH_CUT.search(text)) is not None and cut.start() > 0:
            text = text[: cut.start()]
    return text.strip()


def _strip_lead(text: str) -> str:
    while (match := _LEAD.match(text)) is not None and match.end() > 0:
        text = text[match.end():]
    return text


def _peel(text: str) -> tuple[str, str | None, str | None]:
    """(the rest, the platform it went through, the merchant when the descriptor's own service is paid)."""
    platforms: list[str] = []
    for _ in range(3):
        text = _strip_lead(text)
        if (match := _PREFIX.match(text)) is None:
            break
        kind = match.lastgroup or "x"
        if kind.startswith("o"):
            return "", platforms[0] if platforms else None, _PREFIX_NAMES[kind]
        text = text[match.end():]
        if kind.startswith("p"):
            platforms.append(_PREFIX_NAMES[kind])
    if len(set(platforms)) > 1 and not text.strip():  # "PAYPAL *UBEREATS": Uber Eats was paid through PayPal
        return "", platforms[0], platforms[-1]
    return text, platforms[0] if platforms else None, None


def _is_code(word: str) -> bool:
    return word.upper().rstrip(".") in _REGION_CODES


def _place_key(words: list[str]) -> str:
    return " ".join(w.upper().replace(".", "").replace("-", " ") for w in words)


def _place_at_end(words: list[str], known: frozenset[str], truncated: bool, keep: int = 1) -> int:
    """How many of the last words are a place in `known` (0 if none), leaving at least `keep` words."""
    if words[-1].upper().replace(".", "").rsplit("-", 1)[-1] not in _PLACE_LAST_WORDS:
        return 0
    for n in range(min(_MAX_PLACE_WORDS, len(words) - keep), 0, -1):
        tail = _place_key(words[-n:])
        if tail in known or (truncated and tail in _TRUNCATED_PLACES):
            return n
    return 0


def _is_location(tokens: list[str]) -> bool:
    """Whether the tokens are only a place and its codes ("NEW YORK NY", "LONDON GB", "CA")."""
    tokens = [t for t in tokens if t]
    while tokens and _is_code(tokens[-1]):
        tokens.pop()
    return not tokens or _place_at_end(tokens, PLACES, True, keep=0) == len(tokens)


def _ends_name(token: str) -> bool:
    """A token after which nothing more is the name: a reference, a separator, a payment word, an address."""
    return token.upper().rstrip(",;:") in _CUTS or _NAME_ENDS.fullmatch(token.rstrip(",;:")) is not None


def _legal_form(token: str) -> str | None:
    """The legal form a token is or ends in ("GmbH", "B.V.", "GmbH-Zweigniederlassung" → "GmbH",
    "Versicherungs-AG" → "AG"), or None."""
    if token.upper().rstrip(".") in NAME_ENDING_FORMS:
        return token
    if "-" in token:
        for part in token.split("-"):
            if part.upper().rstrip(".") in NAME_ENDING_FORMS:
                return part
    return None


def _domain_tail(token: str, words: list[str]) -> str | None:
    """The last word of the name when a bare domain after it ends it ("JUST EAT.CO.UK" → "EAT"), or None: not
    for a subdomain, a path, the name's own domain ("NETFLIX NETFLIX.COM", "STEAM GAMES STEAMPOWERED.COM") or
    a domain after a country ("AUDIBLE UK ADBL.CO.UK")."""
    url = _URL.fullmatch(token)
    if url is None or url.group(1) != url.group(2) or "/" in token or not url.group(2).isalpha() or _is_code(words[-1]):
        return None
    domain, name = compact_key(url.group(2)), compact_key("".join(words))
    return None if domain in name or domain.startswith(compact_key(words[0])[:4]) else url.group(2)


def _name_words(text: str) -> list[str]:
    """The words of the name: from the first name-like word up to the first word that cannot be in a name."""
    text = _NUMBERED.sub(lambda m: _GLUE.join(m.group(0).split()), text)
    text = _CUT_PHRASE.sub("", " " + text).strip()
    tokens = [t for t in _STAR.sub(" ", text).split(" ") if t]
    if "-" in text:  # "DVLA-AB12CDE": a reference glued to the name
        tokens = [w for t in tokens for w in (_HYPHEN_REF.sub(r"\1 \2", t).split(" ") if "-" in t else [t])]
    if "/" in text:  # "PG&E/EZ-PAY", "CVS/PHARMACY": two words; not a date, an address or "S/MKTS"
        tokens = [w for t in tokens for w in (t.split("/") if "/" in t and t.upper() not in TRAILING_WORDS
                                              and not _NAME_ENDS.fullmatch(t) else [t]) if w]
    words: list[str] = []
    for i, token in enumerate(tokens):
        bare = token.rstrip(",;:")
        if not words:
            url = _URL.fullmatch(bare)
            if url is not None:
                words.append(bare.upper() if bare.upper() in BRAND_CASING else url.group(2))
                break  # a descriptor that starts with a domain is named by it; what follows is where it is
            elif _ends_name(token) or not _WORD_CHAR.search(token):
                continue
            else:
                words.append(bare)
        elif (form := _legal_form(bare)) is not None:
            words.append(form)  # the name ends at its legal form; _strip_tail takes the form off
            break
        elif _ends_name(token):
            if (tail := _domain_tail(bare, words)) is not None:
                words.append(tail)
            break
        elif token.isdigit() and (i + 1 == len(tokens) or _ends_name(tokens[i + 1]) or _is_location(tokens[i + 1:])
                                  or STREET_WORDS.intersection(t.upper().rstrip(".,") for t in tokens[i + 2:i + 5])):
            break  # a store number or an address ("300 WEBSTER ST"), not a number in the name ("ROUTE 66 DINER")
        else:
            words.append(bare)
        if token.endswith(","):
            break
    return words


def _strip_tail(words: list[str]) -> list[str]:
    """Drop the location and company words at the end: state and country codes, then the city, then INC/GMBH."""
    coded = False
    while len(words) > 1 and (_is_code(words[-1]) or words[-1].upper() in UK_TYPE_CODES):
        coded = coded or _is_code(words[-1])
        words.pop()
    if len(words) > 1:
        n = _place_at_end(words, PLACES if coded else MAJOR_PLACES, coded)
        if n and not (len(words) - n == 1 and words[0].upper() in GENERIC_WORDS):  # "CAFE PARIS" is a name
            del words[len(words) - n:]
            while len(words) > 1 and _is_code(words[-1]):  # "LIDL GB LONDON"
                words.pop()
    legal = False
    while len(words) > 1 and " ".join(words).upper() not in BRAND_CASING:
        last = words[-1].upper().rstrip(".,")
        if last in TRAILING_WORDS or (legal and last in ENTITY_WORDS) or not _WORD_CHAR.search(last):
            legal = legal or last in LEGAL_FORMS
            words.pop()
        else:
            break
    return words


def _case_word(word: str, first: bool) -> str:
    if word != word.upper() and word != word.lower():
        return word  # the descriptor already has a person's casing ("McDonald's", "iTunes")
    upper = word.upper()
    if upper in BRAND_CASING:
        return BRAND_CASING[upper]
    if upper in ACRONYMS or (1 < len(upper) <= 4 and upper.isalpha() and not _VOWEL.search(upper)):
        return upper
    if len(upper) <= 4 and upper.isalnum() and upper[0].isalpha() and not upper.isalpha():
        return upper  # "H3G", "O2"
    if not first and upper in LOWER_WORDS:
        return word.lower()
    if "-" in word:
        return "-".join(_case_word(part, True) for part in word.split("-"))
    if "'" in word:
        head, _, tail = word.partition("'")
        return _case_word(head, first) + "'" + (tail.capitalize() if len(head) == 1 else tail.lower())
    if re.fullmatch(r"MC[A-Z]{3,}", upper):
        return "Mc" + upper[2:].capitalize()
    return word.capitalize()


def _display(words: list[str]) -> str:
    """The words as a person writes the name: title case, brand spellings, "JOE S" as "Joe's"."""
    words = [w for word in words for w in word.split(_GLUE)] if _GLUE in "".join(words) else words
    whole = " ".join(words).upper()
    if whole in BRAND_CASING:
        return BRAND_CASING[whole]
    if words and words[0].upper() in _BRAND_HEADS:  # a brand spelling for the first words ("WHOLEFDS MKT ...")
        for n in range(len(words) - 1, 1, -1):
            if (head := " ".join(words[:n]).upper()) in BRAND_CASING:
                return BRAND_CASING[head]
    cased: list[str] = []
    for i, word in enumerate(words):
        if word.upper() == "S" and cased and not cased[-1].upper().endswith("S"):
            cased[-1] += "'s"  # banks print the apostrophe as a space ("TRADER JOE S")
        else:
            cased.append(_case_word(word, i == 0))
    return " ".join(cased)


def _fallback(description: str) -> str:
    """Every word was stripped: keep the ones with letters that are not references, else the text itself."""
    words = [w for w in _SPACES.sub(" ", description).split() if _LETTER.search(w) and not NOISE_TOKEN.fullmatch(w)]
    return _display(words) if words else description.strip()


def _council(text: str) -> str | None:
    """The council a UK council-tax payment goes to ("LB HACKNEY CTAX" → "Hackney Council", "BRISTOL CITY
    COUNCIL CTAX" → "Bristol City Council"), or None when the text names no council tax."""
    match = _COUNCIL_TAX.search(text)
    if match is None:
        return None
    rest = _BOROUGH.sub("", _strip_lead(f"{text[:match.start()]} {text[match.end():]}".strip()))
    words = _name_words(rest)
    while words and (words[-1].upper() in UK_TYPE_CODES or _is_code(words[-1])):
        words.pop()
    if not words:
        return None
    upper = [w.upper() for w in words]
    if "COUNCIL" in upper:
        return _display(words[: upper.index("COUNCIL") + 1])
    if len(words) > 1 and upper[-1] in COUNCIL_ABBREVIATIONS:
        return _display(words[:-1]) + " " + COUNCIL_ABBREVIATIONS[upper[-1]]
    return _display(words) + " Council"


def _google_service(rest: str) -> str | None:
    """Google's own service named after "GOOGLE *" ("ADS1234" → "Google Ads"), or None for an app sold there."""
    letters = re.match(r"[A-Z]*", rest.upper()).group(0)  # the letters before a reference ("ADS1234567890")
    if letters.startswith(("GOOGLE", "YOUTUBE")):
        return _display(_strip_tail(_name_words(rest))) or "Google"
    return GOOGLE_SERVICES.get(letters) or None


@lru_cache(maxsize=65_536)  # statements repeat their merchants; MerchantName is immutable
def clean_merchant(description: str) -> MerchantName:
    """The merchant a descriptor names and the platform it went through.

    "SQ *BLUE BOTTLE COFFEE OAKLAND CA" → ("Blue Bottle Coffee", "Square"); "KROGER #0412 COLUMBUS OH" →
    ("Kroger", None); "UBER *TRIP HELP.UBER.COM CA" → ("Uber", None). Never empty for a non-empty text.
    """
    if not description.strip():
        return MerchantName("", None)
    prepared = _prepare(description)
    if (account := _OWN_ACCOUNT.match(prepared)) is not None:
        return MerchantName(OWN_ACCOUNTS[" ".join(account["account"].upper().split())], None)
    if "TAX" in prepared.upper() and (council := _council(prepared)) is not None:
        return MerchantName(council, None)
    rest, intermediary, own = _peel(prepared)
    if own is not None:
        return MerchantName(own, intermediary)
    if intermediary == "Google" and (service := _google_service(rest)) is not None:
        return MerchantName(service, None)
    if intermediary is not None and _is_location(_strip_lead(rest).split()):
        return MerchantName(intermediary, None)  # "UBER* EATS LONDON GB": nothing but a place after the platform
    merchant = _display(_strip_tail(_name_words(rest)))
    if intermediary is not None and (not merchant or compact_key(intermediary).startswith(compact_key(merchant))
                                     or (intermediary in SELLING_PLATFORMS and compact_key(merchant.split()[0])
                                         .startswith(compact_key(intermediary)))):
        return MerchantName(intermediary, None)  # the platform itself was paid ("GRUBHUB*GRUBHUBPLUS")
    return MerchantName(merchant or _fallback(description), intermediary)
