"""Title Case headlines in sentence case, for the statistical model's sake.

A headline written in Title Case ("Acme Wins A Round In The Patent Battle") gives a small
model every word as a possible proper noun, and it tags fragments as organizations or
people. Before NER such a headline is put in sentence case, keeping the capitals of:

- the first word;
- words the story's excerpt writes with a capital inside a sentence, in any case and with
  or without accents (so names are kept, and a word that is only capitalised because it
  starts a sentence is not);
- names the alias table knows (its exact spellings, up to five words);
- all-caps words and words with capitals inside them (``FTC``, ``U.S.``, ``OpenAI``).

Only letters whose lower-case form has the same length change, so every offset in the
sentence-case text is the offset in the headline, and spans found in one are read back
from the other as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from extract.names import fold_name

_WORD = re.compile(r"[^\W\d_]+(?:['’.\-][^\W\d_]+)*\.?", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?:;]\s*$|[\"“”]\s*$")
#: A headline is Title Case when this share of its longer words (4+ letters) is capitalised.
TITLE_CASE_SHARE = 0.75
_MIN_LONG_WORDS = 3
_MAX_NAME_WORDS = 5


def _capitalised(word: str) -> bool:
    return word[0].isupper()


def is_title_case(title: str) -> bool:
    """Whether most longer words of ``title`` start with a capital (or it is in capitals)."""
    long_words = [w for w in _WORD.findall(title) if len(w.rstrip(".")) >= 4]
    if len(long_words) < _MIN_LONG_WORDS:
        return False
    capitals = sum(1 for w in long_words if _capitalised(w))
    return capitals >= TITLE_CASE_SHARE * len(long_words)


def capitalised_in_text(text: str) -> set[str]:
    """Words written with a capital inside a sentence of ``text`` (not first in it), by
    their :func:`~extract.names.fold_name` key without accents: a headline's "Softbank" is
    the excerpt's "SoftBank", its "Agnès" the excerpt's "Agnes"."""
    found = set()
    previous_end = 0
    for match in _WORD.finditer(text):
        word = match.group().rstrip(".")
        before = text[previous_end:match.start()]
        sentence_start = previous_end == 0 or bool(_SENTENCE_END.search(
            text[max(0, match.start() - 3):match.start()])) or "\n" in before
        if _capitalised(word) and not sentence_start:
            found.add(fold_name(_bare(word), accents=False))
        previous_end = match.end()
    return found


def _bare(word: str) -> str:
    """A word without a possessive: ``Amazon's`` → ``Amazon``."""
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)]
    return word


def _keeps_case(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return True  # FTC, U.S., NASA
    return any(c.isupper() for c in word[1:] if c.isalpha())  # OpenAI, McDonald's


def sentence_case(title: str, excerpt: str = "", *,
                  known: Callable[[str], bool] | None = None) -> str:
    """``title`` in sentence case when it is written in Title Case; else ``title`` itself.

    ``known(text)`` says whether the alias table knows a spelling as a name.
    """
    if not is_title_case(title):
        return title
    words = list(_WORD.finditer(title))
    keep: set[int] = {0} if words else set()
    names_in_excerpt = capitalised_in_text(excerpt)
    for i, match in enumerate(words):
        word = match.group()
        if _keeps_case(word) or \
                fold_name(_bare(word.rstrip(".")), accents=False) in names_in_excerpt:
            keep.add(i)
    if known is not None:
        for size in range(min(_MAX_NAME_WORDS, len(words)), 0, -1):
            for begin in range(len(words) - size + 1):
                span = range(begin, begin + size)
                if all(i in keep for i in span):
                    continue
                text = title[words[begin].start():words[begin + size - 1].end()]
                if known(_bare(text)):
                    keep.update(span)
    chars = list(title)
    for i, match in enumerate(words):
        if i in keep:
            continue
        for pos in range(match.start(), match.end()):
            lower = chars[pos].lower()
            if len(lower) == 1:
                chars[pos] = lower
    return "".join(chars)
