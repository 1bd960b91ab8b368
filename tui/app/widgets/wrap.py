"""Breaking text into terminal lines by cell width, keeping the offsets of every line.

The reader needs to know which line holds a given offset of ``Article.text`` (to scroll to
a sentence or a mark), so it wraps the text itself instead of leaving that to a widget.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, get_character_cell_size

_WORD = re.compile(r"\S+\s*|\s+")


def _narrow() -> re.Pattern[str]:
    """Any character that is not a plain space or a printable character one cell wide (ASCII,
    Latin, Greek, Cyrillic letters, punctuation such as „“–…): text without one wraps by counting."""
    ranges = [
        *range(0x21, 0x7F),
        *range(0xA1, 0x300),
        *range(0x370, 0x530),
        *range(0x2010, 0x2028),
        *range(0x2030, 0x205F),
    ]
    narrow = "".join(chr(c) for c in ranges if get_character_cell_size(chr(c)) == 1 and not chr(c).isspace())
    return re.compile("[^ " + re.escape(narrow) + "]")


_NOT_SIMPLE = _narrow()
_NOT_SPACE = re.compile("[^ ]")


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each line of ``text`` wrapped at ``width`` cells; a newline in the text
    ends a line; a word longer than a line breaks after a hyphen, else is cut; trailing spaces
    stay on their line."""
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    pos = 0
    for segment in text.split("\n"):
        seg_start, seg_end = pos, pos + len(segment)
        pos = seg_end + 1
        if len(segment) <= width and segment.isascii():
            lines.append((seg_start, seg_end))
        elif _NOT_SIMPLE.search(segment) is None:
            _wrap_simple(text, seg_start, seg_end, width, lines)
        else:
            _wrap_words(text, seg_start, seg_end, width, lines)
    return lines


def _wrap_simple(text: str, start: int, seg_end: int, width: int, lines: list[tuple[int, int]]) -> None:
    """``wrap`` for a segment of one-cell characters and plain spaces: a line at a time, by
    looking at where it would end (a 2 MB line wraps in milliseconds, not word by word)."""
    while seg_end - start > width:
        limit = start + width
        if text[limit] == " ":  # the words before fit; the spaces after them stay on the line
            m = _NOT_SPACE.search(text, limit, seg_end)
            if m is None:
                break
            end = m.start()
        else:
            space = text.rfind(" ", start, limit)
            # Before the word that does not fit; a word longer than a line breaks after its last
            # hyphen that fits ("Tomahawk-Langstrecken-" / "Marschflugkörpern"), else is cut.
            hyphen = text.rfind("-", start, limit) if space < 0 else -1
            end = space + 1 if space >= 0 else hyphen + 1 if hyphen > start else limit
        lines.append((start, end))
        start = end
    lines.append((start, seg_end))


def _wrap_words(text: str, seg_start: int, seg_end: int, width: int, lines: list[tuple[int, int]]) -> None:
    """``wrap`` for a segment with wide, zero-width or unusual characters: word by word, in cells."""
    start, used = seg_start, 0
    for m in _WORD.finditer(text, seg_start, seg_end):
        word = m.group()
        stripped = word.rstrip()
        w = cell_len(stripped)
        if used and used + w > width:
            lines.append((start, m.start()))
            start, used = m.start(), 0
        if w > width:  # a word wider than the line: cut it by cells
            at = m.start()
            for end in _cuts(text, at, at + len(stripped), width):
                lines.append((start, end))
                start = end
            used = cell_len(text[start : m.start() + len(stripped)])
            used += len(word) - len(stripped)
            continue
        used += w + (len(word) - len(stripped))
    lines.append((start, seg_end))


def _cuts(text: str, start: int, end: int, width: int) -> list[int]:
    """Offsets at which to cut ``text[start:end]`` so each piece fits ``width`` cells: after its
    last hyphen, else where the next character would not fit."""
    cuts, used, piece = [], 0, start
    for i in range(start, end):
        w = get_character_cell_size(text[i])
        if used + w > width:
            hyphen = text.rfind("-", piece, i)
            piece = hyphen + 1 if hyphen > piece else i
            cuts.append(piece)
            used = cell_len(text[piece:i])
        used += w
    return cuts
