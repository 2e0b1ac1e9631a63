"""Find story files, parse their YAML front matter and validate them into Story records.

A bad file never stops a build: it becomes a :class:`FileMessage` (path + a reason a person
understands) and every other file is still read. Text from documents is only ever data.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from extract import fields
from extract.errors import InputError

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The safe loader, except that a scalar YAML cannot construct stays a string.

    ``2020-02-30`` or ``0000-01-01`` (timestamps that are not dates) and integers of more
    than 4,300 digits make PyYAML raise ValueError, which would lose the whole file for
    one field; as strings they reach the field checks, which note and drop them.
    """


def _tolerant(tag: str) -> None:
    construct = _BaseLoader.yaml_constructors[tag]

    def construct_or_text(loader: yaml.BaseLoader, node: yaml.Node) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, OverflowError, AttributeError, TypeError):
            return loader.construct_scalar(node)  # type: ignore[arg-type]

    _Loader.add_constructor(tag, construct_or_text)


for _tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int",
             "tag:yaml.org,2002:float"):
    _tolerant(_tag)

STORY_SUFFIXES = (".md", ".txt", ".yaml", ".yml")
MAX_FILE_BYTES = 5 * 1024 * 1024
#: Bump when reading a file can give another result for the same bytes (the parsed-file
#: cache of :mod:`extract.cache` keys its entries by it).
LOADER_VERSION = "1"
#: More YAML alias references than this in one front matter is treated as an alias bomb.
MAX_YAML_ALIASES = 50

@dataclass(slots=True)
class Story:
    """One news story: a file's own story, or one entry of a story's ``related`` list."""

    url: str
    title: str
    excerpt: str = ""
    published: str | None = None
    publisher_name: str | None = None
    publisher_domain: str | None = None
    topics: list[str] = field(default_factory=list)
    image: str | None = None
    properties: dict[str, Any] = field(default_factory=dict)
    source_file: str | None = None
    related: list[Story] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class FileMessage:
    """What reading a file has to say, for the report: why it was skipped (a load issue,
    under "reason"), or something noticed in a file still loaded (a note: a bad date, an
    ignored field)."""

    path: str
    text: str

    def as_dict(self, key: str) -> dict[str, str]:
        return {"path": self.path, key: self.text}


@dataclass(slots=True)
class FileResult:
    """What reading one file gave: a story (with its related stories) or an issue."""

    path: str
    story: Story | None = None
    issue: FileMessage | None = None
    notes: list[FileMessage] = field(default_factory=list)


class _BadFile(Exception):
    """Internal: carries the human reason a file is skipped."""


def find_story_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """All story files under ``paths`` (files or folders, recursive), in a stable order.

    Raises InputError for a path that does not exist. Hidden files and folders are skipped.
    """
    found: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            found.add(path)
        elif path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    if name.lower().endswith(STORY_SUFFIXES) and not name.startswith("."):
                        found.add(Path(root) / name)
        else:
            raise InputError(f"{path}: no such file or folder; give a folder of story files "
                             f"or the files themselves.")
    return sorted(found, key=lambda p: p.as_posix())


def split_front_matter(text: str) -> str:
    """The YAML between a first line ``---`` and the next line ``---``.

    Tolerates a BOM, CRLF line ends and trailing spaces on the fences; a body after the
    closing fence is ignored. Raises _BadFile when the fences are missing.
    """
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise _BadFile("no front matter: the file must start with a line '---'")
    for i, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1:i])
    raise _BadFile("front matter is not closed: add a line '---' after the YAML")


def _count_aliases(yaml_text: str) -> int:
    return sum(isinstance(ev, yaml.AliasEvent) for ev in yaml.parse(yaml_text, Loader=_Loader))


def parse_yaml(yaml_text: str) -> Any:
    """Parse front matter safely: no object construction, and no alias bombs."""
    try:
        # Cheap pre-check: only front matter that defines anchors can hold alias bombs.
        if "&" in yaml_text and "*" in yaml_text and _count_aliases(yaml_text) > MAX_YAML_ALIASES:
            raise _BadFile(f"front matter uses more than {MAX_YAML_ALIASES} YAML aliases "
                           f"(*name); refused as a possible alias bomb")
        return yaml.load(yaml_text, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        if not isinstance(exc, yaml.MarkedYAMLError):
            raise _BadFile(f"front matter is not valid YAML: {str(exc)[:200]}") from exc
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise _BadFile(f"front matter is not valid YAML{where}: {problem}") from exc


def story_from_mapping(data: dict[Any, Any], *, path: str, where: str,
                       notes: list[FileMessage], context: str) -> Story:
    """Validate one front-matter mapping (a file's, or a related entry) into a Story.

    Every value goes through :mod:`extract.fields`: used, or noted and dropped.
    ``where`` names the place in the file for messages (``"front matter"``,
    ``"related[2]"``). Raises _BadFile when the mapping cannot be a story.
    """
    def note(text: str) -> None:
        notes.append(FileMessage(path, text))

    try:
        title = fields.title_of(data, where)
    except fields.BadStory as exc:
        raise _BadFile(str(exc)) from None
    publisher_name, publisher_domain = fields.publisher_of(data, where, note)
    return Story(
        url=fields.url_of(data, where, note) or fields.generated_url(title, context),
        title=title, excerpt=fields.excerpt_of(data, where, note),
        published=fields.published_of(data, where, note),
        publisher_name=publisher_name, publisher_domain=publisher_domain,
        topics=fields.topics_of(data, where, note), image=fields.image_of(data, where, note),
        properties=fields.properties_of(data, where, note),
    )


def load_file(path: str | os.PathLike[str], *, shown: str | None = None) -> FileResult:
    """Read one story file. Never raises for bad content: returns an issue instead.

    ``shown`` is the path that reports and ``source_file`` give (default: ``path``), for
    a worker that opens the file by another path than the user gave.
    """
    shown = shown if shown is not None else os.fspath(path)
    result = FileResult(path=shown)
    try:
        size = os.path.getsize(path)
        if size == 0:
            raise _BadFile("file is empty")
        if size > MAX_FILE_BYTES:
            raise _BadFile(f"file is {size / 1e6:.1f} MB, larger than the "
                           f"{MAX_FILE_BYTES // 1_000_000} MB a story file may be")
        raw = Path(path).read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _BadFile(f"not valid UTF-8 (byte {raw[exc.start]:#04x} at offset "
                           f"{exc.start}); save the file as UTF-8") from exc
        if not text.strip():
            raise _BadFile("file holds only white space")
        data = parse_yaml(split_front_matter(text))
        if data is None:
            raise _BadFile("front matter is empty")
        if not isinstance(data, dict):
            raise _BadFile(f"front matter must be a mapping of keys to values, "
                           f"not a {type(data).__name__}")
        story = story_from_mapping(data, path=shown, where="front matter",
                                   notes=result.notes, context=shown)
        story.source_file = shown
        story.related = _related(data.get("related"), path=shown, notes=result.notes,
                                 parent=story)
        result.story = story
    except _BadFile as exc:
        result.issue = FileMessage(shown, str(exc))
        result.notes.clear()
    except OSError as exc:
        result.issue = FileMessage(shown, f"cannot read the file: {exc.strerror or exc}")
    except RecursionError:
        result.issue = FileMessage(shown, "front matter is nested too deeply")
        result.notes.clear()
    except Exception as exc:  # the last line of defence: one file never stops a build
        result.issue = FileMessage(shown, f"unexpected error while reading this file "
                                        f"({type(exc).__name__}: {str(exc)[:200]}); this is a "
                                        f"bug in storygraph: please report it with the file")
        result.notes.clear()
    return result


def _related(value: Any, *, path: str, notes: list[FileMessage], parent: Story) -> list[Story]:
    if value is None:
        return []
    if not isinstance(value, list):
        notes.append(FileMessage(path, f"'related' is a {type(value).__name__}, not a list; "
                                    f"ignored"))
        return []
    stories = []
    for i, item in enumerate(value):
        where = f"related[{i}]"
        if not isinstance(item, dict):
            notes.append(FileMessage(path, f"{where} is not a mapping; ignored"))
            continue
        try:
            stories.append(story_from_mapping(item, path=path, where=where, notes=notes,
                                              context=parent.url))
        except _BadFile as exc:
            notes.append(FileMessage(path, f"{exc}; this related story is ignored"))
            continue
        if item.get("related") is not None:
            notes.append(FileMessage(path, f"{where}: a related story's own 'related' list "
                                        f"is not read (one level is); ignored"))
    return stories


@dataclass(slots=True)
class Corpus:
    """All stories of a load, one per URL, with the related-story links between them."""

    stories: dict[str, Story] = field(default_factory=dict)
    related: list[tuple[str, str]] = field(default_factory=list)
    issues: list[FileMessage] = field(default_factory=list)
    notes: list[FileMessage] = field(default_factory=list)
    files: int = 0

    def add(self, result: FileResult) -> None:
        """Add one file's result: its story and related stories, merged by URL."""
        self.files += 1
        self.notes.extend(result.notes)
        if result.issue is not None:
            self.issues.append(result.issue)
            return
        assert result.story is not None
        known = self.stories.get(result.story.url)
        if known is not None and known.source_file and known.source_file != result.path:
            self.notes.append(FileMessage(result.path, f"same story URL as {known.source_file}; "
                                                    f"the two files are one Article"))
        story = self.merge(result.story)
        seen = set()
        for child in result.story.related:
            child_story = self.merge(child)
            if child_story.url != story.url and child_story.url not in seen:
                seen.add(child_story.url)
                self.related.append((story.url, child_story.url))

    def merge(self, story: Story) -> Story:
        """Add one story, or merge it into the story of the same URL; returns the kept one."""
        known = self.stories.get(story.url)
        if known is None:
            self.stories[story.url] = story
            return story
        # A story read from its own file is the better record; a related copy only fills gaps.
        first, second = (story, known) if story.source_file and not known.source_file else (known, story)
        first.excerpt = first.excerpt or second.excerpt
        first.published = first.published or second.published
        first.publisher_name = first.publisher_name or second.publisher_name
        first.publisher_domain = first.publisher_domain or second.publisher_domain
        first.image = first.image or second.image
        first.topics = list(dict.fromkeys([*first.topics, *second.topics]))
        first.properties = {**second.properties, **first.properties}
        first.source_file = first.source_file or second.source_file
        self.stories[story.url] = first
        return first


def load_corpus(paths: Iterable[str | os.PathLike[str]]) -> Corpus:
    """Load every story file under ``paths`` into a :class:`Corpus`."""
    corpus = Corpus()
    for path in find_story_files(paths):
        corpus.add(load_file(path))
    return corpus


def result_to_dict(result: FileResult) -> dict[str, Any]:
    """A file's result as JSON-ready data (for the parsed-file cache)."""
    import dataclasses

    return {"path": result.path,
            "story": dataclasses.asdict(result.story) if result.story is not None else None,
            "issue": [result.issue.path, result.issue.text] if result.issue else None,
            "notes": [[n.path, n.text] for n in result.notes]}


def _story_from_dict(data: dict[str, Any]) -> Story:
    related = [_story_from_dict(child) for child in data.pop("related", [])]
    return Story(**data, related=related)


def result_from_dict(data: dict[str, Any]) -> FileResult:
    """Inverse of :func:`result_to_dict`."""
    return FileResult(path=data["path"],
                      story=_story_from_dict(data["story"]) if data["story"] else None,
                      issue=FileMessage(*data["issue"]) if data["issue"] else None,
                      notes=[FileMessage(*n) for n in data["notes"]])
