"""The notebooks run from top to bottom (a failing cell fails the test)."""

from __future__ import annotations

import os

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"


def run(name: str, tmp_path, env: dict[str, str], cwd=NOTEBOOKS) -> nbformat.NotebookNode:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), \
        f"{name} is committed with outputs"
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)  # the kernel inherits this environment
    try:
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(cwd)}}).execute()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return nb


def text_of(nb: nbformat.NotebookNode) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            parts.extend(str(v) for v in out.get("data", {}).values())
    return "\n".join(parts)


def test_timelines_notebook(tmp_path):
    nb = run("01-timelines.ipynb", tmp_path, {"STORYGRAPH_OUT": str(tmp_path / "out")})
    out = text_of(nb)
    assert (tmp_path / "out" / "graph.json").exists()
    assert "peak month: 2020-06" in out
    assert "Microsoft bans face-recognition sales to police" in out  # the events section
    assert "European Commission fined Google" in out  # the relations section
    assert "image/png" in str([o.get("data", {}).keys() for c in nb.cells for o in c.get("outputs", [])])
    assert "<iframe srcdoc=" in out


def test_a_notebook_opened_elsewhere_reads_the_graph_it_is_given(tmp_path, seeds_build):
    # Outside the checkout (as from an installed package): the parameters say which graph.
    graph = seeds_build.files["graph"]
    nb = run("01-timelines.ipynb", tmp_path, {"STORYGRAPH_GRAPH": str(graph)}, cwd=tmp_path)
    assert f"edges from {graph}" in text_of(nb)
    assert not (tmp_path / "out").exists()


@pytest.mark.neo4j
def test_neo4j_notebook(tmp_path, neo4j_uri, empty_neo4j):
    nb = run("02-neo4j-cypher.ipynb", tmp_path, {"STORYGRAPH_OUT": str(tmp_path / "out"),
                                                 "NEO4J_URI": neo4j_uri})
    out = text_of(nb)
    assert "pushed to " + neo4j_uri in out
    assert "graph.timeline" in out
