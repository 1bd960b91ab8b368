"""Search: German text analysis, the query language, ranking, snippets and facets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.corpus import Published
from tui.index.analysis import analyze, normalize
from tui.index.query import QueryError, parse
from tui.index.search import Index
from tui.nlp.dates import find_dates
from tui.nlp.spans import Span


@dataclass
class Doc:
    id: str
    title: str
    text: str
    source: str | None = None
    published: Published | None = None


DOCS = [
    Doc(
        "a",
        "Fußball in Österreich",
        "Der Fußball in Österreich feiert. Das Telefonat war kurz.",
        "dpa",
        Published(dt.date(2025, 3, 18)),
    ),
    Doc(
        "b",
        "Krieg",
        "Der Ukraine-Krieg dauert an. Telefonate mit Putin am 2. Februar 2025.",
        "AFP",
        Published(dt.date(2025, 2, 12)),
    ),
    Doc(
        "c",
        "Gipfel",
        "Wladimir Putin traf Donald Trump in Anchorage. Die Nato schwieg.",
        "dpa",
        Published(dt.date(2025, 8, 16)),
    ),
    Doc("d", "Nichts", "Ein Text ohne Bezug, über das Wetter im Weißen Haus.", None, None),
]
NAMES = {
    "Putin": ("PER", "Wladimir Putin"),
    "Wladimir Putin": ("PER", "Wladimir Putin"),
    "Donald Trump": ("PER", "Donald Trump"),
    "Anchorage": ("LOC", "Anchorage"),
    "Nato": ("ORG", "Nato"),
}


def spans_of(text: str) -> list[Span]:
    out = []
    for name, (label, key) in NAMES.items():
        i = text.find(name)
        if i >= 0 and not any(s.start <= i < s.end for s in out):
            out.append(Span(i, i + len(name), label, name, key))
    return sorted(out)


INDEX = Index.build(
    DOCS,
    [spans_of(d.text) for d in DOCS],
    [find_dates(d.text, d.published.value if d.published else None) for d in DOCS],
)


def ids(query: str, **kw) -> set[str]:
    return {h.id for h in INDEX.search(query, **kw).hits}


def test_umlauts_and_sharp_s_are_equivalent():
    assert ids("Fussball") == ids("fußball") == {"a"}
    assert ids("Oesterreich") == ids("österreich") == {"a"}


def test_stemming_finds_inflected_forms():
    assert normalize("Telefonat") == normalize("Telefonats") == normalize("Telefonate")
    assert ids("Telefonat") == {"a", "b"}


def test_parts_of_hyphenated_compounds_are_searchable():
    assert ids("Ukraine") == {"b"} and ids("Krieg") == {"b"} and ids("Ukraine-Krieg") == {"b"}


def test_the_word_being_typed_matches_as_a_prefix():
    assert ids("Telef") == set()
    assert ids("Telef", prefix=True) == {"a", "b"}
    assert ids("Telef ", prefix=True) == set()  # a finished word is matched whole


def test_matches_carry_offsets_into_the_article_text_and_the_snippet():
    (hit,) = INDEX.search("Ukraine").hits
    text = DOCS[1].text
    spans = INDEX.highlights(hit.id, "Ukraine")
    assert [text[a:b] for a, b in spans] == ["Ukraine"]  # the part, inside "Ukraine-Krieg"
    assert [hit.snippet[a:b] for a, b in hit.snippet_matches] == ["Ukraine"]
    assert [text[a:b] for a, b in INDEX.highlights("b", "Telefonat putin")] == ["Telefonate", "Putin"]


def test_words_must_all_match_phrases_exactly_and_excluded_words_not_at_all():
    assert ids("Telefonat Putin") == {"b"}
    assert ids('"weißen haus"') == {"d"} and ids('"haus weißen"') == set()
    assert ids('"krieg dauert"') == {"b"} and ids('"gipfel putin"') == set()  # title words, no phrase
    assert ids("Telefonat -Putin") == {"a"}


def test_a_phrase_is_highlighted_where_it_stands_and_not_its_words_elsewhere():
    text = DOCS[2].text  # "Wladimir Putin traf Donald Trump in Anchorage. Die Nato schwieg."
    assert [text[a:b] for a, b in INDEX.highlights("c", '"donald trump"')] == ["Donald Trump"]
    assert [text[a:b] for a, b in INDEX.highlights("c", '"trump in" die')] == ["Trump in", "Die"]
    (hit,) = INDEX.search('"donald trump"').hits
    assert [hit.snippet[a:b] for a, b in hit.snippet_matches] == ["Donald Trump"]
    assert INDEX.highlights("c", '"trump donald"') == []  # the words, but not as that phrase


def test_a_query_of_filters_only_lists_the_newest_first():
    result = INDEX.search("source:dpa")
    assert not result.scored
    assert [h.id for h in result.hits] == ["c", "a"]  # 2025-08-16, then 2025-03-18
    assert [h.id for h in INDEX.search("person:putin").hits] == ["c", "b"]
    assert [h.id for h in INDEX.search("").hits][-1] == "d"  # undated last


def test_or_joins_the_terms_beside_it():
    assert ids("Fußball OR Gipfel OR Wetter") == {"a", "c", "d"}


def test_entity_fields_match_keys_and_aliases_by_type():
    assert ids("person:putin") == {"b", "c"} and ids('person:"wladimir putin"') == {"b", "c"}
    assert ids("place:anchorage") == {"c"} and ids("org:nato") == {"c"} and ids("entity:NATO") == {"c"}
    assert ids("person:anchorage") == set()


def test_source_and_date_fields():
    assert ids("source:dpa") == {"a", "c"}
    assert ids("date:2025-03") == {"a"}
    assert ids("date:2025-02") == {"b"}  # published in February and mentions 2 February
    assert ids("date:2025-02-01..2025-02-05") == {"b"}  # only the mentioned date is in range
    assert ids("after:2025-03") == {"c"} and ids("before:2025-03") == {"b"}


def test_title_matches_rank_higher():
    hits = INDEX.search("Krieg OR Gipfel OR Fußball").hits
    assert hits[0].score > 0 and {hits[0].id, hits[1].id, hits[2].id} == {"a", "b", "c"}
    assert INDEX.search("Krieg").hits[0].score > INDEX.search("dauert").hits[0].score


def test_facets_count_over_the_whole_result_set():
    f = INDEX.search("Putin OR Fußball OR Wetter").facets
    assert f.sources == {"dpa": 2, "AFP": 1}
    assert f.published == {"2025-03": 1, "2025-02": 1, "2025-08": 1}
    assert f.entities["PER"]["Wladimir Putin"] == 2 and f.entities["LOC"]["Anchorage"] == 1
    assert f.mentioned["2025-02"] == 1


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ('"open', "quotation mark"),
        ("foo:bar", "unknown field"),
        ("date:2025-13", "no such date"),
        ("date:soon", "not a date"),
        ("OR putin", "OR needs"),
        ("putin OR", "OR needs"),
        ("-putin", "not excluded"),
        ("after:2025..2026", "one date"),
        ("person:", "needs a value"),
    ],
)
def test_malformed_queries_explain_themselves_in_one_line(query, reason):
    with pytest.raises(QueryError, match=reason) as exc:
        INDEX.search(query)
    assert "\n" not in str(exc.value)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_any_query_string_gives_hits_or_a_query_error(text):
    try:
        result = INDEX.search(text, prefix=True)
    except QueryError:
        return
    assert result.total >= len(result.hits)


def test_analysis_terms_point_at_their_words():
    text = "Trump’s Telefonate zum Ukraine-Krieg"
    for t in analyze(text):
        assert normalize(text[t.start : t.end]) == t.term
    assert parse("a b").clauses and parse("a OR b").clauses == [[parse("a").clauses[0][0], parse("b").clauses[0][0]]]


def test_seed_corpus_answers_entity_source_and_date_queries():
    from functools import partial

    from tests.conftest import SEEDS
    from tui.corpus import load_corpus
    from tui.nlp import annotate

    articles, _ = load_corpus([str(SEEDS)])
    index = Index.build(
        articles,
        annotate([a.text for a in articles]).mentions,
        [find_dates(a.text, a.published.value if a.published else None) for a in articles],
    )
    found = partial(lambda q, **kw: {h.id[:3] for h in index.search(q, **kw).hits})
    assert found("person:putin") == {"000", "001", "002", "003", "004"}
    assert found("place:anchorage") == {"003"} and found("org:nato") == {"001", "002"}
    assert found("entity:selenskij") == found("person:selenskyj") == {"001", "002", "003", "004"}
    assert found("source:dpa") == {"001"}
    assert found("date:2025-10") == {"003"} and found("before:2025") == {"000", "001"}
    assert found('"Weißen Hauses"') == {"000", "001", "002", "004"}  # inflected forms match
    assert found("Telefonat -Sotschi") == {"000", "001", "003", "004"}
    assert found("Anchor", prefix=True) == {"003"}
    facets = index.search("person:putin").facets
    assert facets.entities["PER"]["Wladimir Putin"] == 5 and facets.published == {"2025-02": 1, "2025-10": 1}


def test_a_limit_of_none_ranks_every_match_best_first():
    hits = INDEX.search("Putin OR Fußball OR Wetter", limit=None).hits
    assert len(hits) == INDEX.search("Putin OR Fußball OR Wetter").total == 4
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert [h.id for h in INDEX.search("Putin OR Fußball OR Wetter", limit=2).hits] == [h.id for h in hits[:2]]


def test_phrases_match_consecutive_words_across_punctuation_and_inflection():
    assert ids('"ukraine krieg"') == ids('"Ukraine-Krieg dauert"') == {"b"}  # a hyphen separates words too
    assert ids('"krieg ukraine"') == set() and ids('"fußball österreich"') == set()
    assert ids('"fußball in österreich"') == ids('"fussball in oesterreich"') == {"a"}
    assert [DOCS[3].text[a:b] for a, b in INDEX.highlights("d", '"weißen haus"')] == ["Weißen Haus"]


_WORDS = [
    "Fußball",
    "Österreich",
    "Telefonat",
    "Telefonate",
    "Ukraine-Krieg",
    "Krieg",
    "Trump’s",
    "Wien",
    "der",
    "und",
    "Haus",
    "Häuser",
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_WORDS + [", ", ". ", "\n\n", " – "]), max_size=80), min_size=1, max_size=6),
    st.sampled_from(_WORDS),
    st.booleans(),
)
def test_snippets_and_highlights_point_at_words_of_the_query(texts, word, prefix):
    docs = [Doc(str(i), f"T{i}", " ".join(t)) for i, t in enumerate(texts)]
    index = Index.build(docs)
    query = word[:3] if prefix else word
    wanted = set(normalize(w) for w in [word, *word.split("-")])
    for hit in index.search(query, prefix=prefix, limit=None).hits:
        assert len(hit.snippet) <= 160 and "\n" not in hit.snippet
        for a, b in hit.snippet_matches:
            assert 0 <= a < b <= len(hit.snippet)
            if not prefix:
                assert normalize(hit.snippet[a:b]) in wanted
        if not prefix:
            text = docs[int(hit.id)].text
            spans = index.highlights(hit.id, query)
            assert spans and spans == sorted(spans)
            assert all(normalize(text[a:b]) in wanted for a, b in spans)


def test_hits_rank_best_first_with_ties_in_id_order_and_one_letter_is_not_expanded():
    docs = [
        Doc(f"{i:02d}", f"T{i}", "Gleicher Text über Wien." if i % 2 else "Anderer Text über Wien und Wien.")
        for i in range(12)
    ]
    index = Index.build(docs)
    hits = index.search("wien", limit=None).hits
    assert [(-h.score, h.id) for h in hits] == sorted((-h.score, h.id) for h in hits)
    assert [h.id for h in index.search("wien", limit=3).hits] == [h.id for h in hits[:3]]
    assert index.search("w", prefix=True).total == 0 and index.search("wi", prefix=True).total == 12
