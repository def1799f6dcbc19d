"""Money that is not spending: income and transfers, under both directions of the money and with none known."""

from __future__ import annotations

import pytest

from expense_classifier.merchants.money import MONEY_IN_CATEGORIES, money_category

INCOME, TRANSFER = MONEY_IN_CATEGORIES

# (descriptor, with money in (amount < 0), with money out (amount > 0), amount unknown). Written for these tests.
CASES = [
    # pay: strong words decide alone, but never against money going out
    ("ACME CORP PAYROLL PPD ID: 1234567890", INCOME, None, INCOME),
    ("DIRECT DEP NORTHWIND TRADERS", INCOME, None, INCOME),
    ("DIR DEP 0314 CONTOSO LTD", INCOME, None, INCOME),
    ("SALARY MARCH HOOLI INC", INCOME, None, INCOME),
    ("GUSTO PAYROLL FEE", None, None, None),  # a payroll service's fee is what an employer pays
    ("Gehalt März Muster GmbH", INCOME, None, INCOME),
    ("GUTSCHRIFT LOHN/GEHALT 03/24", INCOME, None, INCOME),
    ("VIR SEPA RECU SALAIRE MARS EXEMPLE SA", INCOME, None, INCOME),
    ("ABONO NÓMINA EMPRESA EJEMPLO SL", INCOME, None, INCOME),
    # benefits and tax refunds
    ("IRS TREAS 310 TAX REF", INCOME, None, INCOME),
    ("SSA TREAS 310 XXSOC SEC", INCOME, None, INCOME),
    ("STATE OF CA TAX REFUND", INCOME, None, INCOME),
    ("CA EDD UNEMPLOYMENT BENEFITS", INCOME, None, INCOME),
    ("KINDERGELD FAMILIENKASSE", INCOME, None, INCOME),
    # weak words: income only with money in, or when they say the direction
    ("INTEREST PAID", INCOME, None, INCOME),
    ("INTEREST", INCOME, None, None),
    ("INTEREST CHARGE ON PURCHASES", None, None, None),
    ("DIVIDEND VANGUARD TOTAL STOCK", INCOME, None, None),
    ("PENSION ACME RETIREMENT PLAN", INCOME, None, None),
    ("PENSION SONNENHOF", INCOME, None, None),  # a guesthouse: the direction decides
    ("DEUTSCHE RENTENVERSICHERUNG", INCOME, None, None),
    ("HABENZINSEN", INCOME, None, INCOME),
    ("Sollzinsen", None, None, None),
    ("INTERETS CREDITEURS", INCOME, None, None),
    ("FINANZAMT MUENCHEN", INCOME, None, None),  # a tax refund in, a tax payment out
    ("IRS USATAXPYMT", None, None, None),
    ("IRS TREAS 449 OFFSET", INCOME, None, None),
    ("MOBILE DEPOSIT", INCOME, None, None),
    ("DEPOSIT ID NUMBER 123456", INCOME, None, None),
    ("UTILITY DEPOSIT CITY WATER", None, None, None),  # a deposit given back keeps its category
    ("SECURITY DEPOSIT ELM STREET APTS", None, None, None),
    # money from a person, when the words say it came in
    ("ZELLE PAYMENT FROM JANE DOE", INCOME, None, INCOME),
    ("VENMO PAYMENT RECEIVED FROM SAM", INCOME, None, INCOME),
    ("ZELLE PAYMENT TO JANE DOE", None, None, None),
    ("VENMO *SAM LEE", None, None, None),
    # own accounts: transfers whichever way the money goes
    ("ONLINE TRANSFER TO SAV ...1234 TRANSACTION#: 1234567", TRANSFER, TRANSFER, TRANSFER),
    ("ONLINE TRANSFER FROM CHK ...9876", TRANSFER, TRANSFER, TRANSFER),
    ("TRANSFER TO CHK ...1234", TRANSFER, TRANSFER, TRANSFER),
    ("INTERNAL TRANSFER TO SAVINGS", TRANSFER, TRANSFER, TRANSFER),
    ("Überweisung an eigenes Konto", TRANSFER, TRANSFER, TRANSFER),
    ("Umbuchung Tagesgeld", TRANSFER, TRANSFER, TRANSFER),
    ("VIREMENT INTERNE VERS LIVRET A", TRANSFER, TRANSFER, TRANSFER),
    ("TRASPASO A CUENTA DE AHORRO", TRANSFER, TRANSFER, TRANSFER),
    ("TRANSFERENCIA ENTRE CUENTAS", TRANSFER, TRANSFER, TRANSFER),
    ("VENMO CASHOUT PPD ID: 5264681992", TRANSFER, TRANSFER, TRANSFER),
    ("PAYPAL TRANSFER", TRANSFER, TRANSFER, TRANSFER),
    # credit card bills: paid from the bank (out), received by the card (in)
    ("AUTOMATIC PAYMENT - THANK YOU", TRANSFER, TRANSFER, TRANSFER),
    ("PAYMENT THANK YOU", TRANSFER, TRANSFER, TRANSFER),
    ("ONLINE PAYMENT", TRANSFER, TRANSFER, TRANSFER),
    ("AUTOPAY PAYMENT", TRANSFER, TRANSFER, TRANSFER),
    ("CAPITAL ONE MOBILE PYMT", TRANSFER, TRANSFER, TRANSFER),
    ("CHASE CREDIT CRD AUTOPAY", TRANSFER, TRANSFER, TRANSFER),
    ("CHASE CREDIT CRD DES:AUTOPAY ID:1234 INDN:JANE DOE CO ID:4760039224 PPD", TRANSFER, TRANSFER, TRANSFER),
    ("AMEX EPAYMENT ACH PMT", TRANSFER, TRANSFER, TRANSFER),
    ("DISCOVER E-PAYMENT 1234", TRANSFER, TRANSFER, TRANSFER),
    ("CARD PAYMENT", TRANSFER, TRANSFER, TRANSFER),
    ("BANK OF AMERICA CREDIT CARD BILL PAYMENT", TRANSFER, TRANSFER, TRANSFER),
    ("BARCLAYCARD DD", TRANSFER, TRANSFER, TRANSFER),
    ("Kreditkartenabrechnung", TRANSFER, TRANSFER, TRANSFER),
    ("LIQUIDACIÓN TARJETA CRÉDITO", TRANSFER, TRANSFER, TRANSFER),
    # a bill paid automatically is spending; so is a loan or a mortgage
    ("DUKE ENERGY AUTOPAY", None, None, None),
    ("DUKE ENERGY AUTO PAY", None, None, None),
    ("ONLINE PAYMENT TO DUKE ENERGY", None, None, None),
    ("VERIZON WIRELESS PAYMENTS", None, None, None),
    ("WELLS FARGO AUTO PAYMENT", None, None, None),
    ("CHASE MORTGAGE PAYMENT", None, None, None),
    ("CARD PAYMENT TO TESCO STORES 3297", None, None, None),
    ("BILL PAYMENT", None, None, None),
    # cash: moved, not spent; the fee for it is spent
    ("ATM WITHDRAWAL 1234 MAIN ST", TRANSFER, TRANSFER, TRANSFER),
    ("ATM CASH DEPOSIT", TRANSFER, TRANSFER, TRANSFER),
    ("NON-CHASE ATM FEE-WITH", None, None, None),
    ("GELDAUTOMAT SPARKASSE", TRANSFER, TRANSFER, TRANSFER),
    ("RETRAIT DAB BNP PARIBAS", TRANSFER, TRANSFER, TRANSFER),
    ("REINTEGRO CAJERO", TRANSFER, TRANSFER, TRANSFER),
    # investing into one's own brokerage; its subscription is spending
    ("VANGUARD BUY INVESTMENT", TRANSFER, TRANSFER, TRANSFER),
    ("ROBINHOOD DES:FUNDS ID:1234", TRANSFER, TRANSFER, TRANSFER),
    ("TRADE REPUBLIC SPARPLAN", TRANSFER, TRANSFER, TRANSFER),
    ("ROBINHOOD GOLD", None, None, None),
    ("FIDELITY NATL TITLE", None, None, None),
    # refunds keep their merchant's category; purchases are spending
    ("AMAZON REFUND", None, None, None),
    ("TARGET RETURN", None, None, None),
    ("REWE Gutschrift", None, None, None),
    ("REMBOURSEMENT CARREFOUR", None, None, None),
    ("DEVOLUCIÓN ZARA", None, None, None),
    ("RÜCKERSTATTUNG ZALANDO", None, None, None),
    ("STARBUCKS STORE 12345", None, None, None),
    ("SQ *BLUE BOTTLE COFFEE", None, None, None),
]


@pytest.mark.parametrize(("descriptor", "money_in", "money_out", "unknown"), CASES, ids=[c[0][:40] for c in CASES])
def test_money_category(descriptor: str, money_in: str | None, money_out: str | None, unknown: str | None) -> None:
    assert money_category(descriptor, -125.0) == money_in
    assert money_category(descriptor, 125.0) == money_out
    assert money_category(descriptor, None) == unknown


def test_categories_are_the_two_money_in_ones() -> None:
    assert MONEY_IN_CATEGORIES == ("Income", "Transfer")
    assert {c for case in CASES for c in case[1:]} == {"Income", "Transfer", None}


def test_zero_or_nan_amount_is_unknown() -> None:
    assert money_category("ACME CORP PAYROLL", 0.0) == "Income"
    assert money_category("INTEREST", float("nan")) is None
    assert money_category("INTEREST", 0.0) is None


def test_empty_text_is_not_money_in() -> None:
    assert money_category("", -10.0) is None
    assert money_category("   ", None) is None


def test_case_and_accents_do_not_matter() -> None:
    assert money_category("online transfer to sav ...1234", 10.0) == "Transfer"
    assert money_category("UEBERWEISUNG AN EIGENES KONTO", 10.0) == "Transfer"
    assert money_category("nomina empresa", -1.0) == money_category("NÓMINA EMPRESA", -1.0) == "Income"


@pytest.mark.parametrize(("description", "amount", "posting_type", "expected"), [
    ("ACME Maschinenbau GmbH", -2450.0, "Gehalt/Rente", "Income"),  # a German Buchungstext
    ("ACME CORP", -1800.0, "DIRECTDEP", "Income"),  # OFX TRNTYPE
    ("ONLINE BANK", -0.42, "INT", "Income"),
    ("Sparkasse", 500.0, "Umbuchung", "Transfer"),
    ("SAVINGS 4471", 200.0, "ACCT_XFER", "Transfer"),  # Chase's Type column
    ("J SMITH RENT", 950.0, "Funds Transfer", None),  # any payment: the words must say whose account
    ("GREENWAY LANDSCAPING", 120.0, "FT", None),
    ("ACME CORP", 1800.0, "DIRECTDEP", None),  # money going out is never income
    ("TESCO STORES REFUND", -12.0, "Gutschrift", None),  # a refund keeps its merchant's category
    ("REWE Markt GmbH", 23.5, "Lastschrift", None),
    ("BRITISH GAS", 64.0, "Bill Payment", None),  # the words of a card bill, but a type: any bill
    ("PRET A MANGER", 4.2, "Payment", None),
    ("CAFE NERO", 3.1, "Card Purchase", None),
])
def test_a_posting_type_column_is_evidence_when_the_words_say_nothing(description, amount, posting_type, expected):
    assert money_category(description, amount, posting_type) == expected


def test_categorize_reads_the_posting_type_column(tmp_path):
    from expense_classifier.commands.categorize import read_inputs

    path = tmp_path / "giro.csv"
    path.write_text("Buchungstag;Empfänger;Verwendungszweck;Buchungstext;Betrag\n"
                    "01.03.2026;ACME Maschinenbau GmbH;Personalnr. 1042;Gehalt/Rente;2.450,00\n"
                    "02.03.2026;REWE Markt GmbH;REWE SAGT DANKE;Lastschrift;-23,50\n", encoding="utf-8")
    inputs = read_inputs([str(path)], None, None, "auto")
    assert inputs.kinds == ["Gehalt/Rente", "Lastschrift"]
    assert [money_category(t, a, k) for t, a, k in zip(inputs.texts, inputs.amounts, inputs.kinds, strict=True)] == [
        "Income", None]
