"""Synthetic receipt items: eight categories, deterministic for a seed, balanced.

The text is built from merchants, products, sizes, quantities and prices in the shapes they take on
real receipts and bank statements (plain phrases, upper-case POS lines with abbreviations, statement
descriptors), so that a model trained on it has to learn the words, not the wrappers. The merchants are
everyday ones and chains (the catalogue), local businesses ("<name> <kind of business>"), and the brands
of the merchant directory (`brands.py`), each written with the wording of its kind: a supermarket's items
are groceries, an airline's are flights and bag fees.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from expense_classifier.data.brands import Brand, is_heldout_merchant, training_brands, unknown_brands
from expense_classifier.data.catalogue import (
    BANK_ABBREVIATIONS,
    BANK_WORDS_ABROAD,
    BUSINESS_TYPES,
    CHAINS,
    CITIES,
    CITIES_ABROAD,
    NAME_PARTS,
    PAYMENT_WORDS,
    PROCESSOR_PREFIXES,
    TRANSACTION_PREFIXES,
)
from expense_classifier.data.payee_lines import payee_line
from expense_classifier.data.wording import GERMAN, Wording

CATEGORIES: tuple[str, ...] = (
    "Food",
    "Transportation",
    "Utilities",
    "Entertainment",
    "Healthcare",
    "Shopping",
    "Housing",
    "Education",
)


@dataclass(frozen=True)
class Vocabulary:
    """What one category's receipt lines are made of."""

    merchants: tuple[str, ...]
    products: tuple[str, ...]
    phrases: tuple[str, ...]  # whole descriptions with a {merchant} or {place} slot, or none
    sizes: tuple[str, ...] = ()


PLACES = (
    "airport", "office", "downtown", "the hotel", "client meeting", "home", "train station",
    "conference center", "JFK", "LAX", "SFO", "campus", "the stadium", "work", "city center",
)

VOCAB: dict[str, Vocabulary] = {
    "Food": Vocabulary(
        merchants=(
            "Whole Foods", "Trader Joe's", "Safeway", "Kroger", "Costco", "Walmart Grocery",
            "Aldi", "Publix", "Wegmans", "Starbucks", "Dunkin", "McDonald's", "Chipotle",
            "Jersey Mike's", "Panera Bread", "Domino's", "Pizza Hut", "Taco Bell", "Sweetgreen",
            "Five Guys", "Shake Shack", "DoorDash", "Uber Eats", "Grubhub", "Instacart",
            "KFC", "Burger King", "Wendy's", "Chick-fil-A", "Tim Hortons", "Pret A Manger",
        ),
        products=(
            "whole milk", "skim milk", "oat milk", "almond milk", "large eggs", "sourdough bread",
            "bagels", "bananas", "organic apples", "avocados", "baby spinach", "romaine lettuce",
            "chicken breast", "ground beef", "salmon fillet", "cheddar cheese", "greek yogurt",
            "butter", "orange juice", "coffee beans", "ground coffee", "green tea", "pasta",
            "marinara sauce", "basmati rice", "tortillas", "peanut butter", "strawberries",
            "blueberries", "potato chips", "granola bars", "cereal", "frozen pizza", "ice cream",
            "sparkling water", "bottled water", "soda 12 pack", "tomatoes", "onions", "garlic",
            "cherry tomatoes", "deli turkey", "hummus", "croissant", "blueberry muffin",
            "latte", "cappuccino", "iced coffee", "espresso", "cheeseburger", "chicken sandwich",
            "burrito bowl", "pepperoni pizza", "caesar salad", "sushi roll", "pad thai",
            "ramen", "fish tacos", "breakfast sandwich", "french fries", "lunch combo",
            "dinner for two", "brunch", "smoothie", "bakery cookies", "birthday cake",
        ),
        phrases=(
            "Lunch at {merchant}", "Dinner with clients", "Team lunch", "Groceries at {merchant}",
            "{merchant} order", "Morning coffee and croissant", "Coffee at {merchant}",
            "Weekly groceries", "Takeout dinner", "Breakfast at the diner", "Pizza delivery",
            "Snacks for the office", "Restaurant bill", "Food delivery from {merchant}",
            "Business lunch downtown", "Farmers market produce", "Bakery order",
            "Catering for team meeting", "Vending machine snack", "Happy hour appetizers",
        ),
        sizes=("1 gal", "1/2 gal", "1L", "2L", "12 oz", "16 oz", "1 lb", "2 lb", "dozen", "6 ct",
               "500g", "1kg", "family size", "large", "medium", "small"),
    ),
    "Transportation": Vocabulary(
        merchants=(
            "Uber", "Yellow Cab", "Shell", "Chevron", "Exxon", "BP", "Mobil", "Texaco",
            "Amtrak", "Greyhound", "MTA", "BART", "Caltrain", "Delta", "United Airlines",
            "American Airlines", "Southwest", "JetBlue", "Hertz", "Enterprise", "Avis",
            "E-ZPass", "FasTrak", "SpotHero", "ParkMobile", "Citi Bike", "Lime Scooter", "Bird Scooters",
            "Jiffy Lube", "Valvoline", "Firestone",
        ),
        products=(
            "unleaded gas", "regular unleaded", "premium fuel", "diesel", "gasoline", "gas pump",
            "fuel", "gas fill-up",
            "parking fee", "parking garage", "meter parking", "highway toll", "bridge toll",
            "monthly transit pass", "metro card refill", "subway fare", "bus fare", "bus ticket",
            "train ticket", "commuter rail pass", "airline ticket", "flight", "baggage fee",
            "seat upgrade", "car rental", "taxi fare", "ride share", "oil change",
            "tire rotation", "new tires", "car wash", "brake pads replacement", "scooter rental",
            "bike share ride", "ferry ticket", "shuttle to airport", "EV charging session",
            "vehicle registration renewal", "auto insurance premium", "windshield wiper blades",
        ),
        phrases=(
            "{merchant} ride to {place}", "{merchant} trip to {place}", "Taxi to {place}",
            "Ride home from {place}", "Cab from {place}", "Gas for the car", "Filled up the tank",
            "Fuel at {merchant}", "Flight to Chicago", "Round trip flight to Denver",
            "Train to Boston", "Parking at {place}", "Toll road charge", "Rental car for the trip",
            "Airport shuttle", "Monthly bus pass", "{merchant} pool to {place}",
            "Car service to {place}", "Commute fare", "Roadside assistance tow",
            "Gas station stop", "Fill-up at {merchant}", "{merchant} gas station", "Fuel fill-up",
            "Topped off the tank at {merchant}", "Gas on the road trip",
        ),
        sizes=("10.2 gal", "12.4 gal", "8.7 gal", "45 L", "2 hrs", "all day", "one way",
               "round trip", "30 day", "weekly"),
    ),
    "Utilities": Vocabulary(
        merchants=(
            "PG&E", "Con Edison", "Duke Energy", "Xcel Energy", "National Grid", "ComEd",
            "Southern California Edison", "Dominion Energy", "Comcast Xfinity", "Spectrum",
            "AT&T", "Verizon", "T-Mobile", "Cox Communications", "Google Fiber", "Frontier",
            "City Water Dept", "Municipal Utilities", "Waste Management", "Republic Services",
            "CenturyLink", "Optimum", "Mint Mobile", "Sprint",
        ),
        products=(
            "electric bill", "electricity", "power bill", "water bill", "sewer charge",
            "natural gas bill", "gas and electric", "heating oil delivery", "internet service",
            "broadband", "fiber internet", "cable TV service", "phone bill", "cell phone plan",
            "wireless service", "mobile data plan", "landline", "trash collection",
            "garbage pickup", "recycling service", "water and sewer", "utility deposit",
            "propane refill", "energy usage charge", "home internet", "wifi service",
        ),
        phrases=(
            "{merchant} monthly bill", "Electric bill", "Water bill for the quarter",
            "Monthly internet from {merchant}", "{merchant} autopay", "Phone bill {merchant}",
            "Gas utility payment", "Utility payment", "Power company payment",
            "{merchant} service charge", "Internet and cable bundle", "Cell phone bill",
            "Trash and recycling fee", "Sewer and water service", "Heating bill for January",
        ),
        sizes=("monthly", "Jan", "Feb", "March", "Q1", "Q3", "850 kWh", "1200 kWh", "12 CCF",
               "100 Mbps", "1 Gbps", "unlimited", "acct 4471"),
    ),
    "Entertainment": Vocabulary(
        merchants=(
            "Netflix", "Spotify", "Hulu", "Disney+", "HBO Max", "Apple TV+", "Amazon Prime Video",
            "YouTube Premium", "AMC Theatres", "Regal Cinemas", "Ticketmaster", "StubHub",
            "Live Nation", "Steam", "PlayStation Store", "Xbox", "Nintendo eShop", "Twitch",
            "Dave & Buster's", "Topgolf", "Six Flags", "Universal Studios", "Fandango",
            "Audible", "Bowlero",
        ),
        products=(
            "movie tickets", "IMAX tickets", "popcorn and soda combo", "concert tickets",
            "festival pass", "theater tickets", "Broadway show", "comedy show", "museum admission",
            "zoo tickets", "theme park tickets", "video game", "game DLC", "in-game currency",
            "streaming subscription", "music subscription", "arcade membership",
            "bowling", "mini golf", "arcade tokens", "escape room", "karaoke night",
            "sports game tickets", "baseball tickets", "season pass", "board game",
            "movie rental", "audiobook credit", "pay per view fight", "trivia night entry",
        ),
        phrases=(
            "{merchant} subscription", "{merchant} monthly", "Movie night", "Concert downtown",
            "Tickets from {merchant}", "Game purchase on {merchant}", "Night out bowling",
            "Weekend at the amusement park", "Streaming service renewal", "Date night movie",
            "Family fun center", "{merchant} premium plan", "Karaoke with friends",
            "Live music venue cover charge", "Bought a new game", "Comedy club tickets",
        ),
        sizes=("2 adults", "4 tickets", "x2", "family plan", "annual", "monthly", "premium",
               "standard", "GA", "row F"),
    ),
    "Healthcare": Vocabulary(
        merchants=(
            "CVS Pharmacy", "Walgreens", "Rite Aid", "Kaiser Permanente", "Quest Diagnostics",
            "LabCorp", "MinuteClinic", "One Medical", "Blue Cross", "Aetna", "UnitedHealthcare",
            "Cigna", "LensCrafters", "Warby Parker", "Aspen Dental", "Planned Parenthood",
            "Urgent Care Center", "City Hospital", "Teladoc", "GoodRx", "1-800 Contacts",
        ),
        products=(
            "prescription refill", "prescription copay", "antibiotics", "allergy medicine",
            "ibuprofen", "acetaminophen", "cough syrup", "cold and flu relief", "bandages",
            "first aid kit", "thermometer", "multivitamins", "vitamin D", "insulin",
            "blood pressure monitor", "contact lenses", "eye drops", "eye exam", "new glasses",
            "dental cleaning", "cavity filling", "root canal", "orthodontist visit",
            "doctor visit copay", "specialist consultation", "physical therapy session",
            "therapy session", "counseling appointment", "lab work", "blood test", "x-ray",
            "MRI scan", "flu shot", "vaccination", "urgent care visit", "ER visit",
            "health insurance premium", "hearing aid batteries", "chiropractor adjustment",
            "dermatologist appointment", "pediatrician checkup", "annual physical",
        ),
        phrases=(
            "Prescription pickup at {merchant}", "Copay for doctor visit", "Dentist appointment",
            "{merchant} pharmacy", "Medicine from {merchant}", "Doctor's office visit",
            "Hospital bill", "Co-pay specialist", "Monthly insurance premium to {merchant}",
            "Annual checkup", "Pharmacy order", "Eye doctor", "Physical therapy",
            "Lab results copay", "Telehealth appointment", "Urgent care co-pay",
        ),
        sizes=("30 day supply", "90 day supply", "100 ct", "200 mg", "500 mg", "60 tablets",
               "24 caps", "8 fl oz", "6 pack", "1 box"),
    ),
    "Shopping": Vocabulary(
        merchants=(
            "Amazon", "Target", "Walmart", "Best Buy", "Apple Store", "IKEA", "Macy's",
            "Nordstrom", "H&M", "Zara", "Uniqlo", "Gap", "Old Navy", "Nike", "Adidas",
            "TJ Maxx", "Marshalls", "Kohl's", "eBay", "Etsy", "Sephora", "Ulta Beauty",
            "Bed Bath & Beyond", "Williams Sonoma", "REI", "Foot Locker", "Etsy shop",
        ),
        products=(
            "running shoes", "sneakers", "jeans", "t-shirt", "winter jacket", "dress shirt",
            "sweater", "socks", "hoodie", "handbag", "sunglasses", "wrist watch", "headphones",
            "wireless earbuds", "phone charger", "USB-C cable", "laptop", "tablet", "phone case",
            "bluetooth speaker", "smart watch", "keyboard", "computer mouse", "HDMI cable",
            "bath towels", "bed sheets", "throw pillows", "desk lamp", "picture frame",
            "kitchen knife set", "coffee maker", "blender", "backpack", "luggage", "umbrella",
            "perfume", "lipstick", "shampoo", "body lotion", "birthday gift", "toys",
            "home decor", "candles", "storage bins", "office chair", "bookshelf", "rug",
        ),
        phrases=(
            "{merchant} order", "Online order from {merchant}", "New shoes from {merchant}",
            "Clothes shopping at {merchant}", "Gift for mom", "Birthday present",
            "Amazon Prime purchase", "Electronics from {merchant}", "Returned item restocking fee",
            "Holiday gifts", "Back to school clothes", "Household items at {merchant}",
            "Mall shopping", "Christmas shopping", "Bought a new jacket", "Makeup haul",
        ),
        sizes=("size M", "size L", "size 10", "32x30", "XL", "black", "2 pack", "3 pack",
               "64GB", "queen", "blue", "set of 4"),
    ),
    "Housing": Vocabulary(
        merchants=(
            "Greystar", "Equity Residential", "AvalonBay", "Wells Fargo Home Mortgage",
            "Chase Mortgage", "Rocket Mortgage", "Zillow Rentals", "Apartments.com",
            "Lemonade Insurance", "State Farm", "Allstate", "Home Depot", "Lowe's",
            "Orkin", "Terminix", "TruGreen", "Sunset Property Management", "Oak Street HOA",
            "ABC Plumbing", "Mr. Handyman", "Roto-Rooter", "Two Men and a Truck", "U-Haul",
        ),
        products=(
            "monthly rent", "rent payment", "mortgage payment", "HOA dues", "HOA fee",
            "property tax", "renters insurance", "homeowners insurance", "security deposit",
            "late rent fee", "apartment application fee", "lease renewal fee", "pet rent",
            "plumbing repair", "leaky faucet repair", "water heater replacement",
            "furnace repair", "AC repair", "roof repair", "pest control", "lawn service",
            "gutter cleaning", "locksmith", "new locks installed", "carpet cleaning",
            "moving truck rental", "movers", "storage unit rent", "interior paint",
            "drywall patch", "home inspection", "appliance repair", "snow removal",
            "condo maintenance fee", "garage door repair", "window replacement",
        ),
        phrases=(
            "Rent for {month}", "{month} rent", "Mortgage to {merchant}", "Rent to landlord",
            "{merchant} payment", "Paid the landlord", "Apartment rent", "House payment",
            "Plumber visit", "Handyman repairs", "Home repair supplies from {merchant}",
            "Moving expenses", "Storage unit monthly", "Renters insurance from {merchant}",
            "Exterminator visit", "HOA quarterly assessment", "Property management fee",
        ),
        sizes=("Unit 4B", "Apt 12", "monthly", "quarterly", "annual", "1 BR", "2 BR",
               "10x10 unit", "26 ft truck"),
    ),
    "Education": Vocabulary(
        merchants=(
            "Coursera", "Udemy", "edX", "Khan Academy", "Chegg", "Pearson", "McGraw Hill",
            "Barnes & Noble College", "State University", "Community College", "Duolingo",
            "MasterClass", "LinkedIn Learning", "Pluralsight", "Skillshare", "Kaplan",
            "Princeton Review", "College Board", "ETS", "Sallie Mae", "Navient",
            "Rosetta Stone", "Brilliant", "Codecademy", "DataCamp",
        ),
        products=(
            "tuition", "tuition payment", "semester tuition", "textbook", "used textbooks",
            "online course", "course enrollment", "certification exam", "exam registration",
            "SAT registration", "GRE test fee", "GMAT prep", "LSAT prep course",
            "student loan payment", "chemistry lab fee", "school supplies", "notebooks", "graphing calculator",
            "school backpack", "tutoring session", "math tutor", "language lessons",
            "piano lessons", "coding bootcamp", "workshop registration", "continuing education",
            "application fee", "library fine", "field trip fee", "school uniform",
            "daycare tuition", "preschool fee", "student activity fee", "dorm deposit",
            "online degree", "study guide", "flash cards", "learning subscription",
        ),
        phrases=(
            "{merchant} course", "Course on {merchant}", "Textbooks for fall semester",
            "Spring tuition", "Tuition installment", "Student loan to {merchant}",
            "Tutoring for algebra", "Online class certificate", "College application fee",
            "Exam fee to {merchant}", "School supplies for kids", "Bootcamp deposit",
            "{merchant} annual plan", "Professional certification course", "Night class fee",
        ),
        sizes=("fall 2026", "spring term", "3 credits", "module 2", "annual", "monthly",
               "hardcover", "ebook", "12 sessions", "1 hr"),
    ),
}

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December", "Jan", "Feb", "Mar", "Oct")

POS_ABBREVIATIONS = {
    "organic": "ORG", "whole": "WHL", "chicken": "CHKN", "breast": "BRST", "cheese": "CHS",
    "sandwich": "SNDWCH", "large": "LG", "medium": "MED", "small": "SM", "package": "PKG",
    "payment": "PMT", "service": "SVC", "monthly": "MTHLY", "insurance": "INS",
    "prescription": "RX", "pharmacy": "PHARM", "ticket": "TKT", "tickets": "TKTS",
    "parking": "PRKG", "regular": "REG", "premium": "PREM", "subscription": "SUBSCR",
    "membership": "MBRSHP", "vitamin": "VIT", "appointment": "APPT", "tuition": "TUIT",
    "registration": "REGIS", "replacement": "REPL", "repair": "RPR", "maintenance": "MAINT",
    "electric": "ELEC", "water": "WTR", "internet": "INET", "bananas": "BNNS",
    "strawberries": "STRWBRY", "yogurt": "YOGRT", "bread": "BRD", "coffee": "COF",
}


def _pos_line(text: str, rng: random.Random) -> str:
    """Upper-case POS style: abbreviations, sometimes a price, as a till prints it."""
    words = [POS_ABBREVIATIONS.get(w.lower(), w) if rng.random() < 0.7 else w for w in text.split()]
    return " ".join(words).upper()


PRICE_FORMATS = {
    "us": ("${:.2f}", "{:.2f}", "USD {:.2f}", "{:.2f} USD", "${:,.2f}"),
    "gb": ("£{:.2f}", "{:.2f}", "GBP {:.2f}", "{:.2f} GBP"),
    "eu": ("{:.2f} EUR", "{:.2f}", "EUR {:.2f}", "{:.2f}€"),
}


def _price(rng: random.Random, country: str = "us") -> str:
    value = rng.choice((rng.uniform(0.5, 25), rng.uniform(5, 120), rng.uniform(20, 2500)))
    formats = PRICE_FORMATS["gb" if country in ("gb", "ie") else "us" if country in ("us", "ca", "au", "") else "eu"]
    text = rng.choice(formats).format(value)
    return text.replace(".", ",") if formats is PRICE_FORMATS["eu"] and rng.random() < 0.5 else text


def _quantity(rng: random.Random) -> str:
    n = rng.randint(1, 6)
    return rng.choice((f"{n}x ", f"{n} x ", f"{n} ", f"QTY {n} ", f"{n} @ "))


def _bank_name(merchant: str, rng: random.Random) -> str:
    """A merchant as a bank's descriptor field prints it: upper case, shortened, sometimes cut off."""
    words = [BANK_ABBREVIATIONS.get(w.lower(), w) if rng.random() < 0.5 else w for w in merchant.split()]
    name = " ".join(words).upper()
    if rng.random() < 0.4:
        name = name.replace("'", "").replace(".", "")
    if rng.random() < 0.08:
        name = name.replace(" ", "")
    if rng.random() < 0.25 and len(name) > 16:
        name = name[: rng.randint(14, 22)].rstrip()
    return name


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _code(rng: random.Random) -> str:
    return "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(rng.randint(6, 10)))


def _fill(template: str, rng: random.Random) -> str:
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    return template.format(mmdd=f"{month:02d}{day:02d}", mm=f"{month:02d}", dd=f"{day:02d}",
                           card=_digits(rng, 4), ref10=_digits(rng, 10))


def _store_number(rng: random.Random) -> str:
    n = rng.choice((_digits(rng, 3), _digits(rng, 4), _digits(rng, 5), str(rng.randint(1, 999))))
    return rng.choice((f" #{n}", f" # {n}", f" {n}", f" STORE {n}", f" T{n}", f" #{n}"))


def _phone(rng: random.Random) -> str:
    return f"{rng.choice(('800', '888', '877', '866', '855', _digits(rng, 3)))}-{_digits(rng, 3)}-{_digits(rng, 4)}"


def _town(city: str) -> str:
    return city.split()[-1] if city else ""


def _statement(merchant: str, rng: random.Random, bill: bool = False, cities: tuple[str, ...] = CITIES,
               country: str = "us") -> str:
    """A bank or card statement descriptor built around `merchant`, in one of the shapes banks print."""
    name = _bank_name(merchant, rng)
    city = rng.choice(cities) if cities else ""
    if country in BANK_WORDS_ABROAD and rng.random() < 0.5:  # a UK or German bank's own wording
        word = rng.choice(BANK_WORDS_ABROAD[country])
        day, month = rng.randint(1, 28), rng.randint(1, 12)
        return rng.choice((f"{word} {name} {city}", f"{name} {word}", f"{word} {name}", f"{name} {city} {word}",
                           f"{name} {word} {day:02d}.{month:02d}", f"{name} {_code(rng)} {word}"))
    shape = rng.choices(("card", "bill", "online", "wallet"), weights=(5, 6 if bill else 1, 2, 1))[0]
    if shape == "card":
        lead = rng.choice(PROCESSOR_PREFIXES) if rng.random() < 0.3 else ""
        text = f"{lead}{name}{_store_number(rng) if rng.random() < 0.6 else ''}"
        text += rng.choice((f" {city}", f" {city}", f" {_town(city)}", f" {_phone(rng)} {_town(city)}", ""))
        if rng.random() < 0.25:
            text = _fill(rng.choice(TRANSACTION_PREFIXES), rng) + text
        return text
    if shape == "bill":
        words = _fill(rng.choice(PAYMENT_WORDS), rng)
        text = rng.choice((f"{name} {words}", f"{name} {words}", f"{words} {name}", f"{name} {_phone(rng)}"))
        return text + (f" {_town(city)}" if rng.random() < 0.2 else "")
    if shape == "online":
        domain = re.sub(r"[^A-Z0-9]", "", name)[:16]
        return rng.choice((f"{domain}.COM {_phone(rng)} {_town(city)}", f"{domain}.COM {city}",
                           f"{name}*{_code(rng)}", f"{name} *{_code(rng)} {_town(city)}",
                           f"WWW.{domain}.COM", f"{domain}.COM/BILL {_town(city)}"))
    word = rng.choice(("TRIP", "ORDER", "PENDING", "SUBSCRIPTION", "MEMBERSHIP", "PURCHASE", "BILL"))
    wallet = f"PAYPAL *{name.replace(' ', '')[:14]}"
    return rng.choice((f"{name}   *{word}", f"{name} *{word} {_town(city)}", wallet))


@dataclass(frozen=True)
class Merchant:
    """Who a line is from: the name a person writes, what the bank prints, where, and what it sells."""

    name: str
    bank: str  # the name or, for a directory brand, sometimes its bank abbreviation ("WHOLEFDS MKT")
    cities: tuple[str, ...] = CITIES
    wording: Wording | None = None  # None: the category's general vocabulary
    country: str = "us"  # whose banks print its lines ("" when none of ours)


def brand_country(countries: tuple[str, ...]) -> str:
    """Whose bank statements a brand's lines are written as: the US unless it sells only abroad (then the first
    of its countries whose towns the catalogue has, or "")."""
    if not countries or "us" in countries or any(c.isdigit() for c in countries[0]):
        return "us"
    return next((c for c in countries if c in CITIES_ABROAD), "")


def directory_merchant(brand: Brand, rng: random.Random) -> Merchant:
    bank = rng.choice(brand.aliases) if brand.aliases and rng.random() < 0.4 else brand.name
    country = brand_country(brand.countries)
    cities = CITIES if country == "us" else CITIES_ABROAD.get(country, ())
    return Merchant(brand.name, bank, cities, brand.wording, country)


# Where a line's merchant comes from, and how often: the catalogue's everyday merchants and chains, a local
# business, or a brand of the merchant directory.
MERCHANT_SOURCES = {"everyday": 4, "chain": 3, "local": 3, "directory": 4}


def _merchant(category: str, vocab: Vocabulary, rng: random.Random) -> Merchant:
    """An everyday merchant, a well-known chain, a local business ("<name part> <kind>"), or a directory brand."""
    source = rng.choices(tuple(MERCHANT_SOURCES), weights=tuple(MERCHANT_SOURCES.values()))[0]
    if source == "directory" and (pool := training_brands().get(category)):
        return directory_merchant(pool.draw(rng), rng)
    if source == "everyday":
        name = rng.choice(vocab.merchants)
    elif source == "chain":
        name = rng.choice(CHAINS[category])
    else:
        name = _local_business(category, rng)
    return Merchant(name, name)


def _local_business(category: str, rng: random.Random) -> str:
    """"<name part> <kind>", but never one a held-out evaluation file also invented (see brands.py)."""
    while is_heldout_merchant(name := f"{rng.choice(NAME_PARTS)} {rng.choice(BUSINESS_TYPES[category])}"):
        pass
    return name


# Categories whose statement lines are mostly bills and account payments, not card purchases.
BILL_CATEGORIES = frozenset({"Utilities", "Housing", "Education"})


# A German, Austrian or UK current account's line (a payee with its purpose, `payee_lines.py`): this share
# of all items, so that US shapes stay the large majority; by country, these weights.
ACCOUNT_LINE_SHARE = 0.10
ACCOUNT_COUNTRIES = {"de": 5, "at": 1, "gb": 4}


def _render(category: str, rng: random.Random) -> str:
    if rng.random() < ACCOUNT_LINE_SHARE:
        country = rng.choices(tuple(ACCOUNT_COUNTRIES), weights=tuple(ACCOUNT_COUNTRIES.values()))[0]
        if line := payee_line(category, country, rng):
            return line
    vocab = VOCAB[category]
    who = _merchant(category, vocab, rng)
    merchant = who.name
    wording = who.wording or vocab
    if who.country in ("de", "at") and rng.random() < 0.5:
        wording = GERMAN[category]
    product = rng.choice(wording.products)
    sizes = wording.sizes or vocab.sizes
    size = rng.choice(sizes) if sizes else ""
    bill = category in BILL_CATEGORIES or (category == "Healthcare" and rng.random() < 0.4)

    def statement() -> str:
        return _statement(who.bank, rng, bill, who.cities, who.country)

    # (shape, weight): what was bought, often with where; statement descriptors as banks print them.
    shapes: tuple[tuple[Callable[[], str], int], ...] = (
        (lambda: product.capitalize() if rng.random() < 0.5 else product, 10),
        (lambda: rng.choice(wording.phrases).format(
            merchant=merchant, place=rng.choice(PLACES), month=rng.choice(MONTHS)), 12),
        (lambda: f"{_quantity(rng)}{product}", 4),
        (lambda: f"{product} {size}".strip(), 5),
        (lambda: f"{merchant} {product}", 4),
        (lambda: f"{merchant} - {product}", 3),
        (lambda: f"{product} from {merchant}", 3),
        (lambda: f"{product} at {merchant}", 3),
        (lambda: _pos_line(f"{product} {size}".strip(), rng) + " " + _price(rng, who.country), 6),
        (lambda: f"{_quantity(rng).upper()}{_pos_line(product, rng)}", 4),
        (lambda: f"{statement()} {_price(rng, who.country) if rng.random() < 0.3 else ''}", 30),
        (lambda: f"{statement()} {_pos_line(product, rng)}", 4),
        (lambda: f"{product.capitalize()} {_price(rng, who.country)}", 4),
        (lambda: f"{merchant}: {product}, {size}".rstrip(", "), 3),
        (lambda: merchant, 5),
    )
    shape = rng.choices([s for s, _ in shapes], weights=[w for _, w in shapes])[0]
    return " ".join(shape().split())


def generate_items(num_items: int = 1200, seed: int = 42) -> list[dict[str, str]]:
    """Return `num_items` distinct `{"item", "category"}` records, balanced across categories.

    Records are interleaved by category and shuffled with `seed`, so any prefix stays balanced
    and the same seed always gives the same list.
    """
    if num_items < len(CATEGORIES):
        raise ValueError(f"num_items must be at least {len(CATEGORIES)}, got {num_items}")
    rng = random.Random(seed)
    per_category = [num_items // len(CATEGORIES)] * len(CATEGORIES)
    for i in range(num_items % len(CATEGORIES)):
        per_category[i] += 1
    seen: set[str] = set()
    records: list[dict[str, str]] = []
    for category, count in zip(CATEGORIES, per_category, strict=True):
        made, attempts = 0, 0
        while made < count:
            attempts += 1
            text = _render(category, rng)
            if text.lower() in seen and attempts < count * 50:
                continue
            seen.add(text.lower())
            records.append({"item": text, "category": category})
            made += 1
    rng.shuffle(records)
    return records


def generate_unknown_brand_items(num_items: int = 800, seed: int = 2024) -> list[dict[str, str]]:
    """Lines of directory brands held back from training (`brands.held_back`), balanced over the categories.

    What a statement shows of a brand: its name, as a person writes it or wrapped the way banks print it
    (store numbers, towns, processor prefixes), and no product words, so the category has to come from
    the name. The unknown-brands measure of `scripts/eval_heldout.py`, written when it runs (never stored).
    """
    known = [m for vocab in VOCAB.values() for m in vocab.merchants] + [m for ms in CHAINS.values() for m in ms]
    pools = {category: brands for category, brands in unknown_brands(known).items() if brands}
    rng = random.Random(seed)
    categories = [c for c in CATEGORIES if c in pools]
    records: list[dict[str, str]] = []
    seen: set[str] = set()
    attempts = 0
    while len(records) < num_items and attempts < num_items * 50:
        attempts += 1
        category = categories[len(records) % len(categories)]
        who = directory_merchant(rng.choice(pools[category]), rng)
        bill = category in BILL_CATEGORIES
        text = _statement(who.bank, rng, bill, who.cities, who.country) if rng.random() < 0.8 else who.name
        text = " ".join(text.split())
        if text.lower() not in seen:
            seen.add(text.lower())
            records.append({"item": text, "category": category})
    return records
