"""Which kind of file an article file is: plain text, Markdown, a saved web page, a PDF or a feed.

Decided by content first, then by name: a feed is an RSS, Atom or RDF document whatever its
extension, a PDF starts with its ``%PDF-`` header, a web page with ``<!DOCTYPE html>`` or
``<html>`` (or is named ``.html``/``.htm``/``.xhtml``). An ``.xml`` file that is no feed is
not an article file.
"""

from __future__ import annotations

import re
from typing import Literal

Format = Literal["text", "markdown", "html", "pdf", "feed"]
FORMATS: tuple[Format, ...] = ("text", "markdown", "html", "pdf", "feed")

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")
# What discovery takes as article files.
SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, ".pdf", *FEED_SUFFIXES)

# The prolog an XML document may start with: declaration, comments, processing instructions, a
# doctype (without an internal subset: one with entity declarations is refused by the feed reader).
_PROLOG = rb"(?:\s|<\?[^>]{0,500}\?>|<!--.{0,2000}?-->|<!DOCTYPE[^>\[]{0,500}(?:\[.{0,5000}?\])?\s*>)*"
_FEED_ROOT = re.compile(
    rb"\A(?:\xef\xbb\xbf)?" + _PROLOG + rb"<(?:rss|feed|(?:[\w-]+:)?RDF)[\s>/]", re.DOTALL | re.IGNORECASE
)
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?" + _PROLOG + rb"<(?:!DOCTYPE\s+html|html|head|body)[\s>]", re.DOTALL | re.IGNORECASE
)
_HEAD = 16384  # how much of a file the sniffing reads


class NotAnArticleFile(Exception):
    """A file discovery took up that holds no article (an ``.xml`` file that is no feed)."""


def detect(path: str, data: bytes) -> Format:
    """The file's format; ``NotAnArticleFile`` for an ``.xml``-like file that is no feed."""
    head = data[:_HEAD]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if _FEED_ROOT.match(head):
        return "feed"
    name = path.lower()
    if name.endswith(".pdf"):
        raise NotAnArticleFile("not a PDF: no %PDF- header")
    if name.endswith(FEED_SUFFIXES):
        raise NotAnArticleFile("not a feed: an XML file without an RSS, Atom or RDF root element")
    if name.endswith(HTML_SUFFIXES) or _HTML_START.match(head):
        return "html"
    return "markdown" if name.endswith(".md") else "text"
