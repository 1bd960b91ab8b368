"""Property tests: no input makes the decoder, front-matter parser or cleaner fail or lose text."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.corpus.clean import clean
from tui.corpus.decode import DecodeError, decode_bytes, sanitize
from tui.corpus.frontmatter import split_front_matter

NEWSY = st.text(
    alphabet=st.sampled_from(list("abcdeäöüß ABCÄÖÜ.,:;!?-–|©@+#*•\n\n\n0123456789\u00a0\u00ad\u202e\x1b[]()„“")),
    max_size=600,
)
ANY_TEXT = st.text(max_size=400)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.binary(max_size=600))
def test_decoder_gives_text_or_a_reason(data):
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", decoded.text)
    assert "\r" not in decoded.text


@SETTINGS
@given(ANY_TEXT)
def test_sanitized_text_has_no_control_characters(text):
    out, _ = sanitize(text)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)


@SETTINGS
@given(st.one_of(ANY_TEXT, NEWSY.map(lambda t: "---\n" + t)))
def test_front_matter_parser_never_fails(text):
    fm, body = split_front_matter(text)
    assert body in text


def _letters(s: str) -> list[str]:
    # Whitespace and the hyphens of re-joined words are layout; invisible marks are dropped by design.
    return sorted(
        ch
        for ch in s
        if not ch.isspace()
        and ch not in "-\u00ad\u200b\u2060\ufeff\u180e\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    )


@SETTINGS
@given(st.one_of(NEWSY, ANY_TEXT), st.booleans())
def test_cleaning_keeps_every_character_in_text_or_extras(body, markdown):
    body, _ = sanitize(body)
    c = clean(body, markdown=markdown)
    kept = c.text + "".join(e.text for e in c.extras)
    original = unicodedata.normalize("NFC", body)
    if markdown:  # heading markers become paragraph kinds
        kept, original = kept.replace("#", ""), original.replace("#", "")
    assert _letters(kept) == _letters(original)


@SETTINGS
@given(st.one_of(NEWSY, ANY_TEXT))
def test_paragraphs_are_sorted_non_overlapping_and_inside_the_text(body):
    body, _ = sanitize(body)
    c = clean(body)
    prev_end = 0
    for p in c.paragraphs:
        assert prev_end <= p.start < p.end <= len(c.text)
        assert c.text[p.start : p.end].strip() == c.text[p.start : p.end]
        prev_end = p.end
    assert "\n\n".join(c.text[p.start : p.end] for p in c.paragraphs) == c.text


HOSTILE_PIECES = [
    "Putin ",
    "am 18. März 2025 ",
    "\n\n",
    "\n",
    "---\n",
    "title: ",
    "date: 2025-13-45\n",
    "[bold]",
    "[/]",
    "[@click=app.quit]",
    "\x1b[2J",
    "\x1b]0;x\x07",
    "\x1b]8;;http://x\x1b\\",
    "\x9b31m",
    "\x9d0;t\x9c",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "\x07",
    "\x08",
    "\x00",
    "\t",
    "\r\n",
    "字",
    "😀",
    "\u0301" * 5,
]
HOSTILE_BYTES = st.tuples(
    st.lists(st.sampled_from(HOSTILE_PIECES), max_size=40).map("".join),
    st.sampled_from(["utf-8", "utf-16", "latin-1"]),
    st.binary(max_size=4),
).map(lambda t: t[0].encode(t[1], "replace") + t[2])
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@SETTINGS
@given(HOSTILE_BYTES, st.booleans())
def test_a_file_of_hostile_bytes_gives_a_clean_article_or_a_reason(data, markdown):
    from tui.corpus.discover import Candidate
    from tui.corpus.loader import LoadError, build_article

    try:
        article = build_article(Candidate("x.md" if markdown else "x.txt", "x"), data)
    except LoadError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    for field in (article.text, article.title, *(e.text for e in article.extras)):
        assert not UNSAFE.search(field), field
    for p in article.paragraphs:
        assert 0 <= p.start <= p.end <= len(article.text)


@SETTINGS
@given(st.text(max_size=200))
def test_printed_and_json_strings_carry_no_control_or_bidi_character(text):
    import json

    from tui.corpus.safetext import dumps, printable, visible

    assert not UNSAFE.search(printable(text)) and not UNSAFE.search(dumps({"t": text}))
    assert json.loads(dumps({"t": text})) == {"t": text}
    shown = visible(text)
    assert len(shown) == len(text) and not UNSAFE.search(shown.replace("\n", "").replace("\t", ""))
