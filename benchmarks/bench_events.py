"""What event clustering costs, and how it scales (run by hand).

On synthetic corpora (benchmarks/make_corpus.py, where about a fifth of the stories
retell another outlet's story), in one run, prints:

  (a) share      event clustering's share of a whole cold build (2 workers) at
                 ``--build-stories`` stories, from report.json's stage timings
  (b) scaling    clustering alone (features, document frequencies, candidate pairs,
                 scores, clusters) at each of ``--sizes``, and each time as a multiple of
                 the first: near-linear means about the ratio of the sizes. Without NER
                 the articles have no entities here, so this measures the text side.
                 Each smaller size runs twice: over 2018-2025 (so it is sparser than the
                 biggest corpus) and at the biggest corpus's stories per day (so only the
                 size differs); the biggest one's time compares with both.

Usage: python benchmarks/bench_events.py [--build-stories 10000] [--sizes 10000,100000]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def clustering_seconds(folder: Path) -> tuple[float, int, int]:
    from extract.documents import load_corpus
    from graph import events as ev
    from graph import model as m

    corpus = load_corpus([folder])
    started = time.perf_counter()
    items = [ev.features(story, []) for story in corpus.stories.values()]
    published = {m.node_id(m.ARTICLE, u): s.published for u, s in corpus.stories.items()}
    found = ev.assign_events(items, published, corpus.related)
    return time.perf_counter() - started, len(items), len(set(found.values()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-stories", type=int, default=10000)
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args()
    from make_corpus import make_corpus

    work = Path(tempfile.mkdtemp(prefix="sg-events-"))
    try:
        if args.build_stories:
            corpus = work / "build"
            make_corpus(args.build_stories, corpus, seed=1)
            subprocess.run([sys.executable, "-m", "storygraph", "build", str(corpus), "-o",
                            str(work / "out"), "--no-cache", "--workers", "2"], check=True,
                           capture_output=True)
            report = json.loads((work / "out" / "report.json").read_text())
            timings = report["timings"]
            total = sum(timings.values())
            print(f"(a) {args.build_stories} stories, {report['stories']} articles: events "
                  f"{timings['events']:.1f}s of a {total:.1f}s build = "
                  f"{timings['events'] / total:.1%}; {report['counts']['nodes']['event']} events")
            shutil.rmtree(corpus)
        sizes = [int(s) for s in args.sizes.split(",") if s]
        biggest = max(sizes)
        dense = f"{biggest / 2922:.0f}/day"  # the biggest corpus's density over 2018-2025
        base: dict[str, tuple[float, int]] = {}  # the first time of each density
        for n in sizes:
            for span, rate in [("2018-2025", None)] + (
                    [(dense, biggest / 2922)] if n != biggest else []):
                folder = work / f"c{n}"
                make_corpus(n, folder, seed=1, per_day=rate)
                seconds, articles, events = clustering_seconds(folder)
                shutil.rmtree(folder)
                compared = [span] if n != biggest else ["2018-2025", dense]
                ratios = []
                for name in compared:
                    first = base.setdefault(name, (seconds, n))
                    if first[1] != n:
                        ratios.append(f"{seconds / first[0]:.1f}x the time at {first[1]} "
                                      f"over {name}")
                print(f"(b) {n:>7} stories over {span:<9} ({articles} articles): clustering "
                      f"{seconds:6.1f}s, {events} events" + (
                          f"; {', '.join(ratios)} ({n / sizes[0]:.0f}x the stories)"
                          if ratios else ""))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
