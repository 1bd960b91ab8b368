"""Texts of hostile shapes at any size, and the analysis of one file stage by stage with timings.

The shapes are what real folders hold besides articles: PDF text without full stops, name
lists, tables, a CSV saved as ``.txt``. Every stage of Chronik must take time roughly linear
in its input whatever its shape; ``tests/test_bounded_work.py`` compares work at n and 8n by
ratio, and ``bench/bench_hostile.py`` prints each shape's throughput at 2 MB.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import date


def _repeat(unit: str, size: int, sep: str = " ") -> str:
    """``unit`` repeated (joined by ``sep``) to about ``size`` characters."""
    return sep.join([unit] * max(1, size // (len(unit) + len(sep))))


def _nested(size: int) -> str:
    depth = max(1, size // 14)  # 14 bytes of UTF-8 per level
    return "(„[»" * depth + "Wort" + "«]“)" * depth


SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "one-sentence": ("one sentence of words, no punctuation", lambda n: _repeat("Wort", n)),
    "lower-sentence": ("one sentence of lower-case words", lambda n: _repeat("und", n)),
    "no-space": ("letters without a space", lambda n: "Kraftfahrzeug" * (n // 13)),
    "digits": ("digits, dots and dashes without a space", lambda n: _repeat("1.2-3.45-2025.10-17.3", n, "-")),
    "digit-words": ("numbers, dates and dashes between spaces", lambda n: _repeat("12.03.2025 - 1.000 - 3,5", n)),
    "one-word-lines": ("one long word per line", lambda n: _repeat("Donaudampfschifffahrt", n, "\n")),
    "capital-lines": ("one capitalised name per line", lambda n: _repeat("Berlin", n, "\n")),
    "capitalised": (
        "capitalised words in a row",
        lambda n: _repeat("Haus Berlin Merkel Bund Rat Müller Kraft Europäische Union", n),
    ),
    "nested": ("nested brackets and quotes", _nested),
    "name": ("one name repeated", lambda n: _repeat("Wladimir Putin", n)),
    "surname": ("one surname repeated", lambda n: _repeat("Putin", n)),
    "date": ("one date expression repeated", lambda n: _repeat("am 17. Oktober 2025", n)),
    "year-range": ("year ranges repeated", lambda n: _repeat("(2017 bis 2021)", n)),
    "day-list": ("a list of days before a month", lambda n: _repeat("3.,", n) + " März"),
    "relative-days": ("days counted from the day before", lambda n: _repeat("am 3. März. Am nächsten Tag.", n)),
    "dated-headings": (
        "dated heading lines, each with a weekday below",
        lambda n: _repeat("3. März 2024\nAm Dienstag kam er.", n, "\n"),
    ),
    "table": ("a table on one line", lambda n: _repeat("| 12 | Wien | 3,5 |", n, "")),
    "address": ("dotted words without an @", lambda n: "a." * (n // 2)),
    "sentences": ("short sentences", lambda n: _repeat("Ja. Nein.", n)),
}


def shape(name: str, size: int) -> str:
    return SHAPES[name][1](size)


def stages(text: str, path: str = "/hostile/shape.txt") -> dict[str, float]:
    """Seconds (of this thread's CPU) per stage of one file's analysis, through the same functions
    that loading and ``chronik extract`` use."""
    from tui.app.widgets.wrap import wrap
    from tui.corpus.discover import Candidate
    from tui.corpus.loader import build_article
    from tui.corpus.text import text_sentences, text_tokens
    from tui.index.search import Index
    from tui.index.timeline import build_timeline
    from tui.nlp.dates import find_dates
    from tui.nlp.entities import annotate
    from tui.nlp.ner import default_recognizer

    # Each run starts cold: the tokens of the text last analysed are kept (``text_tokens``).
    text_tokens.cache_clear()
    text_sentences.cache_clear()
    taken: dict[str, float] = {}

    def timed(stage: str, work: Callable):
        t0 = time.thread_time()
        result = work()
        taken[stage] = time.thread_time() - t0
        return result

    recognizer = default_recognizer()
    article = timed("cleaning", lambda: build_article(Candidate(path, "shape.txt"), text.encode()))
    dates = timed("dates", lambda: find_dates(article.text, date(2025, 10, 20)))
    tags = timed("recognition", lambda: recognizer.tag(article.text))
    names = timed("consistency", lambda: annotate([article.text], recognizer=recognizer, tagged=[tags]))
    index = timed("indexing", lambda: Index.build([article], names.mentions, [dates]))
    timed("timeline", lambda: build_timeline([article], [dates], names.mentions))
    word = (re.findall(r"[^\W_]+", article.text[:1000]) or ["x"])[0][:30]
    timed(
        "search",
        lambda: [(h.snippet, h.snippet_matches) for h in index.search(word).hits] + index.highlights(article.id, word),
    )
    timed("reader", lambda: wrap(article.text, 60))
    return taken
