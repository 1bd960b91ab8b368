"""Token features for the entity tagger.

German capitalises every noun, so a capital letter says little on its own;
what separates "Kreml" from "Kriege" is context (the words around it), form
(suffixes, shape, hyphen parts), the lexicons, and how the word behaves in
unlabelled news text (after an article? ever lower-case?). Features of a word
form do not depend on its position, so they are computed once per form and
cached: tagging cost is then dominated by list concatenation, not string work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SHAPE_SUBS = ((re.compile(r"[A-ZÄÖÜ]"), "X"), (re.compile(r"[a-zäöüß]"), "x"), (re.compile(r"\d"), "d"))
_RUNS = re.compile(r"(.)\1+")


def shape(word: str) -> str:
    s = word
    for pat, rep in _SHAPE_SUBS:
        s = pat.sub(rep, s)
    s = re.sub(r"[^\W\d_]", "a", s)  # letters of other scripts
    return _RUNS.sub(r"\1", s)[:8]


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

    labels: dict[str, frozenset[str]] = field(default_factory=dict)
    stats: dict[str, tuple[float, float, int]] = field(default_factory=dict)
    phrases: dict[str, list[tuple[tuple[str, ...], frozenset[str]]]] = field(default_factory=dict)
    clusters: dict[str, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def from_names(cls, names: dict[str, set[str] | frozenset[str]], stats=None, clusters=None) -> Lexicon:
        """Single-word names go to ``labels``; longer ones to ``phrases``, keyed by first word."""
        labels: dict[str, frozenset[str]] = {}
        phrases: dict[str, list] = {}
        for name, labs in names.items():
            words = tuple(name.split())
            if len(words) == 1:
                labels[name] = frozenset(labs)
            elif 1 < len(words) <= 5:
                phrases.setdefault(words[0], []).append((words, frozenset(labs)))
        for cands in phrases.values():
            cands.sort(key=lambda c: -len(c[0]))
        return cls(labels, stats or {}, phrases, clusters or {})

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


class Featurizer:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._own: dict[str, list[str]] = {}
        self._ctx: list[dict[str, list[str]]] = [{} for _ in range(4)]

    def own(self, word: str) -> list[str]:
        f = self._own.get(word)
        if f is None:
            f = self._own[word] = self._word_features(word)
        return f

    def _word_features(self, word: str) -> list[str]:
        low = word.lower()
        f = [f"w={low}", f"s3={low[-3:]}", f"s4={low[-4:]}", f"s2={low[-2:]}", f"p3={low[:3]}", f"sh={shape(word)}"]
        if word[:1].isupper():
            f.append("T")
            if len(word) > 1 and word.isupper():
                f.append("U")
        if len(word) <= 3:
            f.append("short")
        if "-" in word.strip("-"):
            head, _, last = word.rpartition("-")
            f.append(f"hl={last.lower()}")
            f.append(f"hf={head.split('-')[0].lower()}")
            f.extend(f"hg:{lab}" for lab in self.lexicon.labels.get(head.split("-")[0], ()))
            f.extend(f"hlg:{lab}" for lab in self.lexicon.labels.get(last, ()))
        labels = self.lexicon.labels
        found = labels.get(word)
        if found:
            f.extend(f"g:{lab}" for lab in found)
        elif word[:1].isupper():
            # Inflected names: genitive "Japans", "Griechenlandes", "Hauses"; possessive "Trump's".
            for cut in ("'s", "’s", "es", "s", "'", "’", "n", "en"):
                if word.endswith(cut) and len(word) - len(cut) >= 3:
                    base = labels.get(word[: -len(cut)])
                    if base:
                        f.extend(f"gi:{lab}" for lab in base)
                        break
        cl = self.lexicon.clusters.get(word)
        if cl is None:
            f.append("nocl")
        else:
            cluster, logp = cl
            if cluster:
                f.append(f"c={cluster}")
                f.extend(f"c{k}={cluster & ((1 << k) - 1)}" for k in (4, 6, 8, 10) if cluster >> k)
            f.append(f"lp={logp // 2}")
            if word[:1].isupper():
                low = self.lexicon.clusters.get(word.lower())
                # How much commoner the lower-case form is: nouns vs. adjectives and names.
                f.append("lcr=none" if low is None else f"lcr={max(-3, min(3, (low[1] - logp) // 2))}")
        st = self.lexicon.stats.get(word)
        if st is None:
            if word[:1].isupper():
                f.append("unseen")
        else:
            det, lower, freq = st
            f.append(f"det={_bucket(det)}")
            f.append(f"lc={_bucket(lower)}")
            f.append(f"fq={freq}")
        return f

    def context(self, word: str, offset: int) -> list[str]:
        """Features of a neighbour at ``offset`` (index 0..3 for -2, -1, +1, +2)."""
        cache = self._ctx[offset]
        f = cache.get(word)
        if f is None:
            p = ("-2", "-1", "+1", "+2")[offset]
            low = word.lower()
            f = [f"{p}w={low}"]
            if offset in (1, 2):
                own = self.own(word)
                f.append(f"{p}sh={shape(word)}")
                f.append(f"{p}s4={low[-4:]}")
                f.extend(f"{p}{x}" for x in own if x.startswith(("g:", "det=", "lc=", "hl=", "c=", "c6=", "lcr=")) or x == "T")
            cache[word] = f
        return f

    def _phrase_features(self, words) -> dict[int, list[str]]:
        """B/I features for the longest lexicon phrase starting at each word."""
        out: dict[int, list[str]] = {}
        phrases = self.lexicon.phrases
        n = len(words)
        for i, w in enumerate(words):
            cands = phrases.get(w)
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

    def sentence(self, words: list[str] | tuple[str, ...]) -> list[list[str]]:
        n = len(words)
        out = []
        extra = self._phrase_features(words) if self.lexicon.phrases else {}
        for i, w in enumerate(words):
            f = ["bias", *self.own(w)]
            if i in extra:
                f += extra[i]
            cap = w[:1].isupper()
            if i == 0:
                f.append("BOS")
                if cap:
                    # A capital at the start of a sentence says nothing; how the word
                    # behaves elsewhere says more.
                    f += [f"BOS&{x}" for x in self.own(w) if x.startswith(("lc=", "det=", "g:", "lcr=")) or x == "unseen"]
            else:
                if cap:
                    f.append(f"Tprev={words[i - 1].lower()}")
                f += self.context(words[i - 1], 1)
                if i > 1:
                    f += self.context(words[i - 2], 0)
            if i + 1 < n:
                f += self.context(words[i + 1], 2)
                if i + 2 < n:
                    f += self.context(words[i + 2], 3)
            else:
                f.append("EOS")
            out.append(f)
        return out
