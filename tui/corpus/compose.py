"""One article from a body of text and what its file says about it, whatever the file's format.

Every reader (text and Markdown with front matter, web pages, PDFs, feed entries) ends here:
the body is cleaned (``tui.corpus.clean``), and the file's own metadata — front matter, a
page's JSON-LD and ``<meta>``, a PDF's document information, a feed entry's fields — wins over
what cleaning reads from the text. Metadata values are untrusted like the text: they are
sanitised (no control characters, escape sequences, bidirectional overrides) before use.
"""

from __future__ import annotations

import hashlib
import os
import re
from urllib.parse import urlsplit

from tui.corpus.clean import Cleaned, clean
from tui.corpus.decode import sanitize
from tui.corpus.discover import Candidate
from tui.corpus.meta import source_name
from tui.corpus.model import Article, Extra, Meta, Paragraph
from tui.corpus.reflow import plain_text
from tui.corpus.text import first_sentence

_TITLE_MAX = 100


def safe(value: str | None) -> str | None:
    """A metadata string as the reader may show it: one line, no controls, no invisibles."""
    if not isinstance(value, str):
        return None
    return " ".join(plain_text(sanitize(value)[0]).split()) or None


def safe_meta(meta: Meta) -> Meta:
    return Meta(
        safe(meta.title),
        meta.published,
        safe(meta.author),
        safe(meta.source),
        safe(meta.place),
        safe(meta.section),
        safe(meta.url),
        safe(meta.language),
    )


def safe_extras(extras: list[Extra]) -> list[Extra]:
    return [Extra(e.kind, text) for e in extras if (text := safe(e.text))]


def compose_file(
    candidate: Candidate,
    data: bytes,
    body: str,
    meta: Meta,
    *,
    fmt: str,
    extras: list[Extra],
    problems: list[str],
    raw: bool = False,
    plain: bool = False,
) -> Article:
    """The one article of a file (a ``Candidate``): its id and path, the hash of its bytes, its
    metadata and extras made safe to show."""
    return compose(
        candidate.id,
        candidate.path,
        body,
        safe_meta(meta),
        fmt=fmt,
        extras=safe_extras(extras),
        problems=problems,
        content_hash=hashlib.sha256(data).hexdigest(),
        raw=raw,
        plain=plain,
    )


def blank_line_paragraphs(text: str) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(m.start(), m.end()) for m in re.finditer(r"\S(?:.*\S)?(?:\n[^\S\n]*\S(?:.*\S)?)*", text))


def derived_title(text: str, fallback: str) -> str:
    """A display title for an article that has no headline: its first sentence, shortened."""
    head = first_sentence(text.strip().split("\n", 1)[0]) if text.strip() else ""
    if not head:
        return fallback
    if len(head) > _TITLE_MAX:
        head = head[:_TITLE_MAX].rsplit(" ", 1)[0] + "…"
    return head


def compose(
    article_id: str,
    path: str,
    body: str,
    meta: Meta,
    *,
    fmt: str,
    extras: list[Extra],
    problems: list[str],
    content_hash: str,
    raw: bool = False,
    plain: bool = False,
) -> Article:
    """The article of ``body``: cleaned (``raw``: the body as it stands, cleaning still reads
    its metadata; ``plain``: not cleaned at all, when cleaning was abandoned)."""
    cleaned = Cleaned(plain_text(body), (), ()) if plain else clean(body, markdown=fmt == "markdown")
    problems = [*problems, *cleaned.problems]
    extras = list(extras)
    if raw or plain:
        text = cleaned.text if plain else body
        paragraphs = blank_line_paragraphs(text)
    else:
        text, paragraphs = cleaned.text, cleaned.paragraphs
        extras.extend(cleaned.extras)
        if not text:
            problems.append("no article text left after cleaning; see extras")
    found = meta.over(cleaned.about)
    if not found.source and found.url:
        host = urlsplit(found.url).hostname
        found.source = source_name(host) if host else None
    return Article(
        id=article_id,
        path=path,
        title=found.title or derived_title(text, os.path.splitext(os.path.basename(path))[0]),
        text=text,
        paragraphs=paragraphs,
        published=found.published,
        source=found.source,
        author=found.author,
        place=found.place,
        section=found.section,
        language=found.language,
        url=meta.url,
        extras=tuple(extras),
        problems=tuple(problems),
        content_hash=content_hash,
        format=fmt,
    )
