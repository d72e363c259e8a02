"""Courses, their versions (the unit of review) and modules."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Topic(models.Model):
    """A topic tag on modules. Seeded by migration; later rules attach review duties to topics."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# (code, English name) — the migration seeds these; names are translated in templates.
TOPICS: list[tuple[str, str]] = [
    ("public-security-strategy", "Public security strategy"),
    ("cybersecurity", "Cybersecurity"),
    ("surveillance-technology", "Surveillance technology"),
    ("crowd-management", "Crowd management"),
    ("emergency-response", "Emergency response"),
    ("legal-frameworks-urban-governance", "Legal frameworks for urban governance"),
    ("counter-terrorism", "Counter-terrorism"),
    ("transnational-crime", "Transnational crime"),
    ("community-policing", "Community policing"),
    ("use-of-force", "Use of force"),
    ("human-rights", "Human rights"),
    ("crime-prevention", "Crime prevention"),
    ("interrogation", "Interviewing and interrogation"),
    ("detention", "Detention"),
    ("forensics", "Forensics and investigation"),
]


class CourseQuerySet(models.QuerySet["Course"]):
    def search(self, text: str) -> "CourseQuerySet":
        if not text:
            return self
        return self.filter(Q(title__icontains=text) | Q(code__icontains=text))


class Course(models.Model):
    code = models.CharField(_("code"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("curriculum:course_detail", args=[self.pk])


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    RETIRED = "retired", _("Retired")


class CourseVersionQuerySet(models.QuerySet["CourseVersion"]):
    def approved(self) -> "CourseVersionQuerySet":
        return self.filter(status=VersionStatus.APPROVED)

    def in_review(self) -> "CourseVersionQuerySet":
        return self.filter(status=VersionStatus.IN_REVIEW)

    def with_hours(self) -> "CourseVersionQuerySet":
        return self.annotate(total_hours=Sum("modules__hours"))


class CourseVersion(models.Model):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=VersionStatus.choices,
        default=VersionStatus.DRAFT,
        db_index=True,
    )
    summary = models.TextField(_("summary"), blank=True)
    learning_outcomes = models.TextField(_("learning outcomes"), blank=True)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("Language codes, e.g. en, fr, ar.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    retired_at = models.DateTimeField(null=True, blank=True)

    objects = CourseVersionQuerySet.as_manager()

    class Meta:
        ordering = ["course__code", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["course", "number"], name="version_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.course.code} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("curriculum:version_detail", args=[self.pk])

    @property
    def is_approved(self) -> bool:
        return self.status == VersionStatus.APPROVED

    @property
    def is_editable(self) -> bool:
        return self.status == VersionStatus.DRAFT

    def hours(self) -> Decimal:
        return sum((m.hours for m in self.modules.all()), Decimal(0))


class Module(models.Model):
    version = models.ForeignKey(CourseVersion, on_delete=models.CASCADE, related_name="modules")
    order = models.PositiveIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=200)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    learning_outcomes = models.TextField(_("learning outcomes"))
    methods = models.TextField(_("methods"), blank=True)
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="modules"
    )

    class Meta:
        ordering = ["version", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="module_hours_positive")
        ]

    def __str__(self) -> str:
        return self.title


class ReviewOutcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")


class Review(models.Model):
    """A reviewer's decision on a course version submitted for review."""

    version = models.ForeignKey(CourseVersion, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=ReviewOutcome.choices)
    comments = models.TextField(_("comments"))
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"{self.version}: {self.get_outcome_display()}"
