"""Saved web pages: the main text through trafilatura, the metadata from the page itself.

trafilatura (with htmldate) finds the article text among navigation, banners, comments and
related links. What the page says about itself wins over what heuristics guess: a JSON-LD
``NewsArticle`` (or ``Article``, ``BlogPosting``, ``ReportageNewsArticle``) first, then
``og:`` and ``article:`` properties, then ``<meta>`` names, then trafilatura's own reading.
What the extraction leaves out is not lost: navigation, banners, comments, teasers, bylines and
footers become extras, and any other block of the page that is not in the article text one
``left-out`` extra. Scripts, styles and templates are never read as text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from tui.corpus.frontmatter import parse_iso_published
from tui.corpus.model import Extra, Meta, Published

_ARTICLE_TYPES = frozenset(
    {
        "NewsArticle",
        "Article",
        "BlogPosting",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "ReviewNewsArticle",
        "BackgroundNewsArticle",
        "LiveBlogPosting",
    }
)
# Page parts set aside as extras, by what their tag, id or class says they are.
_PART_TAGS = {
    "nav": "navigation",
    "header": "navigation",
    "footer": "copyright",
    "aside": "teasers",
    "form": "navigation",
}
_PART_WORDS = (
    (re.compile(r"cookie|consent|gdpr|banner|paywall|newsletter|subscribe|abo-", re.IGNORECASE), "banner"),
    (re.compile(r"comment|kommentar|disqus|forum|posting", re.IGNORECASE), "comments"),
    (
        re.compile(r"related|teaser|recommend|more-|mehr-|weitere|read-?more|most-?read|meistgelesen", re.IGNORECASE),
        "teasers",
    ),
    (re.compile(r"byline|author|autor", re.IGNORECASE), "byline"),
    (
        re.compile(r"share|social|sharing|breadcrumb|menu|\bnav\b|navigation|navbar|sidebar", re.IGNORECASE),
        "navigation",
    ),
)
_NEVER_TEXT = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed")
_SPACES = re.compile(r"\s+")


class BadPage(Exception):
    """A file that is no readable web page; the message is the one-line reason."""


@dataclass(slots=True)
class Page:
    """A web page read: its main text (paragraphs apart by blank lines) and what the page says
    about itself. Values are as the page has them, not yet sanitised for display."""

    text: str
    meta: Meta = field(default_factory=Meta)
    extras: list[Extra] = field(default_factory=list)
    # The day htmldate finds where the page states no date (a date line outside the article, the
    # address): for when the article's text has none either.
    guessed: Published | None = None


def read_html(data: bytes | str, fragment: bool = False) -> Page:
    """The page's main text and metadata; ``fragment``: a piece of HTML (a feed entry's
    content), all of which is text."""
    import lxml.etree
    import lxml.html

    if isinstance(data, bytes):
        data = decode_html(data)
    # lxml takes no str with an encoding declaration (an XHTML page's <?xml ... encoding=...?>).
    data = _XML_DECLARATION.sub("", data, count=1)
    try:
        tree = lxml.html.fromstring(data) if fragment else lxml.html.document_fromstring(data)
    except (lxml.etree.ParserError, ValueError, TypeError) as exc:
        raise BadPage(f"malformed HTML: {exc}" if str(exc) else "malformed HTML: no document") from None
    if fragment:
        lxml.etree.strip_elements(tree, *_NEVER_TEXT, with_tail=False)
        return Page(_block_text(tree))
    meta = _metadata(tree)
    guessed = _guessed_date(tree, meta.url) if meta.published is None else None
    lxml.etree.strip_elements(tree, *_NEVER_TEXT, with_tail=False)
    extras, taken = _parts(tree)
    text = _main_text(tree)
    return Page(text, meta, extras + _rest(tree, text, taken), guessed)


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{1,40})""", re.IGNORECASE)
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def decode_html(data: bytes) -> str:
    """A page's bytes as text: by its byte-order mark, else its declared charset, else UTF-8 when
    the bytes are UTF-8, else Windows-1252 (what browsers assume for an undeclared page)."""
    import codecs

    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace")
    declared = _CHARSET.search(data[:4096])
    if declared:
        try:
            name = codecs.lookup(declared[1].decode("ascii")).name
        except LookupError:
            name = ""
        if name and name not in (
            "utf-16-le",
            "utf-16-be",
            "utf-16",
            "utf-32",
        ):  # a declaration in ASCII bytes can't be UTF-16
            return data.decode("cp1252" if name in ("latin-1", "iso8859-1") else name, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _guessed_date(tree: Any, url: str | None) -> Published | None:
    """htmldate's reading of the page's publication day (its quick search: date elements, the
    address, no guessing from free text)."""
    import htmldate

    try:
        found = htmldate.find_date(tree, url=url, extensive_search=False, original_date=True)
    except Exception:  # a heuristic on untrusted markup: any failure is no date
        return None
    return parse_iso_published(found) if isinstance(found, str) else None


def _main_text(tree: Any) -> str:
    import trafilatura

    # trafilatura changes the tree it reads: it gets a copy, the extras were read before.
    doc = trafilatura.bare_extraction(
        _copy(tree),
        with_metadata=False,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    text = getattr(doc, "text", None) or ""
    if not text.strip():
        # No main text found (a page of links, a tiny page): its body's text, block by block.
        body = tree.find("body")
        text = _block_text(body if body is not None else tree)
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def _copy(tree: Any) -> Any:
    import copy

    return copy.deepcopy(tree)


_BLOCKS = frozenset(
    [
        "p",
        "div",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "td",
        "th",
        "dt",
        "dd",
        "figcaption",
        "section",
        "article",
    ]
)


def _block_text(root: Any) -> str:
    """The text of an element, a paragraph per innermost block element."""
    blocks = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag not in _BLOCKS:
            continue
        if any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in el.iterdescendants()):
            own = _SPACES.sub(" ", el.text or "").strip()  # its text before the first inner block
        else:
            own = _SPACES.sub(" ", el.text_content()).strip()
        if own:
            blocks.append(own)
    if not blocks:
        return _SPACES.sub(" ", root.text_content()).strip()
    return "\n\n".join(blocks)


def _parts(tree: Any) -> tuple[list[Extra], set[Any]]:
    """The page parts the article text is not made of (navigation, banners, comments, ...), as
    extras, outermost first; and the elements taken."""
    extras: list[Extra] = []
    taken: set[Any] = set()
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        kind = _part_kind(el)
        if kind is None or any(a in taken for a in el.iterancestors()):
            continue
        text = _words(el)
        if not text:
            continue
        taken.add(el)
        extras.append(Extra(kind, text))
    return extras, taken


def _rest(tree: Any, text: str, taken: set[Any]) -> list[Extra]:
    """What else the extraction left out, block by block, so that nothing of the page is dropped
    silently: one ``left-out`` extra (a page's stray links, a teaser without a telling class)."""
    body = tree.find("body")
    if body is None:
        return []
    main = " ".join(text.split())
    found: list[str] = []
    for el in body.iter(*_BLOCKS):
        if any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in el.iterdescendants()):
            continue  # its innermost blocks speak for it
        words = _words(el)
        if words and words not in main and el not in taken and not any(a in taken for a in el.iterancestors()):
            found.append(words)
    return [Extra("left-out", " / ".join(found))] if found else []


def _words(el: Any) -> str:
    return " ".join(" ".join(t.split()) for t in el.itertext() if t.strip())


def _part_kind(el: Any) -> str | None:
    if el.tag in ("html", "body", "main", "article"):
        return None
    kind = _PART_TAGS.get(el.tag)
    if kind is not None:
        # An article's own header and footer (headline, byline, tags) are no page furniture.
        if el.tag in ("header", "footer") and any(a.tag == "article" for a in el.iterancestors()):
            return None
        return kind
    label = f"{el.get('id', '')} {el.get('class', '')} {el.get('role', '')}"
    if not label.strip():
        return None
    if "contentinfo" in label:
        return "copyright"
    for rx, name in _PART_WORDS:
        if rx.search(label):
            return name
    return None


# -- what the page says about itself ------------------------------------------------------


def _metadata(tree: Any) -> Meta:
    ld = _json_ld(tree)
    props: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "").strip().lower()
        value = (el.get("content") or "").strip()
        if key and value and key not in props:
            props[key] = value
    link = next(
        (
            el.get("href")
            for el in tree.iter("link")
            if "canonical" in (el.get("rel") or "").lower().split() and el.get("href")
        ),
        None,
    )
    title_el = tree.find(".//title")
    html_lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    title = _first(
        ld.get("headline"),
        ld.get("name"),
        props.get("og:title"),
        props.get("twitter:title"),
        props.get("title"),
        props.get("dc.title"),
        _site_suffix_removed(title_el.text_content()) if title_el is not None else None,
    )
    published = None
    for value in (
        _first(ld.get("datePublished")),
        props.get("article:published_time"),
        props.get("og:published_time"),
        props.get("date"),
        props.get("pubdate"),
        props.get("publishdate"),
        props.get("dc.date"),
        props.get("dc.date.issued"),
        props.get("dcterms.created"),
        _first(ld.get("dateCreated")),
        _time_element(tree),
    ):
        published = _published(value)
        if published is not None:
            break
    author = _first(
        _names(ld.get("author")),
        props.get("author"),
        props.get("article:author"),
        props.get("dc.creator"),
        props.get("twitter:creator"),
    )
    if author and re.match(r"https?://", author):
        author = None  # a profile's address, not a name
    source = _first(_names(ld.get("publisher")), props.get("og:site_name"), props.get("application-name"))
    url = _first(link, props.get("og:url"), _first(ld.get("url")), _url_of(ld.get("mainEntityOfPage")))
    language = _first(
        html_lang,
        _first(ld.get("inLanguage")),
        props.get("og:locale"),
        props.get("content-language"),
        props.get("language"),
        props.get("dc.language"),
    )
    if language:
        language = language.replace("_", "-").split("-")[0].lower()[:8] or None
    return Meta(title, published, author, source, url=url, language=language)


def _json_ld(tree: Any) -> dict[str, Any]:
    """The page's JSON-LD article object (the first of an article type, else of any type)."""
    found: list[dict[str, Any]] = []
    for el in tree.iter("script"):
        if (el.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(el.text or "", strict=False)  # control characters and all: sanitised later
        except (ValueError, RecursionError):
            continue
        found.extend(_objects(data, 0))

    def types(obj: dict[str, Any]) -> set[str]:
        t = obj.get("@type")
        return {x for x in (t if isinstance(t, list) else [t]) if isinstance(x, str)}

    return (
        next((o for o in found if types(o) & _ARTICLE_TYPES), None)
        or next((o for o in found if "WebPage" in types(o)), None)
        or {}
    )


def _objects(data: Any, depth: int) -> list[dict[str, Any]]:
    if depth > 4:
        return []
    if isinstance(data, list):
        return [o for item in data[:50] for o in _objects(item, depth + 1)]
    if isinstance(data, dict):
        out = [data]
        if isinstance(data.get("@graph"), list):
            out += _objects(data["@graph"], depth + 1)
        return out
    return []


def _first(*values: Any) -> str | None:
    for v in values:
        if isinstance(v, list):
            v = next((x for x in v if isinstance(x, str) and x.strip()), None)
        if isinstance(v, str) and v.strip():
            return _SPACES.sub(" ", v).strip()
    return None


def _names(value: Any) -> str | None:
    """The name(s) of a JSON-LD person or organisation (or a list of them), joined."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items[:10]:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip():
            names.append(_SPACES.sub(" ", name).strip())
    return ", ".join(names) or None


def _url_of(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return value if isinstance(value, str) and value.startswith(("http://", "https://")) else None


def _time_element(tree: Any) -> str | None:
    for el in tree.iter("time"):
        if el.get("datetime") and ("pubdate" in el.attrib or el.get("itemprop") == "datePublished"):
            found: str | None = el.get("datetime")
            return found
    return None


def _published(value: str | None) -> Published | None:
    """An ISO 8601 date or date-time as pages write them; a date-time that is not quite ISO
    ("2025-10-16T18:30:00.000+0200") keeps at least its day."""
    if not value:
        return None
    value = value.strip()
    found = parse_iso_published(value)
    if found is None and re.match(r"\d{4}-\d\d-\d\d(?:\D|$)", value):
        found = parse_iso_published(value[:10])
    return found


_SITE_SEPARATOR = re.compile(r"\s+[|–—·»-]\s+[^|–—·»]{2,40}$")


def _site_suffix_removed(title: str) -> str:
    """ "Trump telefoniert mit Putin | Beispielzeitung" -> "Trump telefoniert mit Putin"."""
    title = _SPACES.sub(" ", title).strip()
    short = _SITE_SEPARATOR.sub("", title)
    return short if len(short) >= 10 else title
