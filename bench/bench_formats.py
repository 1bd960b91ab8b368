"""Reading web pages, PDFs and feeds, one core: from the file's bytes to its cleaned articles.

    python bench/bench_formats.py [--data ../shared/data] [--runs 5] [--pages 200]

The files are made from 10kGNAD articles (no pages, PDFs or feeds ship with the data):
- web pages: each article in a news-site page with a head of inline script and style (about
  60 KB, as news sites have), navigation, a cookie banner, related links, comments and JSON-LD;
  throughput in MB of page bytes per second (issue 22's goal: 2);
- a PDF of two columns per page, written with fpdf2, about ``--pages`` pages; pages per second
  (goal: 5);
- an RSS feed of 500 entries, each an article as HTML content; seconds for the whole feed
  (goal: under 1).
Each figure is through ``tui.corpus.loader.build_articles`` (detection, the format's reader,
cleaning), the path every load takes; medians over ``--runs``.
"""

from __future__ import annotations

import argparse
import html
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import gnad_rows, no_gnad  # noqa: E402

from tui.corpus.discover import Candidate  # noqa: E402
from tui.corpus.loader import build_articles  # noqa: E402

_SCRIPT = "var cfg={" + ",".join(f'"k{i}":"{"x" * 40}"' for i in range(900)) + "};"
_STYLE = "".join(f".c{i}{{margin:{i}px;padding:0 {i}px;color:#{i:06x}}}" for i in range(600))
_NAV = "".join(f'<li><a href="/ressort/{i}">Ressort {i}</a></li>' for i in range(80))


def page(text: str, n: int) -> bytes:
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split(". ") if p)
    title = html.escape(text[:80])
    return f"""<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>{title} | Zeitung</title>
<meta property="og:site_name" content="Zeitung"><script>{_SCRIPT}</script><style>{_STYLE}</style>
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{title}","datePublished":"2025-10-{1 + n % 28:02d}T08:00:00+02:00"}}</script>
</head><body><header><nav><ul>{_NAV}</ul></nav></header><div class="cookie-banner">Wir verwenden Cookies.</div>
<main><article><h1>{title}</h1>{paras}</article><aside class="related"><ul>{_NAV[:2000]}</ul></aside>
<section class="comments">{"<div class='comment'><p>Ein Kommentar.</p></div>" * 30}</section></main>
<footer>© Zeitung</footer></body></html>""".encode()


def pdf(texts: list[str], pages: int) -> bytes:
    import textwrap

    from fpdf import FPDF

    doc = FPDF(format="A4")
    doc.set_auto_page_break(False)
    doc.set_font("helvetica", size=9)
    words = " ".join(texts).encode("latin-1", "replace").decode("latin-1")
    lines = textwrap.wrap(words, 55)
    per_column = 52
    at = 0
    for _ in range(pages):
        doc.add_page()
        for column, x in enumerate((10, 108)):
            for k in range(per_column):
                doc.set_xy(x, 20 + 5 * k)
                doc.cell(92, 5, lines[at % len(lines)])
                at += 1
    out = io.BytesIO()
    doc.output(out)
    return out.getvalue()


def feed(texts: list[str]) -> bytes:
    items = "".join(
        f"<item><title>{html.escape(t[:60])}</title><guid>e{i}</guid>"
        f"<pubDate>Thu, 16 Oct 2025 18:30:00 +0200</pubDate>"
        f"<description>{html.escape('<p>' + html.escape(t) + '</p>')}</description></item>"
        for i, t in enumerate(texts)
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()


def timed(work) -> float:
    t0 = time.perf_counter()
    work()
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    if no_gnad(args.data, "bench_formats"):
        return 1
    texts = [t for _, t in gnad_rows(args.data)]
    pages = [page(t, n) for n, t in enumerate(texts[:300])]
    size = sum(map(len, pages))
    build_articles(Candidate("w.html", "w.html"), pages[0])  # imports, once

    def read_pages():
        for n, data in enumerate(pages):
            build_articles(Candidate(f"{n}.html", f"{n}.html"), data)

    runs = [timed(read_pages) for _ in range(args.runs)]
    print(
        f"web pages: {len(pages)} pages, {size / 1e6:.1f} MB: median {statistics.median(runs):.2f} s, "
        f"{size / 1e6 / statistics.median(runs):.2f} MB/s (runs: {', '.join(f'{r:.2f}' for r in runs)})"
    )
    doc = pdf(texts, args.pages)
    runs = [timed(lambda: build_articles(Candidate("z.pdf", "z.pdf"), doc)) for _ in range(args.runs)]
    print(
        f"PDF: {args.pages} pages of two columns, {len(doc) / 1e6:.1f} MB: median {statistics.median(runs):.2f} s, "
        f"{args.pages / statistics.median(runs):.1f} pages/s (runs: {', '.join(f'{r:.2f}' for r in runs)})"
    )
    data = feed(texts[:500])
    runs = [timed(lambda: build_articles(Candidate("f.xml", "f.xml"), data)) for _ in range(args.runs)]
    print(
        f"feed: 500 entries, {len(data) / 1e6:.1f} MB: median {statistics.median(runs):.2f} s "
        f"(runs: {', '.join(f'{r:.2f}' for r in runs)})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
