"""Looking up entity nodes in a built graph."""

from __future__ import annotations

from typing import Any

import networkx as nx

from extract.errors import StorygraphError, UnknownEntityError
from graph import model as m

#: When a name fits several nodes, the first kind here wins.
KIND_PREFERENCE = (m.ORGANIZATION, m.PERSON, m.PLACE, m.TOPIC, m.PUBLISHER, m.ARTICLE)


def find_node(G: nx.MultiDiGraph, name: str, *, kind: str | None = None,
              kinds: tuple[str, ...] | None = None) -> str:
    """The node named ``name`` (case-insensitive), of ``kind`` if given.

    When several nodes share the name, entities come before topics, publishers and
    articles (see KIND_PREFERENCE). Raises UnknownEntityError naming the closest names.
    """
    allowed = (kind,) if kind else (kinds or KIND_PREFERENCE)
    wanted = " ".join(name.split()).casefold()
    hits = [n for n, a in G.nodes(data=True) if a.get("kind") in allowed
            and " ".join(str(a.get("name", "")).split()).casefold() == wanted]
    if hits:
        order = {k: i for i, k in enumerate(KIND_PREFERENCE)}
        return min(hits, key=lambda n: (order.get(G.nodes[n].get("kind"), 9), n))
    from rapidfuzz import fuzz, process

    names = {str(a.get("name", "")) for _, a in G.nodes(data=True)
             if a.get("kind") in allowed and a.get("kind") != m.ARTICLE}
    close = [c for c, _, _ in process.extract(name, names, scorer=fuzz.WRatio, limit=5)]
    what = f"no {kind} named" if kind else "no node named"
    hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
    raise UnknownEntityError(f"{what} {name!r} in the graph{hint}")


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
