"""The graph as tables: rows per story, reductions by key, and the graph they make.

One design serves both builds. :func:`story_rows` turns stories and their resolved
mentions into rows; each ``reduce_*`` function turns rows that hold *every* row of their
keys into one node or edge per key. On one machine the rows are one pandas DataFrame
each and the reductions run once; on Dask (:mod:`graph.distributed`) the rows are
partitioned by the workers, shuffled by key, and the same reductions run on every
partition. :func:`graph_from_tables` makes the networkx graph from the final tables.

Tables (one Parquet dataset each under ``OUT/tables/`` in a Dask build; see
``docs/tables.md``):

========================  ==============================================================
``articles``              id, url, title, excerpt, published, image, source_file,
                          properties (JSON object text), order
``entities``              id, kind, name, aliases, mentions, articles, first_seen,
                          last_seen, entity_id
``topics``                id, name, key
``publishers``            id, name, domain
``events``                id, name, key, first_published, last_published, articles,
                          publishers
``mentions``              source, target, count, in_title, forms
``co_mentioned``          source, target, weight, first_seen, last_seen
``has_topic``             source, target
``published_by``          source, target
``related_to``            source, target
``reports``               source, target
``relations``             source, target, kind, status, articles, first_seen, last_seen,
                          evidence (JSON list of ``{article, text}``)
========================  ==============================================================
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from extract.documents import Story
from extract.kinds import UNDIRECTED
from extract.relations import (
    ARGUMENT_KINDS,
    Relation,
    is_academic,
    is_company_reference,
    is_court,
    is_person_pronoun,
    is_regulator,
    news_organizations,
    sentence_spans,
)
from extract.resolve import Resolved
from graph import model as m
from graph.files import output_error, staged_folder

#: Article properties that the model owns; a document key of the same name is renamed.
_RESERVED = {"kind", "name", "title", "url", "excerpt", "published", "image", "source_file"}

NODE_TABLES = ("articles", "entities", "topics", "publishers", "events")
EDGE_TABLES = {"mentions": m.MENTIONS, "co_mentioned": m.CO_MENTIONED,
               "has_topic": m.HAS_TOPIC, "published_by": m.PUBLISHED_BY,
               "related_to": m.RELATED_TO, "reports": m.REPORTS}
#: Typed relations: one table, one edge kind per row (its ``kind``).
RELATIONS = "relations"
TABLES = NODE_TABLES + tuple(EDGE_TABLES) + (RELATIONS,)

#: Columns of the rows :func:`story_rows` makes, before reduction. ``order`` is a story's
#: place in the input (file, then position in the file), which breaks ties as the
#: one-machine build reads files: a publisher is named by its first story.
ROW_COLUMNS: dict[str, list[str]] = {
    "articles": ["id", "url", "title", "excerpt", "published", "image", "source_file",
                 "properties", "order"],
    "mentions": ["source", "target", "kind", "name", "count", "in_title", "forms",
                 "published"],
    "pairs": ["source", "target", "published"],
    "topic_rows": ["source", "target", "form"],
    "publisher_rows": ["source", "target", "name", "domain", "order"],
    "related_to": ["source", "target"],
    "report_rows": ["source", "target", "title", "published", "publisher"],
    "relation_rows": ["source", "target", "kind", "article", "text", "published", "status"],
}
#: The row columns that hold numbers (the others hold text, lists or None).
ROW_NUMBERS = {"order": "int64", "count": "int64", "in_title": "bool"}
#: The key each row table is shuffled on before its reduction.
SHUFFLE_KEYS = {"mentions": "target", "pairs": "source", "topic_rows": "target",
                "publisher_rows": "target", "related_to": "source", "report_rows": "target",
                "relation_rows": "source"}


#: Column types of the final tables (Parquet), in pyarrow's names.
SCHEMAS: dict[str, list[tuple[str, str]]] = {
    "articles": [("id", "string"), ("url", "string"), ("title", "string"),
                 ("excerpt", "string"), ("published", "string"), ("image", "string"),
                 ("source_file", "string"), ("properties", "string"), ("order", "int64")],
    "entities": [("id", "string"), ("kind", "string"), ("name", "string"),
                 ("aliases", "list<string>"), ("mentions", "int64"), ("articles", "int64"),
                 ("first_seen", "string"), ("last_seen", "string"), ("entity_id", "string")],
    "topics": [("id", "string"), ("name", "string"), ("key", "string")],
    "publishers": [("id", "string"), ("name", "string"), ("domain", "string")],
    "mentions": [("source", "string"), ("target", "string"), ("count", "int64"),
                 ("in_title", "bool"), ("forms", "list<string>")],
    "co_mentioned": [("source", "string"), ("target", "string"), ("weight", "int64"),
                     ("first_seen", "string"), ("last_seen", "string")],
    "has_topic": [("source", "string"), ("target", "string")],
    "published_by": [("source", "string"), ("target", "string")],
    "related_to": [("source", "string"), ("target", "string")],
    "events": [("id", "string"), ("name", "string"), ("key", "string"),
               ("first_published", "string"), ("last_published", "string"),
               ("articles", "int64"), ("publishers", "int64")],
    "reports": [("source", "string"), ("target", "string")],
    "relations": [("source", "string"), ("target", "string"), ("kind", "string"),
                  ("status", "string"), ("articles", "int64"), ("first_seen", "string"),
                  ("last_seen", "string"), ("evidence", "string")],
}


def arrow_schema(name: str) -> Any:
    """The pyarrow schema of a final table."""
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "bool": pa.bool_(),
             "list<string>": pa.list_(pa.string())}
    return pa.schema([(column, types[kind]) for column, kind in SCHEMAS[name]])


def empty_table(name: str) -> pd.DataFrame:
    """A final table with no rows and its columns' types (Dask's ``meta``)."""
    return arrow_schema(name).empty_table().to_pandas()


def _json_default(value: Any) -> Any:
    return str(value)


def story_plaintiff(story: Story, resolved: list[Resolved], relations: Iterable[Relation]
                    ) -> Resolved | None:
    """The one party a story's lawsuits name as the one who sues ("Mexico sued several
    gun makers", "Chicago sues Shell"): the plaintiff of the defendants its sentences
    name without one ("lists Shell and BP as defendants"); None where it names none or
    several."""
    found: dict[str, Resolved] = {}
    for relation in relations:
        if relation.kind != m.SUES or relation.source is None:
            continue
        text = story.title if relation.field == "title" else story.excerpt
        if is_company_reference(text[slice(*relation.source)]):
            party = _referenced_company(story, resolved, relation, None)
        else:
            party = _entity_at(text, relation.field, relation.source, resolved,
                               ARGUMENT_KINDS[m.SUES][0])
        if party is not None:
            found[party.name] = party
    return next(iter(found.values())) if len(found) == 1 else None


def relation_ends(story: Story, resolved: list[Resolved], relation: Relation, *,
                  plaintiff: Resolved | None = None, led_by_story: str | None = None,
                  siblings: Sequence[Relation] = ()) -> tuple[str, str] | None:
    """The entity node ids a relation's two mentions resolved to, when both are entities
    of the kinds its type allows (None otherwise): the source of ``FINES`` must be a
    regulator, a court or a person (a judge); an undirected relation goes from the
    smaller id. A lawsuit's defendants named without their plaintiff are sued by
    ``plaintiff`` (:func:`story_plaintiff`); a plaintiff without defendants is no edge.
    A role that names no organization, where the story names none for it, is of
    ``led_by_story`` (an organization's node id) when given. ``siblings`` are the
    story's other relations: "the company" is none of the parties they give its
    sentence's relations of the same kind besides this one."""
    text = story.title if relation.field == "title" else story.excerpt
    if relation.kind == m.SUES and relation.target is None:
        return None
    sources, targets = ARGUMENT_KINDS[relation.kind]
    if relation.source is None and relation.target is None and relation.kind == m.PARTNERS_WITH:
        # "The companies announced they were forming a joint venture": the two the story
        # is about
        pair = _story_organizations(story, resolved, relation, wanted=2)
        if len(pair) != 2:
            return None
        a, b = (m.node_id(r.kind, r.name) for r in pair)
        return min(a, b), max(a, b)
    source_refers, target_refers = (span is not None and is_company_reference(text[slice(*span)])
                                    for span in (relation.source, relation.target))
    source = (None if source_refers
              else _person_before(story, resolved, relation)
              if relation.source is not None and is_person_pronoun(text[slice(*relation.source)])
              else _entity_at(text, relation.field, relation.source, resolved, sources)
              if relation.source is not None
              else _story_person(resolved) if relation.kind == m.LEADS
              else plaintiff if relation.kind == m.SUES and plaintiff is not None
              else _story_organization(story, resolved, relation, regulator=True))
    target = (None if target_refers
              else _entity_at(text, relation.field, relation.target, resolved, targets)
              if relation.target is not None
              else _story_organization(story, resolved, relation))
    if source_refers:  # "the company sued ...": the one its story is about
        assert relation.source is not None
        source = _company_before(story, resolved, relation, relation.source, target) or (
            # "The airline has sued Booking.com, and its subsidiaries": the one its
            # story's lawsuits name as suing
            plaintiff if relation.kind == m.SUES and plaintiff is not None
            and plaintiff != target else None) or \
            _referenced_company(story, resolved, relation, target,
                                _co_parties(text, resolved, relation, siblings))
    if target_refers:
        assert relation.target is not None
        target = _company_before(story, resolved, relation, relation.target, source) or \
            _referenced_company(story, resolved, relation, source,
                                _co_parties(text, resolved, relation, siblings))
    if target is None and led_by_story is not None and relation.kind == m.LEADS and \
            relation.target is None and source is not None and source.kind == m.PERSON:
        return m.node_id(source.kind, source.name), led_by_story
    if source is None or target is None or source == target:
        return None
    if relation.target is None and relation.source is not None and (
            target.surface in text[slice(*relation.source)] or target.name in source.name):
        return None  # "Della Valle", an organization only by a misreading of her name
    if relation.kind == m.FINES and source.kind != m.PERSON and not is_regulator(source.name):
        return None
    a, b = m.node_id(source.kind, source.name), m.node_id(target.kind, target.name)
    if a == b:
        return None
    return (min(a, b), max(a, b)) if relation.kind in UNDIRECTED else (a, b)


def _person_before(story: Story, resolved: list[Resolved], relation: Relation
                   ) -> Resolved | None:
    """The person "he" or "she" stands for: the first one named in the nearest sentence
    before it that names any (the subject, as a rule: "Microsoft named Satya Nadella CEO,
    replacing Steve Ballmer. He ..."), of its field, or for an excerpt's, the headline's
    one person; None where there is none."""
    text = story.title if relation.field == "title" else story.excerpt
    people = [r for r in resolved if r.kind == m.PERSON and r.field == relation.field]
    assert relation.source is not None
    for start, end in reversed(sentence_spans(text[:relation.source[0]])):
        sentence = text[start:end]
        named = sorted((i, r.name) for r in people if r.surface
                       for i in [sentence.find(r.surface)] if i >= 0)
        if named:
            return next(r for r in people if r.name == named[0][1])
    if relation.field != "title":
        headline = {r.name: r for r in resolved if r.kind == m.PERSON and r.field == "title"}
        if len(headline) == 1:
            return next(iter(headline.values()))
    return None


def _story_person(resolved: list[Resolved]) -> Resolved | None:
    """The one person a story names, who holds a role its sentence names no one in; None
    where it names none or several."""
    people = {r.name: r for r in resolved if r.kind == m.PERSON}
    return next(iter(people.values())) if len(people) == 1 else None


def _story_organization(story: Story, resolved: list[Resolved], relation: Relation, *,
                        regulator: bool = False) -> Resolved | None:
    """The organization a role that names none belongs to: the one its sentence names,
    or when it names none, the one its field (title or excerpt) names, or when that names
    none or several, the one the headline names, or the one the story names; None where
    the nearest of these names several. A name only ever in brackets is a source or a
    ticker, not a subject: "LONDON (Reuters) -", "AstraZeneca (NYSE:AZN)". A company's
    role is no university's. With ``regulator``, the regulator ("the watchdog" of a
    title) among the story's regulators and courts, by their resolved names (a
    court sues nobody)."""
    found = _story_organizations(story, resolved, relation, regulator=regulator)
    return found[0] if found else None


def _story_organizations(story: Story, resolved: list[Resolved], relation: Relation, *,
                         regulator: bool = False, wanted: int = 1) -> list[Resolved]:
    """The ``wanted`` organizations of :func:`_story_organization`'s nearest level that
    names any, or none where it names another number."""
    sentence, field, headline, whole = _organization_levels(story, resolved, relation,
                                                            regulator=regulator)
    if field and not sentence and len(field) > wanted:
        # "Andrew Bailey is set to take over from Mark Carney", in an excerpt that names the
        # Bank of England and the FCA, under "Andrew Bailey appointed next Bank of England
        # governor"
        field = {name: r for name, r in field.items() if name in headline}
    named = next((level for level in (sentence, field, whole) if level), {})
    return list(named.values()) if len(named) == wanted else []


def _company_before(story: Story, resolved: list[Resolved], relation: Relation,
                    span: tuple[int, int], other: Resolved | None) -> Resolved | None:
    """The organization "the company" stands for where its own sentence names one before
    it: the nearest, but for the relation's other end, a name in brackets or a news
    organisation ("Uber and Otto, acquired by the ride services company"); None where
    the sentence names none."""
    text = story.title if relation.field == "title" else story.excerpt
    before = text[relation.sentence[0]:span[0]]
    news = news_organizations()
    found = [(i, r) for r in resolved
             if r.field == relation.field and r.kind == m.ORGANIZATION and r.surface
             and (other is None or r.name != other.name) and r.surface not in news
             and r.name not in news
             for i in [max(_word_occurrences(before, r.surface), default=-1)]
             if i >= 0 and not _in_brackets(before + text[span[0]:], i)]
    return max(found, key=lambda f: f[0])[1] if found else None


def _word_occurrences(text: str, surface: str) -> Iterator[int]:
    """Where ``surface`` stands in ``text`` as whole words."""
    return (hit.start() for hit in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text))


def _co_parties(text: str, resolved: list[Resolved], relation: Relation,
                siblings: Sequence[Relation]) -> frozenset[str]:
    """The names the relations of ``relation``'s kind that its sentence states besides
    it have at either end: "the round" is of none of its investors ("The round is led
    by Zoo Capital and joined by Tiger Global")."""
    names = set()
    for sib in siblings:
        if sib is relation or sib.kind != relation.kind or sib.field != relation.field or \
                sib.sentence != relation.sentence:
            continue
        for span, kinds in zip((sib.source, sib.target), ARGUMENT_KINDS[sib.kind],
                               strict=True):
            found = None if span is None else _entity_at(text, sib.field, span, resolved,
                                                          kinds)
            if found is not None:
                names.add(found.name)
    return frozenset(names)


def _referenced_company(story: Story, resolved: list[Resolved], relation: Relation,
                        other: Resolved | None, parties: frozenset[str] = frozenset()
                        ) -> Resolved | None:
    """The organization "the company" (or "the start-up", "the airline") of a relation
    stands for: the one its story's headline names, or else its story, but for the
    relation's other end and the other ``parties`` its sentence names; None where that
    is not exactly one."""
    found = _story_company(story, resolved, relation, other)
    # (not one of them: where the story's company is one, the sentence is not about it)
    return None if found is None or found.name in parties else found


def _story_company(story: Story, resolved: list[Resolved], relation: Relation,
                   other: Resolved | None) -> Resolved | None:
    _, _, headline, whole = _organization_levels(story, resolved, relation)
    names = [r for name, r in headline.items() if other is None or name != other.name]
    if len(names) == 1:
        return names[0]
    # A headline that names no organization (the model missed it), or several: the one
    # the excerpt opens with, whom a news story's lead is about ("Stripe, a payments
    # provider, said ... The startup raised ..."), among the headline's if it names any
    lead = _lead_organization(story, resolved)
    if names:
        return lead if lead is not None and lead.name in {r.name for r in names} else None
    if lead is not None:
        return lead if other is None or lead.name != other.name else None
    names = [r for name, r in whole.items() if other is None or name != other.name]
    return names[0] if len(names) == 1 else None


def _lead_organization(story: Story, resolved: list[Resolved]) -> Resolved | None:
    """The organization whose name opens a story's excerpt (after its dateline, an
    article and the words that describe it: "Crypto derivatives exchange FTX has
    completed"), if any."""
    from extract.language import english
    from extract.ner import dateline_end

    text = story.excerpt or ""
    start = dateline_end(text)
    lead = re.sub(r"^\s*(?:the\s+)?", "", text[start:], count=1, flags=re.IGNORECASE)
    stopwords = english().stopwords
    opening = []
    for r in resolved:
        if r.field != "excerpt" or r.kind != m.ORGANIZATION or not r.surface:
            continue
        at = lead.find(r.surface)
        before = lead[:at].split()
        # (up to four words that describe it, none a function word: not "Shares of")
        if at < 0 or lead[at + len(r.surface):at + len(r.surface) + 1].isalnum() or \
                len(before) > 4 or any(not w.replace("-", "").isalnum()
                                       or w.lower() in stopwords for w in before):
            continue
        opening.append((at, -len(r.surface), r))
    return min(opening, key=lambda x: x[:2])[2] if opening else None


def _organization_levels(story: Story, resolved: list[Resolved], relation: Relation, *,
                         regulator: bool = False) -> list[dict[str, Resolved]]:
    """The organizations a relation's sentence, field, headline and story name, by
    name (see :func:`_story_organization`)."""
    text = story.title if relation.field == "title" else story.excerpt
    sentence = text[relation.sentence[0]:relation.sentence[1]]
    # sentence, field, headline (what the story is about), story
    levels: list[dict[str, Resolved]] = [{}, {}, {}, {}]
    # A part of a person's name that NER read as an organization ("Della Valle" of
    # Margherita Della Valle) is nobody's organization.
    people = [f" {r.name} " for r in resolved if r.kind == m.PERSON]
    news = news_organizations()
    for r in resolved:
        if r.kind != m.ORGANIZATION or not r.surface or any(
                f" {r.name} " in person for person in people):
            continue
        if regulator and not (is_regulator(r.name) and (
                relation.kind == m.FINES or not is_court(r.name))):
            continue
        own = story.title if r.field == "title" else story.excerpt
        if all(_in_brackets(own, i) for i in _occurrences(own, r.surface)):
            continue
        levels[3].setdefault(r.name, r)
        if r.field == "title":
            levels[2].setdefault(r.name, r)
        if r.field == relation.field:
            levels[1].setdefault(r.name, r)
            if any(not _in_brackets(sentence, i) for i in _occurrences(sentence, r.surface)) \
                    and not ((r.name in news or r.surface in news)
                             and _cited(sentence, r.surface)):
                levels[0].setdefault(r.name, r)
    if not regulator:  # a company's role is no university's ("the company's CEO")
        levels = [level if len(level) < 2 else
                  {n: r for n, r in level.items() if not is_academic(n)} for level in levels]
    return levels


#: Words that cite who reports a sentence: "told Reuters", "according to Bloomberg",
#: "Le Figaro newspaper reported".
_CITED_BEFORE = re.compile(r"(?:\btold|\baccording to|\bin an interview with)\s+(?:the\s+)?$",
                           re.IGNORECASE)
_CITED_AFTER = re.compile(r"^\s+(?:[a-z]+\s+){0,2}(?:reported|reports)\b")


def _cited(sentence: str, surface: str) -> bool:
    """Whether a sentence cites ``surface`` as the one that reports it ("CEO Tim Cook
    told Reuters"): a news organisation cited is not what the sentence's role is of (one
    named otherwise may be: "ITV chief executive Adam Crozier")."""
    return any(_CITED_BEFORE.search(sentence[:i]) or
               _CITED_AFTER.match(sentence[i + len(surface):])
               for i in _occurrences(sentence, surface))


def _occurrences(text: str, surface: str) -> Iterator[int]:
    i = text.find(surface)
    while i >= 0:
        yield i
        i = text.find(surface, i + 1)


def _in_brackets(text: str, at: int) -> bool:
    return text.rfind("(", 0, at) > text.rfind(")", 0, at) and ")" in text[at:]


def _entity_at(text: str, field: str, span: tuple[int, int], resolved: list[Resolved],
               kinds: frozenset[str]) -> Resolved | None:
    """The resolved entity of the mention at ``span``: the one found under that surface
    (or a part of it, when resolution split it, as "US Federal Trade Commission"), of one
    of ``kinds``."""
    surface = text[span[0]:span[1]]
    best, shared = None, 0
    for r in resolved:
        if r.field != field or r.kind not in kinds:
            continue
        if r.surface == surface:
            return r
        # (of several, the one that shares the most words with it)
        if r.surface and min(len(r.surface), len(surface)) > shared and (
                _has_words(surface, r.surface) or _has_words(r.surface, surface)):
            best, shared = r, min(len(r.surface), len(surface))
    return best


def _has_words(text: str, part: str) -> bool:
    """Whether ``part`` is in ``text`` as whole words ("India" is not in "Indian Air
    Force")."""
    return next(_word_occurrences(text, part), None) is not None


def story_rows(stories: Iterable[tuple[Any, ...]],
               related: Iterable[tuple[str, str]] = (),
               events: Mapping[str, str] | None = None) -> dict[str, pd.DataFrame]:
    """Rows for ``(order, story, resolved mentions[, relations])`` tuples, ``(parent
    url, child url)`` links between related stories, and ``events`` (article id → event
    id, from :mod:`graph.events`); see :data:`ROW_COLUMNS`."""
    rows: dict[str, list[tuple]] = {name: [] for name in ROW_COLUMNS}
    rows["related_to"] = [(m.node_id(m.ARTICLE, parent), m.node_id(m.ARTICLE, child))
                          for parent, child in related]
    # Entity, topic and publisher ids repeat across a corpus: one string each.
    ids: dict[tuple[str, str], str] = {}

    def node_id(kind: str, key: str) -> str:
        ident = ids.get((kind, key))
        if ident is None:
            ident = ids[kind, key] = m.node_id(kind, key)
        return ident

    for order, story, resolved, *rest in stories:
        art = m.node_id(m.ARTICLE, story.url)
        relations = rest[0] if rest else ()
        plaintiff = story_plaintiff(story, resolved, relations) if any(
            r.kind == m.SUES and (r.source is None or is_company_reference(
                (story.title if r.field == "title" else story.excerpt)[slice(*r.source)]))
            for r in relations) else None
        found = [(relation, relation_ends(story, resolved, relation, plaintiff=plaintiff,
                                          siblings=relations))
                 for relation in relations]
        if any(ends is None and r.kind == m.LEADS and r.target is None for r, ends in found):
            found = _successions(story, resolved, found)
        for relation, ends in found:
            if ends is not None:
                text = story.title if relation.field == "title" else story.excerpt
                rows["relation_rows"].append((*ends, relation.kind, art,
                                              text[relation.sentence[0]:relation.sentence[1]],
                                              story.published, relation.status))
        properties = {f"doc_{k}" if k in _RESERVED else k: v
                      for k, v in story.properties.items()}
        rows["articles"].append((art, story.url, story.title, story.excerpt, story.published,
                                 story.image, story.source_file,
                                 json.dumps(properties, ensure_ascii=False,
                                            default=_json_default) if properties else None,
                                 order))
        domain = story.publisher_domain or (story.publisher_name or "").casefold() or None
        if domain:
            rows["publisher_rows"].append((art, node_id(m.PUBLISHER, domain),
                                           story.publisher_name or domain, domain, order))
        if events and art in events:
            rows["report_rows"].append((art, events[art], story.title, story.published,
                                        domain))
        for topic in story.topics:
            rows["topic_rows"].append((art, node_id(m.TOPIC, m.topic_key(topic)), topic))
        per_entity: dict[str, list[Resolved]] = {}
        for r in resolved:
            per_entity.setdefault(node_id(r.kind, r.name), []).append(r)
        for eid, rs in per_entity.items():
            rows["mentions"].append((art, eid, rs[0].kind, rs[0].name, len(rs),
                                     any(r.field == "title" for r in rs),
                                     sorted({r.surface for r in rs}), story.published))
        for a, b in itertools.combinations(sorted(per_entity), 2):
            rows["pairs"].append((a, b, story.published))
    return {name: _row_frame(name, rows.pop(name)) for name in list(rows)}


_PERSON_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
#: Words of one leader following another ("will replace", "succeeds", "his successor").
_SUCCESSION_WORDS = re.compile(
    r"\b(?:replac|succe(?:ed|ss)|predecess|t(?:ake|akes|aking|ook) over from|"
    r"ma(?:ke|kes|king|de) way|hand(?:s|ed|ing)? over)", re.IGNORECASE)


def _successions(story: Story, resolved: list[Resolved],
                 found: list[tuple[Relation, tuple[str, str] | None]]
                 ) -> list[tuple[Relation, tuple[str, str] | None]]:
    """``found`` with the role that names no organization, where the story names none
    for it, given that of the one who takes it or gave it up in the same sentence
    ("Ermotti will replace outgoing CEO Ralph Hamers", where Ermotti leads UBS)."""
    surfaces: dict[str, set[str]] = {}
    for r in resolved:
        if r.kind == m.PERSON and r.surface:
            surfaces.setdefault(m.node_id(r.kind, r.name), set()).add(r.surface)
    leaders = [ends for r, ends in found if ends is not None and r.kind == m.LEADS]
    out = []
    for relation, ends in found:
        if ends is None and relation.kind == m.LEADS and relation.target is None:
            text = story.title if relation.field == "title" else story.excerpt
            sentence = text[relation.sentence[0]:relation.sentence[1]]
            if not _SUCCESSION_WORDS.search(sentence):
                out.append((relation, ends))
                continue
            own = None if relation.source is None else _entity_at(
                text, relation.field, relation.source, resolved, frozenset({m.PERSON}))
            named = {person for person, _ in leaders
                     if any(_has_words(sentence, s) for s in surfaces.get(person, ()))
                     and (own is None or person != m.node_id(own.kind, own.name))}
            if not named and _PERSON_PRONOUN.search(sentence):
                # "He is being replaced by Joshua Schulman": the one "he" stands for
                # (:func:`_person_before`, from the sentence's start)
                start = (relation.sentence[0], relation.sentence[0])
                before = _person_before(story, resolved, dataclasses.replace(
                    relation, source=start))
                if before is not None:
                    named = {m.node_id(before.kind, before.name)}
            led = {org for person, org in leaders if person in named}
            if len(led) == 1:
                ends = relation_ends(story, resolved, relation, led_by_story=next(iter(led)))
                if ends is not None and ends[0] in named:
                    ends = None  # the successor is no predecessor of themself
        out.append((relation, ends))
    return out


def _row_frame(name: str, rows: list[tuple]) -> pd.DataFrame:
    """A row table's frame. Text stays in columns of Python objects: pandas 3 would copy
    every text into Arrow memory, a second copy of what the stories hold (at 100,000
    stories the build took 1,978 MiB once the rows were made with the copies, and 1,421
    MiB without), and turning them back into Python strings for networkx made a third."""
    frame = pd.DataFrame(rows, columns=ROW_COLUMNS[name], dtype=object)
    numbers = {column: ROW_NUMBERS[column] for column in frame if column in ROW_NUMBERS}
    return frame.astype(numbers) if numbers else frame


def _span(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Count, first and last ``published`` per key (dates are ISO text; None is undated)."""
    grouped = frame.groupby(keys, sort=False)
    out = grouped.size().rename("count").to_frame()
    # First and last of the sorted dates, not min and max: pandas has no compiled min of
    # text in object columns (what a concat of partitions with an empty one gives), and
    # its per-group fallback took 1.2 s for 27,000 rows, against 0.04 s.
    dated = (frame.loc[frame["published"].notna(), [*keys, "published"]]
             .sort_values("published", kind="stable")
             .groupby(keys, sort=False)["published"])
    out["first_seen"] = dated.first()
    out["last_seen"] = dated.last()
    return out


def reduce_entities(mentions: pd.DataFrame,
                    entity_id: Callable[[str, str], str | None] | None = None
                    ) -> pd.DataFrame:
    """One row per entity from every MENTIONS row of it."""
    columns = ["id", "kind", "name", "aliases", "mentions", "articles", "first_seen",
               "last_seen", "entity_id"]
    if mentions.empty:
        return pd.DataFrame(columns=columns)
    span = _span(mentions, ["target"])
    grouped = mentions.groupby("target", sort=False)
    out = pd.DataFrame({
        "kind": grouped["kind"].first(), "name": grouped["name"].first(),
        "aliases": grouped["forms"].agg(lambda forms: sorted(set().union(*forms))),
        "mentions": grouped["count"].sum(), "articles": span["count"],
        "first_seen": span["first_seen"], "last_seen": span["last_seen"]})
    out.index.name = "id"
    out = out.reset_index()
    out["entity_id"] = [entity_id(k, n) if entity_id is not None else None
                        for k, n in zip(out["kind"], out["name"], strict=True)]
    return out[columns]


def reduce_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    return mentions[["source", "target", "count", "in_title", "forms"]]


def reduce_co_mentioned(pairs: pd.DataFrame) -> pd.DataFrame:
    """CO_MENTIONED edges: the articles that name both (weight), first and last seen."""
    columns = ["source", "target", "weight", "first_seen", "last_seen"]
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    span = _span(pairs, ["source", "target"]).rename(columns={"count": "weight"})
    return span.reset_index()[columns]


def reduce_topics(topic_rows: pd.DataFrame) -> pd.DataFrame:
    """Topic nodes: the most used spelling names a topic (ties: the first in sort order)."""
    columns = ["id", "name", "key"]
    if topic_rows.empty:
        return pd.DataFrame(columns=columns)
    named = []
    for tid, forms in topic_rows.groupby("target", sort=False)["form"]:
        counts = Counter(forms)
        name = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        named.append((tid, name, m.split_node_id(tid)[1]))
    return pd.DataFrame(named, columns=columns)


def reduce_has_topic(topic_rows: pd.DataFrame) -> pd.DataFrame:
    return topic_rows[["source", "target"]].drop_duplicates()


def reduce_publishers(publisher_rows: pd.DataFrame) -> pd.DataFrame:
    """Publisher nodes, named as their first story (in input order) names them."""
    columns = ["id", "name", "domain"]
    if publisher_rows.empty:
        return pd.DataFrame(columns=columns)
    first = publisher_rows.sort_values("order", kind="stable").drop_duplicates("target")
    return first.rename(columns={"target": "id"})[columns]


def reduce_published_by(publisher_rows: pd.DataFrame) -> pd.DataFrame:
    return publisher_rows[["source", "target"]].drop_duplicates()


def reduce_related(related: pd.DataFrame) -> pd.DataFrame:
    return related.drop_duplicates()


def reduce_events(report_rows: pd.DataFrame) -> pd.DataFrame:
    """Event nodes: named by their earliest article (undated last, then by id), with
    first and last publish dates and the articles and publishers that report them."""
    columns = [c for c, _ in SCHEMAS["events"]]
    if report_rows.empty:
        return pd.DataFrame(columns=columns)
    # Plain lists grouped in a dict: a pandas group per event cost 0.5 s at 4,000 events.
    groups: dict[str, list[tuple[Any, str, Any, Any]]] = {}
    for eid, published, art, title, publisher in zip(
            report_rows["target"].tolist(), report_rows["published"].tolist(),
            report_rows["source"].tolist(), report_rows["title"].tolist(),
            report_rows["publisher"].tolist(), strict=True):
        groups.setdefault(eid, []).append((_text(published), art, title, _text(publisher)))
    rows = []
    for eid, members in groups.items():  # in order of first appearance, as groupby gives
        first = min(members, key=lambda pat: (pat[0] is None, pat[0] or "", pat[1]))
        dates = sorted(p for p, _, _, _ in members if p)
        publishers = {d for _, _, _, d in members if d is not None}
        rows.append((eid, first[2], m.split_node_id(eid)[1], dates[0] if dates else None,
                     dates[-1] if dates else None, len(members), len(publishers)))
    return pd.DataFrame(rows, columns=columns)


def _text(value: Any) -> Any:
    """A cell as Python: a missing value (NaN or None) is None."""
    return None if value is None or isinstance(value, float) and value != value else value


def reduce_reports(report_rows: pd.DataFrame) -> pd.DataFrame:
    return report_rows[["source", "target"]]


def reduce_relations(relation_rows: pd.DataFrame) -> pd.DataFrame:
    """Relation edges: one per (source, target, kind), with the articles that state it,
    first and last seen, the latest status stated (by publish date, undated first, then
    article id), and the evidence: each article's sentence, oldest first."""
    columns = [c for c, _ in SCHEMAS["relations"]]
    if relation_rows.empty:
        return pd.DataFrame(columns=columns)
    groups: dict[tuple[str, str, str], list[tuple[Any, str, str, Any]]] = {}
    for source, target, kind, published, article, text, status in zip(
            *(relation_rows[c].tolist() for c in ("source", "target", "kind", "published",
                                                   "article", "text", "status")),
            strict=True):
        groups.setdefault((source, target, kind), []).append(
            (_text(published), article, text, _text(status)))
    rows = []
    for (source, target, kind), stated in sorted(groups.items()):
        stated.sort(key=lambda pats: (pats[0] is not None, pats[0] or "", pats[1], pats[2]))
        evidence, seen = [], set()
        for _, article, text, _ in stated:
            if (article, text) not in seen:
                seen.add((article, text))
                evidence.append({"article": article, "text": text})
        dates = [p for p, _, _, _ in stated if p]
        statuses = [s for _, _, _, s in stated if s]
        rows.append((source, target, kind, statuses[-1] if statuses else None,
                     len({a for _, a, _, _ in stated}), min(dates) if dates else None,
                     max(dates) if dates else None,
                     json.dumps(evidence, ensure_ascii=False)))
    return pd.DataFrame(rows, columns=columns)


#: Final table ← (row table, reduction). Row tables are shuffled on their key first.
REDUCTIONS: dict[str, tuple[str, Callable[..., pd.DataFrame]]] = {
    "entities": ("mentions", reduce_entities),
    "mentions": ("mentions", reduce_mentions),
    "co_mentioned": ("pairs", reduce_co_mentioned),
    "topics": ("topic_rows", reduce_topics),
    "has_topic": ("topic_rows", reduce_has_topic),
    "publishers": ("publisher_rows", reduce_publishers),
    "published_by": ("publisher_rows", reduce_published_by),
    "related_to": ("related_to", reduce_related),
    "events": ("report_rows", reduce_events),
    "reports": ("report_rows", reduce_reports),
    "relations": ("relation_rows", reduce_relations),
}


def reduce_rows(rows: Mapping[str, pd.DataFrame],
                entity_id: Callable[[str, str], str | None] | None = None
                ) -> dict[str, pd.DataFrame]:
    """The final tables from all rows at once (the one-machine build)."""
    tables = {"articles": rows["articles"]}
    for name, (source, reduce) in REDUCTIONS.items():
        tables[name] = (reduce(rows[source], entity_id) if name == "entities"
                        else reduce(rows[source]))
    return tables


def _column(series: pd.Series) -> list[Any]:
    """Plain Python values for networkx and JSON: no numpy scalars or arrays, no NaN."""
    values = series.tolist()
    if getattr(series.dtype, "kind", "O") not in "iub":  # ints and bools have no NaN
        values = [None if isinstance(v, float) and v != v
                  else v.tolist() if hasattr(v, "tolist") else v for v in values]
    return values


def _records(frame: pd.DataFrame) -> Iterable[dict[str, Any]]:
    columns = list(frame.columns)
    for row in zip(*(_column(frame[c]) for c in columns), strict=True):
        yield dict(zip(columns, row, strict=True))


def add_table(G: nx.MultiDiGraph, name: str, frame: pd.DataFrame) -> None:
    """Add one final table's nodes or edges to ``G``."""
    if name in EDGE_TABLES or name == RELATIONS:
        # One add_edge per row: a multigraph's add_edges_from is slower (measured).
        add_edge = G.add_edge
        for source, target, key, attrs in _edges(name, frame):
            add_edge(source, target, key, **attrs)
    else:
        G.add_nodes_from(_nodes(name, frame))


def _nodes(name: str, frame: pd.DataFrame) -> Iterator[tuple[str, dict[str, Any]]]:
    if name == "articles":
        for r in _records(frame):
            attrs = {"kind": m.ARTICLE, "name": r["title"], "title": r["title"],
                     "url": r["url"], "excerpt": r["excerpt"], "published": r["published"]}
            if r["image"]:
                attrs["image"] = r["image"]
            if r["source_file"]:
                attrs["source_file"] = r["source_file"]
            if r["properties"]:
                attrs.update(json.loads(r["properties"]))
            yield r["id"], attrs
    elif name == "entities":
        for r in _records(frame):
            ident = r.pop("entity_id")
            node = r.pop("id")
            if ident:
                r["entity_id"] = ident
            yield node, r
    elif name == "topics":
        for r in _records(frame):
            yield r["id"], {"kind": m.TOPIC, "name": r["name"], "key": r["key"]}
    elif name == "publishers":
        for r in _records(frame):
            yield r["id"], {"kind": m.PUBLISHER, "name": r["name"], "domain": r["domain"]}
    elif name == "events":
        for r in _records(frame):
            node = r.pop("id")
            yield node, {"kind": m.EVENT, **r}
    else:
        raise ValueError(f"not a node table: {name}")


def _edges(name: str, frame: pd.DataFrame) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    if name == RELATIONS:
        for r in _records(frame):
            r["evidence"] = json.loads(r["evidence"])
            if r["status"] is None:
                del r["status"]
            yield r.pop("source"), r.pop("target"), r["kind"], r
    else:
        kind = EDGE_TABLES[name]
        for r in _records(frame):
            source, target = r.pop("source"), r.pop("target")
            yield source, target, kind, {"kind": kind, **r}


def graph_from_tables(tables: Mapping[str, pd.DataFrame]) -> nx.MultiDiGraph:
    """The networkx graph of the final tables (nodes first, then edges)."""
    G = nx.MultiDiGraph()
    for name in TABLES:
        if name in tables:
            add_table(G, name, tables[name])
    return G


def write_table(frame: pd.DataFrame, name: str, folder: str | os.PathLike[str]
                ) -> dict[str, Any]:
    """Write one final table as ``folder/name/part.0.parquet``; its row count, its kinds
    (entities, relations) and its undated articles (articles), for :func:`table_counts`."""
    Path(folder, name).mkdir(parents=True, exist_ok=True)
    frame.to_parquet(Path(folder, name, "part.0.parquet"), index=False,
                     schema=arrow_schema(name))
    return {"rows": len(frame),
            "kinds": frame["kind"].value_counts().to_dict() if "kind" in frame else {},
            "undated": int(frame["published"].isna().sum()) if name == "articles" else 0}


def write_tables(tables: Mapping[str, pd.DataFrame], folder: str | os.PathLike[str]
                 ) -> dict[str, Any]:
    """Write every final table under ``folder`` (replacing the tables there only once
    all are written); the graph's :func:`table_counts`."""
    try:
        with staged_folder(Path(folder)) as staging:
            written = {name: write_table(tables[name], name, staging) for name in TABLES}
    except OSError as exc:  # a full disk, no permission: one clear error
        raise output_error(folder, exc) from exc
    return counts_of_written(written)


def counts_of_written(written: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """:func:`table_counts` from what :func:`write_table` said of every table."""
    return table_counts({name: w["rows"] for name, w in written.items()},
                        written["entities"]["kinds"], written[RELATIONS]["kinds"],
                        written["articles"]["undated"])


def table_counts(sizes: Mapping[str, int], kinds: Mapping[str, int],
                 relation_kinds: Mapping[str, int], undated: int) -> dict[str, Any]:
    """The graph's nodes and edges per kind (every kind listed, as in the report) and its
    undated articles, from the tables' row counts and the kinds of their entities and
    relations."""
    nodes = {k: 0 for k in m.NODE_KINDS}
    nodes.update({"article": int(sizes["articles"]), "topic": int(sizes["topics"]),
                  "publisher": int(sizes["publishers"]), "event": int(sizes["events"])})
    nodes.update({k: int(v) for k, v in kinds.items()})
    edges = {k: 0 for k in m.EDGE_KINDS}
    edges.update({EDGE_TABLES[name]: int(sizes[name]) for name in EDGE_TABLES})
    edges.update({k: int(v) for k, v in relation_kinds.items()})
    return {"nodes": nodes, "edges": edges, "undated": int(undated)}


def graph_size(tables: Mapping[str, pd.DataFrame]) -> int:
    """The nodes and edges of the graph the tables make: one per row."""
    return sum(len(tables[name]) for name in TABLES)


def read_tables(folder: str | os.PathLike[str]) -> dict[str, pd.DataFrame]:
    """The final tables written under ``folder`` as pandas DataFrames (they must fit in
    memory)."""
    folder = Path(folder)
    return {name: pd.read_parquet(folder / name) for name in TABLES
            if (folder / name).exists()}


def remove_stale_tables(folder: str | os.PathLike[str]) -> None:
    """Remove a tables folder left by an earlier build, only if it holds nothing but
    tables (a folder of the user's own of that name is left alone)."""
    import shutil

    folder = Path(folder)
    if folder.is_dir() and all(p.name in TABLES and p.is_dir() for p in folder.iterdir()):
        shutil.rmtree(folder, ignore_errors=True)
