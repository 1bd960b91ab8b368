"""Search latency and index build, Chronik's index against SQLite FTS5, in one process.

    python bench/bench_search.py [--data ../shared/data] [--articles 50000] [--runs 5]

Builds a corpus of about 50,000 articles from the 10kGNAD articles and the KRAUTS
raw texts, replicated with varied titles and dates; builds Chronik's index (text
analysis and postings; no NLP) and an FTS5 table (``tokenize='unicode61
remove_diacritics 2'``, top 50 by ``bm25``) over the same texts; runs the same
20 queries on both, and the prefix of each query's last word as it is typed.
Prints median and p95 latency per side, their ratio, the build throughput and
the index memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import re
import sqlite3
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import gnad_rows, no_gnad, p95  # noqa: E402

from tui.corpus import Published  # noqa: E402
from tui.index.search import Index  # noqa: E402

QUERIES = [
    "regierung",
    "bundeskanzler",
    "fußball österreich",
    "wien",
    "flüchtlinge",
    "wahl",
    "präsident",
    "wirtschaft wachstum",
    "polizei",
    "gericht urteil",
    "schule",
    "bozen",
    "gemeinde",
    "euro",
    "krieg",
    "klima",
    "internet",
    "studie",
    "bank",
    "gesundheit",
]


@dataclass
class Doc:
    id: str
    title: str
    text: str
    source: str | None
    published: Published | None


def corpus(data: Path, n: int) -> list[Doc]:
    texts = gnad_rows(data)
    for folder in sorted((data / "krauts").glob("*_raw-text")):
        for f in sorted(folder.iterdir()):
            raw = f.read_text(encoding="utf-8", errors="replace")
            texts.append(("Dolomiten", re.sub(r"<[^>]+>", " ", raw)))
    docs = []
    start = dt.date(2010, 1, 1)
    for i in range(n):
        label, text = texts[i % len(texts)]
        first = text.split(". ")[0][:80]
        docs.append(
            Doc(
                f"{i:06d}",
                f"{label} {i // len(texts)}: {first}",
                text,
                label,
                Published(start + dt.timedelta(days=(i * 7) % 5000)),
            )
        )
    return docs


def fts_build(docs: list[Doc]) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE a USING fts5(id UNINDEXED, title, body, tokenize='unicode61 remove_diacritics 2')")
    db.executemany("INSERT INTO a VALUES (?, ?, ?)", ((d.id, d.title, d.text) for d in docs))
    db.commit()
    return db


def fts_query(q: str, prefix: bool) -> str:
    words = q.split()
    quoted = [f'"{w}"' for w in words]
    if prefix:
        quoted[-1] += "*"
    return " AND ".join(quoted)


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 1e6


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if no_gnad(args.data, "bench_search"):
        return 1
    docs = corpus(args.data, args.articles)
    mb = sum(len(d.text.encode("utf-8")) + len(d.title.encode("utf-8")) for d in docs) / 1e6
    print(f"corpus: {len(docs)} articles, {mb:.1f} MB of text")

    gc.collect()
    before = _rss_mb()
    t0 = time.perf_counter()
    index = Index.build(docs)
    build = time.perf_counter() - t0
    gc.collect()
    print(
        f"Chronik index build: {build:.1f} s = {mb / build:.2f} MB/s; "
        f"index memory about {_rss_mb() - before:.0f} MB (growth of the resident set; "
        f"{index.nbytes / 1e6:.0f} MB of it posting arrays)"
    )
    t0 = time.perf_counter()
    db = fts_build(docs)
    print(f"FTS5 build: {time.perf_counter() - t0:.1f} s")

    sql = "SELECT id FROM a WHERE a MATCH ? ORDER BY bm25(a) LIMIT 50"
    sql_snippets = "SELECT id, snippet(a, 2, '', '', '…', 24) FROM a WHERE a MATCH ? ORDER BY bm25(a) LIMIT 50"

    def ours_with_snippets(text: str, prefix: bool) -> None:
        for hit in index.search(text, limit=50, prefix=prefix).hits:
            hit.snippet  # noqa: B018 - snippets are cut on first use

    rows = []
    for mode in ("full query", "typing (prefix of the last word)", "full query, 50 snippets"):
        prefix = mode.startswith("typing")
        snippets = mode.endswith("snippets")
        ours, theirs = [], []
        for q in QUERIES:
            text = q[: max(2, len(q) - 3)] if prefix else q
            if snippets:
                ours += timed(lambda: ours_with_snippets(text, prefix), args.runs)
                theirs += timed(lambda: db.execute(sql_snippets, (fts_query(text, prefix),)).fetchall(), args.runs)
            else:
                ours += timed(lambda: index.search(text, limit=50, prefix=prefix), args.runs)
                theirs += timed(lambda: db.execute(sql, (fts_query(text, prefix),)).fetchall(), args.runs)
        rows.append((mode, ours, theirs))
    print(f"{'queries':<34} {'Chronik median':>15} {'p95':>8} {'FTS5 median':>12} {'p95':>8} {'ratio':>6}")
    for mode, ours, theirs in rows:
        mo, mt = statistics.median(ours), statistics.median(theirs)
        print(f"{mode:<34} {mo:>12.2f} ms {p95(ours):>5.1f} ms {mt:>9.2f} ms {p95(theirs):>5.1f} ms {mo / mt:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
