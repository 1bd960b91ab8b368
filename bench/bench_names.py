"""What a user sees in the ``F`` list: the most frequent entity keys per label on 10kGNAD.

    python bench/bench_names.py [--data ../shared/data] [--top 50] [--sample N]

Runs the whole entity layer (``annotate``: recognition, names carried across
the corpus, grouping) over the 10kGNAD test articles, as Chronik does for a
folder, and prints for each label the keys named in most articles, with their
article counts and their commonest written forms. Read it as a user would: a
common noun in these lists is a defect.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import gnad_rows, no_gnad  # noqa: E402

from tui.nlp.entities import annotate  # noqa: E402

LABELS = ("PER", "LOC", "ORG", "MISC")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--top", type=int, default=50)
    parser.add_argument("--sample", type=int, default=0, help="also print this many random articles' names")
    args = parser.parse_args()
    if no_gnad(args.data, "bench_names"):
        return 1
    texts = [text for _, text in gnad_rows(args.data)]
    t0 = time.perf_counter()
    result = annotate(texts)
    elapsed = time.perf_counter() - t0
    print(
        f"{len(texts)} articles, {sum(map(len, result.mentions))} mentions, "
        f"{len(result.entities)} entities, {elapsed:.1f} s"
    )
    for label in LABELS:
        ents = sorted(
            (e for e in result.entities.values() if e.label == label), key=lambda e: (-e.articles, -e.mentions, e.key)
        )[: args.top]
        print(f"\n{label}: the {len(ents)} keys in most articles (articles, then the commonest forms)")
        for e in ents:
            forms = ", ".join(f"{a} {n}" for a, n in e.aliases.most_common(3))
            print(f"{e.articles:5d}  {e.key}   [{forms}]")
    rng = random.Random(14)
    for d in sorted(rng.sample(range(len(texts)), min(args.sample, len(texts)))):
        names = Counter((s.label, s.key) for s in result.mentions[d])
        print(f"\narticle {d}: " + "; ".join(f"{lab} {key}" for (lab, key), _ in names.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
