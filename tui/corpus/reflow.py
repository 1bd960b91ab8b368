"""Physical lines -> paragraphs.

Web text puts one paragraph on a line; PDF text breaks lines at a fixed width,
mid-sentence, sometimes with stray blank lines. Which one a document is, is
decided once per document from the lengths and endings of its lines; then
every line break is judged on its own:

* a line that ends in a hyphen, in an article/preposition/conjunction, or is
  followed by a lower-case word continues on the next line, across stray blank
  lines too (German capitalises nouns, so only lower case is evidence);
* a line filled up to the wrap width continues on the next line;
* two short unpunctuated lines closing a block form one wrapped heading;
* anything else is a paragraph break; headings and list items never merge.

Lines that ``boilerplate.line_kind`` recognises are barriers: nothing joins across them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tui.corpus import boilerplate, deadline, lexicon

_TERMINAL = re.compile(r"[.!?:;…]['\"”“’»«)\]]*$")
_BULLET = re.compile(r"^(?:[-*•·–▪◦]\s+|\d{1,2}[.)]\s+(?=\D))")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
# Invisible characters that only get in the way of reading and searching.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff\u180e]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


@dataclass(slots=True)
class Line:
    text: str
    gap: int  # blank lines before this one
    kind: str | None = None  # extra-kind when the line is page furniture


@dataclass(slots=True)
class Block:
    text: str
    kind: str  # "paragraph", "heading", "list", or an extra-kind
    extra: bool = False


def normalize_lines(body: str) -> tuple[list[Line], list[str]]:
    """Split into stripped lines with their blank-line gaps; unify spaces, drop invisible characters."""
    problems: list[str] = []
    body = _INVISIBLE.sub("", unicodedata.normalize("NFC", body))
    body, n_bidi = _BIDI.subn("", body)
    if n_bidi:
        problems.append(f"removed {n_bidi} bidirectional override character{'s' if n_bidi != 1 else ''}")
    lines: list[Line] = []
    gap = 0
    for n, raw in enumerate(body.split("\n")):
        if not n & 4095:
            deadline.check()
        text = " ".join(raw.split())  # every Unicode space, collapsed; fast in C
        if not text:
            gap += 1
            continue
        lines.append(Line(text, gap if lines else 0, boilerplate.line_kind(text)))
        gap = 0
    return lines, problems


def plain_text(body: str) -> str:
    """The body as it stands, with spaces unified and invisible characters dropped as
    ``normalize_lines`` does, and nothing else: for a text whose cleaning was abandoned."""
    body = _BIDI.sub("", _INVISIBLE.sub("", unicodedata.normalize("NFC", body)))
    return "\n".join(" ".join(line.split()) for line in body.split("\n")).strip()


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text))


def _last_word(text: str) -> str:
    return text.rsplit(" ", 1)[-1].lower().strip("\"'„“”»«(),")


def _first_word(text: str) -> str:
    return text.split(" ", 1)[0]


def _starts_lower(text: str) -> bool:
    ch = text[0]
    return ch.islower() or ch in ",;)–-" and len(text) > 1


def wrap_width(lines: list[Line]) -> int | None:
    """The width a hard-wrapped document was broken at, or None for one paragraph per line."""
    body = [len(line.text) for line in lines if line.kind is None]
    if len(body) < 4:
        return None
    ordered = sorted(body)
    width = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    if width > 120:
        return None
    full = [line.text for line in lines if line.kind is None and len(line.text) >= 0.7 * width]
    unended = sum(not ends_sentence(t) for t in full)
    return width if len(full) >= 3 and unended >= 0.5 * len(full) else None


def _join(pieces: list[str], b: str) -> None:
    """Append line b to the paragraph being built in ``pieces`` (joined once, at the end)."""
    a = pieces[-1]
    if a.endswith("-") and len(a) > 1 and a[-2].isalpha():
        word = _first_word(b).lower().strip(".,")
        if a[-2].isupper() or not b[0].islower():
            pieces.append(b)  # "US-" + "Beamten"
        elif word in lexicon.SUSPENSION_CONJUNCTIONS:
            pieces.append(" " + b)  # "Energie-" + "und Infrastruktur"
        else:
            pieces[-1] = a[:-1]  # "Waffen-" + "stillstand"
            pieces.append(b)
    else:
        pieces.append(" " + b)


class _Reflower:
    def __init__(self, lines: list[Line], width: int | None, markdown: bool) -> None:
        self.lines = lines
        self.width = width
        self.markdown = markdown

    def _continues(self, i: int) -> bool:
        """Does line i+1 continue the paragraph of line i?"""
        prev, nxt = self.lines[i], self.lines[i + 1]
        if prev.kind or nxt.kind or _BULLET.match(nxt.text):
            return False
        if self.markdown:  # a single newline continues a Markdown paragraph, whatever the width
            return nxt.gap == 0 and not _MD_HEADING.match(nxt.text) and not _MD_HEADING.match(prev.text)
        if self.width is None:
            return False
        a, b = prev.text, nxt.text
        open_end = not ends_sentence(a)
        if a.endswith("-") and a[-2:-1].isalpha():
            return True
        if open_end and (_starts_lower(b) or _last_word(a) in lexicon.FUNCTION_WORDS):
            return True
        if nxt.gap:
            return False
        if len(a) + 1 + len(_first_word(b)) > self.width:
            return True
        return open_end and self._wrapped_heading(i)

    def _wrapped_heading(self, i: int) -> bool:
        # "Herausforderungen für einen dauerhaften" / "Frieden" / <blank>: a heading
        # set in a larger font wraps early; its second line closes the block.
        prev, nxt = self.lines[i], self.lines[i + 1]
        closes_block = i + 2 >= len(self.lines) or self.lines[i + 2].gap > 0 or self.lines[i + 2].kind
        return bool(
            closes_block
            and not ends_sentence(nxt.text)
            and _last_word(nxt.text) not in lexicon.FUNCTION_WORDS
            and len(prev.text) + len(nxt.text) <= (self.width or 0)
            and len((prev.text + " " + nxt.text).split()) <= 12
        )

    def blocks(self) -> list[Block]:
        out: list[Block] = []
        current: list[str] = []
        current_kind = "paragraph"
        for i, line in enumerate(self.lines):
            if not i & 4095:
                deadline.check()
            if line.kind:
                out.append(Block(line.text, line.kind, extra=True))
                continue
            text = line.text
            kind = "paragraph"
            if self.markdown and _MD_HEADING.match(text):
                text, kind = _MD_HEADING.sub("", text), "heading"
            elif _BULLET.match(text):
                kind = "list"
            if not current:
                current, current_kind = [text], kind
            else:
                _join(current, text)
            if i + 1 >= len(self.lines) or not self._continues(i):
                out.append(Block("".join(current), current_kind))
                current = []
        return _merge_lists(out)


def _merge_lists(blocks: list[Block]) -> list[Block]:
    """Consecutive list items form one list block, one item per line."""
    out: list[Block] = []
    for block in blocks:
        if block.kind == "list" and out and out[-1].kind == "list":
            out[-1].text += "\n" + block.text
        else:
            out.append(block)
    return out


def reflow(lines: list[Line], markdown: bool = False) -> list[Block]:
    width = None if markdown else wrap_width(lines)
    return _Reflower(lines, width, markdown).blocks()


def is_heading(text: str) -> bool:
    """Short, unpunctuated, not a quotation: an intermediate heading."""
    words = text.split()
    if not words or len(words) > 12 or len(text) > 100 or "\n" in text:
        return False
    if text[0] in "\"'„“»«" or re.search(r"[.;,:]$", text) or re.search(r"[.!?] ", text):
        return False
    if text.endswith(("!", "?")) and len(words) > 8:
        return False
    return True
