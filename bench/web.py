"""Web benchmark: how fast the busiest pages answer, against a trivial Django view, as data grows.

    .venv/bin/python bench/web.py [--scale 10] [--requests 50] [--reuse]

For scale 1 and then scale N, it creates a scratch SQLite database under bench/out/ (git-ignored),
migrates it, loads the demo programme (`tutela.demo.load_demo`) and times, through
django.test.Client with a signed-in session:

- a trivial view (login required, returns "ok") added to the real URLconf: the baseline cost of
  Django, the middleware, the session and the user lookup on this machine;
- the dashboard `/`, the nomination list `/nominations/` unfiltered and filtered (status, search
  and partner) as the secretariat, the nomination list as a liaison, and the activity page
  `/activities/<pk>/` of the activity with the most nominations.

Each page is warmed up, then requested --requests times, round-robin across the pages so that
background load falls on all of them alike: median, p95, ratio of its median to the trivial
view's, and SQL queries per request (django.test.utils.CaptureQueriesContext) at both
scales, to show that the number of queries does not grow with the data; the request's SELECTs
are replayed with every row fetched to show the time spent in the database. The bars: median within
5x the trivial view and under 100 ms. Results also go to bench/out/web-latest.json.
"""

import argparse
import json
import math
import os
import platform
import sqlite3
import statistics
import sys
import time
import types
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
RATIO_BAR = 5.0
MEDIAN_BAR_MS = 100.0
WARMUP = 5
TRIVIAL_URL = "/bench/trivial/"


@dataclass
class PageResult:
    name: str
    url: str
    user: str
    status: int = 0
    size: int = 0
    median_ms: float = 0.0
    p95_ms: float = 0.0
    queries: int = 0
    sql_ms: float = 0.0  # the request's SELECTs replayed with every row fetched (see _replay)
    slowest_sql: str = ""
    ratio: float = 0.0
    error: str = ""
    notes: list[str] = field(default_factory=list)

    def passes(self) -> bool:
        return (
            not self.error
            and self.status == 200
            and self.ratio <= RATIO_BAR
            and self.median_ms < MEDIAN_BAR_MS
        )


def _setup(first_database: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tutela.settings")
    os.environ["DATABASE_URL"] = f"sqlite:///{first_database}"
    # Development values for what settings.py decides at import time (test host allowed, no
    # HTTPS redirect, plain static storage); DEBUG itself is switched off below.
    os.environ["DEBUG"] = "true"
    os.environ.setdefault("TASKS_BACKEND", "immediate")
    sys.path.insert(0, str(ROOT))
    # WhiteNoise warns when collectstatic has not run; static files are not timed here.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.decorators import login_required
    from django.http import HttpRequest, HttpResponse
    from django.urls import path

    import tutela.urls

    @login_required
    def trivial(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok")

    urls = types.ModuleType("bench_web_urls")
    urls.urlpatterns = [path(TRIVIAL_URL.strip("/") + "/", trivial), *tutela.urls.urlpatterns]  # type: ignore[attr-defined]
    sys.modules["bench_web_urls"] = urls
    settings.ROOT_URLCONF = "bench_web_urls"
    # Time pages as production serves them: no debug templates, no query log (the settings read
    # at import time, such as ALLOWED_HOSTS and static storage, keep their development values).
    settings.DEBUG = False


def _use_database(db_path: Path) -> None:
    from django.db import connections

    connection = connections["default"]
    connection.close()
    connection.settings_dict["NAME"] = str(db_path)


def _fresh_database(db_path: Path, scale: float, reuse: bool) -> float | None:
    """Migrate and load the demo; the load time in seconds (None when reused)."""
    from django.core.management import call_command

    from tutela.demo import load_demo, programme_exists

    if reuse and db_path.exists():
        _use_database(db_path)
        if programme_exists():
            print(f"  reusing {db_path.relative_to(ROOT)}")
            return None
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    _use_database(db_path)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    load_demo(scale=scale, log=lambda line: print("  " + line))
    return time.perf_counter() - started


def _get(client: Any, result: PageResult) -> Any:
    """One request; a page under construction that fails must not stop the benchmark."""
    try:
        return client.get(result.url)
    except Exception as error:
        result.error = f"{type(error).__name__}: {error}"[:200]
        return None


def _replay(queries: list[dict[str, str]]) -> list[tuple[float, str]]:
    """Time each SELECT again, fetching every row. The times Django records cover execute()
    only, and SQLite computes most rows while they are fetched, so they undercount."""
    from django.db import connection

    timed = []
    for query in queries:
        sql = query["sql"]
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            started = time.perf_counter()
            cursor.execute(sql)
            cursor.fetchall()
            timed.append(((time.perf_counter() - started) * 1000, sql))
    return timed


def _count_queries(client: Any, result: PageResult) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = _get(client, result)
    if response is None:
        return
    result.status = response.status_code
    result.size = len(response.content)
    result.queries = len(captured)
    timed = sorted(_replay(captured.captured_queries), reverse=True)
    result.sql_ms = sum(ms for ms, _sql in timed)
    if timed:
        result.slowest_sql = f"{timed[0][0]:.1f} ms: {timed[0][1][:600]}"
    if result.size < 500 and result.url != TRIVIAL_URL:
        result.notes.append("tiny response: placeholder page?")


def _pages() -> list[PageResult]:
    """The pages to time, with the data they need from the loaded database."""
    from django.db.models import Count

    from tutela.activities.models import Activity
    from tutela.nominations.models import Nomination, NominationStatus
    from tutela.partners.models import Partner

    kenya = Partner.objects.get(country__code="KE")
    sample = (
        Nomination.objects.filter(partner=kenya, status=NominationStatus.COMPLETED)
        .select_related("officer")
        .order_by("pk")
        .first()
    )
    search = sample.officer.name_latin.split()[0] if sample else "a"
    largest = (
        Activity.objects.annotate(n=Count("nominations"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    return [
        PageResult("trivial view (baseline)", TRIVIAL_URL, "secretariat"),
        PageResult("dashboard", "/", "secretariat"),
        PageResult("nominations, unfiltered", "/nominations/", "secretariat"),
        PageResult(
            "nominations, filtered",
            f"/nominations/?status=completed&q={search}&partner={kenya.pk}",
            "secretariat",
        ),
        PageResult("nominations, as liaison", "/nominations/", "liaison-ke"),
        PageResult("largest activity", f"/activities/{largest}/", "secretariat"),
    ]


def _measure(requests: int) -> list[PageResult]:
    """Warm up, then time the pages round-robin (one request to each page per round), so that
    background load on the machine falls on every page and on the baseline alike."""
    from django.test import Client

    from tutela.accounts.models import User

    results = _pages()
    clients: dict[str, Client] = {}
    for result in results:
        if result.user not in clients:
            clients[result.user] = Client()
            clients[result.user].force_login(User.objects.get(username=result.user))
    for result in results:
        for _n in range(WARMUP):
            _get(clients[result.user], result)
    times: dict[str, list[float]] = {r.name: [] for r in results}
    for _round in range(requests):
        for result in results:
            if result.error:
                continue
            started = time.perf_counter()
            _get(clients[result.user], result)
            times[result.name].append((time.perf_counter() - started) * 1000)
    for result in results:
        _count_queries(clients[result.user], result)
        taken = sorted(times[result.name])
        if taken and not result.error:
            result.median_ms = statistics.median(taken)
            result.p95_ms = taken[max(0, math.ceil(0.95 * len(taken)) - 1)]
    baseline = results[0].median_ms or float("nan")
    for result in results:
        result.ratio = result.median_ms / baseline if result.median_ms else float("nan")
    return results


def _machine() -> dict[str, str]:
    import django
    from django.db import connection

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return {
        "cores": str(os.cpu_count()),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": f"{connection.vendor} {sqlite3.sqlite_version}",
        "load average at start (1, 5, 15 min)": load,
    }


def _print_table(scale: float, results: list[PageResult]) -> None:
    print(f"\nScale {scale:g}:")
    print(
        f"  {'page':<26} {'status':>6} {'median':>9} {'p95':>9} {'x trivial':>9} "
        f"{'queries':>7} {'in SQL':>8}  bar"
    )
    for r in results:
        if r.error:
            print(f"  {r.name:<26} ERROR {r.error}")
            continue
        bar = "-" if r is results[0] else ("PASS" if r.passes() else "FAIL")
        notes = f"  ({'; '.join(r.notes)})" if r.notes else ""
        print(
            f"  {r.name:<26} {r.status:>6} {r.median_ms:>7.1f}ms {r.p95_ms:>7.1f}ms "
            f"{r.ratio:>8.1f}x {r.queries:>7} {r.sql_ms:>6.1f}ms  {bar}{notes}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale",
        type=float,
        default=10.0,
        help="demo scale of the large database (default 10: ~3,000 activities)",
    )
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="reuse the databases of an earlier run instead of rebuilding them",
    )
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    scales = [1.0] if args.scale == 1 else [1.0, args.scale]
    _setup(OUT / "web-scale-1.sqlite3")
    machine = _machine()
    print("Machine: " + "; ".join(f"{k}: {v}" for k, v in machine.items()))
    print(
        f"Bars: median within {RATIO_BAR:g}x the trivial view and under {MEDIAN_BAR_MS:g} ms; "
        f"{args.requests} timed requests per page after {WARMUP} warm-up requests."
    )
    report: dict[str, Any] = {"machine": machine, "requests": args.requests, "scales": {}}
    for scale in scales:
        print(f"\nLoading the demo at scale {scale:g}:")
        load_seconds = _fresh_database(OUT / f"web-scale-{scale:g}.sqlite3", scale, args.reuse)
        results = _measure(args.requests)
        _print_table(scale, results)
        report["scales"][f"{scale:g}"] = {
            "load_seconds": load_seconds,
            "pages": [asdict(r) for r in results],
        }
    if len(scales) == 2:
        small, large = (report["scales"][f"{s:g}"]["pages"] for s in scales)
        print(f"\nSQL queries per request, scale 1 -> scale {args.scale:g}:")
        for a, b in zip(small, large, strict=True):
            verdict = "same" if a["queries"] == b["queries"] else "GROWS"
            if a["error"] or b["error"]:
                verdict = "error"
            print(f"  {a['name']:<26} {a['queries']:>4} -> {b['queries']:<4} {verdict}")
    (OUT / "web-latest.json").write_text(json.dumps(report, indent=2, default=str))
    print(f"\nWritten to {(OUT / 'web-latest.json').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
