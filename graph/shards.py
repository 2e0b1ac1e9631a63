"""Sharding a build over several machines, and merging the shards back into one graph.

``storygraph build --shard i/n`` builds a deterministic 1/n of the story files (chosen
by a hash of each file's path relative to the input folder it was found in) and, next to
its graph, writes the shard's *state*: the stories it read and their raw NER mentions
(``state.jsonl.gz``). ``storygraph merge`` unions the states and resolves the entities
of the whole corpus at once, without running spaCy again, so the merged graph is the
graph one run over all the files would have built: entity counts, first/last seen,
co-mention weights and cross-story resolution (surnames, acronyms, kind votes) included.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import os
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from extract.documents import Corpus, LoadIssue, LoadNote, Story
from extract.errors import GraphFileError, StorygraphError
from extract.ner import LABEL_KINDS, Mention

STATE_FILE = "state.jsonl.gz"
_STORY_FIELDS = [f.name for f in dataclasses.fields(Story) if f.name != "related"]


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/4"`` → (1, 4): the CLI counts shards from 1."""
    try:
        i, n = (int(x) for x in text.split("/"))
    except ValueError as exc:
        raise StorygraphError(f"--shard {text!r}: write it as i/n, e.g. 1/4") from exc
    if not 1 <= i <= n:
        raise StorygraphError(f"--shard {text!r}: i must be between 1 and n")
    return i - 1, n


def _shard_of(relative: str, count: int) -> int:
    digest = hashlib.sha1(relative.encode()).digest()
    return int.from_bytes(digest[:8], "big") % count


def select_shard(files: Sequence[Path], roots: Iterable[str | os.PathLike[str]],
                 index: int, count: int) -> list[Path]:
    """The files of shard ``index`` (0-based) of ``count``.

    A file's shard depends on its path relative to the input root it lies under, so
    every machine picks the same files wherever the corpus is mounted.
    """
    bases = sorted((Path(r) for r in roots), key=lambda p: -len(p.parts))
    chosen = []
    for path in files:
        base = next((b for b in bases if b == path or b in path.parents), None)
        relative = path.name if base is None or base == path else path.relative_to(base).as_posix()
        if _shard_of(relative, count) == index:
            chosen.append(path)
    return chosen


def write_state(corpus: Corpus, mentions: dict[str, list[Mention]],
                out_dir: str | os.PathLike[str], *, outputs=None) -> Path:
    """Write a shard's stories, links, issues, notes and raw mentions."""
    path = Path(out_dir) / STATE_FILE
    from graph.files import atomic_write

    with atomic_write(path, "wb", outputs=outputs) as raw, \
            gzip.open(raw, "wt", encoding="utf-8", compresslevel=3) as fh:
        fh.write(json.dumps({"type": "files", "count": corpus.files}) + "\n")
        for url, story in corpus.stories.items():
            row = {"type": "story", **{f: getattr(story, f) for f in _STORY_FIELDS},
                   "mentions": [[m.text, m.label, m.field, m.start, m.end]
                                for m in mentions.get(url, [])]}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        for parent, child in corpus.related:
            fh.write(json.dumps({"type": "related", "parent": parent, "child": child}) + "\n")
        for issue in corpus.issues:
            fh.write(json.dumps({"type": "issue", **issue.as_dict()}, ensure_ascii=False) + "\n")
        for note in corpus.notes:
            fh.write(json.dumps({"type": "note", **note.as_dict()}, ensure_ascii=False) + "\n")
    return path


def _state_path(source: str | os.PathLike[str]) -> Path:
    path = Path(source)
    if path.is_dir():
        path = path / STATE_FILE
    elif path.name != STATE_FILE:
        path = path.with_name(STATE_FILE)  # graph.json given: its state lies beside it
    if not path.exists():
        raise GraphFileError(f"{path}: no shard state; build each shard with "
                             f"'storygraph build --shard i/n -o DIR' and merge the DIRs")
    return path


def read_states(sources: Iterable[str | os.PathLike[str]]
                ) -> tuple[Corpus, dict[str, list[Mention]]]:
    """Union of shard states: one Corpus (stories merged by URL) and raw mentions."""
    corpus = Corpus()
    mentions: dict[str, list[Mention]] = {}
    for source in sources:
        path = _state_path(source)
        try:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                for line in fh:
                    row = json.loads(line)
                    kind = row.pop("type")
                    if kind == "files":
                        corpus.files += row["count"]
                    elif kind == "story":
                        raw = row.pop("mentions")
                        story = Story(**row)
                        # The same story in two shards (a file here, someone's related
                        # story there) has the same text, so the same mentions.
                        mentions.setdefault(story.url, [
                            Mention(t, label, LABEL_KINDS[label], f, s, e)
                            for t, label, f, s, e in raw])
                        corpus.merge(story)
                    elif kind == "related":
                        if (row["parent"], row["child"]) not in corpus.related:
                            corpus.related.append((row["parent"], row["child"]))
                    elif kind == "issue":
                        corpus.issues.append(LoadIssue(row["path"], row["reason"]))
                    elif kind == "note":
                        corpus.notes.append(LoadNote(row["path"], row["note"]))
        except (OSError, EOFError, json.JSONDecodeError, KeyError, TypeError) as exc:
            raise GraphFileError(f"{path}: not a readable shard state ({exc}); rebuild "
                                 f"that shard") from exc
    return corpus, mentions


def merge(sources: Sequence[str | os.PathLike[str]], *, out_dir: str | os.PathLike[str],
          aliases: str | os.PathLike[str] | None = None, html: bool = True):
    """Merge shard outputs (their folders or graph.json files) into one graph in ``out_dir``.

    Returns a :class:`graph.build.BuildResult`; writes graph.json, graph.html,
    report.json and the merged state (so merges can be merged again).
    """
    from extract.aliases import load_aliases
    from graph.build import (
        BuildResult,
        _undated_note,
        _write_report,
        graph_counts,
        graph_from_mentions,
        write_outputs,
    )

    if not sources:
        raise StorygraphError("give the shard folders (or their graph.json files) to merge")
    clock = time.perf_counter()
    table = load_aliases(aliases)
    corpus, mentions = read_states(sources)
    timings = {"load": time.perf_counter() - clock}
    G, more = graph_from_mentions(corpus, mentions, table)
    timings.update(more)
    report: dict[str, Any] = {
        "stories": len(corpus.stories), "files": corpus.files, "counts": graph_counts(G),
        "timings": timings, "merged_from": [os.fspath(s) for s in sources],
        "load_issues": [i.as_dict() for i in corpus.issues],
        "notes": _undated_note(corpus) + [n.as_dict() for n in corpus.notes],
    }
    clock = time.perf_counter()
    from graph.files import OutputSet

    outputs = OutputSet()
    files = write_outputs(G, out_dir, html=html, outputs=outputs)
    files["state"] = write_state(corpus, mentions, out_dir, outputs=outputs)
    timings["write"] = time.perf_counter() - clock
    _write_report(report, files["report"], outputs=outputs)
    outputs.commit()
    return BuildResult(G, report, files)
