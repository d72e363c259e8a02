"""Speed of the screening engine against the real lists (run on demand).

    .venv/bin/python bench/screening/speed.py [--queries N] [--list-queries N]

Builds the index from OFAC SDN (with alt and add), the UN sample, the UK list and the US CSL in
../shared/data/watchlists (beside the repository), then screens a deterministic query set: names
drawn from the lists (exact, with one typo, reordered) and clean synthetic people from
../shared/data/eval/yente/negatives_global.csv. Prints build time, cold start to first answer,
queries/s with 1 and 2 processes (each its own index), p50/p95 single-query latency, peak RSS,
and the recall of the listed entity for the list-drawn queries (top 1 and top 5), with the
pruned scorer and, for comparison, with every index candidate fully scored.
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing as mp
import os
import platform
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tutela.lib.watchlists import read  # noqa: E402
from tutela.matching.entities import Entity, Kind, Name  # noqa: E402
from tutela.matching.screener import Screener  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
LISTS = SHARED / "watchlists"
NEGATIVES = SHARED / "eval" / "yente" / "negatives_global.csv"


def load_entities() -> list[Entity]:
    entities: list[Entity] = []
    ofac = LISTS / "ofac"
    sources = [
        ("ofac-sdn", sorted(ofac.glob("sdn*.csv")) + sorted(ofac.glob("alt*.csv"))
         + sorted(ofac.glob("add*.csv"))),
        ("un-xml", sorted((LISTS / "un").glob("*.xml"))),
        ("uk-ods", sorted((LISTS / "uk").glob("*.ods"))),
        ("us-csl", sorted((LISTS / "us_csl").glob("*.csv*"))),
    ]  # fmt: skip
    seen: set[str] = set()
    for fmt, paths in sources:
        for entity in read(fmt, paths):
            if entity.entity_id not in seen:
                seen.add(entity.entity_id)
                entities.append(entity)
    return entities


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def typo(text: str, rng: random.Random) -> str:
    letters = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(letters) < 4:
        return text
    i = rng.choice(letters[1:])
    op = rng.randrange(3)
    if op == 0:
        return text[:i] + text[i + 1 :]  # deletion
    if op == 1:
        return text[:i] + text[i] + text[i:]  # doubled letter
    j = i - 1
    return text[:j] + text[i] + text[j] + text[i + 1 :]  # transposition


def reorder(text: str) -> str:
    words = text.replace(",", " ").split()
    return " ".join(words[1:] + words[:1]) if len(words) > 1 else text


def make_queries(
    entities: list[Entity], n_list: int, n_clean: int
) -> tuple[list[tuple[Entity, str]], list[Entity]]:
    """(query, gold entity id) drawn from the lists, and clean people (gold: none)."""
    rng = random.Random(20261122)
    listed: list[tuple[Entity, str]] = []
    for k, entity in enumerate(rng.sample(entities, n_list)):
        name = entity.names[0].text if entity.names else ""
        if not name.strip():
            continue
        text = (name, typo(name, rng), reorder(name))[k % 3]
        listed.append((Entity(f"q{k}", entity.kind, (Name(text),)), entity.entity_id))
    with NEGATIVES.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    clean = [
        Entity(f"n{k}", Kind.PERSON, (Name(r["full_name"]),))
        for k, r in enumerate(rng.sample(rows, n_clean))
    ]
    return listed, clean


def _worker(args: tuple[list[str], list[str]]) -> tuple[int, float, float, float]:
    """Build an index in this process and screen the names; (n, build s, screen s, RSS MB)."""
    names, kinds = args
    t = time.perf_counter()
    screener = Screener.build(load_entities())
    built = time.perf_counter() - t
    pairs = enumerate(zip(names, kinds, strict=True))
    queries = [Entity(f"w{i}", Kind(k), (Name(n),)) for i, (n, k) in pairs]
    t = time.perf_counter()
    for q in queries:
        screener.screen(q)
    return len(queries), built, time.perf_counter() - t, rss_mb()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--list-queries", type=int, default=3000)
    parser.add_argument("--clean-queries", type=int, default=2000)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.platform()}, load average {os.getloadavg()[0]:.2f}")  # fmt: skip

    t0 = time.perf_counter()
    entities = load_entities()
    t1 = time.perf_counter()
    screener = Screener.build(entities)
    t2 = time.perf_counter()
    listed, clean = make_queries(entities, args.list_queries, args.clean_queries)
    first = screener.screen(listed[0][0])
    t3 = time.perf_counter()
    print(f"index: {len(entities)} entities; read lists {t1 - t0:.2f} s, build {t2 - t1:.2f} s; "
          f"cold start to first answer (this process: read + build + one query) "
          f"{t3 - t0:.2f} s ({len(first)} candidates)")  # fmt: skip

    queries = [q for q, _ in listed] + clean
    latencies = []
    t = time.perf_counter()
    results = []
    for q in queries:
        s = time.perf_counter()
        results.append(screener.screen(q))
        latencies.append(time.perf_counter() - s)
    elapsed = time.perf_counter() - t
    latencies.sort()
    p50 = latencies[len(latencies) // 2] * 1e3
    p95 = latencies[int(len(latencies) * 0.95)] * 1e3
    rate = len(queries) / elapsed
    print(f"1 process: {len(queries)} queries in {elapsed:.2f} s = {rate:.0f} q/s; latency"
          f" p50 {p50:.2f} ms, p95 {p95:.2f} ms, max {latencies[-1] * 1e3:.1f} ms")  # fmt: skip
    print(f"peak RSS (this process, index + queries): {rss_mb():.0f} MB")

    for label, full in (("pruned (default)", True), ("all 50 candidates fully scored", False)):
        hit1 = hit5 = 0
        t = time.perf_counter()
        for (q, gold), res in zip(listed, results, strict=False):
            if not full:
                res = screener.screen(q, full=None)
            ids = [m.entity_id for m in res]
            hit1 += bool(ids) and ids[0] == gold
            hit5 += gold in ids
        took = time.perf_counter() - t
        n = len(listed)
        extra = "" if full else f" ({n / took:.0f} q/s)"
        print(f"recall of the listed entity, {label}: top-1 {hit1 / n:.3f}, top-5 {hit5 / n:.3f}"
              f"{extra}")  # fmt: skip

    names = [q.names[0].text for q in queries]
    kinds = [str(q.kind) for q in queries]
    for procs in (1, 2):
        chunks = [(names[i::procs], kinds[i::procs]) for i in range(procs)]
        t = time.perf_counter()
        with mp.get_context("spawn").Pool(procs) as pool:
            out = pool.map(_worker, chunks)
        wall = time.perf_counter() - t
        n = sum(o[0] for o in out)
        screen_wall = max(o[2] for o in out)
        print(f"{procs} process(es), each its own index: {n} queries, screening {screen_wall:.2f} s"
              f" = {n / screen_wall:.0f} q/s (build {max(o[1] for o in out):.1f} s, wall incl."
              f" start and build {wall:.1f} s, peak RSS per process "
              f"{max(o[3] for o in out):.0f} MB,"
              f" total {sum(o[3] for o in out):.0f} MB)")  # fmt: skip


if __name__ == "__main__":
    main()
