"""Scale on one machine: spaCy worker processes, and graphs too big for memory written
as tables."""

from __future__ import annotations

import json
import shutil

import networkx as nx
import pytest
from click.testing import CliRunner

from extract import forkserver
from extract.ner import NerProcesses
from extract.resolve import Resolver
from graph import build as build_module
from graph.build import build, graph_counts
from graph.tables import graph_from_tables, read_tables
from storygraph.cli import cli


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


def test_workers_follow_the_work_and_give_the_same_graph(tmp_path, seeds_dir, one_run,
                                                          seeds_build, monkeypatch):
    # Texts for two workers, not for the four asked for: two start, not one or four.
    texts = seeds_build.report["extraction"]["texts"]
    monkeypatch.setattr(build_module, "MIN_TEXTS_PER_WORKER", texts // 2)
    result = build([seeds_dir], out_dir=None, workers=4)
    assert result.report["extraction"]["workers"] == 2
    same_graph(result.graph, one_run)



def test_texts_are_shared_by_length_and_handed_out_smaller_at_the_end():
    from extract.ner import _chunks

    # Two pools: ten long texts and ten short ones are not cut at ten.
    todo = [("a" * 400, "excerpt", i) for i in range(10)] + \
        [("b" * 40, "title", i) for i in range(10, 20)]
    ends = build_module._shares(todo, [0.5, 0.5])
    assert ends[-1] == 20 and 4 <= ends[0] <= 6
    # Each task of a known number of texts is a share of what is left: the last are
    # the smallest, and every text goes out once, in order.
    items = [(str(i), "title", i) for i in range(2000)]
    sizes = [len(c) for c in _chunks(items, 2)]
    assert sizes[0] == 256 and sizes[-1] < 32 and sizes == sorted(sizes, reverse=True)
    assert [x for c in _chunks(items, 2) for x in c] == items
    assert [len(c) for c in _chunks(iter(items), 2)][:2] == [256, 256]  # unknown length


def test_files_read_in_processes_give_the_same_graph_and_report(tmp_path, data_dir, seeds_dir,
                                                               monkeypatch):
    # Good and bad files together: the same graph, and issues and notes in the same order,
    # whether this process reads them or two spawned readers do.
    paths = [data_dir / "mixed", seeds_dir]
    alone = build(paths, out_dir=None, workers=1, cache=False)
    monkeypatch.setattr(build_module, "MIN_FILES_PER_READER", 1)
    monkeypatch.setattr(build_module, "MIN_TEXTS_PER_WORKER", 10**6)  # NER here, once
    # Three workers: two readers, while the first NER worker would load the model.
    shared = build(paths, out_dir=None, workers=3, cache=tmp_path / "cache.sqlite3")
    assert shared.report["extraction"]["files_parsed"] == alone.report["files"]
    assert shared.report["load_issues"] == alone.report["load_issues"] != []
    assert shared.report["notes"] == alone.report["notes"]
    same_graph(shared.graph, alone.graph)


def test_model_loaded_early_in_spawned_processes_gives_the_same_graph(
        tmp_path, seeds_dir, one_run, monkeypatch):
    # As the command runs it: the model loads in a spawned process while the files are
    # read, a second worker joins for the texts (there are enough of them here), and
    # nothing is loaded in this process.
    monkeypatch.setattr(build_module, "_LOADED", {})
    monkeypatch.setattr(build_module, "MIN_TEXTS_PER_WORKER", 1)
    cache = tmp_path / "cache.sqlite3"
    result = build([seeds_dir], out_dir=None, workers=2, cache=cache,
                   processes=NerProcesses(None, None, 1))
    assert result.report["extraction"]["workers"] == 2
    assert result.report["extraction"]["extracted"] > 0
    assert build_module._LOADED == {}
    same_graph(result.graph, one_run)
    # Every text cached: the processes are closed unused, and the graph is the same.
    again = build([seeds_dir], out_dir=None, workers=1, cache=cache,
                  processes=NerProcesses(None, None, 1))
    assert again.report["extraction"]["extracted"] == 0
    assert again.report["timings"]["model"] == 0
    same_graph(again.graph, one_run)


def test_a_model_that_cannot_load_in_a_spawned_process_says_how_to_fix_it(
        tmp_path, seeds_dir, monkeypatch):
    from extract.errors import ModelNotFoundError

    monkeypatch.setattr(build_module, "_LOADED", {})
    with pytest.raises(ModelNotFoundError, match="--model"):
        build([seeds_dir], out_dir=None, model="no_such_pipeline",
              processes=NerProcesses("no_such_pipeline", None, 1))


def test_a_ner_process_that_dies_is_an_error_not_a_wait_forever(monkeypatch):
    # A process killed while it has work (the out-of-memory killer, a crash): a Pool
    # would wait for its lost task forever; the build says what happened instead, and
    # closing the processes returns (if the dead one held the task queue's lock, after
    # _CLOSE_SECONDS).
    import os
    import signal

    import extract.ner
    from extract.errors import NerProcessError

    monkeypatch.setattr(extract.ner, "_CLOSE_SECONDS", 1.0)
    processes = NerProcesses(None, None, 1)
    try:
        processes.wait()
        texts = [("Apple agreed to buy Beats for $3 billion.", "title", i) for i in range(4000)]
        results = processes.extract(texts)
        os.kill(processes._started[0].pid, signal.SIGKILL)
        with pytest.raises(NerProcessError, match="killed by signal 9"):
            list(results)
    finally:
        processes.close()


def test_stories_go_to_resolution_as_their_texts_come_in(tmp_path, seeds_dir, monkeypatch):
    # Half the stories are in the cache (handed over while the model loads), the others
    # come from a spawned worker, three stories at a time: the same graph as one pass
    # over every story at the end.
    monkeypatch.setattr(build_module, "READY_BATCH", 3)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    files = sorted(p for p in seeds_dir.iterdir() if p.is_file())
    for f in files[: len(files) // 2]:
        shutil.copy(f, corpus)
    cache = tmp_path / "cache.sqlite3"
    build([corpus], out_dir=None, cache=cache)
    for f in files[len(files) // 2:]:
        shutil.copy(f, corpus)
    whole = build([corpus], out_dir=None, cache=False)  # NER in this process, in batches
    batches: list[int] = []
    story_candidates = Resolver.story_candidates

    def counted(self, mentions, **kwargs):
        batches.append(len(mentions))
        return story_candidates(self, mentions, **kwargs)

    monkeypatch.setattr(Resolver, "story_candidates", counted)
    result = build([corpus], out_dir=None, workers=1, cache=cache,
                   processes=NerProcesses(None, None, 1))
    assert 0 < result.report["extraction"]["cached"] < result.report["extraction"]["texts"]
    assert len(batches) > 2 and max(batches) <= 3
    assert sum(batches) == result.report["stories"] == whole.report["stories"]
    same_graph(result.graph, whole.graph)


def test_a_graph_over_the_limit_is_written_as_tables_of_the_same_graph(tmp_path, seeds_dir,
                                                                       seeds_graph):
    result = build([seeds_dir], out_dir=tmp_path, graph_limit=50)
    assert result.graph is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "tables"]
    report = json.loads((tmp_path / "report.json").read_text())
    size = seeds_graph.number_of_nodes() + seeds_graph.number_of_edges()
    assert any(f"the graph has {size:,} nodes and edges, more than the 50" in n["note"]
               and "--graph-limit" in n["note"] for n in report["notes"])
    assert report["counts"] == graph_counts(seeds_graph)
    same_graph(graph_from_tables(read_tables(tmp_path / "tables")), seeds_graph)


def test_outputs_of_the_other_kind_left_by_an_earlier_build_are_removed(tmp_path, seeds_dir):
    out = tmp_path / "out"
    cache = ["--cache", str(tmp_path / "cache.sqlite3")]
    runner = CliRunner()
    small = runner.invoke(cli, ["build", str(seeds_dir), "-o", str(out), *cache])
    assert small.exit_code == 0 and (out / "graph.json").exists()
    big = runner.invoke(cli, ["build", str(seeds_dir), "-o", str(out), "--graph-limit", "50",
                              *cache])
    assert big.exit_code == 0, big.output
    assert f"tables: {out / 'tables'}" in big.output and "graph:" not in big.output
    # A graph.json of the earlier build would contradict the report: it is gone.
    assert sorted(p.name for p in out.iterdir()) == ["report.json", "tables"]
    again = runner.invoke(cli, ["build", str(seeds_dir), "-o", str(out), *cache])
    assert again.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["graph.html", "graph.json",
                                                     "report.json"]
    # A folder named tables that holds something else is the user's: it stays.
    (out / "tables").mkdir()
    (out / "tables" / "notes.txt").write_text("mine")
    assert runner.invoke(cli, ["build", str(seeds_dir), "-o", str(out), *cache]).exit_code == 0
    assert (out / "tables" / "notes.txt").read_text() == "mine"


@pytest.mark.skipif(not forkserver.forks(), reason="NER processes are spawned here")
def test_ner_processes_inherit_one_loaded_pipeline_and_the_server_ends_with_them():
    # Every process starts with the pipeline the fork server loaded once: none of them
    # loads its own (1.5-2 CPU-seconds each). Closed, they take the server, and the
    # pipeline it holds, with them.
    from multiprocessing import forkserver as mp_forkserver

    from extract.ner import _loaded_by

    with NerProcesses(None, None, 2) as processes:
        processes.wait()
        pool = processes._ready()
        seen = pool.map(_loaded_by, range(8), chunksize=1)
        server = mp_forkserver._forkserver._forkserver_pid
        assert server is not None
        assert {loader for _, loader in seen} == {server}
        assert all(pid != server for pid, _ in seen)
        result = list(processes.extract([("Apple agreed to buy Beats.", "title", 0)]))
        assert [m.text for m in result[0][2]] == ["Apple", "Beats"]
    assert mp_forkserver._forkserver._forkserver_pid is None


@pytest.mark.skipif(not forkserver.forks(), reason="NER processes are spawned here")
def test_processes_forked_for_another_alias_table_load_their_own(tmp_path):
    # A server already running holds the pipeline of the first table: processes for
    # another table find it is not theirs, load their own, and find its names.
    from extract.ner import _loaded_by

    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("organizations:\n  - name: Zorblax Quantum\n    aliases: [Zorblax]\n")
    text = [("Zorblax hires a new chief.", "title", 0)]
    with NerProcesses(None, None, 1) as first, NerProcesses(None, str(aliases), 1) as other:
        first.wait()
        other.wait()
        pid, loader = other._ready().apply(_loaded_by)
        assert loader == pid
        found = list(other.extract(text))[0][2]
        assert [(m.text, m.kind) for m in found] == [("Zorblax", "organization")]
        assert first._ready().apply(_loaded_by)[1] != pid


def test_readers_that_cannot_start_leave_the_reading_to_this_process(tmp_path, seeds_dir,
                                                                     seeds_build):
    # A script read from stdin: spawned readers cannot import its main module and die
    # at once. The build reads every file itself, whatever the readers had been handed,
    # and neither fails nor waits forever.
    import subprocess
    import sys

    script = f"""
import json
from graph import build as b
b.MIN_FILES_PER_READER = 1
b.MIN_TEXTS_PER_WORKER = 10**6  # NER here: spawned NER processes could not start either
result = b.build([{str(seeds_dir)!r}], out_dir=None, workers=3)
print(json.dumps(result.report["counts"]))
"""
    done = subprocess.run([sys.executable, "-"], input=script, capture_output=True,
                          text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == seeds_build.report["counts"]
