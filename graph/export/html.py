"""The interactive, self-contained HTML view of a graph.

One file with vis-network (shipped inside the pyvis package) and all data inline:
opening it makes no network request (a Content-Security-Policy forbids any). Document
text is never concatenated into HTML: the data travels as JSON in a
``<script type="application/json">`` element, with ``<``, ``>`` and ``&`` escaped so no
title can close it, and the page builds tooltips and panels as DOM text nodes. Only
``http:`` and ``https:`` URLs become links.

Big graphs: the view keeps the ``max_nodes`` most connected nodes (after the filters),
says what it left out, lets the physics settle once and then switches it off.
"""

from __future__ import annotations

import heapq
import html
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from extract import jsontext
from extract.errors import StorygraphError
from extract.text import date_bound
from graph import model as m
from graph.entities import find_node
from graph.files import OutputSet, atomic_write, write_text

DEFAULT_MAX_NODES = 500
#: Edges drawn per node shown, at most: physics time grows with the edges, and a view
#: of the most connected nodes of a big graph is dense (a 10,000-story graph gives
#: 20,000 edges between its top 500 nodes, which never settle).
EDGES_PER_NODE = 4
#: Articles listed in an entity's side panel (newest first).
PANEL_ARTICLES = 30
#: Above this many articles in a view, the view is drawn as its entity frame (entities,
#: their co-mention and relation edges, and each event instead of its articles; single
#: articles are listed in their entities' panels, not drawn).
FRAME_FROM_ARTICLES = 200
#: The most connected entities (by articles) whose labels stay readable at any zoom:
#: at least LABEL_MIN_PX on screen, the first of them LABEL_TOP_PX, the rest in between.
LABELLED_ENTITIES = 20
LABEL_MIN_PX = 12
LABEL_TOP_PX = 18
#: An article's label is drawn only from this size on screen (zoomed in), or on hover.
ARTICLE_LABEL_PX = 11
#: Spring lengths (canvas units): stories hang close to their entities, which keep
#: room between them for their labels.
NEAR_EDGE_LENGTH = 45
FRAME_EDGE_LENGTH = 170
#: Colour and vis-network shape per node kind (also drawn in the legend).
STYLE = {
    m.ORGANIZATION: ("#1f77b4", "dot"),
    m.PERSON: ("#d62728", "dot"),
    m.PLACE: ("#2ca02c", "triangle"),
    m.TOPIC: ("#9467bd", "diamond"),
    m.PUBLISHER: ("#ff7f0e", "square"),
    m.EVENT: ("#17becf", "star"),
    m.ARTICLE: ("#8c8c8c", "dot"),
}
#: Colour of each typed relation's edges (drawn labelled, with an arrow, and filtered
#: apart from the other edges), and how its target's panel reads it.
RELATION_COLORS = {
    m.ACQUIRES: "#b5179e", m.INVESTS_IN: "#2a9d8f", m.SUES: "#e63946", m.FINES: "#f4a261",
    m.PARTNERS_WITH: "#457b9d", m.LEADS: "#6a4c93",
}
RELATION_PASSIVE = {
    m.ACQUIRES: "acquired by", m.INVESTS_IN: "backed by", m.SUES: "sued by",
    m.FINES: "fined by", m.PARTNERS_WITH: "partners with", m.LEADS: "led by",
}
#: Sentences of evidence a relation's panel lists, oldest first.
PANEL_EVIDENCE = 10


@dataclass(slots=True)
class ViewOptions:
    """What the view shows. Every filter is optional."""

    focus: str | None = None
    depth: int = 1
    kinds: tuple[str, ...] | None = None
    since: str | None = None
    until: str | None = None
    max_nodes: int = DEFAULT_MAX_NODES
    max_edges: int | None = None
    min_weight: int = 1
    title: str | None = None
    notes: list[str] = field(default_factory=list)
    date_range: tuple[str, str] | None = None  # set by select_view: the stories' dates
    #: Draw each event instead of the articles that report it.
    collapse_events: bool | None = None
    #: The entity frame: events instead of their articles, single articles left out.
    #: None: the frame when the view would hold more than FRAME_FROM_ARTICLES articles
    #: (and collapse_events is not given).
    frame: bool | None = None


#: Where pyvis (pinned in pyproject.toml) ships vis-network: not an API of pyvis, so a
#: test checks that the pinned version still has it.
VIS_FOLDER = ("lib", "vis-9.1.2")


def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as shipped inside the pyvis package."""
    base = resources.files("pyvis").joinpath(*VIS_FOLDER)
    try:
        return ((base / "vis-network.min.js").read_text(encoding="utf-8"),
                (base / "vis-network.css").read_text(encoding="utf-8"))
    except OSError as exc:
        raise StorygraphError(
            f"vis-network is not where this storygraph expects it inside pyvis "
            f"({'/'.join(VIS_FOLDER)}): install the pinned version with "
            f"'pip install \"pyvis==0.3.2\"'") from exc


def script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element: no ``</script>``, no ``<!--``."""
    text = jsontext.dumps(data).decode("utf-8")
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def safe_url(url: Any) -> str | None:
    """The URL if it is http(s), else None (``javascript:`` and friends never link)."""
    if isinstance(url, str) and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def _date_bound(value: str | None, *, end: bool) -> str | None:
    try:
        return date_bound(value, end=end)
    except ValueError as exc:
        raise StorygraphError(str(exc)) from exc


def select_view(G: nx.MultiDiGraph, options: ViewOptions) -> nx.MultiDiGraph:
    """The subgraph the view draws, after the filters, the focus and the node cap.

    Adds human-readable notes on what was left out to ``options.notes``.
    """
    H = G
    since, until = _date_bound(options.since, end=False), _date_bound(options.until, end=True)
    if since or until:
        drop = [n for n, a in H.nodes(data=True) if a.get("kind") == m.ARTICLE and not (
            a.get("published") and (not since or a["published"] >= since)
            and (not until or a["published"] <= until))]
        H = H.copy()
        H.remove_nodes_from(drop)
        H.remove_nodes_from([n for n in list(H) if H.degree(n) == 0])
        options.notes.append(f"{len(drop)} articles outside the dates (or undated) left out")
    if options.kinds:
        unknown = set(options.kinds) - set(m.NODE_KINDS)
        if unknown:
            raise StorygraphError(f"unknown kind(s) {', '.join(sorted(unknown))}; choose from "
                                  f"{', '.join(m.NODE_KINDS)}")
        H = H.subgraph([n for n, a in H.nodes(data=True) if a.get("kind") in options.kinds])
    if options.min_weight > 1:
        H = H.copy()
        H.remove_edges_from([(u, v, k) for u, v, k, a in H.edges(keys=True, data=True)
                             if a.get("kind") == m.CO_MENTIONED
                             and (a.get("weight") or 0) < options.min_weight])
    articles = sum(1 for _, a in H.nodes(data=True) if a.get("kind") == m.ARTICLE)
    frame = options.frame if options.frame is not None else (
        options.collapse_events is None and articles > FRAME_FROM_ARTICLES)
    if frame or options.collapse_events:
        before = H.number_of_nodes()
        nodes, edges, folded = _collapsed(H, single_articles=not frame)
        if folded:
            options.notes.append(f"{folded} articles drawn as the events they report")
        if frame:
            linked = {n for u, v, _, _ in edges for n in (u, v)}
            nodes = [(n, a) for n, a in nodes if n in linked]
            single = before - folded - len(nodes)
            if single:
                options.notes.append(f"{single} single articles (and what only they link "
                                     f"to) are listed in the entities' panels, not drawn "
                                     f"(--no-frame draws them)")
        if not options.focus:
            # The cap before the graph is made: a frame of 10,000 stories has some
            # hundred thousand co-mention edges, and a graph of them took a second.
            options.date_range = _date_range(nodes)
            return _graph_of(H.graph, *_capped(nodes, edges, options, None))
        H = _graph_of(H.graph, nodes, edges)
    focus = None
    if options.focus:
        focus = find_node(H, options.focus)
        near = nx.ego_graph(H.to_undirected(as_view=True), focus, radius=options.depth)
        H = H.subgraph(near.nodes)
    options.date_range = _date_range(H.nodes(data=True))
    if H.number_of_nodes() > options.max_nodes:
        nodes, edges = _capped(list(H.nodes(data=True)),
                               list(H.edges(keys=True, data=True)), options, focus)
        H = _graph_of(H.graph, nodes, edges)
    return H


def _date_range(nodes: Iterable[tuple[str, dict[str, Any]]]) -> tuple[str, str] | None:
    """The first and last day of the articles' and events' dates."""
    dates = sorted(d for _, a in nodes for d in (
        (a.get("published"),) if a.get("kind") == m.ARTICLE else
        (a.get("first_published"), a.get("last_published")) if a.get("kind") == m.EVENT
        else ()) if d)
    return (dates[0][:10], dates[-1][:10]) if dates else None


Edge = tuple[str, str, str, dict[str, Any]]


def _capped(nodes: list[tuple[str, dict[str, Any]]], edges: list[Edge], options: ViewOptions,
            focus: str | None) -> tuple[list[tuple[str, dict[str, Any]]], list[Edge]]:
    """At most ``options.max_nodes`` nodes, the most connected (``focus`` first), and the
    edges between them; a node whose every neighbour was cut (a topic without its
    articles) would only float around the picture, and goes too."""
    if len(nodes) <= options.max_nodes:
        return nodes, edges
    degree = dict.fromkeys((n for n, _ in nodes), 0)
    for u, v, _, _ in edges:
        degree[u] += 1
        degree[v] += 1
    ranked = sorted(degree, key=lambda n: (n != focus, -degree[n], str(n)))
    keep = set(ranked[: options.max_nodes])
    edges = [e for e in edges if e[0] in keep and e[1] in keep]
    linked = {n for u, v, _, _ in edges for n in (u, v)} | {focus}
    kept = [(n, a) for n, a in nodes if n in keep and n in linked]
    options.notes.append(f"{len(nodes) - len(kept)} less connected nodes left out "
                         f"(--max-nodes {options.max_nodes})")
    return kept, edges


def _graph_of(attrs: dict[str, Any], nodes: Iterable[tuple[str, dict[str, Any]]],
              edges: Iterable[Edge]) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph()
    H.graph.update(attrs)
    H.add_nodes_from(nodes)
    H.add_edges_from(edges)
    return H


def collapse_events(G: nx.MultiDiGraph, *, single_articles: bool = True
                    ) -> tuple[nx.MultiDiGraph, int]:
    """A copy of ``G`` where every event stands for the articles that report it: their
    edges move to the event (MENTIONS counts and forms added up, other edges once) and
    the articles go. Without ``single_articles``, the articles of no event go too, with
    their edges. Returns the copy and the number of articles folded."""
    nodes, edges, folded = _collapsed(G, single_articles=single_articles)
    return _graph_of(G.graph, nodes, edges), folded


def _all_edges(G: nx.MultiDiGraph) -> Iterable[Edge]:
    """``G.edges(keys=True, data=True)``, in its order, at a third of the cost of the
    view (networkx's own adjacency dictionaries, read only)."""
    for u, nbrs in G._adj.items():
        for v, keyed in nbrs.items():
            for key, attrs in keyed.items():
                yield u, v, key, attrs


def _collapsed(G: nx.MultiDiGraph, *, single_articles: bool
               ) -> tuple[list[tuple[str, dict[str, Any]]], list[Edge], int]:
    """The nodes and edges of :func:`collapse_events`, and the articles folded.

    One pass over the edges, each end mapped to its event, rather than a copy of ``G``
    edited article by article: at 10,000 articles the copy alone took a second.
    """
    event_of = {u: e for e, a in G.nodes(data=True) if a.get("kind") == m.EVENT
                for u, _, k in G.in_edges(e, keys=True) if k == m.REPORTS}
    drop = set() if single_articles else {
        n for n, a in G.nodes(data=True) if a.get("kind") == m.ARTICLE and n not in event_of}
    nodes = [(n, a) for n, a in G.nodes(data=True) if n not in event_of and n not in drop]
    edges: list[Edge] = []
    moved: dict[tuple[str, str, str], dict[str, Any]] = {}
    for u, v, key, attrs in _all_edges(G):
        if u in drop or v in drop:
            continue
        if u not in event_of and v not in event_of:
            edges.append((u, v, key, attrs))
            continue
        if key == m.REPORTS:
            continue
        edge = (event_of.get(u, u), event_of.get(v, v), key)
        if edge[0] == edge[1]:  # between two reports of one event
            continue
        mine = moved.get(edge)
        if mine is None:
            moved[edge] = dict(attrs)
        elif key == m.MENTIONS:
            mine["count"] = mine.get("count", 0) + attrs.get("count", 0)
            mine["forms"] = sorted({*mine.get("forms", ()), *attrs.get("forms", ())})
            mine["in_title"] = mine.get("in_title") or attrs.get("in_title")
    edges.extend((u, v, key, attrs) for (u, v, key), attrs in moved.items())
    return nodes, edges, len(event_of)


def _strongest_edges(H: nx.MultiDiGraph, options: ViewOptions
                     ) -> list[tuple[str, str, dict[str, Any]]]:
    """The edges to draw: all of them, or the heaviest up to the cap, plus each node's
    heaviest edge so that no shown node is left floating alone."""
    edges = list(H.edges(data=True))
    limit = options.max_edges if options.max_edges is not None else EDGES_PER_NODE * max(
        options.max_nodes, 1)
    if len(edges) <= limit:
        return edges

    def weight(e: tuple[str, str, dict[str, Any]]) -> float:
        if e[2].get("kind") in m.RELATION_KINDS:
            return float("inf")  # what a relation says is worth more than any co-mention
        return e[2].get("weight") or e[2].get("count") or 1

    ranked = sorted(range(len(edges)), key=lambda i: (-weight(edges[i]), edges[i][0], edges[i][1]))
    keep = set(ranked[:limit])
    linked = {n for i in keep for n in edges[i][:2]}
    best: dict[str, int] = {}
    for i in ranked:  # heaviest first, so the first edge seen per node is its heaviest
        for n in edges[i][:2]:
            best.setdefault(n, i)
    keep.update(i for n, i in best.items() if n not in linked)
    options.notes.append(f"{len(edges) - len(keep)} weaker edges left out "
                         f"(--max-edges {limit})")
    return [edges[i] for i in sorted(keep)]


def _publisher_of(G: nx.MultiDiGraph, art: str) -> str | None:
    for pub, keys in G._succ[art].items():  # networkx's adjacency, read only
        if m.PUBLISHED_BY in keys:
            return G.nodes[pub].get("name")
    return None


def _article_brief(G: nx.MultiDiGraph, art: str) -> dict[str, Any]:
    a = G.nodes[art]
    return {"id": art, "title": a.get("title") or a.get("name"), "date": a.get("published"),
            "publisher": _publisher_of(G, art), "url": safe_url(a.get("url"))}


class _Briefs(dict):
    """The article briefs of one page, each made once: the newest articles of an event
    or an entity are listed in the panels of the others it links to (8,000 briefs for
    500 panels at 1,500 stories)."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        super().__init__()
        self.G = G

    def __missing__(self, art: str) -> dict[str, Any]:
        brief = self[art] = _article_brief(self.G, art)
        return brief


def _panel(G: nx.MultiDiGraph, n: str, briefs: _Briefs) -> dict[str, Any]:
    """The side-panel data of one node, from the whole graph."""
    a = G.nodes[n]
    kind = a.get("kind")
    if kind == m.ARTICLE:
        linked = G._succ[n].items()
        entities = sorted(({"id": e, "name": G.nodes[e].get("name"), "kind": G.nodes[e].get("kind")}
                           for e, keys in linked for k in keys if k == m.MENTIONS),
                          key=lambda x: (x["kind"], str(x["name"])))
        topics = sorted(G.nodes[t].get("name") for t, keys in linked for k in keys
                        if k == m.HAS_TOPIC)
        return {**briefs[n], "excerpt": a.get("excerpt"), "entities": entities,
                "topics": topics}
    attrs = G._node  # networkx's own dictionaries, read only: a panel per node adds up
    # One entry per edge, as in_edges gives them; the newest few without sorting all
    # (an entity of a big corpus has thousands).
    arts = [u for u, keys in G._pred[n].items() if attrs[u].get("kind") == m.ARTICLE
            for _ in keys]
    newest = heapq.nlargest(PANEL_ARTICLES, arts,
                            key=lambda u: (attrs[u].get("published") or "", u))
    panel: dict[str, Any] = {"articles": [briefs[u] for u in newest],
                             "article_count": len(arts)}
    relations = [{"type": k, "id": v, "name": attrs[v].get("name"), "out": True,
                  "status": e.get("status")}
                 for v, keyed in G._succ[n].items() for k, e in keyed.items()
                 if k in m.RELATION_KINDS]
    relations += [{"type": k, "id": u, "name": attrs[u].get("name"), "out": False,
                   "status": e.get("status")}
                  for u, keyed in G._pred[n].items() for k, e in keyed.items()
                  if k in m.RELATION_KINDS]
    if relations:
        panel["relations"] = sorted(relations, key=lambda r: (r["type"], not r["out"],
                                                              str(r["name"])))
    for key in ("aliases", "mentions", "first_seen", "last_seen", "domain", "first_published",
                "last_published", "publishers"):
        if a.get(key) not in (None, "", []):
            panel[key] = a[key]
    return panel


def view_data(G: nx.MultiDiGraph, options: ViewOptions | None = None) -> dict[str, Any]:
    """The JSON the page draws: nodes, edges, panels, styles and a header summary."""
    options = options or ViewOptions()
    H = select_view(G, options)
    def importance(n: str) -> int:
        return H.nodes[n].get("articles") or H.degree(n)

    entities = [n for n, a in H.nodes(data=True) if a.get("kind") in m.ENTITY_KINDS]
    entities.sort(key=lambda n: (-importance(n), str(H.nodes[n].get("name", n)), n))
    rank = {n: i for i, n in enumerate(entities[:LABELLED_ENTITIES])}
    heaviest = max(map(importance, entities), default=1)
    nodes = []
    briefs = _Briefs(G)
    for n, a in H.nodes(data=True):
        kind = a.get("kind", "")
        colour, shape = STYLE.get(kind, ("#999999", "dot"))
        weight = importance(n)
        name = str(a.get("name", n))
        limit = 32 if kind == m.ARTICLE else 48
        label = name if len(name) <= limit else name[: limit - 1].rstrip() + "\u2026"
        node = {"id": n, "label": label, "name": name,
                "kind": kind, "color": colour, "shape": shape,
                "size": 8 + min(32, 2.5 * weight ** 0.75) if kind != m.ARTICLE else 7,
                "panel": _panel(G, n, briefs)}
        # Label size follows importance; the page keeps the first entities readable at
        # any zoom (see LABELLED_ENTITIES), and articles unlabelled until zoomed in.
        if kind in m.ENTITY_KINDS:
            node["font"] = round(12 + 10 * (weight / max(heaviest, 1)) ** 0.5, 1)
            if n in rank:
                node["rank"] = rank[n]
        else:
            node["font"] = 10 if kind == m.ARTICLE else 12
        if kind in (m.ARTICLE, m.EVENT):
            # What the time window needs: the story's date and what it links to.
            node["date"] = (a.get("published") if kind == m.ARTICLE
                            else a.get("first_published")) or None
            node["links"] = sorted({v for _, v in H.out_edges(n)
                                    if H.nodes[v].get("kind") not in (m.ARTICLE, m.EVENT)}
                                   | ({v for _, v, k in H.out_edges(n, keys=True)
                                       if k == m.REPORTS}))
        nodes.append(node)
    edges = []
    for u, v, a in _strongest_edges(H, options):
        kind = a.get("kind", "")
        if kind in m.RELATION_KINDS:
            edges.append(_relation_edge(G, u, v, a, briefs))
            continue
        weight = a.get("weight") or a.get("count") or 1
        edges.append({"from": u, "to": v, "kind": kind,
                      "width": round(min(10.0, 0.5 + weight ** 0.8), 2),
                      "length": FRAME_EDGE_LENGTH if kind == m.CO_MENTIONED
                      else NEAR_EDGE_LENGTH})
    kinds = {k: sum(1 for _, a in H.nodes(data=True) if a.get("kind") == k) for k in STYLE}
    return {
        "title": options.title or "storygraph",
        "nodes": nodes, "edges": edges,
        "styles": {k: {"color": c, "shape": s} for k, (c, s) in STYLE.items()},
        "labels": {"min": LABEL_MIN_PX, "top": LABEL_TOP_PX, "ranked": len(rank),
                   "article": ARTICLE_LABEL_PX},
        "relations": {k: {"color": c, "count": sum(1 for e in edges if e["kind"] == k),
                          "passive": RELATION_PASSIVE[k]}
                      for k, c in RELATION_COLORS.items()},
        "summary": {"shown": len(nodes), "total": G.number_of_nodes(), "edges": len(edges),
                    "kinds": kinds,
                    "undated": sum(1 for node in nodes
                                   if node["kind"] in (m.ARTICLE, m.EVENT) and not node["date"]),
                    "first": options.date_range[0] if options.date_range else None,
                    "last": options.date_range[1] if options.date_range else None,
                    "notes": options.notes},
    }


def _relation_edge(G: nx.MultiDiGraph, u: str, v: str, a: dict[str, Any],
                   briefs: _Briefs) -> dict[str, Any]:
    """A typed relation as the page draws it: labelled, coloured, directed (but for
    PARTNERS_WITH), with what its panel shows: the sentences that state it."""
    kind = a["kind"]
    evidence = []
    for item in (a.get("evidence") or [])[:PANEL_EVIDENCE]:
        art = item.get("article")
        brief = briefs[art] if art in G else {"title": None, "date": None,
                                                          "publisher": None, "url": None}
        evidence.append({"text": item.get("text"), "title": brief["title"],
                         "date": brief["date"], "publisher": brief["publisher"],
                         "url": brief["url"]})
    return {"from": u, "to": v, "kind": kind, "label": kind.replace("_", " ").lower(),
            "length": FRAME_EDGE_LENGTH,
            "width": round(min(6.0, 1.5 + (a.get("articles") or 1) ** 0.6), 2),
            "color": RELATION_COLORS[kind], "directed": kind != m.PARTNERS_WITH,
            "relation": {"type": kind, "source": G.nodes[u].get("name"),
                         "target": G.nodes[v].get("name"), "status": a.get("status"),
                         "articles": a.get("articles"), "first_seen": a.get("first_seen"),
                         "last_seen": a.get("last_seen"),
                         "evidence_count": len(a.get("evidence") or []),
                         "evidence": evidence},
            "dates": sorted({G.nodes[e["article"]].get("published")
                             for e in a.get("evidence") or () if e.get("article") in G
                             and G.nodes[e["article"]].get("published")})}


def generate_html(G: nx.MultiDiGraph, *, focus: str | None = None, depth: int = 1,
                  kinds: tuple[str, ...] | None = None, since: str | None = None,
                  until: str | None = None, max_nodes: int = DEFAULT_MAX_NODES,
                  max_edges: int | None = None, min_weight: int = 1,
                  title: str | None = None, collapse_events: bool | None = None,
                  frame: bool | None = None) -> str:
    """The whole page as text (see :func:`write_html` for the options)."""
    options = ViewOptions(focus=focus, depth=depth, kinds=kinds, since=since, until=until,
                          max_nodes=max_nodes, max_edges=max_edges, min_weight=min_weight,
                          title=title, collapse_events=collapse_events, frame=frame)
    data = view_data(G, options)
    js, css = _vis_assets()
    template = (resources.files("graph.export") / "templates" / "view.html").read_text(encoding="utf-8")
    # One pass over the markers, so text inserted for one marker is never read again.
    parts = {"{{TITLE}}": html.escape(data["title"]), "{{VIS_CSS}}": css,
             "{{DATA}}": script_json(data), "{{VIS_JS}}": js.replace("</script", "<\\/script")}
    out = []
    rest = template
    while True:
        cut = min(((rest.find(k), k) for k in parts if rest.find(k) >= 0), default=None)
        if cut is None:
            out.append(rest)
            break
        at, key = cut
        out.append(rest[:at])
        out.append(parts[key])
        rest = rest[at + len(key):]
    return "".join(out)


def write_html(G: nx.MultiDiGraph, path: str | os.PathLike[str], *, focus: str | None = None,
               depth: int = 1, kinds: tuple[str, ...] | None = None, since: str | None = None,
               until: str | None = None, max_nodes: int = DEFAULT_MAX_NODES,
               max_edges: int | None = None, min_weight: int = 1,
               title: str | None = None, collapse_events: bool | None = None,
               frame: bool | None = None, outputs: OutputSet | None = None) -> Path:
    """Write the view of ``G`` to ``path`` (atomically; with ``outputs``, as one of a group).

    ``focus`` (a node name) and ``depth`` keep only its neighbourhood; ``kinds`` keeps
    those node kinds; ``since``/``until`` (YYYY, YYYY-MM or a date) keep articles
    published in that range; ``min_weight`` drops weaker CO_MENTIONED edges;
    ``max_nodes`` caps the nodes drawn, keeping the most connected; ``max_edges``
    (default 4 per node) caps the edges, keeping the heaviest. ``collapse_events`` draws
    each event instead of the articles that report it. ``frame`` draws the entity frame:
    entities with their co-mention and relation edges, events instead of their articles,
    and no single articles (they are listed in the entities' panels); None (the default)
    draws the frame above :data:`FRAME_FROM_ARTICLES` articles, unless
    ``collapse_events`` is given.

    At the first view, the :data:`LABELLED_ENTITIES` most connected entities have labels
    of at least :data:`LABEL_MIN_PX` pixels on screen, whatever the size of the graph,
    and keep them at any zoom; other labels follow importance and the zoom, and an
    article's label shows when zoomed in or hovered. A button saves the view as PNG.

    The page has a time window (a range slider over the publish dates, with a play
    button that steps month by month) and a small JavaScript API:
    ``window.storygraph.setTimeWindow(since, until)`` (ISO dates or null),
    ``window.storygraph.visibleNodeIds()`` and ``window.storygraph.png()`` (the view as a
    PNG data URL).
    """
    target = Path(path)
    write_text(target, generate_html(G, focus=focus, depth=depth, kinds=kinds, since=since,
                                     until=until, max_nodes=max_nodes, max_edges=max_edges,
                                     min_weight=min_weight, title=title,
                                     collapse_events=collapse_events, frame=frame),
               outputs=outputs)
    return target


@dataclass(frozen=True, slots=True)
class View:
    """A view of a graph for notebooks: Jupyter displays it inline, in a sandboxed frame.

    The page is the same self-contained page :func:`write_html` writes (no network, no
    script from documents); the frame adds a sandbox that keeps its scripts away from
    the notebook (``allow-scripts`` without ``allow-same-origin``).
    """

    page: str
    height: int = 640

    def _repr_html_(self) -> str:
        # The page travels in an attribute: escaped, quotes included, it cannot end it.
        return (f'<iframe srcdoc="{html.escape(self.page, quote=True)}" '
                f'sandbox="allow-scripts allow-downloads" title="storygraph view" '
                f'style="width: 100%; height: {int(self.height)}px; border: 1px solid #ddd">'
                f'</iframe>')

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to ``path`` (atomically)."""
        write_text(path, self.page)
        return Path(path)

    def png(self, path: str | os.PathLike[str], **picture: Any) -> Path:
        """Write a PNG picture of the view (see :func:`graph.export.picture.render_png`
        for ``width``, ``height``, ``scale`` and ``chromium``)."""
        from graph.export.picture import render_png

        target = Path(path)
        with atomic_write(target, "wb") as fh:
            fh.write(render_png(self.page, **picture))
        return target


def show(G: nx.MultiDiGraph, *, height: int = 640, **view: Any) -> View:
    """The view of ``G`` to display in a notebook (the last expression of a cell, or
    ``IPython.display.display(show(G))``), without writing a file. ``view`` takes the
    options of :func:`write_html`; ``height`` is the frame's height in pixels.

    Example::

        from graph.export.html import show
        show(G, focus="Microsoft", depth=2)
    """
    return View(generate_html(G, **view), height=height)
