"""The extraction cache: rebuilds read it, and no state of the cache file stops a build."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import networkx as nx
from click.testing import CliRunner

from extract.cache import ExtractionCache, fingerprint
from extract.ner import Mention
from extract.relations import Relation
from graph.build import build
from graph.export.graphfiles import read_json
from storygraph.cli import cli
from tests.conftest import ROOT, read_only_folder


def same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert sorted(a.edges(keys=True, data=True), key=str) == sorted(b.edges(keys=True, data=True), key=str)


def test_second_build_reads_everything_from_the_cache(tmp_path, seeds_dir, seeds_graph):
    cache = tmp_path / "cache.sqlite3"
    first = build([seeds_dir], out_dir=None, cache=cache)
    assert first.report["extraction"]["extracted"] == first.report["extraction"]["texts"] > 0
    second = build([seeds_dir], out_dir=None, cache=cache)
    assert second.report["extraction"]["cached"] == second.report["extraction"]["texts"]
    assert second.report["extraction"]["extracted"] == 0
    assert second.report["timings"]["model"] == 0  # spaCy never loaded
    same_graph(second.graph, seeds_graph)


def test_new_story_extracts_only_its_texts(tmp_path, seeds_dir):

    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    cache = tmp_path / "cache.sqlite3"
    build([corpus], out_dir=None, cache=cache)
    (corpus / "new.md").write_text('---\ntitle: "Nvidia and Intel sign a chip deal"\n'
                                   'excerpt: "The deal was announced in Santa Clara."\n'
                                   'webUrl: "https://n.example/1"\n---\n')
    again = build([corpus], out_dir=None, cache=cache)
    assert again.report["extraction"]["extracted"] == 2
    assert "organization:Nvidia" in again.graph


def test_unchanged_files_come_parsed_from_the_cache(tmp_path, seeds_dir, seeds_graph):
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    cache = tmp_path / "cache.sqlite3"
    first = build([corpus], out_dir=None, cache=cache)
    assert first.report["extraction"]["files_parsed"] == 21
    second = build([corpus], out_dir=None, cache=cache)
    assert second.report["extraction"]["files_parsed"] == 0
    assert second.report["load_issues"] == first.report["load_issues"]
    assert second.report["notes"] == first.report["notes"]
    same_graph(second.graph, first.graph)
    # A touched file with the same bytes is still a hit (a restore or a copy keeps none of
    # the modification times).
    for path in corpus.glob("*.txt"):
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    touched = build([corpus], out_dir=None, cache=cache)
    assert touched.report["extraction"]["files_parsed"] == 0
    # An edited file is parsed again, even when its size and time stay the same.
    victim = sorted(corpus.glob("*.txt"))[0]
    text = victim.read_text(encoding="utf-8")
    stat = victim.stat()
    victim.write_text(text.replace("Microsoft", "Microsofu", 1), encoding="utf-8")
    os.utime(victim, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    third = build([corpus], out_dir=None, cache=cache)
    assert third.report["extraction"]["files_parsed"] == 1
    # A damaged entry is only a miss.
    with sqlite3.connect(cache) as db:
        db.execute("UPDATE files SET data = '{not json'")
    fourth = build([corpus], out_dir=None, cache=cache)
    assert fourth.report["extraction"]["files_parsed"] == 21
    same_graph(fourth.graph, third.graph)


def test_changing_aliases_invalidates_the_cache(tmp_path, seeds_dir):
    cache = tmp_path / "cache.sqlite3"
    build([seeds_dir], out_dir=None, cache=cache)
    user = tmp_path / "aliases.yaml"
    user.write_text("organizations:\n  - name: Acme Widgets\n")
    changed = build([seeds_dir], out_dir=None, cache=cache, aliases=user)
    assert changed.report["extraction"]["cached"] == 0


def test_cache_is_safe_for_two_processes(tmp_path):
    path = tmp_path / "shared.sqlite3"
    script = (
        "import sys\n"
        "from extract.cache import ExtractionCache\n"
        "from extract.ner import Mention\n"
        "c = ExtractionCache(sys.argv[1], 'fp')\n"
        "for i in range(300):\n"
        "    c.put_many([(c.key(f't{i % 150}', 'title'), [Mention(f'N{i}', 'ORG', 'organization', 'title', 0, 2)], [])])\n"
        "    c.get_many([c.key(f't{i}', 'title')])\n"
        "c.close()\n")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(path)], cwd=ROOT) for _ in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    cache = ExtractionCache(path, "fp")
    assert len(cache) == 150
    got = cache.get_many([cache.key("t3", "title")])
    assert list(got.values())[0][0][0].label == "ORG"


def test_cache_round_trip_and_fingerprint():
    fp = fingerprint(None, "abc")
    assert "gazetteer=abc" in fp and "en_core_web_sm" in fp
    assert fingerprint(None, "abc", relations=False) != fp  # no relations: other entries
    cache = ExtractionCache(":memory:", fp)
    m = Mention("U.S.", "GPE", "place", "excerpt", 3, 7)
    r = Relation("SUES", "excerpt", (0, 2), (3, 7), (0, 20))
    cache.put_many([(cache.key("x", "excerpt"), [m], [r])])
    assert cache.get_many([cache.key("x", "excerpt")]) == {cache.key("x", "excerpt"): ([m], [r])}
    assert cache.key("x", "title") != cache.key("x", "excerpt")




def _cli_build(seeds_dir: Path, out: Path, cache: Path):
    return CliRunner().invoke(cli, ["build", str(seeds_dir), "-o", str(out), "--cache", str(cache)])


def test_a_file_that_is_not_a_database_is_moved_aside_and_rebuilt(tmp_path, seeds_dir, seeds_graph):
    bad = tmp_path / "cache.sqlite3"
    bad.write_text("my notes, not a database")
    result = _cli_build(seeds_dir, tmp_path / "o", bad)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "was not a readable database" in warnings[0]
    assert (tmp_path / "cache.sqlite3.corrupt").read_text() == "my notes, not a database"
    same_graph(read_json(tmp_path / "o" / "graph.json"), seeds_graph)
    again = build([seeds_dir], out_dir=None, cache=bad)  # the new cache works
    assert again.report["extraction"]["cached"] == again.report["extraction"]["texts"]
    assert again.report["warnings"] == []


def test_a_truncated_cache_never_stops_a_build(tmp_path, seeds_dir, seeds_graph):
    cache = tmp_path / "cache.sqlite3"
    build([seeds_dir], out_dir=None, cache=cache)
    with sqlite3.connect(cache) as db:  # fold the WAL in, so the file holds the data
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = cache.read_bytes()
    assert len(data) > 8192
    cache.write_bytes(data[: len(data) // 2])
    result = _cli_build(seeds_dir, tmp_path / "o", cache)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    same_graph(read_json(tmp_path / "o" / "graph.json"), seeds_graph)


def test_a_cache_of_another_layout_is_started_afresh(tmp_path, seeds_dir, seeds_graph):
    cache = tmp_path / "cache.sqlite3"
    with sqlite3.connect(cache) as db:
        db.execute("CREATE TABLE mentions (key TEXT, spans BLOB, extra INT)")
        db.execute("INSERT INTO mentions VALUES ('k', x'00', 1)")
        db.execute("PRAGMA user_version = 99")
    result = build([seeds_dir], out_dir=None, cache=cache)
    assert result.report["extraction"]["extracted"] == result.report["extraction"]["texts"]
    same_graph(result.graph, seeds_graph)
    again = build([seeds_dir], out_dir=None, cache=cache)
    assert again.report["extraction"]["cached"] == again.report["extraction"]["texts"]


def test_unreadable_entries_are_misses():
    cache = ExtractionCache(":memory:", "fp")
    good = Mention("IBM", "ORG", "organization", "title", 0, 3)
    cache.put_many([(cache.key("a", "title"), [good], [])])
    cache._db.execute("INSERT INTO mentions VALUES (?, ?)", (cache.key("b", "title"), "{not json"))
    cache._db.execute("INSERT INTO mentions VALUES (?, ?)",
                      (cache.key("c", "title"), '{"m": [["X", "NOPE", "title", 0, 1]], "r": []}'))
    cache._db.execute("INSERT INTO mentions VALUES (?, ?)",
                      (cache.key("d", "title"), '{"m": [], "r": [["BUYS", "title"]]}'))
    found = cache.get_many([cache.key(t, "title") for t in "abcd"])
    assert found == {cache.key("a", "title"): ([good], [])}


def test_a_read_only_cache_folder_builds_without_the_cache(tmp_path, seeds_dir, seeds_graph):
    frozen = tmp_path / "frozen"
    with read_only_folder(frozen):
        result = _cli_build(seeds_dir, tmp_path / "o", frozen / "cache.sqlite3")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "is not used for the rest of this build" in warnings[0]
    same_graph(read_json(tmp_path / "o" / "graph.json"), seeds_graph)


def test_two_concurrent_builds_share_one_cache(tmp_path, seeds_dir, seeds_graph):
    cache = tmp_path / "shared.sqlite3"
    procs = [subprocess.Popen([sys.executable, "-m", "storygraph", "build", str(seeds_dir),
                               "-o", str(tmp_path / f"o{i}"), "--cache", str(cache),
                               "--workers", "1"], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for i in range(2)]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert "warning" not in err
    for i in range(2):
        same_graph(read_json(tmp_path / f"o{i}" / "graph.json"), seeds_graph)
    again = build([seeds_dir], out_dir=None, cache=cache)
    assert again.report["extraction"]["cached"] == again.report["extraction"]["texts"]
