"""First pairwise measurement of the matcher against RapidFuzz baselines (run on demand).

    .venv/bin/python bench/screening/pairs.py [--limit N]

Reads the labelled pairs from ../shared/data/eval/ (beside the repository; the product never reads
them) and prints ROC-AUC and best F1, overall and per script of name2, for Tutela's scorer and for
RapidFuzz token_sort_ratio and WRatio measured in the same run, then the cross-script spot checks
from the screening reference. Not the full protocol (that is entity-level retrieval).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from rapidfuzz import fuzz, utils

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tutela.matching.entities import Entity, Kind, Name  # noqa: E402
from tutela.matching.index import Index, blocking_recall  # noqa: E402
from tutela.matching.normalise import InvalidName, detect_script  # noqa: E402
from tutela.matching.score import score_pair  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "eval"
SETS = {
    "name_bench": SHARED / "nomenklatura" / "name_bench_cases.csv",
    "derived_dev": SHARED / "derived" / "screening_pairs_v1_dev.csv",
}
SPOT_CHECKS = [
    ("Xi Jinping", "习近平"),
    ("Kim Jong Un", "김정은"),
    ("Kim Jong Un", "金正恩"),
    ("Getachew Reda", "ጌታቸው ረዳ"),
    ("Tewodros Adhanom", "ቴዎድሮስ አድሓኖም"),
    ("Abiy Ahmed", "ዐቢይ አሕመድ"),
    ("Sergey Lavrov", "Сергей Викторович Лавров"),
    ("Mohammed bin Salman", "محمد بن سلمان"),
    ("Muhammad Hamdan Dagalo", "محمد حمدان دقلو"),
    ("Alexander Lukashenko", "Аляксандр Лукашэнка"),
    ("Min Aung Hlaing", "မင်းအောင်လှိုင်"),
]
# logic-v2 figures from the reference's spot-check table, for comparison.
LOGIC_V2 = [0.00, 0.00, 0.00, 0.00, 0.45, 0.00, 0.86, 0.90, 0.60, 0.90, 0.00]


def kind_of(schema: str) -> Kind:
    return Kind.PERSON if schema == "Person" else Kind.ORGANIZATION


def roc_auc(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """Mann-Whitney U with average ranks for ties."""
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    pos = sum(labels)
    neg = len(labels) - pos
    if not pos or not neg:
        return float("nan")
    rank_sum = sum(r for r, y in zip(ranks, labels, strict=True) if y)
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


def best_f1(scores: Sequence[float], labels: Sequence[bool]) -> tuple[float, float]:
    pairs = sorted(zip(scores, labels, strict=True), key=lambda t: -t[0])
    pos = sum(labels)
    if not pos:
        return float("nan"), 0.0
    tp = fp = 0
    best = (0.0, 1.0)
    for i, (s, y) in enumerate(pairs):
        tp += y
        fp += not y
        if i + 1 < len(pairs) and pairs[i + 1][0] == s:
            continue
        f1 = 2 * tp / (tp + fp + pos)
        if f1 > best[0]:
            best = (f1, s)
    return best


def threshold_at_fpr(scores: Sequence[float], labels: Sequence[bool], fpr: float) -> float:
    """The lowest threshold at which at most `fpr` of the negatives score at or above it."""
    neg = sorted((s for s, y in zip(scores, labels, strict=True) if not y), reverse=True)
    if not neg:
        return 0.0
    allowed = int(fpr * len(neg))
    # Scores strictly above the (allowed+1)-th highest negative.
    cut = neg[allowed] if allowed < len(neg) else neg[-1]
    return cut + 1e-9


def load(path: Path, limit: int | None) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return rows[:limit] if limit else rows


def tutela_score(row: dict[str, str]) -> float:
    kind = kind_of(row["schema"])
    try:
        q = Entity("q", kind, (Name(row["name1"]),))
        c = Entity("c", kind, (Name(row["name2"]),))
        return score_pair(q, c).score
    except InvalidName:
        return 0.0


def rf_token_sort(row: dict[str, str]) -> float:
    return fuzz.token_sort_ratio(row["name1"], row["name2"], processor=utils.default_process) / 100


def rf_wratio(row: dict[str, str]) -> float:
    return fuzz.WRatio(row["name1"], row["name2"], processor=utils.default_process) / 100


SCORERS: dict[str, Callable[[dict[str, str]], float]] = {
    "tutela": tutela_score,
    "rf_token_sort": rf_token_sort,
    "rf_WRatio": rf_wratio,
}


def report(name: str, rows: list[dict[str, str]]) -> None:
    labels = [r["is_match"].strip().lower() == "true" for r in rows]
    scripts = ["script:" + (detect_script(r["name2"]) or "none") for r in rows]
    results: dict[str, list[float]] = {}
    print(f"\n## {name}: {len(rows)} pairs, {sum(labels)} positive")
    for scorer, fn in SCORERS.items():
        t = time.perf_counter()
        results[scorer] = [fn(r) for r in rows]
        us = (time.perf_counter() - t) / max(1, len(rows)) * 1e6
        print(f"  {scorer:14s} {us:8.1f} µs/pair")
    groups: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(scripts):
        groups[s].append(i)
    thresholds = {sc: threshold_at_fpr(results[sc], labels, 0.05) for sc in SCORERS}
    print("  T = threshold giving 5 % false positives over the whole set; R = share of the slice's")
    print("  positives scored >= T, N = share of its negatives scored >= T")
    header = f"  {'slice':30s} {'n':>6s} {'pos':>5s}"
    for scorer in SCORERS:
        header += f" | {scorer[:10] + ' AUC':>14s} {'F1':>5s} {'R':>5s} {'N':>5s}"
    print(header)
    slices = [("all", list(range(len(rows))))]
    slices += sorted(groups.items(), key=lambda t: -len(t[1]))
    if "kind" in rows[0]:
        kinds: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(rows):
            kinds["kind:" + r["kind"]].append(i)
        slices += sorted(kinds.items())
    if "quality" in rows[0]:
        tiers: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(rows):
            tiers["quality:" + r["quality"]].append(i)
        slices += sorted(tiers.items())
    for label, idx in slices:
        ys = [labels[i] for i in idx]
        line = f"  {label:30s} {len(idx):6d} {sum(ys):5d}"
        for scorer in SCORERS:
            xs = [results[scorer][i] for i in idx]
            auc = roc_auc(xs, ys)
            f1, _ = best_f1(xs, ys)
            t = thresholds[scorer]
            pos = [x for x, y in zip(xs, ys, strict=True) if y]
            neg = [x for x, y in zip(xs, ys, strict=True) if not y]
            r = sum(x >= t for x in pos) / len(pos) if pos else float("nan")
            n = sum(x >= t for x in neg) / len(neg) if neg else float("nan")
            line += f" | {auc:14.3f} {f1:5.3f} {r:5.2f} {n:5.2f}"
        print(line)
    neg_at_one = sum(
        1 for s, y in zip(results["tutela"], labels, strict=True) if not y and s >= 1.0
    )
    print(f"  negatives scored 1.0 by tutela: {neg_at_one}")


def blocking(rows: list[dict[str, str]], max_queries: int = 2000) -> None:
    """Index every listed entity of the derived set under its primary name (name1) and query
    with each positive pair's other name: is the entity among the top K candidates?"""
    primary: dict[str, tuple[str, str]] = {}
    for r in rows:
        primary.setdefault(r["entity1"], (r["name1"], r["schema"]))
    entities = []
    for entity_id, (name, schema) in sorted(primary.items()):
        try:
            entities.append(Entity(entity_id, kind_of(schema), (Name(name),)))
        except InvalidName:
            continue
    t = time.perf_counter()
    index = Index.build(entities)
    build = time.perf_counter() - t
    positives = [r for r in rows if r["is_match"].strip().lower() == "true"]
    step = max(1, len(positives) // max_queries)
    cases = []
    for i, r in enumerate(positives[::step]):
        cases.append((Entity(f"q{i}", kind_of(r["schema"]), (Name(r["name2"]),)),
                      frozenset({r["entity1"]})))  # fmt: skip
    t = time.perf_counter()
    recall = blocking_recall(index, cases, ks=(10, 50, 200))
    per_query = (time.perf_counter() - t) / max(1, len(cases)) * 1e3
    print(f"\n## blocking recall (derived dev): {len(entities)} entities indexed in {build:.1f} s,")
    print(f"   {len(cases)} alias queries, {per_query:.2f} ms per query")
    print("   " + "  ".join(f"recall@{k} {v:.3f}" for k, v in recall.items()))


def spot_checks() -> None:
    print("\n## cross-script spot checks (person pairs)")
    print(f"  {'query':24s} {'listed':26s} {'tutela':>7s} {'token_sort':>10s} {'logic-v2*':>9s}")
    for (a, b), ref in zip(SPOT_CHECKS, LOGIC_V2, strict=True):
        row = {"schema": "Person", "name1": a, "name2": b}
        ours, baseline = tutela_score(row), rf_token_sort(row)
        print(f"  {a:24s} {b:26s} {ours:7.2f} {baseline:10.2f} {ref:9.2f}")
    print("  * logic-v2 from the screening reference (§3.4), not measured here")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="first N pairs of each set")
    args = parser.parse_args()
    python = platform.python_version()
    print(f"machine: {os.cpu_count()} cores, Python {python}, {platform.platform()}")
    for name, path in SETS.items():
        if not path.exists():
            print(f"\n## {name}: {path} not found (expects ../shared beside the repository)")
            continue
        rows = load(path, args.limit)
        report(name, rows)
        if name == "derived_dev":
            blocking(rows)
    spot_checks()


if __name__ == "__main__":
    main()
