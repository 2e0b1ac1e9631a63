"""Text repair, URL canonicalisation and date parsing: the primitives of field checks.

Each function takes any value a YAML document can hold and either returns a clean value
or raises ValueError with a reason a person understands; none raises anything else.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from urllib.parse import unquote, urlsplit

import ftfy
from dateutil import parser as dateparser

_SPACE = re.compile(r"\s+")
#: C0/C1 controls (tab and newlines become spaces below), lone surrogates (YAML's "\ud800"
#: escapes make them; they cannot be written as UTF-8), and the bidi embedding, override
#: and isolate controls, which can make a name display as another.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff"
                     "\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def repair_text(value: str) -> str:
    """Fix mojibake and odd Unicode (``governmentâ€™s`` → ``government’s``), fold whitespace.

    Control characters, lone surrogates and bidi overrides are removed: no output format
    (UTF-8 JSON, XML, Neo4j) can hold all of them, and none is text a reader should see.
    ftfy keeps curly quotes as they are (``uncurl_quotes=False``): they are part of the
    text a reader sees; resolution normalises them where it matters.
    """
    value = _UNSAFE.sub("", value)
    # Plain ASCII holds no mojibake and no odd Unicode: skip ftfy, the loader's hot spot.
    fixed = value if value.isascii() else ftfy.fix_text(value, uncurl_quotes=False)
    return _SPACE.sub(" ", fixed).strip()


#: Host names as DNS writes them (underscores occur in real hosts), or an IPv6 literal.
_HOST = re.compile(r"[a-z0-9_](?:[a-z0-9_\-.]*[a-z0-9_])?|\[[0-9a-f:.]+\]")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_NOT_IN_URL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


def _ascii_host(host: str) -> str:
    """A host in its ASCII form: internationalised names as IDNA (punycode) A-labels.

    ``Bücher.example`` and ``xn--bcher-kva.example`` are one host. Python's IDNA codec
    (IDNA 2003 with nameprep) also folds case and full-width dots; a name it cannot
    encode (an empty or over-long label) is not a host.
    """
    host = host.rstrip(".")  # "example.com." is the same DNS name
    if host.isascii():
        return host.lower()
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError as exc:
        raise ValueError(f"host {host!r} is not a valid internationalised domain name") from exc


def canonical_url(url: object) -> str:
    """Canonical form of a story URL, so one story reached twice is one Article.

    Only absolute ``http``/``https`` URLs with a host are URLs; anything else raises
    ValueError. Lower-cases scheme and host (internationalised hosts become IDNA A-labels),
    drops the fragment, ``utm_*`` tracking parameters, a password, and a default port for
    its own scheme only (``https://x:443``, ``http://x:80``). Path and the other query
    parameters are kept verbatim, so an invalid percent-escape stays as it was written.
    """
    if not isinstance(url, str):
        raise ValueError(f"a URL must be text, not {type(url).__name__}")
    url = url.strip()
    if not url:
        raise ValueError("the URL is empty")
    if _NOT_IN_URL.search(url):
        raise ValueError("a URL cannot contain spaces or control characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:  # unclosed IPv6 bracket, port out of range or not a number
        raise ValueError(f"cannot be parsed: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise ValueError("only absolute http:// and https:// URLs are story URLs")
    raw_host = parts.hostname or ""
    if not raw_host:
        raise ValueError("the URL has no host")
    host = _ascii_host(raw_host) if not raw_host.startswith("[") else raw_host.lower()
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # urlsplit gives IPv6 literals without their brackets
    if not _HOST.fullmatch(host):
        raise ValueError(f"host {raw_host!r} is not a host name")
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = "&".join(p for p in parts.query.split("&")
                     if p and not unquote(p.split("=", 1)[0]).lower().startswith("utm_"))
    path = parts.path or "/"
    return f"{scheme}://{netloc}{path}" + (f"?{query}" if query else "")


#: Publish dates outside these years are refused (pandas holds 1677 to 2262).
MIN_YEAR, MAX_YEAR = 1700, 2200


def date_bound(value: object, *, end: bool) -> str | None:
    """One end of a date window (``--since``/``--until``): ``2020``, ``2020-06``, a date
    or a date and time → ISO 8601 UTC; as the ``end``, a year, month or day covers all of
    it (``2020-06`` → ``2020-06-30T23:59:59Z``). None stays None."""
    if value is None:
        return None
    text = str(value).strip()
    try:
        if len(text) == 4 and text.isdigit():
            text = f"{text}-12-31T23:59:59" if end else f"{text}-01-01"
        elif len(text) == 7 and text[4] == "-":
            year, month = int(text[:4]), int(text[5:])
            if end:
                last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
                text = f"{last.isoformat()}T23:59:59"
            else:
                text = f"{text}-01"
        elif end and len(text) == 10:
            text = f"{text}T23:59:59"
        return parse_datetime(text)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD") from exc


def parse_datetime(value: object) -> str | None:
    """Parse a publish date to ISO 8601 UTC (``2020-06-12T21:17:00Z``).

    Accepts what YAML gives (``datetime``, ``date``) and strings in the usual formats.
    A value without a zone is taken as UTC. Returns None for an empty value; raises
    ValueError with the offending value when it cannot be read as a date (numbers are
    not guessed at: an epoch and a year look alike).
    """
    if value is None or value == "":
        return None
    shown = repr(value) if not isinstance(value, str) or len(value) <= 60 else repr(value[:60] + "…")
    try:
        if isinstance(value, dt.datetime):
            moment = value
        elif isinstance(value, dt.date):
            moment = dt.datetime(value.year, value.month, value.day)
        elif isinstance(value, str) and len(value) <= 100:
            text = value.strip()
            try:
                moment = dateparser.isoparse(text)
            except (ValueError, OverflowError):
                moment = dateparser.parse(text)
        else:
            raise ValueError
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        moment = moment.astimezone(dt.UTC)
    except Exception as exc:  # dateutil raises several types on odd input; all mean "no date"
        raise ValueError(f"{shown} is not a date") from exc
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        # pandas (timelines) and every reader that sorts dates as text need this range.
        raise ValueError(f"{shown} is outside the years {MIN_YEAR}–{MAX_YEAR}")
    return (f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}T"
            f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}Z")


#: A stock's exchange code as wire services print it after a name ("Nvidia Corp NVDA.O",
#: "Germany's Daimler DAIGn.DE", "Volkswagen's VOWG_p.DE", "Nissan Motor Co 7201.T",
#: "(NESN.S)"): a symbol of two to six capitals or digits, perhaps a small letter, a dot
#: and the exchange's one or two capitals. ("U.S." and "E.ON" have one letter before the
#: dot.)
_TICKER = re.compile(r"(?<![\w.&])[A-Z0-9]{2,6}(?:_?[a-z])?\.[A-Z]{1,2}(?!\w|\.\w|-\w)")
_BEFORE_TICKER = re.compile(r"(?:[A-Z0-9][\w&.'’-]*\s+|\(\s*)$")


@functools.cache
def _wire_slugs() -> re.Pattern[str]:
    from extract.language import english

    words = "|".join(sorted(map(re.escape, english().wire_slugs), key=len, reverse=True))
    return re.compile(rf"(?:(?:{words})(?: \d{{1,2}})? ?- ?)+(?=[A-Z\"“‘'])")


def strip_tickers(text: str) -> tuple[str, list[int] | None]:
    """``text`` without the exchange codes printed after names, each with the space
    before it, and without a wire service's slug before a headline ("UPDATE 2-", see
    ``wire_slugs`` in the language data), and where each of its characters was in
    ``text`` (one more for its end; None where nothing was cut): the models read
    "NVDA.O" as a word of the name or as a name of its own ("VOWG_p"), a blank in its
    place as a word as well, and "NEWSMAKER-AIG" as one name."""
    slug = _wire_slugs().match(text) if text[:1].isupper() else None
    cuts = [(0, slug.end())] if slug else []
    if "." not in text and not cuts:
        return text, None
    for match in _TICKER.finditer(text):
        if _BEFORE_TICKER.search(text, max(0, match.start() - 60), match.start()):
            start = match.start()
            while start > 0 and text[start - 1] == " ":
                start -= 1
            if start > 0 and text[start - 1] == "(":  # "(NESN.S)": the brackets too
                end = match.end()
                while end < len(text) and text[end] == " ":
                    end += 1
                if end < len(text) and text[end] == ")":
                    start, end = start - 1, end + 1
                    while start > 0 and text[start - 1] == " ":
                        start -= 1
                    cuts.append((start, end))
                    continue
            cuts.append((start, match.end()))
    if not cuts:
        return text, None
    out, positions, at = [], [], 0
    for start, end in cuts:
        out.append(text[at:start])
        positions.extend(range(at, start))
        at = end
    out.append(text[at:])
    positions.extend(range(at, len(text) + 1))
    return "".join(out), positions
