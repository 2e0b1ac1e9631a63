"""Bad input never stops a build: field values are checked one by one, and one failing
text in extraction loses only its own entities."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from extract.documents import load_corpus, load_file
from extract.ner import MAX_TEXT_CHARS, extract_texts
from extract.text import canonical_url
from graph import build as build_module
from graph.build import build
from storygraph.cli import cli


@pytest.mark.parametrize(("raw", "expected"), [
    ("https://example.com:443/a", "https://example.com/a"),
    ("http://example.com:80/a", "http://example.com/a"),
    ("http://example.com:443/a", "http://example.com:443/a"),  # not its own default port
    ("https://example.com:80/a", "https://example.com:80/a"),
    ("https://Bücher.Example/a", "https://xn--bcher-kva.example/a"),
    ("https://xn--bcher-kva.example/a", "https://xn--bcher-kva.example/a"),
    ("https://example.com./a", "https://example.com/a"),
    ("https://example.com/%zz?q=%zz&utm_source=x", "https://example.com/%zz?q=%zz"),
    ("https://example.com/a?b=1&UTM_Medium=2&c", "https://example.com/a?b=1&c"),
    ("https://user:secret@example.com/a", "https://user@example.com/a"),
    ("http://[::1]:8080/x", "http://[::1]:8080/x"),
])
def test_urls_are_canonical(raw, expected):
    assert canonical_url(raw) == expected


@pytest.mark.parametrize(("raw", "reason"), [
    ("https://example.com:99999/x", "Port out of range"),
    ("http://[::1/x", "Invalid IPv6 URL"),
    ("http://", "no host"),
    ("https://", "no host"),
    ("ftp://example.com/x", "only absolute http"),
    ("javascript:alert(1)", "only absolute http"),
    ("//example.com/x", "only absolute http"),
    ("example.com/x", "only absolute http"),
    ("http://exa mple.com/x", "spaces"),
    ("http://<b>/x", "not a host name"),
    (42, "must be text"),
])
def test_what_is_not_a_url_says_why(raw, reason):
    with pytest.raises(ValueError, match=reason):
        canonical_url(raw)


def _story(tmp_path, body: str, name: str = "s.md"):
    path = tmp_path / name
    path.write_text("---\n" + body + "---\n", encoding="utf-8")
    return load_file(path)


def test_a_bad_url_in_a_story_or_its_related_entry_is_noted(tmp_path):
    result = _story(tmp_path, 'title: "Port"\nwebUrl: "https://example.com:99999/x"\n'
                              'related:\n  - title: "Bracket"\n    webUrl: "http://[::1/x"\n'
                              '  - title: "No host"\n    webUrl: "http://"\n')
    story = result.story
    assert story is not None and result.issue is None
    assert story.url.startswith("urn:storygraph:")
    assert [s.url[:15] for s in story.related] == ["urn:storygraph:"] * 2
    notes = [n.text for n in result.notes]
    assert len(notes) == 3
    assert notes[0].startswith("front matter: webUrl 'https://example.com:99999/x' is not a story URL")
    assert notes[1].startswith("related[0]: webUrl") and notes[2].startswith("related[1]: webUrl")


def test_stories_without_usable_urls_never_merge(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.md").write_text(f'---\ntitle: "Story {i}"\nwebUrl: "http://"\n---\n')
    assert len(load_corpus([tmp_path]).stories) == 3


def test_values_of_the_wrong_type_are_noted_and_the_story_kept(tmp_path):
    result = _story(tmp_path, "\n".join([
        "title: 2024", "excerpt: [a, list]", "publishedDateTime: 0000-01-01",
        "heat: 123456789012345678901234567890", "quality: .inf", "category: !!binary aGk=",
        "provider: {name: [x], domain: 'not a domain!'}", "topics: [AI, {a: b}, 7]",
        "images: [{url: 'javascript:x'}]", "updated: 2020-02-30", "'bad key': 1", "7: seven",
        "type: \"a\\u202eb\\x00c\"", ""]))
    story = result.story
    assert story is not None and result.issue is None
    assert story.title == "2024" and story.excerpt == "" and story.published is None
    assert story.topics == ["AI", "7"] and story.image is None
    assert story.publisher_name is None and story.publisher_domain is None
    assert story.properties == {"type": "abc", "updated": "2020-02-30"}
    fields = " | ".join(n.text for n in result.notes)
    for word in ("excerpt is a list", "publishedDateTime '0000-01-01' is not a date",
                 "'heat' is an integer beyond 64 bits", "'quality' is not a finite number",
                 "'category' is a binary value", "provider name is a list",
                 "provider domain 'not a domain!'", "topics[1] is a mapping",
                 "images[0].url 'javascript:x'", "'bad key' is not a property name",
                 "key 7 is not text"):
        assert word in fields, word


def test_dates_outside_the_supported_years_keep_the_story_undated(tmp_path):
    result = _story(tmp_path, 'title: "Old"\npublishedDateTime: "0001-01-01T00:00:00+05:00"\n')
    assert result.story.published is None
    assert "is not a date" in result.notes[0].text or "outside the years" in result.notes[0].text
    later = _story(tmp_path, 'title: "Far"\npublishedDateTime: 2999-01-01\n', "far.md")
    assert later.story.published is None and "outside the years 1700–2200" in later.notes[0].text


def test_an_unexpected_error_is_a_load_issue_asking_for_a_bug_report(tmp_path, monkeypatch):
    from extract import fields

    def boom(data, where):
        raise KeyError("surprise")

    monkeypatch.setattr(fields, "title_of", boom)
    result = _story(tmp_path, 'title: "Fine"\n')
    assert result.story is None
    assert "unexpected error while reading this file (KeyError" in result.issue.text
    assert "please report it" in result.issue.text


class _FailingOn:
    """A pipeline that fails on texts holding a word, like a spaCy bug would."""

    def __init__(self, nlp, word: str) -> None:
        self.nlp, self.word = nlp, word

    def _check(self, text: str) -> str:
        if self.word in text:
            raise ValueError(f"cannot process {self.word}")
        return text

    def pipe(self, texts, **kwargs):
        return self.nlp.pipe((self._check(t) for t in texts), **kwargs)

    def __call__(self, text: str):
        return self.nlp(self._check(text))


def test_one_failing_text_loses_only_its_own_entities(tmp_path, seeds_dir, monkeypatch):
    real = build_module._pipeline
    monkeypatch.setattr(build_module, "_pipeline",
                        lambda model, table, relations=True: _FailingOn(real(model, table),
                                                                        "Clearview"))
    result = build([seeds_dir], out_dir=tmp_path, workers=1, cache=tmp_path / "c.sqlite3")
    failed = [n for n in result.report["notes"] if "entity extraction failed" in n["note"]]
    assert failed and all("ValueError: cannot process Clearview" in n["note"] for n in failed)
    assert "organization:Microsoft" in result.graph  # the rest of the corpus is there
    assert "organization:Clearview AI" not in result.graph
    # Failures are not cached: a build with a working pipeline extracts them again.
    monkeypatch.setattr(build_module, "_pipeline", real)
    again = build([seeds_dir], out_dir=None, workers=1, cache=tmp_path / "c.sqlite3")
    assert again.report["extraction"]["extracted"] == len(failed)
    assert "organization:Clearview AI" in again.graph


def test_batches_are_retried_text_by_text(seeds_graph):
    from extract.aliases import load_aliases
    from graph.build import _pipeline

    nlp = _FailingOn(_pipeline(None, load_aliases(None)), "BOOM")
    items = [("Microsoft buys a firm", "title", 0), ("BOOM goes Intel", "title", 1),
             ("Nvidia opens in Paris", "title", 2)]
    out = list(extract_texts(nlp, items, batch_size=8))
    assert [key for key, *_ in out] == [0, 1, 2]
    assert out[1][2] == [] and "ValueError" in out[1][4]
    assert [m.text for m in out[0][2]] == ["Microsoft"] and out[0][4] is None
    assert {m.text for m in out[2][2]} >= {"Nvidia", "Paris"}


def test_a_huge_excerpt_is_cut_for_extraction_and_noted(tmp_path):
    (tmp_path / "long.md").write_text('---\ntitle: "Microsoft news"\nexcerpt: "'
                                      + "Intel grows. " * 20_000 + '"\n---\n')
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "-o", str(tmp_path / "o"),
                                      "--no-cache"])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "o" / "report.json").read_text())
    assert any(f"longer than {MAX_TEXT_CHARS:,} characters" in n["note"] for n in report["notes"])
