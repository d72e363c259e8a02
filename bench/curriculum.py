"""Suggestion benchmark: how well the provision suggestions match a labelled set.

    .venv/bin/python bench/curriculum.py [--show-misses]

Builds the suggestion index (`tutela.curriculum.suggest`, BM25 over the catalogue's current
provisions) from the shipped catalogue files, then for each module of the labelled set
(`bench/data/curriculum_labels.csv`: a module's title and text, and the provisions a reviewer
would link to it) takes the top five suggestions and reports:

- precision@5: of the five suggestions, how many the label names (mean over modules; a module
  with fewer than five labelled provisions caps it, so the ceiling is printed too);
- recall@5: of the labelled provisions, how many are in the five;
- hit@5: the share of modules with at least one labelled provision in the five;
- the same figures for a baseline that ranks by plain word overlap, measured in the same run;
- the median time of one suggestion.

No database is needed: the catalogue is read with `read_catalogue`, the same reader
`tutela load_standards` uses.
"""

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tutela.curriculum.catalogue import read_catalogue  # noqa: E402
from tutela.curriculum.suggest import SuggestionIndex, terms  # noqa: E402

LABELS = ROOT / "bench" / "data" / "curriculum_labels.csv"
K = 5


def documents() -> list[tuple[str, str]]:
    catalogue = read_catalogue()
    titles = {s.code: s.title for s in catalogue.standards}
    superseded = {s.supersedes for s in catalogue.standards if s.supersedes}
    return [
        (p.code, f"{p.heading} {p.summary} {titles[p.standard]}")
        for p in catalogue.provisions
        if p.standard not in superseded
    ]


def overlap_ranking(docs: list[tuple[str, str]], text: str) -> list[str]:
    """Baseline: count of shared (stemmed) words, no weighting."""
    query = set(terms(text))
    scored = [(len(query & set(terms(body))), code) for code, body in docs]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [code for score, code in scored[:K] if score > 0]


def measure(rank: list[list[str]], labels: list[set[str]]) -> dict[str, float]:
    precision = [len(set(r[:K]) & want) / K for r, want in zip(rank, labels, strict=True)]
    recall = [len(set(r[:K]) & want) / len(want) for r, want in zip(rank, labels, strict=True)]
    hits = [bool(set(r[:K]) & want) for r, want in zip(rank, labels, strict=True)]
    return {
        "precision@5": statistics.mean(precision),
        "recall@5": statistics.mean(recall),
        "hit@5": sum(hits) / len(hits),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    rows = list(csv.DictReader(LABELS.open(encoding="utf-8")))
    labels = [set(r["provisions"].split()) for r in rows]
    texts = [f"{r['title']}. {r['text']}" for r in rows]
    docs = documents()
    index = SuggestionIndex(docs)
    timings, ranked = [], []
    for text in texts:
        start = time.perf_counter()
        ranked.append([s.code for s in index.search(text, k=K)])
        timings.append(time.perf_counter() - start)
    baseline = [overlap_ranking(docs, text) for text in texts]
    pairs = sum(len(want) for want in labels)
    ceiling = statistics.mean(min(len(want), K) / K for want in labels)
    print(f"labelled set: {len(rows)} modules, {pairs} module→provision pairs")
    print(f"catalogue: {len(docs)} current provisions")
    print(f"precision@5 ceiling (modules with fewer than 5 labels): {ceiling:.3f}")
    print(f"{'':12}{'precision@5':>13}{'recall@5':>10}{'hit@5':>8}")
    for name, result in (("BM25", measure(ranked, labels)), ("overlap", measure(baseline, labels))):
        print(
            f"{name:12}{result['precision@5']:>13.3f}{result['recall@5']:>10.3f}"
            f"{result['hit@5']:>8.3f}"
        )
    print(f"median time per suggestion: {statistics.median(timings) * 1000:.2f} ms")
    if args.show_misses:
        for row, want, got in zip(rows, labels, ranked, strict=True):
            print(f"- {row['title']}: got {got}; missed {sorted(want - set(got))}")


if __name__ == "__main__":
    main()
