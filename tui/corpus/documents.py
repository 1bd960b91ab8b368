"""Articles from web pages, PDFs and feeds: each reader's text and metadata, composed as for a
text file (``tui.corpus.compose``), the file's own metadata first.

A feed file gives one article per entry, with the id ``<file id>#<entry id>``; an entry's HTML
content goes through the web-page path as a fragment.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable
from typing import TypeVar

from tui.corpus.compose import compose, compose_file, safe, safe_meta
from tui.corpus.decode import sanitize
from tui.corpus.discover import Candidate
from tui.corpus.model import Article, Meta

# Titles that PDF writers put in the document information instead of one.
_NO_TITLE = re.compile(r"^(?:microsoft \w+ - |untitled|unbenannt)|\.(?:docx?|odt|rtf|indd|pdf|qxp|txt)$", re.IGNORECASE)


T = TypeVar("T")


class NoArticle(Exception):
    """A file of one of these formats that gives no article; the message is the reason."""


def _read(reader: Callable[[bytes], T], failure: type[Exception], data: bytes) -> T:
    """``reader(data)``, its ``failure`` (the format's one-line reason) as ``NoArticle``."""
    try:
        return reader(data)
    except failure as exc:
        raise NoArticle(str(exc)) from None


def html_article(candidate: Candidate, data: bytes, raw: bool = False, plain: bool = False) -> Article:
    from tui.corpus.html import BadPage, read_html

    page = _read(read_html, BadPage, data)
    body, problems = sanitize(page.text)
    if not body.strip():
        raise NoArticle("no text: a web page without article text")
    article = compose_file(
        candidate, data, body, page.meta, fmt="html", extras=page.extras, problems=problems, raw=raw, plain=plain
    )
    if article.published is None and page.guessed is not None:
        # Neither the page's metadata nor the article's text dates it: htmldate's day.
        article = dataclasses.replace(article, published=page.guessed)
    return article


def pdf_article(candidate: Candidate, data: bytes, raw: bool = False, plain: bool = False) -> Article:
    from tui.corpus.pdf import BadPdf, read_pdf

    doc = _read(read_pdf, BadPdf, data)
    body, problems = sanitize(doc.text)
    title = doc.title if doc.title and not _NO_TITLE.search(doc.title) else None
    return compose_file(
        candidate,
        data,
        body,
        Meta(title, doc.published, doc.author),
        fmt="pdf",
        extras=doc.extras,
        problems=problems,
        raw=raw,
        plain=plain,
    )


def feed_articles(candidate: Candidate, data: bytes, raw: bool = False, plain: bool = False) -> list[Article]:
    from tui.corpus.feeds import BadFeed, read_feed
    from tui.corpus.html import BadPage, read_html

    feed = _read(read_feed, BadFeed, data)
    articles = []
    for entry in feed.entries:
        text = entry.content
        if entry.html:
            try:
                text = read_html(text, fragment=True).text if text.strip() else ""
            except BadPage:
                text = ""
        body, problems = sanitize(text)
        if not body.strip():
            # An entry with a title and a link only is still an entry of the feed.
            body = entry.title or entry.link or entry.key
            problems.append("feed entry without content: its title stands for it")
        meta = safe_meta(
            Meta(entry.title, entry.published, entry.author, feed.title, url=entry.link, language=feed.language)
        )
        digest = hashlib.sha256(f"{entry.key}\0{entry.title}\0{entry.content}".encode("utf-8", "surrogatepass"))
        articles.append(
            compose(
                f"{candidate.id}#{safe(entry.key) or '?'}",
                candidate.path,
                body,
                meta,
                fmt="feed",
                extras=[],
                problems=problems,
                content_hash=digest.hexdigest(),
                raw=raw,
                plain=plain,
            )
        )
    return articles
