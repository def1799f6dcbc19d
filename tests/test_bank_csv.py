"""CSV as banks write it: Chase's trailing commas, cp1252 and Latin-1, a BOM, UTF-16, lines above the header,
German, French, Spanish and Dutch headers (payee, then purpose), decimal commas, debit/credit pairs and
direction columns, dates left as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from expense_classifier.errors import UserInputError
from expense_classifier.reading.sources import read_input, reading_line
from expense_classifier.reading.statement import Table, statement_items
from expense_classifier.reading.text import decode_bank_text

DATA = Path(__file__).parent / "data"
# Chase checking: every row ends with a comma the header does not have.
CHASE = (DATA / "chase_checking.csv").read_bytes()
UK = (DATA / "uk_cp1252.csv").read_bytes()  # Windows-1252: CAFÉ, £, an en dash
GERMAN = (DATA / "de_umsaetze.csv").read_bytes()  # Empfänger + Verwendungszweck, 1.234,56
DKB = (DATA / "dkb_giro.csv").read_bytes()  # cp1252, six lines above the header, a ';' ending every row
FRENCH = (DATA / "fr_releve.csv").read_bytes()
SPANISH = (DATA / "es_movimientos.csv").read_bytes()
DUTCH = (DATA / "ing_nl.csv").read_bytes()  # ING: unsigned Bedrag, Af/Bij says which way


def read(text: str | bytes, name: str = "statement.csv") -> Table:
    table = read_input(name, text if isinstance(text, bytes) else text.encode("utf-8"))
    assert isinstance(table, Table)
    return table


def items(table: Table) -> list[tuple[str, float | None]]:
    texts, amounts, _ = statement_items(table)
    return list(zip(texts, amounts, strict=True))


def test_chase_rows_ending_in_a_comma_are_read_with_their_columns():
    table = read(CHASE, "chase.csv")
    assert table.columns == ["Details", "Posting Date", "Description", "Amount", "Type", "Balance", "Check or Slip #"]
    assert items(table) == [("KROGER #0412 COLUMBUS OH", 84.12),
                            ("PAYROLL DEPOSIT ACME CORP PPD ID: 9100000001", -2450.0),
                            ("NETFLIX.COM 866-579-7172 CA", 15.49), ("CHECK 1042", 1650.0)]
    assert table.rows[3]["Check or Slip #"] == "1042" and table.rows[0]["Posting Date"] == "01/05/2026"


def test_a_cp1252_uk_export_is_read_with_cafe_and_pounds_and_says_so():
    table = read(UK, "uk.csv")
    assert items(table) == [("CAFÉ NERO LONDON", 3.45), ("SALARY ACME LTD", -2100.0),
                            ("THAMES WATER – DIRECT DEBIT", 32.10), ("PRET A MANGER £ STERLING", 6.20)]
    _, _, how = statement_items(table)
    line = reading_line("uk.csv", table, how)
    assert line.startswith("uk.csv: 4 rows (not UTF-8; read as Windows-1252), text from 'Description'")
    assert "'Paid out' is spending, 'Paid in' is money in" in line
    assert table.rows[0]["Date"] == "05/01/2026"  # the bank's DD/MM, as written


def test_latin1_bom_and_utf16_are_read():
    assert decode_bank_text("Café".encode("latin-1") + b" \x81", "x").encoding == "latin-1"  # no cp1252 byte 0x81
    bom = read(b"\xef\xbb\xbf" + CHASE)
    assert bom.columns[0] == "Details" and bom.notes == []
    # Excel's "Unicode text": UTF-16 with a BOM, tab-separated.
    utf16 = read(UK.decode("cp1252").replace(",", "\t").encode("utf-16"), "export.txt")
    assert utf16.columns[:3] == ["Date", "Transaction Type", "Description"] and len(utf16.rows) == 4


def test_a_german_semicolon_export_with_decimal_commas_takes_the_payee_then_the_purpose():
    table = read(GERMAN, "umsaetze.csv")
    assert items(table) == [("REWE Markt GmbH REWE SAGT DANKE 4711", 84.12), ("ACME GmbH Gehalt Januar", -2450.0),
                            ("Hausverwaltung Müller Miete Januar Whg 3", 1234.56), ("Aral Tankstelle", 61.30)]
    assert "text from 'Empfänger' + 'Verwendungszweck'; amounts: 'Betrag'" in statement_items(table)[2]


def test_lines_above_the_header_and_trailing_semicolons_dkb():
    table = read(DKB, "dkb.csv")
    assert table.columns[3] == "Auftraggeber / Begünstigter" and table.lines == [8, 9, 10]
    assert items(table) == [("REWE Markt GmbH REWE SAGT DANKE 4711", 84.12), ("ACME GmbH Gehalt Januar 2026", -2450.0),
                            ("Stadtwerke Köln Abschlag Strom", 65.0)]
    assert "header on row 7; the 6 line(s) above it skipped" in table.notes


@pytest.mark.parametrize(("text", "expected", "how"), [
    (FRENCH, [("CARTE X1234 MONOPRIX PARIS 15", 23.40), ("VIR SEPA ACME SALAIRE", -2450.0),
              ("PRLV SEPA EDF", 1234.56)], "'Débit' is spending, 'Crédit' is money in"),
    (SPANISH, [("MERCADONA VALENCIA", 45.67), ("NOMINA ACME SL", -2100.0), ("IBERDROLA FACTURA LUZ", 1080.10)],
     "text from 'Concepto'; amounts: 'Importe', negative is spending"),
    (DUTCH, [("Albert Heijn 1234 Pasvolgnr:001 05-01-2026", 23.45), ("ACME BV Salaris januari", -2450.0),
             ("Vattenfall Termijnbedrag", 1234.56)], "'Bedrag (EUR)', 'Af Bij' says which way"),
])
def test_french_spanish_and_dutch_exports(text, expected, how):
    table = read(text)
    assert items(table) == expected
    assert how in statement_items(table)[2]


def test_an_account_holders_name_column_is_not_the_payee():
    text = ("Date,Account Name,Name,Description,Amount\n01/02,J DOE,J DOE,KROGER #0412,-1.00\n"
            "01/03,J DOE,J DOE,SHELL OIL,-2.00\n01/04,J DOE,J DOE,NETFLIX.COM,-3.00\n")
    assert [t for t, _ in items(read(text))] == ["KROGER #0412", "SHELL OIL", "NETFLIX.COM"]


def test_a_csv_on_stdin_is_recognised_by_its_header():
    table = read(GERMAN, "<stdin>")
    assert table.kind == "CSV" and len(table.rows) == 4


def test_a_workbook_or_a_short_row_is_one_line():
    with pytest.raises(UserInputError, match="an Excel or zip file"):
        read(b"PK\x03\x04rest-of-a-workbook", "export.csv")
    with pytest.raises(UserInputError, match=r"row 3: 3 fields, but the header has 4; a field with ';' must be"):
        read("Datum;Empfänger;Verwendungszweck;Betrag\n01.01.;A;B;-1,00\n02.01.;A;-2,00\n")


def test_soll_and_haben_columns_and_an_s_h_direction_column():
    pair = read("Buchungstag;Empfänger;Soll;Haben\n01.01.2026;REWE;12,50;\n02.01.2026;ACME GmbH;;2.000,00\n")
    assert items(pair) == [("REWE", 12.5), ("ACME GmbH", -2000.0)]
    marked = read("Buchungstag;Auftraggeber;Umsatz;S/H\n01.01.2026;REWE;12,50;S\n02.01.2026;ACME GmbH;2.000,00;H\n")
    assert items(marked) == [("REWE", 12.5), ("ACME GmbH", -2000.0)]
