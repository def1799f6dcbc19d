"""The directory build's decisions: which OpenStreetMap tag of a name-suggestion-index brand is which expense
category, which tag wins when a brand has several, and which names are no payee. Read by
`build_directory.py`; the comments are the record of the ambiguous choices.
"""

from __future__ import annotations

import re

# The tag table: an NSI brand's OSM tag → its expense category. A path not here is dropped (counted).
# Decisions on the ambiguous ones are in the comments; `PRECEDENCE` says which tag wins when one brand
# carries several.
BRAND_TAGS: dict[str, str] = {
    # Food: groceries, drink and eating out.
    "shop=supermarket": "Food", "shop=convenience": "Food", "shop=bakery": "Food", "shop=pastry": "Food",
    "shop=butcher": "Food", "shop=seafood": "Food", "shop=greengrocer": "Food", "shop=deli": "Food",
    "shop=cheese": "Food", "shop=dairy": "Food", "shop=frozen_food": "Food", "shop=health_food": "Food",
    "shop=beverages": "Food", "shop=coffee": "Food", "shop=tea": "Food", "shop=chocolate": "Food",
    "shop=confectionery": "Food", "shop=nuts": "Food", "shop=spices": "Food",
    "shop=alcohol": "Food", "shop=wine": "Food",  # liquor stores: food and drink, as budgets file them
    "shop=wholesale": "Food",  # warehouse clubs (Costco, Sam's Club, BJ's): groceries, as the catalogue has them
    "shop=kiosk": "Food",  # newsstand-convenience kiosks (Pressbyrån, R-Kioski): snacks and drinks
    "amenity=cafe": "Food", "amenity=fast_food": "Food", "amenity=restaurant": "Food",
    "amenity=ice_cream": "Food", "amenity=bar": "Food", "amenity=pub": "Food",
    # Transportation: fuel, charging, the car, parking, rentals and travel.
    "amenity=fuel": "Transportation", "waterway=fuel": "Transportation",
    "amenity=charging_station": "Transportation", "man_made=charge_point": "Transportation",
    "highway=services": "Transportation",  # travel centres and motorway services (Love's, Buc-ee's, Moto)
    "amenity=car_rental": "Transportation", "amenity=car_sharing": "Transportation",
    "amenity=motorcycle_rental": "Transportation", "amenity=bicycle_rental": "Transportation",
    "amenity=parking": "Transportation", "amenity=vehicle_inspection": "Transportation",
    "amenity=car_wash": "Transportation",  # the car's upkeep, with repairs and tyres
    "shop=car": "Transportation", "shop=car_parts": "Transportation", "shop=car_repair": "Transportation",
    "shop=tyres": "Transportation", "shop=motorcycle": "Transportation", "shop=motorcycle_repair": "Transportation",
    "shop=truck": "Transportation", "shop=truck_repair": "Transportation", "shop=caravan": "Transportation",
    "shop=ticket": "Transportation",  # mostly railway ticket offices; Ticketmaster is overridden
    # Travel has no category of its own: hotels and travel agents go with airlines and car rental.
    "tourism=hotel": "Transportation", "tourism=motel": "Transportation", "tourism=hostel": "Transportation",
    "tourism=caravan_site": "Transportation", "shop=travel_agency": "Transportation",
    # Utilities: carriers' shops (the phone retailers among them are overridden), bottled gas.
    "shop=mobile_phone": "Utilities", "shop=telecommunication": "Utilities", "office=telecommunication": "Utilities",
    "shop=gas": "Utilities",  # propane and LPG (AmeriGas, Calor): heating, as the catalogue's "Propane"
    # Healthcare: pharmacies, care, eyes and ears.
    "amenity=pharmacy": "Healthcare", "amenity=clinic": "Healthcare", "amenity=doctors": "Healthcare",
    "amenity=dentist": "Healthcare", "amenity=hospital": "Healthcare",
    "healthcare=alternative": "Healthcare", "healthcare=audiologist": "Healthcare",
    "healthcare=counselling": "Healthcare", "healthcare=dialysis": "Healthcare",
    "healthcare=laboratory": "Healthcare", "healthcare=sample_collection": "Healthcare",  # Quest, Labcorp
    "healthcare=physiotherapist": "Healthcare", "healthcare=rehabilitation": "Healthcare",
    "shop=chemist": "Healthcare",  # drugstores (dm, Rossmann, Superdrug): with CVS and Walgreens, not beauty
    "shop=optician": "Healthcare", "shop=hearing_aids": "Healthcare", "shop=medical_supply": "Healthcare",
    "shop=herbalist": "Healthcare", "shop=nutrition_supplements": "Healthcare",  # GNC, The Vitamin Shoppe
    "shop=massage": "Healthcare",  # Massage Envy, Hand & Stone: therapy rather than a night out
    "amenity=veterinary": "Healthcare",  # the pet's doctor (Banfield, VCA); pet shops are Shopping
    # Shopping: general merchandise, clothes, electronics, home goods, personal care.
    "shop=department_store": "Shopping", "shop=variety_store": "Shopping", "shop=general": "Shopping",
    "shop=mall": "Shopping", "shop=catalogue": "Shopping", "shop=outpost": "Shopping",
    "shop=clothes": "Shopping", "shop=shoes": "Shopping", "shop=bag": "Shopping",
    "shop=fashion_accessories": "Shopping", "shop=jewelry": "Shopping", "shop=watches": "Shopping",
    "shop=leather": "Shopping", "shop=electronics": "Shopping", "shop=computer": "Shopping",
    "shop=appliance": "Shopping", "shop=hifi": "Shopping", "shop=camera": "Shopping",
    "shop=mobile_phone_accessories": "Shopping", "shop=vacuum_cleaner": "Shopping", "shop=photo": "Shopping",
    "shop=video_games": "Shopping",  # GameStop sells goods (the catalogue's Shopping); game services are Entertainment
    "shop=games": "Shopping", "shop=toys": "Shopping", "shop=model": "Shopping", "shop=anime": "Shopping",
    "shop=books": "Shopping",  # bookshops; textbook and course platforms are Education in the hand-written list
    "shop=stationery": "Shopping", "shop=newsagent": "Shopping", "shop=gift": "Shopping", "shop=craft": "Shopping",
    "shop=art": "Shopping", "shop=fabric": "Shopping", "shop=party": "Shopping", "shop=candles": "Shopping",
    "shop=frame": "Shopping", "shop=pottery": "Shopping", "shop=music": "Shopping",
    "shop=musical_instrument": "Shopping", "shop=sports": "Shopping", "shop=outdoor": "Shopping",
    "shop=fishing": "Shopping", "shop=boat": "Shopping",
    "shop=bicycle": "Shopping",  # bike shops sell goods, as sports shops do; bike share is Transportation
    "shop=furniture": "Shopping", "shop=bed": "Shopping", "shop=houseware": "Shopping",
    "shop=household_linen": "Shopping", "shop=interior_decoration": "Shopping", "shop=lighting": "Shopping",
    "shop=pet": "Shopping", "shop=baby_goods": "Shopping", "shop=second_hand": "Shopping", "shop=charity": "Shopping",
    "shop=cosmetics": "Shopping", "shop=beauty": "Shopping", "shop=perfumery": "Shopping",
    "shop=hairdresser": "Shopping", "shop=hairdresser_supply": "Shopping",  # personal care has no category of its own
    "shop=dry_cleaning": "Shopping", "shop=laundry": "Shopping",  # personal services, as hairdressers
    "shop=tobacco": "Shopping", "shop=e-cigarette": "Shopping", "shop=erotic": "Shopping",
    "shop=copyshop": "Shopping", "shop=printer_ink": "Shopping", "shop=pyrotechnics": "Shopping",
    "shop=agrarian": "Shopping", "shop=country_store": "Shopping",  # farm and ranch stores (Tractor Supply)
    # Housing: home improvement, trades, storage, moving, estate agents and mortgages. Hardware and DIY go
    # here, not Shopping: the catalogue and the generator have Home Depot, Lowe's and True Value as Housing.
    "shop=doityourself": "Housing", "shop=hardware": "Housing", "shop=paint": "Housing", "shop=trade": "Housing",
    "shop=electrical": "Housing", "shop=flooring": "Housing", "shop=tiles": "Housing", "shop=carpet": "Housing",
    "shop=doors": "Housing", "shop=window_blind": "Housing", "shop=curtain": "Housing",
    "shop=bathroom_furnishing": "Housing", "shop=kitchen": "Housing", "shop=glaziery": "Housing",
    "shop=garden_centre": "Housing",  # lawn and garden, with the catalogue's landscaping
    "shop=swimming_pool": "Housing", "shop=power_tools": "Housing", "shop=tool_hire": "Housing",
    "shop=plant_hire": "Housing", "shop=groundskeeping": "Housing", "shop=locksmith": "Housing",
    "shop=pest_control": "Housing", "shop=storage_rental": "Housing",
    "shop=rental": "Housing",  # moving trucks and containers (U-Haul, Penske): the generator's Housing
    "craft=carpenter": "Housing", "craft=cleaning": "Housing", "craft=electrician": "Housing",
    "craft=glaziery": "Housing", "craft=plumber": "Housing", "craft=painter": "Housing",
    "craft=window_construction": "Housing",
    "office=estate_agent": "Housing", "office=mortgage": "Housing", "office=moving_company": "Housing",
    "landuse=residential": "Housing",  # apartment brands (Avalon, Camden)
    # Entertainment: films, games, gambling, play, fitness.
    "amenity=cinema": "Entertainment", "amenity=casino": "Entertainment", "amenity=gambling": "Entertainment",
    "amenity=karaoke_box": "Entertainment", "amenity=internet_cafe": "Entertainment",
    "shop=lottery": "Entertainment", "shop=bookmaker": "Entertainment", "shop=video": "Entertainment",
    "leisure=adult_gaming_centre": "Entertainment", "leisure=amusement_arcade": "Entertainment",
    "leisure=bowling_alley": "Entertainment", "leisure=dance": "Entertainment",
    "leisure=escape_game": "Entertainment", "leisure=trampoline_park": "Entertainment",
    "leisure=indoor_play": "Entertainment", "leisure=miniature_golf": "Entertainment",
    "leisure=high_ropes_course": "Entertainment", "leisure=sauna": "Entertainment",
    "leisure=fitness_centre": "Entertainment",  # gyms: leisure, not medical care
    "leisure=sports_centre": "Entertainment", "tourism=theme_park": "Entertainment",
    # Education: schools, childcare, lessons.
    "amenity=school": "Education", "amenity=college": "Education", "amenity=university": "Education",
    "amenity=driving_school": "Education", "amenity=language_school": "Education",
    "amenity=music_school": "Education", "amenity=prep_school": "Education",  # tutoring: Kumon, Mathnasium
    "amenity=kindergarten": "Education", "amenity=childcare": "Education",  # the catalogue's child care centres
    "amenity=training": "Education",
}
# Not here on purpose: banks, ATMs, money transfer, pawnbrokers (money, not spending: money.py's job);
# post offices and parcel lockers; office=insurance (auto, home or health: the hand-written list sorts
# insurers); vending machines, advertising, recycling bins, flagpoles and the like (nothing bought).

# NSI operators: who runs an installation. Only installations whose operator bills households count.
OPERATOR_TAGS: dict[str, str] = {
    # Railways first: they run substations too (Amtrak, Network Rail).
    "route=railway": "Transportation", "amenity=ticket_validator": "Transportation",
    # Power distribution and transmission: the utilities. Not power=generator or power=plant, whose
    # operators are often no utility (factories, universities, data centres), nor pipelines. Utilities rank
    # above the charging, parking and other operator tags they also carry (EnBW and Duke Energy run chargers).
    "power=line": "Utilities", "power=minor_line": "Utilities", "power=substation": "Utilities",
    "power=transformer": "Utilities", "power=pole": "Utilities", "power=tower": "Utilities",
    "route=power": "Utilities", "office=energy_supplier": "Utilities",
    "office=water_utility": "Utilities", "man_made=water_works": "Utilities",
    "man_made=wastewater_plant": "Utilities", "man_made=water_tower": "Utilities",
    "man_made=pumping_station": "Utilities", "man_made=reservoir_covered": "Utilities",
    "telecom=exchange": "Utilities", "shop=mobile_phone": "Utilities",
    # Waste collection, as the catalogue's Waste Management. Not amenity=recycling: its operators are mostly
    # charities and councils running drop-off bins (Goodwill Industries of ...), nobody a household pays.
    "amenity=waste_disposal": "Utilities", "amenity=waste_transfer_station": "Utilities",
    "highway=toll_gantry": "Transportation", "barrier=toll_booth": "Transportation",
    "highway=services": "Transportation", "amenity=parking": "Transportation",
    "amenity=car_sharing": "Transportation",
    "amenity=charging_station": "Transportation", "man_made=charge_point": "Transportation",
    "amenity=university": "Education", "amenity=college": "Education", "amenity=school": "Education",
    "amenity=kindergarten": "Education", "amenity=childcare": "Education",
    "amenity=hospital": "Healthcare", "amenity=clinic": "Healthcare", "amenity=doctors": "Healthcare",
    "healthcare=dialysis": "Healthcare",
    "amenity=pub": "Food", "shop=convenience": "Food", "shop=mall": "Shopping",
}
# Transit networks and their operators (transit/*): all Transportation.

# One brand, several tags: the first of these it has wins; otherwise the first in the tables' order.
PRECEDENCE: tuple[str, ...] = (
    "shop=department_store",  # Walmart, Target: Shopping, whatever else they sell (groceries, fuel, a cafe)
    "shop=wholesale",  # Costco: a warehouse club over its fuel, tyres, pharmacy and food court
    "shop=supermarket",  # beats every other food tag, and a grocer's fuel or pharmacy counter (Kroger)
    "amenity=pharmacy",  # drugstores (CVS, Walgreens, Rite Aid, Boots): Healthcare, over convenience and chemist
    "amenity=fuel",  # 7-Eleven, Circle K, Wawa, Sheetz: Transportation, over convenience, car wash and food
    "amenity=car_rental",  # Enterprise, Budget rent cars more than trucks (shop=rental)
    "amenity=cinema",  # Alamo Drafthouse, Cinemark: films over their bars and restaurants
    "shop=furniture",  # IKEA: furniture, over its restaurant
)
# Otherwise the first tag in the table's order wins: a pub with rooms (Greene King) or a restaurant with a
# gift shop (Cracker Barrel) stays Food.
# Operators go by their table's order; an operator that is also an NSI brand is that brand.

# Names that are not a payee: municipal and government bodies, and in the utility paths anything that is
# not a utility (universities, hospitals, railways, armies... run their own substations).
MUNICIPAL = re.compile(
    r"\b(city|county|town|village|borough|township|municipality|district|parish|state|province|region|"
    r"commonwealth|government|department|ministry|republic)\s+of\b|\b(city|county|borough|district|parish|"
    r"regional|shire|town|village|municipal|metropolitan)\s+council\b|\bcouncil$|\bmunicipal(ity|idad|io|ite)?\b|"
    r"^(stadt|gemeinde|ville de|comune di|ayuntamiento|gemeente|kommune|landkreis|gmina|miasto|prefeitura|"
    r"mairie|commune)\b|\b(stadtwerke|gemeindewerke)\b|\bgovernment\b|\bministry\b",
    re.IGNORECASE)
NOT_A_UTILITY = re.compile(
    r"universit|college|school|institut|academy|hospital|medical|airport|\brail|railway|bahn\b|\bmetro\b|"
    r"transit|\btransport|\barmy\b|\bnavy\b|air force|military|defen[cs]e|police|prison|church|\bmine\b|"
    r"mining|steel|chemical|refiner|laborator|research|\bnasa\b|national park",
    re.IGNORECASE)
# An operator or transit network named for its place is the place's government ("Bartow County", "Sioux
# City"); not said of brands ("Party City").
PLACE_GOVERNMENT = re.compile(r"\s(county|city|township|borough|parish|shire)$", re.IGNORECASE)
UTILITY_TAGS = frozenset(tag for tag, category in OPERATOR_TAGS.items() if category == "Utilities")
GOVERNMENT_TYPES = frozenset({"government", "municipal", "military"})

# Where a name's markets put it when two brands share a name: US first (the catalogue's market), then the
# world, then the other English-speaking markets, then the rest.
WORLD_REGIONS = frozenset({"001", "019", "021"})
ENGLISH_MARKETS = frozenset({"gb", "ca", "au", "ie", "nz"})
