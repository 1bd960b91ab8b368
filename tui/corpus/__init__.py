"""Files -> articles: discovery, decoding, front matter, cleaning, metadata.

Nothing here imports Textual or Rich, so scripts and the CLI start fast.
"""

from tui.corpus.loader import DEFAULT_LIMIT_MB, DEFAULT_PATHS, LoadError, iter_articles, load_corpus
from tui.corpus.model import Article, Extra, LoadReport, Paragraph, Published, Skipped

__all__ = [
    "Article",
    "Extra",
    "LoadError",
    "LoadReport",
    "Paragraph",
    "Published",
    "Skipped",
    "DEFAULT_LIMIT_MB",
    "DEFAULT_PATHS",
    "iter_articles",
    "load_corpus",
]
