"""The quality instrument: gold files, scores, split/merged detection, the eval command."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from graph import model as m
from graph.evaluate import GoldEntity, GoldFileError, evaluate, read_gold, score_graph
from storygraph.cli import cli


def graph_with(mentions: dict[str, list[tuple[str, str, list[str]]]]) -> nx.MultiDiGraph:
    """A graph whose articles (by file name) mention (kind, name, forms) entities."""
    G = nx.MultiDiGraph()
    for story, ents in mentions.items():
        art = m.node_id(m.ARTICLE, f"https://x/{story}")
        G.add_node(art, kind=m.ARTICLE, name=story, source_file=f"/c/{story}")
        for kind, name, forms in ents:
            G.add_node(m.node_id(kind, name), kind=kind, name=name)
            G.add_edge(art, m.node_id(kind, name), key=m.MENTIONS, kind=m.MENTIONS, forms=forms)
    return G


GOLD = {
    "s1.md": [GoldEntity("Federal Trade Commission", m.ORGANIZATION, ("FTC",)),
              GoldEntity("United States", m.PLACE, ("U.S.",))],
    "s2.md": [GoldEntity("Federal Trade Commission", m.ORGANIZATION, ("Federal Trade Commission",)),
              GoldEntity("Sam Altman", m.PERSON, ("Altman",))],
}


def test_scores_split_and_errors_by_hand():
    G = graph_with({
        "s1.md": [(m.ORGANIZATION, "FTC", ["FTC"]), (m.PLACE, "United States", ["U.S."]),
                  (m.ORGANIZATION, "Big Tech", ["Big Tech"])],
        "s2.md": [(m.ORGANIZATION, "Federal Trade Commission", ["Federal Trade Commission"]),
                  (m.PERSON, "Sam Altman", ["Altman"])],
    })
    r = score_graph(G, GOLD)
    org = r.strict[m.ORGANIZATION]
    assert (org.tp, org.fp, org.fn) == (1, 2, 1)  # FTC wrong name, Big Tech spurious
    assert org.precision == pytest.approx(1 / 3) and org.recall == pytest.approx(1 / 2)
    assert r.lenient[m.ORGANIZATION].tp == 2 and r.lenient[m.ORGANIZATION].fp == 1
    assert r.strict[m.PLACE].f1 == 1.0 and r.strict[m.PERSON].f1 == 1.0
    assert r.strict["all"].tp == 3
    assert r.split == [{"kind": m.ORGANIZATION, "expected": "Federal Trade Commission",
                        "nodes": ["organization:FTC", "organization:Federal Trade Commission"]}]
    assert r.merged == []
    kinds = {(e["article"], e["error"], e["got"]) for e in r.errors}
    assert ("s1.md", "wrong name or kind", "organization:FTC") in kinds
    assert ("s1.md", "spurious", "Big Tech") in kinds


def test_merged_node_and_wrong_kind():
    G = graph_with({
        "s1.md": [(m.ORGANIZATION, "United States", ["FTC", "U.S."])],
        "s2.md": [(m.ORGANIZATION, "Sam Altman", ["Altman"])],
    })
    r = score_graph(G, GOLD)
    assert r.merged == [{"node": "organization:United States",
                         "gold": ["organization:Federal Trade Commission", "place:United States"]}]
    assert r.strict[m.PERSON].fn == 1 and r.lenient[m.PERSON].fn == 1  # wrong kind


def test_gold_naming_unknown_story_is_an_error():
    G = graph_with({"s1.md": []})
    with pytest.raises(GoldFileError, match="s2.md"):
        score_graph(G, GOLD)


def test_bad_gold_file(tmp_path):
    bad = tmp_path / "gold.yaml"
    bad.write_text("s1.md:\n  organizations:\n    - just a string\n")
    with pytest.raises(GoldFileError, match="without a text 'name'"):
        read_gold(bad)


def test_evaluate_small_corpus_end_to_end(data_dir):
    r = evaluate(data_dir / "eval")
    assert r.stories == 2
    assert r.strict["all"].f1 == 1.0, r.errors
    assert r.split == [] and r.merged == []


def test_eval_command_table_and_json(data_dir):
    runner = CliRunner()
    table = runner.invoke(cli, ["eval", str(data_dir / "eval")])
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[0].split()[:4] == ["kind", "P", "R", "F1"]
    as_json = runner.invoke(cli, ["eval", str(data_dir / "eval"), "--json"])
    data = json.loads(as_json.stdout)
    assert data["strict"]["organization"]["f1"] == 1.0
    assert data["stories"] == 2
