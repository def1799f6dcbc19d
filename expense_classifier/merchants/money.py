"""Money that is not spending: income, and money moved between the user's own accounts.

A statement mixes spending with pay coming in, card bills paid from checking, savings top-ups and cash
taken out. None of those is an expense category, and counting them as one double-counts (the card bill
is the purchases again) or calls pay "Shopping". `money_category` names them from the words and, where
the words alone are not enough, the direction of the money.

Decisions: a cash withdrawal is money moved, not spent (the spending happens later, in cash), so it is a
Transfer; so are investment contributions to the user's own brokerage and moving a PayPal or Venmo balance
to the bank. A refund keeps its merchant's category (None here). A bill paid by AUTOPAY is spending: only
the shapes of a card payment ("PAYMENT THANK YOU", "CHASE CREDIT CRD AUTOPAY") are transfers.

Hand-written: no maintained library sorts statement lines into income and transfers.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MONEY_IN_CATEGORIES = ("Income", "Transfer")


def _words(*patterns: str) -> re.Pattern[str]:
    """One pattern for many (keep `^` out of them: an anchored alternative makes `re` try every position)."""
    return re.compile("|".join(rf"(?:{p})" for p in patterns))


# --- Transfers: the words decide, in either direction -----------------------------------------------

_ACCOUNT = (r"(?:MY\s+)?(?:SAV\w*|CHK|CHECKING|SHARE|ACCT|ACCOUNT|MMA|MONEY\s+MARKET|BROKERAGE|IRA|ROTH|INVESTMENT"
            r"|CD|HYSA|X+\d+|\.{2,}\d+|\*+\d+)")
# Between the user's own accounts (English, German, French, Spanish, Italian, Dutch).
OWN_ACCOUNT_TRANSFER = _words(
    r"\b(?:ONLINE|INTERNAL|MOBILE|BOOK|FUNDS|ACCOUNT|ACCT|INTRA|SAVINGS|CHECKING|SHARE)\s+(?:BANKING\s+)?"
    r"(?:TRANSFER|XFER|TFR|TRF)\b",
    rf"\b(?:TRANSFER|XFER|TFR|TRF)\s+(?:TO|FROM|FRM)\s+{_ACCOUNT}",
    r"\b(?:SAV|CHK|CHECKING|SAVINGS)\s+(?:TO|>)\s+(?:SAV|CHK|CHECKING|SAVINGS)\b",
    r"\bTRANSFER\s+BETWEEN\s+(?:MY\s+)?ACCOUNTS\b", r"\bOWN\s+ACCOUNTS?\b", r"\bSAVINGS\s+POT\b",
    r"\bPOT\s+(?:TRANSFER|TOP\s?UP)\b", r"\b(?:TRANSFER|MOVE)\s+(?:TO|FROM)\s+POT\b",
    r"\bEIGENE[SN]?\s+KONT", r"\bEIGENUE?BERTRAG\b", r"\bUMBUCHUNG\b", r"\bKONTOUE?BERTRAG\b", r"\bUE?BERTRAG\b",
    r"\bTAGESGELD", r"\bSPARKONTO\b", r"\bSPARPLAN\b",
    r"\bVIR(?:EMENT|T)?\.?\s+(?:SEPA\s+)?INTERNE?\b", r"\bDE\s+COMPTE\s+A\s+COMPTE\b", r"\bLIVRET\b", r"\bLDDS\b",
    r"\bVERS\s+(?:MON\s+)?EPARGNE\b",
    r"\bTRASPASO\b", r"\bENTRE\s+CUENTAS\b", r"\bCUENTA\s+PROPIA\b", r"\bGIROCONTO\b", r"\bEIGEN\s+REKENING\b",
    r"\bSPAARREKENING\b",
)
# Cash in or out of a machine or a counter (not the fee for it).
CASH = _words(
    r"\bATM\b", r"\bCASH\s+(?:WITHDRAWAL|WDL|W/D|DEPOSIT)\b", r"\b(?:COUNTER|BRANCH|TELLER)\s+(?:WITHDRAWAL|WDL|W/D)\b",
    r"\bCASHPOINT\b",
    r"\bCASH\s+MACHINE\b", r"\bLI?NK\s+ATM\b", r"\bCPT\s", r"\bGELDAUTOMAT", r"\bBARGELD", r"\bAUSZAHLUNG\s+GAA\b",
    r"\bGAA\b", r"\bRETRAIT\b", r"\bDAB\b", r"\bCAJERO\b", r"\bREINTEGRO\b", r"\bDISPOSICION\s+(?:DE\s+)?EFECTIVO\b",
    r"\bPRELIEVO\b", r"\bGELDOPNAME\b",
)
FEE = _words(r"\b(?:FEE|FEES|CHARGE|SURCHARGE|GEBUE?HR\w*|ENTGELT|FRAIS|COMISION|COMMISSIONE)\b")
# Brokers a person only pays into an account of their own at.
BROKERS = _words(
    r"\bROBINHOOD\b", r"\bBETTERMENT\b", r"\bWEALTHFRONT\b", r"\bACORNS\b", r"\bWEBULL\b", r"\bE\s?\*?\s?TRADE\b",
    r"\bTD\s+AMERITRADE\b", r"\bM1\s+FINANCE\b", r"\bTRADE\s+REPUBLIC\b", r"\bSCALABLE\s+CAPITAL\b", r"\bDEGIRO\b",
    r"\bTRADING\s?212\b", r"\bFREETRADE\b", r"\bNUTMEG\b", r"\bMONEYFARM\b", r"\bINTERACTIVE\s+BROKERS\b",
)
# Brokers whose name is also used by other businesses: only with an investing word.
BROKERS_WITH_WORD = _words(r"\b(?:VANGUARD|FIDELITY|SCHWAB|MERRILL|STASH|FID\s+BKG)\b")
INVESTING_WORDS = _words(
    r"\b(?:BUY|INVEST\w*|BROKERAGE|BKG|TRANSFER|XFER|DEPOSIT|CONTRIB\w*|EDI|FUNDS|MONEYLINE|IRA|ROTH|401K|SIPP|ISA"
    r"|DEPOT|WERTPAPIER\w*)\b",
)
BROKER_SPENDING = _words(r"\b(?:GOLD|PREMIUM|SUBSCRIPTION|MEMBERSHIP|FEE|FEES)\b")
# A wallet balance moved to the bank (not a payment through the wallet: "PAYPAL INST XFER" is spending).
WALLET_TO_BANK = _words(
    r"\bVENMO\b.*\bCASH\s?OUT\b", r"\bVENMO\b.*\b(?:TRANSFER|XFER)\b", r"\bPAYPAL\b.*\bTRANSFER\b",
    r"\bCASH\s?APP\b.*\bCASH\s?OUT\b", r"\bAPPLE\s+CASH\b.*\b(?:TRANSFER|XFER)\b",
)
# A credit card's bill, paid from the bank (out) or received by the card (in).
CARD_BILL = _words(
    r"\bKREDITKARTEN?-?ABRECHNUNG\b", r"\bABRECHNUNG\s+(?:KREDITKARTE|VISA|MASTERCARD)\b",
    r"\b(?:VISA|MASTERCARD|AMEX)\s*-?\s*ABRECHNUNG\b", r"\bAUSGLEICH\s+KREDITKARTE\b", r"\bDEBIT\s+DIFFERE\b",
    r"\bRELEVE\s+(?:DIFFERE\s+)?CARTE\b", r"\bLIQUIDACION\s+(?:DE\s+)?TARJETA\b", r"\bCRCARDPMT\b",
    r"\bPAYMENT\s*-?\s*THANK\s+YOU\b", r"\bTHANK\s+YOU\s+FOR\s+YOUR\s+PAYMENT\b",
)
# The words a card payment is made of, and card issuers: a line of only these is a card payment.
PAYMENT_WORDS = frozenset({
    "PAYMENT", "PAYMENTS", "PYMT", "PMT", "PYMNT", "PAYMT", "AUTOPAY", "EPAY", "EPAYMENT", "E-PAYMENT", "E-PAY",
    "THANK", "YOU", "THANKS",
})
CARD_PAYMENT_FILLER = frozenset({
    "ONLINE", "AUTOMATIC", "MOBILE", "WEB", "ELECTRONIC", "RECEIVED", "INTERNET", "ACH", "DES", "ID", "INDN", "CO",
    "PPD", "CCD", "TEL", "TO", "FROM", "FOR", "YOUR", "CREDIT", "CARD", "CRD", "CC", "CREDITCARD", "CARDMEMBER",
    "SERV", "SERVICES", "SVCS", "BANKING", "APP", "IN", "BRANCH", "VIA", "THE", "PAID", "POSTED", "ENDING", "ACCT",
    "ACCOUNT", "WWW", "DD", "DDR", "DIRECT", "DEBIT",
})
# Issuers whose name on a line means their card, so a direct debit to them is the card's bill.
CARD_ONLY_ISSUERS = _words(r"\bBARCLAYCARD\b", r"\bMBNA\b", r"\bAMEX\b", r"\bAMERICAN\s+EXPRESS\b", r"\bCITICARDS\b",
                           r"\bCAPITAL\s?ONE\b", r"\bAPPLECARD\b", r"\bCARDMEMBER\b", r"\bDISCOVER\s+CARD\b",
                           r"\b(?:CREDIT|CR)\s*(?:CARD|CRD)\b")
_CARD_WORDS = frozenset({"CARD", "CRD", "CREDITCARD", "CC"})
CARD_ISSUERS = frozenset({
    "CHASE", "CAPITAL", "ONE", "CAPITALONE", "CAP", "AMEX", "AMERICAN", "EXPRESS", "DISCOVER", "CITI", "CITIBANK",
    "CITICARDS", "BARCLAYCARD", "BARCLAYS", "SYNCHRONY", "SYNCB", "WELLS", "FARGO", "WF", "BANK", "OF", "AMERICA",
    "BK", "AMER", "BOA", "BOFA", "US", "USAA", "NAVY", "FEDERAL", "PNC", "TD", "APPLECARD", "APPLE", "GSBANK", "GS",
    "GOLDMAN", "SACHS", "ELAN", "MISSION", "LANE", "PETAL", "HSBC", "MBNA", "CARDSERVICES", "CARDS", "VISA",
    "MASTERCARD", "MC",
})
_TOKEN_NOISE = re.compile(r"[\W\d_]*|X+\d*|\d+[A-Z]*\d*|[A-Z]*\d+[A-Z\d]*|.*:.*", re.I)

# --- Income: words with money coming in ---------------------------------------------------------------

# Words that are income on their own (amount unknown) and with money in, never with money out.
STRONG_INCOME = _words(
    r"\bPAYROLL\b", r"\bPAYRL\b", r"\bDIR(?:ECT)?\s*DEP(?:OSIT)?\b", r"\bSALARY\b", r"\bSALARIES\b", r"\bWAGES?\b",
    r"\bGEHALT\b", r"\bLOHN\b", r"\bBEZUE?GE\b", r"\bSALAIRE\b", r"\bPAIE\b", r"\bNOMINA\b", r"\bSUELDO\b",
    r"\bSTIPENDIO\b", r"\bSALARIS\b", r"\b(?:IRS|SSA)\s+TREAS\s+310\b", r"\bSOC\s+SEC\b", r"\bSOCIAL\s+SECURITY\b",
    r"\bTAX\s+(?:REFUND|REF|RFD)\b", r"\bTAXRFD\b", r"\bSTEUERERSTATTUNG\b", r"\bUNEMPLOYMENT\b", r"\bUI\s+BENEFITS?\b",
    r"\bKINDERGELD\b", r"\bELTERNGELD\b", r"\bARBEITSLOSENGELD\b", r"\bCHILD\s+BENEFIT\b", r"\bUNIVERSAL\s+CREDIT\b",
    r"\bPOLE\s+EMPLOI\b", r"\bFRANCE\s+TRAVAIL\b", r"\bDESEMPLEO\b",
)
# Words that are income only with money in, unless they say the direction themselves.
WEAK_INCOME = _words(
    r"\bINTEREST\b", r"\bINT\s+(?:PAID|EARNED|CREDIT)\b", r"\bDIVIDENDS?\b", r"\bDIVIDENDE\b", r"\b(?:HABEN)?ZINSEN\b",
    r"\bINTERETS\b", r"\bINTERESES\b", r"\bFINANZAMT\b",
    r"\b(?:MOBILE|REMOTE|ONLINE|CHECK|CHEQUE|BRANCH|COUNTER|TELLER)\s+DEPOSIT\b",
    r"\bHMRC\b", r"\bIRS\b", r"\bDWP\b",
    r"\bAGENTUR\s+FUE?R\s+ARBEIT\b", r"\bCAF\b", r"\bALLOCATIONS?\b", r"\bSEPE\b", r"\bPRESTACION\b",
    r"\bAEAT\b", r"\bDGFIP\b", r"\bPENSIONS?\b", r"\bRENTE\b", r"\bRENTENVERSICHERUNG\b", r"\bRETRAITE\b",
    r"\bJUBILACION\b", r"\bANNUITY\b",
    r"\b(?:ZELLE|VENMO|PAYPAL|CASH\s?APP|APPLE\s+CASH|REVOLUT|WISE)\b.*\b(?:FROM|RECEIVED|RCVD)\b",
)
# A line that starts with DEPOSIT is the bank's word for money paid in (not "SECURITY DEPOSIT").
DEPOSIT_FIRST = re.compile(r"E?-?DEPOSIT\b")
# Weak words that say the money came in, so they need no amount.
INCOME_DIRECTION = _words(
    r"\bINTEREST\s+(?:PAID|EARNED|CREDIT\w*|PAYMENT)\b", r"\b(?:CREDIT|EARNED)\s+INTEREST\b",
    r"\bINT\s+(?:PAID|EARNED)\b",
    r"\bDIVIDENDS?\s+(?:PAID|RECEIVED|CREDIT)\b", r"\bHABENZINSEN\b",
    r"\b(?:ZELLE|VENMO|PAYPAL|CASH\s?APP|APPLE\s+CASH|REVOLUT|WISE)\b.*\b(?:FROM|RECEIVED|RCVD)\b",
)
# Money the user pays, whatever else the line says ("INTEREST CHARGE", "SOLLZINSEN").
NOT_INCOME = _words(r"\bINTEREST\s+CHARGE", r"\bSOLLZINSEN\b", r"\bZELLE\s+(?:PAYMENT\s+)?TO\b", r"\bTAX\s+PAYMENT\b",
                    r"\bUSATAXPYMT\b")
# A merchant giving money back: the line keeps the merchant's category.
REFUND = _words(r"\bREFUND\w*", r"\bRETURN\w*", r"\bREVERSAL\b", r"\bCHARGEBACK\b", r"\bRUE?CKERSTATTUNG\b",
                r"\bERSTATTUNG\b", r"\bSTORNO\b", r"\bREMBOURSEMENT\b", r"\bAVOIR\b", r"\bDEVOLUCION\b")


_AUTO_PAY = re.compile(r"\bAUTO[ -]PAY\b")
_INDN = re.compile(r"\bINDN:.*?(?=\s+CO\s+ID\b|$)")
_TOKEN_SPLIT = re.compile(r"[\s/:]+")
_ANY_PAYMENT_WORD = re.compile(r"PA?YM|PMT|AUTOPAY|EPAY|E-PAY|THANK")


def _normalise(description: str) -> str:
    """Upper case without accents ("Überweisung" → "UBERWEISUNG"), one space between words."""
    text = description.upper()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.replace("ß", "SS"))
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_AUTO_PAY.sub("AUTOPAY", text).split())


def _is_card_payment(text: str) -> bool:
    """Only payment words, card words and issuer names: "AUTOMATIC PAYMENT - THANK YOU", "AMEX EPAYMENT ACH PMT"."""
    if CARD_BILL.search(text):
        return True
    if not _ANY_PAYMENT_WORD.search(text) and not CARD_ONLY_ISSUERS.search(text):
        return False
    tokens = [t.strip(".,;*#()") for t in _TOKEN_SPLIT.split(_INDN.sub(" ", text))]
    if not any(t in PAYMENT_WORDS for t in tokens) and not CARD_ONLY_ISSUERS.search(text):
        return False
    bill = {"BILL"} if _CARD_WORDS.intersection(tokens) else set()
    return all(t in PAYMENT_WORDS or t in CARD_PAYMENT_FILLER or t in CARD_ISSUERS or t in bill
               or _TOKEN_NOISE.fullmatch(t) for t in tokens)


def _is_transfer(text: str) -> bool:
    if CASH.search(text):
        return not FEE.search(text)
    if OWN_ACCOUNT_TRANSFER.search(text) or WALLET_TO_BANK.search(text) or _is_card_payment(text):
        return True
    if BROKERS.search(text) or (BROKERS_WITH_WORD.search(text) and INVESTING_WORDS.search(text)):
        return not BROKER_SPENDING.search(text)
    return False


@lru_cache(maxsize=65_536)  # statements repeat their lines (the same payroll every month)
def _reading(description: str) -> str | None:
    """What the words alone say: "Transfer", "income" (strong), "in-income" (income with money in),
    "said-income" (weak words that say the money came in), or None."""
    text = _normalise(description)
    if not text:
        return None
    if _is_transfer(text):
        return "Transfer"
    if NOT_INCOME.search(text) or FEE.search(text):
        return None
    if STRONG_INCOME.search(text):
        return "income"
    if REFUND.search(text) or not (WEAK_INCOME.search(text) or DEPOSIT_FIRST.match(text)):
        return None
    return "said-income" if INCOME_DIRECTION.search(text) else "in-income"


# Posting types that say money in or moved by a code rather than words (OFX TRNTYPE, Chase's Type).
POSTING_CODES = {"DIRECTDEP": "income", "DIRECT DEP": "income", "INT": "in-income", "DIV": "in-income",
                 "ACCT XFER": "Transfer", "ATM": "Transfer"}
# Posting types too general to say whose account the money went to ("Funds Transfer" is any payment).
GENERAL_TRANSFER = re.compile(r"(?:FUNDS\s+|BANK\s+)?(?:TRANSFER|XFER|TFR|TRF|FT|FPO|FPI|FASTER\s+PAYMENTS?)")


def _type_reading(posting_type: str) -> str | None:
    """What a posting-type column says ("Gehalt/Rente" is income, "Umbuchung" a transfer), read with the
    description's own word lists; a code (DIRECTDEP, ACCT_XFER) by POSTING_CODES."""
    text = _normalise(posting_type.replace("_", " "))
    if text in POSTING_CODES:
        return POSTING_CODES[text]
    if GENERAL_TRANSFER.fullmatch(text) or NOT_INCOME.search(text) or FEE.search(text):
        return None
    # Only what names the money itself: a type of "Payment" or "Bill Payment" is any purchase or bill, not
    # the card bill that the same words are in a description.
    if OWN_ACCOUNT_TRANSFER.search(text) or CASH.search(text):
        return "Transfer"
    if STRONG_INCOME.search(text):
        return "income"
    if WEAK_INCOME.search(text):
        return "said-income" if INCOME_DIRECTION.search(text) else "in-income"
    return None


def money_category(description: str, amount: float | None, posting_type: str | None = None) -> str | None:
    """"Income", "Transfer", or None for spending (a purchase, a bill, or a refund, which keeps its category).

    `amount` is spending positive, money in negative (as `CategorizedRow.amount`), None when unknown.
    Transfers are named by their words alone, in either direction. Income needs money in, except for
    words that are income on their own (PAYROLL, DIRECT DEP, SALARY, ...) when the amount is unknown.
    `posting_type`, the bank's own type column where the file has one, is read when the words say nothing.
    """
    reading = _reading(description)
    if reading is None and posting_type and not REFUND.search(_normalise(description)):
        reading = _type_reading(posting_type)
    if reading is None or reading == "Transfer":
        return reading
    money_in = None if amount is None or amount == 0 or amount != amount else amount < 0  # 0 and NaN: unknown
    if money_in is False:
        return None
    return "Income" if money_in or reading in ("income", "said-income") else None
