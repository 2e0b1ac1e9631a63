"""SQLite cache of extraction results, so rebuilds only run spaCy on new text.

A cache entry is keyed by a hash of the text, its field (title or excerpt) and the
extraction fingerprint: the model's name and version, the gazetteer (the alias table's
content, so changing aliases invalidates what it must) and the extractor's own version.
The value is the list of raw mentions (before resolution, which always reruns).

Default location: ``$STORYGRAPH_CACHE_DIR/extract.sqlite3``, else
``$XDG_CACHE_HOME/storygraph/…``, else ``~/.cache/storygraph/…``. Two processes may use
one cache at once: SQLite in WAL mode, with a busy timeout, and inserts that ignore keys
another process wrote first.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from extract.errors import StorygraphError
from extract.ner import LABEL_KINDS, Mention

#: Bump when extraction code changes what it returns for the same text and model.
EXTRACTOR_VERSION = "2"
_CHUNK = 500  # SQLite's parameter limit is generous, but keep statements small


def default_path() -> Path:
    base = os.environ.get("STORYGRAPH_CACHE_DIR")
    if base:
        return Path(base) / "extract.sqlite3"
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "storygraph" / "extract.sqlite3"


def model_fingerprint(model: str | None) -> str:
    """Name and version of the pipeline ``model`` would load, without loading it (or
    importing spaCy: a fully cached rebuild needs neither)."""
    import importlib.metadata
    import importlib.util

    from extract.ner import DEFAULT_MODELS

    for name in ((model,) if model else DEFAULT_MODELS):
        path = Path(name)
        if path.exists() and (path / "meta.json").exists():
            meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
            return f"{path.resolve()}:{meta.get('name')}-{meta.get('version')}"
        try:
            if importlib.util.find_spec(name) is not None:
                return f"{name}-{importlib.metadata.version(name)}"
        except (ImportError, ValueError, importlib.metadata.PackageNotFoundError):
            continue
    return f"{model or DEFAULT_MODELS[0]}-unknown"


def fingerprint(model: str | None, gazetteer: str) -> str:
    return f"{model_fingerprint(model)}|gazetteer={gazetteer}|extractor={EXTRACTOR_VERSION}"


def entry_key(text: str, field: str, fprint: str) -> str:
    return hashlib.blake2b(f"{fprint}\x00{field}\x00{text}".encode(), digest_size=16).hexdigest()


def _encode(mentions: Sequence[Mention]) -> str:
    return json.dumps([[m.text, m.label, m.field, m.start, m.end] for m in mentions],
                      ensure_ascii=False, separators=(",", ":"))


def _decode(data: str) -> list[Mention]:
    return [Mention(t, label, LABEL_KINDS[label], f, s, e) for t, label, f, s, e in json.loads(data)]


class ExtractionCache:
    """Raw mentions by text, for one extraction fingerprint."""

    def __init__(self, path: str | os.PathLike[str], fprint: str) -> None:
        self.path = Path(path)
        self.fingerprint = fprint
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            self._db.execute("PRAGMA busy_timeout = 60000")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS mentions "
                             "(key TEXT PRIMARY KEY, data TEXT NOT NULL) WITHOUT ROWID")
        except (OSError, sqlite3.Error) as exc:
            raise StorygraphError(f"cannot open the extraction cache {self.path} ({exc}); "
                                  f"delete that file (it only holds results that can be "
                                  f"recomputed), pass another --cache PATH, or --no-cache") from exc

    def key(self, text: str, field: str) -> str:
        return entry_key(text, field, self.fingerprint)

    def get_many(self, keys: Iterable[str]) -> dict[str, list[Mention]]:
        """Cached mentions for the keys found."""
        keys = list(keys)
        found: dict[str, list[Mention]] = {}
        for i in range(0, len(keys), _CHUNK):
            chunk = keys[i:i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT key, data FROM mentions WHERE key IN ({marks})",  # noqa: S608 - only '?' marks
                                    chunk)
            found.update((k, _decode(d)) for k, d in rows)
        return found

    def put_many(self, items: Iterable[tuple[str, Sequence[Mention]]]) -> None:
        rows = [(k, _encode(ms)) for k, ms in items]
        if not rows:
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.executemany("INSERT OR IGNORE INTO mentions (key, data) VALUES (?, ?)", rows)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM mentions").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ExtractionCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
