"""Pictures of the HTML view: the page drawn by a headless Chromium, saved as PNG.

For slides and reports, without a browser window: the view of :mod:`graph.export.html`
is opened in Chromium through Playwright, laid out as in a browser, and its canvas is
saved (on white, with the title and the legend) by the page's own ``png()``, the one its
PNG button uses.

Chromium is found in this order: the ``chromium`` argument, the ``STORYGRAPH_CHROMIUM``
environment variable, a system Chromium or Chrome on the ``PATH``, then the Chromium of
Playwright (``python -m playwright install chromium``).
"""

from __future__ import annotations

import base64
import os
import queue
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import networkx as nx

from extract.errors import StorygraphError
from graph.export.graphfiles import read_json
from graph.export.html import generate_html
from graph.files import OutputSet, atomic_write

#: System browsers tried on the PATH, in this order.
SYSTEM_CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: Flags for a headless browser in a container or on a server; the page needs no network.
CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync")
#: How long the layout may take before the picture is given up.
SETTLE_TIMEOUT_S = 120
INSTALL_HINT = ("install one: 'python -m playwright install chromium', or your system's "
                "chromium package, or set STORYGRAPH_CHROMIUM to a Chromium or Chrome binary")


class PictureError(StorygraphError):
    """The picture could not be rendered (no Playwright, no Chromium, a page error)."""


def find_chromium(chromium: str | os.PathLike[str] | None = None) -> str | None:
    """The Chromium to launch, or None for Playwright's own (see the module's order)."""
    given = chromium or os.environ.get("STORYGRAPH_CHROMIUM")
    if given:
        path = shutil.which(os.fspath(given)) or os.fspath(given)
        if not Path(path).is_file():
            raise PictureError(f"no Chromium at {os.fspath(given)!r}; {INSTALL_HINT}")
        return path
    for name in SYSTEM_CHROMIUMS:
        found = shutil.which(name)
        if found:
            return found
    return None


def render_png(page_html: str | Callable[[], str], *, width: int = 1600, height: int = 1000,
               scale: float = 1.0, chromium: str | os.PathLike[str] | None = None) -> bytes:
    """A PNG of an HTML view page (the text of :func:`graph.export.html.generate_html`):
    the graph laid out in a ``width`` × ``height`` window, with the title and the legend
    drawn in its corner; ``scale`` is the device pixel ratio (2 gives a sharper picture
    of twice the pixels each way).

    ``page_html`` may be a function that makes the page: it runs while Chromium starts
    (which takes about a second), in the calling thread.
    """
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise PictureError("a PNG needs Playwright: pip install 'storygraph[png]', then "
                           + INSTALL_HINT) from exc
    executable = find_chromium(chromium)
    pages: queue.Queue[str | None] = queue.Queue()

    def draw() -> bytes:
        # Playwright's sync API belongs to the thread that starts it: all of it is here.
        try:
            with sync_playwright() as p:
                try:
                    browser = p.chromium.launch(executable_path=executable,
                                                args=list(CHROMIUM_ARGS))
                except PlaywrightError as exc:
                    where = executable or "Playwright's Chromium"
                    raise PictureError(f"could not start Chromium ({where}): "
                                       f"{_first_line(exc)}; {INSTALL_HINT}") from exc
                try:
                    page = pages.get()
                    if page is None:  # the caller failed to make the page
                        return b""
                    with tempfile.TemporaryDirectory(prefix="storygraph-png-") as tmp:
                        page_path = Path(tmp) / "view.html"
                        page_path.write_text(page, encoding="utf-8")
                        return _draw(browser, page_path, width, height, scale)
                finally:
                    browser.close()
        except PlaywrightError as exc:
            raise PictureError(f"Chromium could not draw the view: {_first_line(exc)}") from exc

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="storygraph-png") as pool:
        drawn = pool.submit(draw)
        try:
            pages.put(page_html() if callable(page_html) else page_html)
        except BaseException:
            pages.put(None)
            raise
        return drawn.result()


def _draw(browser: Any, page_path: Path, width: int, height: int, scale: float) -> bytes:
    context = browser.new_context(viewport={"width": width, "height": height},
                                  device_scale_factor=scale)
    page = context.new_page()
    # The page drawn for a picture: the graph fills the window, without the page's header.
    page.add_init_script("window.storygraphPicture = true;")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # The page is self-contained: whatever else it would load is refused.
    target = page_path.as_uri()
    page.route("**/*", lambda route: route.continue_() if route.request.url == target
               else route.abort())
    page.goto(target)
    page.wait_for_selector("body[data-stabilized=true]", state="attached",
                           timeout=SETTLE_TIMEOUT_S * 1000)
    if errors:
        raise PictureError(f"the view failed in Chromium: {errors[0]}")
    url = page.evaluate("window.storygraph.png()")
    context.close()
    return base64.b64decode(url.split(",", 1)[1])


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def write_png(G: nx.MultiDiGraph | str | os.PathLike[str], path: str | os.PathLike[str], *,
              width: int = 1600, height: int = 1000, scale: float = 1.0,
              chromium: str | os.PathLike[str] | None = None,
              outputs: OutputSet | None = None, **view: Any) -> Path:
    """Write a PNG picture of the view of ``G`` (atomically). ``G`` is a graph, or the
    path of a ``graph.json``, then read while Chromium starts. ``view`` takes the options
    of :func:`graph.export.html.write_html` (``focus``, ``kinds``, ``since``,
    ``max_nodes``, ``title``, ``frame``…); the others are those of :func:`render_png`.

    Example::

        write_png("out/graph.json", "slide.png", width=1920, height=1080, focus="Microsoft")
    """
    def page() -> str:
        graph = G if isinstance(G, nx.MultiDiGraph) else read_json(G)
        return generate_html(graph, **view)

    data = render_png(page, width=width, height=height, scale=scale, chromium=chromium)
    target = Path(path)
    with atomic_write(target, "wb", outputs=outputs) as fh:
        fh.write(data)
    return target
