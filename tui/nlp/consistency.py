"""Labels made consistent within a text, and the corpus's names carried into it.

The tagger reads a sentence at a time and may call one name two things, or miss a
repetition. ``consistent`` gives each name of a text its majority label (the corpus's
verdict, ``NameIndex``, overriding it), labels untagged occurrences of tagged names and of
the corpus's names, lets a bare surname or a genitive take its person's label, and lets a
name known in full win over shorter chunks inside an occurrence of it. A common noun that
spells a name takes its label only where the text names it and it does not read as a noun
("Oskar Deutsch" makes "sagte Deutsch" a person, never "auf Deutsch").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from tui.corpus import deadline
from tui.corpus.lexicon import FUNCTION_WORDS
from tui.corpus.text import text_tokens
from tui.nlp import chunkrules
from tui.nlp.chunkrules import NAME_LABELS
from tui.nlp.features import Lexicon
from tui.nlp.names import PARTICLES, family_name, majority, phrase_norm, stem
from tui.nlp.spans import Span, non_overlapping

CACHE_LIMIT = 300_000  # word forms whose features (or whose look-ups) stay cached
_GENITIVE = ("'s", "’s", "s", "es", "'", "’")
# Words that start with a capital letter, as the tokeniser would find them.
_CAPITALISED = re.compile(r"(?<![\w'’.-])[^\W\d_a-zß][\w'’-]*", re.UNICODE)


def genitive_base(word: str) -> str | None:
    """The name a genitive or possessive form is of ("Putins", "Trump's"), None for no such form."""
    if word[-1:] not in ("s", "'", "’"):
        return None
    for cut in _GENITIVE:
        if word.endswith(cut) and len(word) - len(cut) >= 3:
            return word[: -len(cut)]
    return None


class NameIndex:
    """Names with their labels, indexed for finding their occurrences in a token list."""

    def __init__(self, label_of: dict[str, str]) -> None:
        self.label_of = label_of
        self.single = {
            n: lab
            for n, lab in label_of.items()
            if " " not in n and n[:1].isupper() and n.lower() not in FUNCTION_WORDS
        }
        self.multi: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        self.span_chars: dict[str, int] = {}
        for n, lab in label_of.items():
            # Names that start with an article ("Die Linke") are left to the tagger: every
            # sentence-initial "Die" would otherwise be a candidate.
            if " " in n and n.split(" ", 1)[0].lower() not in FUNCTION_WORDS:
                norm = phrase_norm(n)
                self.multi[norm[0]].append((norm, lab))
                self.span_chars[norm[0]] = max(self.span_chars.get(norm[0], 0), len(n))
        for cands in self.multi.values():
            cands.sort(key=lambda c: -len(c[0]))
        # Every written form of a one-word name: "Putin", "Putins", "Trump's"; "Nato" for "NATO".
        self.forms: dict[str, str] = {}
        for n, lab in self.single.items():
            for end in _GENITIVE:
                if len(n) >= 3:
                    self.forms.setdefault(n + end, lab)
            if n.isupper() and len(n) >= 3:
                self.forms.setdefault(n[0] + n[1:].lower(), lab)
        self.forms.update(self.single)
        # People's family names that begin with particles ("von der Leyen", "de Maizière"), by
        # their last word: the scan for names starts at capitalised words.
        self.particled: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for n, lab in label_of.items():
            words = n.split(" ")
            if lab == "PER" and len(words) > 1 and all(w.lower() in PARTICLES for w in words[:-1]):
                self.particled[words[-1]].append(tuple(w.lower() for w in words[:-1]))
        for particles in self.particled.values():
            particles.sort(key=lambda c: -len(c))
        self._wants: dict[str, bool] = {}

    def wants(self, word: str) -> bool:
        """Whether ``word`` is a form of a one-word name or may start a longer one."""
        known = self._wants.get(word)
        if known is None:
            if len(self._wants) > CACHE_LIMIT:
                self._wants.clear()
            # (The corpus's index is asked about every capitalised word of every text: kept.)
            known = self._wants[word] = (
                word in self.forms or word in self.particled or (bool(self.multi) and stem(word) in self.multi)
            )
        return known

    def phrase_at(self, words: Sequence[str], i: int) -> tuple[int, str] | None:
        """(length, label) of the longest name starting at word i, inflected forms included
        ("dem Weißen Haus" for "das Weiße Haus")."""
        # Tokens hold no spaces, so the name's normal form is compared word by word.
        n = len(words)
        for norm, lab in self.multi.get(stem(words[i]), ()):
            k = len(norm)
            if i + k <= n and all(stem(words[i + j]) == norm[j] for j in range(1, k)):
                return k, lab
        return None


EMPTY_INDEX = NameIndex({})


def consistent(text: str, spans: list[Span], known: NameIndex, lexicon: Lexicon | None = None) -> list[Span]:
    """Majority label per name, and untagged repeats of tagged names (and surnames) labelled.

    ``known`` (the corpus's verdicts) overrides this text's own majority: it
    counts more evidence.
    """
    if lexicon is not None:
        spans = _without_noun_people(spans, lexicon)
    votes: dict[str, Counter[Any]] = defaultdict(Counter)
    for s in spans:
        votes[s.text][s.label] += 1
        if " " not in s.text and (base := genitive_base(s.text)):
            votes[base][s.label] += 1  # "Putins" votes for "Putin"
        if s.label == "PER" and (last := family_name(s.text)):
            votes[last]["PER"] += 1  # a person named in full votes for the family name
    label_of = {name: known.label_of.get(name) or majority(c) for name, c in votes.items()}
    # Once "Wladimir Putin" is a person here, "Putin" and "Putins" here are that person.
    for s in spans:
        if s.label == "PER" and label_of.get(s.text) == "PER" and (last := family_name(s.text)):
            label_of[last] = "PER"
    # A genitive takes the label of its name: "Putins" that of "Putin", "Googles" that of "Google".
    # A word the corpus knows as a name of its own keeps its verdict unless the text names the
    # shorter word too: "die Neos" (a party) are no genitive of "Neo" (a person elsewhere).
    named = {s.text for s in spans}
    for name in label_of:
        if " " not in name and (base := genitive_base(name)) and base in votes:
            if name in known.label_of and base not in named:
                continue
            base_label = known.label_of.get(base) or label_of[base]
            if base_label == "PER" or votes[base].total() > votes[name].total():
                label_of[name] = base_label
    if lexicon is not None:
        # First name + a surname known as a person's is a person ("Melania Trump").
        for s in spans:
            words = s.text.split()
            if (
                len(words) > 1
                and "FIRST" in lexicon.labels.get(words[0], ())
                and (known.label_of.get(words[-1]) or label_of.get(words[-1])) == "PER"
            ):
                label_of[s.text] = "PER"
    spans = [Span(s.start, s.end, label_of.get(s.text, s.label), s.text) for s in spans]
    own = NameIndex(label_of)
    # The distinct capitalised words are few: decide once per word whether it can be a name.
    wanted = {w for w in set(_CAPITALISED.findall(text)) if w[:1].isupper() and (own.wants(w) or known.wants(w))}
    if not wanted:
        return non_overlapping(spans)
    # The text is tokenised once; each occurrence then costs the length of the names it may start,
    # whatever the length of its sentence.
    starts, ends, words = text_tokens(text)
    covered = sorted((s.start, s.end) for s in spans)
    extra: list[Span] = []
    # An abbreviation's dot is no part of the name looked up ("Dr."; no wanted word has a dot).
    found = wanted | {w + "." for w in wanted}
    for n, i in enumerate([i for i, w in enumerate(words) if w in found]):
        if not n & 1023:
            deadline.check()
        w = words[i]
        if w[-1:] == ".":
            w = w[:-1]
        start = starts[i]
        # "sagte von der Leyen", the person named in full elsewhere: the particles are the name's.
        particles = next(
            (
                p
                for p in (*own.particled.get(w, ()), *known.particled.get(w, ()))
                if i >= len(p) and tuple(x.lower() for x in words[i - len(p) : i]) == p
            ),
            None,
        )
        if particles:
            begin = starts[i - len(particles)]
            extra.append(Span(begin, start + len(w), "PER", text[begin : start + len(w)]))
            continue
        first = stem(w)
        if first in own.multi or first in known.multi:
            hit = own.phrase_at(words, i) or known.phrase_at(words, i)
            if hit:
                end = ends[i + hit[0] - 1]
                if "\n" not in text[start:end]:
                    extra.append(Span(start, end, hit[1], text[start:end]))
                    continue
        lab = known.forms.get(w) or own.forms.get(w)
        if lab is not None and lexicon is not None and _unsupported(words, i, w, lexicon, w in own.forms):
            continue
        if lab == "PER" and w not in own.forms and lexicon is not None and chunkrules.noun_pair(w, lexicon):
            continue  # (see ``_without_noun_people``)
        if lab is not None:
            extra.append(Span(start, start + len(w), lab, w))
    if extra:
        # A name the text or the corpus knows in full wins over shorter chunks inside an
        # occurrence of it: "Bridge of Spies" over the tagger's "Bridge" and "Spies".
        # Not a chunk that ran on into a common noun ("Gaulands Äußerung") over good ones.
        wider = [
            e
            for e in extra
            if " " in e.text
            and _only_inside(e, covered)
            and not (
                lexicon is not None
                and (
                    _common_noun(e.text.rsplit(" ", 1)[1], lexicon)
                    # nor a person behind a role noun ("Jagdethiker Winkelmayer")
                    or (e.label == "PER" and _role_like(e.text.split(" ", 1)[0], lexicon))
                )
            )
        ]
        if wider:
            spans = [s for s in spans if not any(w.start <= s.start and s.end <= w.end for w in wider)]
        spans = spans + [e for e in extra if not _overlaps(e, covered)] + wider
    return non_overlapping(spans)


def _without_noun_people(spans: list[Span], lexicon: Lexicon) -> list[Span]:
    """``spans`` without the lone words that are compounds of two common nouns tagged as
    people ("Laut Staatsschutzgesetz sollen ...", "Bildschirmhersteller rechnet mit ..."),
    unless the text names that person in full ("Johannes Schmuckenschlager" makes a later
    "Schmuckenschlager" a person): family names are compounds too."""
    if not any(s.label == "PER" and " " not in s.text for s in spans):
        return spans
    full = {family_name(s.text) for s in spans if s.label == "PER" and " " in s.text}
    return [
        s
        for s in spans
        if not (s.label == "PER" and " " not in s.text and s.text not in full and chunkrules.noun_pair(s.text, lexicon))
    ]


def _unsupported(words: Sequence[str], i: int, word: str, lexicon: Lexicon, named_here: bool) -> bool:
    """Whether word i should not take the label of the name it spells. A common noun
    ("Kraft", "Mutter", "Deutsch") takes it only in a text that names it ("Oskar Deutsch"
    there, not elsewhere in the corpus), and not where it reads as a noun ("in Kraft", "die
    Mutter"); a sentence-initial word mostly written in lower case ("Ist") never."""
    if chunkrules.is_type_noun(words, i, lexicon):
        return True
    start = chunkrules.at_sentence_start(words, i)
    if chunkrules.noun_like(word, lexicon) and (not named_here or start or chunkrules.in_noun_context(words, i)):
        return True
    return start and chunkrules.common_at_start(word, lexicon)


def _common_noun(word: str, lexicon: Lexicon) -> bool:
    labels = lexicon.labels.get(word, frozenset())
    return "NOUN" in labels and not labels & NAME_LABELS


def _role_like(word: str, lexicon: Lexicon) -> bool:
    """A common noun, or a compound no list knows that ends in one ("Jagdethiker")."""
    return _common_noun(word, lexicon) or (not lexicon.labels.get(word) and chunkrules.noun_compound(word, lexicon))


def _only_inside(span: Span, covered: list[tuple[int, int]]) -> bool:
    """Whether ``span`` overlaps some of the ``covered`` ranges (sorted), and each of those lies
    inside it and is shorter."""
    i = bisect.bisect_left(covered, (span.start, span.start))
    if i and covered[i - 1][1] > span.start:
        return False  # one begins before it and runs into it
    inside = False
    while i < len(covered) and covered[i][0] < span.end:
        a, b = covered[i]
        if b > span.end or (a, b) == (span.start, span.end):
            return False
        inside = True
        i += 1
    return inside


def _overlaps(span: Span, covered: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_left(covered, (span.start, span.start))
    for j in (i - 1, i):
        if 0 <= j < len(covered) and covered[j][0] < span.end and span.start < covered[j][1]:
            return True
    return False
