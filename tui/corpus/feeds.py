"""RSS 2.0, Atom and RDF feeds through feedparser: one article per entry.

An entry keeps its id (``<guid>``, ``<id>``, else its link, else its title), title, publication
date (with the offset the feed wrote), author, link and content: the full content where the
feed has it (Atom ``<content>``, ``<content:encoded>``), else the summary. feedparser removes
scripts and styles from HTML content. A document that declares XML entities is refused before
it is parsed (no entity expansion, however the XML parser is configured).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from tui.corpus.frontmatter import parse_iso_published
from tui.corpus.model import Published

_ROOT = re.compile(rb"<(?:rss|feed|(?:[\w-]+:)?RDF)[\s>/]", re.IGNORECASE)
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


class BadFeed(Exception):
    """A feed that gives no article; the message is the one-line reason."""


@dataclass(slots=True)
class FeedEntry:
    key: str  # the entry's id within the feed
    title: str | None
    published: Published | None
    author: str | None
    link: str | None
    content: str  # HTML when ``html``, else plain text
    html: bool


@dataclass(slots=True)
class Feed:
    title: str | None
    language: str | None
    entries: list[FeedEntry]


def read_feed(data: bytes) -> Feed:
    import feedparser

    root = _ROOT.search(data)
    prolog = data[: root.start()] if root else data[:65536]
    if b"<!ENTITY" in prolog.upper():
        raise BadFeed("XML declares entities: refused (entity expansion)")
    try:
        parsed = feedparser.parse(data, resolve_relative_uris=False)
    except Exception as exc:  # feedparser's parsers fail on broken input in many ways
        raise BadFeed(f"malformed feed: {type(exc).__name__}") from None
    if not parsed.entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            raise BadFeed(f"malformed feed: {str(problem)[:80] or type(problem).__name__}")
        raise BadFeed("feed without entries")
    feed = parsed.get("feed", {})
    if not any(_text(e.get("title")) or e.get("link") or _content(e)[0].strip() for e in parsed.entries):
        raise BadFeed("malformed feed: its entries are empty" if parsed.get("bozo") else "feed without entries")
    entries: list[FeedEntry] = []
    seen: dict[str, int] = {}
    for entry in parsed.entries:
        content, html = _content(entry)
        title = _text(entry.get("title"))
        link = entry.get("link") if isinstance(entry.get("link"), str) else None
        if not (title or link or content.strip()):
            continue  # nothing of it survived (a truncated feed's last entry)
        key = _text(entry.get("id")) or link or title or hashlib.sha256(content.encode()).hexdigest()[:16]
        # Two entries with one id (a broken feed) stay two articles.
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}~{seen[key]}"
        entries.append(FeedEntry(key, title, _published(entry), _author(entry), link, content, html))
    language = _text(feed.get("language"))
    return Feed(_text(feed.get("title")), language.split("-")[0].lower() if language else None, entries)


def _text(value: object) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _content(entry: Any) -> tuple[str, bool]:
    """The entry's longest content, or its summary; and whether it is HTML."""
    best, html = "", False
    for part in entry.get("content") or []:
        value = part.get("value") or ""
        if len(value) > len(best):
            best, html = value, (part.get("type") or "text/html").lower() in _HTML_TYPES
    if not best.strip():
        detail = entry.get("summary_detail") or {}
        best = entry.get("summary") or ""
        html = (detail.get("type") or "text/html").lower() in _HTML_TYPES
    return best, html


def _author(entry: Any) -> str | None:
    detail = entry.get("author_detail") or {}
    return _text(detail.get("name")) or _text(entry.get("author"))


def _published(entry: Any) -> Published | None:
    """The entry's date as written, offset included; feedparser's parsed form (in UTC) if the
    string is neither RFC 822 nor ISO 8601."""
    for key in ("published", "updated", "created"):
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        found = parse_iso_published(value.strip())
        if found is None:
            try:
                stamp = email.utils.parsedate_to_datetime(value.strip())
                found = Published(stamp, "second" if stamp.second else "minute")
            except (TypeError, ValueError, IndexError):
                found = None
        if found is None:
            parsed = entry.get(f"{key}_parsed")
            if parsed:
                try:
                    y, mo, d, h, mi, sec = parsed[:6]
                    found = Published(dt.datetime(y, mo, d, h, mi, sec, tzinfo=dt.UTC), "minute")
                except (TypeError, ValueError):
                    found = None
        if found is not None:
            return found
    return None
