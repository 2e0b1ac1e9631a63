"""How names are compared: one folding of a name into the key that lookups and matches
use, everywhere (alias tables, the place gazetteer, topics, gold files, graph lookups)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "`": "'"})


def normalise_quotes(text: str) -> str:
    """Curly quotes and primes to their ASCII forms."""
    return text.translate(_QUOTES)


@lru_cache(maxsize=1 << 16)
def fold_name(text: str, *, accents: bool = True) -> str:
    """The key a name is compared by: ASCII quotes, single spaces, case folded; with
    ``accents=False`` accents go too (``SÃO PAULO``, ``Sao Paulo`` → ``sao paulo``)."""
    text = normalise_quotes(text)
    if not accents:
        text = "".join(c for c in unicodedata.normalize("NFKD", text)
                       if not unicodedata.combining(c))
    return " ".join(text.split()).casefold()
