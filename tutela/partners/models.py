"""Countries, partners (participating countries and international organisations), agencies,
units, host institutions and agreements."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class CountryQuerySet(models.QuerySet["Country"]):
    def in_region(self, region_code: str) -> "CountryQuerySet":
        return self.filter(region_code=region_code)


class Country(models.Model):
    """ISO 3166 country or area with its UN M49 region (reference data, loaded by migration)."""

    code = models.CharField(_("ISO code"), max_length=2, unique=True)
    alpha3 = models.CharField(max_length=3)
    m49 = models.CharField(_("M49 code"), max_length=3, blank=True)
    name = models.CharField(_("name"), max_length=100)
    region_code = models.CharField(max_length=3, blank=True, db_index=True)
    region = models.CharField(_("region"), max_length=50, blank=True)
    sub_region_code = models.CharField(max_length=3, blank=True)
    sub_region = models.CharField(_("sub-region"), max_length=80, blank=True)
    intermediate_region = models.CharField(max_length=80, blank=True)

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name


class PartnerKind(models.TextChoices):
    COUNTRY = "country", _("Country")
    ORGANISATION = "organisation", _("International organisation")


class PartnerQuerySet(models.QuerySet["Partner"]):
    def active(self) -> "PartnerQuerySet":
        return self.filter(is_active=True)

    def countries(self) -> "PartnerQuerySet":
        return self.filter(kind=PartnerKind.COUNTRY)

    def organisations(self) -> "PartnerQuerySet":
        return self.filter(kind=PartnerKind.ORGANISATION)

    def visible_to(self, user: object) -> "PartnerQuerySet":
        if getattr(user, "is_liaison", False):
            return self.filter(pk=getattr(user, "partner_id", None))
        return self

    def search(self, text: str) -> "PartnerQuerySet":
        if not text:
            return self
        return self.filter(
            Q(name__icontains=text) | Q(acronym__icontains=text) | Q(country__code__iexact=text)
        )


class Partner(models.Model):
    """A participant in the programme: a country or an international organisation (INTERPOL…)."""

    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    country = models.OneToOneField(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partner",
    )
    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=PartnerKind.COUNTRY, country__isnull=False)
                    | Q(kind=PartnerKind.ORGANISATION, country__isnull=True)
                ),
                name="partner_country_iff_kind_country",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:detail", args=[self.pk])

    @property
    def region(self) -> str:
        return self.country.region if self.country else str(_("International"))


class AgencyKind(models.TextChoices):
    POLICE = "police", _("Police")
    BORDER = "border", _("Border guard")
    CUSTOMS = "customs", _("Customs")
    PRISON = "prison", _("Prison service")
    GENDARMERIE = "gendarmerie", _("Gendarmerie")
    MINISTRY = "ministry", _("Ministry")
    INTERNATIONAL = "international", _("International organisation")
    OTHER = "other", _("Other")


class Agency(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="agencies")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=AgencyKind.choices, default=AgencyKind.POLICE
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("agencies")
        constraints = [
            models.UniqueConstraint(fields=["partner", "name"], name="agency_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class UnitQuerySet(models.QuerySet["Unit"]):
    def current_on(self, day: dt.date) -> "UnitQuerySet":
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def visible_to(self, user: object) -> "UnitQuerySet":
        if getattr(user, "is_liaison", False):
            return self.filter(agency__partner_id=getattr(user, "partner_id", None))
        return self


class Unit(models.Model):
    """A unit of an agency, in a dated hierarchy: vetting is unit-based (the Leahy test)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="units")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    name = models.CharField(_("name"), max_length=200)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:unit_detail", args=[self.pk])

    def path(self) -> list["Unit"]:
        """This unit and its ancestors, outermost first."""
        chain: list[Unit] = []
        node: Unit | None = self
        while node is not None and node not in chain:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class HostInstitution(models.Model):
    """An academy or training centre that hosts activities."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AgreementStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting due diligence")
    ACTIVE = "active", _("Active")


class Agreement(models.Model):
    title = models.CharField(_("title"), max_length=300)
    parties = models.ManyToManyField(Partner, verbose_name=_("parties"), related_name="agreements")
    institutions = models.ManyToManyField(
        HostInstitution, verbose_name=_("host institutions"), blank=True, related_name="agreements"
    )
    scope = models.TextField(_("scope"))
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AgreementStatus.choices,
        default=AgreementStatus.PENDING,
        db_index=True,
    )
    activated_at = models.DateTimeField(null=True, blank=True)
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="agreement_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partners:agreement_detail", args=[self.pk])


class AgreementDocument(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="agreements/%Y/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.title


# --- Due diligence on partner institutions ----------------------------------------------------


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MODERATE = "moderate", _("Moderate")
    SERIOUS = "serious", _("Serious")


class AssessmentStatus(models.TextChoices):
    COMPLETE = "complete", _("Complete")
    AWAITING_HEAD = "awaiting_head", _("Awaiting the secretariat head")
    APPROVED = "approved", _("Approved by the secretariat head")
    REFUSED = "refused", _("Refused by the secretariat head")


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def with_latest(self) -> "AssessmentQuerySet":
        """Annotate `latest_pk`: the pk of the latest assessment of the same agreement."""
        latest = Assessment.objects.filter(agreement=models.OuterRef("agreement")).order_by(
            "-assessed_on", "-pk"
        )
        return self.annotate(latest_pk=models.Subquery(latest.values("pk")[:1]))

    def current(self) -> "AssessmentQuerySet":
        """Only the latest assessment of each agreement (the one that counts)."""
        return self.with_latest().filter(pk=models.F("latest_pk"))

    def review_due(self, day: dt.date) -> "AssessmentQuerySet":
        """Latest assessments whose review date has come."""
        return self.current().filter(next_review_on__lte=day)


class Assessment(models.Model):
    """A human-rights due-diligence assessment of the partner institutions of an agreement, in
    four steps (the partner's human-rights situation, the risks the cooperation could contribute
    to, the mitigations, how it will be monitored), dated and reviewed on a schedule. A serious
    risk needs the secretariat head's approval with a written reason."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="assessments")
    situation = models.TextField(_("1. Human-rights situation of the partner"))
    risks = models.TextField(_("2. Risks the cooperation could contribute to"))
    mitigations = models.TextField(_("3. Mitigations"))
    monitoring = models.TextField(_("4. How it will be monitored"))
    risk_level = models.CharField(_("risk"), max_length=20, choices=RiskLevel.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.COMPLETE,
        db_index=True,
    )
    assessed_on = models.DateField(_("assessed on"))
    next_review_on = models.DateField(_("next review on"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    head_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    head_decided_at = models.DateTimeField(null=True, blank=True)
    head_reason = models.TextField(_("the head's reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_on__gt=models.F("assessed_on")),
                name="assessment_review_after_assessment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement}: {self.get_risk_level_display()} ({self.assessed_on})"

    def get_absolute_url(self) -> str:
        return (
            reverse("partners:agreement_detail", args=[self.agreement_id])
            + f"#assessment-{self.pk}"
        )

    def clears_on(self, day: dt.date) -> bool:
        """Whether this assessment lets its agreement be active on `day`."""
        settled = self.status in (AssessmentStatus.COMPLETE, AssessmentStatus.APPROVED)
        return settled and self.assessed_on <= day < self.next_review_on
