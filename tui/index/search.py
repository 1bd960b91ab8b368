"""The in-memory index: one immutable object built from the annotated articles.

``Index.build(articles, entities, dates)`` analyses every article once;
``index.search(query)`` answers the query language of ``tui.index.query``
with BM25-ranked hits (title matches boosted), snippets with match offsets,
and facet counts over the whole result set. Storage stays behind these two
methods, so a persistent or larger-than-memory backend can replace it.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from tui.i18n import _
from tui.index.analysis import fold, terms
from tui.index.parts import Columns, DateSpans, Documents, Names, Plan, Words, name_form
from tui.index.postings import Vocabulary, forms_regex
from tui.index.query import ENTITY_FIELDS, Query, QueryError, Term, parse

if TYPE_CHECKING:
    from tui.corpus.model import Article
    from tui.nlp.dates import Timex
    from tui.nlp.spans import Span

TITLE_BOOST = 2.0
PREFIX_SCAN, PREFIX_TERMS = 2000, 12  # word forms looked at, and terms kept, for a typed prefix
MIN_PREFIX = 2  # a single typed letter is not expanded: it would match most of the corpus
SNIPPET_CHARS = 160


@dataclass(frozen=True)
class Hit:
    """One ranked article; its snippet is cut on first use (a result list may be long)."""

    id: str
    title: str
    score: float
    _cut: Callable[[], tuple[str, tuple[tuple[int, int], ...]]] | None = field(repr=False, compare=False, default=None)

    @cached_property
    def _snippet(self) -> tuple[str, tuple[tuple[int, int], ...]]:
        return self._cut() if self._cut else ("", ())

    @property
    def snippet(self) -> str:
        return self._snippet[0]

    @property
    def snippet_matches(self) -> tuple[tuple[int, int], ...]:
        """Offsets of the matches into ``snippet``; every match in the article: ``Index.highlights``."""
        return self._snippet[1]


@dataclass
class Facets:
    entities: dict[str, Counter[str]] = field(default_factory=dict)  # label -> key -> articles
    sources: Counter[str] = field(default_factory=Counter)
    published: Counter[str] = field(default_factory=Counter)  # "2025-03" -> articles
    mentioned: Counter[str] = field(default_factory=Counter)  # "2025-03" -> articles mentioning it


class Result:
    """Ranked hits, the number of matching articles, and facets over all of them (counted on
    first use: search as you type does not pay for facets it does not show)."""

    def __init__(
        self,
        ranked: np.ndarray,
        scores: np.ndarray,
        index: Index,
        matched: np.ndarray,
        scored: bool,
        cut: Callable[[int], _Cut],
    ) -> None:
        self.ranked = ranked  # article positions (in the order given to Index.build), best first
        self.total = int(np.count_nonzero(matched))
        self.scored = scored  # False when no word of the query ranks (only filters, or nothing)
        self._scores = scores
        self._index = index
        self._matched = matched
        self._cut = cut

    @cached_property
    def hits(self) -> list[Hit]:
        index = self._index
        return [
            Hit(index.docs.ids[d], index.docs.titles[d], round(float(self._scores[d]), 4), self._cut(d))
            for d in self.ranked.tolist()
        ]

    @cached_property
    def facets(self) -> Facets:
        return self._index._facets(self._matched)


@dataclass(frozen=True, eq=False)
class Index:
    """Immutable once built: the five parts of ``tui.index.parts``; every method answers from
    their arrays. ``build`` makes them from the articles, ``merge`` from two indexes."""

    docs: Documents
    words: Words
    names: Names
    dates: DateSpans
    columns: Columns
    # Compiled patterns by term sequence (see _regex): not part of the index, not pickled.
    _patterns: dict[tuple[tuple[int, ...], ...], re.Pattern[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def build(
        cls,
        articles: Sequence[Article],
        entities: Sequence[Sequence[Span]] | None = None,
        dates: Sequence[Sequence[Timex]] | None = None,
        vocabulary: Vocabulary | None = None,
        words: Words | None = None,
    ) -> Index:
        """The index of ``articles``; ``entities`` (Spans with keys) and ``dates`` (Timex) per article.
        ``vocabulary``: term ids to go on from (``words.vocabulary()`` of an index to merge into);
        ``words``: their words part, built already (``Words.of``, by another process)."""
        articles = articles if isinstance(articles, Sequence) else list(articles)
        n = len(articles)
        return cls(
            Documents.build(articles),
            words if words is not None else Words.build(articles, vocabulary),
            Names.build(entities, n),
            DateSpans.build(dates, n),
            Columns.build(articles),
        )

    def merge(self, order: Sequence[tuple[bool, int]], new: Index) -> Index:
        """The index of the articles ``order`` lists: article ``i`` is this index's document
        ``order[i][1]`` when ``order[i][0]`` is True, else ``new``'s (built with this index's
        ``words.vocabulary()``), as ``build`` would make it of them, from arrays alone: the
        articles' texts are not read but for those that went (they stay packed)."""
        plan = Plan.of(order, self.docs, len(new))
        return Index(*(getattr(self, name).merge(getattr(new, name), plan) for name in PARTS))

    def __len__(self) -> int:
        return len(self.docs.ids)

    def __getstate__(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in PARTS}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name in PARTS:
            object.__setattr__(self, name, state[name])
        object.__setattr__(self, "_patterns", {})

    def with_texts(self, texts: Sequence[str]) -> Index:
        """The same index reading the article texts from ``texts`` (a sequence in article order,
        e.g. packed in a snapshot) instead of the list it was built with."""
        if len(texts) != len(self):
            raise ValueError("one text per article")
        return dataclasses.replace(self, docs=dataclasses.replace(self.docs, texts=texts))

    @property
    def ids(self) -> list[str]:
        return self.docs.ids

    @property
    def titles(self) -> list[str]:
        return self.docs.titles

    def publication_days(self) -> np.ndarray:
        """Each article's publication day as an ordinal (0: none)."""
        return self.columns.pub_day

    @property
    def positions(self) -> dict[str, int]:
        """Article id -> position (read only)."""
        return self.docs.position

    @property
    def nbytes(self) -> int:
        """Bytes held in the posting arrays (article texts are the caller's and not counted)."""
        return self.words.text.nbytes + self.words.title.nbytes

    # -- matching -------------------------------------------------------------------------

    def _tid(self, term: str) -> int | None:
        return self.words.term_ids.get(term)

    def _mark_term(self, tid: int, mask: np.ndarray) -> None:
        """Articles with the term in their text or their title."""
        mask[self.words.text.docs_of(tid)] = True
        mask[self.words.title.docs_of(tid)] = True

    def _prefix_terms(self, word: str) -> list[int]:
        """The commonest terms whose words start with ``word``: what the typist most likely means."""
        prefix = fold(word)
        i = bisect.bisect_left(self.words.surfaces, prefix)
        end = bisect.bisect_left(
            self.words.surfaces, prefix + "\U0010ffff", i, min(len(self.words.surfaces), i + PREFIX_SCAN)
        )
        found = np.unique(self.words.surface_ids[self.words.surface_offsets[i] : self.words.surface_offsets[end]])
        df = self.words.text.dfs(found)
        best: list[int] = found[np.argsort(-df, kind="stable")][:PREFIX_TERMS].tolist()
        return best

    def _phrase_docs(self, phrase: str, tids: list[int]) -> np.ndarray:
        cand = np.ones(len(self), dtype=bool)
        for t in tids:
            inside = np.zeros(len(self), dtype=bool)
            inside[self.words.text.docs_of(t)] = True
            cand &= inside
        pattern = self._regex(tuple((t,) for t in tids))
        return np.array(
            [d for d in np.flatnonzero(cand).tolist() if pattern.search(self.docs.texts[d])], dtype=np.int64
        )

    def _field_mask(self, t: Term, flags: Mapping[str, np.ndarray] | None) -> np.ndarray:
        mask = np.zeros(len(self), dtype=bool)
        if t.field == "is":
            if flags is None:
                raise QueryError(_("is:{value} needs the reading state (kept by the reader app)").format(value=t.text))
            mask |= flags[t.text]
        elif t.field in ENTITY_FIELDS:
            mask[self.names.docs_naming(ENTITY_FIELDS[t.field], t.text)] = True
        elif t.field == "source":
            want = fold(t.text)
            mask |= self.columns.from_source(i for i, s in enumerate(self.columns.sources) if want in fold(s))
        else:
            assert t.period is not None  # a date field's term has its period
            lo, hi = t.period
            if t.field == "after":
                lo, hi = hi + dt.timedelta(days=1), dt.date.max
            elif t.field == "before":
                lo, hi = dt.date.min, lo - dt.timedelta(days=1)
            first, last = lo.toordinal(), hi.toordinal()
            mask |= self.columns.published_within(first, last)
            mask[self.dates.docs_within(first, last)] = True
        return mask

    def _term_mask(
        self,
        t: Term,
        prefix: bool,
        scoring: set[int],
        phrases: list[tuple[tuple[int, ...], ...]] | None = None,
        flags: Mapping[str, np.ndarray] | None = None,
        words: set[int] | None = None,
    ) -> np.ndarray:
        """Articles matching one term; the terms that score it are added to ``scoring``, those
        matched as words on their own (not inside a phrase) to ``words`` as well."""
        words = set() if words is None else words
        if t.field is not None:
            return self._field_mask(t, flags)
        mask = np.zeros(len(self), dtype=bool)
        parts = terms(t.text)
        looked_up = [self._tid(w) for w in parts]
        if prefix:
            expanded = self._prefix_terms(t.text) + [tid for tid in looked_up[:1] if tid is not None]
            for tid in expanded:
                self._mark_term(tid, mask)
            scoring.update(expanded)
            words.update(expanded)
            return mask
        tids = [tid for tid in looked_up if tid is not None]
        if not parts or len(tids) < len(looked_up):
            return mask
        scoring.update(tids)
        if not t.phrase:
            words.update(tids)
        if t.phrase:
            mask[self._phrase_docs(t.text, tids)] = True
            if phrases is not None:
                phrases.append(tuple((tid,) for tid in tids))
            return mask
        self._mark_term(tids[0], mask)
        for tid in tids[1:]:  # "Ukraine-Krieg" typed as one word: all its parts
            part = np.zeros(len(self), dtype=bool)
            self._mark_term(tid, part)
            mask &= part
        return mask

    # -- searching ------------------------------------------------------------------------

    def search(
        self,
        query: str | Query,
        limit: int | None = 50,
        prefix: bool = False,
        flags: Mapping[str, np.ndarray] | None = None,
    ) -> Result:
        """Ranked hits for ``query`` (a string in the query language, or parsed); with ``prefix``
        the query's last word also matches longer words (search as you type). ``limit=None``
        ranks every match. ``flags`` answers ``is:`` terms: a boolean array over the articles
        for each of ``query.IS_VALUES`` (``ReadingState.flags``); without it they are an error."""
        q = parse(query) if isinstance(query, str) else query
        last = q.last_word if prefix else None
        if last is not None and len(last.text) < MIN_PREFIX:
            last = None
        matched = np.ones(len(self), dtype=bool)  # an empty query matches every article
        scoring: set[int] = set()
        words: set[int] = set()
        phrases: list[tuple[tuple[int, ...], ...]] = []
        for clause in q.clauses:
            positive = [t for t in clause if not t.negated]
            if positive:
                docs = np.zeros(len(self), dtype=bool)
                for t in positive:
                    docs |= self._term_mask(t, t is last, scoring, phrases, flags, words)
                matched &= docs
            for t in clause:
                if t.negated:
                    matched &= ~self._term_mask(t, False, set(), flags=flags)
        found = np.flatnonzero(matched)
        scores = self._scores(scoring)
        # Best first, ties by id, in one sort of 64-bit keys: scores are float32 and never negative,
        # so their bits order like the numbers; inverted they put the best first; the id rank below.
        # A query of filters only scores nothing: newest first then, as the list is without a query.
        bits = (scores[found].view(np.uint32) if scoring else self.columns.pub_day[found]).astype(np.uint64)
        keys = ((np.uint64(0xFFFFFFFF) - bits) << np.uint64(32)) | self.docs.id_rank[found].astype(np.uint64)
        if limit is not None and len(found) > limit:
            top = np.argpartition(keys, max(0, limit - 1))[:limit]
            found, keys = found[top], keys[top]
        ranked = found[np.argsort(keys)]
        wanted, phrase_steps = tuple(sorted(words)), tuple(phrases)
        return Result(ranked, scores, self, matched, bool(scoring), lambda d: _Cut(self, d, wanted, phrase_steps))

    def _scores(self, tids: set[int]) -> np.ndarray:
        scores = np.zeros(len(self), dtype=np.float32)
        for t in tids:
            docs, weights = self.words.text.scored(t)
            scores[docs] += weights
            scores[self.words.title.docs_of(t)] += TITLE_BOOST * self.words.text.idf[t]
        return scores

    def _regex(self, sequence: tuple[tuple[int, ...], ...]) -> re.Pattern[str]:
        """The pattern for a term sequence, compiled once. A plain dict, not ``lru_cache`` on a
        bound method: that would make every index a reference cycle, which only the cyclic
        collector frees, and a replaced index (a live folder update) should go at once."""
        pattern = self._patterns.get(sequence)
        if pattern is None:
            if len(self._patterns) >= 256:
                self._patterns.clear()
            pattern = self._patterns[sequence] = forms_regex(self.words.forms, [list(step) for step in sequence])
        return pattern

    def _snippet(
        self, d: int, tids: tuple[int, ...], phrases: tuple[tuple[tuple[int, ...], ...], ...] = ()
    ) -> tuple[str, tuple[tuple[int, int], ...]]:
        """About SNIPPET_CHARS of the text from just before its first match (of a phrase, if the
        query has one), with the offsets of the matched words in it."""
        text = self.docs.texts[d]
        pattern = self._regex((tids,)) if tids else None
        first = next(filter(None, (self._regex(p).search(text) for p in phrases)), None)
        first = first or (pattern.search(text) if pattern else None)
        at = first.start() if first else 0
        start = max(0, at - SNIPPET_CHARS // 3)
        if start:
            space = text.find(" ", start, at)
            start = space + 1 if space >= 0 else start
        end = min(len(text), start + SNIPPET_CHARS)
        inside = tuple((a - start, b - start) for a, b in self._spans(text, tids, phrases, start, end))
        return text[start:end].replace("\n", " "), inside

    def highlights(self, article_id: str, query: str | Query, prefix: bool = False) -> list[tuple[int, int]]:
        """Offsets of every match of ``query``'s words in the article's text, for the reader pane
        (with ``prefix``, the words the last one expands to while typing as well)."""
        q = parse(query) if isinstance(query, str) else query
        d = self.docs.position.get(article_id)
        wanted = [t for clause in q.clauses for t in clause if t.field is None and not t.negated]
        # A phrase is marked where the phrase stands, not its words wherever they are ("der").
        looked_up = {self._tid(w) for t in wanted if not t.phrase for w in terms(t.text)}
        tids = {tid for tid in looked_up if tid is not None}
        phrases: list[tuple[tuple[int, ...], ...]] = []
        for t in wanted:
            steps = [self._tid(w) for w in terms(t.text)] if t.phrase else []
            if steps and all(tid is not None for tid in steps):
                phrases.append(tuple((tid,) for tid in steps if tid is not None))
        last = q.last_word if prefix else None
        if last is not None and len(last.text) >= MIN_PREFIX:
            tids.update(self._prefix_terms(last.text))
        if d is None or not (tids or phrases):
            return []
        return self._spans(self.docs.texts[d], tuple(sorted(tids)), tuple(phrases), 0, len(self.docs.texts[d]))

    def _spans(
        self, text: str, tids: tuple[int, ...], phrases: tuple[tuple[tuple[int, ...], ...], ...], start: int, end: int
    ) -> list[tuple[int, int]]:
        """Where the words ``tids`` and the ``phrases`` match in ``text[start:end]``, in order."""
        found = [m.span() for m in self._regex((tids,)).finditer(text, start, end)] if tids else []
        for p in phrases:
            found += [m.span() for m in self._regex(p).finditer(text, start, end)]
        return sorted(set(found))

    def _facets(self, mask: np.ndarray) -> Facets:
        sources, published = self.columns.counts(mask)
        return Facets(self.names.counts(mask), sources, published, self.dates.mentioned(mask))


class _Cut:
    """Cuts a hit's snippet when asked (a callable that keeps the index alive only as long as the hit)."""

    __slots__ = ("index", "doc", "tids", "phrases")

    def __init__(
        self, index: Index, doc: int, tids: tuple[int, ...], phrases: tuple[tuple[tuple[int, ...], ...], ...]
    ) -> None:
        self.index, self.doc, self.tids, self.phrases = index, doc, tids, phrases

    def __call__(self) -> tuple[str, tuple[tuple[int, int], ...]]:
        return self.index._snippet(self.doc, self.tids, self.phrases)


PARTS = ("docs", "words", "names", "dates", "columns")

__all__ = ["Facets", "Hit", "Index", "QueryError", "Result", "name_form"]
