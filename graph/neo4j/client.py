"""Neo4j: push a graph in UNWIND batches, run queries, connect with clear errors.

The library functions receive a ``neo4j.Driver`` and a database name; only
:func:`connect` (used by the CLI) builds a driver. Every write is a MERGE on a unique key
inside a managed write transaction (``execute_write`` retries transient errors), so a
push can be repeated, or resumed after a failure, and converges without duplicates.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from extract.errors import StorygraphError
from graph import model as m
from graph.neo4j import queries
from graph.neo4j.records import GraphRecords, TableRecords, records_of


class Neo4jError(StorygraphError):
    """Talking to Neo4j failed (connection, authentication, query)."""


DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_BATCH_SIZE = 5000

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class Settings:
    """Connection settings, defaulting to the variables Neo4j's own tools read."""

    uri: str = DEFAULT_URI
    user: str = "neo4j"
    password: str | None = None
    database: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        env = os.environ if env is None else env
        values = {"uri": env.get("NEO4J_URI", DEFAULT_URI),
                  "user": env.get("NEO4J_USERNAME", "neo4j"),
                  "password": env.get("NEO4J_PASSWORD"),
                  "database": env.get("NEO4J_DATABASE") or None}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def __repr__(self) -> str:  # the password never shows up in logs or tracebacks
        return f"Settings(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"


@dataclass(slots=True)
class PushSummary:
    """What a push wrote: nodes per label, relationships per type, seconds."""

    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"nodes": self.nodes, "relationships": self.relationships,
                "seconds": round(self.seconds, 3)}


@contextlib.contextmanager
def translate_errors(settings: Settings) -> Iterator[None]:
    """Turn the driver's exceptions into one-line Neo4jErrors naming the URI and the fix."""
    from neo4j import exceptions as ex

    uri = settings.uri
    try:
        yield
    except ex.AuthError as exc:
        raise Neo4jError(f"Neo4j at {uri} refused user {settings.user!r}: wrong user or "
                         f"password; set --user/--password or NEO4J_USERNAME/NEO4J_PASSWORD"
                         ) from exc
    except (ex.ServiceUnavailable, ex.SessionExpired, OSError) as exc:
        raise Neo4jError(f"cannot reach Neo4j at {uri}: is the server running? Start the "
                         f"test server with 'scripts/neo4j start' or point --uri / "
                         f"NEO4J_URI at yours") from exc
    except ex.ClientError as exc:
        if "DatabaseNotFound" in (exc.code or ""):
            raise Neo4jError(f"Neo4j at {uri} has no database {settings.database!r}: create "
                             f"it or pass another --database / NEO4J_DATABASE") from exc
        raise Neo4jError(f"Neo4j at {uri} rejected the query: {exc.message}") from exc
    except ex.Neo4jError as exc:
        raise Neo4jError(f"Neo4j at {uri} failed: {exc.message}") from exc
    except ex.DriverError as exc:
        raise Neo4jError(f"Neo4j driver error for {uri}: {exc}") from exc


def connect(settings: Settings, **driver_config: Any):
    """A verified driver for ``settings``; raises Neo4jError saying how to fix it.

    ``driver_config`` goes to ``neo4j.GraphDatabase.driver`` (e.g.
    ``max_transaction_retry_time``).
    """
    try:
        import neo4j
    except ImportError as exc:  # pragma: no cover - neo4j is a dependency
        raise Neo4jError("the neo4j driver is not installed: pip install neo4j") from exc
    auth = (settings.user, settings.password) if settings.password is not None else None
    with translate_errors(settings):
        try:
            driver = neo4j.GraphDatabase.driver(settings.uri, auth=auth, **driver_config)
        except ValueError as exc:
            raise Neo4jError(f"{settings.uri!r} is not a Neo4j URI; use e.g. "
                             f"bolt://localhost:7687 or neo4j+s://xxxx.databases.neo4j.io"
                             ) from exc
        try:
            driver.verify_connectivity()
            with driver.session(database=settings.database) as session:
                session.run("RETURN 1").consume()
        except BaseException:
            driver.close()
            raise
    return driver


@contextlib.contextmanager
def connected(settings: Settings, **driver_config: Any) -> Iterator[Any]:
    """A verified driver whose failures become one-line Neo4jErrors; closed on exit."""
    driver = connect(settings, **driver_config)
    try:
        with translate_errors(settings):
            yield driver
    finally:
        driver.close()


def relationship_rows(G: nx.MultiDiGraph) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """Rows to MERGE per (type, start kind, end kind): ``{start, end, props}``."""
    rows: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for rel, batch in GraphRecords(G).relationships(1 << 62):
        for group, group_rows in _relationship_groups(rel, batch).items():
            rows[group].extend(group_rows)
    return rows


def _relationship_groups(rel: str, batch: list[tuple[str, str, dict[str, Any]]]
                         ) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """One batch of records as MERGE rows per (type, start kind, end kind); the kinds
    are read off the node ids."""
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, attrs in batch:
        (ku, su), (kv, sv) = m.split_node_id(u), m.split_node_id(v)
        groups[(rel, ku, kv)].append({"start": su, "end": sv, "props": attrs})
    return groups


def _batches(rows: list[dict[str, Any]], size: int) -> Iterable[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _write(tx, query: str, rows: list[dict[str, Any]]) -> int:
    record = tx.run(query, rows=rows).single()
    return int(record["written"]) if record else 0


def create_constraints(driver, *, database: str | None = None) -> None:
    """The unique constraints (IF NOT EXISTS), one schema transaction each.

    A database written before topics were keyed by their folded name is upgraded first
    (see :func:`_upgrade_topic_keys`).
    """
    with driver.session(database=database) as session:
        _upgrade_topic_keys(session)
        for kind, label in m.LABELS.items():
            session.run(queries.constraint(label, m.KEY_PROPERTY[kind])).consume()
            if kind in m.ENTITY_KINDS:
                session.run(queries.entity_id_index(label)).consume()


def _upgrade_topic_keys(session) -> None:
    """Give every Topic without a ``key`` its folded name as key, merging the Topics
    that fold to the same key into one, and drop the old unique constraint on names."""
    session.run(queries.drop_constraint(queries.constraint_name("Topic", "name"))).consume()
    _, rows = run_query_in(session, queries.topics_without_key())
    if not rows:
        return
    keep: dict[str, str] = {}
    moves = []
    for row in sorted(rows, key=lambda r: (r["name"] or "", r["id"])):
        key = m.topic_key(row["name"] or "")
        existing = keep.setdefault(key, row["id"])
        if existing != row["id"]:
            moves.append({"keep": existing, "drop": row["id"]})
    session.execute_write(lambda tx: tx.run(queries.set_topic_keys(),
                                            rows=[{"id": i, "key": k} for k, i in keep.items()]
                                            ).consume())
    if moves:
        session.execute_write(lambda tx: tx.run(queries.merge_topics(), rows=moves).consume())


def push(source: nx.MultiDiGraph | str | os.PathLike[str] | GraphRecords | TableRecords,
         driver, *, database: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
         progress: Progress | None = None) -> PushSummary:
    """Write a graph, or the tables folder of a Dask build, into Neo4j: constraints,
    then nodes, then relationships, in UNWIND batches.

    Idempotent: MERGE on each label's unique key, properties set with ``+=``, so a
    repeated push leaves the same counts and a bigger graph adds only what is new.
    Additive: the entities' aggregates (articles, mentions, first/last seen, aliases)
    and the co-mention weights are then recomputed from what the database holds, so
    pushing several graphs into one database (incremental loads) adds up like one big
    graph. Tables are streamed a batch at a time: memory stays flat whatever their size.
    ``progress(n)`` is called with the rows of each written batch.
    """
    records = source if isinstance(source, GraphRecords | TableRecords) else records_of(source)
    started = time.perf_counter()
    summary = PushSummary()
    create_constraints(driver, database=database)
    nodes = Counter[str]()
    rels = Counter[str]()
    with driver.session(database=database) as session:
        _follow_renames(records, session, batch_size)
        for kind, batch in records.nodes(batch_size):
            label = m.LABELS[kind]
            query = queries.merge_nodes(label, m.KEY_PROPERTY[kind])
            rows = [{"key": m.split_node_id(n)[1], "props": p} for n, p in batch]
            nodes[label] += session.execute_write(_write, query, rows)
            if progress:
                progress(len(rows))
        for rel, batch in records.relationships(batch_size):
            for (_, start, end), rows in sorted(_relationship_groups(rel, batch).items()):
                merge = (queries.merge_relations if rel in m.RELATION_KINDS
                         else queries.merge_relationships)
                query = merge(rel, m.LABELS[start], m.KEY_PROPERTY[start], m.LABELS[end],
                              m.KEY_PROPERTY[end])
                rels[rel] += session.execute_write(_write, query, rows)
            if progress:
                progress(len(batch))
        _recompute(records, session, batch_size)
    summary.nodes = dict(sorted(nodes.items()))
    summary.relationships = dict(sorted(rels.items()))
    summary.seconds = time.perf_counter() - started
    return summary


def _follow_renames(records: GraphRecords | TableRecords, session, batch_size: int) -> None:
    """Entities whose canonical name changed in the alias table (same ``entity_id``)
    keep their node in the database: it is renamed, or folded into the node of the new
    name, before the push MERGEs by name. The key stays the name, so Cypher reads
    ``{name: 'Microsoft'}``; the id is what follows a rename."""
    for kind, batch in records.nodes(batch_size, kinds=m.ENTITY_KINDS):
        rows = [{"id": p["entity_id"], "name": p["name"], "aliases": list(p.get("aliases") or [])}
                for _, p in batch if p.get("entity_id")]
        if rows:
            label = m.LABELS[kind]
            for query in (queries.rename_entities(label), queries.merge_renamed_entities(label)):
                session.execute_write(_write, query, rows)


def _recompute(records: GraphRecords | TableRecords, session, batch_size: int) -> None:
    """Entity aggregates and co-mention weights from the database's MENTIONS, for the
    entities that articles outside this graph also mention (earlier pushes)."""
    def names_of(tx, query: str, batch: list[dict[str, Any]]) -> list[str]:
        return [r["name"] for r in tx.run(query, rows=batch)]

    stale: dict[str, set[str]] = defaultdict(set)
    for kind, batch in records.nodes(batch_size, kinds=m.ENTITY_KINDS):
        rows = [{"key": p["name"], "articles": p.get("articles", 0)} for _, p in batch]
        query = queries.entities_with_foreign_mentions(m.LABELS[kind])
        stale[kind].update(session.execute_read(names_of, query, rows))
    if not any(stale.values()):
        return
    for kind, names in sorted(stale.items()):
        query = queries.recompute_entities(m.LABELS[kind])
        for batch in _batches(sorted(names), batch_size):
            session.execute_write(lambda tx, q=query, b=batch: tx.run(q, keys=b).consume())
    for _, batch in records.relationships(batch_size, types=[m.CO_MENTIONED]):
        pairs: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
        for u, v, _ in batch:
            (ka, a), (kb, b) = m.split_node_id(u), m.split_node_id(v)
            if a in stale[ka] or b in stale[kb]:
                pairs[(ka, kb)].append({"start": a, "end": b})
        for (ka, kb), pair_rows in sorted(pairs.items()):
            query = queries.recompute_co_mentions(m.LABELS[ka], m.LABELS[kb])
            session.execute_write(lambda tx, q=query, b=pair_rows: tx.run(q, rows=b).consume())


def total_rows(source: nx.MultiDiGraph | str | os.PathLike[str]) -> int:
    """Rows a push writes (for a progress bar)."""
    return records_of(source).size()


def _plain(value: Any) -> Any:
    """Driver values (nodes, relationships, paths) as plain Python for printing."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **dict(value)}
    if isinstance(value, Relationship):
        return {"type": value.type, **dict(value)}
    if isinstance(value, Path):
        return [_plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def run_query_in(session, cypher: str, parameters: Mapping[str, Any] | None = None
                 ) -> tuple[list[str], list[dict[str, Any]]]:
    """:func:`run_query` in an open session, read-only."""
    def work(tx) -> tuple[list[str], list[dict[str, Any]]]:
        result = tx.run(cypher, dict(parameters or {}))
        keys = list(result.keys())
        return keys, [{k: _plain(record[k]) for k in keys} for record in result]

    return session.execute_read(work)


def run_query(driver, cypher: str, parameters: Mapping[str, Any] | None = None, *,
              database: str | None = None, write: bool = False
              ) -> tuple[list[str], list[dict[str, Any]]]:
    """Run one Cypher query in a read (or, with ``write``, a write) transaction.

    Returns the column names and the rows as plain dicts.
    """
    params = dict(parameters or {})

    def work(tx) -> tuple[list[str], list[dict[str, Any]]]:
        result = tx.run(cypher, params)
        keys = list(result.keys())
        return keys, [{k: _plain(record[k]) for k in keys} for record in result]

    with driver.session(database=database) as session:
        if write:
            return session.execute_write(work)
        return session.execute_read(work)


def database_counts(driver, *, database: str | None = None) -> dict[str, dict[str, int]]:
    """Nodes per label and relationships per type in the database."""
    _, nodes = run_query(driver, queries.count_nodes(), database=database)
    _, rels = run_query(driver, queries.count_relationships(), database=database)
    return {"nodes": {r["label"]: r["count"] for r in nodes},
            "relationships": {r["type"]: r["count"] for r in rels}}
