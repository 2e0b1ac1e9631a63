"""Typed-relation quality on every evaluation set with relations gold, side by side.

    .venv/bin/python benchmarks/bench_relations.py            # all sets
    .venv/bin/python benchmarks/bench_relations.py --json

Prints precision and recall per relation type, and the status agreement of ACQUIRES, for
each set; never its errors (``storygraph eval SET`` lists those, for the dev sets only).

Sets: the brief's dev corpus (shared/corpus/dev, when present beside the checkout), the
evaluation set's dev half (benchmarks/eval/dev), benchmarks/eval/dev3 (41 stories
collected for relations), benchmarks/eval/dev4 (30 more, a third of them leadership
changes), benchmarks/eval/dev5 (36 more, most of them fines, partnerships and
leadership changes), benchmarks/eval/dev6 and benchmarks/eval/dev7 (36 more each,
collected the same way), benchmarks/eval/dev8, benchmarks/eval/dev9 and benchmarks/eval/dev10
(40 more each), tuned on, and eight held-out sets whose numbers only are read: the evaluation set's held-out half
(benchmarks/eval/heldout), benchmarks/eval/heldout2 (28 stories collected for relations,
annotated without looking at what storygraph predicts), benchmarks/eval/heldout3 (36
more, collected the same way), benchmarks/eval/heldout4, benchmarks/eval/heldout5,
benchmarks/eval/heldout6 (40 more each), benchmarks/eval/heldout7 (40 more, collected in the
round of 2026-12-01 after its first rules) and benchmarks/eval/heldout8 (40 more, collected in the
third round of 2026-12-01, after its first rules).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SETS = {
    "dev (brief)": ROOT.parent / "shared" / "corpus" / "dev",
    "eval dev": ROOT / "benchmarks" / "eval" / "dev",
    "dev3": ROOT / "benchmarks" / "eval" / "dev3",
    "dev4": ROOT / "benchmarks" / "eval" / "dev4",
    "dev5": ROOT / "benchmarks" / "eval" / "dev5",
    "dev6": ROOT / "benchmarks" / "eval" / "dev6",
    "dev7": ROOT / "benchmarks" / "eval" / "dev7",
    "dev8": ROOT / "benchmarks" / "eval" / "dev8",
    "dev9": ROOT / "benchmarks" / "eval" / "dev9",
    "dev10": ROOT / "benchmarks" / "eval" / "dev10",
    "held-out": ROOT / "benchmarks" / "eval" / "heldout",
    "held-out 2": ROOT / "benchmarks" / "eval" / "heldout2",
    "held-out 3": ROOT / "benchmarks" / "eval" / "heldout3",
    "held-out 4": ROOT / "benchmarks" / "eval" / "heldout4",
    "held-out 5": ROOT / "benchmarks" / "eval" / "heldout5",
    "held-out 6": ROOT / "benchmarks" / "eval" / "heldout6",
    "held-out 7": ROOT / "benchmarks" / "eval" / "heldout7",
    "held-out 8": ROOT / "benchmarks" / "eval" / "heldout8",
}


def score(folder: Path) -> dict:
    from graph.evaluate import evaluate

    result = evaluate(folder)
    rel = result.relations
    assert rel is not None, f"{folder} has no relations.yaml"
    row: dict = {"stories": rel.stories}
    for kind, s in rel.per_type.items():
        row[kind] = {"P": round(s.precision, 3), "R": round(s.recall, 3), "tp": s.tp,
                     "fp": s.fp, "fn": s.fn}
    row["status"] = f"{rel.status_right}/{rel.status_scored}"
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = {name: score(folder) for name, folder in SETS.items()
            if (folder / "relations.yaml").exists()}
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    kinds = [k for k in next(iter(rows.values())) if k not in ("stories", "status")]
    print(f"{'set':<12} {'stories':>7}  " + "  ".join(f"{k:>13}" for k in kinds) + "  status")
    for name, row in rows.items():
        cells = "  ".join(f"{row[k]['P']:.2f}/{row[k]['R']:.2f}".rjust(13) for k in kinds)
        print(f"{name:<12} {row['stories']:>7}  {cells}  {row['status']}")
    print("\ncells: precision/recall; status: ACQUIRES whose gold status agrees")


if __name__ == "__main__":
    main()
