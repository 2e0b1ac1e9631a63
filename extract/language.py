"""Language data for cleaning and resolution, read once from ``extract/data/language.yaml``.

The word lists are data, kept apart from the rules that use them (``resolve.py``,
``headline.py``), so that adding a role noun or an organization head word never means
editing code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True, slots=True)
class Language:
    person_prefixes: frozenset[str]  # lower-case
    institution_words: frozenset[str]
    organization_heads: frozenset[str]
    connectors: frozenset[str]
    acronym_skip: frozenset[str]
    surname_particles: frozenset[str]
    organization_role_nouns: frozenset[str]  # lower-case
    organization_type_nouns: frozenset[str]  # lower-case
    title_adjectives: frozenset[str]  # lower-case
    not_entity_heads: frozenset[str]
    place_heads: frozenset[str]
    arm_heads: frozenset[str]
    arm_countries: frozenset[str]
    legal_forms: frozenset[str]  # lower-case
    calendar_words: frozenset[str]  # lower-case
    stopwords: frozenset[str]  # lower-case
    wire_slugs: frozenset[str]
    demonyms: frozenset[str]
    raising_verbs: frozenset[str]  # lower-case
    currency_codes: frozenset[str]


@cache
def english() -> Language:
    """The built-in English word lists."""
    text = (resources.files("extract") / "data" / "language.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - safe
    return Language(
        person_prefixes=frozenset(w.lower() for w in data["person_prefixes"]),
        institution_words=frozenset(data["institution_words"]),
        organization_heads=frozenset(data["organization_heads"]),
        connectors=frozenset(data["connectors"]),
        acronym_skip=frozenset(data["acronym_skip"]),
        surname_particles=frozenset(data["surname_particles"]),
        organization_role_nouns=frozenset(w.lower() for w in data["organization_role_nouns"]),
        organization_type_nouns=frozenset(w.lower() for w in data["organization_type_nouns"]),
        title_adjectives=frozenset(w.lower() for w in data["title_adjectives"]),
        not_entity_heads=frozenset(data["not_entity_heads"]),
        place_heads=frozenset(data["place_heads"]),
        arm_heads=frozenset(data["arm_heads"]),
        arm_countries=frozenset(data["arm_countries"]),
        legal_forms=frozenset(w.lower() for w in data["legal_forms"]),
        calendar_words=frozenset(w.lower() for w in data["calendar_words"]),
        stopwords=frozenset(str(w).lower() for w in data["stopwords"]),
        wire_slugs=frozenset(data["wire_slugs"]),
        demonyms=frozenset(data["demonyms"]),
        raising_verbs=frozenset(w.lower() for w in data["raising_verbs"]),
        currency_codes=frozenset(data["currency_codes"]),
    )
