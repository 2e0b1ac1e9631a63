"""Write a synthetic corpus of news-story files for benchmarks (run by hand).

Writes N stories in the seed format (YAML front matter between ``---`` lines, see
``seeds/``) as ``DIR/NNNNNN_slug.md``. The output depends only on N and the seed: the same
arguments give byte-identical files.

What the text looks like:

- titles and 1-3 sentence excerpts (25-70 words) from many templates in six beats
  (business, tech, policy, courts, markets, local news), some with wire datelines;
- companies, people, agencies and places drawn with a Zipf-like skew (a few names very
  frequent, a long tail), with the textures extraction has to cope with: possessives
  (straight and curly apostrophes), legal suffixes, acronyms introduced with their long
  form, surname-only second references, a leading "the" before agencies;
- events: about a fifth of the stories retell a recent story of another outlet within a
  day and a half, with the same facts in other words (another title template, another
  excerpt);
- dates over 2018-2025 (about 3% null), 1-3 topics, about 60 publishers, 0-3 related
  stories each; about a fifth of the related entries are other stories of the corpus
  (same webUrl, title and excerpt as their own file).

Usage: python benchmarks/make_corpus.py N DIR [--seed S]
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import re
import string
import sys
import time
import unicodedata
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from random import Random
from typing import Any, Generic, TypeVar

import yaml

try:  # libyaml's emitter is several times faster; same safe representer
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

T = TypeVar("T")


class _StoryDumper(_Dumper):
    """The safe dumper, never writing anchors (&id001) even if a value object repeats."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


# --------------------------------------------------------------------------- word lists

FIRST_NAMES = (
    "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara "
    "Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Lisa Matthew Nancy "
    "Anthony Betty Mark Sandra Donald Ashley Steven Emily Paul Michelle Andrew Amanda "
    "Joshua Melissa Kenneth Deborah Kevin Stephanie Brian Rebecca George Laura Timothy Helen "
    "Priya Arjun Ananya Rahul Mei Wei Hiroshi Yuki Min-jun Ji-woo Olga Dmitri Fatima Omar "
    "Aisha Tariq Chidi Ngozi Kwame Amara Sofia Mateo Valentina Diego Camila Lucas Isabela "
    "Gabriel Lena Jonas Ingrid Lars Astrid Pierre Camille Hélène Luca Giulia Marco Chiara "
    "José Zoë Søren Björn Noor Yusuf Leila Rafael Inés Tomás Siobhan Declan Niamh Aoife "
    "Kofi Thandiwe Raj Deepa Kenji Haruto Sakura Lin Jun Xin Elena Nikolai Ava Ethan"
).split()

LAST_NAMES = (
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez "
    "Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson "
    "White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott "
    "Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter "
    "Roberts Patel Shah Gupta Kumar Singh Chen Wang Zhang Liu Huang Tanaka Suzuki Sato "
    "Watanabe Kim Park Choi Ivanova Petrov Okafor Adeyemi Mensah Mwangi Haddad Khalil Rahman "
    "Hussain Silva Santos Oliveira Costa Pereira Rossi Russo Bianchi Ricci Müller Schmidt "
    "Schneider Fischer Weber Wagner Becker Dubois Laurent Moreau Lefebvre Girard Jansen "
    "de Vries Bakker Lindqvist Johansson Nilsson Andersen Hansen Larsen O'Brien O'Connor "
    "Murphy Kelly Byrne McCarthy Núñez Fernández Castillo Vargas Morales Ortiz Reyes Cruz "
    "Novak Kowalski Horvat Papadopoulos Yilmaz Demir Cohen Levi Friedman Goldberg Stein "
    "Okonkwo Banerjee Iyer Menon Reddy Chowdhury Nakamura Kobayashi Yamamoto Ito Ng Tan "
    "Lim Wong Ho Fitzgerald Sullivan Brennan Whitaker Holloway Prescott Langley Ashford"
).split()

#: (base name, legal name, short name, sector key) for real-looking well-known companies.
REAL_COMPANIES: tuple[tuple[str, str, str, str], ...] = (
    ("Microsoft", "Microsoft Corp", "Microsoft", "software"),
    ("Apple", "Apple Inc.", "Apple", "software"),
    ("Amazon", "Amazon.com Inc.", "Amazon", "retail"),
    ("Alphabet", "Alphabet Inc.", "Alphabet", "ai"),
    ("Google", "Google LLC", "Google", "ai"),
    ("Meta Platforms", "Meta Platforms Inc.", "Meta", "media"),
    ("Nvidia", "Nvidia Corp", "Nvidia", "chips"),
    ("Intel", "Intel Corp.", "Intel", "chips"),
    ("IBM", "International Business Machines Corp", "IBM", "software"),
    ("Tesla", "Tesla Inc.", "Tesla", "ev"),
    ("Ford Motor", "Ford Motor Co.", "Ford", "auto"),
    ("General Motors", "General Motors Co.", "GM", "auto"),
    ("Boeing", "The Boeing Co.", "Boeing", "aero"),
    ("Walmart", "Walmart Inc.", "Walmart", "retail"),
    ("JPMorgan Chase", "JPMorgan Chase & Co.", "JPMorgan", "banking"),
    ("Goldman Sachs", "Goldman Sachs Group Inc.", "Goldman", "finance"),
    ("Pfizer", "Pfizer Inc.", "Pfizer", "pharma"),
    ("Moderna", "Moderna Inc.", "Moderna", "biotech"),
    ("Johnson & Johnson", "Johnson & Johnson", "J&J", "pharma"),
    ("Exxon Mobil", "Exxon Mobil Corp", "Exxon", "energy"),
    ("Chevron", "Chevron Corp.", "Chevron", "energy"),
    ("Siemens", "Siemens AG", "Siemens", "robotics"),
    ("Volkswagen", "Volkswagen AG", "Volkswagen", "auto"),
    ("BP", "BP plc", "BP", "energy"),
    ("Shell", "Shell plc", "Shell", "energy"),
    ("HSBC", "HSBC Holdings plc", "HSBC", "banking"),
    ("Barclays", "Barclays plc", "Barclays", "banking"),
    ("Unilever", "Unilever plc", "Unilever", "food"),
    ("Nestlé", "Nestlé S.A.", "Nestlé", "food"),
    ("Samsung Electronics", "Samsung Electronics Co. Ltd", "Samsung", "chips"),
    ("Sony", "Sony Group Corp", "Sony", "gaming"),
    ("Toyota", "Toyota Motor Corp", "Toyota", "auto"),
    ("SoftBank", "SoftBank Group Corp", "SoftBank", "finance"),
    ("Alibaba", "Alibaba Group Holding Ltd", "Alibaba", "retail"),
    ("Tencent", "Tencent Holdings Ltd", "Tencent", "gaming"),
    ("TSMC", "Taiwan Semiconductor Manufacturing Co. Ltd", "TSMC", "chips"),
    ("Oracle", "Oracle Corp", "Oracle", "software"),
    ("Salesforce", "Salesforce Inc.", "Salesforce", "software"),
    ("Netflix", "Netflix Inc.", "Netflix", "media"),
    ("Uber", "Uber Technologies Inc.", "Uber", "logistics"),
    ("Airbnb", "Airbnb Inc.", "Airbnb", "realestate"),
    ("Qualcomm", "Qualcomm Inc.", "Qualcomm", "chips"),
    ("Advanced Micro Devices", "Advanced Micro Devices Inc.", "AMD", "chips"),
    ("Cisco Systems", "Cisco Systems Inc.", "Cisco", "telecom"),
    ("Adobe", "Adobe Inc.", "Adobe", "software"),
    ("Spotify", "Spotify Technology SA", "Spotify", "media"),
    ("Airbus", "Airbus SE", "Airbus", "aero"),
    ("Rio Tinto", "Rio Tinto plc", "Rio Tinto", "mining"),
    ("BHP", "BHP Group Ltd", "BHP", "mining"),
    ("Novo Nordisk", "Novo Nordisk A/S", "Novo Nordisk", "pharma"),
    ("AstraZeneca", "AstraZeneca plc", "AstraZeneca", "pharma"),
    ("Rolls-Royce", "Rolls-Royce Holdings plc", "Rolls-Royce", "aero"),
    ("Tata Motors", "Tata Motors Ltd", "Tata Motors", "auto"),
    ("Reliance Industries", "Reliance Industries Ltd", "Reliance", "energy"),
    ("Infosys", "Infosys Ltd", "Infosys", "software"),
    ("Honda", "Honda Motor Co.", "Honda", "auto"),
    ("Delta Air Lines", "Delta Air Lines Inc.", "Delta", "airline"),
    ("United Airlines", "United Airlines Holdings Inc.", "United", "airline"),
    ("FedEx", "FedEx Corp", "FedEx", "logistics"),
    ("United Parcel Service", "United Parcel Service Inc.", "UPS", "logistics"),
    ("Target", "Target Corp", "Target", "retail"),
    ("Costco", "Costco Wholesale Corp", "Costco", "retail"),
    ("Starbucks", "Starbucks Corp", "Starbucks", "food"),
    ("Walt Disney", "The Walt Disney Co.", "Disney", "media"),
    ("Comcast", "Comcast Corp", "Comcast", "telecom"),
    ("Verizon", "Verizon Communications Inc.", "Verizon", "telecom"),
    ("AT&T", "AT&T Inc.", "AT&T", "telecom"),
    ("Vodafone", "Vodafone Group plc", "Vodafone", "telecom"),
    ("Nokia", "Nokia Oyj", "Nokia", "telecom"),
    ("ASML", "ASML Holding NV", "ASML", "chips"),
    ("Arm Holdings", "Arm Holdings plc", "Arm", "chips"),
    ("Coinbase", "Coinbase Global Inc.", "Coinbase", "crypto"),
    ("Palantir", "Palantir Technologies Inc.", "Palantir", "ai"),
    ("CrowdStrike", "CrowdStrike Holdings Inc.", "CrowdStrike", "security"),
    ("SpaceX", "Space Exploration Technologies Corp", "SpaceX", "space"),
)

_SYL_HEAD = (
    "Nor Quan Vel Astr Cor Lum Zep Ox Tri Ver Kal Syn Pyr Hal Mer Brio Cal Dex Eon Fer Gal "
    "Hel Ion Jun Kin Lyr Mon Nex Oct Pax Rho Sol Tal Ul Vor Wex Xen Yar Zen Av Bel Cyr Dru "
    "Esk Fal Gry Hex Isk Jor Kyr Lox Myr Nov Ost Pel Quor Ren Sarn Tor Uma Vant Wyn"
).split()
_SYL_TAIL = "vex tal ora ion ix ara eon ova yx ant is um ex ia on ar ent ica ium elle os ida".split()
#: Syllable pairs that spell a word, a name or a well-known brand.
_NOT_INVENTED = frozenset(
    "Solar Helix Helium Talon Talent Rental Xenon Calyx Avon Avis Avant Avion Avia Quorum "
    "Monica Lumix Pyrex Xenia Ostia Renova Novum Corum Astron Trion Nexis Calix Lyrica Myron "
    "Yaron Joris Sarnia Ionia Galant Solis Talia Veron Corex Dexia Merida Toria Feria Solon "
    "Avar Kalium Coron Coris Lumos Eonis Halon Monix Avelle Nexon Xenos Juneon".split())
#: Sector words that end invented company names, with the sector each implies.
_SECTOR_WORDS: tuple[tuple[str, str], ...] = (
    ("Systems", "software"), ("Bio", "biotech"), ("Labs", "ai"), ("Energy", "energy"),
    ("Therapeutics", "pharma"), ("Networks", "telecom"), ("Robotics", "robotics"),
    ("Analytics", "ai"), ("Logistics", "logistics"), ("Foods", "food"), ("Motors", "ev"),
    ("Pharma", "pharma"), ("Semiconductor", "chips"), ("Software", "software"),
    ("Capital", "finance"), ("Materials", "mining"), ("Aerospace", "aero"),
    ("Health", "health"), ("Financial", "banking"), ("Media", "media"),
    ("Telecom", "telecom"), ("Dynamics", "robotics"), ("Technologies", "ai"),
    ("Mining", "mining"), ("Solar", "solar"), ("Retail", "retail"),
    ("Insurance", "insurance"), ("Games", "gaming"), ("Orbital", "space"),
    ("Security", "security"), ("Realty", "realestate"), ("Airways", "airline"),
    ("Pay", "crypto"), ("Genomics", "biotech"), ("Cloud", "software"),
)
_NATURE_A = "Blue Silver Red North Iron Granite Cedar Summit Pioneer Evergreen Clear Stone Bright Open Lake Star Golden Black Westward".split()
_NATURE_B = "Harbor Pine Ridge Peak River Bridge Field Rock Point Gate Path Leaf Water Crest Hollow Forge Meadow".split()
_LEGAL = ("Inc.", "Inc.", "Inc.", "Corp", "Corp.", "Ltd", "Ltd.", "plc", "Group Corp", "LLC",
          "Holdings Inc.", "AG", "SE", "S.A.", "N.V.", "Co.", "Group plc")

#: sector key -> (phrase used in text, topic).
SECTORS: dict[str, tuple[str, str]] = {
    "software": ("cloud software", "Cloud Computing"),
    "chips": ("semiconductor", "Semiconductors"),
    "ev": ("electric vehicle", "Electric Vehicles"),
    "auto": ("auto", "Manufacturing"),
    "pharma": ("drug", "Pharmaceuticals"),
    "biotech": ("biotech", "Biotech"),
    "energy": ("energy", "Energy"),
    "solar": ("solar power", "Energy"),
    "finance": ("asset management", "Banking"),
    "banking": ("consumer banking", "Banking"),
    "retail": ("retail", "Retail"),
    "food": ("packaged food", "Agriculture"),
    "telecom": ("wireless", "Telecom"),
    "media": ("streaming", "Media"),
    "gaming": ("video game", "Gaming"),
    "aero": ("aerospace", "Aviation"),
    "airline": ("air travel", "Aviation"),
    "space": ("satellite", "Space"),
    "logistics": ("logistics", "Infrastructure"),
    "security": ("cybersecurity", "Cybersecurity"),
    "ai": ("artificial intelligence", "AI"),
    "health": ("health care", "Healthcare"),
    "mining": ("mining", "Manufacturing"),
    "crypto": ("digital payments", "Crypto"),
    "realestate": ("commercial real estate", "Real Estate"),
    "insurance": ("insurance", "Banking"),
    "robotics": ("industrial automation", "Manufacturing"),
}
_SECTOR_KEYS = tuple(SECTORS)

#: (long form, acronym) of real agencies and international bodies.
REAL_AGENCIES: tuple[tuple[str, str], ...] = (
    ("Federal Trade Commission", "FTC"), ("Securities and Exchange Commission", "SEC"),
    ("Department of Justice", "DOJ"), ("Federal Communications Commission", "FCC"),
    ("Food and Drug Administration", "FDA"), ("Environmental Protection Agency", "EPA"),
    ("National Highway Traffic Safety Administration", "NHTSA"),
    ("Consumer Financial Protection Bureau", "CFPB"), ("Federal Aviation Administration", "FAA"),
    ("Competition and Markets Authority", "CMA"), ("Financial Conduct Authority", "FCA"),
    ("Information Commissioner's Office", "ICO"), ("European Data Protection Board", "EDPB"),
    ("Commodity Futures Trading Commission", "CFTC"),
    ("Federal Energy Regulatory Commission", "FERC"),
    ("Occupational Safety and Health Administration", "OSHA"),
    ("National Labor Relations Board", "NLRB"), ("Department of Energy", "DOE"),
    ("International Monetary Fund", "IMF"), ("World Health Organization", "WHO"),
    ("Organization of the Petroleum Exporting Countries", "OPEC"),
    ("National Transportation Safety Board", "NTSB"),
)
_AG_LEVEL = "National Federal Interstate Regional Continental Joint".split()
_AG_FIELD = (
    "Data Standards", "Grid Reliability", "Digital Markets", "Water Quality", "Transit Safety",
    "Biosecurity", "Consumer Credit", "Algorithm Accountability", "Spectrum Allocation",
    "Housing Finance", "Critical Minerals", "Drone Safety", "Cyber Resilience",
    "Pharmaceutical Pricing", "Ocean Resources", "Rail Safety", "Payments Integrity",
    "Broadband Access", "Clean Fuels", "Workforce Standards", "Platform Competition",
    "Battery Safety", "Satellite Licensing", "Food Traceability",
)
_AG_KIND = "Office Board Agency Authority Commission Council Bureau Administration".split()

US_CITIES: tuple[tuple[str, str], ...] = (
    ("Seattle", "Washington"), ("San Francisco", "California"), ("Los Angeles", "California"),
    ("New York", "New York"), ("Chicago", "Illinois"), ("Boston", "Massachusetts"),
    ("Austin", "Texas"), ("Houston", "Texas"), ("Dallas", "Texas"), ("Atlanta", "Georgia"),
    ("Miami", "Florida"), ("Denver", "Colorado"), ("Phoenix", "Arizona"),
    ("Detroit", "Michigan"), ("Pittsburgh", "Pennsylvania"), ("Philadelphia", "Pennsylvania"),
    ("Washington", "District of Columbia"), ("Minneapolis", "Minnesota"), ("Portland", "Oregon"),
    ("San Diego", "California"), ("San Jose", "California"), ("Nashville", "Tennessee"),
    ("Charlotte", "North Carolina"), ("Columbus", "Ohio"), ("Salt Lake City", "Utah"),
    ("Las Vegas", "Nevada"), ("Kansas City", "Missouri"), ("St. Louis", "Missouri"),
    ("New Orleans", "Louisiana"), ("Baltimore", "Maryland"), ("Cleveland", "Ohio"),
    ("Sacramento", "California"), ("Raleigh", "North Carolina"), ("Tampa", "Florida"),
    ("Orlando", "Florida"), ("Milwaukee", "Wisconsin"), ("Albuquerque", "New Mexico"),
    ("Boise", "Idaho"), ("Omaha", "Nebraska"), ("Richmond", "Virginia"), ("Buffalo", "New York"),
    ("Anchorage", "Alaska"), ("Honolulu", "Hawaii"), ("Tucson", "Arizona"),
    ("Indianapolis", "Indiana"), ("Cincinnati", "Ohio"), ("Memphis", "Tennessee"),
    ("Louisville", "Kentucky"), ("Oklahoma City", "Oklahoma"), ("Spokane", "Washington"),
)
WORLD_CITIES: tuple[tuple[str, str], ...] = (
    ("London", "Britain"), ("Paris", "France"), ("Berlin", "Germany"), ("Frankfurt", "Germany"),
    ("Munich", "Germany"), ("Brussels", "Belgium"), ("Amsterdam", "the Netherlands"),
    ("Dublin", "Ireland"), ("Madrid", "Spain"), ("Barcelona", "Spain"), ("Rome", "Italy"),
    ("Milan", "Italy"), ("Zurich", "Switzerland"), ("Geneva", "Switzerland"),
    ("Stockholm", "Sweden"), ("Oslo", "Norway"), ("Copenhagen", "Denmark"),
    ("Helsinki", "Finland"), ("Warsaw", "Poland"), ("Vienna", "Austria"),
    ("Prague", "the Czech Republic"), ("Lisbon", "Portugal"), ("Athens", "Greece"),
    ("Istanbul", "Turkey"), ("Tokyo", "Japan"), ("Osaka", "Japan"), ("Seoul", "South Korea"),
    ("Beijing", "China"), ("Shanghai", "China"), ("Shenzhen", "China"), ("Hong Kong", "China"),
    ("Taipei", "Taiwan"), ("Singapore", "Singapore"), ("Mumbai", "India"),
    ("Bengaluru", "India"), ("New Delhi", "India"), ("Jakarta", "Indonesia"),
    ("Sydney", "Australia"), ("Melbourne", "Australia"), ("Toronto", "Canada"),
    ("Vancouver", "Canada"), ("Montreal", "Canada"), ("Mexico City", "Mexico"),
    ("São Paulo", "Brazil"), ("Buenos Aires", "Argentina"), ("Johannesburg", "South Africa"),
    ("Lagos", "Nigeria"), ("Nairobi", "Kenya"), ("Cairo", "Egypt"), ("Dubai", "the United Arab Emirates"),
    ("Riyadh", "Saudi Arabia"), ("Tel Aviv", "Israel"),
)
US_STATES = tuple((
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|"
    "Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|"
    "Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|"
    "New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|"
    "Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|"
    "Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming"
).split("|"))
COUNTRIES = tuple((
    "Britain|France|Germany|Japan|China|India|Canada|Mexico|Brazil|Australia|South Korea|"
    "Italy|Spain|the Netherlands|Sweden|Norway|Poland|Ireland|Switzerland|Singapore|Indonesia|"
    "Vietnam|Thailand|Malaysia|the Philippines|Saudi Arabia|the United Arab Emirates|Israel|"
    "Turkey|Egypt|Nigeria|Kenya|South Africa|Argentina|Chile|Colombia|Peru|New Zealand|"
    "Taiwan|Denmark|Finland|Belgium|Austria|Portugal|Greece"
).split("|"))

PUBLISHERS: tuple[tuple[str, str], ...] = (
    ("Reuters", "reuters.com"), ("Associated Press", "apnews.com"),
    ("Bloomberg", "bloomberg.com"), ("CNBC", "cnbc.com"), ("The Verge", "theverge.com"),
    ("TechCrunch", "techcrunch.com"), ("Wired", "wired.com"), ("Ars Technica", "arstechnica.com"),
    ("The New York Times", "nytimes.com"), ("The Washington Post", "washingtonpost.com"),
    ("The Wall Street Journal", "wsj.com"), ("Financial Times", "ft.com"),
    ("The Guardian", "theguardian.com"), ("BBC News", "bbc.co.uk"), ("CNN", "cnn.com"),
    ("Fox Business", "foxbusiness.com"), ("MarketWatch", "marketwatch.com"),
    ("Forbes", "forbes.com"), ("Fortune", "fortune.com"),
    ("Business Insider", "businessinsider.com"), ("Axios", "axios.com"),
    ("Politico", "politico.com"), ("The Hill", "thehill.com"), ("NPR", "npr.org"),
    ("Los Angeles Times", "latimes.com"), ("Chicago Tribune", "chicagotribune.com"),
    ("The Seattle Times", "seattletimes.com"), ("SFGate", "sfgate.com"),
    ("The Boston Globe", "bostonglobe.com"), ("Houston Chronicle", "houstonchronicle.com"),
    ("The Dallas Morning News", "dallasnews.com"), ("Miami Herald", "miamiherald.com"),
    ("The Denver Post", "denverpost.com"), ("Detroit Free Press", "freep.com"),
    ("Star Tribune", "startribune.com"), ("The Atlanta Journal-Constitution", "ajc.com"),
    ("The Independent", "independent.co.uk"), ("The Telegraph", "telegraph.co.uk"),
    ("Sky News", "news.sky.com"), ("Deutsche Welle", "dw.com"), ("France 24", "france24.com"),
    ("Al Jazeera", "aljazeera.com"), ("The Japan Times", "japantimes.co.jp"),
    ("South China Morning Post", "scmp.com"), ("The Straits Times", "straitstimes.com"),
    ("The Times of India", "timesofindia.indiatimes.com"),
    ("The Globe and Mail", "theglobeandmail.com"), ("Toronto Star", "thestar.com"),
    ("ABC News", "abcnews.go.com"), ("CBS News", "cbsnews.com"), ("NBC News", "nbcnews.com"),
    ("Yahoo Finance", "finance.yahoo.com"), ("Engadget", "engadget.com"), ("ZDNET", "zdnet.com"),
    ("VentureBeat", "venturebeat.com"), ("MIT Technology Review", "technologyreview.com"),
    ("Mashable", "mashable.com"), ("The Daily Beast", "thedailybeast.com"),
    ("One News Page", "onenewspage.com"), ("Quartz", "qz.com"), ("Barron's", "barrons.com"),
    ("Investor's Business Daily", "investors.com"), ("Nikkei Asia", "asia.nikkei.com"),
)

TOPICS = (
    "AI", "Cloud Computing", "Cybersecurity", "Semiconductors", "Antitrust", "Privacy",
    "Energy", "Electric Vehicles", "Banking", "Stock Markets", "Retail", "Healthcare",
    "Biotech", "Pharmaceuticals", "Telecom", "Space", "Aviation", "Real Estate", "Labor",
    "Trade", "Climate", "Agriculture", "Media", "Gaming", "Crypto", "Courts", "Elections",
    "Education", "Public Safety", "Housing", "Infrastructure", "Manufacturing",
    "Mergers and Acquisitions", "Startups",
)
BEAT_TOPICS: dict[str, tuple[str, ...]] = {
    "business": ("Mergers and Acquisitions", "Manufacturing", "Labor", "Retail", "Startups"),
    "tech": ("AI", "Cloud Computing", "Cybersecurity", "Semiconductors", "Startups"),
    "policy": ("Antitrust", "Privacy", "Trade", "Elections", "Climate"),
    "courts": ("Courts", "Antitrust", "Privacy", "Labor"),
    "markets": ("Stock Markets", "Banking", "Crypto", "Energy"),
    "local": ("Housing", "Infrastructure", "Education", "Public Safety", "Climate"),
}
BEATS = tuple(BEAT_TOPICS)
BEAT_WEIGHTS = (26, 22, 16, 14, 12, 10)

ANALYST_FIRMS = (
    "Wedbush Securities", "Bernstein", "Jefferies", "Evercore ISI", "CFRA Research",
    "Morningstar", "Raymond James", "Piper Sandler", "Gartner", "Forrester",
    "Blue Harbor Research", "Kestrel Partners", "Northgate Securities", "Halvard & Lowe",
    "Tidewater Analytics", "Corvid Capital Markets", "Greyline Research", "Stonefield Advisors",
)
PRODUCT_WORDS = "Atlas Nova Pulse Orbit Vista Edge Forge Halo Prism Vector Echo Summit Flux Beacon Aria Titan Nimbus Quill".split()
REGIONS = ("Europe", "North America", "Asia", "Latin America", "the Middle East",
           "Southeast Asia", "Africa")
POLICIES = ("facial recognition", "social media use by minors", "data brokers",
            "ride-hailing drivers' pay", "short-term rentals", "autonomous vehicles",
            "generative AI", "cryptocurrency exchanges", "drone deliveries", "gig work",
            "lithium mining", "junk fees", "online age checks", "right-to-repair")
ALLEGATIONS = ("deceptive advertising", "illegally tracking users' locations",
               "overcharging customers", "hiding safety defects", "violating privacy laws",
               "price fixing", "misleading investors", "unfair labor practices", "wage theft",
               "polluting local waterways", "violating export controls",
               "abusing its market power", "discriminating against older workers")
CRIMES = ("insider trading", "wire fraud", "securities fraud", "bribery",
          "stealing trade secrets", "money laundering")
MACROS = ("fresh inflation data", "the Federal Reserve's next move", "escalating trade tensions",
          "weak manufacturing figures", "OPEC's output plans", "a surprise rise in jobless claims",
          "signs of a slowing Chinese economy", "stronger-than-expected retail sales",
          "a jump in bond yields", "the outlook for corporate earnings")
LOCAL_PROJECTS = ("a new light rail line", "repairs to aging water pipes", "affordable housing",
                  "road resurfacing", "electric school buses", "a downtown park",
                  "a new fire station", "flood barriers along the river")
FACILITIES = ("warehouse", "data center", "battery plant", "distribution center",
              "semiconductor factory", "call center", "bottling plant")
LOCAL_ISSUES = ("homelessness", "traffic congestion", "rising rents", "gun violence",
                "flooding", "a shortage of child care", "overdose deaths")
OFFICIAL_TITLES = (("Senator", "Sen."), ("Representative", "Rep."), ("Governor", "Gov."),
                   ("Attorney General", "Attorney General"))
CEO_ROLES = ("chief executive", "CEO", "chief executive officer")
DATELINE_AGENCIES = (" (Reuters) - ", " — ", " (AP) — ", " (Bloomberg) -- ", " — ", " (AFP) - ")
IMAGE_SIZES = ((1200, 630), (2000, 1340), (3000, 1687), (1920, 1080), (800, 450),
               (640, 360), (1024, 683), (1600, 900))
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
          "Nov.", "Dec.")

# --------------------------------------------------------------------------- templates
# Placeholders: first mentions {org} {org2} {ceo} {cfo} {ag}/{Ag} {off} {judge} {an} {mayor};
# second references {org_s} {org_p} {org2_s} {org2_p} {ceo_l} {cfo_l} {ag_s}/{Ag_s}
# {off_l} {judge_l} {an_l} {mayor_l}; title forms {org_t} {org2_t} {ag_a} {off_tl}.
# A story idea is (headline variants, lead sentence, follow-up sentences that fit only it);
# FOLLOWS holds the follow-ups that fit any lead of the beat.

_Idea = tuple[tuple[str, ...], str, tuple[str, ...]]

STORIES: dict[str, tuple[_Idea, ...]] = {
    "business": (
        (("{org_t} to cut {jobs} jobs in {sector} restructuring",
          "{org_t} plans {jobs} layoffs as {sector} demand cools"),
         "{org} said on {day} it would cut about {jobs} jobs, or roughly {pct} of its workforce, as it tries to lower costs amid weaker demand for its {sector} products.",
         ("The company said it expects the cuts to save about {money2} a year by {year_next}.",
          "Unions representing workers in {place} said they would fight the plan.")),
        (("{org_t} agrees to buy {org2_t} for {money}",
          "{org_t} to acquire {org2_t} in {money} deal"),
         "{org} has agreed to acquire {org2} for {money} in cash and stock, a deal that would create one of the largest {sector} businesses in {region}.",
         ("The deal is expected to close in {year_next}, subject to approval by {ag}.",
          "{org2_s} shareholders will receive a premium of about {pct} over the last closing price.")),
        (("{org_p} {quarter} profit tops forecasts as {sector} demand holds up",
          "{org_t} beats estimates on resilient {sector} sales"),
         "{org} reported {quarter} profit that beat analysts' estimates on {day}, helped by resilient {sector} sales and tighter control of costs.",
         ("Chief financial officer {cfo} said margins should improve by the end of {year_next}.",
          "Revenue rose {pct2} from a year earlier.")),
        (("{org_t} names {new_ceo} chief executive",
          "{org_t} taps {new_ceo} to succeed {ceo_l} as CEO"),
         "{org} named {new_ceo} as its next chief executive, replacing {ceo}, who has led the company for {n_years} years and will stay on as an adviser.",
         ("{ceo_l} had faced pressure from activist investors since {year_prev}.",)),
        (("{org_t} to invest {money} in new {place} plant",),
         "{org} will spend {money} on a new manufacturing plant in {place}, the company said, adding roughly {jobs} jobs over the next {n_years} years.",
         ("Production is expected to start in {year_next}.",
          "{cfo_l} told analysts the company had no plans to sell its older plants.")),
        (("{ceo} to step down as {org_t} CEO after {n_years} years",
          "{org_t} CEO {ceo_l} to retire"),
         "{ceo} will step down as {ceo_role} of {org} after {n_years} years, the company said on {day}, and its board has begun a search for a successor.",
         ("Chief financial officer {cfo} will serve as interim chief executive.",
          "{ceo_l}, who became {ceo_role} in {year_prev}, oversaw a push into {region}.")),
        (("{org_t} and {org2_t} call off merger talks",),
         "{org} and {org2} have ended talks about a possible merger after failing to agree on a price, according to people familiar with the matter.",
         ("{org2_s} said it was reviewing its options.",
          "The companies first discussed a tie-up in {year_prev}.")),
        (("{org_t} raises full-year outlook on strong {sector} sales",
          "{org_t} lifts forecast as sales in {place} surge"),
         "{org} raised its full-year revenue forecast on {day} after {sector} sales in {place} grew faster than expected.",
         ("{cfo_l} said the company was still cautious about demand in {region}.",)),
    ),
    "tech": (
        (("{org_t} unveils {product} to take on {org2_t}",
          "{org_t} launches {product}, its answer to {org2_t}"),
         "{org} on {day} unveiled {product}, a new {sector} offering aimed squarely at customers of {org2}, and said it would launch in {place} first.",
         ("{org2_s} has been racing to release a rival product of its own.",
          "{org_s} did not say how much {product} would cost.")),
        (("{org_t} says hackers stole data of {num} customers",
          "{org_t} discloses data breach affecting {num} users"),
         "{org} said hackers gained access to systems holding personal data of about {num} customers, and that it had notified {ag} and law enforcement.",
         ("{org_s} said the incident did not affect payment data.",
          "{Ag_s} said it was aware of the matter and in contact with the company.")),
        (("{org_t} bets {money} on AI data centers in {place}",),
         "{org} plans to spend {money} building data centers in {place} to meet demand for artificial intelligence services, {ceo} said in a blog post.",
         ("{ceo_l} said the first site would open in {year_next}.",)),
        (("Inside {org_p} push into the {sector} market",),
         "{org} is pushing deeper into the {sector} market, hiring engineers from {org2} and opening a research lab in {place}, according to internal documents.",
         ("{org2_s} declined to comment on the departures.",)),
        (("{org_t} delays {product} launch to {year_next}",
          "{product} launch pushed back again"),
         "{org} has pushed back the launch of {product} to {year_next}, citing component shortages and software problems found in testing.",
         ("Engineers at {org_s} had warned about the problems months earlier, two people said.",)),
        (("{org_t} outage disrupts services across {place}",),
         "Customers across {place} were unable to reach services run by {org} for several hours on {day} after a configuration error at one of its data centers.",
         ("{org_s} said the problem had been fixed and apologized to customers.",
          "Engineers at {org_s} had warned about the weakness months earlier, two people said.")),
        (("{org_t} partners with {org2_t} on generative AI tools",),
         "{org} and {org2} said on {day} they would jointly develop generative AI tools for {sector} customers, deepening a partnership that began in {year_prev}.",
         ("Financial terms were not disclosed.",)),
        (("{org_t} lays off {jobs} as it refocuses on AI",),
         "{org} is laying off about {jobs} employees as {ceo} refocuses the company on artificial intelligence, according to a memo seen by reporters.",
         ("{ceo_l} wrote that the company had to move faster.",)),
    ),
    "policy": (
        (("{ag_a} proposes tougher rules for {sector} companies",
          "US regulator targets {sector} firms with new rules"),
         "{Ag} on {day} proposed tougher rules for {sector} companies, saying current safeguards had failed to keep pace with how consumers' data is used.",
         ("{Ag_s} said it would accept public comments for {n_days} days before finalizing the rules.",
          "{off} said in a statement that the rules were long overdue.",
          "Industry groups warned the rules could raise costs for smaller firms.")),
        (("{off_tl} calls for investigation into {org_t}",),
         "{off} called on {ag} to investigate {org} over {allegation}, saying in a letter that the company had misled customers in {place}.",
         ("{off_l} said the company must answer for its conduct.",
          "{org_s} said it would cooperate with any inquiry.")),
        (("{ag_a} opens inquiry into {org_p} {sector} business",),
         "{Ag} has opened an inquiry into {org_p} {sector} business, examining whether its contracts with {org2} harm competition.",
         ("{org2_s} said it was not a target of the inquiry.",)),
        (("{state} lawmakers pass bill to regulate {policy}",),
         "Lawmakers in {state} passed a bill on {day} that would regulate {policy}, sending the measure to the governor's desk after months of debate.",
         ("Industry groups warned the rules could raise costs for smaller firms in {state}.",
          "Similar rules took effect in {region} last year.")),
        (("{country} moves to tighten rules on {policy}",),
         "The government of {country} said on {day} it would tighten rules on {policy}, following similar moves by regulators in {region}.",
         ("Officials said the rules would take effect in {year_next}.",)),
        (("Regulators clear {org_p} {money} takeover of {org2_t}",),
         "{Ag} cleared {org_p} {money} acquisition of {org2} on {day}, after the companies offered to sell parts of their {sector} operations.",
         ("{Ag_s} said the remedies addressed its concerns.",)),
        (("{ag_a} fines {org_t} {money} over {allegation}",),
         "{org} was fined {money} by {ag} for {allegation}, the largest penalty the regulator has imposed on a {sector} company.",
         ("{org_s} said it would appeal the decision.",)),
    ),
    "courts": (
        (("Judge blocks {org_p} bid for {org2_t}",),
         "{judge} on {day} blocked {org_p} proposed acquisition of {org2}, ruling that the deal would likely reduce competition in the {sector} market.",
         ("{judge_l} wrote that the evidence did not support the company's arguments.",
          "Lawyers for {org_s} said they were disappointed with the ruling and were weighing their options.")),
        (("{ag_a} sues {org_t} over {allegation}",),
         "{Ag} sued {org} in federal court in {court_city}, accusing the company of {allegation} and seeking {money} in penalties.",
         ("{org_s} denied wrongdoing and said it would fight the charges.",)),
        (("{org_t} agrees to pay {money} to settle {allegation} claims",),
         "{org} agreed to pay {money} to settle claims of {allegation}, according to court papers filed in {court_city} on {day}.",
         ("A trial had been scheduled to begin in {year_next}.",
          "{org_s} did not admit wrongdoing as part of the settlement.")),
        (("Appeals court revives {allegation} case against {org_t}",),
         "A federal appeals court revived a lawsuit accusing {org} of {allegation}, overturning a lower court ruling that had dismissed the case.",
         ("Lawyers for {org_s} said they were disappointed with the ruling and were weighing their options.",)),
        (("Jury finds {org_t} infringed {org2_p} patents, awards {money}",),
         "A jury in {court_city} found that {org} infringed patents held by {org2} and ordered it to pay {money} in damages.",
         ("{org2_s} said it was pleased with the verdict.",
          "{org_s} said it would appeal.")),
        (("{org_t} wins dismissal of shareholder lawsuit in {court_city}",),
         "{judge} dismissed a shareholder lawsuit against {org} on {day}, finding that investors had not shown the company misled them about its {sector} business.",
         ("{judge_l} gave the plaintiffs {n_days} days to file an amended complaint.",)),
        (("Former {org_t} executive charged with {crime}",),
         "A former executive at {org} was charged with {crime}, prosecutors in {court_city} said on {day}.",
         ("{org_s} said it was cooperating with the investigation.",)),
    ),
    "markets": (
        (("Stocks {rise_fall} as investors weigh {macro}",),
         "U.S. stocks {rose_fell} on {day} as investors weighed {macro}, with shares of {org} among the biggest movers on the S&P 500.",
         ("The S&P 500 {rose_fell} {pct2}, while the Nasdaq Composite {moved} {pct3}.",)),
        (("{org_t} shares {jump_slump} {pct} after {quarter} results",),
         "Shares of {org} {jumped_slumped} {pct} in early trading after the company reported {quarter} results and issued guidance that {beat_missed} expectations.",
         ("Chief financial officer {cfo} said the company would keep a tight grip on spending.",)),
        (("{org_t} prices {money} bond sale",),
         "{org} sold {money} of bonds on {day}, taking advantage of strong investor demand to refinance debt that comes due in {year_next}.",
         ("Orders for the bonds topped {money2}, according to people familiar with the deal.",)),
        (("{org_t} raises {money} in IPO, valued at {money2}",),
         "{org} raised {money} in its initial public offering, valuing the {sector} company at about {money2} ahead of its debut on the Nasdaq.",
         ("{ceo}, the company's {ceo_role}, said the money would fund expansion in {region}.",)),
        (("Oil prices {rise_fall} as traders weigh {macro}",),
         "Oil prices {rose_fell} on {day} as traders weighed {macro}, while investors in {place} watched for signals from central banks.",
         ("Brent crude futures {moved} {pct2}.",)),
        (("{org_t} stock hits record on {sector} optimism",),
         "{org_p} stock closed at a record high on {day}, extending a rally fueled by optimism about {sector} demand.",
         ("{org_p} shares have {gained_lost} {pct2} so far this year.",)),
        (("Investors pull {money} from {sector} funds",),
         "Investors withdrew {money} from {sector} funds last week, the most since {year_prev}, according to data compiled by {org2}.",
         ("{org2_s} said outflows were concentrated in {region}.",)),
    ),
    "local": (
        (("{city} council approves {money} plan for {local_project}",),
         "The {city} City Council voted on {day} to approve a {money} plan for {local_project}, despite objections from some residents.",
         ("Officials said construction could begin as early as {year_next}.",
          "Critics said the plan did little to address rising costs for families.",
          "{mayor} called the project a turning point for the city.")),
        (("{org_t} to build {facility} near {city}, creating {jobs} jobs",),
         "{org} will build a {facility} near {city}, creating about {jobs} jobs, {mayor} announced on {day}.",
         ("{org_s} said it had chosen the site for its access to highways and skilled workers.",
          "{mayor_l} said the city would offer tax breaks worth {money2} over {n_years} years.")),
        (("{city} residents push back on {org_p} {facility} plan",),
         "Residents of {city} packed a public hearing on {day} to oppose {org_p} plan to build a {facility} on the edge of town.",
         ("Several residents said they had not been told about the plan until last month.",
          "The project still needs approval from {state} regulators.")),
        (("Mayor {mayor_l} unveils plan to tackle {local_issue} in {city}",),
         "{mayor} unveiled a plan on {day} to tackle {local_issue} in {city}, including {money} in new spending over {n_years} years.",
         ("{mayor_l} said the city would seek federal money to cover part of the cost.",
          "Critics said the plan did little to address rising costs for families.")),
        (("Storm leaves thousands without power in {city}",),
         "Thousands of homes and businesses in {city} were without power on {day} after a storm brought heavy rain and winds of up to {wind} mph.",
         ("Utility crews from neighboring states were expected to help restore service.",
          "Schools in several districts were closed.")),
        (("{city} schools to get {money} for {local_project}",),
         "Public schools in {city} will receive {money} to pay for {local_project}, state officials in {state} said on {day}.",
         ("Officials said work could begin as early as {year_next}.",)),
        (("{org_t} closes {city} {facility}, affecting {jobs} workers",),
         "{org} will close its {facility} in {city}, affecting about {jobs} workers, the company said in a notice filed with {state} officials.",
         ("{mayor} said the city would help affected workers find new jobs.",)),
    ),
}

_COMPANY_FOLLOW = (
    "{org_s} did not immediately respond to a request for comment.",
    "A spokesperson for {org_s} declined to comment.",
    "Shares of {org_s} were {up_down} {pct2} in afternoon trading.",
    "{org_p} shares have {gained_lost} {pct2} so far this year.",
    "{org_s}, which is based in {hq}, employs about {num} people worldwide.",
    "{an}, an analyst at {an_firm}, said investors had expected the move.",
    "{ceo}, the {ceo_role} of {org_s}, said the company would keep investing in {sector}.",
    "{ceo_l} said the company remained committed to its customers in {place}.",
    "“We are confident this is the right path,” {ceo_l} said in a statement.",
    "The move comes as {org_s} faces growing competition from {org2_s} and other rivals.",
)
FOLLOWS: dict[str, tuple[str, ...]] = {
    "business": _COMPANY_FOLLOW + (
        "{an_l} said the company still had work to do to win back investors.",
        "{org_s} has been under pressure to improve returns since {year_prev}.",
    ),
    "tech": _COMPANY_FOLLOW + (
        "{org_s} has spent heavily on {sector} over the past {n_years} years.",
        "{org2_s} did not respond to a request for comment.",
    ),
    "policy": (
        "{org_s} did not immediately respond to a request for comment.",
        "Consumer advocates welcomed the move but said enforcement would be key.",
        "A spokesperson for {ag_s} declined to comment on the timing of a decision.",
        "{ceo}, the {ceo_role} of {org_s}, has said the company follows all applicable laws.",
        "The issue has drawn bipartisan attention in Washington.",
    ),
    "courts": (
        "{org_s} did not immediately respond to a request for comment.",
        "The case is one of several legal challenges {org_s} faces in {region}.",
        "{off} said the outcome showed that no company is above the law.",
        "{org_p} shares were {up_down} {pct2} after the news.",
    ),
    "markets": (
        "Traders are now pricing in {n_cuts} rate cuts by the Federal Reserve this year.",
        "{an}, an analyst at {an_firm}, said investors were rotating into {sector} stocks.",
        "{an_l} said the results showed demand was holding up better than feared.",
        "The yield on the 10-year Treasury note was little changed at {yield_}%.",
        "{org_s} did not immediately respond to a request for comment.",
        "{ceo}, the {ceo_role} of {org_s}, told analysts it would keep investing despite the slowdown.",
    ),
    "local": (
        "{org_s} did not immediately respond to a request for comment.",
        "{mayor_l} said more details would be released in the coming weeks.",
        "A public meeting on the matter is scheduled for next month.",
    ),
}

_FIRST_KEYS = {"org": "org", "org2": "org2", "ceo": "ceo", "cfo": "cfo", "ag": "ag", "Ag": "ag",
               "off": "off", "judge": "judge", "an": "an", "mayor": "mayor"}
_SECOND_KEYS = {"org_s": "org", "org_p": "org", "org2_s": "org2", "org2_p": "org2",
                "ceo_l": "ceo", "cfo_l": "cfo", "ag_s": "ag", "Ag_s": "ag", "off_l": "off",
                "judge_l": "judge", "an_l": "an", "mayor_l": "mayor"}


@dataclass(frozen=True, slots=True)
class _Template:
    text: str
    firsts: frozenset[str]  # entities this sentence introduces with their full form
    seconds: frozenset[str]  # entities it refers back to (must be introduced before)


def _template(text: str) -> _Template:
    keys = [name for _, name, _, _ in string.Formatter().parse(text) if name]
    return _Template(text, frozenset(_FIRST_KEYS[k] for k in keys if k in _FIRST_KEYS),
                     frozenset(_SECOND_KEYS[k] for k in keys if k in _SECOND_KEYS))


@dataclass(frozen=True, slots=True)
class _Story:
    titles: tuple[str, ...]
    lead: _Template
    follows: tuple[_Template, ...]  # the idea's own follow-ups
    beat_follows: tuple[_Template, ...]


def _ideas() -> dict[str, tuple[_Story, ...]]:
    ideas = {}
    for beat, stories in STORIES.items():
        beat_follows = tuple(_template(t) for t in FOLLOWS[beat])
        ideas[beat] = tuple(_Story(titles, _template(lead), tuple(_template(t) for t in own),
                                   beat_follows) for titles, lead, own in stories)
    return ideas


_IDEAS = _ideas()

# --------------------------------------------------------------------------- pools


class _Zipf(Generic[T]):
    """Draws items with probability proportional to 1 / rank**s (rank 1 = first item)."""

    def __init__(self, items: Sequence[T], s: float = 1.05) -> None:
        self.items = list(items)
        self.cum: list[float] = []
        total = 0.0
        for rank in range(1, len(self.items) + 1):
            total += 1.0 / rank**s
            self.cum.append(total)
        self.total = total

    def draw(self, rng: Random) -> T:
        return self.items[bisect.bisect_left(self.cum, rng.random() * self.total)]


@dataclass(slots=True)
class _Person:
    first: str
    last: str
    title: str = ""  # "Senator", "U.S. District Judge", "Mayor", ...
    short_title: str = ""
    where: str = ""  # state, court city or city

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(slots=True)
class _Company:
    index: int
    base: str  # "Norvex Systems"
    legal: str  # "Norvex Systems Inc."
    short: str  # "Norvex"
    sector: str
    hq: str
    ceo: _Person | None = None
    cfo: _Person | None = None


@dataclass(frozen=True, slots=True)
class _Agency:
    long: str
    acronym: str


@dataclass(slots=True)
class _Pools:
    companies: _Zipf[_Company]
    agencies: _Zipf[_Agency]
    places: _Zipf[str]
    cities: _Zipf[tuple[str, str]]
    states: _Zipf[str]
    countries: _Zipf[str]
    officials: _Zipf[_Person]
    judges: _Zipf[_Person]
    mayors: _Zipf[_Person]
    analysts: _Zipf[_Person]
    others: _Zipf[_Person]
    publishers: _Zipf[int]
    all_people: list[_Person] = field(default_factory=list)


def _acronym(words: str) -> str:
    return "".join(w[0] for w in words.split() if w not in ("of", "and", "the"))


def _build_pools(rng: Random) -> _Pools:
    """Name pools in a seed-dependent Zipf order (which names are frequent varies by seed)."""
    # Companies: the real-looking ones plus invented names, unique by short name.
    companies: list[_Company] = []
    shorts: set[str] = set()
    cities = [c for c, _ in US_CITIES + WORLD_CITIES]
    for base, legal, short, sector in REAL_COMPANIES:
        companies.append(_Company(0, base, legal, short, sector, rng.choice(cities)))
        shorts.add(short)
    while len(companies) < 420:
        roll = rng.random()
        if roll < 0.7:
            head, tail = rng.choice(_SYL_HEAD), rng.choice(_SYL_TAIL)
            if head[-1] in "aeiou" and tail[0] in "aeiouy" or head + tail in _NOT_INVENTED:
                continue
            short = head + tail
        else:
            short = f"{rng.choice(_NATURE_A)} {rng.choice(_NATURE_B)}"
        if short in shorts or short.split()[0] in shorts:
            continue
        word, sector = rng.choice(_SECTOR_WORDS)
        if roll < 0.18:  # a one-word name: "Norvex"
            base, sector = short, rng.choice(_SECTOR_KEYS)
        else:
            base = f"{short} {word}"
        shorts.add(short)
        legal = f"{base} {rng.choice(_LEGAL)}"
        companies.append(_Company(0, base, legal, short, sector, rng.choice(cities)))
    rng.shuffle(companies)
    for i, company in enumerate(companies):
        company.index = i

    # People: unique first+last pairs, handed out to roles.
    seen: set[tuple[str, str]] = set()
    people: list[_Person] = []

    def person() -> _Person:
        while True:
            pair = (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
            if pair not in seen:
                seen.add(pair)
                p = _Person(*pair)
                people.append(p)
                return p

    for company in companies:
        company.ceo = person()
        company.cfo = person()
    officials = []
    for _ in range(160):
        p = person()
        p.title, p.short_title = rng.choice(OFFICIAL_TITLES)
        p.where = rng.choice(US_STATES)
        officials.append(p)
    judges = []
    for _ in range(70):
        p = person()
        p.title = rng.choice(("U.S. District Judge", "U.S. District Judge", "Judge",
                              "Chief Judge", "Superior Court Judge"))
        p.where = rng.choice(US_CITIES)[0]
        judges.append(p)
    us_cities = list(US_CITIES)
    rng.shuffle(us_cities)
    mayors = []
    for city, state in us_cities:
        p = person()
        p.title, p.where, p.short_title = "Mayor", city, state
        mayors.append(p)
    analysts = []
    for _ in range(70):
        p = person()
        p.where = rng.choice(ANALYST_FIRMS)
        analysts.append(p)
    others = [person() for _ in range(150)]

    agencies = [_Agency(long, acr) for long, acr in REAL_AGENCIES]
    acronyms = {a.acronym for a in agencies}
    while len(agencies) < len(REAL_AGENCIES) + 34:
        if rng.random() < 0.7:
            long = f"{rng.choice(_AG_LEVEL)} {rng.choice(_AG_FIELD)} {rng.choice(_AG_KIND)}"
        else:
            long = f"{rng.choice(_AG_KIND)} of {rng.choice(_AG_FIELD)}"
        acr = _acronym(long)
        if acr not in acronyms:
            acronyms.add(acr)
            agencies.append(_Agency(long, acr))
    rng.shuffle(agencies)

    places = [c for c, _ in US_CITIES + WORLD_CITIES] + list(US_STATES) + list(COUNTRIES)
    places = list(dict.fromkeys(places))  # "Washington", "New York", "Singapore" twice
    rng.shuffle(places)
    world = list(US_CITIES + WORLD_CITIES)
    rng.shuffle(world)
    states = list(US_STATES)
    rng.shuffle(states)
    countries = list(COUNTRIES)
    rng.shuffle(countries)
    for group in (officials, judges, analysts, others):
        rng.shuffle(group)
    publishers = list(range(len(PUBLISHERS)))
    rng.shuffle(publishers)
    return _Pools(
        companies=_Zipf(companies, 1.05), agencies=_Zipf(agencies, 1.1),
        places=_Zipf(places, 0.9), cities=_Zipf(world, 0.9), states=_Zipf(states, 0.9),
        countries=_Zipf(countries, 0.9), officials=_Zipf(officials, 1.0),
        judges=_Zipf(judges, 1.0), mayors=_Zipf(mayors, 1.0), analysts=_Zipf(analysts, 1.0),
        others=_Zipf(others, 0.8), publishers=_Zipf(publishers, 0.6), all_people=people,
    )


# --------------------------------------------------------------------------- text


def _possessive(name: str, rng: Random) -> str:
    apostrophe = "’" if rng.random() < 0.3 else "'"
    if name.endswith("s") and rng.random() < 0.5:
        return name + apostrophe
    return name + apostrophe + "s"


def _money(rng: Random) -> str:
    currency = rng.choices(("$", "£", "€"), (8, 1, 1))[0]
    if rng.random() < 0.5:
        return f"{currency}{rng.randint(11, 950)} million"
    return f"{currency}{rng.randint(10, 400) / 10:g} billion"


def _pct(rng: Random, low: int = 5, high: int = 250) -> str:
    value = rng.randint(low, high) / 10
    return f"{value:g}%" if rng.random() < 0.75 else f"{value:g} percent"


def _count(rng: Random, low: int, high: int) -> str:
    value = rng.randint(low, high)
    if value >= 1000:
        value = round(value, -2)
    return f"{value:,}"


def _values(rng: Random, pools: _Pools, beat: str, moment: dt.datetime,
            company: _Company | None = None) -> dict[str, str]:
    """Every placeholder's text for one story (a cast of entities and a few numbers)."""
    org = company or pools.companies.draw(rng)
    org2 = pools.companies.draw(rng)
    for _ in range(5):
        if org2 is not org:
            break
        org2 = pools.companies.draw(rng)
    assert org.ceo and org.cfo and org2.ceo
    agency = pools.agencies.draw(rng)
    off = pools.officials.draw(rng)
    judge = pools.judges.draw(rng)
    mayor = pools.mayors.draw(rng)
    analyst = pools.analysts.draw(rng)
    if beat == "local":
        city, state = mayor.where, mayor.short_title
    else:
        city, state = pools.cities.draw(rng)[0], pools.states.draw(rng)
    place = city if beat == "local" or rng.random() < 0.3 else pools.places.draw(rng)
    roll = rng.random()
    org_first = org.base if roll < 0.5 else (org.legal if roll < 0.85 else org.short)
    org2_first = org2.base if rng.random() < 0.6 else org2.legal
    sector = SECTORS[org.sector][0]
    up = rng.random() < 0.5
    year = moment.year
    off_first = (f"{off.where} {off.title} {off.name}" if off.title == "Governor"
                 else f"{off.title} {off.name} of {off.where}" if rng.random() < 0.5
                 else f"{off.short_title} {off.name}")
    ag_first = f"the {agency.long} ({agency.acronym})"
    return {
        "org": org_first, "org_t": org.base if rng.random() < 0.5 else org.short,
        "org_s": org.short, "org_p": _possessive(org.short, rng),
        "org2": org2_first, "org2_t": org2.short, "org2_s": org2.short,
        "org2_p": _possessive(org2.short, rng),
        "ceo": org.ceo.name, "ceo_l": org.ceo.last, "ceo_role": rng.choice(CEO_ROLES),
        "cfo": org.cfo.name, "cfo_l": org.cfo.last,
        "new_ceo": pools.others.draw(rng).name,
        "ag": ag_first, "Ag": "T" + ag_first[1:], "ag_s": f"the {agency.acronym}",
        "Ag_s": f"The {agency.acronym}", "ag_a": agency.acronym,
        "off": off_first, "off_l": off.last, "off_tl": f"{off.short_title} {off.last}",
        "judge": f"{judge.title} {judge.name}", "judge_l": judge.last, "court_city": judge.where,
        "mayor": f"{city} Mayor {mayor.name}" if rng.random() < 0.5 else f"Mayor {mayor.name}",
        "mayor_l": mayor.last,
        "an": analyst.name, "an_l": analyst.last, "an_firm": analyst.where,
        "place": place, "city": city, "state": state, "country": pools.countries.draw(rng),
        "hq": org.hq, "region": rng.choice(REGIONS),
        "sector": sector, "product": f"{org.short} {rng.choice(PRODUCT_WORDS)}",
        "money": _money(rng), "money2": _money(rng), "pct": _pct(rng), "pct2": _pct(rng, 1, 60),
        "pct3": _pct(rng, 1, 45), "jobs": _count(rng, 40, 12000), "num": _count(rng, 200, 90000),
        "n_years": str(rng.randint(2, 14)), "n_days": str(rng.choice((30, 45, 60, 90))),
        "n_cuts": rng.choice(("two", "three", "one or two", "at least two")),
        "quarter": rng.choice(("first-quarter", "second-quarter", "third-quarter",
                               "fourth-quarter", "quarterly")),
        "day": WEEKDAYS[moment.weekday()], "year": str(year), "year_next": str(year + 1),
        "year_prev": str(year - rng.randint(1, 6)),
        "policy": rng.choice(POLICIES), "allegation": rng.choice(ALLEGATIONS),
        "crime": rng.choice(CRIMES), "macro": rng.choice(MACROS),
        "local_project": rng.choice(LOCAL_PROJECTS), "facility": rng.choice(FACILITIES),
        "local_issue": rng.choice(LOCAL_ISSUES), "wind": str(rng.randint(45, 95)),
        "rise_fall": "rise" if up else "fall", "rose_fell": "rose" if up else "fell",
        "jump_slump": "jump" if up else "slump", "jumped_slumped": "jumped" if up else "slumped",
        "beat_missed": "beat" if up else "missed", "up_down": "up" if up else "down",
        "gained_lost": "gained" if up else "lost",
        "moved": rng.choice(("rose", "fell", "added", "slipped")),
        "yield_": f"{rng.randint(150, 480) / 100:.2f}",
        "_dateline_city": city, "_sector_topic": SECTORS[org.sector][1],
        "_org_index": str(org.index),
    }


_SMALL_WORDS = frozenset("a an the of to in on for and as at by with over after from into".split())


def _title(rng: Random, idea: _Story, values: dict[str, str]) -> str:
    text = rng.choice(idea.titles).format_map(values)
    text = text[0].upper() + text[1:]
    if rng.random() < 0.3:  # headline case
        text = " ".join(w if (i and w in _SMALL_WORDS) or not w[:1].islower()
                        else w[0].upper() + w[1:] for i, w in enumerate(text.split(" ")))
    return text


def _excerpt(rng: Random, idea: _Story, values: dict[str, str],
             moment: dt.datetime) -> str | None:
    """1-3 sentences, 25-70 words, entities introduced before they are referred back to.

    None when this idea's sentences give no such excerpt for these values.
    """
    lead = idea.lead
    for _ in range(8):
        introduced = set(lead.firsts | lead.seconds)
        first = lead.text.format_map(values)
        if rng.random() < 0.3:
            tail = rng.choice(DATELINE_AGENCIES)
            if "(AP)" in tail:
                tail = f", {MONTHS[moment.month - 1]} {moment.day}{tail}"
            first = f"{values['_dateline_city'].upper()}{tail}{first}"
        sentences = [first]
        words = len(first.split())
        wanted = rng.choice((1, 2, 2, 3, 3))
        own, common = list(idea.follows), list(idea.beat_follows)
        if rng.random() < 0.6:
            rng.shuffle(own)
            rng.shuffle(common)
            follows = own + common
        else:
            follows = own + common
            rng.shuffle(follows)
        for follow in follows:
            if len(sentences) >= 3 or (len(sentences) >= wanted and words >= 25):
                break
            if follow.seconds <= introduced and not follow.firsts & introduced:
                text = follow.text.format_map(values)
                sentences.append(text)
                words += len(text.split())
                introduced |= follow.firsts
        if 25 <= words <= 70:
            return " ".join(sentences).replace("..", ".")
    return None


_SLUG_DROP = re.compile(r"['’]")
_SLUG_SEP = re.compile(r"[^a-z0-9]+")


def _slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = _SLUG_SEP.sub(" ", _SLUG_DROP.sub("", ascii_title.lower())).split()[:8]
    return "-".join(words)[:60].rstrip("-") or "story"


# --------------------------------------------------------------------------- stories

_START = int(dt.datetime(2018, 1, 1, tzinfo=dt.UTC).timestamp()) // 60
_END = int(dt.datetime(2026, 1, 1, tzinfo=dt.UTC).timestamp()) // 60


def _moment(minutes: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(minutes * 60, dt.UTC)


def _iso(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _images(rng: Random, domain: str, moment: dt.datetime) -> list[dict[str, Any]]:
    count = rng.choices((0, 1, 2), (3, 5, 2))[0]
    images = []
    for _ in range(count):
        width, height = rng.choice(IMAGE_SIZES)
        images.append({
            "url": f"https://{rng.choice(('img', 'cdn', 'media', 'static'))}.{domain}/"
                   f"{moment:%Y/%m}/{rng.getrandbits(64):016x}.jpg",
            "width": width, "height": height, "isCached": rng.random() < 0.7,
        })
    return images


def _topics(rng: Random, beat: str, values: dict[str, str]) -> list[str]:
    wanted = rng.choices((1, 2, 3), (3, 4, 3))[0]
    topics = list(dict.fromkeys((rng.choice(BEAT_TOPICS[beat]), values["_sector_topic"])))
    while len(topics) < wanted:
        topic = rng.choice(TOPICS)
        if topic not in topics:
            topics.append(topic)
    return topics[:wanted]


@dataclass(frozen=True, slots=True)
class _Shared:
    """What a related entry copies from another story of the corpus."""

    title: str
    excerpt: str
    published: str | None
    url: str
    publisher: int
    quality: int
    type: str
    image: dict[str, Any] | None


def _related_entry(shared: _Shared) -> dict[str, Any]:
    name, domain = PUBLISHERS[shared.publisher]
    entry: dict[str, Any] = {
        "title": shared.title, "excerpt": shared.excerpt, "publishedDateTime": shared.published,
        "webUrl": shared.url, "type": shared.type, "provider": {"name": name, "domain": domain},
        "quality": shared.quality,
    }
    if shared.image:
        entry["images"] = [shared.image]
    return entry


#: Share of stories that retell a recent story (the same event in another outlet).
RETELL_SHARE = 0.2


class _Generator:
    def __init__(self, seed: int, end: int = _END) -> None:
        self.rng = Random(seed)
        self.end = end
        self.pools = _build_pools(self.rng)
        self.serial = 0  # the -<n> of every webUrl, unique across main and related stories
        self.by_org: dict[int, deque[_Shared]] = {}
        self.recent: deque[_Shared] = deque(maxlen=500)
        self.told: deque[tuple] = deque(maxlen=300)  # recent originals, for retellings
        self.last_told: tuple = ()

    def _story(self, beat: str, minutes: int, company: _Company | None = None, *,
               retell: tuple[_Story, dict[str, str]] | None = None
               ) -> tuple[dict[str, Any], dict[str, str], dt.datetime]:
        rng = self.rng
        moment = _moment(minutes)
        if retell is not None:  # the same news in another outlet's words
            idea, values = retell
            excerpt = _excerpt(rng, idea, values, moment)
            if excerpt is None:
                retell = None
        if retell is None:
            values = _values(rng, self.pools, beat, moment, company)
            while True:
                idea = rng.choice(_IDEAS[beat])
                excerpt = _excerpt(rng, idea, values, moment)
                if excerpt is not None:
                    break
        self.last_told = (beat, idea, values, minutes)
        title = _title(rng, idea, values)
        publisher = self.pools.publishers.draw(rng)
        name, domain = PUBLISHERS[publisher]
        self.serial += 1
        url = f"https://{domain}/{moment:%Y/%m}/{_slug(title)}-{self.serial}"
        doc: dict[str, Any] = {
            "title": title, "excerpt": excerpt,
            "publishedDateTime": None if rng.random() < 0.03 else _iso(moment),
            "webUrl": url, "type": "video" if rng.random() < 0.05 else "article",
            "provider": {"name": name, "domain": domain},
            "quality": rng.randint(10, 95),
        }
        doc["_publisher"] = publisher
        return doc, values, moment

    def document(self) -> tuple[str, str]:
        """The slug and YAML text of the next story."""
        rng = self.rng
        beat = rng.choices(BEATS, BEAT_WEIGHTS)[0]
        minutes = rng.randrange(_START, self.end)
        weekday = _moment(minutes).weekday()
        if weekday >= 5 and rng.random() < 0.8:  # news is mostly a weekday business
            minutes -= (weekday - 4) * 1440
        if self.told and rng.random() < RETELL_SHARE:
            # An event: a story another outlet told, retold within a day and a half.
            beat, idea, told_values, told_minutes = self.told[rng.randrange(len(self.told))]
            minutes = told_minutes + rng.randint(0, 36 * 60)
            story, values, moment = self._story(beat, minutes, retell=(idea, told_values))
        else:
            story, values, moment = self._story(beat, minutes)
            self.told.append(self.last_told)
        publisher = story.pop("_publisher")
        org_index = int(values["_org_index"])
        heat = -1 if rng.random() < 0.4 else rng.randint(0, 100)
        images = _images(rng, PUBLISHERS[publisher][1], moment)
        doc: dict[str, Any] = {"category": "news", **story}
        doc["heat"] = heat
        doc["provider"] = doc.pop("provider")  # key order as in the seeds
        doc["topics"] = _topics(rng, beat, values)
        if images:
            doc["images"] = images

        related: list[dict[str, Any]] = []
        used: set[str] = set()
        org = self.pools.companies.items[org_index]
        for _ in range(rng.choices((0, 1, 2, 3), (2, 3, 3, 2))[0]):
            if rng.random() < 0.2 and self.recent:
                own = self.by_org.get(org_index)
                pool = own if own and rng.random() < 0.7 else self.recent
                shared = pool[rng.randrange(len(pool))]
                if shared.url not in used:
                    used.add(shared.url)
                    related.append(_related_entry(shared))
                continue
            near = minutes + rng.randint(-7 * 1440, 2 * 1440)
            other_beat = beat if rng.random() < 0.6 else rng.choice(BEATS)
            entry, _, rel_moment = self._story(other_beat, near,
                                               org if rng.random() < 0.8 else None)
            rel_publisher = entry.pop("_publisher")
            rel_images = _images(rng, PUBLISHERS[rel_publisher][1], rel_moment)[:1]
            if rel_images:
                entry["images"] = rel_images
            related.append(entry)
        if related:
            doc["related"] = related

        shared = _Shared(doc["title"], doc["excerpt"], doc["publishedDateTime"], doc["webUrl"],
                         publisher, doc["quality"], doc["type"], images[0] if images else None)
        self.recent.append(shared)
        self.by_org.setdefault(org_index, deque(maxlen=20)).append(shared)
        body = yaml.dump(doc, Dumper=_StoryDumper, allow_unicode=True, sort_keys=False,
                         width=1_000_000, default_flow_style=False)
        return _slug(doc["title"]), f"---\n{body}---\n"


def make_corpus(n: int, directory: str | Path, *, seed: int = 0,
                per_day: float | None = None) -> list[Path]:
    """Write ``n`` synthetic stories into ``directory`` (created); return their paths.

    Dates fall over 2018-2025, so a bigger corpus is a denser one; with ``per_day`` they
    fall over ``n / per_day`` days from 2018-01-01 instead, so corpora of any size have
    the density of one feed (what a scaling measure compares).

    Deterministic: the same ``n``, ``seed`` give byte-identical files (and, without
    ``per_day``, the first k files of a run with n > k are those of a run with n = k).
    """
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    if per_day is not None and per_day <= 0:
        raise ValueError(f"per_day must be more than 0, not {per_day}")
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    end = _END if per_day is None else _START + max(1, round(n / per_day * 1440))
    generator = _Generator(seed, end)
    paths: list[Path] = []
    for index in range(n):
        slug, text = generator.document()
        path = folder / f"{index:06d}_{slug}.md"
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of stories to write")
    ap.add_argument("directory", help="folder to write them into (created)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--per-day", type=float, default=None,
                    help="stories per day: dates span N / PER_DAY days from 2018-01-01 "
                         "(default: 2018-2025 whatever N)")
    args = ap.parse_args(argv)
    if args.n < 0:
        ap.error("N must be 0 or more")
    started = time.perf_counter()
    paths = make_corpus(args.n, args.directory, seed=args.seed, per_day=args.per_day)
    print(f"wrote {len(paths)} stories to {args.directory} "
          f"in {time.perf_counter() - started:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
