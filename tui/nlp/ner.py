"""Named-entity recognition: ``recognize(text) -> list[Span]`` (PER, LOC, ORG, MISC).

A CRF trained on GermEval 2014 (``tui.nlp.train``) labels each sentence; then
two document-level steps that a sentence tagger cannot take:

- role and type nouns before a name ("Kremlsprecher", "Außenminister",
  "Kanton") are evidence, not part of the span, and are trimmed off;
- consistency (``tui.nlp.consistency``): a name tagged in one place labels its other
  occurrences in the same text, and a surname of a tagged person ("Putin" after "Wladimir
  Putin", also "Putins") is that person. Where the tagger disagreed with itself about a
  name, the majority label wins.

Any string is accepted; the result is sorted, non-overlapping spans with
``text == source[start:end]``.
"""

from __future__ import annotations

import gc
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tui.corpus import deadline
from tui.corpus.text import text_sentences, text_tokens, tokenize
from tui.nlp import chunkrules
from tui.nlp.acronyms import unknown_acronyms
from tui.nlp.chunkrules import NAME_LABELS
from tui.nlp.consistency import CACHE_LIMIT, EMPTY_INDEX, NameIndex, consistent, genitive_base
from tui.nlp.crf import Scorer
from tui.nlp.features import Featurizer, Lexicon
from tui.nlp.names import phrase_norm
from tui.nlp.spans import Span

MAX_SEQUENCE = 120  # tokens per CRF call: a "sentence" of a megabyte without full stops is cut up
# A name is a few words, never a clause: GermEval's training data has 20 chunks in 31,750 longer
# than 12 tokens, none over 140 characters. A longer chunk (the tagger on a run of capitalised
# words without punctuation) is no name, and would make every later look-up of it cost its length.
MAX_NAME_TOKENS = 12
MAX_NAME_CHARS = 160
_BATCH = 512  # sentence parts tagged together (and between two looks at the time limit)
# Characters of text after which the lexicon's tables are worth making dicts (``Lexicon.settle``,
# a quarter of a second): a process that tags a few changed files never pays for it.
SETTLE_AFTER = 200_000


class Recognizer:
    """Holds the (lazily loaded) model; one per thread, since CRFsuite taggers are not thread-safe."""

    def __init__(self, lexicon: Lexicon | None = None, model: Path | None = None) -> None:
        self._lexicon = lexicon
        self._model = model
        self._tagger: Scorer | None = None
        self._featurizer: Featurizer | None = None
        self._heads: frozenset[str] | None = None
        self._roles: dict[str, bool] = {}
        self._volume = 0  # characters tagged so far

    def _ready(self) -> tuple[Scorer, Featurizer]:
        if self._tagger is None:
            from tui.nlp import resources

            lex = self._lexicon if self._lexicon is not None else resources.lexicon()
            self._featurizer = Featurizer(lex)
            self._tagger = Scorer(self._featurizer, resources.crf_model(self._model or resources.MODEL_FILE))
        elif self._featurizer is not None and len(self._featurizer._own) > CACHE_LIMIT:
            self._featurizer = Featurizer(self._featurizer.lexicon)
            self._tagger = Scorer(self._featurizer, self._tagger.model)
        assert self._featurizer is not None
        return self._tagger, self._featurizer

    @property
    def lexicon(self) -> Lexicon:
        return self._ready()[1].lexicon

    @property
    def forms_known(self) -> int:
        """How many word forms the tagger has worked out the scores of."""
        return len(self._tagger) if self._tagger is not None else 0

    def known_forms(self, limit: int) -> tuple[list[str], np.ndarray]:
        """Word forms whose scores the tagger has worked out, and those scores (``Scorer.known``)."""
        return self._ready()[0].known(limit)

    def seed_forms(self, forms: list[str], scores: np.ndarray) -> None:
        """The scores of ``forms`` as ``known_forms`` of a tagger with this model gave them."""
        self._ready()[0].seed(forms, scores)

    def expect(self, chars: int) -> None:
        """``chars`` more characters of text are to be read: with enough, the lexicon's lookups
        are made faster first."""
        before, self._volume = self._volume, self._volume + chars
        if before < SETTLE_AFTER <= self._volume and self.lexicon.settle():
            # As at load (``resources.lexicon``): dicts of 700,000 entries that live as long as
            # the process stay out of the cyclic collector's full collections.
            gc.freeze()

    def tag_words(self, words: list[str] | tuple[str, ...]) -> list[str]:
        """BIO tags for one sentence of tokens, role nouns trimmed (what the evaluation scores)."""
        tags = ["O"] * len(words)
        for a, b, label in self.chunk_words(words):
            tags[a] = f"B-{label}"
            for i in range(a + 1, b):
                tags[i] = f"I-{label}"
        return tags

    def chunk_words(self, words: list[str] | tuple[str, ...]) -> list[tuple[int, int, str]]:
        """(start, end, label) token ranges of the names in one sentence, role nouns trimmed."""
        return self._chunk_sentences([words])[0]

    def _chunk_sentences(self, sentences: list[Any]) -> list[list[tuple[int, int, str]]]:
        """``chunk_words`` of each sentence, the tagger run over all of them at once."""
        scorer, fz = self._ready()
        parts: list[Any] = []  # (sentence, its part) of the parts worth tagging
        for k, words in enumerate(sentences):
            for a in range(0, len(words), MAX_SEQUENCE):
                part = words[a : a + MAX_SEQUENCE]
                # Names are capitalised (or have a capital inside: "iPhone"); a run of words
                # without one, such as a table of numbers, is not worth the tagger's time.
                if any(w[:2] != w[:2].lower() for w in part):
                    parts.append((k, a, part))
        tags = [["O"] * len(words) for words in sentences]
        for b in range(0, len(parts), _BATCH):
            deadline.check()
            batch = parts[b : b + _BATCH]
            for (k, a, part), labels in zip(batch, scorer.labels([p for _, _, p in batch])):
                tags[k][a : a + len(part)] = labels
        return [self._chunks_of(words, t, fz.lexicon) for words, t in zip(sentences, tags)]

    def _chunks_of(self, words: Sequence[str], tags: list[str], lexicon: Lexicon) -> list[tuple[int, int, str]]:
        out = []
        for a, b, label in _chunks(tags):
            # Leading role nouns and stray punctuation are not part of the name.
            while b - a > 1 and (
                (self._is_role(words[a]) and not (label != "PER" and self._place_adjective(words[a])))
                or not words[a][:1].isalnum()
                or (label == "PER" and _is_title(words[a]))
            ):
                a += 1
            # Trailing punctuation goes too; an abbreviation ("Jr.", "W.") belongs to the name.
            while b - a > 1 and not words[b - 1][-1:].isalnum() and not words[b - 1][:1].isalnum():
                b -= 1
            if b - a > MAX_NAME_TOKENS or sum(map(len, words[a:b])) > MAX_NAME_CHARS:
                continue
            if any(c.isalnum() for w in words[a:b] for c in w):
                out.append((a, b, label))
        return unknown_acronyms(words, chunkrules.refine(words, out, lexicon), lexicon)

    def _role_heads(self) -> frozenset[str]:
        """Heads shared by several role-noun compounds of the training data ("-chef", "-sprecher").

        A head must itself be a German noun (it has a Brown cluster), so that
        "Abwehrchef" and "Konzernchef" give "chef" but "Präsident" gives no "dent".
        """
        if self._heads is None:
            lex = self.lexicon
            triggers = [w.lower() for w in lex.words_with(_is_trigger)]
            count: Counter[Any] = Counter()
            for w in triggers:
                w = w.rsplit("-", 1)[-1]
                count.update({w[i:] for i in range(0, len(w) - 3)})
            # Each at least four letters long (the suffixes counted are): ``_judge_role`` relies on it.
            self._heads = frozenset(h for h, n in count.items() if n >= 2 and self._is_noun(h))
        return self._heads

    def _is_noun(self, low: str) -> bool:
        """A common German noun: its capitalised form is frequent, commoner than the lower-case
        form, and is no place or first name."""
        lex = self.lexicon
        cap = low[:1].upper() + low[1:]
        seen = lex.cluster(cap)
        if seen is None or seen[1] < -13 or lex.labels.get(cap, frozenset()) & {"FIRST", "CITY", "TOWN", "PLACE"}:
            return False
        lower = lex.cluster(low)
        return lower is None or lower[1] < seen[1]

    def tag(self, text: str) -> list[Span]:
        """The tagger's own mentions, sentence by sentence, role nouns trimmed."""
        return self.tag_many([text])[0]

    def tag_many(self, texts: list[str]) -> list[list[Span]]:
        """``tag`` of each text, the sentences of all of them tagged together (one pass of the
        decoder over positions serves them all)."""
        self.expect(sum(map(len, texts)))
        # (Kept for the last few texts: consistency within a text reads the same tokens again.)
        tokens = [text_tokens(text) for text in texts]
        bounds = [text_sentences(text) for text in texts]  # (the date tagger may have cut them)
        found = iter(self._chunk_sentences([t[2][a:b] for t, sentences in zip(tokens, bounds) for a, b in sentences]))
        out = []
        for text, (starts, ends, _), sentences in zip(texts, tokens, bounds):
            spans: list[Span] = []
            for first, _ in sentences:
                for a, b, label in next(found):
                    start, end = starts[first + a], ends[first + b - 1]
                    # "mit Windows 10. Der Test": the dot is the sentence's. German writes an
                    # ordinal before its noun ("10. Generation"), so no name ends with one.
                    if text[end - 1] == "." and text[end - 2 : end - 1].isdigit():
                        end -= 1
                    spans.append(Span(start, end, label, text[start:end]))
            out.append(spans)
        return out

    def recognize(self, text: str, known: NameIndex | None = None) -> list[Span]:
        """Mentions in ``text``, consistent within it; ``known`` names (e.g. the rest of the
        corpus's verdicts) also label their untagged occurrences here."""
        spans, acting = self.propagate(text, self.tag(text), known or EMPTY_INDEX)
        return as_institutions(spans, acting) if acting else spans

    def propagate(self, text: str, spans: list[Span], known: NameIndex) -> tuple[list[Span], set[str]]:
        """``spans`` plus untagged occurrences of their names and of ``known`` names, labels
        made consistent; and the names that act as institutions in ``text``."""
        if not text:
            return [], set()
        spans = consistent(text, spans, known, self.lexicon)
        return spans, institutions(text, spans, self.lexicon, self._is_role)

    def _place_adjective(self, word: str) -> bool:
        """ "Berliner", "Wiener", "Frankfurter": the adjective of a known place, which begins an
        organisation's name ("Berliner Zeitung") though as a noun it is a person ("der Berliner")."""
        if not word.endswith("er") or len(word) < 5:
            return False
        labels = self.lexicon.labels
        return any(PLACE_LABELS & labels.get(base, frozenset()) for base in (word[:-2], word[:-2] + "en", word[:-1]))

    def _is_role(self, word: str) -> bool:
        """A role or type noun, also inside a compound: "Kremlsprecher", "US-Präsident"."""
        known = self._roles.get(word)
        if known is None:
            if len(self._roles) > CACHE_LIMIT:
                self._roles.clear()
            known = self._roles[word] = self._judge_role(word)
        return known

    def _judge_role(self, word: str) -> bool:
        labels = self.lexicon.labels
        if _is_trigger(labels.get(word, frozenset())):
            return True
        if not word[:1].isupper() or any(lab in NAME_LABELS for lab in labels.get(word, frozenset())):
            return False
        heads = self._role_heads()
        low = word.lower()
        # Heads are at least four letters long: a look-up per proper suffix of the word.
        return any(low[i:] in heads for i in range(1, len(low) - 3))


PLACE_LABELS = frozenset({"PLACE", "CITY", "TOWN"})
ARTICLES = frozenset("der die das dem den des".split())
# Verbs of saying and deciding: a building or seat that "confirms" or "announces"
# stands for the institution in it ("Der Kreml bestätigte", "das Weiße Haus verkündete");
# not "hieß", which streets and places do ("Die Schwanitzstraße hieß bis 1898 ...").
_ACTOR_VERBS = (
    "sagt",
    "erklär",
    "teilt",
    "bestätig",
    "verkünd",
    "kündig",
    "warnt",
    "betont",
    "forder",
    "dementier",
    "wies",
    "meldet",
    "bericht",
    "kritisier",
    "reagiert",
    "lehnt",
    "begrüß",
    "drängt",
    "droht",
    "verlangt",
    "ließ",
    "entschied",
    "beschloss",
    "veröffentlicht",
    "bekräftig",
    "signalisier",
    "äußert",
    "besteh",
    "beharr",
    "bestritt",
    "bestreit",
)


def _chunks(tags: list[str]) -> list[tuple[int, int, str]]:
    """BIO chunks, sorted; an I- without its B- starts a chunk."""
    out = []
    start, label = -1, ""
    for i, t in enumerate(tags):
        if t == "O":
            if start >= 0:
                out.append((start, i, label))
                start = -1
        elif t[0] == "B" or t[2:] != label or start < 0:
            if start >= 0:
                out.append((start, i, label))
            start, label = i, t[2:]
    if start >= 0:
        out.append((start, len(tags), label))
    return out


def _is_title(word: str) -> bool:
    """An abbreviation before a person's name is a title ("Prof.", "Mag.", "Dipl.-Ing."), never
    part of it: a person's name starts with an initial at most ("J. R. R. Tolkien")."""
    return len(word) > 2 and word.endswith(".") and word[-2:-1].isalpha()


def _is_trigger(labels: frozenset[str]) -> bool:
    return any(lab.startswith("TRIG") for lab in labels) and not any(lab in NAME_LABELS for lab in labels)


def institutions(text: str, spans: list[Span], lexicon: Lexicon, is_role: Callable[[str], bool]) -> set[str]:
    """LOC names that are no known place and act like an institution in this text.

    Acting: it speaks or decides ("der Kreml bestätigte", "das Weiße Haus
    besteht darauf"), has staff ("Sprecherin des Weißen Hauses"), or is paired
    with an organisation ("zwischen dem Weißen Haus und dem Kreml"). Countries
    and cities stay LOC, as GermEval annotates them whatever they do.
    """
    out: set[str] = set()
    org_starts = {s.start for s in spans if s.label == "ORG"}
    for s in spans:
        # "Irans" is Iran: a known place in the genitive is a place too.
        base = genitive_base(s.text) if " " not in s.text else None
        if (
            s.label != "LOC"
            or s.text in out
            or PLACE_LABELS & lexicon.labels_of(s.text)
            or (base and PLACE_LABELS & lexicon.labels_of(base))
        ):
            continue
        before = [t.text for t in tokenize(text, max(0, s.start - 60), s.start)][-2:]
        if not before or before[-1].lower() not in ARTICLES:
            continue
        after = tokenize(text, s.end, min(len(text), s.end + 40))[:3]
        nxt = after[0].text if after else ""
        acts = nxt.lower().startswith(_ACTOR_VERBS)
        staff = (
            before[-1] == "des"
            and len(before) == 2
            and before[0][:1].isupper()
            and is_role(before[0].removesuffix("in"))
        )
        paired = (
            nxt in ("und", "oder")
            and len(after) == 3
            and after[1].text.lower() in ARTICLES
            and after[2].start in org_starts
        )
        if acts or staff or paired:
            out.add(s.text)
    return out


def as_institutions(spans: list[Span], names: set[str]) -> list[Span]:
    """Mentions of ``names``, and of their inflected forms ("des Weißen Hauses"), become ORG."""
    norms = {phrase_norm(n) for n in names}
    return [
        Span(s.start, s.end, "ORG", s.text) if s.text in names or phrase_norm(s.text) in norms else s for s in spans
    ]


_local = threading.local()


def default_recognizer() -> Recognizer:
    r = getattr(_local, "recognizer", None)
    if r is None:
        r = _local.recognizer = Recognizer()
    return r


def recognize(text: str) -> list[Span]:
    """Entity mentions in ``text``, unkeyed (``tui.nlp.entities`` assigns keys)."""
    return default_recognizer().recognize(text)
