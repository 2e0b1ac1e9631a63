"""Scale features: workers, shards and merge."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from extract.errors import StorygraphError
from graph import build as build_module
from graph.build import build
from graph.cli import cli
from graph.shards import parse_shard, select_shard


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
    with pytest.raises(StorygraphError, match="i/n"):
        parse_shard("two")


def test_two_shards_merged_equal_one_run(tmp_path, seeds_dir, one_run):
    runner = CliRunner()
    for i in (1, 2):
        r = runner.invoke(cli, ["build", str(seeds_dir), "--shard", f"{i}/2", "-o",
                                str(tmp_path / f"s{i}"), "--no-cache"])
        assert r.exit_code == 0, r.output
        assert (tmp_path / f"s{i}" / "state.jsonl.gz").exists()
    shard_stories = [json.loads((tmp_path / f"s{i}" / "report.json").read_text())["stories"] for i in (1, 2)]
    articles = sum(1 for _, kind in one_run.nodes(data="kind") if kind == "article")
    assert all(0 < n < articles for n in shard_stories)  # each shard has only part of them
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
