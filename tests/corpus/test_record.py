"""One record of an article for ``chronik extract``, the cache and the snapshot: it holds every
field of ``Article`` and gives the same article back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from hypothesis import given
from hypothesis import strategies as st

from tui.corpus.model import Article, Extra, Paragraph, Published
from tui.corpus.record import ORDER, article_from_record, article_record

_text = st.text(max_size=30)
_maybe = st.none() | _text
_minute = st.datetimes(
    min_value=dt.datetime(1900, 1, 1),
    max_value=dt.datetime(2100, 1, 1),
    timezones=st.none() | st.just(dt.timezone(dt.timedelta(hours=2))) | st.just(dt.UTC),
)
_published = (
    st.none()
    | st.dates().map(lambda d: Published(d, "day"))
    | _minute.map(lambda t: Published(t.replace(second=0, microsecond=0), "minute"))
    | _minute.map(lambda t: Published(t.replace(microsecond=0), "second"))
)

articles = st.builds(
    Article,
    id=_text,
    path=_text,
    title=_text,
    text=_text,
    paragraphs=st.lists(
        st.builds(Paragraph, st.integers(0, 99), st.integers(0, 99), st.sampled_from(["paragraph", "heading", "list"])),
        max_size=3,
    ).map(tuple),
    published=_published,
    **dict.fromkeys(("source", "author", "place", "section", "language", "url"), _maybe),
    extras=st.lists(st.builds(Extra, _text, _text), max_size=3).map(tuple),
    problems=st.lists(_text, max_size=2).map(tuple),
    content_hash=_text,
    format=st.sampled_from(["text", "markdown", "html", "pdf", "feed"]),
)


def test_the_record_holds_every_field_of_an_article():
    assert sorted(ORDER) == sorted(f.name for f in dataclasses.fields(Article))


@given(articles)
def test_an_article_comes_back_from_its_record_through_json(article):
    record = json.loads(json.dumps(article_record(article)))
    assert list(record) == list(ORDER)
    assert article_from_record(record) == article


def test_a_record_lacking_a_field_gives_its_default_and_a_malformed_one_is_an_error():
    article = article_from_record({"id": "a.txt", "path": "/x/a.txt", "title": "T", "text": "Text"})
    assert article.format == "text" and article.published is None and article.paragraphs == ()
    for bad in ({"id": "a"}, {"id": "a", "path": "p", "title": "t", "text": "x", "published": "gestern"}):
        try:
            article_from_record(bad)
        except (KeyError, TypeError, ValueError):
            continue
        raise AssertionError(f"no error for {bad}")


def test_the_publication_keeps_its_precision_and_offset():
    for iso, precision in (
        ("2025-03-17", "day"),
        ("2025-10-17T00:16", "minute"),
        ("2025-02-12T18:27:49", "second"),
        ("2025-02-12T18:27+02:00", "minute"),
        ("2025-02-12T18:27:49+00:00", "second"),
    ):
        record = article_record(
            Article(
                "a",
                "a",
                "t",
                "x",
                published=article_from_record(
                    {"id": "a", "path": "a", "title": "t", "text": "x", "published": iso}
                ).published,
            )
        )
        assert record["published"] == iso
        assert article_from_record(record).published.precision == precision
