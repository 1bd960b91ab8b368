"""The timeline as files other tools read: CSV (spreadsheets), iCalendar (calendars) and
Markdown (notes), so the work can leave the terminal.

Every format takes its text from the entries as they are; control and bidirectional characters
are escaped visibly (``\\x1b``), never written raw, whatever the target.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Callable, Iterable

from tui.corpus.safetext import printable
from tui.index.timeline import Entry

CSV_COLUMNS = ["date", "value", "until", "mod", "granularity", "kind", "text", "entities", "sources"]


def _sources(e: Entry) -> list[str]:
    return list(dict.fromkeys(s.article for s in e.sources))


def _when(e: Entry) -> str:
    return f"{e.value}/{e.until}" if e.until else e.value  # a range as ISO 8601 writes intervals


def to_csv(entries: Iterable[Entry]) -> str:
    """One row per entry under a header row; lists (entities, sources) joined with "; "."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for e in entries:
        w.writerow(
            [
                printable(x)
                for x in (
                    e.date.isoformat(),
                    e.value,
                    e.until or "",
                    e.mod,
                    e.granularity,
                    e.kind,
                    e.text,
                    "; ".join(e.entities),
                    "; ".join(_sources(e)),
                )
            ]
        )
    return out.getvalue()


def _ics_text(value: str) -> str:
    """A TEXT value of RFC 5545: backslash, semicolon, comma and newline escaped."""
    return printable(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a leading space (RFC 5545, 3.1)."""
    data, start = line.encode("utf-8"), 0
    parts: list[str] = []
    while len(data) - start > 75:
        end = start + (75 if not parts else 74)
        while (data[end] & 0xC0) == 0x80:  # never split a UTF-8 sequence
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start = end
    parts.append(data[start:].decode("utf-8"))
    return "\r\n ".join(parts)


def to_ics(entries: Iterable[Entry], now: dt.datetime | None = None) -> str:
    """An iCalendar with an all-day event for each entry, spanning the period it stands for."""
    stamp = (now or dt.datetime.now(dt.timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Chronik//Timeline//EN", "CALSCALE:GREGORIAN"]
    for e in entries:
        end = e.last_day()
        sources = _sources(e)
        uid = hashlib.sha256("\0".join([e.value, e.kind, e.text, *sources]).encode("utf-8", "surrogatepass"))
        summary = ("Published: " if e.kind == "published" else "") + e.text
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid.hexdigest()[:32]}@chronik",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{e.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{end + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_ics_text(summary)}",
            f"DESCRIPTION:{_ics_text(f'{_when(e)} {e.mod}'.strip() + ' — ' + ', '.join(sources))}",
        ]
        if e.entities:
            lines.append(f"CATEGORIES:{','.join(_ics_text(k) for k in e.entities)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", printable(text))


def to_markdown(entries: Iterable[Entry], month_name: Callable[[dt.date], str]) -> str:
    """A heading per month (``month_name(date)``) or year, and a bullet per entry with its
    sources."""
    out, heading = ["# Timeline", ""], None
    for e in entries:
        head = str(e.date.year) if e.granularity == "year" else month_name(e.date)
        if head != heading:
            out += ["", f"## {_md(head)}", ""] if heading else [f"## {_md(head)}", ""]
            heading = head
        when = f"{_when(e)} {e.mod}".strip()
        what = ("Published: " if e.kind == "published" else "") + e.text
        out.append(f"- **{_md(when)}** {_md(what)} ({', '.join(_md(s) for s in _sources(e))})")
    return "\n".join(out) + "\n"


__all__ = ["CSV_COLUMNS", "to_csv", "to_ics", "to_markdown"]
