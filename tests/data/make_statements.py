"""Writes the real-shaped statement files beside it: the same eight transactions of one checking account as
a bank exports them in each format (OFX 1.02 SGML, OFX 2.20 XML, QFX, QIF, CAMT.053, MT940, CSV), and a
German MT940 in Latin-1 with structured :86: fields. Run it to change them: `python tests/data/make_statements.py`.
"""

from pathlib import Path

OUT = Path(__file__).parent
ROWS = [  # date, payee, memo, amount (the bank's sign), OFX TRNTYPE
    ("20260102", "PAYROLL DEPOSIT ACME CORP", "PPD ID: 9100000001", "2450.00", "DIRECTDEP"),
    ("20260103", "KROGER #0412", "COLUMBUS OH", "-84.12", "POS"),
    ("20260104", "NETFLIX.COM", "866-579-7172 CA", "-15.49", "DEBIT"),
    ("20260105", "GREYSTAR RENT PMT", "WEB ID: 4455667788", "-1650.00", "DIRECTDEBIT"),
    ("20260106", "SHELL OIL 12345678", "DAYTON OH", "-48.20", "POS"),
    ("20260107", "DUKE ENERGY AUTOPAY", "PPD ID: 1234567890", "-131.07", "DIRECTDEBIT"),
    ("20260108", "TARGET #1234 REFUND", "", "19.99", "CREDIT"),
    ("20260109", "CHASE CREDIT CRD AUTOPAY", "", "-500.00", "PAYMENT"),
]
OPEN, CLOSE = "5000.00", f"{5000 + sum(float(r[3]) for r in ROWS):.2f}"


def stmttrn(date, payee, memo, amount, kind, n, xml):
    tags = [("TRNTYPE", kind), ("DTPOSTED", date + ("000000.000[-5:EST]" if xml else "120000[-5:EST]")),
            ("TRNAMT", amount), ("FITID", f"{date}{n:04d}"), ("NAME", payee)] + ([("MEMO", memo)] if memo else [])
    if xml:
        return "<STMTTRN>\n" + "".join(f"<{t}>{v}</{t}>\n" for t, v in tags) + "</STMTTRN>\n"
    return "<STMTTRN>\n" + "".join(f"<{t}>{v}\n" for t, v in tags) + "</STMTTRN>\n"


def ofx_body(xml, card=False, intuit=False):
    c = (lambda t, v: f"<{t}>{v}</{t}>\n") if xml else (lambda t, v: f"<{t}>{v}\n")
    sonrs = ("<SIGNONMSGSRSV1>\n<SONRS>\n<STATUS>\n" + c("CODE", "0") + c("SEVERITY", "INFO") + "</STATUS>\n"
             + c("DTSERVER", "20260131120000[-5:EST]") + c("LANGUAGE", "ENG")
             + "<FI>\n" + c("ORG", "B1") + c("FID", "10898") + "</FI>\n"
             + (c("INTU.BID", "10898") + c("INTU.USERID", "JDOE1234") if intuit else "")
             + "</SONRS>\n</SIGNONMSGSRSV1>\n")
    msgs, trnrs, stmtrs = ("CREDITCARDMSGSRSV1", "CCSTMTTRNRS", "CCSTMTRS") if card else \
        ("BANKMSGSRSV1", "STMTTRNRS", "STMTRS")
    account = ("<CCACCTFROM>\n" + c("ACCTID", "4111111111111111") + "</CCACCTFROM>\n") if card else \
        ("<BANKACCTFROM>\n" + c("BANKID", "044000037") + c("ACCTID", "123456789") + c("ACCTTYPE", "CHECKING")
         + "</BANKACCTFROM>\n")
    trns = "".join(stmttrn(*r, n, xml) for n, r in enumerate(ROWS, start=1))
    return ("<OFX>\n" + sonrs + f"<{msgs}>\n<{trnrs}>\n" + c("TRNUID", "1") + "<STATUS>\n" + c("CODE", "0")
            + c("SEVERITY", "INFO") + "</STATUS>\n" + f"<{stmtrs}>\n" + c("CURDEF", "USD") + account
            + "<BANKTRANLIST>\n" + c("DTSTART", "20260101120000[-5:EST]") + c("DTEND", "20260131120000[-5:EST]")
            + trns + "</BANKTRANLIST>\n<LEDGERBAL>\n" + c("BALAMT", CLOSE) + c("DTASOF", "20260131120000[-5:EST]")
            + "</LEDGERBAL>\n" + f"</{stmtrs}>\n</{trnrs}>\n</{msgs}>\n</OFX>\n")


SGML_HEADER = ("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\n"
               "COMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n")
XML_HEADER = ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
              '<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>\n')
(OUT / "checking.ofx").write_text(SGML_HEADER + ofx_body(False), newline="\r\n")
(OUT / "checking_v2.ofx").write_text(XML_HEADER + ofx_body(True))
(OUT / "checking.qfx").write_text(SGML_HEADER + ofx_body(False, intuit=True), newline="\r\n")

qif = ["!Type:Bank"]
for date, payee, memo, amount, _ in ROWS:
    qif += [f"D{date[4:6]}/{date[6:]}/{date[:4]}", f"T{float(amount):,.2f}", "CX", f"P{payee}"]
    qif += [f"M{memo}"] if memo else []
    qif += ["^"]
(OUT / "checking.qif").write_text("\n".join(qif) + "\n", newline="\r\n")

entries = []
for n, (date, payee, memo, amount, _) in enumerate(ROWS, start=1):
    debit = amount.startswith("-")
    party = "Cdtr" if debit else "Dbtr"
    iso = f"{date[:4]}-{date[4:6]}-{date[6:]}"
    remittance = f"<RmtInf><Ustrd>{memo}</Ustrd></RmtInf>" if memo else ""
    entries.append(f"""      <Ntry>
        <NtryRef>{n}</NtryRef>
        <Amt Ccy="USD">{amount.lstrip('-')}</Amt>
        <CdtDbtInd>{'DBIT' if debit else 'CRDT'}</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>{iso}</Dt></BookgDt>
        <ValDt><Dt>{iso}</Dt></ValDt>
        <AcctSvcrRef>{date}{n:04d}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd>
          <Fmly><Cd>{'ICDT' if debit else 'RCDT'}</Cd><SubFmlyCd>OTHR</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>
          <TxDtls>
            <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
            <RltdPties><{party}><Nm>{payee}</Nm></{party}></RltdPties>
            {remittance}
          </TxDtls>
        </NtryDtls>
      </Ntry>""")
camt = f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrStmt>
    <GrpHdr>
      <MsgId>STMT20260131</MsgId>
      <CreDtTm>2026-01-31T18:00:00</CreDtTm>
    </GrpHdr>
    <Stmt>
      <Id>20260131-123456789</Id>
      <ElctrncSeqNb>1</ElctrncSeqNb>
      <CreDtTm>2026-01-31T18:00:00</CreDtTm>
      <FrToDt><FrDtTm>2026-01-01T00:00:00</FrDtTm><ToDtTm>2026-01-31T23:59:59</ToDtTm></FrToDt>
      <Acct><Id><Othr><Id>123456789</Id></Othr></Id><Ccy>USD</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="USD">{OPEN}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-01-01</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="USD">{CLOSE}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-01-31</Dt></Dt></Bal>
{chr(10).join(entries)}
    </Stmt>
  </BkToCstmrStmt>
</Document>
"""
(OUT / "checking_camt053.xml").write_text(camt)


def mt940_amount(value):
    return f"{abs(float(value)):.2f}".replace(".", ",")


lines = [":20:STARTUMS", ":25:044000037/123456789", ":28C:00001/001", f":60F:C260101USD{mt940_amount(OPEN)}"]
for n, (date, payee, memo, amount, _) in enumerate(ROWS, start=1):
    mark = "D" if amount.startswith("-") else "C"
    lines.append(f":61:{date[2:]}{date[4:]}{mark}{mt940_amount(amount)}NTRFNONREF//{date}{n:04d}")
    purpose = f"?20{memo}" if memo else "?20"
    lines.append(f":86:{'177' if mark == 'D' else '166'}?00{'UEBERWEISUNG' if mark == 'D' else 'GUTSCHRIFT'}"
                 f"?109310{purpose}?32{payee[:27]}" + (f"?33{payee[27:]}" if len(payee) > 27 else ""))
lines += [f":62F:C260131USD{mt940_amount(CLOSE)}", "-"]
def wrap(line):  # 65 a line; mt-940 strips each line's end, so no line may end in a space
    parts = []
    while len(line) > 65:
        cut = 65
        while line[cut - 1] == " ":
            cut -= 1
        parts.append(line[:cut])
        line = line[cut:]
    return parts + [line]


lines = [part for line in lines for part in (wrap(line) if line.startswith(":86:") else [line])]
(OUT / "checking.sta").write_text("\n".join(lines) + "\n", newline="\r\n")

csv = ["Date,Description,Amount"]
csv += [f"{d[4:6]}/{d[6:]}/{d[:4]},\"{(p + ' ' + m).strip()}\",{a}" for d, p, m, a, _ in ROWS]
(OUT / "checking.csv").write_text("\n".join(csv) + "\n")

# A German Sparkasse-style MT940: Latin-1, SEPA keywords in ?20-?29, the name in ?32/?33, :86: wrapped at 65.
GERMAN = [
    ("2601050105D84,12NDDTNONREF//0105A1", "105?00SEPA-BASISLASTSCHRIFT?109310?20EREF+4711-0815-2026?21MREF+"
     "M-2019-001?22CRED+DE98ZZZ09999999999?23SVWZ+REWE SAGT DANKE 0408?24151 04.01.2026 KOELN?30COBADEFFXXX"
     "?31DE12370400440532013000?32REWE Markt GmbH"),
    ("2601060106C2450,00NTRFNONREF//0106B2", "166?00SEPA-GUTSCHRIFT?109249?20EREF+NOTPROVIDED?21SVWZ+Gehalt "
     "Januar 2026 Pe?22rsonalnr. 1042?30DEUTDEFFXXX?31DE98765432109876543210?32ACME Maschinenbau Vertrieb?33 GmbH"),
    ("2601070107D1234,56NDDTNONREF//0107C3", "177?00SEPA-UEBERWEISUNG?109310?20SVWZ+Miete Februar 2026 Wh?21g. 3 "
     "links?30GENODED1XXX?31DE55370501981234567890?32Hausverwaltung M\u00fcller & S?33\u00f6hne"),
    ("2601080108D15,99NDDTNONREF//0108D4", "105?00SEPA-BASISLASTSCHRIFT?109310?20EREF+NF-77612345?21MREF+"
     "NF-MANDATE-0815?22CRED+NL98ZZZ999999990000?23SVWZ+Netflix Monatsabo?30ABNANL2AXXX?31NL02ABNA0123456789"
     "?32Netflix International B.V."),
]
german = [":20:STARTUMSE", ":25:37040044/0532013000", ":28C:00001/001", ":60F:C260102EUR2000,00"]
for line61, line86 in GERMAN:
    german += [":61:" + line61, *wrap(":86:" + line86)]
german += [f":62F:C260108EUR{2000.00 - 84.12 + 2450.00 - 1234.56 - 15.99:.2f}".replace(".", ","), "-"]
(OUT / "mt940_de.sta").write_bytes(("\r\n".join(german) + "\r\n").encode("latin-1"))
