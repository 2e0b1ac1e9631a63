"""Where the NER processes come from: forked from a server that loaded the pipeline once
(Linux), or spawned, each loading its own (elsewhere).

A spawned process imports spaCy and loads the model itself: 1.5-2 CPU-seconds each, paid
by every worker, while the build reads its files on the same cores. On Linux the
processes are forked from multiprocessing's fork server instead, which loads the pipeline
once, before its first fork (:mod:`extract.preloaded`): every worker then starts with it,
and shares its pages. macOS and Windows keep spawn: forking a process that has loaded
system frameworks is not safe there.

The fork server is multiprocessing's, one per process: a program that also uses it gets
it back with our preload, and :func:`stop` ends it (a later fork starts it again).
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import signal
import sys
from typing import Any

#: The pipeline the fork server loads: JSON ``[model, aliases, relations]``, set only
#: while it starts (its processes inherit it).
PRELOAD_ENV = "STORYGRAPH_NER_PRELOAD"
PRELOAD_MODULE = "extract.preloaded"


def forks() -> bool:
    """Whether NER processes are forked from a preloaded server here."""
    return sys.platform == "linux" and "forkserver" in multiprocessing.get_all_start_methods()


def context(model: str | None, aliases: str | None, relations: bool) -> Any:
    """The multiprocessing context to start NER processes with. On Linux the fork server
    is started here, now, loading this pipeline before its first fork (a server already
    running keeps its own, and each process then loads the pipeline it lacks)."""
    if not forks():
        return multiprocessing.get_context("spawn")
    from multiprocessing import forkserver

    forkserver.set_forkserver_preload([PRELOAD_MODULE])
    before = os.environ.get(PRELOAD_ENV)
    os.environ[PRELOAD_ENV] = json.dumps([model, aliases, relations])
    try:
        forkserver.ensure_running()  # only starts it: the load does not wait for it
    finally:
        if before is None:
            del os.environ[PRELOAD_ENV]
        else:
            os.environ[PRELOAD_ENV] = before
    return multiprocessing.get_context("forkserver")


def stop() -> None:
    """End the fork server, and the pipeline it holds: the memory is the graph's now.

    multiprocessing has no public way to do this; without its private handle the server
    stays until this process ends."""
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    pid = getattr(server, "_forkserver_pid", None)
    if pid is None:
        return
    # Signalled first: it otherwise waits until every process it forked has closed its
    # end of a pipe, and one killed may not have.
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGTERM)
    stop_server = getattr(server, "_stop", None)
    if stop_server is not None:
        stop_server()


def preload() -> None:
    """In the fork server: load the pipeline its processes will inherit. Never raises (a
    fork server that fails to start breaks every fork): a process that finds no
    pipeline loads its own, and says why it cannot."""
    spec = os.environ.get(PRELOAD_ENV)
    if not spec:
        return
    try:
        from extract import ner

        model, aliases, relations = json.loads(spec)
        ner.load_in_process(model, aliases, relations)  # (keeps its error for the forks)
        import gc

        # The forks' collectors never touch (and so copy) these pages. Nothing else is
        # loaded here: the place gazetteer (0.3 s) and a collection first (0.1-0.2 s)
        # made a rebuild's few new texts wait half a second longer than spawn did.
        gc.freeze()
    except Exception:  # noqa: S110 - see the docstring
        pass
