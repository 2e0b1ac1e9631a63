"""Property-based tests: no input file can stop a build.

Random front-matter documents (any YAML value in every known field, nested ``related``
lists) and byte-level mutations of real story files go through the loader and through a
whole ``build``. Whatever the input: no exception, every file is an Article or a load
issue, and two files become one Article only when their canonical URLs are equal.

CI runs the seeded ``ci`` profile; ``STORYGRAPH_FUZZ=thorough pytest tests/test_fuzz.py``
runs twenty times more examples with fresh randomness (see tests/conftest.py).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.documents import Corpus, find_story_files, load_file, parse_yaml, split_front_matter
from extract.fields import generated_url
from extract.text import canonical_url
from graph.build import build
from graph.export.graphfiles import read_graphml, read_json, write_graphml
from graph.export.neo4j_csv import write_neo4j_csv
from tests.conftest import SEEDS

# -- values -------------------------------------------------------------------------------
#: Any code point, surrogates, controls and bidi overrides included.
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)
awkward_text = st.sampled_from([
    "", " ", "\u202eevil\u202c", "a\x00b", "\ud800", "Ø" * 3, "governmentâ€™s", "---",
    "x" * 5000, "🦄 Unicorn Inc", "\t\n", "null", "~", "&a *a", "{{}}", "<script>",
])
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10 ** 19, max_value=10 ** 400),
    st.floats(allow_nan=True, allow_infinity=True), any_text, awkward_text,
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)),
    st.dates(), st.binary(max_size=20),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)

hosts = st.sampled_from(["example.com", "EXAMPLE.com", "bücher.example", "xn--bcher-kva.example",
                         "[::1]", "[::1", "127.0.0.1", "", "exa mple.com", "a..b", "_dmarc.x.org"])
ports = st.sampled_from(["", ":80", ":443", ":8080", ":99999", ":-1", ":x", ":"])
paths = st.sampled_from(["", "/", "/a/b", "/%zz", "/caf%C3%A9", "/a b", "/?", "/p?utm_source=x&id=1",
                         "/p?id=%zz&UTM_medium=y#frag"])
urls = st.one_of(
    st.builds(lambda s, h, p, q: f"{s}{h}{p}{q}",
              st.sampled_from(["http://", "https://", "HTTPS://", "ftp://", "javascript:", "//", ""]),
              hosts, ports, paths),
    values,
)
dates = st.one_of(
    st.sampled_from(["2020-06-12T21:17:00Z", "2020-02-30", "0000-01-01", "June 12, 2020",
                     "yesterday", "2020-06-14T23:30:00-05:00", "0001-01-01T00:00:00+05:00",
                     "9999-12-31T23:59:59-05:00", "1" * 40]),
    values,
)


def story_fields(related: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    optional = {
        "excerpt": st.one_of(any_text, awkward_text, values),
        "publishedDateTime": dates, "webUrl": urls,
        "provider": st.one_of(st.fixed_dictionaries({}, optional={"name": values,
                                                                  "domain": st.one_of(hosts, values)}),
                              values),
        "topics": st.one_of(st.lists(st.one_of(any_text, values), max_size=4), values),
        "images": st.one_of(st.lists(st.fixed_dictionaries({"url": urls}), max_size=2), values),
        "category": values, "type": values, "quality": values, "heat": values,
        "published": values, "secured": values, "ampWebUrl": values,
        "related": related,
    }
    return st.fixed_dictionaries(
        {"title": st.one_of(any_text, awkward_text, st.integers(), values)}, optional=optional
    ).flatmap(lambda d: st.dictionaries(st.one_of(st.text(max_size=10), st.integers(), st.none()),
                                        values, max_size=3).map(lambda extra: {**extra, **d}))


related_entry = story_fields(st.one_of(st.none(), values))
documents = story_fields(st.one_of(st.lists(related_entry, max_size=3), values))


def render(doc: dict[str, Any]) -> bytes:
    """A story file: the document as YAML front matter, as a person or a tool writes it."""
    body = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10 ** 6)
    return ("---\n" + body + "---\nbody text\n").encode("utf-8", "surrogatepass")


# -- byte-level mutations of real files ----------------------------------------------------
SEED_FILES = sorted(SEEDS.glob("*.txt"))


@st.composite
def mutated_files(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEED_FILES)).read_bytes())
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "duplicate"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8) | st.sampled_from(
                [b"\n---\n", b": ", b"- ", b"&a ", b"*a", b"\xc3", b"\xff\xfe", b"\x00", b"'", b'"']))
        elif op == "delete":
            del data[at:at + draw(st.integers(1, 64))]
        elif op == "truncate":
            del data[at:]
        else:
            data[at:at] = data[at:at + draw(st.integers(1, 200))]
    return bytes(data)


files = st.one_of(documents.map(render), mutated_files())


# -- the properties ------------------------------------------------------------------------
def _write(folder: Path, contents: list[bytes]) -> list[Path]:
    paths = []
    for i, content in enumerate(contents):
        path = folder / f"{i:02d}.md"
        path.write_bytes(content)
        paths.append(path)
    return paths


def _raw_url(path: Path) -> Any:
    """The webUrl a file's front matter holds, read independently of the loader."""
    return parse_yaml(split_front_matter(path.read_bytes().decode("utf-8"))).get("webUrl")


def check_corpus(paths: list[Path]) -> Corpus:
    corpus = Corpus()
    file_urls: dict[str, list[Path]] = {}
    loaded = {}
    for path in paths:
        result = load_file(path)  # never raises
        assert (result.story is None) != (result.issue is None)
        if result.issue is not None:
            assert result.issue.path == str(path) and result.issue.text
            assert "unexpected error" not in result.issue.text, result.issue.text
        else:
            file_urls.setdefault(result.story.url, []).append(path)
            loaded[str(path)] = result.story.url
        for note in result.notes:
            assert note.path == str(path) and note.text
        corpus.add(result)
    issues = {i.path for i in corpus.issues}
    for path in paths:  # every file is an Article or a load issue
        assert (str(path) in issues) != (loaded.get(str(path)) in corpus.stories)
    for url, same in file_urls.items():
        if len(same) > 1:  # two files, one Article: only for one canonical URL
            assert url.startswith(("http://", "https://"))
            assert all(canonical_url(_raw_url(p)) == url for p in same)
        else:
            assert url.startswith(("http://", "https://", "urn:storygraph:"))
    json.dumps([s.title for s in corpus.stories.values()]).encode("utf-8")  # all encodable
    return corpus


FUZZ = settings()  # the profile chosen in tests/conftest.py
SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]


@settings(FUZZ, suppress_health_check=SLOW)
@given(contents=st.lists(files, min_size=1, max_size=6))
def test_loader_never_fails_and_accounts_for_every_file(contents):
    with tempfile.TemporaryDirectory() as tmp:
        check_corpus(_write(Path(tmp), contents))


@settings(FUZZ, suppress_health_check=SLOW)
@given(doc=documents, url=urls)
def test_two_files_are_one_article_only_for_one_canonical_url(doc, url):
    with tempfile.TemporaryDirectory() as tmp:
        first = {**doc, "title": "First story", "webUrl": url}
        second = {**doc, "title": "Second story", "webUrl": url, "related": None}
        corpus = check_corpus(_write(Path(tmp), [render(first), render(second)]))
        try:
            canonical = canonical_url(url)
        except ValueError:
            canonical = None
        if corpus.issues:  # a value YAML cannot hold made the file itself bad
            return
        file_stories = {s.url for s in corpus.stories.values() if s.source_file}
        assert len(file_stories) == (1 if canonical else 2)
        if canonical is None:
            assert file_stories == {generated_url("First story", f"{tmp}/00.md"),
                                    generated_url("Second story", f"{tmp}/01.md")}


@settings(FUZZ, max_examples=max(5, FUZZ.max_examples // 10), suppress_health_check=SLOW)
@given(contents=st.lists(files, min_size=1, max_size=4))
def test_a_whole_build_never_fails_and_every_export_reads_back(contents):
    tmp = Path(tempfile.mkdtemp(prefix="storygraph-fuzz-"))
    try:
        folder = tmp / "stories"
        folder.mkdir()
        paths = _write(folder, contents)
        result = build([folder], out_dir=tmp / "out", workers=1, cache=False)
        report = json.loads((tmp / "out" / "report.json").read_text(encoding="utf-8"))
        assert report["files"] == len(paths) == len(find_story_files([folder]))
        G = read_json(tmp / "out" / "graph.json")
        assert G.number_of_nodes() == result.graph.number_of_nodes()
        sources = {a.get("source_file") for _, a in G.nodes(data=True)}
        issues = {i["path"] for i in report["load_issues"]}
        merged = {n["path"] for n in report["notes"] if "are one Article" in n["note"]}
        assert all(str(p) in sources | issues | merged for p in paths)
        assert "<script" not in (tmp / "out" / "graph.html").read_text(encoding="utf-8").split(
            'type="application/json"', 1)[1].split("</script>", 1)[0]
        write_graphml(G, tmp / "g.graphml")
        assert read_graphml(tmp / "g.graphml").number_of_nodes() == G.number_of_nodes()
        write_neo4j_csv(G, tmp / "csv")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
