"""Scale on one machine: spaCy worker processes."""

from __future__ import annotations

import networkx as nx
import pytest

from graph import build as build_module
from graph.build import build


def same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    ea = sorted((u, v, k, tuple(sorted((x, str(y)) for x, y in d.items())))
                for u, v, k, d in a.edges(keys=True, data=True))
    eb = sorted((u, v, k, tuple(sorted((x, str(y)) for x, y in d.items())))
                for u, v, k, d in b.edges(keys=True, data=True))
    assert ea == eb


@pytest.fixture(scope="module")
def one_run(seeds_graph):
    return seeds_graph


def test_two_workers_give_the_same_graph(tmp_path, seeds_dir, one_run, monkeypatch):
    monkeypatch.setattr(build_module, "MIN_TEXTS_PER_WORKER", 1)
    result = build([seeds_dir], out_dir=None, workers=2)
    assert result.report["extraction"]["workers"] == 2
    same_graph(result.graph, one_run)


