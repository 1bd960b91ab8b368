"""The article model every layer above the corpus builds on.

Offsets everywhere in Chronik are Python ``str`` indices into ``Article.text``:
paragraphs here, entity and date mentions in ``tui.nlp``, search matches in
``tui.index``. ``text`` is exactly what the reader pane shows, so an offset
computed by any layer can be highlighted without translation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "minute", "second"]
ParagraphKind = Literal["paragraph", "heading", "list"]


@dataclass(frozen=True, slots=True)
class Published:
    """A publication date or date-time, with how much of it the source gave.

    ``value`` is a ``date`` for day precision, otherwise a ``datetime`` (naive
    unless the source named an offset).
    """

    value: dt.date | dt.datetime
    precision: Precision = "day"

    def isoformat(self) -> str:
        """ISO 8601 at the precision the source gave: no invented seconds."""
        if self.precision == "day" or not isinstance(self.value, dt.datetime):
            return self.value.isoformat()[:10]
        spec = "seconds" if self.precision == "second" else "minutes"
        return self.value.isoformat(timespec=spec)

    @property
    def date(self) -> dt.date:
        v = self.value
        return v.date() if isinstance(v, dt.datetime) else v


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of ``Article.text``: ``text[start:end]``."""

    start: int
    end: int
    kind: ParagraphKind = "paragraph"


@dataclass(frozen=True, slots=True)
class Extra:
    """A piece of the file that is not article body, set aside rather than dropped.

    ``kind`` says what it was taken for: ``title``, ``date``, ``byline``,
    ``section``, ``kicker``, ``credit``, ``copyright``, ``source``, ``contact``,
    ``promo``, ``teasers``, ``table``, ``navigation`` or ``front-matter``; from web
    pages also ``banner`` (cookie and subscription notices), ``comments`` and
    ``left-out`` (the rest of the page that is not article text); from
    PDFs ``page-header`` (running headers, footers and page numbers).
    """

    kind: str
    text: str


@dataclass(slots=True)
class Meta:
    """What a file says about its article — front matter, a web page's JSON-LD and ``<meta>``, a
    PDF's document information, a feed entry's fields — or what cleaning reads from the text (a
    time stamp, a byline, a dateline); None where nothing says."""

    title: str | None = None  # the headline: <title>, og:title, a front matter's title
    published: Published | None = None  # a date or date-time, at the precision given
    author: str | None = None  # a byline's names
    source: str | None = None  # the publication: a site's name, a feed's title, a copyright line
    place: str | None = None  # a dateline's place ("MOSKAU (dpa)")
    section: str | None = None  # the part of the publication ("Politik")
    url: str | None = None  # where it was published (a canonical link, a feed entry's link)
    language: str | None = None  # an ISO 639-1 code, as declared or guessed

    def over(self, other: Meta) -> Meta:
        """Each field from here, else from ``other``: a file's own metadata over what is read
        from its text."""
        return Meta(*(getattr(self, f) if getattr(self, f) is not None else getattr(other, f) for f in self.__slots__))


@dataclass(frozen=True, slots=True)
class Article:
    """One loaded article.

    ``id`` is the path relative to the corpus root (POSIX separators) and is
    stable across runs; ``path`` is the file as found on disk.
    """

    id: str
    path: str
    title: str
    text: str
    paragraphs: tuple[Paragraph, ...] = ()
    published: Published | None = None
    source: str | None = None
    author: str | None = None
    place: str | None = None
    section: str | None = None
    language: str | None = None
    url: str | None = None
    extras: tuple[Extra, ...] = ()
    problems: tuple[str, ...] = ()
    content_hash: str = ""
    # What the file was: "text", "markdown", "html", "pdf" or "feed" (an entry of a feed file,
    # whose id is the file's id, "#", and the entry's id).
    format: str = "text"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file or path that could not be loaded, with a one-line reason."""

    path: str
    reason: str


@dataclass(slots=True)
class LoadReport:
    loaded: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    # Files that loaded, but only in part (their analysis was abandoned), and why: counted in
    # ``loaded`` and readable, listed in the report beside the skipped ones.
    partial: list[Skipped] = field(default_factory=list)

    def skip(self, path: str, reason: str) -> None:
        self.skipped.append(Skipped(path, reason))
