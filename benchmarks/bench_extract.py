"""Extraction throughput with and without storygraph's additions (run by hand).

Measures texts/s of the NER pipeline on the titles and excerpts of a folder of stories
(repeated to a fixed number of texts), three ways on the same texts:

  bare        the model with the unused components excluded
  gazetteer   bare + the alias table's entity_ruler before ner
  resolved    gazetteer + storygraph's resolution of the mentions

Usage: python benchmarks/bench_extract.py [FOLDER] [--texts N] [--repeat R]
"""

from __future__ import annotations

import argparse
import statistics
import time

from extract.aliases import load_aliases
from extract.documents import load_corpus
from extract.ner import FIELDS, extract_texts, load_pipeline
from extract.resolve import Resolver


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", default="seeds")
    ap.add_argument("--texts", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3, help="runs per variant; the median is shown")
    args = ap.parse_args()

    corpus = load_corpus([args.folder])
    base = [(getattr(s, f), f, url) for url, s in corpus.stories.items() for f in FIELDS
            if getattr(s, f)]
    items = [(t, f, f"{url}#{i}") for i in range(args.texts // len(base) + 1)
             for t, f, url in base][: args.texts]
    table = load_aliases()
    bare = load_pipeline()
    gaz = load_pipeline(patterns=table.patterns())
    resolver = Resolver(table)

    def run(nlp, resolve: bool) -> float:
        started = time.perf_counter()
        mentions: dict[str, list] = {}
        for key, _field, found, _error in extract_texts(nlp, items):
            mentions.setdefault(key, []).extend(found)
        if resolve:
            resolver.resolve(mentions)
        return len(items) / (time.perf_counter() - started)

    run(bare, False)  # warm-up
    results = {}
    for name, nlp, resolve in (("bare", bare, False), ("gazetteer", gaz, False),
                               ("resolved", gaz, True)):
        results[name] = statistics.median(run(nlp, resolve) for _ in range(args.repeat))
    print(f"{len(items)} texts, {len(table.patterns())} gazetteer patterns, "
          f"median of {args.repeat} runs")
    print(f"{'variant':<10} {'texts/s':>9} {'vs bare':>8}")
    for name, rate in results.items():
        print(f"{name:<10} {rate:>9.0f} {rate / results['bare']:>8.2f}")


if __name__ == "__main__":
    main()
