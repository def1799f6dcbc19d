"""What bank statements and tills print, by category: well-known merchants, kinds of local business,
and the wrappers banks put around them (processor prefixes, store numbers, cities, payment words).

The generator draws from these lists; `eval/` holds text written apart from them, and
`tests/test_generator.py` checks that none of its merchants is here.
"""

from __future__ import annotations

# Well-known chains, services and institutions, beyond the generator's everyday merchants.
CHAINS: dict[str, tuple[str, ...]] = {
    "Food": (
        "Albertsons", "Vons", "Ralphs", "Giant Eagle", "Stop & Shop", "ShopRite", "Harris Teeter", "Winn-Dixie",
        "Smart & Final", "Fred Meyer", "King Soopers", "Market Basket", "Lidl", "Save A Lot", "Sam's Club",
        "BJ's Wholesale", "The Fresh Market", "Natural Grocers", "Piggly Wiggly", "Arby's", "Popeyes",
        "Sonic Drive-In", "Jack in the Box", "Carl's Jr", "Hardee's", "Dairy Queen", "Krispy Kreme",
        "Baskin-Robbins", "Papa John's", "Little Caesars", "Olive Garden", "Applebee's", "Chili's", "IHOP",
        "Denny's", "Red Lobster", "Outback Steakhouse", "Texas Roadhouse", "Buffalo Wild Wings",
        "Cheesecake Factory", "P.F. Chang's", "Noodles & Company", "Qdoba", "Moe's Southwest Grill", "Zaxby's",
        "Bojangles", "Wingstop", "Jimmy John's", "Firehouse Subs", "Potbelly", "Caribou Coffee", "Peet's Coffee",
        "Philz Coffee", "Postmates", "Gopuff", "Caviar", "HelloFresh", "Blue Apron", "Einstein Bros Bagels",
        "Auntie Anne's", "Cinnabon", "Jamba", "Smoothie King", "Tropical Smoothie Cafe", "Red Robin",
        "Golden Corral", "Steak n Shake", "Del Taco", "El Pollo Loco", "Nando's", "Sprinkles Cupcakes",
    ),
    "Transportation": (
        "Citgo", "Phillips 66", "Conoco", "Arco", "Sinclair", "Gulf Oil", "QuikTrip", "RaceTrac", "Sheetz",
        "Love's Travel Stop", "Pilot Flying J", "Kwik Trip", "Alamo Rent A Car", "Budget Rent A Car", "Thrifty",
        "Sixt", "Zipcar", "Turo", "Getaround", "Via", "Waymo", "Revel", "Divvy", "Capital Bikeshare",
        "Metro-North", "LIRR", "PATH Train", "Metra", "MBTA", "TriMet", "King County Metro", "LA Metro",
        "Clipper Card", "Peter Pan Bus", "FlixBus", "Brightline", "Allegiant Air", "Hawaiian Airlines",
        "Sun Country Airlines", "Breeze Airways", "Air Canada", "British Airways", "Lufthansa", "Meineke",
        "Goodyear Auto", "Discount Tire", "Take 5 Oil Change", "Grease Monkey", "Mavis Tires", "AutoZone",
        "O'Reilly Auto Parts", "Advance Auto Parts", "NAPA Auto Parts", "Safelite", "Tesla Supercharger",
        "ChargePoint", "EVgo", "Electrify America", "PayByPhone", "ParkWhiz", "SP+ Parking", "ABM Parking",
        "I-PASS", "TxTag", "Peach Pass", "Good To Go Toll", "DMV", "GEICO", "Progressive Auto",
    ),
    "Utilities": (
        "Southern Company", "Alabama Power", "Duquesne Light", "PPL Electric", "PECO", "BGE", "Pepco",
        "Appalachian Power", "AEP Ohio", "Oncor", "TXU Energy", "Reliant Energy", "CenterPoint Energy",
        "Puget Sound Energy", "Portland General Electric", "Rocky Mountain Power", "Idaho Power", "NV Energy",
        "Arizona Public Service", "Salt River Project", "Tucson Electric Power", "Evergy", "We Energies",
        "Alliant Energy", "Nicor Gas", "Washington Gas", "Spire Energy", "Atmos Energy", "Southwest Gas",
        "SoCalGas", "Columbia Gas", "Piedmont Natural Gas", "National Fuel Gas", "Aqua Water", "LADWP",
        "SFPUC Water", "Denver Water", "DC Water", "Mediacom", "Altice", "Astound Broadband", "Ziply Fiber",
        "Metronet", "Starlink", "HughesNet", "Viasat", "US Cellular", "Metro by T-Mobile", "Straight Talk",
        "Google Fi", "Ting Mobile", "Xfinity Mobile", "Spectrum Mobile", "Rumpke", "Waste Connections",
        "Casella Waste",
    ),
    "Entertainment": (
        "Max", "ESPN+", "Fubo", "YouTube TV", "Philo", "Apple Music", "Tidal", "Deezer", "Amazon Music",
        "Kindle Unlimited", "Showtime", "Starz", "BritBox", "Mubi", "Marcus Theatres", "Harkins Theatres",
        "Landmark Theatres", "Showcase Cinemas", "Vivid Seats", "AXS Tickets", "Etix", "Ticketweb",
        "Busch Gardens", "Kings Island", "Hersheypark", "Dollywood", "Legoland", "Great Wolf Lodge", "Sky Zone",
        "Urban Air", "Lucky Strike", "Pinstripes", "Punch Bowl Social", "Blizzard Entertainment", "Riot Games",
        "Electronic Arts", "Ubisoft", "Valve", "GOG.com", "Humble Bundle", "Patreon", "Bandcamp", "SoundCloud",
        "Disneyland", "Walt Disney World", "Madison Square Garden", "Carnegie Hall", "Cirque du Soleil",
        "Medieval Times", "iFly", "Drive Shack", "Museum of Natural History",
    ),
    "Healthcare": (
        "Express Scripts", "OptumRx", "Caremark", "Amazon Pharmacy", "Cost Plus Drugs", "Sutter Health",
        "Providence Health", "HCA Healthcare", "Ascension", "Baylor Scott & White", "Mount Sinai", "NYU Langone",
        "Johns Hopkins Medicine", "Mass General", "Cedars-Sinai", "Intermountain Health", "Geisinger",
        "Atrium Health", "AdventHealth", "Banner Health", "MedExpress", "Concentra", "GoHealth Urgent Care",
        "AFC Urgent Care", "Patient First", "ZoomCare", "Carbon Health", "Amwell", "Doctor On Demand",
        "BetterHelp", "Talkspace", "Pearle Vision", "Eyemart Express", "MyEyeDr", "Bright Now Dental",
        "Western Dental", "Gentle Dental", "Invisalign", "Delta Dental", "MetLife Dental", "Molina Healthcare",
        "Ambetter", "Medicare Premium", "Blue Shield", "Highmark", "Everlywell", "Nurx", "Ro Health",
    ),
    "Shopping": (
        "Dollar General", "Family Dollar", "Dollar Tree", "Big Lots", "Michaels", "Hobby Lobby", "Jo-Ann Fabrics",
        "Staples", "Office Depot", "GameStop", "Bloomingdale's", "Saks Fifth Avenue", "Neiman Marcus", "Dillard's",
        "JCPenney", "Belk", "Nordstrom Rack", "Forever 21", "American Eagle", "Abercrombie & Fitch", "Hollister",
        "Express", "Levi's", "Under Armour", "Puma", "New Balance", "Skechers", "Converse", "Vans", "DSW",
        "Famous Footwear", "Claire's", "Kay Jewelers", "Zales", "Tiffany & Co", "B&H Photo", "Samsung", "Dell",
        "Lenovo", "Overstock", "Poshmark", "Mercari", "Depop", "ThredUp", "AliExpress", "Wish", "QVC",
        "Pottery Barn", "Crate & Barrel", "West Elm", "Kirkland's", "At Home", "World Market",
        "The Container Store", "Lush", "Victoria's Secret", "Aerie", "PetSmart", "Petco", "Sally Beauty", "ASOS",
        "Fashion Nova", "Revolve", "Stitch Fix", "Everlane", "Allbirds", "Patagonia", "The North Face",
        "Columbia Sportswear", "Cabela's", "Bass Pro Shops", "Big 5 Sporting Goods", "Scheels", "Best Buy Online",
    ),
    "Housing": (
        "Essex Property Trust", "UDR Apartments", "Bozzuto", "Lincoln Property", "Cortland", "RealPage", "Yardi",
        "Buildium", "Bilt Rent", "PayLease", "ClickPay", "Entrata", "Quicken Loans", "Bank of America Mortgage",
        "US Bank Home Mortgage", "loanDepot", "Guild Mortgage", "Newrez", "Shellpoint Mortgage",
        "Caliber Home Loans", "Nationstar", "Lakeview Loan Servicing", "Liberty Mutual Home", "Nationwide Home",
        "Travelers Home Insurance", "Hippo Insurance", "Kin Insurance", "Sherwin-Williams", "Benjamin Moore",
        "Floor & Decor", "LL Flooring", "84 Lumber", "True Value", "Mr. Rooter", "Rescue Rooter",
        "One Hour Heating & Air", "Aire Serv", "Service Experts", "Rentokil", "Aptive Pest", "Merry Maids",
        "The Maids", "Handy", "TaskRabbit", "Angi", "Thumbtack", "HomeAdvisor", "Life Storage", "CubeSmart",
        "StorageMart", "Allied Van Lines", "Mayflower", "United Van Lines", "Penske Truck Rental",
    ),
    "Education": (
        "Harvard University", "Stanford University", "UCLA", "NYU", "Penn State", "Purdue University",
        "Texas A&M", "Rutgers", "Boston University", "Georgia Tech", "Indiana University", "University of Florida",
        "UC Berkeley", "Columbia University", "University of Phoenix", "Capella University", "Liberty University",
        "Strayer University", "Full Sail University", "Grand Canyon University", "Miami Dade College",
        "Houston Community College", "Course Hero", "Brainly", "Outschool", "Magoosh", "Wyzant", "Tutor.com",
        "Huntington Learning Center", "Club Z Tutoring", "Primrose School", "Goddard School", "La Petite Academy",
        "Tutor Time", "Scholastic", "Wiley", "Oxford University Press", "Aidvantage", "EdFinancial",
        "FedLoan Servicing", "Discover Student Loans", "SoFi Student Loan", "Earnest", "Parchment",
        "National Student Clearinghouse", "ACT Inc", "Berlitz", "Pimsleur", "Busuu", "Memrise", "Lingoda",
        "italki", "Udacity", "Treehouse", "Frontend Masters", "General Assembly", "Flatiron School",
        "App Academy", "Springboard", "Thinkful",
    ),
}

# Kinds of local business: a name part (below) plus one of these is what most statement lines are.
BUSINESS_TYPES: dict[str, tuple[str, ...]] = {
    "Food": (
        "Pizza", "Pizzeria", "Grill", "Diner", "Cafe", "Coffee", "Coffee Roasters", "Bakery", "Taqueria", "Tacos",
        "Deli", "Bistro", "Kitchen", "Sushi", "Thai Cuisine", "Noodle House", "BBQ", "Smokehouse", "Burgers",
        "Market", "Grocery", "Foods", "Supermarket", "Farmers Market", "Creamery", "Donuts", "Bagels", "Tavern",
        "Brewing Co", "Bar & Grill", "Steakhouse", "Ramen", "Pho", "Wings", "Chicken", "Trattoria", "Cantina",
        "Restaurant", "Eatery", "Juice Bar", "Seafood", "Dumpling House", "Food Truck", "Sandwich Shop",
    ),
    "Transportation": (
        "Fuel", "Gas", "Gas & Go", "Petroleum", "Travel Center", "Auto Service", "Auto Repair", "Tire & Auto",
        "Tires", "Parking", "Parking Garage", "Transit", "Transit Authority", "Taxi", "Cab Co", "Limo",
        "Car Wash", "Towing", "Airlines", "Air", "Rail", "Railway", "Toll", "Tollway", "Bus Lines", "Shuttle",
        "Car Rental", "Rent A Car", "Auto Parts", "Lube", "Collision", "Ferry", "Bike Share", "Fuel Stop",
    ),
    "Utilities": (
        "Energy", "Power", "Electric", "Electric Co", "Power & Light", "Gas Co", "Natural Gas", "Water",
        "Water Dept", "Water District", "Utilities", "Utility District", "Public Utilities", "Telecom",
        "Wireless", "Mobile", "Broadband", "Internet", "Cable", "Communications", "Fiber", "Sanitation", "Waste",
        "Disposal", "Recycling", "Propane", "Heating Oil", "Municipal Services", "Light & Power", "Gas & Electric",
    ),
    "Entertainment": (
        "Cinema", "Cinemas", "Theatres", "Theater", "Bowling", "Lanes", "Bowl", "Arcade", "Comedy Club",
        "Amusement Park", "Fun Center", "Games", "Gaming", "Music Hall", "Concert Hall", "Tickets", "Live",
        "Escape Room", "Laser Tag", "Mini Golf", "Stadium", "Arena", "Ballpark", "Karaoke", "Jazz Club",
        "Waterpark", "Zoo", "Aquarium", "Museum", "Playhouse", "Amphitheater", "Trampoline Park", "Streaming",
        "Drive-In", "Film Festival", "Golf Course",
    ),
    "Healthcare": (
        "Pharmacy", "Drugs", "Dental", "Family Dentistry", "Orthodontics", "Pediatrics", "Medical Group",
        "Medical Center", "Clinic", "Family Medicine", "Hospital", "Urgent Care", "Physical Therapy",
        "Chiropractic", "Eye Care", "Optometry", "Vision Center", "Dermatology", "Health", "Health System",
        "Labs", "Imaging", "Radiology", "Counseling", "Behavioral Health", "Women's Health", "Orthopedics",
        "Cardiology", "Hearing Center", "Oral Surgery", "Physicians", "Health Plan",
    ),
    "Shopping": (
        "Boutique", "Outlet", "Apparel", "Shoes", "Shoe Store", "Electronics", "Department Store", "Home Decor",
        "Sporting Goods", "Jewelers", "Gifts", "Gift Shop", "Beauty Supply", "Cosmetics", "Clothing Co",
        "Outfitters", "Mercantile", "Thrift Store", "Toys", "Furniture", "Bookstore", "Pet Supply", "Vintage",
        "Tech Store", "Fashion", "Emporium", "General Store", "Online Store", "Store", "Stores",
    ),
    "Housing": (
        "Property Management", "Properties", "Apartments", "Realty", "Residential", "Mortgage", "Home Loans",
        "Plumbing", "Heating & Air", "HVAC", "Roofing", "Pest Control", "Exterminating", "Lawn Care",
        "Landscaping", "Hardware", "Lumber", "Self Storage", "Storage", "Movers", "Moving Co", "HOA",
        "Homeowners Assn", "Condo Assn", "Home Services", "Handyman", "Cleaning Service", "Maid Service",
        "Locksmith", "Painting", "Flooring", "Home Insurance", "Garage Doors", "Appliance Repair", "Rentals",
        "Lofts", "Townhomes", "Home Improvement",
    ),
    "Education": (
        "University", "College", "Community College", "Academy", "School", "Montessori School", "Learning Center",
        "Tutoring", "Test Prep", "Institute", "School District", "Preschool", "Child Care Center",
        "Early Learning", "Bursar", "Student Loans", "Music School", "Language School", "Day School",
        "Education", "Learning", "Tutors", "Coding School", "Charter School", "Seminary", "Law School",
    ),
}

# Proper names that carry no category: a business is "<name part> <kind>".
NAME_PARTS: tuple[str, ...] = (
    "Tony's", "Mario's", "Luigi's", "Rosa's", "Golden Dragon", "Lucky", "Blue Moon", "Sunrise", "Corner",
    "Main Street", "Oak", "Maple", "Riverside", "Lakeside", "Hilltop", "Evergreen", "Summit", "Harbor",
    "Liberty", "Pioneer", "Valley", "Willow", "Pine", "Elm Street", "Broadway", "Union", "Metro",
    "Capitol", "Coastal", "Sunset", "Northwest", "Midwest", "Southern", "Green Leaf", "Red Rock", "Silver",
    "Eagle", "Bluebird", "Johnson", "Smith", "Garcia", "Nguyen", "Patel", "Kim", "O'Brien", "Miller", "Davis",
    "Martinez", "Lee", "Rossi", "Chen", "Jefferson", "Lincoln", "Washington", "Madison", "Clark",
    "Hudson", "Austin", "Denver", "Portland", "Salem", "Fairview", "Greenwood", "Brookside", "Westside",
    "Eastside", "Uptown", "Village", "Bayview", "Highland", "Mountain View", "Prairie", "Cornerstone", "Premier",
    "Elite", "First Choice", "All Star", "Gold Star", "Happy", "Little", "Big Sky", "Twin Oaks",
)

CITIES: tuple[str, ...] = (
    "NEW YORK NY", "BROOKLYN NY", "BUFFALO NY", "LOS ANGELES CA", "SAN DIEGO CA", "SAN JOSE CA", "OAKLAND CA",
    "SACRAMENTO CA", "SAN FRANCISCO CA", "CHICAGO IL", "NAPERVILLE IL", "HOUSTON TX", "DALLAS TX", "AUSTIN TX",
    "EL PASO TX", "FORT WORTH TX", "PHOENIX AZ", "TUCSON AZ", "MESA AZ", "PHILADELPHIA PA", "PITTSBURGH PA",
    "SEATTLE WA", "SPOKANE WA", "TACOMA WA", "PORTLAND OR", "EUGENE OR", "DENVER CO", "AURORA CO",
    "BOSTON MA", "WORCESTER MA", "MIAMI FL", "TAMPA FL", "JACKSONVILLE FL", "ATLANTA GA", "SAVANNAH GA",
    "CHARLOTTE NC", "DURHAM NC", "NASHVILLE TN", "KNOXVILLE TN", "DETROIT MI", "LANSING MI", "MINNEAPOLIS MN",
    "ST PAUL MN", "KANSAS CITY MO", "OMAHA NE", "CLEVELAND OH", "CINCINNATI OH", "INDIANAPOLIS IN",
    "MILWAUKEE WI", "LOUISVILLE KY", "BALTIMORE MD", "RICHMOND VA", "NORFOLK VA", "ALBUQUERQUE NM",
    "LAS CRUCES NM", "RENO NV", "HENDERSON NV", "PROVO UT", "OGDEN UT", "HONOLULU HI", "ANCHORAGE AK",
    "BOISE CITY ID", "BILLINGS MT", "FARGO ND", "SIOUX FALLS SD", "TULSA OK", "OKLAHOMA CITY OK",
    "LITTLE ROCK AR", "JACKSON MS", "BIRMINGHAM AL", "NEW ORLEANS LA", "COLUMBIA SC", "HARTFORD CT",
    "PROVIDENCE RI", "BURLINGTON VT", "PORTLAND ME", "MANCHESTER NH", "NEWARK DE", "WASHINGTON DC",
)

# Towns outside the US, for directory brands that sell only there (a bank prints the town after the merchant).
CITIES_ABROAD: dict[str, tuple[str, ...]] = {
    "gb": ("LONDON", "MANCHESTER", "BIRMINGHAM", "LEEDS", "GLASGOW", "EDINBURGH", "BRISTOL", "CARDIFF", "LIVERPOOL",
           "SHEFFIELD", "NOTTINGHAM", "LEICESTER", "BRIGHTON", "OXFORD", "CAMBRIDGE", "READING", "YORK", "BELFAST",
           "NEWCASTLE", "SOUTHAMPTON"),
    "ie": ("DUBLIN", "CORK", "GALWAY", "LIMERICK"),
    "de": ("BERLIN", "HAMBURG", "MUENCHEN", "KOELN", "FRANKFURT", "STUTTGART", "DUESSELDORF", "LEIPZIG", "DORTMUND",
           "ESSEN", "BREMEN", "DRESDEN", "HANNOVER", "NUERNBERG"),
    "at": ("WIEN", "GRAZ", "LINZ", "SALZBURG"),
    "fr": ("PARIS", "LYON", "MARSEILLE", "TOULOUSE", "NICE", "NANTES", "BORDEAUX", "LILLE"),
    "nl": ("AMSTERDAM", "ROTTERDAM", "DEN HAAG", "UTRECHT", "EINDHOVEN"),
    "ca": ("TORONTO ON", "MONTREAL QC", "VANCOUVER BC", "CALGARY AB", "OTTAWA ON", "EDMONTON AB", "WINNIPEG MB"),
    "au": ("SYDNEY NSW", "MELBOURNE VIC", "BRISBANE QLD", "PERTH WA", "ADELAIDE SA"),
}

# What UK and German banks print around a card payment or a direct debit, for brands sold there.
BANK_WORDS_ABROAD: dict[str, tuple[str, ...]] = {
    "gb": ("CARD PAYMENT TO", "DIRECT DEBIT", "CONTACTLESS", "DEBIT CARD", "DD", "CARD PURCHASE", "STANDING ORDER",
           "VIS", "POS"),
    "de": ("KARTENZAHLUNG", "LASTSCHRIFT", "SEPA-LASTSCHRIFT", "GIROCARD", "EC-KARTENZAHLUNG", "ONLINE-KARTENZAHLUNG",
           "DAUERAUFTRAG", "ABBUCHUNG", "SEPA-BASISLASTSCHRIFT"),
}
BANK_WORDS_ABROAD["ie"] = BANK_WORDS_ABROAD["gb"]
BANK_WORDS_ABROAD["at"] = BANK_WORDS_ABROAD["de"]

# Card processors and wallets, as they prefix a merchant on a statement.
PROCESSOR_PREFIXES: tuple[str, ...] = (
    "SQ *", "SQ *", "TST* ", "TST* ", "PAYPAL *", "DD *", "PY *", "SP * ", "CKE*", "IC* ", "GOOGLE *",
    "APPLE PAY ", "CLOVER ", "LS ", "FS *", "BT*", "ZTL*",
)

# What a bank writes before the merchant for a card or account transaction.
TRANSACTION_PREFIXES: tuple[str, ...] = (
    "POS DEBIT ", "POS PURCHASE ", "DEBIT CARD PURCHASE ", "CHECKCARD {mmdd} ", "PURCHASE AUTHORIZED ON {mm}/{dd} ",
    "RECURRING PAYMENT ", "CARD {card} ", "VISA DDA PUR ", "DBT CRD {card} ", "ACH DEBIT ", "ONLINE PAYMENT TO ",
    "PREAUTHORIZED DEBIT ",
)

# Payment words a bank appends to bills, loans, rent and premiums (and sometimes to anything paid online).
PAYMENT_WORDS: tuple[str, ...] = (
    "AUTOPAY", "AUTO PAY", "ACH", "ACH DEBIT", "WEB PMT", "ONLINE PMT", "BILL PAYMENT", "BILL PAY", "PMT",
    "PYMT", "PAYMENT", "WEB ID: {ref10}", "PPD ID: {ref10}", "CCD ID: {ref10}", "RECURRING", "E-PAYMENT",
    "DIRECT DEBIT", "EPAY", "INST XFER", "CHECK PYMT",
)

# How banks shorten words in a 22-character descriptor field.
BANK_ABBREVIATIONS: dict[str, str] = {
    "university": "UNIV", "service": "SVC", "services": "SVCS", "payment": "PMT", "insurance": "INS",
    "communications": "COMM", "center": "CTR", "centre": "CTR", "market": "MKT", "international": "INTL",
    "company": "CO", "corporation": "CORP", "pharmacy": "PHARM", "hospital": "HOSP", "medical": "MED",
    "dental": "DENTL", "therapy": "THER", "education": "EDUC", "electric": "ELEC", "utilities": "UTIL",
    "utility": "UTIL", "transportation": "TRANS", "authority": "AUTH", "airlines": "AIRL", "department": "DEPT",
    "management": "MGMT", "apartments": "APTS", "association": "ASSN", "community": "CMNTY", "college": "COLL",
    "restaurant": "REST", "coffee": "COFF", "supermarket": "SPRMKT", "entertainment": "ENT", "theatres": "THTR",
    "mortgage": "MTG", "properties": "PROP", "storage": "STRG", "wireless": "WRLS", "telecom": "TELCOM",
    "learning": "LRNG", "academy": "ACAD", "school": "SCH", "north": "N", "south": "S", "street": "ST",
    "saint": "ST", "mountain": "MTN", "health": "HLTH", "physicians": "PHYS", "clinic": "CLNC",
}
