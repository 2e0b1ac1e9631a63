"""Pausing Python's cyclic garbage collector while a build makes millions of objects."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Run the block without the cyclic garbage collector; reference counting still
    frees what the block drops.

    The corpus-wide stages (resolution, events, the tables, the graph and its files)
    make millions of small objects and no reference cycles that matter; the collector,
    triggered by those allocations, would rescan every live object again and again. At
    10,000 stories it took a third of those stages' time (17.1 s against 12.3 s).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def cyclic_gc_running() -> Iterator[None]:
    """Run the block with the cyclic garbage collector, inside a :func:`cyclic_gc_paused`
    block: for spaCy's own work, which the build does not vouch for."""
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was_enabled:
            gc.disable()


def without_cyclic_gc(fn: Callable[P, R]) -> Callable[P, R]:
    """``fn`` run under :func:`cyclic_gc_paused` (for the Dask partition functions: a
    worker holds its persisted partitions, which every full collection rescans)."""
    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with cyclic_gc_paused():
            return fn(*args, **kwargs)
    return run
