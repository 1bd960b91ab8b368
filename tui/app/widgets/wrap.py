"""Breaking text into terminal lines by cell width, keeping the offsets of every line.

The reader needs to know which line holds a given offset of ``Article.text`` (to scroll to
a sentence or a mark), so it wraps the text itself instead of leaving that to a widget.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, get_character_cell_size

_WORD = re.compile(r"\S+\s*|\s+")


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each line of ``text`` wrapped at ``width`` cells; a newline in the text
    ends a line; a word longer than a line is cut; trailing spaces stay on their line."""
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    pos = 0
    for segment in text.split("\n"):
        seg_start, seg_end = pos, pos + len(segment)
        pos = seg_end + 1
        if segment.isascii() and len(segment) <= width:
            lines.append((seg_start, seg_end))
            continue
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
    return lines


def _cuts(text: str, start: int, end: int, width: int) -> list[int]:
    """Offsets at which to cut ``text[start:end]`` so each full piece fills ``width`` cells."""
    cuts, used = [], 0
    for i in range(start, end):
        w = get_character_cell_size(text[i])
        if used + w > width:
            cuts.append(i)
            used = 0
        used += w
    return cuts
