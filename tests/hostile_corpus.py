"""A corpus of hostile files: what the web and careless tools put into article folders.

``write_hostile_corpus(folder)`` writes one or more files per case and returns the cases, each
with the byte sequences that must never reach a terminal (``markers``): the payload as a
terminal would obey it. The tests drive the app and the CLI over this corpus and check that no
marker appears in anything they write; ``bench/bench_hostile.py`` prints the table of cases and
outcomes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ESC, BEL, ST = "\x1b", "\x07", "\x1b\\"


@dataclass
class Case:
    name: str
    what: str
    files: list[str] = field(default_factory=list)  # paths relative to the corpus folder
    markers: list[bytes] = field(default_factory=list)  # must never appear in terminal output


def _article(title: str, body: str, date: str = "2025-03-18", extra: str = "") -> str:
    return f"---\ntitle: {title!r}\ndate: {date}\nsource: Hostile\n{extra}---\n{body}\n"


def _body(payload: str) -> str:
    """A German news paragraph with the payload in the middle of it, so the taggers see it too."""
    return (
        f"Am 18. März 2025 telefonierte Donald Trump mit Wladimir Putin. {payload} Das Gespräch "
        f"dauerte zwei Stunden, teilte der Kreml in Moskau mit.\n\nSelenskyj sprach in Kiew von "
        f"einem ersten Schritt."
    )


def _cases(tiny: int, deep: int) -> list[tuple[Case, dict[str, bytes]]]:
    out: list[tuple[Case, dict[str, bytes]]] = []

    def add(name: str, what: str, files: dict[str, str | bytes], markers: list[str | bytes]) -> None:
        data = {k: v.encode("utf-8", "surrogatepass") if isinstance(v, str) else v for k, v in files.items()}
        out.append(
            (
                Case(
                    name,
                    what,
                    list(data),
                    [m.encode("utf-8", "surrogatepass") if isinstance(m, str) else m for m in markers],
                ),
                data,
            )
        )

    csi = f"{ESC}[2J{ESC}[H{ESC}[31337;1H{ESC}[6n{ESC}[5m{ESC}[?1049l{ESC}[38;5;196mROT"
    add(
        "ansi-csi",
        "ANSI CSI: clear screen, cursor moves, device status query, blink, alternate screen off",
        {"ansi-csi.md": _article(f"CSI {ESC}[2J{ESC}[31337;1H im Titel", _body(csi))},
        [f"{ESC}[31337", f"{ESC}[6n", f"{ESC}[5m", f"{ESC}[38;5;196mROT"],
    )
    osc = (
        f"{ESC}]0;HOSTILE-TITLE{BEL} {ESC}]8;;https://hostile.example/{ST}Klick{ESC}]8;;{ST} "
        f"{ESC}]52;c;SE9TVElMRQ=={BEL} {ESC}]2;HOSTILE-2{ST}"
    )
    add(
        "osc",
        "OSC: window title, OSC 8 hyperlink, OSC 52 clipboard write",
        {"osc.md": _article(f"OSC {ESC}]0;HOSTILE-TITLE{BEL} Titel", _body(osc))},
        ["HOSTILE-TITLE" + BEL, f"{ESC}]0;", f"{ESC}]8;;https://hostile", f"{ESC}]52;c;SE9T", f"{ESC}]2;HOSTILE"],
    )
    c1 = f"bare {ESC} escape, C1 CSI \x9b31337;1H, C1 OSC \x9d0;HOSTILE-C1\x9c, DCS {ESC}Pq#HOSTILE{ST}"
    add(
        "esc-c1",
        "bare ESC, C1 control characters (CSI, OSC, ST as single code points), DCS",
        {"esc-c1.md": _article("C1 \x9b2J Titel", _body(c1))},
        ["\x9b", "\x9d", "\x9c", f"{ESC}Pq#HOSTILE"],
    )
    add(
        "bel-backspace",
        "BEL and backspace overstrikes (bold and underline the nroff way)",
        {"bel-backspace.txt": "Glocke und Rückschritt\n\n" + _body(f"{BEL}{BEL}K\bKr\bre\bem\bml\bl _\bU_\bn")},
        [f"{BEL}{BEL}K\bK", "_\bU"],
    )  # the payload whole: the app rings a bell of its own at times
    add(
        "bidi",
        "bidirectional overrides and isolates (Trojan Source)",
        {
            "bidi.md": _article(
                "Bidi \u202eNIGIRO\u202c Titel",
                _body(
                    "Konto \u202e1234\u202c und \u2066isoliert\u2069, \u2067rtl\u2069 \u2068first\u2069 "
                    "\u202dLRO\u202c \u202bRLE\u202c"
                ),
            )
        },
        ["\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u202d", "\u202b", "\u202a", "\u202c"],
    )
    add(
        "zero-width",
        "zero-width spaces, joiners and BOMs inside names",
        {
            "zero-width.md": _article(
                "Null\u200bbreite", _body("Wla\u200bdimir Pu\u200ctin und Tr\u200dump\u2060 \ufeffKreml")
            )
        },
        [],
    )
    zalgo = "Z" + "\u0336\u0337\u0338\u0300\u0301\u0302" * 40 + "algo"
    add(
        "combining",
        "stacks of hundreds of combining marks",
        {"combining.md": _article(f"Kombiniert {zalgo[:60]}", _body(zalgo + " " + "e" + "\u0301" * 300))},
        [],
    )
    add(
        "wide",
        "emoji (ZWJ sequences, flags) and wide CJK text",
        {
            "wide.md": _article(
                "Emoji 🇩🇪👨‍👩‍👧 und 日本語", _body("🇺🇦🇷🇺 👨‍👩‍👧‍👦 東京で会談 한국어 기사 ＦＵＬＬＷＩＤＴＨ")
            )
        },
        [],
    )
    add(
        "long-line",
        "a 2 MB single line",
        {
            "long-line.txt": "Eine sehr lange Zeile\n\n"
            + ("Putin telefonierte mit Trump am 18. März 2025 " * 44_000)[:2_000_000]
        },
        [],
    )
    add("whitespace", "a file of only whitespace", {"whitespace.txt": " \n\t\n   \r\n\u00a0\u2003\n"}, [])
    add(
        "markup",
        "Rich and Textual markup in titles and bodies, including an action link",
        {
            "markup.md": _article(
                "[bold]fett[/] [@click=app.quit]Beenden[/] [link=https://hostile.example]x[/link]",
                _body(
                    "[/] [red]rot[/red] [@click=app.quit]Klick[/] [link=file:///etc/passwd]pw[/link] "
                    "[b]\\[/b] [on red]x"
                ),
                extra="author: '[@click=app.bell]Autor[/]'\n",
            )
        },
        [],
    )
    add(
        "front-matter",
        "front matter with bad dates, unknown keys and broken YAML",
        {
            "fm-bad-date.md": "---\ntitle: Falsches Datum\ndate: 2025-13-45\nmood: [unclosed\n---\n" + _body(""),
            "fm-unknown.md": "---\ntitle: Unbekannt\nfoo: bar\nnested:\n  a: 1\ndate: 31.02.2025\n---\n" + _body(""),
            "fm-unclosed.md": "---\ntitle: Nicht geschlossen\ndate: gestern\n" + _body(""),
        },
        [],
    )
    add(
        "names",
        "file names with spaces, a newline, a leading dash, an escape sequence and invalid UTF-8",
        {
            "mit Leerzeichen.md": _article("Leerzeichen", _body("")),
            "neue\nZeile.md": _article("Zeilenumbruch im Namen", _body("")),
            "-r --help.md": _article("Führender Bindestrich", _body("")),
            f"{ESC}[31mrot{ESC}[0m.md": _article("Escape im Dateinamen", _body("")),
            os.fsdecode(b"ung\xfcltig-\xff.md"): _article("Ungültiges UTF-8 im Namen", _body("")),
        },
        [f"{ESC}[31mrot"],
    )
    add(
        "bad-files",
        "the loader's bad files: binary, empty, NUL bytes, Latin-1, UTF-16, oversize",
        {
            "binary.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
            "empty.md": b"",
            "nul.txt": "Titel\n\nText mit \x00 NUL\x00 Bytes".encode(),
            "latin1.txt": "Überschrift\n\nÄrger über Müll in Köln.".encode("latin-1"),
            "utf16.txt": "Titel UTF-16\n\nText in UTF-16 mit BOM.".encode("utf-16"),
            "oversize.txt": b"Zu gross\n\n" + b"Wort " * 1_300_000,
        },
        [],
    )
    page_osc = f"{ESC}]0;HOSTILE-HTML{BEL}"
    add(
        "html",
        "a web page with escape sequences (raw and as character references) in its title, "
        "JSON-LD, meta and text, and a script and a style that must never be text",
        {
            "seite.html": (
                f'<!DOCTYPE html><html lang="de"><head><title>Seite {page_osc} Titel</title>'
                f'<meta property="og:title" content="OG &#27;]0;HOSTILE-OG&#7; Titel">'
                f'<meta name="author" content="Autor {ESC}[31mROT-HTML">'
                '<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
                '"JSON \u001b[2J\u001b]0;HOSTILE-LD\u0007 Titel", "datePublished": "2025-03-18"}</script>'
                f'<script>document.title = "{ESC}]0;HOSTILE-SCRIPT{BEL}";</script>'
                '<style>body::after { content: "\1b]0;HOSTILE-STYLE" }</style></head><body>'
                f"<nav><a href='javascript:alert(1)'>Menü {ESC}[5mBLINK</a></nav><article><h1>Titel</h1>"
                f"<p>{_body(f'Text mit {ESC}[2J{ESC}[31337;1H und &#27;[6n Zeichen.')}</p></article></body></html>"
            ),
            "halb.html": "<!DOCTYPE html><html><head><title>Abgebrochen</title></head><body><article><p>"
            + _body("")[:90],
            "leer.htm": "<html><body><script>alert(1)</script></body></html>",
        },
        [
            page_osc,
            "]0;HOSTILE-OG",
            f"{ESC}[31mROT-HTML",
            "]0;HOSTILE-LD",
            "HOSTILE-SCRIPT",
            "HOSTILE-STYLE",
            f"{ESC}[5mBLINK",
            f"{ESC}[31337;1H",
            f"{ESC}[6n",
        ],
    )
    feed_osc = f"{ESC}]0;HOSTILE-FEED{BEL}"
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "ha"}">' for i in range(9))
    add(
        "feeds",
        "feeds with escape sequences in titles, authors and content; a billion-laughs feed; "
        "a truncated feed; an XML file that is no feed",
        {
            "ticker.rss": (
                '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Ticker '
                f"{feed_osc}</title><item><title>Meldung {ESC}[2J{ESC}[31337;1H</title><guid>m1</guid>"
                f"<author>a@b.c (Autor {ESC}[38;5;196mROT-FEED)</author><link>javascript:alert(1)</link>"
                f"<description><![CDATA[<p>{_body(feed_osc)}</p><script>x='{ESC}]52;c;SE9T'</script>]]>"
                "</description></item></channel></rss>"
            ),
            "lachen.xml": f'<?xml version="1.0"?><!DOCTYPE rss [{laughs}]><rss version="2.0"><channel><title>&l8;'
            "</title><item><title>&l8;</title></item></channel></rss>",
            "abgebrochen.atom": '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Halb',
            "daten.xml": '<?xml version="1.0"?><daten><wert>1</wert></daten>',
        },
        [feed_osc, f"{ESC}[31337;1H", f"{ESC}[38;5;196mROT-FEED", f"{ESC}]52;c;SE9T"],
    )
    add(
        "pdfs",
        "PDFs: escape sequences in the document information, truncated, not a PDF at all",
        {
            "info.pdf": _pdf(f"PDF {ESC}]0;HOSTILE-PDF{BEL} Titel", f"Autor {ESC}[31mROT-PDF"),
            "kaputt.pdf": _pdf("Kaputt", "Autor")[:700],
            "kein.pdf": b"Kein PDF, nur Text.",
        },
        [f"{ESC}]0;HOSTILE-PDF", f"{ESC}[31mROT-PDF"],
    )
    if deep:
        deep_path = "/".join(f"d{i:02d}" for i in range(deep)) + "/tief.md"
        add("deep", f"a file {deep} folders deep", {deep_path: _article("Ganz tief", _body(""))}, [])
    if tiny:
        add(
            "tiny",
            f"{tiny:,} tiny files",
            {f"tiny/{i // 1000:02d}/{i:05d}.txt": f"Winzig {i}\n\nKurz." for i in range(tiny)},
            [],
        )
    return out


def _pdf(title: str, author: str) -> bytes:
    """A small PDF with ``title`` and ``author`` in its document information."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_font("helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(
        0,
        6,
        "Am 18. Maerz 2025 telefonierte Donald Trump mit Wladimir Putin. Das Gespraech dauerte "
        "zwei Stunden, teilte der Kreml in Moskau mit.",
    )
    return bytes(pdf.output())


def write_hostile_corpus(folder: Path, *, tiny: int = 0, deep: int = 50) -> list[Case]:
    """Write the hostile files under ``folder`` (created) and return their cases."""
    cases = []
    for case, files in _cases(tiny, deep):
        for rel, data in files.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        cases.append(case)
    loop = folder / "loop"
    loop.mkdir(exist_ok=True)
    for name, target in (("self", ".."), ("broken.md", "does-not-exist.md")):
        try:
            os.symlink(target, loop / name)
        except (OSError, NotImplementedError):  # no symlinks here: the case is left out
            pass
    cases.append(Case("links", "a symlink loop and a broken symlink", ["loop/self", "loop/broken.md"]))
    return cases


ALL_MARKERS = [m for case, _ in _cases(0, 0) for m in case.markers]
