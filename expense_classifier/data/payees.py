"""Who a German, Austrian or UK current account pays, by category, and what the purpose line says.

A Girokonto export has a payee column ("Stadtwerke Lindau GmbH", "Hausverwaltung Kraus", "Kita
Pusteblume e.V.") and a Verwendungszweck ("Abschlag 03/2026 Vertragskonto 41223345", "Miete März
Whg. 3"), and a categorize run reads them joined. A UK current account prints one description, the
payment type around the payee and its reference ("DIRECT DEBIT SEVERN VALE WATER REF 4412098",
"STANDING ORDER MR D PATEL RENT FLAT 3"). Here are the kinds of payee each category's money goes to
there, with their purposes; `payee_lines.py` fills the slots and wraps them as the banks print them.

A kind is (payee names, purposes, how it is paid): names and purposes are `;`-separated templates whose
`{slots}` are filled from the lists below (names only from the finite lists, so that `payee_names` can
list every name the generator may write, for the held-out merchant check), and "card", "debit",
"order" or "transfer" says which bank wording wraps the line.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class PayeeKind:
    """One kind of payee: its name templates, its purpose templates, and the ways it is paid."""

    names: tuple[str, ...]
    purposes: tuple[str, ...]
    paid: tuple[str, ...]  # of "card", "debit", "order", "transfer"


def _k(names: str, purposes: str, paid: str) -> PayeeKind:
    split = lambda text: tuple(p.strip() for p in text.split(";") if p.strip())  # noqa: E731
    return PayeeKind(split(names), split(purposes), tuple(paid.split()))


# Slots a payee name may have, each a finite list (see `payee_names`).
NAME_SLOTS: dict[str, tuple[str, ...]] = {
    "town": ("Lindau", "Bergheim", "Rheinfeld", "Talheim", "Waldbronn", "Neustadt", "Kirchberg", "Hagen", "Fulda",
             "Bamberg", "Lüneburg", "Offenburg", "Göppingen", "Siegen", "Wetzlar", "Passau", "Rosenheim", "Minden",
             "Celle", "Detmold", "Gießen", "Herford", "Marburg", "Speyer", "Coburg", "Erding", "Kempten", "Weimar",
             "Görlitz", "Stralsund", "Husum", "Emden", "Villach", "Wels", "Dornbirn", "Krems", "Leoben", "Steyr"),
    "region": ("Oberland", "Mittelhessen", "Nordheide", "Südharz", "Ostalb", "Westerwald", "Niederrhein", "Allgäu",
               "Rhön", "Eifel", "Vogtland", "Altmark", "Emsland", "Lausitz", "Breisgau", "Taunus", "Wetterau",
               "Mühlviertel", "Innviertel", "Waldviertel"),
    "surname": ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
                "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
                "Braun", "Krüger", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Lehmann", "Huber", "Maier",
                "Köhler", "Herrmann", "Kaiser", "Fuchs", "Peters", "Scholz", "Brandl", "Gruber", "Pichler",
                "Steiner", "Moser", "Leitner", "Vogel", "Brunner", "Seidl", "Kessler"),
    "first": ("Klaus", "Petra", "Jürgen", "Sabine", "Thomas", "Andrea", "Michael", "Monika", "Stefan", "Birgit",
              "Uwe", "Claudia"),
    "kita": ("Sonnenschein", "Regenbogen", "Pusteblume", "Kunterbunt", "Löwenzahn", "Sternschnuppe", "Wirbelwind",
             "Schatzkiste", "Spatzennest", "Zwergenland", "Marienkäfer", "Villa Kunterbunt", "Wichtelhaus"),
    "saint": ("St. Marien", "St. Josef", "St. Michael", "St. Martin", "St. Elisabeth", "St. Georg", "St. Anna"),
    "landmark": ("Markt", "Rathaus", "Dom", "Bahnhof", "Schloss", "Stadttor", "Kirchplatz", "Lindenplatz"),
    "street": ("Lindenstr.", "Hauptstraße", "Bahnhofstr.", "Schillerstraße", "Goethestr.", "Gartenstraße",
               "Kastanienallee", "Am Mühlbach", "Ringstraße", "Birkenweg"),
    "house": ("3", "7", "12", "14", "21", "38", "45"),
    "fantasy": ("Vitalwerk", "Sonnenhof", "Lernwerk", "Bergblick", "Lichtblick", "Kompass", "Nordlicht", "Talblick",
                "Wellenreich", "Mittelpunkt", "Eichenhain", "Sternwarte"),
    "italian": ("Da Toni", "Bella Napoli", "Roma", "La Piazza", "Da Enzo", "Venezia", "Il Gabbiano", "Toscana"),
    "inn": ("Zum Hirschen", "Zur Linde", "Zum Ochsen", "Zur Post", "Zum Adler", "Zur Krone", "Zum Löwen"),
    # UK: place-like names that carry no category, towns, councils, regions.
    "name": ("HOLLYBANK", "ELMFIELD", "ASHGROVE", "BRIARWOOD", "KINGSWAY", "OAKFIELD", "WESTGATE", "CASTLEGATE",
             "MILLBROOK", "THORNBURY", "FERNHILL", "BEECHWOOD", "REDWELL", "STONEBRIDGE", "WILLOWBROOK", "ROSEDALE",
             "HEATHERSIDE", "PARKSIDE", "ABBEYFIELD", "MAYFIELD", "FOXGLOVE", "LARKSPUR", "TUDOR", "REGENT",
             "ALBION", "SOVEREIGN", "KESTREL", "BRAMBLE", "ORCHARD", "HAWTHORN"),
    "uktown": ("READING", "SWINDON", "WOKING", "EXETER", "NORWICH", "IPSWICH", "DERBY", "STOCKPORT", "BOLTON",
               "WIGAN", "PRESTON", "CARLISLE", "PERTH", "DUNDEE", "SWANSEA", "NEWPORT", "LUTON", "SLOUGH", "CRAWLEY",
               "BATH", "CHESTER", "LINCOLN", "WORTHING", "HARROGATE"),
    "ukregion": ("SEVERN VALE", "PENNINE", "DALESIDE", "MARSHLAND", "NORTH DOWNS", "WEALD", "FENLAND", "CHILTERN",
                 "COTSWOLD", "MENDIP"),
    "initial": ("A", "D", "J", "K", "M", "P", "R", "S", "T"),
    "uksurname": ("PATEL", "SMITH", "JONES", "TAYLOR", "BROWN", "WILLIAMS", "WILSON", "EVANS", "THOMAS", "ROBERTS",
                  "KHAN", "WALKER", "HUGHES", "EDWARDS", "MORRIS", "WRIGHT", "HALL", "GREEN"),
    "pub": ("RED LION", "WHITE HART", "ROYAL OAK", "KINGS HEAD", "PLOUGH", "ROSE AND CROWN", "BLACK HORSE", "SWAN",
            "GREEN MAN", "FOX AND HOUNDS"),
    "saintuk": ("ST MARYS", "ST JOHNS", "ST PETERS", "ST ANNES", "ST GEORGES", "ALL SAINTS", "HOLY TRINITY"),
}

GERMAN: dict[str, tuple[PayeeKind, ...]] = {
    "Food": (
        _k("Bäckerei {surname}; Bäckerei {surname} GmbH; Backhaus {surname} GmbH & Co. KG; Konditorei {surname}; "
           "Café {surname}; Café am {landmark}; Metzgerei {surname}; Fleischerei {surname} e.K.; "
           "Landmetzgerei {surname}; Markt {surname} e.K.; Frischemarkt {surname} OHG; Nahversorger {surname} KG; "
           "Getränkemarkt {surname}; Getränke {surname} GmbH; Hofladen {surname} GbR; Bioladen {fantasy}; "
           "Feinkost {surname}; Obst und Gemüse {surname}; Weinhandlung {surname}",
           "Einkauf; Lebensmittel; Wocheneinkauf; Brötchen; Backwaren; Getränke; Kaffee und Kuchen; Fleisch und Wurst",
           "card"),
        _k("Restaurant {italian}; Pizzeria {italian}; Ristorante {italian}; Trattoria {italian}; Eiscafé {italian}; "
           "Gasthaus {inn}; Gasthof {inn}; Wirtshaus am {landmark}; Brauhaus {town}; Imbiss am {landmark}; "
           "Asia Imbiss {fantasy}; Döner am {landmark}; Kantine {fantasy} GmbH; Catering {surname} GmbH",
           "Bewirtung; Mittagessen; Abendessen; Essen; Bestellung {n4}; Lieferung Bestellnr. {n6}; "
           "Kantine {month}; Essensabrechnung {month} {yyyy}",
           "card card debit"),
    ),
    "Transportation": (
        _k("Tankstelle {surname}; {surname} Tankstellen GmbH; Autohof {town}; Tankcenter {town} GmbH; "
           "Parkhaus am {landmark}; Parkhaus {fantasy} GmbH; Parkraum {town} GmbH; Taxi {surname}; "
           "Taxi-Zentrale {town} eG; Waschpark {town}; Autowäsche {surname}",
           "Tanken; Super E10; Diesel; Kraftstoff; Parkgebühr; Parkticket {date}; Fahrt {date}; Taxifahrt; "
           "Autowäsche",
           "card"),
        _k("Autohaus {surname} GmbH; Autohaus {surname} GmbH & Co. KG; Kfz-Werkstatt {surname}; "
           "Kfz-Meisterbetrieb {surname}; Reifen {surname} GmbH; Reifenservice {surname}; Autoservice {surname} e.K.",
           "Rechnung Nr. {n5} Inspektion; Inspektion und Ölwechsel; HU/AU {plate}; Reifenwechsel; "
           "Reifeneinlagerung Saison {yyyy}; Reparatur {plate} Rechnung {n5}; Bremsen vorne Rechnung {n4}",
           "card transfer"),
        _k("Verkehrsbetriebe {town} GmbH; Verkehrsbetriebe {town} AG; Verkehrsverbund {region} GmbH; "
           "Stadtbus {town}; Regionalverkehr {region} GmbH; Carsharing {town} eG",
           "Abo Monatskarte {mm}/{yyyy} Kd-Nr. {n6}; Deutschlandticket {month} {yyyy}; Jobticket {month}; "
           "Abo {month} {yyyy} Vertragsnr. {n7}; Fahrten {month} {yyyy}; Jahreskarte {yyyy}",
           "debit"),
        _k("Hauptzollamt {town}; Bundeskasse Kfz-Steuer",
           "Kfz-Steuer {plate} Kassenzeichen {n4}.{n4}.{n4}; Kraftfahrzeugsteuer {plate} {yyyy}",
           "debit"),
        _k("{fantasy} Versicherung AG; {region} Versicherung VVaG; Versicherungskammer {region}",
           "Kfz-Haftpflicht Beitrag {yyyy} Vers.-Nr. {n8}; Kfz-Versicherung {plate} {yyyy}; "
           "Teilkasko Beitrag {mm}/{yyyy}; Vollkasko {plate} Vertrag {n8}",
           "debit"),
    ),
    "Utilities": (
        _k("Stadtwerke {town}; Stadtwerke {town} GmbH; Stadtwerke {town} AG; Energieversorgung {town} GmbH; "
           "{region} Energie GmbH; Energie {region} AG; Gasversorgung {town} GmbH; Fernwärme {town} GmbH; "
           "Elektrizitätswerk {town} eG; Energiegenossenschaft {region} eG",
           "Abschlag {mm}/{yyyy} Vertragskonto {n9}; Abschlag {month} {yyyy}; Strom Abschlag {month}; "
           "Gas Abschlag {mm}.{yyyy}; Abschlagszahlung Strom Vertragskonto {n10}; Fernwärme Abschlag {month}; "
           "Jahresabrechnung {yyyy} Nachzahlung Vertragskonto {n9}; Strom und Gas Abschlag {mm}/{yyyy}; "
           "Kd-Nr. {n7} Abschlag Strom {month}",
           "debit"),
        _k("Wasserversorgung {town}; Wasserverband {region}; Zweckverband Wasser und Abwasser {region}; "
           "Abwasserzweckverband {region}; Stadtentwässerung {town}; Gemeindewerke {town}",
           "Wasser/Abwasser Abschlag {q}. Quartal {yyyy}; Wassergeld {yyyy} Kundennr. {n6}; Abwassergebühren {yyyy}; "
           "Niederschlagswasser {yyyy} Kassenzeichen {n6}; Abschlag Wasser {mm}/{yyyy}",
           "debit"),
        _k("Abfallwirtschaft {town}; Abfallwirtschaftsbetrieb Landkreis {region}; Entsorgungsbetriebe {town} AöR; "
           "Zweckverband Abfall {region}",
           "Abfallgebühren {yyyy} Kassenzeichen {n5}; Müllgebühren {q}. Quartal {yyyy}; Restmülltonne {yyyy}",
           "debit"),
        _k("ARD ZDF Deutschlandradio Beitragsservice; Rundfunk ARD ZDF DRadio",
           "Rundfunkbeitrag {mm}.{yyyy} Beitragsnr. {n9}; Rundfunkbeitrag {q}. Quartal {yyyy} Beitragsnummer {n9}",
           "debit"),
        _k("{fantasy} Glasfaser GmbH; {region}Net GmbH; Kabel {region} GmbH; {fantasy} Mobilfunk GmbH; "
           "{fantasy} Telekommunikation GmbH; Breitband {region} GmbH & Co. KG",
           "Rechnung Nr. {n8} Kd-Nr. {n7}; "
           "Mobilfunk Rechnung {month}; Internet {month} Kundennummer {n8}; Festnetz und Internet {mm}/{yyyy}; "
           "Glasfaser Anschluss {month} Vertragsnr. {n7}; Handyrechnung {month} {yyyy}",
           "debit"),
        _k("Heizöl {surname} GmbH; Brennstoffhandel {surname} KG; Flüssiggas {region} GmbH",
           "Heizöllieferung Rechnung {n5}; Heizöl {n4} Liter; Flüssiggas Lieferung {date}",
           "transfer debit"),
    ),
    "Entertainment": (
        _k("Fitnessstudio {fantasy}; {fantasy} Fitness GmbH; Fitnesspark {town}; Sportstudio {surname}; "
           "Sportverein {town} e.V.; TSV {town} e.V.; SV {town} 1920 e.V.; Turnverein {town} e.V.; "
           "Tennisclub {town} e.V.; Schützenverein {town} e.V.; Kletterhalle {town} GmbH; Skiclub {town} e.V.",
           "Mitgliedsbeitrag {month} {yyyy}; Mitgliedsbeitrag {yyyy} Mitgl.-Nr. {n4}; Beitrag {q}. Quartal {yyyy}; "
           "Monatsbeitrag {mm}/{yyyy}; Vereinsbeitrag {yyyy}; Jahresbeitrag {yyyy}; Aufnahmegebühr",
           "debit debit order"),
        _k("Kino {fantasy}; {fantasy} Lichtspiele; Filmpalast {town}; Stadttheater {town}; Theater {town} GmbH; "
           "Freizeitbad {town}; Erlebnisbad {fantasy} GmbH; Tierpark {town}; Zoo {town} gGmbH; "
           "Konzertkasse {town}; Bowlingcenter {town}; Museum {town}; Freizeitpark {fantasy} GmbH",
           "Eintritt; Eintrittskarten Bestellnr. {n6}; Tickets Auftrag {n7}; Kinokarten; Jahreskarte {yyyy}; "
           "Familienkarte; Abo Spielzeit {yyyy}/{yy1}",
           "card card transfer"),
    ),
    "Healthcare": (
        _k("Apotheke am {landmark}; {saint}-Apotheke; {fantasy}-Apotheke; Apotheke {surname} e.K.; "
           "Sanitätshaus {surname} GmbH; Optik {surname} GmbH; Augenoptik {surname}; Hörakustik {surname}",
           "Zuzahlung Rezept; Zuzahlung; Medikamente; Rezeptgebühr; Brille Rechnung {n5}; Gleitsichtbrille; "
           "Kontaktlinsen; Hörgerät Eigenanteil",
           "card card transfer"),
        _k("Zahnarztpraxis Dr. {surname}; Zahnarztpraxis Dr. med. dent. {surname}; Praxis Dr. med. {surname}; "
           "Gemeinschaftspraxis Dr. {surname} und Dr. {surname2}; Hausarztpraxis {surname}; "
           "Kinderarztpraxis Dr. {surname}; Physiotherapie {surname}; Praxis für Physiotherapie {fantasy}; "
           "Labor Dr. {surname} MVZ GmbH; Klinikum {town}; Krankenhaus {saint} gGmbH; "
           "Privatärztliche Verrechnungsstelle {region}; Heilpraktikerin {first} {surname}",
           "Rechnung Nr. {n5} vom {date}; Privatliquidation Rechnung {n6}; Behandlung vom {date}; "
           "Eigenanteil Zahnersatz; Zahnreinigung; Zuzahlung Rezept {n1}x KG; Laborleistungen Rechnung {n6}; "
           "Rechnungsnr. {n7} Patient {n6}",
           "transfer debit"),
        _k("BKK {region}; IKK {region}; Krankenkasse {region}; {fantasy} Krankenversicherung AG; "
           "{region} Krankenversicherung a.G.; Pflegekasse {region}",
           "Beitrag {mm}/{yyyy} Versichertennr. {letter}{n9}; Beitrag Krankenversicherung {month}; "
           "Beitrag Zusatzversicherung {yyyy}; Kranken- und Pflegeversicherung {mm}/{yyyy}; "
           "Zahnzusatzversicherung {month}",
           "debit"),
    ),
    "Shopping": (
        _k("Modehaus {surname}; Kaufhaus {surname}; Schuhhaus {surname}; Schuhe {surname} GmbH; "
           "Buchhandlung {surname}; Buchhandlung am {landmark}; Elektro {surname} OHG; Spielwaren {surname}; "
           "Parfümerie {surname}; Juwelier {surname}; Sport {surname} GmbH; Blumen {surname}; "
           "Schreibwaren {surname}; Drogerie {surname}; Haushaltswaren {surname} e.K.; Boutique {first}",
           "Bekleidung; Schuhe; Geschenk; Bücher; Elektronik; Haushaltswaren; Spielzeug; Blumen; Drogerie",
           "card"),
        _k("{fantasy} Versand GmbH; {fantasy} Onlineshop; {surname} Versandhaus GmbH; "
           "Möbelhaus {surname} GmbH & Co. KG; Einrichtungshaus {surname}; {fantasy} Handels GmbH",
           "Bestellung {n7}; Bestellnr. {n3}-{n7}-{n7}; Rechnung {n8} Kundennr. {n6}; Ihr Einkauf bei {fantasy}; "
           "Anzahlung Kaufvertrag {n4}; Ratenzahlung {mm}/{yyyy}; Auftrag {n6} Lieferung",
           "transfer debit"),
    ),
    "Housing": (
        _k("Hausverwaltung {surname}; Hausverwaltung {surname} GmbH; {surname} Immobilien GmbH; "
           "{surname} Immobilienverwaltung KG; Wohnungsbaugenossenschaft {town} eG; "
           "Wohnungsgenossenschaft {fantasy} eG; Wohnungsbaugesellschaft {town} mbH; "
           "Gemeinnützige Wohnungsbaugesellschaft {town} mbH; {first} {surname}; {first} und {first2} {surname}",
           "Miete {month} {yyyy}; Miete {mm}/{yyyy} Whg. {n1} {floor}; Miete {month} Wohnung {street} {house}; "
           "Kaltmiete und Nebenkosten {month}; Nutzungsgebühr {mm}/{yyyy} Mitgl.-Nr. {n5}; Mietkaution; "
           "Nebenkostenabrechnung {yyyy0} Nachzahlung; Betriebskostenabrechnung {yyyy0}; Stellplatz {month}",
           "order order transfer"),
        _k("WEG {street} {house}; Eigentümergemeinschaft {street} {house}; Stadtkasse {town}; Gemeindekasse {town}; "
           "Stadt {town} Steueramt",
           "Hausgeld {month} {yyyy}; Hausgeld {mm}/{yyyy} Einheit {n2}; Sonderumlage {yyyy}; "
           "Grundsteuer B {q}. Quartal {yyyy} Kassenzeichen {n4}.{n4}; Grundbesitzabgaben {yyyy}",
           "order debit"),
        _k("Bausparkasse {fantasy} AG; {fantasy} Hypothekenbank AG; Sparkasse {town} Baufinanzierung; "
           "{fantasy} Wohnbau Kredit AG",
           "Darlehen Nr. {n7} Rate {mm}/{yyyy}; Baufinanzierung Rate {month}; Tilgung Darlehen {n8}; "
           "Annuität {mm}/{yyyy} Konto {n10}; Bausparvertrag {n8} Sparrate",
           "debit"),
        _k("Sanitär {surname} GmbH; Heizung Sanitär {surname}; Malerbetrieb {surname}; Dachdeckerei {surname}; "
           "Elektroinstallation {surname} GmbH; Schornsteinfeger {surname}; Bezirksschornsteinfeger {surname}; "
           "Hausmeisterservice {surname}; Gebäudereinigung {surname} GmbH; Umzüge {surname} GmbH; "
           "Gartenbau {surname}; Schlüsseldienst {surname}",
           "Rechnung Nr. {n4} Reparatur Heizung; Feuerstättenschau {yyyy}; Kehrgebühren {yyyy}; "
           "Rechnung {n5} Malerarbeiten; Wartung Heizung {yyyy}; Umzug {date}; Rechnung Nr. {n5} vom {date}",
           "transfer"),
        _k("{fantasy} Versicherung AG; {region} Versicherung VVaG",
           "Hausrat Beitrag {yyyy} Vers.-Nr. {n8}; Wohngebäudeversicherung {yyyy}; Hausratversicherung {mm}/{yyyy}",
           "debit"),
    ),
    "Education": (
        _k("Kita {kita}; Kita {kita} e.V.; Kindertagesstätte {kita}; Kindergarten {kita}; "
           "Ev. Kindergarten {saint}; Kath. Kita {saint}; Elterninitiative {kita} e.V.; Hort {kita}; "
           "Stadt {town} Kita-Gebühren; Kinderkrippe {kita} gGmbH",
           "Elternbeitrag {month} {yyyy}; Kita-Gebühren {mm}/{yyyy} Kassenzeichen {n5}; Betreuungsbeitrag {month}; "
           "Essensgeld {month}; Verpflegungsgeld {mm}/{yyyy}; Beitrag {month} Kind {child}",
           "debit order"),
        _k("Universität {town}; Hochschule {town}; Technische Hochschule {town}; Studierendenwerk {town}; "
           "Fachhochschule {region}",
           "Semesterbeitrag {semester} Matrikelnr. {n7}; Studiengebühren {semester}; Rückmeldung {semester}; "
           "Semesterbeitrag {semester}",
           "transfer"),
        _k("Volkshochschule {town}; VHS {town}; Musikschule {town} e.V.; Fahrschule {surname}; Nachhilfe {fantasy}; "
           "Lernstudio {fantasy}; Sprachschule {fantasy} GmbH; Tanzschule {surname}; "
           "Förderverein der Grundschule {town} e.V.; Gymnasium {town}; Schulverein {town} e.V.",
           "Kursgebühr {course} Kurs {code}; Unterrichtsgebühr {q}. Quartal; Grundbetrag Klasse B; "
           "Fahrstunden Rechnung {n4}; Nachhilfe {month}; Klassenfahrt {n1}{abc}; Schulgeld {month}; "
           "Mitgliedsbeitrag Förderverein {yyyy}; Kopiergeld {yyyy}; Kurs {code} {course}",
           "order transfer debit"),
    ),
}

UK: dict[str, tuple[PayeeKind, ...]] = {
    "Food": (
        _k("{uksurname}S BAKERY; {uksurname} BUTCHERS; {name} FISH BAR; {name} KEBAB HOUSE; {name} CAFE; "
           "CAFE {name}; {name} DELI; {name} TANDOORI; {name} SPICE; {name} NOODLE BAR; {name} FARM SHOP; "
           "{name} GREENGROCERS; {name} COFFEE HOUSE; {name} PIZZERIA; THE {pub}; {pub} INN; "
           "{name} CONVENIENCE STORE; {name} FOOD AND WINE",
           "", "card"),
    ),
    "Transportation": (
        _k("{name} SERVICE STATION; {name} FILLING STATION; {uktown} CAR PARK; {name} CAR PARK; {name} TAXIS; "
           "{name} CARS; {uktown} COUNCIL PARKING; {name} HAND CAR WASH",
           "", "card"),
        _k("{name} MOTORS LTD; {name} GARAGE; {name} TYRES; {name} AUTOCENTRE",
           "MOT AND SERVICE; MOT; SERVICE; TYRES; INVOICE {n4}; REPAIRS", "transfer card"),
        _k("DVLA; DVLA VEHICLE TAX", "VEHICLE TAX {ukplate}; {ukplate}", "debit"),
        _k("{name} CAR INSURANCE; {name} MOTOR INSURANCE", "CAR INSURANCE; POLICY {n8}; MOTOR POLICY {n8}", "debit"),
    ),
    "Utilities": (
        _k("{ukregion} WATER; {ukregion} WATER LTD; {ukregion} WATER SERVICES",
           "REF {n8}; ACCOUNT {n8}; WATER RATES; {n10}; CUSTOMER {n7}", "debit debit order"),
        _k("{name} ENERGY LTD; {name} ENERGY SUPPLY; {name} POWER; {name} GAS AND ELECTRIC; {name} ENERGY",
           "REF {n8}; ACCOUNT {n8}; ENERGY; GAS AND ELECTRIC; ELECTRICITY; {n10}", "debit"),
        _k("{name} BROADBAND LTD; {name} FIBRE; {name} MOBILE LTD; {name} TELECOM; {name} COMMUNICATIONS",
           "REF {n8}; ACCOUNT {n8}; BILL {n8}; BROADBAND; MOBILE; CUSTOMER {n7}", "debit"),
        _k("TV LICENCE MBP; TV LICENCE; TV LICENSING", "REF {n8}; TV LICENCE; LICENCE {n10}", "debit"),
    ),
    "Entertainment": (
        _k("{name} GYM; {name} GYM LTD; {name} FITNESS LTD; {name} LEISURE CENTRE; {uktown} LEISURE; "
           "{name} TENNIS CLUB; {name} GOLF CLUB; {name} CINEMA; {name} PICTUREHOUSE; {name} BOWL; "
           "{name} THEATRE; {name} CLIMBING CENTRE; {name} SPORTS CLUB",
           "MEMBERSHIP; SUBS; MONTHLY MEMBERSHIP; ANNUAL SUBS; TICKETS; MEMBER {n6}",
           "debit card order"),
    ),
    "Healthcare": (
        _k("{name} PHARMACY; {name} CHEMIST; {name} OPTICIANS; {name} HEARING CARE",
           "PRESCRIPTION; EYE TEST; GLASSES; CONTACT LENSES", "card card transfer"),
        _k("{name} DENTAL PRACTICE; {name} DENTAL CARE; {name} PHYSIOTHERAPY; {name} OSTEOPATHY; "
           "{name} MEDICAL CENTRE; {name} CLINIC",
           "CHECK UP; TREATMENT; PHYSIO; HYGIENIST; INVOICE {n5}; CONSULTATION", "transfer card"),
        _k("{name} HEALTH INSURANCE; {name} DENTAL PLAN; {name} HEALTHCARE; NHS BSA PPC",
           "POLICY {n6}; DENTAL PLAN; MEMBER {n8}; PPC {n8}", "debit"),
    ),
    "Shopping": (
        _k("{name} BOUTIQUE; THE GIFT SHOP {name}; {name} BOOKSHOP; {name} BOOKS; {name} CHARITY SHOP; "
           "{name} HOME STORE; {name} SHOES; {name} OUTFITTERS; {name} JEWELLERS; {name} TOYS; {name} ELECTRICALS; "
           "{name} DEPARTMENT STORE; {name} FLORIST; {name} HARDWARE AND HOMEWARE",
           "ORDER {n8}", "card card card transfer"),
    ),
    "Housing": (
        _k("MR {initial} {uksurname}; MRS {initial} {uksurname}; {name} LETTINGS LTD; {name} LETTINGS; {name} ESTATES; "
           "{name} ESTATE AGENTS; {name} PROPERTY MANAGEMENT; {name} PROPERTIES LTD; {name} HOUSING ASSOCIATION; "
           "{name} HOMES; {name} BLOCK MANAGEMENT",
           "RENT; RENT FLAT {n1}; RENT {mon}; {house} {ukstreet} RENT; SERVICE CHARGE; GROUND RENT; DEPOSIT; "
           "RENT AND BILLS",
           "order order transfer"),
        _k("{uktown} CITY COUNCIL; {uktown} BOROUGH COUNCIL; {uktown} DISTRICT COUNCIL; {uktown} CC; {uktown} BC",
           "CTAX {n8}; COUNCIL TAX; C TAX {n8}; COUNCIL TAX {n8}", "debit"),
        _k("{name} BUILDING SOCIETY; {name} BUILDING SOC; {name} MORTGAGES; {name} HOME INSURANCE",
           "MORTGAGE; MORTGAGE {n8}; HOME INSURANCE; POLICY {n8}; ACCOUNT {n10}", "debit"),
        _k("{name} PLUMBING AND HEATING; {name} ROOFING; {name} BUILDERS LTD; {name} HANDYMAN SERVICES; "
           "{name} ELECTRICAL SERVICES; {name} REMOVALS",
           "BOILER SERVICE; INVOICE {n4}; REPAIRS; DEPOSIT; QUOTE {n4}", "transfer"),
    ),
    "Education": (
        _k("{name} DAY NURSERY; {name} NURSERY LTD; {name} PRE-SCHOOL; {saintuk} PRIMARY SCHOOL; {name} ACADEMY; "
           "{name} HIGH SCHOOL; UNIVERSITY OF {uktown}; {uktown} COLLEGE; {name} TUTORING LTD; {name} TUITION; "
           "{name} MUSIC LESSONS; {name} SCHOOL OF MUSIC; {name} DRIVING SCHOOL; {name} SCHOOL OF DANCE",
           "FEES {mon}; NURSERY FEES; TUITION FEES; SCHOOL TRIP; DINNER MONEY; LESSONS; TERM FEES; UNIFORM; "
           "CHILD {n4}",
           "debit order transfer"),
    ),
}

COUNTRY_PAYEES: dict[str, dict[str, tuple[PayeeKind, ...]]] = {"de": GERMAN, "at": GERMAN, "gb": UK}

SLOT = re.compile(r"\{(\w+)\}")


def slot_values(slot: str) -> tuple[str, ...]:
    """A name slot's list ("surname2" and "first2" are a second draw of the same list)."""
    return NAME_SLOTS[slot.rstrip("2")]


def payee_names() -> Iterator[str]:
    """Every payee name `payee_lines` can write (each template with every filling of its slots)."""
    for kinds in COUNTRY_PAYEES.values():
        for kind in itertools.chain.from_iterable(kinds.values()):
            for template in kind.names:
                slots = SLOT.findall(template)
                for values in itertools.product(*(slot_values(s) for s in slots)):
                    yield fill(template, iter(values))


def fill(template: str, values: Iterator[str]) -> str:
    """`template` with its slots replaced, in order, by `values`."""
    return SLOT.sub(lambda _: next(values), template)
