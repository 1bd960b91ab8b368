"""An article file's body -> the text the reader shows, its paragraphs, metadata and extras.

The steps: normalise lines; reflow them into blocks (``reflow``), setting page
furniture aside (``boilerplate``); read the header (time stamp, byline,
kicker, section) and the footer (copyright, source); choose the headline; find
the dateline. Whatever is not article text becomes an ``Extra`` with its kind,
so nothing of the file is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tui.corpus import boilerplate, deadline, lexicon, meta
from tui.corpus.model import Extra, Meta, Paragraph, Published
from tui.corpus.reflow import Block, ends_sentence, is_heading, normalize_lines, reflow
from tui.corpus.text import first_sentence

HEADER_BLOCKS = 8
TITLE_THRESHOLD = 1.5


@dataclass(slots=True)
class Cleaned:
    text: str
    paragraphs: tuple[Paragraph, ...]
    extras: tuple[Extra, ...]
    about: Meta = field(default_factory=Meta)  # what the text says about the article
    problems: tuple[str, ...] = field(default_factory=tuple)


def _is_kicker(text: str) -> bool:
    """A tag line such as "Trump, Putin": short capitalised names separated by commas."""
    if ends_sentence(text) or len(text) > 80:
        return False
    parts = [p.strip() for p in text.split(",")]
    if len(parts) >= 2:
        return all(p and len(p.split()) <= 3 and all(w[0].isupper() for w in p.split()) for p in parts)
    return False


def _body_like(block: Block) -> bool:
    return not block.extra and (len(block.text) >= 200 or len(block.text) >= 100 and ends_sentence(block.text))


def headline_score(text: str, whole: bool) -> float:
    """How much a string looks like a headline: short, unpunctuated, often "X: Y" or "X – Y"."""
    words = text.split()
    if len(words) < 2 or len(words) > (22 if whole else 16) or len(text) > 180 or _is_kicker(text) or "\n" in text:
        return float("-inf")
    last = text[-1]
    if whole:
        score = 3.0 if last not in ".,;:" else (-1.0 if last == "." else -3.0)
    else:
        # The first sentence of a paragraph: a scraped "Headline. Lead ..." only when it has a
        # headline's shape; a question opening a paragraph is body text.
        score = 0.5 if last == "." else 0.0
    if re.search(r"\S: \S| [–—-] ", text[:-1]):
        score += 1
    if "," in text:
        score -= 0.5
    if whole and len(words) <= 2:
        score -= 1.5  # more likely a roof line or a label
    return score


class _Article:
    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.out = Cleaned("", (), ())
        self.title_block: int | None = None
        self.title_split: str | None = None  # rest of the block when the title was its first sentence
        self.published_is_update = False

    # -- boilerplate spread over paragraphs --------------------------------------------
    def mark_teasers_and_promos(self) -> None:
        in_teasers = False
        for b in self.blocks:
            if b.extra:
                in_teasers = in_teasers and b.kind in ("teasers", "navigation")
                continue
            kind = boilerplate.paragraph_kind(b.text)
            if kind is None and in_teasers and len(b.text.split()) <= 25:
                kind = "teasers"  # headline-only items under a "Weitere Meldungen" heading
            if kind:
                b.kind, b.extra = kind, True
                in_teasers = kind == "teasers"
            else:
                in_teasers = False

    # -- header and footer --------------------------------------------------------------
    def header_end(self) -> int:
        """Index just past the header: up to and including the first body-like paragraph."""
        for i, b in enumerate(self.blocks[:HEADER_BLOCKS]):
            if _body_like(b):
                return i + 1
        return min(len(self.blocks), HEADER_BLOCKS)

    def read_header(self) -> None:
        for b in self.blocks[: self.header_end()]:
            if b.extra:
                continue
            stamp = meta.parse_date_line(b.text)
            if stamp:
                b.kind, b.extra = "date", True
                self._published(stamp, meta.is_update_stamp(b.text))
                continue
            author = meta.parse_byline(b.text)
            if author:
                b.kind, b.extra = "byline", True
                self.out.about.author = self.out.about.author or author
            elif _is_kicker(b.text):
                b.kind, b.extra = "kicker", True

    def _published(self, stamp: Published, is_update: bool) -> None:
        # A publication stamp beats an update stamp; otherwise the first one wins.
        if self.out.about.published is None or (self.published_is_update and not is_update):
            self.out.about.published, self.published_is_update = stamp, is_update

    def read_footer(self) -> None:
        last_body = max((i for i, b in enumerate(self.blocks) if _body_like(b)), default=-1)
        for i, b in enumerate(self.blocks):
            if b.kind == "section":
                self.out.about.section = self.out.about.section or boilerplate.section_label(b.text)
            elif b.kind == "source":
                self.out.about.source = self.out.about.source or meta.parse_source_line(b.text)
            elif i > last_body and b.kind == "credit" and meta.is_copyright_line(b.text):
                b.kind = "copyright"
            elif i > last_body and not b.extra:
                stamp = meta.parse_date_line(b.text)
                author = meta.parse_byline(b.text)
                if stamp:
                    b.kind, b.extra = "date", True
                    self._published(stamp, meta.is_update_stamp(b.text))
                elif author:
                    b.kind, b.extra = "byline", True
                    self.out.about.author = self.out.about.author or author
                elif source := meta.parse_source_line(b.text):
                    b.kind, b.extra = "source", True
                    self.out.about.source = self.out.about.source or source

    def copyright_source(self) -> str | None:
        for b in reversed(self.blocks):
            if b.kind == "copyright":
                owner = meta.copyright_owner(b.text)
                if owner:
                    return owner
        return None

    # -- headline ------------------------------------------------------------------------
    def choose_title(self) -> None:
        best: tuple[float, int, str | None] | None = None
        rank = 0
        end = self.header_end()
        for i, b in enumerate(self.blocks[:end]):
            if b.extra or b.kind == "list":
                continue
            head = first_sentence(b.text)
            whole = head == b.text
            score = headline_score(head, whole)
            if self._next_to_date(i):
                score += 0.5
            # Earlier wins a tie; the threshold applies to the score itself.
            if score >= TITLE_THRESHOLD and (best is None or score - 0.1 * rank > best[0]):
                best = (score - 0.1 * rank, i, None if whole else b.text[len(head) :].strip())
            rank += 1
        if best is None or not self._body_left_without(best[1], best[2]):
            return
        _, i, rest = best
        self.title_block, self.title_split = i, rest
        block = self.blocks[i]
        title = block.text if rest is None else first_sentence(block.text)
        self.out.about.title = title.rstrip(".") if rest is not None else title
        if rest is None:
            block.kind, block.extra = "title", True
        else:
            self.blocks[i : i + 1] = [Block(title, "title", extra=True), Block(rest, "paragraph")]
        # Short unpunctuated lines above the headline are roof lines (kickers).
        for b in self.blocks[:i]:
            if not b.extra and len(b.text.split()) <= 3 and not ends_sentence(b.text):
                b.kind, b.extra = "kicker", True

    def _body_left_without(self, i: int, rest: str | None) -> bool:
        """A one-paragraph file is all body: its only paragraph is not taken as its headline."""
        return bool(rest) or any(not b.extra for j, b in enumerate(self.blocks) if j != i)

    def _next_to_date(self, i: int) -> bool:
        neighbours = [self.blocks[j] for j in (i - 1, i + 1) if 0 <= j < len(self.blocks)]
        return any(n.kind == "date" for n in neighbours)

    # -- body ----------------------------------------------------------------------------
    def classify_headings(self) -> None:
        body = [b for b in self.blocks if not b.extra]
        for b, nxt in zip(body, body[1:]):
            if b.kind == "paragraph" and is_heading(b.text) and not is_heading(nxt.text):
                b.kind = "heading"

    def find_place(self) -> None:
        for b in self.blocks:
            if b.extra or b.kind == "heading":
                continue
            found = meta.find_dateline(b.text)
            if found:
                self.out.about.place, agency = found
                self.out.about.source = self.out.about.source or agency
            return

    def assemble(self) -> None:
        parts: list[str] = []
        paragraphs: list[Paragraph] = []
        extras: list[Extra] = []
        pos = 0
        for b in self.blocks:
            if b.extra:
                extras.append(Extra(b.kind, b.text))
                continue
            if parts:
                pos += 2
            paragraphs.append(Paragraph(pos, pos + len(b.text), b.kind))  # type: ignore[arg-type]
            parts.append(b.text)
            pos += len(b.text)
        self.out.text = "\n\n".join(parts)
        self.out.paragraphs = tuple(paragraphs)
        self.out.extras = tuple(extras)


def clean(body: str, markdown: bool = False) -> Cleaned:
    """Clean one article body (front matter already removed)."""
    lines, problems = normalize_lines(body)
    art = _Article(reflow(lines, markdown))
    for step in (
        art.mark_teasers_and_promos,
        art.read_header,
        art.read_footer,
        art.choose_title,
        art.classify_headings,
        art.find_place,
    ):
        deadline.check()
        step()
    art.out.about.source = art.out.about.source or art.copyright_source()
    deadline.check()
    art.assemble()
    art.out.about.language = lexicon.guess_language(art.out.text)
    art.out.problems = tuple(problems)
    return art.out
