"""What each kind of business sells, in the words receipts and statements use.

The merchant directory says what a brand is (`kind`: an OpenStreetMap tag such as "shop=supermarket" or
"amenity=fuel", an MCC range such as "mcc 3000-3350 airlines", or the hand-written list's "online:
streaming video", "insurer: auto"...). The generator writes a brand's lines from the wording of its kind:
a supermarket's items are groceries, a fuel station's are fuel, a pharmacy's are prescriptions and
toiletries, an airline's are flights and bag fees. A kind is matched only among the wordings of the
brand's own category, so a wording never contradicts the category the directory gave; a kind no rule
knows gets None, and the generator falls back to the category's general vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Wording:
    """What one kind of business's lines are made of: products, phrases with a {merchant} slot, sizes."""

    products: tuple[str, ...]
    phrases: tuple[str, ...]
    sizes: tuple[str, ...] = ()


def _w(products: str, phrases: str, sizes: str = "") -> Wording:
    """A wording from `;`-separated lists (easier to read and edit than tuples of quoted strings)."""
    return Wording(*(tuple(part.strip() for part in text.split(";") if part.strip())
                     for text in (products, phrases, sizes)))


GROCERY_SIZES = "1 gal; 1/2 gal; 1L; 2L; 12 oz; 16 oz; 1 lb; 2 lb; dozen; 6 ct; 500g; 1kg; family size; 4 pack"

GYM = _w(
    "monthly membership; gym membership; annual fee; personal training session; yoga class; class pack; "
    "spin class; enrollment fee; day pass",
    "{merchant} membership; Gym dues {merchant}; Yoga class at {merchant}; {merchant} monthly; Workout at {merchant}",
    "monthly; annual; 10 classes")

# Per category: (pattern, wording), first match wins. A pattern is searched at word starts in the kind with
# its punctuation as spaces ("shop=department_store" is "shop department store").
RULES: dict[str, tuple[tuple[str, Wording], ...]] = {
    "Food": (
        (r"bakery|pastry|confectioner|chocolate|donut", _w(
            "croissant; sourdough loaf; baguette; bagels; donuts; dozen donuts; cinnamon roll; blueberry muffin; "
            "birthday cake; cupcakes; pastries; fruit tart; cookies; rye bread; pretzel; chocolate truffles; "
            "assorted chocolates; fudge; scones",
            "Pastries from {merchant}; Bakery order; Cake pickup at {merchant}; Bread from {merchant}; "
            "Donuts for the office; {merchant} bakery; Treats from {merchant}; Breakfast pastries",
            "dozen; half dozen; 6 ct; 1 loaf; box of 12; 8 inch; 250g")),
        (r"ice cream|frozen yogurt|gelato", _w(
            "ice cream cone; sundae; frozen yogurt; gelato; milkshake; ice cream pint; waffle cone; banana split",
            "Ice cream at {merchant}; Dessert at {merchant}; {merchant} treat; Frozen yogurt after dinner",
            "single scoop; double scoop; small; large; pint")),
        (r"cafe|coffee|tea\b", _w(
            "latte; cappuccino; cold brew; iced coffee; espresso; americano; flat white; chai latte; mocha; "
            "drip coffee; green tea; matcha latte; hot chocolate; croissant; scone; breakfast sandwich; "
            "bag of coffee beans; loose leaf tea",
            "Coffee at {merchant}; Morning coffee; {merchant} latte; Coffee and a muffin at {merchant}; "
            "Coffee with a client; Tea at {merchant}; Afternoon coffee break; Coffee beans from {merchant}",
            "tall; grande; venti; small; medium; large; 12 oz; 16 oz; oat milk; extra shot")),
        (r"fast food|food court", _w(
            "cheeseburger; double cheeseburger; chicken nuggets; french fries; combo meal; value meal; "
            "chicken sandwich; spicy chicken sandwich; burrito; burrito bowl; tacos; milkshake; pizza slice; "
            "sub sandwich; footlong sub; fried chicken bucket; onion rings; kids meal; breakfast burrito; "
            "hash browns; soft drink",
            "Lunch at {merchant}; {merchant} drive-thru; Quick bite at {merchant}; Late night {merchant}; "
            "Dinner from {merchant}; {merchant} takeout; Drive-thru breakfast; Fast food lunch",
            "large; medium; small; 10 pc; 20 pc; combo; meal; x2")),
        (r"food delivery|meal kit|grocery delivery", _w(
            "delivery order; delivery fee; service fee; dinner delivery; lunch delivery; grocery delivery; "
            "meal kit box; weekly meal plan; delivery tip",
            "{merchant} order; Food delivery from {merchant}; Dinner delivered by {merchant}; "
            "{merchant} delivery; Groceries delivered by {merchant}; Lunch order on {merchant}",
            "2 items; 3 meals; 4 servings; weekly")),
        (r"restaurant|diner|bistro", _w(
            "dinner for two; lunch special; brunch; appetizers; entree; dessert; dinner and drinks; "
            "tasting menu; takeout order; pasta dinner; steak dinner; sushi platter; pad thai; ramen; "
            "pho; curry; tapas; pizza; family meal; kids menu",
            "Dinner at {merchant}; Lunch with clients at {merchant}; Restaurant bill; Takeout from {merchant}; "
            "Brunch at {merchant}; Date night dinner; Team lunch at {merchant}; Birthday dinner at {merchant}",
            "party of 2; party of 4; table 12; incl tip; x2")),
        (r"bar\b|pub\b|biergarten|nightclub|brewery", _w(
            "pints; craft beer; cocktails; bar tab; house wine; wine by the glass; happy hour; pub lunch; "
            "fish and chips; round of drinks",
            "Drinks at {merchant}; Bar tab; Happy hour at {merchant}; Pub night; Beers with friends at {merchant}",
            "x2; x3; pint; glass")),
        (r"alcohol|wine|beverages|liquor", _w(
            "bottle of wine; red wine; six pack beer; case of beer; whiskey; vodka; gin; tequila; champagne; "
            "sparkling water; soda",
            "Wine from {merchant}; Beer run; Drinks for the party from {merchant}; {merchant} liquor",
            "750ml; 1.75L; 6 pack; 12 pack; 24 pack; case")),
        (r"supermarket|convenience|grocer|wholesale|health food|frozen food|dairy|deli\b|butcher|seafood|"
         r"cheese|farm|country store|kiosk|greengrocer|newsagent|spices|nuts|organic|market", _w(
            "whole milk; skim milk; oat milk; large eggs; sourdough bread; bananas; organic apples; avocados; "
            "baby spinach; romaine lettuce; chicken breast; ground beef; salmon fillet; cheddar cheese; "
            "greek yogurt; butter; orange juice; ground coffee; pasta; marinara sauce; basmati rice; tortillas; "
            "peanut butter; strawberries; blueberries; potato chips; cereal; frozen pizza; ice cream; "
            "bottled water; tomatoes; onions; garlic; deli turkey; hummus; rotisserie chicken; bagged salad; "
            "paper towels; snacks; sandwich; milk and bread; lunch meat",
            "Groceries at {merchant}; Weekly groceries; {merchant} grocery run; Grocery pickup from {merchant}; "
            "Produce at {merchant}; Milk and eggs from {merchant}; Snacks from {merchant}; "
            "Bulk groceries at {merchant}; Food shopping at {merchant}",
            GROCERY_SIZES)),
    ),
    "Transportation": (
        (r"charging|charge point", _w(
            "EV charging session; supercharging; charging fee; kWh charge; fast charge; charging subscription",
            "Charging at {merchant}; {merchant} charge; EV charging on the road trip; {merchant} session",
            "32 kWh; 45 kWh; 18 kWh; 30 min; 1 hr")),
        (r"fuel|highway services|gas station|petrol", _w(
            "unleaded gas; regular unleaded; premium fuel; diesel; gasoline; fuel; gas fill-up; pump 4; "
            "super unleaded; e10 petrol",
            "Gas at {merchant}; Fill-up at {merchant}; Fuel at {merchant}; {merchant} gas station; "
            "Filled up the tank at {merchant}; Diesel at {merchant}; Gas on the road trip; Fuel stop at {merchant}",
            "10.2 gal; 12.4 gal; 8.7 gal; 45 L; 38.5 L; pump 3; pump 7")),
        (r"car rental|car shar|motorcycle rental", _w(
            "car rental; rental car; one-way rental; weekly rental; rental fuel charge; additional driver fee; "
            "collision damage waiver; car share trip; hourly car rental",
            "Rental car from {merchant}; {merchant} rental; Car rental for the trip; {merchant} car share; "
            "Rental car at the airport",
            "3 days; 1 week; economy; midsize; SUV; 2 hrs")),
        (r"airline", _w(
            "airline ticket; flight; round trip flight; one way flight; baggage fee; checked bag fee; "
            "seat upgrade; seat selection; change fee; in-flight wifi; priority boarding; carry-on bag fee",
            "Flight on {merchant}; {merchant} bag fee; {merchant} ticket; Flight to Chicago; "
            "Round trip flight to Denver; Seat upgrade on {merchant}; Flight home on {merchant}",
            "economy; basic economy; 1 bag; 2 bags; round trip; one way")),
        (r"lodging|hotel|motel|hostel|caravan site|guest house|camp site", _w(
            "hotel stay; room charge; 2 nights; resort fee; hotel parking; motel room; hostel bed; "
            "room service; campsite fee",
            "Hotel stay at {merchant}; {merchant} room; Hotel for the conference; {merchant} 2 nights; "
            "Motel on the road trip",
            "1 night; 2 nights; 3 nights; king room; double room")),
        (r"travel|booking", _w(
            "hotel booking; flight booking; vacation rental; booking fee; trip package; travel insurance",
            "Trip booked on {merchant}; {merchant} booking; Vacation booking with {merchant}",
            "2 nights; 1 week; 2 guests")),
        (r"bicycle rental|bike|scooter", _w(
            "bike share ride; scooter rental; e-bike ride; annual membership; day pass; unlock fee",
            "{merchant} ride; Scooter to {place}; Bike share to work; {merchant} day pass",
            "15 min; 30 min; day pass; annual")),
        (r"ride hailing|taxi|rideshare", _w(
            "ride share; ride to the airport; trip; taxi fare; ride home; airport ride",
            "{merchant} ride to {place}; {merchant} trip to {place}; Ride home from {place} with {merchant}",
            "4.2 mi; 12 mi; 18 min")),
        (r"parking", _w(
            "parking fee; garage parking; hourly parking; meter parking; event parking; monthly parking; "
            "airport parking",
            "Parking at {merchant}; {merchant} parking; Parking downtown; Garage at {place}",
            "2 hrs; all day; monthly; 3 hrs")),
        (r"toll", _w(
            "highway toll; toll charge; toll tag replenish; bridge toll; tunnel toll; toll balance top-up",
            "{merchant} toll; Toll road charge; {merchant} replenishment; Bridge toll",
            "auto replenish; $25.00")),
        (r"insurer auto|auto insurance|car insurance", _w(
            "auto insurance premium; car insurance; policy renewal; monthly premium; auto policy",
            "{merchant} auto policy; Car insurance {merchant}; {merchant} premium; Auto insurance renewal",
            "6 months; monthly; annual")),
        (r"car repair|tyres|car parts|car wash|vehicle|car\b|car maker|truck|motorcycle|caravan|auto", _w(
            "oil change; tire rotation; new tires; brake pads replacement; car wash; wiper blades; "
            "car battery; wheel alignment; state inspection; motor oil; air filter; headlight bulb; "
            "engine diagnostic; detailing",
            "{merchant} service; Oil change at {merchant}; Car repair at {merchant}; Tires from {merchant}; "
            "Car wash at {merchant}; Parts from {merchant}; Inspection at {merchant}",
            "5 qt; set of 4; full synthetic; basic wash")),
        (r"transit|bus|rail|subway|tram|metro|ferry|trolleybus|ticket|coach|train", _w(
            "bus fare; train ticket; monthly pass; metro card refill; subway fare; tram ticket; day pass; "
            "ferry ticket; commuter rail pass; weekly pass; card top-up; coach ticket",
            "{merchant} fare; Train ticket from {merchant}; Monthly pass {merchant}; {merchant} ticket to {place}; "
            "Bus to {place}; Commute on {merchant}",
            "one way; round trip; 30 day; weekly; off-peak; zone 2")),
    ),
    "Utilities": (
        (r"shop gas\b|propane|lpg", _w(
            "propane refill; propane delivery; LPG cylinder; tank exchange; heating fuel",
            "{merchant} propane; Propane tank refill at {merchant}; Heating fuel delivery",
            "20 lb; 100 gal; 2 tanks")),
        (r"electric and gas|energy supplier|dual fuel", _w(
            "gas and electric; energy bill; dual fuel bill; electricity and gas; monthly energy bill",
            "{merchant} energy bill; {merchant} monthly bill; Gas and electric to {merchant}; {merchant} autopay",
            "monthly; Jan; Feb; Q1; 850 kWh")),
        (r"utility gas|natural gas|gas utility", _w(
            "natural gas bill; gas service; heating bill; gas usage charge; gas utility payment",
            "{merchant} gas bill; Gas utility payment to {merchant}; Heating bill {merchant}; {merchant} autopay",
            "monthly; 45 therms; Jan; Feb")),
        (r"power|electric|energy|substation|generator", _w(
            "electric bill; electricity; power bill; energy usage charge; electric service; delivery charge",
            "{merchant} electric bill; Power bill {merchant}; {merchant} monthly bill; Electric bill to {merchant}; "
            "{merchant} autopay",
            "monthly; 850 kWh; 1200 kWh; Jan; Feb; March")),
        (r"water|sewer|wastewater", _w(
            "water bill; water and sewer; sewer charge; wastewater fee; water service; stormwater fee",
            "{merchant} water bill; Water bill for the quarter; Sewer and water to {merchant}; {merchant} payment",
            "quarterly; 12 CCF; 3,400 gal; monthly")),
        (r"recycling|waste|trash|garbage|sanitation", _w(
            "trash collection; garbage pickup; recycling service; bulk waste pickup; dumpster rental; yard waste",
            "{merchant} trash service; Garbage pickup {merchant}; Trash and recycling fee; {merchant} quarterly",
            "quarterly; monthly; 96 gal cart")),
        (r"broadband|internet|cable|fiber|exchange|tv licen", _w(
            "internet service; broadband; fiber internet; cable TV service; home internet; wifi service; "
            "modem rental; internet and TV bundle",
            "Monthly internet from {merchant}; {merchant} internet; {merchant} cable bill; Internet bill {merchant}",
            "100 Mbps; 500 Mbps; 1 Gbps; monthly")),
        (r"mobile|phone|telecom|wireless", _w(
            "cell phone plan; wireless bill; phone bill; prepaid top-up; mobile data plan; phone installment; "
            "unlimited plan; family plan",
            "Phone bill {merchant}; {merchant} wireless; {merchant} monthly; Top-up with {merchant}; Cell phone bill",
            "unlimited; 2 lines; 4 lines; 10 GB; monthly")),
    ),
    "Entertainment": (
        (r"cinema|movie", _w(
            "movie tickets; IMAX tickets; popcorn and soda combo; matinee; 3D movie; movie night snacks",
            "Movie at {merchant}; {merchant} tickets; Date night movie; Movies with the kids at {merchant}",
            "2 adults; 4 tickets; x2; row F")),
        (r"music", _w(
            "music subscription; family plan; premium; student plan; album download",
            "{merchant} subscription; {merchant} premium; {merchant} monthly; Music streaming renewal",
            "family plan; individual; student; monthly")),
        (r"streaming|video|tv", _w(
            "streaming subscription; monthly subscription; premium plan; annual plan; ad-free plan; movie rental",
            "{merchant} subscription; {merchant} monthly; Streaming service renewal; {merchant} premium plan",
            "monthly; annual; standard; premium; with ads")),
        (r"game|gaming|esports|adult gaming", _w(
            "video game; game DLC; in-game currency; season pass; game subscription; gift card; game download",
            "Game purchase on {merchant}; {merchant} game; {merchant} subscription; Bought a new game on {merchant}",
            "digital; deluxe edition; 1000 coins; monthly")),
        (r"ticket|event|concert", _w(
            "concert tickets; theater tickets; sports game tickets; festival pass; service fee; show tickets",
            "Tickets from {merchant}; {merchant} order; Concert tickets on {merchant}; Game tickets from {merchant}",
            "2 tickets; GA; section 112; row F")),
        (r"bookmaker|lottery|casino|betting|gambling", _w(
            "lottery tickets; scratch cards; sports bet; casino chips; slot play",
            "{merchant} bet; Lottery tickets at {merchant}; Night at {merchant}",
            "x5; $20")),
        (r"news|magazine|book|audio|podcast", _w(
            "digital subscription; newspaper subscription; magazine subscription; audiobook credit; ebook",
            "{merchant} subscription; {merchant} monthly; Digital access {merchant}",
            "monthly; annual; digital")),
        (r"fitness|gym|sports centre|yoga|pilates|climbing", GYM),
        (r"dating|app\b|apps\b|app store|subscriptions?\b", _w(
            "premium membership; monthly subscription; app purchase; in-app purchase; annual plan; gift card",
            "{merchant} subscription; {merchant} premium; App purchase on {merchant}; {merchant} monthly",
            "monthly; annual; 1 month")),
        (r"arcade|bowling|amusement|attraction|theme park|water park|karaoke|escape|zoo|aquarium|museum|"
         r"miniature golf|trampoline|sports centre|leisure|family entertainment|internet cafe", _w(
            "bowling; arcade tokens; mini golf; escape room; theme park tickets; laser tag; karaoke room; "
            "trampoline park; museum admission; zoo tickets; game card reload; day pass; season pass",
            "Night out at {merchant}; {merchant} tickets; Fun day at {merchant}; Birthday party at {merchant}",
            "2 adults; 2 kids; family pack; 1 hr")),
    ),
    "Healthcare": (
        (r"insur|health plan", _w(
            "health insurance premium; dental plan premium; monthly premium; vision plan; deductible payment",
            "Monthly insurance premium to {merchant}; {merchant} premium; {merchant} health plan",
            "monthly; family; individual")),
        (r"pharmacy|chemist|drug", _w(
            "prescription refill; prescription copay; Rx pickup; allergy medicine; ibuprofen; acetaminophen; "
            "cough syrup; cold and flu relief; vitamins; toothpaste; shampoo; deodorant; bandages; "
            "contact lens solution; sunscreen; flu shot; toiletries; razors; pain relief",
            "Prescription pickup at {merchant}; {merchant} pharmacy; Medicine from {merchant}; "
            "Toiletries at {merchant}; Flu shot at {merchant}; Refill at {merchant}",
            "30 day supply; 90 day supply; 100 ct; 200 mg; 24 caps; 8 fl oz")),
        (r"optician|optometr|eye|vision|hearing", _w(
            "eye exam; new glasses; contact lenses; frames; prescription sunglasses; hearing aid batteries; "
            "hearing test; lens replacement",
            "Eye exam at {merchant}; Glasses from {merchant}; Contacts from {merchant}; {merchant} appointment",
            "annual supply; 6 month supply; 1 pair")),
        (r"dentist|dental|orthodont", _w(
            "dental cleaning; cavity filling; dental x-rays; crown; teeth whitening; orthodontist visit",
            "Dentist appointment at {merchant}; {merchant} cleaning; Dental visit {merchant}",
            "2 visits; copay")),
        (r"fitness|gym|sports|yoga|pilates|membership|climbing", GYM),
        (r"veterinar|vet\b|animal", _w(
            "vet visit; pet vaccinations; dog checkup; cat dental cleaning; pet prescription; spay surgery",
            "Vet visit at {merchant}; {merchant} exam for the dog; Pet meds from {merchant}",
            "1 visit; annual")),
        (r"supplement|nutrition|herbalist", _w(
            "multivitamins; protein powder; fish oil; vitamin D; probiotics; electrolyte mix",
            "Vitamins from {merchant}; {merchant} supplements; Protein powder at {merchant}",
            "60 tablets; 2 lb; 90 caps")),
        (r"laborator|sample|lab\b|diagnostic", _w(
            "blood test; lab work; specimen collection; lab results copay; cholesterol panel",
            "Lab work at {merchant}; {merchant} lab bill; Blood test {merchant}",
            "copay")),
        (r"meditation|weight loss|wellness|app\b", _w(
            "premium membership; monthly subscription; annual plan; coaching program; wellness plan",
            "{merchant} subscription; {merchant} premium; {merchant} annual plan",
            "monthly; annual")),
        (r"tele|online", _w(
            "telehealth visit; online consultation; therapy session; virtual visit; prescription consult",
            "Telehealth appointment with {merchant}; {merchant} visit; {merchant} therapy session",
            "30 min; monthly")),
        (r"clinic|doctor|hospital|health|physio|rehab|counsel|dialysis|alternative|massage|medical", _w(
            "doctor visit copay; specialist consultation; annual physical; urgent care visit; x-ray; "
            "physical therapy session; therapy session; hospital bill; chiropractic adjustment; massage therapy; "
            "medical supplies",
            "Copay at {merchant}; Doctor's office visit {merchant}; Hospital bill {merchant}; "
            "Appointment at {merchant}; Physical therapy at {merchant}",
            "copay; 1 visit; 60 min")),
    ),
    "Shopping": (
        (r"clothes|fashion|boutique|tailor|apparel", _w(
            "jeans; t-shirt; winter jacket; dress shirt; sweater; socks; hoodie; dress; leggings; shorts; "
            "blazer; underwear; pajamas; scarf",
            "Clothes shopping at {merchant}; New jacket from {merchant}; {merchant} order; Outfit from {merchant}",
            "size S; size M; size L; XL; 32x30; black; navy; 2 pack")),
        (r"shoes", _w(
            "running shoes; sneakers; boots; sandals; dress shoes; slippers; shoe insoles",
            "New shoes from {merchant}; {merchant} sneakers; Boots from {merchant}",
            "size 8; size 10; size 11; black; white")),
        (r"electronics|computer|mobile phone|hifi|video games|appliance|camera|photo|vacuum|printer", _w(
            "headphones; wireless earbuds; laptop; phone case; USB-C cable; HDMI cable; TV; bluetooth speaker; "
            "printer ink; gaming console; phone charger; smart watch; keyboard; computer mouse; memory card",
            "Electronics from {merchant}; New laptop from {merchant}; {merchant} order; Charger from {merchant}",
            "64GB; 128GB; 55 inch; 2 pack; black")),
        (r"jewel|watch|bag|accessor|leather", _w(
            "necklace; earrings; wrist watch; handbag; sunglasses; watch battery; wallet; bracelet; ring",
            "Gift from {merchant}; {merchant} purchase; New watch from {merchant}; Handbag from {merchant}",
            "gold; silver; 14k; black")),
        (r"furniture|houseware|kitchen|interior|bed\b|linen|lighting|curtain|bathroom|window blind|carpet|candles|"
         r"frame", _w(
            "sofa; bookshelf; bed sheets; bath towels; mattress; desk lamp; cookware set; dinner plates; "
            "curtains; rug; throw pillows; office chair; storage bins; picture frame; candles",
            "Furniture from {merchant}; Home goods at {merchant}; {merchant} order; New sheets from {merchant}",
            "queen; king; set of 4; 5x7; grey")),
        (r"hairdresser\b|barber|salon|hair\b", _w(
            "haircut; hair color; beard trim; blowout; highlights; kids haircut; shampoo and cut",
            "Haircut at {merchant}; {merchant} appointment; Hair color at {merchant}; Trim at {merchant}",
            "1 visit; tip incl")),
        (r"toys|games|party|model|anime|pyrotechnic|baby", _w(
            "toys; board game; puzzle; LEGO set; stuffed animal; action figure; baby stroller; diapers; "
            "party supplies; balloons; kids craft kit",
            "Toys from {merchant}; Birthday present from {merchant}; Party supplies at {merchant}; "
            "{merchant} order for the kids",
            "1000 pieces; set of 4; ages 3+; 2 pack")),
        (r"software|app\b|subscriptions?\b|bnpl|pay later", _w(
            "software subscription; app purchase; antivirus renewal; cloud storage plan; license renewal; "
            "online order; pay in 4 installment",
            "{merchant} subscription; {merchant} annual plan; {merchant} renewal; {merchant} order",
            "annual; monthly; 1 user")),
        (r"cosmetics|perfum|beauty|nail|hairdresser supply", _w(
            "lipstick; foundation; perfume; skincare set; nail polish; haircut; hair color; moisturizer; "
            "mascara; manicure; beard trim",
            "Makeup from {merchant}; Haircut at {merchant}; {merchant} beauty order; Skincare at {merchant}",
            "50 ml; 100 ml; travel size")),
        (r"books?\b|stationery|gift|craft|music|art\b|newsagent|hobby|copyshop|fabric|pottery", _w(
            "paperback novel; greeting cards; gift wrap; notebook; pens; art supplies; board game; puzzle; "
            "toys; birthday gift; party supplies; yarn; LEGO set",
            "Gift from {merchant}; Books from {merchant}; Toys at {merchant}; Birthday present from {merchant}; "
            "Craft supplies at {merchant}",
            "set of 4; 1000 pieces; hardcover; paperback")),
        (r"sports|outdoor|bicycle|fishing|hunting|golf|ski\b|boat", _w(
            "running shorts; yoga mat; camping tent; bike helmet; fishing gear; dumbbells; hiking boots; "
            "soccer ball; golf balls; water bottle",
            "Gear from {merchant}; {merchant} order; Camping stuff at {merchant}; New bike helmet from {merchant}",
            "size M; 2 pack; 20 lb")),
        (r"pet\b", _w(
            "dog food; cat litter; pet treats; chew toys; fish food; dog bed; cat food; flea treatment",
            "Pet supplies at {merchant}; Dog food from {merchant}; {merchant} order for the cat",
            "30 lb; 12 pack; large")),
        (r"dry cleaning|laundry", _w(
            "dry cleaning; shirts laundered; wash and fold; alterations; suit pressing",
            "Dry cleaning at {merchant}; {merchant} laundry; Shirts picked up from {merchant}",
            "5 shirts; 1 suit; 10 lb")),
        (r"second hand|charity|thrift|vintage|pawn", _w(
            "thrift finds; used books; vintage jacket; secondhand furniture; donated clothes",
            "Thrift shopping at {merchant}; Finds from {merchant}; {merchant} purchase",
            "1 bag; 3 items")),
        (r"garden|florist|plant\b", _w(
            "potting soil; flowers; bouquet; house plant; flower seeds; planters; garden hose",
            "Flowers from {merchant}; Plants at {merchant}; {merchant} order",
            "1 dozen; 2 cu ft; large")),
        (r"department store|variety|general|mall|catalogue|marketplace|online|outpost|wholesale|discount|shop\b", _w(
            "household items; paper towels; laundry detergent; phone charger; toys; home decor; storage bins; "
            "online order; kitchen supplies; birthday gift; clothes; school supplies; batteries; party supplies",
            "{merchant} order; Online order from {merchant}; Household items at {merchant}; "
            "Shopping at {merchant}; Gift from {merchant}; Returned item to {merchant}",
            "2 pack; 3 pack; set of 4; large")),
    ),
    "Housing": (
        (r"mortgage|home loan", _w(
            "mortgage payment; escrow payment; principal and interest; mortgage autopay; extra principal",
            "Mortgage to {merchant}; {merchant} mortgage payment; {month} mortgage; House payment to {merchant}",
            "monthly; loan 4471")),
        (r"insur", _w(
            "homeowners insurance; renters insurance premium; home policy renewal; flood insurance",
            "Renters insurance from {merchant}; {merchant} home policy; Homeowners insurance {merchant}",
            "monthly; annual")),
        (r"storage", _w(
            "storage unit rent; monthly storage; storage unit deposit; climate controlled unit",
            "{merchant} storage unit; Storage unit monthly; {merchant} rent",
            "10x10 unit; 5x10 unit; monthly")),
        (r"estate agent|property|rent|residential|apartment|letting|housing|hoa\b|condo", _w(
            "monthly rent; rent payment; pet rent; late rent fee; security deposit; application fee; "
            "HOA dues; lease renewal fee; parking space rent",
            "Rent to {merchant}; {month} rent; Rent payment via {merchant}; {merchant} rent; "
            "HOA dues to {merchant}; Security deposit to {merchant}",
            "Unit 4B; Apt 12; monthly; 1 BR; 2 BR")),
        (r"moving|movers|truck", _w(
            "moving truck rental; movers; moving boxes; packing supplies",
            "Moving truck from {merchant}; {merchant} movers; Moving expenses {merchant}",
            "26 ft truck; 10 boxes")),
        (r"home services|craft|plumb|electrician|hvac|pest|lawn|clean|locksmith|roof|security|groundskeeping", _w(
            "plumbing repair; HVAC service; pest control; lawn service; house cleaning; locksmith; "
            "gutter cleaning; furnace repair; AC repair; roof repair",
            "{merchant} service call; Plumber visit from {merchant}; Pest control by {merchant}; "
            "House cleaning {merchant}; Repairs by {merchant}",
            "quarterly; monthly; 2 hrs")),
        (r"doityourself|hardware|paint|trade|tiles|flooring|lumber|builder|garden|tool|kitchen|bathroom|electrical|"
         r"doors|glaziery|carpet|curtain|window blind|swimming pool|plant hire|power tools", _w(
            "lumber; interior paint; drywall screws; power drill; light bulbs; caulk; plumbing fittings; "
            "floor tiles; door hinges; extension cord; furnace filter; smoke detector; garden soil",
            "Home repair supplies from {merchant}; {merchant} hardware; Paint from {merchant}; "
            "Tools at {merchant}; Supplies for the bathroom at {merchant}",
            "2x4x8; 1 gal; 5 gal; 24 pack")),
    ),
    "Education": (
        (r"student loan|loan", _w(
            "student loan payment; loan servicer payment; student loan autopay; extra principal",
            "Student loan to {merchant}; {merchant} loan payment; {merchant} autopay",
            "monthly")),
        (r"textbook|book|publisher", _w(
            "textbook; ebook rental; used textbooks; study guide; access code; course materials",
            "Textbooks from {merchant}; {merchant} access code; Books for fall semester from {merchant}",
            "hardcover; ebook; 180 day rental")),
        (r"test|exam|admission", _w(
            "exam registration; test fee; score report; application fee; certification exam",
            "Exam fee to {merchant}; {merchant} registration; Test registration with {merchant}",
            "1 exam; 4 score reports")),
        (r"kindergarten|childcare|preschool|daycare|nursery|early", _w(
            "daycare tuition; preschool fee; after-school care; weekly childcare; registration fee",
            "Daycare tuition to {merchant}; {merchant} weekly; Preschool fee {merchant}",
            "weekly; monthly; full day")),
        (r"language", _w(
            "language lessons; language course; private lesson; conversation class; annual plan",
            "{merchant} lessons; Spanish class at {merchant}; {merchant} annual plan",
            "12 sessions; 1 hr; annual")),
        (r"online|course|platform|software|learning|bootcamp|study", _w(
            "online course; course enrollment; annual plan; certificate; monthly subscription; bootcamp deposit",
            "{merchant} course; Course on {merchant}; {merchant} annual plan; {merchant} subscription",
            "annual; monthly; module 2")),
        (r"tutor|training|driving|music|dance|art", _w(
            "tutoring session; lessons; class fee; workshop registration; driving lessons; piano lessons",
            "Tutoring at {merchant}; {merchant} lessons; Class fee {merchant}",
            "12 sessions; 1 hr; 4 weeks")),
        (r"school|college|university|academy|institute|education|tuition", _w(
            "tuition; tuition payment; semester tuition; registration fee; school lunch account; field trip fee; "
            "student activity fee; housing deposit; application fee",
            "Tuition to {merchant}; {merchant} tuition; Spring tuition {merchant}; Fees at {merchant}",
            "fall 2026; spring term; 3 credits; semester")),
    ),
}


# German purposes and products, for brands sold only in Germany or Austria: a Girokonto's lines are in German.
GERMAN: dict[str, Wording] = {
    "Food": _w("Lebensmittel; Einkauf; Wocheneinkauf; Backwaren; Broetchen; Mittagessen; Abendessen; Getraenke; "
               "Obst und Gemuese; Kaffee",
               "Einkauf bei {merchant}; Lebensmittel {merchant}; {merchant} Einkauf; Mittagessen {merchant}"),
    "Transportation": _w("Tanken; Kraftstoff; Diesel; Fahrkarte; Monatskarte; Deutschlandticket; Parkgebuehr; "
                         "Parkhaus; Mietwagen; Flug; Werkstatt; Reifenwechsel; Kfz-Versicherung; Autowaesche",
                         "Tanken bei {merchant}; {merchant} Fahrkarte; Parken {merchant}; Werkstatt {merchant}"),
    "Utilities": _w("Strom Abschlag; Gas Abschlag; Abschlag Strom; Wasser Abwasser; Mobilfunk; Handyvertrag; "
                    "Internet DSL; Festnetz; Muellgebuehren; Heizoel; Fernwaerme",
                    "{merchant} Abschlag; Strom {merchant}; {merchant} Rechnung; {merchant} Mobilfunk"),
    "Entertainment": _w("Kino; Kinokarten; Konzertkarten; Abo; Streaming Abo; Spiel; Freizeitpark; Bowling; "
                        "Eintrittskarten; Theater",
                        "Kino {merchant}; {merchant} Abo; Tickets {merchant}; Eintritt {merchant}"),
    "Healthcare": _w("Apotheke; Rezept Zuzahlung; Medikamente; Zahnarzt; Arztpraxis; Physiotherapie; Brille; "
                     "Kontaktlinsen; Krankenversicherung Beitrag; Zuzahlung",
                     "Apotheke {merchant}; {merchant} Zuzahlung; Rechnung {merchant}; Beitrag {merchant}"),
    "Shopping": _w("Bekleidung; Schuhe; Elektronik; Moebel; Haushaltswaren; Drogerie; Geschenk; Bestellung; "
                   "Spielzeug; Buecher; Kosmetik",
                   "Bestellung {merchant}; Einkauf {merchant}; {merchant} Bestellung; Geschenk von {merchant}"),
    "Housing": _w("Miete; Kaltmiete; Nebenkosten; Hausgeld; Darlehen Rate; Baufinanzierung Rate; Baumarkt; "
                  "Handwerker; Hausratversicherung; Reparatur; Wohngebaeudeversicherung",
                  "Miete {merchant}; {merchant} Nebenkosten; Baumarkt {merchant}; {merchant} Rate"),
    "Education": _w("Studiengebuehren; Semesterbeitrag; Kita Beitrag; Kindergarten; Schulgeld; Nachhilfe; "
                    "Sprachkurs; Kursgebuehr; Fahrschule; Lehrbuecher",
                    "{merchant} Kursgebuehr; Kita {merchant}; Semesterbeitrag {merchant}; Nachhilfe {merchant}"),
}


@cache
def _compiled(category: str) -> tuple[tuple[re.Pattern[str], Wording], ...]:
    return tuple((re.compile(rf"\b(?:{pattern})"), wording) for pattern, wording in RULES.get(category, ()))


@cache
def wording_for(kind: str, category: str) -> Wording | None:
    """The wording of this kind of business among `category`'s, or None when no rule of that category knows it."""
    kind = re.sub(r"[^a-z0-9]+", " ", kind.lower())
    return next((wording for pattern, wording in _compiled(category) if pattern.search(kind)), None)
