"""Pages of the records app, for staff who read across all countries (secretariat, analysts,
oversight): the imports, the records, and the secretariat's upload page.

The upload page calls the same action as `tutela import_training_records` and shows the same
report: rows read, imported and set aside with reasons, per file.
"""

import tempfile
from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tutela.accounts.auth import reader_of_everything, signed_in_user
from tutela.lib.errors import ActionError, put_on_form
from tutela.lib.htmx import wants_partial
from tutela.lib.listing import paginate
from tutela.partners.models import Country
from tutela.records.actions import TrainingRecordsRejected, import_training_records
from tutela.records.forms import RecordUploadForm
from tutela.records.models import (
    QuantityStatus,
    RecordImport,
    RowKind,
    TrainingRecord,
    TrainingRecordQuerySet,
)

RECORD_FILTERS = ["country", "report", "year", "programme", "kind", "figure", "source"]


def filter_records(records: TrainingRecordQuerySet, params: Any) -> TrainingRecordQuerySet:
    """Apply the list's filters, read from a query string (the page and the API share them).
    Values that do not mean anything are ignored."""
    country = (params.get("country") or "").strip()
    if country == "none":
        records = records.filter(country__isnull=True)
    elif country:
        records = records.filter(country__code=country.upper())
    report = (params.get("report") or "").strip()
    if report:
        records = records.filter(fiscal_report=report)
    year = str(params.get("year") or "").strip()
    if year.isdigit() and len(year) <= 4:
        records = records.filter(fiscal_year=int(year))
    programme = (params.get("programme") or "").strip()
    if programme:
        records = records.filter(programme=programme)
    kind = (params.get("kind") or "").strip()
    if kind in RowKind.values:
        records = records.filter(kind=kind)
    figure = (params.get("figure") or "").strip()
    if figure in QuantityStatus.values:
        records = records.filter(quantity_status=figure)
    source = str(params.get("source") or "").strip()
    if source.isdigit() and len(source) <= 18:  # within a BigAutoField
        records = records.filter(source_id=int(source))
    return records.search((params.get("q") or "").strip())


@login_required
@require_GET
def record_list(request: HttpRequest) -> HttpResponse:
    user = reader_of_everything(request)
    shown = filter_records(TrainingRecord.objects.visible_to(user), request.GET)
    listing = paginate(
        request,
        shown.select_related("country").order_by("fiscal_report", "line"),
        filters=RECORD_FILTERS,
        count_from=shown,
    )
    context = {
        "listing": listing,
        "kinds": RowKind.choices,
        "figures": QuantityStatus.choices,
        "reports": TrainingRecord.objects.order_by("fiscal_report")
        .values_list("fiscal_report", flat=True)
        .distinct(),
        "countries": Country.objects.order_by("name").values_list("code", "name"),
    }
    template = "records/record_list.html"
    if wants_partial(request, "results"):
        template += "#results"
    return render(request, template, context)


@login_required
@require_GET
def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = reader_of_everything(request)
    record = get_object_or_404(
        TrainingRecord.objects.visible_to(user).select_related("country", "source"), pk=pk
    )
    return render(request, "records/record_detail.html", {"record": record})


@login_required
@require_GET
def import_list(request: HttpRequest) -> HttpResponse:
    reader_of_everything(request)
    imports = RecordImport.objects.defer("report")
    listing = paginate(request, imports, count_from=RecordImport.objects.all())
    template = "records/import_list.html"
    if wants_partial(request, "results"):
        template += "#results"
    return render(request, template, {"listing": listing})


@login_required
@require_GET
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reader_of_everything(request)
    source = get_object_or_404(RecordImport, pk=pk)
    return render(request, "records/import_detail.html", {"source": source})


def _save_uploads(uploads: list[UploadedFile], folder: Path) -> list[Path]:
    """Write each upload in its own subfolder, keeping its own name for the report."""
    paths = []
    for number, upload in enumerate(uploads):
        name = Path(upload.name or "").name or f"file-{number + 1}"
        path = folder / str(number) / name
        path.parent.mkdir()
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        paths.append(path)
    return paths


@login_required
@require_http_methods(["GET", "POST"])
def import_create(request: HttpRequest) -> HttpResponse:
    """The secretariat uploads tables; the page answers with the import's report."""
    user = signed_in_user(request)
    if not user.is_secretariat:
        raise PermissionDenied(_("Only the secretariat imports training records."))
    if request.method == "GET":
        return render(request, "records/import_form.html", {"form": RecordUploadForm()})
    form = RecordUploadForm(request.POST, request.FILES)
    context: dict[str, Any] = {"form": form, "problems": []}
    if form.is_valid():
        try:
            with tempfile.TemporaryDirectory(prefix="records-") as folder:
                report = import_training_records(
                    _save_uploads(form.cleaned_data["tables"], Path(folder)), by=user
                )
        except TrainingRecordsRejected as error:
            put_on_form(form, error)
            context["problems"] = error.problems
        except ActionError as error:
            put_on_form(form, error)
        else:
            return render(request, "records/import_report.html", {"report": report})
    return render(request, "records/import_form.html", context, status=400)
