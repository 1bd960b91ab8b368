"""Chronik's one text toolkit: how German text is cut into tokens and sentences, folded and
stemmed, for the corpus (headlines), the entity and date taggers, the timeline and the index.

- Tokens follow the conventions of the GermEval 2014 data the tagger is trained on: punctuation
  is split off, hyphenated compounds ("US-Präsident", "Ukraine-Krieg") stay one token, ordinals
  ("3.") and abbreviations ("z.B.", "Dr.", initials such as "W.") keep their dot. Every token is
  ``text[start:end]``, so spans built from tokens are exact offsets.
- Sentences end at end punctuation followed by a capital, a digit or a quote, and at line
  breaks; never after an abbreviation of ``ABBREVIATIONS`` or an ordinal ("am 3. Mai").
- ``fold_letters`` maps umlauts to their vowel, ß to "ss" and drops diacritics (one table for
  the search index and for names); ``snowball`` is the Snowball German stemmer (PyStemmer).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import Stemmer

from tui.corpus import deadline

# Umlauts as their vowel, ß as "ss", the typographic apostrophe as the plain one.
FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "’": "'"})
_GERMAN = Stemmer.Stemmer("german")


_UMLAUT_BACK = str.maketrans("äöüÄÖÜ", "aouAOU")


def without_umlauts(word: str) -> str:
    """Umlauts as their vowel, case kept: a plural's singular ("Mütter" -> "Mutter")."""
    return word.translate(_UMLAUT_BACK)


def strip_marks(word: str) -> str:
    """Diacritics dropped: "davutoğlu" -> "davutoglu"."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def fold_letters(word: str) -> str:
    """A lower-case word through ``FOLD`` and ``strip_marks``: "österreich" -> "osterreich"."""
    return strip_marks(word.translate(FOLD))


def snowball(word: str) -> str:
    """The Snowball German stem of a lower-case word: "telefonats" -> "telefonat"."""
    stem: str = _GERMAN.stemWord(word)
    return stem


# Abbreviations that keep their dot and never end a sentence (lower case; the tokenizer, the
# sentence splitter and the corpus's headline cutter all read this list). Closed-class German
# orthography, not names: kept short on purpose.
ABBREVIATIONS = frozenset(
    """
    bzw ca usw vgl evtl ggf inkl insb etc ua u.a z.B d.h z.T o.ä s.o s.u i.d.R
    dr prof st hl nr str tel abs art bd jh jhd mio mrd min max zb sog ehem geb gest u z dt engl
    """.split()
)

_WORD = r"[^\W_][\w'’·]*(?:(?:[-‐‑](?=[^\W_])|\.(?=[^\W\d_]\.))[\w'’·]*)*"
_TOKEN = re.compile(
    rf"""
      (?:[^\W\d_]\.){{2,}}             # z.B.  U.S.  d.h.
    | \d{{1,3}}(?:[.,]\d{{3}})+(?:,\d+)?(?![-‐‑\w])   # 1.000.000  2.500,50
    | \d+(?:[.,:]\d+)*(?![-‐‑\w])      # 2025  3,5  18:30 (but "30-Tage-Plan" is one word)
    | {_WORD}[-‐‑]?                     # words, hyphen compounds, "Mecklenburg-"
    | \S                               # anything else, one character
    """,
    re.VERBOSE,
)
_DAY_MONTH = re.compile(r"\d{1,2}\.\d{1,2}")
_ROMAN = re.compile(r"[IVX]{1,5}")
_SENTENCE_END = frozenset(".!?…")
_OPENERS = frozenset('"„»«“')  # a sentence may start with these
_CLOSERS = frozenset("\"'»«“”‘’)]")


class Token(NamedTuple):
    # A NamedTuple, not a frozen dataclass: there is one per word of the corpus,
    # and a tuple is several times cheaper to create.
    start: int
    end: int
    text: str


def _attach_dot(text: str, start: int, nxt: int) -> bool:
    """Whether the dot right after the token ``text[start:nxt]`` belongs to it (ordinal,
    abbreviation, initial)."""
    word = text[start:nxt]
    if _DAY_MONTH.fullmatch(word):
        # "(APA, 29.8. 2015)": a date's day and month keep their dot before its year.
        rest = text[nxt + 1 : nxt + 3]
        return rest[:1] == " " and rest[1:2].isdigit()
    if word.isdigit():
        # "3. Oktober", "am 1. Mai": an ordinal is short and followed by more of the sentence.
        if len(word) > 2:
            return False
        rest = text[nxt + 1 : nxt + 3]
        return rest[:1] == " " and rest[1:2].isalnum()
    if word.lower() in ABBREVIATIONS:
        return True
    after = text[nxt + 1 : nxt + 3]
    if not word.isupper():
        return False
    # A single capital before a dot and a capitalised word is an initial: "George W. Bush".
    if len(word) == 1 and after[:1] == " " and after[1:2].isupper():
        return True
    # After a name, a regnal number ("Elisabeth II. als") or a shortened surname ("Nico G.
    # freut sich", "Claudia B.: ...") keeps its dot where the sentence goes on in lower case.
    goes_on = after[:1] in (":", ",") or (after[:1] == " " and after[1:2].islower())
    if (len(word) == 1 or _ROMAN.fullmatch(word)) and goes_on:
        before = text[max(0, start - 40) : start].rstrip(" ").rsplit(" ", 1)[-1]
        return before[:1].isupper() and before[1:].islower() and before.isalpha()
    return False


_PIECE = 1 << 16  # characters tokenised at a time (between two looks at the time limit)
_SPACE = re.compile(r"\s")


def token_arrays(
    text: str, start: int = 0, end: int | None = None, timed: bool = True
) -> tuple[list[int], list[int], list[str]]:
    """Starts, ends and texts of the tokens: three flat lists, cheaper than a Token per word.
    ``timed``: give up when the file's time is up (``deadline``); off for a short piece of
    text whose caller has a fallback of its own to run when the time is up."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    at = start
    while at < end:
        # No token spans white space: a piece that ends after a space tokenises as the whole does.
        stop = end
        if end - at > _PIECE:
            space = _SPACE.search(text, at + _PIECE, end)
            stop = space.end() if space else end
        spans += [m.span() for m in _TOKEN.finditer(text, at, stop)]
        at = stop
        if timed:
            deadline.check()
    # A dot is a token of its own, unless it belongs to the word right before it ("Dr.", "3.").
    starts: list[int] = []
    ends: list[int] = []
    last = -1
    for k, (s, e) in enumerate(spans):
        if s < last:
            continue  # the dot taken by the token before
        if e < end and text[e] == "." and text[e - 1].isalnum() and _attach_dot(text, s, e):
            e += 1
        starts.append(s)
        ends.append(e)
        last = e
    return starts, ends, [text[s:e] for s, e in zip(starts, ends)]


@lru_cache(maxsize=32)
def text_tokens(text: str) -> tuple[list[int], list[int], list[str]]:
    """``token_arrays`` of a whole text, kept for the few dozen texts last asked for: dates,
    recognition, name consistency and the timeline each need the tokens of the same article,
    and a worker dates the articles of 16 files before it tags them together. Read-only."""
    return token_arrays(text)


@lru_cache(maxsize=32)
def text_sentences(text: str) -> list[tuple[int, int]]:
    """``sentence_ranges`` of a whole text's ``text_tokens``, kept likewise. Read-only."""
    return sentence_ranges(*text_tokens(text), text)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    return [Token(*t) for t in zip(*token_arrays(text, start, end))]


def sentence_ranges(starts: list[int], ends: list[int], words: list[str], text: str) -> list[tuple[int, int]]:
    """[a, b) token index ranges of the sentences: split at end punctuation (unless more
    follows in lower case) and at line breaks between tokens."""
    out: list[tuple[int, int]] = []
    n = len(words)
    first = 0
    for i in range(n):
        if i > first and starts[i] > ends[i - 1] and "\n" in text[ends[i - 1] : starts[i]]:
            out.append((first, i))
            first = i
        w = words[i]
        if w in _SENTENCE_END:
            nxt = words[i + 1] if i + 1 < n else None
            # Closing quotes and brackets after the full stop stay with the sentence.
            if nxt is not None and nxt in _CLOSERS and starts[i + 1] == ends[i]:
                continue
            if nxt is None or nxt[:1].isupper() or nxt[:1].isdigit() or nxt[:1] in _OPENERS:
                out.append((first, i + 1))
                first = i + 1
        elif w in _CLOSERS and i - first >= 1 and words[i - 1] in _SENTENCE_END:
            nxt = words[i + 1] if i + 1 < n else None
            if nxt is None or nxt[:1].isupper():
                out.append((first, i + 1))
                first = i + 1
    if first < n:
        out.append((first, n))
    return out


_END_CANDIDATE = re.compile(r"[.!?…][\"'»«“”‘’)\]]*\s+(?=[\"„»«“\w])")


def first_sentence(text: str, limit: int = 600) -> str:
    """The first sentence of ``text`` (a paragraph), not fooled by "St. Petersburg" or
    "17. März"; the whole text when no sentence ends within its first ``limit`` characters
    (headlines are short). Each end punctuation is judged by ``sentence_ranges`` on the tokens
    around it, so a paragraph is not tokenised whole to find its first full stop; a full stop
    after a plain word and before a capital, the common case, needs no tokens at all."""
    for m in _END_CANDIDATE.finditer(text, 0, min(len(text), limit)):
        at = m.start()
        if text[at] == "." and _plain_end(text, m):
            return text[: at + 1]
        lo = text.rfind(" ", 0, max(0, at - 60)) + 1
        starts, ends, words = token_arrays(text, lo, min(len(text), m.end() + 40), timed=False)
        for _a, b in sentence_ranges(starts, ends, words, text)[:-1]:
            if at <= ends[b - 1] <= m.end():
                return text[: ends[b - 1]]
    return text


def _plain_end(text: str, m: re.Match[str]) -> bool:
    """A full stop right after a word of letters that is neither an abbreviation nor in capitals
    (an initial, a regnal number), followed by white space and what starts a sentence: the
    tokenizer leaves such a dot alone and ``sentence_ranges`` ends the sentence there."""
    nxt = text[m.end() : m.end() + 1]
    if m.group()[1:2] not in (" ", "\n") or not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
        return False
    word = text[text.rfind(" ", 0, m.start()) + 1 : m.start()]
    return word.isalpha() and not word.isupper() and word.lower() not in ABBREVIATIONS


def sentences(text: str) -> list[list[Token]]:
    starts, ends, words = arrays = token_arrays(text)
    tokens = [Token(*t) for t in zip(*arrays)]
    return [tokens[a:b] for a, b in sentence_ranges(starts, ends, words, text)]
