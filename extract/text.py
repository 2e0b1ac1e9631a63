"""Text repair, URL canonicalisation and date parsing for story fields."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import ftfy
from dateutil import parser as dateparser

_SPACE = re.compile(r"\s+")


def repair_text(value: str) -> str:
    """Fix mojibake and odd Unicode (``governmentâ€™s`` → ``government’s``), fold whitespace.

    ftfy keeps curly quotes as they are (``uncurl_quotes=False``): they are part of the
    text a reader sees; resolution normalises them where it matters.
    """
    # Plain ASCII holds no mojibake and no odd Unicode: skip ftfy, the loader's hot spot.
    fixed = value if value.isascii() else ftfy.fix_text(value, uncurl_quotes=False)
    return _SPACE.sub(" ", fixed).strip()


def canonical_url(url: str) -> str:
    """Canonical form of a story URL, so one story reached twice is one Article.

    Lower-cases scheme and host, drops the fragment, ``utm_*`` tracking parameters and a
    default port; keeps path and other query parameters as they are (they can matter).
    """
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port if parts.port not in (None, 80, 443) else None
    netloc = host if port is None else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
         if not k.lower().startswith("utm_")],
        doseq=True,
    )
    path = parts.path or ("/" if host else "")
    return urlunsplit((scheme, netloc, path, query, ""))


def parse_datetime(value: object) -> str | None:
    """Parse a publish date to ISO 8601 UTC (``2020-06-12T21:17:00Z``).

    Accepts what YAML gives (``datetime``, ``date``) and strings in the usual formats.
    A value without a zone is taken as UTC. Returns None for an empty value; raises
    ValueError with the offending value when it cannot be read as a date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            moment = dateparser.isoparse(value.strip())
        except (ValueError, OverflowError):
            try:
                moment = dateparser.parse(value.strip())
            except (ValueError, OverflowError) as exc:
                raise ValueError(f"not a date: {value!r}") from exc
    else:
        raise ValueError(f"not a date: {value!r}")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
