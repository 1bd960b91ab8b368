"""Articles and load reports as plain JSON-ready dicts: the `chronik extract` format.

Later layers add to ``entities`` and ``dates``; every offset in them is a
Python ``str`` index into ``text``.
"""

from __future__ import annotations

from typing import Any

from tui.corpus import record
from tui.corpus.model import Article, LoadReport


def article_record(
    article: Article, entities: list[dict[str, Any]] | None = None, dates: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The article's record (``tui.corpus.record``) with its names and dates."""
    out = record.article_record(article)
    out["entities"] = entities or []
    out["dates"] = dates or []
    return out


def report_record(report: LoadReport) -> dict[str, Any]:
    return {
        "report": {
            "loaded": report.loaded,
            "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
            "partial": [{"path": s.path, "reason": s.reason} for s in report.partial],
        }
    }
