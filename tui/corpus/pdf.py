"""PDF files: the text layer through pdfminer.six, without running headers and footers.

pdfminer.six, not pypdf: on a two-column page whose content stream interleaves the columns
line by line (as many newspaper PDFs do), pypdf's text comes out in stream order, the columns'
lines alternating, while pdfminer's layout analysis reads each column as its own text box
(measured on the two-column fixture of ``tests/corpus/test_formats.py``). Hyphenated line ends
and hard-wrapped lines are joined afterwards by the cleaner's reflow, as for any text file.
Lines that recur at the top or bottom of most pages (a running header, "Seite 3") are set
aside as extras. A PDF with no text layer, or one that needs a password, is a one-line reason.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from tui.corpus import deadline
from tui.corpus.model import Extra, Published

_MIN_TEXT = 20  # fewer letters than this in the whole document: no text layer
_EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be a running header or footer
_PAGE_NUMBER = re.compile(
    r"^(?:(?:seite|page|s\.)\s*)?[-–—(\[]?\s*\d{1,4}\s*(?:(?:von|of|/)\s*\d{1,4})?\s*[-–—)\]]?$", re.IGNORECASE
)
_PDF_DATE = re.compile(r"^D?:?(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?(\d\d)?(Z|[+-]\d\d'?\d\d'?)?")


class BadPdf(Exception):
    """A PDF that gives no article; the message is the one-line reason."""


@dataclass(slots=True)
class PdfText:
    text: str  # the pages' text boxes, apart by blank lines, still hard-wrapped
    pages: int
    title: str | None = None
    author: str | None = None
    published: Published | None = None
    extras: list[Extra] = field(default_factory=list)


def read_pdf(data: bytes) -> PdfText:
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        return _read(data)
    except (BadPdf, deadline.TimeLimitExceeded):
        raise
    except PDFPasswordIncorrect:
        raise BadPdf("encrypted PDF: it needs a password") from None
    except RecursionError:
        raise BadPdf("unreadable PDF: nested too deeply") from None
    except Exception as exc:  # pdfminer's errors on damaged files are of many types
        name = type(exc).__name__
        raise BadPdf(f"unreadable PDF: {name}" + (f" ({str(exc)[:80]})" if str(exc) else "")) from None


def _read(data: bytes) -> PdfText:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTTextContainer
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
    if not document.is_extractable:
        raise BadPdf("encrypted PDF: text extraction not allowed")
    info = _info(document)
    resources = PDFResourceManager(caching=True)
    device = PDFPageAggregator(resources, laparams=LAParams())
    interpreter = PDFPageInterpreter(resources, device)
    pages: list[list[str]] = []  # each page's text boxes
    for page in PDFPage.create_pages(document):
        deadline.check()
        interpreter.process_page(page)
        layout = device.get_result()
        boxes = [el.get_text() for el in layout if isinstance(el, LTTextContainer)]
        pages.append([b.strip("\n") for b in boxes if b.strip()])
    if sum(sum(ch.isalpha() for ch in box) for page in pages for box in page) < _MIN_TEXT:
        raise BadPdf("no text layer: scanned PDF?" if pages else "unreadable PDF: no pages")
    extras = _strip_running_lines(pages)
    text = "\n\n".join(box for page in pages for box in page if box.strip())
    return PdfText(text, len(pages), info.get("title"), info.get("author"), _pdf_date(info.get("date")), extras)


def _info(document: Any) -> dict[str, str]:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    out: dict[str, str] = {}
    for entry in document.info[:1]:
        for key, name in (("Title", "title"), ("Author", "author"), ("CreationDate", "date")):
            value = resolve1(entry.get(key))
            if isinstance(value, bytes):
                value = decode_text(value)
            if isinstance(value, str) and value.strip():
                out[name] = " ".join(value.split())
    return out


def _pdf_date(value: str | None) -> Published | None:
    """ "D:20251016183000+02'00'" -> 2025-10-16T18:30:00+02:00."""
    m = _PDF_DATE.match(value or "")
    if not m or not m[2] or not m[3]:
        return None
    try:
        if not m[4]:
            return Published(dt.date(int(m[1]), int(m[2]), int(m[3])), "day")
        tz = None
        if m[7] == "Z":
            tz = dt.UTC
        elif m[7]:
            digits = m[7].replace("'", "")
            offset = dt.timedelta(hours=int(digits[1:3]), minutes=int(digits[3:5] or 0))
            tz = dt.timezone(offset if digits[0] == "+" else -offset)
        stamp = dt.datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5] or 0), int(m[6] or 0), tzinfo=tz)
        return Published(stamp, "second" if m[6] else "minute")
    except ValueError:
        return None


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split())).lower()


def _strip_running_lines(pages: list[list[str]]) -> list[Extra]:
    """Removes from ``pages`` the lines at a page's top or bottom that recur on most pages
    (numbers aside) and bare page numbers; returns them as extras, once each."""

    def edges(page: list[str]) -> list[tuple[int, int, str]]:
        lines = [(b, k, line) for b, box in enumerate(page) for k, line in enumerate(box.split("\n"))]
        return lines[:_EDGE_LINES] + lines[max(_EDGE_LINES, len(lines) - _EDGE_LINES) :]

    counts = Counter(shape for page in pages for shape in {_shape(line) for _, _, line in edges(page)})
    recurring = {s for s, n in counts.items() if len(pages) >= 2 and n >= max(2, 0.6 * len(pages)) and s.strip("# ")}
    extras: list[Extra] = []
    seen: set[str] = set()
    for page in pages:
        doomed: dict[int, set[int]] = {}
        for b, k, line in edges(page):
            shape = _shape(line)
            if shape in recurring or _PAGE_NUMBER.match(line.strip()):
                doomed.setdefault(b, set()).add(k)
                if shape not in seen:
                    seen.add(shape)
                    extras.append(Extra("page-header", " ".join(line.split())))
        for b, ks in doomed.items():
            page[b] = "\n".join(line for k, line in enumerate(page[b].split("\n")) if k not in ks)
    return extras
