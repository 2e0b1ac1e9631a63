"""SQLite cache of extraction results, so rebuilds only run spaCy on new text.

A cache entry is keyed by a hash of the text (a title with its excerpt, which decides
its sentence-case copy), its field (title or excerpt) and the
extraction fingerprint: the model's name and version, the gazetteer (the alias table's
content, so changing aliases invalidates what it must) and the extractor's own version.
The value is the list of raw mentions (before resolution, which always reruns) and the
typed relations found between them (:mod:`extract.relations`; none when relations are
off, which is part of the fingerprint).

A second table holds parsed story files: a rebuild reads each file's bytes, and when its
path, size, modification time and content hash (and the loader's version) are those of
the entry, takes the parsed result instead of parsing YAML and repairing text again.

Default location: ``$STORYGRAPH_CACHE_DIR/extract.sqlite3``, else
``$XDG_CACHE_HOME/storygraph/…``, else ``~/.cache/storygraph/…``. Two processes may use
one cache at once: SQLite in WAL mode, with a busy timeout, and inserts that ignore keys
another process wrote first.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from extract import jsontext
from extract.documents import FileResult, result_from_dict, result_to_dict
from extract.kinds import LABEL_KINDS
from extract.ner import Mention
from extract.relations import Relation
from extract.userdirs import cache_dir

#: Bump when extraction code changes what it returns for the same text and model.
EXTRACTOR_VERSION = "183"
#: What one text's entry holds: its mentions and its relations.
Findings = tuple[list[Mention], list[Relation]]
_CHUNK = 500  # SQLite's parameter limit is generous, but keep statements small


def default_path() -> Path:
    return cache_dir() / "extract.sqlite3"


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


def fingerprint(model: str | None, gazetteer: str, *, relations: bool = True) -> str:
    return (f"{model_fingerprint(model)}|gazetteer={gazetteer}|extractor={EXTRACTOR_VERSION}"
            f"|relations={'on' if relations else 'off'}")


def entry_key(text: str, field: str, fprint: str) -> str:
    return hashlib.blake2b(f"{fprint}\x00{field}\x00{text}".encode(), digest_size=16).hexdigest()


def _encode(mentions: Sequence[Mention], relations: Sequence[Relation] = ()) -> str:
    return json.dumps({"m": [[m.text, m.label, m.field, m.start, m.end] for m in mentions],
                       "r": [r.to_list() for r in relations]},
                      ensure_ascii=False, separators=(",", ":"))


def _decode(data: str) -> Findings | None:
    """The mentions and relations of one entry; None (a miss) for an entry this version
    cannot read."""
    try:
        value = jsontext.loads(data)
        return ([Mention(t, label, LABEL_KINDS[label], f, s, e)
                 for t, label, f, s, e in value["m"]],
                [Relation.from_list(r) for r in value["r"]])
    except (ValueError, TypeError, KeyError):
        return None


def _stamp(path: str) -> str | None:
    """Loader version, size and content hash of a file (None when it cannot be read: then
    it is parsed, and the parse reports why). The modification time is left out on
    purpose: a copied, restored or touched file with the same bytes is still a hit."""
    from extract.documents import LOADER_VERSION, MAX_FILE_BYTES

    try:
        info = os.stat(path)
        if info.st_size > MAX_FILE_BYTES:
            return None
        with open(path, "rb") as fh:
            digest = hashlib.blake2b(fh.read(), digest_size=16).hexdigest()
    except OSError:
        return None
    return f"{LOADER_VERSION}:{info.st_size}:{digest}"


def _result(data: str) -> FileResult | None:
    try:
        return result_from_dict(jsontext.loads(data))
    except (ValueError, TypeError, KeyError):
        return None  # an entry this version cannot read: parse the file again


#: The tables' layout; a cache file of another layout is emptied, not misread.
SCHEMA_VERSION = 2


class ExtractionCache:
    """Raw mentions by text, for one extraction fingerprint.

    The cache never stops a build. A file that is not a readable SQLite database is
    moved aside (``NAME.corrupt``) and a new cache is started; a cache that cannot be
    opened or written (a read-only folder, a full disk) is switched off for the rest of
    the build. Either way one message says what happened (``warnings``).
    """

    def __init__(self, path: str | os.PathLike[str], fprint: str) -> None:
        self.path = Path(path)
        self.fingerprint = fprint
        self.warnings: list[str] = []
        self.files_parsed = 0
        self._db: sqlite3.Connection | None = None
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as exc:  # not a database, or a damaged one
            self._move_aside(exc)
        except (OSError, sqlite3.Error) as exc:
            self._off(f"cannot open it ({exc})")

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        try:
            db.execute("PRAGMA busy_timeout = 60000")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                # Another layout (or a new file): start the table afresh.
                db.execute("BEGIN IMMEDIATE")
                db.execute("DROP TABLE IF EXISTS mentions")
                db.execute("DROP TABLE IF EXISTS files")
                db.execute("CREATE TABLE mentions (key TEXT PRIMARY KEY, data TEXT NOT NULL) "
                           "WITHOUT ROWID")
                db.execute("CREATE TABLE files (path TEXT PRIMARY KEY, stamp TEXT NOT NULL, "
                           "data TEXT NOT NULL) WITHOUT ROWID")
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                db.execute("COMMIT")
            db.execute("SELECT key, data FROM mentions LIMIT 1").fetchall()
        except BaseException:
            db.close()
            raise
        return db

    def _move_aside(self, exc: Exception) -> None:
        aside = self.path.with_name(self.path.name + ".corrupt")
        try:
            for suffix in ("-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            os.replace(self.path, aside)
            self._db = self._open()
        except (OSError, sqlite3.Error) as again:
            self._off(f"it is not a readable database ({exc}) and could not be replaced "
                      f"({again})")
            return
        self.warnings.append(f"the extraction cache {self.path} was not a readable database "
                             f"({exc}); it was moved to {aside} (delete it when you like) "
                             f"and a new cache was started")

    def _off(self, reason: str) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None
        self.warnings.append(f"the extraction cache {self.path} is not used for the rest of "
                             f"this build: {reason}. Results are only recomputed; pass "
                             f"another --cache PATH, or --no-cache")

    @property
    def active(self) -> bool:
        return self._db is not None

    def key(self, text: str, field: str) -> str:
        return entry_key(text, field, self.fingerprint)

    def get_many(self, keys: Iterable[str]) -> dict[str, Findings]:
        """Cached mentions and relations for the keys found (none once the cache is off)."""
        keys = list(keys)
        found: dict[str, Findings] = {}
        for i in range(0, len(keys), _CHUNK):
            for k, d in self._select("SELECT key, data FROM mentions WHERE key IN ({marks})",
                                     keys[i:i + _CHUNK]):
                if (mentions := _decode(d)) is not None:
                    found[k] = mentions
        return found

    def _select(self, statement: str, keys: list[str]) -> list[tuple]:
        """Rows of ``statement`` (with ``{marks}`` for one ``?`` per key: only the marks are
        formatted in, the keys are parameters); none once the cache is off, and a read
        error switches it off."""
        if self._db is None or not keys:
            return []
        marks = ",".join("?" * len(keys))
        try:
            return self._db.execute(statement.format(marks=marks), keys).fetchall()
        except sqlite3.Error as exc:
            self._off(f"reading it failed ({exc})")
            return []

    def put_many(self, items: Iterable[tuple[str, Sequence[Mention], Sequence[Relation]]]
                 ) -> None:
        """Store ``(key, mentions, relations)`` entries (a key already stored is kept)."""
        self._write("INSERT OR IGNORE INTO mentions (key, data) VALUES (?, ?)",
                    [(k, _encode(ms, rs)) for k, ms, rs in items])

    # -- parsed story files ---------------------------------------------------------
    def load_files(self, paths: Sequence[os.PathLike[str] | str], *,
                   parse: Callable[[list[str]], Iterable[FileResult]] | None = None
                   ) -> list[FileResult]:
        """:func:`extract.documents.load_file` for every path, in order, taking the
        parsed result of an unchanged file from the cache and storing the others.
        ``parse`` reads the files the cache does not know, in order (default: one after
        the other here; the build passes its reader processes). ``self.files_parsed``
        counts the files that were parsed."""
        from extract.documents import load_file

        def serial(paths: list[str]) -> Iterable[FileResult]:
            return map(load_file, paths)

        parse = parse or serial
        names = [os.fspath(p) for p in paths]
        stamps = [_stamp(p) for p in names]
        results: list[FileResult | None] = []
        for start in range(0, len(names), _CHUNK):
            chunk = names[start:start + _CHUNK]
            known = self._files(chunk)
            results.extend(_result(known[p][1]) if p in known and stamp and known[p][0] == stamp
                           else None
                           for p, stamp in zip(chunk, stamps[start:start + _CHUNK], strict=True))
        # The files the cache does not know, all in one call: ``parse`` may share them out.
        missing = [i for i, result in enumerate(results) if result is None]
        fresh: list[tuple[str, str, str]] = []
        for i, result in zip(missing, parse([names[i] for i in missing]), strict=True):
            results[i] = result
            if stamps[i]:
                fresh.append((names[i], stamps[i], json.dumps(result_to_dict(result),
                                                              ensure_ascii=False,
                                                              separators=(",", ":"))))
        self.files_parsed = len(missing)
        for start in range(0, len(fresh), _CHUNK):
            self._write("INSERT OR REPLACE INTO files (path, stamp, data) VALUES (?, ?, ?)",
                        fresh[start:start + _CHUNK])
        return results  # type: ignore[return-value] # every None was filled

    def _files(self, paths: list[str]) -> dict[str, tuple[str, str]]:
        rows = self._select("SELECT path, stamp, data FROM files WHERE path IN ({marks})", paths)
        return {p: (st, d) for p, st, d in rows}

    def _write(self, statement: str, rows: list[tuple]) -> None:
        if not rows or self._db is None:
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(statement, rows)
                self._db.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            self._off(f"writing to it failed ({exc})")

    def __len__(self) -> int:
        if self._db is None:
            return 0
        return self._db.execute("SELECT count(*) FROM mentions").fetchone()[0]

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def __enter__(self) -> ExtractionCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
