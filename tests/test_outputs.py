"""Outputs are atomic: a killed build or a full disk never leaves a truncated file, and
the previous outputs stay as they were."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from graph.export.graphfiles import read_json
from graph.files import OutputError, OutputSet, atomic_write
from storygraph.cli import cli
from tests.conftest import ROOT, small_disk

#: Writes a graph of 200,000 articles into argv[1] with the build's own writer.
_BIG_WRITE = """
import sys
import networkx as nx
from graph.build import write_outputs
G = nx.MultiDiGraph()
for i in range(200_000):
    G.add_node(f"article:https://x.example/{i}", kind="article", name=f"Story {i}",
               title=f"Story {i}", url=f"https://x.example/{i}", excerpt="words " * 20,
               published=None)
print("writing", flush=True)
write_outputs(G, sys.argv[1], html=False)
print("done", flush=True)
"""


def test_a_build_killed_while_writing_leaves_the_old_graph(tmp_path, seeds_build):
    out = tmp_path / "out"
    out.mkdir()
    old = seeds_build.files["graph"].read_bytes()
    (out / "graph.json").write_bytes(old)
    proc = subprocess.Popen([sys.executable, "-c", _BIG_WRITE, str(out)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline() == "writing\n"
    deadline = time.monotonic() + 60
    caught = None
    while time.monotonic() < deadline and caught is None:
        caught = next((p for p in out.glob(".graph.json.*.tmp") if p.stat().st_size > 0), None)
    assert caught is not None, "the writer never wrote a temporary file"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert (out / "graph.json").read_bytes() == old  # untouched, and it still parses
    assert read_json(out / "graph.json").number_of_nodes() == seeds_build.graph.number_of_nodes()


def test_a_full_disk_is_one_clear_error_and_keeps_the_previous_outputs(tmp_path, seeds_dir):
    if os.geteuid() != 0:
        pytest.skip("a tmpfs to fill needs root; CI runs as root")
    with small_disk(tmp_path / "disk", kib=256) as disk:
        (disk / "graph.json").write_text('{"directed": true, "multigraph": true, "graph": {}, '
                                         '"nodes": [], "edges": []}')
        (disk / "report.json").write_text('{"previous": true}')
        result = CliRunner().invoke(cli, ["build", str(seeds_dir), "-o", str(disk), "--no-cache"])
        assert result.exit_code == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("Error: cannot write ") and "No space left on device" in lines[0]
        assert "-o" in lines[0] and "Traceback" not in result.output
        # graph.json and the view did not fit together: nothing was replaced.
        assert json.loads((disk / "report.json").read_text()) == {"previous": True}
        assert read_json(disk / "graph.json").number_of_nodes() == 0
        assert not (disk / "graph.html").exists()
        assert sorted(p.name for p in disk.iterdir()) == ["graph.json", "report.json"]


def test_a_file_size_limit_is_one_clear_error(tmp_path, seeds_dir):
    # Where a tmpfs cannot be mounted: a process whose files may not grow past 64 KiB.
    out = tmp_path / "out"
    script = ("import resource, sys\n"
              "resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))\n"
              "from storygraph.cli import main\n"
              "sys.argv = ['storygraph', 'build', sys.argv[1], '-o', sys.argv[2], '--no-cache']\n"
              "main()\n")
    run = subprocess.run([sys.executable, "-c", script, str(seeds_dir), str(out)], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1
    assert run.stderr.startswith("Error: cannot write ") and run.stderr.count("\n") == 1
    assert "File too large" in run.stderr
    assert [p.name for p in out.iterdir()] == []


def test_output_set_puts_all_files_in_place_or_none(tmp_path):
    (tmp_path / "a.txt").write_text("old a")
    with pytest.raises(RuntimeError), OutputSet() as outputs:
        with atomic_write(tmp_path / "a.txt", outputs=outputs) as fh:
            fh.write("new a")
        raise RuntimeError("the second file failed")
    assert (tmp_path / "a.txt").read_text() == "old a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    with OutputSet() as outputs:
        for name in ("a.txt", "b.txt"):
            with atomic_write(tmp_path / name, outputs=outputs) as fh:
                fh.write(f"new {name}")
        assert (tmp_path / "a.txt").read_text() == "old a"  # not before the commit
    assert (tmp_path / "a.txt").read_text() == "new a.txt"
    assert oct((tmp_path / "b.txt").stat().st_mode & 0o777) != oct(0o600)


def test_an_unwritable_output_folder_is_an_output_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(OutputError, match=r"cannot write .*file/x\.json"), \
            atomic_write(blocker / "x.json") as fh:
        fh.write("{}")


def test_tables_that_do_not_fit_are_one_clear_error_and_keep_the_previous_ones(tmp_path,
                                                                               seeds_dir):
    if os.geteuid() != 0:
        pytest.skip("a tmpfs to fill needs root; CI runs as root")
    with small_disk(tmp_path / "disk", kib=32) as disk:
        (disk / "tables" / "articles").mkdir(parents=True)
        (disk / "tables" / "articles" / "part.0.parquet").write_bytes(b"previous")
        result = CliRunner().invoke(cli, ["build", str(seeds_dir), "-o", str(disk),
                                          "--graph-limit", "50", "--no-cache"])
        assert result.exit_code == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith(f"Error: cannot write {disk / 'tables'}")
        assert "No space left on device" in lines[0] and "Traceback" not in result.output
        assert (disk / "tables" / "articles" / "part.0.parquet").read_bytes() == b"previous"
        assert sorted(p.name for p in disk.iterdir()) == ["tables"]
