"""Pledges: a number of training opportunities over a period, for the world, a region or a
country, and the progress the records show against them."""

from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    WORLD = "world", _("World")
    REGION = "region", _("Region")
    COUNTRY = "country", _("Country")


COUNTING_RULE = _(
    "Opportunities delivered: completed enrolments on activities that started within the pledge "
    "period, for officers of partners within the pledge's scope (an officer who completes two "
    "activities counts twice). Officers trained: distinct officers among them, each counted once "
    "however many activities they completed. Overridden enrolments are included and reported "
    "separately."
)


@dataclass(frozen=True)
class Progress:
    pledged: int
    delivered: int
    officers: int
    overrides: int

    @property
    def percent(self) -> float:
        return 100.0 * self.delivered / self.pledged if self.pledged else 0.0

    @property
    def bar_percent(self) -> float:
        return min(100.0, self.percent)


class Pledge(models.Model):
    title = models.CharField(_("title"), max_length=200)
    opportunities = models.PositiveIntegerField(_("training opportunities"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.WORLD)
    region_code = models.CharField(_("region (M49 code)"), max_length=3, blank=True)
    country = models.ForeignKey(
        "partners.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    announced_on = models.DateField(_("announced on"), null=True, blank=True)
    source = models.TextField(
        _("source"), blank=True, help_text=_("Where the pledge was made (statement, agreement…).")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
        help_text=_("A reserved share of a larger pledge."),
    )

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="pledge_dates_in_order"
            ),
            models.CheckConstraint(
                condition=(
                    Q(scope="world", region_code="", country__isnull=True)
                    | (Q(scope="region", country__isnull=True) & ~Q(region_code=""))
                    | Q(scope="country", region_code="", country__isnull=False)
                ),
                name="pledge_scope_consistent",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pledges:detail", args=[self.pk])

    @property
    def scope_label(self) -> str:
        from tutela.lib.countries import regions

        if self.scope == Scope.REGION:
            return dict(regions()).get(self.region_code, self.region_code)
        if self.scope == Scope.COUNTRY and self.country:
            return self.country.name
        return str(_("World"))
