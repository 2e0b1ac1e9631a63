"""The storygraph command as a user runs it: exit codes, output, help."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from storygraph.cli import cli
from tests.conftest import ROOT


@pytest.fixture()
def runner():
    return CliRunner()


def test_cookbook_queries_are_listed_and_unknown_ones_refused():
    runner = CliRunner()
    listed = runner.invoke(cli, ["neo4j", "query", "--cookbook", "list"])
    assert listed.exit_code == 0 and "top_organizations" in listed.stdout.split()
    unknown = runner.invoke(cli, ["neo4j", "query", "--cookbook", "nope"])
    assert unknown.exit_code == 1 and "no cookbook query 'nope'" in unknown.stderr
    both = runner.invoke(cli, ["neo4j", "query", "RETURN 1", "--cookbook", "top_organizations"])
    assert both.exit_code == 2 and "one of them" in both.output


def test_build_mixed_folder_exits_0_and_lists_bad_files(runner, data_dir, tmp_path):
    result = runner.invoke(cli, ["build", str(data_dir / "mixed"), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "skipped" in result.stderr and "empty.md: file is empty" in result.stderr
    # 3 good files hold 5 stories: related stories count too.
    assert result.stdout.startswith("5 stories, ") and ", 9 issues, " in result.stdout
    report = json.loads((tmp_path / "report.json").read_text())
    assert len(report["load_issues"]) == 9
    assert (report["files"], report["stories"]) == (12, 5)
    assert (tmp_path / "graph.json").exists() and (tmp_path / "graph.html").exists()


def test_build_strict_exits_1_after_writing(runner, data_dir, tmp_path):
    result = runner.invoke(cli, ["build", str(data_dir / "mixed"), "-o", str(tmp_path), "--strict"])
    assert result.exit_code == 1
    assert "Error: 9 file(s) could not be loaded" in result.stderr
    assert (tmp_path / "graph.json").exists()


def test_build_missing_path_is_an_error_without_traceback(runner, tmp_path):
    result = runner.invoke(cli, ["build", str(tmp_path / "nope"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.output


def test_build_unknown_model_says_how_to_fix(runner, data_dir, tmp_path):
    result = runner.invoke(cli, ["build", str(data_dir / "mixed" / "good_seed.txt"),
                                 "-o", str(tmp_path), "--model", "no_such_model_xyz"])
    assert result.exit_code == 1
    assert "pip install" in result.stderr


def test_entities_table(runner, seeds_build):
    result = runner.invoke(cli, ["entities", str(seeds_build.files["graph"]),
                                 "--kind", "organization", "--top", "5"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["name", "kind", "articles", "mentions", "first_seen", "last_seen"]
    assert len(lines) == 2 + 5
    assert lines[2].startswith("Microsoft")


def test_entities_on_missing_graph(runner, tmp_path):
    result = runner.invoke(cli, ["entities", str(tmp_path / "graph.json")])
    assert result.exit_code == 1
    assert "run 'storygraph build' first" in result.stderr


def test_export_graphml(runner, seeds_build, tmp_path):
    target = tmp_path / "g.graphml"
    result = runner.invoke(cli, ["export", str(seeds_build.files["graph"]), "--format",
                                 "graphml", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text().startswith("<?xml")


def test_every_command_has_help_with_an_example(runner):
    import click

    def walk(group, prefix):
        for name, command in group.commands.items():
            yield [*prefix, name], command
            if isinstance(command, click.Group):
                yield from walk(command, [*prefix, name])

    seen = []
    for path, command in walk(cli, []):
        result = runner.invoke(cli, [*path, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output, f"{' '.join(path)} --help has no example"
        assert command.help
        seen.append(" ".join(path))
    assert {"build", "events", "entities", "html", "timeline", "export", "eval",
            "neo4j push", "neo4j query"} <= set(seen)
    readme = (ROOT / "README.md").read_text()
    for name in seen:  # every command is documented
        assert f"storygraph {name}" in readme, f"README does not show 'storygraph {name}'"


def test_console_script_runs():
    result = subprocess.run([sys.executable, "-m", "storygraph", "--help"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "build" in result.stdout
