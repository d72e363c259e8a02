"""Training-records benchmark: importing every shipped year of the Foreign Military Training
Report, the summary file it must reproduce, and the figures the portal reads.

    .venv/bin/python bench/records.py [--data DIR] [--repeat 15] [--skip-baseline]

`--data` is the folder of `fmtr_fy*.tsv.gz` and `fmtr_summary_by_year_country.csv` (default: the
shared data folder beside the repository, `../shared/data/training-records/fmtr`). Scratch SQLite
databases go under bench/out/ (git-ignored). Steps:

1. **Baseline, same run**: the largest file imported into a fresh database twice — once writing
   with Django's `bulk_create` (model instances, batches of 2,000), once with the importer's own
   prepared INSERT (`executemany`, same batches) — rows/s of each and their ratio.
2. **Every shipped year** imported by `import_training_records` into a fresh database in one run
   (one transaction): rows read, imported, set aside, seconds and rows/s per file and in total.
3. **The summary** written by `summary_csv` for every fiscal report, compared byte for byte with
   `fmtr_summary_by_year_country.csv` (the check that the importer counts every row the published
   file counts, under the same country names, with the same numeric sums).
4. **Importing again** the same files: nothing imported, nothing changed (row count, import rows
   and audit events before and after), and how long it takes to find that out.
5. **The figures** of `tutela/records/figures.py` (by country and year, by year, by programme)
   computed (cache cleared before each) and cached, and `summary_by_report_and_country`, over all
   years, each evaluated --repeat times round-robin, median and p95, beside a trivial query
   (`Country.objects.count()`) timed in the same rounds.

Results also go to bench/out/records-latest.json. Exit status 1 if the summary differs or a
re-import changes anything.
"""

import argparse
import json
import os
import platform
import sqlite3
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "training-records" / "fmtr"


def _setup(first_database: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tutela.settings")
    os.environ["DATABASE_URL"] = f"sqlite:///{first_database}"
    os.environ.setdefault("TASKS_BACKEND", "immediate")
    sys.path.insert(0, str(ROOT))
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no query log while timing


def _fresh(db_path: Path) -> Any:
    """Migrate a new scratch database and return a secretariat user in it."""
    from django.core.management import call_command
    from django.db import connections

    from tutela.accounts.models import Role, User

    connection = connections["default"]
    connection.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    connection.settings_dict["NAME"] = str(db_path)
    call_command("migrate", verbosity=0)
    return User.objects.create_user(username="bench-secretariat", role=Role.SECRETARIAT)


def _bulk_create_insert(rows: list[tuple[Any, ...]]) -> None:
    """The baseline writer: the same rows as model instances through bulk_create."""
    from tutela.records import actions
    from tutela.records.models import TrainingRecord

    names = [
        "source_id" if n == "source" else "country_id" if n == "country" else n
        for n in actions.INSERTED_FIELDS
    ]
    TrainingRecord.objects.bulk_create(
        [TrainingRecord(**dict(zip(names, row, strict=True))) for row in rows],
        batch_size=actions.BATCH_SIZE,
    )


def _import(paths: list[Path], by: Any) -> tuple[Any, float, dict[str, float]]:
    """Import `paths` in one run; the report, total seconds and seconds per file."""
    from tutela.records.actions import import_training_records

    ends: dict[str, float] = {}
    started = time.perf_counter()

    def progress(file: str, done: int) -> None:
        ends[file] = time.perf_counter()

    report = import_training_records(paths, by=by, progress=progress)
    total = time.perf_counter() - started
    per_file, previous = {}, started
    for path in paths:
        per_file[path.name] = ends[path.name] - previous
        previous = ends[path.name]
    return report, total, per_file


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()
    files = sorted(args.data.glob("fmtr_fy*.tsv.gz"))
    published = args.data / "fmtr_summary_by_year_country.csv"
    if not files or not published.exists():
        print(f"No fmtr_fy*.tsv.gz and summary file in {args.data}", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    _setup(OUT / "records.sqlite3")

    from django.core.cache import cache
    from django.db.models import Count

    from tutela.audit.models import Event
    from tutela.partners.models import Country
    from tutela.records import actions, figures
    from tutela.records.models import RecordImport, TrainingRecord

    results: dict[str, Any] = {
        "machine": f"{os.cpu_count()} cores, {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}",
        "load_average": os.getloadavg()[0],
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    failed = False

    # 1. Baseline: bulk_create against the importer's prepared INSERT, on the largest file.
    if not args.skip_baseline:
        largest = max(files, key=lambda p: p.stat().st_size)
        rates = {}
        for name, writer in (("bulk_create", _bulk_create_insert), ("executemany", None)):
            by = _fresh(OUT / f"records-baseline-{name}.sqlite3")
            original = actions._insert
            if writer is not None:
                actions._insert = writer
            try:
                report, seconds, _ = _import([largest], by)
            finally:
                actions._insert = original
            rates[name] = report.rows_imported / seconds
            print(
                f"baseline {largest.name} via {name}: {report.rows_imported:,} rows "
                f"in {seconds:.2f} s = {rates[name]:,.0f} rows/s"
            )
        ratio = rates["executemany"] / rates["bulk_create"]
        print(f"  prepared INSERT is {ratio:.2f}x bulk_create")
        results["baseline"] = {"file": largest.name, "rows_per_s": rates, "ratio": ratio}

    # 2. Every shipped year, one run.
    by = _fresh(OUT / "records.sqlite3")
    report, seconds, per_file = _import(files, by)
    print(f"\n{'file':28} {'read':>8} {'imported':>9} {'aside':>6} {'s':>6} {'rows/s':>8}")
    rows = []
    for file in report.files:
        s = per_file[file.file]
        rows.append(
            {
                "file": file.file,
                "read": file.rows_read,
                "imported": file.rows_imported,
                "set_aside": file.rows_set_aside,
                "seconds": s,
                "rows_per_s": file.rows_read / s,
            }
        )
        print(
            f"{file.file:28} {file.rows_read:8,} {file.rows_imported:9,} "
            f"{file.rows_set_aside:6,} {s:6.2f} {file.rows_read / s:8,.0f}"
        )
    print(
        f"{'all ' + str(len(files)) + ' files':28} {report.rows_read:8,} "
        f"{report.rows_imported:9,} {report.rows_set_aside:6,} {seconds:6.2f} "
        f"{report.rows_read / seconds:8,.0f}"
    )
    quantities = dict(report.quantities)
    kinds = dict(TrainingRecord.objects.values_list("kind").annotate(n=Count("pk")).order_by())
    no_code = TrainingRecord.objects.filter(country__isnull=True).count()
    print(
        f"  trainee figures: {quantities}; rows by kind: {kinds}; "
        f"rows without a country code: {no_code:,}"
    )
    results["import"] = {
        "files": rows,
        "rows_read": report.rows_read,
        "rows_imported": report.rows_imported,
        "rows_set_aside": report.rows_set_aside,
        "reasons": dict(report.reasons),
        "seconds": seconds,
        "rows_per_s": report.rows_read / seconds,
        "quantities": quantities,
        "kinds": kinds,
        "without_code": no_code,
    }

    # 3. The summary, byte for byte.
    ours = actions.summary_csv(report.fiscal_reports).encode("utf-8")
    same = ours == published.read_bytes()
    lines = ours.count(b"\n") - 1
    print(f"\nsummary: {len(ours):,} bytes, {lines:,} lines; identical to {published.name}: {same}")
    results["summary_identical"] = same
    failed |= not same

    # 4. Importing again changes nothing.
    before = (TrainingRecord.objects.count(), RecordImport.objects.count(), Event.objects.count())
    again, again_seconds, _ = _import(files, by)
    after = (TrainingRecord.objects.count(), RecordImport.objects.count(), Event.objects.count())
    unchanged = before == after and again.rows_imported == 0
    print(
        f"import again: {again.rows_imported:,} imported, {again.rows_set_aside:,} set aside "
        f"({dict(again.reasons)}) in {again_seconds:.2f} s; "
        f"records/imports/events {before} -> {after}: "
        f"{'unchanged' if unchanged else 'CHANGED'}"
    )
    results["reimport"] = {
        "seconds": again_seconds,
        "imported": again.rows_imported,
        "before": before,
        "after": after,
        "unchanged": unchanged,
    }
    failed |= not unchanged

    # 5. The figures the portal reads, beside a trivial query.
    records = TrainingRecord.objects.all()

    def uncached(compute: Any) -> Any:
        def run() -> Any:
            cache.clear()
            return compute()

        return run

    trivial = "trivial: Country.objects.count()"
    phases = {
        "computed": {
            trivial: lambda: Country.objects.count(),
            "by_country_and_year": uncached(figures.by_country_and_year),
            "by_year": uncached(figures.by_year),
            "by_programme": uncached(figures.by_programme),
            "summary_by_report_and_country": lambda: records.summary_by_report_and_country(),
        },
        "cached": {
            trivial: lambda: Country.objects.count(),
            "by_country_and_year": figures.by_country_and_year,
            "by_year": figures.by_year,
            "by_programme": figures.by_programme,
        },
    }
    results["queries"] = {}
    for phase, queries in phases.items():
        cache.clear()
        sizes = {name: len(q()) if name != trivial else 1 for name, q in queries.items()}
        times: dict[str, list[float]] = {name: [] for name in queries}
        for _ in range(args.repeat):
            for name, query in queries.items():
                started = time.perf_counter()
                query()
                times[name].append((time.perf_counter() - started) * 1000)
        base = statistics.median(times[trivial])
        print(f"\n{phase:34} {'rows':>6} {'median ms':>10} {'p95 ms':>8} {'x trivial':>10}")
        for name, values in times.items():
            median, p95 = statistics.median(values), _percentile(values, 0.95)
            print(f"{name:34} {sizes[name]:6,} {median:10.1f} {p95:8.1f} {median / base:10.1f}")
            results["queries"][f"{phase}: {name}"] = {
                "rows": sizes[name],
                "median_ms": median,
                "p95_ms": p95,
                "ratio": median / base,
            }

    (OUT / "records-latest.json").write_text(json.dumps(results, indent=2, default=str))
    print(f"\n{results['machine']}; load average {results['load_average']:.1f} at the start")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
