"""The graph's data model: node kinds, edge kinds, ids and labels, defined once.

Node ids in networkx are ``"<kind>:<key>"``; Neo4j labels and relationship types come
only from the fixed mappings below, never from document text.
"""

from __future__ import annotations

from extract.kinds import (  # noqa: F401 - the model's names for them
    ACQUIRES,
    ENTITY_KINDS,
    FINES,
    INVESTS_IN,
    LEADS,
    ORGANIZATION,
    PARTNERS_WITH,
    PERSON,
    PLACE,
    RELATION_KINDS,
    SUES,
    UNDIRECTED,
)
from extract.names import fold_name

ARTICLE = "article"
TOPIC = "topic"
PUBLISHER = "publisher"
EVENT = "event"  # articles of several outlets that report the same news (graph/events.py)

NODE_KINDS = (ARTICLE, ORGANIZATION, PERSON, PLACE, TOPIC, PUBLISHER, EVENT)

MENTIONS = "MENTIONS"
HAS_TOPIC = "HAS_TOPIC"
PUBLISHED_BY = "PUBLISHED_BY"
RELATED_TO = "RELATED_TO"
CO_MENTIONED = "CO_MENTIONED"
REPORTS = "REPORTS"  # article → event
EDGE_KINDS = (MENTIONS, HAS_TOPIC, PUBLISHED_BY, RELATED_TO, CO_MENTIONED, REPORTS,
              *RELATION_KINDS)

#: Neo4j label of each node kind, and the property that is its unique key.
LABELS = {ARTICLE: "Article", ORGANIZATION: "Organization", PERSON: "Person",
          PLACE: "Place", TOPIC: "Topic", PUBLISHER: "Publisher", EVENT: "Event"}
#: A node's key is the part of its id after the kind, everywhere: in networkx, in every
#: export and in Neo4j. Topics are keyed by their folded name (:func:`topic_key`), so two
#: graphs that spell a topic differently still push one Topic.
KEY_PROPERTY = {ARTICLE: "url", ORGANIZATION: "name", PERSON: "name", PLACE: "name",
                TOPIC: "key", PUBLISHER: "domain", EVENT: "key"}

#: The formats ``storygraph export`` writes a graph file in (the CSV files of Neo4j's bulk
#: importer come besides them: graph/export/neo4j_csv.py).
GRAPH_FILE_FORMATS = ("graphml", "gexf")
#: Kinds a timeline can follow, what it counts, and its frequencies (pandas offsets).
TIMELINE_KINDS = (*ENTITY_KINDS, TOPIC)
TIMELINE_UNITS = ("article", "event")
TIMELINE_FREQS = {"D": "D", "W": "W-SUN", "M": "M", "Q": "Q", "Y": "Y"}

#: Properties whose values are lists. Formats that hold only scalars (GraphML, GEXF, CSV)
#: write them as JSON text, and readers turn them back into lists by this name list.
LIST_PROPERTIES = ("aliases", "forms", "evidence")


def node_id(kind: str, key: str) -> str:
    """The networkx id of a node: ``organization:Microsoft``."""
    return f"{kind}:{key}"


def split_node_id(nid: str) -> tuple[str, str]:
    """Inverse of :func:`node_id`."""
    kind, _, key = nid.partition(":")
    return kind, key


def topic_key(name: str) -> str:
    """Topics are keyed case- and space-insensitively: ``Computer  vision`` = ``Computer Vision``."""
    return fold_name(name)
