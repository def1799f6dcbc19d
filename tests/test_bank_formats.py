"""The statement files banks hand out: OFX 1.x, OFX 2.x, QFX, QIF, CAMT.053, MT940, read whole and in order,
recognised by content, and one line naming the file and the place for a cut or corrupt one.

`tests/data/` holds the same eight transactions of one checking account in every format (written by
`tests/data/make_statements.py`), so each must give exactly what the CSV export gives.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from expense_classifier.cli import main
from expense_classifier.errors import UserInputError
from expense_classifier.reading.sources import read_input
from expense_classifier.reading.statement import Table, statement_items

DATA = Path(__file__).parent / "data"
FORMATS = {"checking.ofx": "OFX 1.02 (SGML)", "checking_v2.ofx": "OFX 2.20 (XML)", "checking.qfx": "QFX 1.02 (SGML)",
           "checking.qif": "QIF", "checking_camt053.xml": "CAMT.053", "checking.sta": "MT940"}


def read(path: Path, name: str | None = None, data: bytes | None = None) -> Table:
    table = read_input(name or str(path), path.read_bytes() if data is None else data)
    assert isinstance(table, Table)
    return table


def items(table: Table) -> list[tuple[str, float | None]]:
    texts, amounts, _ = statement_items(table)
    return list(zip(texts, amounts, strict=True))


def one_line_error(path: Path, data: bytes, name: str | None = None) -> str:
    with pytest.raises(UserInputError) as err:
        read_input(name or str(path), data)
    message = str(err.value)
    assert "\n" not in message and (name or str(path)) in message
    return message


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_gives_the_csv_exports_rows_in_order_with_their_amounts(name):
    expected = items(read(DATA / "checking.csv"))
    assert expected[:2] == [("PAYROLL DEPOSIT ACME CORP PPD ID: 9100000001", -2450.0),
                            ("KROGER #0412 COLUMBUS OH", 84.12)]
    table = read(DATA / name)
    assert table.kind == FORMATS[name]
    assert items(table) == expected  # every transaction once, in order, spending positive, money in negative
    assert table.columns[:4] == ["date", "description", "amount", "currency"]
    dates = [row["date"] for row in table.rows]
    if name.endswith(".qif"):
        assert dates[:2] == ["01/02/2026", "01/03/2026"]  # as the file wrote them
    else:
        assert dates[:2] == ["2026-01-02", "2026-01-03"] and {r["currency"] for r in table.rows} == {"USD"}


@pytest.mark.parametrize(("name", "fields"), [
    ("checking.ofx", {"TRNTYPE": "POS", "FITID": "202601030002", "NAME": "KROGER #0412", "MEMO": "COLUMBUS OH",
                      "DTPOSTED": "20260103120000[-5:EST]", "TRNAMT": "-84.12"}),
    ("checking.qif", {"D": "01/03/2026", "T": "-84.12", "P": "KROGER #0412", "M": "COLUMBUS OH", "C": "X"}),
    ("checking_camt053.xml", {"CdtDbtInd": "DBIT", "Amt": "84.12", "Amt@Ccy": "USD", "BookgDt/Dt": "2026-01-03",
                              "NtryDtls/TxDtls/RltdPties/Cdtr/Nm": "KROGER #0412"}),
    ("checking.sta", {"status": "D", "posting_text": "UEBERWEISUNG", "applicant_name": "KROGER #0412",
                      "purpose": "COLUMBUS OH", "bank_reference": "202601030002"}),
])
def test_each_row_keeps_the_files_own_fields(name, fields):
    row = read(DATA / name).rows[1]
    assert {key: row[key] for key in fields} == fields


@pytest.mark.parametrize("name", FORMATS)
def test_a_format_is_recognised_by_its_content_whatever_the_name(name):
    data = (DATA / name).read_bytes()
    for alias in ("statement.txt", "<stdin>", "download"):
        assert read(DATA / name, alias, data).kind == FORMATS[name].replace("QFX", "QFX" if "INTU." in
                                                                             data.decode("latin-1") else "OFX")


def test_german_mt940_86_subfields_name_then_purpose_in_latin1():
    table = read(DATA / "mt940_de.sta")
    assert "read as Windows-1252" in table.notes[0]
    assert items(table) == [
        ("REWE Markt GmbH REWE SAGT DANKE 0408151 04.01.2026 KOELN", 84.12),  # ?32, then SVWZ+ of ?23-?24
        ("ACME Maschinenbau Vertrieb GmbH Gehalt Januar 2026 Personalnr. 1042", -2450.0),  # ?32 + ?33
        ("Hausverwaltung Müller & Söhne Miete Februar 2026 Whg. 3 links", 1234.56),
        ("Netflix International B.V. Netflix Monatsabo", 15.99),
    ]
    first = table.rows[0]
    assert (first["end_to_end_reference"], first["additional_position_reference"], first["applicant_iban"],
            first["posting_text"], first["currency"]) == ("4711-0815-2026", "M-2019-001", "DE12370400440532013000",
                                                          "SEPA-BASISLASTSCHRIFT", "EUR")
    assert first["details_as_written"].startswith("105?00SEPA-BASISLASTSCHRIFT?109310?20EREF+4711-0815-2026")


def test_an_mt940_86_line_wrapped_after_a_space_keeps_the_space():
    """Lines of 65 characters break where they fall: `Kessler ` at a line's end, `GmbH` on the next."""
    lines = [":20:STARTUMSE", ":25:70050000/0012345678", ":28C:00005/001", ":60F:C260430EUR1842,17",
             ":61:2605040504D1150,00NDDTNONREF//05040001",
             ":86:177?00SEPA-UEBERWEISUNG?109310?20SVWZ+Miete Mai 2026 Whg. 3 l",
             "?21inks?30BYLADEM1001?31DE44500105175407324931?32Wohnbau Kessler ",
             "GmbH", ":62F:C260504EUR692,17", "-"]
    table = read(DATA / "x.sta", data="\r\n".join(lines).encode("latin-1"))
    assert items(table) == [("Wohnbau Kessler GmbH Miete Mai 2026 Whg. 3 links", 1150.0)]


@pytest.mark.parametrize(("name", "where"), [
    ("checking.ofx", "the file ends before </OFX>: it is cut short"),
    ("checking_v2.ofx", "the file ends before </OFX>: it is cut short"),
    ("checking.qfx", "the file ends before </OFX>: it is cut short"),
    ("checking.qif", "the last record has no closing '^': the file is cut short"),
    ("checking_camt053.xml", "the file is cut short"),
    ("checking.sta", "has no closing balance (:62F:): the file is cut short"),
])
def test_a_file_cut_short_is_one_line_naming_the_file_and_line(name, where):
    data = (DATA / name).read_bytes()
    cut = data[: int(len(data) * 0.6)]
    message = one_line_error(DATA / name, cut)
    assert where in message and ": line " in message


@pytest.mark.parametrize(("name", "old", "new", "expected"), [
    ("checking.ofx", b"<TRNAMT>-84.12", b"<TRNAMT>-8x4.12", "line 51: transaction 2 (FITID 202601030002): TRNAMT"),
    ("checking_v2.ofx", b"<DTPOSTED>20260103", b"<DTPOSTED>20261303", "line 43: transaction 2 (FITID 202601030002)"),
    ("checking.qif", b"T-84.12", b"Tabc", "line 8: amount 'abc' is not a number"),
    ("checking.qif", b"D01/03/2026", b"D45/45/2026", "line 8: month must be in 1..12"),
    ("checking_camt053.xml", b'<Amt Ccy="USD">84.12', b'<Amt Ccy="USD">8a4.12', "line 36: amount '8a4.12' is not"),
    ("checking_camt053.xml", b"<CdtDbtInd>DBIT", b"<CdtDbtInd>DEBT", "line 36: CdtDbtInd 'DEBT'"),
    ("checking_camt053.xml", b"</Stmt>", b"</Stmnt>", "line 162, column 6: not well-formed XML"),
    ("checking.sta", b":61:2601030103D84,12", b":61:26010301X3D84,12", "line 8: not a valid MT940 field: :61:"),
])
def test_a_corrupt_field_is_one_line_naming_the_line(name, old, new, expected):
    data = (DATA / name).read_bytes()
    assert old in data
    assert expected in one_line_error(DATA / name, data.replace(old, new, 1))


def test_not_the_format_its_name_says_is_one_line():
    assert "not an OFX header" in one_line_error(Path("x.ofx"), b"Date,Description,Amount\n")
    assert "not a QIF file" in one_line_error(Path("x.qif"), b"hello\n")
    assert "not a CAMT statement: the root element is <rss>" in one_line_error(Path("x.xml"), b"<rss></rss>")
    assert "not an MT940 statement" in one_line_error(Path("x.sta"), b"hello\n")
    assert "no bank or card statement" in one_line_error(
        Path("x.ofx"), (DATA / "checking.ofx").read_bytes().split(b"<BANKMSGSRSV1>")[0] + b"</OFX>\r\n")


def test_balances_that_do_not_add_up_are_a_warning():
    sta = (DATA / "checking.sta").read_bytes().replace(b":62F:C260131USD5041,11", b":62F:C260131USD5141,11")
    [warning] = read(DATA / "checking.sta", data=sta).warnings
    assert "give 5,041.11, but the closing balance is 5,141.11" in warning
    camt = (DATA / "checking_camt053.xml").read_bytes().replace(b">5041.11<", b">5041.12<")
    assert "a transaction may be missing" in read(DATA / "checking_camt053.xml", data=camt).warnings[0]
    assert read(DATA / "checking.sta").warnings == [] and read(DATA / "checking_camt053.xml").warnings == []


def test_encodings_cp1252_ofx_bom_qif_and_utf8_camt():
    ofx = (DATA / "checking.ofx").read_bytes().replace(b"KROGER #0412", "CAFÉ ROUGE £".encode("cp1252"))
    assert items(read(Path("x.ofx"), data=ofx))[1][0] == "CAFÉ ROUGE £ COLUMBUS OH"  # its header says CHARSET:1252
    qif = b"\xef\xbb\xbf" + (DATA / "checking.qif").read_bytes()
    assert items(read(Path("x.qif"), data=qif)) == items(read(DATA / "checking.qif"))
    qif_1252 = (DATA / "checking.qif").read_bytes().replace(b"KROGER", "CAFÉ".encode("cp1252"))
    table = read(Path("x.qif"), data=qif_1252)
    assert items(table)[1][0] == "CAFÉ #0412 COLUMBUS OH" and "Windows-1252" in table.notes[0]
    camt = (DATA / "checking_camt053.xml").read_bytes().replace(b"KROGER #0412", "Bäckerei Müller".encode())
    assert items(read(Path("x.xml"), data=camt))[1][0] == "Bäckerei Müller COLUMBUS OH"
    sta = b"\xef\xbb\xbf" + (DATA / "checking.sta").read_bytes()
    assert items(read(Path("x.sta"), data=sta)) == items(read(DATA / "checking.sta"))


def test_camt_batch_entry_gives_each_transaction_and_a_bare_entry_its_additional_info():
    entry = """<Ntry><Amt Ccy="EUR">65.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
      <BookgDt><Dt>2026-01-07</Dt></BookgDt><NtryDtls>
      <TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">15.99</Amt></TxAmt></AmtDtls>
        <RltdPties><Cdtr><Pty><Nm>Netflix International B.V.</Nm></Pty></Cdtr></RltdPties>
        <RmtInf><Ustrd>Monatsabo</Ustrd></RmtInf></TxDtls>
      <TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">49.01</Amt></TxAmt></AmtDtls>
        <RltdPties><Cdtr><Pty><Nm>Stadtwerke Koeln</Nm></Pty></Cdtr></RltdPties>
        <RmtInf><Ustrd>Abschlag Strom</Ustrd><Ustrd>Januar</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
      <Ntry><Amt Ccy="EUR">4.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><DtTm>2026-01-08T10:00:00</DtTm></BookgDt>
      <AddtlNtryInf>Kontofuehrungsentgelt</AddtlNtryInf></Ntry>"""
    xml = (f'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt>'
           f'<Acct><Ccy>EUR</Ccy></Acct>{entry}</Stmt></BkToCstmrStmt></Document>').encode()
    table = read(Path("batch.xml"), data=xml)
    assert items(table) == [("Netflix International B.V. Monatsabo", 15.99),
                            ("Stadtwerke Koeln Abschlag Strom Januar", 49.01), ("Kontofuehrungsentgelt", 4.5)]
    assert [r["date"] for r in table.rows] == ["2026-01-07", "2026-01-07", "2026-01-08"]


@pytest.mark.parametrize("name", FORMATS)
def test_categorize_gives_the_same_categories_as_the_csv(name, tiny_run, workdir, capsys):
    adapter = str(tiny_run / "adapter")
    assert main(["categorize", str(DATA / "checking.csv"), "--model", adapter, "--output", "csv.json"]) == 0
    assert main(["categorize", str(DATA / name), "--model", adapter, "--output", "out.csv"]) == 0
    with (workdir / "out.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    from_csv = json.loads((workdir / "csv.json").read_text())["items"]
    assert [r["category"] for r in rows] == [r["category"] for r in from_csv]
    assert [float(r["spending_amount"]) for r in rows] == [r["spending_amount"] for r in from_csv]
    assert list(rows[0])[:4] == ["date", "description", "amount", "currency"]
    err = capsys.readouterr().err
    assert f"{FORMATS[name]}, 8 rows" in err and "the format's sign" in err


def test_serve_reads_an_uploaded_or_pasted_bank_file_like_categorize():
    from expense_classifier.serving.requests import parse_request

    expected = items(read(DATA / "checking.csv"))
    for key in ("csv", "text"):
        parsed = parse_request({key: (DATA / "checking_v2.ofx").read_text()}, 50, 500)
        assert list(zip(parsed.texts, parsed.amounts, strict=True)) == expected
