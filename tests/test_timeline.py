"""Timelines: counts per period (UTC), comparisons, windows, stories, co-mentions, bursts."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from graph import timeline as tl
from graph.entities import UnknownEntityError
from storygraph.cli import cli


@pytest.fixture(scope="module")
def tgraph(data_dir):
    from graph.build import build

    return build([data_dir / "timeline"], out_dir=None).graph


def test_time_zone_edge_lands_in_the_utc_period(tgraph):
    daily = tl.mentions(tgraph, "Amazon", freq="D", since="2020-06-14", until="2020-06-16")
    assert daily.to_dict() == {pd.Timestamp("2020-06-14"): 0, pd.Timestamp("2020-06-15"): 1,
                               pd.Timestamp("2020-06-16"): 0}
    weekly = tl.mentions(tgraph, "Amazon", freq="W", since="2020-06-08", until="2020-06-30")
    # 2020-06-15 04:30 UTC is a Monday: the week of 15-21 June, not the one before
    assert weekly[pd.Timestamp("2020-06-15")] == 1 and weekly[pd.Timestamp("2020-06-08")] == 0


def test_monthly_counts_zero_filled_and_undated_counted(tgraph):
    s = tl.mentions(tgraph, "microsoft", freq="M")
    assert s.name == "Microsoft"
    assert s[pd.Timestamp("2020-06-01")] == 3 and s[pd.Timestamp("2021-01-01")] == 1
    assert s[pd.Timestamp("2020-09-01")] == 0 and len(s) == 8  # June 2020 .. January 2021
    assert s.attrs["undated"] == 1
    assert tl.mentions(tgraph, "Cloud", freq="Y").to_dict() == {pd.Timestamp("2020-01-01"): 3}


def test_compare_aligns_columns(tgraph):
    frame = tl.compare(tgraph, ["Microsoft", "Amazon"], freq="M", since="2020-06", until="2020-08")
    assert list(frame.columns) == ["Microsoft", "Amazon"]
    assert frame.loc[pd.Timestamp("2020-06-01")].tolist() == [3, 1]
    assert frame.loc[pd.Timestamp("2020-08-01")].tolist() == [0, 1]
    assert frame.attrs["undated"] == {"Microsoft": 1, "Amazon": 1}


def test_top_entities_in_a_window(tgraph):
    top = tl.top_entities(tgraph, kind="organization", since="2020-06", until="2020-06")
    assert top.iloc[0].tolist()[:3] == ["Microsoft", "organization", 3]
    everything = tl.top_entities(tgraph, kind="organization")
    assert everything.set_index("name").loc["Microsoft", "articles"] == 5  # undated counts


def test_stories_and_co_mentions(tgraph):
    rows = tl.stories(tgraph, "Amazon", since="2020-06", until="2020-06")
    assert rows["title"].tolist() == ["Microsoft and Amazon sign a cloud deal"]
    assert rows["published"].iloc[0] == pd.Timestamp("2020-06-15T04:30:00Z")
    assert rows["publisher"].iloc[0] == "Example"
    co = tl.co_mentions(tgraph, "Microsoft", since="2020-06", until="2020-06")
    assert set(co["partner"]) >= {"Amazon", "IBM"}
    assert co.set_index("partner").loc["Amazon", "articles"] == 1


def test_bursts_flag_periods_above_baseline(tgraph):
    b = tl.bursts(tgraph, "Microsoft", freq="M")
    assert b["period"].tolist() == [pd.Timestamp("2020-06-01")]
    assert b["z"].iloc[0] >= 2
    assert tl.bursts(tgraph, "IBM", freq="M").empty  # one period only: no baseline


def test_unknown_name_suggests_close_matches(tgraph):
    with pytest.raises(UnknownEntityError, match="did you mean 'Microsoft'"):
        tl.mentions(tgraph, "Microsfot")


def test_timeline_command_prints_and_plots(tgraph, tmp_path):
    from graph.export.graphfiles import write_json

    write_json(tgraph, tmp_path / "g.json")
    plot = tmp_path / "cmp.png"
    result = CliRunner().invoke(cli, ["timeline", str(tmp_path / "g.json"), "Microsoft", "Amazon",
                                      "--freq", "M", "--plot", str(plot)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["period", "Microsoft", "Amazon"]
    assert "2020-06-01  3          1" in result.stdout
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and plot.stat().st_size > 10_000
    assert "undated stories left out" in result.stderr
    bad = CliRunner().invoke(cli, ["timeline", str(tmp_path / "g.json"), "Nope Corp"])
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: no node named")
