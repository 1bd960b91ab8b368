"""Named-entity recognition: ``recognize(text) -> list[Span]`` (PER, LOC, ORG, MISC).

A CRF trained on GermEval 2014 (``tui.nlp.train``) labels each sentence; then
two document-level steps that a sentence tagger cannot take:

- role and type nouns before a name ("Kremlsprecher", "Außenminister",
  "Kanton") are evidence, not part of the span, and are trimmed off;
- consistency: a name tagged in one place labels its other occurrences in the
  same text, and a surname of a tagged person ("Putin" after "Wladimir
  Putin", also "Putins") is that person. Where the tagger disagreed with
  itself about a name, the majority label wins.

Any string is accepted; the result is sorted, non-overlapping spans with
``text == source[start:end]``.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict

from tui.corpus.lexicon import FUNCTION_WORDS
from tui.nlp.features import Featurizer, Lexicon
from tui.nlp.germeval import chunks
from tui.nlp.names import majority, phrase_norm
from tui.nlp.spans import Span, non_overlapping
from tui.nlp.tokens import Token, sentences

MAX_SEQUENCE = 120  # tokens per CRF call: a "sentence" of a megabyte without full stops is cut up
_CACHE_LIMIT = 300_000  # word forms whose features stay cached
_GENITIVE = ("'s", "’s", "s", "es", "'", "’")


class Recognizer:
    """Holds the (lazily loaded) model; one per thread, since CRFsuite taggers are not thread-safe."""

    def __init__(self, lexicon: Lexicon | None = None, model=None) -> None:
        self._lexicon = lexicon
        self._model = model
        self._tagger = None
        self._featurizer: Featurizer | None = None
        self._heads: tuple[str, ...] | None = None

    def _ready(self):
        if self._tagger is None:
            from tui.nlp import resources

            lex = self._lexicon if self._lexicon is not None else resources.lexicon()
            self._featurizer = Featurizer(lex)
            self._tagger = resources.open_tagger(self._model or resources.MODEL_FILE)
        elif len(self._featurizer._own) > _CACHE_LIMIT:
            self._featurizer = Featurizer(self._featurizer.lexicon)
        return self._tagger, self._featurizer

    @property
    def lexicon(self) -> Lexicon:
        return self._ready()[1].lexicon

    def tag_words(self, words: list[str] | tuple[str, ...]) -> list[str]:
        """BIO tags for one sentence of tokens, role nouns trimmed (what the evaluation scores)."""
        tagger, fz = self._ready()
        tags: list[str] = []
        for a in range(0, len(words), MAX_SEQUENCE):
            part = words[a : a + MAX_SEQUENCE]
            tags += tagger.tag(fz.sentence(part))
        return self._trim(words, tags)

    def _role_heads(self) -> tuple[str, ...]:
        """Heads shared by several role-noun compounds of the training data ("-chef", "-sprecher").

        A head must itself be a German noun (it has a Brown cluster), so that
        "Abwehrchef" and "Konzernchef" give "chef" but "Präsident" gives no "dent".
        """
        if self._heads is None:
            lex = self._featurizer.lexicon
            triggers = [w.lower() for w, labs in lex.labels.items() if "TRIGPER" in labs]
            count: Counter = Counter()
            for w in triggers:
                w = w.rsplit("-", 1)[-1]
                count.update({w[i:] for i in range(0, len(w) - 3)})
            self._heads = tuple(sorted(h for h, n in count.items() if n >= 2 and self._is_noun(h)))
        return self._heads

    def _is_noun(self, low: str) -> bool:
        """A common German noun: its capitalised form is frequent, commoner than the lower-case
        form, and is no place or first name."""
        lex = self._featurizer.lexicon
        cap = low[:1].upper() + low[1:]
        seen = lex.clusters.get(cap)
        if seen is None or seen[1] < -13 or lex.labels.get(cap, frozenset()) & {"FIRST", "CITY", "TOWN", "PLACE"}:
            return False
        lower = lex.clusters.get(low)
        return lower is None or lower[1] < seen[1]

    def _trim(self, words, tags: list[str]) -> list[str]:
        out = list(tags)
        for a, b, label in chunks(tags):
            # Leading role nouns and stray punctuation are not part of the name.
            while b - a > 1 and (self._is_role(words[a]) or not words[a][:1].isalnum()):
                out[a] = "O"
                a += 1
                out[a] = f"B-{label}"
            # Trailing punctuation goes too; an abbreviation ("Jr.", "W.") belongs to the name.
            while b - a > 1 and not words[b - 1][-1:].isalnum() and not words[b - 1][:1].isalnum():
                b -= 1
                out[b] = "O"
            if not any(c.isalnum() for w in words[a:b] for c in w):
                out[a:b] = ["O"] * (b - a)
        return out

    def recognize(self, text: str, known: dict[str, str] | None = None) -> list[Span]:
        """Mentions in ``text``; ``known`` names (surface -> label, e.g. from the rest of the
        corpus) also label their untagged occurrences here."""
        if not text:
            return []
        spans: list[Span] = []
        sents = sentences(text)
        for sent in sents:
            words = [t.text for t in sent]
            for a, b, label in chunks(self.tag_words(words)):
                spans.append(Span(sent[a].start, sent[b - 1].end, label, text[sent[a].start : sent[b - 1].end]))
        spans = _consistent(text, sents, spans, known or {}, self.lexicon)
        found = institutions(sents, spans, self.lexicon, self._is_role)
        return [Span(s.start, s.end, "ORG", s.text) if s.text in found else s for s in spans]

    def propagate(self, text: str, spans: list[Span], known: dict[str, str]) -> tuple[list[Span], set[str]]:
        """``spans`` plus untagged occurrences of ``known`` names, labels made consistent;
        and the names that act as institutions here."""
        if not text:
            return [], set()
        sents = sentences(text)
        spans = _consistent(text, sents, spans, known, self.lexicon)
        return spans, institutions(sents, spans, self.lexicon, self._is_role)

    def _is_role(self, word: str) -> bool:
        """A role or type noun, also inside a compound: "Kremlsprecher", "US-Präsident"."""
        labels = self._featurizer.lexicon.labels
        if _is_trigger(labels.get(word, ())):
            return True
        if not word[:1].isupper() or any(lab in NAME_LABELS for lab in labels.get(word, ())):
            return False
        heads = self._role_heads()
        low = word.lower()
        return any(low.endswith(h) for h in heads if len(low) > len(h))


NAME_LABELS = frozenset({"PER", "LOC", "ORG", "PLACE", "CITY", "FIRST"})
PLACE_LABELS = frozenset({"PLACE", "CITY", "TOWN"})
ARTICLES = frozenset("der die das dem den des".split())
# Verbs of saying and deciding: a building or seat that "confirms" or "announces"
# stands for the institution in it ("Der Kreml bestätigte", "das Weiße Haus verkündete").
_ACTOR_VERBS = (
    "sagt", "erklär", "teilt", "bestätig", "verkünd", "kündig", "warnt", "betont", "forder", "dementier",
    "wies", "meldet", "bericht", "kritisier", "reagiert", "lehnt", "begrüß", "drängt", "droht", "verlangt",
    "hieß", "ließ", "entschied", "beschloss", "veröffentlicht", "bekräftig", "signalisier", "äußert",
    "besteh", "beharr", "bestritt", "bestreit",
)


def _is_trigger(labels) -> bool:
    return any(lab.startswith("TRIG") for lab in labels) and not any(lab in NAME_LABELS for lab in labels)


def institutions(sents: list[list[Token]], spans: list[Span], lexicon: Lexicon, is_role) -> set[str]:
    """LOC names that are no known place and act like an institution in this text.

    Acting: it speaks or decides ("der Kreml bestätigte", "das Weiße Haus
    besteht darauf"), has staff ("Sprecherin des Weißen Hauses"), or is paired
    with an organisation ("zwischen dem Weißen Haus und dem Kreml"). Countries
    and cities stay LOC, as GermEval annotates them whatever they do.
    """
    if not any(s.label == "LOC" for s in spans):
        return set()
    label_at = {s.start: s.label for s in spans}
    index = {}
    for sent in sents:
        for i, tok in enumerate(sent):
            index[tok.start] = (sent, i)
    out: set[str] = set()
    for s in spans:
        if s.label != "LOC" or s.text in out or s.start not in index or PLACE_LABELS & lexicon.labels_of(s.text):
            continue
        sent, i = index[s.start]
        j = i
        while j < len(sent) and sent[j].end <= s.end:
            j += 1
        tok = lambda k: sent[k].text if 0 <= k < len(sent) else ""  # noqa: E731
        if tok(i - 1).lower() not in ARTICLES:
            continue
        acts = tok(j).lower().startswith(_ACTOR_VERBS)
        staff = tok(i - 1) == "des" and tok(i - 2)[:1].isupper() and is_role(tok(i - 2).removesuffix("in"))
        paired = (tok(j) in ("und", "oder") and tok(j + 1).lower() in ARTICLES
                  and j + 2 < len(sent) and label_at.get(sent[j + 2].start) == "ORG")
        if acts or staff or paired:
            out.add(s.text)
    return out


def _base(word: str) -> str | None:
    for cut in _GENITIVE:
        if word.endswith(cut) and len(word) - len(cut) >= 3:
            return word[: -len(cut)]
    return None


def _consistent(text: str, sents: list[list[Token]], spans: list[Span], known: dict[str, str],
                lexicon: Lexicon | None = None) -> list[Span]:
    """Majority label per name, and untagged repeats of tagged names (and surnames) labelled.

    ``known`` (the corpus's verdicts) overrides this text's own majority: it
    counts more evidence.
    """
    votes: dict[str, Counter] = defaultdict(Counter)
    for s in spans:
        votes[s.text][s.label] += 1
        if " " not in s.text and (base := _base(s.text)):
            votes[base][s.label] += 1  # "Putins" votes for "Putin"
        if s.label == "PER" and " " in s.text:
            last = s.text.rsplit(" ", 1)[1]  # a person named in full votes for the surname
            if last[:1].isupper() and len(last) > 2:
                votes[last]["PER"] += 1
    label_of = {name: majority(c) for name, c in votes.items()}
    label_of.update(known)
    if lexicon is not None:
        # First name + a surname known as a person's is a person ("Melania Trump").
        for s in spans:
            words = s.text.split()
            if len(words) > 1 and "FIRST" in lexicon.labels.get(words[0], ()) and label_of.get(words[-1]) == "PER":
                label_of[s.text] = "PER"
    spans = [Span(s.start, s.end, label_of.get(s.text, s.label), s.text) for s in spans]
    single = {n: lab for n, lab in label_of.items() if " " not in n and n[:1].isupper() and n.lower() not in FUNCTION_WORDS}
    multi: dict[str, list[tuple[tuple[str, ...], int, str]]] = defaultdict(list)
    for n, lab in label_of.items():
        if " " in n:
            norm = phrase_norm(n)
            multi[norm[0]].append((norm, len(norm), lab))
    covered = sorted((s.start, s.end) for s in spans)
    extra: list[Span] = []
    for sent in sents:
        for i, tok in enumerate(sent):
            w = tok.text
            if not w[:1].isupper():
                continue
            cands = multi.get(phrase_norm(w)[0]) if multi else None
            for norm, k, lab in sorted(cands or (), key=lambda x: -x[1]):
                # Inflected forms match too: "dem Weißen Haus" for "das Weiße Haus".
                if i + k <= len(sent) and phrase_norm(" ".join(t.text for t in sent[i : i + k])) == norm:
                    end = sent[i + k - 1].end
                    extra.append(Span(tok.start, end, lab, text[tok.start : end]))
                    break
            else:
                lab = single.get(w)
                if lab is None:
                    base = _base(w)
                    lab = single.get(base) if base else None
                if lab is None and len(w) >= 3 and w[1:].islower():
                    lab = single.get(w.upper())  # "Nato" for "NATO"
                if lab is not None:
                    extra.append(Span(tok.start, tok.end, lab, w))
    if extra:
        spans = spans + [e for e in extra if not _overlaps(e, covered)]
    return non_overlapping(spans)


def _overlaps(span: Span, covered: list[tuple[int, int]]) -> bool:
    import bisect

    i = bisect.bisect_left(covered, (span.start, span.start))
    for j in (i - 1, i):
        if 0 <= j < len(covered) and covered[j][0] < span.end and span.start < covered[j][1]:
            return True
    return False


_local = threading.local()


def default_recognizer() -> Recognizer:
    r = getattr(_local, "recognizer", None)
    if r is None:
        r = _local.recognizer = Recognizer()
    return r


def recognize(text: str) -> list[Span]:
    """Entity mentions in ``text``, unkeyed (``tui.nlp.entities`` assigns keys)."""
    return default_recognizer().recognize(text)
