"""The one span type: entities, dates and search matches are all ``Span``s.

``start``/``end`` are Python ``str`` indices into ``Article.text`` and
``text == article.text[start:end]``. ``label`` says what the span is (``PER``,
``LOC``, ``ORG``, ``MISC`` for entities); ``key`` groups spans across the
corpus (the canonical entity name for entities).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True, order=True)
class Span:
    start: int
    end: int
    label: str
    text: str
    key: str = ""

    def record(self) -> dict[Any, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label, "key": self.key}


def non_overlapping(spans: list[Span]) -> list[Span]:
    """Sorted spans with overlaps removed, the earlier (then longer) span winning."""
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if s.end > s.start and (not out or s.start >= out[-1].end):
            out.append(s)
    return out
