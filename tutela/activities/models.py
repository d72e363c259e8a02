"""Activities (every delivery mode), their staff, and the seats allocated to partners."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from tutela.lib.urls import url_for


class Mode(models.TextChoices):
    ACADEMY_COURSE = "academy_course", _("Academy course")
    EXCHANGE_PLACEMENT = "exchange_placement", _("Exchange placement")
    CONSULTANT_MISSION = "consultant_mission", _("Consultant mission (mobile team abroad)")
    JOINT_EXERCISE = "joint_exercise", _("Joint exercise")
    ONLINE = "online", _("Online")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open for nominations")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


# Allowed status moves; everything else is refused by activities.actions.set_activity_status.
STATUS_FLOW: dict[str, set[str]] = {
    ActivityStatus.PLANNED: {ActivityStatus.OPEN, ActivityStatus.CANCELLED},
    ActivityStatus.OPEN: {ActivityStatus.RUNNING, ActivityStatus.PLANNED, ActivityStatus.CANCELLED},
    ActivityStatus.RUNNING: {ActivityStatus.COMPLETED, ActivityStatus.CANCELLED},
    ActivityStatus.COMPLETED: set(),
    ActivityStatus.CANCELLED: set(),
}


class ActivityQuerySet(models.QuerySet["Activity"]):
    def visible_to(self, user: object) -> "ActivityQuerySet":
        """Liaisons see activities open to their partner (seats allocated or requested) or
        already carrying their nominations; instructors and consultants see their own."""
        if getattr(user, "is_liaison", False):
            pid = getattr(user, "partner_id", None)
            from tutela.nominations.models import Nomination

            mine = Q(activity=OuterRef("pk"), partner_id=pid)
            return self.filter(
                Q(status=ActivityStatus.OPEN)
                | Exists(SeatAllocation.objects.filter(mine))
                | Exists(SeatRequest.objects.filter(mine))
                | Exists(Nomination.objects.filter(mine))
            )
        if getattr(user, "is_instructor", False) or getattr(user, "is_consultant", False):
            staffed = Activity.staff.through.objects.filter(
                activity_id=OuterRef("pk"), user_id=getattr(user, "pk", 0)
            )
            return self.filter(Q(director=user) | Exists(staffed))
        return self

    def open_for_nominations(self) -> "ActivityQuerySet":
        return self.filter(status=ActivityStatus.OPEN)

    def search(self, text: str) -> "ActivityQuerySet":
        if not text:
            return self
        return self.filter(
            Q(title__icontains=text)
            | Q(code__icontains=text)
            | Q(location__icontains=text)
            | Q(course_version__course__code__icontains=text)
        )


class Activity(models.Model):
    code = models.CharField(_("code"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=200)
    mode = models.CharField(_("delivery mode"), max_length=30, choices=Mode.choices, db_index=True)
    course_version = models.ForeignKey(
        "curriculum.CourseVersion",
        verbose_name=_("course version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        help_text=_("Required unless the activity is an exchange placement."),
    )
    starts_on = models.DateField(_("starts on"), db_index=True)
    ends_on = models.DateField(_("ends on"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    country = models.ForeignKey(
        "partners.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    host_institution = models.ForeignKey(
        "partners.HostInstitution",
        verbose_name=_("host institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
    )
    capacity = models.PositiveIntegerField(_("capacity"))
    languages = models.JSONField(_("languages"), default=list, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ActivityStatus.choices,
        default=ActivityStatus.PLANNED,
        db_index=True,
    )
    director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("course director"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="directed_activities",
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("instructors or consultants"),
        blank=True,
        related_name="staffed_activities",
    )
    seat_floor = models.PositiveIntegerField(
        _("seat floor"),
        default=0,
        help_text=_("Seats every requesting partner receives first (never more than it asked)."),
    )
    seat_cap = models.PositiveIntegerField(
        _("seat cap"),
        null=True,
        blank=True,
        help_text=_("Most seats any one partner may receive. Empty: no cap."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "code"]
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="activity_dates_in_order"
            ),
            models.CheckConstraint(
                condition=Q(mode="exchange_placement") | Q(course_version__isnull=False),
                name="activity_course_version_unless_exchange",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_on"])]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return url_for("activities:detail", self.pk)

    @property
    def is_abroad(self) -> bool:
        return self.mode == Mode.CONSULTANT_MISSION


class SeatRequest(models.Model):
    """How many seats a partner asked for on an activity."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="seat_requests")
    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, related_name="+")
    seats = models.PositiveIntegerField(_("seats requested"))
    requested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["partner__name"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "partner"], name="one_request_per_partner")
        ]

    def __str__(self) -> str:
        return f"{self.partner}: {self.seats}"


class SeatAllocation(models.Model):
    """Seats given to a partner by the published apportionment rule, with how it was reached."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="seat_allocations"
    )
    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, related_name="+")
    requested = models.PositiveIntegerField(_("requested"))
    seats = models.PositiveIntegerField(_("seats"))
    explanation = models.JSONField(default=dict)

    class Meta:
        ordering = ["-seats", "partner__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "partner"], name="one_allocation_per_partner"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner}: {self.seats}"
