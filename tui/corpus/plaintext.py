"""An article as plain text for leaving the app (`y` copies it, `o` hands it to a pager):
title, the line of date, source, author and place, the URL, then the paragraphs.

With ``width`` every line is wrapped at word boundaries (never inside a word or at a
hyphen, so "Bundespräsidentenwahl" and "Tomahawk-Langstrecken-Marschflugkörper" stay
whole; a word longer than the width gets a line of its own). The text is the article's
own: callers that hand it to a terminal make it safe with ``safetext.visible`` first.
"""

from __future__ import annotations

import textwrap

from tui.corpus.model import Article


def meta_line(article: Article, date_text: str | None = None) -> str:
    """ "17. Oktober 2025 · tagesschau.de · Jana Lange · Berlin": what is known, in that order.
    ``date_text`` is the publication date in the reader's words (ISO 8601 without it)."""
    when = date_text if date_text is not None else (article.published.isoformat() if article.published else "")
    return " · ".join(x for x in (when, article.source or "", article.author or "", article.place or "") if x)


def plain_text(article: Article, *, date_text: str | None = None, width: int | None = None) -> str:
    blocks = [article.title]
    head = [x for x in (meta_line(article, date_text), article.url or "") if x]
    if head:
        blocks.append("\n".join(head))
    if article.paragraphs:
        blocks.extend(article.text[p.start : p.end] for p in article.paragraphs)
    elif article.text:
        blocks.append(article.text)
    if width:
        blocks = [_wrap(b, width) for b in blocks]
    return "\n\n".join(b for b in blocks if b) + "\n"


def _wrap(block: str, width: int) -> str:
    wrapper = textwrap.TextWrapper(max(width, 10), break_long_words=False, break_on_hyphens=False)
    # Lines within a block (list items, an address) keep their breaks; each is wrapped on its own.
    return "\n".join("\n".join(wrapper.wrap(line)) if line.strip() else "" for line in block.split("\n"))
