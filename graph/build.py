"""Stories + resolved entities → a networkx MultiDiGraph, and the ``build`` job around it."""

from __future__ import annotations

import bisect
import contextlib
import functools
import importlib
import itertools
import json
import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from extract.aliases import load_aliases
from extract.cache import ExtractionCache, Findings
from extract.cache import default_path as default_cache_path
from extract.cache import fingerprint as cache_fingerprint
from extract.documents import Corpus, FileResult, Story, find_story_files, load_file
from extract.errors import InputError, StorygraphError
from extract.headline import sentence_case
from extract.ner import (
    FIELDS,
    MAX_TEXT_CHARS,
    Extracted,
    Mention,
    NerProcesses,
    extract_texts,
    load_pipeline,
)
from extract.places import builtin as builtin_places
from extract.relations import Relation
from extract.resolve import Resolved, Resolver
from graph import events
from graph import model as m
from graph.files import OutputSet, write_text
from graph.gcpause import cyclic_gc_paused, cyclic_gc_running

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd


class StrictLoadError(StorygraphError):
    """``--strict`` was given and at least one file could not be loaded."""


Progress = Callable[[int], None]


@dataclass(slots=True)
class BuildResult:
    """What :func:`build` made: the graph, the report, and the files written.

    ``graph`` is None when the build wrote the graph as tables only (see
    :data:`GRAPH_LIMIT`).
    """

    graph: nx.MultiDiGraph | None
    report: dict[str, Any]
    files: dict[str, Path] = field(default_factory=dict)

    @property
    def load_issues(self) -> list[dict[str, str]]:
        return self.report["load_issues"]


#: Above this many nodes and edges (about 50,000 stories), a build on one machine writes
#: the graph as tables (``OUT/tables/``, as a Dask build does) instead of graph.json and
#: graph.html, and its result holds no networkx graph. Measured at 100,000 stories (1.87
#: million nodes and edges, extraction cached): the build that keeps the graph peaked at
#: 2,073 MiB and wrote a 544 MB graph.json in 32 s; the tables took 1,735 MiB and 3 s.
GRAPH_LIMIT = 1_000_000
#: Below this many texts per worker, extra processes cost more than they save.
MIN_TEXTS_PER_WORKER = 1000
#: Stories per batch handed to ``extract_corpus``'s ``ready`` as their texts come in.
READY_BATCH = 500
#: Below this many files to read per process, a reader process costs more than it saves.
MIN_FILES_PER_READER = 500


@contextlib.contextmanager
def readers(n: int) -> Iterator[Callable[[list[str]], Iterable[FileResult]]]:
    """``parse(paths)`` → their FileResults in order: shared between this process and up
    to ``n`` spawned ones, one per MIN_FILES_PER_READER files (the pool starts at the
    first such batch and closes on exit); else here, one file after the other."""
    if n < 1:
        yield lambda paths: map(load_file, paths)
        return
    pool = ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("spawn"))
    broken = False

    def parse(paths: list[str]) -> Iterable[FileResult]:
        nonlocal broken
        used = min(n, len(paths) // MIN_FILES_PER_READER - 1)  # besides this process
        if broken or used < 1:
            return map(load_file, paths)
        # The pool reads the parts from the first on, this process from the last back,
        # until they meet: neither waits for the other at the end (a fixed half each
        # left one core idle for half a second at 10,000 files). The pool is kept two
        # parts ahead per reader, never more: a part handed out is never taken back (a
        # future cancelled in a pool that then breaks stops its executor's thread).
        size = max(1, len(paths) // (16 * (used + 1)))
        parts = [paths[at:at + size] for at in range(0, len(paths), size)]
        read: list[list[FileResult] | None] = [None] * len(parts)
        theirs: dict[int, Future[list[FileResult]]] = {}
        front, back = 0, len(parts)
        while front < back:
            while not broken and len(theirs) < 2 * used and front < back:
                try:
                    theirs[front] = pool.submit(_load_files, parts[front])
                except BrokenProcessPool:
                    broken = True
                    break
                front += 1
            if front < back:
                back -= 1
                read[back] = [load_file(p) for p in parts[back]]
            for i in [i for i, future in theirs.items() if future.done()]:
                read[i] = _read_by_pool(theirs.pop(i))
                broken = broken or read[i] is None
        for i, future in theirs.items():
            read[i] = _read_by_pool(future)
        out: list[FileResult] = []
        for part, results in zip(parts, read, strict=True):
            out.extend(results if results is not None else map(load_file, part))
        return out

    try:
        yield parse
    finally:
        pool.shutdown(cancel_futures=True)


def _load_files(paths: list[str]) -> list[FileResult]:
    return [load_file(p) for p in paths]


def _read_by_pool(future: Future[list[FileResult]]) -> list[FileResult] | None:
    """A part the pool read, or None where a reader could not start (a main module that
    spawn cannot import, such as a script read from stdin) or died: this process reads
    it."""
    try:
        return future.result()
    except BrokenProcessPool:
        return None


def _texts(corpus: Corpus) -> list[tuple[str, str, str, str]]:
    """(cache key text, field, url, text) for every non-empty title and excerpt, in
    corpus order.

    A title is keyed by itself and its excerpt, which decide its sentence-case copy
    (:mod:`extract.headline`): a rebuild finds it in the cache without recasing it.
    """
    items = []
    for url, story in corpus.stories.items():
        if story.title:
            items.append((f"{story.title}\x00{story.excerpt}", "title", url, story.title))
        if story.excerpt:
            items.append((story.excerpt, "excerpt", url, story.excerpt))
    return items


def _as_written(mentions: list[Mention], text: str) -> list[Mention]:
    """Mentions found in a sentence-case copy of ``text``, with their surface as written
    (the copy has the same offsets)."""
    return [m if text[m.start:m.end] == m.text else replace(m, text=text[m.start:m.end])
            for m in mentions]


@dataclass(slots=True)
class ExtractStats:
    texts: int = 0
    cached: int = 0
    extracted: int = 0
    workers: int = 1
    #: Seconds spent loading the model, or waiting for processes that load it.
    model_seconds: float = 0.0
    #: Seconds spent in the caller's work while NER loaded or ran (``meanwhile`` and
    #: ``ready``), not in NER.
    meanwhile_seconds: float = 0.0
    #: (story url, field, what happened) for texts that failed or were cut.
    problems: list[tuple[str, str, str]] = field(default_factory=list)


def extract_corpus(corpus: Corpus, *, nlp_factory: Callable[[], Any],
                   cache: ExtractionCache | None = None, batch_size: int = 256,
                   workers: int = 1, progress: Progress | None = None,
                   stats: ExtractStats | None = None,
                   known: Callable[[str], bool] | None = None,
                   processes: NerProcesses | None = None,
                   start_processes: Callable[[int], list[NerProcesses]] | None = None,
                   meanwhile: Callable[[], None] | None = None,
                   ready: Callable[[dict[str, list[Mention]]], None] | None = None,
                   ) -> tuple[dict[str, list[Mention]], dict[str, list[Relation]]]:
    """NER over the title and excerpt of every story: raw mentions per story URL, and the
    typed relations between them (per story URL, only stories that state one) when the
    pipeline finds them.

    Texts found in ``cache`` skip spaCy; the pipeline is only loaded (``nlp_factory``)
    when some text is new. With ``processes`` (already loading the pipeline), the new
    texts go to them. The build wants one process per MIN_TEXTS_PER_WORKER new texts,
    at most ``workers``; when fewer are running, ``start_processes(n)`` gives pools of
    the n missing ones (closed here) and they share the texts; without processes, NER
    runs in this process.
    New results are written back in batches as they come.
    ``meanwhile``, work that needs no entity, runs once, while the processes load the
    model or extract (before NER when it runs in this process).
    ``ready`` receives the mentions of stories whose every text is in, in batches of
    READY_BATCH, as they come: the stories found in the cache while the processes load
    the model, the others while they extract. The mentions returned are then empty: the
    per-story work of resolution runs meanwhile, not after NER.
    """
    stats = stats if stats is not None else ExtractStats()

    def timed(work: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:  # the caller's time, not NER's
            began = time.perf_counter()
            try:
                work()
            finally:
                stats.meanwhile_seconds += time.perf_counter() - began
        return run

    pending = [timed(meanwhile)] if meanwhile is not None else []

    def work_meanwhile() -> None:  # once, at the first place that has time for it
        while pending:
            pending.pop()()

    by_field: dict[str, dict[str, Findings]] = {name: {} for name in FIELDS}
    with cyclic_gc_paused():  # a lookup per text makes many objects and no cycle
        items = _texts(corpus)
        todo, todo_urls, todo_keys = _lookup(items, corpus, cache, by_field, known)
    relations: dict[str, list[Relation]] = {}
    titles, excerpts = by_field["title"], by_field["excerpt"]
    cased = _SentenceCased(todo, lambda text, index: sentence_case(
        text, corpus.stories[todo_urls[index]].excerpt, known=known))

    def story_mentions(url: str) -> list[Mention]:  # title before excerpt, as read
        title_mentions, title_relations = titles.pop(url, None) or ([], [])
        excerpt_mentions, excerpt_relations = excerpts.pop(url, None) or ([], [])
        if title_relations or excerpt_relations:
            relations[url] = [*title_relations, *excerpt_relations]
        return _as_written(title_mentions, corpus.stories[url].title) + excerpt_mentions

    missing = Counter(todo_urls)  # new texts per story
    done: list[str] = []

    @timed
    def hand_over() -> None:
        with cyclic_gc_paused():
            batch = {url: story_mentions(url) for url in done}
        done.clear()
        assert ready is not None
        ready(batch)

    def filed(url: str) -> None:
        missing[url] -= 1
        if not missing[url]:
            done.append(url)
            if len(done) >= READY_BATCH:
                hand_over()

    if ready is not None:
        def cached_stories() -> None:
            for url in corpus.stories:
                if url not in missing:
                    done.append(url)
                    if len(done) >= READY_BATCH:
                        hand_over()
            if done:
                hand_over()
        pending.insert(0, cached_stories)  # after the work that needs no entity
    stats.texts = len(items)
    stats.problems.extend((url, name, "cut") for _, name, url, text in items
                          if len(text) > MAX_TEXT_CHARS)
    del items
    stats.cached = stats.texts - len(todo)
    if progress is not None and stats.cached:
        progress(stats.cached)
    if todo:
        started = time.perf_counter()
        # As many workers as the new texts keep busy, up to ``workers``.
        wanted = max(1, min(workers, len(todo) // MIN_TEXTS_PER_WORKER))
        have = processes.workers if processes is not None else 0
        owned: list[NerProcesses] = []
        if start_processes is not None and wanted > max(have, 1):
            owned = start_processes(wanted - have)
        pools = [p for p in (processes, *owned) if p is not None]
        try:
            if pools:
                # Each pool takes its share of the texts at once, before the work done
                # meanwhile: its processes start on them as soon as their model is loaded
                # (a rebuild's few new texts are then done before that work is).
                # Results come back in input order, pool after pool.
                pools[0].loaded()  # its probe goes first: wait() below waits for the load
                total = sum(p.workers for p in pools)
                ends = _shares(todo, [p.workers / total for p in pools])
                parts = [p.extract(cased[start:end], batch_size=batch_size)
                         for p, start, end in zip(pools, [0, *ends], ends, strict=False)]
                stats.workers = total
                found: Iterable[Any] = itertools.chain.from_iterable(parts)
                work_meanwhile()  # while the processes load the model and extract
                pools[0].wait()  # raises why the model could not load
            else:
                work_meanwhile()
                # spaCy loads with the collector on: srsly turns it back on anyway.
                with cyclic_gc_running():
                    nlp = nlp_factory()
                found = extract_texts(nlp, cased, batch_size=batch_size)
            stats.model_seconds = time.perf_counter() - started - stats.meanwhile_seconds
            # Findings from the processes are plain data: filing them needs no cyclic
            # GC, which would rescan every mention filed so far. spaCy here keeps it.
            with cyclic_gc_paused() if pools else cyclic_gc_running():
                _take(found, todo_urls, todo_keys, by_field, cache, stats, progress,
                      filed if ready is not None else None)
        finally:
            for pool in owned:
                pool.close()
        stats.extracted = len(todo)
    work_meanwhile()  # when every text was cached
    if ready is not None:
        if done:
            hand_over()
        return {}, relations
    with cyclic_gc_paused():
        mentions = {url: story_mentions(url) for url in corpus.stories}
    return mentions, relations


#: What a text costs NER and the parser besides its characters, in characters.
TEXT_OVERHEAD_CHARS = 40


def _shares(todo: list[tuple[str, str, int]], fractions: list[float]) -> list[int]:
    """Where each pool's part of ``todo`` ends, cut by length, not by count: a pool
    given a part of longer texts would still be working when the others are done."""
    weights = list(itertools.accumulate(len(text) + TEXT_OVERHEAD_CHARS for text, _, _ in todo))
    ends, want = [], 0.0
    for fraction in fractions[:-1]:
        want += fraction * weights[-1]
        ends.append(bisect.bisect_left(weights, want))
    return [*ends, len(todo)]


def _lookup(items: list[tuple[str, str, str, str]], corpus: Corpus,
            cache: ExtractionCache | None, by_field: dict[str, dict[str, Findings]],
            known: Callable[[str], bool] | None
            ) -> tuple[list[tuple[str, str, int]], list[str], list[str]]:
    """File the cached findings of ``items`` in ``by_field``; returns the texts to
    extract ``(text, field, index into the URLs)``, their story URLs and cache keys.
    Titles are as written: :class:`_SentenceCased` gives the copies NER reads.
    Lookups go in chunks, so no second index of every text is held in memory."""
    todo: list[tuple[str, str, int]] = []
    todo_urls: list[str] = []
    todo_keys: list[str] = []
    for start in range(0, len(items), 5000):
        chunk = items[start:start + 5000]
        keys = [cache.key(key, name) for key, name, _, _ in chunk] if cache is not None else []
        hits = cache.get_many(keys) if cache is not None else {}
        for i, (_, name, url, text) in enumerate(chunk):
            found = hits.get(keys[i]) if hits else None
            if found is not None:
                by_field[name][url] = found
            else:
                todo.append((text, name, len(todo_urls)))
                todo_urls.append(url)
                if cache is not None:
                    todo_keys.append(keys[i])
    return todo, todo_urls, todo_keys


class _SentenceCased(Sequence[tuple[str, str, int]]):
    """The texts to extract, each title in its sentence-case copy (:mod:`extract.headline`),
    made as they are read. A slice is another such view: a pool's share is cased where
    it is cut into tasks, in the pool's feeder thread, while the workers already extract
    the first ones (casing 22,000 titles first kept them waiting a second at 10,000 story
    files)."""

    def __init__(self, todo: list[tuple[str, str, int]], case: Callable[[str, int], str]):
        self._todo, self._case = todo, case

    def __len__(self) -> int:
        return len(self._todo)

    @overload
    def __getitem__(self, at: int) -> tuple[str, str, int]: ...

    @overload
    def __getitem__(self, at: slice) -> _SentenceCased: ...

    def __getitem__(self, at: int | slice) -> tuple[str, str, int] | _SentenceCased:
        if isinstance(at, slice):
            return _SentenceCased(self._todo[at], self._case)
        text, name, index = self._todo[at]
        return (self._case(text, index), name, index) if name == "title" else self._todo[at]


def _take(found: Iterable[Extracted], todo_urls: list[str],
          todo_keys: list[str], by_field: dict[str, dict[str, Findings]],
          cache: ExtractionCache | None, stats: ExtractStats,
          progress: Progress | None, filed: Callable[[str], None] | None = None) -> None:
    """File the findings of new texts as they come, writing them to the cache in batches;
    ``filed(url)`` after each. What came is cached even when NER then fails (a process
    that dies): the build run again extracts only the rest."""
    pending: list[tuple[str, list[Mention], list[Relation]]] = []
    try:
        for index, name, ments, rels, error in found:
            by_field[name][todo_urls[index]] = (ments, rels)
            if error is not None:  # never cached: the next build tries the text again
                stats.problems.append((todo_urls[index], name, error))
            elif cache is not None:
                pending.append((todo_keys[index], ments, rels))
                if len(pending) >= 2000:
                    cache.put_many(pending)
                    pending.clear()
            if progress is not None:
                progress(1)
            if filed is not None:
                filed(todo_urls[index])
    finally:
        if cache is not None:
            cache.put_many(pending)


def find_events(corpus: Corpus, resolved: Mapping[str, list[Resolved]],
                terms: Mapping[str, tuple[tuple[str, int], ...]] | None = None,
                ) -> dict[str, str]:
    """Article id → event id for the articles that report the same news as others
    (:mod:`graph.events`). ``terms``: each story's :func:`graph.events.story_terms` by
    URL, when already computed."""
    terms = terms or {}
    return events.assign_events(
        [events.features(story, resolved.get(url, []), terms.get(url))
         for url, story in corpus.stories.items()],
        {m.node_id(m.ARTICLE, url): s.published for url, s in corpus.stories.items()},
        corpus.related)


def build_graph(corpus: Corpus, resolved: Mapping[str, list[Resolved]], *,
                consume: bool = False,
                entity_id: Callable[[str, str], str | None] | None = None,
                found_events: Mapping[str, str] | None = None,
                relations: Mapping[str, list[Relation]] | None = None) -> nx.MultiDiGraph:
    """The knowledge graph of a corpus (see docs/architecture.md "Data model"): the
    networkx graph of :func:`build_tables`, whose arguments it takes.

    Edges are keyed by their kind, so there is at most one edge of each kind per node
    pair. CO_MENTIONED is undirected in meaning and stored once, from the smaller id.
    """
    from graph import tables

    return tables.graph_from_tables(build_tables(
        corpus, resolved, consume=consume, entity_id=entity_id, found_events=found_events,
        relations=relations))


def build_tables(corpus: Corpus, resolved: Mapping[str, list[Resolved]], *,
                 consume: bool = False,
                 entity_id: Callable[[str, str], str | None] | None = None,
                 found_events: Mapping[str, str] | None = None,
                 relations: Mapping[str, list[Relation]] | None = None
                 ) -> dict[str, pd.DataFrame]:
    """The final tables of the graph of a corpus (:mod:`graph.tables`): rows per story,
    reduced by key, as the Dask build makes them over partitions.

    ``consume`` removes each story from the corpus, and its resolved mentions and
    relations from theirs, once it is in the rows.
    ``entity_id(kind, name)`` gives the alias table's stable id of a known entity.
    ``relations``: raw typed relations per story URL, made edges between the entities
    their mentions resolved to.
    """
    found = found_events if found_events is not None else find_events(corpus, resolved)

    def stories() -> Iterable[tuple[int, Story, list[Resolved], list[Relation]]]:
        for order, url in enumerate(list(corpus.stories)):
            if consume:
                yield (order, corpus.stories.pop(url), _taken(resolved, url),
                       _taken(relations, url))
            else:
                yield (order, corpus.stories[url], resolved.get(url, []),
                       (relations or {}).get(url, []))

    from graph import tables

    rows = tables.story_rows(stories(), corpus.related, found)
    return tables.reduce_rows(rows, entity_id)


def _taken(per_story: Mapping[str, list[Any]] | None, url: str) -> list[Any]:
    """A story's entry, removed from a dict (what is in the rows need not stay twice)."""
    if isinstance(per_story, dict):
        return per_story.pop(url, [])
    return per_story.get(url, []) if per_story is not None else []


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


def extraction_note(where: str, field: str, problem: str) -> dict[str, str]:
    """The report note of a text that was cut (``problem == "cut"``) or failed in NER."""
    if problem == "cut":
        return {"path": where, "note": f"{field} is longer than {MAX_TEXT_CHARS:,} "
                                       f"characters; entities are read from its "
                                       f"first {MAX_TEXT_CHARS:,} only"}
    if problem.startswith("relations: "):
        return {"path": where, "note": f"relation extraction failed on the {field} "
                                       f"({problem.removeprefix('relations: ')}); the story "
                                       f"keeps its entities, without relations. This is a "
                                       f"bug: please report it with the file"}
    return {"path": where, "note": f"entity extraction failed on the {field} ({problem}); "
                                   f"the story is kept without its entities. This is a "
                                   f"bug: please report it with the file"}


def _extraction_notes(corpus: Corpus, stats: ExtractStats) -> list[dict[str, str]]:
    notes = []
    for url, name, problem in stats.problems:
        story = corpus.stories.get(url)
        notes.append(extraction_note((story.source_file if story is not None else None) or url,
                                     name, problem))
    return notes


#: The last pipeline loaded, by model and gazetteer: a notebook (or a test suite) that
#: builds again in the same process does not load the model again.
_LOADED: dict[tuple[str | None, str, bool], Any] = {}


def _pipeline(model: str | None, table, relations: bool = True) -> Any:
    key = (model, table.fingerprint(), relations)
    if key not in _LOADED:
        _LOADED.clear()  # one pipeline at a time: a model is 100 MB or more
        _LOADED[key] = load_pipeline(model, patterns=table.patterns(), relations=relations)
    return _LOADED[key]


def _open_cache(cache: bool | str | os.PathLike[str], model: str | None,
                table, relations: bool = True) -> ExtractionCache | None:
    if cache is False or cache is None:
        return None
    path = default_cache_path() if cache is True else Path(cache)
    return ExtractionCache(path, cache_fingerprint(model, table.fingerprint(),
                                                   relations=relations))


def build(paths: Iterable[str | os.PathLike[str]] = ("seeds",), *,
          out_dir: str | os.PathLike[str] | None = "out", model: str | None = None,
          aliases: str | os.PathLike[str] | None = None, strict: bool = False,
          batch_size: int = 256, workers: int | None = 1,
          cache: bool | str | os.PathLike[str] = False,
          html: bool = True, progress_factory: Callable[[int], Any] | None = None,
          processes: NerProcesses | None = None, relations: bool = True,
          graph_limit: int = GRAPH_LIMIT) -> BuildResult:
    """Load, extract, resolve and build; write graph.json, graph.html and report.json.

    A graph of more than ``graph_limit`` nodes and edges is written as Parquet tables
    instead (``OUT/tables/``, as :func:`graph.distributed.build_dask` writes them), and
    the result's graph is None; a report note says so. ``out_dir=None`` always gives the
    graph.

    ``aliases`` is a user alias file merged over the built-in table. ``workers`` is the
    number of spaCy processes (None: the CPU count). ``cache`` is True for the default
    extraction cache, a path for another, False for none. ``out_dir=None`` writes
    nothing. ``relations`` extracts typed relations (:mod:`extract.relations`); without
    them the parser is never loaded. For more than one machine, see
    :func:`graph.distributed.build_dask`.
    ``progress_factory(total)`` may return a context manager with ``update(n)`` (e.g.
    ``click.progressbar``) to show extraction progress.
    ``processes`` are NER processes the caller started before anything else
    (:class:`extract.ner.NerProcesses`, with the same ``model`` and ``aliases``): the
    model loads in them while the files are read, and the new texts go to them. The
    build closes them, as soon as every text turns out to be cached or when this process
    already holds the pipeline. That is what a one-shot command wants; a notebook that
    builds again and again does better without, keeping the model loaded in this process.
    Raises StrictLoadError after writing the outputs when ``strict`` and a file was bad.
    """
    workers = workers or os.cpu_count() or 1
    if processes is not None and (processes.relations != relations or any(
            key[0] == model and key[2] == relations for key in _LOADED)):
        processes.close()
        processes = None
    # One pause for the whole build, not one per stage: at each stage's end the
    # collector rescanned everything the stage had made (0.3 s of a 6.5 s rebuild at
    # 1,500 stories, 1.6 s when spaCy runs in this process). spaCy, when it runs here,
    # works with the collector on.
    try:
        with cyclic_gc_paused():
            return _build(list(paths), out_dir=out_dir, model=model, aliases=aliases,
                          strict=strict, batch_size=batch_size, workers=workers,
                          cache=cache, html=html, progress_factory=progress_factory,
                          processes=processes, relations=relations,
                          graph_limit=graph_limit)
    finally:
        if processes is not None:
            processes.close()


def _build(paths: list[str | os.PathLike[str]], *, out_dir: str | os.PathLike[str] | None,
           model: str | None, aliases: str | os.PathLike[str] | None, strict: bool,
           batch_size: int, workers: int, cache: bool | str | os.PathLike[str], html: bool,
           progress_factory: Callable[[int], Any] | None,
           processes: NerProcesses | None, relations: bool, graph_limit: int) -> BuildResult:
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    table = load_aliases(aliases)  # first: a bad aliases file must fail before any work
    files = find_story_files(paths)
    if not files:
        shown = ", ".join(os.fspath(p) for p in paths)
        raise InputError(f"no story files (.md, .txt, .yaml, .yml) found under {shown}")
    store = _open_cache(cache, model, table, relations)
    corpus = Corpus()
    early: list[NerProcesses] = []  # at most one pool, started while the files are read

    def new_processes(n: int) -> NerProcesses:
        return NerProcesses(model, os.fspath(aliases) if aliases else None, n,
                            relations=relations)

    def start_processes(n: int) -> list[NerProcesses]:
        # The pool started early, and one for the workers it lacks (the new texts are
        # known now: more than the files promised, with their related stories).
        pools = [early.pop()] if early else []
        short = n - sum(p.workers for p in pools)
        return pools + [new_processes(short)] if short > 0 else pools

    def starting_workers(parse: Callable[[list[str]], Iterable[FileResult]]
                         ) -> Callable[[list[str]], Iterable[FileResult]]:
        # New files bring new texts (two or more each): the NER workers they will keep
        # busy start now and load the model while the files are read, not after.
        def parse_new(paths: list[str]) -> Iterable[FileResult]:
            have = processes.workers if processes is not None else 0
            wanted = min(workers, 2 * len(paths) // MIN_TEXTS_PER_WORKER)
            if wanted > max(have, 1):
                early.append(new_processes(wanted - have))
            return parse(paths)
        return parse_new

    try:  # unchanged files come parsed from the cache; the others in reader processes
        # The first NER worker loads the model meanwhile: it keeps one core busy.
        with readers(workers - 1) as parse:
            parse = starting_workers(parse)
            for file_result in (store.load_files(files, parse=parse) if store is not None
                                else parse([os.fspath(f) for f in files])):
                corpus.add(file_result)
    except BaseException:
        if store is not None:
            store.close()
        for pool in early:
            pool.close()
        raise
    timings["load"] = time.perf_counter() - clock

    # What needs no entity, done while the NER processes load the model or extract: the
    # words of every story for events, and the place gazetteer resolution reads.
    terms: dict[str, tuple[tuple[str, int], ...]] = {}

    def needs_no_entity() -> None:
        terms.update((url, events.story_terms(story)) for url, story in corpus.stories.items())
        builtin_places()
        # The graph's tables need pandas and networkx, half a second of imports.
        importlib.import_module("graph.tables")

    clock = time.perf_counter()
    stats = ExtractStats()

    def nlp_factory() -> Any:
        return _pipeline(model, table, relations)

    @functools.lru_cache(maxsize=1 << 16)  # headline n-grams repeat across a corpus
    def known(text: str) -> bool:
        return bool(table.lookup(text, strong=True))

    # Resolution's per-story steps run on each story as soon as its texts are in, while
    # NER goes on: only the corpus-wide steps wait for the last text.
    resolver = Resolver(table)
    candidates: dict[str, list] = {}

    def ready(batch: dict[str, list[Mention]]) -> None:
        with cyclic_gc_paused():  # when spaCy runs in this process, with the collector
            candidates.update(resolver.story_candidates(batch, consume=True))

    try:
        if progress_factory is not None:
            total = sum(bool(s.title) + bool(s.excerpt) for s in corpus.stories.values())
            with progress_factory(total) as bar:
                mentions, found = extract_corpus(corpus, nlp_factory=nlp_factory,
                                                 cache=store, batch_size=batch_size,
                                                 workers=workers,
                                          progress=bar.update, stats=stats, known=known,
                                          processes=processes,
                                          start_processes=start_processes,
                                          meanwhile=needs_no_entity, ready=ready)
        else:
            mentions, found = extract_corpus(corpus, nlp_factory=nlp_factory, cache=store,
                                             batch_size=batch_size, workers=workers,
                                             stats=stats, known=known, processes=processes,
                                             start_processes=start_processes,
                                             meanwhile=needs_no_entity, ready=ready)
    finally:
        if store is not None:
            store.close()
        if processes is not None:  # their memory is better spent on the graph
            processes.close()
        for pool in early:  # started for texts that turned out to be cached
            pool.close()
    timings["model"] = stats.model_seconds
    timings["extract"] = (time.perf_counter() - clock - timings["model"]
                          - stats.meanwhile_seconds)

    stories, undated = len(corpus.stories), _undated_note(corpus)
    extraction_notes = _extraction_notes(corpus, stats)
    # The stories and raw mentions are not needed once they are in the tables: let the
    # tables' construction free them as it goes.
    tables, resolve_timings = tables_from_mentions(
        corpus, mentions, table, consume=True, terms=terms, relations=found,
        candidates=candidates, resolver=resolver)
    terms.clear()
    # What ran in this process while NER loaded or ran: the events' word counts, the
    # place gazetteer, the per-story steps of resolution.
    timings["overlapped"] = stats.meanwhile_seconds
    timings.update(resolve_timings)
    from graph import tables as graph_tables

    size = graph_tables.graph_size(tables)
    G = None
    limit_notes: list[dict[str, str]] = []
    if out_dir is None or size <= graph_limit:
        clock = time.perf_counter()
        G = graph_tables.graph_from_tables(tables)
        tables.clear()
        timings["graph"] += time.perf_counter() - clock
        counts = graph_counts(G)
    else:
        clock = time.perf_counter()
        tables_dir = Path(out_dir) / "tables"
        counts = graph_tables.write_tables(tables, tables_dir)
        tables.clear()
        del counts["undated"]
        timings["write"] = time.perf_counter() - clock
        limit_notes.append(graph_limit_note(size, graph_limit, tables_dir, out_dir))

    report: dict[str, Any] = {
        "stories": stories,
        "files": corpus.files,
        "counts": counts,
        "timings": timings,
        "extraction": {"files_parsed": store.files_parsed if store is not None else len(files),
                       "texts": stats.texts, "cached": stats.cached,
                       "extracted": stats.extracted, "workers": stats.workers,
                       "cache": str(store.path) if store is not None else None},
        "load_issues": [i.as_dict("reason") for i in corpus.issues],
        "notes": (undated + [n.as_dict("note") for n in corpus.notes] + extraction_notes
                  + limit_notes),
        "warnings": list(store.warnings) if store is not None else [],
    }
    result = BuildResult(G, report)
    if out_dir is not None:
        out = Path(out_dir)
        if G is not None:
            clock = time.perf_counter()
            with OutputSet() as outputs:  # all the outputs, or none
                result.files = write_outputs(G, out, html=html, outputs=outputs)
                timings["write"] = time.perf_counter() - clock
                _write_report(report, result.files["report"], outputs=outputs)
            graph_tables.remove_stale_tables(out / "tables")
        else:
            result.files = {"tables": out / "tables", "report": out / "report.json"}
            _write_report(report, result.files["report"])
            remove_stale_graph_files(out)
    if strict and corpus.issues:
        raise StrictLoadError(
            f"{len(corpus.issues)} file(s) could not be loaded (see {result.files.get('report', 'the report')}); "
            f"fix them or run without --strict to build from the good files only.")
    return result


def graph_limit_note(size: int, limit: int, tables_dir: Path,
                     out_dir: str | os.PathLike[str]) -> dict[str, str]:
    """The report note of a graph written as tables only (more than ``limit`` nodes and
    edges), which says how to use them."""
    return {"path": "", "note": (
        f"the graph has {size:,} nodes and edges, more than the {limit:,} a graph.json or "
        f"HTML view is written for (--graph-limit); the tables are in {tables_dir}: read "
        f"them with pandas or DuckDB, push them with 'storygraph neo4j push {tables_dir}', "
        f"or export them with 'storygraph export {os.fspath(out_dir)} --format neo4j-csv'")}


def remove_stale_graph_files(out_dir: Path) -> None:
    """Remove the graph.json and graph.html of an earlier build from a folder whose graph
    is now written as tables only: they would contradict its report."""
    for name in ("graph.json", "graph.html"):
        with contextlib.suppress(FileNotFoundError):
            (out_dir / name).unlink()


def tables_from_mentions(corpus: Corpus, mentions: dict[str, list[Mention]], table, *,
                         consume: bool = False,
                         terms: Mapping[str, tuple[tuple[str, int], ...]] | None = None,
                         relations: Mapping[str, list[Relation]] | None = None,
                         candidates: dict[str, list] | None = None,
                         resolver: Resolver | None = None,
                         ) -> tuple[dict[str, pd.DataFrame], dict[str, float]]:
    """Resolve raw mentions over the whole corpus and make the graph's final tables
    (with timings).

    ``consume`` lets resolution empty ``mentions``, the events' step ``terms``, and the
    tables' construction the corpus, as they go, to save memory. ``terms`` as for
    :func:`find_events`;
    ``relations`` are the raw relations per story URL (from :func:`extract_corpus`).
    ``candidates``: the stories' :meth:`Resolver.story_candidates`, already made (by
    ``resolver``) as NER went on, instead of ``mentions``; emptied.
    """
    clock = time.perf_counter()
    resolver = resolver or Resolver(table)
    if candidates:
        # In corpus order, as one call over every story gives them.
        per_story = {url: candidates.pop(url) for url in corpus.stories}
        resolved = resolver.resolve_candidates(per_story)
    else:
        resolved = resolver.resolve(mentions, consume=consume)
    timings = {"resolve": time.perf_counter() - clock}
    clock = time.perf_counter()
    found = find_events(corpus, resolved, terms)
    if consume and isinstance(terms, dict):
        terms.clear()  # events were all they were for
    timings["events"] = time.perf_counter() - clock
    clock = time.perf_counter()
    tables = build_tables(corpus, resolved, consume=consume, entity_id=table.entry_id,
                          found_events=found, relations=relations)
    timings["graph"] = time.perf_counter() - clock
    return tables, timings


def write_outputs(G: nx.MultiDiGraph, out_dir: str | os.PathLike[str],
                  *, html: bool = True, outputs: OutputSet | None = None) -> dict[str, Path]:
    """Write graph.json (and graph.html) into ``out_dir``; returns the paths by role.

    The report's path is returned too; the caller writes it last, with the write timing.
    """
    from graph.export.graphfiles import write_json

    out = Path(out_dir)
    files = {"graph": out / "graph.json", "report": out / "report.json"}
    write_json(G, files["graph"], outputs=outputs)
    if html:
        from graph.export.html import write_html

        files["html"] = out / "graph.html"
        write_html(G, files["html"], outputs=outputs)
    return files


def _write_report(report: dict[str, Any], path: Path, *,
                  outputs: OutputSet | None = None) -> None:
    rounded = {**report, "timings": {k: round(v, 4) for k, v in report["timings"].items()}}
    write_text(path, json.dumps(rounded, indent=2, ensure_ascii=False) + "\n", outputs=outputs)
