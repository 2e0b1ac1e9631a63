"""Reading and writing graphs: node-link JSON (the output contract), GraphML and GEXF.

Naming follows networkx readwrite: ``generate_x(G) -> str`` and ``write_x(G, path)``.
GraphML and GEXF only hold scalars, so the model's list properties
(:data:`graph.model.LIST_PROPERTIES`) are written as JSON text, and :func:`read_graphml`
and :func:`read_gexf` turn them back into lists.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import networkx as nx

from extract import jsontext
from extract.errors import StorygraphError
from graph.files import OutputSet, atomic_write
from graph.model import GRAPH_FILE_FORMATS, LIST_PROPERTIES


class GraphFileError(StorygraphError):
    """A graph.json (or other graph file) cannot be read."""


class ExportError(StorygraphError):
    """A graph could not be exported in the requested format."""





def generate_json(G: nx.MultiDiGraph) -> str:
    """The graph as node-link JSON text (``networkx.node_link_data(G, edges="edges")``),
    exactly as :func:`write_json` writes it."""
    return jsontext.dumps(nx.node_link_data(G, edges="edges")).decode("utf-8")


def write_json(G: nx.MultiDiGraph, path: str | os.PathLike[str], *,
               outputs: OutputSet | None = None) -> None:
    """Write ``graph.json``: exactly ``node_link_data(G, edges="edges")``, streamed.

    Nodes and edges are encoded a chunk at a time, so a big graph is never copied whole
    into a second structure (node_link_data would). The text is :func:`generate_json`'s,
    byte for byte. Written to a temporary file first, so readers never see half a file.
    """
    multigraph = G.is_multigraph()

    def edge_records() -> Iterator[dict[str, Any]]:
        edges = G.edges(keys=True, data=True) if multigraph else G.edges(data=True)
        for u, v, *rest in edges:
            record = {**rest[-1], "source": u, "target": v}
            if multigraph:
                record["key"] = rest[0]
            yield record

    def write_list(records: Iterator[dict[str, Any]]) -> None:
        # A list's items are joined by ",", as the records of one chunk are.
        first = True
        while chunk := list(itertools.islice(records, _JSON_CHUNK)):
            if not first:
                fh.write(b",")
            fh.write(jsontext.dumps(chunk)[1:-1])
            first = False

    with atomic_write(path, "wb", outputs=outputs) as fh:
        # node_link_data's keys, in its order
        head = jsontext.dumps({"directed": G.is_directed(), "multigraph": multigraph,
                               "graph": G.graph})
        fh.write(head[:-1] + b',"nodes":[')
        write_list({**attrs, "id": n} for n, attrs in G.nodes(data=True))
        fh.write(b'],"edges":[')
        write_list(edge_records())
        fh.write(b"]}")


_JSON_CHUNK = 2000  # records encoded at once


def read_json(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Read a ``graph.json`` written by :func:`write_json` (or any node-link JSON)."""
    try:
        data = jsontext.loads(Path(path).read_bytes())
    except FileNotFoundError as exc:
        raise GraphFileError(f"{path}: no such file; run 'storygraph build' first "
                             f"(it writes out/graph.json)") from exc
    except (OSError, jsontext.JSONDecodeError) as exc:
        raise GraphFileError(f"{path}: not a readable graph.json ({exc}); rebuild it with "
                             f"'storygraph build'") from exc
    try:
        G = nx.node_link_graph(data, edges="edges", multigraph=True, directed=True)
    except (KeyError, TypeError, nx.NetworkXError) as exc:
        raise GraphFileError(f"{path}: JSON is not node-link graph data ({exc}); rebuild "
                             f"it with 'storygraph build'") from exc
    if not isinstance(G, nx.MultiDiGraph):
        G = nx.MultiDiGraph(G)
    return G


def _flat_copy(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only scalar attributes: lists as JSON text, None left out."""
    H = nx.MultiDiGraph()

    def flat(attrs: dict[str, Any]) -> dict[str, Any]:
        return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | tuple | dict) else v
                for k, v in attrs.items() if v is not None}

    for n, attrs in G.nodes(data=True):
        H.add_node(n, **flat(attrs))
    for u, v, k, attrs in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **flat(attrs))
    H.graph.update({k: v for k, v in G.graph.items() if isinstance(v, str | int | float)})
    return H


def _check_format(fmt: str) -> None:
    if fmt not in GRAPH_FILE_FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(GRAPH_FILE_FORMATS)}")


def generate_graphml(G: nx.MultiDiGraph) -> str:
    """GraphML text of the graph (lists and dicts as JSON strings), as write_graphml
    writes it."""
    buffer = BytesIO()
    nx.write_graphml(_flat_copy(G), buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write GraphML that yEd, Gephi and networkx open."""
    with atomic_write(path, "wb") as fh:
        nx.write_graphml(_flat_copy(G), fh, encoding="utf-8")


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> None:
    """Write GEXF 1.2 that Gephi opens."""
    H = _flat_copy(G)
    # GEXF has a reserved node 'label'; use the human name so Gephi shows it.
    for _, attrs in H.nodes(data=True):
        attrs["label"] = str(attrs.get("name", ""))
    if isinstance(path, BytesIO):
        nx.write_gexf(H, path, encoding="utf-8")
        return
    with atomic_write(path, "wb") as fh:
        nx.write_gexf(H, fh, encoding="utf-8")


def generate_gexf(G: nx.MultiDiGraph) -> str:
    """GEXF text of the graph."""
    buffer = BytesIO()
    write_gexf(G, buffer)  # type: ignore[arg-type]
    return buffer.getvalue().decode("utf-8")


def _decode(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    def attr_dicts() -> Iterator[dict[str, Any]]:
        yield from (a for _, a in G.nodes(data=True))
        yield from (a for _, _, a in G.edges(data=True))

    for attrs in attr_dicts():
        for k in LIST_PROPERTIES:
            if isinstance(attrs.get(k), str):
                attrs[k] = json.loads(attrs[k])
    return G


def read_graphml(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Read GraphML written by :func:`write_graphml`, restoring list properties."""
    G = nx.read_graphml(path, force_multigraph=True)
    return _decode(nx.MultiDiGraph(G))


def read_gexf(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Read GEXF written by :func:`write_gexf`, restoring list properties."""
    G = nx.read_gexf(path)
    H = _decode(nx.MultiDiGraph(G))
    for _, attrs in H.nodes(data=True):
        attrs.pop("label", None)
    return H


def export(G: nx.MultiDiGraph, path: str | os.PathLike[str], *, fmt: str) -> Path:
    """Write ``G`` to ``path`` in ``fmt`` (graphml or gexf)."""
    _check_format(fmt)
    writers = {"graphml": write_graphml, "gexf": write_gexf}
    target = Path(path)
    writers[fmt](G, target)
    return target
