"""Writing a result list or the timeline to a file, in the format its name asks for.

The reader app's export command comes here: ``export(path, ...)`` picks the format from the
file's suffix, refuses to write into the opened article folders (Chronik never writes there,
and a new file there would turn up as an article), and writes atomically: a file that is there
afterwards is whole. Result lists have the article's metadata, not its text, in the list's order.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from tui.corpus import Article
from tui.corpus.safetext import dumps, printable
from tui.i18n import _
from tui.index import timeline_formats as tf
from tui.index.timeline import Entry

LIST_FORMATS = (".csv", ".json", ".md")
TIMELINE_FORMATS = (".csv", ".json", ".ics", ".md")
LIST_COLUMNS = ["rank", "id", "path", "title", "published", "source", "author", "url"]


class ExportError(Exception):
    """An export that cannot be written; the message is one line for the user."""


class ExportExists(ExportError):
    """The file is there already: written only when asked again (``overwrite``)."""


def _row(rank: int, a: Article) -> list[str]:
    return [
        str(rank),
        a.id,
        a.path,
        a.title,
        a.published.isoformat() if a.published else "",
        a.source or "",
        a.author or "",
        a.url or "",
    ]


def list_csv(articles: Sequence[Article]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(LIST_COLUMNS)
    for rank, a in enumerate(articles, 1):
        w.writerow([printable(x) for x in _row(rank, a)])
    return out.getvalue()


def list_json(articles: Sequence[Article]) -> str:
    """One JSON object per line (as ``chronik extract``, without the text)."""
    return "".join(
        dumps(dict(zip(LIST_COLUMNS, [rank, *_row(rank, a)[1:]]))) + "\n" for rank, a in enumerate(articles, 1)
    )


def _md(text: str) -> str:
    # Markdown that renders as the text: its own markup characters escaped, no raw controls.
    return "".join("\\" + c if c in "\\`*_{}[]<>()#+-.!|" else c for c in printable(text))


def list_markdown(articles: Sequence[Article], title: str = "") -> str:
    lines = [f"# {_md(title)}", ""] if title else []
    for rank, a in enumerate(articles, 1):
        meta = ", ".join(x for x in (a.published.isoformat()[:10] if a.published else "", a.source or "") if x)
        lines.append(f"{rank}. **{_md(a.title)}**" + (f" ({_md(meta)})" if meta else "") + f" · `{printable(a.id)}`")
    return "\n".join(lines) + "\n"


def timeline_json(entries: Sequence[Entry]) -> str:
    return "".join(dumps(e.record()) + "\n" for e in entries)


def timeline_text(suffix: str, entries: Sequence[Entry], month_name: Callable[[dt.date], str]) -> str:
    """The timeline in one of ``TIMELINE_FORMATS``; ``month_name(date)`` heads Markdown's sections."""
    if suffix == ".md":
        return tf.to_markdown(entries, month_name)
    write: Callable[[Sequence[Entry]], str] = {".csv": tf.to_csv, ".json": timeline_json, ".ics": tf.to_ics}[suffix]
    return write(entries)


def inside(path: Path, folders: Sequence[str]) -> str | None:
    """The opened folder ``path`` would be written into, if any."""
    target = os.path.realpath(path)
    for folder in folders:
        root = os.path.realpath(folder)
        if os.path.isdir(root) and os.path.commonpath([root, target]) == root:
            return folder
    return None


def _umask() -> int:
    """The process's umask, read without changing it where the system tells (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # elsewhere: set and restore at once
    os.umask(mask)
    return mask


def export(
    path: str | Path,
    folders: Sequence[str],
    *,
    articles: Sequence[Article] | None = None,
    timeline: Sequence[Entry] | None = None,
    title: str = "",
    month_name: Callable[[dt.date], str] = lambda d: d.strftime("%Y-%m"),
    overwrite: bool = False,
) -> Path:
    """Write ``articles`` (a result list) or ``timeline`` to ``path`` in the format of its suffix;
    returns the file written, or raises ``ExportError`` (``ExportExists`` for an existing file
    unless ``overwrite``). A new file gets the permissions the umask gives, a replaced one keeps
    its own; the folder must exist."""
    path = Path(os.path.expanduser(str(path)))
    suffix = path.suffix.lower()
    formats: tuple[str, ...]
    if articles is not None:
        kind, formats = _("a result list can be exported as {formats}, not {suffix}"), LIST_FORMATS
    else:
        kind, formats = _("the timeline can be exported as {formats}, not {suffix}"), TIMELINE_FORMATS
    if suffix not in formats:
        raise ExportError(kind.format(formats=", ".join(formats), suffix=suffix or _("a file without a suffix")))
    folder = inside(path, folders)
    if folder is not None:
        raise ExportError(
            _("not writing into the article folder {folder}: choose a place outside it").format(folder=folder)
        )
    if path.is_dir():
        raise ExportError(_("{path} is a folder").format(path=path))
    if not path.parent.is_dir():
        raise ExportError(_("there is no folder {folder}").format(folder=path.parent))
    if (path.exists() or path.is_symlink()) and not overwrite:
        raise ExportExists(_("{path} exists: Enter again replaces it").format(path=path))
    if articles is not None:
        text = (
            list_markdown(articles, title)
            if suffix == ".md"
            else {".csv": list_csv, ".json": list_json}[suffix](articles)
        )
    else:
        text = timeline_text(suffix, list(timeline or ()), month_name)
    try:
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".chronik-", suffix=suffix)
        try:
            os.fchmod(fd, mode)  # mkstemp makes 0600, whatever the umask
            # ICS lines end in CRLF already; newline="" keeps every format's line ends as made.
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise ExportError(_("cannot write {path}: {problem}").format(path=path, problem=exc.strerror or exc)) from None
    return path


__all__ = [
    "ExportError",
    "ExportExists",
    "LIST_FORMATS",
    "TIMELINE_FORMATS",
    "export",
    "list_csv",
    "list_json",
    "list_markdown",
    "timeline_text",
]
