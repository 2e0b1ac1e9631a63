"""The interactive, self-contained HTML view of a graph.

One file with vis-network (from the pyvis package) and all data inline: no network
requests. Document text is never concatenated into HTML: the data travels as JSON in a
``<script type="application/json">`` element (with ``<``, ``>`` and ``&`` escaped so no
title can close it), and the page builds tooltips and panels as DOM text nodes.
"""

from __future__ import annotations

import html
import json
import os
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from graph import model as m

DEFAULT_MAX_NODES = 500
#: Colour and vis-network shape per node kind (also drawn in the legend).
STYLE = {
    m.ARTICLE: ("#8c8c8c", "dot"),
    m.ORGANIZATION: ("#1f77b4", "dot"),
    m.PERSON: ("#d62728", "dot"),
    m.PLACE: ("#2ca02c", "triangle"),
    m.TOPIC: ("#9467bd", "diamond"),
    m.PUBLISHER: ("#ff7f0e", "square"),
}


def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as shipped inside the pyvis package."""
    base = resources.files("pyvis") / "lib" / "vis-9.1.2"
    return ((base / "vis-network.min.js").read_text(encoding="utf-8"),
            (base / "vis-network.css").read_text(encoding="utf-8"))


def script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element: no ``</script>``, no ``<!--``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def select_nodes(G: nx.MultiDiGraph, max_nodes: int) -> list[str]:
    """The ``max_nodes`` most connected nodes (ties by id, so the choice is stable)."""
    if G.number_of_nodes() <= max_nodes:
        return list(G.nodes)
    ranked = sorted(G.nodes, key=lambda n: (-G.degree(n), str(n)))
    return ranked[:max_nodes]


def view_data(G: nx.MultiDiGraph, *, max_nodes: int = DEFAULT_MAX_NODES) -> dict[str, Any]:
    """The JSON the page draws: nodes, edges, styles and a summary of what is shown."""
    keep = select_nodes(G, max_nodes)
    kept = set(keep)
    nodes = []
    for n in keep:
        attrs = G.nodes[n]
        kind = attrs.get("kind", "")
        colour, shape = STYLE.get(kind, ("#999999", "dot"))
        size = 10 + min(30, 3 * int(attrs.get("articles", 1) or 1)) if kind in m.ENTITY_KINDS else 8
        nodes.append({
            "id": n, "label": str(attrs.get("name", n))[:60], "kind": kind,
            "color": colour, "shape": shape, "size": size,
            "info": {k: v for k, v in attrs.items()
                     if k in ("name", "url", "published", "excerpt", "mentions", "articles",
                              "first_seen", "last_seen", "domain") and v not in (None, "")},
        })
    edges = []
    for u, v, attrs in G.edges(data=True):
        if u in kept and v in kept:
            weight = attrs.get("weight", 1) or 1
            edges.append({"from": u, "to": v, "kind": attrs.get("kind", ""),
                          "width": min(8, 1 + weight / 2)})
    return {
        "nodes": nodes, "edges": edges,
        "styles": {k: {"color": c, "shape": s} for k, (c, s) in STYLE.items()},
        "summary": {"shown": len(nodes), "total": G.number_of_nodes(),
                    "edges": len(edges)},
    }


def generate_html(G: nx.MultiDiGraph, *, max_nodes: int = DEFAULT_MAX_NODES,
                  title: str = "storygraph") -> str:
    """The whole page as text."""
    js, css = _vis_assets()
    template = (resources.files("graph") / "templates" / "view.html").read_text(encoding="utf-8")
    return (template
            .replace("{{TITLE}}", html.escape(title))
            .replace("{{VIS_CSS}}", css)
            .replace("{{DATA}}", script_json(view_data(G, max_nodes=max_nodes)))
            .replace("{{VIS_JS}}", js.replace("</script", "<\\/script")))


def write_html(G: nx.MultiDiGraph, path: str | os.PathLike[str], *,
               max_nodes: int = DEFAULT_MAX_NODES, title: str = "storygraph") -> Path:
    """Write the view to ``path``."""
    target = Path(path)
    target.write_text(generate_html(G, max_nodes=max_nodes, title=title), encoding="utf-8")
    return target
