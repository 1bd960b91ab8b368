"""Throughput of entity recognition on the 10kGNAD articles, one core.

    python bench/bench_ner.py [--data ../shared/data] [--runs 5]

Reports the one-off model and lexicon load separately, then medians over runs
(a fresh recogniser per run, so the per-word feature cache starts cold), in MB
of UTF-8 text per second (wall clock; the CPU time of the process is printed
too, as it varies less on a shared machine), of:
- recognition: ``recognize(text)`` on each article alone (tagging, role nouns,
  consistency within the article);
- the whole entity layer: ``annotate(texts)`` (recognition, names carried
  across the corpus, grouping into keyed entities).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import gnad_rows  # noqa: E402

from tui.nlp import resources  # noqa: E402
from tui.nlp.entities import annotate  # noqa: E402
from tui.nlp.ner import Recognizer  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = args.data / "10kgnad" / "test.csv"
    if not path.is_file():
        print(f"bench_ner: no data at {path}", file=sys.stderr)
        return 1
    texts = [text for _, text in gnad_rows(args.data)]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    t0 = time.perf_counter()
    resources.lexicon()
    Recognizer()._ready()
    load = time.perf_counter() - t0
    alone, layer, alone_cpu, layer_cpu = [], [], [], []
    for _ in range(args.runs):
        rec = Recognizer()
        rec._ready()
        t0, c0 = time.perf_counter(), time.process_time()
        for text in texts:
            rec.recognize(text)
        alone.append(time.perf_counter() - t0)
        alone_cpu.append(time.process_time() - c0)
        rec = Recognizer()
        rec._ready()
        t0, c0 = time.perf_counter(), time.process_time()
        result = annotate(texts, rec)
        layer.append(time.perf_counter() - t0)
        layer_cpu.append(time.process_time() - c0)
    mentions = sum(len(spans) for spans in result.mentions)
    print(f"{len(texts)} articles, {mb:.2f} MB, {mentions} mentions, {len(result.entities)} entities")
    print(f"model and lexicon load: {load:.2f} s (once per process)")
    for name, times, cpu in (
        ("recognition, article by article", alone, alone_cpu),
        ("whole entity layer (annotate)", layer, layer_cpu),
    ):
        med = statistics.median(times)
        print(
            f"{name}: median {med:.2f} s over {args.runs} runs "
            f"(min {min(times):.2f}, max {max(times):.2f}) = {mb / med:.2f} MB/s; "
            f"CPU time median {statistics.median(cpu):.2f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
