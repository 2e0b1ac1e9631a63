"""Entity quality on every evaluation set, side by side (strict P/R/F1 per kind).

    .venv/bin/python benchmarks/bench_entities.py            # all sets
    .venv/bin/python benchmarks/bench_entities.py --json

Sets: the dev corpus of the brief (shared/corpus/dev, when present beside the checkout),
dev2 (benchmarks/dev2: 30 paraphrased stories, used to write rules), and the evaluation
set of real stories (benchmarks/eval): its dev half, tuned on, and its held-out half,
heldout3, heldout4, heldout5, heldout6, heldout7 and heldout8 (collected for relations), whose
numbers only are read, and dev8, dev9 and dev10 (collected for relations, tuned on). ``title case`` rows score only
the stories whose headline is in Title Case (what extract/headline.py changes).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SETS = {
    "dev (brief)": ROOT.parent / "shared" / "corpus" / "dev",
    "dev2": ROOT / "benchmarks" / "dev2",
    "eval dev": ROOT / "benchmarks" / "eval" / "dev",
    "eval held-out": ROOT / "benchmarks" / "eval" / "heldout",
    "held-out 3": ROOT / "benchmarks" / "eval" / "heldout3",
    "held-out 4": ROOT / "benchmarks" / "eval" / "heldout4",
    "dev8": ROOT / "benchmarks" / "eval" / "dev8",
    "held-out 5": ROOT / "benchmarks" / "eval" / "heldout5",
    "dev9": ROOT / "benchmarks" / "eval" / "dev9",
    "held-out 6": ROOT / "benchmarks" / "eval" / "heldout6",
    "held-out 7": ROOT / "benchmarks" / "eval" / "heldout7",
    "dev10": ROOT / "benchmarks" / "eval" / "dev10",
    "held-out 8": ROOT / "benchmarks" / "eval" / "heldout8",
}
KINDS = ("organization", "person", "place")


def _title_case_subset(folder: Path, into: Path) -> Path | None:
    from extract.documents import load_file
    from extract.headline import is_title_case

    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    keep = {name: entry for name, entry in gold.items()
            if (folder / name).exists() and (story := load_file(folder / name).story)
            and is_title_case(story.title)}
    if not keep:
        return None
    into.mkdir()
    for name in keep:
        shutil.copy(folder / name, into / name)
    (into / "gold.yaml").write_text(yaml.safe_dump(keep, allow_unicode=True), encoding="utf-8")
    return into


def score(folder: Path) -> dict:
    from graph.evaluate import evaluate

    result = evaluate(folder)
    row = {k: round(result.strict[k].f1, 3) for k in KINDS}
    row.update({f"{k} P/R": f"{result.strict[k].precision:.2f}/{result.strict[k].recall:.2f}"
                for k in KINDS})
    row["split"] = len(result.split)
    row["merged"] = len(result.merged)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, folder in SETS.items():
            if not (folder / "gold.yaml").exists():
                continue
            rows[name] = score(folder)
            subset = _title_case_subset(folder, Path(tmp) / name.replace(" ", "_"))
            if subset is not None and name != "eval held-out":
                rows[f"{name}, title case"] = score(subset)
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"{'set':28} {'org':>6} {'person':>6} {'place':>6}  split merged")
    for name, r in rows.items():
        print(f"{name:28} {r['organization']:6.3f} {r['person']:6.3f} {r['place']:6.3f}"
              f"  {r['split']:5d} {r['merged']:6d}")


if __name__ == "__main__":
    main()
