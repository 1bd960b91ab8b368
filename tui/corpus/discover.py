"""Which files make up the corpus: walk the given files and folders, safely.

Symlinks are followed, but a folder is entered only once (loops end), broken
links and loops are reported, hidden entries are skipped, and only regular files
named as article files (``tui.corpus.formats.SUFFIXES``: text, Markdown, web
pages, PDFs, feeds) become candidates. Nothing is opened for writing.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from operator import attrgetter, itemgetter
from typing import NamedTuple

from tui.corpus.formats import SUFFIXES
from tui.corpus.model import LoadReport


class Candidate(NamedTuple):  # a tuple: made 50,000 times at every start
    path: str  # the path as reached from what the user named
    id: str  # relative to the corpus root, POSIX separators
    # What the file looked like when found: an unchanged file keeps all four (tui.index.snapshot).
    size: int = 0
    mtime_ns: int = 0
    ctime_ns: int = 0
    inode: int = 0


_NAME = attrgetter("name")
_ID = itemgetter(1)  # Candidate.id


def _link_problem(path: str) -> str:
    """Why a path that exists as a link does not lead anywhere usable."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop"
        if exc.errno == errno.ENOENT:
            return "broken symlink (target does not exist)"
        return f"cannot follow symlink: {exc.strerror}"
    return ""


def _corpus_root(paths: list[str]) -> str:
    dirs = [p if os.path.isdir(p) else os.path.dirname(p) or "." for p in paths]
    try:
        return os.path.commonpath([os.path.abspath(d) for d in dirs])
    except ValueError:  # different drives on Windows
        return os.path.abspath(dirs[0])


def discover(paths: Iterable[str | os.PathLike[str]], report: LoadReport) -> list[Candidate]:
    """Candidates in path order; problems with the paths themselves go into ``report``."""
    named = [os.fspath(p) for p in paths]
    existing: list[str] = []
    for p in named:
        if os.path.lexists(p) and os.path.islink(p) and not os.path.exists(p):
            report.skip(p, _link_problem(p))
        elif not os.path.exists(p):
            report.skip(p, "no such file or directory")
        else:
            existing.append(p)
    if not existing:
        return []
    root = _corpus_root(existing)
    found: dict[tuple[int, int], Candidate] = {}
    seen_dirs: set[tuple[int, int]] = set()

    def add_file(path: str, st: os.stat_result, rel: str | None) -> None:
        key = (st.st_dev, st.st_ino)
        if rel is None:
            rel = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
        if key not in found or rel < found[key].id:
            found[key] = Candidate(path, rel, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)

    def walk(folder: str, ancestors: frozenset[tuple[int, int]], rel: str | None) -> None:
        try:
            st = os.stat(folder)
        except OSError as exc:
            report.skip(folder, f"cannot open folder: {exc.strerror}")
            return
        key = (st.st_dev, st.st_ino)
        if key in ancestors:
            report.skip(folder, "symlink loop (folder contains itself)")
            return
        if key in seen_dirs:
            return  # reached twice through links: its files are already counted
        seen_dirs.add(key)
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=_NAME)
        except OSError as exc:
            report.skip(folder, f"cannot read folder: {exc.strerror}")
            return
        inside = ancestors | {key}
        # Ids are built from the folder's own (one relpath per folder, not per file).
        if rel is None:
            rel = os.path.relpath(os.path.abspath(folder), root).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        # The loop for the plain files of a folder, the bulk of any corpus, is add_file inlined.
        for entry in entries:
            name = entry.name
            if name[:1] == ".":
                continue
            try:
                plain = entry.is_file(follow_symlinks=False)  # from the folder listing: no stat yet
            except OSError:
                plain = False
            if not plain:  # folders, links and anything odd take the careful way
                visit(entry.path, inside, named_explicitly=False, rel=prefix + name)
            elif name.lower().endswith(SUFFIXES):
                try:
                    st = entry.stat(follow_symlinks=False)
                except OSError:
                    report.skip(entry.path, "vanished while loading")
                    continue
                key = (st.st_dev, st.st_ino)
                rel_name = prefix + name
                if key not in found or rel_name < found[key].id:
                    found[key] = Candidate(entry.path, rel_name, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)

    def visit(path: str, ancestors: frozenset[tuple[int, int]], named_explicitly: bool, rel: str | None = None) -> None:
        wanted = path.lower().endswith(SUFFIXES)
        try:
            st = os.stat(path)
        except OSError:
            if wanted or named_explicitly:
                report.skip(path, _link_problem(path) if os.path.islink(path) else "vanished while loading")
            return
        if stat.S_ISDIR(st.st_mode):
            walk(path, ancestors, rel)
        elif not wanted:
            if named_explicitly:
                report.skip(path, f"not an article file ({', '.join(SUFFIXES)})")
        elif not stat.S_ISREG(st.st_mode):
            report.skip(path, "not a regular file")
        else:
            add_file(path, st, rel)

    for p in existing:
        visit(p, frozenset(), named_explicitly=True)
    return sorted(found.values(), key=_ID)
