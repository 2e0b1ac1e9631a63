"""Surface form → canonical entity.

Resolution runs over the whole corpus at once, because some decisions need more than one
article (which kind a name has, which full name a bare surname stands for). It takes the
raw :class:`~extract.ner.Mention` lists per story and returns one :class:`Resolved` per
kept mention, with its canonical name and kind. The steps, in order:

1. **clean** each span (:func:`clean_surface`): quotes, whitespace, possessives, a
   leading "the" that is not part of a known name, honorifics before people's names,
   legal suffixes of organizations (cleanco), all-caps datelines (``DETROIT``);
2. **split** spans that hold more than one name: a country word qualifying an
   organization (``US Federal Trade Commission`` → place + organization), lists
   (``Google, Facebook Inc.``), headline fragments around a known name
   (``Atop Microsoft Corp.``);
3. **junk**: digits/punctuation only, one character, the alias table's junk list;
4. **alias table** lookup, which also corrects the kind of known names;
5. **acronyms**: an acronym and its long form in the same article are one entity;
6. **short names**: ``Altman`` joins ``Sam Altman`` (same article, else the only full
   name in the corpus that fits); ``Clearview`` joins ``Clearview AI`` likewise;
7. **variants**: a place or organization name that differs from a more frequent one
   only by a final "s" or by case joins it; near spellings across outlets join too
   (``Carlo``/``Carlos Tavares``, ``Supreme Electoral``/``Elections Court``);
8. **kind vote**: a name found with several kinds gets the majority kind (ties: the
   alias table's kind, then organization).
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cleanco import basename as _cleanco
from rapidfuzz.distance import Levenshtein

from extract import places
from extract.aliases import AliasTable
from extract.kinds import ORGANIZATION, PERSON, PLACE
from extract.language import english
from extract.names import fold_name, normalise_quotes
from extract.ner import Mention

_LANG = english()

ORG = ORGANIZATION

_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?<=[\w.])(?:'s|')$", re.IGNORECASE)
_EDGE_PUNCT = "\"' ,;:!?()[]{}\u2013\u2014-*_/|"
_NO_LETTERS = re.compile(r"^[\W\d_]+$")
#: Letters, hyphen, number: model and product codes (GPT-4, F-35, GLP-1, COVID-19).
_PRODUCT_CODE = re.compile(r"^[A-Za-z]{1,8}-\d+[A-Za-z]?$")
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,7}$|^[A-Z][A-Z0-9&]{1,6}$")
_LIST_SPLIT = re.compile(r"\s*(?:,|;|\s&\s|\sand\s)\s*")
#: Separators that never stand inside a name ("and", "&" do: Johnson & Johnson).
_HARD_SPLIT = re.compile(r"\s*(?:,|;|\s[-\u2013\u2014]\s)\s*")
_PARTY_STATE = re.compile(r"^[DRI]-(?=[A-Z])")
#: Last words of a company's legal name, which cleanco keeps when the rest is one word.
_LEGAL_WORDS = frozenset({"corporation", "company", "corp", "corp.", "inc", "inc.", "co",
                          "co.", "limited", "ltd", "ltd.", "plc", "group", "holdings"})


@dataclass(frozen=True, slots=True)
class Resolved:
    """A mention resolved to its entity: canonical ``name`` and ``kind``."""

    name: str
    kind: str
    surface: str
    field: str


#: Institution words that, bare, name a country's legislature.
_LEGISLATURES = frozenset({"Congress", "House", "Parliament", "Senate"})


@dataclass(slots=True)
class _Candidate:
    """A cleaned span on its way to an entity."""

    text: str
    kind: str
    surface: str
    field: str
    known: bool = False  # resolved by the alias table: its name and kind are final
    opens_title: bool = False  # the headline's first words (capitalised by convention)

    def placed(self, opens_title: bool) -> _Candidate:
        """A copy for one mention of the span (dataclasses.replace costs 5 times more,
        and a corpus copies a candidate per mention)."""
        return _Candidate(self.text, self.kind, self.surface, self.field, self.known,
                          opens_title)


@lru_cache(maxsize=1 << 16)  # the same spans come back across a corpus
def clean_surface(text: str) -> str:
    """Whitespace, quotes and possessive cleanup: ``Amazon’s`` → ``Amazon``."""
    text = _SPACE.sub(" ", normalise_quotes(text)).strip(_EDGE_PUNCT)
    text = _POSSESSIVE.sub("", text)
    return text.strip(_EDGE_PUNCT)


def strip_leading_the(text: str, aliases: AliasTable | None = None) -> str:
    """``the Federal Trade Commission`` → ``Federal Trade Commission``.

    The article stays where it is part of a known name (``The New York Times``).
    """
    if text[:4].lower() == "the " and len(text) > 4:
        if aliases is not None and aliases.lookup(text):
            return text
        return text[4:].lstrip()
    return text


def strip_leading_lowercase(text: str, kind: str) -> str:
    """``a High Court`` → ``High Court``; ``activist Jane Doe`` → ``Jane Doe``.

    A leading word in lower case (a determiner, a role noun) is never part of a name,
    except a surname particle that begins a person's name (``da Silva``).
    """
    words = text.split()
    i = 0
    while i < len(words) - 1 and words[i].isalpha() and words[i].islower():
        if kind == PERSON and words[i] in _LANG.surname_particles:
            break
        i += 1
    return " ".join(words[i:]) if i else text


_NICKNAME = re.compile(r'^(?P<first>.*?)\s*"(?P<nick>[^"\s]+)"\s*(?P<rest>.*)$')


def _nickname(text: str) -> str:
    """``Robert K. "Kelly" Ortberg`` → ``Kelly Ortberg``: the name the person goes by."""
    match = _NICKNAME.match(normalise_quotes(text))
    if not match or not match["rest"]:
        return text
    return f"{match['nick']} {match['rest'].split()[-1]}"


def strip_honorifics(text: str) -> str:
    """``President Joe Biden`` → ``Joe Biden``; a lone honorific is left alone."""
    words = text.split()
    i = 0
    while i < len(words) - 1 and words[i].lower().rstrip(",") in _LANG.person_prefixes:
        i += 1
    return " ".join(words[i:])


def strip_legal_suffix(text: str) -> str:
    """``Microsoft Corp.`` → ``Microsoft``; ``SoftBank Group Corp`` → ``SoftBank``.

    cleanco removes the legal form; a trailing Group/Holding(s) left behind goes too.
    Acronyms are left alone (cleanco reads ``EU`` or ``SA`` as legal forms), and so is a
    spelled-out word that would leave a single word behind (``Fast Company``).
    """
    out = text
    for _ in range(3):
        if is_acronym(out):
            break
        stripped = _cleanco_basename(out).strip(" ,")
        removed = out[len(stripped):].strip(" ,.")
        if " " not in stripped and removed.istitle() and len(removed) > 4:
            break
        words = stripped.split()
        if len(words) > 1 and words[-1] in ("Group", "Holdings", "Holding"):
            stripped = " ".join(words[:-1])
        if not stripped or stripped == out:
            break
        out = stripped
    return out


def is_acronym(text: str) -> bool:
    return bool(_ACRONYM.match(text))


@lru_cache(maxsize=1 << 16)  # a corpus asks for the same names' initials again and again
def initials(text: str) -> str:
    """``Federal Trade Commission`` → ``FTC``; connecting words are skipped."""
    return "".join(w[0] for w in re.split(r"[\s\-]+", text)
                   if w and w.lower() not in _LANG.acronym_skip and w[0].isalpha()).upper()


def _title(text: str) -> str:
    """Title case for a name written in capitals: ``EAST PALESTINE`` → ``East Palestine``."""
    return " ".join(w if is_acronym(w) and (len(w) <= 2 or "." in w) else w.capitalize()
                    for w in text.split())


def _acronym_key(text: str) -> str:
    return text.replace(".", "").upper()


def _fragment(m: Mention, story_mentions: list[Mention]) -> bool:
    """Whether a span looks like a piece of text around a name rather than a name.

    Signs: a possessive inside it (``Amazon's Face Recognition``), a lower-case word that
    is not a connector (``Congress with mugshots``), or a headline span (where Title
    Case hides the difference) that the story's excerpt does not repeat as a name.
    """
    shape = _fragment_shape(m.text)
    if shape is not None:
        return shape
    if m.field == "title":
        return not any(o.field != "title" and o.text == m.text for o in story_mentions)
    return False


@lru_cache(maxsize=1 << 16)
def _fragment_shape(text: str) -> bool | None:
    """What the words of a span alone say (see :func:`_fragment`): True or False, or None
    when only the story can tell."""
    words = normalise_quotes(text).split()
    if len(words) < 2:
        return False
    if any(w.endswith(("'s", "'")) for w in words[:-1]):
        return True
    if any(w[0].islower() and w.lower() not in _LANG.connectors for w in words[1:]):
        return True
    return None


def _initials_of(c: _Candidate) -> set[str]:
    """The initials of a name, and of the longer span it was written as (a suffix
    stripped): ``UMG`` is Universal Music, written "Universal Music Group"."""
    found = {initials(c.text)}
    surface = clean_surface(c.surface)
    if surface != c.text and surface.startswith(c.text + " "):
        found.add(initials(surface))
    return found


def _is_type_word(text: str) -> bool:
    """One word that says what kind of company, capitalised at a sentence's start:
    "Drugmaker GlaxoSmithKline says", "Startup Mistral AI raised" (a company of the alias
    table may bear such a name: the caller asks it first)."""
    word = text.casefold()
    return " " not in text and (word in _LANG.organization_type_nouns - {"carrier", "giant"}
                                or (word.endswith("maker") and len(word) > 5))


@lru_cache(maxsize=65536)
def _cleanco_basename(text: str) -> str:
    # Names repeat across a corpus; cleanco is the resolver's hottest call.
    return _cleanco(text)


def _near(a: list[str], b: list[str], *, person: bool, dropped: bool) -> bool:
    """Whether two folded word lists are one name spelt twice (see
    :meth:`Resolver._near_spellings`)."""
    if dropped:
        return abs(len(a) - len(b)) == 1
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(pairs) != 1:
        return False
    x, y = pairs[0]
    if person:
        return min(len(x), len(y)) >= 4 and Levenshtein.distance(x, y) == 1
    stem = len(os.path.commonprefix([x, y]))
    return min(len(x), len(y)) >= 5 and stem >= 5


class Resolver:
    """Resolves the mentions of a corpus to canonical entities, with an alias table."""

    def __init__(self, aliases: AliasTable | None = None) -> None:
        self.aliases = aliases if aliases is not None else AliasTable()
        # Names repeat across a corpus: a span's candidates depend only on its text,
        # kind label and field (a headline fragment also on its story: those are not
        # memoised). Kept across calls, which may come a batch of stories at a time.
        self._memo: dict[tuple[str, str, str], list[_Candidate]] = {}

    # -- per span ---------------------------------------------------------------------
    def _known(self, text: str, kind: str) -> tuple[str, str] | None:
        """(kind, canonical) from the alias table, preferring the model's kind.

        An ambiguous (``resolve_only``) spelling never changes the model's kind:
        ``Cambridge`` read as a place is not the University of Cambridge.
        """
        hits = self.aliases.lookup(text)
        if not hits:
            return None
        if kind in hits:
            return kind, hits[kind]
        hits = self.aliases.lookup(text, strong=True)
        for preferred in (ORG, PLACE, PERSON):
            if preferred in hits:
                return preferred, hits[preferred]
        return None

    @staticmethod
    def _state_only(text: str) -> bool:
        """Whether a prefix names a state (a province, a US state) and no country: its
        institutions are its own ("California Public Utilities Commission", "New York
        Supreme Court"), not a country's of the same name."""
        found = places.builtin().candidates(text)
        return bool(found) and all(p.kind != "country" for p in found) and any(
            p.kind == "state" for p in found)

    @staticmethod
    def _gazetteer_place(text: str, *, prefix: bool = False) -> tuple[places.Place, bool] | None:
        """A place of the generated gazetteer for a span read as a place, and whether it
        stays a place whatever the story says (a country, a federal state or a large
        city). ``prefix``: only a country or a state qualifies an organization (``Texas``
        in "Texas Senate", not ``Fulton``)."""
        gazetteer = places.builtin()
        found = gazetteer.best(text, kinds=("country", "state") if prefix else
                               ("country", "state", "city"))
        if found is None:
            return None
        return found, gazetteer.is_unmistakable(text, population=places.LARGE_CITY)

    def _is_junk(self, text: str) -> bool:
        """Digits/punctuation only, one character, all lower case (no proper noun:
        ``monthslong``), a product code (``GPT-4``), a bare legal form (``AG``), or in the
        alias table's junk list."""
        return (len(text) < 2 or bool(_NO_LETTERS.match(text)) or text.islower()
                or bool(_PRODUCT_CODE.match(text))
                or _is_type_word(text) and not self.aliases.lookup(text)
                or self.aliases.is_junk(text) or not _cleanco_basename(text).strip(" ,.")
                and not self.aliases.lookup(text))

    def _finish(self, text: str, kind: str, surface: str, field: str) -> _Candidate | None:
        """Clean one name (already split) and look it up; None if it is junk."""
        text = strip_leading_the(clean_surface(text), self.aliases)
        if text and not self.aliases.lookup(text):
            text = strip_leading_lowercase(text, kind)
        if not text or self._is_junk(text):
            return None
        hit = self._known(text, kind)
        if hit is None and _PARTY_STATE.match(text):
            # "D-Mass.", "R-Texas": a lawmaker's party and state; the state is the place.
            state = _PARTY_STATE.sub("", text)
            hit = self._known(state, PLACE)
            if hit is None and (found := self._gazetteer_place(state, prefix=True)):
                hit = (PLACE, found[0].name)
        if hit is None and kind == PERSON:
            text = strip_honorifics(_nickname(text))
            hit = self._known(text, kind)
        if hit is None and kind == ORG:
            bare = strip_leading_the(strip_legal_suffix(text), self.aliases)
            if bare and bare != text:
                text = bare
                hit = self._known(text, kind)
        if hit is None and text.isupper() and (len(text) > 3 or " " in text):
            # A name in capitals (a dateline: DETROIT, SANTA CLARA), unless the table
            # knows it as written (NASA): look up its title-case form; a place keeps it.
            hit = self._known(_title(text), kind)
            if hit is None and kind == PLACE:
                text = _title(text)
        if hit is not None:
            return _Candidate(hit[1], hit[0], surface, field, known=True)
        if self._is_junk(text):
            return None
        if kind == ORG and " " in text:
            # "Friends Of The Earth" (a Title Case headline) is Friends of the Earth.
            words = text.split()
            text = " ".join([words[0], *(w.lower() if w.lower() in _LANG.connectors else w
                                         for w in words[1:])])
        if kind == PLACE and (found := self._gazetteer_place(text)) is not None:
            # A small place keeps the model's freedom to be part of a longer name. Another
            # reading that is a country or a big city turns into the place later
            # (Resolver._places), once "Jordan" could join "Michael Jordan".
            return _Candidate(found[0].name, PLACE, surface, field, known=found[1])
        head = text.rsplit(" ", 1)[1] if " " in text else ""
        if head in _LANG.not_entity_heads:
            return None  # a law or a treaty
        if kind != ORG and head in _LANG.organization_heads:
            kind = ORG  # "Purdue Pharma" read as a person is still a company
        elif kind != PLACE and head in _LANG.place_heads:
            kind = PLACE  # "Muan International Airport", "St James' Park"
        return _Candidate(text, kind, surface, field)

    def _country_prefix(self, words: list[str], whole: _Candidate | None, m: Mention
                        ) -> list[_Candidate] | None:
        """``US Federal Trade Commission`` → [United States (place), FTC (organization)].

        Split only where the rest is an organization in its own right: the same known
        organization as the whole span (so ``New York Times`` stays whole), or an
        unknown name of more than one word with an institution word in it.
        """
        for cut in (1, 2):
            head, rest = clean_surface(" ".join(words[:cut])), words[cut:]
            place = self._known(head, PLACE) if rest else None
            if place is None and rest and (found := self._gazetteer_place(head, prefix=True)):
                place = (PLACE, found[0].name)
            if place is None or place[0] != PLACE or self._state_only(head):
                continue
            org = self._finish(" ".join(rest), ORG, " ".join(rest), m.field)
            if org is None or org.kind != ORG:
                continue
            if whole is not None and whole.known:
                if (whole.kind, whole.text) != (ORG, org.text):
                    continue
            elif not org.known and not (len(rest) > 1 and set(rest) & _LANG.institution_words):
                continue
            return [_Candidate(place[1], PLACE, " ".join(words[:cut]), m.field, known=True), org]
        return None

    def _named_inside(self, words: list[str], others: frozenset[str]) -> str | None:
        """The longest, then leftmost, run of ``words`` (not all of them) that the story
        names elsewhere or the alias table knows."""
        for size in range(len(words) - 1, 0, -1):
            for begin in range(0, len(words) - size + 1):
                piece = clean_surface(" ".join(words[begin:begin + size]))
                if len(piece) < 2 or not piece[0].isupper():
                    continue
                if piece in others or self.aliases.lookup(piece, strong=True):
                    return piece
        return None

    def candidates(self, m: Mention, *, fragment: bool = False,
                   others: frozenset[str] = frozenset()) -> list[_Candidate]:
        """The entity candidates of one span (usually one; none for junk).

        ``fragment`` says the span may be a piece of headline rather than a name; then a
        known name inside it stands for the span: first the longest piece that the story
        names elsewhere (``others``, the story's other mention texts), else the longest
        piece the alias table knows. Without it, a longer name that holds a known one is
        its own entity (``Google Research`` is not ``Google``).
        """
        text = strip_leading_the(clean_surface(m.text), self.aliases)
        if not text:
            return []
        if m.label == "NORP":
            # A group name ("Conservatives", "Tories") is an entity only as a party or a
            # body the alias table knows; a nationality ("French", "American") never is.
            hit = None if text in _LANG.demonyms else self.aliases.lookup(text).get(ORG)
            return [_Candidate(hit, ORG, m.text, m.field, known=True)] if hit else []
        whole = self._finish(text, m.kind, m.text, m.field)
        words = text.split()
        split = self._country_prefix(words, whole, m) if len(words) > 1 else None
        if split is not None:
            return split
        # A span the table knows as a whole is final, whatever it looks like.
        if whole is not None and whole.known:
            return [whole]
        # Lists: "Google, Facebook Inc." → two names.
        parts = [p for p in _LIST_SPLIT.split(text) if p]
        if len(parts) > 1 and all(self.aliases.lookup(clean_surface(p)) or
                                  self.aliases.lookup(strip_legal_suffix(clean_surface(p)))
                                  for p in parts):
            return [c for p in parts if (c := self._finish(p, m.kind, p, m.field))]
        # "Nestlé, Danone", "Paris, France", "Alliance - Danone": names side by side.
        parts = [p for p in _HARD_SPLIT.split(text) if p]
        if len(parts) > 1 and all(p[0].isupper() and _cleanco_basename(p).strip(" ,.")
                                  for p in parts):
            return [c for p in parts if (c := self._finish(p, m.kind, p, m.field))]
        if len(words) > 1:
            # A name inside a headline fragment: "Atop Microsoft Corp.".
            inside = self._named_inside(words, others) if fragment else None
            if inside is not None:
                return [c] if (c := self._finish(inside, m.kind, inside, m.field)) else []
        return [whole] if whole is not None else []

    # -- per corpus -------------------------------------------------------------------
    def resolve(self, mentions: Mapping[str, list[Mention]], *, consume: bool = False
                ) -> dict[str, list[Resolved]]:
        """Canonical entities for each story's mentions, keyed like the input.

        ``consume`` empties the input lists as it goes (for big corpora: the raw
        mentions are not kept beside the candidates). This is the one-machine driver of
        :meth:`story_candidates` and :meth:`stages`; :mod:`graph.distributed` drives the
        same functions over partitions of a Dask bag.
        """
        return self.resolve_candidates(self.story_candidates(mentions, consume=consume))

    def resolve_candidates(self, per_story: dict[str, list[_Candidate]]
                           ) -> dict[str, list[Resolved]]:
        """The corpus-wide steps over every story's :meth:`story_candidates` (which may
        have come a batch of stories at a time); empties ``per_story``."""
        self.run_stages(per_story)
        return resolved_stories(per_story, consume=True)

    def run_stages(self, per_story: dict[str, list[_Candidate]]) -> None:
        """Every corpus-wide step of :meth:`stages`, in order, over all of ``per_story``
        at once (its candidates change in place)."""
        for stage in self.stages():
            stage.apply(per_story, stage.finish(stage.collect(per_story)))

    def story_candidates(self, mentions: Mapping[str, list[Mention]], *,
                         consume: bool = False) -> dict[str, list[_Candidate]]:
        """Candidates per story, after the steps that need only the story itself."""
        per_story: dict[str, list[_Candidate]] = {}
        memo = self._memo
        for key, ms in mentions.items():
            texts = [clean_surface(m.text) for m in ms]
            per_story[key] = []
            for i, m in enumerate(ms):
                fragment = _fragment(m, ms)
                found = memo.get((m.text, m.label, m.field)) if not fragment else None
                if found is None:
                    found = self.candidates(m, fragment=fragment,
                                            others=frozenset(texts[:i] + texts[i + 1:]))
                    if not fragment and len(memo) < 1 << 18:
                        memo[(m.text, m.label, m.field)] = found
                opens = m.field == "title" and m.start == 0
                per_story[key].extend(c.placed(opens) for c in found)
            if consume:
                ms.clear()
        self._excerpt_readings(per_story)
        self._headline_words(per_story)
        self._places(per_story)
        self._own_institutions(per_story)
        return per_story

    def _own_institutions(self, per_story: dict[str, list[_Candidate]]) -> None:
        """An ambiguous short form the alias table reads as one institution (``resolve_only``:
        "Commission" as the European Commission) is the story's own organization whose
        name ends in it, where it names exactly one: "Commission President Michael
        Picker" in a story on the California Public Utilities Commission."""
        for cands in per_story.values():
            for c in cands:
                if c.kind != ORG or " " in c.surface.strip() or not c.known:
                    continue
                word = strip_leading_the(clean_surface(c.surface), self.aliases)
                # (an institution's word; not a legislature's: "the House" is never the
                # White House)
                if word not in _LANG.institution_words or word in _LEGISLATURES or \
                        self.aliases.lookup(word, strong=True) or not self.aliases.lookup(word):
                    continue
                own = {o.text for o in cands if o.kind == ORG and o.text != c.text
                       and o.text.endswith(" " + word)}
                if len(own) == 1:
                    c.text = own.pop()

    def stages(self) -> list[Stage]:
        """The corpus-wide steps, in order. Each collects a small table of distinct
        names (:meth:`Stage.collect`, mergeable with :meth:`Stage.combine`), turns it
        into an index (:meth:`Stage.finish`) and applies that to every story."""
        return [_Acronyms(self), _ShortNames(self), _Variants(self), _VoteKinds(self),
                _Variants(self),  # spellings that now share a kind
                _LoneNames(self)]

    def _places(self, per_story: dict[str, list[_Candidate]], *,
                other_kinds: bool = False) -> None:
        """Places the alias table does not know take their gazetteer name, chosen by the
        story's other places; news conventions apply (``Washington`` is the capital).

        With ``other_kinds``, an unknown organization or person name that is exactly a
        country, a subdivision or a big city becomes that place (run after short names,
        so that ``Jordan`` can first join ``Michael Jordan``).
        """
        gazetteer = places.builtin()
        rules = places.conventions()
        for cands in per_story.values():
            context = {p.country for c in cands if c.kind == PLACE
                       if (p := gazetteer.best(c.text)) is not None and p.kind != "city"}
            texts = {c.text for c in cands} | {c.surface for c in cands}
            firsts: dict[str, set[str]] = {}
            for c in cands:
                if c.kind == ORG and " " in c.text:
                    firsts.setdefault(c.text.split()[0], set()).add(c.text)
            for c in cands:
                if c.kind == PLACE and not other_kinds:
                    surface = clean_surface(c.surface)
                    if surface.isupper() and len(surface) > 3:
                        # A dateline (NEW YORK, SAO PAULO) names a city.
                        city = gazetteer.best(surface, context, kinds=("city",))
                        if city is not None:
                            c.text, c.known, surface = city.name, True, city.name
                    rule = rules.get(surface)
                    if rule is not None and not (rule.unless & texts):
                        c.text, c.known = rule.place, True
                        continue
                    if c.known:
                        continue
                    written = clean_surface(c.surface)
                    own = firsts.get(written, set())
                    if len(own) == 1 and \
                            fold_name(c.text, accents=False) != fold_name(written, accents=False):
                        # A place only by another of its names ("Monster", a name of
                        # Münster) that opens the name of the story's one organization
                        # ("Monster Energy") is that organization.
                        c.kind, c.text = ORG, next(iter(own))
                        continue
                    found = gazetteer.best(c.text, context)
                    if found is not None:  # a small place may still be part of a name
                        c.text = found.name
                        c.known = gazetteer.is_unmistakable(c.text, population=places.LARGE_CITY)
                elif (other_kinds and c.kind != PLACE and not c.known and " " not in c.text
                      and gazetteer.is_unmistakable(c.text)):
                    found = gazetteer.best(c.text, context)
                    assert found is not None
                    c.kind, c.text, c.known = PLACE, found.name, True

    def _headline_words(self, per_story: dict[str, list[_Candidate]]) -> None:
        """Capitalised words that only the headline gives as an organization or a person
        (``World``, ``Ex``, ``Cancer Treatments``, ``Shattered Sunak``), none of which the
        excerpt's names use, are headline words, not a name, unless the alias table knows
        the name or it is an acronym."""
        for key, cands in per_story.items():
            excerpt = [c for c in cands if c.field != "title"]
            if not excerpt:
                continue  # nothing to compare with
            named = {w for c in excerpt for w in c.text.split()} | {c.surface for c in excerpt}
            per_story[key] = [
                c for c in cands
                if not (c.field == "title" and not c.known and c.kind in (ORG, PERSON)
                        and not is_acronym(c.text) and not self.aliases.lookup(c.text)
                        and not any(w in named for w in c.text.split()))]

    @staticmethod
    def _excerpt_readings(per_story: dict[str, list[_Candidate]]) -> None:
        """A name in the title that the excerpt also names takes the excerpt's kind: the
        excerpt is running text, which the model reads better than a headline."""
        for cands in per_story.values():
            readings: dict[str, set[str]] = defaultdict(set)
            for c in cands:
                if c.field != "title":
                    readings[c.text].add(c.kind)
            for c in cands:
                kinds = readings.get(c.text)
                if c.field == "title" and not c.known and kinds and len(kinds) == 1:
                    c.kind = next(iter(kinds))

    @staticmethod
    def _parts_of_longer_names(cands: list[_Candidate]) -> list[_Candidate]:
        """Within one story: the end of a longer organization name stands for it
        (``Super League`` for European Super League; a bare ``Court`` for the one court
        named, and dropped when none or several are); a headline's opening
        ``<word> <Surname>`` is the story's person of that surname (``Shattered Sunak``)."""
        orgs = {c.text for c in cands if c.kind == ORG and " " in c.text}
        people = {c.text for c in cands if c.kind == PERSON and " " in c.text}
        kept = []
        for c in cands:
            words = c.text.split()
            if c.kind == ORG and not c.known:
                longer = [o for o in orgs if o != c.text and o.endswith(" " + c.text)]
                if len(longer) == 1:  # "Super League", "Court", "Brain" (Google Brain)
                    c.text = longer[0]
                elif len(words) == 1 and c.text in _LANG.institution_words:
                    continue  # "Court", "Council": which one is not said
            elif c.kind == PERSON and not c.known and c.opens_title and len(words) == 2:
                same = [p for p in people if p != c.text and p.split()[-1] == words[-1]
                        and words[0] not in p.split()]
                if len(same) == 1:
                    c.text = same[0]
            kept.append(c)
        return kept


def resolved_stories(per_story: dict[str, list[_Candidate]], *, consume: bool = False
                     ) -> dict[str, list[Resolved]]:
    """The final candidates as :class:`Resolved` mentions; ``consume`` drops each story's
    candidates once converted."""
    out: dict[str, list[Resolved]] = {}
    for key in list(per_story):
        cands = per_story.pop(key) if consume else per_story[key]
        out[key] = [Resolved(c.text, c.kind, c.surface, c.field) for c in cands]
    return out


PerStory = dict[str, list[_Candidate]]
Name = tuple[str, str]  # (kind, text)


class Stage:
    """One corpus-wide step of resolution, split so that it runs on one machine or over
    the partitions of a cluster with the same result: ``collect`` a partial table from
    some stories, ``combine`` partial tables (order does not matter), ``finish`` the
    whole table into an index, ``apply`` the index to some stories."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.aliases = resolver.aliases

    def collect(self, per_story: PerStory) -> Any:
        raise NotImplementedError

    def combine(self, parts: Iterable[Any]) -> Any:
        raise NotImplementedError

    def finish(self, table: Any) -> Any:
        return table

    def apply(self, per_story: PerStory, index: Any) -> None:
        raise NotImplementedError


def _union_of_sets(parts: Iterable[dict[str, set[Name]]]) -> dict[str, set[Name]]:
    out: dict[str, set[Name]] = defaultdict(set)
    for part in parts:
        for key, values in part.items():
            out[key] |= values
    return out


class _Acronyms(Stage):
    """An unknown acronym joins the long form with those initials.

    First within the article (where the initials of the long form's first words do:
    ``MSG`` for Madison Square Garden Entertainment); then, corpus-wide, when the
    corpus has exactly one long form with those initials.
    """

    def collect(self, per_story: PerStory) -> dict[str, set[Name]]:
        corpus_long: dict[str, set[Name]] = defaultdict(set)
        for cands in per_story.values():
            for c in cands:
                if len(c.text.split()) > 1 and c.kind != PERSON:
                    for key in _initials_of(c):
                        corpus_long[key].add((c.kind, c.text))
        return corpus_long

    combine = staticmethod(_union_of_sets)

    def apply(self, per_story: PerStory, corpus_long: dict[str, set[Name]]) -> None:
        for cands in per_story.values():
            local: dict[str, set[Name]] = defaultdict(set)
            written: dict[str, set[Name]] = defaultdict(set)  # long forms written out
            leading: dict[str, set[Name]] = defaultdict(set)
            for c in cands:
                if len(c.text.split()) > 1 and c.kind != PERSON:
                    for key in _initials_of(c):
                        local[key].add((c.kind, c.text))
                        if not is_acronym(c.surface):
                            written[key].add((c.kind, c.text))
                    words = c.text.split()
                    for size in range(2, len(words)):
                        leading[initials(" ".join(words[:size]))].add((c.kind, c.text))
            for c in cands:
                if c.known and is_acronym(c.surface) and not is_acronym(c.text):
                    # "Fiat Chrysler Automobiles ... FCA", "the London Stock Exchange ...
                    # LSE": the long form its own article names beats the alias table's
                    # (the Financial Conduct Authority, the London School of Economics)
                    options = written.get(_acronym_key(c.surface), set())
                    if len(options) == 1 and next(iter(options))[1] != c.text:
                        c.kind, c.text = next(iter(options))
                    continue
                if c.known or not is_acronym(c.text):
                    continue
                key = _acronym_key(c.text)
                options = local.get(key) or leading.get(key) or corpus_long.get(key, set())
                if len(options) == 1:
                    c.kind, c.text = next(iter(options))
                    c.known = True


def _name_index(cands: Iterable[_Candidate], *, local: bool = False
                ) -> dict[str, set[Name]]:
    found: dict[str, set[Name]] = defaultdict(set)
    for c in cands:
        words = c.text.split()
        if len(words) > 1 and c.kind == PERSON:
            # every proper tail: "Silva", "da Silva" of "Luiz Inácio Lula da Silva"
            for i in range(1, len(words)):
                found[" ".join(words[i:])].add((PERSON, c.text))
                if words[i].lower() in _LANG.surname_particles:  # "Van Boxmeer" said
                    found[" ".join((words[i][0].swapcase() + words[i][1:], *words[i + 1:]))
                          ].add((PERSON, c.text))
            if local:
                found[words[0]].add((PERSON, c.text))
                for word in words[1:-1]:  # "Lula" of "Luiz Inácio Lula da Silva"
                    if word[0].isupper():
                        found[word].add((PERSON, c.text))
        elif len(words) > 1 and c.kind == ORG:
            found[words[0]].add((ORG, c.text))
    return found


class _ShortNames(Stage):
    """A one-word name joins the one multi-word name it is the surname (person) or
    first word (organization) of: in the same article, else in the corpus. A first
    name joins the one person of the same article who has it. Then the parts of longer
    names (:meth:`Resolver._parts_of_longer_names`), and unknown names that are
    exactly a well-known place become that place."""

    def collect(self, per_story: PerStory) -> dict[str, set[Name]]:
        return _name_index(c for cands in per_story.values() for c in cands)

    combine = staticmethod(_union_of_sets)

    def apply(self, per_story: PerStory, corpus: dict[str, set[Name]]) -> None:
        for key, cands in per_story.items():
            local = _name_index(cands, local=True)
            for c in cands:
                if c.known and c.kind != PERSON:
                    continue
                first = c.text.split()[0]
                if " " in c.text and not (c.kind == PERSON and (
                        first.islower() or first.lower() in _LANG.surname_particles)):
                    # only one-word names, and surnames with a particle, in either case
                    # ("da Silva", "Della Valle" of "Margherita Della Valle")
                    continue
                options = local.get(c.text)
                if not options and c.kind == PERSON:
                    options = corpus.get(c.text)
                if options and len(options) == 1:
                    kind, name = next(iter(options))
                    # "Southwest" in a story on Southwest Airlines is the airline, and so
                    # is a first word the model read as a person ("Devon" of Devon
                    # Energy). A well-known place stays a place ("Alaska"), and so does
                    # one beside the public body named after it ("Jackson" and "Jackson
                    # Police Department").
                    if (kind == PERSON or c.kind != PLACE
                            or not places.builtin().is_unmistakable(
                                c.text, population=places.LARGE_CITY)
                            and not set(name.split()) & _LANG.institution_words):
                        c.kind, c.text = kind, name
            per_story[key] = self.resolver._parts_of_longer_names(cands)
        self.resolver._places(per_story, other_kinds=True)


def _counts(per_story: PerStory) -> Counter[Name]:
    return Counter((c.kind, c.text) for cands in per_story.values() for c in cands)


def _sum_counters(parts: Iterable[Counter]) -> Counter:
    total: Counter = Counter()
    for part in parts:
        total.update(part)
    return total


class _Variants(Stage):
    """Join spellings of one name to the best one: spellings that differ by case,
    accents, spaces or hyphens (``Delta Airlines``, ``Delta Air Lines``), and, but for
    people (William/Williams), by a final "s" or an organization's legal word
    (``Ball Corporation``, ``Ball``); then near spellings across outlets
    (:meth:`_near_spellings`)."""

    collect = staticmethod(_counts)
    combine = staticmethod(_sum_counters)

    def finish(self, counts: Counter[Name]) -> dict[Name, str]:
        groups: dict[Name, list[Name]] = defaultdict(list)
        for kind, text in counts:
            key = fold_name(text, accents=False)  # case and accents: Sao Paulo = São Paulo
            if kind == ORG:
                words = key.split()
                if len(words) > 1 and words[-1] in _LEGAL_WORDS:
                    key = " ".join(words[:-1])
            key = re.sub(r"[\s\-]+", "", key)
            groups[(kind, key if kind == PERSON else key.removesuffix("s"))].append((kind, text))
        target: dict[Name, str] = {}
        for members in groups.values():
            if len(members) > 1:
                # The known spelling, then one without a legal word, then the one with its
                # accents, then the most used.
                best = max(members, key=lambda kt: (self.aliases.is_known(*kt),
                                                    kt[1].split()[-1].lower() not in _LEGAL_WORDS,
                                                    not kt[1].isascii(), counts[kt],
                                                    len(kt[1]), kt[1]))
                for member in members:
                    target[member] = best[1]
        near = self._near_spellings(counts)
        mapping = {}
        for kt in counts:
            name = target.get(kt, kt[1])
            name = near.get((kt[0], name), name)
            if name != kt[1]:
                mapping[kt] = name
        return mapping

    def apply(self, per_story: PerStory, mapping: dict[Name, str]) -> None:
        for cands in per_story.values():
            for c in cands:
                c.text = mapping.get((c.kind, c.text), c.text)

    def _near_spellings(self, counts: Counter[Name]) -> dict[Name, str]:
        """Names that one outlet spells a little differently from another: a first name
        one letter apart before the same surname (``Carlo Tavares``, ``Carlos
        Tavares``); an organization of two words or more whose one differing word has
        the same stem (``Supreme Electoral Court``, ``Supreme Elections Court``), or
        that leaves out one inner word (``Dairy Methane Alliance``). Names the alias
        table knows are never joined to each other. Candidates are found by signatures
        (the name with one word blanked out or removed), so the pass stays linear in
        the number of names."""
        by_signature: dict[tuple, list[Name]] = defaultdict(list)
        for kind, text in sorted(counts):
            words = tuple(fold_name(text, accents=False).split())
            if kind not in (ORG, PERSON) or len(words) < 2:
                continue
            # A person differs only in the first name; an organization in any word.
            for i in ((0,) if kind == PERSON else range(len(words))):
                by_signature[(kind, "~", words[:i] + ("*",) + words[i + 1:])].append(
                    (kind, text))
            if kind == ORG and len(words) >= 4:  # an inner word left out
                for i in range(1, len(words) - 1):
                    by_signature[(kind, "-", words[:i] + words[i + 1:])].append((kind, text))
            if kind == ORG and len(words) >= 3:
                by_signature[(kind, "-", words)].append((kind, text))
        parent: dict[Name, Name] = {}

        def root(kt: Name) -> Name:
            while kt in parent:
                kt = parent[kt]
            return kt

        def rank(kt: Name) -> tuple:
            return (self.aliases.is_known(*kt), counts[kt], len(kt[1]), kt[1])

        for (kind, how, _), members in by_signature.items():
            if len(members) < 2 or len(members) > 8:  # many look-alikes: a pattern, not a typo
                continue
            for a_i, a in enumerate(members):
                for b in members[a_i + 1:]:
                    if (self.aliases.is_known(*a) and self.aliases.is_known(*b)
                            or not _near(fold_name(a[1], accents=False).split(), fold_name(b[1], accents=False).split(),
                                         person=kind == PERSON, dropped=how == "-")):
                        continue
                    ra, rb = root(a), root(b)
                    if ra != rb:
                        low, high = sorted((ra, rb), key=rank)
                        parent[low] = high
        return {kt: root(kt)[1] for kt in parent}


#: What _VoteKinds collects: per folded name, its votes and spellings; and the words of
#: every person's name of more than one word.
_Votes = tuple[dict[str, tuple[Counter[str], set[str]]], set[str]]


class _VoteKinds(Stage):
    """One kind per name. Names the alias table resolved keep their kind (a known
    place and a known person may share a name); an unknown mention of a name the
    table knows under one kind takes it; others take the majority kind. Spellings
    that differ only by case or accents vote together (``Nestle``, ``Nestlé``). A name
    of one word read as an organization and as a person, that is no word of a person's
    full name, is an organization ("Stellantis invested in Chinese automaker
    Leapmotor ... after investing in Leapmotor"): news names a person in full first."""

    def collect(self, per_story: PerStory) -> _Votes:
        table: dict[str, tuple[Counter[str], set[str]]] = {}
        words: set[str] = set()
        for cands in per_story.values():
            for c in cands:
                votes, spellings = table.setdefault(fold_name(c.text, accents=False), (Counter(), set()))
                votes[c.kind] += 1
                spellings.add(c.text)
                if c.kind == PERSON and " " in c.text:
                    words.update(c.text.split())
        return table, words

    @staticmethod
    def combine(parts: Iterable[_Votes]) -> _Votes:
        out: dict[str, tuple[Counter[str], set[str]]] = {}
        words: set[str] = set()
        for part, part_words in parts:
            words |= part_words
            for key, (votes, spellings) in part.items():
                total, names = out.setdefault(key, (Counter(), set()))
                total.update(votes)
                names |= spellings
        return out, words

    def finish(self, collected: _Votes) -> dict[str, str]:
        table, words = collected
        order = {ORG: 0, PLACE: 1, PERSON: 2}
        chosen: dict[str, str] = {}
        for key, (kinds, spellings) in table.items():
            table_kinds = [k for k in (ORG, PLACE, PERSON)
                           if any(self.aliases.is_known(k, name) or k == PLACE
                                  and places.builtin().is_unmistakable(name)
                                  for name in spellings)]
            if len(table_kinds) == 1:
                chosen[key] = table_kinds[0]
            elif kinds[ORG] and kinds[PERSON] and " " not in key and not table_kinds \
                    and words.isdisjoint(spellings):
                chosen[key] = ORG
            elif len(kinds) > 1:
                chosen[key] = min(kinds, key=lambda k: (-kinds[k], order.get(k, 9)))
        return chosen

    def apply(self, per_story: PerStory, chosen: dict[str, str]) -> None:
        for cands in per_story.values():
            for c in cands:
                if not c.known:
                    c.kind = chosen.get(fold_name(c.text, accents=False), c.kind)


class _LoneNames(Stage):
    """A one-word person that is nobody's name in the corpus (no full name ends or
    starts with it) and that the alias table does not know (``Starliner``,
    ``Roundup``) is rarely a person: news names a person in full before it shortens
    the name. Dropped. A surname that two full names share stays (``Williams``)."""

    def collect(self, per_story: PerStory) -> set[str]:
        return {w for cands in per_story.values() for c in cands
                if c.kind == PERSON and " " in c.text for w in c.text.split()}

    @staticmethod
    def combine(parts: Iterable[set[str]]) -> set[str]:
        return set().union(*parts)

    def apply(self, per_story: PerStory, parts: set[str]) -> None:
        for key, cands in per_story.items():
            per_story[key] = [c for c in cands if not (c.kind == PERSON and not c.known
                                                       and " " not in c.text
                                                       and c.text not in parts)]
