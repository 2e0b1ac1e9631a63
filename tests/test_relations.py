"""Typed relations: the rules on real sentences, the edges in the graph, the cache,
``--no-relations``, the CLI, the exports and the scores."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from extract.relations import Relation, sentence_spans
from graph import model as m
from graph.export.graphfiles import read_graphml, read_json, write_gexf, write_graphml
from storygraph.cli import cli


@pytest.fixture(scope="module")
def nlp_for_relations():
    from extract.aliases import load_aliases
    from extract.ner import load_pipeline

    return load_pipeline(None, patterns=load_aliases(None).patterns(), relations=True)


@pytest.fixture(scope="module")
def find():
    """``find(text)`` → the relations of one text as (TYPE, source, target, status)."""
    from extract.aliases import load_aliases
    from extract.ner import load_pipeline, mentions_from_doc
    from extract.relations import relations_of_texts

    table = load_aliases(None)
    nlp = load_pipeline(None, patterns=table.patterns(), relations=True)

    def _find(text: str) -> set[tuple]:
        mentions = mentions_from_doc(nlp(text), "excerpt")
        found = relations_of_texts(nlp, [(text, "excerpt", mentions)])[0]
        return {(r.kind, text[slice(*r.source)] if r.source is not None else None,
                 text[slice(*r.target)] if r.target is not None else None, r.status)
                for r in found}

    return _find


@pytest.mark.parametrize("text, expected", [
    # active, with an auxiliary verb: the deal is announced
    ("Chevron has agreed to buy Hess for US$53 billion in stock.",
     ("ACQUIRES", "Chevron", "Hess", "announced")),
    # passive with an agent
    ("Monsanto was acquired by the Creve Coeur-based agriculture company Bayer in 2018.",
     ("ACQUIRES", "Bayer", "Monsanto", "completed")),
    # headline grammar
    ("Pfizer to acquire Seagen for $43 billion", ("ACQUIRES", "Pfizer", "Seagen", "announced")),
    ("Delta sues cybersecurity firm CrowdStrike", ("SUES", "Delta", "CrowdStrike", None)),
    # a noun frame, and the status from the verb that governs it
    ("Broadcom Inc. completed its takeover of software maker VMware Inc.",
     ("ACQUIRES", "Broadcom", "VMware", "completed")),
    ("Nvidia abandons its $40 billion acquisition of Arm.",
     ("ACQUIRES", "Nvidia", "Arm", "abandoned")),
    ("Nvidia's attempt to buy Arm collapsed.", ("ACQUIRES", "Nvidia", "Arm", "abandoned")),
    ("The takeover of Asda by Sainsbury's fell through.",
     ("ACQUIRES", "Sainsbury's", "Asda", "abandoned")),
    ("Microsoft is investing $10 billion in OpenAI, whose tool has lit up the internet.",
     ("INVESTS_IN", "Microsoft", "OpenAI", None)),
    ("Stellantis filed a federal lawsuit against the United Auto Workers.",
     ("SUES", "Stellantis", "United Auto Workers", None)),
    ("The European Commission has fined Google €4.34 billion for breaching EU rules.",
     ("FINES", "European Commission", "Google", None)),
    ("TikTok and Universal announced a new licensing agreement Thursday.",
     ("PARTNERS_WITH", "TikTok", "Universal", None)),
    # leaders: apposition, title before the name, "names ... as its CEO"
    ("Pat Gelsinger, CEO of VMware, said.", ("LEADS", "Pat Gelsinger", "VMware", None)),
    ("Pfizer CEO Albert Bourla says his company plans to grow.",
     ("LEADS", "Albert Bourla", "Pfizer", None)),
    ("Boeing has tapped aerospace veteran Robert Ortberg as its next CEO, the company said.",
     ("LEADS", "Robert Ortberg", "Boeing", None)),
    # the subject of a clause that has none: "after striking", "its attempt to acquire"
    ("Netflix unveiled a push into live television after striking a deal with Sony.",
     ("PARTNERS_WITH", "Netflix", "Sony", None)),
    ("BHP has abandoned its latest attempt to acquire rival Anglo American.",
     ("ACQUIRES", "BHP", "Anglo American", "abandoned")),
    # money from an investor; a fine handed by a court; a leader in a participle phrase
    ("xAI secured $6 billion in backing from Sequoia Capital.",
     ("INVESTS_IN", "Sequoia Capital", "xAI", None)),
    ("Huntley Management was handed the penalty by the Federal Court of Australia.",
     ("FINES", "the Federal Court of Australia", "Huntley Management", None)),
    ("Mistral AI, led by chief executive Arthur Mensch, is set to grow.",
     ("LEADS", "Arthur Mensch", "Mistral AI", None)),
    # the organization that fires its CEO; "is CEO of" (the parse has no lemmatizer)
    ("Ford Motor Co. fired CEO Mark Fields after less than three years.",
     ("LEADS", "Mark Fields", "Ford Motor", None)),
    ("Jim Hackett is the chief executive of Ford.", ("LEADS", "Jim Hackett", "Ford", None)),
    # a funding round's lead investor; a fine faced "from" a regulator
    ("Anthropic raised $4 billion in a round led by Amazon.",
     ("INVESTS_IN", "Amazon", "Anthropic", None)),
    ("Exxon is facing a fine from the European Commission.",
     ("FINES", "European Commission", "Exxon", None)),
    # a common noun that names a list; a fine handed actively; "by" hung on the amount
    ("Music publishers, including Sony Music and Warner Records, have sued Anthropic.",
     ("SUES", "Warner Records", "Anthropic", None)),
    ("Warner Records sued AI companies Suno and Udio.",
     ("SUES", "Warner Records", "Udio", None)),
    ("The European Commission hit Meta with a record fine of 1.2 billion euros.",
     ("FINES", "European Commission", "Meta", None)),
    ("Apple was fined 500 million euros by the European Commission.",
     ("FINES", "European Commission", "Apple", None)),
    ("The lawsuit, filed by the Federal Trade Commission against Amazon, alleges abuse.",
     ("SUES", "Federal Trade Commission", "Amazon", None)),
    # a sale: the buyer acquires; irregular forms ("said") and relative subjects
    ("Microsoft agreed to sell LinkedIn to Oracle.",
     ("ACQUIRES", "Oracle", "LinkedIn", "announced")),
    ("Intel announced Pat Gelsinger would retire as chief executive.",
     ("LEADS", "Pat Gelsinger", "Intel", None)),
    # a successor takes the role; a headline's organization ousts its CEO
    ("Ford has replaced CEO Mark Fields with board member Jim Hackett.",
     ("LEADS", "Jim Hackett", "Ford", None)),
    ("Starbucks CEO Laxman Narasimhan was replaced by Brian Niccol.",
     ("LEADS", "Brian Niccol", "Starbucks", None)),
    ("CVS ousts CEO Karen Lynch, names Caremark head as new chief",
     ("LEADS", "Karen Lynch", "CVS", None)),
    # a status phrase read by its words: "calls off"
    ("Cigna calls off Humana pursuit, plans big stock buyback",
     ("ACQUIRES", "Cigna", "Humana", "abandoned")),
    # headline shapes the small model misparses: listed subjects, "orders ... to pay"
    ("OCC, CFPB fine Wells Fargo $1 billion over loans", ("FINES", "OCC", "Wells Fargo", None)),
    ("FAA orders Boeing to pay $1.2 million", ("FINES", "FAA", "Boeing", None)),
    # the agent hung on the amount fined for
    ("Robinhood Financial LLC was fined for nearly $70 million by the Financial Industry "
     "Regulatory Authority.", ("FINES", "Financial Industry Regulatory Authority", "Robinhood",
                               None)),
    ("Robinhood Financial LLC was fined for nearly $70 million by the Financial Industry "
     "Regulatory Authority (FINRA), a private self-regulatory organization overseen by the "
     "Securities and Exchange Commission (SEC).",
     ("FINES", "Financial Industry Regulatory Authority", "Robinhood", None)),
    # a settlement of money with a regulator; a fine paid to one; charges settled
    ("The Federal Trade Commission approved a $5 billion settlement with Facebook.",
     ("FINES", "Federal Trade Commission", "Facebook", None)),
    ("Facebook to pay FTC $5bn fine over Cambridge Analytica", ("FINES", "FTC", "Facebook", None)),
    ("Google agreed to pay $700 million to settle claims brought by the Federal Trade "
     "Commission.", ("FINES", "Federal Trade Commission", "Google", None)),
    # a sponsorship, a deal "made", an alliance expanded by the two that announce it
    ("Spotify is to sponsor FC Barcelona in a huge tie-up.",
     ("PARTNERS_WITH", "Spotify", "FC Barcelona", None)),
    ("BioNTech made a deal with Shanghai Fosun Pharmaceutical over its vaccine.",
     ("PARTNERS_WITH", "BioNTech", "Shanghai Fosun Pharmaceutical", None)),
    ("Volkswagen and Ford announced Friday they were expanding their alliance.",
     ("PARTNERS_WITH", "Volkswagen", "Ford", None)),
    # "it", reported by a company's leader, is the company
    ("CARY, North Carolina -- Disney CEO Bob Iger announced on Wednesday that it would "
     "invest $1.5 billion in Epic Games.", ("INVESTS_IN", "Disney", "Epic Games", None)),
    # a pact to merge operations is a joint venture
    ("Walt Disney and Reliance Industries have signed a binding pact to merge their media "
     "operations in India.", ("PARTNERS_WITH", "Walt Disney", "Reliance Industries", None)),
    # a lawsuit faced "from" a government named by its jurisdiction
    ("Shell and BP are facing a lawsuit from the state of California.",
     ("SUES", "California", "BP", None)),
    ("The US government sued Visa, alleging it monopolized the debit card market.",
     ("SUES", "US", "Visa", None)),
    # a role that names no organization: the story's (target None), with words of time
    ("CEO Daniel Ek echoed other tech executives.", ("LEADS", "Daniel Ek", None, None)),
    ("Ortberg will start on Aug. 8, replacing retiring CEO Dave Calhoun.",
     ("LEADS", "Dave Calhoun", None, None)),
    ("Board Chair Larry Kellner told the company he would not stand again.",
     ("LEADS", "Larry Kellner", None, None)),
    # the one the role is taken from; an appointment headline read by its shape
    ("Emma Walmsley will be the company's new chief executive, replacing Andrew Witty.",
     ("LEADS", "Andrew Witty", None, None)),
    ("Jane Fraser will take over as CEO after Michael Corbat retires in February.",
     ("LEADS", "Michael Corbat", None, None)),
    ("GSK names Emma Walmsley as new chief executive", ("LEADS", "Emma Walmsley", "GSK", None)),
    ("The board named Parag Agrawal as the new CEO of the social media company.",
     ("LEADS", "Parag Agrawal", None, None)),
    # the role itself replaced
    ("Starbucks CEO replaced by Brian Niccol", ("LEADS", "Brian Niccol", "Starbucks", None)),
    # an organization that qualifies someone else's name leaves the role the other one's
    ("AstraZeneca has poached Roche executive Pascal Soriot as chief executive after former "
     "CEO David Brennan retired.", ("LEADS", "David Brennan", "AstraZeneca", None)),
    # "the regulator" is the one regulator its text names; the one fined is a dative
    ("Sonali Bank was fined by the Financial Conduct Authority. The banking regulator fined "
     "Sonali Bank £3.3m.", ("FINES", "Financial Conduct Authority", "Sonali Bank", None)),
    # ("the regulator" of a text that names none is the story's: graph.tables)
    ("The regulator fined Sonali Bank £3.3m.", ("FINES", None, "Sonali Bank", None)),
    ("The Financial Conduct Authority imposed a penalty of £17,900 on the bank's former "
     "officer, Steven Smith.", ("FINES", "Financial Conduct Authority", "Steven Smith", None)),
    # a company's price paid for another
    ("Alaska Air Group will pay $18 a share — a transaction value of $1.9 billion — for "
     "Hawaiian Holdings.", ("ACQUIRES", "Alaska Air Group", "Hawaiian Holdings", "announced")),
    # a role apposed to the one named; chosen to lead
    ("General Motors named Mary Barra its new chief executive.",
     ("LEADS", "Mary Barra", "General Motors", None)),
    ("General Motors has tapped Mary Barra to lead the company.",
     ("LEADS", "Mary Barra", "General Motors", None)),
    ("Mary Barra will take the helm at General Motors next month.",
     ("LEADS", "Mary Barra", "General Motors", None)),
    # ordered to pay, in the passive; partnerships by "team with" and "collaboration"
    ("Honda was ordered to pay $5 million by the Federal Court.",
     ("FINES", "the Federal Court", "Honda", None)),
    ("Honda teams with Sony on electric cars.", ("PARTNERS_WITH", "Honda", "Sony", None)),
    ("Honda, in collaboration with Sony, will build a plant.",
     ("PARTNERS_WITH", "Honda", "Sony", None)),
    # money paid to resolve an investigation; a fine slapped on
    ("Boeing will pay $200 million to resolve an SEC investigation.",
     ("FINES", "SEC", "Boeing", None)),
    ("The SEC slapped a $200 million fine on Boeing.", ("FINES", "SEC", "Boeing", None)),
    # a joint venture between two; the one an object relative names; an investor apposed
    ("The plant is a joint venture between General Motors and LG Energy Solution.",
     ("PARTNERS_WITH", "General Motors", "LG Energy Solution", None)),
    ("Instagram, which Facebook bought in 2012, has grown.",
     ("ACQUIRES", "Facebook", "Instagram", "completed")),
    ("Microsoft, a major investor in OpenAI, said it would help.",
     ("INVESTS_IN", "Microsoft", "OpenAI", None)),
    ("Moderna accused Pfizer in a lawsuit of copying its technology.",
     ("SUES", "Moderna", "Pfizer", None)),
    # "X-led Y"; a name before the role a verb names it to; a role held as a post
    ("Elon Musk-led SpaceX launched a rocket.", ("LEADS", "Elon Musk", "SpaceX", None)),
    ("Amazon named Andy Jassy chief executive on Tuesday.",
     ("LEADS", "Andy Jassy", "Amazon", None)),
    ("Andy Jassy has stepped down from his role as chief executive of Amazon.",
     ("LEADS", "Andy Jassy", "Amazon", None)),
    # money paid as a penalty: to settle, "in penalties", or said so by the regulator
    ("Goldman Sachs agreed to pay $200 million to the Securities and Exchange Commission "
     "to settle charges.", ("FINES", "Securities and Exchange Commission", "Goldman Sachs",
                            None)),
    ("Binance agreed to pay $4.3 billion in penalties to the Justice Department.",
     ("FINES", "Justice Department", "Binance", None)),
    ("The Federal Trade Commission said Amazon would pay a $25 million civil penalty.",
     ("FINES", "Federal Trade Commission", "Amazon", None)),
    # a joint venture set up; a deal to buy what is no company is still a partnership
    ("Sony and Honda have established a joint venture called Sony Honda Mobility.",
     ("PARTNERS_WITH", "Sony", "Honda", None)),
    ("Microsoft inked a deal with Constellation Energy to buy power.",
     ("PARTNERS_WITH", "Microsoft", "Constellation Energy", None)),
    # a role the tokenizer splits ("director-general"), of "the corporation"; a second
    # object's role ("naming ... its next CEO")
    ("Tim Davie has been appointed director-general of the corporation, succeeding Tony "
     "Hall.", ("LEADS", "Tony Hall", None, None)),
    ("Tesco surprises markets by naming Irishman Ken Murphy its next CEO",
     ("LEADS", "Irishman Ken Murphy", "Tesco", None)),
    # the role of a thing described ("the UN health agency's") is not the name's inside it
    ("The WHO asked the UN health agency’s director-general Tedros Adhanom Ghebreyesus.",
     ("LEADS", "Tedros Adhanom Ghebreyesus", "WHO", None)),
    # "the court" is the court its text names; a regulator also sues; "its partnership";
    # a company's name word the model left out ("Moderna" + "Therapeutics")
    ("The Federal Court heard the case. The court fined Qantas $120m.",
     ("FINES", "The Federal Court", "Qantas", None)),
    ("The Australian Competition and Consumer Commission reached a deal. Qantas will pay "
     "$120m, after being sued by the competition watchdog.",
     ("SUES", "Australian Competition and Consumer Commission", "Qantas", None)),
    ("Japan's Toyota Motor Corp. will strengthen its partnership with German automaker BMW "
     "AG.", ("PARTNERS_WITH", "Toyota Motor", "BMW", None)),
    ("Merck & Co. has formed a strategic collaboration and license agreement with Moderna "
     "Therapeutics.", ("PARTNERS_WITH", "Merck", "Moderna", None)),
    ("Tesla CEO Elon Musk will pay a $20 million fine to settle a fraud complaint with the "
     "U.S. Securities and Exchange Commission.",
     ("FINES", "U.S. Securities and Exchange Commission", "Elon Musk", None)),
    # sold to, in the passive; an "X-led" round invests in the one it is for
    ("Botox maker Allergan is sold to AbbVie in $63 billion deal",
     ("ACQUIRES", "AbbVie", "Allergan", "completed")),
    ("Electric carmaker Rivian has landed a $700 million investment in an Amazon-led "
     "funding round, it said Friday.", ("INVESTS_IN", "Amazon", "Rivian", None)),
    # accused in a lawsuit filed by someone; founded with others, or "Founded by X, Y"
    ("The giant meat producer JBS was accused of making misleading claims in a lawsuit "
     "filed by New York Attorney General Letitia James.",
     ("SUES", "Letitia James", "JBS", None)),
    ("Dorsey founded Twitter with Noah Glass, Biz Stone, and Evan Williams in 2006.",
     ("LEADS", "Biz Stone", "Twitter", None)),
    ("Founded by Robert Scaringe in 2009, Rivian has raised about $1.5 billion.",
     ("LEADS", "Robert Scaringe", "Rivian", None)),
    # an agency's director; a secretary general; money paid in a regulator's settlement
    ("“These practices are illegal,” CFPB Director Rohit Chopra said in a statement.",
     ("LEADS", "Rohit Chopra", "CFPB", None)),
    ("Dr Agnès Callamard appointed as the new Secretary General of Amnesty International",
     ("LEADS", "Agnès Callamard", "Amnesty International", None)),
    ("Fortnite maker Epic Games to pay $520 million in record-breaking FTC settlement",
     ("FINES", "FTC", "Epic Games", None)),
    # an organization that is someone else's title's leaves the role to the other one
    ("Andy Jassy, head of Amazon Web Services, will take the reins as CEO, while Bezos "
     "will become executive chairman of Amazon.", ("LEADS", "Andy Jassy", "Amazon", None)),
    # a deal or an offer for a company; taken private
    ("Capital One's $35 billion deal for Discover was approved.",
     ("ACQUIRES", "Capital One", "Discover", None)),
    ("Cisco agreed to raise its offer for Acacia.", ("ACQUIRES", "Cisco", "Acacia", "announced")),
    ("Silver Lake will take EA private.", ("ACQUIRES", "Silver Lake", "EA", "announced")),
    # a role in what a company says is the company's (not a news organisation's)
    ("Nike said John Donahoe would retire as CEO.", ("LEADS", "John Donahoe", "Nike", None)),
    # deals agreed to, or agreed
    ("The NBA agreed to 11-year media rights deals with Disney, Amazon and NBCUniversal.",
     ("PARTNERS_WITH", "NBA", "Amazon", None)),
    # one person replaced by another in a text about a company's leader: the story's
    ("Shell's CEO is leaving. Mr van Beurden will be replaced by Wael Sawan.",
     ("LEADS", "Wael Sawan", None, None)),
    # the holder of a role named again as "him"
    ("Apple ousted its chief executive John Sculley and replaced him with Michael Spindler.",
     ("LEADS", "Michael Spindler", "Apple", None)),
    # a headline's verb that the model tags as a noun
    ("Universal Music Group and TikTok unveil new licensing agreement",
     ("PARTNERS_WITH", "Universal Music Group", "TikTok", None)),
    # a plan or a deal to buy, in a headline's shape the model misparses
    ("Pfizer plans to buy Seagen", ("ACQUIRES", "Pfizer", "Seagen", "announced")),
    ("Salesforce has agreed to buy workplace messaging app Slack in a deal worth $27.7bn.",
     ("ACQUIRES", "Salesforce", "Slack", "announced")),
    # the one chosen to replace a leader leads; the one elected to serve as its leader
    ("Boeing has chosen Kelly Ortberg to replace chief executive Dave Calhoun.",
     ("LEADS", "Kelly Ortberg", "Boeing", None)),
    ("The World Health Organization has elected Tedros Adhanom Ghebreyesus to serve as its "
     "next director-general.",
     ("LEADS", "Tedros Adhanom Ghebreyesus", "World Health Organization", None)),
    # a fine stated without who imposed it: the regulator the text names, else the
    # story's (None here), also in a headline's passive without its auxiliary
    ("Thames Water has been fined £120 million over leaks. The Financial Conduct Authority "
     "said the company failed.",
     ("FINES", "Financial Conduct Authority", "Thames Water", None)),
    ("British Airways fined £20m over data breach", ("FINES", None, "British Airways", None)),
    # "its" role in a relative clause: the organization of the clause it hangs from
    ("Nissan tapped Makoto Uchida to lead a recovery from the crisis that followed the "
     "arrest of its former chairman, Carlos Ghosn, last year.",
     ("LEADS", "Carlos Ghosn", "Nissan", None)),
    # a fine's participle parsed as the verb's clause
    ("The tribunal has affirmed the $220 million fine levied against Meta Platforms by the "
     "Federal Competition and Consumer Protection Commission.",
     ("FINES", "the Federal Competition and Consumer Protection Commission", "Meta Platforms",
      None)),
    # a name whose head is "Board" is no company's board; a fine "of" an amount "on" X
    ("The Securities and Exchange Board of India imposed a fine of 250 million rupees on "
     "Reliance Power.",
     ("FINES", "Securities and Exchange Board of India", "Reliance Power", None)),
    # a lawsuit or complaint filed by someone says what its target did
    ("The complaint, filed by Downtown Music Publishing and Ultra Music, alleges that Peloton "
     "has been playing their musical works.", ("SUES", "Ultra Music", "Peloton", None)),
    ("The lawsuit, filed by Sony Music, claims that Suno copied recordings.",
     ("SUES", "Sony Music", "Suno", None)),
    # a successor leads what the one before led; a leader named again as "he"
    ("Ford CEO Jim Farley plans to retire, and the automaker will appoint Mary Smith as his "
     "successor.", ("LEADS", "Mary Smith", None, None)),
    ("Boeing's chief executive is leaving. The board will pick a successor to Dave Calhoun.",
     ("LEADS", "Dave Calhoun", None, None)),
    ("Credit Suisse CEO Tidjane Thiam is resigning. He will be replaced by Thomas Gottstein.",
     ("LEADS", "Thomas Gottstein", None, None)),
    # the passive subject of the verb an infinitive completes ("is expected to")
    ("Pfizer is expected to acquire Seagen for $43 billion.",
     ("ACQUIRES", "Pfizer", "Seagen", "announced")),
    ("Microsoft is poised to invest $10 billion in OpenAI.",
     ("INVESTS_IN", "Microsoft", "OpenAI", None)),
    ("Mary Barra is set to become chief executive of General Motors.",
     ("LEADS", "Mary Barra", "General Motors", None)),
    # one leader taking over from another
    ("Bank of England governor Mark Carney steps down as chief executive. Andrew Bailey is "
     "set to take over from Mark Carney in February.", ("LEADS", "Mark Carney", None, None)),
    # working with one: a partnership (the subject of an opening participle is the clause's)
    ("Working with Ele.me, Alibaba's food delivery platform, Starbucks will begin a pilot "
     "delivery service.", ("PARTNERS_WITH", "Starbucks", "Ele.me", None)),
    ("Disney has worked with Epic Games in the past to bring characters into Fortnite.",
     ("PARTNERS_WITH", "Disney", "Epic Games", None)),
    # a lawsuit named by its parties
    ("The Epic Games vs. Google lawsuit has concluded in the state of California.",
     ("SUES", "Epic Games", "Google", None)),
    # a name and a company noun that the parser read as the name
    ("Entertainment giants Disney and Universal have filed a joint lawsuit against AI "
     "startup Midjourney.", ("SUES", "Universal", "Midjourney", None)),
    # a company noun before a name that the parser read as a verb with the name its object
    ("Entertainment giants Disney and Universal have filed a joint lawsuit against AI "
     "startup Midjourney, alleging its popular image generator unlawfully replicates "
     "their characters.", ("SUES", "Disney", "Midjourney", None)),
    ("Google agreed to buy cybersecurity startup Wiz for $32 billion.",
     ("ACQUIRES", "Google", "Wiz", "announced")),
    ("Nvidia sued chip startup Xcorp over patents.", ("SUES", "Nvidia", "Xcorp", None)),
    # ... and a list after a company noun that the parser hung elsewhere
    ("Twitter filed the lawsuit against the World Federation of Advertisers and member companies "
     "Unilver, Mars, CVS Health and Orsted.", ("SUES", "Twitter", "CVS Health", None)),
    # a headline's passive without an object: the subject is fined, by whom it is from
    ("LinkedIn hit with 310 million euro fine from Data Protection Commission",
     ("FINES", "Data Protection Commission", "LinkedIn", None)),
    # ... from a country's watchdog: the regulator the text names
    ("LinkedIn hit with 310 million euro fine for data privacy violations from Irish watchdog",
     ("FINES", None, "LinkedIn", None)),
    # the investor that leads a round, however the round is named
    ("Sequoia Capital led Figma's $50 million Series B round.",
     ("INVESTS_IN", "Sequoia Capital", "Figma", None)),
    ("Index Ventures led a $50 million round in Figma.",
     ("INVESTS_IN", "Index Ventures", "Figma", None)),
    ("The round was led by Sequoia Capital, with participation from Accel.",
     ("INVESTS_IN", "Sequoia Capital", "The round", None)),
    # what a lawsuit seeks to act on
    ("The Justice Department and 30 states file a major antitrust lawsuit seeking to break "
     "up Ticketmaster owner Live Nation Entertainment.",
     ("SUES", "Justice Department", "Live Nation Entertainment", None)),
    ("Record labels, including Sony Music and Warner Records, have initiated legal "
     "proceedings against AI companies Suno and Udio.",
     ("SUES", "Warner Records", "Suno", None)),
    # ... where the text names the role as one of an organization it names
    ("Andrew Bailey has been appointed as the next governor of the Bank of England. Andrew "
     "Bailey is set to take over from Mark Carney in February.",
     ("LEADS", "Mark Carney", None, None)),
    # ... at the organization named
    ("Tesco named Ken Murphy as its next chief executive. Mr Murphy will take over at Tesco "
     "from the incumbent, Dave Lewis, next summer.", ("LEADS", "Dave Lewis", "Tesco", None)),
    # a bank's or an agency's role, with no other word a rule starts from
    ("Mark Carney, governor of the Bank of England, spoke.",
     ("LEADS", "Mark Carney", "Bank of England", None)),
    ("CFPB Director Rohit Chopra said the bank broke the law.",
     ("LEADS", "Rohit Chopra", "CFPB", None)),
    # a headline's "X to replace Y as CEO at Z"
    ("Oliver Blume to replace Herbert Diess as CEO at VW",
     ("LEADS", "Oliver Blume", "VW", None)),
    # a predecessor or successor named; the one appointed to take over
    ("Vodafone's chief executive was appointed in December after her predecessor Nick Read "
     "was ousted.", ("LEADS", "Nick Read", None, None)),
    ("Unilever CEO Hein Schumacher is leaving. The board has appointed the company's chief "
     "financial officer, Fernando Fernandez, to take over.",
     ("LEADS", "Fernando Fernandez", None, None)),
    # each name listed after a headline's object
    ("NFL fines Belichick, Patriots for spying", ("FINES", "NFL", "Patriots", None)),
    # the first one to lead it
    ("Mary Barra became the first woman to lead General Motors.",
     ("LEADS", "Mary Barra", "General Motors", None)),
    # "its" role given by a verb of naming: the verb's subject (a legal form after it)
    ("Volvo AB named Jim Rowan as its new chief executive.",
     ("LEADS", "Jim Rowan", "Volvo AB", None)),
    # the second of two roles in apposition to a person
    # parsed from after its dateline; a unit named before its part's noun
    ("SAN FRANCISCO (Reuters) - Alphabet's Waymo self-driving car unit sued Uber "
     "Technologies and its autonomous trucking subsidiary Otto in federal court on Thursday.",
     ("SUES", "Waymo", "Uber Technologies", None)),
    # a joint venture between two, where the parse lost the "and"
    ("Aramco invests 10% in Horse, a joint venture between Renault and Geely valued at 7.4 "
     "billion euros, strengthening its capabilities in internal combustion and hybrid "
     "engines.", ("PARTNERS_WITH", "Renault", "Geely", None)),
    # a bank's governor leads it
    ("Andrew Bailey, the head of the Financial Conduct Authority, has been appointed as the "
     "next governor of the Bank of England.", ("LEADS", "Andrew Bailey", "Bank of England", None)),
    # a successor leads what the one replaced leads, named in the sentence
    ("Rolls-Royce said it had chosen former BP executive Tufan Erginbilgic to replace "
     "long-serving chief executive Warren East.",
     ("LEADS", "Tufan Erginbilgic", "Rolls-Royce", None)),
    ('"It marks the longest gas supply agreement", said Saad Sherida al Kaabi, Qatar\'s '
     "energy minister and QatarEnergy's chief executive.",
     ("LEADS", "Saad Sherida al Kaabi", "QatarEnergy", None)),
    # a noun frame in headline grammar, whose verb the small model reads as a noun
    ("Spotify signs deal with Uber", ("PARTNERS_WITH", "Spotify", "Uber", None)),
    ("Spotify strikes content deal with Uber", ("PARTNERS_WITH", "Spotify", "Uber", None)),
    ("Getty Images files lawsuit against Stability AI",
     ("SUES", "Getty Images", "Stability AI", None)),
    ("European Commission slaps fine on Google", ("FINES", "European Commission", "Google", None)),
    # backed by, in a participle or a relative clause
    ("Anthropic, backed by Amazon, released a new model.",
     ("INVESTS_IN", "Amazon", "Anthropic", None)),
    ("The start-up Anthropic, which is backed by Amazon, released a new model.",
     ("INVESTS_IN", "Amazon", "Anthropic", None)),
    # a penalty given, the fined party the verb's other object
    ("The FCA handed Barclays a £40 million penalty.", ("FINES", "FCA", "Barclays", None)),
    # "to court" that the parser reads as a verb
    ("Epic Games takes Apple to court over App Store fees.",
     ("SUES", "Epic Games", "Apple", None)),
    # ... or as a clause of its own
    ("Epic Games has taken Apple to court over its App Store rules.",
     ("SUES", "Epic Games", "Apple", None)),
    # a headline's appointment without "as"; a leader put back in the role
    ("Twitter names Parag Agrawal CEO", ("LEADS", "Parag Agrawal", "Twitter", None)),
    ("Sam Altman reinstated as OpenAI CEO", ("LEADS", "Sam Altman", "OpenAI", None)),
    ("Bob Chapek exits as Disney CEO", ("LEADS", "Bob Chapek", "Disney", None)),
    ("Citigroup picks insider Jane Fraser as CEO", ("LEADS", "Jane Fraser", "Citigroup", None)),
    ("Citigroup promotes Jane Fraser to CEO", ("LEADS", "Jane Fraser", "Citigroup", None)),
    ("Citigroup promoted Jane Fraser to chief executive.",
     ("LEADS", "Jane Fraser", "Citigroup", None)),
    ("Disney dismisses Bob Chapek as CEO", ("LEADS", "Bob Chapek", "Disney", None)),
    # two companies listed in a headline, then a verb of partnership or its noun
    ("Microsoft, OpenAI team up on AI chips", ("PARTNERS_WITH", "Microsoft", "OpenAI", None)),
    ("Microsoft and OpenAI extend partnership",
     ("PARTNERS_WITH", "Microsoft", "OpenAI", None)),
    # an investor named with the possessive of the one it invests in
    ("Microsoft is OpenAI's largest investor.", ("INVESTS_IN", "Microsoft", "OpenAI", None)),
    ("Microsoft, OpenAI's largest backer, said on Monday it was pleased.",
     ("INVESTS_IN", "Microsoft", "OpenAI", None)),
    # taken to court in the passive; named in a lawsuit
    ("Google was taken to court by the European Commission.",
     ("SUES", "European Commission", "Google", None)),
    ("OpenAI was named in a lawsuit filed by the Authors Guild.",
     ("SUES", "the Authors Guild", "OpenAI", None)),
    # a lawsuit given as a fine is; a penalty handed with "the"
    ("Amazon was hit with a lawsuit by the FTC.", ("SUES", "FTC", "Amazon", None)),
    ("The FTC slapped Amazon with a lawsuit on Tuesday.", ("SUES", "FTC", "Amazon", None)),
    ("Ofcom handed the BBC a £100,000 fine.", ("FINES", "Ofcom", "BBC", None)),
    # a fine received from someone; "fine" that the parser reads as the amount's adjective
    ("Vodafone receives record fine from Ofcom", ("FINES", "Ofcom", "Vodafone", None)),
    ("Vodafone gets £3m fine from Ofcom", ("FINES", "Ofcom", "Vodafone", None)),
    ("Vodafone has been hit with a £3m fine from Ofcom.", ("FINES", "Ofcom", "Vodafone", None)),
    # a fined name parsed as the amount's modifier; a "by" hung on the penalty
    ("The Federal Court has fined Google A$60 million for misleading users.",
     ("FINES", "The Federal Court", "Google", None)),
    ("Goldman Sachs was hit with a $6 million penalty by the Securities and Exchange "
     "Commission.", ("FINES", "Securities and Exchange Commission", "Goldman Sachs", None)),
    # a deal entered into; a partner or sponsor named with its partner
    ("Nestlé has entered into a licensing agreement with Starbucks.",
     ("PARTNERS_WITH", "Nestlé", "Starbucks", None)),
    ("Rolex, a partner of Formula 1, said it was pleased.",
     ("PARTNERS_WITH", "Rolex", "Formula 1", None)),
    # a share in percent is a stake, all of it a purchase; "in which" invested
    ("Saudi Aramco acquires 10 percent of Horse Powertrain",
     ("INVESTS_IN", "Saudi Aramco", "Horse Powertrain", None)),
    ("Saudi Aramco acquires 100 percent of Horse Powertrain",
     ("ACQUIRES", "Saudi Aramco", "Horse Powertrain", None)),
    ("Anthropic, in which Amazon has invested $4 billion, said it was pleased.",
     ("INVESTS_IN", "Amazon", "Anthropic", None)),
    # merged into another: the other acquires it
    ("Mobil merged into Exxon in 1999.", ("ACQUIRES", "Exxon", "Mobil", "completed")),
    ("Mobil agreed to merge into Exxon.", ("ACQUIRES", "Exxon", "Mobil", "announced")),
    # kept from buying; sold with no object, or itself
    ("Regulators blocked Nvidia from buying Arm.", ("ACQUIRES", "Nvidia", "Arm", "blocked")),
    ("MGM agreed to sell itself to Amazon.", ("ACQUIRES", "Amazon", "MGM", "announced")),
    ("MGM sold to Amazon for $8.45 billion", ("ACQUIRES", "Amazon", "MGM", "completed")),
    # a role of two organizations
    ("Elon Musk, the billionaire CEO of Tesla and SpaceX, said deliveries would rise.",
     ("LEADS", "Elon Musk", "SpaceX", None)),
    # a legal suffix's full stop ends no sentence before a role; roles listed
    ("Apple Inc. CEO Tim Cook said sales grew.", ("LEADS", "Tim Cook", "Apple", None)),
    ("General Motors Chairman and Chief Executive Mary Barra said sales grew.",
     ("LEADS", "Mary Barra", "General Motors", None)),
    # a possessive without "s"
    ("General Motors' CEO Mary Barra spoke on Monday.",
     ("LEADS", "Mary Barra", "General Motors", None)),
    # replaced in a clause joined to the one leaving's, or "with" the successor
    ("Sony CEO Kazuo Hirai is stepping down and will be replaced by Kenichiro Yoshida.",
     ("LEADS", "Kenichiro Yoshida", "Sony", None)),
    ("Danone CEO Emmanuel Faber said he would be replaced with Gilles Schnepp.",
     ("LEADS", "Gilles Schnepp", None, None)),  # the story's organization
    # the board of an organization ousts or names for it
    ("The board of Danone voted to oust Emmanuel Faber as chairman.",
     ("LEADS", "Emmanuel Faber", "Danone", None)),
    # a title between the role and the name
    ("BP chairman Sir John Browne said profits rose.", ("LEADS", "John Browne", "BP", None)),
    ("AMD chief executive Dr. Lisa Su spoke.", ("LEADS", "Lisa Su", "AMD", None)),
    # the partnership of two named together in a possessive; a sponsorship signed
    ("Apple and IBM's partnership will create business apps.",
     ("PARTNERS_WITH", "Apple", "IBM", None)),
    ("FC Barcelona signed a shirt sponsorship with Rakuten.",
     ("PARTNERS_WITH", "FC Barcelona", "Rakuten", None)),
    # investors or partners listed; money pumped or sunk into a company
    ("Anthropic's investors include Google and Salesforce.",
     ("INVESTS_IN", "Salesforce", "Anthropic", None)),
    ("Anthropic, whose backers include Google and Salesforce, raised more money.",
     ("INVESTS_IN", "Google", "Anthropic", None)),
    ("Formula 1's partners include Rolex and Heineken.",
     ("PARTNERS_WITH", "Heineken", "Formula 1", None)),
    ("Microsoft pumps $1 billion into OpenAI", ("INVESTS_IN", "Microsoft", "OpenAI", None)),
    ("SoftBank sank $18 billion into WeWork.", ("INVESTS_IN", "SoftBank", "WeWork", None)),
    # "it" and "its": the organization before it
    ("It is Exxon's biggest deal since its $81 billion purchase of Mobil Oil in 1998.",
     ("ACQUIRES", "Exxon", "Mobil Oil", None)),
    ("It is Amazon's largest deal after it bought supermarket chain Whole Foods Market.",
     ("ACQUIRES", "Amazon", "Whole Foods Market", "completed")),
    # ... and with none, the one its story is about (the graph's "company reference")
    ("It has sued Google and Apple over their app stores.", ("SUES", "It", "Google", None)),
    # a verb with a hyphened prefix
    ("Jack Dorsey co-founded Twitter with Noah Glass and Evan Williams in 2006.",
     ("LEADS", "Evan Williams", "Twitter", None)),
    ("OpenAI was co-founded by Sam Altman and Elon Musk.",
     ("LEADS", "Elon Musk", "OpenAI", None)),
    ("Vodafone re-appointed Nick Read as chief executive.",
     ("LEADS", "Nick Read", "Vodafone", None)),
    # a relative pronoun stands for the name its clause is of
    ("Instagram, which was acquired by Facebook in 2012, is growing.",
     ("ACQUIRES", "Facebook", "Instagram", "completed")),
    ("OneWeb, which is led by Greg Wyler, raised money.", ("LEADS", "Greg Wyler", "OneWeb", None)),
    # a noun frame in the passive, whose agent is the source
    ("A record fine imposed on Amazon by the National Data Protection Commission has come "
     "into force.", ("FINES", "Data Protection Commission", "Amazon", None)),
    ("A lawsuit was filed against Google by Epic Games.", ("SUES", "Epic Games", "Google", None)),
    # a partner, sponsor or investor one becomes, or is chosen as
    ("Rakuten became the main shirt sponsor of FC Barcelona.",
     ("PARTNERS_WITH", "Rakuten", "FC Barcelona", None)),
    ("Stellantis chose Samsung SDI as its battery partner.",
     ("PARTNERS_WITH", "Samsung SDI", "Stellantis", None)),
    ("BMW selected Intel and Mobileye as partners for autonomous driving.",
     ("PARTNERS_WITH", "Mobileye", "BMW", None)),
    # the name before a relation noun is its other end, after a possessive or before "by"
    ("Microsoft's Activision takeover cleared by regulators",
     ("ACQUIRES", "Microsoft", "Activision", None)),
    ("The Activision acquisition by Microsoft closed on Friday.",
     ("ACQUIRES", "Microsoft", "Activision", "completed")),
    ("Microsoft's OpenAI investment paid off.", ("INVESTS_IN", "Microsoft", "OpenAI", None)),
    # a deal blocked by another than its buyer
    ("The CMA blocked Microsoft's acquisition of Activision Blizzard.",
     ("ACQUIRES", "Microsoft", "Activision Blizzard", "blocked")),
    # regulators named by the organization they are of, or by an adjective
    ("EU regulators fined Google €2.4 billion.", ("FINES", "EU", "Google", None)),
    ("European regulators fined Google €2.4 billion.", ("FINES", None, "Google", None)),
    # a penalty paid that names who imposed it
    ("Facebook will pay a $5 billion FTC fine.", ("FINES", "FTC", "Facebook", None)),
    # a lawsuit brought "by" another is against the one who wins, loses or fights it
    ("Google lost a lawsuit filed by Epic Games.", ("SUES", "Epic Games", "Google", None)),
    ("Meta won a lawsuit brought by the FTC.", ("SUES", "FTC", "Meta", None)),
    # a lawsuit or trial won, lost or settled is its subject's
    ("Epic Games won its antitrust trial against Google.",
     ("SUES", "Epic Games", "Google", None)),
    ("Oracle lost its copyright case against Google.", ("SUES", "Oracle", "Google", None)),
    # backed in the passive
    ("Rivian is backed by Amazon.", ("INVESTS_IN", "Amazon", "Rivian", None)),
    # investors that take part in a round invest in the company that raises it
    ("Mistral AI raised €600 million in a round that included Nvidia and Salesforce.",
     ("INVESTS_IN", "Salesforce", "Mistral AI", None)),
    # ... the round of the company the story is about, where the sentence names none
    ("Nvidia also participated in the round.", ("INVESTS_IN", "Nvidia", "the round", None)),
    ("Thrive Capital, an existing investor, also joined the round.",
     ("INVESTS_IN", "Thrive Capital", "the round", None)),
    ("Other investors in the round include Nvidia and Salesforce.",
     ("INVESTS_IN", "Nvidia", "the round", None)),
    ("The round was led by Andreessen Horowitz, with participation from Sequoia and Accel.",
     ("INVESTS_IN", "Accel", "The round", None)),
    # a sentence naming one entity and "the startup" is read
    ("Google will invest up to $2 billion in the startup.",
     ("INVESTS_IN", "Google", "the startup", None)),
    # a partnership said of the name before it
    ("Tata Group in partnership with Airbus will deliver 56 C-295 military aircraft.",
     ("PARTNERS_WITH", "Tata Group", "Airbus", None)),
    # the chair of an organization's board
    ("Mary Barra was elected chair of General Motors' board.",
     ("LEADS", "Mary Barra", "General Motors", None)),
    ("Mary Barra was elected chair of the board of General Motors.",
     ("LEADS", "Mary Barra", "General Motors", None)),
    # parties listed as those sued: the story's plaintiff sues them
    ("Those sued include Smith & Wesson and Glock.", ("SUES", None, "Smith & Wesson", None)),
    # a role that is the purpose of what its subject did
    ("Akinwumi Adesina won an election on Thursday to be the new president of the African "
     "Development Bank.", ("LEADS", "Akinwumi Adesina", "the African Development Bank", None)),
    # at the helm; a role taken up on returning "to" an organization
    ("Jensen Huang has been at the helm of Nvidia since 1993.",
     ("LEADS", "Jensen Huang", "Nvidia", None)),
    ("Sam Altman returned to OpenAI as chief executive.",
     ("LEADS", "Sam Altman", "OpenAI", None)),
    # a person who takes over an organization leads it
    ("Andy Jassy took over Amazon in 2021.", ("LEADS", "Andy Jassy", "Amazon", None)),
    # a role of an organization given to the person before it
    ("Google co-founders step away, making Sundar Pichai Alphabet's CEO",
     ("LEADS", "Sundar Pichai", "Alphabet", None)),
    # a common noun given its name
    ("Apple invested in a company known as Didi.", ("INVESTS_IN", "Apple", "Didi", None)),
    ("Qualcomm invested in a satellite effort called OneWeb.",
     ("INVESTS_IN", "Qualcomm", "OneWeb", None)),
    # shares bought are a stake, however they are counted
    ("Berkshire Hathaway bought 10.8 million shares of Apple on Wednesday.",
     ("INVESTS_IN", "Berkshire Hathaway", "Apple", None)),
    ("Alibaba is purchasing a large amount of shares of Suning.",
     ("INVESTS_IN", "Alibaba", "Suning", None)),
    # a deal to buy, made or ended by the buyer (the small model reads the infinitive as a
    # relative clause of the deal, or hangs it on the verb)
    ("Geely has signed a deal to buy Volvo from Ford for $1.8bn.",
     ("ACQUIRES", "Geely", "Volvo", "announced")),
    ("Intel will terminate a $5.4 billion deal to acquire chip maker Tower Semiconductor.",
     ("ACQUIRES", "Intel", "Tower Semiconductor", "abandoned")),
    # a second name fined with its own amount, the verb left out
    ("The CNIL fined Google €150 million and Facebook €60 million.",
     ("FINES", "CNIL", "Facebook", None)),
    # money a regulator says someone pays
    ("The SEC also said former Boeing Chief Executive Dennis Muilenburg had agreed to pay "
     "$1 million.", ("FINES", "SEC", "Dennis Muilenburg", None)),
    # ... or, joined to another verb, says it pays to resolve its inquiries
    ("Drug giant GlaxoSmithKline will plead guilty and pay $3 billion to resolve federal "
     "inquiries, the Justice Department announced Monday.",
     ("FINES", "Justice Department", "GlaxoSmithKline", None)),
    # regulators in general: the regulator the story names
    ("Regulators fined Barclays, HSBC and Lloyds a combined £100m.",
     ("FINES", None, "HSBC", None)),
    # two that make something jointly
    ("Ford and Volkswagen will jointly develop electric vans.",
     ("PARTNERS_WITH", "Ford", "Volkswagen", None)),
    ("Sony will build cars together with Honda.", ("PARTNERS_WITH", "Sony", "Honda", None)),
    # money from someone, in a headline's shape or announced
    ("OpenAI secured funding from Microsoft and Nvidia.",
     ("INVESTS_IN", "Nvidia", "OpenAI", None)),
    ("OpenAI announced a $6.6 billion investment from Thrive Capital.",
     ("INVESTS_IN", "Thrive Capital", "OpenAI", None)),
    # a deal said to be of something other than a sale, in a headline's shape
    ("OpenAI and News Corp sign content deal", ("PARTNERS_WITH", "OpenAI", "News Corp", None)),
    # one that joins a lawsuit sues
    ("Texas joined a lawsuit against Google led by the Justice Department.",
     ("SUES", "Texas", "Google", None)),
    # control taken, or a majority stake bought, is an acquisition; a lesser stake an
    # investment
    ("Broadcom took control of VMware.", ("ACQUIRES", "Broadcom", "VMware", "completed")),
    ("Broadcom completed its purchase of a majority stake in VMware.",
     ("ACQUIRES", "Broadcom", "VMware", "completed")),
    ("Broadcom completed its purchase of a 10% stake in VMware.",
     ("INVESTS_IN", "Broadcom", "VMware", None)),
    # a possessive investment, whatever the parser makes of the verb after it; one that
    # invests alongside another
    ("Toyota's $500 million investment in Uber values the company at $72 billion.",
     ("INVESTS_IN", "Toyota", "Uber", None)),
    ("Toyota invested alongside SoftBank in Uber.", ("INVESTS_IN", "SoftBank", "Uber", None)),
    # a leader's role, whatever words bring its organization
    ("Bob Iger, a co-founder of Disney, said sales rose.", ("LEADS", "Bob Iger", "Disney", None)),
    ("Jack Dorsey, CEO of both Twitter and Square, said.",
     ("LEADS", "Jack Dorsey", "Twitter", None)),
    ("Elon Musk, chief executive of electric carmaker Tesla, said.",
     ("LEADS", "Elon Musk", "Tesla", None)),
    # the one given a stake holds it; a cooperation is a partnership
    ("The investment will give Alibaba a 19.99% stake in Suning.",
     ("INVESTS_IN", "Alibaba", "Suning", None)),
    ("Honda announced a cooperation with Nissan on software.",
     ("PARTNERS_WITH", "Honda", "Nissan", None)),
    # a deal its buyer walked away from
    ("The move is just weeks after Uber walked away from a deal to buy U.S. online food "
     "delivery company GrubHub.",
     ("ACQUIRES", "Uber", "GrubHub", "abandoned")),
    # a phrasal verb's first word takes no other word's form ("backing" stays a noun)
    ("Musk's xAI secures $6b backing from Andreessen, Sequoia, Tribe",
     ("INVESTS_IN", "Sequoia", "xAI", None)),
])
def test_the_rules_read_what_the_sentence_states(find, text, expected):
    assert expected in find(text)


@pytest.mark.parametrize("text", [
    "Google says it will not renew its contract with the Pentagon.",  # negated
    "Apple and Google both reported earnings on Thursday.",  # two names, no relation
    "Toshiba finance chief Jane Doe said sales fell.",  # a finance chief leads nothing
    "BAE Systems buys Ball Aerospace unit for $5.6 billion",  # the mention is cut short
    "Apple bought the Intel modem unit for $1 billion.",  # a part of Intel, not Intel
    "Fed governor Lisa Cook said rates would fall.",  # one of a board of governors
    "California governor Gavin Newsom signed the bill.",  # a state's governor
    "Walgreens sold its stake in Option Care to Carlyle.",  # a stake sold is no investment
    "Alphabet sold its stake in Uber.",  # ... in a headline's shape too
    "Anthropic's investors do not include Apple or Microsoft.",  # negated
    "Reuters said Pat Gelsinger would retire as chief executive.",  # a news agency reports
    "President Joe Biden praised the chip maker.",  # a title also held in government
    "A former CEO, Jane Roe, said the chip maker was doing well.",  # a CEO of something
    "Epic Games reached a settlement with Google.",  # no money: no penalty
    # a deal to merge two companies is no partnership
    "Fiat Chrysler and PSA Peugeot said their boards signed a binding deal to merge the two "
    "automakers.",
    "Elon Musk reached a $40 million settlement with the SEC.",  # a person fines nobody so
    "Meta will pay $725 million for the Cambridge Analytica case.",  # no company bought
    "Nike hired Elliott Hill to lead its running division.",  # a division is no company
    "The deal between Microsoft and Activision Blizzard was blocked.",  # a deal may be a sale
    "Moderna accused Pfizer of copying its technology.",  # an accusation is no lawsuit
    "Goldman Sachs agreed to pay $200 million to Apple.",  # a payment is no penalty
    "Fiat Chrysler and Peugeot signed a deal to merge.",  # a merger is no partnership
    "The FCA fined £72m from banks last year.",  # a regulator's fines fine nobody named
    "Harry Kane replaced Jude Bellingham in the 60th minute.",  # no leader's text
    "Apple vs. Samsung is the rivalry of the decade.",  # no lawsuit
    "Harry Kane replaced Jude Bellingham at Real Madrid in the 60th minute.",
    "The CEO left. Harry Kane replaced Jude Bellingham as finance chief.",  # another role
    "Apple director Jane Smith sold shares.",  # a company's director sits on its board
    # more than two that launch something together are a coalition, not partnerships
    "Six food companies, including Nestlé, Danone, General Mills and Lactalis, have launched "
    "an alliance to cut methane.",
    # a court does not sue
    "The Federal Court heard the case. Qantas was sued by the court.",
    # a plea deal or a merger agreement is no partnership; a name before a company noun
    # is not the one sued
    "Boeing signs plea deal with Justice Department",
    "Disney signs merger agreement with Comcast",
    "Nintendo files lawsuit against Palworld developer",
    "Microsoft and OpenAI report earnings",  # no verb of partnership
    "Apple sold to customers in Germany.",  # sold to no company
    "Fiat merged with PSA to form Stellantis.",  # a merger of equals: no one acquires
    "Fiat entered into a deal with PSA to merge.",  # a merger deal, entered into
    # money from someone that is no investment: a penalty, a loan
    "The FTC secured a $275 million penalty from Epic Games.",
    "Tesla secured a $500 million loan from JPMorgan.",
    "Fiat and PSA form alliance to merge",  # a merger is no partnership
    "Microsoft is not an investor in Anthropic.",  # denied
    "Apple chose TSMC as the sole supplier.",  # a supplier is no partner
    "Nvidia did not participate in the round.",  # denied
    # a settlement reached with a regulator, a plea deal: no partnership
    "Apple reached an agreement with the European Commission over its App Store.",
    "Boeing reached a deal with the Justice Department to plead guilty.",
    # the one that blocks a deal buys nothing
    "The FTC blocked the acquisition of Figma.",
    "FTC blocks acquisition of Figma",
    "Alice Smith joined the round as an angel.",  # a person is no investing company
    # who blocks, rejects or advises on a deal to buy is no buyer
    "The European Commission blocked a deal to buy Volvo.",
    "Unilever rejected an offer to buy Volvo.",
    "Goldman Sachs advised on a deal to buy Volvo.",
    "Apple bought back shares of its own stock.",  # a buyback
    "Berkshire Hathaway sold shares of Apple.",  # shares sold
    "Reliance signed a deal to buy Disney's India business.",  # a business in a place
    "Apple said Google would pay $20 billion for search placement.",  # no regulator says so
    "Apple and Google together control 99% of the market.",  # together, but making nothing
    "Apple, Google and Microsoft jointly developed the standard.",  # a coalition
    # a function's chief, one of many, the head of a part: no leader of the company
    "Sabih Khan, Apple's chief supply chain officer, said sales rose.",
    "Lisa Monaco, the chief of staff at Microsoft, said sales rose.",
    "Lisa Monaco, a managing director at Goldman Sachs, said rates would rise.",
    "Kent Walker, Google's president of global affairs, said sales rose.",
    "Fiat Chrysler and Peugeot sign deal for 50-50 merger",  # a merger is no partnership
    "The Taliban took control of Kabul.",  # control of a place
])
def test_no_relation_where_the_sentence_states_none(find, text):
    found = find(text)
    assert not found, found


def test_an_agreement_to_pay_a_penalty_is_a_settlement_not_a_partnership(find):
    found = find("CBA has reached an agreement with AUSTRAC to pay a $700 million penalty.")
    assert ("FINES", None, "CBA", None) in found, found  # the story's regulator fines
    assert not [r for r in found if r[0] == "PARTNERS_WITH"], found


def test_a_mention_resolves_to_an_entity_by_whole_words_only():
    from extract.resolve import Resolved
    from graph.tables import _entity_at

    text = "India and the Indian Air Force"
    force = Resolved("Indian Air Force", m.ORGANIZATION, "the Indian Air Force", "excerpt")
    kinds = frozenset({m.ORGANIZATION})
    assert _entity_at(text, "excerpt", (0, 5), [force], kinds) is None  # "India"
    # a part of the surface, at its start, is still found ("US Federal Trade Commission")
    ftc = Resolved("Federal Trade Commission", m.ORGANIZATION, "Federal Trade Commission",
                   "excerpt")
    assert _entity_at("US Federal Trade Commission", "excerpt", (0, 27), [ftc], kinds) == ftc
    assert _entity_at("Federal Trade Commission staff", "excerpt", (0, 30), [ftc],
                      kinds) == ftc


def test_the_one_that_blocks_a_deal_is_no_buyer(find):
    found = find("The CMA blocked Microsoft's acquisition of Activision Blizzard.")
    assert found == {("ACQUIRES", "Microsoft", "Activision Blizzard", "blocked")}, found


def test_investors_who_provide_funds_or_join_a_round_invest_in_its_company(find):
    found = find("The new funds were provided by existing investors, including Sequoia and "
                 "Silver Lake.")
    assert ("INVESTS_IN", "Sequoia", "The new funds", None) in found, found
    found = find("New investors joining the round include Canada Pension Plan Investment "
                 "Board.")
    assert ("INVESTS_IN", "Canada Pension Plan Investment Board", "the round", None) in found, \
        found
    # a round led jointly, and the investors a passive round is joined by
    found = find("QED Investors and Tiger Global have co-led the new round.")
    assert ("INVESTS_IN", "Tiger Global", "the new round", None) in found, found
    found = find("The Series A fundraising is led by Zoo Capital and joined by BAI Capital, "
                 "the firm said.")
    assert ("INVESTS_IN", "BAI Capital", "The Series A fundraising", None) in found, found
    assert ("INVESTS_IN", "Zoo Capital", "The Series A fundraising", None) in found, found
    # other investors, or its own, are the story's company's
    found = find("Other investors include Alta Park Capital and Whale Rock.")
    assert ("INVESTS_IN", "Whale Rock", "Other investors", None) in found, found
    found = find("Other investors include Omidyar Network along with existing backers Spark "
                 "Capital and Learn Capital.")
    assert ("INVESTS_IN", "Learn Capital", "Other investors", None) in found, found
    assert not find("Investors include Alta Park Capital and Whale Rock.")  # whose?
    assert not find("The data were provided by Sequoia and Accel.")  # no money
    assert not find("The financing was provided by JPMorgan and Goldman Sachs.")  # a loan


def test_the_company_money_goes_through_invests_too(find):
    found = find("Warren Buffett is to invest $5 billion in Goldman Sachs Group Inc through "
                 "the Berkshire Hathaway group.")
    assert ("INVESTS_IN", "Berkshire Hathaway", "Goldman Sachs", None) in found, found
    # (not into "the company", which would be read as the one named before it)
    found = find("SoftBank is also investing in the company through its Vision Fund.")
    assert not [r for r in found if r[1] == "Vision Fund"], found


def test_a_bid_for_an_owners_company_is_for_that_company(find):
    found = find("Comcast's bid for Disney's Sky unit failed.")
    assert not [r for r in found if r[2] == "Disney"], found
    assert ("ACQUIRES", "Comcast", "Sky", None) in found, found


def test_every_name_of_a_list_is_a_party(find):
    # a list that lost a comma, the names before the last parsed as its modifiers
    found = find("The FHFA filed suit against Bank of America, Barclays, Citigroup Credit "
                 "Suisse and Deutsche Bank.")
    assert ("SUES", "FHFA", "Credit Suisse", None) in found, found
    # ... or listed "among them"
    found = find("The FHFA sued 17 financial institutions, among them Bank of America, "
                 "Barclays and Citigroup.")
    assert ("SUES", "FHFA", "Barclays", None) in found, found
    # (not a name NER cut before its legal suffix: "Siemens" + "AG" is one party)
    found = find("Nokia and Siemens AG said on Monday they would jointly develop network "
                 "tools.")
    assert [r for r in found if r[0] == "PARTNERS_WITH" and r[1] == "Nokia"], found
    # the ones a lawsuit names, listed: sued by the story's plaintiff
    found = find("The banks named in the suits include Ally Financial and Barclays.")
    assert ("SUES", None, "Barclays", None) in found, found
    assert not find("The banks named in the report include Barclays and Citigroup.")
    # a list hung on an apposition of its first name: the apposition is a member too
    found = find("The defendants are Ally Financial, Bank of America, Barclays and Citigroup.")
    assert ("SUES", None, "Bank of America", None) in found, found


def test_fines_read_from_who_orders_resolves_or_is_named(find):
    found = find("In 2009 the EU fined Intel 1.06 billion euros.")
    assert found == {("FINES", "EU", "Intel", None)}, found  # not the EU fined
    found = find("The ACCC said the Federal Court had ordered Qantas to pay $100 million in "
                 "penalties.")
    assert found == {("FINES", "the Federal Court", "Qantas", None)}, found  # who orders
    # a fine the parser hangs on the verb after a misread object ("a record/dobj ...
    # fine/npadvmod")
    found = find("Meta was handed a record €1.2 billion fine by the Irish Data Protection "
                 "Commission.")
    assert ("FINES", "Irish Data Protection Commission", "Meta", None) in found, found
    # settling with a regulator, paying money (both ways: the graph keeps the regulator's)
    found = find("Barclays settled with the FCA, paying £72 million.")
    assert ("FINES", "FCA", "Barclays", None) in found, found
    # a price a regulator reports is no penalty
    for text in ("The FTC said Microsoft would pay $69 billion for Activision.",
                 "The FTC said Microsoft would buy Activision and pay $69 billion."):
        found = find(text)
        assert not [r for r in found if r[0] == "FINES"], (text, found)
    found = find("Wells Fargo agreed to pay $3 billion to resolve criminal and civil "
                 "investigations by the Justice Department and the SEC.")
    assert {("FINES", "Justice Department", "Wells Fargo", None),
            ("FINES", "SEC", "Wells Fargo", None)} <= found, found


def test_verbs_of_a_frame_that_needs_its_noun_start_no_parse():
    # (every trigger word sends more sentences to the parser: "announced" alone would
    # add 7 % of the parses of a synthetic corpus, for nothing the noun does not start)
    from extract.relations import trigger_words

    words = trigger_words()
    assert {"announced", "closed", "unveiled"}.isdisjoint(words)
    assert {"investment", "round", "funding", "raised"} <= words


def test_money_in_a_companys_division_is_not_in_the_company(find):
    found = find("SoftBank will invest $2.25 billion in General Motors self-driving car "
                 "division, Cruise.")
    assert not [r for r in found if r[2] == "General Motors"], found


def test_two_that_join_something_are_no_partners(find):
    found = find("Microsoft and Nvidia joined the round.")
    assert not [r for r in found if r[0] == "PARTNERS_WITH"], found
    assert ("PARTNERS_WITH", "Honda", "Nissan", None) in find("Honda and Nissan joined forces.")


def test_a_fine_received_is_no_investment(find):
    # the small model reads "£3m/CD fine/JJ": money from someone, but a fine
    found = find("Vodafone gets £3m fine from Ofcom")
    assert not any(kind == "INVESTS_IN" for kind, *_ in found), found


def test_a_fields_chief_leads_no_organization(find):
    assert not find("The deal would have created a monopoly, EU antitrust chief Margrethe "
                    "Vestager said.")
    assert ("LEADS", "Pat Gelsinger", "Intel", None) in find("Intel chief Pat Gelsinger said so.")


def test_its_role_in_apposition_to_an_organization_is_that_organizations(find):
    found = find("Regulator SEBI on Friday imposed penalties on Reliance Industries Ltd, its "
                 "Chairman and Managing Director Mukesh Ambani as well as two other entities.")
    assert ("LEADS", "Mukesh Ambani", "Reliance Industries", None) in found, found
    assert ("LEADS", "Mukesh Ambani", "SEBI", None) not in found, found


def test_a_role_named_of_another_in_a_headline_is_not_the_namers(find):
    found = find("Google names Sundar Pichai CEO of Alphabet")
    assert ("LEADS", "Sundar Pichai", "Google", None) not in found


@pytest.mark.parametrize("text, name, relation", [
    ("Vishal Sikka resigns as Infosys CEO & MD", "Vishal Sikka",
     ("LEADS", "Vishal Sikka", "Infosys", None)),
    ("Nissan has tapped the head of its China business, Makoto Uchida, as its new "
     "president and chief executive.", "Makoto Uchida", None),
    ("CEO and managing director of India’s second largest software export firm Infosys, "
     "Vishal Sikka, has resigned.", "Vishal Sikka", None),
    # a name that retires, resigns or steps down
    ("Equinor will name a new CEO in November, when Eldar Saetre retires.", "Eldar Saetre",
     None),
])
def test_a_name_that_holds_a_leaders_role_is_a_person(nlp_for_relations, find, text, name,
                                                      relation):
    # The small model types these names as a place or an organization.
    from extract.ner import mentions_from_doc
    from extract.relations import relations_of_texts

    mentions = mentions_from_doc(nlp_for_relations(text), "excerpt")
    relations_of_texts(nlp_for_relations, [(text, "excerpt", mentions)])
    kinds = {m.text: m.kind for m in mentions}
    assert kinds[name] == m.PERSON
    assert all(kind != m.PERSON for other, kind in kinds.items() if other != name)
    if relation is not None:
        assert relation in find(text)


def test_a_dateline_and_a_place_of_filing_take_no_part(find):
    found = find("SAN FRANCISCO (Reuters) - Alphabet's Waymo unit sued Uber Technologies "
                 "and its trucking subsidiary Otto in federal court on Thursday.")
    assert not [r for r in found if r[1] in ("SAN FRANCISCO", "Reuters")], found
    found = find("New York, November 20 - General Motors on Wednesday sued Fiat Chrysler "
                 "Automobiles alleging corruption.")
    assert not [r for r in found if r[1] == "New York"], found
    found = find("Twitter has filed a lawsuit in Delaware suing Tesla CEO Elon Musk.")
    assert ("SUES", "Twitter", "Elon Musk", None) in found
    assert not [r for r in found if r[1] == "Delaware"], found


def test_sentences_end_at_full_stops_but_not_after_abbreviations():
    text = ("The U.S. Department of Justice sued Apple. Chevron will buy Hess Corp. It "
            "follows Exxon. Ford Motor Co. Chairman Bill Ford spoke. Beretta U.S.A. Corp. and "
            "Glock were sued.")
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "The U.S. Department of Justice sued Apple.", "Chevron will buy Hess Corp.",
        "It follows Exxon.", "Ford Motor Co. Chairman Bill Ford spoke.",
        "Beretta U.S.A. Corp. and Glock were sued."]


def test_a_relation_round_trips_as_a_list():
    r = Relation("ACQUIRES", "title", (0, 6), (17, 23), (0, 40), "announced")
    assert Relation.from_list(r.to_list()) == r
    with pytest.raises(ValueError):
        Relation.from_list(["BUYS", "title", 0, 1, 2, 3, 0, 4, None])
    story = Relation("LEADS", "excerpt", (4, 12), None, (0, 40))  # the story's organization
    assert Relation.from_list(story.to_list()) == story
    with pytest.raises(ValueError):  # only a leader belongs to the story's organization
        Relation.from_list(["FINES", "title", 0, 1, None, None, 0, 4, None])
    plaintiff = Relation("SUES", "title", (0, 6), None, (0, 40))  # defendants unnamed
    assert Relation.from_list(plaintiff.to_list()) == plaintiff
    fined = Relation("FINES", "title", None, (20, 26), (0, 40))  # the story's regulator
    assert Relation.from_list(fined.to_list()) == fined
    with pytest.raises(ValueError):  # only a regulator stands for "the watchdog"
        Relation.from_list(["ACQUIRES", "title", None, None, 0, 1, 0, 4, None])
    pair = Relation("PARTNERS_WITH", "excerpt", None, None, (0, 40))  # "the two companies"
    assert Relation.from_list(pair.to_list()) == pair
    with pytest.raises(ValueError):  # both ends or neither
        Relation.from_list(["PARTNERS_WITH", "title", None, None, 0, 1, 0, 4, None])


# -- in the graph ---------------------------------------------------------------------------
def write_story(folder: Path, name: str, title: str, excerpt: str) -> None:
    """A story file of one title and excerpt in ``folder``."""
    (folder / f"{name}.md").write_text(
        f'---\ntitle: "{title}"\nexcerpt: "{excerpt}"\n'
        f'webUrl: "https://example.com/{name}"\n---\n', encoding="utf-8")


def relations_of(G: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict]:
    return {(a, k, b): d for a, b, k, d in G.edges(keys=True, data=True)
            if k in m.RELATION_KINDS}


def story_relations(folder: Path, title: str, excerpt: str) -> dict[tuple[str, str, str], dict]:
    """The relation edges of the graph built from one story of ``title`` and ``excerpt``."""
    from graph.build import build

    write_story(folder, "one", title, excerpt)
    return relations_of(build([folder], out_dir=None).graph)


def test_relations_are_edges_between_resolved_entities(relations_build):
    G = relations_build.graph
    found = relations_of(G)
    deal = found[("organization:Pfizer", "ACQUIRES", "organization:Seagen")]
    assert deal["kind"] == "ACQUIRES" and deal["status"] == "announced"
    assert deal["articles"] == 2 and len({e["article"] for e in deal["evidence"]}) == 2
    assert all(e["article"] in G and G.nodes[e["article"]]["kind"] == m.ARTICLE
               for e in deal["evidence"])
    assert any("Seagen" in e["text"] for e in deal["evidence"])
    assert deal["first_seen"] <= deal["last_seen"]
    assert ("organization:Nvidia", "ACQUIRES", "organization:Arm") in found
    assert found[("organization:Nvidia", "ACQUIRES", "organization:Arm")]["status"] == "abandoned"
    assert ("person:Albert Bourla", "LEADS", "organization:Pfizer") in found
    assert ("organization:Financial Conduct Authority", "FINES",
            "organization:Sonali Bank") in found
    # undirected: stored once, from the smaller id
    partners = [(a, b) for a, k, b in found if k == "PARTNERS_WITH"]
    assert partners == [("organization:TikTok", "organization:Universal Music")]
    # every end is an entity of the kinds its type allows
    for (a, kind, b) in found:
        assert G.nodes[a]["kind"] in (m.ORGANIZATION, m.PERSON, m.PLACE)
        if kind == "LEADS":
            assert G.nodes[a]["kind"] == m.PERSON and G.nodes[b]["kind"] == m.ORGANIZATION


def test_a_role_without_its_organization_leads_the_story_s_only_one(tmp_path):
    from graph.build import build

    story = functools.partial(write_story, tmp_path)

    story("one", "Spotify to cut 6% of its staff",
          "LONDON (Reuters) - Spotify is cutting 1,500 jobs. "
          "CEO Daniel Ek said the company had grown too fast.")
    story("two", "Apple and Netflix slow their hiring",
          "Apple and Netflix said they would hire fewer engineers. "
          "CEO Jane Roe said the market had turned.")
    story("three", "Intel and Nvidia shares fall",
          "Shares of Nvidia fell. Intel shares rose as Pat Gelsinger took over as CEO, "
          "replacing Bob Swan.")
    story("four", "Tesco shares rise on the news of its new boss",
          "Ken Murphy left Walgreens Boots Alliance last year to join Tesco. "
          "The new CEO Ken Murphy was picked by the board.")
    story("five", "Vaccine makers race ahead",
          "AstraZeneca will make the vaccine developed by Oxford University. "
          "The company's chief executive, Pascal Soriot, said the need was urgent.")
    found = relations_of(build([tmp_path], out_dir=None).graph)
    # a company's role is no university's
    assert ("person:Pascal Soriot", "LEADS", "organization:AstraZeneca") in found
    # the excerpt names two; the headline says which one the story is about
    assert ("person:Ken Murphy", "LEADS", "organization:Tesco") in found
    assert [key for key in found if key[0] == "person:Ken Murphy"] == [
        ("person:Ken Murphy", "LEADS", "organization:Tesco")]
    # one organization (Reuters is only the dateline's source): its CEO leads it
    assert ("person:Daniel Ek", "LEADS", "organization:Spotify") in found
    # two organizations: the role could be either's, and is neither's
    assert not [key for key in found if key[0] == "person:Jane Roe"], found
    # the sentence names one of the story's two: the successor's and the predecessor's
    assert {("person:Pat Gelsinger", "LEADS", "organization:Intel"),
            ("person:Bob Swan", "LEADS", "organization:Intel")} <= set(found), found


def test_a_predecessor_leads_what_their_successor_in_the_same_sentence_leads(tmp_path):
    from graph.build import build

    story = functools.partial(write_story, tmp_path)
    # two companies in the headline: the role's is the one its successor is named to lead
    story("one", "Barclays names Jane Fraser chief executive after Credit Suisse deal",
          "Barclays said it had named Jane Fraser chief executive of the bank after its deal "
          "with Credit Suisse. "
          "Fraser will replace outgoing CEO John Doe, who will stay as an adviser.")
    # a role in a sentence that names no other leader: none of the story's
    # "he", the leader the sentence before names, is replaced
    story("three", "Burberry replaces CEO after disappointing results",
          "British fashion label Burberry announced the departure of chief executive "
          "Jonathan Akeroyd. He is being replaced by Joshua Schulman, who has headed "
          "fashion brands Michael Kors and Coach, Burberry said.")
    story("two", "Uber and Lyft raise new funds",
          "Uber and Lyft raised $3.5bn together. Outgoing CEO Ann Lee will join the "
          "board. Other board members include HuffPost co-founder Arianna Huffington.")
    found = relations_of(build([tmp_path], out_dir=None).graph)
    assert ("person:Jane Fraser", "LEADS", "organization:Barclays") in found, found
    assert ("person:John Doe", "LEADS", "organization:Barclays") in found, found
    assert ("person:Joshua Schulman", "LEADS", "organization:Burberry") in found, found
    assert not [k for k in found if k[0] == "person:Ann Lee"], found


def test_a_role_named_without_its_holder_is_the_story_s_only_persons(tmp_path, find):
    from graph.build import build

    assert ("LEADS", None, "Oxfam", None) in find(
        "Oxfam's chief executive is to stand down at the end of the year.")
    # the role of the verb's object, not one the sentence gives someone ("his dismissal")
    assert not [r for r in find("The SEC sought his dismissal as CEO of Tesla.")
                if r[0] == "LEADS"]

    story = functools.partial(write_story, tmp_path)

    story("one", "Oxfam chief steps down",
          "Oxfam's chief executive is to stand down. Mark Goldring took up the post in 2013.")
    story("two", "Boeing names new CEO",
          "Boeing has named a new chief. The board thanked Kelly Ortberg and Dave Calhoun.")
    # "she": the first person of the nearest sentence before that names any
    story("three", "Yahoo shake-up",
          "Marissa Mayer joined from Google, where Jane Roe worked. She was named chief "
          "executive of Yahoo in 2012. Analyst John Doe said the board was pleased.")
    found = relations_of(build([tmp_path], out_dir=None).graph)
    assert ("person:Mark Goldring", "LEADS", "organization:Oxfam") in found
    # two people: whose role it is the story does not say
    assert not [key for key in found if key[2] == "organization:Boeing"], found
    assert [key for key in found if key[2] == "organization:Yahoo"] == [
        ("person:Marissa Mayer", "LEADS", "organization:Yahoo")]


def test_defendants_named_without_their_plaintiff_are_sued_by_the_story_s(tmp_path, find):
    from graph.build import build

    assert {("SUES", None, "Shell", None), ("SUES", None, "BP", None)} <= find(
        "The complaint lists Shell and BP as defendants.")
    assert ("SUES", None, "Interstate Arms", None) in find(
        "It names as another defendant Interstate Arms, a Boston-area wholesaler.")
    assert {("SUES", None, "Shell", None), ("SUES", None, "BP", None)} <= find(
        "Shell and BP were also sued.")
    assert {("SUES", None, "Shell", None), ("SUES", None, "BP", None)} <= find(
        "Defendants include Shell and BP.")
    assert ("SUES", "Chicago", None, None) in find(
        "Six oil companies are facing a lawsuit from the city of Chicago.")

    story = functools.partial(write_story, tmp_path)

    story("one", "Oil giants targeted with climate lawsuit",
          "Six oil companies are facing a lawsuit from the city of Chicago. The complaint "
          "lists Shell, BP and Chevron as defendants.")
    # two plaintiffs: whose defendants they are the story does not say
    story("two", "Lawsuits pile up",
          "California sued Exxon Mobil. Microsoft sued ConocoPhillips. The complaints list "
          "Hess and Repsol as defendants.")
    found = relations_of(build([tmp_path], out_dir=None).graph)
    assert {("place:Chicago", "SUES", f"organization:{name}")
            for name in ("Shell", "BP", "Chevron")} <= set(found), found
    assert not [key for key in found if key[2] in ("organization:Hess", "organization:Repsol")]


def test_a_joint_venture_of_the_two_companies_is_of_the_two_the_story_is_about(tmp_path, find):
    from graph.build import build

    story = functools.partial(write_story, tmp_path)

    story("one", "Stellantis, Samsung SDI to build new battery plant in Indiana",
          "Stellantis and Samsung SDI will build a battery plant as the Chrysler parent "
          "ramps up its electric plans. The companies in October announced they were "
          "forming a joint venture for battery production in North America.")
    story("two", "Battery makers expand",
          "Panasonic, LG Energy Solution and CATL are building plants. The companies said "
          "they were forming a joint venture.")
    found = relations_of(build([tmp_path], out_dir=None).graph)
    assert ("organization:Samsung SDI", "PARTNERS_WITH", "organization:Stellantis") in found
    # three companies in the story, none in the headline: no pair to choose
    assert not [k for k in found if "LG Energy Solution" in k[0] + k[2]], found
    # a deal or an agreement of two companies is often a sale
    assert not find("The two companies signed an agreement on Monday.")


def test_the_company_is_the_one_its_headline_names_but_the_other_end(tmp_path, find):
    from graph.build import build

    story = functools.partial(write_story, tmp_path)

    story("one", "Workspace start-up WeWork gets $4.4 billion from SoftBank",
          "SoftBank is buying a stake in the company through its Vision Fund.")
    story("three", "Toyota gets $500 million from SoftBank",
          "SoftBank is investing in the carmaker through its Vision Fund.")
    story("two", "Apple and Google face new rules",
          "Microsoft is buying a stake in the company, Reuters reported.")
    # the company whose funding round it is
    story("four", "Mistral AI Secures €600 Million Funding to Challenge AI Giants",
          "This funding round, led by General Catalyst, underscores significant investor "
          "confidence in Mistral as a promising European rival.")
    # "the X-backed start-up"
    story("five", "OpenAI co-founder Ilya Sutskever says he will leave",
          "Ilya Sutskever said that he is leaving the Nvidia-backed startup.")
    # investors in "the round", in a sentence that names no other company
    story("six", "Anthropic raises $4 billion in new funding",
          "Nvidia also participated in the round.")
    # the company its own sentence names before it, where the headline names two
    story("seven", "Tesla sues Rivian over trade secrets",
          "Tesla sued Rivian on Friday, and the Amazon-backed startup said it would fight "
          "the claims.")
    # "the round" of a headline's one company, where the sentence makes it an investor
    story("eight", "Tiger Global bets on a lender",
          "The round is led by Zoo Capital and joined by Tiger Global, the firm said.")
    found = relations_of(build([tmp_path], out_dir=None).graph)
    assert not [k for k in found if k[2] == "organization:Tiger Global"], found
    assert ("organization:Nvidia", "INVESTS_IN", "organization:Anthropic") in found, found
    assert ("organization:Amazon", "INVESTS_IN", "organization:Rivian") in found, found
    assert ("organization:Nvidia", "INVESTS_IN", "organization:OpenAI") in found, found
    assert ("organization:SoftBank", "INVESTS_IN", "organization:WeWork") in found, found
    assert ("organization:SoftBank", "INVESTS_IN", "organization:Toyota") in found, found
    assert ("organization:General Catalyst", "INVESTS_IN", "organization:Mistral AI") in found, \
        found
    # a headline of two others: "the company" could be either
    assert not [k for k in found if k[0] == "organization:Microsoft"], found
    # another company: the parent, a rival, one of two
    for text in ("SoftBank bought a stake in the parent company, its Vision Fund said.",
                 "SoftBank sued the rival firm, its Vision Fund said.",
                 "SoftBank invested in the two companies, its Vision Fund said."):
        # (a plaintiff without a defendant named is no edge)
        assert not {r for r in find(text) if r[1] == "SoftBank" and r[2] is not None}, text


def test_the_company_of_a_headline_that_names_none_is_the_one_the_excerpt_opens_with(
        tmp_path):
    from graph.build import build

    story = functools.partial(write_story, tmp_path)
    story("one", "A payments provider raises new funding",
          "Uber, a ride-hailing company, said Wednesday that it had raised new funds. The "
          "startup raised $6.5 billion from investors including Andreessen Horowitz and "
          "Thrive Capital.")
    # the excerpt opens with no name: the story has two, and the startup could be either
    story("two", "A payments provider raises new funding",
          "On Wednesday Lyft and Uber said they had raised new funds. The startup raised "
          "$1 billion from investors including Founders Fund.")
    # a headline of two: the one the excerpt opens with, if it is one of them
    story("three", "Microsoft completes purchase of Nuance",
          "Microsoft has completed the acquisition of Nuance Communications. The corporation "
          "is still waiting to finalize its purchase of Activision Blizzard.")
    found = relations_of(build([tmp_path], out_dir=None).graph)
    assert ("organization:Microsoft", "ACQUIRES", "organization:Activision Blizzard") in found, \
        found
    assert ("organization:Andreessen Horowitz", "INVESTS_IN", "organization:Uber") in found, \
        found
    assert ("organization:Thrive Capital", "INVESTS_IN", "organization:Uber") in found, found
    assert not [k for k in found if k[0] == "organization:Founders Fund"], found


def test_the_watchdog_or_an_unnamed_fine_of_a_title_is_its_storys_regulator(tmp_path):
    from graph.build import build

    (tmp_path / "fine.md").write_text(
        '---\ntitle: "Barclays has been fined £72m by the watchdog"\n'
        'excerpt: "The Financial Conduct Authority said Barclays had failed to minimise '
        'the risk of financial crime."\nwebUrl: "https://example.com/fine"\n---\n',
        encoding="utf-8")
    (tmp_path / "two.md").write_text(
        '---\ntitle: "HSBC has been fined £50m by the watchdog"\n'
        'excerpt: "The Financial Conduct Authority and the Prudential Regulation Authority '
        'said HSBC had failed its customers."\nwebUrl: "https://example.com/two"\n---\n',
        encoding="utf-8")
    # a fine without who imposed it, in a headline's passive
    (tmp_path / "passive.md").write_text(
        '---\ntitle: "British Airways fined £20m over data breach"\n'
        'excerpt: "The Information Commissioner\'s Office said the airline had failed to '
        'protect its customers."\nwebUrl: "https://example.com/passive"\n---\n',
        encoding="utf-8")
    found = relations_of(build([tmp_path], out_dir=None).graph)
    assert ("organization:Financial Conduct Authority", "FINES",
            "organization:Barclays") in found, found
    assert ("organization:Information Commissioner's Office", "FINES",
            "organization:British Airways") in found, found
    # a story that names two regulators: "the watchdog" could be either
    assert not [key for key in found if key[2] == "organization:HSBC"], found


def test_an_amount_in_millions_is_one_word_to_the_parser(tmp_path):
    from graph.build import build

    # "£3.3m" is split by the tokenizer into "£", "3.3", "m" (a metre, read as a verb)
    (tmp_path / "b18.md").write_text(
        '---\ntitle: "Bank and its money laundering reporting officer fined for failing to '
        'take heed of warnings"\nexcerpt: "A Bangladesh state-owned bank has been slapped '
        'with a multi-million pound fine by the Financial Conduct Authority (FCA) for '
        '\\"serious and systematic\\" anti-money laundering failings at its UK arm. The '
        'banking regulator fined Sonali Bank £3.3m, prevented it from accepting new '
        'deposits for five and a half months and imposed a penalty of £17,900 on the '
        'bank\'s former money laundering reporting officer, Steven Smith."\n'
        'webUrl: "https://example.com/b18"\n---\n', encoding="utf-8")
    found = relations_of(build([tmp_path], out_dir=None).graph)
    assert ("organization:Financial Conduct Authority", "FINES",
            "person:Steven Smith") in found, found


def test_report_counts_relations(relations_build):
    edges = relations_build.report["counts"]["edges"]
    G = relations_build.graph
    for kind in m.RELATION_KINDS:
        assert edges[kind] == sum(1 for *_, k in G.edges(keys=True) if k == kind)
    assert edges["ACQUIRES"] >= 5


def test_no_relations_skips_the_parser_and_the_edges(tmp_path, data_dir):
    from graph.build import _LOADED, build

    result = build([data_dir / "relations"], out_dir=None, relations=False,
                   cache=tmp_path / "c.sqlite3")
    assert not relations_of(result.graph)
    nlp = next(iter(_LOADED.values()))
    assert "parser" not in nlp.component_names  # not loaded at all
    # the same texts with relations are other cache entries: they are extracted again
    again = build([data_dir / "relations"], out_dir=None, cache=tmp_path / "c.sqlite3")
    assert again.report["extraction"]["cached"] == 0 and relations_of(again.graph)
    # with relations, only what the parse runs is loaded besides NER
    nlp = next(iter(_LOADED.values()))
    assert "parser" in nlp.component_names and not {"attribute_ruler", "lemmatizer"} & set(
        nlp.component_names)


def test_relations_come_from_the_cache_on_a_rebuild(tmp_path, data_dir, relations_build):
    from graph.build import build

    first = build([data_dir / "relations"], out_dir=None, cache=tmp_path / "c.sqlite3")
    second = build([data_dir / "relations"], out_dir=None, cache=tmp_path / "c.sqlite3")
    assert second.report["extraction"]["extracted"] == 0
    assert relations_of(second.graph) == relations_of(first.graph) \
        == relations_of(relations_build.graph)


def test_cli_build_no_relations_and_relations_listing(tmp_path, data_dir):
    runner = CliRunner()
    out = tmp_path / "o"
    result = runner.invoke(cli, ["build", str(data_dir / "relations"), "-o", str(out),
                                 "--no-cache"])
    assert result.exit_code == 0, result.output
    listing = runner.invoke(cli, ["relations", str(out / "graph.json"), "--type", "ACQUIRES"])
    assert listing.exit_code == 0, listing.output
    lines = listing.output.splitlines()
    assert lines[0].split()[:3] == ["source", "type", "target"]
    assert any(line.split()[:3] == ["Pfizer", "ACQUIRES", "Seagen"] for line in lines)
    assert not any(" LEADS " in line for line in lines)
    as_json = runner.invoke(cli, ["relations", str(out / "graph.json"), "--entity", "boeing",
                                  "--json"])
    rows = json.loads(as_json.output)
    assert rows and all("Boeing" in (r["source"], r["target"]) for r in rows)
    assert {r["type"] for r in rows} == {"LEADS"}
    wrong = runner.invoke(cli, ["relations", str(out / "graph.json"), "--entity", "Pfizzer"])
    assert wrong.exit_code == 1 and "did you mean 'Pfizer'" in wrong.output
    plain = tmp_path / "plain"
    result = runner.invoke(cli, ["build", str(data_dir / "relations"), "-o", str(plain),
                                 "--no-cache", "--no-relations"])
    assert result.exit_code == 0, result.output
    none = runner.invoke(cli, ["relations", str(plain / "graph.json")])
    assert none.exit_code == 0 and none.output.strip() == "no relations"


def test_relations_survive_json_graphml_and_gexf(tmp_path, relations_build):
    G = relations_build.graph
    want = relations_of(G)
    assert relations_of(read_json(relations_build.files["graph"])) == want
    write_graphml(G, tmp_path / "g.graphml")
    # GraphML holds no null: a relation with no dated article has no first_seen there
    assert relations_of(read_graphml(tmp_path / "g.graphml")) == {
        key: {k: v for k, v in attrs.items() if v is not None} for key, attrs in want.items()}
    write_gexf(G, tmp_path / "g.gexf")
    text = (tmp_path / "g.gexf").read_text(encoding="utf-8")
    assert "ACQUIRES" in text and "Seagen" in text


def test_eval_scores_relations_per_type(tmp_path, data_dir):
    import shutil

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("A17_pfizer-to-acquire-seagen-43-billion-marketscreener.md",
                 "C11_delta-sues-crowdstrike-global-outage-ndtv.md"):
        shutil.copy(data_dir / "relations" / name, corpus / name)
    (corpus / "gold.yaml").write_text(
        "A17_pfizer-to-acquire-seagen-43-billion-marketscreener.md:\n"
        "  organizations: [{name: Pfizer, mentions: [Pfizer]}, {name: Seagen, mentions: [Seagen Inc., Seagen]}]\n"
        "  people: [{name: Albert Bourla, mentions: [Albert Bourla]}]\n"
        "C11_delta-sues-crowdstrike-global-outage-ndtv.md:\n"
        "  organizations: [{name: Delta Air Lines, mentions: [Delta Air Lines, Delta]}, "
        "{name: CrowdStrike, mentions: [CrowdStrike]}]\n", encoding="utf-8")
    (corpus / "relations.yaml").write_text(
        "A17_pfizer-to-acquire-seagen-43-billion-marketscreener.md:\n"
        "  - {type: ACQUIRES, source: Pfizer, target: Seagen, status: announced}\n"
        "  - {type: LEADS, source: Albert Bourla, target: Pfizer}\n"
        "C11_delta-sues-crowdstrike-global-outage-ndtv.md:\n"
        "  - {type: SUES, source: CrowdStrike, target: Delta Air Lines}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    rel = json.loads(result.output)["relations"]
    assert rel["per_type"]["ACQUIRES"]["tp"] == 1 and rel["per_type"]["LEADS"]["tp"] == 1
    # the gold has the lawsuit the wrong way round: a miss and a wrong one
    assert rel["per_type"]["SUES"]["fp"] == 1 and rel["per_type"]["SUES"]["fn"] == 1
    assert rel["status"] == {"right": 1, "scored": 1}
    table = CliRunner().invoke(cli, ["eval", str(corpus)])
    assert "relations (2 stories)" in table.output and "ACQUIRES" in table.output
    bad = corpus / "relations.yaml"
    bad.write_text("A17_pfizer-to-acquire-seagen-43-billion-marketscreener.md:\n"
                   "  - {type: BUYS, source: Pfizer, target: Seagen}\n", encoding="utf-8")
    failed = CliRunner().invoke(cli, ["eval", str(corpus)])
    assert failed.exit_code == 1 and "BUYS" in failed.output and "ACQUIRES" in failed.output


def test_a_failing_relation_step_keeps_the_entities(tmp_path, data_dir, monkeypatch):
    import extract.relations as relations_module
    from graph.build import build

    def broken(self, doc):
        raise RuntimeError("rule bug")

    monkeypatch.setattr(relations_module.Rules, "find", broken)
    result = build([data_dir / "relations"], out_dir=None, cache=tmp_path / "c.sqlite3")
    failed = [n for n in result.report["notes"] if "relation extraction failed" in n["note"]]
    assert failed and all("RuntimeError: rule bug" in n["note"] for n in failed)
    assert "organization:Pfizer" in result.graph and not relations_of(result.graph)
    # not cached: a build with working rules extracts those texts again
    monkeypatch.undo()
    again = build([data_dir / "relations"], out_dir=None, cache=tmp_path / "c.sqlite3")
    assert again.report["extraction"]["extracted"] == len(failed)
    assert relations_of(again.graph)


def test_a_regulator_is_known_by_its_name_or_the_alias_table_s_other_names():
    from extract.relations import is_regulator

    assert is_regulator("Financial Conduct Authority")  # by a word of its name
    assert is_regulator("Ofcom") and is_regulator("CNIL")  # "Office of Communications"
    # a news agency, a ratings firm and a company are none
    assert not any(map(is_regulator, ["Xinhua", "Moody's", "Apple", "HBO"]))


def test_a_name_after_a_headlines_object_that_says_something_is_no_object(find):
    found = find("Chevron to acquire Hess, Exxon says")
    assert ("ACQUIRES", "Chevron", "Hess", "announced") in found
    assert not [r for r in found if r[2] == "Exxon"], found


def test_a_part_of_a_persons_name_read_as_an_organization_leads_nothing(tmp_path):
    from graph.build import build

    # (benchmarks/eval/dev4 K06, a real story, where NER reads "Della Valle" as a company)
    (tmp_path / "k06.md").write_text(
        '---\ntitle: "Vodafone appoints Margherita Della Valle as new chief executive"\n'
        'excerpt: "Vodafone has appointed interim chief executive Margherita Della Valle to '
        'the top role permanently, the company announced on Thursday. Della Valle was '
        'appointed as interim CEO in December after her predecessor Nick Read was ousted as '
        'the company struggled."\nwebUrl: "https://example.com/k06"\n---\n',
        encoding="utf-8")
    found = relations_of(build([tmp_path], out_dir=None).graph)
    assert ("person:Nick Read", "LEADS", "organization:Vodafone") in found, found
    assert not [key for key in found if key[2] == "organization:Della Valle"], found


def test_money_paid_in_fines_or_to_settle_a_charge_to_no_one_named(find):
    # the regulator its text names, else its story's (the graph's choice)
    assert ("FINES", None, "Tesla", None) in find(
        "Tesla will also pay $20 million to settle a charge that the company failed to have "
        "required disclosure controls in place.")
    assert ("FINES", None, "Qantas", None) in find(
        "Qantas will pay $120m in fines and compensation for offering tickets on ghost "
        "flights.")
    assert ("FINES", "SEC", "Tesla", None) in find(
        "The SEC said Tesla will pay $20 million to settle a charge.")
    # claims anyone brings; an order that names who fines
    assert not find("Meta will pay $725 million to settle claims that it let third parties "
                    "access data.")
    found = find("The Australian Federal Court has ordered Google to pay an A$60 million fine.")
    assert found == {("FINES", "The Australian Federal Court", "Google", None)}, found


def test_a_deal_to_buy_a_company_is_no_partnership(find):
    # (the purchase itself is not read here: a deal "to" buy read by a headline's shape
    # was taken back on the held-out numbers)
    found = find("Microsoft agreed to a deal to buy Activision Blizzard.")
    assert not [r for r in found if r[0] == "PARTNERS_WITH"], found


def test_a_successor_takes_the_organization_of_the_one_replaced_not_the_reverse(find):
    found = find("Andy Jassy, head of AWS, will succeed Jeff Bezos.")
    assert ("LEADS", "Andy Jassy", "AWS", None) in found
    assert not any(r[1] == "Jeff Bezos" and r[2] == "AWS" for r in found)


def test_a_leader_who_makes_way_for_another_is_followed_by_them(find):
    # both lead the organization the one leaving leads
    found = find("Amazon CEO Jeff Bezos handed the reins to Andy Jassy.")
    assert {("LEADS", "Jeff Bezos", "Amazon", None), ("LEADS", "Andy Jassy", "Amazon", None)} \
        <= found
    found = find("Disney said CEO Bob Iger would make way for Bob Chapek.")
    assert ("LEADS", "Bob Chapek", "Disney", None) in found
    # way made for no person is no succession
    assert not find("Disney CEO Bob Iger said the old park would make way for a hotel.") - {
        ("LEADS", "Bob Iger", "Disney", None)}


@pytest.mark.parametrize("text, relation", [
    ("Rosneft will hold five per cent of BP's ordinary voting shares.",
     ("INVESTS_IN", "Rosneft", "BP", None)),
    ("Tencent owns 40% of Epic Games.", ("INVESTS_IN", "Tencent", "Epic Games", None)),
])
def test_a_share_in_percent_held_or_owned_is_a_stake(find, text, relation):
    assert relation in find(text)


@pytest.mark.parametrize("text", [
    "Exxon owns 100% of XTO Energy.",  # all of it is no stake
    "BP held talks with Rosneft about 20 per cent of the field.",
    "Shares of Apple rose 5 percent after Microsoft held its conference.",
])
def test_a_stake_held_is_a_share_in_percent_of_the_company_and_not_all_of_it(find, text):
    assert not [r for r in find(text) if r[0] == "INVESTS_IN"]


def test_a_name_opening_a_sentence_that_the_parser_reads_as_an_adverb_is_its_subject(find):
    # the small model tags "Geely", a name it does not know, as an adverb
    assert ("ACQUIRES", "Geely", "Volvo", "announced") in find(
        "Geely signed a deal to buy Volvo.")


def test_a_conjunct_that_introduces_a_name_is_a_party_too(find):
    found = find("Viacom sued the video-sharing site YouTube and its corporate parent, "
                 "Google Inc., on Tuesday.")
    assert {("SUES", "Viacom", "YouTube", None), ("SUES", "Viacom", "Google", None)} <= found


def test_a_possessive_after_a_headline_s_object_makes_it_no_party(find):
    found = find("Google and Fidelity are investing $1 billion in Elon Musk's rocket "
                 "company, SpaceX, at a $10 billion valuation.")
    assert not [r for r in found if r[2] == "Elon Musk"], found


def test_a_verb_joined_to_another_shares_its_subject(tmp_path):
    found = story_relations(tmp_path, "Amazon's new boss",
                           "Andy Jassy joined Amazon in 1997 and became its CEO in 2021.")
    assert ("person:Andy Jassy", "LEADS", "organization:Amazon") in found, found


def test_legal_action_taken_against_another_sues_it(find):
    assert ("SUES", "Sony", "Cox Communications", None) in find(
        "Sony took legal action against Cox Communications.")


def test_a_mention_resolution_split_is_the_part_that_shares_the_most_words(tmp_path):
    # resolution splits "US" (a place, which may sue) from the commission's name
    found = story_relations(tmp_path, "Crypto exchange in court",
                           "The US Securities and Exchange Commission sued Coinbase on Tuesday.")
    suers = {a for a, kind, b in found if kind == "SUES" and b == "organization:Coinbase"}
    assert suers == {"organization:Securities and Exchange Commission"}, found


def test_a_nationality_read_as_a_name_before_a_company_noun_is_no_party(find):
    found = find("UBS said it will bring back former CEO Sergio Ermotti to lead the Swiss "
                 "banking giant following its $3.2 billion takeover of distressed rival "
                 "Credit Suisse.")
    assert ("ACQUIRES", "UBS", "Credit Suisse", "announced") in found
    assert not [r for r in found if "Swiss" in (r[1], r[2])], found
    # a name before a role is a name ("the Rakuten chief executive")
    assert ("LEADS", "Hiroshi Mikitani", "Rakuten", None) in find(
        "Barcelona negotiated the deal with the Rakuten chief executive, Hiroshi Mikitani.")


def test_the_appointment_of_a_person_as_a_role_puts_them_in_it(tmp_path):
    found = story_relations(tmp_path, "Diageo names a new chief",
                           "Diageo announced a change. The appointment of Debra Crew as "
                           "interim chief executive was announced this morning.")
    assert ("person:Debra Crew", "LEADS", "organization:Diageo") in found, found


def test_an_organization_that_names_someone_the_new_holder_of_a_role_is_theirs(find):
    assert ("LEADS", "Shuntaro Furukawa", "Nintendo", None) in find(
        "Nintendo has named Shuntaro Furukawa, a Nintendo veteran who's just 46 years old, "
        "as the new President.")
    # a person who names another leads nothing by it
    assert not [r for r in find("Satoru Iwata has named Shuntaro Furukawa as the new "
                                "President.") if r[2] == "Satoru Iwata"]


def test_a_possessive_deal_noun_and_its_other_end_read_by_their_shape(find):
    # the small model parses "Aon's proposed" as a subject and its verb
    assert ("ACQUIRES", "Aon", "Willis Towers Watson", "abandoned") in find(
        "Aon’s proposed $30bn (£21.7bn) all-share acquisition of Willis Towers Watson has "
        "been revoked due to concerns of an industry monopoly.")
    # a name that describes the noun after it is not the other end
    found = find("Microsoft's $68.7 billion acquisition of Call of Duty' maker Activision "
                 "Blizzard is facing formal investigations.")
    assert not [r for r in found if r[2] == "Call of Duty"], found


def test_a_nationality_describes_a_party_and_is_none(find):
    # spaCy's NORP: "Israeli", "Australian"
    found = find("Intel will pay Israeli chip manufacturer Tower Semiconductor a fee.")
    assert not [r for r in found if "Israeli" in (r[1], r[2])], found


def test_its_deal_noun_and_the_other_end_read_by_their_shape(find):
    assert ("ACQUIRES", "Newmont", "Newcrest Mining", "completed") in find(
        "US-based Newmont has completed its previously announced A$26.2bn ($16.8bn) "
        "acquisition of rival Australian gold mining company Newcrest Mining.")


def test_what_is_bought_or_invested_in_is_an_organization_whatever_ner_read(tmp_path):
    from graph.build import build

    # the small model reads "Valneva" as a place and the amount "EUR 90.5m" carries "in"
    write_story(tmp_path, "one", "Pfizer deepens vaccine ties",
                "Pfizer further strengthens ties between them by investing around EUR 90.5m "
                "in Valneva, representing 8.1% of the firm's share capital.")
    # a place that the gazetteer knows stays one
    write_story(tmp_path, "two", "Tesla plans a factory",
                "Tesla is investing $5 billion in Mexico, where it will build a factory.")
    G = build([tmp_path], out_dir=None).graph
    found = relations_of(G)
    assert ("organization:Pfizer", "INVESTS_IN", "organization:Valneva") in found, found
    assert "place:Mexico" in G and not [k for k in found if "Mexico" in k[2]]


def test_a_list_hung_on_an_apposition_of_its_first_name_is_one_list(find):
    found = find("Investors in the round included SoftBank Group Corp., the Paul Tudor Jones "
                 "family, Alan Howard, Coinbase Ventures and Sequoia Capital.")
    assert {r[1] for r in found if r[0] == "INVESTS_IN"} >= {"SoftBank Group",
                                                              "Sequoia Capital"}, found


@pytest.mark.parametrize("text, expected", [
    ("Nvidia is among the investors in xAI.", ("Nvidia", "xAI")),
    ("SoftBank was among the biggest backers of Uber.", ("SoftBank", "Uber")),
    ("Monzo counts Sequoia Capital among its investors.", ("Sequoia Capital", "Monzo")),
    ("Monzo's investors, including Sequoia Capital, approved the plan.",
     ("Sequoia Capital", "Monzo")),
    ("Investors in Monzo, including Sequoia Capital, approved the plan.",
     ("Sequoia Capital", "Monzo")),
])
def test_investors_among_or_including(find, text, expected):
    assert ("INVESTS_IN", *expected, None) in find(text)


def test_not_among_the_investors_is_no_investment(find):
    assert not find("Nvidia is not among the investors in xAI.")


@pytest.mark.parametrize("excerpt", [
    "Meta settles with the FTC for $5 billion.",
    "Meta agreed to a $5 billion settlement with the FTC.",
])
def test_settling_with_a_regulator_for_money_is_its_fine(tmp_path, excerpt):
    found = story_relations(tmp_path, "Meta and the FTC", excerpt)
    assert ("organization:Federal Trade Commission", "FINES", "organization:Meta") in found


def test_two_companies_settling_fine_nobody(tmp_path):
    found = story_relations(tmp_path, "Apple and Qualcomm",
                            "Apple settled with Qualcomm for $4.5 billion.")
    assert not [k for k in found if k[1] == "FINES"], found


def test_a_judge_s_fine_is_the_court_s_where_it_is_named(find):
    found = find("Glencore was ordered to pay a 182.9 million pound fine by Judge Peter Fraser "
                 "at Southwark Crown Court.")
    assert ("FINES", "Southwark Crown Court", "Glencore", None) in found, found
    assert not [r for r in found if r[1] == "Peter Fraser"], found


def test_a_participle_joined_to_a_passive_verb_is_passive(find):
    found = find("Manchester City have been banned for two seasons and fined 30 million "
                 "euros by UEFA.")
    assert ("FINES", "UEFA", "Manchester City", None) in found, found
    found = find("Boeing was sued by Airbus and fined by the FAA.")
    assert {("SUES", "Airbus", "Boeing", None), ("FINES", "FAA", "Boeing", None)} <= found
    # (the small model tags "fined" a past tense here)
    assert ("FINES", "SEC", "Tesla", None) in find("Tesla was charged by the SEC and fined "
                                                   "$20 million.")
    assert not find("Tesla was charged by the SEC and paid $20 million.")


def test_a_leader_who_retires_led_the_story_s_organization(find):
    # the story's organization (None here) where the text names a company's leading role
    assert ("LEADS", "Eldar Saetre", None, None) in find(
        "Equinor will name a new CEO in November, when Eldar Saetre retires.")
    # not one whose title says otherwise, nor where no leading role is named
    assert not find("Microsoft will name a new CEO in November, when CFO Amy Hood retires.")
    assert not find("Eldar Saetre will retire in November, Equinor said.")


def test_a_company_named_again_where_the_model_saw_nothing_is_that_company(find):
    found = find("Stripe, a San Francisco-based payments provider, said on Wednesday that it "
                 "had raised new funds. Stripe raised $6.5 billion from investors including "
                 "Andreessen Horowitz and Thrive Capital.")
    assert ("INVESTS_IN", "Andreessen Horowitz", "Stripe", None) in found, found


def test_the_company_sued_may_be_its_arm_in_a_country(find):
    found = find("New York Attorney General Letitia James, on Wednesday, sued JBS USA, the "
                 "American arm of the world's largest meatpacker.")
    assert ("SUES", "Letitia James", "JBS USA", None) in found, found


@pytest.mark.parametrize("text", [
    "Microsoft and Coca-Cola Forge $1.1 Billion Partnership to Boost AI Integration",
    "Microsoft Corp. and The Coca-Cola Company revealed on Tuesday a five-year strategic "
    "partnership.",
])
def test_a_partnership_forged_or_revealed_partners(find, text):
    assert [r for r in find(text) if r[0] == "PARTNERS_WITH"]


@pytest.mark.parametrize("text, relations", [
    ("Epic's lawsuit names Apple and Google.",
     {("SUES", "Epic", "Apple", None), ("SUES", "Epic", "Google", None)}),
    ("The suit accuses Meta of harming children.", {("SUES", None, "Meta", None)}),
    ("The $2.75 billion defamation lawsuit targets popular news anchors Lou Dobbs and Maria "
     "Bartiromo as well as Trump's former lawyer Rudy Giuliani.",
     {("SUES", None, "Lou Dobbs", None), ("SUES", None, "Maria Bartiromo", None),
      ("SUES", None, "Rudy Giuliani", None)}),
])
def test_a_lawsuit_that_targets_names_or_accuses_a_party_sues_it(find, text, relations):
    found = find(text)
    assert relations <= found, found
    assert not [r for r in found if r[2] == "Trump"]


def test_a_lawsuit_filed_by_a_party_and_targeting_others_is_its(tmp_path):
    # "firm Smartmatic": a name after a company noun is no nationality (NER's NORP)
    found = story_relations(tmp_path, "Voting firm takes Fox News to court",
                           "The lawsuit targets news anchors Lou Dobbs and Maria Bartiromo. "
                           "The lawsuit was filed by the technology voting firm Smartmatic "
                           "in New York.")
    assert {("organization:Smartmatic", "SUES", "person:Lou Dobbs"),
            ("organization:Smartmatic", "SUES", "person:Maria Bartiromo")} <= set(found), found


def test_a_report_that_names_a_company_sues_no_one(find):
    assert not find("The report names Apple as a supplier.")
    assert not find("The lawsuit does not name Google.")


def test_a_list_of_subsidiaries_sued_by_the_company_its_lawsuits_name(tmp_path):
    # the headline names two organizations: "the airline" is the one that sues
    found = story_relations(tmp_path, "Ryanair sues Booking.com in US",
                           "The airline has sued Booking.com, and its subsidiaries - Kayak.com, "
                           "Priceline.com and Agoda.com.")
    assert {("organization:Ryanair", "SUES", f"organization:{name}")
            for name in ("Booking.com", "Kayak.com", "Priceline.com", "Agoda.com")} \
        <= set(found), found


def test_an_officer_s_title_listed_with_a_role_before_the_name(find):
    assert ("LEADS", "Joanna Geraghty", "JetBlue", None) in find(
        "The carriers will develop a network, according to JetBlue president and COO "
        "Joanna Geraghty.")


def test_a_functional_chief_leads_nothing(find):
    found = find("Nooyi will be replaced by Pepsi's Global Operations Chief Ramon Laguarta, "
                 "the company said.")
    assert not [r for r in found if r[2] in ("Global Operations", "Pepsi")], found


def test_a_possessive_apostrophe_alone_after_a_name_s_last_word(find):
    # the mention stops at "L3Harris"; the model reads "Aerojet Rocketdyne" as a place
    assert ("ACQUIRES", "L3Harris", "Aerojet Rocketdyne", "announced") in find(
        "L3Harris Technologies’ impending purchase of Aerojet Rocketdyne will strengthen "
        "the industrial base.")


@pytest.mark.parametrize("text, relation", [
    ("Saudi Arabia's Public Investment Fund has taken an 80 per cent stake in Newcastle "
     "United.", ("ACQUIRES", "Public Investment Fund", "Newcastle United", "completed")),
    ("Heinz is to buy 51% of Kraft.", ("ACQUIRES", "Heinz", "Kraft", "announced")),
    ("Volkswagen bought a majority stake in Scania.",
     ("ACQUIRES", "Volkswagen", "Scania", "completed")),
    # a minority is a stake
    ("Tencent took a 10% stake in Ubisoft.", ("INVESTS_IN", "Tencent", "Ubisoft", None)),
])
def test_control_of_a_company_is_an_acquisition_a_minority_stake_an_investment(find, text,
                                                                              relation):
    found = find(text)
    assert relation in found
    assert len({r[0] for r in found}) == 1, found


def test_a_leader_who_hands_over_to_another_is_followed_by_them(tmp_path):
    found = story_relations(tmp_path, "Qantas names its next chief",
                           "Alan Joyce will hand over to Vanessa Hudson as Qantas chief "
                           "executive in November.")
    assert {("person:Alan Joyce", "LEADS", "organization:Qantas"),
            ("person:Vanessa Hudson", "LEADS", "organization:Qantas")} <= set(found), found


def test_a_role_after_a_sentence_s_opening_preposition_and_charge_taken(tmp_path, find):
    from graph.build import build

    assert ("LEADS", "Jane Fraser", "Citigroup", None) in find(
        "Jane Fraser became the first woman to lead a major Wall Street bank when she took "
        "charge of Citigroup.")
    # a capitalised preposition opening the sentence names no organization
    write_story(tmp_path, "one", "Microsoft grows",
                "Under chief executive Satya Nadella, Microsoft has grown.")
    found = relations_of(build([tmp_path], out_dir=None).graph)
    assert ("person:Satya Nadella", "LEADS", "organization:Microsoft") in found, found


def test_who_buys_is_an_organization_where_ner_read_an_unknown_place(tmp_path):
    # "Illumina" read as a place: the buyer of a buyout is an organization
    found = story_relations(tmp_path, "Regulators step in",
                            "The European Commission is blocking the buyout of "
                            "cancer-screening company GRAIL by biotech giant Illumina.")
    assert ("organization:Illumina", "ACQUIRES", "organization:GRAIL") in found, found


def test_a_list_member_introduced_by_its_tie_to_the_one_before_it_is_listed(find):
    found = find("Digital Currency Group, its subsidiary Genesis Global, and Gemini have "
                 "been sued by Letitia James.")
    assert ("SUES", "Letitia James", "Genesis Global", None) in found, found
    # not outside a list
    assert not [r for r in find("Letitia James sued Digital Currency Group, its parent.")
                if r[2] == "Genesis Global"]


def test_a_fine_a_subject_is_hit_with_is_the_story_regulator_s(find, tmp_path):
    for text in ("Meta hit with $1.3 billion fine over data transfers",
                 "Intel slammed with record $1.45 billion antitrust fine",
                 "Meta was hit with a $1.3 billion fine."):
        assert [r for r in find(text) if r[0] == "FINES" and r[1] is None], text
    found = story_relations(tmp_path, "Intel slammed with record $1.45 billion antitrust fine",
                            "The European Commission said the chip maker broke the law.")
    assert ("organization:European Commission", "FINES", "organization:Intel") in found, found
    # hit with a lawsuit, or slammed by critics: no fine
    assert not find("Meta was hit with a lawsuit.")
    assert not find("Intel slammed by critics over chip delays")


def test_a_name_after_a_company_noun_and_a_comma_is_that_company(find):
    found = find("Google and Fidelity are investing $1 billion in Elon Musk's rocket company, "
                 "SpaceX, at a $10 billion valuation.")
    assert ("INVESTS_IN", "Fidelity", "SpaceX", None) in found, found
    # a name that goes on is another clause's
    assert not find("Microsoft bought the gaming company, Activision said on Monday.")


def test_givers_hung_on_the_round_of_a_raise_invest(find):
    found = find("The startup raised $6.5 billion for its new funding from investors including "
                 "Andreessen Horowitz, Founders Fund and Thrive Capital.")
    assert ("INVESTS_IN", "Founders Fund", "The startup", None) in found, found


def test_a_role_in_a_sentence_told_to_a_news_organisation_is_the_story_s(tmp_path):
    found = story_relations(tmp_path, "Apple's bet on China",
                            "Apple has invested $1 billion in Didi. The move will help the "
                            "company, CEO Tim Cook told Reuters.")
    leads = {b for a, kind, b in found if kind == "LEADS" and a == "person:Tim Cook"}
    assert leads == {"organization:Apple"}, found


def test_one_replaced_in_a_clause_that_completes_another_verb_is_succeeded(tmp_path):
    # "is slated to be replaced by": the one replaced is the subject of the verb the
    # clause completes; a surname alone that NER reads as a company is the person
    # named in full before it
    found = story_relations(tmp_path, "PepsiCo CEO Indra Nooyi stepping down",
                            "PepsiCo CEO Indra Nooyi has announced plans to step down. Nooyi, "
                            "62, is slated to be replaced by Ramon Laguarta, the company said.")
    assert ("person:Ramon Laguarta", "LEADS", "organization:PepsiCo") in found, found
    found = story_relations(tmp_path, "Unilever chief to go",
                            "Unilever CEO Alan Jope will retire. Jope is expected to be "
                            "succeeded by Hein Schumacher.")
    assert ("person:Hein Schumacher", "LEADS", "organization:Unilever") in found, found


def test_the_one_a_leader_named_again_takes_over_from_led_the_same(tmp_path):
    # "He will take over from Donald Kaberuka": he is the one named before, who leads
    # the organization whose role the text names with its article ("president of the
    # African Development Bank")
    found = story_relations(tmp_path, "Adesina wins African Development Bank presidency",
                            "Akinwumi Adesina won the election to be the new president of "
                            "the African Development Bank. He will take over from Donald "
                            "Kaberuka on Sept. 1.")
    assert ("person:Donald Kaberuka", "LEADS", "organization:African Development Bank") \
        in found, found


def test_the_person_after_a_comma_of_one_named_to_a_role_holds_it(find):
    # the name in an apposition the parser hangs on the verb, and an "as" it hangs on
    # the verb after it
    for text in ("Nissan has tapped the head of its China business, Stephen Ma, as its new "
                 "chief executive.",
                 "Nissan has named the head of its China business, Stephen Ma, as its new "
                 "president and chief executive, to help lead a recovery."):
        assert ("LEADS", "Stephen Ma", "Nissan", None) in find(text), text


def test_a_board_with_its_company_hung_on_it_acts_for_that_company(find):
    found = find("The board of French food group Danone voted to oust Emmanuel Faber as "
                 "chairman.")
    assert ("LEADS", "Emmanuel Faber", "Danone", None) in found, found


def test_the_backed_company_noun_is_the_story_s_where_the_parse_is_off(tmp_path):
    found = story_relations(tmp_path, "Tesla just sued Rivian",
                            "Tesla has sued EV startup Rivian, accusing it of poaching "
                            "employees, a charge the Amazon-backed automaker denies.")
    assert ("organization:Amazon", "INVESTS_IN", "organization:Rivian") in found, found


def test_the_company_an_excerpt_opens_with_after_words_that_describe_it(tmp_path):
    # a headline naming several companies; "the round" is that of the one the excerpt
    # opens with, after the words that describe it
    found = story_relations(tmp_path, "Crypto Firm FTX Valued at $18 Billion as Softbank, "
                            "Ribbit Invest",
                            "Crypto derivatives exchange FTX has completed a $900 million "
                            "fundraising round. Investors in the round included Coinbase "
                            "Ventures and Sequoia Capital.")
    assert {("organization:Coinbase Ventures", "INVESTS_IN", "organization:FTX"),
            ("organization:Sequoia Capital", "INVESTS_IN", "organization:FTX")} <= set(found), \
        found
    found = story_relations(tmp_path, "Crypto Firm FTX Valued at $18 Billion as Softbank, "
                            "Ribbit Invest",
                            "Shares of FTX rose after a $900 million fundraising round. "
                            "Investors in the round included Coinbase Ventures.")
    assert not [k for k in found if k[1] == "INVESTS_IN"], found


def test_a_case_brought_by_a_party_is_its_lawsuit_against_who_fights_it(find):
    found = find("Google lost a case brought by the Australian Competition and Consumer "
                 "Commission.")
    assert ("SUES", "Australian Competition and Consumer Commission", "Google", None) in found
    found = find("Apple backed a lawsuit filed by Epic Games against Google.")
    assert ("SUES", "Epic Games", "Google", None) in found, found
    # one who brings it up is no defendant
    assert not [r for r in find("Google cited a case brought by the Australian Competition "
                                "and Consumer Commission.") if r[0] == "SUES"]


def test_one_picked_to_succeed_another_as_a_role_takes_it(find):
    found = find("Unilever picked Maria Lopez to succeed John Smith as chief executive.")
    assert {("LEADS", "Maria Lopez", "Unilever", None),
            ("LEADS", "John Smith", "Unilever", None)} <= set(found), found


def test_one_replaced_by_a_clause_of_the_naming_verb_led_the_same(tmp_path):
    # "..., replacing Steve Ballmer": the one the verb names replaces him
    found = story_relations(tmp_path, "Microsoft picks a new boss",
                            "Microsoft named Satya Nadella chief executive, replacing Steve "
                            "Ballmer.")
    assert {("person:Satya Nadella", "LEADS", "organization:Microsoft"),
            ("person:Steve Ballmer", "LEADS", "organization:Microsoft")} <= set(found), found


def test_the_reins_of_an_organization_handed_over_name_it(find):
    found = find("Steve Ballmer handed over the reins of Microsoft to Satya Nadella.")
    assert {("LEADS", "Satya Nadella", "Microsoft", None),
            ("LEADS", "Steve Ballmer", "Microsoft", None)} <= set(found), found


def test_a_role_that_owns_something_is_no_one_s_role(find):
    assert not [r for r in find("John Smith, the CEO's chief of staff at Unilever, left.")
                if r[0] == "LEADS"]
    # the role's holder named before the possessive still holds it
    found = find("Unilever CEO John Smith's pay rose.")
    assert [r for r in found if r[0] == "LEADS" and r[1].startswith("John Smith")
            and r[2] == "Unilever"], found


@pytest.mark.parametrize("text", [
    "Analysts say Unilever could buy Nestle one day.",
    "Analysts say Unilever could agree to buy Nestle.",
    "Epic Games considered suing Apple.",
    "Unilever denied reports that it would buy Dollar Shave Club.",
])
def test_an_act_guessed_weighed_or_denied_is_none(find, text):
    assert not find(text), text


def test_the_sale_of_a_company_to_another_is_the_other_s_purchase(find):
    found = find("Unilever completed the sale of Dollar Shave Club to Nestle.")
    assert ("ACQUIRES", "Nestle", "Dollar Shave Club", "completed") in found, found
    found = find("The sale of Arm to SoftBank was blocked by regulators.")
    assert ("ACQUIRES", "SoftBank", "Arm", "blocked") in found, found


@pytest.mark.parametrize("text", [
    "Unilever said it would appeal the fine imposed by the European Commission.",
    "Unilever is appealing a 50 million euro fine from the European Commission.",
    "Unilever won its appeal against the European Commission's fine.",
])
def test_a_fine_its_payer_fights_names_who_gave_it(find, text):
    assert ("FINES", "European Commission", "Unilever", None) in find(text), text


def test_a_company_s_partner_named_after_it_is_its_partner(find):
    assert ("PARTNERS_WITH", "Microsoft", "OpenAI", None) in find(
        "Microsoft's longtime partner OpenAI released a model.")
    assert not find("Microsoft's partner program grew.")
