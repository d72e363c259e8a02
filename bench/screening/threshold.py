"""The alert threshold at 1 alert per 100 clean people (run on demand).

    .venv/bin/python bench/screening/threshold.py [--n 50000] [--names-only]

Screens a deterministic sample (default 5,000; --n 50000 for all) of the clean synthetic people in
../shared/data/eval/yente/negatives_global.csv, with their birth dates, against the index of OFAC
SDN + UN sample + UK + US CSL (../shared/data/watchlists), and prints the top-candidate score
quantiles, the threshold at which 1 in 100 (and 1 in 1,000) clean people would raise an alert
(top candidate >= threshold), the alert rate at the current ALERT_THRESHOLD, and the count of
clean people scored >= 0.99 (a "certain match": must be zero).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.screening.speed import NEGATIVES, load_entities  # noqa: E402
from tutela.lib.watchlists import parse_date  # noqa: E402
from tutela.matching.entities import Entity, Kind, Name  # noqa: E402
from tutela.matching.normalise import InvalidName  # noqa: E402
from tutela.matching.screener import ALERT_THRESHOLD, Screener  # noqa: E402


def clean_people(n: int) -> list[Entity]:
    with NEGATIVES.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if n < len(rows):
        rows = random.Random(20261122).sample(rows, n)
    out = []
    for k, r in enumerate(rows):
        try:
            born = (parse_date(r["date_of_birth"]),) if r.get("date_of_birth") else ()
        except ValueError:
            born = ()
        gender = {"male": "M", "female": "F"}.get(r.get("gender", ""), "")
        out.append(Entity(f"n{k}", Kind.PERSON, (Name(r["full_name"]),), birth_dates=born,
                          gender=gender))  # fmt: skip
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=5000, help="clean people to screen")
    parser.add_argument("--names-only", action="store_true", help="drop birth date and gender")
    args = parser.parse_args()
    t = time.perf_counter()
    screener = Screener.build(load_entities())
    print(f"index: {len(screener.index)} entities, built in {time.perf_counter() - t:.1f} s")
    people = clean_people(args.n)
    if args.names_only:
        people = [Entity(p.entity_id, p.kind, p.names) for p in people]
    print("queries: " + ("names only" if args.names_only else "name, birth date and gender"))
    t = time.perf_counter()
    top: list[tuple[float, str, str]] = []
    for person in people:
        try:
            matches = screener.screen(person, top=1)
        except InvalidName:
            continue
        if matches:
            m = matches[0]
            top.append((m.score, person.primary_name, m.explain()))
        else:
            top.append((0.0, person.primary_name, ""))
    took = time.perf_counter() - t
    scores = sorted((s for s, _, _ in top), reverse=True)
    n = len(scores)
    print(f"{n} clean people screened in {took:.1f} s ({n / took:.0f} q/s)")
    for q in (0.5, 0.9, 0.95, 0.99, 0.999):
        print(f"  top-candidate score, quantile {q}: {scores[int((1 - q) * n)]:.4f}")
    for rate in (100, 1000):
        allowed = n // rate
        # The lowest threshold at which at most n/rate people have a top score >= it.
        t_rate = scores[allowed] + 1e-4 if allowed < n else 0.0
        print(f"  threshold for 1 alert per {rate} clean people: {t_rate:.4f} "
              f"({sum(s >= t_rate for s in scores)} of {n} at or above)")  # fmt: skip
    at = sum(s >= ALERT_THRESHOLD for s in scores)
    print(f"  ALERT_THRESHOLD {ALERT_THRESHOLD}: {at} of {n} alert = {1000 * at / n:.1f} per 1,000")
    certain = [(s, name, ex) for s, name, ex in top if s >= 0.99]
    print(f"  clean people scored >= 0.99 (certain match): {len(certain)}")
    for s, name, ex in sorted(top, reverse=True)[:10]:
        print(f"    {s:.4f} {name}: {ex[:200]}")


if __name__ == "__main__":
    main()
