"""An article as plain text for the clipboard and the pager, and which URLs may be opened."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tui.corpus.model import Article, Paragraph, Published
from tui.corpus.plaintext import plain_text
from tui.corpus.safetext import web_url


def article(text: str, **kw) -> Article:
    paragraphs, start = [], 0
    for block in text.split("\n\n"):
        paragraphs.append(Paragraph(start, start + len(block)))
        start += len(block) + 2
    return Article(
        id="a.txt", path="a.txt", title=kw.pop("title", "Titel"), text=text, paragraphs=tuple(paragraphs), **kw
    )


def test_the_plain_text_has_title_date_source_author_and_url_above_the_paragraphs():
    a = article(
        "Erster Absatz.\n\nZweiter Absatz.",
        published=Published(dt.date(2025, 10, 17)),
        source="dpa",
        author="Jana Lange",
        url="https://example.org/x",
    )
    assert plain_text(a, date_text="17. Oktober 2025") == (
        "Titel\n\n17. Oktober 2025 · dpa · Jana Lange\nhttps://example.org/x\n\nErster Absatz.\n\nZweiter Absatz.\n"
    )


def test_without_a_date_text_the_date_is_iso_and_missing_fields_are_left_out():
    a = article("Text.", published=Published(dt.date(2025, 2, 12)))
    assert plain_text(a) == "Titel\n\n2025-02-12\n\nText.\n"
    assert plain_text(article("Text.")) == "Titel\n\nText.\n"


def test_wrapping_keeps_long_compounds_and_hyphenated_words_whole():
    a = article("Die Bundespräsidentenwahl und die Tomahawk-Langstrecken-Marschflugkörper sind Wörter.")
    lines = plain_text(a, width=20).splitlines()
    assert "Bundespräsidentenwahl" in lines and "Tomahawk-Langstrecken-Marschflugkörper" in lines


words = st.text(st.characters(categories=["L", "N", "P"]), min_size=1, max_size=30)
paragraphs = st.lists(words, min_size=1, max_size=40).map(" ".join)


@given(st.lists(paragraphs, min_size=1, max_size=5).map("\n\n".join), st.integers(10, 100))
def test_wrapping_never_splits_or_loses_a_word_and_keeps_to_the_width(text, width):
    a = article(text)
    wrapped = plain_text(a, width=width)
    body = wrapped.split("\n\n", 1)[1]
    assert body.split() == text.split()
    assert all(len(line) <= width or " " not in line for line in wrapped.splitlines())


def test_only_http_and_https_urls_with_a_host_are_opened():
    for good in ("https://example.org/a?b=1#c", "http://tagesschau.de", "HTTPS://EXAMPLE.ORG"):
        assert web_url(good) == good
    for bad in (
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<b>x</b>",
        "https://",
        "ftp://example.org",
        "https://exa mple.org",
        "https://example.org/\x1b[31m",
        "",
        None,
        "//example.org/a",
        "http://[::1",
    ):
        assert web_url(bad) is None, bad
