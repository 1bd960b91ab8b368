"""Making untrusted strings safe to print: for terminals and for JSON.

Article text is sanitised at load time, but file names and the messages that
quote them are not: they are escaped here, visibly, whenever they are printed.
"""

from __future__ import annotations

import json
import re

# C0, DEL, C1, bidirectional overrides and isolates, line/paragraph separators.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def printable(text: str) -> str:
    """The string with every control character shown as an escape (\\x1b, \\n, \\u202e)."""
    return _UNSAFE.sub(_escape, text)


def dumps(obj: object) -> str:
    """Compact JSON, UTF-8 friendly, with every control and bidi character escaped."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_VISIBLE = {c: chr(0x2400 + c) for c in range(0x20)} | {0x7F: "\u2421", 0x09: " "}
_VISIBLE |= {c: "\ufffd" for c in [*range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029]}


def visible(text: str) -> str:
    """The string for a terminal cell grid, character for character (offsets stay valid): control
    characters as their Control Pictures (␛ for ESC), tabs as spaces, C1, bidi and line-separator
    characters as �."""
    return text.translate(_VISIBLE) if _UNSAFE.search(text) else text


def web_url(url: str | None) -> str | None:
    """``url`` if it is one a browser may be asked to open: http or https, with a host, and
    without spaces or control characters; None for ``javascript:``, ``file:``, ``data:`` and
    anything malformed (an article's URL comes from the file and is untrusted)."""
    from urllib.parse import urlsplit

    if not url or len(url) > 4096 or _UNSAFE.search(url) or any(c.isspace() for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None
