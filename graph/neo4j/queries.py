"""Every Cypher string storygraph sends, as functions returning strings.

Values always travel as query parameters (``$rows``, ``$name``…). Labels, relationship
types and key properties are interpolated only from the fixed sets of
:mod:`graph.model`, never from document text; :func:`_check` enforces it.
"""

from __future__ import annotations

from importlib import resources

from extract.errors import StorygraphError
from graph import model as m

_LABELS = set(m.LABELS.values())
_KEYS = set(m.KEY_PROPERTY.values())
_TYPES = set(m.EDGE_KINDS)


def _check(*, labels: tuple[str, ...] = (), keys: tuple[str, ...] = (),
           types: tuple[str, ...] = ()) -> None:
    for label in labels:
        if label not in _LABELS:
            raise ValueError(f"not a storygraph label: {label!r}")
    for key in keys:
        if key not in _KEYS:
            raise ValueError(f"not a storygraph key property: {key!r}")
    for rel in types:
        if rel not in _TYPES:
            raise ValueError(f"not a storygraph relationship type: {rel!r}")


def cookbook_names() -> list[str]:
    """The questions of the Cypher cookbook (``graph/neo4j/cookbook/*.cypher``)."""
    folder = resources.files("graph.neo4j.cookbook")
    return sorted(p.name.removesuffix(".cypher") for p in folder.iterdir()
                  if p.name.endswith(".cypher"))


def cookbook(name: str) -> str:
    """The Cypher of one cookbook question; its values are parameters (``$name``)."""
    if name not in cookbook_names():
        raise StorygraphError(f"no cookbook query {name!r}; choose one of "
                              f"{', '.join(cookbook_names())}")
    return (resources.files("graph.neo4j.cookbook") / f"{name}.cypher").read_text("utf-8")


def constraint_name(label: str, key: str) -> str:
    """The name storygraph gives the unique constraint on ``label.key``."""
    _check(labels=(label,))
    if not key.isidentifier():
        raise ValueError(f"not a property name: {key!r}")
    return f"storygraph_{label.lower()}_{key}"


def constraint(label: str, key: str) -> str:
    """The unique constraint on a label's key property (also its index)."""
    _check(labels=(label,), keys=(key,))
    name = constraint_name(label, key)
    return f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.{key} IS UNIQUE"


def drop_constraint(name: str) -> str:
    """Drop one of storygraph's own constraints, if it exists."""
    if not name.startswith("storygraph_") or not name.isidentifier():
        raise ValueError(f"not a storygraph constraint: {name!r}")
    return f"DROP CONSTRAINT {name} IF EXISTS"


def topics_without_key() -> str:
    """Topics pushed before topics had a ``key`` (databases of storygraph < 0.2)."""
    return "MATCH (t:Topic) WHERE t.key IS NULL RETURN elementId(t) AS id, t.name AS name"


def set_topic_keys() -> str:
    """Set ``key`` on Topics found by element id: ``$rows = [{id, key}]``."""
    return ("UNWIND $rows AS row MATCH (t:Topic) WHERE elementId(t) = row.id "
            "SET t.key = row.key")


def merge_topics() -> str:
    """Move the articles of Topic ``drop`` to Topic ``keep`` and delete ``drop``:
    ``$rows = [{keep, drop}]`` (element ids)."""
    return ("UNWIND $rows AS row "
            "MATCH (k:Topic) WHERE elementId(k) = row.keep "
            "MATCH (d:Topic) WHERE elementId(d) = row.drop "
            "CALL (k, d) { MATCH (a:Article)-[:HAS_TOPIC]->(d) MERGE (a)-[:HAS_TOPIC]->(k) } "
            "DETACH DELETE d")


def merge_nodes(label: str, key: str) -> str:
    """MERGE a batch of nodes ``$rows = [{key, props}]`` and set their properties."""
    _check(labels=(label,), keys=(key,))
    return (f"UNWIND $rows AS row "
            f"MERGE (n:{label} {{{key}: row.key}}) "
            f"SET n += row.props "
            f"RETURN count(n) AS written")


def merge_relationships(rel_type: str, start_label: str, start_key: str, end_label: str,
                        end_key: str) -> str:
    """MERGE a batch of relationships ``$rows = [{start, end, props}]`` between existing
    nodes, found through their unique keys."""
    _check(labels=(start_label, end_label), keys=(start_key, end_key), types=(rel_type,))
    return (f"UNWIND $rows AS row "
            f"MATCH (a:{start_label} {{{start_key}: row.start}}) "
            f"MATCH (b:{end_label} {{{end_key}: row.end}}) "
            f"MERGE (a)-[r:{rel_type}]->(b) "
            f"SET r += row.props "
            f"RETURN count(r) AS written")


def merge_relations(rel_type: str, start_label: str, start_key: str, end_label: str,
                    end_key: str) -> str:
    """MERGE a batch of typed relations ``$rows = [{start, end, props}]`` (ACQUIRES,
    LEADS...), adding up with what an earlier push stored: the evidence lists gain the
    (article, sentence) pairs they lack, ``articles`` counts the distinct articles,
    first and last seen widen, and the status of the latest report wins."""
    _check(labels=(start_label, end_label), keys=(start_key, end_key), types=(rel_type,))
    if rel_type not in m.RELATION_KINDS:
        raise ValueError(f"not a storygraph relation type: {rel_type!r}")
    return (f"UNWIND $rows AS row "
            f"MATCH (a:{start_label} {{{start_key}: row.start}}) "
            f"MATCH (b:{end_label} {{{end_key}: row.end}}) "
            f"MERGE (a)-[r:{rel_type}]->(b) "
            f"WITH r, row, coalesce(r.evidence_articles, []) AS arts, "
            f"coalesce(r.evidence_texts, []) AS texts, "
            f"coalesce(row.props.evidence_articles, []) AS new_arts, "
            f"coalesce(row.props.evidence_texts, []) AS new_texts "
            f"WITH r, row, arts, texts, new_arts, new_texts, "
            f"[i IN range(0, size(new_arts) - 1) WHERE NOT any(j IN range(0, size(arts) - 1) "
            f"WHERE arts[j] = new_arts[i] AND texts[j] = new_texts[i])] AS fresh "
            f"WITH r, row, arts + [i IN fresh | new_arts[i]] AS all_arts, "
            f"texts + [i IN fresh | new_texts[i]] AS all_texts "
            f"SET r.status = CASE WHEN row.props.status IS NOT NULL AND (r.status IS NULL OR "
            f"r.last_seen IS NULL OR row.props.last_seen >= r.last_seen) "
            f"THEN row.props.status ELSE r.status END, "
            f"r.first_seen = CASE WHEN r.first_seen IS NULL OR row.props.first_seen < "
            f"r.first_seen THEN row.props.first_seen ELSE r.first_seen END, "
            f"r.last_seen = CASE WHEN r.last_seen IS NULL OR row.props.last_seen > "
            f"r.last_seen THEN row.props.last_seen ELSE r.last_seen END, "
            f"r.evidence_articles = all_arts, r.evidence_texts = all_texts, "
            f"r.articles = size(reduce(seen = [], x IN all_arts | "
            f"CASE WHEN x IN seen THEN seen ELSE seen + x END)) "
            f"RETURN count(r) AS written")


def entities_with_foreign_mentions(label: str) -> str:
    """Names of entities that more articles mention in the database than in the pushed
    graph (``$rows = [{key, articles}]``): only their aggregates need recomputing.

    The count reads the relationship degree, so the check costs almost nothing.
    """
    _check(labels=(label,))
    return (f"UNWIND $rows AS row "
            f"MATCH (e:{label} {{name: row.key}}) "
            f"WITH e, row WHERE COUNT {{ (e)<-[:MENTIONS]-() }} <> row.articles "
            f"RETURN e.name AS name")


def recompute_entities(label: str) -> str:
    """Recompute an entity's aggregates from the MENTIONS in the database.

    ``$keys`` are entity names. After several graphs (shards) were pushed into one
    database, an entity's articles, mentions, first/last seen and aliases are those of
    all of them together, as one build over all the stories would have given.
    """
    _check(labels=(label,))
    return (f"UNWIND $keys AS key "
            f"MATCH (e:{label} {{name: key}}) "
            f"OPTIONAL MATCH (a:Article)-[r:MENTIONS]->(e) "
            f"WITH e, count(a) AS articles, sum(r.count) AS mentions, "
            f"min(a.published) AS first, max(a.published) AS last, collect(r.forms) AS forms "
            f"CALL (forms) {{ UNWIND forms AS fs UNWIND fs AS f "
            f"WITH DISTINCT f ORDER BY f RETURN collect(f) AS aliases }} "
            f"SET e.articles = articles, e.mentions = mentions, e.first_seen = first, "
            f"e.last_seen = last, e.aliases = aliases "
            f"RETURN count(e) AS written")


def recompute_co_mentions(start_label: str, end_label: str) -> str:
    """Recompute CO_MENTIONED weights and dates from the articles the two share.

    ``$rows = [{start, end}]`` are entity names.
    """
    _check(labels=(start_label, end_label))
    return (f"UNWIND $rows AS row "
            f"MATCH (a:{start_label} {{name: row.start}})-[c:CO_MENTIONED]->"
            f"(b:{end_label} {{name: row.end}}) "
            f"MATCH (a)<-[:MENTIONS]-(x:Article)-[:MENTIONS]->(b) "
            f"WITH c, count(DISTINCT x) AS weight, min(x.published) AS first, "
            f"max(x.published) AS last "
            f"SET c.weight = weight, c.first_seen = first, c.last_seen = last "
            f"RETURN count(c) AS written")


def _renamed(label: str) -> str:
    """``old``: the nodes of ``row``'s entity under another name, found through the
    ``entity_id`` index and the name constraint (no label scan)."""
    return (f"CALL (row) {{ MATCH (old:{label} {{entity_id: row.id}}) "
            f"WHERE old.name <> row.name RETURN old "
            f"UNION UNWIND row.aliases AS alias MATCH (old:{label} {{name: alias}}) "
            f"WHERE old.entity_id IS NULL AND old.name <> row.name RETURN old }}")


def entity_id_index(label: str) -> str:
    """The index that finds an entity by its stable id."""
    _check(labels=(label,))
    return (f"CREATE INDEX storygraph_{label.lower()}_entity_id IF NOT EXISTS "
            f"FOR (n:{label}) ON (n.entity_id)")


def rename_entities(label: str) -> str:
    """Follow renamed entities: ``$rows = [{id, name, aliases}]``.

    A node of the same stable ``entity_id`` (or, pushed before ids existed, without an id
    and named by one of the entity's spellings) but another name takes the new name,
    when no node has that name yet.
    """
    _check(labels=(label,))
    return (f"UNWIND $rows AS row "
            f"WITH row WHERE NOT EXISTS {{ MATCH (:{label} {{name: row.name}}) }} "
            f"{_renamed(label)} "
            f"WITH row, collect(old)[0] AS keep WHERE keep IS NOT NULL "
            f"SET keep.name = row.name, keep.entity_id = row.id "
            f"RETURN count(keep) AS written")


def merge_renamed_entities(label: str) -> str:
    """Fold the other nodes of a renamed entity into the node of its name: their
    articles' MENTIONS move over, and they are deleted (``$rows`` as above)."""
    _check(labels=(label,))
    return (f"UNWIND $rows AS row "
            f"MATCH (new:{label} {{name: row.name}}) "
            f"{_renamed(label)} "
            f"CALL (old, new) {{ MATCH (a:Article)-[r:MENTIONS]->(old) "
            f"MERGE (a)-[m:MENTIONS]->(new) SET m += properties(r) }} "
            f"DETACH DELETE old "
            f"RETURN count(*) AS written")


def count_nodes() -> str:
    """Nodes per label."""
    return "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count ORDER BY label"


def count_relationships() -> str:
    """Relationships per type."""
    return "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count ORDER BY type"
