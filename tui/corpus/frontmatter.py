"""Optional front matter: a ``---`` line, ``key: value`` lines, a ``---`` line, at the very top.

What the front matter says wins over every heuristic. Keys Chronik does not
know, and values it cannot use, are reported and kept as extras, never dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from tui.corpus.model import Published

KNOWN_KEYS = ("title", "date", "source", "author", "url", "lang")
_MAX_LINES = 60
_KEY_VALUE = re.compile(r"^([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$")


@dataclass(slots=True)
class FrontMatter:
    fields: dict[str, str] = field(default_factory=dict)
    published: Published | None = None
    leftovers: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def parse_iso_published(value: str) -> Published | None:
    """An ISO 8601 date or date-time ("2025-03-18", "2025-03-18T14:30", "... 14:30:05+01:00")."""
    value = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return Published(dt.date.fromisoformat(value), "day")
        m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?", value)
        if not m:
            return None
        stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
        return Published(stamp, "second" if m.group(3) else "minute")
    except ValueError:
        return None


def split_front_matter(text: str) -> tuple[FrontMatter | None, str]:
    """Return the parsed front matter (or None) and the body that follows it.

    A first line of ``---`` that is not closed within a few dozen ``key: value``
    lines is not front matter (it may be a rule drawn in the text), so the text
    is returned whole.
    """
    if not text.startswith("---"):
        return None, text
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None, text
    end = None
    for i in range(1, min(len(lines), _MAX_LINES + 2)):
        line = lines[i].strip()
        if line == "---":
            end = i
            break
        if line and not line.startswith("#") and not _KEY_VALUE.match(line):
            return None, text
    if end is None:
        return None, text
    fm = FrontMatter()
    for raw in lines[1:end]:
        line = raw.strip()
        m = _KEY_VALUE.match(line)
        if not m:
            continue
        key, value = m.group(1).lower(), _unquote(m.group(2)).strip()
        if key not in KNOWN_KEYS:
            fm.problems.append(f"front matter: unknown key {m.group(1)!r} kept aside")
            fm.leftovers.append(line)
            continue
        if not value:
            continue
        if key == "date":
            published = parse_iso_published(value)
            if published is None:
                fm.problems.append(f"front matter: date {value!r} is not an ISO 8601 date; ignored")
                fm.leftovers.append(line)
                continue
            fm.published = published
        fm.fields[key] = value
    body = "\n".join(lines[end + 1 :])
    return fm, body
