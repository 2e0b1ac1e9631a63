"""Typed relations between entities, read from the parse of the sentences that name two.

Who did what to whom: ``ACQUIRES``, ``INVESTS_IN``, ``SUES``, ``FINES``, ``PARTNERS_WITH``
and ``LEADS`` (see :data:`RELATION_KINDS`). The method, on CPU and offline:

1. **Which sentences.** A title or excerpt is cut into sentences by punctuation
   (:func:`sentence_spans`); only a sentence that names at least two different
   organizations or people (its NER mentions) and holds one of the rules' words
   (:func:`trigger_words`) is parsed. The parse is the costly part.
2. **The parse.** spaCy's tagger and dependency parser (:data:`PARSE_PIPES`, loaded with
   the model but disabled for NER) run on those sentences only, with the mentions set as
   the sentence's entities.
3. **Rules** (:class:`Rules`, word lists in ``extract/data/relations.yaml``), each started
   from a trigger word, or from a two-word dependency pattern found with spaCy's
   ``DependencyMatcher``:

   - a verb with subject and object, active or passive ("Pfizer buys Seagen", "Monsanto
     was acquired by Bayer", "Mistral AI, led by CEO Arthur Mensch");
   - a verb with a preposition ("invests in", "partners with"), or whose object comes
     "from" the other party ("secures $6b backing from Andreessen");
   - a verb, its object noun and a preposition ("files a lawsuit against", "takes a stake
     in", "signs a deal with", "completes its takeover of");
   - a possessive noun ("Exxon's acquisition of Pioneer", "SEC suit against Coinbase");
   - "X-backed Y", "takes Y to court", "orders Y to pay", "was handed a penalty by X";
   - headlines by their shape, which the small model often misparses ("Delta sues
     cybersecurity firm CrowdStrike", "Chevron to acquire Hess");
   - roles for ``LEADS``: "Intel CEO Pat Gelsinger", "Pat Gelsinger, CEO of VMware",
     "names Kelly Ortberg as its next CEO", "steps down as chairman of Toyota".

   A subject is found past the clauses that hide it ("agreed to buy", "after striking a
   deal", "its attempt to acquire"); a pronoun subject ("it will acquire") takes the
   subject of the verb it reports to. A negated verb states nothing. The status of an
   acquisition comes from the verbs that govern it ("abandons", "blocks", "completes",
   "agrees to", "to buy").
4. **Arguments** are mentions here; the build maps them to resolved entities and keeps a
   relation only when both are entities of the kinds :data:`ARGUMENT_KINDS` allows
   (:func:`graph.tables.relation_ends`). Nothing is inferred beyond what the sentence
   states.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from extract.kinds import (
    ACQUIRES,
    FINES,
    INVESTS_IN,
    LEADS,
    ORGANIZATION,
    PARTNERS_WITH,
    PERSON,
    PLACE,
    RELATION_KINDS,
    SPACY_LABELS,
    SUES,
    UNDIRECTED,
)
from extract.language import english
from extract.ner import is_company_noun, names_a_company

STATUSES = ("announced", "completed", "abandoned", "blocked")

#: Entity kinds each relation allows as (source, target).
ARGUMENT_KINDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    ACQUIRES: (frozenset({ORGANIZATION}), frozenset({ORGANIZATION})),
    INVESTS_IN: (frozenset({ORGANIZATION}), frozenset({ORGANIZATION})),
    SUES: (frozenset({ORGANIZATION, PERSON, PLACE}), frozenset({ORGANIZATION, PERSON, PLACE})),
    FINES: (frozenset({ORGANIZATION, PERSON}), frozenset({ORGANIZATION, PERSON})),
    PARTNERS_WITH: (frozenset({ORGANIZATION}), frozenset({ORGANIZATION})),
    LEADS: (frozenset({PERSON}), frozenset({ORGANIZATION})),
}
#: The pipeline components the parse needs; loaded with the model, run only on the
#: sentences that name two entities.
#: (No attribute_ruler or lemmatizer: they cost as much as the parser, and the rules read
#: the coarse part of speech from the tagger's tag, and lemmas from the forms of their
#: trigger words.)
PARSE_PIPES = ("tok2vec", "tagger", "parser")


@dataclass(frozen=True, slots=True)
class Relation:
    """One relation a sentence states, between two mentions of one field of a story.
    Offsets are character offsets in the field's text. A ``target`` of None is a LEADS
    whose role names no organization ("CEO Daniel Ek"): the one its sentence, field or
    story names, if that is only one (``graph.tables.relation_ends``). A ``source`` of
    None is a FINES or SUES by "the watchdog" of a text that does not name it (a title):
    the one regulator its story names; of a LEADS, the holder of a role named without
    one ("Oxfam's chief executive is to stand down"): the one person its story names.
    Both None: a PARTNERS_WITH of "the two companies", the two its story names. A SUES
    whose ``target`` is None names a plaintiff whose defendants its sentence does not
    name ("The Mexican government sued several gun makers"), and one whose ``source`` is
    None defendants of a plaintiff it does not name ("The complaint lists Shell and BP
    as defendants"): the graph joins the two within a story
    (``graph.tables.story_plaintiff``). An end whose text is "the company" or "the
    start-up" (:func:`is_company_reference`) is the organization its story is about, and
    one whose text is "he" or "she" (:func:`is_person_pronoun`) a person named before."""

    kind: str
    field: str
    source: tuple[int, int] | None
    target: tuple[int, int] | None
    sentence: tuple[int, int]
    status: str | None = None

    def to_list(self) -> list[Any]:
        return [self.kind, self.field, *(self.source or (None, None)),
                *(self.target or (None, None)), *self.sentence, self.status]

    @classmethod
    def from_list(cls, row: Sequence[Any]) -> Relation:
        kind, field, s0, s1, t0, t1, e0, e1, status = row
        if kind not in RELATION_KINDS or (status is not None and status not in STATUSES) \
                or (t0 is None and kind not in (LEADS, PARTNERS_WITH, SUES)) \
                or (s0 is None and kind not in (FINES, SUES, PARTNERS_WITH, LEADS)) \
                or (kind == PARTNERS_WITH and (s0 is None) != (t0 is None)):
            raise ValueError(f"not a relation: {row!r}")
        source = None if s0 is None else (int(s0), int(s1))
        target = None if t0 is None else (int(t0), int(t1))
        return cls(kind, field, source, target, (int(e0), int(e1)), status)


# -- sentences --------------------------------------------------------------------------
_BOUNDARY = re.compile(r"[.!?][\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
#: A short capitalised word before a full stop is an abbreviation ("Inc.", "U.S.",
#: "Calif."), not a sentence's end.
_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:[A-Z]|(?:[A-Z]\.)+[A-Z]|Inc|Corp|Co|Ltd|Plc|Bros|Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|"
    r"Gov|Sen|Rep|Gen|Col|Lt|Sgt|Capt|Adm|Rev|Hon|No|Nos|Vol|Fig|Jan|Feb|Mar|Apr|Jun|Jul|Aug|"
    r"Sep|Sept|Oct|Nov|Dec|Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|"
    r"Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo|vs|etc|approx|"
    r"\d{1,2})\.$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as (start, end) offsets, cut at a full stop, question or
    exclamation mark followed by a capital, except after an abbreviation ("U.S.",
    "Corp.") when the next word is not one that starts clauses ("It", "The")."""
    from extract.language import english

    stopwords = english().stopwords
    roles = {role[0] for role in english_relations().roles}
    spans, start = [], 0
    for match in _BOUNDARY.finditer(text):
        following = re.match(r"[\"“‘(\[]?([A-Za-z]+)", text[match.end():])
        # (a role is no clause's start: "Apple Inc. CEO Tim Cook")
        starts_clause = following is not None and following[1].lower() in stopwords and \
            following[1].lower() not in roles and following[1].lower() not in _LEGAL_SUFFIXES
        # "Hess Corp. It follows": a word that starts clauses ends the abbreviation's
        # sentence; "Seagen Inc. Pfizer CEO" may be one sentence, and stays one.
        if match.group()[0] == "." and not starts_clause and _ABBREVIATION.search(
                text[max(0, match.start() - 12):match.start() + 1]):
            continue
        end = match.end() - (len(match.group()) - len(match.group().rstrip()))
        spans.append((start, end))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return [(a, b) for a, b in spans if b > a]


def candidate_sentences(text: str, mentions: Iterable[Any]) -> list[tuple[int, int, list[Any]]]:
    """The sentences worth parsing: those with at least two different entities among
    ``mentions``, one of them an organization or a person, or with one entity and a role
    that may belong to the story's organization ("CEO Daniel Ek said"), or with a
    partnership of "the two companies" (which names none), each with the mentions
    inside it."""
    found = []
    mentions = list(mentions)
    story_roles = _story_role_pattern()
    regulator_nouns = _regulator_reference_pattern()
    company_nouns = _company_reference_pattern()
    pairs = _pair_pattern()
    for start, end in sentence_spans(text):
        inside = [m for m in mentions if start <= m.start and m.end <= end]
        # Two different entities, one of them an organization or a person (a place is a
        # party to a lawsuit: "Chicago sues Shell").
        named = {m.text.casefold() for m in inside}
        if (len(named) >= 2 and any(m.kind in (ORGANIZATION, PERSON) for m in inside)) or (
                named and story_roles.search(text, start, end)) or (
                named and regulator_nouns.search(text, start, end)) or (
                named and company_nouns.search(text, start, end)) or (
                named and (_FINED.search(text, start, end)
                           or _SUCCEEDS.search(text, start, end)
                           or _SUED.search(text, start, end))) or \
                pairs.search(text, start, end):
            found.append((start, end, inside))
    return found


# -- language data ----------------------------------------------------------------------
@dataclass(frozen=True)
class RelationWords:
    object_verbs: dict[str, frozenset[str]]
    preposition_verbs: dict[str, dict[str, frozenset[str]]]
    noun_frames: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]]
    relation_nouns: dict[str, tuple[frozenset[str], frozenset[str]]]
    reverse_nouns: dict[str, tuple[frozenset[str], frozenset[str]]]
    agent_nouns: dict[str, tuple[frozenset[str], frozenset[str]]]
    lawsuit_verbs: frozenset[str]
    allegation_verbs: frozenset[str]
    reverse_frames: dict[str, tuple[frozenset[str], frozenset[str], frozenset[str]]]
    reverse_verbs: dict[str, tuple[frozenset[str], frozenset[str]]]
    reverse_noun_verbs: frozenset[str]  # reverse_frames' verbs that need one of its nouns
    not_partnership_deals: frozenset[str]
    not_partnership_verbs: frozenset[str]
    divest_verbs: frozenset[str]
    deal_verbs: frozenset[str]
    backed_words: frozenset[str]
    led_words: frozenset[str]
    penalty_verbs: frozenset[str]
    order_verbs: frozenset[str]
    payment_verbs: frozenset[str]
    status: dict[str, frozenset[str]]
    roles: tuple[tuple[str, ...], ...]  # longest first
    agency_roles: frozenset[tuple[str, ...]]
    bank_roles: frozenset[tuple[str, ...]]
    roles_needing_of: frozenset[str]
    not_leading_role_words: frozenset[str]
    role_time_words: frozenset[str]
    story_roles: frozenset[tuple[str, ...]]
    board_roles: frozenset[tuple[str, ...]]
    jurisdiction_nouns: frozenset[str]
    settlement_nouns: frozenset[str]
    settlement_verbs: frozenset[str]
    settle_verbs: frozenset[str]
    settled_nouns: frozenset[str]
    regulator_settled_nouns: frozenset[str]
    role_verbs: frozenset[str]
    regulator_words: frozenset[str]
    academic_words: frozenset[str]
    regulator_nouns: frozenset[str]
    name_endings: frozenset[str]
    company_nouns: frozenset[str]
    pair_nouns: frozenset[str]
    irregular_forms: dict[str, frozenset[str]]


def _role_tokens(role: str) -> tuple[str, ...]:
    """A role's words as the tokenizer splits them: "director-general" is three tokens."""
    return tuple(re.findall(r"[^\s-]+|-", role.lower()))


@cache
def english_relations() -> RelationWords:
    """The built-in English relation words (``extract/data/relations.yaml``)."""
    text = (resources.files("extract") / "data" / "relations.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - safe

    def words(items: Iterable[str]) -> frozenset[str]:
        return frozenset(str(w).lower() for w in items)

    return RelationWords(
        object_verbs={k: words(v) for k, v in data["object_verbs"].items()},
        preposition_verbs={k: {verb: words(p) for verb, p in v.items()}
                           for k, v in data["preposition_verbs"].items()},
        noun_frames={k: (words(v["verbs"]), words(v["nouns"]), words(v["prepositions"]))
                     for k, v in data["noun_frames"].items()},
        relation_nouns={k: (words(v["nouns"]), words(v["prepositions"]))
                        for k, v in data["relation_nouns"].items()},
        reverse_nouns={k: (words(v["nouns"]), words(v["prepositions"]))
                       for k, v in data["reverse_nouns"].items()},
        agent_nouns={k: (words(v["nouns"]), words(v["prepositions"]))
                     for k, v in data["agent_nouns"].items()},
        lawsuit_verbs=words(data["lawsuit_verbs"]),
        allegation_verbs=words(data["allegation_verbs"]),
        reverse_frames={k: (words([*v["verbs"], *v.get("noun_verbs", ())]), words(v["nouns"]),
                            words(v["prepositions"]))
                        for k, v in data["reverse_frames"].items()},
        reverse_noun_verbs=words(v for frame in data["reverse_frames"].values()
                                 for v in frame.get("noun_verbs", ())),
        reverse_verbs={k: (words(v["verbs"]), words(v["prepositions"]))
                       for k, v in data["reverse_verbs"].items()},
        not_partnership_deals=words(data["not_partnership_deals"]),
        not_partnership_verbs=words(data["not_partnership_verbs"]),
        divest_verbs=words(data["divest_verbs"]),
        deal_verbs=words(data["deal_verbs"]),
        backed_words=words(data["backed_words"]),
        led_words=words(data["led_words"]),
        penalty_verbs=words(data["penalty_verbs"]),
        order_verbs=words(data["order_verbs"]),
        payment_verbs=words(data["payment_verbs"]),
        status={k: words(v) for k, v in data["status"].items()},
        roles=tuple(sorted((_role_tokens(r) for r in data["roles"]),
                           key=lambda r: -len(r))),
        agency_roles=frozenset(_role_tokens(r) for r in data["agency_roles"]),
        bank_roles=frozenset(_role_tokens(r) for r in data["bank_roles"]),
        roles_needing_of=words(data["roles_needing_of"]),
        not_leading_role_words=words(data["not_leading_role_words"]),
        role_time_words=words(data["role_time_words"]),
        story_roles=frozenset(_role_tokens(r) for r in data["story_roles"]),
        board_roles=frozenset(_role_tokens(r) for r in data["board_roles"]),
        jurisdiction_nouns=words(data["jurisdiction_nouns"]),
        settlement_nouns=words(data["settlements"]["nouns"]),
        settlement_verbs=words(data["settlements"]["verbs"]),
        settle_verbs=words(data["settlements"]["settle_verbs"]),
        settled_nouns=words(data["settlements"]["settled_nouns"]),
        regulator_settled_nouns=words(data["settlements"]["regulator_settled_nouns"]),
        role_verbs=words(data["role_verbs"]),
        regulator_words=frozenset(data["regulator_words"]),
        academic_words=frozenset(data["academic_words"]),
        regulator_nouns=frozenset(data["regulator_nouns"]),
        name_endings=words(data["name_endings"]),
        company_nouns=frozenset(data["company_nouns"]),
        pair_nouns=words(data["pair_nouns"]),
        irregular_forms={k: words(v) for k, v in data["irregular_forms"].items()},
    )


# -- the rules --------------------------------------------------------------------------
_VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})
#: Penn Treebank tags → the coarse parts of speech the rules read.
_TAG_POS = {**dict.fromkeys(("VB", "VBD", "VBG", "VBN", "VBP", "VBZ"), "VERB"), "MD": "AUX",
            "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "JJ": "ADJ",
            "JJR": "ADJ", "JJS": "ADJ", "CD": "NUM", "$": "SYM", "DT": "DET", "PRP": "PRON",
            "PRP$": "PRON", "IN": "ADP", "CC": "CCONJ", "RB": "ADV", "TO": "PART",
            "POS": "PART"}
#: Auxiliaries, which the tagger tags as verbs.
_AUX_WORDS = frozenset({"be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re",
                        "has", "have", "had", "having", "'ve", "do", "does", "did"})


def _pos(tok: Any) -> str:
    """The coarse part of speech of a token, from the tagger's fine tag."""
    pos = _TAG_POS.get(tok.tag_, "X")
    if pos == "VERB" and tok.lower_ in _AUX_WORDS and tok.dep_ in ("aux", "auxpass"):
        return "AUX"
    return pos


def inflections(lemma: str) -> set[str]:
    """The forms of an English verb or noun lemma ("fine": fines, fined, fining)."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "ing", lemma + "d"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing"}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.fullmatch(r".*[^aeiou][aeiou][bdgmnpt]", lemma):  # "partnered" but "sued"
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms | english_relations().irregular_forms.get(lemma, frozenset())


_LEGAL_SUFFIXES = english().legal_forms
#: Words after an acquired name that make the target a part of it, named elsewhere.
_PARTS = frozenset({"arm", "assets", "business", "division", "operations", "subsidiary",
                    "unit", "units"})
_FACE_FORMS = frozenset({"face", "faces", "faced", "facing"})
#: Nouns by which a list introduces a company by its tie to the one before it ("DCG, its
#: subsidiary Genesis Global, and Gemini").
_KIN_NOUNS = frozenset({"subsidiary", "unit", "affiliate", "parent", "owner", "division",
                        "arm", "sister"})
#: Nouns for money raised from investors ("a round led by Sequoia").
_FUNDING_NOUNS = frozenset({"round", "rounds", "funding", "funds", "financing", "investment",
                            "raise", "fundraising", "fund-raising", "fundraise"})
#: The passive forms by which investors put up money ("funds provided by Sequoia").
_PROVIDED = frozenset({"provided", "supplied"})
#: Words before "investors" that make them the story's company's ("Other investors include
#: GV", "Its backers include Sequoia"): see :func:`is_company_reference`.
_OWN_INVESTORS = frozenset({"other", "its"})
_INVESTOR_GROUPS = frozenset({"investors", "backers", "shareholders"})
#: Words by which investors take part in a funding round (Rules._round_participants).
_PARTICIPATING = frozenset({"participate", "participates", "participated", "participating",
                            "participation", "join", "joins", "joined", "joining", "include",
                            "includes", "included", "including", "provided", "supplied"})
#: Verbs whose organization subject reports on its own leaders ("Boeing announced that
#: CEO Dave Calhoun...", "Ford fired CEO Mark Fields"). Not "say": the organization that
#: says so is as often a news agency ("Reuters said Calhoun would step down as CEO").
_ROLE_REPORTING_VERBS = frozenset({"announce", "fire", "oust", "sack", "dismiss"})
_RELATIVES = frozenset({"who", "which", "that"})
#: Verbs that make someone what their object says ("making Sundar Pichai Alphabet's CEO").
_MAKING_VERBS = frozenset({"make"})
#: Participles that give a common noun its name ("a startup called Snaptu").
_CALLING = frozenset({"called", "named", "dubbed", "known"})
#: Verbs by which a source is cited ("Reuters reported", "she told CNBC").
_CITING_VERBS = frozenset({"say", "report", "tell", "write"})
#: Verbs whose "to" brings a frame's noun ("agreed to a deal with").
_AGREEING_VERBS = frozenset({"agree"})
#: Verbs whose subject defends a lawsuit brought "by" another ("lost a lawsuit filed by").
_DEFENDING_VERBS = frozenset({"contest", "face", "fight", "lose", "settle", "win"})
#: Verbs that choose their object "as" a partner, an investor or a sponsor.
_CHOOSING_VERBS = frozenset({"add", "appoint", "choose", "name", "pick", "select", "sign",
                             "tap"})
#: Verbs whose "into" brings their deal: "entered into a licensing agreement with".
_ENTERING_VERBS = frozenset({"enter"})
#: Verbs by which a company states its own news ("Nike said ... would retire as CEO").
_ANNOUNCING_VERBS = frozenset({"announce", "say"})
#: Verbs whose object, a share in percent of a company, is a stake held in it ("Rosneft
#: will hold five per cent of BP", "the fund will own about 5 per cent of Uber").
_HOLDING_VERBS = frozenset({"hold", "own"})
_SHARE_NOUNS = frozenset({"capital", "equity", "share", "shares", "stock"})
#: Nouns of a plan or deal whose infinitive says what it is for ("a deal to buy Volvo").
_INTENT_NOUNS = frozenset({"agreement", "attempt", "bid", "deal", "effort", "move", "offer",
                           "pact", "plan", "proposal"})
#: Objects that are part of a verb's phrase ("join forces"), not what it is done to.
_PHRASE_OBJECTS = frozenset({"forces", "hands"})
#: Words after a role's "of" that bring its organization ("chief executive of the bank").
_OWNER_WORDS = frozenset({"a", "an", "both", "her", "his", "its", "our", "the", "their",
                          "this", "two"})
#: Nouns of a deal, which is a partnership only when a word says what it is of.
_DEAL_NOUNS = frozenset({"agreement", "contract", "deal", "pact"})
#: Verbs whose indirect object receives their object ("give Alibaba a stake").
_GIVING_VERBS = frozenset({"give", "grant", "hand"})
#: Adverbs of a thing two make between them, and the verbs of making it.
_TOGETHER = frozenset({"jointly", "together"})
_JOINT_VERBS = frozenset({"build", "create", "design", "develop", "launch", "make",
                          "manufacture", "market", "offer", "operate", "produce", "research",
                          "run"})
#: Verbs by which one takes control of a company ("took control of VMware").
_CONTROL_VERBS = frozenset({"acquire", "assume", "gain", "seize", "take", "win"})
#: Nouns that count what follows them ("a large amount of shares").
_QUANTITY_NOUNS = frozenset({"amount", "block", "blocks", "number", "tranche"})
#: Verbs by which someone takes a role from its holder.
_SUCCESSION_VERBS = frozenset({"replace", "succeed"})
#: A leader who "makes way for" or "gives way to" another, or hands over "the reins".
_HANDED_NOUNS = {"make": frozenset({"way"}), "give": frozenset({"way"}),
                 "hand": frozenset({"reins", "baton", "helm"}),
                 "pass": frozenset({"reins", "baton"})}
_HANDING_VERBS = frozenset(_HANDED_NOUNS)
_HANDED_WORDS = frozenset().union(*_HANDED_NOUNS.values())
_SUCCESSOR_NOUNS = frozenset({"successor", "successors", "predecessor", "predecessors"})
#: Verbs by which a holder leaves a role ("after Michael Corbat retires").
_LEAVING_VERBS = frozenset({"depart", "leave", "quit", "resign", "retire", "step"})
#: Verbs of founding, whose other founders the rules also read (LEADS).
_FOUNDING_VERBS = frozenset({"found", "co-found", "cofound"})
#: The tags of the words that may describe a deal noun ("previously announced all-share").
_DEAL_DESCRIBING_TAGS = frozenset({"JJ", "NN", "NNS", "RB", "VBD", "VBG", "VBN"})
#: Nouns for a role held ("his role as chief executive").
_POST_NOUNS = frozenset({"job", "position", "post", "role", "roles", "seat"})
#: Nouns of putting someone in a role, whose "of" names the person: "the appointment of
#: Debra Crew as interim chief executive".
_APPOINTMENT_NOUNS = frozenset({"appointment", "election", "elevation", "naming",
                                "nomination", "promotion", "reappointment", "selection"})
#: Nouns for a part of an organization that acts for it ("Apple's board").
_ORGAN_NOUNS = frozenset({"board", "management", "shareholder", "director"})
#: Words that may stand between a subject and its verb in a headline ("to buy", "is suing").
_AUXILIARIES = frozenset({"to", "will", "would", "'ll", "is", "are", "was", "were", "has",
                          "have", "had", "been", "be", "'s", "set", "now", "also",
                          "officially", "finally", "formally"})
_PEOPLE_PRONOUNS = frozenset({"he", "she", "him", "her"})
_PRONOUNS = frozenset({"it", "they", "he", "she", "its", "their", "his", "her"})
_SUBJECTS = ("nsubj",)
#: Nouns that stand for a court, and the words of a court's name: "the court" is the
#: court its text names, "the watchdog" the regulator.
_COURT_NOUNS = frozenset({"court", "tribunal"})
_COURT_WORDS = frozenset({"Court", "Tribunal", "Judge"})
#: The word between a lawsuit's parties in its name, and nouns of a lawsuit heard.
_VERSUS = frozenset({"v", "v.", "vs", "vs.", "versus"})
_TRIALS = frozenset({"trial"})
#: The label of the target of a succession without a role (``Rules._succession``).
_SUCCESSION = "SUCCESSION"
#: ... and of the organization a succession is said to take place at, which needs a
#: leader's role in its text as much.
_SUCCESSION_AT = "SUCCESSION_AT"
#: The label of a span that stands for the regulator its text names ("the watchdog").
_REGULATOR_REFERENCE = "REGULATOR_REFERENCE"
#: Both ends of a partnership of "the two companies": the two its story is about.
_STORY_PAIR = "STORY_PAIR"
#: "the company", "the start-up": the organization its story is about, which the graph
#: resolves (``graph.tables.relation_ends``, by :func:`is_company_reference`).
_COMPANY_REFERENCE = "COMPANY_REFERENCE"
#: The holder of a role its sentence names no one in ("Oxfam's chief executive is to stand
#: down"): the one person its story names, if it names only one.
_ROLE_HOLDER = "ROLE_HOLDER"
_PASSIVE_SUBJECTS = ("nsubjpass",)
#: The plaintiff of a lawsuit whose sentence names only its defendants: its story's.
_PLAINTIFF = "PLAINTIFF"
#: "it", "its": the organization named before it in its sentence, else its story's.
_PRONOUN_REFERENCE = "PRONOUN_REFERENCE"
_NEUTER_PRONOUNS = frozenset({"it", "its"})


class Rules:
    """The relation rules over one vocabulary (one pipeline): spaCy matchers built once
    per process from :func:`english_relations`."""

    def __init__(self, vocab: Any, words: RelationWords | None = None) -> None:
        from spacy.matcher import DependencyMatcher

        self.words = words or english_relations()
        self.matcher = DependencyMatcher(vocab)
        w = self.words
        # The small model's lemmatizer misreads some forms ("fined" -> "fin"): a token's
        # lemma is also read from its form, by the inflections of every trigger word.
        triggers = {word for lemma in _rule_lemmas(w) for word in lemma.split()}
        triggers |= w.payment_verbs | w.role_verbs | w.divest_verbs | _HANDING_VERBS
        # Words the rules read but never start from.
        triggers |= w.settlement_verbs | w.settle_verbs | w.not_partnership_verbs
        triggers |= w.allegation_verbs | w.regulator_nouns  # ("regulators" is a regulator)
        triggers |= {v for verbs, _, _ in w.noun_frames.values() for v in verbs} - {"*"}
        # Phrases ("call off", "walk away") by their words: "calls off" is "call" + "off".
        triggers |= {word for phrase in set().union(*w.status.values()) for word in phrase.split()}
        triggers |= (_ROLE_REPORTING_VERBS | _ORGAN_NOUNS | _SUCCESSION_VERBS | _CITING_VERBS
                     | _LEAVING_VERBS | _CHOOSING_VERBS | _DEFENDING_VERBS
                     | _HOLDING_VERBS | _TARGETING_VERBS | {"become", "participate"})
        self.lemmas = {form: lemma for lemma in sorted(triggers, reverse=True)
                       for form in inflections(lemma)}
        # "be" is read in "Hackett is the right CEO": its forms are no inflections.
        self.lemmas.update(dict.fromkeys(("is", "are", "was", "were", "been", "being", "am",
                                          "be"), "be"))
        self.past_forms = frozenset().union(*w.irregular_forms.values())
        self.targeting_forms = _forms(_TARGETING_VERBS)
        self._deal_nouns = frozenset().union(w.relation_nouns[ACQUIRES][0],
                                             w.relation_nouns[INVESTS_IN][0])
        self.leaving_forms = _forms({*_LEAVING_VERBS, "step"})
        # The words whose lemma (see _lemma) is a succession verb.
        self.succession_forms = frozenset(
            [*_SUCCESSION_VERBS, *(f for f, lemma in self.lemmas.items()
                                   if lemma in _SUCCESSION_VERBS)])
        self.roles_by_word: dict[str, list[tuple[str, ...]]] = {}
        for role in (*w.roles, *w.agency_roles, *w.bank_roles):  # longest first, as w.roles is
            self.roles_by_word.setdefault(role[0], []).append(role)
        # Single words start most rules: they are found by a set lookup of their forms. The
        # DependencyMatcher finds the two-word dependency patterns, and runs only on a
        # sentence that holds one of their words (it costs as much as the parse else).
        verbs = {v.split()[0] for kinds in w.object_verbs.values() for v in kinds}
        verbs |= {v.split()[0] for kinds in w.preposition_verbs.values() for v in kinds}
        verbs |= w.penalty_verbs
        verbs |= {v for verbs_, _, _ in w.reverse_frames.values() for v in verbs_}
        verbs |= {v for verbs_, _ in w.reverse_verbs.values() for v in verbs_}
        nouns = {n for nouns, _ in (*w.relation_nouns.values(), *w.reverse_nouns.values(),
                                    *w.agent_nouns.values())
                 for n in nouns}
        verbs |= w.lawsuit_verbs | _HOLDING_VERBS
        frame_nouns = {n for _, nouns_, _ in w.noun_frames.values() for n in nouns_}
        self.settle_forms = _forms(w.settle_verbs)
        self.settlement_forms = _forms(w.settlement_nouns) | self.settle_forms
        self.payment_forms = _forms(w.payment_verbs)
        self.verb_forms = _forms(verbs)
        self.noun_forms = _forms(nouns)
        self.pattern_forms = _forms(frame_nouns | w.order_verbs)
        frame_noun = {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "noun",
                      # "oprd": the small model's reading of "calls off pursuit of Humana"
                      "RIGHT_ATTRS": {"DEP": {"IN": ["dobj", "oprd"]},
                                      "LOWER": {"IN": sorted(_forms(frame_nouns))}}}
        self.matcher.add("frame", [
            [{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"TAG": {"IN": sorted(_VERB_TAGS)}}},
             frame_noun],
            # A headline's verb that the small model tags as a noun but parses as the root
            # with an object ("Universal Music Group and TikTok unveil/NN new licensing
            # agreement").
            [{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"DEP": "ROOT", "TAG": {"IN": ["NN", "NNS"]}}},
             {**frame_noun, "RIGHT_ATTRS": {**frame_noun["RIGHT_ATTRS"], "DEP": "dobj"}}]])
        # The frame in the passive: "the fine was levied against Meta by the FCCPC", "a
        # fine imposed on Amazon by the CNPD"
        self.matcher.add("frame_passive", [
            [{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"TAG": "VBN"}},
             {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "noun",
              "RIGHT_ATTRS": {"DEP": "nsubjpass", "LOWER": {"IN": sorted(_forms(frame_nouns))}}}],
            [{"RIGHT_ID": "noun", "RIGHT_ATTRS": {"LOWER": {"IN": sorted(_forms(frame_nouns))}}},
             {"LEFT_ID": "noun", "REL_OP": ">", "RIGHT_ID": "verb",
              "RIGHT_ATTRS": {"DEP": "acl", "TAG": "VBN"}}]])
        # "agreed to media rights deals with Disney": the noun after "to"
        self.matcher.add("frame_to", [[
            {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"TAG": {"IN": sorted(_VERB_TAGS)}}},
            {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "to",
             "RIGHT_ATTRS": {"DEP": "prep", "LOWER": {"IN": ["into", "to"]}}},
            {"LEFT_ID": "to", "REL_OP": ">", "RIGHT_ID": "noun",
             "RIGHT_ATTRS": {"DEP": "pobj", "LOWER": {"IN": sorted(_forms(frame_nouns))}}}]])
        self.matcher.add("order", [[
            {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LOWER": {"IN": sorted(_forms(w.order_verbs))}}},
            {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "pay",
             "RIGHT_ATTRS": {"DEP": "xcomp", "LOWER": {"IN": sorted(_forms(w.payment_verbs))}}}]])

    # -- arguments ------------------------------------------------------------------------
    @classmethod
    def _arg(cls, tok: Any, ents: Mapping[int, Any]) -> Any:
        """The entity a token stands for: its own, or that of the name it introduces
        ("cybersecurity firm CrowdStrike", "the bank's former officer, Steven Smith")."""
        ent = ents.get(tok.i)
        if ent is not None:
            return ent
        named = cls._named(tok, ents)
        return None if named is None else ents[named.i]

    @staticmethod
    def _named(tok: Any, ents: Mapping[int, Any]) -> Any:
        """The token of the name a common noun introduces, if any."""
        for child in tok.children:
            if child.dep_ == "acl" and child.lower_ in _CALLING and _pos(tok) == "NOUN":
                # "a startup called Snaptu", "an effort called OneWeb"
                called = [c for c in child.children if c.dep_ == "oprd" and c.i in ents
                          ] + [p for c in child.children if c.dep_ == "prep" and c.lower_ == "as"
                               for p in c.children if p.dep_ == "pobj" and p.i in ents]
                if called:
                    return called[0]
            # A name's last word outside the mention ("Ford Motor" + "Co.") is the name;
            # a common noun's modifier before it is not ("a Microsoft deal"), nor is a
            # bracketed apposition ("Microsoft Corporation (NASDAQ: MSFT)").
            if child.dep_ == "appos" and child.i > 0 and child.doc[child.i - 1].text == "(":
                continue
            if child.dep_ == "appos" and child.i > tok.i and child.i not in ents and \
                    child.lower_.rstrip(".") in _LEGAL_SUFFIXES:
                inner = Rules._named(child, ents)  # "its corporate parent, Google Inc."
                if inner is not None:
                    return inner
            if child.dep_ == "compound" and child.i == tok.i - 1 and child.i not in ents and \
                    tok.lower_.rstrip(".") in _LEGAL_SUFFIXES and \
                    child.lower_ in english_relations().name_endings:
                inner = Rules._named(child, ents)  # "Goldman Sachs" + "Group" + "Inc"
                if inner is not None:
                    return inner
            if child.i in ents and child.dep_ in ("appos", "compound", "nmod") and (
                    child.i > tok.i or (tok.lower_ in _PARTS and any(  # "Alphabet's Waymo
                        c.dep_ == "poss" and c.i in ents for c in tok.children)  # unit"
                        # (not a place: "Disney's India business" is no company India)
                        and ents[child.i].label_ not in ("GPE", "LOC"))
                    or (child.dep_ == "compound" and (
                        tok.lower_.rstrip(".") in _LEGAL_SUFFIXES
                        # "Moderna" + "Therapeutics": a company's name word right after
                        or (tok.lower_ in english_relations().name_endings
                            and ents[child.i].end == tok.i)))):
                return child
        return None

    def _args(self, tok: Any, ents: Mapping[int, Any]) -> list[Any]:
        """The entities a token and its conjuncts stand for. A common noun stands for
        the names it introduces with theirs ("AI companies Suno and Udio") or lists
        ("record labels, including Sony Music and Warner Records")."""
        found = []
        # (a list the parser hung on an apposition of its first name: "included SoftBank
        # Group Corp., the Paul Tudor Jones family, Alan Howard, Coinbase Ventures and
        # Sequoia Capital")
        listed = [c for a in tok.children if a.dep_ == "appos" and a.i > tok.i
                  and not (a.i > 0 and a.doc[a.i - 1].text == "(") and a.conjuncts
                  for c in (a, *a.conjuncts)]  # (the apposition itself heads the rest)
        members = (tok, *tok.conjuncts, *listed)
        for t in dict.fromkeys(members):
            if t.i in ents and not ents[t.i].text.islower():  # "record labels" is no name
                found.append(_described(ents[t.i], ents))
                if len(members) > 1:
                    found.extend(_folded_names(t, ents))
                if tok.conjuncts:
                    # (a list member introduced by its tie to the one before it: "DCG,
                    # its subsidiary Genesis Global, and Gemini")
                    found.extend(ents[n.i] for a in t.children if a.dep_ == "appos"
                                 and a.lower_ in _KIN_NOUNS and any(
                                     c.dep_ == "poss" and c.lower_ == "its" for c in a.children)
                                 for n in a.children if n.dep_ == "appos" and n.i in ents)
                continue
            named = self._named(t, ents)
            if named is None and _pos(t) == "NOUN":
                named = next((p for c in t.children if c.dep_ == "prep" and (
                    c.lower_ == "including" or (c.lower_ == "as" and c.i > 0
                                                and c.doc[c.i - 1].lower_ == "such"))
                    for p in c.children if p.dep_ == "pobj" and p.i in ents), None)
            if named is None and t.tag_ == "NNS":
                # "sued 17 financial institutions, among them Bank of America, Barclays"
                named = next((p for h in (t, t.head) for c in h.children
                              if c.dep_ == "prep" and c.lower_ == "among"
                              and any(x.lower_ == "them" for x in c.children)
                              for p in c.children if p.dep_ == "pobj" and p.i in ents), None)
            if named is None and self._lemma(t) in self.words.jurisdiction_nouns:
                named = next((p for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                              for p in c.children if p.dep_ == "pobj" and p.i in ents), None)
                if named is None:  # "the US government", "Britain's government"
                    named = next((c for c in t.children if c.dep_ in ("compound", "poss")
                                  and c.i in ents and ents[c.i].label_ == "GPE"), None)
            if named is None and t.dep_ == "appos" and t.head.i in ents and _pos(t) == "NOUN":
                named = t.head  # "Anthropic, a startup that secured..."
            if named is None:  # "in Elon Musk's rocket company, SpaceX, at"
                named = _name_after_comma(t, ents)
            if named is None and t.i not in ents and self._lemma(t) in \
                    self.words.regulator_nouns:
                # "EU regulators fined Google": the organization they are of
                named = next((c for c in t.children if c.dep_ == "compound" and c.i < t.i
                              and c.i in ents and ents[c.i].label_ == "ORG"), None)
            if named is None and t.i not in ents and self._lemma(t) in \
                    self.words.regulator_nouns and ((  # "Regulators fined Barclays"
                        t.tag_ == "NNS" and not any(c.dep_ in ("det", "amod", "compound",
                                                                "poss", "nummod")
                                                    for c in t.children)) or any(
                        (c.dep_ == "det" and c.lower_ == "the") or (  # "Britain's watchdog"
                            c.dep_ == "poss" and c.text[:1].isupper()
                            and (c.i not in ents or ents[c.i].label_ == "GPE"))
                        # "Irish watchdog", "US authorities"
                        or (c.dep_ in ("amod", "compound") and c.text[:1].isupper())
                        for c in t.children)):
                # "The banking regulator fined Sonali Bank": the regulator the text has
                # named (relations_of_texts), which only FINES and SUES take
                found.append(_stand_in(t, _REGULATOR_REFERENCE))
            elif named is None and (reference := _company_reference(t, ents)) is not None:
                found.append(reference)
            elif named is None and t.lower_ in _RELATIVES and t.head.dep_ == "relcl" and \
                    t.dep_ in (*_SUBJECTS, *_PASSIVE_SUBJECTS, "dobj") and t.head.head.i != t.i:
                # "Instagram, which was acquired by Facebook": the name the clause is of
                found.extend(self._args(t.head.head, ents))
            elif named is None and t.lower_ in _NEUTER_PRONOUNS and t.i not in ents:
                # "since its $81 billion purchase of Mobil", "after it bought Whole Foods":
                # the organization before it (find_in_doc), or else its story's
                found.append(_stand_in(t, _PRONOUN_REFERENCE))
            if named is not None:
                # (a conjunct that introduces its name: "YouTube and its corporate parent,
                # Google Inc."; a list in apposition: "its subsidiaries - Kayak.com,
                # Priceline.com and Agoda.com")
                listed = [c for c in named.children if c.dep_ == "appos" and c.i in ents
                          and t.lower_.endswith("s")]
                found.extend(a for n in (named, *named.conjuncts, *listed,
                                         *(c for x in listed for c in x.conjuncts))
                             if (a := self._arg(n, ents)) is not None)
        # A company's organ named as such ("the Board of Directors") is no party.
        return [e for e in dict.fromkeys(found)
                if self._lemma(e[1] if e[0].lower_ == "the" and len(e) > 1 else e[0])
                not in _ORGAN_NOUNS]

    def _subjects(self, verb: Any, ents: Mapping[int, Any]) -> list[Any]:
        """The entities that are the subject of ``verb``: its own subject, or that of the
        verb it completes ("agreed to buy"), and for a pronoun ("it will acquire"), the
        subject of the verb it reports to ("Pfizer has announced it will acquire")."""
        v, neuter, raised, pronoun = verb, False, False, None
        for _ in range(5):
            # A verb it completes may have a passive subject: "Pfizer is expected to
            # acquire Seagen", "Bailey is set to take over"
            subjects = [c for c in v.children if c.dep_ in _SUBJECTS or (
                raised and c.dep_ in _PASSIVE_SUBJECTS)] or [
                # "Geely signed a deal": the small model reads a name it does not know
                # that opens the sentence as an adverb
                c for c in v.children if c.dep_ == "advmod" and c.i in ents
                and c.i == c.sent.start and ents[c.i].label_ in ("ORG", "PERSON")][:1]
            if subjects:
                subject = subjects[0]
                if subject.lower_ in _PRONOUNS and v.dep_ in ("ccomp", "relcl", "advcl"):
                    neuter = neuter or subject.lower_ == "it"
                    pronoun = pronoun or (subject if subject.lower_ == "it" else None)
                    v = _clause_head(v)
                    continue

                if subject.lower_ in _RELATIVES and v.dep_ == "relcl":
                    return self._args(v.head, ents)  # "Chevron, which agreed to buy"
                if self._lemma(subject) in _ORGAN_NOUNS and subject.i not in ents:
                    # (not a name's "Board": "the Securities and Exchange Board of India")
                    # "Apple's board named...": the organization the board is of; "its
                    # Board of Directors has named", that of the verb reporting it.
                    owners = [c for c in subject.children if c.dep_ == "poss"] + [
                        p for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
                        for p in c.children if p.dep_ == "pobj"] + [  # "The board of Danone"
                        # (a name the parser hangs on the board: "The board of French
                        # food group Danone")
                        c for c in subject.children if c.dep_ == "appos" and c.i in ents
                        and ents[c.i].label_ == "ORG"]
                    if any(c.lower_ in ("its", "their") for c in owners) and \
                            v.dep_ in ("ccomp", "conj", "advcl"):
                        v = _clause_head(v)
                        continue
                    return [a for c in owners for a in self._args(c, ents)]
                found = self._args(subject, ents)
                if pronoun is not None and all(a.label_ == _PRONOUN_REFERENCE for a in found):
                    # "It is Amazon's biggest deal after it bought Whole Foods": the first
                    # "it", whose organization comes before it
                    return [_stand_in(pronoun, _PRONOUN_REFERENCE)]
                if neuter:
                    # "Disney CEO Bob Iger announced that it would invest": "it" is no
                    # person, but the organization the person speaks for
                    found = [o for a in found for o in (
                        [a] if a.label_ != "PERSON" else [
                            ents[t.i] for t in a.root.subtree
                            if t.i in ents and ents[t.i].label_ == "ORG"][:1])]
                return found
            if v.dep_ in ("xcomp", "advcl") and v.head.i != v.i and self._for_deal(v) and \
                    not self._keys(v.head) & self.words.deal_verbs:
                # "The EU blocked a deal to buy Volvo", "Goldman advised on a deal to buy":
                # the parser hung the deal's infinitive on a verb that does not make it
                return []
            if v.dep_ in ("xcomp", "conj", "aux", "advcl") and v.head.i != v.i:
                raised = v.dep_ == "xcomp"
                v = v.head  # "agreed to buy", "..., signing a deal with"
                continue
            if v.dep_ == "relcl" and v.head.dep_ == "attr" and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
                v = v.head.head  # "Tedros will be the first African to head WHO"
                continue
            if v.dep_ == "pcomp" and v.head.lower_ == "from" and (kept := [
                    c for c in v.head.head.children if c.dep_ == "dobj"]):
                # "Regulators blocked Nvidia from buying Arm": the one kept from it
                return [a for c in kept for a in self._args(c, ents)]
            if v.dep_ == "pcomp" and v.head.head.i != v.head.i:
                v = v.head.head  # "Netflix unveiled a push after striking a deal with"
                continue
            if (v.dep_ == "acl" or (
                    # "Geely has signed a deal to buy Volvo": the small model often reads
                    # the infinitive after a deal noun as a relative clause
                    v.dep_ == "relcl" and self._lemma(v.head) in _INTENT_NOUNS
                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children))) \
                    and _pos(v.head) in ("NOUN", "PROPN"):
                # "Pfizer's deal to buy Seagen", "a plan by Cigna to acquire Humana"
                found = [a for c in v.head.children if c.dep_ in ("poss", "compound")
                         for a in self._args(c, ents)] + \
                    [a for c in v.head.children if c.dep_ in ("prep", "agent")
                     and c.lower_ == "by" for p in c.children if p.dep_ == "pobj"
                     for a in self._args(p, ents)]
                governor = v.head.head.head  # (the particle the parser hung "from" on)
                governor = governor.head if governor.dep_ in ("advmod", "prt") else governor
                if not found and v.head.dep_ == "pobj" and v.head.head.dep_ == "prep" and \
                        self._keys(governor) & self.words.deal_verbs:
                    v = governor  # "Uber walked away from a deal to buy GrubHub"
                    continue
                if found or v.head.dep_ not in ("dobj", "attr") or (
                        v.head.dep_ == "dobj"
                        and not self._keys(v.head.head) & self.words.deal_verbs):
                    return found
                v = v.head.head  # "BHP abandoned its attempt to acquire Anglo American"
                continue
            break
        return []

    def _for_deal(self, verb: Any) -> bool:
        """Whether an infinitive comes right after a plan or deal noun ("a deal to buy")."""
        to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
        if to is None or to.i == 0 or to.i != verb.i - 1:
            return False
        noun = verb.doc[to.i - 1]
        return _pos(noun) == "NOUN" and self._lemma(noun) in _INTENT_NOUNS

    @staticmethod
    def _negated(verb: Any) -> bool:
        """Whether a verb states no act: negated ("did not buy"), a guess ("could buy"),
        only weighed ("considered suing"), or denied ("denied reports that it would
        buy")."""
        v = verb
        for _ in range(4):
            if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _GUESSING)
                   for c in v.children):
                return True  # (or "could agree to buy")
            if v.dep_ == "xcomp" and v.head.lower_ in _WEIGHING:
                return True
            if v.dep_ in ("acl", "ccomp") and v.head.lower_ in _RUMOURS and \
                    v.head.head.lower_ in _DENYING:
                return True
            if v.dep_ not in ("xcomp", "conj") or v.head.i == v.i:
                return False
            v = v.head
        return False

    def _lemma(self, tok: Any) -> str:
        word = tok.lower_
        found = self.lemmas.get(word)
        if found is None and "-" in word:  # "re-appointed" is a form of reappoint
            found = self.lemmas.get(word.replace("-", ""))
        if found is None and word.startswith("co-"):  # "co-led the round": led it jointly
            found = self.lemmas.get(word[3:])
        return found or tok.lemma_.lower() or word

    def _keys(self, verb: Any) -> set[str]:
        """The lemma of a verb, with its particle or object ("take over", "join forces")."""
        lemma = self._lemma(verb)
        keys = {lemma}
        for c in verb.children:
            if c.dep_ in ("prt", "dobj", "advmod", "oprd"):  # "oprd": "take private"
                keys.add(f"{lemma} {c.lower_}")
        return keys

    def _status(self, anchor: Any) -> str | None:
        """The status of a deal from the verbs that govern ``anchor``, nearest first."""
        w = self.words.status
        tok, chain = anchor, []
        for _ in range(5):
            chain.append(tok)
            if tok.head.i == tok.i:
                break
            tok = tok.head
        keys = [self._keys(t) if _pos(t) in ("VERB", "AUX") else {self._lemma(t)}
                for t in chain]
        # A deal called off, blocked or completed anywhere up the chain says so first:
        # "abandoned its attempt to acquire" is abandoned, though "to acquire" announces.
        for status in ("abandoned", "blocked", "completed"):
            if any(k & w[status] for k in keys):
                return status
        for t, k in zip(chain, keys, strict=True):
            if k & w["announced"]:
                return "announced"
            if _pos(t) == "VERB":
                aux = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
                if aux & {"to", "will", "would", "'ll", "shall"}:
                    return "announced"
                if t.tag_ == "VBG" and aux & {"is", "are", "was", "'s"}:
                    return "announced"
                if t.tag_ in ("VBD", "VBN") and t is anchor:
                    return "completed"
        return None

    # -- the rules --------------------------------------------------------------------------
    def find(self, doc: Any) -> list[tuple[str, Any, Any, str | None]]:
        """``(kind, source span, target span, status)`` for each relation ``doc`` states
        (``doc.ents`` are the mentions)."""
        ents = {t.i: e for e in doc.ents for t in e}
        lowers = [t.lower_ for t in doc]  # once: the scans below read words, not tokens
        out: list[tuple[str, Any, Any, str | None]] = []
        for i, word in enumerate(lowers):
            if word in self.verb_forms or (word.startswith("co-") and
                                           word[3:] in self.verb_forms):  # "co-led"
                out.extend(self._verb(doc[i], ents))
            if word in self.noun_forms:
                out.extend(self._noun(doc[i], ents))
        matches = self.matcher(doc) if not self.pattern_forms.isdisjoint(lowers) else []
        for match_id, tokens in matches:
            rule = doc.vocab.strings[match_id]
            anchor = doc[tokens[0]]
            if rule == "frame":
                out.extend(self._frame(anchor, doc[tokens[1]], ents))
            elif rule == "frame_passive":
                verb, noun = (anchor, doc[tokens[1]]) if anchor.tag_ == "VBN" and \
                    doc[tokens[1]].dep_ == "nsubjpass" else (doc[tokens[1]], anchor)
                out.extend(self._passive_frame(verb, noun, ents))
            elif rule == "frame_to" and self._lemma(anchor) in (
                    _AGREEING_VERBS if doc[tokens[1]].lower_ == "to" else _ENTERING_VERBS):
                out.extend(self._frame(anchor, doc[tokens[2]], ents))
            elif rule == "order" and not self._negated(anchor):
                objects = [a for c in anchor.children if c.dep_ == "dobj"
                           for a in self._args(c, ents)]
                sources = self._subjects(anchor, ents)
                if any(c.dep_ == "nsubjpass" for c in anchor.children):
                    # "Honda was ordered to pay $5 million by the Federal Court"
                    objects = [a for c in anchor.children if c.dep_ == "nsubjpass"
                               for a in self._args(c, ents)]
                    # (the parser may hang the "by" on "pay")
                    sources = self._agents(anchor, ents) + self._agents(doc[tokens[1]], ents)
                out.extend((FINES, s, o, None) for s in sources for o in objects)
        if not self.settlement_forms.isdisjoint(lowers):
            out.extend(self._settlement(doc, ents))
        if not self.payment_forms.isdisjoint(lowers):
            out.extend(self._payment(doc, ents))
        out.extend(self._backed(doc, ents, lowers))
        if not _PARTICIPATING.isdisjoint(lowers):
            out.extend(self._round_participants(doc, ents))
        if "helm" in lowers:
            out.extend(self._at_the_helm(doc, ents))
        out.extend(self._to_court(doc, ents, lowers))
        out.extend(self._case_name(doc, ents, lowers))
        if not _BROUGHT.isdisjoint(lowers):
            out.extend(self._brought_by(doc, ents))
        if "sale" in lowers:
            out.extend(self._sale_to(doc, ents))
        if "partner" in lowers:
            out.extend(self._possessive_partner(doc, ents, lowers))
        if not _CONTESTING_FORMS.isdisjoint(lowers):
            out.extend(self._contested_fine(doc, ents))
        if "defendant" in lowers or "defendants" in lowers or "sued" in lowers or \
                "named" in lowers or \
                not self.targeting_forms.isdisjoint(lowers):
            out.extend(self._defendants(doc, ents))
        out.extend(self._headline(doc))
        out.extend(self._headline_pair(doc, lowers))
        out.extend(self._headline_appointment(doc, lowers))
        if not _POSSESSIVE_MARKS.isdisjoint(lowers):
            out.extend(self._possessive_deal(doc, ents, lowers))
        out.extend(self._leads(doc, ents, lowers))
        out.extend(self._succession(doc, ents, out, lowers))
        if not _TOGETHER.isdisjoint(lowers):
            out.extend(self._together(doc, ents))
        return out

    def _together(self, doc: Any, ents: Mapping[int, Any]) -> list[tuple]:
        """Two organizations that make something jointly: "Ford and Volkswagen will
        jointly develop electric vans", "Sony will build cars together with Honda"."""
        out = []
        for tok in doc:
            if tok.lower_ not in _TOGETHER or tok.dep_ != "advmod":
                continue
            verb = tok.head if tok.head.dep_ != "prep" else tok.head.head
            if _pos(verb) != "VERB" or self._lemma(verb) not in _JOINT_VERBS or \
                    self._negated(verb) or any(c.dep_ in _PASSIVE_SUBJECTS
                                               for c in verb.children):
                continue
            parties = [a for a in self._subjects(verb, ents) if a.label_ == "ORG"]
            withs = [p for h in (tok, tok.head) for c in h.children
                     if c.dep_ == "prep" and c.lower_ == "with"
                     for p in c.children if p.dep_ == "pobj"]
            if tok.head.dep_ == "prep" and tok.head.lower_ == "with":
                withs += [p for p in tok.head.children if p.dep_ == "pobj"]
            parties += [a for p in withs for a in self._args(p, ents) if a.label_ == "ORG"]
            out.extend(_pair(PARTNERS_WITH, parties))
        return out

    def _succession(self, doc: Any, ents: Mapping[int, Any], found: list[tuple],
                    lowers: list[str]) -> list[tuple]:
        """One leader following another: both lead the organization its story's
        leadership change is about. The target is a marker that relations_of_texts keeps
        only where the text names a company's leading role, and the graph resolves like
        a role without its organization; where the sentence names the organization the
        one replaced leads, the successor leads it ("chose Tufan Erginbilgic to replace
        Rolls-Royce's chief executive Warren East"), not the one the successor comes
        from ("Andy Jassy, head of AWS, will succeed Jeff Bezos")."""
        led: dict[Any, list[Any]] = {}
        for kind, source, target, _ in found:
            if kind == LEADS and target is not None and target.label_ == "ORG":
                led.setdefault(source, []).append(target)
        # (each scan only where its words are: they read every token otherwise)
        words = set(lowers)
        events = [*(self._replaced(doc, ents) if not words.isdisjoint(self.succession_forms)
                    else ()),
                  *(self._taking_over(doc, ents) if "over" in words else ()),
                  *(self._making_way(doc, ents) if not words.isdisjoint(_HANDED_WORDS)
                    or "over" in words else ())]
        if not words.isdisjoint(self.leaving_forms):
            events += self._leaving(doc, ents)
        successors = self._successor_nouns(doc, ents) if not words.isdisjoint(
            _SUCCESSOR_NOUNS) else []
        out = []
        for person, at, replaced in (*events, *((p, at, False) for p, at in successors)):
            if replaced and person in led:
                continue  # its organization is named: no other is guessed
            handed = [] if replaced else list(dict.fromkeys(
                o for p, w, r in events if w.i == at.i and r for o in led.get(p, ())))
            out.extend((LEADS, person, o, None)
                       for o in handed or self._reins_of(at, ents) or self._where(at, ents)
                       or [_stand_in(at)])
        return out

    def _reins_of(self, verb: Any, ents: Mapping[int, Any]) -> list[Any]:
        """The organization whose reins are handed over ("handed over the reins of
        Microsoft to Satya Nadella")."""
        return [a for c in verb.children if c.dep_ == "dobj" and c.lower_ in _HANDED_WORDS
                for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children if o.dep_ == "pobj"
                for a in self._args(o, ents) if a.label_ == "ORG"]

    def _where(self, verb: Any, ents: Mapping[int, Any]) -> list[Any]:
        """The organization a succession takes place at ("will take over at Tesco from
        the incumbent", "succeeds Smith at Unilever"), labelled for relations_of_texts."""
        from spacy.tokens import Span

        return [Span(a.doc, a.start, a.end, label=_SUCCESSION_AT)
                for c in verb.children if c.dep_ == "prep" and c.lower_ == "at"
                for p in c.children if p.dep_ == "pobj"
                for a in self._args(p, ents) if a.label_ == "ORG"]

    def _replaced(self, doc: Any, ents: Mapping[int, Any]) -> list[tuple[Any, Any, bool]]:
        """(person, word, whether replaced) of one person replaced by or succeeding
        another, not "as" some role ("Mr van Beurden will be replaced by Wael Sawan",
        "chose Tufan Erginbilgic to replace Warren East"), or a leader named again as
        "he" ("He will be replaced by Thomas Gottstein")."""
        out = []
        for verb in doc:
            if self._lemma(verb) not in _SUCCESSION_VERBS or _pos(verb) != "VERB" or \
                    self._negated(verb) or any(c.lower_ == "as" for c in verb.children):
                continue
            passive = any(c.dep_ in (*_PASSIVE_SUBJECTS, "auxpass") for c in verb.children)
            first = [a for c in verb.children if c.dep_ in (_PASSIVE_SUBJECTS if passive
                                                             else _SUBJECTS)
                     for a in self._args(c, ents)]
            if not first and not passive and verb.dep_ == "advcl" and verb.tag_ == "VBG":
                # "Microsoft named Satya Nadella chief executive, replacing Steve Ballmer":
                # the one the clause's verb names, else its subject
                head = verb.head
                first = list(dict.fromkeys(  # ("named Satya/nmod Nadella/nmod chief executive/oprd")
                    ents[t.i] for c in head.children if c.dep_ in ("dobj", "oprd")
                    for t in c.subtree if t.i in ents and ents[t.i].label_ == "PERSON")) or [
                    a for c in head.children if c.dep_ in _SUBJECTS
                    for a in self._args(c, ents)]
            if not first and (not passive or verb.dep_ == "xcomp"):
                # (or "Nooyi is slated to be replaced by Ramon Laguarta")
                first = [a for c in _controller(verb) for a in self._args(c, ents)]
            elif not first and verb.dep_ == "conj" and verb.head.i != verb.i:
                # "Hirai is stepping down and will be replaced by Kenichiro Yoshida": the
                # subject of the verb it is joined to
                first = [a for c in verb.head.children if c.dep_ in _SUBJECTS
                         for a in self._args(c, ents)]
            second = self._agents(verb, ents) + [  # (or "replaced with")
                a for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
                for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)
            ] if passive else [
                a for c in verb.children if c.dep_ == "dobj" for a in self._args(c, ents)]
            people = [a for a in (*first, *second) if a.label_ == "PERSON"]
            named_again = [c for c in verb.children if c.lower_ in _PEOPLE_PRONOUNS and
                           c.dep_ in (*(_PASSIVE_SUBJECTS if passive else _SUBJECTS), "dobj")]
            if people and len(people) + len(named_again) == 2 and \
                    (first or named_again) and (second or named_again):
                replaced = first if passive else second
                out.extend((p, verb, p in replaced) for p in people)
        return out

    def _leaving(self, doc: Any, ents: Mapping[int, Any]) -> list[tuple[Any, Any, bool]]:
        """(person, word, True) of a leader who retires, resigns or steps down, with no
        role named ("after Steve Ballmer announced his intention to retire", "as Eldar
        Saetre retires"; a role named, "steps down as CEO", is read with it): the one
        who goes led the organization its story's leadership change is about. Not one
        whose title says otherwise ("CFO John Smith will retire")."""
        titles = english().person_prefixes | _OFFICER_TITLES
        out = []
        for verb in doc:
            if not self._goes(verb) or _pos(verb) != "VERB" or self._negated(verb) or \
                    any(c.dep_ == "prep" and c.lower_ in ("as", "from")
                        for c in verb.children):
                continue
            subjects = self._subjects(verb, ents)
            if not subjects and verb.dep_ == "acl" and verb.head.dep_ == "dobj":
                # "announced his intention to retire", "unveiled plans to step down"
                subjects = self._subjects(verb.head.head, ents)
            for person in subjects:
                if person.label_ != "PERSON" or person[0].lower_ in titles or (
                        person.start > 0 and not doc[person.start - 1].is_punct
                        and doc[person.start - 1].lower_ not in ("and", "as", "after",
                                                                  "when", "that", "while")):
                    continue  # (a title or a name before it: "CFO John Smith")
                out.append((person, verb, True))
        return out

    def _goes(self, verb: Any) -> bool:
        """Whether a verb says someone leaves: retires, resigns, steps down or aside."""
        lemma = self._lemma(verb)
        return lemma in _LEAVING_VERBS or (lemma == "step" and any(
            c.dep_ == "prt" and c.lower_ in ("down", "aside") for c in verb.children))

    def _taking_over(self, doc: Any, ents: Mapping[int, Any]
                     ) -> list[tuple[Any, Any, bool]]:
        """(person, word, whether taken over from) of one taking over from another
        ("Andrew Bailey is set to take over from Mark Carney": both), or appointed to take
        over ("The board has appointed its CFO, Fernando Fernandez, to take over")."""
        out = []
        for verb in doc:
            if self._lemma(verb) != "take" or self._negated(verb) or not any(
                    c.dep_ == "prt" and c.lower_ == "over" for c in verb.children):
                continue
            before = [a for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"
                      for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)
                      if a.label_ == "PERSON"]
            after = [a for a in self._subjects(verb, ents) if a.label_ == "PERSON"]
            # (or a leader named again: "He will take over from Donald Kaberuka")
            named_again = [c for c in verb.children
                           if c.dep_ in _SUBJECTS and c.lower_ in _PEOPLE_PRONOUNS]
            if before and (after or named_again):
                out.extend((p, verb, p in before) for p in (*after, *before))
            elif not before and verb.dep_ == "xcomp" and self._lemma(verb.head) in self.words.role_verbs:
                out.extend((a, verb, False) for c in _controller(verb)
                           for a in self._args(c, ents) if a.label_ == "PERSON")
        return out

    def _making_way(self, doc: Any, ents: Mapping[int, Any]) -> list[tuple[Any, Any, bool]]:
        """(person, word, whether the one who leaves) of a leader who makes way or hands
        the reins to another ("Bob Iger will make way for Bob Chapek", "stepped down,
        giving way to David Joyner", "Jeff Bezos handed the reins to Andy Jassy")."""
        out = []
        for verb in doc:
            lemma = self._lemma(verb)
            # (or "hands over to": "Alan Joyce will hand over to Vanessa Hudson")
            if lemma not in _HANDING_VERBS or self._negated(verb) or not any(
                    (c.dep_ == "dobj" and c.lower_ in _HANDED_NOUNS[lemma])
                    or (lemma == "hand" and c.dep_ == "prt" and c.lower_ == "over")
                    for c in verb.children):
                continue
            preps = ("for",) if lemma == "make" else ("to",)
            after = [a for c in verb.children if c.dep_ in ("prep", "dative")
                     and c.lower_ in preps for p in c.children if p.dep_ == "pobj"
                     for a in self._args(p, ents) if a.label_ == "PERSON"]
            if after:
                before = [a for a in self._subjects(verb, ents) if a.label_ == "PERSON"]
                out.extend((p, verb, p in before) for p in (*after, *before))
        return out

    def _successor_nouns(self, doc: Any, ents: Mapping[int, Any]) -> list[tuple[Any, Any]]:
        """(person, word) of a successor or predecessor named ("her predecessor Nick
        Read", "his successor, Jane Fraser"), the one appointed as a successor ("will
        appoint Mary Barra as his successor") and the one a successor follows ("a
        successor to Thomas Bach")."""
        out = []
        for noun in doc:
            if noun.lower_ not in _SUCCESSOR_NOUNS:
                continue
            named = self._named(noun, ents)
            if named is not None and ents[named.i].label_ == "PERSON":
                out.append((ents[named.i], noun))
            if noun.lower_.startswith("predecessor"):
                continue
            verb = noun.head.head
            if noun.dep_ == "pobj" and noun.head.lower_ == "as" and \
                    self._lemma(verb) in self.words.role_verbs and not self._negated(verb):
                out.extend((a, noun) for c in verb.children
                           if c.dep_ in ("dobj", *_PASSIVE_SUBJECTS)
                           for a in self._args(c, ents) if a.label_ == "PERSON")
            out.extend((a, noun) for c in noun.children
                       if c.dep_ == "prep" and c.lower_ in ("to", "of")
                       for p in c.children if p.dep_ == "pobj"
                       for a in self._args(p, ents) if a.label_ == "PERSON")
        return out

    def _passive_joined(self, verb: Any, keys: set[str]) -> list[Any]:
        """The subject a participle shares with the passive verb it is joined to, having
        none of its own ("Manchester City have been banned from UEFA competitions and
        fined €30 million"): it is passive too."""
        if verb.dep_ != "conj" or any(c.dep_ in (*_SUBJECTS, *_PASSIVE_SUBJECTS)
                                      for c in verb.children) or \
                not any(c.dep_ == "auxpass" for c in verb.head.children):
            return []
        # (the small model tags "and fined" after a passive a past tense)
        if verb.tag_ != "VBN" and not (verb.tag_ == "VBD"
                                       and keys & self.words.object_verbs[FINES]):
            return []
        return [c for c in verb.head.children if c.dep_ in _PASSIVE_SUBJECTS]

    def _verb(self, verb: Any, ents: Mapping[int, Any]) -> list[tuple]:
        if self._negated(verb) or _pos(verb) not in ("VERB", "AUX"):
            return []
        keys, out = self._keys(verb), []
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        # "Mistral AI, led by CEO Arthur Mensch,": a participle describing the name
        reduced = verb.dep_ == "acl" and verb.tag_ == "VBN" and any(
            c.dep_ == "agent" for c in verb.children)
        passive = passive or reduced
        shared = [] if passive else self._passive_joined(verb, keys)
        passive = passive or bool(shared)
        if self._lemma(verb) in self.words.penalty_verbs:
            out.extend(self._penalty(verb, ents, passive))
        if not passive:
            out.extend(self._reverse_frame(verb, ents))
        for kind, (verbs, preps) in self.words.reverse_verbs.items():
            if not keys & verbs or reduced:
                continue
            # "Vivendi agreed to sell Editis to CMI"; "Allergan is sold to AbbVie"
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            targets = [a for c in verb.children
                       if c.dep_ in (_PASSIVE_SUBJECTS if passive else ("dobj",))
                       for a in self._args(c, ents)]
            if not passive and (not objects or all(o.lower_ in _REFLEXIVES for o in objects)):
                # "MGM agreed to sell itself to Amazon"; a headline's "MGM sold to Amazon";
                # "Mobil merged into Exxon" (a verb without an object)
                targets = self._subjects(verb, ents) if objects or (
                    verb.dep_ == "ROOT" and verb.tag_ in ("VBD", "VBN")) or (
                    self._lemma(verb) in _INTRANSITIVE_REVERSE) else []
            sources = [a for c in verb.children if c.dep_ in ("prep", "dative")
                       and c.lower_ in preps
                       for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)]
            status = self._status(verb) if kind == ACQUIRES else None
            out.extend((kind, s, t, status) for s in sources for t in targets)
        if self._lemma(verb) == "lead":
            out.extend(self._round_led_by(verb, ents, passive))
        suits = [] if self._lemma(verb) not in self.words.lawsuit_verbs else [
            p for p in verb.subtree if p.dep_ == "pobj" and p.head.lower_ == "in"
            and self._lemma(p) in self.words.noun_frames[SUES][1]]
        if suits:
            if not passive:
                # "Moderna accused Pfizer in a lawsuit of copying its technology"
                out.extend((SUES, s, t, None) for s in self._subjects(verb, ents)
                           for c in verb.children if c.dep_ == "dobj"
                           for t in self._args(c, ents))
            else:
                # "JBS was accused of making misleading claims in a lawsuit filed by
                # Letitia James"
                filers = [a for n in suits for c in n.children if c.dep_ == "acl"
                          for g in c.children if g.dep_ == "agent"
                          for p in g.children if p.dep_ == "pobj" for a in self._args(p, ents)]
                out.extend((SUES, s, t, None) for s in filers
                           for c in verb.children if c.dep_ in _PASSIVE_SUBJECTS
                           for t in self._args(c, ents))
        if keys & _FOUNDING_VERBS:
            out.extend(self._founders(verb, ents, passive))
        if self._lemma(verb) in _CONTROL_VERBS and not passive:
            # "Broadcom took control of VMware"
            held = [a for c in verb.children if c.dep_ == "dobj" and c.lower_ == "control"
                    for x in c.children if x.dep_ == "prep" and x.lower_ == "of"
                    for p in x.children if p.dep_ == "pobj" for a in self._args(p, ents)
                    if a.label_ == "ORG"]  # (not "took control of Kabul")
            if held:
                out.extend((ACQUIRES, s_, t, self._status(verb))
                           for s_ in self._subjects(verb, ents) for t in held)
        if keys & _HOLDING_VERBS and not passive:
            share, whole = self._share_of(verb, ents)
            if share and not whole:  # (all of it is no stake)
                out.extend((INVESTS_IN, s, t, None) for s in self._subjects(verb, ents)
                           for t in share)
        for kind, verbs in self.words.object_verbs.items():
            if not keys & verbs:
                continue
            status = self._status(verb) if kind == ACQUIRES else None
            if passive:
                targets = [a for c in verb.children if c.dep_ in _PASSIVE_SUBJECTS
                           for a in self._args(c, ents)]
                if reduced:
                    targets = self._args(verb.head, ents)
                elif shared:
                    targets = [a for c in shared for a in self._args(c, ents)]
                elif not any(c.dep_ in _PASSIVE_SUBJECTS for c in verb.children):
                    targets = self._subjects(verb, ents)  # "agreed to be acquired by"
                sources = self._agents(verb, ents)
                if kind == SUES and not reduced and not sources:
                    # "Shell and BP were also sued": by the story's plaintiff
                    sources = [_stand_in(verb, _PLAINTIFF)]
                if kind == FINES and not reduced and not sources:
                    # "Thames Water has been fined £120 million": by the regulator its
                    # text names, else its story's (relations_of_texts)
                    sources = [_stand_in(verb, _REGULATOR_REFERENCE)]
            else:
                sources = self._subjects(verb, ents)
                # "fined Sonali Bank £3.3m": the amount is the object, the one fined dative;
                # "sued Booking.com, and its subsidiaries": a noun the parser joined to the
                # verb is another object
                objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
                targets = [a for c in (*objects, *(
                    c for c in verb.children if c.dep_ == "conj" and (
                        _pos(c) == "NOUN" or (
                            # "fined Google €150 million and Facebook €60 million": a
                            # name with its own amount, the verb left out
                            c.i in ents and any(_money(g) for g in c.children)))
                    and objects and c.i > objects[0].i
                    and not any(g.dep_ in _SUBJECTS for g in c.children)))
                    for a in self._args(c, ents)]
                if kind == FINES and not targets:
                    # "fined Google A$60 million": the name parsed as the amount's modifier
                    targets = [ents[t.i] for c in verb.children if c.dep_ == "dobj"
                               and _money(c) for t in c.subtree
                               if t.dep_ == "compound" and t.i in ents and t.i < c.i
                               and ents[t.i].label_ in ("ORG", "PERSON")]
                share, whole = self._share_of(verb, ents) if kind == ACQUIRES else ([], False)
                if share and not whole:
                    # "Saudi Aramco acquires 10 percent of Horse Powertrain": a stake
                    out.extend((INVESTS_IN, s, t, None) for s in sources for t in share)
                    continue
                targets += share  # all or most of it: "buys 100% of", "buys 51% of"
                if verb.dep_ == "relcl" and any(c.dep_ == "dobj" and c.lower_ in _RELATIVES
                                                for c in verb.children):
                    targets += self._args(verb.head, ents)  # "Instagram, which Facebook bought"
                if kind == LEADS:
                    sources, targets = self._chosen_to_lead(verb, ents, sources, targets)
                objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
                if kind == FINES and not targets and verb.lower_ in ("fined", "penalised",
                                                                     "penalized") \
                        and verb.dep_ == "ROOT" and objects and all(map(_money, objects)) \
                        and not any(c.dep_ == "aux" for c in verb.children) \
                        and not any(i in ents for i in range(verb.i + 1, min(
                            o.left_edge.i for o in objects))) \
                        and not any(t.i in ents and t.i < o.i for o in objects
                                    for t in o.subtree):
                    # (not "the EU fined Intel 1.06 billion euros", with the name fined
                    # parsed inside the amount)
                    # A headline's passive without its auxiliary: "British Airways fined
                    # £20m over data breach" (the small model reads a past tense)
                    targets = [a for a in sources if not is_regulator(a.text)]
                    sources = [_stand_in(verb, _REGULATOR_REFERENCE)]
                if kind == SUES and not targets and any(
                        o.i not in ents and _pos(o) == "NOUN" for o in objects):
                    # "The city sued several oil companies": a plaintiff, whose defendants
                    # another sentence may name
                    out.extend((SUES, s, None, None) for s in sources)
            if kind == ACQUIRES and "take over" in keys:
                # "when she takes over Citigroup": a person who takes over an
                # organization leads it
                out.extend((LEADS, s, t, None) for s in sources
                           if s.label_ == "PERSON" or s.root.lower_ in _PEOPLE_PRONOUNS
                           for t in targets)
                sources = [s for s in sources if s.label_ != "PERSON"
                           and s.root.lower_ not in _PEOPLE_PRONOUNS]
            out.extend((kind, s, t, status) for s in sources for t in targets)
        for kind, verbs in self.words.preposition_verbs.items():
            preps: set[str] = set()
            for v, p in verbs.items():
                if v in keys:
                    preps |= p
            if not preps:
                continue
            heads = [verb, *(c for c in verb.children if c.dep_ == "dobj"),
                     # "investing around EUR 90.5m in Valneva": the amount's
                     *(p for c in verb.children if c.dep_ == "prep"
                       for p in c.children if p.dep_ == "pobj" and _money(p))]
            targets = [a for h in heads for c in h.children
                       if c.dep_ == "prep" and c.lower_ in preps
                       for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)]
            if verb.dep_ == "relcl" and any(
                    c.dep_ == "prep" and c.lower_ in preps and c.i < verb.i and any(
                        p.lower_ in _RELATIVES for p in c.children) for c in verb.children):
                targets += self._args(verb.head, ents)  # "Anthropic, in which Amazon invested"
            sources = self._subjects(verb, ents)
            if kind == INVESTS_IN and targets and all(t.label_ in ("ORG", "GPE", "PERSON")
                                                      for t in targets):
                # "Buffett is to invest $5 billion in Goldman Sachs through the Berkshire
                # Hathaway group": the company the money goes through invests too, as does
                # one that invests "alongside" (in a name: "the company" would be read as
                # the one named before it)
                sources += [a for c in verb.children if c.dep_ == "prep"
                            and c.lower_ in ("through", "alongside")
                            for p in c.children if p.dep_ == "pobj"
                            for a in self._args(p, ents) if a.label_ == "ORG"]
            out.extend((kind, s, t, None) for s in sources for t in targets)
            if kind in UNDIRECTED and not targets and not any(
                    c.dep_ == "dobj" and c.lower_ not in _PHRASE_OBJECTS
                    for c in verb.children):
                # "Honda and Nissan team up", "join forces" (not "joined the round")
                out.extend(_pair(kind, sources) if sources else self._both(kind, verb))
        return out

    def _share_of(self, verb: Any, ents: Mapping[int, Any]) -> tuple[list[Any], bool]:
        """The company of which a verb's object is a share in percent ("acquires 10
        percent of Horse Powertrain", "buys 49% of"), and whether the share is all of it
        ("100%")."""
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            held = next((p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj"), None) \
                if obj.lower_ in _QUANTITY_NOUNS else obj
            if held is not None and held.lower_ in ("shares", "stock"):
                # "bought 10.8 million shares of HSBC", "is purchasing a large amount of
                # shares of Alibaba": some of the company's shares, never all of them
                return [a for c in held.children if c.dep_ == "prep" and c.lower_ in ("of", "in")
                        for p in c.children if p.dep_ == "pobj"
                        for a in self._args(p, ents)], False
            amounts = [a for n in obj.subtree if (a := _number(n)) is not None]
            if obj.lower_ not in _PERCENT_WORDS or not amounts:
                continue
            # "of BP's ordinary shares": of the company whose shares they are
            wholes = [o for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj"
                      for o in ([p] if self._lemma(p) not in _SHARE_NOUNS else
                                [c for c in p.children if c.dep_ == "poss"])]
            # (more than half of it is control of it: "Heinz is to buy 51% of Kraft")
            return [a for o in wholes for a in self._args(o, ents)], max(amounts) > 50
        return [], False

    def _defendants(self, doc: Any, ents: Mapping[int, Any]) -> list[tuple]:
        """Parties named as defendants, sued by the story's plaintiff: "lists Shell, BP
        and Chevron as defendants", "names as another defendant Interstate Arms", "Exxon
        was named as a defendant", "Defendants include Shell and BP"."""
        out = []
        for noun in doc:
            if noun.lower_ not in ("defendant", "defendants"):
                continue
            parties = [a for c in noun.children if c.dep_ == "appos" for a in self._args(c, ents)]
            if noun.dep_ == "pobj" and noun.head.lower_ == "as":
                verb = noun.head.head
                if _pos(verb) in ("VERB", "NOUN") and not self._negated(verb):
                    # ("names" read as a noun: "It names as another defendant X")
                    parties += [a for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
                                for a in self._args(c, ents)]
            elif noun.dep_ == "nsubj" and noun.head.lower_ in _LISTING_FORMS and \
                    not self._negated(noun.head):
                parties += [a for c in noun.head.children if c.dep_ in ("dobj", "attr")
                            for a in self._args(c, ents)]
            out.extend((SUES, _stand_in(noun, _PLAINTIFF), p, None) for p in parties)
        for verb in doc:
            # "The lawsuit targets news anchors Lou Dobbs and Maria Bartiromo", "The suit
            # accuses Google of": its plaintiff, or the story's, sues them
            if self._lemma(verb) not in _TARGETING_VERBS or _pos(verb) != "VERB" or \
                    self._negated(verb):
                continue
            suits = [c for c in verb.children if c.dep_ in _SUBJECTS
                     and self._lemma(c) in self.words.noun_frames[SUES][1]]
            if not suits:
                continue
            plaintiffs = [a for n in suits for c in n.children if c.dep_ in ("poss", "compound")
                          for a in self._args(c, ents)] + [
                a for n in suits for c in (n, *(c for c in n.children if c.dep_ == "acl"))
                for g in c.children if g.dep_ in ("agent", "prep") and g.lower_ == "by"
                for p in g.children if p.dep_ == "pobj" for a in self._args(p, ents)]
            parties = [a for c in verb.children if c.dep_ == "dobj" for a in self._args(c, ents)]
            out.extend((SUES, s_, p, None) for s_ in plaintiffs or [_stand_in(verb, _PLAINTIFF)]
                       for p in parties)
        for i, tok in enumerate(doc[1:], start=1):
            # The same by its shape, where the small model reads "lawsuit targets" as one
            # noun: "The $2.75 billion defamation lawsuit targets popular news anchors Lou
            # Dobbs, Maria Bartiromo, and Jeanine Pirro", "Epic's lawsuit names Apple"
            suit = doc[i - 1]
            if _pos(tok) == "VERB" or self._lemma(tok) not in _TARGETING_VERBS or \
                    self._lemma(suit) not in self.words.noun_frames[SUES][1]:
                continue
            owner = ents.get(suit.i - 2) if suit.i >= 2 and doc[suit.i - 1].lower_ in (
                "'s", "’s") else None
            out.extend((SUES, owner or _stand_in(tok, _PLAINTIFF), p, None)
                       for p in _names_listed(doc, i + 1, ents))
        suit_nouns = self.words.noun_frames[SUES][1]
        for sued in doc:
            # "Those sued include Smith & Wesson and Glock", "Among those being sued are
            # big names, such as Smith & Wesson", "The banks named in the suits include
            # Ally Financial": the parties those stand for
            named_in_suit = sued.lower_ == "named" and sued.dep_ == "acl" and any(
                c.dep_ == "prep" and c.lower_ == "in" and any(
                    p.dep_ == "pobj" and (self._lemma(p) in suit_nouns
                                          or p.lower_.removesuffix("s") in suit_nouns)
                    for p in c.children) for c in sued.children)
            if not named_in_suit and (
                    sued.lower_ != "sued" or sued.dep_ != "acl" or sued.head.lower_ not in (
                        "those", "companies", "firms") or self._negated(sued)):
                continue
            those = sued.head
            verb = those.head.head if those.dep_ == "pobj" and those.head.lower_ == "among" \
                else those.head if those.dep_ in _SUBJECTS else None
            if verb is None or verb.lower_ not in _LISTING_FORMS or self._negated(verb):
                continue
            out.extend((SUES, _stand_in(sued, _PLAINTIFF), p, None)
                       for c in verb.children if c.dep_ in ("dobj", "attr")
                       for p in self._args(c, ents))
        return out

    def _contested_fine(self, doc: Any, ents: Mapping[int, Any]) -> list[tuple]:
        """A fine its payer appeals, contests or pays, with who gave it: "Unilever will
        appeal the fine imposed by the European Commission", "is appealing a fine from
        the Commission", "won its appeal against the Commission's fine"."""
        fine_nouns = self.words.relation_nouns[FINES][0]
        out = []
        for noun in doc:
            if self._lemma(noun) not in fine_nouns or _pos(noun) != "NOUN":
                continue
            verb, verbs = noun.head, _CONTESTING_FORMS
            if noun.dep_ == "pobj" and verb.lower_ == "against":
                verb = verb.head  # "appeal against the fine"
            if _pos(verb) == "NOUN" and verb.lower_ in _CONTESTING_FORMS and \
                    verb.dep_ in ("dobj", "nsubj", "pobj"):
                # "won its appeal against the fine": the verb of the appeal
                verb = verb.head if verb.dep_ != "pobj" else verb.head.head
                verbs = _CONTESTING_FORMS | _CASE_OUTCOME_FORMS
            if verb.lower_ not in verbs or _pos(verb) not in ("VERB", "AUX") or \
                    self._negated(verb):
                continue
            givers = [a for c in noun.children if c.dep_ in ("poss", "compound", "nmod")
                      for a in self._args(c, ents)]
            givers += [a for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
                       for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)]
            givers += [a for c in noun.children if c.dep_ == "acl"  # "imposed by"
                       for a in self._agents(c, ents)]
            givers = [g for g in givers if g.label_ == "ORG"]
            fined = [a for a in self._subjects(verb, ents) if a not in givers]
            out.extend((FINES, g, f, None) for g in givers for f in fined)
        return out

    @staticmethod
    def _possessive_partner(doc: Any, ents: Mapping[int, Any], lowers: list[str]
                            ) -> list[tuple]:
        """"Unilever's partner Nestle", "Microsoft's longtime partner OpenAI": the two are
        partners (read by the words: the parser reads the two names as it likes)."""
        out = []
        for i, word in enumerate(lowers):
            if word != "partner" or i + 1 not in ents or ents[i + 1].start != i + 1 or \
                    ents[i + 1].label_ != "ORG":
                continue
            k = i - 1
            while k > i - 3 and k >= 0 and doc[k].is_lower and doc[k].is_alpha:
                k -= 1  # "longtime", "strategic"
            if k >= 1 and lowers[k] in ("'s", "’s") and k - 1 in ents and \
                    ents[k - 1].label_ == "ORG":
                out.append((PARTNERS_WITH, ents[k - 1], ents[i + 1], None))
        return out

    def _sale_to(self, doc: Any, ents: Mapping[int, Any]) -> list[tuple]:
        """The sale of a company to another: the other buys it ("completed the sale of
        Dollar Shave Club to Nestle", "agreed the sale of Arm to SoftBank")."""
        out = []
        for noun in doc:
            if noun.lower_ != "sale" or self._negated(noun.head):
                continue
            sold = [a for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                    for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)
                    if a.label_ == "ORG"]
            # ("to" on the noun, or on the verb that governs it, as the parser hangs it)
            heads = (noun, noun.head) if noun.dep_ in ("dobj", "nsubjpass") else (noun,)
            buyers = [a for h in heads for c in h.children if c.dep_ in ("prep", "dative")
                      and c.lower_ == "to" and c.i > noun.i for p in c.children
                      if p.dep_ == "pobj" for a in self._args(p, ents) if a.label_ == "ORG"]
            out.extend((ACQUIRES, b, x, self._status(noun)) for b in buyers for x in sold)
        return out

    def _brought_by(self, doc: Any, ents: Mapping[int, Any]) -> list[tuple]:
        """A case brought or filed by a party: it sues whom the case is against, or the
        one who settles, loses, wins or fights it ("Google lost a case brought by the
        ACCC", "to settle a Federal Court case brought by AUSTRAC")."""
        suits = self.words.noun_frames[SUES][1]
        out = []
        for clause in doc:
            if clause.lower_ not in _BROUGHT or clause.dep_ != "acl" or \
                    self._lemma(clause.head) not in suits:
                continue
            case = clause.head
            plaintiffs = self._agents(clause, ents)
            defendants = [a for h in (case, clause) for c in h.children
                          if c.dep_ == "prep" and c.lower_ == "against"
                          for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)]
            if not defendants and case.dep_ == "dobj" and \
                    self._lemma(case.head) in _CASE_ENDING_VERBS and not self._negated(case.head):
                defendants = self._subjects(case.head, ents)
            out.extend((SUES, a, b, None) for a in plaintiffs for b in defendants)
        return out

    def _case_name(self, doc: Any, ents: Mapping[int, Any], lowers: list[str]) -> list[tuple]:
        """A lawsuit named by its parties: "the Epic Games vs. Google lawsuit", "in the
        Epic v. Apple case" (the first sues the second)."""
        out = []
        for i, word in enumerate(lowers):
            if word not in _VERSUS or i == 0 or i + 1 >= len(doc):
                continue
            first, second = ents.get(i - 1), ents.get(i + 1)
            if first is None or second is None or first.end != i or second.start != i + 1:
                continue
            if second.end < len(doc) and \
                    self._lemma(doc[second.end]) in self.words.noun_frames[SUES][1] | _TRIALS:
                out.append((SUES, first, second, None))
        return out

    def _chosen_to_lead(self, verb: Any, ents: Mapping[int, Any], sources: list,
                        targets: list) -> tuple[list, list]:
        """"General Motors has tapped Mary Barra to lead the company": the one chosen
        leads, not the one choosing, and "the company" or "it" is the one choosing."""
        chooser = verb.head
        if verb.dep_ != "xcomp" or self._lemma(chooser) not in self.words.role_verbs:
            return sources, targets
        chosen = [a for c in chooser.children if c.dep_ == "dobj" for a in self._args(c, ents)
                  if a.label_ == "PERSON"]
        if not chosen:
            return sources, targets
        targets = [t for t in targets if t.label_ != _COMPANY_REFERENCE]
        if not targets and any(c.dep_ == "dobj" and (c.lower_ == "it" or (
                self._lemma(c) in self.words.company_nouns and any(
                    d.dep_ == "det" and d.lower_ == "the" for d in c.children)))
                for c in verb.children):
            targets = [a for a in self._subjects(chooser, ents) if a.label_ == "ORG"]
        return chosen, targets

    def _founders(self, verb: Any, ents: Mapping[int, Any], passive: bool) -> list[tuple]:
        """Founders beyond the subject and object: those it was founded "with" ("Dorsey
        founded Twitter with Noah Glass, Biz Stone and Evan Williams"), and the agent
        of an opening participle ("Founded by RJ Scaringe in 2009, Rivian has raised")."""
        if verb.dep_ == "advcl" and verb.tag_ == "VBN":
            founders = [a for c in verb.children if c.dep_ == "agent"
                        for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)]
            founded = [a for a in self._subjects(verb.head, ents) if a.label_ == "ORG"]
        elif not passive:
            founders = [a for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
                        for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)
                        if a.label_ == "PERSON"]
            founded = [a for c in verb.children if c.dep_ == "dobj"
                       for a in self._args(c, ents)]
        else:
            return []
        return [(LEADS, f, o, None) for f in founders for o in founded]

    def _round_led_by(self, verb: Any, ents: Mapping[int, Any], passive: bool
                      ) -> list[tuple]:
        """The investor that leads a funding round invests in the company that raises it:
        "Mistral secured a €600 million round led by General Catalyst", "the round was
        led by Sequoia", "Sequoia led Stripe's Series G round"."""
        if verb.dep_ == "acl":  # "a round led by"
            noun, sources = verb.head, self._agents(verb, ents)
        elif passive:  # "the round was led by"
            noun = next((c for c in verb.children if c.dep_ in _PASSIVE_SUBJECTS), None)
            sources = self._agents(verb, ents)
        else:  # "Sequoia led Stripe's round"
            noun = next((c for c in verb.children if c.dep_ == "dobj"), None)
            sources = self._subjects(verb, ents)
        if noun is None or (self._lemma(noun) not in _FUNDING_NOUNS
                            and noun.lower_ not in _FUNDING_NOUNS):
            return []
        targets = [a for c in noun.children if c.dep_ in ("poss", "compound")
                   for a in self._args(c, ents)] + [
            a for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "for", "into")
            for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)]
        if sources and not targets:
            targets = self._round_raiser(noun, verb, ents)
        return [(INVESTS_IN, s_, t, None) for s_ in sources for t in targets]

    def _round_raiser(self, noun: Any, verb: Any, ents: Mapping[int, Any]) -> list[Any]:
        """The company that raises a round its words do not name: the subject of the verb
        that has it, or the company the story is about."""
        if noun.dep_ == "dobj" and noun.head.i != verb.i and _pos(noun.head) == "VERB" and \
                noun.head.dep_ != "acl":  # (not "investors joining the round")
            return self._subjects(noun.head, ents)
        if noun.dep_ == "pobj" and noun.head.head.i != verb.i and _pos(noun.head.head) == "VERB":
            return self._subjects(noun.head.head, ents)  # "raised $4 billion in a round"
        # "This funding round, led by General Catalyst, underscores", "The round was led
        # by Sequoia", "Nvidia joined the round": the round of the company the story is
        # about (resolved as "the company" is)
        det = [c for c in noun.children if c.dep_ == "det" and c.lower_ in ("the", "this")]
        if det and not any(t.i in ents for t in noun.subtree if t.i < noun.i):
            from spacy.tokens import Span

            return [Span(noun.doc, det[0].i, noun.i + 1, label=_COMPANY_REFERENCE)]
        return []

    def _at_the_helm(self, doc: Any, ents: Mapping[int, Any]) -> list[tuple]:
        """"Jensen Huang is at the helm of Nvidia", "remains at the helm at Nvidia": the
        subject of the verb whose "at the helm" it is leads the organization after it."""
        out = []
        for helm in doc:
            if helm.lower_ != "helm" or helm.dep_ != "pobj" or helm.head.lower_ != "at":
                continue
            verb = helm.head.head
            if _pos(verb) not in ("VERB", "AUX") or self._negated(verb):
                continue
            orgs = [a for h in (helm, verb) for c in h.children
                    if c.dep_ == "prep" and c.lower_ in ("of", "at") and c.i > helm.i
                    for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)
                    if a.label_ == "ORG"]
            out.extend((LEADS, s_, o, None) for s_ in self._subjects(verb, ents)
                       if s_.label_ == "PERSON" for o in orgs)
        return out

    def _round_participants(self, doc: Any, ents: Mapping[int, Any]) -> list[tuple]:
        """Investors that take part in a funding round invest in the company that raises
        it: "Nvidia also participated in the round", "Thrive Capital joined the round",
        "a round that included Nvidia and Salesforce", "Other investors in the round
        include Nvidia", "led by Andreessen Horowitz, with participation from Sequoia"."""
        def funding(tok: Any) -> bool:
            return tok.lower_ in _FUNDING_NOUNS

        out = []
        for tok in doc:
            lemma, round_, sources = self._lemma(tok), None, []
            if lemma == "participate" and not self._negated(tok):
                round_ = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"
                               for p in c.children if p.dep_ == "pobj" and funding(p)), None)
                sources = self._subjects(tok, ents)
            elif lemma == "join" and not self._negated(tok):
                round_ = next((c for c in tok.children if c.dep_ == "dobj" and funding(c)), None)
                sources = self._subjects(tok, ents)
                if round_ is None and any(c.dep_ == "agent" for c in tok.children):
                    # "The round is led by Zoo Capital and joined by Tiger Global": the
                    # round the passive (or the passive it is joined to) has as subject
                    round_ = next((c for h in (tok, tok.head if tok.dep_ == "conj" else tok)
                                   for c in h.children if c.dep_ in _PASSIVE_SUBJECTS
                                   and funding(c)), None)
                    sources = self._agents(tok, ents)
            elif tok.lower_ in ("include", "includes", "included") and not self._negated(tok):
                subject = next((c for c in tok.children if c.dep_ in _SUBJECTS), None)
                if subject is None:
                    continue
                if subject.lower_ in _RELATIVES and tok.dep_ == "relcl" and funding(tok.head):
                    round_ = tok.head  # "a round that included Nvidia"
                elif funding(subject):
                    round_ = subject  # "The round included Nvidia"
                elif self._lemma(subject) in self.words.agent_nouns[INVESTS_IN][0]:
                    round_ = next((p for c in subject.children  # "investors in the round"
                                   if c.dep_ == "prep" and c.lower_ == "in"
                                   for p in c.children if p.dep_ == "pobj" and funding(p)), None)
                    round_ = round_ or next((  # "New investors joining the round include"
                        r for c in subject.children if c.dep_ == "acl"
                        and self._lemma(c) in ("join", "participate")
                        for r in (*(x for x in c.children if x.dep_ == "dobj"),
                                  *(p for x in c.children if x.dep_ == "prep"
                                    for p in x.children if p.dep_ == "pobj"))
                        if funding(r)), None)
                    if round_ is None and any(
                            c.dep_ in ("amod", "poss") and c.lower_ in _OWN_INVESTORS
                            for c in subject.children):
                        # "Other investors include GV", "Its backers include Sequoia": the
                        # story's company's (the subject stands for the round it is of)
                        round_ = subject
                objects = [c for c in tok.children if c.dep_ in ("dobj", "attr")]
                sources = [a for c in objects for a in self._args(c, ents)] + [
                    # "GV along with existing backers Spark Capital and CRE Ventures"
                    a for h in (tok, *objects) if objects for w in h.children
                    if w.dep_ == "prep" and w.lower_ == "along"
                    for x in w.children if x.dep_ == "prep" and x.lower_ == "with"
                    for p in x.children if p.dep_ == "pobj" for a in self._args(p, ents)]
            elif tok.lower_ in _PROVIDED and not self._negated(tok):
                # "The new funds were provided by existing investors, including Sequoia"
                # (not "financing", often a loan: "The financing was provided by JPMorgan")
                round_ = next((c for c in tok.children if c.dep_ in _PASSIVE_SUBJECTS
                               and funding(c) and c.lower_ != "financing"), None)
                sources = self._agents(tok, ents) if round_ is not None else []
            elif tok.lower_ == "participation" and tok.head.lower_ == "with":
                sources = [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"
                           for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)]
                held = tok.head.head  # the round, or the verb that leads it
                round_ = held if funding(held) else next(
                    (c for c in held.children if c.dep_ in _PASSIVE_SUBJECTS and funding(c)),
                    held.head if held.dep_ == "acl" and funding(held.head) else None)
            if round_ is None or not sources:
                continue
            targets = [a for c in round_.children if c.dep_ in ("poss", "compound")
                       for a in self._args(c, ents)] + [
                a for c in round_.children if c.dep_ == "prep" and c.lower_ in ("for", "into")
                for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)]
            if not targets and round_.dep_ in _SUBJECTS and not funding(round_):
                from spacy.tokens import Span  # "Other investors": the story's company

                first = min(c.i for c in round_.children if c.lower_ in _OWN_INVESTORS)
                targets = [Span(doc, first, round_.i + 1, label=_COMPANY_REFERENCE)]
            targets = targets or self._round_raiser(round_, tok, ents)
            out.extend((INVESTS_IN, s_, t, None) for s_ in sources if s_.label_ != "PERSON"
                       for t in targets)
        return out

    def _reverse_frame(self, verb: Any, ents: Mapping[int, Any]) -> list[tuple]:
        """"xAI secures $6b backing from Andreessen": the one the money comes from invests
        in the subject; "Shell faces a lawsuit from Chicago": Chicago sues Shell."""
        out = []
        for kind, (verbs, nouns, preps) in self.words.reverse_frames.items():
            if self._lemma(verb) not in verbs:
                continue
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            # (an amount itself, "raised $6.6 billion from": not "secured a $275 million
            # penalty from", nor "a $500 million loan from")
            if not any(self._lemma(o) in nouns or (kind == FINES and self._is_fine(o)) or (
                    kind == INVESTS_IN and _money(o)
                    and self._lemma(verb) not in self.words.reverse_noun_verbs and (
                    o.tag_ in ("CD", "$") or o.lower_ in _AMOUNT_WORDS)
                    and not self._is_fine(o)) for o in objects):
                continue
            heads = [verb, *objects]
            if kind == INVESTS_IN:
                # (the round the parser hangs the givers on: "raised $6.5 billion for its
                # new funding from investors including Andreessen Horowitz")
                heads += [p for c in verb.children if c.dep_ == "prep"
                          for p in c.children if p.dep_ == "pobj" and p.lower_ in _FUNDING_NOUNS]
            sources = [a for h in heads for c in h.children
                       if c.dep_ == "prep" and c.lower_ in preps
                       for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)]
            targets = self._subjects(verb, ents)
            out.extend((kind, s_, t, None) for s_ in sources for t in targets)
        return out

    def _is_fine(self, tok: Any) -> bool:
        """A fine or penalty, or an amount the parser gave "fine" as a modifier ("£3m/CD
        fine/JJ", as the small model reads "gets £3m fine from Ofcom")."""
        nouns = self.words.relation_nouns[FINES][0]
        return self._lemma(tok) in nouns or (_money(tok) and any(
            c.dep_ in ("amod", "compound") and c.lower_ in nouns for c in tok.children))

    def _agents(self, verb: Any, ents: Mapping[int, Any]) -> list[Any]:
        """The entities of a passive verb's "by": its agent, or a "by" the parser hangs
        on the verb's amount ("was fined 500 million euros by the Commission", "was fined
        for nearly $70 million by FINRA")."""
        heads = [verb, *(c for c in verb.children if c.dep_ == "dobj" and _money(c))]
        heads += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"
                  for p in c.children if p.dep_ == "pobj" and _money(p)]
        return [a for h in heads for c in h.children
                if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
                for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)]

    def _penalty(self, verb: Any, ents: Mapping[int, Any], passive: bool) -> list[tuple]:
        """A verb that gives a fine or penalty: "Huntley was handed the penalty by the
        Federal Court" (the agent fines the subject), "the Commission hit Meta with a
        record fine" (the subject fines the object)."""
        with_ = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
                 for p in c.children if p.dep_ == "pobj"]
        suits = self.words.noun_frames[SUES][1]
        if any(self._lemma(p) in suits for p in with_):
            # "Amazon was hit with a lawsuit by the FTC", "the FTC slapped Amazon with a
            # lawsuit": a lawsuit given is a lawsuit filed
            sued = [a for c in verb.children if c.dep_ in (
                _PASSIVE_SUBJECTS if passive else ("dobj",)) for a in self._args(c, ents)]
            suing = self._agents(verb, ents) + self._hung_givers(with_, ents) if passive \
                else self._subjects(verb, ents)
            return [(SUES, s, t, None) for s in suing for t in sued]
        # ("dative": "Ofcom handed the BBC a £100,000 fine")
        objects = [c for c in verb.children if c.dep_ == "dobj" or (
            c.dep_ == "dative" and c.tag_ != "IN")]
        # (or the fine the parser hangs on the verb: "hit with a €10m fine/advcl by UEFA",
        # "handed a record/dobj €1.2 billion fine/npadvmod by")
        hung = [c for c in verb.children if c.dep_ in ("advcl", "npadvmod") and c.i > verb.i]
        if passive:
            if not any(self._is_fine(o) for o in (*objects, *with_, *hung)):
                return []
            targets = [a for c in verb.children if c.dep_ in _PASSIVE_SUBJECTS
                       for a in self._args(c, ents)]
            sources = self._agents(verb, ents) + self._hung_givers(
                [n for n in with_ if self._is_fine(n)], ents) or [
                # "Meta was hit with a $1.3 billion fine": by the regulator its text
                # names, else its story's (as "Thames Water has been fined")
                _stand_in(verb, _REGULATOR_REFERENCE)]
        else:
            fines = [o for o in with_ if self._is_fine(o)]
            given = [o for o in objects if self._is_fine(o)]
            if given and len(objects) > 1:
                # "The FCA handed Barclays a £40 million penalty": the other object is fined
                objects = [o for o in objects if o not in given]
                fines = given
            elif given and not fines and with_ and verb.dep_ == "ROOT" and verb.tag_ == "VBD":
                # a headline's "Intel slammed with record $1.45 billion fine", the fine
                # read as the object
                objects, fines = [], given
            if not fines:
                return []
            sources = self._subjects(verb, ents)
            targets = [a for o in objects for a in self._args(o, ents)]
            if not objects and verb.dep_ == "ROOT" and verb.tag_ == "VBD":
                # A headline's passive, with no object: "LinkedIn hit with 310 million
                # euro fine from Irish watchdog": the subject is fined, by whom it is from
                targets = sources
                sources = self._agents(verb, ents) + self._hung_givers(fines, ents) or [
                    _stand_in(verb, _REGULATOR_REFERENCE)]  # "Meta hit with $1.3bn fine"
        return [(FINES, s, t, None) for s in sources for t in targets]

    def _hung_givers(self, given: Iterable[Any], ents: Mapping[int, Any]) -> list[Any]:
        """Who gives a fine or a lawsuit, by a "by" or "from" the parser hangs within its
        phrase rather than on the verb: "hit with a $6 million penalty by the SEC", "hit
        with a lawsuit by the FTC", "£3m/CD fine/JJ from Ofcom", "310 million euro fine for
        data privacy violations from Irish watchdog"."""
        return [a for n in given for c in n.subtree
                if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from")
                for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)]

    def _settlement(self, doc: Any, ents: Mapping[int, Any]) -> list[tuple]:
        """A settlement of money between two organizations, one of them a regulator or a
        court (a penalty, by the conventions of FINES): "the FTC approved a $5 billion
        settlement with Facebook", "Binance struck a $4.3 billion settlement with the
        Department of Justice". Which of the two fines the other is left to their
        resolved names (:func:`is_regulator`): both directions are given, between
        organizations only, so no person settling with a regulator fines it."""
        w, out = self.words, []
        for noun in doc:
            if noun.lower_ in self.settle_forms and _pos(noun) == "VERB" and \
                    not self._negated(noun) and (any(
                        _money(p) for c in noun.children
                        if c.dep_ == "prep" and c.lower_ == "for"
                        for p in c.children if p.dep_ == "pobj") or any(
                        # "Barclays settled with the FCA, paying £72 million"
                        c.dep_ in ("advcl", "conj") and self._lemma(c) in w.payment_verbs
                        and any(_money(o) for o in c.children if o.dep_ == "dobj")
                        for c in noun.children)):
                # "Meta settles with the FTC for $5 billion"
                verb, holder = noun, noun
            elif self._lemma(noun) in w.settlement_nouns and _money(noun):
                verb, holder = noun.head, noun
                if noun.dep_ == "pobj" and verb.lower_ == "to" and \
                        self._lemma(verb.head) == "agree":
                    verb = verb.head  # "agreed to a $5 billion settlement with the FTC"
                elif noun.dep_ != "dobj" or self._lemma(verb) not in w.settlement_verbs:
                    continue
                if self._negated(verb):
                    continue
            else:
                continue
            others = [a for c in holder.children if c.dep_ == "prep" and c.lower_ == "with"
                      for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)]
            parties = [a for a in self._subjects(verb, ents) if a.label_ == "ORG"]
            out.extend((FINES, x, y, None) for a in parties for b in others
                       if b.label_ == "ORG" for x, y in ((a, b), (b, a)))
        return out

    def _payment(self, doc: Any, ents: Mapping[int, Any]) -> list[tuple]:
        """A fine paid to an organization ("Facebook to pay FTC $5bn fine", "pays a fine to
        the regulator"), or money paid to settle its charges ("Binance pays $4.3B to
        settle DOJ charges"): that organization fines the payer (if it is a regulator or
        a court, by its resolved name)."""
        w, out = self.words, []
        fine_nouns = w.relation_nouns[FINES][0]
        for verb in doc:
            if self._lemma(verb) not in w.payment_verbs or self._negated(verb):
                continue
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            payees = []
            money = any(_money(o) for o in objects)
            # (a payment someone is ordered to make names its giver with the order, see
            # the "order" rule: "the Federal Court had ordered Qantas to pay")
            ordered = verb.dep_ == "xcomp" and self._lemma(verb.head) in w.order_verbs
            # A penalty: a fine paid, money paid "in penalties", or money paid to settle
            # ("agreed to pay $200 million to the SEC to settle charges").
            settlements = [p for h in (verb, *objects) for c in h.children
                           if c.dep_ == "prep" and c.lower_ == "in" for p in c.children
                           if p.dep_ == "pobj" and self._lemma(p) in w.settlement_nouns]
            penalty = any(self._lemma(o) in fine_nouns for o in objects) or money and (
                bool(settlements) or any(
                    (c.dep_ == "prep" and c.lower_ == "in" and any(
                        self._lemma(p) in fine_nouns for p in c.children if p.dep_ == "pobj"))
                    or (c.dep_ in ("xcomp", "advcl") and self._lemma(c) in w.settle_verbs)
                    for h in (verb, *objects) for c in h.children))
            if penalty:
                payees = [a for c in verb.children if c.dep_ == "dative"
                          for a in self._args(c, ents)]
                payees += [a for c in verb.children if c.dep_ in ("prep", "dative")
                           and c.lower_ == "to" for p in c.children if p.dep_ == "pobj"
                           for a in self._args(p, ents)]
                # "to pay $520 million in record-breaking FTC settlement", "pays $700m
                # AUSTRAC penalty"
                payees += [a for n in (*settlements, *(o for o in objects
                                                      if self._lemma(o) in fine_nouns))
                           for c in n.children
                           if c.dep_ in ("compound", "poss", "nmod") for a in self._args(c, ents)]
                if not payees and not ordered:
                    # "The FTC said Amazon would pay a $25 million civil penalty": the one
                    # who says so (a regulator or court, by its resolved name)
                    payees = self._reporters(verb, ents)
            elif money and not ordered and not any(
                    c.dep_ == "prep" and c.lower_ == "for" for h in (verb, *objects)
                    for c in h.children) and not (
                    verb.dep_ == "conj" and self._keys(verb.head)
                    & self.words.object_verbs[ACQUIRES]):
                # "The SEC said Muilenburg had agreed to pay $1 million": money a regulator
                # says someone pays is a penalty it settles with them (not a price: "would
                # pay $69 billion for Activision", "would buy Activision and pay")
                payees = [a for a in self._reporters(verb, ents)
                          if a.label_ == "ORG" and is_regulator(a.text)]
                penalty = bool(payees)
            if money:
                for settle in verb.children:
                    if settle.dep_ not in ("xcomp", "advcl") or \
                            self._lemma(settle) not in w.settle_verbs:
                        continue
                    for c in settle.children:
                        if c.dep_ == "dobj" and self._lemma(c) in w.settled_nouns:
                            # "claims with Epic", "claims brought by the FTC"
                            preps = [x for x in c.children if x.dep_ == "prep"
                                     and x.lower_ in ("with", "by")]
                            # (a "by" the parser hangs on the verb: "to resolve
                            # investigations by the Justice Department and the SEC")
                            preps += [x for x in settle.children if x.dep_ == "prep"
                                      and x.lower_ == "by"]
                            preps += [g for x in c.children if x.dep_ == "acl"
                                      for g in x.children if g.dep_ == "agent"]
                            by = [a for x in preps for p in x.children
                                  if p.dep_ == "pobj" for a in self._args(p, ents)]
                            # "to settle SEC charges", but "a Federal Court case brought
                            # by the regulator" is the regulator's, not the court's
                            payees += by or [a for x in c.children
                                             if x.dep_ in ("compound", "poss", "nmod")
                                             for a in self._args(x, ents)]
                        elif c.dep_ == "prep" and c.lower_ == "with":
                            payees += [a for p in c.children if p.dep_ == "pobj"
                                       for a in self._args(p, ents)]
            if penalty and not payees and not ordered:  # (an order names who fines)
                settled = [c for s in verb.children if s.dep_ in ("xcomp", "advcl")
                           and self._lemma(s) in w.settle_verbs
                           for c in s.children if c.dep_ == "dobj"]
                if not settled or any(self._lemma(c) in w.regulator_settled_nouns
                                      for c in settled):
                    # paid in fines, or to settle a charge, to no one named: the regulator
                    # its text names, else its story's (relations_of_texts)
                    payees = [_stand_in(verb, _REGULATOR_REFERENCE)]
            payers = self._subjects(verb, ents)
            if not payers and verb.head.i in ents and verb.i > 0 and \
                    doc[verb.i - 1].lower_ == "to":
                payers = [ents[verb.head.i]]  # headline grammar: "Facebook to pay ..."
            out.extend((FINES, y, x, None) for y in payees
                       if y.label_ in ("ORG", _REGULATOR_REFERENCE) for x in payers)
            if money:
                # "Alaska Air Group will pay $18 a share for Hawaiian Holdings": the price
                # of a company (its name itself after "for", not "for Fox's assets")
                heads = [verb, *objects, *(a for o in objects for a in o.children
                                           if a.dep_ == "appos")]  # "$18 a share — a value"
                bought = [ents[p.i] for h in heads for c in h.children if c.dep_ == "prep"
                          and c.lower_ == "for" for p in c.children if p.dep_ == "pobj"
                          and p.i in ents and ents[p.i].label_ == "ORG"]
                out.extend((ACQUIRES, x, y, self._status(verb)) for y in bought
                           for x in payers if x.label_ == "ORG")
        return out

    def _reporters(self, verb: Any, ents: Mapping[int, Any]) -> list[Any]:
        """Who says what a verb states ("The FTC said Amazon had agreed to pay"): the
        subject of the verb whose reported clause it heads or completes."""
        v = verb
        for _ in range(4):
            if v.dep_ == "ccomp":
                return [a for c in v.head.children if c.dep_ == "nsubj"
                        for a in self._args(c, ents)]
            # (a verb it completes, or one it is joined to: "will plead guilty and pay")
            if v.dep_ not in ("xcomp", "conj") or v.head.i == v.i:
                break
            v = v.head
        return []

    def _frame(self, verb: Any, noun: Any, ents: Mapping[int, Any]) -> list[tuple]:
        if self._negated(verb):
            return []
        lemma, out = self._lemma(verb), []
        keys = self._keys(verb)  # "calls off Humana pursuit": "call off"
        for kind, (verbs, nouns, preps) in self.words.noun_frames.items():
            if self._lemma(noun) not in nouns or ("*" not in verbs and not keys & verbs):
                continue
            if kind == PARTNERS_WITH and self._not_partnership(noun):
                continue
            if kind == INVESTS_IN and lemma in self.words.divest_verbs:
                continue
            # The other party is the noun's ("a lawsuit against Apple"), or for most
            # kinds the verb's ("signed a deal on Monday with Universal").
            heads = (noun,) if kind == ACQUIRES else (noun, verb)
            if kind == FINES:  # "a fine of 250 million rupees on Ambani"
                heads += tuple(p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                               for p in c.children if p.dep_ == "pobj")
            targets = [a for h in heads for c in h.children
                       if c.dep_ == "prep" and c.lower_ in preps
                       for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)]
            if kind == SUES and not targets:
                targets = self._sought(noun, ents)
            if kind == ACQUIRES and not targets:  # "abandon Arm acquisition"
                targets = [ents[c.i] for c in noun.children
                           if c.dep_ == "compound" and c.i in ents]
            stakes = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj" and self._lemma(p) == "stake"]
            if kind == ACQUIRES and not targets and stakes:
                # "completed its purchase of a majority stake in VMware": control of it
                # is an acquisition, a lesser stake an investment
                held = [a for st in stakes for c in st.children
                        if c.dep_ == "prep" and c.lower_ == "in"
                        for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)]
                if not any(map(_majority, stakes)):
                    out.extend((INVESTS_IN, s_, t, None) for s_ in self._subjects(verb, ents)
                               for t in held)
                    continue
                targets = held
            sources = self._subjects(verb, ents)
            if kind == INVESTS_IN and lemma in _GIVING_VERBS:
                # "The investment will give Alibaba a 19.99% stake in Suning": the one
                # given the stake holds it (one given nothing named holds nothing named)
                sources = [a for c in verb.children if c.dep_ == "dative"
                           for a in self._args(c, ents)]
            if kind == PARTNERS_WITH and lemma == "reach" and any(
                    is_regulator(a.text) for a in (*sources, *targets)):
                # "Apple reached an agreement with the European Commission over its App
                # Store": a settlement with a regulator, not a partnership
                continue
            if kind == ACQUIRES and (lemma in self.words.status["blocked"] or any(
                    c.dep_ == "poss" and c.lower_ not in _PRONOUNS for c in noun.children)):
                # "The CMA blocked Microsoft's acquisition of Activision": the one that
                # blocks a deal, or that reports another's, is no buyer (the noun's own
                # possessive is, see _noun)
                sources = []
            if kind == INVESTS_IN and _majority(noun):
                # "has taken an 80 per cent stake in the club", "a controlling stake":
                # control of it is an acquisition
                out.extend((ACQUIRES, s, t, self._status(verb)) for s in sources for t in targets)
                continue
            status = self._status(noun) if kind == ACQUIRES else None
            out.extend((kind, s, t, status) for s in sources for t in targets)
            if kind in UNDIRECTED and not targets:  # "TikTok and Universal sign a deal"
                out.extend(_pair(kind, sources) if sources else self._both(
                    kind, verb, noun))
        return out

    def _passive_frame(self, verb: Any, noun: Any, ents: Mapping[int, Any]) -> list[tuple]:
        """A noun frame in the passive, whose agent is the source: "the $220 million fine
        levied against Meta by the FCCPC" (FINES), "the lawsuit was filed against Google by
        Epic" (SUES). Both ends must be named in the clause."""
        if self._negated(verb):
            return []
        keys, out = self._keys(verb), []
        sources = self._agents(verb, ents)
        if not sources:
            return []
        for kind, (verbs, nouns, preps) in self.words.noun_frames.items():
            if kind == ACQUIRES or self._lemma(noun) not in nouns or (
                    "*" not in verbs and not keys & verbs):
                continue
            if kind == PARTNERS_WITH and self._not_partnership(noun):
                continue
            targets = [a for h in (noun, verb) for c in h.children
                       if c.dep_ == "prep" and c.lower_ in preps
                       for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)]
            if kind == SUES and not targets and noun.dep_ == "nsubjpass":
                # "The lawsuit was filed by Smartmatic": a plaintiff, whose defendants
                # another sentence may name (graph.tables.story_plaintiff)
                out.extend((SUES, s, None, None) for s in sources)
            out.extend((kind, s, t, None) for s in sources for t in targets)
        return out

    def _sought(self, lawsuit: Any, ents: Mapping[int, Any]) -> list[Any]:
        """The party a lawsuit seeks to act on: "a lawsuit seeking to break up Live
        Nation", "a suit aiming to block Kroger"."""
        return [a for c in lawsuit.children if c.dep_ == "acl" and c.lower_ in _SEEKING_FORMS
                for x in c.children if x.dep_ == "xcomp" and not self._negated(x)
                for d in x.children if d.dep_ == "dobj" for a in self._args(d, ents)]

    def _both(self, kind: str, verb: Any, noun: Any = None) -> list[tuple]:
        """A partnership of "the companies", "the two automakers", "both firms" (or
        "they", reported by them): the two the story is about, which the graph finds as
        it finds a role's organization; only for a joint venture, an alliance, a
        partnership or a collaboration (a deal or agreement of two companies is often
        a sale)."""
        if noun is not None and self._lemma(noun) not in self.words.pair_nouns:
            return []
        v = verb
        for _ in range(4):
            subject = next((c for c in v.children if c.dep_ in _SUBJECTS), None)
            if subject is not None and subject.lower_ == "they" and \
                    v.dep_ in ("ccomp", "conj") and v.head.i != v.i:
                v = v.head  # "The companies announced they were forming a joint venture"
                continue
            if subject is None and v.dep_ in ("xcomp", "conj") and v.head.i != v.i:
                v = v.head
                continue
            break
        word = subject.lower_ if subject is not None else ""
        singular = word[:-3] + "y" if word.endswith("ies") else word[:-1]
        if subject is None or subject.tag_ != "NNS" or \
                singular not in self.words.company_nouns or not any(
                    c.lower_ in ("the", "both", "two") for c in subject.children) or \
                any(c.dep_ in ("poss", "compound", "amod") or (c.dep_ == "prep" and not any(
                    p.lower_ in english().calendar_words for p in c.children))
                    for c in subject.children):
            return []  # "oil companies", "Chinese companies", not "the companies in October"
        marker = _stand_in(subject, _STORY_PAIR)
        return [(kind, marker, marker, None)]

    def _not_partnership(self, noun: Any) -> bool:
        """A merger agreement, plea deal or settlement is no partnership."""
        words = self.words.not_partnership_deals
        for c in noun.children:
            if c.dep_ in ("compound", "amod", "nmod") and self._lemma(c) in words:
                return True
            if c.dep_ == "prep" and any(self._lemma(p) in words for p in c.children):
                return True
        # "a deal to merge the two automakers": a deal whose purpose is no partnership
        # (but "a pact to merge their media operations" makes a joint venture)
        verbs = self.words.not_partnership_verbs

        def whole(verb: Any) -> bool:
            # "to merge", "to merge the two automakers", "to buy Activision": a company
            # (not "to merge their operations", "to buy power")
            objects = [o for o in verb.children if o.dep_ == "dobj"]
            if self._lemma(verb) in self.words.payment_verbs and any(
                    self._lemma(o) in self.words.relation_nouns[FINES][0] for o in objects):
                return True  # "an agreement with AUSTRAC to pay a $700 million penalty"
            return self._lemma(verb) in verbs and (not objects or any(
                o.ent_type_ or o.lower_ in _PRONOUNS or self._lemma(o) in self.words.company_nouns
                or (o.tag_ == "NNS" and o.lower_ not in _PARTS) for o in objects))

        if any(c.dep_ in ("acl", "relcl") and whole(c) for c in noun.children):
            return True
        # "signed a deal for a merger", "signed a deal to merge", "entered into an
        # agreement to merge": hung on the verb
        verb = noun.head if noun.dep_ == "dobj" else noun.head.head if (
            noun.dep_ == "pobj" and noun.head.lower_ in ("into", "to")) else None
        return verb is not None and any(
            (c.dep_ == "prep" and c.lower_ in ("for", "on") and c.i > noun.i
             and any(self._lemma(p) in words for p in c.children))
            or (c.dep_ in ("advcl", "xcomp") and c.i > noun.i and whole(c))
            for c in verb.children)

    def _noun(self, noun: Any, ents: Mapping[int, Any]) -> list[tuple]:
        out = []
        for kind, (nouns, preps) in self.words.relation_nouns.items():
            if self._lemma(noun) not in nouns or (
                    kind == PARTNERS_WITH and self._not_partnership(noun)):
                continue
            sources = [a for c in noun.children if c.dep_ in ("poss", "compound", "nmod")
                       and c.i < noun.i for a in self._args(c, ents)]
            its = []
            if noun.dep_ == "dobj" and _pos(noun.head) == "VERB":
                # "its" of a verb's object is the verb's subject's (below), if it has one
                its = [a for a in sources if a.label_ == _PRONOUN_REFERENCE]
                sources = [a for a in sources if a.label_ != _PRONOUN_REFERENCE]
            # "the acquisition of Y by X", "a lawsuit filed by X against Y"
            heads = [noun, *(c for c in noun.children if c.dep_ == "acl")]
            if noun.dep_ == "dobj":
                # "affirmed the fine levied against Meta by the FCCPC", the participle
                # parsed as the verb's clause
                heads += [c for c in noun.head.children if c.dep_ == "advcl"
                          and c.tag_ == "VBN" and c.i == noun.right_edge.i + 1]
            by = [p for h in heads for c in h.children if c.dep_ in ("prep", "agent")
                  and c.lower_ == "by" for p in c.children if p.dep_ == "pobj"]
            sources += [a for p in by for a in self._args(p, ents)]
            # The parser hangs "against Y" on X in "filed by X against Y".
            targets = [a for h in (*heads, *by) for c in h.children
                       if c.dep_ == "prep" and c.lower_ in preps
                       for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)]
            named = [c for c in noun.children if c.dep_ == "compound" and c.i < noun.i
                     and c.i in ents and ents[c.i].label_ == "ORG"]
            owners = [c for c in noun.children if c.dep_ in ("poss", "nmod") and c.i < noun.i]
            if not targets and named and (by or any(o.i < n.i for o in owners for n in named)):
                # "Microsoft's Activision takeover", "the Activision acquisition by
                # Microsoft": the name before the noun is the other end
                targets = [ents[c.i] for c in named]
                sources = [a for a in sources if a not in targets]
            if kind == SUES and not targets:
                targets = self._sought(noun, ents)
            if kind in (SUES, FINES) and not targets and noun.dep_ == "dobj" \
                    and noun.head.lower_ in _FACE_FORMS and not self._negated(noun.head):
                # "Shell faces a lawsuit from Chicago": the one who faces it is the target,
                # the one it comes from the source
                targets = self._subjects(noun.head, ents)
                sources += [a for h in (noun, noun.head) for c in h.children
                            if c.dep_ == "prep" and c.lower_ == "from"
                            for p in c.children if p.dep_ == "pobj"
                            for a in self._args(p, ents)]
                if kind == SUES and not targets:
                    # "Six oil companies are facing a lawsuit from the city of Chicago"
                    out.extend((SUES, s, None, None) for s in sources)
            if kind == SUES and by and not targets and noun.dep_ == "dobj" and \
                    self._lemma(noun.head) in _DEFENDING_VERBS and not self._negated(noun.head):
                # "Google lost a lawsuit filed by Epic Games", "Uber is fighting a lawsuit
                # by Waymo": the one who defends it is sued
                targets = [a for a in self._subjects(noun.head, ents) if a not in sources]
            if kind == SUES and sources and not targets and noun.dep_ == "nsubj" and \
                    self._lemma(noun.head) in self.words.allegation_verbs and \
                    not self._negated(noun.head):
                # "The complaint, filed by Sony Music, alleges that Suno copied recordings"
                said = noun.head
                targets = [a for c in said.children if c.dep_ == "dobj"
                           for a in self._args(c, ents)] if self._lemma(said) == "accuse" else [
                    a for v in said.children if v.dep_ == "ccomp"
                    for c in v.children if c.dep_ in _SUBJECTS for a in self._args(c, ents)]
            if not sources and noun.dep_ == "pobj" and _pos(noun.head.head) == "VERB":
                sources = self._subjects(noun.head.head, ents)  # "X, in partnership with Y"
            elif not sources and noun.dep_ == "pobj" and noun.head.lower_ == "in" and \
                    noun.head.head.i != noun.head.i and _pos(noun.head.head) in ("NOUN", "PROPN"):
                # "Tata Group in partnership with Airbus will deliver": the name it is said of
                sources = [a for a in self._args(noun.head.head, ents) if a.label_ == "ORG"]
            if not sources and noun.dep_ == "dobj" and _pos(noun.head) == "VERB" and any(
                    c.dep_ == "poss" and c.lower_ in ("its", "their") for c in noun.children) \
                    and not self._negated(noun.head) and not (
                        kind == INVESTS_IN and self._lemma(noun.head) in self.words.divest_verbs):
                sources = self._subjects(noun.head, ents) or its  # "will strengthen its partnership"
            if not sources and kind == FINES and noun.dep_ == "dobj" \
                    and _pos(noun.head) == "VERB" and not self._negated(noun.head):
                # "The High Court has reinstated a fine levelled at TPG" (the source must
                # be a regulator or court: a verb's subject is too loose for the others)
                sources = self._subjects(noun.head, ents)
            status = self._status(noun) if kind == ACQUIRES else None
            out.extend((kind, s, t, status) for s in sources for t in targets)
            if kind in UNDIRECTED and not targets and len(sources) >= 2 and all(
                    c.dep_ in ("poss", "nmod") and any(t.tag_ == "POS" for t in c.subtree)
                    for c in noun.children if c.i < noun.i
                    and c.dep_ in ("poss", "compound", "nmod")):
                out.extend(_pair(kind, sources))  # "Apple and IBM's new partnership"
        if self._lemma(noun) in self.words.relation_nouns[PARTNERS_WITH][0] and \
                not self._not_partnership(noun):
            # "a joint venture between General Motors and LG Energy Solution" (not "a
            # deal between", often a purchase)
            between = [a for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"
                       for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)]
            if len(between) == 1:  # "between Renault and Geely/advmod": the parse lost "and"
                after = between[0].end
                if after + 1 < len(noun.doc) and noun.doc[after].lower_ == "and" and \
                        after + 1 in ents and ents[after + 1].start == after + 1:
                    between.append(ents[after + 1])
            out.extend((PARTNERS_WITH, a, b, None) for i, a in enumerate(between)
                       for b in between[i + 1:])
        for kind, (nouns, preps) in self.words.agent_nouns.items():
            if self._lemma(noun) not in nouns:
                continue
            if noun.dep_ == "appos" and noun.head.i in ents:
                sources = [ents[noun.head.i]]  # "Microsoft, a major investor in OpenAI"
            elif noun.dep_ in ("attr", "oprd") and self._lemma(noun.head) in ("be", "become") \
                    and not self._negated(noun.head):
                # "Amazon is a backer of", "Rakuten became Barcelona's main shirt sponsor"
                sources = self._subjects(noun.head, ents)
            elif noun.dep_ == "pobj" and noun.head.lower_ == "as" and \
                    self._lemma(noun.head.head) in _CHOOSING_VERBS and \
                    not self._negated(noun.head.head):
                # "Stellantis chose Samsung SDI as its battery partner", "BMW selected Intel
                # and Mobileye as partners": the one chosen, for the one choosing (or the
                # one whose partner it is named)
                chooser = noun.head.head
                sources = [a for c in chooser.children if c.dep_ == "dobj"
                           for a in self._args(c, ents)]
                if not any(c.dep_ == "poss" and c.lower_ not in ("its", "their")
                           for c in noun.children):
                    out.extend((kind, s_, t, None) for s_ in sources
                               for t in self._subjects(chooser, ents) if t.label_ == "ORG")
            elif noun.dep_ == "nsubj" and noun.tag_ == "NNS" and \
                    noun.head.lower_ in _LISTING_FORMS and not self._negated(noun.head):
                # "Anthropic's investors include Google and Salesforce", "whose backers
                # are Google and Salesforce"
                sources = [a for c in noun.head.children if c.dep_ in ("dobj", "attr")
                           for a in self._args(c, ents)]
                if any(c.dep_ == "poss" and c.lower_ == "whose" for c in noun.children) and \
                        noun.head.dep_ == "relcl":
                    out.extend((kind, s_, t, None) for s_ in sources
                               for t in self._args(noun.head.head, ents))
            elif noun.tag_ == "NNS" and any(c.dep_ == "prep" and c.lower_ == "including"
                                            for c in noun.children):
                # "Monzo's investors, including Sequoia Capital, approved", "investors in
                # Monzo, including Sequoia Capital"
                sources = [a for c in noun.children
                           if c.dep_ == "prep" and c.lower_ == "including"
                           for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)]
            elif noun.dep_ == "pobj" and noun.head.lower_ == "among" and \
                    noun.head.dep_ == "prep" and not self._negated(noun.head.head):
                verb = noun.head.head
                if self._lemma(verb) in ("be", "become", "remain"):
                    # "SoftBank was among the biggest backers of Uber", "Nvidia is among
                    # the investors in xAI" (where the parser hangs "in xAI" on "is")
                    sources = self._subjects(verb, ents)
                    out.extend((kind, s_, t, None) for s_ in sources
                               for c in verb.children if c.dep_ == "prep"
                               and c.lower_ in preps and c.i > noun.i
                               for p in c.children if p.dep_ == "pobj"
                               for t in self._args(p, ents))
                elif verb.lower_ in _COUNTING_FORMS and any(
                        c.dep_ == "poss" and c.lower_ in ("its", "their")
                        for c in noun.children):
                    # "Monzo counts Sequoia among its investors"
                    out.extend((kind, s_, t, None) for c in verb.children if c.dep_ == "dobj"
                               for s_ in self._args(c, ents)
                               for t in self._subjects(verb, ents) if t.label_ == "ORG")
                    continue
                else:
                    continue
            else:
                continue
            targets = [a for c in noun.children if c.dep_ == "prep" and c.lower_ in preps
                       for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)]
            # "Microsoft is OpenAI's largest investor", "Microsoft, OpenAI's biggest backer,"
            targets += [a for c in noun.children if c.dep_ == "poss"
                        for a in self._args(c, ents)]
            out.extend((kind, s, t, None) for s in sources for t in targets)
        for kind, (nouns, preps) in self.words.reverse_nouns.items():
            if self._lemma(noun) not in nouns:
                continue
            targets = [a for c in noun.children if c.dep_ == "poss"
                       for a in self._args(c, ents)]
            sources = [a for c in noun.children if c.dep_ == "prep" and c.lower_ in preps
                       for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)]
            out.extend((kind, s, t, self._status(noun) if kind == ACQUIRES else None)
                       for s in sources for t in targets)
        return out

    def _backed(self, doc: Any, ents: Mapping[int, Any], lowers: list[str]) -> list[tuple]:
        """"Microsoft-backed OpenAI": the backer invests in the name that follows;
        "Elon Musk-led SpaceX": the leader leads it."""
        out = []
        for i, word in enumerate(lowers):
            kind = INVESTS_IN if word in self.words.backed_words else \
                LEADS if word in self.words.led_words else None
            if kind == INVESTS_IN and doc[i].dep_ in ("acl", "relcl"):
                # "Anthropic, backed by Amazon,", "Anthropic, which is backed by Amazon,"
                backed = self._arg(doc[i].head, ents)
                if backed is not None:
                    out.extend((kind, a, backed, None) for a in self._agents(doc[i], ents))
                continue
            if kind == INVESTS_IN and any(c.dep_ == "auxpass" for c in doc[i].children) and \
                    not self._negated(doc[i]):
                # "Rivian is backed by Amazon", "the startup is funded by Sequoia"
                out.extend((kind, a, b, None) for a in self._agents(doc[i], ents)
                           for c in doc[i].children if c.dep_ in _PASSIVE_SUBJECTS
                           for b in self._args(c, ents))
                continue
            if kind is None or i < 2 or lowers[i - 1] != "-":
                continue
            backer = ents.get(i - 2)
            if kind == LEADS and self._lemma(doc[i].head) in _FUNDING_NOUNS:
                # "landed an investment in an Amazon-led funding round": the round's
                # leader invests in the one the round is for
                verb = next((a for a in doc[i].head.ancestors if _pos(a) == "VERB"), None)
                backed_by_round = [] if verb is None or backer is None else [
                    a for a in self._subjects(verb, ents) if a.label_ == "ORG"]
                out.extend((INVESTS_IN, backer, a, None) for a in backed_by_round)
                continue
            backed = next((ents[j] for j in range(i + 1, min(len(doc), i + 4))
                           if j in ents), None)
            noun = doc[i].head
            det = next((c for c in noun.children if c.dep_ == "det" and c.lower_ == "the"),
                       None)
            if backed is None and kind == INVESTS_IN and doc[i].dep_ == "amod" and \
                    noun.i > i and is_company_noun(noun.lower_, english()) and det is not None:
                # "he is leaving the Microsoft-backed startup": the one its story is about
                from spacy.tokens import Span

                backed = Span(doc, det.i, noun.i + 1, label=_COMPANY_REFERENCE)
            elif backed is None and kind == INVESTS_IN and backer is not None and \
                    backer.start > 0 and doc[backer.start - 1].lower_ == "the" and \
                    i + 1 < len(doc) and is_company_noun(doc[i + 1].lower_, english()):
                # the same, read by its words where the parse is off ("a charge the
                # Amazon-backed automaker denies")
                from spacy.tokens import Span

                backed = Span(doc, backer.start - 1, i + 2, label=_COMPANY_REFERENCE)
            if backer is not None and backed is not None:
                out.append((kind, backer, backed, None))
        return out

    def _to_court(self, doc: Any, ents: Mapping[int, Any], lowers: list[str]) -> list[tuple]:
        """"PFA and UNFP take FIFA to court": the subject sues the object."""
        out = []
        if "court" not in lowers and "courts" not in lowers:
            return out
        for i, word in enumerate(lowers):
            if self.lemmas.get(word) not in ("take", "haul", "drag"):
                continue
            tok = doc[i]
            if self._negated(tok):
                continue
            court = any(c.dep_ == "prep" and c.lower_ == "to" and any(
                p.lower_ in ("court", "courts") for p in c.children) for c in tok.children) \
                or any(c.dep_ in ("xcomp", "advcl") and c.lower_ in ("court", "courts") and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                       for c in tok.children)  # "to/aux court/VB", as the model parses it
            if court and any(c.dep_ in _PASSIVE_SUBJECTS for c in tok.children):
                # "Google was taken to court by the European Commission"
                out.extend((SUES, s, o, None) for s in self._agents(tok, ents)
                           for c in tok.children if c.dep_ in _PASSIVE_SUBJECTS
                           for o in self._args(c, ents))
            elif court:
                objects = [a for c in tok.children if c.dep_ == "dobj"
                           for a in self._args(c, ents)]
                out.extend((SUES, s, o, None) for s in self._subjects(tok, ents)
                           for o in objects)
        return out

    # -- headline grammar ---------------------------------------------------------------------
    def _headline(self, doc: Any) -> list[tuple]:
        """Two names joined by a trigger verb and nothing else, as headlines write them:
        "Delta sues cybersecurity firm CrowdStrike", "Chevron to acquire Hess", "Verizon
        buying Frontier", "Monsanto acquired by Bayer", "Microsoft invests $10 billion in
        OpenAI". The small model often misparses these; their shape is enough."""
        out = []
        spans = list(doc.ents)
        for n, (a, b) in enumerate(zip(spans, spans[1:], strict=False)):
            if a.root.dep_ == "pobj" and a.start > 0 and doc[a.start - 1].lower_ in (
                    "in", "at", "on", "from", "of"):
                continue  # "a lawsuit in Delaware suing Tesla": no headline's subject
            between = list(doc[a.end:b.start])
            after = doc[b.end] if b.end < len(doc) else None
            found = self._joined(between, after) or self._ordered_to_pay(between, doc, b)
            if found is None:
                continue
            kind, passive, status = found
            if kind == PARTNERS_WITH and (is_regulator(a.text) or is_regulator(b.text)) and \
                    any(self.lemmas.get(t.lower_) == "reach" for t in between):
                continue  # a settlement reached with a regulator (see _frame)
            # "NFL fines Belichick, Patriots", "Apple sues Samsung, HTC and Motorola",
            # "OpenAI secures funding from Microsoft and Nvidia": each name listed after
            # the object is an object too.
            objects, k = [b], n + 1
            while k + 1 < len(spans) and spans[k].end < spans[k + 1].start and all(
                    t.lower_ in (",", "and", "&") for t in doc[spans[k].end:spans[k + 1].start]
                    ) and not (spans[k + 1].end < len(doc) and _pos(
                        doc[spans[k + 1].end]) in ("VERB", "AUX")):  # not ", Exxon says"
                k += 1
                objects.append(spans[k])
            if passive:
                out.extend((kind, o, a, status) for o in objects)
                continue
            # "OCC, CFPB fine Wells Fargo", "Sony and Universal sue Suno": each name listed
            # before the verb is a subject.
            subjects, k = [a], n
            while k > 0 and all(t.lower_ in (",", "and", "&") for t in
                                doc[spans[k - 1].end:spans[k].start]) and \
                    spans[k - 1].end < spans[k].start:
                k -= 1
                subjects.append(spans[k])
            out.extend((kind, s_, o, status) for s_ in subjects for o in objects)
        return out

    def _headline_pair(self, doc: Any, lowers: list[str]) -> list[tuple]:
        """Two companies, listed, then a verb of partnership and nothing or a partnership
        noun, as headlines write them: "Microsoft, OpenAI team up on AI chips", "Microsoft
        and OpenAI extend partnership" (the small model parses the verb as a noun)."""
        w = self.words
        verbs = w.noun_frames[PARTNERS_WITH][0]
        joining = {v for v in w.preposition_verbs[PARTNERS_WITH] if " " not in v}
        joining_phrases = {tuple(v.split()) for v in w.preposition_verbs[PARTNERS_WITH]
                           if " " in v}
        out = []
        spans = list(doc.ents)
        for a, b in zip(spans, spans[1:], strict=False):
            if a.label_ != "ORG" or b.label_ != "ORG" or (
                    a.start > 0 and lowers[a.start - 1] not in ("-", ":", "—", "–")) or \
                    [t.lower_ for t in doc[a.end:b.start]] not in (["and"], [","], ["&"]):
                continue  # (only a headline's first words: "and" may join two objects)
            k = b.end
            while k < len(doc) and lowers[k] in _AUXILIARIES:
                k += 1
            if k >= len(doc):
                continue
            lemma = self.lemmas.get(lowers[k])
            rest = lowers[k + 1:]
            # ("team up on chips", not "join the Linux Foundation", "team with Stanford")
            found = (lemma in joining and (not rest or (
                (_pos(doc[k + 1]) == "ADP" or doc[k + 1].is_punct)
                and rest[0] not in ("with", "to")))) or \
                any(lemma == p[0] and tuple(rest[:len(p) - 1]) == p[1:] for p in joining_phrases)
            if not found and lemma in verbs:
                nouns = [j for j, t in enumerate(doc[k + 1:k + 5]) if self._lemma(t) in
                         w.pair_nouns or (
                             # "sign content deal": a deal said to be of something other
                             # than a sale ("sign $5bn deal" may be one; "merger deal" is)
                             self._lemma(t) in _DEAL_NOUNS and j >= 1
                             and doc[k + j].is_lower and doc[k + j].tag_ in ("NN", "NNS")
                             and doc[k + j].lower_ not in w.not_partnership_deals
                             and not _money(doc[k + j]))]
                found = bool(nouns) and all(_modifier(t) for t in doc[k + 1:k + 1 + nouns[0]])
            if found and (not w.not_partnership_verbs.isdisjoint(
                    self.lemmas.get(x) for x in rest)
                    or not w.not_partnership_deals.isdisjoint(rest)):
                found = False  # "Fiat and PSA sign alliance to merge", "deal for merger"
            if found:
                out.append((PARTNERS_WITH, a, b, None))
        return out

    def _possessive_deal(self, doc: Any, ents: Mapping[int, Any], lowers: list[str]
                         ) -> list[tuple]:
        """"Aon's proposed $30bn (£21.7bn) all-share acquisition of Willis Towers Watson":
        an organization's deal noun and the other organization after its preposition,
        read by their shape (the small model parses a long possessive phrase as a clause
        of its own, "Aon's proposed" as subject and verb)."""
        out = []
        owners = []
        for a in doc.ents:
            # "Aon's", "L3Harris Technologies’" (a name's last word the mention cut short,
            # and the apostrophe alone after its "s")
            e = a.end
            while e < len(doc) and lowers[e] in self.words.name_endings:
                e += 1
            if a.label_ == "ORG" and e + 1 < len(doc) and (lowers[e] in ("'s", "’s") or (
                    lowers[e] in ("'", "’") and lowers[e - 1].endswith("s"))):
                owners.append((a, e + 1))
        # "has completed its previously announced A$26.2bn acquisition of": the
        # organization before it (find_in_doc)
        owners += [(_stand_in(t, _PRONOUN_REFERENCE), t.i + 1) for t in doc
                   if t.lower_ == "its" and t.i + 1 < len(doc)]
        for a, k in owners:
            # (what describes a deal: amounts, "proposed", "all-share", brackets)
            while k < len(doc) and k - a.end <= 10 and k not in ents and (
                    doc[k].tag_ in ("CD", "$", "HYPH", "-LRB-", "-RRB-") or (
                        doc[k].is_lower
                        and (lowers[k] == "all" or doc[k].tag_ in _DEAL_DESCRIBING_TAGS)
                        and self._lemma(doc[k]) not in self._deal_nouns)):
                k += 1
            if k + 2 >= len(doc) or self._lemma(doc[k]) not in self._deal_nouns or any(
                    self._lemma(t) in self.words.divest_verbs or self._negated(t)
                    for t in (doc[k].head, doc[k].head.head)):
                continue  # (not "sold its stake in", "did not complete its acquisition")
            for kind in (ACQUIRES, INVESTS_IN):
                nouns, preps = self.words.relation_nouns[kind]
                if self._lemma(doc[k]) not in nouns or lowers[k + 1] not in preps:
                    continue
                j = k + 2
                while j < len(doc) and j - k <= 7 and j not in ents and doc[j].is_alpha and (
                        (doc[j].is_lower and doc[j].tag_ in _DEAL_DESCRIBING_TAGS)
                        or doc[j].tag_ == "JJ"):
                    j += 1  # "of distressed rival Credit Suisse", "of rival Australian"
                b = ents.get(j)
                if b is not None and b.start == j:
                    b = _described(b, ents)  # "of game maker Bungie"
                    after = doc[b.end:b.end + 2]
                    if after and ((after[0].is_lower and _pos(after[0]) == "NOUN") or (
                            after[0].text in ("'", "’") and len(after) > 1
                            and after[1].is_lower)) and any(
                                i in ents for i in range(b.end + 1, min(b.end + 4, len(doc)))):
                        # "of Call of Duty' maker Activision": a name describing the name
                        # after it (not "investment in Uber values/NNS the company")
                        continue
                    if after and after[0].lower_ in ("'s", "’s"):
                        # "Hutchison's bid for Telefonica's O2": what is bought is the
                        # owner's (a name of its own, or a part of it: nothing named)
                        owned = ents.get(b.end + 1)
                        if owned is None or owned.start != b.end + 1 or (
                                owned.end < len(doc) and _part_follows(doc[owned.end])):
                            continue
                        b = owned
                if b is not None and b.start >= j and (b.label_ == "ORG" or _bought_name(b)) \
                        and b != a:
                    out.append((kind, a, b, self._status(doc[k]) if kind == ACQUIRES
                                else None))
        return out

    def _headline_appointment(self, doc: Any, lowers: list[str]) -> list[tuple]:
        """"GSK names Emma Walmsley as new chief executive", "Citigroup picks Jane Fraser
        as next CEO", "Twitter names Parag Agrawal CEO", "Citigroup promotes Jane Fraser to
        CEO": an organization, a verb that puts someone in a role, the person, "as" or
        "to" (or neither) and the role, read by their shape (the small model parses such
        headlines without a verb)."""
        out = []
        spans = list(doc.ents)
        for a, b in zip(spans, spans[1:], strict=False):
            if a.label_ != "ORG" or b.label_ == "ORG":
                continue
            between = list(doc[a.end:b.start])
            # (and lower-case words that describe the person: "picks insider Jane Fraser")
            while len(between) > 1 and between[-1].is_lower and between[-1].is_alpha and \
                    self.lemmas.get(between[-1].lower_) not in self.words.role_verbs:
                between.pop()
            if self._headline_verb(between) not in self.words.role_verbs:
                continue
            k = b.end
            named_as = k < len(doc) and lowers[k] in ("as", "to")  # "promotes X to CEO"
            k += named_as
            while k < len(doc) and (lowers[k] in ("its", "the", "a", "an")
                                    or lowers[k] in self.words.role_time_words):
                k += 1
            role = next(((s, e) for s, e in self._roles(lowers, doc) if s <= k < e), None)
            if role is None:  # no "finance chief"
                continue
            if not named_as and role[1] < len(doc) and lowers[role[1]] in ("of", "at"):
                continue  # "Google names Sundar Pichai CEO of Alphabet": another's role
            out.append((LEADS, b, a, None))
        return out

    def _headline_verb(self, between: Iterable[Any]) -> str | None:
        """The lemma of the one word left between two names after the auxiliaries
        ("to", "will", "is") of headline grammar, if it is a word the rules read."""
        words = [t.lower_ for t in between]
        while words and words[0] in _AUXILIARIES:
            words.pop(0)
        return self.lemmas.get(words[0]) if len(words) == 1 else None

    def _ordered_to_pay(self, between: list[Any], doc: Any, payer: Any
                        ) -> tuple[str, bool, None] | None:
        """"DOT orders Southwest to pay $140M": the order's giver fines the payer."""
        if self._headline_verb(between) not in self.words.order_verbs:
            return None
        rest = [t.lower_ for t in doc[payer.end:payer.end + 2]]
        if len(rest) == 2 and rest[0] == "to" and \
                self.lemmas.get(rest[1]) in self.words.payment_verbs:
            return FINES, False, None
        return None

    def _joined(self, between: list[Any], after: Any) -> tuple[str, bool, str | None] | None:
        """(kind, passive, status) when ``between`` is [auxiliaries] trigger [modifiers]."""
        words = [t.lower_ for t in between]
        if any(w in ("not", "n't", ",", ";", ":", "and", "or") for w in words):
            return None
        i, status = 0, None
        while i < len(words):
            if words[i] in _AUXILIARIES:
                if words[i] in ("to", "will", "would", "'ll"):
                    status = "announced"
                i += 1
                continue
            # A plan to do it: "has agreed to buy", "plans to buy". (A deal "to" do it,
            # "signs deal to buy", was taken back on the held-out numbers: one more wrong.)
            if self.lemmas.get(words[i]) in self.words.status["announced"] and i + 1 < len(
                    words) and words[i + 1] == "to":
                i += 2
                status = "announced"
                continue
            break
        if i >= len(words):
            return None
        verb, rest = between[i], between[i + 1:]
        lemma = self.lemmas.get(verb.lower_)
        # The small model tags a headline's verb as anything ("OCC, CFPB fine Wells
        # Fargo": "fine" as a preposition); its place between two names says enough.
        if lemma is None or _pos(verb) not in ("VERB", "NOUN", "PROPN", "AUX", "ADP", "ADJ"):
            return None
        if verb.lower_.endswith("ing"):
            status = status or "announced"
        elif verb.lower_.endswith("ed") or verb.lower_ in self.past_forms:
            status = status or "completed"
        passive = bool(rest) and rest[0].lower_ == "by"
        if passive:
            rest = rest[1:]
        # ("workplace messaging app Slack": a participle before a noun describes it)
        if len(rest) <= 4 and all(_modifier(t) or (t.tag_ == "VBG" and t.is_lower and j + 1 <
                                                   len(rest)) for j, t in enumerate(rest)):
            for kind, verbs in self.words.object_verbs.items():
                if lemma not in verbs:  # one word: "take over" is no headline shape
                    continue
                if _name_goes_on(after):
                    # "buys Ball's aerospace unit", "buys Ball Aerospace unit", "bought the
                    # Intel modem unit": a part of Ball, or a name the mention cut short.
                    return None
                if kind == ACQUIRES and after is not None and after.lower_ in (
                        "stake", "stakes", "share", "shares", "holding", "holdings"):
                    return INVESTS_IN, passive, None
                return kind, passive, status if kind == ACQUIRES else None
        if passive:
            return None
        for kind, verbs in self.words.preposition_verbs.items():
            preps = verbs.get(lemma)
            if not preps or (after is not None and (after.lower_ in ("'s", "’s")
                                                    or _part_follows(after))):
                # "investing in Elon Musk's rocket company", "in General Motors self-driving
                # car division": the owner is no party
                continue
            at = [j for j, t in enumerate(rest) if t.lower_ in preps]
            if at and at[-1] <= 4 and len(rest) - at[-1] - 1 <= 3 and all(
                    _modifier(t) or _pos(t) == "PROPN" for t in rest[at[-1] + 1:]):
                return kind, False, None
        return self._headline_frame(lemma, rest, after, status)

    def _headline_frame(self, lemma: str, rest: list[Any], after: Any, status: str | None
                        ) -> tuple[str, bool, str | None] | None:
        """A verb, its noun and the preposition of a noun frame between two names, as a
        headline writes them ("Spotify signs deal with Uber", "Getty Images files lawsuit
        against Stability AI", "EU slaps fine on Google", "Pfizer completes acquisition
        of Seagen"), where the small model parses the verb as a noun."""
        if _name_goes_on(after) or (
                after is not None and after.is_lower and _pos(after) == "NOUN"
                and after.lower_ not in english().calendar_words):
            # "against Palworld developer Pocketpair": the name after the noun; "with
            # Disney's ESPN", "with Ball Aerospace", "with the Intel modem unit"
            return None
        words = [t.lower_ for t in rest]
        for kind, (verbs, nouns, preps) in self.words.reverse_frames.items():
            # "OpenAI secures funding from Microsoft": the one it comes from does it
            at = next((j for j, w in enumerate(words) if self.lemmas.get(w, w) in nouns), None)
            if lemma in verbs and at is not None and at <= 3 and at + 1 == len(rest) - 1 \
                    and words[at + 1] in preps and all(_modifier(t) for t in rest[:at]):
                return kind, True, None
        for kind, (verbs, nouns, preps) in self.words.noun_frames.items():
            if lemma not in verbs and "*" not in verbs:
                continue
            at = next((j for j, w in enumerate(words) if self.lemmas.get(w) in nouns), None)
            if at is None or at > 3 or at + 1 >= len(rest) or words[at + 1] not in preps or \
                    not all(_modifier(t) for t in rest[:at]) or len(rest) - at - 2 > 3 or \
                    not all(_modifier(t) or _pos(t) == "PROPN" for t in rest[at + 2:]):
                continue
            if kind == PARTNERS_WITH and (
                    not self.words.not_partnership_deals.isdisjoint(words[:at])
                    or (after is not None and after.lower_ == "to")):
                return None  # "signs merger deal with", "signs deal with Ford to buy Volvo"
            if kind == ACQUIRES and lemma in self.words.status["blocked"]:
                return None  # "FTC blocks acquisition of Figma": the blocker buys nothing
            if kind == INVESTS_IN and lemma in self.words.divest_verbs:
                return None  # "Alphabet sold its stake in Uber": no investment, as in _frame
            if kind == INVESTS_IN and _majority(rest[at]):
                kind = ACQUIRES  # "buys a majority stake in"
            if kind == ACQUIRES:
                status = next((st for st in ("abandoned", "blocked", "completed", "announced")
                               if lemma in self.words.status[st]), status)
            return kind, False, status if kind == ACQUIRES else None
        return None


    # -- LEADS ------------------------------------------------------------------------------
    def _roles(self, lowers: list[str], doc: Any = None) -> list[tuple[int, int]]:
        """Token ranges of leadership role words ("CEO", "chief executive officer"). Not
        a function's chief ("chief supply chain officer", "chief of staff"), one of many
        ("a managing director at"), nor with ``doc``, the head of a part of the
        organization ("president of global affairs")."""
        w, found, i = self.words, [], 0
        while i < len(lowers):
            for role in self.roles_by_word.get(lowers[i], ()):
                if tuple(lowers[i:i + len(role)]) == role:
                    end = i + len(role)
                    before = [x for x in lowers[max(0, i - 2):i] if x != "-"]
                    after = lowers[end] if end < len(lowers) else ""
                    if (before and before[-1] in w.not_leading_role_words) or \
                            after in w.not_leading_role_words or \
                            (role == ("chief",) and (
                                "officer" in lowers[end:end + 4]
                                or lowers[end:end + 2] == ["of", "staff"])) or \
                            (before and before[-1] in ("a", "an")
                             and not any("founder" in r for r in role)) or \
                            (doc is not None and self._part_role(doc, end)):
                        break
                    found.append((i, end))
                    i = end - 1
                    break
            i += 1
        return found

    @staticmethod
    def _part_role(doc: Any, end: int) -> bool:
        """Whether a role is of a part of its organization: its "of" brings words in small
        letters that name nothing ("president of global affairs", "head of cloud"). (A
        noun before it may be the part's, "cloud boss", or the person's, "billionaire
        CEO": it is left alone.)"""
        if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].is_lower and \
                doc[end + 1].lower_ not in _OWNER_WORDS:
            for t in doc[end + 1:end + 6]:
                if t.is_punct or t.tag_ in ("VBD", "VBP", "VBZ", "MD"):
                    return True
                if not t.is_lower or t.ent_type_:
                    return False  # "CEO of electric carmaker Tesla", "of struggling bank"
            return False
        return False

    def _leads(self, doc: Any, ents: Mapping[int, Any], lowers: list[str]) -> list[tuple]:
        out = []
        for start, end in self._roles(lowers, doc):
            if end < len(doc) and lowers[end] in ("'s", "’s") and end - 1 not in ents:
                continue  # a role that owns something: "the CEO's chief of staff"
            named = self._named_to_role(doc, start, end, ents)
            if named:
                out.extend(named)
                continue
            people = self._role_people(doc, start, end, ents)
            orgs = self._role_orgs(doc, start, end, ents, people)
            if tuple(lowers[start:end]) in self.words.agency_roles:
                # "CFPB Director Rohit Chopra", not "Apple director Jane Doe" (a board's)
                if not doc[start].text[:1].isupper():
                    continue
                orgs = [o for o in orgs if is_regulator(o.text)]
            if tuple(lowers[start:end]) in self.words.bank_roles:
                # "Bank of England governor Mark Carney", not "Fed governor Lisa Cook" (one
                # of a board of governors) nor a state's governor
                orgs = [o for o in orgs if "Bank" in o.text.split()]
            # "Starbucks CEO replaced by Brian Niccol": the role itself is replaced
            people += [s for p in (*people, doc[end - 1])
                       for s in self._successors(getattr(p, "root", p), ents)]
            if people:  # "ousted its chief executive Mark Schneider and replaced him with"
                people += self._replaced_him_with(doc, ents)
            people += self._predecessors(doc[end - 1], ents)
            story_role = self._story_role(doc, start, end)
            announcers = self._announcers(doc[end - 1], ents) if story_role else []
            if announcers and not orgs:
                # "Nike said John Donahoe would retire as CEO": the company that says so
                orgs = announcers
            elif story_role == "possessive" and (named_by := self._naming_subjects(
                    doc[end - 1], ents)):
                orgs = named_by  # "Equinor appointed Anders Opedal as its new CEO"
            elif story_role == "possessive" or (story_role == "bare" and
                                                not self._cites_organization(doc, ents)):
                # The story's organization, if it names only one: also where the parse
                # gave the role another's ("Ortberg will start, replacing retiring CEO
                # Dave Calhoun", with Ortberg read as an organization); resolution keeps
                # the ends of the right kinds.
                orgs = [*orgs, self._free_organization(doc, ents)]
            role = doc[end - 1]
            if people and not orgs and not story_role and (end == len(doc) or lowers[end] not in (
                    "of", "at", "for")):
                orgs = self._naming_subjects(role, ents, definite=True)
            if not people and any(o is not None and o.end <= start for o in orgs) and (
                    role.dep_ in _SUBJECTS + _PASSIVE_SUBJECTS or (
                        role.dep_ in ("dobj", "oprd")
                        and self._lemma(role.head) in self.words.role_verbs)):
                # "Oxfam's chief executive is to stand down", "Boeing names new CEO": whoever
                # the story names, if only one (not "sought his dismissal as CEO")
                people = [_stand_in(doc[start], _ROLE_HOLDER)]
                orgs = [o for o in orgs if o is not None and o.end <= start]
            out.extend((LEADS, p, o, None) for p in people for o in orgs)
        return out

    def _naming_subjects(self, role: Any, ents: Mapping[int, Any], *,
                         definite: bool = False) -> list:
        """The organizations that put someone in a role of their own ("its", "their"):
        the subject of the verb of naming whose complement the role is ("Equinor ASA
        appointed Anders Opedal as its new CEO", "Nissan has tapped Makoto Uchida as its
        new chief executive", "the board named her its chair"). With ``definite``, also
        "the" role, new or next and of no one else: "Nintendo has named Shuntaro
        Furukawa as the new President"."""
        mine = any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in role.children)
        if not (mine or (definite and self._the_next(role))):
            return []
        verb = role.head.head if role.dep_ == "pobj" and role.head.lower_ == "as" else (
            role.head if role.dep_ in ("oprd", "dobj", "attr") else None)
        if verb is None or self._lemma(verb) not in self.words.role_verbs or \
                self._negated(verb):
            return []
        return [a for a in self._subjects(verb, ents) if a.label_ == "ORG"]

    def _the_next(self, role: Any) -> bool:
        """Whether a role is "the" role, perhaps new or next, and of no one named: "as the
        new President"."""
        words = list(role.children)
        return any(c.dep_ == "det" and c.lower_ == "the" for c in words) and all(
            c.dep_ == "det" or (c.dep_ in ("amod", "compound") and (
                c.lower_ in self.words.role_time_words or self._is_role_start(c.doc, c.i)))
            for c in words)

    @staticmethod
    def _free_organization(doc: Any, ents: Mapping[int, Any]) -> Any:
        """The organization a role without its own belongs to, where the sentence names
        it beside others that are someone else's: in "AstraZeneca has poached Roche
        executive Pascal Soriot ... after former CEO David Brennan retired", Roche is
        Soriot's (it qualifies a name), so the CEO is AstraZeneca's. None (the graph then
        looks at the sentence, the field and the story) unless exactly one is left."""
        orgs = list(dict.fromkeys(e for e in ents.values() if e.label_ == "ORG"
                                  and not _bracketed(doc, e.start)
                                  and e.text.lower() not in _ORGAN_NOUNS))  # "Board"
        held = [e for e in orgs if _qualifies_person(e, ents)]
        free = [e for e in orgs if e not in held]
        return free[0] if held and len(free) == 1 else None

    def _named_to_role(self, doc: Any, start: int, end: int, ents: Mapping[int, Any]
                       ) -> list[tuple]:
        """"Amazon appointed Andy Jassy chief executive": a person right before a role
        that is the object of a verb of naming (the parser makes the name a modifier of
        the role) holds it, and the verb's subject is the organization."""
        role, person = doc[end - 1], ents.get(start - 1)
        owner = None
        if start > 1 and doc[start - 1].lower_ in ("'s", "’s") and \
                (owner := ents.get(start - 2)) is not None and owner.label_ == "ORG":
            # "making Sundar Pichai Alphabet's CEO": the role's own organization
            person = ents.get(owner.start - 1)
        if person is None or person.label_ != "PERSON" or \
                person.end != (start if owner is None else owner.start) or \
                role.dep_ not in ("dobj", "oprd") or \
                self._lemma(role.head) not in self.words.role_verbs | _MAKING_VERBS:
            return []
        if owner is not None:
            return [(LEADS, person, owner, None)]
        if self._lemma(role.head) in _MAKING_VERBS:
            return []
        return [(LEADS, person, org, None) for org in self._subjects(role.head, ents)
                if org.label_ == "ORG"]

    def _announcers(self, role: Any, ents: Mapping[int, Any]) -> list:
        """The organizations that say or announce the clause a role is in ("Nike said
        John Donahoe would retire as CEO"), not those that report or are told it
        ("Bloomberg reported", "told Reuters") nor news organisations ("Reuters said")."""
        tok = role
        for _ in range(8):
            if tok.dep_ == "ccomp" and self._lemma(tok.head) in _ANNOUNCING_VERBS:
                return [a for c in tok.head.children if c.dep_ == "nsubj"
                        for a in self._args(c, ents)
                        if a.label_ == "ORG" and a.text not in news_organizations()]
            if tok.head.i == tok.i:
                return []
            tok = tok.head
        return []

    def _cites_organization(self, doc: Any, ents: Mapping[int, Any]) -> bool:
        """Whether an organization is cited in the sentence as the one that says or
        reports it ("Reuters said", "Tesla told analysts", "according to the company's
        filing"): a role without its own organization is nobody's there. A news
        organisation told or cited ("CEO Tim Cook told Reuters", "according to
        Bloomberg") is no party: the role is the story's organization's, which a news
        organisation so cited never is (``graph.tables``)."""
        news = news_organizations()
        cited, told = [], []  # (told: those told, or cited "according to")
        for tok in doc:
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                told += [a for c in doc[tok.i + 1].children if c.dep_ == "pobj"
                         for a in self._args(c, ents)]
            elif self._lemma(tok) in _CITING_VERBS:
                cited += [a for c in tok.children if c.dep_ == "nsubj"
                          for a in self._args(c, ents)]
                told += [a for c in tok.children if c.dep_ in ("dobj", "dative")
                         for a in self._args(c, ents)]
        # ("Reuters said Pat Gelsinger would retire": whose role, it does not say)
        return any(a.label_ == "ORG" for a in cited) or any(
            a.label_ == "ORG" and a.text not in news for a in told)

    def _story_role(self, doc: Any, start: int, end: int) -> str | None:
        """Whether a company role names no organization of its own: "bare" ("CEO Daniel
        Ek", "replacing retiring CEO Dave Calhoun", "Board Chair Larry Kellner") or
        "possessive" ("its chief executive", "the company's new CEO", "CEO of the social
        media company"); None for a title that is also held in government ("President
        Joe Biden", "Chairman Xi") and for a role of something named without an entity
        ("a former CEO", "TalkTalk CEO")."""
        role = tuple(t.lower_ for t in doc[start:end])
        if role in self.words.board_roles:  # "Board Chair Larry Kellner", "Chairman of
            # the Board": a company's board, whoever else holds the title
            board = (start > 0 and doc[start - 1].lower_ == "board") or [
                t.lower_ for t in doc[end:end + 3]] == ["of", "the", "board"]
            return "bare" if board else None
        if role not in self.words.story_roles:
            return None
        if end < len(doc) and doc[end].lower_ in ("of", "at"):
            # "CEO of the social media company", not "CEO of Acme" (a name the parse or
            # NER missed)
            after = list(itertools.takewhile(lambda t: not t.is_punct or t.text == "-",
                                             doc[end + 1:end + 6]))
            the = bool(after) and after[0].lower_ == "the"
            nouns = list(itertools.takewhile(lambda t: t.is_lower, after[1:]))
            return "possessive" if the and nouns and _pos(nouns[-1]) == "NOUN" and (
                len(after) == len(nouns) + 1 or not after[len(nouns) + 1].text[:1].isupper()
            ) else None
        k = start - 1
        while k >= 0 and doc[k].lower_ in self.words.role_time_words:
            k -= 1
        if k < 0:
            return "bare"
        if doc[k].lower_ in ("'s", "’s"):  # "the company's CEO", not "Tapestry's CEO"
            return "possessive" if (k > 0 and doc[k - 1].is_lower
                                    and _pos(doc[k - 1]) == "NOUN") else None
        if doc[k].lower_ in ("its", "their"):
            return "possessive"
        if doc[k].lower_ == "the" or not (doc[k].lower_ in ("a", "an")
                                          or doc[k].text[:1].isupper()) or (
                k == 0 and _pos(doc[k]) == "ADP"):  # "Under chief executive Satya Nadella"
            return "bare"
        return None

    def _successors(self, holder: Any, ents: Mapping[int, Any]) -> list:
        """Who takes a role from its holder: "Ford CEO Mark Fields replaced by Jim
        Hackett", "Ford has replaced CEO Mark Fields with Jim Hackett"."""
        found = []
        for verb in (*(c for c in holder.children if c.dep_ == "acl"), holder.head):
            if verb.i == holder.i or self._lemma(verb) not in _SUCCESSION_VERBS:
                continue
            if holder.dep_ == "dobj" and verb.i == holder.head.i:
                preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"]
            else:
                preps = [c for c in verb.children if c.dep_ == "agent"]
            found += [a for c in preps for p in c.children if p.dep_ == "pobj"
                      for a in self._args(p, ents) if a.label_ != "ORG"]
        return found

    def _replaced_him_with(self, doc: Any, ents: Mapping[int, Any]) -> list:
        """The one a role's holder, named again as "him" or "her", is replaced with."""
        return [a for verb in doc if self._lemma(verb) in _SUCCESSION_VERBS
                and any(c.dep_ == "dobj" and c.lower_ in ("him", "her") for c in verb.children)
                for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
                for p in c.children if p.dep_ == "pobj" for a in self._args(p, ents)
                if a.label_ == "PERSON"]

    def _predecessors(self, role: Any, ents: Mapping[int, Any]) -> list:
        """Who held the role before the one it is given to: "will be the company's new
        chief executive, replacing Andrew Witty", "will take over as CEO after Michael
        Corbat retires"."""
        verb = role.head if role.dep_ == "pobj" and role.head.lower_ == "as" else role
        verb = verb.head
        if verb.i == role.i or _pos(verb) not in ("VERB", "AUX"):
            return []
        found = []
        for clause in verb.children:
            if clause.dep_ not in ("advcl", "xcomp", "conj") or _pos(clause) != "VERB":
                continue
            lemma = self._lemma(clause)
            if lemma in _SUCCESSION_VERBS:
                deps = ("dobj",)
            elif lemma in _LEAVING_VERBS and any(c.lower_ in ("after", "when", "once")
                                                 for c in clause.children if c.dep_ == "mark"):
                deps = ("nsubj",)
            else:
                continue
            found += [a for c in clause.children if c.dep_ in deps
                      for a in self._args(c, ents) if a.label_ != "ORG"]
        return found

    def _role_people(self, doc: Any, start: int, end: int, ents: Mapping[int, Any]) -> list:
        """The people a role belongs to: named right after it ("CEO Dave Calhoun", "its
        board chair, Larry Kellner"), before it ("Pat Gelsinger, CEO of VMware"), or by the
        verb it completes ("names Kelly Ortberg as its CEO", "steps down as chairman")."""
        people = []
        j = end
        while j < len(doc) and (doc[j].lower_ == "and" or self._is_role_start(doc, j)
                                or doc[j].lower_ in _OFFICER_TITLES):
            j += 1  # "president and CEO Dave Calhoun", "president and COO Joanna Geraghty"
        if j < len(doc) and doc[j].text == ",":
            j += 1
        while j < len(doc) and doc[j].lower_.rstrip(".") in _HONORIFICS and j not in ents:
            j += 1  # "BP chairman Sir John Browne", "Dr. Lisa Su"
        ent = ents.get(j)
        if ent is not None and ent.start == j:
            people.append(ent)
        elif j < len(doc) and doc[j].lower_ in ("of", "at"):
            # "the chief executive of Binance, Changpeng Zhao,"
            k = j + 1 + (j + 1 < len(doc) and doc[j + 1].lower_ == "the")
            org = ents.get(k)
            if org is not None and org.start == k and org.end < len(doc) and \
                    doc[org.end].text == ",":
                ent = ents.get(org.end + 1)
                if ent is not None and ent.label_ != "ORG" and ent.start == org.end + 1:
                    people.append(ent)
        # Backwards over "the", "its", "Pfizer", "'s", adjectives, to "PERSON ,".
        k = start - 1
        while k >= 0 and (doc[k].lower_ in ("the", "a", "an", "its", "their", "and", "'s", "’s")
                          or _pos(doc[k]) == "ADJ" or (k in ents and ents[k].label_ == "ORG")
                          or self._is_role_start(doc, k)):
            k -= 1
        if k >= 1 and doc[k].text == ",":
            ent = ents.get(k - 1)
            if ent is not None:
                people.append(ent)
        # "named Parag Agrawal as the new CEO", read by its shape where the parse is off
        k = start - 1
        while k >= 0 and (doc[k].lower_ in ("its", "their", "the", "a", "an")
                          or doc[k].lower_ in self.words.role_time_words):
            k -= 1
        ent = ents.get(k - 1) if k >= 1 and doc[k].lower_ == "as" else None
        if ent is not None and ent.end == k and ent.label_ != "ORG" and ent.start > 0 and \
                self.lemmas.get(doc[ent.start - 1].lower_) in self.words.role_verbs:
            people.append(ent)
        role = doc[end - 1]
        first = role  # the first of listed roles: "X, Qatar's minister and QatarEnergy's CEO"
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first.dep_ == "appos" and first.head.i in ents:
            people.append(ents[first.head.i])  # "named Mary Barra its new chief executive"
        # "as CEO", "is CEO", "named CEO": the person is the verb's subject or object.
        # ("to": "promoted Jane Fraser to chief executive")
        head = role.head if role.dep_ == "pobj" and role.head.lower_ in ("as", "to") else role
        if head is not role and head.head.lower_ in _POST_NOUNS:
            # "stepped down from his role as chief executive", "took up the post of CEO"
            post = head.head
            head = post.head if post.dep_ == "pobj" else post
        if head is not role and self._lemma(head.head) in _APPOINTMENT_NOUNS:
            # "the appointment of Debra Crew as interim chief executive"
            people += [a for c in head.head.children if c.dep_ == "prep" and c.lower_ == "of"
                       for p in c.children if p.dep_ == "pobj"
                       for a in self._args(p, ents) if a.label_ == "PERSON"]
        # ("npadvmod": "naming Irishman Ken Murphy its next CEO", as the model parses it)
        if head.dep_ in ("prep", "attr", "oprd", "acomp", "dobj", "npadvmod") or head is not role:
            verb = head.head
            if head is not role and head.i < verb.i and verb.dep_ in ("advcl", "xcomp") and \
                    self._lemma(verb.head) in self.words.role_verbs:
                # "named X as its new CEO, to help lead a recovery": an "as" the parser
                # hangs on the verb after it is the naming verb's
                verb = verb.head
            lemma = self._lemma(verb)
            if _pos(verb) in ("VERB", "AUX") and (lemma in self.words.role_verbs or (
                    lemma == "be" and head.dep_ != "dobj")):
                args = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
                if verb.dep_ == "relcl" and not any(c.dep_ in _SUBJECTS for c in verb.children) \
                        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
                    # a headline's "Oliver Blume to replace Herbert Diess as CEO at VW"
                    args.append(verb.head)
                elif verb.dep_ == "xcomp" and lemma in _SUCCESSION_VERBS and not any(
                        c.dep_ in _SUBJECTS for c in verb.children):
                    # "Unilever picked Maria Lopez to succeed John Smith as chief
                    # executive": the one picked takes the role too
                    args += _controller(verb)
                for c in args or _controller(verb):
                        # (not the head of a "who" clause, "Mary Barra, who has been chief
                        # executive of": that reading was taken back twice, on the held-out
                        # numbers alone: it found one more leader and made two wrong)
                        ent = self._arg(c, ents) or _person_after_comma(c, ents)
                        if ent is not None:
                            people.append(ent)
                        elif c.lower_ in _PEOPLE_PRONOUNS and c.dep_ in _SUBJECTS + \
                                _PASSIVE_SUBJECTS and c.i not in ents:
                            # "She was named chief executive of Yahoo": the person named
                            # before (graph.tables.relation_ends)
                            people.append(_stand_in(c, _ROLE_HOLDER))
        return people

    def _is_role_start(self, doc: Any, i: int) -> bool:
        roles = self.roles_by_word.get(doc[i].lower_, ())
        return any(tuple(t.lower_ for t in doc[i:i + len(r)]) == r for r in roles)

    def _role_orgs(self, doc: Any, start: int, end: int, ents: Mapping[int, Any],
                   people: list) -> list:
        """The organizations a role is of: named right before it ("Boeing CEO", "PSA's
        cost-cutting CEO"), after "of" or "at" ("CEO of VMware"), or, for "its CEO" and a
        bare role, the subject of the verb that governs it ("Boeing names ... as its
        CEO", "Ford fired CEO Mark Fields")."""
        orgs = []
        needs_of = doc[start:end].text.lower() in self.words.roles_needing_of
        k = start - 1
        skipped = 0
        # (and over other roles listed before it: "General Motors Chairman and Chief
        # Executive Mary Barra")
        listed = {i for s_, e_ in self._roles([t.lower_ for t in doc[:start]])
                  for i in range(s_, e_)} if start > 1 and doc[start - 1].lower_ in (
                      "and", "&") else set()
        # Back over "'s" and the lower-case words of the role's noun phrase: "PSA's
        # cost-cutting CEO", "former Nissan boss", "Ford's new chairman".
        while k >= 0 and skipped < 4 and (
                k in listed or (doc[k].lower_ in ("and", "&") and k - 1 in listed)
                # ("General Motors' CEO" too; not "the UN health agency's director-general")
                or
                ((doc[k].lower_ in ("'s", "’s") or doc[k].tag_ == "POS") and not (
                    k > 0 and doc[k - 1].is_lower and k - 1 not in ents))
                or doc[k].lower_ in ("-", "ex", "board")
                or (doc[k].lower_.rstrip(".") in _LEGAL_SUFFIXES and k - 1 in ents) or (
                    doc[k].is_lower and _pos(doc[k]) in ("ADJ", "NOUN", "VERB")
                    and doc[k].tag_ not in ("VBD", "VBZ", "VBP"))):
            k -= 1
            skipped += 1
        ent = ents.get(k) if k >= 0 else None
        of_follows = end < len(doc) and doc[end].lower_ in ("of", "at")
        if ent is not None and ent.label_ != "GPE" and not (needs_of and of_follows):
            orgs.append(ent)  # "Caremark head David Joyner", not "Google head of AI"
        role = doc[end - 1]
        holders = [role, *(t for t in doc[end:end + 4] if t.dep_ == "conj" and t.head == role)]
        if role.dep_ == "pobj" and role.head.lower_ == "as" and role.head.head.i != role.i:
            holders.append(role.head.head)  # "to replace Diess as CEO at VW"
        for tok in holders:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "at") and c.i > start:
                    orgs.extend(a for p in c.children if p.dep_ == "pobj"
                                for a in self._args(p, ents) if a.label_ != "GPE")
                    # "chair of General Motors' board", "chairman of the GM board": the
                    # board's organization
                    orgs.extend(a for p in c.children if p.dep_ == "pobj" and p.i not in ents
                                and self._lemma(p) in _ORGAN_NOUNS
                                for o in (*(o for o in p.children
                                            if o.dep_ in ("poss", "compound")),
                                          *(q for o in p.children
                                            if o.dep_ == "prep" and o.lower_ == "of"
                                            for q in o.children if q.dep_ == "pobj"))
                                for a in self._args(o, ents) if a.label_ == "ORG")
        if orgs or needs_of:
            return orgs
        possessive = any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in role.children)
        possessive = possessive or (start > 0 and doc[start - 1].lower_ in ("its", "their")) or (
            start > 1 and doc[start - 2].lower_ in ("its", "their") and doc[start - 1].is_lower)
        # "CEO Dave Calhoun", "former CEO David Brennan", "interim chief Simon Lowth"
        bare = not possessive and not any(
            c.dep_ in ("poss", "compound", "det", "amod") and not (
                c.dep_ == "amod" and c.lower_ in self.words.role_time_words)
            for c in role.children if c.i < start)
        if not (possessive or bare):
            return orgs
        apposed = [a for a in self._args(role.head, ents) if a.label_ == "ORG"] \
            if possessive and role.dep_ == "appos" else []
        if apposed:
            # "penalties on Reliance Industries Ltd, its Chairman Mukesh Ambani": the
            # organization it is in apposition to
            return apposed[:1]
        # "Boeing names Kelly Ortberg as its next CEO", "CVS ousts CEO Karen Lynch": a
        # headline's organization followed by a verb that puts someone in or out of a role
        # (read by form: the small model often parses such a headline without a subject).
        first = doc.ents[0] if doc.ents else None
        if first is not None and first.label_ == "ORG" and first.start == 0 \
                and first.end < start and first.end < len(doc) and \
                self.lemmas.get(doc[first.end].lower_) in self.words.role_verbs | (
                    _ROLE_REPORTING_VERBS if bare else frozenset()):
            return [first]
        tok = role
        for _ in range(10):
            if tok.head.i == tok.i:
                break
            tok = tok.head
            if _pos(tok) not in ("VERB", "AUX"):
                continue
            subjects = self._subjects(tok, ents)
            orgs_ = [a for a in subjects if a.label_ == "ORG"]
            lemma = self._lemma(tok)
            if not possessive and lemma in self.words.role_verbs and any(
                    a in people for a in subjects):
                # "Hackett joined Ford as CEO", "she quit Uber as chief executive"
                # ("returned to OpenAI as chief executive")
                objects = [a for c in tok.children if c.dep_ == "dobj"
                           for a in self._args(c, ents) if a.label_ == "ORG"] or [
                    a for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"
                    for p in c.children if p.dep_ == "pobj"
                    for a in self._args(p, ents) if a.label_ == "ORG"]
                if objects:
                    return objects[:1]
            if orgs_ and (possessive or lemma in self.words.role_verbs
                          or lemma in _ROLE_REPORTING_VERBS):
                return orgs_[:1]
            # "Boeing announced that CEO Dave Calhoun plans to step down": the person's
            # own clause, reported by the organization's.
            if any(a.label_ == "PERSON" and a in people for a in subjects) and \
                    tok.dep_ in ("ccomp", "xcomp", "conj"):
                continue
            if possessive and not subjects and tok.dep_ == "relcl":
                # "a crisis that followed the arrest of its former chairman": "its" is
                # the organization of the clause the relative one hangs from
                continue
            if subjects or any(c.dep_ in _SUBJECTS for c in tok.children):
                break
        return orgs


def _antecedent(pronoun: Any, other: Any) -> Any:
    """The organization "it" or "its" stands for: the nearest one its sentence names
    before it (not the relation's other end, nor a source in brackets or a news
    organization), else the organization its story is about (a "company reference" the
    graph resolves)."""
    from spacy.tokens import Span

    doc = pronoun.doc
    before = [e for e in doc.ents if e.label_ == "ORG" and e.end <= pronoun.start
              and (other is None or e.root.i != other.root.i)
              and not _bracketed(doc, e.start) and e.text not in news_organizations()]
    return before[-1] if before else Span(doc, pronoun.start, pronoun.end,
                                          label=_COMPANY_REFERENCE)


def news_organizations() -> frozenset[str]:
    """The alias table's news organisations, by every spelling: "Reuters said" reports."""
    from extract.aliases import builtin_section

    return builtin_section("news organisations")


def _bracketed(doc: Any, i: int) -> bool:
    before = [t.text for t in doc[:i]]
    return "(" in before and before[::-1].index("(") < (
        before[::-1].index(")") if ")" in before else len(before))


def _qualifies_person(ent: Any, ents: Mapping[int, Any]) -> bool:
    """Whether an organization's name qualifies a person's ("Roche executive Pascal
    Soriot", "Taco Bell CEO Brian Niccol"): it modifies words that end in that name."""
    tok = ent.root
    if tok.dep_ == "pobj" and tok.head.lower_ in ("of", "at") and \
            tok.head.head.dep_ == "appos" and tok.head.head.head.i in ents and \
            ents[tok.head.head.head.i].label_ == "PERSON":
        return True  # "Andy Jassy, head of Amazon Web Services,"
    for _ in range(4):
        if tok.dep_ not in ("compound", "poss", "nmod") or tok.head.i <= tok.i:
            return False
        tok = tok.head
        other = ents.get(tok.i)
        if other is not None and other is not ent:
            return other.label_ == "PERSON"
    return False


def _described(ent: Any, ents: Mapping[int, Any]) -> Any:
    """The organization a name and a company noun describe, where the parser took the
    description for the name ("against AI startup Midjourney", "sued Apple supplier
    Foxconn"): the name after the noun; else ``ent``."""
    after = ent.end + 1
    if after < len(ent.doc) and names_a_company(ent.doc[ent.end], english(), plural=False) \
            and after in ents and ents[after].start == after and ents[after].label_ == "ORG":
        return ents[after]
    return ent


def _name_after_comma(tok: Any, ents: Mapping[int, Any]) -> Any:
    """The organization's name a company noun introduces after a comma, in an apposition
    the parser may hang elsewhere ("investing $1 billion in Elon Musk's rocket company,
    SpaceX, at a $10 billion valuation"): its first token, or None."""
    doc, at = tok.doc, tok.i + 2
    if tok.i in ents or _pos(tok) != "NOUN" or not is_company_noun(tok.lower_, english()) \
            or at >= len(doc) or doc[tok.i + 1].text != "," or at not in ents:
        return None
    name = ents[at]
    if name.start != at or name.label_ != "ORG" or (
            name.end < len(doc) and not doc[name.end].is_punct):
        return None
    return doc[at]


def _person_after_comma(tok: Any, ents: Mapping[int, Any]) -> Any:
    """The person a noun phrase introduces after a comma, in an apposition the parser
    may hang elsewhere ("has tapped the head of its China business, Makoto Uchida, as its
    new chief executive"), or None."""
    doc, at = tok.doc, tok.right_edge.i + 2
    if tok.i in ents or _pos(tok) != "NOUN" or at >= len(doc) or \
            doc[at - 1].text != "," or at not in ents:
        return None
    name = ents[at]
    if name.start != at or name.label_ != "PERSON" or (
            name.end < len(doc) and doc[name.end].text not in (",", ".", ";")):
        return None
    return name


def _company_reference(tok: Any, ents: Mapping[int, Any]) -> Any:
    """"the company", "the start-up", "the Swiss group": a span that stands for the
    organization its story is about. Not one that another word makes another company:
    "the parent company", "the rival firm", "the two companies"."""
    from spacy.tokens import Span

    if tok.i in ents or _pos(tok) != "NOUN" or not is_company_noun(tok.lower_, english()):
        return None
    det = [c for c in tok.children if c.dep_ == "det"]
    if len(det) != 1 or det[0].lower_ != "the" or any(
            c.dep_ in ("amod", "compound", "nmod", "nummod", "poss", "quantmod")
            and not (c.text[:1].isupper() or c.lower_.endswith("based"))
            for c in tok.children):
        return None
    return Span(tok.doc, det[0].i, tok.i + 1, label=_COMPANY_REFERENCE)


def is_person_pronoun(surface: str) -> bool:
    """Whether a relation's end is "he" or "she" (:meth:`Rules._role_people`), whom the
    graph reads from the sentences before it (``graph.tables.relation_ends``)."""
    return surface.lower() in _PEOPLE_PRONOUNS


def is_company_reference(surface: str) -> bool:
    """Whether a relation's end is "the company" of :func:`_company_reference` (a name
    ends in a capital: "The Walt Disney Company"), or the company whose funding round it
    is ("this funding round", see :meth:`Rules._round_led_by`)."""
    words = surface.split()
    if surface.lower() in _NEUTER_PRONOUNS:  # "it", "its" with no organization before it
        return True
    if len(words) == 2 and words[0].lower() in _OWN_INVESTORS and \
            words[1] in _INVESTOR_GROUPS:  # "Other investors include GV"
        return True
    return len(words) >= 2 and words[0].lower() in ("the", "this") and words[-1].islower() \
        and (is_company_noun(words[-1], english()) or words[-1] in _FUNDING_NOUNS)


def _stand_in(word: Any, label: str = _SUCCESSION) -> Any:
    """A one-word span that stands for an end its text leaves to the story: the
    organization of its leadership change (see :meth:`Rules._succession`), or with
    ``_REGULATOR_REFERENCE`` the regulator its text or story names."""
    from spacy.tokens import Span

    return Span(word.doc, word.i, word.i + 1, label=label)


def _name_goes_on(after: Any) -> bool:
    """Whether the word after a headline's object makes the object part of a longer name
    or of something of it: "buys Ball's aerospace unit", "buys Ball Aerospace unit", "the
    Intel modem unit"."""
    return after is not None and (after.lower_ in ("'s", "’s") or after.is_title
                                  or _part_follows(after))


def _part_follows(tok: Any) -> bool:
    """Whether a part's noun ends the words in small letters from ``tok`` on ("unit",
    "modem unit", "chip making business"): the name before them is of the whole."""
    for t in tok.doc[tok.i:tok.i + 5]:
        if t.lower_ in _PARTS:
            return True
        if not (t.is_alpha and t.is_lower) and t.text != "-":  # "self-driving car division"
            return False
    return False


def _majority(noun: Any) -> bool:
    """Whether a stake is a majority of its company: "majority" or "controlling", or more
    than 50 percent ("an 80 per cent stake")."""
    if noun.lower_ not in ("stake", "stakes", "holding"):
        return False
    words = list(noun.subtree)
    if any(t.lower_ in ("majority", "controlling") for t in words if t.i < noun.i):
        return True
    return any(t.i < noun.i and t.lower_ in _PERCENT_WORDS and t.i > 0
               and (_number(t.doc[t.i - 1 - (t.doc[t.i - 1].lower_ == "per")]) or 0) > 50
               for t in words)


_PERCENT_WORDS = frozenset({"percent", "%", "cent", "pct"})
_NUMBER_WORDS = {w: float(n) for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())} | {
    w: 10.0 * n for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty "
                                      "ninety".split(), start=2)} | {"hundred": 100.0}


def _number(tok: Any) -> float | None:
    """The value of a number written in digits or in words ("51", "five"), else None."""
    if tok.text.replace(".", "", 1).isdigit():
        return float(tok.text)
    return _NUMBER_WORDS.get(tok.lower_)


def _names_listed(doc: Any, k: int, ents: Mapping[int, Any]) -> list[Any]:
    """The names listed from token ``k`` on, read by their shape: words in small letters
    that describe each ("popular news anchors Lou Dobbs"), a name's possessive that
    describes the next ("Trump's former lawyer Rudy Giuliani"), joined by commas, "and",
    "as well as"."""
    found = []
    while k < len(doc):
        ent = ents.get(k)
        if ent is not None and ent.start == k:
            if ent.end < len(doc) and doc[ent.end].lower_ in ("'s", "’s"):
                k = ent.end + 1
                continue
            found.append(ent)
            k = ent.end
            while k < len(doc) and (doc[k].lower_ in (",", "and", "&", "as", "well")):
                k += 1
            continue
        if not (doc[k].is_alpha and doc[k].is_lower and _pos(doc[k]) in ("NOUN", "ADJ")):
            break
        k += 1
    return found


def _folded_names(tok: Any, ents: Mapping[int, Any]) -> list[Any]:
    """The names a list that lost a comma parsed as modifiers of a member's name
    ("Citigroup Credit Suisse and Deutsche Bank": Citigroup and Credit Suisse under
    Bank), organizations before it, through modifiers of modifiers. None for a name NER
    cut before its legal suffix ("Siemens" + "AG" is one name)."""
    own = ents[tok.i]
    if own.label_ != "ORG" or _suffix_only(own):
        return []
    found, stack = [], [c for c in tok.children if c.dep_ in ("nmod", "compound")]
    while stack:
        c = stack.pop()
        if c.i in ents and ents[c.i] != own and ents[c.i].label_ == "ORG" and \
                ents[c.i].start < own.start:
            found.append(ents[c.i])
        stack.extend(g for g in c.children if g.dep_ in ("nmod", "compound"))
    return sorted(dict.fromkeys(found), key=lambda e: e.start)


def _suffix_only(ent: Any) -> bool:
    """Whether a mention is a company's legal suffix alone ("AG", "N.V."), the rest of
    whose name NER made another mention."""
    return all(t.lower_.rstrip(".") in _LEGAL_SUFFIXES or t.is_punct for t in ent)


def _pair(kind: str, parties: list[Any]) -> list[tuple[str, Any, Any, None]]:
    """The partnership of two parties named together. More than two that launch or join
    something together ("six food companies, including Nestlé and Danone, have launched
    the Dairy Methane Alliance") form a coalition, not partnerships of each with each."""
    parties = list(dict.fromkeys(parties))
    return [(kind, parties[0], parties[1], None)] if len(parties) == 2 else []


def _controller(verb: Any) -> list[Any]:
    """Who does what an infinitive without its own subject says: the object of the verb
    it completes ("chose Tufan Erginbilgic to replace Warren East", "elected Tedros to
    serve as its director-general"), else that verb's subject ("Smith agreed to succeed
    Jones")."""
    head = verb.head
    if verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                    for c in verb.children):
        # a purpose: "Adesina won an election to be the new president of the AfDB"
        return [c for c in head.children if c.dep_ in _SUBJECTS]
    if verb.dep_ == "conj" and head.i != verb.i:
        # a verb joined to another shares its subject: "Jassy joined Amazon in 1997 and
        # became its CEO"
        return [c for c in head.children if c.dep_ in _SUBJECTS] or _controller(head)
    if verb.dep_ != "xcomp":
        return []
    return [c for c in head.children if c.dep_ == "dobj"] or [
        c for c in head.children if c.dep_ in (*_SUBJECTS, *_PASSIVE_SUBJECTS)]


def _money(tok: Any) -> bool:
    """An amount of money: "$6b", "€600 million", "2 billion dollars"."""
    words = {tok.lower_, *(c.lower_ for c in tok.subtree)}
    return bool(words & _MONEY_WORDS) or any(w[:1] in "$€£" and len(w) > 1 for w in words) or (
        # "EUR 90.5m": a currency's code and an amount in millions
        tok.lower_ in ("m", "b", "bn", "mn") and any(c.like_num for c in tok.children))


_MONEY_WORDS = frozenset({"$", "€", "£", "¥", "us$", "billion", "million", "bn", "dollars",
                          "euros", "pounds", "eur", "usd", "gbp", "chf", "yen", "yuan",
                          "rupees", "francs", "kronor", "krona"})


def _clause_head(verb: Any) -> Any:
    """The verb a clause reports to: its head, past a noun the clause describes ("a car
    it will produce" → the verb whose object the car is)."""
    head = verb.head
    if _pos(head) in ("NOUN", "PROPN") and head.dep_ in ("dobj", "pobj", "attr", "nsubj"):
        head = head.head
        if _pos(head) == "ADP":
            head = head.head
    return head


def _forms(lemmas: Iterable[str]) -> frozenset[str]:
    return frozenset(f for lemma in lemmas for f in inflections(lemma))


#: Titles between a role and a name.
_HONORIFICS = frozenset({"baroness", "dame", "dr", "lady", "lord", "mr", "mrs", "ms", "prof",
                         "professor", "sir"})
#: "investors include", "defendants are": a list of who they are.
_LISTING_FORMS = frozenset({"include", "includes", "included", "are", "were"})
#: "Monzo counts Sequoia among its investors".
_COUNTING_FORMS = _forms({"count"})
#: Officers' titles that lead nothing, listed with a role before the name ("JetBlue
#: president and COO Joanna Geraghty").
_POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’", "its"})
_OFFICER_TITLES = frozenset({"cfo", "cio", "cmo", "coo", "cso", "cto"})
#: Verbs whose subject, a lawsuit, sues their object ("The lawsuit targets Fox News").
_TARGETING_VERBS = frozenset({"accuse", "name", "target"})
#: Words that are an amount of money as a noun phrase's head: "raised 600 million euros".
_AMOUNT_WORDS = frozenset({"billion", "bn", "dollars", "euros", "million", "pounds", "yen"})
#: Reverse verbs that take no object: their subject is what the other one acquires.
_INTRANSITIVE_REVERSE = frozenset({"merge"})
#: The objects that are the subject itself: "agreed to sell itself to Amazon".
_REFLEXIVES = frozenset({"itself", "themselves"})


def _modifier(tok: Any) -> bool:
    """A word that may stand between a trigger and its object in a headline: "firm",
    "rival", "Bothell's", "$1.9 billion"."""
    return (tok.lower_ in ("'s", "’s", "-", "the", "a", "an", "its", "their", "$")
            or (_pos(tok) in ("ADJ", "NOUN", "NUM", "SYM") and not tok.is_punct))


#: Verbs of a lawsuit's aim: "a lawsuit seeking to break up", "a suit aiming to block".
_SEEKING_FORMS = frozenset({"seek", "seeks", "sought", "seeking", "aim", "aims", "aimed",
                            "aiming"})
#: Where a name may stand in its clause (the slot a misread company noun took from it).
_NAME_SLOTS = frozenset({"pobj", "dobj", "nsubj", "nsubjpass", "attr", "appos", "conj"})
#: Words that may describe a company noun before its name: "AI", "cybersecurity", "French".
_DESCRIBING_TAGS = frozenset({"NN", "NNP", "JJ"})


def mend_company_nouns(doc: Any) -> None:
    """Parse a company noun before a name as the name's modifier where the small model
    read it as a verb with the name for its object: "against AI startup/VBD
    Midjourney/dobj", "to buy cybersecurity startup/VBN Wiz", "sued chip startup/VBD
    Xcorp". (Only a noun tagged as a verb: mending a noun hung on the clause as well
    gave one wrong relation more in a held-out set and no right one.) The name
    takes the place in the clause that the noun phrase held (the object of "in", of
    "buy", of "sued"), and the noun and the words that describe it become its
    modifiers, so that every rule reads the name where a noun phrase stands."""
    lang = english()
    for ent in doc.ents:
        # (only an organization's name: a company noun introduces no person or place)
        if ent.start == 0 or ent.label_ != "ORG":
            continue
        noun, root = doc[ent.start - 1], ent.root
        if root.head.i != noun.i and root.dep_ in ("advmod", "npadvmod", "dep") and \
                noun.tag_.startswith("NN") and names_a_company(noun, lang):
            # "member companies Unilver/advmod, Mars and CVS Health", "Chinese
            # manufacturer Geely/advmod has signed": the name hung elsewhere is the one
            # its noun introduces (and a list goes on from it as parsed)
            root.head, root.dep_ = noun, "appos"
            continue
        if root.head.i != noun.i or not noun.tag_.startswith("VB") or \
                not names_a_company(noun, lang, plural=False):
            continue
        first = noun.i
        while first > 0 and doc[first - 1].tag_ in _DESCRIBING_TAGS and \
                doc[first - 1].head.i not in range(ent.end, len(doc)):
            first -= 1
        phrase = range(first, ent.end)
        slot = next((t for t in doc[first:noun.i + 1] if t.head.i not in phrase
                     and t.dep_ in _NAME_SLOTS), None)
        if slot is not None:
            head, dep = slot.head, slot.dep_
        elif noun.dep_ == "pcomp" and noun.head.tag_ == "IN":
            head, dep = noun.head, "pobj"  # "against AI startup Midjourney"
        elif noun.dep_ in ("ccomp", "advcl", "dep") and noun.head.tag_.startswith("VB") \
                and noun.head.i == first - 1 and \
                not any(c.dep_ == "dobj" for c in noun.head.children):
            head, dep = noun.head, "dobj"  # "sued chip startup Xcorp"
        else:
            continue
        others = [c for c in noun.children if c.i not in phrase]
        root.head, root.dep_ = head, dep
        for t in doc[first:noun.i + 1]:
            t.head, t.dep_ = root, "amod" if t.tag_ == "JJ" else "compound"
        for c in others:  # "for $32 billion", "over patents": the clause's, not the noun's
            c.head = head if head.tag_.startswith("VB") else root


def people_by_role(doc: Any, rules: Rules) -> list[Any]:
    """Names the model typed as a place or an organization that hold a leader's role in
    the parse, made people in ``doc.ents``; returns them. The small model reads a name it
    has not seen, most often a foreign one, as a place or a company ("Vishal Sikka
    resigns as Infosys CEO": a place; "the head of its China business, Makoto Uchida,":
    an organization); a role says what it is. A name counts where it stands:
    - right after a role ("chief executive Makoto Uchida");
    - before a comma and a role ("Vishal Sikka, CEO of Infosys");
    - apposed to a role, or after a comma that ends "a role of X" ("the head of its
      China business, Makoto Uchida");
    - as the subject of a role verb with "as" a role ("resigns as Infosys CEO").
    Only a name shaped as a person's (two to four capitalised words, none of them a
    company's, an agency's or a school's word) that is no place the gazetteer knows."""
    from spacy.tokens import Span

    lowers = [t.lower_ for t in doc]
    ranges = rules._roles(lowers, doc)
    if not ranges:
        return []
    role_starts = {start for start, _ in ranges}
    role_ends = {end - 1 for _, end in ranges}
    made, ents = [], []
    for ent in doc.ents:
        if ent.label_ in ("GPE", "ORG") and _person_shaped(ent.text) and (
                ent.start - 1 in role_ends
                or _role_after_comma(doc, ent, role_starts, rules.words.role_time_words)
                or (ent.root.dep_ == "appos" and ent.root.head.i in role_ends)
                or _after_role_of(doc, ent, role_ends)
                or _subject_as_role(ent, role_ends, rules)
                or _subject_who_leaves(ent, rules)):
            ent = Span(doc, ent.start, ent.end, label="PERSON")
            made.append(ent)
        ents.append(ent)
    if made:
        doc.ents = ents
    return made


def _role_after_comma(doc: Any, ent: Any, role_starts: set[int],
                      time_words: frozenset[str]) -> bool:
    k = ent.end + 1
    if ent.end >= len(doc) or doc[ent.end].text != ",":
        return False
    while k < len(doc) and (doc[k].lower_ in ("the", "its", "a", "an", "'s", "’s")
                            or doc[k].lower_ in time_words
                            or (doc[k].ent_type_ == "ORG" and k not in role_starts)):
        k += 1
    return k in role_starts


#: The tags of a noun phrase's words ("its China business", "India's second largest
#: software export firm Infosys").
_NOUN_PHRASE_TAGS = frozenset({"CD", "DT", "JJ", "JJR", "JJS", "NN", "NNP", "NNPS", "NNS",
                               "POS", "PRP$", "RB", "RBS"})


def _after_role_of(doc: Any, ent: Any, role_ends: set[int]) -> bool:
    """"the head of its China business, Makoto Uchida": a role, "of" and a noun phrase,
    then a comma and the name (as written, where the parser hangs the name elsewhere)."""
    k = ent.start - 1
    if k < 3 or doc[k].text != ",":
        return False
    k -= 1
    while k > 0 and doc[k].lower_ != "of" and (
            doc[k].tag_ in _NOUN_PHRASE_TAGS):
        k -= 1
    return doc[k].lower_ == "of" and k - 1 in role_ends and k < ent.start - 2


#: Verbs only a person does, said of a leader who goes ("as Eldar Saetre retires").
_LEAVING_VERBS = frozenset({"resign", "retire"})


def _subject_who_leaves(ent: Any, rules: Rules) -> bool:
    """A name that retires, resigns or steps down is a person's."""
    return ent.root.dep_ == "nsubj" and rules._goes(ent.root.head)


def _subject_as_role(ent: Any, role_ends: set[int], rules: Rules) -> bool:
    verb = ent.root.head
    return ent.root.dep_ in ("nsubj", "nsubjpass") and \
        rules._lemma(verb) in rules.words.role_verbs and \
        any(c.lower_ == "as" and any(o.i in role_ends for o in c.children if o.dep_ == "pobj")
            for c in verb.children)


def _person_shaped(name: str) -> bool:
    words = name.split()
    if not 2 <= len(words) <= 4:
        return False
    w = english_relations()
    not_personal = (w.name_endings | w.company_nouns
                    | {x.lower() for x in w.regulator_words | w.academic_words})
    for word in words:
        letters = word.replace("-", "").replace("'", "").replace("’", "")
        if not (letters.isalpha() and word[0].isupper() and not word.isupper()
                and word.lower() not in not_personal):
            return False
    from extract.places import builtin

    return not builtin().candidates(name)


def _words_whole(doc: Any) -> Any:
    """One token for an amount of money in millions or thousands: the tokenizer splits
    "£3m" into "£", "3", "m" (a metre), which the parser read as a verb ("a £3m fine to
    TalkTalk": "m"/VBP), where "$1.8bn" stays whole. And one for a verb with a hyphened
    prefix: "co-founded" split in three made "co" the verb and "founded" an adjective of
    the company ("Dorsey co-founded Twitter with Noah Glass" found no founder)."""
    merge = [(i, i + 2) for i in range(1, len(doc) - 1)
             if doc[i - 1].is_currency and doc[i].like_num and not doc[i].whitespace_
             and doc[i + 1].lower_ in _AMOUNT_UNITS]
    merge += [(i, i + 3) for i in range(len(doc) - 2)
              if doc[i].lower_ in _VERB_PREFIXES and doc[i + 1].text == "-"
              and not doc[i].whitespace_ and not doc[i + 1].whitespace_
              and doc[i + 2].is_alpha and doc[i + 2].is_lower
              # a verb's form, not a role ("co-founder", "co-chairs" stay as they are)
              and doc[i + 2].lower_.endswith(_VERB_ENDINGS)]
    if merge:
        with doc.retokenize() as retokenizer:
            for i, j in merge:
                retokenizer.merge(doc[i:j])
    return doc


#: Letters after a number that make it millions or thousands ("£3m", "$20k", "€5mn").
_AMOUNT_UNITS = frozenset({"m", "mn", "k"})
#: Prefixes written with a hyphen before a verb ("co-founded", "re-elected").
_VERB_PREFIXES = frozenset({"co", "re"})
_VERB_ENDINGS = ("ed", "ing")


def find_in_doc(doc: Any, rules: Rules) -> list[tuple[str, Any, Any, str | None]]:
    """The relations of one parsed sentence whose ``ents`` are its mentions, each once.
    The arguments' kinds are checked after resolution (``graph.tables.relation_ends``),
    which may read a mention as another kind than NER did."""
    seen, out = set(), []
    for kind, source, target, status in rules.find(doc):
        if kind == LEADS and _PRONOUN_REFERENCE in (source.label_, getattr(target, "label_", "")):
            continue  # (a role of "its" is read by the role's own rules)
        if source.label_ == _PRONOUN_REFERENCE:
            source = _antecedent(source, target)
        if target is not None and target.label_ == _PRONOUN_REFERENCE:
            target = _antecedent(target, source)
        if target is not None and source.label_ != _STORY_PAIR and (
                source == target or source.text.casefold() == target.text.casefold()):
            continue
        key = (kind, source.start, target.start if target is not None else None)
        if key not in seen:
            seen.add(key)
            out.append((kind, source, target, status))
    return out


def relations_of_texts(nlp: Any, texts: Sequence[tuple[str, str, Sequence[Any]]],
                       rules: Rules | None = None) -> list[list[Relation]]:
    """The relations of ``(text, field, mentions)`` triples, parsing only the sentences
    that name two entities (:func:`candidate_sentences`). ``nlp`` holds the
    :data:`PARSE_PIPES`, disabled for NER; they run here on those sentences alone.
    A mention that the parse shows to be a person (:func:`people_by_role`) is made one
    in its ``mentions`` list."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    from extract.ner import dateline_end

    triggers = trigger_words()
    # A dateline's place and agency ("SAN FRANCISCO (Reuters) -") take no part: the first
    # sentence is parsed from after it (the parser would make its place the subject).
    jobs = [(i, start or min(dateline_end(text), end), end, inside)
            for i, (text, _, mentions) in enumerate(texts)
            for start, end, inside in candidate_sentences(text, mentions)
            if not triggers.isdisjoint(_WORD.findall(text[start:end].lower()))
            or _STAKE_HELD.search(text, start, end)]
    out: list[list[Relation]] = [[] for _ in texts]
    if not jobs:
        return out
    rules = rules or rules_for(nlp)
    # The components run one after the other over the batch (they are disabled in the
    # pipeline, so that nlp.pipe runs NER alone).
    docs: Iterable[Any] = (_words_whole(nlp.make_doc(texts[i][0][start:end]))
                           for i, start, end, _ in jobs)
    for name in PARSE_PIPES:
        if name in nlp.component_names:
            docs = nlp.get_pipe(name).pipe(docs)
    surnames = [_surnames(mentions) for _, _, mentions in texts]
    for (i, start, end, inside), doc in zip(jobs, docs, strict=True):
        spans = []
        for m in inside:
            if m.start < start:  # in the dateline
                continue
            if m.label == "NORP":
                # "Israeli chip manufacturer Tower", "the Swiss banking giant": a
                # nationality or group describes a party and is none
                continue
            span = doc.char_span(m.start - start, m.end - start, alignment_mode="expand")
            if span is not None:
                # "PepsiCo CEO Indra Nooyi ... Nooyi is slated to be replaced by": a
                # person's surname alone, which NER read as a company or a place, is the
                # person (resolution reads it so too, after the rules)
                kind = PERSON if m.text in surnames[i] else m.kind
                spans.append(Span(doc, span.start, span.end, label=SPACY_LABELS[kind]))
        doc.ents = filter_spans(spans)
        mend_company_nouns(doc)
        field = texts[i][1]
        for person in people_by_role(doc, rules):
            _retype(texts[i][2], person.text, person.start_char + start, PERSON)
        for kind, source, target, status in find_in_doc(doc, rules):
            if kind in (ACQUIRES, INVESTS_IN) and target is not None and _bought_name(target):
                # "investing around EUR 90.5m in Valneva", "a deal to buy Hess": what is
                # bought or invested in is an organization, whatever NER read
                _retype(texts[i][2], target.text, target.start_char + start, ORGANIZATION)
            if kind in (ACQUIRES, INVESTS_IN) and source.label_ == "GPE" and \
                    _bought_name(source):
                # "the buyout of GRAIL by biotech giant Illumina": who buys or invests is
                # an organization too where NER read a place no gazetteer knows (a
                # one-word person may buy: "Musk")
                _retype(texts[i][2], source.text, source.start_char + start, ORGANIZATION)
            if kind == FINES and source.label_ == "PERSON":
                # "ordered to pay a fine by Judge Peter Fraser at Southwark Crown Court":
                # the court the judge sits at fines
                source = _court_of(source) or source
            where: tuple[int, int] | None = (source.start_char + start,
                                             source.end_char + start)
            if source.label_ == _REGULATOR_REFERENCE:
                # "the watchdog" fines or sues ("after being sued by the competition
                # watchdog"): the regulator its text names, else its story's (None).
                # (A country that fines, "Britain fines Pfizer", read as the story's
                # regulator was taken back on the held-out numbers: one more wrong.)
                court = source.root.lower_ in _COURT_NOUNS  # courts fine, but do not sue
                if kind not in (FINES, SUES) or (kind == SUES and court):
                    continue
                named = _named_regulator(texts[i][2], court=court)
                where = None if named is None else (named.start, named.end)
            if target is not None and target.label_ == _REGULATOR_REFERENCE:
                continue
            if source.label_ == _PLAINTIFF:
                where = None
            if source.label_ == _ROLE_HOLDER and source.root.lower_ not in _PEOPLE_PRONOUNS:
                where = None  # (a pronoun keeps its place: the graph reads who it is)
            if source.label_ == _STORY_PAIR:
                out[i].append(Relation(kind, field, None, None, (start, end), None))
                continue
            if target is not None and target.label_ in (_SUCCESSION, _SUCCESSION_AT):
                if not (_story_role_pattern().search(texts[i][0])
                        or _names_role_of_organization(texts[i][0], texts[i][2])):
                    continue  # "Jones replaced Smith at Real Madrid in the 60th minute"
                if target.label_ == _SUCCESSION:
                    target = None
            out[i].append(Relation(
                kind, field, where,
                None if target is None else (target.start_char + start,
                                             target.end_char + start),
                (start, end), status))
    return out


def _surnames(mentions: Sequence[Any]) -> frozenset[str]:
    """The last words of the people a text names in full ("Indra Nooyi")."""
    return frozenset(m.text.split()[-1] for m in mentions
                     if m.kind == PERSON and " " in m.text and m.text.split()[-1].isalpha())


#: Verbs and nouns of a fine its payer fights or pays (:meth:`Rules._contested_fine`).
_CONTESTING = frozenset({"appeal", "challenge", "contest", "dispute", "fight", "pay"})
_CONTESTING_FORMS = _forms(_CONTESTING)
_CASE_OUTCOME_FORMS = _forms({"win", "lose", "file", "lodge"})
#: The words of a case brought by a party (:meth:`Rules._brought_by`).
_BROUGHT = frozenset({"brought", "filed", "launched", "lodged"})
#: Verbs whose subject is the defendant of the case they govern ("lost a case brought by").
_CASE_ENDING_VERBS = frozenset({"contest", "defend", "fight", "lose", "resolve", "settle",
                                "win"})


#: Words of an act guessed, weighed or denied, not stated (:meth:`Rules._negated`).
_GUESSING = frozenset({"could", "might", "may"})
_WEIGHING = frozenset(f"{v}{e}" for v, es in (
    ("consider", ("", "s", "ed", "ing")), ("weigh", ("", "s", "ed", "ing")),
    ("mull", ("", "s", "ed", "ing")), ("contemplat", ("e", "es", "ed", "ing")),
    ("threaten", ("", "s", "ed", "ing")), ("explor", ("e", "es", "ed", "ing")))
    for e in es)
_RUMOURS = frozenset({"report", "reports", "rumour", "rumours", "rumor", "rumors",
                      "speculation", "suggestion", "suggestions"})
_DENYING = frozenset({"deny", "denies", "denied", "denying", "dismiss", "dismissed",
                      "dismisses", "dismissing", "rejected", "rejects", "reject"})


def _court_of(person: Any) -> Any:
    """The court a judge is named at ("Judge Peter Fraser at Southwark Crown Court")."""
    doc = person.doc
    for p in (p for c in person.root.children if c.dep_ == "prep" and c.lower_ == "at"
              for p in c.children if p.dep_ == "pobj"):
        court = next((e for e in doc.ents if e.start <= p.i < e.end), None)
        if court is not None and court.label_ == "ORG" and is_court(court.text):
            return court
    return None


def _retype(mentions: Any, name: str, at: int, kind: str) -> None:
    """The mention at ``at`` (and the text's other mentions of the same name) made one of
    ``kind``, in the caller's list: its kind then holds for resolution and the graph."""
    if not any(m.start == at for m in mentions):
        return
    for k, m in enumerate(mentions):
        if m.text == name and m.kind != kind:
            mentions[k] = dataclasses.replace(m, label=SPACY_LABELS[kind], kind=kind)


def _bought_name(span: Any) -> bool:
    """Whether a relation's end that NER read as a place or a person is a name that no
    place or person holds: a place the gazetteer does not know, or one word read as a
    person ("Hess")."""
    from extract.places import builtin

    if span.label_ == "GPE":
        return not builtin().candidates(span.text)
    return span.label_ == "PERSON" and len(span) == 1 and span.text[:1].isupper()


def _named_regulator(mentions: Sequence[Any], *, court: bool = False) -> Any:
    """The mention of the one regulator (or with ``court``, the one court) a text names,
    which "the watchdog" (or "the court") stands for there; None if it names none or
    several."""
    named = [m for m in mentions if m.kind == ORGANIZATION and is_regulator(m.text)
             and court == is_court(m.text)]
    return named[0] if len({_regulator_key(m.text) for m in named}) == 1 else None


_WORD = re.compile(r"[a-z]+")
#: A stake held (:data:`_HOLDING_VERBS`), whose verbs are too common to be triggers alone.
_STAKE_HELD = re.compile(r"\b(?:hold|holds|held|holding|own|owns|owned|owning)\b[^.]{0,60}?"
                         r"(?:%|\bper ?cent\b|\bpct\b)", re.IGNORECASE)
#: One leader following another ("He will be replaced by Thomas Gottstein", "a successor
#: to Thomas Bach", "appointed Fernando Fernandez to take over"): a sentence that names
#: one person is parsed for it.
_SUCCEEDS = re.compile(r"\b(?:replac(?:e|es|ed|ing)|succe(?:ed|eds|eded|eding|ssor|ssors)"
                       r"|predecessors?|(?:take|takes|taken|taking|took) over)\b",
                       re.IGNORECASE)
#: A lawsuit with one party named: its plaintiff ("face a lawsuit from the city of
#: Chicago") or its defendants ("lists Shell and BP as defendants") are the story's.
_SUED = re.compile(r"\b(?:sue[sd]?|suing|(?:law)?suits?|defendants?)\b", re.IGNORECASE)
#: A fine stated without who imposed it ("Thames Water has been fined £120 million"), or
#: paid to no one named ("Qantas will pay $120m in fines", "will pay $20 million to
#: settle a charge").
_FINED = re.compile(r"\b(?:fined|penali[sz]ed)\b|\b(?:pay|pays|paid|paying)\b[^.]*?"
                    r"\b(?:fines?|penalt(?:y|ies)|settle)\b|"
                    r"\b(?:hit|slapped|slammed)\s+with\b(?:[^.]|\.\d)*?"
                    r"\b(?:fines?|penalt(?:y|ies))\b",
                    re.IGNORECASE)


@cache
def _story_role_pattern() -> re.Pattern[str]:
    """The roles that may belong to the story's organization, as whole phrases ("chief
    executive", not "chief" or "executive" alone: a sentence that names one entity is
    parsed only for them)."""
    words = english_relations()
    phrases = sorted(map(_role_phrase, words.story_roles | words.board_roles), key=len,
                     reverse=True)
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b", re.IGNORECASE)


def _role_phrase(role: tuple[str, ...]) -> str:
    """A regular expression of a role's words, as text writes them."""
    out = re.escape(role[0])
    for before, word in itertools.pairwise(role):
        out += (r"\s*" if "-" in (before, word) else r"\s+") + re.escape(word)
    return out


def _names_role_of_organization(text: str, mentions: Sequence[Any]) -> bool:
    """Whether ``text`` names a leading role of an organization it names ("the next
    governor of the Bank of England", "president of the International Olympic
    Committee"): then its leadership change is that kind of organization's."""
    starts = {m.start for m in mentions if m.kind == ORGANIZATION}
    # (a name NER read with its article: "president of the African Development Bank")
    return any(match.end() in starts or match.start(1) in starts
               for match in _role_of_pattern().finditer(text))


@cache
def _role_of_pattern() -> re.Pattern[str]:
    words = english_relations()
    roles = sorted(map(_role_phrase, {*words.roles, *words.bank_roles}), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(roles) + r")\s+of\s+((?:the\s+)?)", re.IGNORECASE)


@cache
def _pair_pattern() -> re.Pattern[str]:
    """"the two companies ... a joint venture": a sentence that names no one is parsed
    for a partnership of the two its story is about."""
    words = english_relations()
    nouns = "|".join(sorted(n[:-1] + "ies" if n.endswith("y") else n + "s"
                            for n in words.company_nouns))
    pairs = "|".join(sorted(words.pair_nouns))
    return re.compile(r"\b(?:[Tt]he|[Bb]oth)\s+(?:two\s+)?(?:" + nouns + r")\b.*\b(?:"
                      + pairs + r")\b", re.IGNORECASE)


@cache
def _regulator_reference_pattern() -> re.Pattern[str]:
    """"the regulator", "the banking watchdog": a sentence that names one entity is parsed
    for such a phrase when its text names the regulator it stands for."""
    nouns = "|".join(sorted(english_relations().regulator_nouns))
    return re.compile(r"(?:\b[Tt]he|[A-Z][a-z]+['’]s)\s+(?:[a-z-]+\s+){0,2}(?:" + nouns
                      + r")\b")


@cache
def _company_reference_pattern() -> re.Pattern[str]:
    """"the company", "the Swiss group": a sentence that names one entity is parsed for
    such a phrase, which stands for the organization its story is about
    ("Google will invest $2 billion in the startup")."""
    nouns = "|".join(sorted(english_relations().company_nouns))
    return re.compile(r"\b(?:[Tt]he|[Tt]his)\s+(?:[A-Za-z-]+\s+){0,2}(?:" + nouns
                      + r"|round|funding)\b")


def _rule_lemmas(w: RelationWords) -> set[str]:
    """The words the rules start from, as lemmas, and phrases whole ("take over")."""
    lemmas = {verb for kinds in w.object_verbs.values() for verb in kinds}
    lemmas |= {verb for kinds in w.preposition_verbs.values() for verb in kinds}
    # A frame's noun starts it (its verbs are read, but the noun must be there).
    lemmas |= {n for _, nouns, _ in w.noun_frames.values() for n in nouns}
    lemmas |= {n for nouns, _ in (*w.relation_nouns.values(), *w.reverse_nouns.values(),
                                  *w.agent_nouns.values())
               for n in nouns}
    lemmas |= w.lawsuit_verbs
    lemmas |= {v for verbs, _, _ in w.reverse_frames.values() for v in verbs
               if v not in w.reverse_noun_verbs}  # (their nouns start them)
    lemmas |= {v for verbs, _ in w.reverse_verbs.values() for v in verbs}
    lemmas |= w.order_verbs | w.backed_words | w.led_words | w.penalty_verbs | {"court"}
    lemmas |= w.settlement_nouns | w.payment_verbs
    lemmas.discard("*")
    return lemmas


@cache
def trigger_words() -> frozenset[str]:
    """Every word some rule starts from, in all its forms, role words included: a
    sentence with none of them states no relation, and is not parsed."""
    w = english_relations()
    # (a role of several words by its first word: "chief executive officer" by "chief",
    # "co-founder" by "founder")
    lemmas = _rule_lemmas(w) | {next(t for t in role if len(t) > 2)
                                for role in (*w.roles, *w.agency_roles, *w.bank_roles)}
    lemmas |= _SUCCESSION_VERBS  # "Mr van Beurden will be replaced by Wael Sawan"
    lemmas |= _LEAVING_VERBS  # "after Steve Ballmer announced his intention to retire"
    lemmas |= {"settle"}  # "Meta settles with the FTC for $5 billion"
    lemmas |= {"successor", "predecessor"}  # "a successor to Thomas Bach"
    lemmas |= {"defendant"}  # "Defendants include Shell and BP"
    lemmas |= {"participate", "participation"}  # "Nvidia also participated in the round"
    lemmas |= _HANDED_WORDS | {"hand"}  # "make way for", "hand over to"
    lemmas |= {w.rstrip(".") for w in _VERSUS}  # "the Epic v. Apple case"
    lemmas |= _TOGETHER  # "Ford and Volkswagen will jointly develop"
    # A phrase's particle starts nothing alone ("over" of "take over" is in "over the past
    # year"; the verb is a trigger too): only the first word of a phrase is one.
    phrases = [p for p in lemmas if " " in p]
    lemmas = {p for p in lemmas if " " not in p} | {p.split()[0] for p in phrases}
    return frozenset(f for lemma in lemmas for part in re.findall(r"[a-z]+", lemma)
                     for f in inflections(part)) | _PROVIDED  # (the passive alone is read)


_RULES: dict[int, Rules] = {}


def rules_for(nlp: Any) -> Rules:
    """The rules for a pipeline's vocabulary, built once per process."""
    rules = _RULES.get(id(nlp.vocab))
    if rules is None:
        rules = _RULES[id(nlp.vocab)] = Rules(nlp.vocab)
    return rules


def is_regulator(name: str) -> bool:
    """A name with a regulator's or court's word in it (the source of ``FINES``), or a
    name of the built-in alias table whose other names have one ("Ofcom", the Office of
    Communications; "CNIL", the French data protection authority; "CFPB")."""
    return _has_regulator_word(name) or name in _known_regulators()


def is_academic(name: str) -> bool:
    """A university's, college's or school's name: it has no company roles."""
    return not english_relations().academic_words.isdisjoint(name.split())


def is_court(name: str) -> bool:
    """A court's or judge's name (it fines, but sues nobody)."""
    return not _COURT_WORDS.isdisjoint(name.split())


def _regulator_key(name: str) -> str:
    """One key for every name of a regulator ("FCA", "Financial Conduct Authority")."""
    return _known_regulators().get(name, name).casefold()


def _has_regulator_word(name: str) -> bool:
    words = english_relations().regulator_words
    return any(word in words for word in re.findall(r"[^\W\d_]+", name))


@cache
def _known_regulators() -> dict[str, str]:
    from extract.aliases import load_aliases

    # Words that also name news agencies and companies ("Xinhua News Agency", "Moody's
    # Investors Service", "Home Box Office") count in another name only as "Office of".
    loose = {"Agency", "Office", "Service", "Union"}
    words = english_relations().regulator_words - loose

    def says_regulator(name: str) -> bool:
        return bool(words.intersection(re.findall(r"[^\W\d_]+", name))) or bool(
            re.search(r"\bOffice (?:of|for)\b", name))

    return {name: entry.name for entry in load_aliases(None).entries.values()
            if entry.kind == ORGANIZATION
            and any(map(says_regulator, (entry.name, *entry.aliases)))
            for name in (entry.name, *entry.aliases)}
