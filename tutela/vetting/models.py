"""Vetting decisions on officers and on units.

A decision is cleared / not cleared / more information needed, with a reason, sources and a
validity period. The latest decision on a subject is its current one. Evidence is restricted: only
vetting analysts read it, never oversight, partners or the public.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


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


class Decision(models.Model):
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

    @property
    def subject(self) -> object:
        return self.officer if self.officer_id else self.unit

    @property
    def subject_kind(self) -> str:
        return "officer" if self.officer_id else "unit"

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day <= self.valid_until

    def clears_on(self, day: dt.date) -> bool:
        return self.outcome == Outcome.CLEARED and self.is_valid_on(day)
