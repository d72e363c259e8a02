"""Quick screening benchmark for CI: a deterministic subset of speed, threshold and pairs (~1 min).

    .venv/bin/python bench/screening/ci.py [--list-queries N] [--clean N]

Builds the index from OFAC SDN (with alt and add), the UN sample, the UK list and the US CSL in
../shared/data/watchlists (beside the repository), screens names drawn from the lists (exact, one
typo, reordered) and clean synthetic people (with birth date and gender) from
../shared/data/eval/yente/negatives_global.csv, and scores nomenklatura's 826 labelled name pairs
beside RapidFuzz WRatio in the same run. Prints recall of the listed entity in the top 5 at or
above ALERT_THRESHOLD per slice, alerts per 1,000 clean people, clean people scored as a certain
match, name-bench ROC-AUC, queries/s and p95 latency, and the machine.

Exits 1 if any figure falls outside its floor in FLOORS below; if the shared folder is missing it
exits 1 when CI is set (true/1/yes) and 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.screening.pairs import SETS, load, rf_wratio, roc_auc, tutela_score  # noqa: E402
from bench.screening.speed import LISTS, NEGATIVES, load_entities, reorder, typo  # noqa: E402
from bench.screening.threshold import clean_people  # noqa: E402
from tutela.matching.entities import Entity, Name  # noqa: E402
from tutela.matching.normalise import InvalidName  # noqa: E402
from tutela.matching.screener import ALERT_THRESHOLD, Screener  # noqa: E402

SEED = 20261122
SLICES = ("exact", "typo", "reordered")
CERTAIN = 0.99

# Floors, set a little under the figures measured on 2026-11-22 (2 cores, Python 3.12.1, index of
# 34,363 entities; 510 list-drawn queries, 170 per slice; 2,000 clean people): recall exact 1.000,
# typo 0.876, reordered 0.971; 10.5 alerts per 1,000 clean people; 0 clean people >= 0.99;
# name-bench AUC 0.838 (WRatio 0.816); 337 q/s, p95 6.4 ms; 18 s in all. Speed is not gated
# (shared CI runners vary); it is printed only.
# Raise a floor when the engine improves; lower one only with a reason in the commit message.
MIN = {
    "recall_exact": 0.98,
    "recall_typo": 0.85,
    "recall_reordered": 0.94,
    "name_bench_auc": 0.83,
    "name_bench_auc_over_wratio": 0.0,  # Tutela's AUC minus WRatio's, same run
}
MAX = {
    "alerts_per_1000_clean": 15.0,
    "clean_certain": 0,  # clean people whose top candidate scores >= 0.99
}


def shared_missing() -> list[Path]:
    needed = [LISTS / "ofac", LISTS / "un", LISTS / "uk", LISTS / "us_csl", NEGATIVES]
    return [p for p in [*needed, SETS["name_bench"]] if not p.exists()]


def list_queries(entities: list[Entity], n: int) -> list[tuple[str, Entity, str]]:
    """(slice, query, gold entity id): every third query exact, with one typo, reordered."""
    rng = random.Random(SEED)
    out: list[tuple[str, Entity, str]] = []
    for k, entity in enumerate(rng.sample(entities, n)):
        name = entity.names[0].text if entity.names else ""
        if not name.strip():
            continue
        kind = SLICES[k % 3]
        text = {"exact": name, "typo": typo(name, rng), "reordered": reorder(name)}[kind]
        try:
            query = Entity(f"q{k}", entity.kind, (Name(text),))
        except InvalidName:
            continue
        out.append((kind, query, entity.entity_id))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--list-queries", type=int, default=510)
    parser.add_argument("--clean", type=int, default=2000)
    args = parser.parse_args()
    started = time.perf_counter()
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}, load average {os.getloadavg()[0]:.2f}")  # fmt: skip

    missing = shared_missing()
    if missing:
        ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
        for p in missing:
            where = p.relative_to(ROOT.parent)
            print(f"missing: {where} (expects ../shared beside the repository)")
        verdict = "FAILED: shared data missing under CI" if ci else "skipped (CI not set)"
        print(f"screening benchmark {verdict}")
        return 1 if ci else 0

    t = time.perf_counter()
    entities = load_entities()
    t_read = time.perf_counter() - t
    t = time.perf_counter()
    screener = Screener.build(entities)
    t_build = time.perf_counter() - t
    print(f"index: {len(entities)} entities; read lists {t_read:.1f} s, build {t_build:.1f} s")

    listed = list_queries(entities, args.list_queries)
    people = clean_people(args.clean)
    latencies: list[float] = []

    def screen(query: Entity) -> list[str]:
        s = time.perf_counter()
        matches = screener.screen(query, top=5, min_score=ALERT_THRESHOLD)
        latencies.append(time.perf_counter() - s)
        return [m.entity_id for m in matches]

    hits = dict.fromkeys(SLICES, 0)
    counts = dict.fromkeys(SLICES, 0)
    for kind, query, gold in listed:
        counts[kind] += 1
        hits[kind] += gold in screen(query)
    alerts = certain = screened = 0
    for person in people:
        s = time.perf_counter()
        try:
            top = screener.screen(person, top=1)
        except InvalidName:
            continue
        latencies.append(time.perf_counter() - s)
        screened += 1
        best = top[0].score if top else 0.0
        alerts += best >= ALERT_THRESHOLD
        certain += best >= CERTAIN
    screening = sum(latencies)
    latencies.sort()
    p50 = latencies[len(latencies) // 2] * 1e3
    p95 = latencies[int(len(latencies) * 0.95)] * 1e3

    rows = load(SETS["name_bench"], None)
    labels = [r["is_match"].strip().lower() == "true" for r in rows]
    auc = roc_auc([tutela_score(r) for r in rows], labels)
    auc_wratio = roc_auc([rf_wratio(r) for r in rows], labels)

    figures: dict[str, float] = {
        f"recall_{kind}": hits[kind] / counts[kind] if counts[kind] else 0.0 for kind in SLICES
    }
    figures["alerts_per_1000_clean"] = 1000 * alerts / max(1, screened)
    figures["clean_certain"] = certain
    figures["name_bench_auc"] = auc
    figures["name_bench_auc_over_wratio"] = auc - auc_wratio

    print(f"\nlisted entity in the top 5 at or above ALERT_THRESHOLD {ALERT_THRESHOLD}:")
    for kind in SLICES:
        print(f"  {kind:10s} {hits[kind]:4d} / {counts[kind]:4d} = {figures[f'recall_{kind}']:.3f}")
    rate = figures["alerts_per_1000_clean"]
    print(f"clean people: {screened} screened, {alerts} alert = {rate:.1f} per 1,000; "
          f"scored >= {CERTAIN}: {certain}")  # fmt: skip
    print(f"name bench ({len(rows)} pairs) ROC-AUC: tutela {auc:.3f}, RapidFuzz WRatio "
          f"{auc_wratio:.3f} (same run)")  # fmt: skip
    n = len(latencies)
    print(f"speed: {n} queries in {screening:.2f} s = {n / screening:.0f} q/s; "
          f"latency p50 {p50:.2f} ms, p95 {p95:.2f} ms")  # fmt: skip

    failures = [f"{k} {figures[k]:.3f} < floor {v}" for k, v in MIN.items() if figures[k] < v]
    failures += [f"{k} {figures[k]:.3f} > ceiling {v}" for k, v in MAX.items() if figures[k] > v]
    print(f"\ntotal {time.perf_counter() - started:.1f} s")
    if failures:
        print("screening benchmark FAILED:")
        for line in failures:
            print(f"  {line}")
        return 1
    print("screening benchmark passed (floors in bench/screening/ci.py)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
