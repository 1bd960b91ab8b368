"""Score the shipped entity tagger on GermEval 2014 test (never used for training).

    python bench/eval_ner.py [--data ../shared/data] [--errors N]

Strict match of outer chunks (span and label equal); ``deriv`` and ``part``
tags are not entities; OTH counts as MISC. Prints per-label precision, recall
and F1, the micro-F1 over PER/LOC/ORG, and the micro-F1 over all four.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.nlp.germeval import LABELS, chunks, read_sentences  # noqa: E402
from tui.nlp.ner import Recognizer  # noqa: E402


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--errors", type=int, default=0, help="print this many missed and spurious chunks")
    args = parser.parse_args()
    path = args.data / "germeval2014" / "NER-de-test.tsv"
    if not path.is_file():
        print(f"eval_ner: no test data at {path}", file=sys.stderr)
        return 1
    sents = list(read_sentences(path))
    rec = Recognizer()
    tp, fp, fn = Counter(), Counter(), Counter()
    errors: list[str] = []
    t0 = time.perf_counter()
    for s in sents:
        gold, pred = chunks(s.tags), chunks(rec.tag_words(s.words))
        for c in gold & pred:
            tp[c[2]] += 1
        for c in pred - gold:
            fp[c[2]] += 1
            errors.append(f"spurious {c[2]}: {' '.join(s.words[c[0]:c[1]])}")
        for c in gold - pred:
            fn[c[2]] += 1
            errors.append(f"missed {c[2]}: {' '.join(s.words[c[0]:c[1]])}")
    elapsed = time.perf_counter() - t0
    print(f"GermEval 2014 test: {len(sents)} sentences, {sum(len(s.words) for s in sents)} tokens, "
          f"strict outer chunks, tagged in {elapsed:.1f} s")
    print(f"{'label':<6} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for label in LABELS:
        p, r, f = prf(tp[label], fp[label], fn[label])
        print(f"{label:<6} {tp[label] + fn[label]:>5} {p:6.3f} {r:6.3f} {f:6.3f}")
    for name, labels in (("PER/LOC/ORG", ("PER", "LOC", "ORG")), ("all four (OTH as MISC)", LABELS)):
        p, r, f = prf(*(sum(c[lab] for lab in labels) for c in (tp, fp, fn)))
        print(f"micro {name}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    for line in errors[: args.errors]:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
