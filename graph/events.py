"""Events: the articles that report the same news, clustered offline on CPU.

Two articles report the same event when they tell the same news within days: the same
announcement, ruling, deal or incident. Sharing a topic is not enough. The method:

1. **features** per article (:func:`features`): the stemmed words of title (counted
   twice) and excerpt without stop words, the organizations and people it mentions,
   its publish day;
2. **document frequencies** of the words over the corpus (:func:`document_frequencies`),
   which weigh each word by how rare it is (TF-IDF);
3. **blocking** (:func:`posted_names`): each article posts its rarest words and its
   entities under keys of its time block (blocks of :data:`WINDOW_DAYS`, so two articles
   at most that many days apart share one); an undated article posts under a key
   without time, and so does a dated article for the names some undated one posts.
   Articles that share a key are candidate pairs, each with its :data:`NEIGHBOURS` next
   ones in time (:func:`group_pairs`); a key that more than :data:`MAX_POSTINGS`
   articles share is too common to propose any;
4. **scoring** (:meth:`Scorer.decide`): cosine of the TF-IDF vectors plus a share for the
   entities in common; dated articles must be within :data:`WINDOW_DAYS`; an undated
   article needs the stricter :data:`UNDATED_THRESHOLD`; a related-story link is a hint
   that lowers the bar a little, not a proof;
5. **clusters** (:func:`clusters`): linked pairs join their clusters from the best score
   down, as long as a cluster's dated articles span at most :data:`MAX_SPAN_DAYS` (no
   chains of look-alikes across weeks). Only clusters of two articles or more are
   events; an event's id comes from its earliest article, so it stays the same as
   later reports join.

Every step depends on the articles' content only, never on file order, and runs in
near-linear time: the work per key is bounded. :mod:`graph.distributed` runs the same
functions over partitions (document frequencies as a reduction, candidate pairs as a
groupby on the blocking keys).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from extract.documents import Story
from extract.language import english
from extract.resolve import Resolved
from graph import model as m
from graph.gcpause import cyclic_gc_paused

#: Two dated articles of one event are at most this many days apart.
WINDOW_DAYS = 4
#: Keys shared by more articles than this propose no pairs (per time block).
MAX_POSTINGS = 200
#: Two articles are scored only when they share this many of their posted names.
MIN_SHARED_NAMES = 2  # streamed_pairs counts "a second name"
#: Within one key, an article is paired with this many next articles in time.
NEIGHBOURS = 6
#: Rarest words an article posts as blocking keys (its entities are posted too).
KEYS_PER_ARTICLE = 6
#: Score from which two dated articles (within the window) report the same event.
THRESHOLD = 0.30
#: Score from which an undated article joins another.
UNDATED_THRESHOLD = 0.36
#: Share of the score that comes from the organizations and people in common.
ENTITY_WEIGHT = 0.10
#: The dated articles of one event lie at most this many days apart.
MAX_SPAN_DAYS = 7
#: What a related-story link between the two takes off the threshold.
RELATED_BONUS = 0.08

_WORD = re.compile(r"[a-z0-9]+(?:[.,'’][a-z0-9]+)*")
_EPOCH = dt.date(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class Features:
    """What clustering knows of one article."""

    id: str  # the article's node id
    day: int | None  # days since 1970-01-01, None when undated
    terms: tuple[tuple[str, int], ...]  # word, count (title words count twice)
    entities: frozenset[str]  # node ids of the organizations and people it mentions


_NUMBER = re.compile(r"^(\d+(?:[.,]\d+)?)[a-z]*$")
#: Endings taken off a word so that forms of one word meet (approves, approved,
#: approval; settle, settlement), longest first; the stem keeps four letters or more.
_ENDINGS = ("ations", "ation", "ments", "ment", "ings", "ing", "ions", "ion", "als", "al",
            "ers", "er", "ies", "es", "ed", "s", "e")


@lru_cache(maxsize=1 << 16)  # words repeat across a corpus: stem each once
def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[:-len(ending)]
    return word


def _words(text: str) -> list[str]:
    """Content words of a text, stemmed; numbers as written without their unit letters
    (``4.3b`` → ``4.3``), from two digits."""
    terms = (_term(w) for w in _WORD.findall(text.lower().replace("’", "'")))
    return [t for t in terms if t is not None]


@lru_cache(maxsize=1 << 17)  # words repeat across a corpus: read each once
def _term(word: str) -> str | None:
    """The term a word of :func:`_words` counts as, or None for none."""
    word = word.removesuffix("'s")
    number = _NUMBER.match(word)
    if number:
        return number[1] if len(number[1]) >= 2 else None
    if len(word) > 1 and word not in english().stopwords:
        return _stem(word)
    return None


def _day(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return (dt.date.fromisoformat(published[:10]) - _EPOCH).days
    except ValueError:
        return None


#: One tuple per (term, count) pair, shared by the stories: pairs repeat across a corpus,
#: and the build keeps every story's terms until events are found (at 100,000 stories,
#: 57 MiB of them so, against 337 MiB unshared). Emptied when it grows past _MAX_PAIRS.
_PAIRS: dict[tuple[str, int], tuple[str, int]] = {}
_MAX_PAIRS = 1 << 20


def story_terms(story: Story) -> tuple[tuple[str, int], ...]:
    """The word counts of one article (the text part of its features: no entity needed,
    so it can be computed before NER is done)."""
    counts = Counter(_words(story.title))
    counts.update(counts)  # the headline says what the news is: its words count twice
    counts.update(_words(story.excerpt))
    if len(_PAIRS) > _MAX_PAIRS:
        _PAIRS.clear()
    shared = _PAIRS.setdefault
    return tuple(shared(pair, pair) for pair in sorted(counts.items()))


def features(story: Story, resolved: Iterable[Resolved],
             terms: tuple[tuple[str, int], ...] | None = None) -> Features:
    """The features of one article (``terms``: its :func:`story_terms`, if known)."""
    entities = frozenset(m.node_id(r.kind, r.name) for r in resolved
                         if r.kind in (m.ORGANIZATION, m.PERSON))
    return Features(m.node_id(m.ARTICLE, story.url), _day(story.published),
                    story_terms(story) if terms is None else terms, entities)


def document_frequencies(items: Iterable[Features]) -> Counter[str]:
    """In how many articles each word appears (mergeable: sum the Counters)."""
    df: Counter[str] = Counter()
    for f in items:
        df.update(term for term, _ in f.terms)
    return df


def _idf(df: Mapping[str, int], n_docs: int, term: str) -> float:
    return math.log((n_docs + 1) / (df.get(term, 0) + 1)) + 1.0


def posted_names(f: Features, df: Mapping[str, int]) -> list[str]:
    """The names an article posts as blocking keys: its rarest words, its entities."""
    rare = sorted((d, t) for t, _ in f.terms if (d := df.get(t, 0)) > 1)[:KEYS_PER_ARTICLE]
    return [*(t for _, t in rare), *sorted(f.entities)]


def undated_names(items: Iterable[Features], df: Mapping[str, int]) -> set[str]:
    """The names undated articles post (mergeable: union the sets)."""
    return {name for f in items if f.day is None for name in posted_names(f, df)}


#: Sorts after every real day (days since 1970).
_NO_DAY = 1 << 40


def group_pairs(members: Sequence[tuple[int | None, str]]) -> list[tuple[str, str]]:
    """The candidate pairs of one key's ``(day, article id)`` members: each article with
    its :data:`NEIGHBOURS` next ones in time (undated last), so the work per key stays
    bounded however many articles share it; none above :data:`MAX_POSTINGS`."""
    if len(members) < 2:  # most keys: a rare name in one article
        return []
    # Undated members last: as a day after any real one, the tuples sort natively.
    ordered = sorted({(_NO_DAY if d is None else d, a) for d, a in members})
    if len(ordered) > MAX_POSTINGS:
        return []
    pairs = []
    for i, (_, a) in enumerate(ordered):
        for _, b in ordered[i + 1:i + 1 + NEIGHBOURS]:
            pairs.append((a, b) if a < b else (b, a))
    return pairs


def loose_names(f: Features, df: Mapping[str, int],
                undated: set[str] | frozenset[str] = frozenset(),
                posted: list[str] | None = None) -> list[str]:
    """The names an article posts without time: all of an undated article's, and those
    of ``undated`` (the names undated articles post) for a dated one. ``posted``: its
    :func:`posted_names`, when already known."""
    posted = posted_names(f, df) if posted is None else posted
    return [name for name in posted if f.day is None or name in undated]


def loose_pairs(items: Iterable[Features], df: Mapping[str, int],
                undated: set[str] | frozenset[str] = frozenset(),
                names: set[str] | frozenset[str] | None = None,
                posted: Mapping[str, list[str]] | None = None,
                ) -> tuple[dict[tuple[str, str], str], set[tuple[str, str]]]:
    """The pairs made by the keys without time (:func:`loose_names`). Returns the first
    name of each pair, and the pairs met under two names (already candidates). ``names``
    may leave out names that propose no pair anyway (posted by more than
    :data:`MAX_POSTINGS` articles), so a cluster sends fewer articles to this pass.
    ``posted``: the articles' :func:`posted_names` by id, when already known."""
    loose: dict[str, list[tuple[int | None, str]]] = {}
    for f in items:
        for name in loose_names(f, df, undated, posted[f.id] if posted else None):
            if names is None or name in names:
                loose.setdefault(name, []).append((f.day, f.id))
    first: dict[tuple[str, str], str] = {}
    found: set[tuple[str, str]] = set()
    for name, members in loose.items():
        for pair in group_pairs(members):
            if first.setdefault(pair, name) != name:
                found.add(pair)
    return first, found


def _window(blocks: Mapping[int, list[tuple[list[str], int, str]]],
            k: int) -> dict[str, list[tuple[int | None, str]]]:
    """The members of each name's key in window ``k``: the articles of blocks k - 1 and
    k (an article posts its names in its own block and the next)."""
    by_name: dict[str, list[tuple[int | None, str]]] = {}
    for b in (k - 1, k):
        for names, day, aid in blocks.get(b, ()):
            for name in names:
                by_name.setdefault(name, []).append((day, aid))
    return by_name


def _dated_blocks(items: Iterable[Features], df: Mapping[str, int],
                  posted: Mapping[str, list[str]] | None = None,
                  ) -> dict[int, list[tuple[list[str], int, str]]]:
    blocks: dict[int, list[tuple[list[str], int, str]]] = {}
    for f in items:
        if f.day is not None:
            names = posted[f.id] if posted else posted_names(f, df)
            blocks.setdefault(f.day // WINDOW_DAYS, []).append((names, f.day, f.id))
    return blocks


def streamed_pairs(items: Iterable[Features], df: Mapping[str, int],
                   undated: set[str] | frozenset[str] = frozenset()) -> Iterator[tuple[str, str]]:
    """The pairs of articles that share at least two of the names they post (their
    :func:`posted_names`; one rare word in common is too little to score), each key's
    members paired by :func:`group_pairs`. Made time block by time block: only two
    blocks' postings are in hand at a time, so the work per article stays the same
    however long the corpus runs (one dictionary of every posting of 220,000 articles
    made the pass about 40 % slower per article).

    The undated keys go first, over the whole corpus (:func:`loose_pairs`): a pair may
    share one name there and another in a time block.
    """
    items = list(items)
    posted = {f.id: posted_names(f, df) for f in items}  # once, for both passes
    loose_first, loose_found = loose_pairs(items, df, undated, posted=posted)
    yield from loose_found
    blocks = _dated_blocks(items, df, posted)
    del posted
    # A pair is met in at most two windows, one after the other (k and k + 1 when both
    # articles are in block k), so the previous window's first names are enough.
    prev_first: dict[tuple[str, str], str] = {}
    prev_found: set[tuple[str, str]] = set()
    for k in sorted({*blocks, *(b + 1 for b in blocks)}):
        first: dict[tuple[str, str], str] = {}
        found: set[tuple[str, str]] = set()
        for name, members in _window(blocks, k).items():
            for pair in group_pairs(members):
                seen = first.get(pair) or prev_first.get(pair) or loose_first.get(pair)
                if seen is None:
                    first[pair] = name
                elif seen != name and pair not in found:
                    found.add(pair)
                    if pair not in prev_found and pair not in loose_found:
                        yield pair
                elif pair not in first:
                    first[pair] = seen
        blocks.pop(k - 1, None)
        prev_first, prev_found = first, found


def block_pairs(items: Iterable[Features], df: Mapping[str, int], block: int,
                loose: tuple[Mapping[tuple[str, str], str], set[tuple[str, str]]],
                ) -> list[tuple[str, str]]:
    """The pairs of :func:`streamed_pairs` whose later article is in time block
    ``block``, from the dated articles of blocks ``block - 1`` to ``block + 1`` and
    ``loose``, the result of :func:`loose_pairs` (its pairs met twice are not repeated).
    One task per block on a cluster: each article travels to three blocks instead of
    once per key."""
    loose_first, loose_found = loose
    blocks = _dated_blocks(items, df)
    names_of: dict[tuple[str, str], set[str]] = {}
    for k in (block, block + 1):
        for name, members in _window(blocks, k).items():
            for pair in group_pairs(members):
                names_of.setdefault(pair, set()).add(name)
    in_block = {aid for _, _, aid in blocks.get(block, ())}
    later = {aid for _, _, aid in blocks.get(block + 1, ())}
    out = []
    for (a, b), names in names_of.items():
        if (a in later or b in later) or not (a in in_block or b in in_block):
            continue  # a pair of the next block, or of the one before
        if (a, b) in loose_found:
            continue
        first = loose_first.get((a, b))
        if len(names) + (first is not None and first not in names) >= MIN_SHARED_NAMES:
            out.append((a, b))
    return out


class Scorer:
    """Same-event decisions, with the corpus's document frequencies."""

    def __init__(self, df: Mapping[str, int], n_docs: int) -> None:
        self.df, self.n_docs = df, n_docs
        self._vectors: dict[str, tuple[dict[str, float], float]] = {}

    def _vector(self, f: Features) -> tuple[dict[str, float], float]:
        found = self._vectors.get(f.id)
        if found is None:
            vec = {t: (1.0 + math.log(c)) * _idf(self.df, self.n_docs, t) for t, c in f.terms}
            found = (vec, math.sqrt(sum(v * v for v in vec.values())) or 1.0)
            self._vectors[f.id] = found  # one per article: pairs reuse them
        return found

    def score(self, a: Features, b: Features) -> float:
        (va, na), (vb, nb) = self._vector(a), self._vector(b)
        # The shared terms by a set intersection (in C): two articles share few words.
        cosine = sum(va[t] * vb[t] for t in va.keys() & vb.keys()) / (na * nb)
        shared = len(a.entities & b.entities)
        overlap = shared / min(len(a.entities), len(b.entities)) if shared else 0.0
        return (1 - ENTITY_WEIGHT) * cosine + ENTITY_WEIGHT * overlap

    def decide(self, a: Features, b: Features) -> tuple[str, float] | None:
        """``("same", score)`` when the two report the same event, ``("near", score)``
        when they would if one listed the other as related (the hint lowers the bar by
        :data:`RELATED_BONUS`), else None."""
        dated = a.day is not None and b.day is not None
        if dated and abs(a.day - b.day) > WINDOW_DAYS:  # type: ignore[operator]
            return None
        bar = THRESHOLD if dated else UNDATED_THRESHOLD
        score = self.score(a, b)
        if score >= bar:
            return "same", score
        return ("near", score) if score >= bar - RELATED_BONUS else None


def decide_pairs(pairs: Iterable[tuple[str, str]], by_id: Mapping[str, Features],
                 scorer: Scorer) -> Iterator[tuple[str, str, str, float]]:
    """``(a, b, "same" | "near", score)`` for the candidate pairs that are, or nearly
    are, one event (see :meth:`Scorer.decide`)."""
    for a, b in pairs:
        decision = scorer.decide(by_id[a], by_id[b])
        if decision is not None:
            yield a, b, *decision


def related_pairs(links: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """Related-story links as article-id pairs, smaller id first."""
    out = set()
    for parent, child in links:
        a, b = m.node_id(m.ARTICLE, parent), m.node_id(m.ARTICLE, child)
        if a != b:
            out.add((a, b) if a < b else (b, a))
    return out


def linked_pairs(items: list[Features], df: Mapping[str, int], n_docs: int,
                 related: set[tuple[str, str]] = frozenset()) -> dict[tuple[str, str], float]:
    """The same-event pairs among ``items`` (article ids, smaller first) with their
    scores; ``related`` pairs (:func:`related_pairs`) are a hint."""
    by_id = {f.id: f for f in items}
    undated = undated_names(items, df)
    decided = decide_pairs(streamed_pairs(items, df, undated), by_id, Scorer(df, n_docs))
    return {(a, b): score for a, b, d, score in decided if d == "same" or (a, b) in related}


def event_id(members: Iterable[tuple[str | None, str]]) -> str:
    """The node id of the event of ``(published, article id)`` members: a hash of its
    earliest article (undated ones last, then by id), so later reports keep the id."""
    first = min(members, key=lambda pa: (pa[0] is None, pa[0] or "", pa[1]))[1]
    return m.node_id(m.EVENT, hashlib.blake2b(first.encode(), digest_size=8).hexdigest())


def clusters(pairs: Mapping[tuple[str, str], float],
             published: Mapping[str, str | None]) -> dict[str, str]:
    """Article id → event id for every article in a cluster of two or more.

    Linked pairs join their clusters from the best score down (ties by ids, so the
    order of the input never matters), unless the joined cluster's dated articles would
    span more than :data:`MAX_SPAN_DAYS`: a chain of look-alike stories, or an undated
    story close to two of them, never bridges news weeks apart.
    """
    parent: dict[str, str] = {}
    span: dict[str, tuple[int, int] | None] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for a, b in sorted(pairs, key=lambda ab: (-pairs[ab], ab)):
        for x in (a, b):
            if x not in span:
                day = _day(published.get(x))
                span[x] = (day, day) if day is not None else None
        ra, rb = root(a), root(b)
        if ra == rb:
            continue
        sa, sb = span[ra], span[rb]
        joined = sa or sb if not (sa and sb) else (min(sa[0], sb[0]), max(sa[1], sb[1]))
        if joined is not None and joined[1] - joined[0] > MAX_SPAN_DAYS:
            continue
        lo, hi = sorted((ra, rb))
        parent[hi] = lo
        span[lo] = joined
    groups: dict[str, list[str]] = {}
    for x in span:
        groups.setdefault(root(x), []).append(x)
    out: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        members = sorted(members)
        eid = event_id((published.get(a), a) for a in members)
        for a in members:
            out[a] = eid
    return out


def assign_events(items: list[Features], published: Mapping[str, str | None],
                  links: Iterable[tuple[str, str]] = ()) -> dict[str, str]:
    """The one-machine driver: article id → event id. ``links`` are the corpus's
    related-story links (parent URL, child URL)."""
    # The features hold no reference cycles: the cyclic garbage collector would only
    # rescan millions of live tuples, again and again, as they are made.
    with cyclic_gc_paused():
        df = document_frequencies(items)
        return clusters(linked_pairs(items, df, len(items), related_pairs(links)), published)
