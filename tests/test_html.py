"""The HTML view's content, without a browser: escaping, links, filters, caps."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest
from click.testing import CliRunner

from graph import model as m
from graph.entities import UnknownEntityError
from graph.export.html import (
    ViewOptions,
    generate_html,
    safe_url,
    script_json,
    select_view,
    view_data,
)
from storygraph.cli import cli


def embedded_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert match
    return json.loads(match.group(1))


def test_the_pinned_pyvis_ships_the_vis_network_the_view_inlines():
    from graph.export.html import _vis_assets

    js, css = _vis_assets()
    assert "vis-network" in js[:2000] and len(js) > 100_000
    assert ".vis-network" in css


def test_script_json_cannot_close_the_script():
    text = script_json({"t": "</script><script>alert(1)</script><!-- \u2028"})
    assert "<" not in text and ">" not in text and "\u2028" not in text
    assert json.loads(text) == {"t": "</script><script>alert(1)</script><!-- \u2028"}


@pytest.mark.parametrize(("url", "ok"), [
    ("https://a.example/x", True), ("http://a.example", True), (" HTTPS://A.example", True),
    ("javascript:alert(1)", False), ("data:text/html,x", False), ("urn:storygraph:1", False),
    (None, False),
])
def test_safe_url(url, ok):
    assert (safe_url(url) is not None) is ok


def test_hostile_stories_stay_data(tmp_path, data_dir):
    from graph.build import build

    G = build([data_dir / "hostile"], out_dir=None).graph
    page = generate_html(G, title="<b>x</b></title><script>")
    head, _, rest = page.partition('<script type="application/json" id="graph-data">')
    payload, _, tail = rest.partition("</script>")
    assert "window.__pwned" not in head and "window.__pwned" not in tail
    assert "<script>window" not in page and "<img src=x" not in page and "<svg" not in page
    assert "<title>&lt;b&gt;x&lt;/b&gt;&lt;/title&gt;&lt;script&gt;</title>" in page
    data = json.loads(payload)
    titles = {n["name"] for n in data["nodes"]}
    assert any(t.startswith("</script><script>") for t in titles)  # kept verbatim, as data
    article_urls = [n["panel"]["url"] for n in data["nodes"] if n["kind"] == "article"]
    assert all(u is None or u.startswith(("http://", "https://")) for u in article_urls)


def test_markers_in_titles_are_not_expanded(tmp_path):
    G = nx.MultiDiGraph()
    G.add_node("organization:{{VIS_JS}}", kind=m.ORGANIZATION, name="{{VIS_JS}} {{DATA}}", articles=1)
    page = generate_html(G)
    assert embedded_data(page)["nodes"][0]["name"] == "{{VIS_JS}} {{DATA}}"


def test_cap_keeps_most_connected_and_says_so(seeds_graph):
    options = ViewOptions(max_nodes=10)
    H = select_view(seeds_graph, options)
    assert H.number_of_nodes() == 10
    assert "organization:Microsoft" in H
    assert any("left out" in n for n in options.notes)
    data = view_data(seeds_graph, ViewOptions(max_nodes=10))
    assert data["summary"]["shown"] == 10 and data["summary"]["total"] == seeds_graph.number_of_nodes()


def test_focus_depth_kinds_dates_weight(seeds_graph):
    H = select_view(seeds_graph, ViewOptions(focus="clearview ai", depth=1))
    assert "organization:Clearview AI" in H
    assert all(nx.has_path(H.to_undirected(), "organization:Clearview AI", n) for n in H)
    H = select_view(seeds_graph, ViewOptions(kinds=(m.ORGANIZATION, m.PERSON)))
    assert {a["kind"] for _, a in H.nodes(data=True)} == {m.ORGANIZATION, m.PERSON}
    H = select_view(seeds_graph, ViewOptions(since="2020-06", until="2020-06"))
    dates = [a["published"] for _, a in H.nodes(data=True) if a["kind"] == m.ARTICLE]
    assert dates and all(d.startswith("2020-06") for d in dates)
    H = select_view(seeds_graph, ViewOptions(kinds=(m.ORGANIZATION,), min_weight=2))
    assert all(a["weight"] >= 2 for _, _, a in H.edges(data=True) if a["kind"] == m.CO_MENTIONED)


def test_unknown_focus_suggests_names(seeds_graph):
    with pytest.raises(UnknownEntityError, match="did you mean 'Microsoft'"):
        select_view(seeds_graph, ViewOptions(focus="Microsfot"))


def test_panels_hold_articles_and_entities(seeds_graph):
    data = view_data(seeds_graph)
    ms = next(n for n in data["nodes"] if n["id"] == "organization:Microsoft")
    assert ms["panel"]["article_count"] == seeds_graph.nodes["organization:Microsoft"]["articles"]
    assert {"title", "date", "publisher", "url"} <= ms["panel"]["articles"][0].keys()
    art = next(n for n in data["nodes"] if n["kind"] == "article" and n["panel"]["entities"])
    assert {"excerpt", "entities", "topics", "publisher"} <= art["panel"].keys()


def test_html_command(seeds_build, tmp_path):
    runner = CliRunner()
    out = tmp_path / "v.html"
    result = runner.invoke(cli, ["html", str(seeds_build.files["graph"]), "-o", str(out),
                                 "--focus", "Microsoft", "--max-nodes", "20", "--title", "MS"])
    assert result.exit_code == 0, result.output
    data = embedded_data(out.read_text())
    assert data["title"] == "MS" and len(data["nodes"]) <= 20
    bad = runner.invoke(cli, ["html", str(seeds_build.files["graph"]), "--since", "last week"])
    assert bad.exit_code == 1 and "is not a date" in bad.stderr


def test_edge_cap_keeps_heaviest_and_no_node_floats(seeds_graph):
    options = ViewOptions(max_nodes=40, max_edges=30)
    data = view_data(seeds_graph, options)
    assert any("weaker edges left out" in n for n in data["summary"]["notes"])
    linked = {e["from"] for e in data["edges"]} | {e["to"] for e in data["edges"]}
    assert {n["id"] for n in data["nodes"]} <= linked
    assert 30 <= len(data["edges"]) <= 30 + len(data["nodes"])
    assert data["summary"]["first"] == "2018-06-01"  # the stories' dates, shown or not


def test_show_is_the_same_page_for_notebooks(seeds_graph, tmp_path):
    from graph.export.html import View, show

    view = show(seeds_graph, focus="Microsoft", height=420)
    assert isinstance(view, View) and view.page == generate_html(seeds_graph, focus="Microsoft")
    markup = view._repr_html_()
    # the page is one attribute value: no quote or tag of it is left raw
    inside = markup[len('<iframe srcdoc="'):markup.index('" sandbox=')]
    assert '"' not in inside and "<" not in inside and ">" not in inside
    assert "height: 420px" in markup
    saved = view.save(tmp_path / "v.html")
    assert saved.read_text(encoding="utf-8") == view.page
