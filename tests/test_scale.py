"""Scale features: the extraction cache, workers, shards and merge."""

from __future__ import annotations

import json
import subprocess
import sys

import networkx as nx
import pytest
from click.testing import CliRunner

from extract.cache import ExtractionCache, fingerprint
from extract.ner import Mention
from graph import build as build_module
from graph.build import build
from graph.cli import cli
from graph.shards import parse_shard, select_shard
from tests.conftest import ROOT


def same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    ea = sorted((u, v, k, tuple(sorted((x, str(y)) for x, y in d.items())))
                for u, v, k, d in a.edges(keys=True, data=True))
    eb = sorted((u, v, k, tuple(sorted((x, str(y)) for x, y in d.items())))
                for u, v, k, d in b.edges(keys=True, data=True))
    assert ea == eb


@pytest.fixture(scope="module")
def one_run(seeds_graph):
    return seeds_graph


def test_second_build_reads_everything_from_the_cache(tmp_path, seeds_dir, one_run):
    cache = tmp_path / "cache.sqlite3"
    first = build([seeds_dir], out_dir=None, cache=cache)
    assert first.report["extraction"]["extracted"] == first.report["extraction"]["texts"] > 0
    second = build([seeds_dir], out_dir=None, cache=cache)
    assert second.report["extraction"]["cached"] == second.report["extraction"]["texts"]
    assert second.report["extraction"]["extracted"] == 0
    assert second.report["timings"]["model"] == 0  # spaCy never loaded
    same_graph(second.graph, one_run)


def test_new_story_extracts_only_its_texts(tmp_path, seeds_dir):
    import shutil

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
        "    c.put_many([(c.key(f't{i % 150}', 'title'), [Mention(f'N{i}', 'ORG', 'organization', 'title', 0, 2)])])\n"
        "    c.get_many([c.key(f't{i}', 'title')])\n"
        "c.close()\n")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(path)], cwd=ROOT) for _ in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    cache = ExtractionCache(path, "fp")
    assert len(cache) == 150
    got = cache.get_many([cache.key("t3", "title")])
    assert list(got.values())[0][0].label == "ORG"


def test_cache_round_trip_and_fingerprint():
    fp = fingerprint(None, "abc")
    assert "gazetteer=abc" in fp and "en_core_web_sm" in fp
    cache = ExtractionCache(":memory:", fp)
    m = Mention("U.S.", "GPE", "place", "excerpt", 3, 7)
    cache.put_many([(cache.key("x", "excerpt"), [m])])
    assert cache.get_many([cache.key("x", "excerpt")]) == {cache.key("x", "excerpt"): [m]}
    assert cache.key("x", "title") != cache.key("x", "excerpt")


def test_two_workers_give_the_same_graph(tmp_path, seeds_dir, one_run, monkeypatch):
    monkeypatch.setattr(build_module, "MIN_TEXTS_PER_WORKER", 1)
    result = build([seeds_dir], out_dir=None, workers=2)
    assert result.report["extraction"]["workers"] == 2
    same_graph(result.graph, one_run)


def test_shards_cover_every_file_once(seeds_dir):
    from extract.documents import find_story_files

    files = find_story_files([seeds_dir])
    parts = [select_shard(files, [seeds_dir], i, 3) for i in range(3)]
    assert sorted(p for part in parts for p in part) == files
    assert all(parts)  # 21 files over 3 shards: none empty
    assert parse_shard("2/3") == (1, 3)
    with pytest.raises(Exception, match="i/n"):
        parse_shard("two")


def test_two_shards_merged_equal_one_run(tmp_path, seeds_dir, one_run):
    runner = CliRunner()
    for i in (1, 2):
        r = runner.invoke(cli, ["build", str(seeds_dir), "--shard", f"{i}/2", "-o",
                                str(tmp_path / f"s{i}"), "--no-cache"])
        assert r.exit_code == 0, r.output
        assert (tmp_path / f"s{i}" / "state.jsonl.gz").exists()
    shard_stories = [json.loads((tmp_path / f"s{i}" / "report.json").read_text())["stories"] for i in (1, 2)]
    assert all(n < one_run.number_of_nodes() for n in shard_stories)
    r = runner.invoke(cli, ["merge", str(tmp_path / "s1"), str(tmp_path / "s2" / "graph.json"),
                            "-o", str(tmp_path / "merged")])
    assert r.exit_code == 0, r.output
    from graph.io import read_json

    merged = read_json(tmp_path / "merged" / "graph.json")
    same_graph(merged, one_run)
    report = json.loads((tmp_path / "merged" / "report.json").read_text())
    assert report["files"] == 21 and report["stories"] == 23


def test_merge_without_state_says_how(tmp_path, seeds_build):
    r = CliRunner().invoke(cli, ["merge", str(seeds_build.files["graph"]), "-o", str(tmp_path / "m")])
    assert r.exit_code == 1 and "--shard i/n" in r.stderr


def test_broken_cache_file_says_how_to_fix(tmp_path, seeds_dir):
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("not a database")
    result = CliRunner().invoke(cli, ["build", str(seeds_dir), "-o", str(tmp_path / "o"),
                                      "--cache", str(bad)])
    assert result.exit_code == 1
    assert "delete that file" in result.stderr and "--no-cache" in result.stderr
