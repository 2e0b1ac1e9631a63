"""The place gazetteer: countries, first-level subdivisions and cities from GeoNames and
ISO 3166, compiled by ``scripts/make_places.py`` into ``extract/data/places.tsv.gz``.

It gives a place found by the model its common English name (``Sao Paulo`` and ``SAO
PAULO`` → ``São Paulo``, ``Kiev`` → ``Kyiv``) and tells a country or a big city that the
model took for an organization. An ambiguous spelling is resolved by the story: a place
in a country the story already names first, then countries before subdivisions before
cities, then population. The hand-written alias table (news conventions such as
"Washington, D.C.") always comes first; this table only answers what it does not know.

Loaded lazily, once per process (about 0.2 s): builds that resolve no place never pay.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from extract.names import fold_name

KIND_ORDER = {"country": 0, "state": 1, "city": 2}
#: Countries whose states or provinces news names as places in their own right.
FEDERATIONS = frozenset({"US", "CA", "AU", "IN", "BR", "MX", "CN", "GB", "DE"})
#: A city at least this big, named exactly, is a place even when the model said otherwise.
BIG_CITY = 1_000_000
#: A city at least this big, read as a place, stays a place: it does not join a story's
#: organization of which it is the first word (Detroit is not "Detroit Police Department",
#: but Delta, a town of 100,000, is Delta Air Lines in a story on the airline).
LARGE_CITY = 250_000


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: str  # country, state or city
    country: str  # ISO 3166-1 alpha-2
    population: int


class PlaceGazetteer:
    """Places by exact name and by folded spelling (names and alternate names)."""

    def __init__(self, rows: Iterable[tuple[str, str, str, int, list[str]]]) -> None:
        """``rows``: name, kind, country, population, and the :func:`fold` keys of the
        name and its alternate names."""
        self._by_name: dict[str, list[Place]] = {}
        self._by_fold: dict[str, list[Place]] = {}
        self._seen: dict[str, list[Place]] = {}
        for name, kind, country, population, keys in rows:
            place = Place(name, kind, country, population)
            self._by_name.setdefault(name, []).append(place)
            for key in keys:
                self._by_fold.setdefault(key, []).append(place)

    def candidates(self, text: str) -> list[Place]:
        """Every place a spelling may name (exact names first)."""
        found = self._seen.get(text)
        if found is None:  # names repeat across a corpus: look each up once
            exact = self._by_name.get(text, [])
            found = exact + [p for p in self._by_fold.get(fold_name(text, accents=False), []) if p not in exact]
            if len(self._seen) < 1 << 16:
                self._seen[text] = found
        return found

    def best(self, text: str, context: Iterable[str] = (), *,
             kinds: Iterable[str] = ("country", "state", "city")) -> Place | None:
        """The place a spelling names in a story whose other places are in ``context``
        (country codes), among the ``kinds`` asked for: a place of that exact name first.

        Another name (an alternate name: ``Bombay``) counts only for a large city: old
        and foreign names of small towns are also the names of other things
        (``Hindenburg``, once a name of Zabrze).
        """
        wanted = set(kinds)
        key = fold_name(text, accents=False)
        found = [p for p in self.candidates(text) if p.kind in wanted
                 and (fold_name(p.name, accents=False) == key or p.kind != "city" or p.population >= LARGE_CITY)]
        if not found:
            return None
        near = set(context)
        return min(found, key=lambda p: (p.name != text, p.country not in near,
                                         KIND_ORDER[p.kind], -p.population, p.name))

    def is_unmistakable(self, text: str, *, population: int = BIG_CITY) -> bool:
        """Whether ``text``, exactly as written, is a country, a state or province of a
        big federation, or a city of at least ``population`` (so a model's other reading
        is the error). Other subdivisions are places only where the model says so: their
        names are often words (Nigeria's Delta, Ghana's Central)."""
        return any(p.kind == "country" or p.kind == "state" and p.country in FEDERATIONS
                   or p.kind == "city" and p.population >= population
                   for p in self._by_name.get(text, []))


def _rows(data: bytes) -> Iterable[tuple[str, str, str, int, list[str]]]:
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        name, kind, country, population, keys = line.split("\t")
        yield name, kind, country, int(population), keys.split("|")


@dataclass(frozen=True, slots=True)
class Convention:
    """A bare ``spelling`` that in news means ``place``, unless the story names one of
    ``unless`` (``Washington`` is the US capital unless the story is about the state)."""

    spelling: str
    place: str
    unless: frozenset[str]


@cache
def conventions() -> dict[str, Convention]:
    """The shipped news conventions (``extract/data/place_conventions.yaml``), by spelling."""
    import yaml

    text = (resources.files("extract") / "data" / "place_conventions.yaml").read_text("utf-8")
    return {row["spelling"]: Convention(row["spelling"], row["place"], frozenset(row["unless"]))
            for row in yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []}  # noqa: S506 - safe


@cache
def builtin() -> PlaceGazetteer:
    """The shipped gazetteer."""
    data = (resources.files("extract") / "data" / "places.tsv.gz").read_bytes()
    return PlaceGazetteer(_rows(data))
