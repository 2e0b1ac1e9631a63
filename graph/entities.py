"""Looking up entity nodes in a built graph."""

from __future__ import annotations

from typing import Any

import networkx as nx

from extract.errors import StorygraphError
from graph import model as m


def entity_table(G: nx.MultiDiGraph, *, kind: str | None = None, top: int | None = 20
                 ) -> list[dict[str, Any]]:
    """Entities ranked by the number of articles mentioning them, then mentions, then name.

    Each row: name, kind, articles, mentions, first_seen, last_seen. ``kind`` limits the
    rows to one entity kind; ``top=None`` returns all.
    """
    kinds = m.ENTITY_KINDS if kind is None else (kind,)
    if kind is not None and kind not in m.ENTITY_KINDS:
        raise StorygraphError(f"unknown entity kind {kind!r}; choose one of "
                              f"{', '.join(m.ENTITY_KINDS)}")
    rows = [
        {"name": a.get("name"), "kind": a.get("kind"), "articles": a.get("articles", 0),
         "mentions": a.get("mentions", 0), "first_seen": a.get("first_seen"),
         "last_seen": a.get("last_seen")}
        for _, a in G.nodes(data=True) if a.get("kind") in kinds
    ]
    rows.sort(key=lambda r: (-r["articles"], -r["mentions"], str(r["name"]), r["kind"]))
    return rows if top is None else rows[:top]
