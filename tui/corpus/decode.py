"""Bytes of an article file -> one clean Python string.

Decoding order: a byte-order mark decides (UTF-8, UTF-16, UTF-32); otherwise
strict UTF-8, which legacy text almost never passes by accident; otherwise
cp1252 (a superset of latin-1's printable range, and what "ANSI" German files
really are). Text that was UTF-8 read once as cp1252 and saved again ("FÃ¼r")
is repaired. Terminal escape sequences and control characters are removed
here, once, so no later layer can pass them to a terminal.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass


class DecodeError(ValueError):
    """The bytes are not text Chronik can read; the message is the one-line reason."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    problems: tuple[str, ...] = ()


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# ESC-introduced sequences (ECMA-48): CSI, OSC/DCS/SOS/PM/APC strings up to
# their terminator, and two-byte escapes; plus their 8-bit C1 forms.
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]?                     # CSI
  | \x9b[0-?]*[ -/]*[@-~]?                       # 8-bit CSI
  | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])      # OSC, DCS, SOS, PM, APC
    [^\x07\x1b\x9c]{0,4096}(?:\x07|\x1b\\|\x9c)  #   ... up to BEL or ST; unterminated ones lose only the introducer
  | \x1b[ -/]*[0-~]?                             # other escapes (and a bare ESC)
    """,
    re.VERBOSE,
)
# C0 except tab and newline, DEL, C1. CR, FF and VT are handled as line breaks first.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NEWLINES = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028]")
_SUSPECT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028]")

# Pairs that UTF-8 umlauts, sharp s and quotes turn into when read as cp1252.
_MOJIBAKE = re.compile("Ã[¤¶¼Ÿ„–œ©¨]|â€[žœ“”™¦]|Ã\u009f|Â[\u00a0§°«»]")


def _cp1252(data: bytes) -> str:
    # Five bytes are undefined in cp1252; latin-1 maps them to C1 controls,
    # which the sanitiser then removes and reports.
    return data.decode("cp1252", errors="latin1fallback")


def _latin1_fallback(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)  # registered for decoding only
    return err.object[err.start : err.end].decode("latin-1"), err.end


codecs.register_error("latin1fallback", _latin1_fallback)


def _looks_like_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: one byte of each pair is nearly always NUL in Latin text."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    even_nul = sample[0::2].count(0) / (len(sample) / 2)
    odd_nul = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nul > 0.6 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _implausible(text: str) -> bool:
    """Binary junk decoded as cp1252: too many control characters to be prose."""
    if not text:
        return False
    bad = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\x0c" or "\x7f" <= ch <= "\x9f")
    return bad > max(2, len(text) // 100)


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes; raise DecodeError with a one-line reason if they are not text."""
    problems: list[str] = []
    text: str | None = None
    encoding = ""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(name)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"not valid {name.upper()} despite its byte-order mark ({exc.reason})") from None
            encoding = name + ("-sig" if name == "utf-8" else "")
            break
    if text is None:
        guess = _looks_like_utf16(data) if b"\x00" in data else None
        if guess:
            try:
                text = data.decode(guess)
                encoding = guess
            except UnicodeDecodeError:
                text = None
        if text is None and b"\x00" in data:
            raise DecodeError("binary file (contains NUL bytes)")
    if text is None:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            text = _cp1252(data)
            encoding = "cp1252"
            if _implausible(text):
                raise DecodeError("undecodable: neither UTF-8 nor legible cp1252/latin-1 text") from None
    if encoding.startswith("utf-8"):
        repaired = _repair_mojibake(text)
        if repaired is not None:
            text = repaired
            problems.append("repaired text that had been decoded twice (UTF-8 read as cp1252)")
    text, found = sanitize(text)
    problems.extend(found)
    return Decoded(text, encoding, tuple(problems))


def _repair_mojibake(text: str) -> str | None:
    if not _MOJIBAKE.search(text) or len(_MOJIBAKE.findall(text)) < 2:
        return None
    try:
        fixed = text.encode("cp1252", errors="strict").decode("utf-8")
    except UnicodeError:
        return None
    return fixed if not _MOJIBAKE.search(fixed) else None


def sanitize(text: str) -> tuple[str, list[str]]:
    """Normalise line breaks to LF; remove escape sequences and control characters.

    Returns the text and the problems worth telling the user about.
    """
    problems: list[str] = []
    if text.startswith("\ufeff"):
        text = text[1:]
    if not _SUSPECT.search(text):  # the common case: nothing to remove, one cheap scan
        return text, problems
    text = _NEWLINES.sub("\n", text)
    text, n_esc = _ESCAPES.subn("", text)
    if n_esc:
        problems.append(f"removed {n_esc} terminal escape sequence{'s' if n_esc != 1 else ''}")
    text, n_ctl = _CONTROLS.subn("", text)
    if n_ctl:
        problems.append(f"removed {n_ctl} control character{'s' if n_ctl != 1 else ''}")
    return text, problems
