"""Nodes and relationships as batches of records, from a networkx graph or from the
Parquet tables of a Dask build, for the writers that stream (Neo4j push, bulk-import CSV).

A record is ``(node id, properties)`` or ``(start id, end id, properties)``. Properties
hold no ``kind`` (that is the label or type) and no None (no property in Neo4j); a
node's properties include its key property (``url``, ``name``, ``key``, ``domain``).
Reading tables holds one batch in memory at a time, whatever the size of the tables.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from graph import model as m
from graph import tables as t
from graph.export.graphfiles import GraphFileError

NodeBatch = tuple[str, list[tuple[str, dict[str, Any]]]]  # kind, [(id, props)]
RelBatch = tuple[str, list[tuple[str, str, dict[str, Any]]]]  # type, [(start, end, props)]


def props(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """Properties as Neo4j holds them: no ``kind`` (the label), no None."""
    return {k: v for k, v in attrs.items() if k != "kind" and v is not None}


def relation_props(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """A typed relation's properties as Neo4j and its CSV hold them: the evidence as two
    lists of the same length, ``evidence_articles`` (article URLs) and ``evidence_texts``
    (the sentences), which later pushes extend (a list of maps is no Neo4j property)."""
    out = props(attrs)
    evidence = out.pop("evidence", None)
    if isinstance(evidence, str):
        evidence = json.loads(evidence)
    if evidence is not None:
        out["evidence_articles"] = [m.split_node_id(e["article"])[1] for e in evidence]
        out["evidence_texts"] = [e["text"] for e in evidence]
    return out


def _node_props(nid: str, kind: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    return {**props(attrs), m.KEY_PROPERTY[kind]: m.split_node_id(nid)[1]}


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


class GraphRecords:
    """Records of an in-memory graph."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G = G

    def size(self) -> int:
        return self.G.number_of_nodes() + self.G.number_of_edges()

    def nodes(self, batch_size: int, kinds: Iterable[str] | None = None
              ) -> Iterator[NodeBatch]:
        wanted = set(kinds) if kinds is not None else set(m.LABELS)
        by_kind: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
        for n, attrs in self.G.nodes(data=True):
            kind = attrs.get("kind")
            if kind in wanted:
                by_kind[kind].append((n, _node_props(n, kind, attrs)))
        for kind, items in sorted(by_kind.items()):
            for chunk in _chunks(items, batch_size):
                yield kind, chunk

    def relationships(self, batch_size: int, types: Iterable[str] | None = None
                      ) -> Iterator[RelBatch]:
        wanted = set(types) if types is not None else set(m.EDGE_KINDS)
        by_type: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
        for u, v, attrs in self.G.edges(data=True):
            if attrs["kind"] in wanted:
                convert = relation_props if attrs["kind"] in m.RELATION_KINDS else props
                by_type[attrs["kind"]].append((u, v, convert(attrs)))
        for rel, items in sorted(by_type.items()):
            for chunk in _chunks(items, batch_size):
                yield rel, chunk


class TableRecords:
    """Records of the Parquet tables of a Dask build (``OUT/tables``), streamed."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        missing = [name for name in t.TABLES if not (self.folder / name).is_dir()]
        if missing:
            raise GraphFileError(f"{self.folder}: not a tables folder of 'storygraph build "
                                 f"--dask' (no {', '.join(missing)}); give OUT/tables")

    def _batches(self, name: str, batch_size: int) -> Iterator[list[dict[str, Any]]]:
        import pyarrow.dataset as ds

        dataset = ds.dataset(self.folder / name, format="parquet")
        for batch in dataset.to_batches(batch_size=batch_size):
            if batch.num_rows:
                yield batch.to_pylist()

    def size(self) -> int:
        import pyarrow.dataset as ds

        return sum(ds.dataset(self.folder / name, format="parquet").count_rows()
                   for name in t.TABLES)

    def nodes(self, batch_size: int, kinds: Iterable[str] | None = None
              ) -> Iterator[NodeBatch]:
        wanted = set(kinds) if kinds is not None else set(m.LABELS)
        table_of = {m.ARTICLE: "articles", m.TOPIC: "topics", m.PUBLISHER: "publishers",
                    m.EVENT: "events"}
        for kind in sorted(k for k in table_of if k in wanted):
            for rows in self._batches(table_of[kind], batch_size):
                yield kind, [(r["id"], _node_props(r["id"], kind, _table_attrs(kind, r)))
                             for r in rows]
        if wanted & set(m.ENTITY_KINDS):
            for rows in self._batches("entities", batch_size):
                by_kind: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
                for r in rows:
                    if r["kind"] in wanted:
                        by_kind[r["kind"]].append(
                            (r["id"], _node_props(r["id"], r["kind"], _table_attrs(r["kind"], r))))
                yield from sorted(by_kind.items())

    def relationships(self, batch_size: int, types: Iterable[str] | None = None
                      ) -> Iterator[RelBatch]:
        wanted = set(types) if types is not None else set(m.EDGE_KINDS)
        for name, rel in sorted(t.EDGE_TABLES.items(), key=lambda kv: kv[1]):
            if rel in wanted:
                for rows in self._batches(name, batch_size):
                    yield rel, [(r.pop("source"), r.pop("target"), props(r)) for r in rows]
        if wanted & set(m.RELATION_KINDS):
            for rows in self._batches(t.RELATIONS, batch_size):
                by_type: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
                for r in rows:
                    if r["kind"] in wanted:
                        by_type[r["kind"]].append((r.pop("source"), r.pop("target"),
                                                   relation_props(r)))
                yield from sorted(by_type.items())


def _table_attrs(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    """A table row as the node attributes of the one-machine graph."""
    row = {k: v for k, v in row.items() if k != "id"}
    if kind == m.ARTICLE:
        row.pop("order", None)
        extra = row.pop("properties", None)
        row["name"] = row["title"]
        if extra:
            row.update(json.loads(extra))
    return row


def records_of(source: nx.MultiDiGraph | str | os.PathLike[str]) -> GraphRecords | TableRecords:
    """Records of a graph, or of a tables folder."""
    if isinstance(source, nx.MultiDiGraph):
        return GraphRecords(source)
    return TableRecords(source)
