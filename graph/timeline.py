"""Time series over publish dates, for notebooks and ``storygraph timeline``.

All periods are computed in UTC (publish dates are stored in UTC): a story published
2020-06-14T23:30-05:00 falls in the period holding 2020-06-15 04:30 UTC. Undated stories
stay in the graph but are left out of every series; how many were left out is in the
result's ``attrs["undated"]``.

``freq`` is a pandas period alias: ``"D"`` day, ``"W"`` week (Monday to Sunday), ``"M"``
month, ``"Q"`` quarter, ``"Y"`` year. Series are indexed by the period's first day and
zero-filled between the first and last period (or ``since``/``until``).

Example::

    from graph.export.graphfiles import read_json
    from graph import timeline
    G = read_json("out/graph.json")
    timeline.mentions(G, "Microsoft", freq="M")
    timeline.compare(G, ["Microsoft", "Amazon", "IBM"], freq="M").plot()
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx
import pandas as pd

from extract.errors import StorygraphError
from extract.text import date_bound
from graph import model as m
from graph.entities import find_node

#: Kinds a timeline can follow: entities and topics.


def _freq(freq: str) -> str:
    try:
        return m.TIMELINE_FREQS[freq.upper()]
    except KeyError as exc:
        raise StorygraphError(f"unknown frequency {freq!r}; use one of {', '.join(m.TIMELINE_FREQS)}") from exc


def _bound(value: Any, *, end: bool) -> pd.Timestamp | None:
    """A UTC timestamp from a date-like value; ``until`` covers its whole day/month/year."""
    try:
        bound = date_bound(value, end=end)
    except ValueError as exc:
        raise StorygraphError(str(exc)) from exc
    return None if bound is None else pd.Timestamp(bound)


def _node(G: nx.MultiDiGraph, name: str, kind: str | None) -> str:
    if kind is not None and kind not in m.TIMELINE_KINDS:
        raise StorygraphError(f"unknown kind {kind!r}; choose one of {', '.join(m.TIMELINE_KINDS)}")
    return find_node(G, name, kind=kind, kinds=m.TIMELINE_KINDS)


def _articles_of(G: nx.MultiDiGraph, node: str) -> list[str]:
    return sorted({u for u, _ in G.in_edges(node) if G.nodes[u].get("kind") == m.ARTICLE})




def _event_of(G: nx.MultiDiGraph, art: str) -> str:
    """The event an article reports, or the article itself (an event of its own)."""
    return next((v for _, v, k in G.out_edges(art, keys=True) if k == m.REPORTS), art)


def _dated(G: nx.MultiDiGraph, articles: Iterable[str], since: Any, until: Any,
           unit: str = "article") -> tuple[pd.Series, int]:
    """Publish times (UTC) of the dated articles (or events) inside the window, and the
    undated count. An event counts once, at its earliest dated article among
    ``articles``; an article that reports no event is an event of its own."""
    if unit not in m.TIMELINE_UNITS:
        raise StorygraphError(f"unknown unit {unit!r}; choose one of {', '.join(m.TIMELINE_UNITS)}")
    start, end = _bound(since, end=False), _bound(until, end=True)
    first: dict[str, str | None] = {}
    for art in articles:
        key = _event_of(G, art) if unit == "event" else art
        published = G.nodes[art].get("published")
        if key not in first or published and (first[key] is None or published < first[key]):
            first[key] = published
    times = [(key, published) for key, published in first.items() if published]
    undated = sum(1 for published in first.values() if not published)
    stamps = pd.Series(pd.to_datetime([t for _, t in times], utc=True), index=[a for a, _ in times],
                       dtype="datetime64[ns, UTC]")
    if start is not None:
        stamps = stamps[stamps >= start]
    if end is not None:
        stamps = stamps[stamps <= end]
    return stamps, undated


def _period_index(stamps: Iterable[pd.Timestamp], freq: str, since: Any, until: Any
                  ) -> pd.PeriodIndex:
    points = [s.tz_convert(None) for s in stamps]
    for bound, is_end in ((since, False), (until, True)):
        b = _bound(bound, end=is_end)
        if b is not None:
            points.append(b.tz_convert(None))
    if not points:
        return pd.PeriodIndex([], freq=freq)
    return pd.period_range(min(points).to_period(freq), max(points).to_period(freq), freq=freq)


def _series(stamps: pd.Series, freq: str, name: str, since: Any, until: Any) -> pd.Series:
    periods = stamps.dt.tz_convert(None).dt.to_period(freq) if len(stamps) else pd.Series([], dtype=object)
    counts = Counter(periods)
    index = _period_index(stamps, freq, since, until)
    series = pd.Series([counts.get(p, 0) for p in index], index=index.start_time, name=name,
                       dtype="int64")
    series.index.name = "period"
    return series


def mentions(G: nx.MultiDiGraph, name: str, *, kind: str | None = None, freq: str = "W",
             since: Any = None, until: Any = None, unit: str = "article") -> pd.Series:
    """Articles (``unit="event"``: events) per period mentioning an entity (or tagged
    with a topic). An event that ten outlets report counts once, in the period of its
    first report.

    Example::

        >>> mentions(G, "Microsoft", freq="M").tail(3)
        >>> mentions(G, "Microsoft", freq="M", unit="event").tail(3)

    Raises UnknownEntityError (with close matches) for a name not in the graph.
    """
    node = _node(G, name, kind)
    stamps, undated = _dated(G, _articles_of(G, node), since, until, unit)
    series = _series(stamps, _freq(freq), G.nodes[node]["name"], since, until)
    series.attrs["undated"] = undated
    series.attrs["unit"] = unit
    series.attrs["kind"] = G.nodes[node]["kind"]
    return series


def compare(G: nx.MultiDiGraph, names: Sequence[str], *, freq: str = "W", since: Any = None,
            until: Any = None, kind: str | None = None, unit: str = "article"
            ) -> pd.DataFrame:
    """One column of articles (``unit="event"``: events) per period for each name, on a
    shared period index.

    Example::

        >>> compare(G, ["Microsoft", "Amazon", "IBM"], freq="M").plot()
    """
    code = _freq(freq)
    nodes = [_node(G, n, kind) for n in names]
    stamps = {node: _dated(G, _articles_of(G, node), since, until, unit) for node in nodes}
    all_stamps = [s for st, _ in stamps.values() for s in st]
    index = _period_index(all_stamps, code, since, until)
    frame = pd.DataFrame(index=index.start_time)
    frame.index.name = "period"
    undated = {}
    for node in nodes:
        st, und = stamps[node]
        counts = Counter(st.dt.tz_convert(None).dt.to_period(code)) if len(st) else Counter()
        frame[G.nodes[node]["name"]] = [counts.get(p, 0) for p in index]
        undated[G.nodes[node]["name"]] = und
    frame = frame.astype("int64")
    frame.attrs["undated"] = undated
    frame.attrs["unit"] = unit
    return frame


def events(G: nx.MultiDiGraph, *, since: Any = None, until: Any = None,
           entity: str | None = None, kind: str | None = None, top: int | None = 20
           ) -> pd.DataFrame:
    """Events (the same news reported by several outlets), biggest first: name, first and
    last published, articles, publishers, the outlets' names, and the event's id.

    ``since``/``until`` keep events first reported inside the window; ``entity`` keeps
    events whose articles mention that entity (or topic).

    Example::

        >>> events(G, since="2024-01", until="2024-03", top=10)
        >>> events(G, entity="Microsoft")
    """
    start, end = _bound(since, end=False), _bound(until, end=True)
    wanted: set[str] | None = None
    if entity is not None:
        node = _node(G, entity, kind)
        wanted = {_event_of(G, a) for a in _articles_of(G, node)}
    rows = []
    for n, a in G.nodes(data=True):
        if a.get("kind") != m.EVENT or wanted is not None and n not in wanted:
            continue
        first = a.get("first_published")
        if start is not None or end is not None:
            if not first:
                continue
            stamp = pd.Timestamp(first)
            stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp
            if start is not None and stamp < start or end is not None and stamp > end:
                continue
        arts = [u for u, _, k in G.in_edges(n, keys=True) if k == m.REPORTS]
        outlets = sorted({_outlet(G, u) for u in arts} - {None})
        rows.append({"event": a.get("name"), "first_published": first,
                     "last_published": a.get("last_published"), "articles": len(arts),
                     "publishers": a.get("publishers", len(outlets)),
                     "outlets": ", ".join(outlets), "id": n})
    columns = ["event", "first_published", "last_published", "articles", "publishers",
               "outlets", "id"]
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame.sort_values(["articles", "publishers", "first_published", "id"],
                              ascending=[False, False, True, True], na_position="last")
    frame = frame.reset_index(drop=True)
    return frame.head(top) if top is not None else frame


def _outlet(G: nx.MultiDiGraph, art: str) -> str | None:
    return next((G.nodes[v].get("name") for _, v, k in G.out_edges(art, keys=True)
                 if k == m.PUBLISHED_BY), None)


def stories(G: nx.MultiDiGraph, name: str, *, kind: str | None = None, since: Any = None,
            until: Any = None) -> pd.DataFrame:
    """The articles behind a series: published (UTC), title, publisher, url; newest first.

    Undated articles are listed last when no window is given.

    Example::

        >>> stories(G, "Clearview AI", since="2020-02", until="2020-02")
    """
    node = _node(G, name, kind)
    arts = _articles_of(G, node)
    stamps, _ = _dated(G, arts, since, until)
    keep = list(stamps.index) + ([a for a in arts if not G.nodes[a].get("published")]
                                 if since is None and until is None else [])
    rows = []
    for art in keep:
        a = G.nodes[art]
        publisher = next((G.nodes[p].get("name") for _, p, k in G.out_edges(art, keys=True)
                          if k == m.PUBLISHED_BY), None)
        rows.append({"published": stamps.get(art, pd.NaT), "title": a.get("title") or a.get("name"),
                     "publisher": publisher, "url": a.get("url")})
    frame = pd.DataFrame(rows, columns=["published", "title", "publisher", "url"])
    frame["published"] = pd.to_datetime(frame["published"], utc=True)
    return frame.sort_values("published", ascending=False, na_position="last",
                             kind="stable").reset_index(drop=True)


def top_entities(G: nx.MultiDiGraph, *, kind: str | None = None, since: Any = None,
                 until: Any = None, n: int = 10) -> pd.DataFrame:
    """The entities with the most articles in a window: name, kind, articles, mentions.

    Without a window, undated articles count too.

    Example::

        >>> top_entities(G, kind="organization", since="2020", n=5)
    """
    kinds = (kind,) if kind else m.ENTITY_KINDS
    windowed = since is not None or until is not None
    stamps, _ = _dated(G, [a for a, d in G.nodes(data=True) if d.get("kind") == m.ARTICLE],
                       since, until)
    inside = set(stamps.index) if windowed else None
    articles: Counter[str] = Counter()
    count: Counter[str] = Counter()
    for u, v, key, data in G.edges(keys=True, data=True):
        if key != m.MENTIONS or G.nodes[v].get("kind") not in kinds:
            continue
        if inside is not None and u not in inside:
            continue
        articles[v] += 1
        count[v] += data.get("count", 1)
    rows = [{"name": G.nodes[e]["name"], "kind": G.nodes[e]["kind"], "articles": c,
             "mentions": count[e]} for e, c in articles.items()]
    rows.sort(key=lambda r: (-r["articles"], -r["mentions"], r["name"]))
    return pd.DataFrame(rows[:n], columns=["name", "kind", "articles", "mentions"])


def co_mentions(G: nx.MultiDiGraph, name: str, *, kind: str | None = None, since: Any = None,
                until: Any = None) -> pd.DataFrame:
    """Entities mentioned in the same articles as ``name`` within a window.

    Columns: partner, kind, articles (in common), first, last (UTC publish times).

    Example::

        >>> co_mentions(G, "Microsoft", since="2020-06", until="2020-06")
    """
    node = _node(G, name, kind)
    windowed = since is not None or until is not None
    arts = _articles_of(G, node)
    stamps, _ = _dated(G, arts, since, until)
    chosen = list(stamps.index) if windowed else arts
    together: dict[str, list[Any]] = defaultdict(list)
    for art in chosen:
        for _, other, key in G.out_edges(art, keys=True):
            if key == m.MENTIONS and other != node:
                together[other].append(stamps.get(art, pd.NaT))
    rows = []
    for other, times in together.items():
        dated = [t for t in times if not pd.isna(t)]
        rows.append({"partner": G.nodes[other]["name"], "kind": G.nodes[other]["kind"],
                     "articles": len(times), "first": min(dated) if dated else pd.NaT,
                     "last": max(dated) if dated else pd.NaT})
    rows.sort(key=lambda r: (-r["articles"], r["partner"]))
    return pd.DataFrame(rows, columns=["partner", "kind", "articles", "first", "last"])


def bursts(G: nx.MultiDiGraph, name: str, *, kind: str | None = None, freq: str = "W",
           threshold: float = 2.0, min_count: int = 2, since: Any = None,
           until: Any = None) -> pd.DataFrame:
    """Periods where coverage of ``name`` is well above its own baseline.

    Baseline: the mean and standard deviation of the entity's own zero-filled series
    (from its first to its last dated article, or the window). A period is a burst
    when its z-score ``(count - mean) / std`` is at least ``threshold`` and it has at
    least ``min_count`` articles. A series with no variation has no bursts.

    Returns the burst periods with columns period, articles, z, sorted by z descending.

    Example::

        >>> bursts(G, "Microsoft", freq="W")
    """
    series = mentions(G, name, kind=kind, freq=freq, since=since, until=until)
    columns = ["period", "articles", "z"]
    if len(series) < 2 or series.std(ddof=0) == 0:
        return pd.DataFrame(columns=columns)
    z = (series - series.mean()) / series.std(ddof=0)
    hits = series[(z >= threshold) & (series >= min_count)]
    frame = pd.DataFrame({"period": hits.index, "articles": hits.values,
                          "z": z[hits.index].round(2).values}, columns=columns)
    return frame.sort_values(["z", "period"], ascending=[False, True]).reset_index(drop=True)


def plot(data: pd.Series | pd.DataFrame, path: str | os.PathLike[str] | None = None, *,
         title: str | None = None, freq: str = "W"):
    """A line chart of a series or a comparison frame; saved to ``path`` when given.

    Returns the matplotlib Figure.
    """
    import matplotlib

    if path is not None:
        matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    frame = data.to_frame() if isinstance(data, pd.Series) else data
    fig, ax = plt.subplots(figsize=(9, 4.5), dpi=110)
    index = frame.index.tz_localize(None) if getattr(frame.index, "tz", None) else frame.index
    for column in frame.columns:
        ax.plot(index, frame[column].values, marker="o", markersize=3, linewidth=1.6, label=str(column))
    unit = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}[freq.upper()]
    counted = "Events" if data.attrs.get("unit") == "event" else "Articles"
    ax.set_title(title or f"{counted} per {unit}: {', '.join(map(str, frame.columns))}")
    ax.set_xlabel(f"{unit} (UTC)")
    ax.set_ylabel("articles")
    ax.yaxis.get_major_locator().set_params(integer=True)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(alpha=0.3)
    if len(frame.columns) > 1:
        ax.legend(frameon=False)
    fig.tight_layout()
    if path is not None:
        from graph.files import atomic_write

        try:
            with atomic_write(path, "wb") as fh:
                fig.savefig(fh, format=os.path.splitext(path)[1].lstrip(".").lower() or "png")
        finally:
            plt.close(fig)
    return fig
