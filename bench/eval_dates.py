"""Score Chronik's temporal tagger against KRAUTS (Dolomiten parts), beside HeidelTime.

    python bench/eval_dates.py [--data ../shared/data]

Each document's ``<TEXT>`` (XML entities decoded) is written as an article
file with its DCT as front matter ``date:`` and loaded with ``--raw`` (so the
offsets line up), then tagged. Scores as TempEval-3: strict extent F1 (same
span), relaxed extent F1 (overlapping spans), and value and type F1 over the
relaxed matches. HeidelTime's output in the ``_Heideltime`` folders is scored
the same way. Clock times are compared as "T08:30" on both sides (the gold
also writes "T20.30" and "T8:30").
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.corpus import load_corpus  # noqa: E402
from tui.nlp.dates import find_dates  # noqa: E402
from tui.nlp.scoring import score  # noqa: E402

_TIMEX = re.compile(r"<TIMEX3([^>]*)>(.*?)</TIMEX3>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def parse_tml(path: Path) -> tuple[str, str, list[tuple[int, int, str, str]]]:
    """(DCT value, plain text, [(start, end, type, value)]) of a TimeML file."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)[1]
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)[1]
    text_parts: list[str] = []
    spans = []
    pos = 0
    length = 0
    for m in _TIMEX.finditer(body):
        before = html.unescape(re.sub(r"<[^>]+>", "", body[pos : m.start()]))
        text_parts.append(before)
        length += len(before)
        inner = html.unescape(re.sub(r"<[^>]+>", "", m[2]))
        attrs = dict(_ATTR.findall(m[1]))
        spans.append((length, length + len(inner), attrs.get("type", ""), attrs.get("value", "")))
        text_parts.append(inner)
        length += len(inner)
        pos = m.end()
    text_parts.append(html.unescape(re.sub(r"<[^>]+>", "", body[pos:])))
    return dct, "".join(text_parts), spans


def chronik_spans(docs: list[tuple[str, str, str]]) -> list[list[tuple[int, int, str, str]]]:
    """Tag the documents through the corpus loader, as a user's files would be."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, dct, text in docs:
            Path(tmp, name + ".txt").write_text(f"---\ndate: {dct}\n---\n{text}", encoding="utf-8")
        articles, report = load_corpus([tmp], raw=True)
        by_id = {a.id.removesuffix(".txt"): a for a in articles}
    out = []
    for name, _, text in docs:
        a = by_id[name]
        assert a.text == text.replace("\r\n", "\n"), f"{name}: raw text differs from the document"
        out.append([(t.start, t.end, t.type, t.value) for t in find_dates(a.text, a.published.value)])
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    args = parser.parse_args()
    root = args.data / "krauts"
    if not root.is_dir():
        print(f"eval_dates: no KRAUTS data at {root}", file=sys.stderr)
        return 1
    print(f"{'part':<14} {'system':<11} {'gold':>5} {'found':>5} {'strict':>7} {'relaxed':>8} {'value':>6} {'type':>6}")
    for part in ("KRAUTS_Dolomiten-42", "KRAUTS_Dolomiten-100"):
        files = sorted((root / part).glob("*.tml"))
        parsed = [parse_tml(f) for f in files]
        gold = [spans for _, _, spans in parsed]
        docs = [(f.name.split(".")[0], dct, text) for f, (dct, text, _) in zip(files, parsed)]
        ours = chronik_spans(docs)
        heidel = []
        for f, (_, text, _) in zip(files, parsed):
            h_dct, h_text, h_spans = parse_tml(root / f"{part}_Heideltime" / f.name)
            assert h_text == text, f"{f.name}: HeidelTime text differs"
            heidel.append(h_spans)
        for name, pred in (("Chronik", ours), ("HeidelTime", heidel)):
            s = score(gold, pred)
            print(f"{part.removeprefix('KRAUTS_'):<14} {name:<11} {s['gold']:>5} {s['pred']:>5} "
                  f"{s['strict']:>7.1f} {s['relaxed']:>8.1f} {s['value']:>6.1f} {s['type']:>6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
