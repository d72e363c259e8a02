"""The figures the public portal shows from the historical training records, cached.

Records enter the register only through `actions.import_training_records`, which adds rows and
never changes or removes one, so the newest import's id names the state of the register: a figure
cached under it stays exact until the next import. Each function below costs one small query when
cached (the newest import's id) and one aggregate over the register otherwise (about 0.1-0.3 s
over all shipped years on SQLite: see bench/records.py).

Counting rule of every figure (say it beside the number): course deliveries only — the report's
own programme-totals lines and "no activity" placeholders are left out; `trainees` is the sum of
the numbers of trainees printed as whole numbers, which are places in courses, not individuals
(the report counts a student once per country however many courses they attend); `not_counted`
is the number of deliveries whose figure is "to be determined" (a current-year 0), empty or not a
number.
"""

from collections.abc import Callable
from typing import TypedDict

from django.core.cache import cache
from django.db.models import Max

from tutela.partners.models import Country
from tutela.records.models import RecordImport, TrainingRecord

CACHE_SECONDS = 24 * 3600


class CountryYear(TypedDict):
    fiscal_year: int
    country: str | None  # ISO 3166-1 alpha-2, XK for Kosovo; None: printed name without a code
    country_name: str | None
    region_code: str | None  # UN M49 region
    deliveries: int
    trainees: int
    not_counted: int


class Year(TypedDict):
    fiscal_year: int
    deliveries: int
    trainees: int
    not_counted: int
    countries: int


class Programme(TypedDict):
    programme: str
    deliveries: int
    trainees: int
    not_counted: int
    first_year: int
    last_year: int


def register_version() -> int:
    """The newest import's id (0 when nothing was imported): changes exactly when records do."""
    return RecordImport.objects.aggregate(newest=Max("pk"))["newest"] or 0


def _cached[T](name: str, compute: Callable[[], T]) -> T:
    key = f"tutela:records:{name}:{register_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=CACHE_SECONDS)
    return value


def by_country_and_year() -> list[CountryYear]:
    """Every (fiscal year of training, country) with deliveries, by year then ISO code."""

    def compute() -> list[CountryYear]:
        countries = {
            pk: (code, name, region)
            for pk, code, name, region in Country.objects.values_list(
                "pk", "code", "name", "region_code"
            )
        }
        rows: list[CountryYear] = []
        for row in TrainingRecord.objects.trained_by_country_and_year():
            code, name, region = countries.get(row["country"], (None, None, None))
            rows.append(
                CountryYear(
                    fiscal_year=row["fiscal_year"],
                    country=code,
                    country_name=name,
                    region_code=region,
                    deliveries=row["deliveries"],
                    trainees=row["trainees"] or 0,
                    not_counted=row["not_counted"],
                )
            )
        rows.sort(key=lambda r: (r["fiscal_year"], r["country"] or "~"))
        return rows

    return _cached("by-country-and-year", compute)


def by_year() -> list[Year]:
    def compute() -> list[Year]:
        return [
            Year(
                fiscal_year=r["fiscal_year"],
                deliveries=r["deliveries"],
                trainees=r["trainees"] or 0,
                not_counted=r["not_counted"],
                countries=r["countries"],
            )
            for r in TrainingRecord.objects.trained_by_year()
        ]

    return _cached("by-year", compute)


def by_programme() -> list[Programme]:
    def compute() -> list[Programme]:
        return [
            Programme(
                programme=r["programme"],
                deliveries=r["deliveries"],
                trainees=r["trainees"] or 0,
                not_counted=r["not_counted"],
                first_year=r["first_year"],
                last_year=r["last_year"],
            )
            for r in TrainingRecord.objects.trained_by_programme()
        ]

    return _cached("by-programme", compute)
