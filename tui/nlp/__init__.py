"""Article text -> entity and date mentions.

``annotate(texts)`` is the entity layer for a corpus: mentions per text, each
a ``Span`` with exact offsets, a label (PER, LOC, ORG, MISC) and the key of
its entity; and the entities by key. ``recognize(text)`` does one text
alone. ``find_dates(text, dct)`` finds temporal expressions and normalises them
to TIMEX3 values. The model loads on first use, not on import; nothing here imports
Textual or Rich.
"""

from tui.nlp.dates import Timex, find_dates
from tui.nlp.entities import Annotation, Entity, annotate
from tui.nlp.ner import Recognizer, recognize
from tui.nlp.resources import ModelMissing
from tui.nlp.spans import Span

__all__ = ["Annotation", "Entity", "ModelMissing", "Recognizer", "Span", "Timex", "annotate", "find_dates", "recognize"]
