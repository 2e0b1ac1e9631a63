"""Pictures of the view: `storygraph html --png`, drawn by a real headless Chromium."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from PIL import Image

from graph.export.picture import PictureError, render_png, write_png
from storygraph.cli import cli

pytestmark = pytest.mark.browser


def colours(path) -> int:
    found = Image.open(path).convert("RGB").getcolors(maxcolors=1 << 20)
    return len(found or ())


def test_html_png_draws_the_view_without_a_window(seeds_build, tmp_path):
    out = tmp_path / "slide.png"
    result = CliRunner().invoke(cli, ["html", str(seeds_build.files["graph"]), "--png",
                                      str(out), "--png-size", "900x600",
                                      "--title", "Seeds & co"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"png: {out}"  # the HTML only with -o
    picture = Image.open(out)
    assert picture.format == "PNG" and picture.size == (900, 600)
    assert colours(out) > 50  # nodes, edges, labels, the legend: not a blank page
    # with -o, the page too
    page = tmp_path / "view.html"
    result = CliRunner().invoke(cli, ["html", str(seeds_build.files["graph"]), "--png",
                                      str(out), "-o", str(page)])
    assert result.exit_code == 0 and page.exists() and "html: " in result.output


def test_a_sharper_picture_and_a_graph_read_from_its_file(seeds_build, tmp_path):
    out = write_png(seeds_build.files["graph"], tmp_path / "x2.png", width=500, height=400,
                    scale=2, focus="Microsoft")
    assert Image.open(out).size == (1000, 800)


def test_bad_size_and_missing_chromium_are_clear_errors(seeds_build, tmp_path, monkeypatch):
    graph = str(seeds_build.files["graph"])
    result = CliRunner().invoke(cli, ["html", graph, "--png", str(tmp_path / "a.png"),
                                      "--png-size", "big"])
    assert result.exit_code == 2 and "WxH" in result.output
    result = CliRunner().invoke(cli, ["html", graph, "--png", str(tmp_path / "b.png"),
                                      "--chromium", str(tmp_path / "no-such-browser")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: no Chromium at")
    assert "playwright install chromium" in result.output
    # No Chromium on the PATH and none installed for Playwright: the message says how to
    # get one, and no file is left behind.
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("STORYGRAPH_CHROMIUM", raising=False)
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "no-browsers"))
    with pytest.raises(PictureError, match="could not start Chromium .*playwright install"):
        write_png(graph, tmp_path / "c.png")
    assert not list(tmp_path.glob("*.png"))


def test_the_environment_names_the_chromium(seeds_build, tmp_path, monkeypatch):
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on the PATH: the variable decides
    monkeypatch.setenv("STORYGRAPH_CHROMIUM", chromium)
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "no-browsers"))
    from graph.export.html import generate_html

    data = render_png(generate_html(seeds_build.graph), width=400, height=300)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")


def test_a_failing_page_maker_stops_the_browser(tmp_path):
    def broken() -> str:
        raise ValueError("no page")

    with pytest.raises(ValueError, match="no page"):
        render_png(broken)


def test_the_same_graph_gives_the_same_picture(seeds_build):
    from graph.export.html import generate_html

    page = generate_html(seeds_build.graph)
    first = render_png(page, width=600, height=450)
    assert render_png(page, width=600, height=450) == first  # a seeded layout
