"""Neo4j push speed: batched UNWIND push vs a naive one-MERGE-per-row baseline (by hand).

Builds a synthetic graph shaped like storygraph's (articles, organizations, people,
places, topics, publishers; MENTIONS, HAS_TOPIC, PUBLISHED_BY, CO_MENTIONED edges),
then, against one server, in one run:

  0. warm-up:  both ways on a small graph (JIT, query plans), not timed
  1. naive:    every node and relationship MERGEd in its own transaction
  2. batched:  storygraph's push (UNWIND batches) into an empty database (median of 3)
  3. re-push:  the same graph again (nothing new: MERGE finds everything) (median of 3)

Usage:
  scripts/neo4j start            # prints the URI
  python benchmarks/bench_push.py --uri bolt://127.0.0.1:PORT [--articles 12000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

import networkx as nx

from graph import model as m
from graph.neo4j import queries
from graph.neo4j.client import Settings, connect, create_constraints, push, relationship_rows


def synthetic_graph(articles: int, seed: int = 7) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    orgs = [f"Org {i}" for i in range(max(50, articles // 10))]
    people = [f"Person {i}" for i in range(max(50, articles // 12))]
    places = [f"Place {i}" for i in range(max(20, articles // 40))]
    topics = [f"topic {i}" for i in range(40)]
    pubs = [f"pub{i}.example" for i in range(60)]
    for i in range(articles):
        url = f"https://news.example/{i}"
        day = f"20{15 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}T00:00:00Z"
        art = m.node_id(m.ARTICLE, url)
        G.add_node(art, kind=m.ARTICLE, name=f"Story {i}", title=f"Story {i}", url=url,
                   published=day, excerpt="x" * 200)
        pub = pubs[int(rng.paretovariate(1.2)) % len(pubs)]
        G.add_node(m.node_id(m.PUBLISHER, pub), kind=m.PUBLISHER, name=pub, domain=pub)
        G.add_edge(art, m.node_id(m.PUBLISHER, pub), key=m.PUBLISHED_BY, kind=m.PUBLISHED_BY)
        t = topics[i % len(topics)]
        G.add_node(m.node_id(m.TOPIC, t), kind=m.TOPIC, name=t)
        G.add_edge(art, m.node_id(m.TOPIC, t), key=m.HAS_TOPIC, kind=m.HAS_TOPIC)
        ents = []
        for kind, names in ((m.ORGANIZATION, orgs), (m.PERSON, people), (m.PLACE, places)):
            for _ in range(2):
                name = names[int(rng.paretovariate(1.1)) % len(names)]
                eid = m.node_id(kind, name)
                G.add_node(eid, kind=kind, name=name, aliases=[name])
                G.add_edge(art, eid, key=m.MENTIONS, kind=m.MENTIONS, count=1, in_title=False,
                           forms=[name])
                ents.append(eid)
        ents = sorted(set(ents))
        for a_i, a in enumerate(ents):
            for b in ents[a_i + 1:]:
                if G.has_edge(a, b, key=m.CO_MENTIONED):
                    edge = G.edges[a, b, m.CO_MENTIONED]
                    edge["weight"] += 1
                    edge["first_seen"] = min(edge["first_seen"], day)
                    edge["last_seen"] = max(edge["last_seen"], day)
                else:
                    G.add_edge(a, b, key=m.CO_MENTIONED, kind=m.CO_MENTIONED, weight=1,
                               first_seen=day, last_seen=day)
    # entity aggregates consistent with the edges, as storygraph build makes them
    for n, attrs in G.nodes(data=True):
        if attrs["kind"] in m.ENTITY_KINDS:
            dates = [G.nodes[u]["published"] for u, _ in G.in_edges(n)
                     if G.nodes[u]["kind"] == m.ARTICLE]
            attrs.update(articles=len(dates), mentions=len(dates), first_seen=min(dates),
                         last_seen=max(dates))
    return G


def clear(driver) -> None:
    with driver.session() as s:
        s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def naive_push(G: nx.MultiDiGraph, driver) -> None:
    create_constraints(driver)
    with driver.session() as s:
        for _, attrs in G.nodes(data=True):
            kind = attrs["kind"]
            props = {k: v for k, v in attrs.items() if k != "kind" and v is not None}
            # The same query as the push, with a batch of one row per transaction.
            q = queries.merge_nodes(m.LABELS[kind], m.KEY_PROPERTY[kind])
            row = {"key": attrs[m.KEY_PROPERTY[kind]], "props": props}
            s.execute_write(lambda tx, q=q, row=row: tx.run(q, rows=[row]).consume())
        for (rel, start, end), rows in relationship_rows(G).items():
            q = queries.merge_relationships(rel, m.LABELS[start], m.KEY_PROPERTY[start],
                                            m.LABELS[end], m.KEY_PROPERTY[end])
            for row in rows:
                s.execute_write(lambda tx, q=q, row=row: tx.run(q, rows=[row]).consume())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--uri", required=True)
    ap.add_argument("--articles", type=int, default=12000)
    ap.add_argument("--batch-size", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3, help="batched runs; the median is shown")
    args = ap.parse_args()
    G = synthetic_graph(args.articles)
    rows = G.number_of_nodes() + G.number_of_edges()
    print(f"graph: {G.number_of_nodes()} nodes + {G.number_of_edges()} relationships = {rows} rows")
    driver = connect(Settings(uri=args.uri))
    # Warm the server (JIT, query plans) on a small graph, both ways, before timing.
    warm = synthetic_graph(200, seed=99)
    clear(driver)
    naive_push(warm, driver)
    clear(driver)
    push(warm, driver, batch_size=args.batch_size)
    clear(driver)
    t = time.perf_counter()
    naive_push(G, driver)
    naive = time.perf_counter() - t
    runs, again_runs = [], []
    for _ in range(args.repeat):
        clear(driver)
        t = time.perf_counter()
        push(G, driver, batch_size=args.batch_size)
        runs.append(time.perf_counter() - t)
        t = time.perf_counter()
        push(G, driver, batch_size=args.batch_size)
        again_runs.append(time.perf_counter() - t)
    batched, again = statistics.median(runs), statistics.median(again_runs)
    driver.close()
    print(f"{'run':<10} {'seconds':>8} {'rows/s':>9}")
    for name, sec in (("naive", naive), ("batched", batched), ("re-push", again)):
        print(f"{name:<10} {sec:>8.2f} {rows / sec:>9.0f}")
    print(f"batched is {naive / batched:.1f}x faster than naive; re-push/push = {again / batched:.2f}")


if __name__ == "__main__":
    main()
