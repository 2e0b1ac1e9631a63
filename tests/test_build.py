"""Graph building on the shipped seeds: nodes, edges and properties a user relies on."""

from __future__ import annotations

import json

from graph import model as m
from tests.conftest import SEEDS

SEED_URL = "https://www.sfgate.com/news/article/Microsoft-won-t-sell-face-recognition-software-to-15335316.php"


def kinds_of(G, name):
    return {a["kind"] for _, a in G.nodes(data=True) if a.get("name") == name}


def test_known_organizations_people_topics(seeds_graph):
    G = seeds_graph
    for org in ("Microsoft", "Amazon", "IBM", "Clearview AI"):
        assert G.nodes[m.node_id(m.ORGANIZATION, org)]["kind"] == m.ORGANIZATION
    assert G.nodes[m.node_id(m.PERSON, "Brad Smith")]["kind"] == m.PERSON
    assert G.nodes[m.node_id(m.TOPIC, "computer vision")]["name"] == "Computer Vision"


def test_seed_article_edges(seeds_graph):
    G = seeds_graph
    art = m.node_id(m.ARTICLE, SEED_URL)
    attrs = G.nodes[art]
    assert attrs["source_file"].endswith("000_402f7e944cb3d5f6.txt")
    assert attrs["published"] == "2020-06-12T21:17:00Z"
    related = [v for _, v, k in G.out_edges(art, keys=True) if k == m.RELATED_TO]
    assert len(related) == 2
    pubs = [v for _, v, k in G.out_edges(art, keys=True) if k == m.PUBLISHED_BY]
    assert pubs == [m.node_id(m.PUBLISHER, "sfgate.com")]
    mention = G.edges[art, m.node_id(m.ORGANIZATION, "Microsoft"), m.MENTIONS]
    assert mention["in_title"] is True and mention["count"] == 2


def test_story_reached_twice_is_one_article(seeds_graph):
    # The Daily Beast story is a seed file and a related story of 002: one node.
    arts = [a for _, a in seeds_graph.nodes(data=True) if a["kind"] == m.ARTICLE
            and a["name"].startswith("Microsoft Will Not Sell Facial-Recognition Tech")]
    assert len(arts) == 1
    assert arts[0]["source_file"].endswith("001_microsoft-no-facial-recognition-police-dailybeast.md")


def test_entity_properties_and_co_mentions(seeds_graph):
    G = seeds_graph
    ms = G.nodes[m.node_id(m.ORGANIZATION, "Microsoft")]
    assert ms["articles"] >= 5 and ms["mentions"] >= ms["articles"]
    assert ms["first_seen"] <= ms["last_seen"]
    assert "Microsoft" in ms["aliases"]
    a, b = sorted([m.node_id(m.ORGANIZATION, "Microsoft"), m.node_id(m.ORGANIZATION, "Amazon")])
    edge = G.edges[a, b, m.CO_MENTIONED]
    common = {u for u, _ in G.in_edges(a)} & {u for u, _ in G.in_edges(b)}
    assert edge["weight"] == len(common) >= 2


def test_every_node_and_edge_has_kind_and_name(seeds_graph):
    for _, attrs in seeds_graph.nodes(data=True):
        assert attrs["kind"] in m.NODE_KINDS and attrs["name"]
    for _, _, attrs in seeds_graph.edges(data=True):
        assert attrs["kind"] in m.EDGE_KINDS


def test_outputs_written_as_contracted(seeds_build):
    files = seeds_build.files
    data = json.loads(files["graph"].read_text())
    assert {"nodes", "edges", "directed", "multigraph"} <= data.keys()
    report = json.loads(files["report"].read_text())
    assert report["counts"]["nodes"]["article"] == 23
    assert set(report["timings"]) >= {"load", "extract", "resolve", "graph", "write"}
    assert report["load_issues"] == []
    assert any("no publish date" in n["note"] for n in report["notes"])
    assert files["html"].read_text().startswith("<!DOCTYPE html>")


def test_cyclic_collector_paused_for_the_build_but_not_for_spacy(tmp_path, monkeypatch):
    """The build runs without the cyclic garbage collector, except while spaCy works in
    this process, and leaves it as it found it."""
    import gc
    import shutil

    import graph.build as build_module

    for path in sorted(SEEDS.iterdir())[:3]:
        shutil.copy(path, tmp_path / path.name)
    seen: list[bool] = []
    real = build_module.extract_texts

    def watched(*args, **kwargs):
        for found in real(*args, **kwargs):
            seen.append(gc.isenabled())
            yield found

    monkeypatch.setattr(build_module, "extract_texts", watched)
    between: list[bool] = []  # a step between two stages
    real_notes = build_module._extraction_notes

    def notes(*args, **kwargs):
        between.append(gc.isenabled())
        return real_notes(*args, **kwargs)

    monkeypatch.setattr(build_module, "_extraction_notes", notes)
    assert gc.isenabled()
    result = build_module.build([tmp_path], out_dir=None)
    assert result.report["extraction"]["extracted"] > 0
    assert seen and all(seen)
    assert between == [False]
    assert gc.isenabled()
