"""Alias tables: known entities, their other names, and words that are never entities.

The built-in table is ``extract/data/aliases.yaml``; a user file (``--aliases FILE``) of
the same shape is merged over it: an entry whose canonical ``name`` is already known
adds its aliases to it, and any alias the user gives is taken away from the entry that
had it before, so a user can always re-point a spelling.

Shape::

    organizations:
      - name: Federal Trade Commission
        aliases: [FTC]               # resolve these and use them as gazetteer patterns
        resolve_only: [Commission]   # resolve, but too ambiguous as a bare pattern
      - name: Target
        gazetteer: false             # the name itself is a common word: no pattern for it
    people: [...]
    places: [...]
    junk: [AI, Big Tech]             # never an entity (compared case-insensitively)
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from extract import jsontext
from extract.errors import AliasFileError
from extract.kinds import GROUPS, PLACE, SPACY_LABELS
from extract.names import fold_name
from extract.userdirs import cache_dir

_ENTRY_KEYS = {"name", "id", "aliases", "resolve_only", "gazetteer"}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SHAPE = ("a mapping with 'organizations', 'people' and 'places' (lists of {name: text, "
          "aliases: [text, ...], resolve_only: [text, ...], gazetteer: true|false}) and "
          "'junk' (a list of text)")



def _compact(folded: str) -> str:
    return folded.replace(" ", "").replace("-", "")


@dataclass(slots=True)
class Entry:
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    resolve_only: list[str] = field(default_factory=list)
    gazetteer: bool = True
    id: str | None = None  # stable across renames of ``name``


@dataclass
class AliasTable:
    """Canonical names by surface form, per kind, plus the junk list."""

    entries: dict[tuple[str, str], Entry] = field(default_factory=dict)
    #: (kind, spelling) → keys of the entries that have listed it (some may no longer):
    #: a new entry takes its spellings from those only, not from every entry.
    _holders: dict[tuple[str, str], set[tuple[str, str]]] = field(
        default_factory=dict, repr=False, compare=False)
    #: (kind, id) → keys of the entries that have carried that id (some may no longer), so
    #: that finding a renamed entry does not scan the whole table for each new entry.
    _ids: dict[tuple[str, str], set[tuple[str, str]]] = field(
        default_factory=dict, repr=False, compare=False)
    junk: set[str] = field(default_factory=set)
    sources: list[str] = field(default_factory=list)

    # -- building ---------------------------------------------------------------------
    def merge(self, data: Any, source: str) -> None:
        """Merge one parsed YAML document (validated here) over this table."""
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise AliasFileError(f"{source}: expected {_SHAPE}, not a {type(data).__name__}")
        unknown = set(data) - {*GROUPS, "junk"}
        if unknown:
            raise AliasFileError(f"{source}: unknown top-level key(s) "
                                 f"{', '.join(map(repr, sorted(unknown)))}; expected {_SHAPE}")
        for group, kind in GROUPS.items():
            items = data.get(group) or []
            if not isinstance(items, list):
                raise AliasFileError(f"{source}: '{group}' must be a list of entries; "
                                     f"expected {_SHAPE}")
            first = not self.entries  # nothing to take spellings away from yet
            for i, item in enumerate(items):
                self._merge_entry(self._entry(item, kind, f"{source}: {group}[{i}]"),
                                  reassign=not first)
        junk = data.get("junk") or []
        if not isinstance(junk, list) or not all(isinstance(j, str) for j in junk):
            raise AliasFileError(f"{source}: 'junk' must be a list of text")
        self.junk |= {fold_name(j) for j in junk}
        self.sources.append(source)
        for cached in ("_index", "_strong", "_folded", "_compact"):
            self.__dict__.pop(cached, None)

    @staticmethod
    def _entry(item: Any, kind: str, where: str) -> Entry:
        if not isinstance(item, dict):
            raise AliasFileError(f"{where}: {item!r} is not an entry; expected {{name: text, "
                                 f"aliases: [text, ...]}}")
        extra = set(item) - _ENTRY_KEYS
        if extra:
            raise AliasFileError(f"{where}: unknown key(s) {', '.join(map(repr, sorted(extra)))}"
                                 f"; an entry has only name, aliases, resolve_only and gazetteer")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise AliasFileError(f"{where}: 'name' must be non-empty text, got {name!r}")
        lists = {}
        for key in ("aliases", "resolve_only"):
            value = item.get(key) or []
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                                      for v in value):
                raise AliasFileError(f"{where} ({name}): '{key}' must be a list of "
                                     f"non-empty text, got {value!r}")
            lists[key] = [" ".join(v.split()) for v in value]
        gazetteer = item.get("gazetteer", True)
        if not isinstance(gazetteer, bool):
            raise AliasFileError(f"{where} ({name}): 'gazetteer' must be true or false")
        ident = item.get("id")
        if ident is not None and not (isinstance(ident, str) and _ID.match(ident)):
            raise AliasFileError(f"{where} ({name}): 'id' must be lower-case letters, digits "
                                 f"and '-' (like 'acme-widgets'), got {ident!r}")
        return Entry(" ".join(name.split()), kind, lists["aliases"], lists["resolve_only"],
                     gazetteer, ident)

    def _merge_entry(self, new: Entry, *, reassign: bool = True) -> None:
        spellings = {*new.aliases, *new.resolve_only}
        holders = {key for s in (spellings if reassign else ())
                   for key in self._holders.get((new.kind, s), ())}
        for key in sorted(holders):
            entry = self.entries.get(key)
            if entry is not None and entry.kind == new.kind and entry.name != new.name:
                entry.aliases = [a for a in entry.aliases if a not in spellings]
                entry.resolve_only = [a for a in entry.resolve_only if a not in spellings]
        if new.id is not None:  # the same id under a new name: the entry was renamed
            renamed = [key for key in sorted(self._ids.get((new.kind, new.id), ()))
                       if (entry := self.entries.get(key)) is not None
                       and entry.kind == new.kind and entry.id == new.id
                       and entry.name != new.name]
            for key in renamed:
                before = self.entries.pop(key)
                new.aliases = list(dict.fromkeys([*new.aliases, before.name, *before.aliases]))
                new.resolve_only = list(dict.fromkeys([*new.resolve_only, *before.resolve_only]))
        old = self.entries.get((new.kind, new.name))
        if old is None:
            self.entries[(new.kind, new.name)] = new
        else:
            old.aliases = list(dict.fromkeys([*old.aliases, *new.aliases]))
            old.resolve_only = list(dict.fromkeys([*old.resolve_only, *new.resolve_only]))
            old.gazetteer = new.gazetteer
            old.id = new.id or old.id
        key = (new.kind, new.name)
        if new.id is not None:
            self._ids.setdefault((new.kind, new.id), set()).add(key)
        for spelling in (*new.aliases, *new.resolve_only):
            self._holders.setdefault((new.kind, spelling), set()).add(key)

    # -- lookups ----------------------------------------------------------------------
    def _spellings(self, *, ambiguous: bool, fold: bool = False) -> dict[str, dict[str, str]]:
        """Spelling → {kind: canonical name}; with ``fold``, case-folded, and only for
        spellings long enough to be safe; ``ambiguous`` adds the ``resolve_only`` ones."""
        index: dict[str, dict[str, str]] = {}
        for entry in self.entries.values():
            # A name that is also a common word or a place (gazetteer: false) is as
            # ambiguous as a resolve_only spelling: it resolves, never forces a kind.
            own = [entry.name] if entry.gazetteer or ambiguous else []
            names = [*own, *entry.aliases, *(entry.resolve_only if ambiguous else ())]
            for spelling in names:
                if fold and len(spelling) <= 3:
                    continue
                key = fold_name(spelling) if fold else spelling
                index.setdefault(key, {}).setdefault(entry.kind, entry.name)
        return index

    @cached_property
    def _index(self) -> dict[str, dict[str, str]]:
        return self._spellings(ambiguous=True)

    @cached_property
    def _strong(self) -> dict[str, dict[str, str]]:
        return self._spellings(ambiguous=False)

    @cached_property
    def _folded(self) -> dict[str, dict[str, str]]:
        return self._spellings(ambiguous=False, fold=True)

    @cached_property
    def _compact(self) -> dict[str, dict[str, str]]:
        return {_compact(k): v for k, v in self._folded.items() if len(k) >= 6}

    def lookup(self, text: str, *, strong: bool = False) -> dict[str, str]:
        """Kinds and canonical names a spelling is known under (empty if unknown).

        Exact spelling first; case-insensitive only for spellings of four letters or more
        (so ``US`` matches but ``us`` does not), then, from six letters on, without spaces
        and hyphens (``Delta Airlines`` is Delta Air Lines). ``strong`` leaves out the
        ambiguous ``resolve_only`` spellings.
        """
        exact = self._strong if strong else self._index
        folded = fold_name(text)
        return (exact.get(text) or self._folded.get(folded)
                or (self._compact.get(_compact(folded), {}) if len(folded) >= 6 else {}))

    def is_junk(self, text: str) -> bool:
        return fold_name(text) in self.junk

    def is_known(self, kind: str, name: str) -> bool:
        return (kind, name) in self.entries

    def entry_id(self, kind: str, name: str) -> str | None:
        """The stable id of a known entity (None for a name the table does not know)."""
        entry = self.entries.get((kind, name))
        return entry.id if entry is not None else None

    def patterns(self) -> list[dict[str, str]]:
        """entity_ruler phrase patterns: every organization and person name and alias.

        The table lists each spelling once; its case variants are made here. A name of
        several words matches in any case (``caseless``: ``Bank Of America``, ``USA
        TODAY``), except one that starts with "The", whose lower-case form is ordinary
        text (``the hill``). A one-word name matches as written, in capitals and
        capitalised (``Nvidia``, ``NVIDIA``), never in lower case (``time``, ``arm``).
        Places are left to the model: many place names are also people's names
        (Washington, Jordan, Georgia) and a pattern would force the place reading.
        """
        seen = set()
        patterns = []
        for entry in self.entries.values():
            if entry.kind == PLACE:
                continue
            names = (entry.name, *entry.aliases) if entry.gazetteer else entry.aliases
            for spelling in names:
                if len(spelling) <= 1:
                    continue
                words = spelling.split()
                if len(words) > 1 and words[0].lower() != "the":
                    variants = [(spelling, True)]
                elif len(words) == 1 and not spelling.islower():
                    # (no variant without a capital: "3M" capitalised is "3m", as in "£3m")
                    variants = [(v, False) for v in (spelling, spelling.upper(),
                                                     spelling[0].upper() + spelling[1:].lower())
                                if not v.islower() and v != v.lower()]
                else:
                    variants = [(spelling, False)]
                for variant, caseless in variants:
                    key = (SPACY_LABELS[entry.kind], variant, caseless)
                    if key not in seen:
                        seen.add(key)
                        pattern = {"label": key[0], "pattern": variant}
                        if caseless:
                            pattern["caseless"] = True
                        patterns.append(pattern)
        return patterns

    def fingerprint(self) -> str:
        """A stable hash of the table's content (for caches that depend on it)."""
        import hashlib

        h = hashlib.sha256()
        for (kind, name), entry in sorted(self.entries.items()):
            h.update(repr((kind, name, entry.aliases, entry.resolve_only,
                           entry.gazetteer, entry.id)).encode())
        h.update(repr(sorted(self.junk)).encode())
        return h.hexdigest()[:16]


def builtin_path() -> Path:
    return Path(str(resources.files("extract") / "data" / "aliases.yaml"))


@lru_cache(maxsize=8)  # read per text by datelines and relation rules: once per process
def builtin_section(heading: str) -> frozenset[str]:
    """Every spelling (names and aliases) of the built-in organizations listed under the
    ``# --- <heading>`` comment of ``aliases.yaml`` ("news organisations")."""
    lines, inside = [], False
    for line in builtin_path().read_text(encoding="utf-8").splitlines():
        if line.startswith("  # --- "):
            inside = line[len("  # --- "):].startswith(heading)
        elif inside:
            lines.append(line)
    entries = yaml.load("\n".join(lines), Loader=_Loader) or []  # noqa: S506 - safe loader
    return frozenset(spelling for entry in entries
                     for spelling in (entry["name"], *entry.get("aliases", ())))


def place_overrides_path() -> Path:
    """Hand-written places over the generated gazetteer (news spellings, regions)."""
    return Path(str(resources.files("extract") / "data" / "place_overrides.yaml"))


try:  # the C loader reads the built-in table several times faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def _read(path: str | os.PathLike[str]) -> Any:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise AliasFileError(f"{path}: no such aliases file") from exc
    except OSError as exc:
        raise AliasFileError(f"{path}: cannot read the aliases file ({exc})") from exc
    parsed = _parsed_path(data)
    with contextlib.suppress(OSError, ValueError):
        return jsontext.loads(parsed.read_bytes())
    try:
        value = yaml.load(data.decode("utf-8"), Loader=_Loader)  # noqa: S506 - safe loader
    except UnicodeDecodeError as exc:
        raise AliasFileError(f"{path}: cannot read the aliases file ({exc})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise AliasFileError(f"{path}: not valid YAML{where} "
                             f"({getattr(exc, 'problem', exc)}); expected {_SHAPE}") from exc
    # Only what JSON holds as YAML held it (not dates): anything else is parsed each time.
    with contextlib.suppress(OSError, TypeError, ValueError):
        text = jsontext.dumps(value)
        if jsontext.loads(text) == value:
            parsed.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=parsed.parent, suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(text)
                os.replace(tmp, parsed)  # whole or not at all, whoever writes it too
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
    return value


def _parsed_path(data: bytes) -> Path:
    # Parsed YAML by the content's hash, as JSON: the built-in table's 170 kB took 0.2–0.3 s
    # to parse in every process that loads it (the build's and each NER worker's), its
    # JSON 0.01 s. A file that changes has another hash; an unreadable entry is a miss.
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    return cache_dir() / "parsed" / f"aliases-{_PARSED_VERSION}-{digest}.json"


#: Bump when what :func:`_read` returns for the same bytes changes.
_PARSED_VERSION = 1


@lru_cache(maxsize=4)
def _read_unchanged(path: str, mtime_ns: int, size: int) -> Any:
    # The built-in files are read by every build and by the rules that ask the table
    # which names are regulators; ``merge`` never changes what it reads.
    return _read(path)


def load_aliases(user_file: str | os.PathLike[str] | None = None, *,
                 builtin: bool = True) -> AliasTable:
    """The built-in alias table, with ``user_file`` merged over it when given."""
    table = AliasTable()
    if builtin:
        for path in (builtin_path(), place_overrides_path()):
            stat = path.stat()
            table.merge(_read_unchanged(str(path), stat.st_mtime_ns, stat.st_size), str(path))
    if user_file is not None:
        table.merge(_read(user_file), os.fspath(user_file))
    return table
