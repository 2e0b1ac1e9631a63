"""The loader: finding files, parsing front matter, repairing text, reporting bad files."""

from __future__ import annotations

import pytest

from extract.documents import (
    MAX_FILE_BYTES,
    find_story_files,
    load_corpus,
    load_file,
)
from extract.errors import InputError
from extract.text import canonical_url, parse_datetime, repair_text

BAD_FILES = {
    "empty.md": "file is empty",
    "no_front_matter.md": "no front matter",
    "invalid_yaml.md": "not valid YAML",
    "not_mapping.yaml": "must be a mapping",
    "no_title.md": "has no 'title'",
    "title_not_string.yml": "'title' must be text",
    "latin1.md": "not valid UTF-8",
    "unclosed.md": "not closed",
    "alias_bomb.yaml": "alias bomb",
}


@pytest.mark.parametrize(("name", "reason"), sorted(BAD_FILES.items()))
def test_bad_file_is_an_issue_with_a_reason(data_dir, name, reason):
    result = load_file(data_dir / "mixed" / name)
    assert result.story is None
    assert result.issue is not None
    assert result.issue.path.endswith(name)
    assert reason in result.issue.text


def test_mixed_folder_keeps_every_good_story_and_lists_every_bad_file(data_dir):
    corpus = load_corpus([data_dir / "mixed"])
    assert sorted(i.path.rsplit("/", 1)[-1] for i in corpus.issues) == sorted(BAD_FILES)
    titles = {s.title for s in corpus.stories.values()}
    assert "Microsoft won't sell face recognition software to police" in titles
    assert "BOM and CRLF story about Apple" in titles
    assert "IBM opens research lab in Nairobi" in titles
    assert corpus.files == len(BAD_FILES) + 3


def test_oversized_file_is_skipped(tmp_path):
    big = tmp_path / "big.md"
    big.write_text("---\ntitle: big\n---\n" + "x" * (MAX_FILE_BYTES + 10))
    result = load_file(big)
    assert result.issue is not None and "larger than" in result.issue.text


def test_alias_bomb_is_refused_before_it_is_built(data_dir, monkeypatch):
    import yaml

    def never(*args, **kwargs):
        raise AssertionError("the alias bomb reached the YAML constructor")

    monkeypatch.setattr(yaml, "load", never)
    result = load_file(data_dir / "mixed" / "alias_bomb.yaml")
    assert result.issue is not None and "alias bomb" in result.issue.text


def test_bom_crlf_body_and_url_canonicalisation(data_dir):
    result = load_file(data_dir / "mixed" / "nested" / "bom_crlf.md")
    story = result.story
    assert story is not None
    assert story.title == "BOM and CRLF story about Apple"
    assert story.url == "https://example.com/bom-crlf?id=7"
    assert story.published == "2021-03-04T10:00:00Z"  # no zone given: taken as UTC
    assert "ignored" not in story.excerpt


def test_bad_date_keeps_story_undated_and_notes_it(data_dir):
    result = load_file(data_dir / "mixed" / "nested" / "bad_date.md")
    assert result.story is not None and result.story.published is None
    assert result.story.topics == ["AI"]  # a string is one topic
    assert result.story.publisher_domain == "example.com"
    notes = " | ".join(n.text for n in result.notes)
    assert "is not a date" in notes
    assert "'related' is a str, not a list" in notes


def test_seed_file_mojibake_related_and_secured(seeds_dir):
    story = load_file(seeds_dir / "000_402f7e944cb3d5f6.txt").story
    assert story is not None
    assert story.published == "2020-06-12T21:17:00Z"
    assert story.topics == ["Computer Vision", "AI"]
    assert story.publisher_name == "SFGate"
    assert len(story.related) == 2
    assert "government\u2019s" in story.related[0].excerpt
    assert "â€" not in story.related[0].excerpt
    assert "secured" not in story.properties
    assert story.properties["quality"] == 39
    assert story.related[1].url == "https://mashable.com/article/clearview-ai-facial-recognition-continues/"


def test_story_reached_twice_is_one_story_and_file_copy_wins(tmp_path):
    (tmp_path / "a.md").write_text(
        '---\ntitle: "Parent"\nwebUrl: "https://a.example/p"\nrelated:\n'
        '  - title: "Child (as related)"\n    webUrl: "https://B.example/c?utm_medium=x"\n'
        '    excerpt: "from the related list"\n---\n')
    (tmp_path / "b.md").write_text(
        '---\ntitle: "Child"\nwebUrl: "https://b.example/c#frag"\n'
        'publishedDateTime: 2020-01-02T03:04:05+02:00\n---\n')
    corpus = load_corpus([tmp_path])
    assert set(corpus.stories) == {"https://a.example/p", "https://b.example/c"}
    child = corpus.stories["https://b.example/c"]
    assert child.title == "Child"
    assert child.excerpt == "from the related list"  # gap filled from the related copy
    assert child.published == "2020-01-02T01:04:05Z"
    assert child.source_file.endswith("b.md")
    assert corpus.related == [("https://a.example/p", "https://b.example/c")]


def test_files_found_recursively_in_stable_order(data_dir):
    files = find_story_files([data_dir / "mixed"])
    assert files == sorted(files, key=lambda p: p.as_posix())
    assert any(p.name == "bom_crlf.md" for p in files)


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        find_story_files([tmp_path / "nope"])


@pytest.mark.parametrize(("raw", "expected"), [
    ("HTTPS://WWW.Example.com:443/a/b?utm_source=t&x=1#frag", "https://www.example.com/a/b?x=1"),
    ("http://example.com", "http://example.com/"),
    ("https://example.com/Path?B=2&a=1", "https://example.com/Path?B=2&a=1"),
])
def test_canonical_url(raw, expected):
    assert canonical_url(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("2020-06-14T23:30:00-05:00", "2020-06-15T04:30:00Z"),
    ("2020-06-12", "2020-06-12T00:00:00Z"),
    ("June 12, 2020 9:17 PM", "2020-06-12T21:17:00Z"),
    (None, None),
])
def test_parse_datetime(raw, expected):
    assert parse_datetime(raw) == expected


def test_parse_datetime_rejects_nonsense():
    with pytest.raises(ValueError, match="is not a date"):
        parse_datetime("soon")


def test_repair_text_fixes_mojibake_and_space():
    assert repair_text("the US governmentâ€™s  tracking\n") == "the US government\u2019s tracking"
