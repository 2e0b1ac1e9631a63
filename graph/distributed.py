"""The build on a Dask cluster: the same stage functions as one machine, over partitions.

``storygraph build PATHS --dask ADDRESS`` (or ``--dask local:N``) runs
:func:`build_dask`. The client lists the files and holds only small tables; the
stories, their mentions and the graph's rows stay on the workers:

1. **load** (map, per partition of files): read, check and repair each file
   (:func:`extract.documents.load_file`); one record per story, related copies included;
2. **merge by URL** (shuffle): the records of one URL, in input order, make one story,
   as :class:`extract.documents.Corpus` merges them on one machine;
3. **extract** (map, over partitions of their own, sixteen per worker, so that the
   workers end together): NER with the pipeline loaded once per worker process
   (:func:`graph.build._pipeline`; ``nlp`` is never pickled), through
   :func:`graph.build.extract_corpus`; a worker plugin starts the load in a thread as
   the build begins, so that it overlaps the reading; then
   :meth:`extract.resolve.Resolver.story_candidates` per partition;
4. **while the tables fit one partition** (up to ``files_per_table_partition`` files),
   everything after NER runs in one task, by the one-machine functions
   (:func:`finish_in_one_task`): resolution, events, rows and the final tables. Above
   that, over the partitions:

   - **resolve**: each corpus-wide :class:`extract.resolve.Stage`: collect a table of
     distinct names per partition, combine them in a tree reduction, finish the index
     on a worker, apply it per partition;
   - **events** (:mod:`graph.events`): word document frequencies as a reduction, the
     pass over the keys without time in one task (only the names that can propose a
     pair), and one task per time block, with the articles of the blocks around it,
     that finds and decides the pairs whose later article is in its block
     (:func:`graph.events.block_pairs`); clusters in one task from the linked pairs;
   - **rows and reductions**: :func:`graph.tables.story_rows` per partition, shuffled
     by key into dask DataFrames and reduced by the same functions as on one machine;

   these stages go to the cluster while NER runs, so that no worker waits for the
   client between two of them;
5. **write**: the workers write ``OUT/tables/<table>/part.N.parquet``; ``graph.json``
   and ``graph.html`` are written from the tables when the graph has at most
   ``graph_limit`` nodes and edges (:data:`GRAPH_IN_MEMORY_LIMIT` by default).

Workers need the storygraph package, the spaCy model, read access to the input files
(and to an ``--aliases`` file), and write access to ``OUT``.
"""

from __future__ import annotations

import atexit
import contextlib
import copy
import functools
import importlib
import itertools
import logging
import math
import os
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from extract.documents import Corpus, FileMessage, Story, find_story_files, load_file
from extract.errors import InputError, StorygraphError
from graph.files import staged_folder
from graph.gcpause import without_cyclic_gc


class _ImportedOnUse:
    """A module imported where it is first used. The client and each worker import this
    module before any work: the client to start its cluster, a worker to run the plugins
    it is sent. The tables' pandas and networkx (0.75 s of this module's 1.1 s) load
    instead in the client while its cluster starts, and in each worker with the model."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__"):  # pickle's probes, before __init__ has run
            raise AttributeError(attr)
        return getattr(importlib.import_module(self._name), attr)

    def __reduce__(self) -> tuple[Any, tuple[str]]:  # sent within the tasks' functions
        return _ImportedOnUse, (self._name,)


ev: Any = _ImportedOnUse("graph.events")
t: Any = _ImportedOnUse("graph.tables")

#: Above this many nodes and edges (about 2,500 stories), a Dask build writes only the
#: tables: graph.json and the HTML view would hold the whole graph in the client's memory
#: (measured: 712 MiB for 204,000 nodes and edges), where the client should stay small.
GRAPH_IN_MEMORY_LIMIT = 50_000
#: Most story files per partition, unless the caller says otherwise.
FILES_PER_PARTITION = 500
#: Fewest story files per NER partition: half a NER batch of texts (a title and an
#: excerpt each). NER has partitions of its own, sixteen per worker: a worker that ends
#: its last NER task waits for the others' last ones, so the smaller the tasks the
#: shorter that wait (at 3,000 stories on two workers, one of 375 files took 12 s).
MIN_FILES_PER_PARTITION = 128
#: Story files per partition of the reduced tables (entities, edges): their rows are few
#: per story, and each partition more is a task more in every shuffle and a Parquet file
#: more per table (measured: the graph stage at 1,500 stories took 2.8 s in one partition
#: per table against 6.3 s in eight).
FILES_PER_TABLE_PARTITION = 20_000
#: Shuffles of this many partitions or more use Dask's P2P shuffle.
P2P_FROM_PARTITIONS = 64
#: Order keys: a story's file index times this, plus its position in the file.
_IN_FILE = 1 << 20


class DaskError(StorygraphError):
    """The Dask cluster could not be reached or the dask extra is missing."""


def _dask() -> Any:
    try:
        import dask.bag  # noqa: F401
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise DaskError("the Dask build needs the dask extra: pip install "
                        "'storygraph[dask]'") from exc
    import dask

    return dask


@contextlib.contextmanager
def connect(address: str, *, meanwhile: Callable[[], None] | None = None
            ) -> Iterator[Any]:
    """A ``distributed.Client`` for ``address``: ``tcp://host:8786`` (an existing
    scheduler), or ``local:N`` (a LocalCluster of N worker processes, one thread each,
    closed on exit). ``meanwhile`` runs while a local cluster starts (its error closes
    the cluster and is raised)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        _dask()  # says how to install the extra
        raise

    if address.startswith("local:"):
        try:
            workers = int(address.removeprefix("local:"))
        except ValueError:
            workers = 0
        if workers < 1:
            raise DaskError(f"--dask {address!r}: write local:N with N ≥ 1 worker "
                            f"processes, e.g. local:4")
        import dask

        # Dask's nannies set MALLOC_TRIM_THRESHOLD_ in their workers (to hand freed memory
        # back to the system), which turns off glibc's adaptive mmap threshold: spaCy's
        # batches then cost page faults, and NER ran 15-20 % slower. The workers of a
        # local cluster keep the allocator's defaults.
        environ = {k: v for k, v in
                   dask.config.get("distributed.nanny.pre-spawn-environ", {}).items()
                   if k != "MALLOC_TRIM_THRESHOLD_"}
        started: dict[str, Any] = {}

        def start() -> None:
            try:
                # Nor do they sample their own stacks for the dashboard's profile every
                # 10 ms: py-spy found 2.1 s of the two workers' CPU in its processing, in
                # a build of 3,000 stories.
                with dask.config.set({"distributed.nanny.pre-spawn-environ": environ,
                                      "distributed.worker.profile.enabled": False}):
                    started["cluster"] = LocalCluster(
                        n_workers=workers, threads_per_worker=1, processes=True,
                        dashboard_address=":0", silence_logs=logging.ERROR)
            except BaseException as exc:  # raised below, in the caller's thread
                started["error"] = exc

        # The workers start (0.9 s) while this process imports dask's collections (0.5 s)
        # and does what needs no cluster (the alias table, the file list: 0.4 s and more).
        starting = threading.Thread(target=start, name="storygraph-local-cluster")
        starting.start()
        try:
            _dask()
            if meanwhile is not None:
                meanwhile()
        except BaseException:
            starting.join()
            if "cluster" in started:
                started["cluster"].close()
            raise
        starting.join()
        if "error" in started:
            raise started["error"]
        cluster = started["cluster"]
        try:
            with Client(cluster) as client:
                client.register_plugin(_quick_exit_plugin())
                yield client
        finally:
            cluster.close()
        return
    _dask()
    if meanwhile is not None:
        meanwhile()
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise DaskError(f"--dask {address!r}: no Dask scheduler answers there ({exc}); "
                        f"start one with 'dask scheduler' and workers with 'dask worker "
                        f"{address}', or use --dask local:N") from exc
    with client:
        yield client


# -- worker-side state, one per process ------------------------------------------------
#: Set when this worker process's worker has closed (see :func:`_quick_exit_plugin`).
_CLOSED = threading.Event()


def _leave_when_closed() -> None:
    if _CLOSED.is_set():
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(0)


def _mark_closed() -> None:
    _CLOSED.set()


def _quick_exit_plugin() -> Any:
    from distributed.diagnostics.plugin import WorkerPlugin

    class QuickExit(WorkerPlugin):
        """The workers of a local cluster leave without freeing what they hold, once
        their worker has closed: their interpreter's teardown (the model, the vocabulary,
        object by object) took 1.0 s of the cluster's close, and 1.6 s after a build of
        3,000 stories, against 0.07 s without it. By then the worker has released its
        folder and its threads, and the standard streams are flushed; a worker process
        that ends any other way (an error, a kill) exits as before."""

        name = "storygraph-quick-exit"

        def setup(self, worker: Any) -> None:
            # Registered last, it runs first among the exit handlers: those before it
            # (logging's, dask's) have nothing left to do once the worker has closed.
            atexit.register(_leave_when_closed)

        def teardown(self, worker: Any) -> None:
            _mark_closed()

    return QuickExit()


#: The pipeline loads once per worker process, by the first of the warm-up thread and the
#: first extract task; the other waits for it.
_LOADING = threading.Lock()


def _worker_pipeline(model: str | None, aliases: str | None, relations: bool) -> Any:
    from graph.build import _pipeline

    with _LOADING:
        return _pipeline(model, _table(aliases), relations)


def _warm_up_plugin(model: str | None, aliases: str | None, relations: bool) -> Any:
    """A worker plugin that loads the pipeline in a thread of each worker as it joins,
    so that the model loads while the files are read, not before the first NER task
    (1.7 s of each worker's time at 3,000 stories). Workers that join later (a restarted
    one) get it too."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class WarmUp(WorkerPlugin):
        name = "storygraph-warm-up"

        def setup(self, worker: Any) -> None:
            def load() -> None:
                # A model that fails to load fails the first extract task instead, with
                # its own message.
                with contextlib.suppress(Exception):
                    _worker_pipeline(model, aliases, relations)
                    importlib.import_module("graph.tables")  # for the last task
            threading.Thread(target=load, name="storygraph-warm-up", daemon=True).start()

    return WarmUp()


def _table(aliases: str | None) -> Any:
    """The alias table, loaded once per process and again when its file changes (a
    worker of a cluster outlives the build, and a user edits the file between two)."""
    return _table_of(aliases, _stamp(aliases))


def _resolver(aliases: str | None) -> Any:
    return _resolver_of(aliases, _stamp(aliases))


def _stamp(path: str | None) -> tuple[int, int] | None:
    if path is None:
        return None
    try:
        stat = os.stat(path)
    except OSError:
        return None  # loading it says why
    return stat.st_mtime_ns, stat.st_size


@functools.lru_cache(maxsize=2)
def _table_of(aliases: str | None, stamp: tuple[int, int] | None) -> Any:
    from extract.aliases import load_aliases

    return load_aliases(aliases)


@functools.lru_cache(maxsize=2)
def _resolver_of(aliases: str | None, stamp: tuple[int, int] | None) -> Any:
    from extract.resolve import Resolver

    return Resolver(_table_of(aliases, stamp))


# -- the stage functions mapped over partitions ----------------------------------------


@without_cyclic_gc
def load_partition(files: Iterable[tuple[int, str]], folder: str = "") -> list[tuple]:
    """Records of some ``(index, path)`` files, a relative path taken from ``folder``:
    ``("story", url, order, story, own_path)``, ``("related", parent, child)``,
    ``("issue", path, reason)``, ``("note", path, note)``."""
    out: list[tuple] = []
    for index, shown in files:
        result = load_file(os.path.join(folder, shown), shown=shown)
        out.extend(("note", n.path, n.text) for n in result.notes)
        if result.issue is not None:
            out.append(("issue", result.issue.path, result.issue.text))
            continue
        story = result.story
        assert story is not None
        children, story.related = story.related, []
        out.append(("story", story.url, index * _IN_FILE, story, result.path))
        seen = set()
        for position, child in enumerate(children, start=1):
            child.related = []
            out.append(("story", child.url, index * _IN_FILE + position, child, None))
            if child.url != story.url and child.url not in seen:
                seen.add(child.url)
                out.append(("related", story.url, child.url))
    return out


def merge_records(group: tuple[str, list[tuple]]) -> tuple[int, Story, list[FileMessage]]:
    """One URL's records, merged in input order as :meth:`Corpus.add` merges them."""
    _, records = group
    corpus = Corpus()
    for _, url, _order, story, own_path in sorted(records, key=lambda r: r[2]):
        known = corpus.stories.get(url)
        if (own_path is not None and known is not None and known.source_file
                and known.source_file != own_path):
            corpus.notes.append(FileMessage(own_path, f"same story URL as {known.source_file}; "
                                                   f"the two files are one Article"))
        corpus.merge(copy.deepcopy(story))  # merging changes the kept story: not the input
    (story,) = corpus.stories.values()
    return min(r[2] for r in records), story, corpus.notes


def extract_partition(stories: Iterable[tuple[int, Story, list]], model: str | None,
                      aliases: str | None, batch_size: int, relations: bool = True
                      ) -> list[tuple]:
    """NER over one partition: ``(order, story, mentions, problems, relations)`` per
    story."""
    from graph.build import ExtractStats, extract_corpus

    stories = list(stories)  # read twice: a bag's partition may come as an iterator
    table = _table(aliases)
    corpus = Corpus()
    for _, story, _ in stories:
        corpus.stories[story.url] = story
    stats = ExtractStats()
    known = functools.lru_cache(maxsize=1 << 16)(
        lambda text: bool(table.lookup(text, strong=True)))
    mentions, found = extract_corpus(corpus, batch_size=batch_size, stats=stats,
                                     nlp_factory=lambda: _worker_pipeline(model, aliases,
                                                                          relations),
                                     known=known)
    problems: dict[str, list] = {}
    for url, name, problem in stats.problems:
        problems.setdefault(url, []).append((name, problem))
    return [(order, story, mentions[story.url], problems.get(story.url, []),
             found.get(story.url, [])) for order, story, _ in stories]


@without_cyclic_gc
def candidates_partition(part: Sequence[tuple], aliases: str | None) -> list[tuple]:
    """``(order, story, candidates, relations)`` per story, after the per-story steps."""
    per_story = _resolver(aliases).story_candidates({p[1].url: p[2] for p in part})
    return [(p[0], p[1], per_story[p[1].url], p[4]) for p in part]


@without_cyclic_gc
def collect_partition(part: Sequence[tuple], aliases: str | None, stage: int) -> Any:
    return _resolver(aliases).stages()[stage].collect({p[1].url: p[2] for p in part})


@without_cyclic_gc
def combine_tables(parts: Iterable[Any], aliases: str | None, stage: int) -> Any:
    return _resolver(aliases).stages()[stage].combine(list(parts))


@without_cyclic_gc
def finish_table(table: Any, aliases: str | None, stage: int) -> Any:
    """A resolution step's corpus-wide table → the index its ``apply`` reads."""
    return _resolver(aliases).stages()[stage].finish(table)


@without_cyclic_gc
def apply_partition(part: Sequence[tuple], aliases: str | None, stage: int,
                    index: Any) -> list[tuple]:
    # A copy: a retried task must find its input as it was (``placed`` copies a candidate
    # ten times faster than copy.copy).
    per_story = {p[1].url: [c.placed(c.opens_title) for c in p[2]] for p in part}
    _resolver(aliases).stages()[stage].apply(per_story, index)
    return [(order, story, per_story[story.url], found) for order, story, _, found in part]


@without_cyclic_gc
def rows_partition(part: Sequence[tuple], found: Mapping[str, str]) -> list[dict]:
    """Rows of one partition of resolved stories (a list of one dict of DataFrames);
    ``found`` maps article ids to event ids."""
    from extract.resolve import resolved_stories

    resolved = resolved_stories({p[1].url: p[2] for p in part})
    return [t.story_rows(((order, story, resolved[story.url], rels)
                          for order, story, _, rels in part), events=found)]


@without_cyclic_gc
def features_partition(part: Sequence[tuple]) -> list[tuple]:
    """Event features of one partition: ``(features, published)`` per story."""
    from extract.resolve import resolved_stories

    resolved = resolved_stories({p[1].url: p[2] for p in part})
    return [(ev.features(story, resolved[story.url]), story.published)
            for _, story, *_ in part]


@without_cyclic_gc
def loose_partition(part: Sequence[tuple], df: Mapping[str, int], undated: set[str],
                    names: set[str]) -> list[tuple]:
    """The articles of one partition that post a key without time that proposes pairs."""
    return [item for item in part
            if not names.isdisjoint(ev.loose_names(item[0], df, undated))]


@without_cyclic_gc
def loose_decisions(part: Sequence[tuple], df: Mapping[str, int], n_docs: int,
                    undated: set[str], names: set[str]) -> list[tuple]:
    """The pass over the keys without time, in one task: ``[(the result of
    loose_pairs, decisions of its pairs met twice)]``."""
    by_id = {f.id: (f, published) for f, published in part}
    loose = ev.loose_pairs((f for f, _ in by_id.values()), df, undated, names)
    return [(loose, _decide(sorted(loose[1]), by_id, df, n_docs))]


@without_cyclic_gc
def loose_counts_partition(part: Sequence[tuple], df: Mapping[str, int],
                           undated: set[str]) -> list[Counter]:
    """How many articles of one partition post each name without time (one Counter)."""
    return [Counter(name for f, _ in part for name in ev.loose_names(f, df, undated))]


def proposing_names(counts: Mapping[str, int]) -> set[str]:
    """The names without time that some pair can come from: posted by 2 to MAX_POSTINGS
    articles."""
    return {n for n, c in counts.items() if 2 <= c <= ev.MAX_POSTINGS}


def _union_sets(parts: Iterable[Any]) -> set:
    out: set = set()
    for part in parts:
        out |= part
    return out


def _sum_counters(parts: Iterable[Counter]) -> Counter:
    total: Counter = Counter()
    for part in parts:
        total.update(part)
    return total


@without_cyclic_gc
def block_copies(part: Sequence[tuple]) -> list[tuple[int, tuple]]:
    """Each dated article to the tasks of its time block and of the two around it."""
    out = []
    for item in part:
        if item[0].day is not None:
            block = item[0].day // ev.WINDOW_DAYS
            out.extend((b, item) for b in (block - 1, block, block + 1))
    return out


@without_cyclic_gc
def block_decisions(groups: Iterable[tuple[int, list[tuple]]], df: Mapping[str, int],
                    n_docs: int, loose: tuple) -> list[tuple]:
    """Same-event decisions on the pairs whose later article is in each time block."""
    out = []
    for block, copies in groups:
        by_id = {f.id: (f, published) for _, (f, published) in copies}
        pairs = ev.block_pairs((f for f, _ in by_id.values()), df, block, loose)
        out.extend(_decide(pairs, by_id, df, n_docs))
    return out


def _decide(pairs: Iterable[tuple[str, str]], by_id: Mapping[str, tuple],
            df: Mapping[str, int], n_docs: int) -> list[tuple]:
    """``(a, b, decision, score, published a, published b)`` per decided pair."""
    features = {k: v[0] for k, v in by_id.items()}
    return [(a, b, decision, score, by_id[a][1], by_id[b][1]) for a, b, decision, score
            in ev.decide_pairs(pairs, features, ev.Scorer(df, n_docs))]


@without_cyclic_gc
def undated_partition(part: Sequence[tuple], df: Mapping[str, int]) -> list[set[str]]:
    """The names the undated articles of one partition post (one set)."""
    return [ev.undated_names((f for f, _ in part), df)]


@without_cyclic_gc
def related_partition(part: Sequence[tuple], near: set[tuple[str, str]]) -> list[tuple]:
    """The near pairs that one story lists as related to the other."""
    return sorted(ev.related_pairs((r[1], r[2]) for r in part) & near)


def link_rows_partition(part: Sequence[tuple]) -> list[dict]:
    """RELATED_TO rows of one partition of ``("related", parent, child)`` records."""
    return [t.story_rows((), [(r[1], r[2]) for r in part])]


@without_cyclic_gc
def reduce_partition(frame: Any, table: str, aliases: str | None) -> Any:
    source, reduce = t.REDUCTIONS[table]
    if table == "entities":
        return reduce(frame, _table(aliases).entry_id)
    return reduce(frame)


# -- the driver ------------------------------------------------------------------------
def _partitions(count: int, files_per_partition: int | None, workers: int, *,
                per_worker: int = 4, fewest_files: int = 1) -> int:
    """Partitions of ``count`` files, ``files_per_partition`` each when given; else
    ``per_worker`` per worker, of ``fewest_files`` to FILES_PER_PARTITION files."""
    per = files_per_partition or min(FILES_PER_PARTITION, max(
        fewest_files, math.ceil(count / max(1, per_worker * workers))))
    return max(1, math.ceil(count / per))


def build_dask(paths: Iterable[str | os.PathLike[str]], *, address: str,
               out_dir: str | os.PathLike[str] = "out", model: str | None = None,
               aliases: str | os.PathLike[str] | None = None, strict: bool = False,
               batch_size: int = 256, html: bool = True,
               files_per_partition: int | None = None,
               files_per_ner_partition: int | None = None,
               files_per_table_partition: int = FILES_PER_TABLE_PARTITION,
               client: Any = None, relations: bool = True,
               graph_limit: int = GRAPH_IN_MEMORY_LIMIT) -> Any:
    """Build on a Dask cluster; write OUT/tables/, report.json and, for a graph of at most
    ``graph_limit`` nodes and edges, graph.json and graph.html.
    ``relations`` as for :func:`graph.build.build`.

    ``files_per_partition`` sets the partitions of the map stages (by default four per
    worker, at most :data:`FILES_PER_PARTITION` files each); ``files_per_ner_partition``
    those of NER, split from them when smaller (by default sixteen per worker, of
    :data:`MIN_FILES_PER_PARTITION` to :data:`FILES_PER_PARTITION` files, or
    ``files_per_partition``); ``files_per_table_partition`` those of the reduced tables.
    ``address`` is a scheduler address or ``local:N``; ``client``, an already connected
    ``distributed.Client``, is used instead when given. Returns a
    :class:`graph.build.BuildResult` whose graph is None above the limit.
    """
    paths = list(paths)
    aliases_path = os.fspath(Path(aliases).resolve()) if aliases is not None else None
    files: list[str] = []

    def prepare() -> None:  # before any work on the cluster
        _table(aliases_path)  # a bad aliases file fails here
        # Strings, not Path objects: the list is the one thing on the client that grows
        # with the corpus (a Path costs several times its text).
        files.extend(os.fspath(p) for p in find_story_files(paths))
        if not files:
            shown = ", ".join(os.fspath(p) for p in paths)
            raise InputError(f"no story files (.md, .txt, .yaml, .yml) found under {shown}")

    if client is not None:
        prepare()
    with (contextlib.nullcontext(client) if client is not None
          else connect(address, meanwhile=prepare)) as own, \
            _dask().config.set({"dataframe.convert-string": False}):
        # Lists (mention forms, aliases) stay lists: no conversion of object columns to
        # text.
        return _build(own, files, out_dir, model, aliases_path, strict, batch_size, html,
                      (files_per_partition, files_per_ner_partition),
                      files_per_table_partition, relations, graph_limit)


def _build(client: Any, files: list[str], out_dir: str | os.PathLike[str],
           model: str | None, aliases: str | None, strict: bool, batch_size: int,
           html: bool, files_per_partition: tuple[int | None, int | None],
           files_per_table_partition: int, relations: bool, graph_limit: int) -> Any:
    # The model loads on every worker while the files are read.
    warm_up = _warm_up_plugin(model, aliases, relations)
    client.register_plugin(warm_up)
    try:
        return _build_on(client, files, out_dir, model, aliases, strict, batch_size, html,
                         files_per_partition, files_per_table_partition, relations,
                         graph_limit)
    finally:
        with contextlib.suppress(Exception):  # a cluster shared with others: leave it clean
            client.unregister_worker_plugin(warm_up.name)


def _build_on(client: Any, files: list[str], out_dir: str | os.PathLike[str],
              model: str | None, aliases: str | None, strict: bool, batch_size: int,
              html: bool, files_per_partition: tuple[int | None, int | None],
              files_per_table_partition: int, relations: bool, graph_limit: int) -> Any:
    dask = _dask()
    import dask.bag as db
    import dask.dataframe as dd

    from graph.build import (
        BuildResult,
        _write_report,
        extraction_note,
        graph_limit_note,
        remove_stale_graph_files,
        write_outputs,
    )
    from graph.files import OutputSet

    timings: dict[str, float] = {}
    clock = time.perf_counter()
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    per_load, per_ner = files_per_partition
    npart = _partitions(len(files), per_load, workers)
    # NER's partitions are split from the merged ones: never fewer.
    nlp_parts = max(npart, _partitions(len(files), per_ner or per_load, workers,
                                       per_worker=16, fewest_files=MIN_FILES_PER_PARTITION))
    table_parts = max(1, math.ceil(len(files) / max(1, files_per_table_partition)))
    # Workers open the paths from the client's working folder (theirs is another);
    # reports give the paths as the user gave them, as on one machine.
    loaded = (db.from_sequence(list(enumerate(files)), npartitions=npart)
              .map_partitions(load_partition, os.getcwd()))
    loaded = loaded.persist()
    related = loaded.filter(lambda r: r[0] == "related")
    # The merge by URL goes first wherever it waits: a worker that ran an NER task before
    # the small merge task that another partition's NER needs left that NER unready, and
    # the other worker idle (measured: one worker idle for the last 18 s of 62 s).
    merged = client.persist(loaded.filter(lambda r: r[0] == "story")
                            .groupby(lambda r: r[1], shuffle="tasks", npartitions=npart)
                            .map(merge_records), priority=1)
    stories = merged.map(lambda s: (s[0], s[1], []))
    if nlp_parts > npart:
        # Smaller NER tasks, split from the merged partitions: a shuffle into as many
        # partitions has 24 x 24 pieces, and with it NER began at 14.6 s instead of 6 s
        # (3,000 stories, in a trace that also sent the later stages at once).
        stories = stories.repartition(npartitions=nlp_parts)
    extracted = stories.map_partitions(extract_partition, model, aliases, batch_size,
                                       relations)
    extracted, cands = dask.persist(
        extracted, extracted.map_partitions(candidates_partition, aliases))
    small_f = client.compute(loaded.filter(lambda r: r[0] in ("issue", "note")))
    notes_f = client.compute(merged.map(lambda s: [(n.path, n.text) for n in s[2]])
                             .flatten())
    problems_f = client.compute(
        extracted.map(lambda p: [(p[1].source_file or p[1].url, *x) for x in p[3]])
        .flatten())
    del merged, extracted
    _wait(loaded)  # the merge by URL then runs between the NER tasks: it counts there
    timings["load"] = time.perf_counter() - clock
    clock = time.perf_counter()

    # The stages after NER go to the cluster while it runs, so that no worker waits for
    # the client between two of them (1.5 s between NER and resolution at 3,000
    # stories). Submitted after the files are read: their tasks that are ready early
    # (the related links' rows) would otherwise compete with the reading.
    out = Path(out_dir)
    tables_dir = out / "tables"
    with staged_folder(tables_dir) as staging:
        if table_parts == 1:
            finished = client.compute(dask.delayed(finish_in_one_task)(
                cands.to_delayed(), related.to_delayed(), aliases, os.fspath(staging)))
        else:
            frames, resolved, found_f = _general_tables(cands, related, npart, table_parts,
                                                        aliases, dd, dask)
            counts_f = _write_tables(frames, staging, client)
        # The stages' times: from the end of one to the end of the next.
        small, merge_notes, problems = client.gather([small_f, notes_f, problems_f])
        if table_parts == 1:
            done = finished.result()
            counts = t.counts_of_written(done["written"])
            # The task's own times; NER, and the round trips around it, the rest. (The
            # client learns late when NER ends: its wait on NER ran past the start of
            # the task after it.)
            timings["extract"] = time.perf_counter() - clock - sum(done["timings"].values())
            timings.update(done["timings"])
        else:
            for stage, stage_end in (("extract", cands), ("resolve", resolved),
                                     ("events", found_f)):
                _wait(stage_end)
                timings[stage] = time.perf_counter() - clock
                clock = time.perf_counter()
            counts = counts_f()
            timings["graph"] = time.perf_counter() - clock

    issues = [{"path": p, "reason": r} for kind, p, r in small if kind == "issue"]
    notes = [{"path": p, "note": n} for kind, p, n in small if kind == "note"]
    notes += [{"path": p, "note": n} for p, n in merge_notes]
    notes += [extraction_note(where, name, problem) for where, name, problem in problems]
    undated = counts.pop("undated")
    stories_count = counts["nodes"]["article"]
    if undated:
        notes.insert(0, {"path": "", "note": f"{undated} of {stories_count} stories have no "
                                             f"publish date; they are in the graph but not "
                                             f"in timelines"})
    size = sum(counts["nodes"].values()) + sum(counts["edges"].values())
    report: dict[str, Any] = {
        "stories": stories_count, "files": len(files), "counts": counts, "timings": timings,
        "extraction": {"texts": None, "cached": 0, "extracted": None,
                       "workers": workers, "cache": None},
        "dask": {"scheduler": client.scheduler.address, "workers": workers,
                 "partitions": npart, "ner_partitions": nlp_parts,
                 "table_partitions": table_parts,
                 "events_in_one_task": table_parts == 1,
                 "tables": str(tables_dir)},
        "load_issues": issues, "notes": notes, "warnings": [],
    }
    G = None
    files_out: dict[str, Path] = {"tables": tables_dir, "report": out / "report.json"}
    clock = time.perf_counter()
    with OutputSet() as outputs:
        if size <= graph_limit:
            G = t.graph_from_tables(t.read_tables(tables_dir))
            files_out.update(write_outputs(G, out, html=html, outputs=outputs))
        else:
            report["notes"].append(graph_limit_note(size, graph_limit, tables_dir, out))
        timings["write"] = time.perf_counter() - clock
        _write_report(report, files_out["report"], outputs=outputs)
    if G is None:
        remove_stale_graph_files(out)
    result = BuildResult(G, report, files_out)
    if strict and issues:
        from graph.build import StrictLoadError

        raise StrictLoadError(f"{len(issues)} file(s) could not be loaded (see "
                              f"{files_out['report']}); fix them or run without --strict "
                              f"to build from the good files only.")
    return result


def _general_tables(cands: Any, related: Any, npart: int, table_parts: int,
                    aliases: str | None, dd: Any, dask: Any
                    ) -> tuple[dict[str, Any], Any, Any]:
    """The final tables as dask DataFrames, for a corpus whose tables need more than one
    partition: resolution, events and rows over the partitions, then the tables
    reduced by key (:func:`_reduced_frames`). Also the resolved candidates and the
    event map, whose ends are the ends of their stages."""
    # Each corpus-wide step: its table reduced over the partitions, finished into an
    # index on a worker, applied where the mentions are; no table comes to the client.
    # Each step is persisted before the next: one graph for all five took 18 s against
    # 4 s at 3,000 stories (measured, not explained).
    for i in range(len(_resolver(aliases).stages())):
        table = cands.reduction(
            functools.partial(collect_partition, aliases=aliases, stage=i),
            functools.partial(combine_tables, aliases=aliases, stage=i), split_every=8)
        index = dask.delayed(finish_table)(table, aliases, i)
        cands = cands.map_partitions(apply_partition, aliases, i, index).persist()
    found_f = _events(cands, related, npart)
    rows = cands.map_partitions(rows_partition, found_f).to_delayed()
    link_rows = related.map_partitions(link_rows_partition).to_delayed()
    parts = dask.persist(*[dask.delayed(lambda p: p[0])(r) for r in rows + link_rows])
    return _reduced_frames(parts, table_parts, aliases, dd, dask), cands, found_f


def _wait(collection: Any) -> None:
    from distributed import futures_of, wait

    wait(futures_of(collection))


def _first_of_first(part: list[tuple]) -> Any:
    return part[0][0]


def _second_of_first(part: list[tuple]) -> Any:
    return part[0][1]


def _events(cands: Any, related: Any, npart: int) -> Any:
    """Article id → event id, by the functions of :mod:`graph.events`, as a task result
    that stays on the cluster: document frequencies as a reduction, candidate pairs and
    their decisions per time block, related-story hints by a filter of the links, and the
    clusters joined in one task from the decided pairs. Nothing that grows with the
    corpus comes to the client. (A corpus whose tables fit one partition runs the
    one-machine pass instead, in :func:`finish_in_one_task`.)"""
    dask = _dask()
    feats = cands.map_partitions(features_partition).persist()
    # The corpus-wide counts stay task results on the cluster, dependencies of the tasks
    # that read them: nothing is gathered on the client and sent back.
    df_f = dask.delayed(dict)(
        feats.reduction(lambda part: ev.document_frequencies(f for f, _ in part),
                        _sum_counters, split_every=8))
    n_docs = feats.count()
    undated_f = (feats.map_partitions(undated_partition, df_f)
                 .reduction(_union_sets, _union_sets, split_every=8))
    # The keys without time in one task (undated articles are few), then one task per
    # time block with the articles of the blocks around it: an article travels three
    # times, not once per key, and every pair is decided where it is found.
    # Only names that some pair can come from: a name more than MAX_POSTINGS articles
    # post proposes none, and its articles need not travel to that one task.
    counts = (feats.map_partitions(loose_counts_partition, df_f, undated_f)
              .reduction(_sum_counters, _sum_counters, split_every=8))
    names_f = dask.delayed(proposing_names)(counts)
    # The pass's pairs (a dictionary as big as the loose keys' pairs) stay on the cluster,
    # a dependency of the block tasks; so do the decisions.
    [loose_task] = (feats.map_partitions(loose_partition, df_f, undated_f, names_f)
                    .repartition(npartitions=1)
                    .map_partitions(loose_decisions, df_f, n_docs, undated_f, names_f)
                    .to_delayed())
    loose = dask.delayed(_first_of_first)(loose_task)
    decided = [dask.delayed(_second_of_first)(loose_task),
               *(feats.map_partitions(block_copies)
                 .groupby(lambda kv: kv[0], shuffle="tasks", npartitions=npart)
                 .map_partitions(block_decisions, df_f, n_docs, loose)
                 .to_delayed())]
    decided = list(dask.persist(*decided))
    near = dask.delayed(near_pairs)(decided)
    hints = related.map_partitions(related_partition, near).to_delayed()
    [found] = dask.persist(dask.delayed(event_map)(decided, hints))
    return found


def near_pairs(decided: Iterable[Iterable[tuple]]) -> set[tuple[str, str]]:
    """The pairs decided "near" and not "same": a related-story link makes them one."""
    same, near = set(), set()
    for part in decided:
        for a, b, decision, *_ in part:
            (same if decision == "same" else near).add((a, b))
    return near - same


@without_cyclic_gc
def event_map(decided: Iterable[Iterable[tuple]], hints: Iterable[Iterable[tuple]]
              ) -> dict[str, str]:
    """Article id → event id from the decided pairs and the near pairs that a related-story
    link joins (one task, on a worker)."""
    published = {}
    same: dict[tuple[str, str], float] = {}
    near: dict[tuple[str, str], float] = {}
    for part in decided:
        for a, b, decision, score, pub_a, pub_b in part:
            published[a], published[b] = pub_a, pub_b
            (same if decision == "same" else near)[(a, b)] = score
    for part in hints:
        for pair in part:
            pair = tuple(pair)
            if pair not in same:
                same[pair] = near[pair]
    return ev.clusters(same, published)


def _reduced_frames(parts: Sequence[Any], table_parts: int, aliases: str | None, dd: Any,
                    dask: Any) -> dict[str, Any]:
    """The final tables as dask DataFrames: each partition's rows shuffled by key into
    ``table_parts`` partitions and reduced."""
    frames = {}
    for name in t.ROW_COLUMNS:
        meta = t.story_rows(())[name]
        frames[name] = dd.from_delayed([dask.delayed(lambda p, n: p[n])(p, name)
                                        for p in parts], meta=meta, verify_meta=False)
    # The task-based shuffle starts at once; the P2P one pays a set-up cost that only many
    # partitions repay.
    shuffle = "tasks" if table_parts <= P2P_FROM_PARTITIONS else "p2p"
    finals = {"articles": frames["articles"]}
    for name, (source, _) in t.REDUCTIONS.items():
        meta = t.empty_table(name)
        shuffled = frames[source].shuffle(on=t.SHUFFLE_KEYS[source], npartitions=table_parts,
                                          shuffle_method=shuffle)
        finals[name] = shuffled.map_partitions(reduce_partition, name, aliases, meta=meta)
    return finals


def _write_tables(finals: dict[str, Any], staging: Path, client: Any
                  ) -> Callable[[], dict[str, Any]]:
    """Start writing every table as a Parquet dataset into ``staging`` and counting its
    rows; the function returned waits for them and gives the counts."""
    writes = [frame.to_parquet(staging / name, write_index=False, compute=False,
                               schema=t.arrow_schema(name))
              for name, frame in finals.items()]
    entity_kinds = finals["entities"]["kind"].value_counts()
    relation_kinds = finals[t.RELATIONS]["kind"].value_counts()
    sizes = {name: frame.shape[0] for name, frame in finals.items() if name != "entities"}
    undated = finals["articles"]["published"].isna().sum()
    names = list(sizes)
    futures = client.compute([*writes, entity_kinds, relation_kinds, undated,
                              *(sizes[n] for n in names)])

    def counts() -> dict[str, Any]:
        kinds, rel_kinds, undated, *rows = client.gather(futures)[len(writes):]
        return t.table_counts(dict(zip(names, rows, strict=True)), kinds, rel_kinds,
                              undated)
    return counts


@without_cyclic_gc
def finish_in_one_task(parts: Sequence[Sequence[tuple]], related: Sequence[Sequence[tuple]],
                       aliases: str | None, folder: str) -> dict[str, Any]:
    """Everything after NER, in one task, for a corpus whose tables fit one partition:
    resolution, events, rows and the final tables written as
    ``folder/<table>/part.0.parquet``, by the one-machine functions, over every
    partition's ``(order, story, candidates, relations)`` and ``("related", parent,
    child)`` records. ``{"written": what graph.tables.write_table said of each table,
    "timings": seconds of resolve and events}``.

    Each of these stages over the partitions is a round trip through the scheduler, and
    each moves the stories or their candidates between workers: at 3,000 stories the
    chain of 330 tasks took 6.6 s after NER, where the one machine takes 2.5 s."""
    from extract.resolve import resolved_stories

    clock = time.perf_counter()
    items = sorted(itertools.chain.from_iterable(parts), key=lambda item: item[0])
    # Copies: a retried task must find its input as it was (``placed`` copies a candidate
    # ten times faster than copy.copy).
    per_story = {story.url: [c.placed(c.opens_title) for c in candidates]
                 for _, story, candidates, _ in items}
    _resolver(aliases).run_stages(per_story)
    resolved = resolved_stories(per_story)
    timings = {"resolve": time.perf_counter() - clock}
    clock = time.perf_counter()
    links = [(r[1], r[2]) for part in related for r in part]
    features = [(ev.features(story, resolved[story.url]), story.published)
                for _, story, _, _ in items]
    found = ev.assign_events([f for f, _ in features], {f.id: p for f, p in features}, links)
    timings["events"] = time.perf_counter() - clock
    clock = time.perf_counter()
    rows = t.story_rows(((order, story, resolved[story.url], rels)
                         for order, story, _, rels in items), links, found)
    tables = t.reduce_rows(rows, _table(aliases).entry_id)
    written = {name: t.write_table(tables[name], name, folder) for name in t.TABLES}
    timings["graph"] = time.perf_counter() - clock
    return {"written": written, "timings": timings}
