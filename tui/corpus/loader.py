"""Files -> Articles, with a report of every file that could not be loaded.

A bad file never stops a load: each becomes one ``Skipped`` entry with a
one-line reason, and every good file still loads. Files are opened read-only
and non-blocking (a FIFO named ``x.txt`` must not hang the load).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator

from tui.corpus.compose import compose_file
from tui.corpus.decode import DecodeError, decode_bytes
from tui.corpus.discover import Candidate, discover
from tui.corpus.formats import NotAnArticleFile, detect
from tui.corpus.frontmatter import split_front_matter
from tui.corpus.model import Article, Extra, LoadReport, Meta
from tui.i18n import N_

DEFAULT_LIMIT_MB = 5.0
DEFAULT_PATHS = ("seeds",)


class LoadError(Exception):
    """A file that cannot become an article; the message is the one-line reason."""


def read_bytes(path: str, limit_bytes: int) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        if os.path.islink(path):
            raise LoadError("broken symlink (target does not exist)") from None
        raise LoadError("vanished while loading") from None
    except PermissionError:
        raise LoadError("permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise LoadError("symlink loop") from None
        raise LoadError(f"cannot open: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise LoadError("not a regular file")
        if st.st_size > limit_bytes:
            raise LoadError(_too_large(st.st_size, limit_bytes))
        try:
            data = handle.read(limit_bytes + 1)
        except OSError as exc:
            raise LoadError(f"cannot read: {exc.strerror}") from None
    if len(data) > limit_bytes:  # grew while we read it
        raise LoadError(_too_large(len(data), limit_bytes))
    return data


def _too_large(size: int, limit: int) -> str:
    return f"too large: {size / 1e6:.1f} MB > {limit / 1e6:g} MB (--limit-mb)"


# The reasons a file is skipped are kept in English (load reports are cached, and written as
# JSON by `chronik extract`) and shown in the user's language by ``tui.i18n.reason``.
REASONS = (
    N_("broken symlink (target does not exist)"),
    N_("vanished while loading"),
    N_("permission denied"),
    N_("symlink loop"),
    N_("cannot open"),
    N_("not a regular file"),
    N_("too large"),
    N_("cannot read"),
    N_("no text after the front matter"),
    N_("empty file"),
    N_("no text: only whitespace"),
    N_("no text: only control characters and escape sequences"),
    N_("binary file (contains NUL bytes)"),
    N_("undecodable: neither UTF-8 nor legible cp1252/latin-1 text"),
    N_("no such file or directory"),
    N_("cannot open folder"),
    N_("symlink loop (folder contains itself)"),
    N_("cannot read folder"),
    N_("cannot follow symlink"),
    N_("not an article file"),
    N_("entities left out"),
    N_("names and dates left out"),
    N_("start-up snapshot not written"),
    N_("cache not used"),
    N_("cache not written"),
    N_("not a feed"),
    N_("not a PDF"),
    N_("malformed HTML"),
    N_("no text layer: scanned PDF?"),
    N_("encrypted PDF"),
    N_("unreadable PDF"),
    N_("XML declares entities: refused (entity expansion)"),
    N_("malformed feed"),
    N_("feed without entries"),
    N_("not read"),
    N_("start-up snapshot not used"),
)


def build_article(candidate: Candidate, data: bytes, raw: bool = False, plain: bool = False) -> Article:
    """One text or Markdown file's article: decode, parse front matter, clean; raise LoadError
    if there is no article in the bytes. ``raw``: the text is the body as it stands (cleaning
    still finds the metadata); ``plain``: not cleaned at all, the body with its spaces unified
    (when cleaning was abandoned)."""
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        raise LoadError(str(exc)) from None
    front, body = split_front_matter(decoded.text)
    if not body.strip():
        if front is not None:
            raise LoadError("no text after the front matter")
        if not data:
            raise LoadError("empty file")
        if not data.decode("utf-8", "ignore").strip():
            raise LoadError("no text: only whitespace")
        raise LoadError("no text: only control characters and escape sequences")
    problems = list(decoded.problems)
    fields = front.fields if front else {}
    if front:
        problems.extend(front.problems)
    meta = Meta(
        fields.get("title"),
        front.published if front else None,
        fields.get("author"),
        fields.get("source"),
        url=fields.get("url"),
        language=fields.get("lang"),
    )
    extras = [Extra("front-matter", line) for line in (front.leftovers if front else [])]
    fmt = "markdown" if candidate.path.lower().endswith(".md") else "text"
    return compose_file(candidate, data, body, meta, fmt=fmt, extras=extras, problems=problems, raw=raw, plain=plain)


def build_articles(candidate: Candidate, data: bytes, raw: bool = False, plain: bool = False) -> list[Article]:
    """The articles in one file's bytes, whatever its format: one, or one per entry of a feed.
    Raises LoadError with the one-line reason when there is none."""
    try:
        fmt = detect(candidate.path, data)
    except NotAnArticleFile as exc:
        raise LoadError(str(exc)) from None
    if fmt in ("text", "markdown"):
        return [build_article(candidate, data, raw, plain)]
    from tui.corpus import documents

    try:
        if fmt == "html":
            return [documents.html_article(candidate, data, raw, plain)]
        if fmt == "pdf":
            return [documents.pdf_article(candidate, data, raw, plain)]
        return documents.feed_articles(candidate, data, raw, plain)
    except documents.NoArticle as exc:
        raise LoadError(str(exc)) from None


def load_file(candidate: Candidate, limit_mb: float = DEFAULT_LIMIT_MB, raw: bool = False) -> list[Article]:
    return build_articles(candidate, read_bytes(candidate.path, int(limit_mb * 1_000_000)), raw)


def iter_articles(
    paths: Iterable[str | os.PathLike[str]] = DEFAULT_PATHS,
    report: LoadReport | None = None,
    *,
    limit_mb: float = DEFAULT_LIMIT_MB,
    raw: bool = False,
) -> Iterator[Article]:
    """Articles in path order as they load; skipped files are added to ``report``."""
    report = report if report is not None else LoadReport()
    for candidate in discover(paths, report):
        try:
            articles = load_file(candidate, limit_mb, raw)
        except LoadError as exc:
            report.skip(candidate.path, str(exc))
            continue
        report.loaded += len(articles)
        yield from articles


def load_corpus(
    paths: Iterable[str | os.PathLike[str]] = DEFAULT_PATHS,
    *,
    limit_mb: float = DEFAULT_LIMIT_MB,
    raw: bool = False,
) -> tuple[list[Article], LoadReport]:
    report = LoadReport()
    articles = list(iter_articles(paths, report, limit_mb=limit_mb, raw=raw))
    return articles, report
