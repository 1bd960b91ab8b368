"""Token features for the entity tagger.

German capitalises every noun, so a capital letter says little on its own;
what separates "Kreml" from "Kriege" is context (the words around it), form
(suffixes, shape, hyphen parts), the lexicons, and how the word behaves in
unlabelled news text (after an article? ever lower-case?). Features of a word
form do not depend on its position, so they are computed once per form and
cached: tagging cost is then dominated by list concatenation, not string work.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from tui.nlp.tables import SortedTable

_SHAPE_MAP = {}
for _c in "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ":
    _SHAPE_MAP[ord(_c)] = "X"
for _c in "abcdefghijklmnopqrstuvwxyzäöüß":
    _SHAPE_MAP[ord(_c)] = "x"
for _c in "0123456789":
    _SHAPE_MAP[ord(_c)] = "d"
_OTHER_LETTER = re.compile(r"[^\W\dXxd_]")


def shape(word: str) -> str:
    """ "Putin" -> "Xx", "US-Präsident" -> "X-Xx", "2025" -> "d"; letters of other scripts -> "a"."""
    s = word[:24].translate(_SHAPE_MAP)
    # Most words are one of these: no need to group their letters.
    if s[:1] == "X" and not s[1:].strip("x"):
        return "Xx" if len(s) > 1 else "X"
    if s and not s.strip("x"):
        return "x"
    if not s.isascii():
        s = _OTHER_LETTER.sub("a", s)
    return "".join(k for k, _ in groupby(s))[:8]


def _bucket(ratio: float) -> str:
    return "0" if ratio == 0 else "1" if ratio < 0.1 else "2" if ratio < 0.4 else "3" if ratio < 0.8 else "4"


@dataclass
class Lexicon:
    """What the features consult: lexicon labels per token and distributional word stats.

    ``labels`` maps a word form to the entity labels it carries in the
    lexicons (``PER``, ``LOC``, ``ORG``, ``MISC``; ``PLACE`` for CLDR places;
    ``ROLE`` for role nouns). ``stats`` maps a capitalised word form to
    (share of occurrences after an article, share of occurrences in lower
    case, log-frequency bucket), counted in unlabelled news text.
    """

    # As read from the model files, ``labels`` and ``clusters`` are ``tui.nlp.tables.SortedTable``
    # until ``settle`` makes them dicts.
    labels: Mapping[str, frozenset[str]] = field(default_factory=dict)
    stats: dict[str, tuple[float, float, int]] = field(default_factory=dict)
    phrases: Mapping[str, list[tuple[tuple[str, ...], frozenset[str]]]] = field(default_factory=dict)
    # Word form -> Brown cluster and log-probability, packed into one int (``cluster``
    # unpacks it): 300,000 tuples would cost the loader a fifth of a second.
    clusters: Mapping[str, int] = field(default_factory=dict)
    # As read from the model files: the single words in order, one character per word coding its
    # label set, and the sets by character (``words_with`` finds words by label in C, not by a
    # loop over 400,000 entries). None for a lexicon made otherwise.
    coded: tuple[list[str], str, dict[str, frozenset[str]]] | None = field(default=None, repr=False, compare=False)
    _reversed_family_names: list[str] | None = field(default=None, repr=False, compare=False)

    def family_names_ending(self, ending: str) -> int:
        """How many family names of the name lists end in ``ending`` (lower case): dozens in
        "mann", none in "gesetz". (Sorted backwards once, a few milliseconds; each question
        is then two binary searches.)"""
        names = self._reversed_family_names
        if names is None:
            names = sorted(n.lower()[::-1] for n in self.words_with(lambda labels: "LAST" in labels))
            self._reversed_family_names = names
        key = ending.lower()[::-1]
        return bisect.bisect_left(names, key + "\U0010ffff") - bisect.bisect_left(names, key)

    def settle(self) -> bool:
        """Tables read from the model files become dicts: the same answers, several times faster
        (``Recognizer.expect`` has it done once there is enough text to tag). True if it made any."""
        made = False
        if isinstance(self.labels, SortedTable):
            self.labels, made = self.labels.as_dict(), True
        if isinstance(self.clusters, SortedTable):
            self.clusters, made = self.clusters.as_dict(), True
        return made

    def words_with(self, wanted: Callable[[frozenset[str]], bool]) -> list[str]:
        """The single words whose label set satisfies ``wanted(labels)``."""
        if self.coded is None:
            return [w for w, labs in self.labels.items() if wanted(labs)]
        words, codes, by_code = self.coded
        chars = [c for c, labs in by_code.items() if wanted(labs)]
        if not chars:
            return []
        pattern = re.compile("[" + "".join(map(re.escape, chars)) + "]")
        return [words[m.start()] for m in pattern.finditer(codes)]

    @classmethod
    def from_names(
        cls,
        names: Mapping[str, set[str] | frozenset[str]],
        stats: dict[str, tuple[float, float, int]] | None = None,
        clusters: dict[str, Any] | None = None,
    ) -> Lexicon:
        """Single-word names go to ``labels``; longer ones to ``phrases``, keyed by first word."""
        labels = {n: frozenset(labs) for n, labs in names.items()}
        clusters = clusters or {}
        if clusters and isinstance(next(iter(clusters.values())), tuple):
            clusters = {w: pack_cluster(c, p) for w, (c, p) in clusters.items()}
        return cls.of_labels(labels, stats or {}, clusters)

    @classmethod
    def of_labels(cls, labels: dict[str, frozenset[str]], stats: dict[Any, Any], clusters: dict[str, int]) -> Lexicon:
        """A lexicon that takes over ``labels`` (it is changed: multi-word names move out of it
        into ``phrases``), without copying its 400,000 entries."""
        multi = [(n, labels.pop(n)) for n in [n for n in labels if " " in n]]
        return cls.with_phrases(labels, multi, stats, clusters)

    @classmethod
    def with_phrases(
        cls,
        labels: dict[str, frozenset[str]],
        names: Iterable[tuple[str, frozenset[str]]],
        stats: dict[Any, Any],
        clusters: dict[str, int],
    ) -> Lexicon:
        """A lexicon of single-word ``labels`` (taken over, not copied) and the (name, labels)
        pairs ``names``, whose multi-word names become ``phrases``."""
        phrases: dict[str, list[Any]] = {}
        for name, labs in names:
            words = tuple(name.split())
            if len(words) == 1:
                labels[words[0]] = labs
            elif len(words) <= 5:
                phrases.setdefault(words[0], []).append((words, labs))
        for cands in phrases.values():
            cands.sort(key=lambda c: -len(c[0]))
        return cls(labels, stats, phrases, clusters)

    def cluster(self, word: str) -> tuple[int, int] | None:
        """(Brown cluster, rounded log-probability) of a word form, None if unknown."""
        v = self.clusters.get(word)
        return None if v is None else (v >> 6, -(v & 63))

    def labels_of(self, name: str) -> frozenset[str]:
        words = tuple(name.split())
        if len(words) == 1:
            return self.labels.get(name, frozenset())
        return next((labs for ws, labs in self.phrases.get(words[0], ()) if ws == words), frozenset())

    def names(self) -> dict[str, frozenset[str]]:
        out = dict(self.labels)
        for cands in self.phrases.values():
            out.update((" ".join(words), labs) for words, labs in cands)
        return out


class Phrases(Mapping[Any, Any]):
    """Multi-word names by first word, as ``Lexicon.with_phrases`` groups them (two to five
    words, longest first), made from the lexicon file's lines as a first word is looked up:
    grouping all 70,000 at load would take a fifth of a second that most never need."""

    def __init__(self, lines: list[str], codes: str, by_code: dict[str, frozenset[str]]) -> None:
        self._lines, self._codes, self._by_code = lines, codes, by_code
        self._index: dict[str, list[int]] = {}
        for i, line in enumerate(lines):  # names hold single spaces between words, nothing else
            if 1 <= line.count(" ") <= 4:
                self._index.setdefault(line[: line.find(" ")], []).append(i)
        self._made: dict[str, list[tuple[tuple[str, ...], frozenset[str]]]] = {}

    def __getitem__(self, first: str) -> list[tuple[tuple[str, ...], frozenset[str]]]:
        made = self._made.get(first)
        if made is None:
            lines, codes, by_code = self._lines, self._codes, self._by_code
            made = [(tuple(lines[i].split(" ")), by_code[codes[i]]) for i in self._index[first]]
            made.sort(key=lambda c: -len(c[0]))
            self._made[first] = made
        return made

    def __contains__(self, first: object) -> bool:
        return first in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


def pack_cluster(cluster: int, logp: int) -> int:
    return cluster << 6 | min(63, -logp)


_BOS_KEEP = ("lc=", "det=", "g:", "lcr=")
# Compounds longer than this are split no more: their heads would cost time quadratic in length.
_LONGEST_COMPOUND = 48
# Lexicon labels the tagger does not see: the layer's rules read them ("Netflix" is a company,
# "SMS" a noun). As features they cost dev F1 (GermEval's organisations are mostly not listed
# companies; the lexemes' nouns in capitals include "DDR" and "BND").
UNSEEN = frozenset({"COMPANY", "ACRONYM"})


def _undotted(word: str) -> str:
    """An abbreviation as the word without its dot: GermEval writes "St ." and "Dr ." as two
    tokens and "bzw." as one, and running text has "St. Pölten"; initials keep theirs."""
    return word[:-1] if len(word) > 2 and word[-1] == "." and word[:-1].isalpha() else word


class Featurizer:
    """Turns a sentence (a list of word forms) into CRFsuite attribute lists.

    Every feature depends only on a word form and its position relative to
    the token, so each form's features are built once and cached as tuples;
    a token's attributes are then the concatenation of its own tuple and its
    neighbours' context tuples.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._own: dict[str, tuple[str, ...]] = {}
        self._ctx: dict[str, tuple[tuple[str, ...], ...]] = {}
        self._bos: dict[str, tuple[str, ...]] = {}
        self._near: dict[str, list[str]] = {}
        self._by_second: dict[str, dict[str, list[Any]]] = {}  # lexicon phrases by first and second word

    def own(self, word: str) -> tuple[str, ...]:
        f = self._own.get(word)
        if f is None:
            f = self._own[word] = ("bias", *self._word_features(word))
        return f

    def _word_features(self, word: str) -> list[str]:
        """The word's own features; those worth knowing about a neighbour go to ``_near`` too."""
        key, word = word, _undotted(word)
        low = word.lower()
        s4, sh = f"s4={low[-4:]}", f"sh={shape(word)}"
        f = [f"w={low}", f"s3={low[-3:]}", s4, sh]
        near = [s4, sh]
        cap = word[:1].isupper()
        if cap:
            f.append("T")
            near.append("T")
            if len(word) > 1 and word.isupper():
                f.append("U")
        labels = self.lexicon.labels
        if "-" in word.strip("-"):
            head, _, last = word.rpartition("-")
            hl = f"hl={last.lower()}"
            f.append(hl)
            near.append(hl)
            f.append(f"hf={head.split('-')[0].lower()}")
            f.extend(f"hg:{lab}" for lab in labels.get(head.split("-")[0], ()) if lab not in UNSEEN)
            f.extend(f"hlg:{lab}" for lab in labels.get(last, ()) if lab not in UNSEEN)
        if cap and 8 <= len(word) <= _LONGEST_COMPOUND and word.isalpha():
            f.extend(self._compound_head(word))
        found = labels.get(word)
        if found and (found := found - UNSEEN):
            g = [f"g:{lab}" for lab in found]
            f += g
            near += g
        elif cap:
            # Inflected names: genitive "Japans", "Griechenlandes", "Hauses"; possessive "Trump's".
            for cut in ("'s", "’s", "es", "s", "'", "’", "n", "en"):
                if word.endswith(cut) and len(word) - len(cut) >= 3:
                    base = labels.get(word[: -len(cut)])
                    if base and (base := base - UNSEEN):
                        f.extend(f"gi:{lab}" for lab in base)
                        break
        cl = self.lexicon.cluster(word)
        if cl is None:
            f.append("nocl")
        else:
            cluster, logp = cl
            if cluster:
                c = [f"c={cluster}"]
                if cluster >> 6:
                    c.append(f"c6={cluster & 63}")
                near += c
                if cluster >> 10:
                    c.append(f"c10={cluster & 1023}")
                f += c
            f.append(f"lp={logp // 2}")
            if cap:
                lower = self.lexicon.cluster(low)
                # How much commoner the lower-case form is: nouns vs. adjectives and names.
                lcr = "lcr=none" if lower is None else f"lcr={max(-3, min(3, (lower[1] - logp) // 2))}"
                f.append(lcr)
                near.append(lcr)
        st = self.lexicon.stats.get(word)
        if st is None:
            if cap:
                f.append("unseen")
        else:
            det, lower_share, _ = st
            f.append(f"det={_bucket(det)}")
            f.append(f"lc={_bucket(lower_share)}")
        if len(key) != len(word):
            f.append("abbr")
        self._near[key] = near
        return f

    def _compound_head(self, word: str) -> list[str]:
        """The shortest and the longest end of a compound that are nouns on their own:
        "Bundesnachrichtendienst" -> "dienst" and "nachrichtendienst". German writes
        organisations, places and roles as compounds whose head says which they are."""
        labels = self.lexicon.labels
        heads = []
        for i in range(3, len(word) - 3):
            tail = word[i:]
            if "NOUN" in labels.get(tail[0].upper() + tail[1:], ()):
                heads.append(tail.lower())
        if not heads:
            return []
        out = [f"ch={heads[-1]}"]
        if len(heads) > 1:
            out.append(f"chl={heads[0]}")
        return out

    def context(self, word: str) -> tuple[tuple[str, ...], ...]:
        """The word's features as a neighbour: at -1 (plain, and before a capitalised word),
        at +1; and its own features at the start of a sentence. (Words two away
        did not help in cross-validation and cost a fifth of the tagging time.)"""
        c = self._ctx.get(word)
        if c is None:
            low = _undotted(word).lower()
            if word not in self._own:
                self.own(word)
            near = self._near[word]
            m1 = (f"-1w={low}", *["-1" + x for x in near])
            c = self._ctx[word] = (
                m1,
                (*m1, f"Tprev={low}"),
                (f"+1w={low}", *["+1" + x for x in near]),
                (f"-2w={low}", f"-2{near[1]}"),
                (f"+2w={low}", f"+2{near[1]}"),
            )
        return c

    def first(self, word: str) -> tuple[str, ...]:
        """The word's features at the start of a sentence."""
        f = self._bos.get(word)
        if f is None:
            own = self.own(word)
            # A capital at the start of a sentence says nothing; how the word
            # behaves elsewhere says more.
            f = self._bos[word] = (
                (*own, "BOS", *(f"BOS&{x}" for x in own if x.startswith(_BOS_KEEP) or x == "unseen"))
                if word[:1].isupper()
                else (*own, "BOS")
            )
        return f

    def phrase_features(self, words: Sequence[str]) -> dict[int, list[str]]:
        """B/I features for the longest lexicon phrase starting at each word."""
        out: dict[int, list[str]] = {}
        phrases = self.lexicon.phrases
        n = len(words)
        for i in range(n - 1):
            w = words[i]
            if w not in phrases:
                continue
            # Phrases have two words at least: only those that go on with the next word are tried.
            by_second = self._by_second.get(w)
            if by_second is None:
                by_second = self._by_second[w] = {}
                for ws, labs in phrases[w]:  # longest first, and so they stay
                    if labs := labs - UNSEEN:
                        by_second.setdefault(ws[1], []).append((ws, labs))
            cands = by_second.get(words[i + 1])
            if not cands:
                continue
            for ws, labs in cands:
                k = len(ws)
                if i + k <= n and tuple(words[i : i + k]) == ws:
                    out.setdefault(i, []).extend(f"pB:{lab}" for lab in labs)
                    for j in range(i + 1, i + k):
                        out.setdefault(j, []).extend(f"pI:{lab}" for lab in labs)
                    break
        return out

    def sentence(self, words: list[str] | tuple[str, ...]) -> list[tuple[str, ...]]:
        n = len(words)
        if not n:
            return []
        own, context, cached = self.own, self.context, self._ctx.get
        ctx = [cached(w) or context(w) for w in words]
        extra = self.phrase_features(words) if self.lexicon.phrases else None
        out = []
        for i, w in enumerate(words):
            if i == 0:
                f = self._bos.get(w) or self.first(w)
            else:
                f = (self._own.get(w) or own(w)) + ctx[i - 1][1 if w[:1].isupper() else 0]
            if i + 1 < n:
                f += ctx[i + 1][2]
                if i + 2 < n:
                    f += ctx[i + 2][4]
            else:
                f += ("EOS",)
            if i > 1:
                f += ctx[i - 2][3]
            if extra and i in extra:
                f += tuple(extra[i])
            out.append(f)
        return out
