"""The build on Dask: a real LocalCluster of two worker processes gives the one-machine graph."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from graph.build import build
from graph.distributed import build_dask
from graph.model import RELATION_KINDS
from graph.tables import SCHEMAS, TABLES, graph_from_tables, read_tables
from storygraph.cli import cli
from tests.test_scale import same_graph

distributed = pytest.importorskip("distributed")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    from make_corpus import make_corpus

    folder = tmp_path_factory.mktemp("synthetic")
    make_corpus(240, folder, seed=7)
    return folder


def _both(paths, out, client, **kwargs):
    one = build(paths, out_dir=None, html=False)
    many = build_dask(paths, address="unused", out_dir=out, client=client, html=False,
                      **kwargs)
    return one, many


def test_dask_build_equals_the_one_machine_build_on_the_seeds(dask_client, seeds_dir,
                                                              seeds_graph, tmp_path):
    result = build_dask([seeds_dir], address="unused", out_dir=tmp_path, client=dask_client,
                        files_per_partition=4, files_per_ner_partition=2)
    same_graph(result.graph, seeds_graph)
    assert result.report["dask"]["partitions"] == 6 and result.report["dask"]["workers"] == 2
    assert result.report["dask"]["ner_partitions"] > 6
    assert result.report["dask"]["events_in_one_task"]
    assert result.report["stories"] == 23 and result.report["files"] == 21
    for name in ("graph", "html", "report"):
        assert result.files[name].exists()


def test_dask_build_equals_the_one_machine_build_on_a_synthetic_corpus(dask_client, synthetic,
                                                                      tmp_path):
    one, many = _both([synthetic], tmp_path, dask_client, files_per_partition=25,
                      files_per_ner_partition=10,  # NER's partitions split from the merged
                      files_per_table_partition=60)  # four partitions per table
    assert one.graph.number_of_nodes() > 800  # a real test: many entities, links, topics
    same_graph(many.graph, one.graph)
    assert many.report["counts"] == one.report["counts"]
    dask_report = many.report["dask"]
    assert dask_report["ner_partitions"] > dask_report["partitions"]
    # Events by time block (the one-task path: the seeds, the killed worker).
    assert not many.report["dask"]["events_in_one_task"]


def test_tables_are_parquet_datasets_with_the_documented_columns(dask_client, seeds_dir,
                                                                 tmp_path):
    build_dask([seeds_dir], address="unused", out_dir=tmp_path, client=dask_client,
               files_per_partition=4, html=False)
    folder = tmp_path / "tables"
    assert sorted(p.name for p in folder.iterdir()) == sorted(TABLES)
    for name in TABLES:
        frame = pd.read_parquet(folder / name)
        assert list(frame.columns) == [c for c, _ in SCHEMAS[name]]
        assert len(list((folder / name).glob("*.parquet"))) >= 1
    tables = read_tables(folder)
    assert len(tables["articles"]) == 23
    # The tables alone make the graph.
    G = graph_from_tables(tables)
    assert G.number_of_nodes() == sum(len(tables[n]) for n in
                                      ("articles", "entities", "topics", "publishers",
                                       "events"))
    assert len(tables["events"]) == sum(1 for _, k in G.nodes(data="kind") if k == "event") > 0
    assert len(tables["reports"]) == sum(1 for *_, k in G.edges(keys=True) if k == "REPORTS")
    relations = tables["relations"]
    assert len(relations) == sum(1 for *_, k in G.edges(keys=True) if k in RELATION_KINDS) > 0
    deal = relations[relations["kind"] == "INVESTS_IN"].iloc[0]
    assert json.loads(deal["evidence"])[0]["text"]


def test_a_bad_file_on_a_worker_is_a_load_issue_as_on_one_machine(dask_client, seeds_dir,
                                                                 tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    (corpus / "broken.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    (corpus / "bad_date.md").write_text("---\ntitle: Fine story\nwebUrl: https://x.example/a\n"
                                        "publishedDateTime: 31/31/2020\n---\n", encoding="utf-8")
    one, many = _both([corpus], tmp_path / "out", dask_client, files_per_partition=3)
    assert many.report["load_issues"] == one.report["load_issues"]
    assert [i["path"] for i in many.report["load_issues"]] == [str(corpus / "broken.md")]
    assert sorted(map(json.dumps, many.report["notes"])) == sorted(map(json.dumps,
                                                                       one.report["notes"]))
    same_graph(many.graph, one.graph)


def test_a_worker_killed_mid_build_still_gives_the_same_graph(dask_client, synthetic, tmp_path):
    one = build([synthetic], out_dir=None, html=False)
    pids = dask_client.run(os.getpid)
    done = threading.Event()

    def kill_one() -> None:
        time.sleep(2.0)  # the build is under way: files are loaded, NER is running
        if not done.is_set():
            os.kill(next(iter(pids.values())), signal.SIGKILL)

    killer = threading.Thread(target=kill_one)
    killer.start()
    try:
        many = build_dask([synthetic], address="unused", out_dir=tmp_path, client=dask_client,
                          files_per_partition=10, html=False)
    finally:
        done.set()
        killer.join()
    same_graph(many.graph, one.graph)
    assert many.report["dask"]["events_in_one_task"]
    assert set(dask_client.run(os.getpid).values()) != set(pids.values())  # one was restarted


def test_the_workers_read_an_edited_alias_file_again(dask_client, seeds_dir, seeds_graph,
                                                     tmp_path):
    # The cluster outlives a build: a user who edits the alias file between two builds
    # gets the new names, not those the workers loaded first.
    name = next(d["name"] for _, d in sorted(seeds_graph.nodes(data=True))
                if d.get("kind") == "organization" and not d.get("entity_id"))
    user = tmp_path / "aliases.yaml"
    found = []
    for canonical in ("Renamed Holdings", "Other Name Holdings"):
        user.write_text(f"organizations:\n  - name: {canonical}\n"
                        f"    aliases: [{json.dumps(name)}]\n", encoding="utf-8")
        result = build_dask([seeds_dir], address="unused", out_dir=tmp_path / canonical,
                            client=dask_client, html=False, aliases=user)
        found.append({d["name"] for _, d in result.graph.nodes(data=True)
                      if d.get("kind") == "organization"})
    assert "Renamed Holdings" in found[0] and "Other Name Holdings" not in found[0]
    assert "Other Name Holdings" in found[1] and "Renamed Holdings" not in found[1]


def test_cli_build_on_a_local_cluster(seeds_dir, seeds_graph, tmp_path):
    r = CliRunner().invoke(cli, ["build", str(seeds_dir), "-o", str(tmp_path),
                                 "--dask", "local:1"])
    assert r.exit_code == 0, r.output
    assert f"tables: {tmp_path / 'tables'}" in r.output
    assert "23 stories" in r.output
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["dask"]["workers"] == 1


def test_a_local_clusters_workers_are_gone_with_their_folders_after_it(tmp_path):
    # They leave without their interpreter's teardown: nothing of theirs may be left.
    import dask
    import psutil

    from graph.distributed import connect

    with dask.config.set({"temporary-directory": str(tmp_path)}), \
            connect("local:2") as client:
        pids = client.run(os.getpid)
        plugins = client.run(lambda dask_worker: sorted(dask_worker.plugins))
        folders = client.run(lambda dask_worker: dask_worker.local_directory)
    assert len(pids) == 2
    assert all("storygraph-quick-exit" in names for names in plugins.values())
    assert all(Path(folder).is_relative_to(tmp_path) for folder in folders.values())
    assert not any(psutil.pid_exists(pid) for pid in pids.values())
    assert not any(Path(folder).exists() for folder in folders.values())


def test_cli_says_how_to_write_a_local_address(tmp_path):
    r = CliRunner().invoke(cli, ["build", "seeds", "-o", str(tmp_path), "--dask", "local:x"])
    assert r.exit_code == 1 and "local:N" in r.output


def test_a_graph_over_the_limit_leaves_only_the_tables(dask_client, seeds_dir, seeds_graph,
                                                       tmp_path):
    build_dask([seeds_dir], address="unused", out_dir=tmp_path, client=dask_client)
    assert (tmp_path / "graph.json").exists() and (tmp_path / "graph.html").exists()
    result = build_dask([seeds_dir], address="unused", out_dir=tmp_path, client=dask_client,
                        graph_limit=50)
    assert result.graph is None
    # The earlier build's graph.json and view would contradict this build's report.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "tables"]
    report = json.loads((tmp_path / "report.json").read_text())
    assert any("more than the 50 a graph.json" in n["note"] for n in report["notes"])
    same_graph(graph_from_tables(read_tables(tmp_path / "tables")), seeds_graph)
