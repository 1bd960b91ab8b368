"""Annotated articles -> search, filters, facets and the timeline.

``Index.build(articles, entities, dates)`` and ``Index.search(query)`` answer the query language
of ``tui.index.query``; ``build_timeline`` orders the corpus in time. Nothing here imports
Textual or Rich.

The names below are imported when first used: an analysis process imports this package for
``tui.index.extraction`` alone, and the search modules (numpy among them) would add a tenth of
a second to its start.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.index.query import Query, QueryError, parse
    from tui.index.search import Facets, Hit, Index, Result
    from tui.index.timeline import Entry, Source, build_timeline

_WHERE = {
    "Query": "query",
    "QueryError": "query",
    "parse": "query",
    "Facets": "search",
    "Hit": "search",
    "Index": "search",
    "Result": "search",
    "Entry": "timeline",
    "Source": "timeline",
    "build_timeline": "timeline",
}

__all__ = ["Entry", "Facets", "Hit", "Index", "Query", "QueryError", "Result", "Source", "build_timeline", "parse"]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"tui.index.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'tui.index' has no attribute {name!r}")
