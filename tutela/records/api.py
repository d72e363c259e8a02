"""The records part of the API (/api/v1/records/): historical training records, their imports
and the figures computed from them. Read only; staff who read across all countries (secretariat,
analysts, oversight). Records enter only through the import (command or upload page).

Counting rule of every figure: course deliveries only (the report's programme-totals lines and
"no activity" placeholders left out); `trainees` sums the numbers printed as whole numbers — places
in courses, not individuals (the report counts a student once per country however many courses
they attend); deliveries whose figure is "to be determined", empty or not a number are counted in
`not_counted`."""

from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from ninja import Field, Router
from ninja.pagination import paginate

from tutela.accounts.auth import acting_user, require
from tutela.accounts.schemas import DETAIL, READ, Id, Pagination
from tutela.records import figures
from tutela.records.models import RecordImport, TrainingRecord, TrainingRecordQuerySet
from tutela.records.schemas import (
    CountryYearOut,
    ProgrammeOut,
    RecordImportOut,
    TrainingRecordOut,
    YearOut,
)
from tutela.records.views import filter_records

router = Router(tags=["records"])

Year = Annotated[int, Field(ge=1900, le=2999)]

READERS_ONLY = gettext_lazy(
    "Historical training records are for the secretariat, analysts and oversight."
)


def _records(request: HttpRequest) -> TrainingRecordQuerySet:
    user = acting_user(request)
    require(user.sees_everything, READERS_ONLY)
    return TrainingRecord.objects.visible_to(user)


@router.get(
    "/imports", response={200: list[RecordImportOut], **READ}, summary="Imports, latest first"
)
@paginate(Pagination)
def import_list(request: HttpRequest) -> QuerySet[RecordImport]:
    _records(request)
    return RecordImport.objects.all()


@router.get(
    "/imports/{int:import_id}", response={200: RecordImportOut, **DETAIL}, summary="An import"
)
def import_detail(request: HttpRequest, import_id: int) -> RecordImport:
    _records(request)
    return get_object_or_404(RecordImport, pk=import_id)


@router.get(
    "/by-country-and-year",
    response={200: list[CountryYearOut], **READ},
    summary="Trainees by country and fiscal year of training",
)
def by_country_and_year(
    request: HttpRequest,
    country: str = "",
    first_year: Year | None = None,
    last_year: Year | None = None,
) -> list[Any]:
    """`country`: an ISO code (XK for Kosovo); `first_year`, `last_year`: of training."""
    _records(request)
    code = country.strip().upper()
    return [
        row
        for row in figures.by_country_and_year()
        if (not code or row["country"] == code)
        and (first_year is None or row["fiscal_year"] >= first_year)
        and (last_year is None or row["fiscal_year"] <= last_year)
    ]


@router.get("/by-year", response={200: list[YearOut], **READ}, summary="Trainees by fiscal year")
def by_year(request: HttpRequest) -> list[Any]:
    _records(request)
    return list(figures.by_year())


@router.get(
    "/by-programme", response={200: list[ProgrammeOut], **READ}, summary="Trainees by programme"
)
def by_programme(
    request: HttpRequest, first_year: Year | None = None, last_year: Year | None = None
) -> list[Any]:
    """All years (cached), or the years from `first_year` to `last_year`."""
    records = _records(request)
    if first_year is None and last_year is None:
        return list(figures.by_programme())
    return [
        {**r, "trainees": r["trainees"] or 0}
        for r in records.for_years(first_year, last_year).trained_by_programme()
    ]


@router.get("", response={200: list[TrainingRecordOut], **READ}, summary="Training records")
@paginate(Pagination)
def record_list(
    request: HttpRequest,
    q: str = "",
    country: str = "",
    report: str = "",
    year: Year | None = None,
    programme: str = "",
    kind: str = "",
    figure: str = "",
    source: Id | None = None,
) -> QuerySet[TrainingRecord]:
    """The filters of the records page: `country` (ISO code, or `none`), `report` (e.g.
    2019_2020), `year` (of training), `programme`, `kind`, `figure` (trainees figure status),
    `source` (import id), `q` (course, units, location, country as printed)."""
    params = {
        "q": q,
        "country": country,
        "report": report,
        "year": year,
        "programme": programme,
        "kind": kind,
        "figure": figure,
        "source": source,
    }
    records = filter_records(_records(request), params)
    return records.select_related("country").order_by("fiscal_report", "line")


@router.get(
    "/{int:record_id}", response={200: TrainingRecordOut, **DETAIL}, summary="A training record"
)
def record_detail(request: HttpRequest, record_id: int) -> TrainingRecord:
    return get_object_or_404(_records(request).select_related("country"), pk=record_id)
