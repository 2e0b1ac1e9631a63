"""Surface form → canonical entity.

Resolution runs over the whole corpus at once, because some decisions need more than one
article (which kind a name has, which full name a bare surname stands for). The input is
the raw :class:`~extract.ner.Mention` lists per story; the output is one
:class:`Resolved` per kept mention, carrying its canonical name and kind.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from extract.ner import Mention

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "`": "'"})
_POSSESSIVE = re.compile(r"(?:'s|')$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Resolved:
    """A mention resolved to its entity: canonical ``name`` and ``kind``."""

    name: str
    kind: str
    surface: str
    field: str


def normalise_quotes(text: str) -> str:
    """Curly quotes and primes to their ASCII forms."""
    return text.translate(_QUOTES)


def clean_surface(text: str) -> str:
    """Whitespace, quotes and possessive cleanup: ``Amazon’s`` → ``Amazon``."""
    text = _SPACE.sub(" ", normalise_quotes(text)).strip()
    text = _POSSESSIVE.sub("", text)
    return text.strip("\"' ")


class Resolver:
    """Resolves the mentions of a corpus to canonical entities."""

    def resolve(self, mentions: Mapping[str, list[Mention]]) -> dict[str, list[Resolved]]:
        """Canonical entities for each story's mentions, keyed like the input."""
        out: dict[str, list[Resolved]] = {}
        for key, story_mentions in mentions.items():
            resolved = []
            for m in story_mentions:
                name = clean_surface(m.text)
                if name:
                    resolved.append(Resolved(name, m.kind, m.text, m.field))
            out[key] = resolved
        return out
