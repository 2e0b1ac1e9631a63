"""Shared fixtures: paths, the real spaCy pipeline, and the graph of the shipped seeds."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEEDS = ROOT / "seeds"


# -- Hypothesis profiles (tests/test_fuzz.py) ---------------------------------------------
#: CI: a fixed number of examples from a fixed seed, so a run is repeatable.
settings.register_profile("ci", max_examples=200, derandomize=True, deadline=None,
                          database=None, print_blob=True)
#: By hand, to hunt: STORYGRAPH_FUZZ=thorough pytest tests/test_fuzz.py
settings.register_profile("thorough", max_examples=4000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("STORYGRAPH_FUZZ", "ci"))


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


@pytest.fixture(scope="session")
def relations_build(tmp_path_factory):
    """One real build of tests/data/relations: 16 real stories of acquisitions, fines,
    lawsuits, a partnership and leaders (from benchmarks/eval/dev)."""
    from graph.build import build

    out = tmp_path_factory.mktemp("relations-out")
    return build([DATA / "relations"], out_dir=out)


# -- File systems that refuse writes ----------------------------------------------------
@contextlib.contextmanager
def read_only_folder(path: Path) -> Iterator[Path]:
    """An empty folder nothing can be written into: a read-only tmpfs for root (who
    writes through any mode bits), a folder of mode 0o555 for anyone else."""
    path.mkdir(parents=True)
    if os.geteuid() != 0:
        path.chmod(0o555)
        try:
            yield path
        finally:
            path.chmod(0o755)
        return
    subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(path)], check=True)
    try:
        yield path
    finally:
        subprocess.run(["umount", str(path)], check=False)


@contextlib.contextmanager
def small_disk(path: Path, *, kib: int) -> Iterator[Path]:
    """A folder on a file system of ``kib`` KiB (a tmpfs; root only), to fill up."""
    path.mkdir(parents=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kib}k", "tmpfs", str(path)], check=True)
    try:
        yield path
    finally:
        subprocess.run(["umount", str(path)], check=False)


# -- Neo4j ------------------------------------------------------------------------------
NEO4J_SCRIPT = ROOT / "scripts" / "neo4j"


def start_neo4j(home: Path, *, port: int | None = None) -> str:
    """Start a real Neo4j test server (scripts/neo4j) with its state in ``home``."""
    import os
    import subprocess

    env = {**os.environ, "STORYGRAPH_NEO4J_HOME": str(home)}
    if port is not None:
        env["STORYGRAPH_NEO4J_PORT"] = str(port)
    out = subprocess.run([str(NEO4J_SCRIPT), "start"], env=env, capture_output=True,
                         text=True, timeout=600, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"scripts/neo4j start failed:\n{out.stderr[-3000:]}")
    return out.stdout.strip().splitlines()[-1]


def stop_neo4j(home: Path) -> None:
    import os
    import subprocess

    subprocess.run([str(NEO4J_SCRIPT), "stop"], env={**os.environ, "STORYGRAPH_NEO4J_HOME": str(home)},
                   capture_output=True, timeout=300, check=False)


@pytest.fixture(scope="session")
def neo4j_uri(tmp_path_factory):
    """The Bolt URI of the real Neo4j test server.

    ``scripts/test`` (the README's test command) starts one and exports
    STORYGRAPH_TEST_NEO4J_URI; a bare ``pytest`` starts its own for the session.
    Never skipped: without a server the neo4j tests fail.
    """
    import os

    uri = os.environ.get("STORYGRAPH_TEST_NEO4J_URI")
    if uri:
        yield uri
        return
    home = tmp_path_factory.mktemp("neo4j-home")
    uri = start_neo4j(home)
    yield uri
    stop_neo4j(home)


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_uri):
    import neo4j

    driver = neo4j.GraphDatabase.driver(neo4j_uri, auth=None,
                                        notifications_min_severity="OFF")
    driver.verify_connectivity()
    yield driver
    driver.close()


@pytest.fixture()
def empty_neo4j(neo4j_driver):
    """The test server's database, emptied before the test."""
    with neo4j_driver.session() as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
    return neo4j_driver


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Commands run by tests use a cache of their own, never the user's."""
    import os

    old = os.environ.get("STORYGRAPH_CACHE_DIR")
    os.environ["STORYGRAPH_CACHE_DIR"] = str(tmp_path_factory.mktemp("extract-cache"))
    yield
    if old is None:
        os.environ.pop("STORYGRAPH_CACHE_DIR", None)
    else:
        os.environ["STORYGRAPH_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def dask_client():
    """A real LocalCluster of two worker processes, one thread each, for the session."""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=":0", silence_logs=50)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def _view_graph(size: int, *, seed: int = 7):
    """A graph of the model's shape with about ``size`` nodes and a news-like spread (a
    few entities in many stories, most in one or two): articles with dates, publishers
    and topics, entities with their MENTIONS and CO_MENTIONED edges, and events of three
    reports each. For the view's tests, which only read the graph."""
    import itertools
    import random

    import networkx as nx

    from graph import model as m

    rng = random.Random(seed)
    n_articles = size // 2
    n_topics = n_publishers = max(3, size // 30)
    n_events = n_articles // 12
    n_entities = size - n_articles - n_topics - n_publishers - n_events
    G = nx.MultiDiGraph()
    kinds = (m.ORGANIZATION, m.PERSON, m.PLACE)
    entities = [f"{kinds[i % 3]}:Name {i}" for i in range(n_entities)]
    for i, e in enumerate(entities):
        G.add_node(e, kind=kinds[i % 3], name=f"Name {i}", articles=0, mentions=0)
    for i in range(n_topics):
        G.add_node(f"topic:t{i}", kind=m.TOPIC, name=f"Topic {i}")
    for i in range(n_publishers):
        G.add_node(f"publisher:p{i}.example", kind=m.PUBLISHER, name=f"Outlet {i}",
                   domain=f"p{i}.example")
    popularity = [1 / (i + 1) ** 0.9 for i in range(n_entities)]
    pairs: dict[tuple[str, str], int] = {}
    arts = []
    for a in range(n_articles):
        art = f"article:https://news.example/{a}"
        arts.append(art)
        G.add_node(art, kind=m.ARTICLE, name=f"Story number {a} of the synthetic corpus",
                   title=f"Story number {a} of the synthetic corpus",
                   url=f"https://news.example/{a}",
                   published=f"2024-{1 + a % 12:02d}-{1 + a % 28:02d}T08:00:00Z")
        # every entity is in at least one story; the popular ones in many
        named = {entities[a % n_entities]} if a < n_entities else set()
        named |= set(rng.choices(entities, popularity, k=rng.randint(1, 4)))
        for e in sorted(named):
            G.add_edge(art, e, key=m.MENTIONS, kind=m.MENTIONS, count=1, in_title=False,
                       forms=[G.nodes[e]["name"]])
            G.nodes[e]["articles"] += 1
            G.nodes[e]["mentions"] += 1
        for pair in itertools.combinations(sorted(named), 2):
            pairs[pair] = pairs.get(pair, 0) + 1
        G.add_edge(art, f"topic:t{rng.randrange(n_topics)}", key=m.HAS_TOPIC, kind=m.HAS_TOPIC)
        G.add_edge(art, f"publisher:p{rng.randrange(n_publishers)}.example",
                   key=m.PUBLISHED_BY, kind=m.PUBLISHED_BY)
    for (u, v), w in pairs.items():
        G.add_edge(u, v, key=m.CO_MENTIONED, kind=m.CO_MENTIONED, weight=w)
    for i in range(n_events):
        event = f"event:e{i}"
        reports = arts[i * 12: i * 12 + 3]
        G.add_node(event, kind=m.EVENT, name=G.nodes[reports[0]]["title"], articles=3,
                   first_published=G.nodes[reports[0]]["published"],
                   last_published=G.nodes[reports[-1]]["published"], publishers=3)
        for art in reports:
            G.add_edge(art, event, key=m.REPORTS, kind=m.REPORTS)
    return G


@pytest.fixture(scope="session")
def view_graph():
    """``view_graph(size)``: a synthetic graph of about ``size`` nodes (see _view_graph)."""
    return _view_graph
