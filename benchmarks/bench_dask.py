"""The Dask build against itself and against the one-machine build (run by hand).

On synthetic corpora (benchmarks/make_corpus.py), in one run, prints ratios:

  (a) scaling    ``--dask local:1`` against ``--dask local:2``, cold (the Dask build uses
                 no cache): wall time of the whole command, cluster start included
  (b) overhead   the one-machine build with 2 workers (``--workers 2 --no-cache``)
                 against ``--dask local:2``: above 1.0 Dask is faster
  (c) client     peak RSS of the client process alone, connected to a scheduler and two
                 workers started apart (``dask scheduler``, ``dask worker``), as on a
                 real cluster, for each size of ``--client-sizes``

Every run is a separate process. ``--repeat N`` keeps each timing's fastest of N runs
(this kind of machine drifts by 10–20 % between runs).

Usage: python benchmarks/bench_dask.py [--stories 4000 (0: skip (a), (b))] [--repeat 2]
                                       [--client-sizes 10000,40000,100000]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of the command's own process."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    me = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        with contextlib.suppress(psutil.Error):
            peak = max(peak, me.memory_info().rss)
        time.sleep(0.1)
    out, err = proc.communicate()
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err[-3000:]}")
    return time.perf_counter() - started, peak / 2**20


def storygraph(*args: str) -> list[str]:
    return [sys.executable, "-m", "storygraph", "build", *args]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cluster(workers: int) -> tuple[str, list[subprocess.Popen]]:
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--port", str(port),
                               "--dashboard-address", ":0"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    time.sleep(3)
    procs.append(subprocess.Popen([str(BIN / "dask"), "worker", address, "--nthreads", "1",
                                   "--nworkers", str(workers), "--dashboard-address", ":0"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    from distributed import Client

    with Client(address) as client:
        client.wait_for_workers(workers, timeout=120)
    return address, procs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=4000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--client-sizes", default="10000,40000,100000")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    from bench_build import compile_package
    from make_corpus import make_corpus

    compile_package()  # as installed: bytecode, not sources compiled in every process

    work = Path(tempfile.mkdtemp(prefix="sg-dask-"))
    try:
        if args.stories:
            corpus = work / "corpus"
            make_corpus(args.stories, corpus, seed=args.seed)
            best: dict[str, float] = {}
            stages: dict[str, dict] = {}
            outs = {"dask local:1": "d1", "dask local:2": "d2", "one machine, 2 workers": "f2"}
            for _ in range(args.repeat):
                for name, cmd in {
                    "dask local:1": storygraph(str(corpus), "-o", str(work / "d1"), "--dask", "local:1"),
                    "dask local:2": storygraph(str(corpus), "-o", str(work / "d2"), "--dask", "local:2"),
                    "one machine, 2 workers": storygraph(str(corpus), "-o", str(work / "f2"),
                                                         "--workers", "2", "--no-cache"),
                }.items():
                    seconds, _ = timed(cmd)
                    if seconds < best.get(name, float("inf")):
                        best[name] = seconds
                        stages[name] = json.loads(
                            (work / outs[name] / "report.json").read_text())["timings"]
            same = (json.loads((work / "d2" / "report.json").read_text())["counts"]
                    == json.loads((work / "f2" / "report.json").read_text())["counts"])
            print(f"{args.stories} stories, fastest of {args.repeat} (seconds):")
            for name, seconds in best.items():
                print(f"  {name:24} {seconds:7.1f}   "
                      + ", ".join(f"{k} {v:.1f}" for k, v in stages[name].items()))
            print(f"(a) scaling, local:1 / local:2        {best['dask local:1'] / best['dask local:2']:.2f}x")
            print(f"(b) one machine / dask, 2 workers each "
                  f"{best['one machine, 2 workers'] / best['dask local:2']:.2f}x")
            print(f"    same counts as the one-machine build: {same}")

        sizes = [int(s) for s in args.client_sizes.split(",") if s]
        if sizes:
            address, procs = cluster(2)
            try:
                print("(c) client peak RSS, scheduler and 2 workers apart:")
                for n in sizes:
                    folder = work / f"c{n}"
                    make_corpus(n, folder, seed=args.seed)
                    seconds, rss = timed(storygraph(str(folder), "-o", str(work / f"o{n}"),
                                                    "--dask", address))
                    report = json.loads((work / f"o{n}" / "report.json").read_text())
                    size = (sum(report["counts"]["nodes"].values())
                            + sum(report["counts"]["edges"].values()))
                    wrote = "graph.json written" if (work / f"o{n}" / "graph.json").exists() \
                        else "tables only"
                    print(f"  {n:>7} stories  {rss:6.0f} MiB  {seconds:7.1f} s  "
                          f"{size:>9,} nodes+edges, {wrote}")
                    shutil.rmtree(folder)
            finally:
                for proc in reversed(procs):
                    proc.terminate()
                    proc.wait(timeout=60)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    main()
