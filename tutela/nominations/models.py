"""Officers, their nominations to activities, and enrolments."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import Concat, Lower
from django.utils.translation import gettext_lazy as _

from tutela.lib.names import name_key
from tutela.lib.urls import url_for


class Gender(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    OTHER = "X", _("Other / not stated")


class OfficerQuerySet(models.QuerySet["Officer"]):
    def visible_to(self, user: object) -> "OfficerQuerySet":
        if getattr(user, "is_liaison", False):
            return self.filter(partner_id=getattr(user, "partner_id", None))
        if getattr(user, "sees_everything", False):
            return self
        if getattr(user, "is_instructor", False) or getattr(user, "is_consultant", False):
            from tutela.activities.models import Activity

            return self.filter(
                Exists(
                    Nomination.objects.filter(
                        officer=OuterRef("pk"),
                        activity__in=Activity.objects.visible_to(user).values("pk"),
                    )
                )
            )
        return self.none()

    def search(self, text: str) -> "OfficerQuerySet":
        """Officers whose name, in its own script or in Latin letters, contains `text`
        (case-, width- and spacing-insensitively, in any script)."""
        key = name_key(text)
        return self.filter(search_key__contains=key) if key else self


class Officer(models.Model):
    full_name = models.CharField(_("full name (own script)"), max_length=200)
    name_latin = models.CharField(_("name in Latin script"), max_length=200)
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    # What name searches scan: the own-script key and the Latin form, both case-folded.
    search_key = models.GeneratedField(
        expression=Concat(F("name_key"), Value(" "), Lower(F("name_latin"))),
        output_field=models.CharField(max_length=401),
        db_persist=True,
    )
    birth_date = models.DateField(_("birth date"))
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    nationality = models.ForeignKey(
        "partners.Country",
        verbose_name=_("nationality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    rank = models.CharField(_("rank"), max_length=100)
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="officers",
    )
    agency = models.ForeignKey(
        "partners.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="officers",
    )
    unit = models.ForeignKey(
        "partners.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="officers"
    )
    email = models.EmailField(_("email"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OfficerQuerySet.as_manager()

    class Meta:
        ordering = ["name_latin"]
        constraints = [
            models.UniqueConstraint(fields=["name_key", "birth_date"], name="officer_unique_person")
        ]

    def __str__(self) -> str:
        if self.name_latin and self.name_latin != self.full_name:
            return f"{self.full_name} ({self.name_latin})"
        return self.full_name

    def get_absolute_url(self) -> str:
        return url_for("nominations:officer_detail", self.pk)

    def save(self, *args: object, **kwargs: object) -> None:
        self.name_key = name_key(self.full_name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class NominationStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated (awaiting vetting)")
    ENROLLED = "enrolled", _("Enrolled")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    NO_SHOW = "no_show", _("No-show")


class NominationQuerySet(models.QuerySet["Nomination"]):
    def visible_to(self, user: object) -> "NominationQuerySet":
        if getattr(user, "is_liaison", False):
            return self.filter(partner_id=getattr(user, "partner_id", None))
        if getattr(user, "sees_everything", False):
            return self
        if getattr(user, "is_instructor", False) or getattr(user, "is_consultant", False):
            from tutela.activities.models import Activity

            return self.filter(activity__in=Activity.objects.visible_to(user).values("pk"))
        return self.none()

    def awaiting_vetting(self) -> "NominationQuerySet":
        return self.filter(status=NominationStatus.NOMINATED)

    def enrolled(self) -> "NominationQuerySet":
        return self.filter(status__in=[NominationStatus.ENROLLED, NominationStatus.COMPLETED])

    def completed(self) -> "NominationQuerySet":
        return self.filter(status=NominationStatus.COMPLETED)

    def for_partner(self, partner_id: int) -> "NominationQuerySet":
        return self.filter(partner_id=partner_id)

    def search(self, text: str) -> "NominationQuerySet":
        """Nominations of officers whose name contains `text` (see OfficerQuerySet.search), or
        on activities whose code or title contains it."""
        key = name_key(text)
        if not key:
            return self
        from tutela.activities.models import Activity

        # The activities table is small: find the matching ones first, so that the large
        # nominations table is scanned once, without a join.
        activity_ids = list(Activity.objects.search(text.strip()).values_list("pk", flat=True))
        by_name = Q(officer__in=Officer.objects.filter(search_key__contains=key).values("pk"))
        return self.filter(by_name | Q(activity_id__in=activity_ids) if activity_ids else by_name)


class Nomination(models.Model):
    activity = models.ForeignKey(
        "activities.Activity",
        verbose_name=_("activity"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    officer = models.ForeignKey(
        Officer, verbose_name=_("officer"), on_delete=models.PROTECT, related_name="nominations"
    )
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    justification = models.TextField(_("justification"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=NominationStatus.choices,
        default=NominationStatus.NOMINATED,
        db_index=True,
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why the nomination was withdrawn or marked no-show.")
    )

    objects = NominationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "officer"], name="nomination_once_per_activity"
            )
        ]
        indexes = [
            models.Index(fields=["partner", "status"]),
            models.Index(fields=["partner", "-created_at"], name="nomination_partner_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.officer} → {self.activity.code}"

    def get_absolute_url(self) -> str:
        return url_for("nominations:detail", self.pk)


class Enrolment(models.Model):
    """The act of enrolling a nominee: who did it, and whether the vetting gate was overridden."""

    nomination = models.OneToOneField(
        Nomination, on_delete=models.PROTECT, related_name="enrolment"
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    enrolled_at = models.DateTimeField(auto_now_add=True)
    is_override = models.BooleanField(_("vetting gate overridden"), default=False, db_index=True)
    override_reason = models.TextField(_("override reason"), blank=True)
    gate_report = models.JSONField(
        default=dict, help_text=_("What the vetting gate found at the moment of enrolment.")
    )
    invitation_number = models.CharField(_("invitation number"), max_length=40, unique=True)

    class Meta:
        ordering = ["-enrolled_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_override=False) | ~Q(override_reason=""),
                name="override_needs_reason",
            )
        ]

    def __str__(self) -> str:
        return self.invitation_number
