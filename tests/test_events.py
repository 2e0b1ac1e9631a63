"""Events: the same news across outlets clustered into one Event node, and its uses."""

from __future__ import annotations

import random
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import events as ev
from graph import model as m
from graph import timeline as tl
from graph.build import build
from graph.evaluate import evaluate, read_event_gold, score_events
from storygraph.cli import cli
from tests.conftest import ROOT

STORIES = {
    # One deal, three outlets, paraphrased.
    "a1.md": ("Zorvex to acquire Quillon for $43 billion",
              "Zorvex Corp. agreed to buy biotech Quillon Therapeutics for $43 billion in cash.",
              "2023-03-13T08:00:00Z", "https://one.example/a1"),
    "a2.md": ("Zorvex buys Quillon in $43 billion deal",
              "Drugmaker Zorvex said it will acquire Quillon for $43 billion, its biggest deal.",
              "2023-03-13T12:00:00Z", "https://two.example/a2"),
    "a3.md": ("Zorvex agrees $43bn takeover of Quillon",
              "Zorvex has agreed to acquire cancer drug developer Quillon for $43 billion.",
              "2023-03-14T09:00:00Z", "https://three.example/a3"),
    # Same companies, other news, months later: not the same event.
    "b1.md": ("Zorvex completes Quillon acquisition after regulators approve",
              "Zorvex closed its purchase of Quillon after antitrust regulators approved it.",
              "2023-12-14T09:00:00Z", "https://one.example/b1"),
    # Same topic, different news.
    "c1.md": ("Hembrook fined over data breach",
              "Regulators fined Hembrook after a breach exposed customer records.",
              "2023-03-13T10:00:00Z", "https://two.example/c1"),
    # An undated reprint of the deal: joins on a close text match.
    "d1.md": ("Zorvex to acquire Quillon for $43 billion",
              "Zorvex Corp. agreed to buy biotech Quillon Therapeutics for $43 billion in cash.",
              None, "https://four.example/d1"),
}


def write(folder: Path, names=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names or STORIES:
        title, excerpt, published, url = STORIES[name]
        date = f"publishedDateTime: {published}\n" if published else ""
        (folder / name).write_text(f'---\ntitle: "{title}"\nexcerpt: "{excerpt}"\n{date}'
                                   f'webUrl: "{url}"\nprovider:\n  name: {url.split("/")[2]}\n'
                                   f'---\n', encoding="utf-8")
    return folder


def event_of(G, url: str) -> str | None:
    art = m.node_id(m.ARTICLE, url)
    return next((v for _, v, k in G.out_edges(art, keys=True) if k == m.REPORTS), None)


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    return build([write(tmp_path_factory.mktemp("ev") / "c")], out_dir=None, html=False).graph


def test_one_story_from_several_outlets_is_one_event(graph):
    deal = {event_of(graph, STORIES[n][3]) for n in ("a1.md", "a2.md", "a3.md", "d1.md")}
    assert len(deal) == 1 and None not in deal
    event = graph.nodes[deal.pop()]
    assert event["kind"] == "event" and event["articles"] == 4 and event["publishers"] == 4
    assert event["first_published"] == "2023-03-13T08:00:00Z"
    assert event["last_published"] == "2023-03-14T09:00:00Z"
    assert event["name"] == "Zorvex to acquire Quillon for $43 billion"  # the first report


def test_other_news_about_the_same_names_or_topic_is_not_the_same_event(graph):
    deal = event_of(graph, STORIES["a1.md"][3])
    assert event_of(graph, STORIES["b1.md"][3]) != deal  # months later
    assert event_of(graph, STORIES["c1.md"][3]) is None  # a story no one else tells


def test_events_do_not_depend_on_file_order(tmp_path, graph):
    names = list(STORIES)
    random.Random(3).shuffle(names)
    folder = tmp_path / "shuffled"
    for i, name in enumerate(names):  # other file names, so another reading order
        write(tmp_path / "tmp", [name])
        shutil.move(tmp_path / "tmp" / name, write(folder, []) / f"{i:02d}_{name}")
    other = build([folder], out_dir=None, html=False).graph
    ours = {n: a for n, a in graph.nodes(data=True) if a["kind"] == "event"}
    theirs = {n: a for n, a in other.nodes(data=True) if a["kind"] == "event"}
    assert ours == theirs


def test_undated_stories_need_a_closer_match():
    scorer = ev.Scorer({"acquir": 2, "quillon": 2, "zorvex": 2}, 10)
    shared = (("acquir", 1), ("quillon", 2), ("zorvex", 2))
    # A pair whose score lies between the two bars: more and more words of its own.
    for extra in range(1, 60):
        b_terms = (*shared, *((f"word{i}", 1) for i in range(extra)))
        a, b = (ev.Features("article:a", None, shared, frozenset()),
                ev.Features(f"article:b{extra}", 19000, b_terms, frozenset()))
        if ev.THRESHOLD <= scorer.score(a, b) < ev.UNDATED_THRESHOLD:
            break
    else:
        pytest.fail("no pair between the bars")
    assert (scorer.decide(a, b) or ("",))[0] != "same"  # undated: the stricter bar
    dated = ev.Features("article:a", 19001, shared, frozenset())
    assert scorer.decide(dated, b)[0] == "same"
    far = ev.Features("article:a", 19000 + ev.WINDOW_DAYS + 1, shared, frozenset())
    assert scorer.decide(far, b) is None  # outside the window


def blocking_keys(f, df, undated=frozenset()):
    """The keys an article posts: its names (ev.posted_names) under its time block and
    the next; an undated article posts them without time, and so does a dated article
    for the names some undated article posts."""
    names = ev.posted_names(f, df)
    if f.day is None:
        return [(name, "undated") for name in names]
    block = f.day // ev.WINDOW_DAYS
    keys = [(name, b) for name in names for b in (block, block + 1)]
    keys.extend((name, "undated") for name in names if name in undated)
    return keys


def all_at_once_pairs(items, df, undated=frozenset()):
    """The definition streamed_pairs must meet: every posting of the corpus grouped by
    key at once, and the pairs met under two different names."""
    by_key = {}
    for f in items:
        for key in blocking_keys(f, df, undated):
            by_key.setdefault(key, []).append((f.day, f.id))
    first, found = {}, set()
    for (name, _), members in by_key.items():
        for pair in ev.group_pairs(members):
            if first.setdefault(pair, name) != name:
                found.add(pair)
    return found


def test_pairs_streamed_block_by_block_are_the_pairs_of_all_postings():
    # Many look-alike articles over a few weeks, some undated, drawn from a vocabulary
    # small enough that names repeat across blocks and between dated and undated ones.
    rng = random.Random(7)
    words = [f"w{i}" for i in range(200)]
    items = []
    for i in range(600):
        terms = tuple(sorted((w, rng.randint(1, 2)) for w in rng.sample(words, 8)))
        day = None if rng.random() < 0.1 else 19000 + rng.randint(0, 40)
        entities = frozenset(rng.sample(["org:a", "org:b", "person:c", "org:d"], 1))
        items.append(ev.Features(f"article:{i:04d}", day, terms, entities))
    df = ev.document_frequencies(items)
    undated = ev.undated_names(items, df)
    assert undated  # the undated keys take part
    expected = all_at_once_pairs(items, df, undated)
    streamed = list(ev.streamed_pairs(items, df, undated))
    assert len(expected) > 500
    assert len(streamed) == len(set(streamed))  # each pair once
    assert set(streamed) == expected
    assert block_by_block_pairs(items, df, undated) == expected


def block_by_block_pairs(items, df, undated=frozenset()):
    """The pairs as the Dask build finds them: the keys without time in one task, then
    one task per time block with the articles of the blocks around it."""
    # As a cluster does: only the names some pair can come from (2 to MAX_POSTINGS
    # articles post them) are sent to the pass without time.
    counts = Counter(name for f in items for name in ev.loose_names(f, df, undated))
    names = {n for n, c in counts.items() if 2 <= c <= ev.MAX_POSTINGS}
    loose = ev.loose_pairs(items, df, undated, names)
    by_block = {}
    for f in items:
        if f.day is not None:
            block = f.day // ev.WINDOW_DAYS
            for b in (block - 1, block, block + 1):
                by_block.setdefault(b, []).append(f)
    pairs = list(loose[1])
    for block, members in by_block.items():
        pairs += ev.block_pairs(members, df, block, loose)
    assert len(pairs) == len(set(pairs))  # each pair in one task only
    return set(pairs)


def test_a_pair_that_shares_one_name_in_each_of_two_blocks_is_a_candidate():
    # a and b (block 1) share A and B. Block 0 crowds B's key of block 1, and block 2
    # crowds A's key of block 2, past MAX_POSTINGS: the pair meets under A in block 1
    # only and under B in block 2 only, and must still count both names.
    crowd = ev.MAX_POSTINGS + 1
    items = [ev.Features("article:a", 4, (), frozenset({"org:A", "org:B"})),
             ev.Features("article:b", 5, (), frozenset({"org:A", "org:B"}))]
    items += [ev.Features(f"article:early{i:03d}", i % 4, (), frozenset({"org:B"}))
              for i in range(crowd)]
    items += [ev.Features(f"article:late{i:03d}", 8 + i % 4, (), frozenset({"org:A"}))
              for i in range(crowd)]
    df = ev.document_frequencies(items)
    assert ("article:a", "article:b") in set(ev.streamed_pairs(items, df))
    assert ("article:a", "article:b") in all_at_once_pairs(items, df)
    assert ("article:a", "article:b") in block_by_block_pairs(items, df)


def test_look_alike_stories_weeks_apart_never_chain_into_one_event():
    published = {"article:a": "2023-01-01", "article:b": "2023-01-05",
                 "article:c": "2023-01-09", "article:u": None}
    # a-b and b-c are within the window; u (undated) looks like both a and c.
    pairs = {("article:a", "article:b"): 0.9, ("article:b", "article:c"): 0.5,
             ("article:a", "article:u"): 0.8, ("article:c", "article:u"): 0.95}
    found = ev.clusters(pairs, published)
    spans = {}
    for art, event in found.items():
        if published[art]:
            spans.setdefault(event, []).append(published[art])
    assert all(max(d) <= "2023-01-08" or min(d) >= "2023-01-02" for d in spans.values())
    assert found["article:u"] == found["article:c"]  # its best link wins
    assert found["article:a"] == found["article:b"] != found["article:c"]
    # The order of the pairs never matters.
    assert ev.clusters(dict(reversed(list(pairs.items()))), published) == found


def test_timeline_counts_events_once(graph):
    deal = event_of(graph, STORIES["a1.md"][3])
    reporting = {u for u, _, k in graph.in_edges(deal, keys=True) if k == m.REPORTS}
    # The entity that most of the deal's reports mention (whatever NER made of it).
    entity = max((n for n, a in graph.nodes(data=True) if a["kind"] in m.ENTITY_KINDS),
                 key=lambda n: (len({u for u, _ in graph.in_edges(n)} & reporting), n))
    dated = len({u for u, _ in graph.in_edges(entity)} & reporting
                - {m.node_id(m.ARTICLE, STORIES["d1.md"][3])})
    assert dated >= 2
    name = graph.nodes[entity]["name"]
    articles = tl.mentions(graph, name, freq="M")
    events = tl.mentions(graph, name, freq="M", unit="event")
    assert articles["2023-03-01"] == dated and events["2023-03-01"] == 1
    assert events.attrs["undated"] == 0 and events.attrs["unit"] == "event"
    with pytest.raises(Exception, match="unknown unit"):
        tl.mentions(graph, name, unit="story")


def test_events_listing_and_cli(tmp_path):
    folder = write(tmp_path / "c")
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(folder), "-o", str(out), "--no-cache"]).exit_code == 0
    G = build([folder], out_dir=None, html=False).graph
    deal = event_of(G, STORIES["a1.md"][3])
    entity = next(G.nodes[v]["name"] for _, v, k in
                  G.out_edges(m.node_id(m.ARTICLE, STORIES["a1.md"][3]), keys=True)
                  if k == m.MENTIONS)
    result = runner.invoke(cli, ["events", str(out / "graph.json"), "--entity", entity])
    assert result.exit_code == 0, result.output
    assert deal
    lines = result.output.splitlines()
    assert lines[0].split()[:2] == ["event", "first_published"]
    assert "Zorvex to acquire Quillon for $43 billion" in lines[2]
    assert "four.example" in lines[2] and "three.example" in lines[2]
    result = runner.invoke(cli, ["events", str(out / "graph.json"), "--since", "2023-06"])
    assert result.exit_code == 0 and "$43" not in result.output
    result = runner.invoke(cli, ["timeline", str(out / "graph.json"), entity, "--freq", "M",
                                 "--unit", "event"])
    assert result.exit_code == 0 and "2023-03-01" in result.output


def test_eval_scores_events_pairwise_and_bcubed(tmp_path, graph):
    folder = write(tmp_path / "c")
    (folder / "gold.yaml").write_text("{}\n")
    (folder / "events.yaml").write_text("clusters:\n  - [a1.md, a2.md, a3.md, d1.md]\n")
    scores = evaluate(folder).events
    assert scores.pairwise.f1 == 1.0 and scores.bcubed_f1 == 1.0 and scores.stories == 6
    # Gold that also joins the completion story: one cluster missed pairs.
    wrong = score_events(build([folder], out_dir=None).graph,
                         [["a1.md", "a2.md", "a3.md", "d1.md", "b1.md"]])
    assert wrong.pairwise.precision == 1.0 and wrong.pairwise.recall == pytest.approx(6 / 10)
    assert wrong.bcubed_recall < 1.0 and {e["error"] for e in wrong.errors} == {"missed"}


def test_dev_corpus_events_gold_is_readable():
    gold = ROOT.parent / "shared" / "corpus" / "dev" / "events.yaml"
    for path in [gold, ROOT / "benchmarks" / "eval" / "dev" / "events.yaml",
                 ROOT / "benchmarks" / "eval" / "heldout" / "events.yaml"]:
        if path.exists():
            clusters = read_event_gold(path)
            assert clusters and all(len(c) >= 2 for c in clusters)
