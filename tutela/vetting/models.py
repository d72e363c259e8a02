"""Vetting decisions on officers and on units.

A decision is cleared / not cleared / more information needed, with a reason, sources and a
validity period. The latest decision on a subject is its current one. Evidence is restricted: only
vetting analysts read it, never oversight, partners or the public.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tutela.lib.names import name_key
from tutela.lib.watchlists import entity_hash
from tutela.matching.entities import BirthDate, Entity, Kind, Name, NameQuality


class Outcome(models.TextChoices):
    CLEARED = "cleared", _("Cleared")
    NOT_CLEARED = "not_cleared", _("Not cleared")
    MORE_INFO = "more_info", _("More information needed")


class DecisionQuerySet(models.QuerySet["Decision"]):
    def for_officer(self, officer_id: int) -> "DecisionQuerySet":
        return self.filter(officer_id=officer_id)

    def for_unit(self, unit_id: int) -> "DecisionQuerySet":
        return self.filter(unit_id=unit_id)

    def latest_first(self) -> "DecisionQuerySet":
        return self.order_by("-decided_at", "-pk")

    def barred_units(self) -> "DecisionQuerySet":
        return self.filter(unit__isnull=False, outcome=Outcome.NOT_CLEARED)


DECISION_FIELDS = {
    "decision_id": "pk",
    "outcome": "outcome",
    "valid_from": "valid_from",
    "valid_until": "valid_until",
}


def current_decision_fields(
    prefix: str, fields: tuple[str, ...] = tuple(DECISION_FIELDS), **subject: Any
) -> dict[str, Subquery]:
    """Annotations carrying a subject's current (latest) decision as `<prefix>_<field>`, for list
    pages: `subject` names it, e.g. `officer_id=OuterRef("officer_id")`; `fields` are keys of
    DECISION_FIELDS."""
    latest = Decision.objects.filter(**subject).latest_first()
    return {
        f"{prefix}_{name}": Subquery(latest.values(DECISION_FIELDS[name])[:1]) for name in fields
    }


def open_alert_exists(officer_ref: str, unit_ref: str) -> Q:
    """For list pages: whether an alert is open on the row's officer (`officer_ref`, e.g.
    "officer_id") or on their unit (`unit_ref`, e.g. "officer__unit_id")."""
    return Exists(Alert.objects.open().filter(officer_id=OuterRef(officer_ref))) | Exists(
        Alert.objects.open().filter(unit_id=OuterRef(unit_ref))
    )


class AboutOfficerOrUnit:
    """For rows about one officer or one unit (decisions, alerts): which one, and its kind."""

    officer_id: int | None
    unit_id: int | None

    @property
    def subject(self) -> object:
        return self.officer if self.officer_id else self.unit  # type: ignore[attr-defined]

    @property
    def subject_kind(self) -> str:
        return "officer" if self.officer_id else "unit"


class Decision(AboutOfficerOrUnit, models.Model):
    officer = models.ForeignKey(
        "nominations.Officer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vetting_decisions",
    )
    unit = models.ForeignKey(
        "partners.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vetting_decisions",
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("reason"))
    sources = models.TextField(_("sources"), help_text=_("One source per line: what was checked."))
    evidence = models.TextField(
        _("restricted evidence"),
        blank=True,
        help_text=_(
            "Seen by vetting analysts only; never shown to oversight, partners or the public."
        ),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    is_publishable = models.BooleanField(
        _("publishable"),
        default=False,
        help_text=_("For a unit not cleared: may appear in the public register of barred units."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(db_index=True)
    alerts: "models.ManyToManyField[Alert, Any]" = models.ManyToManyField(
        "Alert",
        blank=True,
        related_name="decisions",
        verbose_name=_("alerts cited"),
        help_text=_("The screening alerts on this subject that the decision rests on."),
    )

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(officer__isnull=False, unit__isnull=True)
                    | Q(officer__isnull=True, unit__isnull=False)
                ),
                name="decision_has_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")), name="decision_dates_in_order"
            ),
        ]
        indexes = [
            models.Index(fields=["officer", "-decided_at"]),
            models.Index(fields=["unit", "-decided_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.subject}: {self.get_outcome_display()}"

    def get_absolute_url(self) -> str:
        return reverse("vetting:decision_detail", args=[self.pk])

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day <= self.valid_until

    def clears_on(self, day: dt.date) -> bool:
        return self.outcome == Outcome.CLEARED and self.is_valid_on(day)


# --- Watchlists ------------------------------------------------------------------------------
# A watchlist (OFAC SDN, the UN consolidated list…) is imported as list versions; each version
# stores its entries in full, so any version can be read, diffed and screened again as it was.

WATCHLIST_FORMATS: dict[str, str] = {
    "ofac-sdn": "OFAC SDN",
    "un-xml": "UN Security Council consolidated list",
    "uk-ods": "UK sanctions list",
    "us-csl": "US consolidated screening list",
    "ftm-json": "FollowTheMoney entities",
    "credible-csv": "Credible allegations list",
}


class Watchlist(models.Model):
    format = models.CharField(
        _("format"), max_length=20, choices=list(WATCHLIST_FORMATS.items())
    )  # one of tutela.lib.watchlists.READERS
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["format", "name"], name="watchlist_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("vetting:watchlist_list") + f"#watchlist-{self.pk}"


class ListVersion(models.Model):
    """One import of a watchlist's files. The latest import is current; its diff is against the
    version that was current before it (the first version adds every entry)."""

    watchlist = models.ForeignKey(Watchlist, on_delete=models.PROTECT, related_name="versions")
    previous = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported at"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    source_date = models.DateField(
        _("source date"), null=True, blank=True, help_text=_("The date the list was published.")
    )
    checksum = models.CharField(_("checksum"), max_length=64)  # SHA-256 over the files' bytes
    files = models.JSONField(_("files"), default=list)  # file names, no paths
    counts = models.JSONField(_("counts"), default=dict)  # ReadReport.summary()
    entity_count = models.PositiveIntegerField(_("entries"), default=0)
    added_count = models.PositiveIntegerField(_("added"), default=0)
    removed_count = models.PositiveIntegerField(_("removed"), default=0)
    changed_count = models.PositiveIntegerField(_("changed"), default=0)
    added_ids = models.JSONField(default=list)
    removed_ids = models.JSONField(default=list)
    changed_ids = models.JSONField(default=list)
    is_current = models.BooleanField(_("current"), default=True)

    # Set on the instance import_watchlist returns when these files were imported before.
    already_imported: bool = False

    class Meta:
        ordering = ["-imported_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["watchlist", "checksum"], name="listversion_unique_checksum"
            ),
            models.UniqueConstraint(
                fields=["watchlist"],
                condition=Q(is_current=True),
                name="listversion_one_current",
            ),
        ]

    def __str__(self) -> str:
        day = self.source_date or self.imported_at.date()
        return f"{self.watchlist} {day:%Y-%m-%d} ({self.checksum[:12]})"

    def get_absolute_url(self) -> str:
        return reverse("vetting:watchlist_version_detail", args=[self.pk])


class Change(models.TextChoices):
    """How an entry differs from the previous version of its list."""

    ADDED = "added", _("Added")
    CHANGED = "changed", _("Changed")
    UNCHANGED = "", _("Unchanged")


class ListedEntry(models.Model):
    """One entry of one list version, as the reader gave it (a stored `Entity`)."""

    version = models.ForeignKey(ListVersion, on_delete=models.CASCADE, related_name="entries")
    entity_id = models.CharField(_("identifier"), max_length=200)  # e.g. "ofac-sdn:12345"
    kind = models.CharField(_("kind"), max_length=20)  # tutela.matching.entities.Kind
    primary_name = models.TextField(_("name"))
    names = models.JSONField(default=list)  # [{"text", "quality", "given", "family"}]
    birth_dates = models.JSONField(default=list)  # [{"year", "month", "day", "year_to"}]
    nationalities = models.JSONField(default=list)
    countries = models.JSONField(default=list)
    gender = models.CharField(max_length=1, blank=True)
    programs = models.JSONField(default=list)
    remarks = models.TextField(blank=True)
    sources = models.JSONField(default=list)
    extra = models.JSONField(default=dict)
    content_hash = models.CharField(max_length=32)  # tutela.lib.watchlists.entity_hash
    change = models.CharField(max_length=10, choices=Change.choices, blank=True)
    search_key = models.TextField(default="")  # name_key of every name, for search in any script

    class Meta:
        ordering = ["primary_name", "pk"]
        indexes = [
            models.Index(fields=["version", "entity_id"]),
            models.Index(fields=["version", "change"]),
        ]

    def __str__(self) -> str:
        return f"{self.entity_id} {self.primary_name}"

    @classmethod
    def from_entity(
        cls,
        entity: Entity,
        *,
        version: ListVersion,
        change: str = Change.UNCHANGED,
        content_hash: str | None = None,
    ) -> "ListedEntry":
        """An unsaved entry holding `entity` (bulk_create them)."""
        return cls(
            version=version,
            entity_id=entity.entity_id,
            kind=entity.kind.value,
            primary_name=entity.primary_name,
            names=[
                {"text": n.text, "quality": n.quality.value, "given": n.given, "family": n.family}
                for n in entity.names
            ],
            birth_dates=[
                {"year": b.year, "month": b.month, "day": b.day, "year_to": b.year_to}
                for b in entity.birth_dates
            ],
            nationalities=list(entity.nationalities),
            countries=list(entity.countries),
            gender=entity.gender,
            programs=list(entity.programs),
            remarks=entity.remarks,
            sources=list(entity.sources),
            extra=dict(entity.extra),
            content_hash=content_hash or entity_hash(entity),
            change=change,
            search_key=" | ".join(name_key(n.text) for n in entity.names),
        )

    def to_entity(self) -> Entity:
        return Entity(
            entity_id=self.entity_id,
            kind=Kind(self.kind),
            names=tuple(
                Name(
                    n["text"],
                    NameQuality(n["quality"]),
                    given=n.get("given", ""),
                    family=n.get("family", ""),
                )
                for n in self.names
            ),
            birth_dates=tuple(
                BirthDate(b["year"], b.get("month"), b.get("day"), b.get("year_to"))
                for b in self.birth_dates
            ),
            nationalities=tuple(self.nationalities),
            countries=tuple(self.countries),
            gender=self.gender,
            programs=tuple(self.programs),
            remarks=self.remarks,
            sources=tuple(self.sources),
            extra=dict(self.extra),
        )


# --- Alerts ----------------------------------------------------------------------------------
# Screening an officer or a unit against the current lists opens an alert for each listed entry
# scoring above the alert threshold. A pair (subject, list, entry identifier) is raised once:
# not again while its alert is open, nor after a decision on it unless the entry's content
# (`content_hash`) has changed in a later version of the list.


class AlertStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DISMISSED = "dismissed", _("Dismissed (not the same person or unit)")
    CONFIRMED = "confirmed", _("Confirmed (the same person or unit)")


class AlertQuerySet(models.QuerySet["Alert"]):
    def open(self) -> "AlertQuerySet":
        return self.filter(status=AlertStatus.OPEN)

    def most_likely_first(self) -> "AlertQuerySet":
        return self.order_by("-score", "created_at", "pk")

    def for_pair(
        self, *, watchlist_id: int, entity_id: str, officer_id: int | None, unit_id: int | None
    ) -> "AlertQuerySet":
        subject = {"officer_id": officer_id} if officer_id else {"unit_id": unit_id}
        return self.filter(watchlist_id=watchlist_id, entity_id=entity_id, **subject)

    def for_officers(self, officer_ids: Iterable[int]) -> "AlertQuerySet":
        """Alerts on these officers or on their units."""
        from tutela.nominations.models import Officer

        ids = list(officer_ids)
        units = Officer.objects.filter(pk__in=ids).values("unit_id")
        return self.filter(Q(officer_id__in=ids) | Q(unit_id__in=units))


class Alert(AboutOfficerOrUnit, models.Model):
    officer = models.ForeignKey(
        "nominations.Officer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="alerts",
    )
    unit = models.ForeignKey(
        "partners.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="alerts"
    )
    entry = models.ForeignKey(ListedEntry, on_delete=models.PROTECT, related_name="alerts")
    version = models.ForeignKey(ListVersion, on_delete=models.PROTECT, related_name="alerts")
    watchlist = models.ForeignKey(Watchlist, on_delete=models.PROTECT, related_name="alerts")
    entity_id = models.CharField(_("identifier"), max_length=200)  # the list's own, as the entry's
    content_hash = models.CharField(max_length=32)  # the entry's, when the alert was raised
    score = models.FloatField(_("score"))
    explanation = models.JSONField(_("explanation"), default=dict)  # Match.as_dict() + "text"
    status = models.CharField(
        _("status"), max_length=20, choices=AlertStatus.choices, default=AlertStatus.OPEN
    )
    created_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(officer__isnull=False, unit__isnull=True)
                    | Q(officer__isnull=True, unit__isnull=False)
                ),
                name="alert_has_one_subject",
            ),
            models.UniqueConstraint(
                fields=["officer", "watchlist", "entity_id"],
                condition=Q(status="open"),
                name="alert_one_open_per_officer_pair",
            ),
            models.UniqueConstraint(
                fields=["unit", "watchlist", "entity_id"],
                condition=Q(status="open"),
                name="alert_one_open_per_unit_pair",
            ),
        ]
        indexes = [models.Index(fields=["status", "-score"])]

    def __str__(self) -> str:
        return f"{self.subject} ~ {self.entity_id} ({self.score:.2f})"

    def get_absolute_url(self) -> str:
        return reverse("vetting:alert_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == AlertStatus.OPEN


# --- Re-screening ----------------------------------------------------------------------------
# After a list version is imported, the officers with a pending, enrolled or completed
# nomination (and their units) are screened again against what that version added or changed.
# A run's row carries its progress, so that a page can follow it while the worker screens.


class RescreenStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for the worker")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    FAILED = "failed", _("Failed")


class RescreenRun(models.Model):
    version = models.ForeignKey(
        ListVersion,
        verbose_name=_("list version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rescreens",
        help_text=_("Empty: screened against every current list in full."),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RescreenStatus.choices,
        default=RescreenStatus.RUNNING,
    )
    entries = models.PositiveIntegerField(_("listed entries screened against"), default=0)
    total = models.PositiveIntegerField(_("officers to screen"), default=0)
    done = models.PositiveIntegerField(_("officers screened"), default=0)
    alerts = models.PositiveIntegerField(_("alerts opened"), default=0)
    affected = models.PositiveIntegerField(_("enrolments affected"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"rescreen #{self.pk} ({self.status})"

    @property
    def is_running(self) -> bool:
        """Queued or running: the page keeps following it."""
        return self.status in {RescreenStatus.QUEUED, RescreenStatus.RUNNING}

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if not self.is_running else 0
        return min(100, self.done * 100 // self.total)
