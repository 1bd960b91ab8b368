"""Score Chronik's temporal tagger against KRAUTS (Dolomiten parts), beside HeidelTime.

    python bench/eval_dates.py [--data ../shared/data] [--recall]

Each document's ``<TEXT>`` (XML entities decoded) is written as an article
file with its DCT as front matter ``date:`` and loaded with ``--raw`` (so the
offsets line up), then tagged. Scores as TempEval-3: strict extent F1 (same
span), relaxed extent F1 (overlapping spans), and value and type F1 over the
relaxed matches. HeidelTime's output in the ``_Heideltime`` folders is scored
the same way. Clock times are compared as "T08:30" on both sides (the gold
also writes "T20.30" and "T8:30"). Each part is also scored in two halves
(even and odd files), so that a rule fitted to one half shows on the other;
``--recall`` adds recall per TIMEX3 type and per class of value.
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
from tui.nlp.scoring import norm_value, score  # noqa: E402

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


def value_class(typ: str, value: str) -> str:
    """A class of gold expressions by the shape of their value, for recall per class."""
    if typ in ("DURATION", "SET"):
        return typ.lower()
    if value.endswith("_REF") or value == "PRESNT_REF":
        return "reference word"
    if "X" in value:
        return "unresolved"
    if "T" in value[10:11]:
        return "clock time or part of day"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if "-W" in value:
        return "week"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    if re.fullmatch(r"(?:BC)?\d{1,3}", value):
        return "decade, century"
    return "other"


def recall_by(gold: list, pred: list, key) -> dict[str, tuple[int, int]]:
    """(found, total) of the gold expressions per ``key(type, value)``: found = some prediction
    overlaps it (relaxed), with the same value."""
    out: dict[str, list[int]] = {}
    for g_doc, p_doc in zip(gold, pred):
        for g in g_doc:
            cell = out.setdefault(key(g[2], g[3]), [0, 0, 0])
            cell[2] += 1
            hit = [p for p in p_doc if p[0] < g[1] and g[0] < p[1]]
            cell[0] += bool(hit)
            cell[1] += any(norm_value(p[3]) == norm_value(g[3]) for p in hit)
    return {k: tuple(v) for k, v in sorted(out.items())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument(
        "--recall",
        action="store_true",
        help="also recall per TIMEX3 type and per class of value, for each part and half",
    )
    args = parser.parse_args()
    root = args.data / "krauts"
    if not root.is_dir():
        print(f"eval_dates: no KRAUTS data at {root}", file=sys.stderr)
        return 1
    print(f"{'part':<16} {'system':<11} {'gold':>5} {'found':>5} {'strict':>7} {'relaxed':>8} {'value':>6} {'type':>6}")
    tables = []
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
        name = part.removeprefix("KRAUTS_")
        # Halves by file order (even and odd): rules are looked at on A and checked on B.
        for label, pick in ((name, slice(None)), (f"{name} A", slice(0, None, 2)), (f"{name} B", slice(1, None, 2))):
            for system, pred in (("Chronik", ours), ("HeidelTime", heidel)):
                sc = score(gold[pick], pred[pick])
                print(
                    f"{label:<16} {system:<11} {sc['gold']:>5} {sc['pred']:>5} "
                    f"{sc['strict']:>7.1f} {sc['relaxed']:>8.1f} {sc['value']:>6.1f} {sc['type']:>6.1f}"
                )
            tables.append((label, gold[pick], ours[pick], heidel[pick]))
    if args.recall:
        for title, key in (("TIMEX3 type", lambda t, v: t), ("class of value", value_class)):
            print(f"\nrecall per {title}: found (overlapping) / same value / gold, Chronik | HeidelTime")
            for label, gold, ours, heidel in tables:
                mine, theirs = recall_by(gold, ours, key), recall_by(gold, heidel, key)
                cells = "; ".join(f"{k} {a}/{b}/{n} | {theirs[k][0]}/{theirs[k][1]}" for k, (a, b, n) in mine.items())
                print(f"{label:<16} {cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
