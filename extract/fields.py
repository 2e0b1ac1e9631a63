"""Every front-matter value is checked here, in one place.

A YAML document can put any value in any field: null, a bool, an int of a thousand
digits, ``.inf``, a string with control characters, a list, a mapping nested to any
depth, a date, bytes (``!!binary``), a set. Each value is either *used* (cleaned into a
Story field), *noted* (dropped, with a note naming the field and the reason, and the
story kept), or, when it leaves no usable story, a :class:`BadStory` the loader turns
into a load issue. Nothing here raises anything else.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import sys
from collections.abc import Callable
from typing import Any

from extract.text import canonical_url, parse_datetime, repair_text

#: Keys read into Story fields; any other scalar key is kept in ``Story.properties``.
KNOWN_KEYS = frozenset({
    "title", "excerpt", "publishedDateTime", "webUrl", "ampWebUrl", "cdnAmpWebUrl",
    "category", "type", "quality", "heat", "published", "provider", "topics", "images",
    "related", "secured",
})
#: Never copied into the graph: ``secured`` is an opaque token, AMP URLs are mirrors.
DROPPED_KEYS = frozenset({"secured", "ampWebUrl", "cdnAmpWebUrl"})
#: Scalar keys copied as they are onto the Article node.
SCALAR_KEYS = ("category", "type", "quality", "heat", "published")
#: A document key becomes a property name in JSON, GraphML, Parquet and Neo4j: keep the
#: names every one of them takes.
_PROPERTY_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]{0,63}")
#: Neo4j and Parquet hold 64-bit integers; a bigger one is not silently cut.
_INT64 = (-(2 ** 63), 2 ** 63 - 1)

Note = Callable[[str], None]


class BadStory(Exception):
    """The mapping cannot be a story (no usable title); the message says why."""


def shown(value: Any) -> str:
    """A value as a note shows it: its repr, cut short, whatever its size."""
    if isinstance(value, str | bytes) and len(value) > 80:
        value = value[:80]
        return repr(value)[:-1] + "…" + repr(value)[-1]
    if isinstance(value, int) and value.bit_length() > 200:  # repr fails past 4,300 digits
        return "an integer of more than 60 digits"
    if isinstance(value, list | tuple | set | dict | frozenset):
        return f"a {type(value).__name__} of {len(value)} item(s)"
    text = repr(value)
    return text if len(text) <= 80 else text[:80] + "…"


def _type(value: Any) -> str:
    return {dict: "mapping", list: "list", bytes: "binary value", set: "set"}.get(
        type(value), type(value).__name__)


def short(value: str) -> str:
    """Short values repeat across a corpus (publishers, topics, "news"): keep one copy."""
    return sys.intern(value) if len(value) <= 64 else value


def text_value(value: Any) -> str | None:
    """Text from a string or a number (``title: 2024`` is text to a reader); None when the
    value is neither."""
    if isinstance(value, str):
        return repair_text(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else None
    if isinstance(value, int):
        return str(value) if value.bit_length() <= 200 else None
    return None


def scalar_value(value: Any) -> str | int | float | bool:
    """A property value every output format holds; raises ValueError with the reason."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        if not _INT64[0] <= value <= _INT64[1]:
            raise ValueError("is an integer beyond 64 bits")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("is not a finite number")
        return value
    if isinstance(value, str):
        return repair_text(value)
    if isinstance(value, dt.datetime | dt.date):
        stamp = parse_datetime(value)  # raises ValueError for out-of-range years
        assert stamp is not None
        return stamp
    raise ValueError(f"is a {_type(value)}, not a single value")


def title_of(data: dict[Any, Any], where: str) -> str:
    title = data.get("title")
    if title is None:
        raise BadStory(f"{where} has no 'title'; every story needs a title")
    text = text_value(title)
    if text is None:
        raise BadStory(f"{where} 'title' must be text, not a {_type(title)}")
    if not text:
        raise BadStory(f"{where} 'title' is empty")
    return text


def generated_url(title: str, context: str) -> str:
    """A stable, unique key for a story without a usable webUrl: a hash of what
    identifies it (its title and its file, or its parent story for a related entry)."""
    digest = hashlib.sha1(f"{context}\n{title}".encode("utf-8", "replace")).hexdigest()[:16]
    return f"urn:storygraph:{digest}"


def url_of(data: dict[Any, Any], where: str, note: Note) -> str | None:
    raw = data.get("webUrl")
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        return canonical_url(raw)
    except ValueError as exc:
        note(f"{where}: webUrl {shown(raw)} is not a story URL ({exc}); "
             f"the story gets a generated key")
        return None


def published_of(data: dict[Any, Any], where: str, note: Note) -> str | None:
    raw = data.get("publishedDateTime")
    try:
        return parse_datetime(raw)
    except ValueError as exc:
        note(f"{where}: publishedDateTime {exc}; the story is kept undated")
        return None


def excerpt_of(data: dict[Any, Any], where: str, note: Note) -> str:
    raw = data.get("excerpt")
    if raw is None:
        return ""
    text = text_value(raw)
    if text is None:
        note(f"{where}: excerpt is a {_type(raw)}, not text; ignored")
        return ""
    return text


def publisher_of(data: dict[Any, Any], where: str, note: Note) -> tuple[str | None, str | None]:
    provider = data.get("provider")
    if provider is None:
        return None, None
    if not isinstance(provider, dict):
        note(f"{where}: provider is a {_type(provider)}, not a mapping with name and "
             f"domain; ignored")
        return None, None
    name = provider.get("name")
    name_text = text_value(name) if name is not None else None
    if name is not None and name_text is None:
        note(f"{where}: provider name is a {_type(name)}, not text; ignored")
    domain = provider.get("domain")
    domain_text: str | None = None
    if isinstance(domain, str) and domain.strip():
        try:
            host = canonical_url(f"http://{domain.strip()}/")
            domain_text = host[len("http://"):-1].split("@")[-1]
        except ValueError:
            note(f"{where}: provider domain {shown(domain)} is not a domain name; ignored")
    elif domain is not None:
        note(f"{where}: provider domain is a {_type(domain)}, not text; ignored")
    return (short(name_text) if name_text else None), (short(domain_text) if domain_text else None)


def topics_of(data: dict[Any, Any], where: str, note: Note) -> list[str]:
    value = data.get("topics")
    if value is None:
        return []
    if not isinstance(value, list):
        value = [value]
    topics = []
    for i, item in enumerate(value):
        text = text_value(item)
        if text is None:
            note(f"{where}: topics[{i}] is a {_type(item)}, not text; ignored")
        elif text:
            topics.append(short(text))
    return topics


def image_of(data: dict[Any, Any], where: str, note: Note) -> str | None:
    value = data.get("images")
    if value is None:
        return None
    if not isinstance(value, list):
        note(f"{where}: images is a {_type(value)}, not a list; ignored")
        return None
    for i, item in enumerate(value):
        url = item.get("url") if isinstance(item, dict) else None
        if url is None:
            continue
        try:
            return canonical_url(url)
        except ValueError as exc:
            note(f"{where}: images[{i}].url {shown(url)} is not an image URL ({exc}); ignored")
    return None


def properties_of(data: dict[Any, Any], where: str, note: Note) -> dict[str, Any]:
    """The known scalar fields and every other scalar key, as Article properties."""
    properties: dict[str, Any] = {}
    for key, value in data.items():
        if not isinstance(key, str):
            note(f"{where}: key {shown(key)} is not text; its value is ignored")
            continue
        if key in KNOWN_KEYS and key not in SCALAR_KEYS or value is None:
            continue
        if not _PROPERTY_NAME.fullmatch(key):
            note(f"{where}: field name {shown(key)} is not a property name (letters, "
                 f"digits, '_', '.', '-', at most 64); ignored")
            continue
        try:
            clean = scalar_value(value)
        except ValueError as exc:
            note(f"{where}: field {key!r} {exc}; ignored")
            continue
        properties[key] = short(clean) if key in SCALAR_KEYS and isinstance(clean, str) else clean
    return properties
