"""Historical training records: course deliveries as earlier reports printed them, and the
imports that brought them in.

A `TrainingRecord` is one row of a Foreign Military Training Report table: the printed text of
every field is kept, beside what Tutela reads from it (ISO country, dates, number of trainees,
cost). A `RecordImport` is one file imported by one person; each record points to the import that
first brought it. Re-importing a file adds nothing: a record is identified within its fiscal
report by `row_key`, a digest of its printed content (see `actions.row_key`).
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tutela.partners.models import Country
from tutela.records.parsing import QuantityStatus as _Q
from tutela.records.parsing import RowKind as _K


class RowKind(models.TextChoices):
    DELIVERY = _K.DELIVERY, _("Course delivery")
    PROGRAMME_TOTAL = _K.PROGRAMME_TOTAL, _("Programme totals line")
    NO_ACTIVITY = _K.NO_ACTIVITY, _("No activity reported")


class QuantityStatus(models.TextChoices):
    NUMBER = _Q.NUMBER, _("Number")
    TO_BE_DETERMINED = _Q.TO_BE_DETERMINED, _("To be determined (0 in a current-year row)")
    NOT_NUMERIC = _Q.NOT_NUMERIC, _("Not a number")
    EMPTY = _Q.EMPTY, _("Empty")


class RecordImport(models.Model):
    """One file of training records imported by one person (only imports that added records are
    kept: importing a file again changes nothing)."""

    file_name = models.CharField(_("file"), max_length=255)
    checksum = models.CharField(_("SHA-256 of the file"), max_length=64, db_index=True)
    fiscal_reports = models.JSONField(_("fiscal reports"), default=list)
    # The account may be deleted (a demo reset deletes accounts); the name stays, as in the audit
    # chain's actor label.
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    imported_by_name = models.CharField(_("imported by"), max_length=150)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_imported = models.PositiveIntegerField(_("rows imported"), default=0)
    rows_set_aside = models.PositiveIntegerField(_("rows set aside"), default=0)
    # {"reasons": {reason: count}, "examples": [{"line", "reason"}], "quantities": {status: n},
    #  "kinds": {kind: n}, "without_code": {name as printed: n}}
    report = models.JSONField(_("report"), default=dict)

    class Meta:
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.rows_imported} rows)"

    def get_absolute_url(self) -> str:
        return reverse("records:import_detail", args=[self.pk])

    # The same reading as actions.FileReport, so that one template shows both.
    @property
    def file(self) -> str:
        return self.file_name

    @property
    def reasons(self) -> dict[str, int]:
        return dict(self.report.get("reasons", {}))

    @property
    def examples(self) -> list[tuple[int, str]]:
        return [(e["line"], e["reason"]) for e in self.report.get("examples", [])]

    @property
    def without_code(self) -> dict[str, int]:
        return dict(self.report.get("without_code", {}))

    @property
    def reason_counts(self) -> list[tuple[str, int]]:
        return sorted(self.reasons.items(), key=lambda item: -item[1])

    @property
    def names_without_code(self) -> list[tuple[str, int]]:
        return sorted(self.without_code.items(), key=lambda item: -item[1])

    @property
    def labelled_quantities(self) -> list[tuple[str, int]]:
        return labelled(QuantityStatus, self.report.get("quantities", {}))

    @property
    def labelled_kinds(self) -> list[tuple[str, int]]:
        return labelled(RowKind, self.report.get("kinds", {}))


def labelled(choices: type[models.TextChoices], counts: dict[str, int]) -> list[tuple[str, int]]:
    """(label, count) in the order of the choices, for counts keyed by choice value."""
    return [(str(label), counts[value]) for value, label in choices.choices if value in counts]


class TrainingRecordQuerySet(models.QuerySet["TrainingRecord"]):
    """Reads of the register. The aggregates below are what public figures are computed from.

    Counting rule: `trainees` is the sum of the printed number of trainees over course deliveries
    (programme-totals lines and "no activity" placeholders left out) whose number is a whole
    number; "to be determined" and non-numeric quantities are counted apart (`not_counted`). The
    report counts a student once per country however many courses they attend, so these sums are
    training places, an upper bound on individuals — never a count of people."""

    def visible_to(self, user: Any) -> "TrainingRecordQuerySet":
        """Staff who read across all countries (secretariat, analysts, oversight)."""
        if getattr(user, "sees_everything", False):
            return self
        return self.none()

    def deliveries(self) -> "TrainingRecordQuerySet":
        return self.filter(kind=RowKind.DELIVERY)

    def for_country(self, code: str) -> "TrainingRecordQuerySet":
        return self.filter(country__code=code.upper())

    def for_years(
        self, first: int | None = None, last: int | None = None
    ) -> "TrainingRecordQuerySet":
        qs = self
        if first is not None:
            qs = qs.filter(fiscal_year__gte=first)
        if last is not None:
            qs = qs.filter(fiscal_year__lte=last)
        return qs

    def search(self, text: str) -> "TrainingRecordQuerySet":
        if not text:
            return self
        return self.filter(
            Q(course_title__icontains=text)
            | Q(recipient_unit__icontains=text)
            | Q(delivering_unit__icontains=text)
            | Q(location__icontains=text)
            | Q(country_as_printed__icontains=text)
        )

    def _figures(self) -> dict[str, Any]:
        return {
            "deliveries": Count("pk"),
            "trainees": Sum("quantity", filter=Q(quantity_status=QuantityStatus.NUMBER)),
            "not_counted": Count("pk", filter=~Q(quantity_status=QuantityStatus.NUMBER)),
        }

    def trained_by_country_and_year(self) -> "models.QuerySet[Any, Any]":
        """Rows of {fiscal_year, country (the Country's id; None when the printed name has no
        code), deliveries, trainees, not_counted}, by year then country. Grouped on the id, not
        joined to the country table (three times faster over all years): `figures.py` adds the
        ISO code, name and region."""
        return (
            self.deliveries()
            .values("fiscal_year", "country")
            .annotate(**self._figures())
            .order_by("fiscal_year", "country")
        )

    def trained_by_year(self) -> "models.QuerySet[Any, Any]":
        """Rows of {fiscal_year, deliveries, trainees, not_counted, countries}."""
        return (
            self.deliveries()
            .values("fiscal_year")
            .annotate(**self._figures(), countries=Count("country", distinct=True))
            .order_by("fiscal_year")
        )

    def trained_by_programme(self) -> "models.QuerySet[Any, Any]":
        """Rows of {programme, deliveries, trainees, not_counted, first_year, last_year}, the
        largest number of trainees first."""
        return (
            self.deliveries()
            .values("programme")
            .annotate(
                **self._figures(),
                first_year=models.Min("fiscal_year"),
                last_year=models.Max("fiscal_year"),
            )
            .order_by(models.F("trainees").desc(nulls_last=True), "programme")
        )

    def summary_by_report_and_country(self) -> list[tuple[str, str, int, int]]:
        """(fiscal report, country as printed, rows, sum of numeric quantities) over every row —
        totals lines included, as the published summary counts them — sorted as that file is."""
        rows = (
            self.values("fiscal_report", "country_as_printed")
            .annotate(rows=Count("pk"), quantity=Sum("quantity"))
            .order_by()
        )
        return sorted(
            (r["fiscal_report"], r["country_as_printed"], r["rows"], r["quantity"] or 0)
            for r in rows
        )


class TrainingRecord(models.Model):
    """One course delivery as a report printed it (one row of its table)."""

    source = models.ForeignKey(
        RecordImport,
        verbose_name=_("import"),
        on_delete=models.PROTECT,
        related_name="records",
    )
    # Where it was printed: the report (e.g. "2019_2020"), its regional chapter, the line of the
    # imported file and the PDF page.
    fiscal_report = models.CharField(_("fiscal report"), max_length=9)
    region_file = models.CharField(_("report chapter"), max_length=200, blank=True)
    page_number = models.CharField(_("page"), max_length=20, blank=True)
    line = models.PositiveIntegerField(_("line in the file"))
    row_key = models.CharField(max_length=64)

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year of training"), db_index=True)
    kind = models.CharField(_("kind of row"), max_length=20, choices=RowKind.choices)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    country_as_printed = models.CharField(_("country as printed"), max_length=200)
    program = models.TextField(_("programme as printed"))
    programme = models.CharField(_("programme"), max_length=200, db_index=True)
    course_title = models.TextField(_("course title"), blank=True)
    delivering_unit = models.TextField(_("delivering unit"), blank=True)
    recipient_unit = models.TextField(_("recipient unit"), blank=True)
    location = models.TextField(_("location"), blank=True)
    start_date_as_printed = models.CharField(_("start date as printed"), max_length=100, blank=True)
    end_date_as_printed = models.CharField(_("end date as printed"), max_length=100, blank=True)
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    quantity_as_printed = models.CharField(_("trainees as printed"), max_length=100, blank=True)
    quantity = models.PositiveIntegerField(_("trainees"), null=True, blank=True)
    quantity_status = models.CharField(
        _("trainees figure"), max_length=20, choices=QuantityStatus.choices
    )
    cost_as_printed = models.CharField(_("cost as printed"), max_length=100, blank=True)
    cost = models.DecimalField(
        _("cost (USD)"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    objects = TrainingRecordQuerySet.as_manager()

    class Meta:
        ordering = ["fiscal_report", "line"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_report", "row_key"], name="records_row_once_per_report"
            )
        ]
        indexes = [
            models.Index(fields=["fiscal_report", "line"]),  # the list's order
            models.Index(fields=["fiscal_report", "country_as_printed"]),
            models.Index(fields=["country", "fiscal_year"]),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_report} · {self.country_as_printed} · {self.course_title[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("records:record_detail", args=[self.pk])
