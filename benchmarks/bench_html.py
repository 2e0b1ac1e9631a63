"""HTML view: file size and time from load to vis-network's ``stabilized`` (by hand).

Opens each view in headless Chromium (Debian's) and reads ``window.storygraphStabilizedMs``,
which the page sets when the layout has settled and physics is switched off. With
``--png``, also times ``storygraph html GRAPH --png FILE`` as a user runs it (a new
process: reading graph.json, the page, Chromium and the picture), fastest of the runs.

Usage: python benchmarks/bench_html.py GRAPH.json [GRAPH.json ...] [--max-nodes N] [--runs R]
                                       [--png]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from graph.export.graphfiles import read_json
from graph.export.html import DEFAULT_MAX_NODES, write_html

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("graphs", nargs="+")
    ap.add_argument("--max-nodes", type=int, default=DEFAULT_MAX_NODES)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--png", action="store_true", help="also time storygraph html --png")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    print(f"{'graph':<28} {'nodes':>7} {'shown':>6} {'write s':>8} {'size KB':>8} {'stabilized ms':>14}"
          + (f" {'--png s':>8}" if args.png else ""))
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for graph in args.graphs:
            G = read_json(graph)
            path = Path(tmp) / "view.html"
            started = time.perf_counter()
            write_html(G, path, max_nodes=args.max_nodes)
            written = time.perf_counter() - started
            times = []
            for _ in range(args.runs):
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.goto(path.as_uri())
                page.wait_for_selector("body[data-stabilized=true]", timeout=300_000)
                times.append(page.evaluate("window.storygraphStabilizedMs"))
                shown = page.evaluate("window.storygraphNetwork.body.data.nodes.length")
                page.close()
            picture = ""
            if args.png:
                runs = []
                for _ in range(args.runs):
                    started = time.perf_counter()
                    subprocess.run([sys.executable, "-m", "storygraph", "html", graph, "--png",
                                    str(Path(tmp) / "view.png")], check=True,
                                   capture_output=True)
                    runs.append(time.perf_counter() - started)
                picture = f" {min(runs):>8.1f}"
            print(f"{Path(graph).parent.name + '/' + Path(graph).name:<28} {G.number_of_nodes():>7} "
                  f"{shown:>6} {written:>8.2f} {path.stat().st_size / 1024:>8.0f} "
                  f"{statistics.median(times):>14.0f}{picture}")
        browser.close()


if __name__ == "__main__":
    main()
