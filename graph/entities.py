"""Looking up entity nodes, and the typed relations between them, in a built graph."""

from __future__ import annotations

from typing import Any

import networkx as nx

from extract.errors import StorygraphError
from extract.names import fold_name
from graph import model as m


class UnknownEntityError(StorygraphError):
    """A name asked for is not in the graph."""


#: When a name fits several nodes, the first kind here wins.
KIND_PREFERENCE = (m.ORGANIZATION, m.PERSON, m.PLACE, m.TOPIC, m.PUBLISHER, m.ARTICLE)


def find_node(G: nx.MultiDiGraph, name: str, *, kind: str | None = None,
              kinds: tuple[str, ...] | None = None) -> str:
    """The node named ``name`` (case-insensitive), of ``kind`` if given.

    When several nodes share the name, entities come before topics, publishers and
    articles (see KIND_PREFERENCE). Raises UnknownEntityError naming the closest names.
    """
    allowed = (kind,) if kind else (kinds or KIND_PREFERENCE)
    wanted = fold_name(name)
    hits = [n for n, a in G.nodes(data=True) if a.get("kind") in allowed
            and fold_name(str(a.get("name", ""))) == wanted]
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


def relation_table(G: nx.MultiDiGraph, *, kind: str | None = None,
                   entity: str | None = None, top: int | None = None) -> list[dict[str, Any]]:
    """The typed relations of a graph (ACQUIRES, LEADS...), most reported first, then
    by first seen.

    Each row: source, type, target, status, articles, first_seen, last_seen, evidence
    (the first sentence that states it). ``kind`` keeps one relation type; ``entity``
    keeps the relations of the entity of that name (found as :func:`find_node` finds
    it, so a wrong name says which names are close); ``top=None`` returns all.
    """
    if kind is not None and kind not in m.RELATION_KINDS:
        raise StorygraphError(f"unknown relation type {kind!r}; choose one of "
                              f"{', '.join(m.RELATION_KINDS)}")
    node = find_node(G, entity, kinds=m.ENTITY_KINDS) if entity is not None else None
    rows = []
    for a, b, attrs in G.edges(data=True):
        if attrs.get("kind") not in m.RELATION_KINDS or (kind and attrs["kind"] != kind):
            continue
        if node is not None and node not in (a, b):
            continue
        evidence = attrs.get("evidence") or [{}]
        rows.append({"source": G.nodes[a].get("name"), "type": attrs["kind"],
                     "target": G.nodes[b].get("name"), "status": attrs.get("status"),
                     "articles": attrs.get("articles", 0),
                     "first_seen": attrs.get("first_seen"), "last_seen": attrs.get("last_seen"),
                     "evidence": evidence[0].get("text")})
    rows.sort(key=lambda r: (-r["articles"], r["first_seen"] or "", r["type"],
                             str(r["source"]), str(r["target"])))
    return rows if top is None else rows[:top]
