"""The HTML view in a real headless Chromium (Debian's), driven by Playwright."""

from __future__ import annotations

import shutil

import pytest

from graph import model as m
from graph.export.html import write_html

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def open_view(browser, tmp_path):
    """Open a view file; every request other than the file itself is recorded and blocked."""
    pages = []

    def _open(path, *, width=1280, height=800, **context_options):
        context = browser.new_context(viewport={"width": width, "height": height},
                                      **context_options)
        page = context.new_page()
        page.requests = []
        page.errors = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))

        def guard(route):
            if route.request.url != path.as_uri():
                page.requests.append(route.request.url)
                route.abort()
            else:
                route.continue_()

        page.route("**/*", guard)
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-stabilized=true]", timeout=60_000)
        pages.append(context)
        return page

    yield _open
    for context in pages:
        context.close()


def node_point(page, node_id):
    """Page coordinates of a node's centre."""
    box = page.locator("#network").bounding_box()
    pos = page.evaluate("""id => { const n = window.storygraphNetwork;
        return n.canvasToDOM(n.getPositions([id])[id]); }""", node_id)
    return box["x"] + pos["x"], box["y"] + pos["y"]


@pytest.fixture()
def seeds_view(seeds_graph, tmp_path):
    return write_html(seeds_graph, tmp_path / "seeds.html")


def test_canvas_draws_and_no_request_leaves(open_view, seeds_view):
    page = open_view(seeds_view)
    painted = page.evaluate("""() => { const c = document.querySelector('#network canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }""")
    assert painted > 5000
    png = page.screenshot()
    assert len(png) > 20_000
    assert page.requests == [] and page.errors == []
    assert "nodes" in page.text_content("#summary")


def test_search_focuses_microsoft(open_view, seeds_view):
    page = open_view(seeds_view)
    page.fill("#search", "microso")
    page.press("#search", "Enter")
    assert page.evaluate("window.storygraphSelected") == "organization:Microsoft"
    assert page.evaluate("window.storygraphNetwork.getSelectedNodes()") == ["organization:Microsoft"]
    assert page.locator("#panel h2").text_content() == "Microsoft"
    page.fill("#search", "zzzz-nothing")
    page.press("#search", "Enter")
    assert page.text_content("#search-status") == "no match"


def test_clicking_a_node_opens_its_panel(open_view, seeds_view):
    page = open_view(seeds_view)
    x, y = node_point(page, "organization:Amazon")
    page.mouse.click(x, y)
    assert page.locator("#panel").is_visible()
    assert page.locator("#panel h2").text_content() == "Amazon"
    links = page.locator("#panel a[href]")
    assert links.count() >= 3
    assert all(links.nth(i).get_attribute("href").startswith("https://") for i in range(links.count()))


def test_kind_filter_hides_nodes(open_view, seeds_view):
    page = open_view(seeds_view)
    page.uncheck("input[data-kind=article]")
    hidden = page.evaluate("""() => window.storygraphNetwork.body.data.nodes.get()
        .filter(n => n.hidden).map(n => n.kind)""")
    assert hidden and set(hidden) == {"article"}


def test_hostile_stories_run_no_script(open_view, data_dir, tmp_path):
    from graph.build import build

    G = build([data_dir / "hostile"], out_dir=None).graph
    G.add_node("person:<img src=x onerror=window.__pwned='node'>", kind=m.PERSON,
               name="<img src=x onerror=window.__pwned='node'>", articles=1,
               aliases=["</script><script>window.__pwned='alias'</script>"])
    path = write_html(G, tmp_path / "hostile.html", title="<script>window.__pwned='t'</script>")
    page = open_view(path)
    title = page.title()
    for node_id in page.evaluate("window.storygraphNetwork.body.data.nodes.getIds()"):
        x, y = node_point(page, node_id)
        page.mouse.move(x, y)
        # The tooltip of the node under the pointer opens and shows its name as text.
        expected = page.evaluate("""([x, y]) => { const n = window.storygraphNetwork;
            const box = document.querySelector('#network').getBoundingClientRect();
            const id = n.getNodeAt({x: x - box.left, y: y - box.top});
            return n.body.data.nodes.get(id).title.querySelector('strong').textContent; }""",
                                 [x, y])
        page.wait_for_function("""name => { const t = document.querySelector('.vis-tooltip');
            return t && t.style.visibility === 'visible'
                && t.querySelector('.sg-tip strong')?.textContent === name; }""",
                               arg=expected, timeout=5_000)
        page.mouse.click(x, y)
        page.evaluate("id => window.storygraphSelect(id)", node_id)
    assert page.evaluate("window.__pwned") is None
    assert page.title() == title and "PWNED" not in title
    assert page.locator("a[href^='javascript'], a[href^='data'], a[href^=' ']").count() == 0
    assert page.locator("#panel img, #panel script, #panel svg, .vis-tooltip img").count() == 0
    assert page.requests == [] and page.errors == []


def test_time_window_shows_only_its_stories_and_what_they_link_to(open_view, tmp_path,
                                                                   seeds_graph):
    path = write_html(seeds_graph, tmp_path / "view.html")
    page = open_view(path)
    assert page.errors == []
    everything = page.evaluate("window.storygraph.visibleNodeIds()")
    assert len(everything) == seeds_graph.number_of_nodes()
    assert "undated" in page.inner_text("#window-label")  # the seeds have undated stories
    page.evaluate("window.storygraph.setTimeWindow('2020-06-01', '2020-06-30')")
    shown = set(page.evaluate("window.storygraph.visibleNodeIds()"))
    june = {n for n, a in seeds_graph.nodes(data=True)
            if a["kind"] == m.ARTICLE and (a.get("published") or "").startswith("2020-06")}
    june |= {n for n, a in seeds_graph.nodes(data=True)
             if a["kind"] == m.EVENT and (a.get("first_published") or "").startswith("2020-06")}
    linked = {v for n in june for _, v in seeds_graph.out_edges(n)
              if seeds_graph.nodes[v]["kind"] != m.ARTICLE}
    assert june and shown == june | linked
    assert not any(seeds_graph.nodes[n]["kind"] == m.ARTICLE
                   and not seeds_graph.nodes[n].get("published") for n in shown)
    assert "undated hidden" in page.inner_text("#window-label")
    # Co-mention weights are counted inside the window.
    widths = page.evaluate("""() => {
        const net = window.storygraphNetwork.body.data.edges;
        return net.get().filter(e => !e.hidden).map(e => e.width); }""")
    assert widths
    # Clearing the window shows everything again; the play button steps month by month.
    page.click("#window-clear")
    assert len(page.evaluate("window.storygraph.visibleNodeIds()")) == len(everything)
    page.evaluate("window.storygraph.step()")
    first = page.inner_text("#window-label")
    page.evaluate("window.storygraph.step()")
    assert page.inner_text("#window-label") != first
    assert page.errors == []


def test_events_collapse_their_articles_on_request(open_view, tmp_path, seeds_graph):
    from graph.export.html import ViewOptions, view_data

    collapsed = view_data(seeds_graph, ViewOptions(collapse_events=True))
    kinds = [n["kind"] for n in collapsed["nodes"]]
    reported = {u for u, _, k in seeds_graph.edges(keys=True) if k == m.REPORTS}
    assert kinds.count(m.ARTICLE) == sum(1 for _, k in seeds_graph.nodes(data="kind")
                                         if k == m.ARTICLE) - len(reported)
    assert any("drawn as the events" in note for note in collapsed["summary"]["notes"])
    path = write_html(seeds_graph, tmp_path / "collapsed.html", collapse_events=True)
    page = open_view(path)
    page.evaluate("window.storygraph.setTimeWindow('2020-06', '2020-06')")
    shown = page.evaluate("window.storygraph.visibleNodeIds()")
    assert any(n.startswith("event:") for n in shown) and page.errors == []


def test_relations_are_labelled_filtered_and_show_their_evidence(open_view, relations_build,
                                                                  tmp_path):
    G = relations_build.graph
    page = open_view(write_html(G, tmp_path / "relations.html"))
    assert page.errors == [] and page.requests == []
    want = sorted(f"{G.nodes[a]['name']} {k} {G.nodes[b]['name']}"
                  for a, b, k in G.edges(keys=True) if k in m.RELATION_KINDS)
    assert page.evaluate("window.storygraph.visibleRelations()") == want
    # drawn labelled, with an arrow (but for the undirected PARTNERS_WITH)
    drawn = page.evaluate("""() => window.storygraphNetwork.body.data.edges.get()
        .filter(e => e.label).map(e => [e.label, !!e.arrows])""")
    assert ["acquires", True] in drawn and ["partners with", False] in drawn
    # the filter of their own
    page.uncheck("input[data-relation=ACQUIRES]")
    left = page.evaluate("window.storygraph.visibleRelations()")
    assert left and not any(" ACQUIRES " in r for r in left)
    assert page.evaluate("window.storygraph.setRelationTypes(['LEADS'])") == [
        r for r in want if " LEADS " in r]
    assert page.is_checked("input[data-relation=LEADS]")
    assert not page.is_checked("input[data-relation=FINES]")
    page.evaluate("window.storygraph.setRelationTypes(null)")
    # a click on a relation opens its panel with the sentences that state it
    index = page.evaluate("""() => window.storygraphNetwork.body.data.edges.get()
        .find(e => e.label === 'acquires' && e.title.textContent.startsWith('Pfizer')).id""")
    ends = page.evaluate("i => { const e = window.storygraphNetwork.body.data.edges.get(i);"
                         " return [e.from, e.to]; }", index)
    (x1, y1), (x2, y2) = (node_point(page, n) for n in ends)
    page.mouse.click((x1 + x2) / 2, (y1 + y2) / 2)
    if page.evaluate("window.storygraphSelected") != f"edge:{index}":  # another edge on top
        page.evaluate("i => window.storygraph.showRelation(i)", index)
    assert page.locator("#panel .kind").text_content() == "relation · ACQUIRES"
    assert page.locator("#panel h2").text_content() == "Pfizer acquires Seagen"
    quotes = page.locator("#panel ul.evidence q").all_text_contents()
    edge = G.edges["organization:Pfizer", "organization:Seagen", "ACQUIRES"]
    assert quotes == [e["text"] for e in edge["evidence"]]
    assert page.locator("#panel ul.evidence a[href^='https://']").count() == len(quotes)
    # the entity panel lists its relations
    page.evaluate("id => window.storygraphSelect(id)", "organization:Pfizer")
    items = page.locator("#panel li").all_text_contents()
    assert any(t.startswith("acquires Seagen") for t in items)
    assert any(t.startswith("led by Albert Bourla") for t in items)


#: Each given node's label as vis-network draws it now: its size on screen (the font
#: size times the view's scale, capped as vis caps it), whether vis draws it at that
#: size (not below the node's draw threshold) and whether the node is inside the canvas.
LABELS_JS = """ids => { const net = window.storygraphNetwork, scale = net.getScale();
    const box = document.querySelector('#network').getBoundingClientRect();
    return ids.map(id => {
        const lm = net.body.nodes[id].labelModule, opts = lm.elementOptions.scaling.label;
        const px = Math.min(lm.fontOptions.size * scale, opts.maxVisible);
        const at = net.canvasToDOM(net.getPositions([id])[id]);
        return {id: id, px: px, drawn: lm.fontOptions.size * scale >= opts.drawThreshold - 1,
                inside: at.x >= 0 && at.y >= 0 && at.x <= box.width && at.y <= box.height};
    }); }"""


def top_entities(G, count=20):
    ranked = sorted((n for n, k in G.nodes(data="kind") if k in m.ENTITY_KINDS),
                    key=lambda n: (-G.nodes[n]["articles"], G.nodes[n]["name"], n))
    return ranked[:count]


@pytest.mark.parametrize("size", [300, 3000])
def test_the_most_connected_names_are_readable_at_first_sight(open_view, tmp_path, view_graph,
                                                              size):
    G = view_graph(size)
    assert G.number_of_nodes() == size
    page = open_view(write_html(G, tmp_path / "view.html"), width=1400, height=900)
    assert page.errors == []
    top = top_entities(G)
    labels = page.evaluate(LABELS_JS, top)
    assert all(label["drawn"] and label["inside"] for label in labels), labels
    assert min(label["px"] for label in labels) >= 12, labels
    # the size follows importance: the first name is drawn bigger than the twentieth
    assert labels[0]["px"] > labels[-1]["px"]
    # articles stay unlabelled at first sight
    shown = page.evaluate("() => window.storygraphNetwork.body.data.nodes.getIds()")
    articles = [n for n in shown if n.startswith("article:")]
    assert all(not label["drawn"] for label in page.evaluate(LABELS_JS, articles))
    # zoomed out or in, the names that matter stay readable
    for factor in (0.3, 3.0):
        page.evaluate("f => { const n = window.storygraphNetwork;"
                      " n.moveTo({scale: n.getScale() * f}); n.redraw(); }", factor)
        page.wait_for_timeout(100)
        assert min(x["px"] for x in page.evaluate(LABELS_JS, top)) >= 12


def test_articles_show_their_label_when_zoomed_in_or_hovered(open_view, tmp_path, view_graph):
    G = view_graph(300)
    page = open_view(write_html(G, tmp_path / "view.html"), width=1400, height=900)
    article = "article:https://news.example/0"
    assert not page.evaluate(LABELS_JS, [article])[0]["drawn"]
    page.mouse.move(*node_point(page, article))
    page.wait_for_function("""id => { const n = window.storygraphNetwork;
        return n.body.nodes[id].labelModule.fontOptions.size * n.getScale() >= 12; }""",
                           arg=article, timeout=5_000)
    assert page.evaluate(LABELS_JS, [article])[0]["drawn"]
    page.mouse.move(1, 1)
    page.evaluate("id => window.storygraphNetwork.focus(id, {scale: 2.5})", article)
    page.wait_for_timeout(100)
    assert page.evaluate(LABELS_JS, [article])[0]["drawn"]


def test_a_big_view_draws_the_entity_frame(view_graph):
    from graph.export.html import ViewOptions, view_data

    G = view_graph(3000)
    framed = view_data(G, ViewOptions())
    kinds = {n["kind"] for n in framed["nodes"]}
    assert m.ARTICLE not in kinds and m.EVENT in kinds and m.ORGANIZATION in kinds
    assert any("single articles" in note for note in framed["summary"]["notes"])
    assert {e["kind"] for e in framed["edges"]} >= {m.CO_MENTIONED, m.HAS_TOPIC}
    # stories hang close to the entities; entities keep room between them
    length = {e["kind"]: e["length"] for e in framed["edges"]}
    assert length[m.CO_MENTIONED] > length[m.HAS_TOPIC]
    assert framed["summary"]["first"] == "2024-01-01"  # the events' dates
    drawn = view_data(G, ViewOptions(frame=False, max_nodes=5000))
    assert m.ARTICLE in {n["kind"] for n in drawn["nodes"]}
    small = view_data(view_graph(300), ViewOptions())  # 150 articles: every one drawn
    assert m.ARTICLE in {n["kind"] for n in small["nodes"]}
    # the same graph gives the same view (a seeded layout starts from it)
    assert view_data(G, ViewOptions()) == framed


def test_the_png_button_saves_the_view(open_view, seeds_view):
    from PIL import Image

    page = open_view(seeds_view, width=1000, height=700, accept_downloads=True)
    with page.expect_download() as download:
        page.click("#png")
    assert download.value.suggested_filename == "storygraph.png"
    picture = Image.open(download.value.path())
    canvas = page.evaluate("() => { const c = document.querySelector('#network canvas');"
                           " return [c.width, c.height]; }")
    assert picture.format == "PNG" and list(picture.size) == canvas
    colours = picture.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours and len(colours) > 50  # drawn, not blank
    assert page.requests == [] and page.errors == []


def test_the_notebook_view_draws_inline_in_a_sandbox(browser, seeds_graph):
    from graph.export.html import show

    G = seeds_graph.copy()
    G.add_node("person:evil", kind=m.PERSON, name='"></iframe><script>window.__pwned=1</script>',
               articles=1)
    view = show(G, title='"><script>window.__pwned=2</script>', height=500)
    markup = view._repr_html_()
    assert markup.startswith("<iframe srcdoc=") and markup.count("<iframe") == 1
    assert 'sandbox="allow-scripts allow-downloads"' in markup
    context = browser.new_context(viewport={"width": 1200, "height": 700})
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(
        ("about:", "data:")) else None)
    page.set_content(f"<!DOCTYPE html><html><body><h1>notebook</h1>{markup}</body></html>")
    frame = page.frames[1]
    frame.wait_for_selector("body[data-stabilized=true]", timeout=60_000)
    assert frame.evaluate("window.storygraphNetwork.body.data.nodes.length") > 50
    labels = frame.evaluate(LABELS_JS, top_entities(G))
    assert min(x["px"] for x in labels) >= 12
    assert page.evaluate("window.__pwned") is None and frame.evaluate("window.__pwned") is None
    # the frame's scripts cannot reach the notebook page
    assert frame.evaluate("() => { try { return !!window.parent.document.body; }"
                          " catch (e) { return false; } }") is False
    assert requests == []
    context.close()
