"""Complaints and information sent by anyone through the public form, and the vetting
referrals analysts open from them."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Reference numbers: no 0/O or 1/I/L, so they can be read out over a telephone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference() -> str:
    """`TC-XXXX-XXXX`: random, so a reference says nothing about how many were received."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"TC-{chars[:4]}-{chars[4:]}"


class Subject(models.TextChoices):
    TRAINEE = "trainee", _("A trainee or officer")
    UNIT = "unit", _("A police unit")
    COURSE = "course", _("A course")
    PARTNER = "partner", _("A partner institution")
    OTHER = "other", _("Something else")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    LINKED = "linked", _("Linked")
    REFERRED = "referred", _("Referred to vetting")
    CLOSED = "closed", _("Closed")


class ComplaintQuerySet(models.QuerySet["Complaint"]):
    def visible_to(self, user: object) -> "ComplaintQuerySet":
        """Routed to vetting (analysts) and oversight; nobody else reads complaints."""
        if getattr(user, "is_analyst", False) or getattr(user, "is_oversight", False):
            return self
        return self.none()

    def open(self) -> "ComplaintQuerySet":
        return self.exclude(status=ComplaintStatus.CLOSED)


class Complaint(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    subject = models.CharField(_("about"), max_length=20, choices=Subject.choices)
    about = models.CharField(_("who or what"), max_length=300)
    what = models.TextField(_("what happened"))
    when = models.CharField(_("when"), max_length=200, blank=True)
    where = models.CharField(_("where"), max_length=200, blank=True)
    sources = models.TextField(_("sources"), blank=True)
    # The submitter's identity: shown to oversight only, never written to the audit trail.
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("email"), max_length=254, blank=True)
    contact_phone = models.CharField(_("telephone"), max_length=50, blank=True)
    language = models.CharField(_("language"), max_length=10)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.RECEIVED,
        db_index=True,
    )
    officers = models.ManyToManyField(
        "nominations.Officer", blank=True, related_name="complaints", verbose_name=_("officers")
    )
    units = models.ManyToManyField(
        "partners.Unit", blank=True, related_name="complaints", verbose_name=_("units")
    )
    courses = models.ManyToManyField(
        "curriculum.Course", blank=True, related_name="complaints", verbose_name=_("courses")
    )
    partners = models.ManyToManyField(
        "partners.Partner", blank=True, related_name="complaints", verbose_name=_("partners")
    )
    closed_reason = models.TextField(blank=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("complaints:detail", args=[self.pk])

    @property
    def has_identity(self) -> bool:
        return bool(self.contact_name or self.contact_email or self.contact_phone)


class ReferralStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Referral(models.Model):
    """A vetting case opened from a complaint about an officer or a unit: an analyst works it
    (and records any new vetting decision through the vetting pages)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="referrals")
    officer = models.ForeignKey(
        "nominations.Officer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
    )
    unit = models.ForeignKey(
        "partners.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    summary = models.TextField(_("what to look into"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    outcome = models.TextField(_("outcome"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(officer__isnull=False) & Q(unit__isnull=True))
                | (Q(officer__isnull=True) & Q(unit__isnull=False)),
                name="referral_officer_or_unit",
            )
        ]

    def __str__(self) -> str:
        return f"{self.complaint.reference}: {self.officer or self.unit}"

    def get_absolute_url(self) -> str:
        return reverse("complaints:detail", args=[self.complaint_id]) + f"#referral-{self.pk}"
