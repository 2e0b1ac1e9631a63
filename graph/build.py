"""Stories + resolved entities → a networkx MultiDiGraph, and the ``build`` job around it."""

from __future__ import annotations

import itertools
import json
import os
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from extract.aliases import load_aliases
from extract.documents import Corpus, Story, load_corpus
from extract.errors import InputError, StrictLoadError
from extract.ner import FIELDS, Mention, extract_texts, load_pipeline
from extract.resolve import Resolved, Resolver
from graph import model as m

#: Article properties that the model owns; a document key of the same name is renamed.
_RESERVED = {"kind", "name", "title", "url", "excerpt", "published", "image", "source_file"}

Progress = Callable[[int], None]


@dataclass(slots=True)
class BuildResult:
    """What :func:`build` made: the graph, the report, and the files written."""

    graph: nx.MultiDiGraph
    report: dict[str, Any]
    files: dict[str, Path] = field(default_factory=dict)

    @property
    def load_issues(self) -> list[dict[str, str]]:
        return self.report["load_issues"]


def extract_corpus(corpus: Corpus, nlp, *, batch_size: int = 256, n_process: int = 1,
                   progress: Progress | None = None) -> dict[str, list[Mention]]:
    """NER over the title and excerpt of every story: mentions per story URL."""
    mentions: dict[str, list[Mention]] = {url: [] for url in corpus.stories}

    def items() -> Iterable[tuple[str, str, str]]:
        for url, story in corpus.stories.items():
            for name in FIELDS:
                text = getattr(story, name)
                if text:
                    yield text, name, url

    for url, _field, found in extract_texts(nlp, items(), batch_size=batch_size,
                                            n_process=n_process):
        mentions[url].extend(found)
        if progress is not None:
            progress(1)
    return mentions


def _article_attrs(story: Story) -> dict[str, Any]:
    attrs: dict[str, Any] = {
        "kind": m.ARTICLE, "name": story.title, "title": story.title, "url": story.url,
        "excerpt": story.excerpt, "published": story.published,
    }
    if story.image:
        attrs["image"] = story.image
    if story.source_file:
        attrs["source_file"] = story.source_file
    for key, value in story.properties.items():
        attrs[f"doc_{key}" if key in _RESERVED else key] = value
    return attrs


def _span(dates: Iterable[str | None]) -> tuple[str | None, str | None]:
    known = sorted(d for d in dates if d)
    return (known[0], known[-1]) if known else (None, None)


def build_graph(corpus: Corpus, resolved: Mapping[str, list[Resolved]]) -> nx.MultiDiGraph:
    """The knowledge graph of a corpus (see DESIGN.md "Data model").

    Edges are keyed by their kind, so there is at most one edge of each kind per node pair.
    CO_MENTIONED is undirected in meaning and stored once, from the smaller id.
    """
    G = nx.MultiDiGraph()
    topic_forms: dict[str, Counter[str]] = defaultdict(Counter)
    for url, story in corpus.stories.items():
        art = m.node_id(m.ARTICLE, url)
        G.add_node(art, **_article_attrs(story))
        if story.publisher_domain or story.publisher_name:
            domain = story.publisher_domain or (story.publisher_name or "").casefold()
            pub = m.node_id(m.PUBLISHER, domain)
            if pub not in G:
                G.add_node(pub, kind=m.PUBLISHER, name=story.publisher_name or domain,
                           domain=domain)
            G.add_edge(art, pub, key=m.PUBLISHED_BY, kind=m.PUBLISHED_BY)
        for topic in story.topics:
            tkey = m.topic_key(topic)
            topic_forms[tkey][topic] += 1
            G.add_edge(art, m.node_id(m.TOPIC, tkey), key=m.HAS_TOPIC, kind=m.HAS_TOPIC)
    for tkey, forms in topic_forms.items():
        # The most used spelling names the topic; ties go to the first in sort order.
        name = sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        G.add_node(m.node_id(m.TOPIC, tkey), kind=m.TOPIC, name=name)

    for parent, child in corpus.related:
        G.add_edge(m.node_id(m.ARTICLE, parent), m.node_id(m.ARTICLE, child),
                   key=m.RELATED_TO, kind=m.RELATED_TO)

    _add_entities(G, corpus, resolved)
    return G


def _add_entities(G: nx.MultiDiGraph, corpus: Corpus,
                  resolved: Mapping[str, list[Resolved]]) -> None:
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    dates: dict[str, list[str | None]] = defaultdict(list)
    entity_kind: dict[str, tuple[str, str]] = {}
    articles_of: dict[str, list[str]] = {}
    for url, mentions in resolved.items():
        if not mentions:
            continue
        art = m.node_id(m.ARTICLE, url)
        published = corpus.stories[url].published
        per_entity: dict[str, list[Resolved]] = defaultdict(list)
        for r in mentions:
            eid = m.node_id(r.kind, r.name)
            entity_kind[eid] = (r.kind, r.name)
            per_entity[eid].append(r)
            forms[eid][r.surface] += 1
        for eid, rs in per_entity.items():
            dates[eid].append(published)
            G.add_edge(art, eid, key=m.MENTIONS, kind=m.MENTIONS, count=len(rs),
                       in_title=any(r.field == "title" for r in rs),
                       forms=sorted({r.surface for r in rs}))
        articles_of[url] = sorted(per_entity)

    for eid, (kind, name) in entity_kind.items():
        first, last = _span(dates[eid])
        G.add_node(eid, kind=kind, name=name, aliases=sorted(forms[eid]),
                   mentions=sum(forms[eid].values()), articles=len(dates[eid]),
                   first_seen=first, last_seen=last)

    pairs: dict[tuple[str, str], list[str | None]] = defaultdict(list)
    for url, eids in articles_of.items():
        published = corpus.stories[url].published
        for a, b in itertools.combinations(eids, 2):
            pairs[(a, b)].append(published)
    for (a, b), pair_dates in pairs.items():
        first, last = _span(pair_dates)
        G.add_edge(a, b, key=m.CO_MENTIONED, kind=m.CO_MENTIONED, weight=len(pair_dates),
                   first_seen=first, last_seen=last)


def graph_counts(G: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """Nodes and edges per kind, every kind listed (zero where absent)."""
    nodes = Counter(kind for _, kind in G.nodes(data="kind"))
    edges = Counter(kind for _, _, kind in G.edges(data="kind"))
    return {"nodes": {k: nodes.get(k, 0) for k in m.NODE_KINDS},
            "edges": {k: edges.get(k, 0) for k in m.EDGE_KINDS}}


def _undated_note(corpus: Corpus) -> list[dict[str, str]]:
    undated = sum(1 for s in corpus.stories.values() if not s.published)
    if not undated:
        return []
    return [{"path": "", "note": f"{undated} of {len(corpus.stories)} stories have no "
                                 f"publish date; they are in the graph but not in timelines"}]


def build(paths: Iterable[str | os.PathLike[str]] = ("seeds",), *,
          out_dir: str | os.PathLike[str] | None = "out", model: str | None = None,
          aliases: str | os.PathLike[str] | None = None, strict: bool = False, batch_size: int = 256, workers: int = 1,
          html: bool = True, progress_factory: Callable[[int], Any] | None = None,
          ) -> BuildResult:
    """Load, extract, resolve and build; write graph.json, graph.html and report.json.

    ``aliases`` is a user alias file merged over the built-in table.
    ``out_dir=None`` writes nothing. ``progress_factory(total)`` may return a context
    manager with ``update(n)`` (e.g. ``click.progressbar``) to show extraction progress.
    Raises StrictLoadError after writing the outputs when ``strict`` and a file was bad.
    """
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    table = load_aliases(aliases)  # first: a bad aliases file must fail before any work
    corpus = load_corpus(paths)
    if corpus.files == 0:
        shown = ", ".join(os.fspath(p) for p in paths)
        raise InputError(f"no story files (.md, .txt, .yaml, .yml) found under {shown}")
    timings["load"] = time.perf_counter() - clock

    clock = time.perf_counter()
    nlp = load_pipeline(model, patterns=table.patterns())
    timings["model"] = time.perf_counter() - clock

    clock = time.perf_counter()
    total = sum(1 for s in corpus.stories.values() for f in FIELDS if getattr(s, f))
    if progress_factory is not None:
        with progress_factory(total) as bar:
            mentions = extract_corpus(corpus, nlp, batch_size=batch_size, n_process=workers,
                                      progress=bar.update)
    else:
        mentions = extract_corpus(corpus, nlp, batch_size=batch_size, n_process=workers)
    timings["extract"] = time.perf_counter() - clock

    clock = time.perf_counter()
    resolved = Resolver(table).resolve(mentions)
    timings["resolve"] = time.perf_counter() - clock

    clock = time.perf_counter()
    G = build_graph(corpus, resolved)
    timings["graph"] = time.perf_counter() - clock

    report: dict[str, Any] = {
        "stories": len(corpus.stories),
        "files": corpus.files,
        "counts": graph_counts(G),
        "timings": timings,
        "load_issues": [i.as_dict() for i in corpus.issues],
        "notes": _undated_note(corpus) + [n.as_dict() for n in corpus.notes],
    }
    result = BuildResult(G, report)
    if out_dir is not None:
        clock = time.perf_counter()
        result.files = write_outputs(G, report, out_dir, html=html)
        timings["write"] = time.perf_counter() - clock
        _write_report(report, result.files["report"])
    if strict and corpus.issues:
        raise StrictLoadError(
            f"{len(corpus.issues)} file(s) could not be loaded (see {result.files.get('report', 'the report')}); "
            f"fix them or run without --strict to build from the good files only.")
    return result


def write_outputs(G: nx.MultiDiGraph, report: dict[str, Any], out_dir: str | os.PathLike[str],
                  *, html: bool = True) -> dict[str, Path]:
    """Write graph.json (and graph.html) into ``out_dir``; returns the paths by role.

    The report's path is returned too; the caller writes it last, with the write timing.
    """
    from graph.io import write_json

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = {"graph": out / "graph.json", "report": out / "report.json"}
    write_json(G, files["graph"])
    if html:
        from graph.html import write_html

        files["html"] = out / "graph.html"
        write_html(G, files["html"])
    return files


def _write_report(report: dict[str, Any], path: Path) -> None:
    rounded = {**report, "timings": {k: round(v, 4) for k, v in report["timings"].items()}}
    path.write_text(json.dumps(rounded, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
