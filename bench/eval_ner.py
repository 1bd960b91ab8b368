"""Score the shipped entity layer on GermEval 2014 test (never used for training or tuning).

    python bench/eval_ner.py [--data ../shared/data] [--split test|dev] [--sentence] [--exact-offsets] [--errors N]

Every test sentence is its own document, and the documents go through the
entity layer as ``chronik extract`` runs it on a folder (``annotate``: the
tagger, consistency within each document and across the corpus, grouping
into entities with one label each), so what spreads from one document to
another is scored too. The layer's mentions are put onto the data's tokens they
overlap (``layer_chunks``); ``--exact-offsets`` counts a mention off the token
boundaries as wrong instead. ``--sentence`` scores the tagger alone, sentence by
sentence. Strict match of outer chunks (span and label equal); ``deriv`` and
``part`` tags are not entities; OTH counts as MISC. Prints per-label
precision, recall and F1, the micro-F1 over PER/LOC/ORG, and the micro-F1
over all four.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.nlp.entities import annotate  # noqa: E402
from tui.nlp.germeval import LABELS, chunks, read_sentences  # noqa: E402
from tui.nlp.ner import Recognizer  # noqa: E402

_NO_SPACE_BEFORE = frozenset(".,;:!?)]")
_NO_SPACE_AFTER = frozenset("([")


def layer_chunks(sents, rec: Recognizer, exact: bool = False) -> list[set[tuple[int, int, str]]]:
    """Each sentence's chunks as the whole entity layer labels them.

    The layer finds mentions in running text, and the data's tokens are not always the words of
    that text: GermEval keeps some sentence-final dots on the word ("beim DFB."), and holds
    "München/Hamburg" or "Mustafa S.*" as one token. A mention is put onto the tokens it
    overlaps, as a tagger of the data's tokens would label them: "DFB" in the token "DFB."
    labels that token, and two mentions in one token ("München", "Hamburg") make one chunk of
    the first one's label. With ``exact``, a mention that does not begin and end on the data's
    token boundaries is a chunk no gold chunk can match instead."""
    texts, bounds = [], []
    for s in sents:
        # The tokens joined as running text has them: "Robert R. Livingston (1746)", not "R . ".
        parts: list[str] = []
        offsets: list[tuple[int, int]] = []
        pos = 0
        for i, w in enumerate(s.words):
            if i and w not in _NO_SPACE_BEFORE and s.words[i - 1] not in _NO_SPACE_AFTER:
                parts.append(" ")
                pos += 1
            offsets.append((pos, pos + len(w)))
            parts.append(w)
            pos += len(w)
        texts.append("".join(parts))
        bounds.append(offsets)
    out = []
    for spans, offsets in zip(annotate(texts, rec).mentions, bounds):
        starts = {a: i for i, (a, _) in enumerate(offsets)}
        ends = {b: i + 1 for i, (_, b) in enumerate(offsets)}
        got: list[tuple[int, int, str]] = []
        for sp in sorted(spans, key=lambda m: (m.start, m.end)):
            if exact:
                a, b = starts.get(sp.start), ends.get(sp.end)
                got.append((a, b, sp.label) if a is not None and b is not None else (-1 - sp.start, -1, sp.label))
                continue
            inside = [i for i, (a, b) in enumerate(offsets) if a < sp.end and b > sp.start]
            if not inside:
                continue
            a, b = inside[0], inside[-1] + 1
            if got and a < got[-1][1]:  # shares a token with the mention before: one chunk
                got[-1] = (got[-1][0], max(b, got[-1][1]), got[-1][2])
            else:
                got.append((a, b, sp.label))
        out.append(set(got))
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--split", choices=("test", "dev"), default="test")
    parser.add_argument("--sentence", action="store_true", help="the tagger alone, sentence by sentence")
    parser.add_argument("--model", type=Path, help="a folder with another model and lexicon (default: the shipped)")
    parser.add_argument(
        "--exact-offsets",
        action="store_true",
        help="a mention off the data's token boundaries counts as wrong (the measure before 2026-12-06)",
    )
    parser.add_argument("--errors", type=int, default=0, help="print this many missed and spurious chunks")
    parser.add_argument(
        "--against-tagger",
        action="store_true",
        help="also count what the layer adds to and drops from the tagger's chunks, right or wrong",
    )
    args = parser.parse_args()
    path = args.data / "germeval2014" / f"NER-de-{args.split}.tsv"
    if not path.is_file():
        print(f"eval_ner: no data at {path}", file=sys.stderr)
        return 1
    sents = list(read_sentences(path))
    if args.model:
        from tui.nlp.resources import MODEL_FILE, read_lexicon

        rec = Recognizer(read_lexicon(args.model), args.model / MODEL_FILE.name)
    else:
        rec = Recognizer()
    tp, fp, fn = Counter(), Counter(), Counter()
    errors: list[str] = []
    t0 = time.perf_counter()
    predicted = (
        [chunks(rec.tag_words(s.words)) for s in sents]
        if args.sentence
        else layer_chunks(sents, rec, args.exact_offsets)
    )
    for s, pred in zip(sents, predicted):
        gold = chunks(s.tags)
        for c in gold & pred:
            tp[c[2]] += 1
        for c in pred - gold:
            fp[c[2]] += 1
            errors.append(f"spurious {c[2]}: {' '.join(s.words[c[0] : c[1]]) if c[0] >= 0 else '(off the tokens)'}")
        for c in gold - pred:
            fn[c[2]] += 1
            errors.append(f"missed {c[2]}: {' '.join(s.words[c[0] : c[1]])}")
    elapsed = time.perf_counter() - t0
    how = (
        "the tagger sentence by sentence"
        if args.sentence
        else "the entity layer, a document per sentence, mentions "
        + ("off the tokens wrong" if args.exact_offsets else "put onto the tokens they overlap")
    )
    print(
        f"GermEval 2014 {args.split}: {len(sents)} sentences, {sum(len(s.words) for s in sents)} tokens, "
        f"strict outer chunks, {how}, in {elapsed:.1f} s"
    )
    print(f"{'label':<6} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for label in LABELS:
        p, r, f = prf(tp[label], fp[label], fn[label])
        print(f"{label:<6} {tp[label] + fn[label]:>5} {p:6.3f} {r:6.3f} {f:6.3f}")
    for name, labels in (("PER/LOC/ORG", ("PER", "LOC", "ORG")), ("all four (OTH as MISC)", LABELS)):
        p, r, f = prf(*(sum(c[lab] for lab in labels) for c in (tp, fp, fn)))
        print(f"micro {name}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    for line in errors[: args.errors]:
        print(line)
    if args.against_tagger and not args.sentence:
        print(against_tagger(sents, predicted, rec))
    return 0


def against_tagger(sents, layer: list[set[tuple[int, int, str]]], rec: Recognizer) -> str:
    """What the layer changes in the tagger's chunks: added (right, wrong, off the data's
    tokens) and dropped (right, wrong), and how many of the right ones dropped hold a token
    with a slash, a dot, an "@", a dash or an asterisk in it ("München/Hamburg", "DFB.")."""
    n: Counter[str] = Counter()
    for s, got in zip(sents, layer):
        tagger, gold = chunks(rec.tag_words(s.words)), chunks(s.tags)
        for c in got - tagger:
            n["added off the tokens" if c[0] < 0 else "added right" if c in gold else "added wrong"] += 1
        for c in tagger - got:
            if c in gold:
                n["dropped right"] += 1
                words = s.words[c[0] : c[1]]
                n["of them odd tokens"] += any(len(w) > 1 and any(ch in w for ch in "/.@–*") for w in words)
            else:
                n["dropped wrong"] += 1
    return "against the tagger: " + ", ".join(f"{k} {v}" for k, v in n.items())


if __name__ == "__main__":
    sys.exit(main())
