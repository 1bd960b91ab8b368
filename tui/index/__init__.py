"""Annotated articles -> search, filters, facets and the timeline.

``Index.build(articles, entities, dates)`` and ``Index.search(query)`` answer the query language
of ``tui.index.query``; ``build_timeline`` orders the corpus in time. Nothing here imports
Textual or Rich.
"""

from tui.index.query import Query, QueryError, parse
from tui.index.search import Facets, Hit, Index, Result
from tui.index.timeline import Entry, Source, build_timeline

__all__ = ["Entry", "Facets", "Hit", "Index", "Query", "QueryError", "Result", "Source", "build_timeline", "parse"]
