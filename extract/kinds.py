"""The kinds of entity, the spaCy labels they come from, and the types of relation between
them: defined once, at the bottom. ``extract`` reads them here; ``graph.model`` builds the
node and edge kinds of the graph on them.
"""

from __future__ import annotations

ORGANIZATION = "organization"
PERSON = "person"
PLACE = "place"
ENTITY_KINDS = (ORGANIZATION, PERSON, PLACE)

#: spaCy label → entity kind; other labels are dropped.
LABEL_KINDS = {"ORG": ORGANIZATION, "PERSON": PERSON, "GPE": PLACE, "LOC": PLACE,
               "FAC": PLACE,  # facilities: airports, stadiums, streets, stations
               "NORP": ORGANIZATION}  # groups: only those the alias table knows are kept
#: Entity kind → the spaCy label its known names get from the gazetteer ruler.
SPACY_LABELS = {ORGANIZATION: "ORG", PERSON: "PERSON", PLACE: "GPE"}
#: The groups of an aliases file (and of the gold files) → entity kind.
GROUPS = {"organizations": ORGANIZATION, "people": PERSON, "places": PLACE}

#: Typed relations between entities (extract/relations.py): each an edge kind of the graph
#: and a Neo4j relationship type of the same name.
ACQUIRES = "ACQUIRES"
INVESTS_IN = "INVESTS_IN"
SUES = "SUES"
FINES = "FINES"
PARTNERS_WITH = "PARTNERS_WITH"  # undirected in meaning: stored once, from the smaller id
LEADS = "LEADS"
RELATION_KINDS = (ACQUIRES, INVESTS_IN, SUES, FINES, PARTNERS_WITH, LEADS)
#: Relations without a direction: stored once, from the smaller entity id.
UNDIRECTED = frozenset({PARTNERS_WITH})
