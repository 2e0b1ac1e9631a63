"""Shared fixtures: paths, the real spaCy pipeline, and the graph of the shipped seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory):
    """One real build of seeds/ (spaCy included), shared by the tests that read it."""
    from graph.build import build

    out = tmp_path_factory.mktemp("seeds-out")
    return build([SEEDS], out_dir=out)


@pytest.fixture(scope="session")
def seeds_graph(seeds_build):
    return seeds_build.graph
