"""graph.json, GraphML and GEXF: write, read back, same graph."""

from __future__ import annotations

import pytest

from graph.export.graphfiles import (
    export,
    generate_gexf,
    generate_graphml,
    generate_json,
    read_gexf,
    read_graphml,
    read_json,
    write_json,
)


def edge_set(G):
    return sorted((u, v, a["kind"]) for u, v, a in G.edges(data=True))


def test_json_round_trip(seeds_graph, tmp_path):
    write_json(seeds_graph, tmp_path / "g.json")
    H = read_json(tmp_path / "g.json")
    assert dict(H.nodes(data=True)) == dict(seeds_graph.nodes(data=True))
    assert edge_set(H) == edge_set(seeds_graph)


@pytest.mark.parametrize(("fmt", "reader"), [("graphml", read_graphml), ("gexf", read_gexf)])
def test_round_trip(seeds_graph, tmp_path, fmt, reader):
    path = export(seeds_graph, tmp_path / f"g.{fmt}", fmt=fmt)
    H = reader(path)
    assert set(H.nodes) == set(seeds_graph.nodes)
    assert edge_set(H) == edge_set(seeds_graph)
    ms = "organization:Microsoft"
    assert H.nodes[ms]["aliases"] == seeds_graph.nodes[ms]["aliases"]
    assert H.nodes[ms]["articles"] == seeds_graph.nodes[ms]["articles"]


def test_streamed_json_is_node_link_data(seeds_graph, tmp_path):
    import json

    import networkx as nx

    write_json(seeds_graph, tmp_path / "g.json")
    assert json.loads((tmp_path / "g.json").read_text()) == json.loads(
        json.dumps(nx.node_link_data(seeds_graph, edges="edges")))


@pytest.mark.parametrize(("generate", "fmt"), [(generate_json, "json"),
                                              (generate_graphml, "graphml"),
                                              (generate_gexf, "gexf")])
def test_generate_gives_what_write_writes(seeds_graph, tmp_path, generate, fmt, monkeypatch):
    import graph.export.graphfiles as graphfiles

    monkeypatch.setattr(graphfiles, "_JSON_CHUNK", 7)  # many chunks, joined as one list
    path = tmp_path / f"g.{fmt}"
    if fmt == "json":
        write_json(seeds_graph, path)  # streamed a chunk at a time, the same text
    else:
        export(seeds_graph, path, fmt=fmt)
    assert generate(seeds_graph) == path.read_text(encoding="utf-8")
