"""Articles and load reports as plain JSON-ready dicts: the `chronik extract` format.

Later layers add to ``entities`` and ``dates``; every offset in them is a
Python ``str`` index into ``text``.
"""

from __future__ import annotations

from tui.corpus.model import Article, LoadReport


def article_record(article: Article, entities: list | None = None, dates: list | None = None) -> dict:
    return {
        "id": article.id,
        "path": article.path,
        "format": article.format,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "source": article.source,
        "author": article.author,
        "place": article.place,
        "section": article.section,
        "language": article.language,
        "url": article.url,
        "text": article.text,
        "paragraphs": [[p.start, p.end, p.kind] for p in article.paragraphs],
        "extras": [{"kind": e.kind, "text": e.text} for e in article.extras],
        "entities": entities or [],
        "dates": dates or [],
        "problems": list(article.problems),
    }


def report_record(report: LoadReport) -> dict:
    return {
        "report": {
            "loaded": report.loaded,
            "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
            "partial": [{"path": s.path, "reason": s.reason} for s in report.partial],
        }
    }
