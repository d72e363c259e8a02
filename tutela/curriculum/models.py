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
    REJECTED = "rejected", _("Rejected")
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

    def high_risk_topics(self) -> list["Topic"]:
        """The high-risk topics any of the version's modules is tagged with."""
        return list(
            Topic.objects.filter(modules__version=self, code__in=HIGH_RISK_TOPICS)
            .distinct()
            .order_by("name")
        )

    def approvals_needed(self) -> int:
        """Two different reviewers must approve a version tagged with a high-risk topic."""
        return 2 if self.high_risk_topics() else 1

    def current_approvers(self) -> list[int]:
        """Ids of the reviewers who approved the version since it was last submitted."""
        reviews = self.reviews.filter(outcome=ReviewOutcome.APPROVED)
        if self.submitted_at is not None:
            reviews = reviews.filter(decided_at__gte=self.submitted_at)
        return sorted(set(reviews.values_list("reviewer_id", flat=True)))

    def review_is_complete(self) -> bool:
        """Approved, by as many different reviewers as its topics need."""
        return self.is_approved and len(self.current_approvers()) >= self.approvals_needed()

    def previous_approved(self) -> "CourseVersion | None":
        """The latest earlier version of the course that was approved (it may be retired since)."""
        return (
            CourseVersion.objects.filter(
                course_id=self.course_id, number__lt=self.number, approved_at__isnull=False
            )
            .order_by("-number")
            .first()
        )


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
    derived_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The module of the earlier version this one was copied from."),
    )

    class Meta:
        ordering = ["version", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="module_hours_positive")
        ]

    def __str__(self) -> str:
        return self.title


# Topics whose modules need two different reviewers and must meet the topic rules.
HIGH_RISK_TOPICS = (
    "use-of-force",
    "crowd-management",
    "interrogation",
    "detention",
    "surveillance-technology",
    "counter-terrorism",
)


class ReviewOutcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    REJECTED = "rejected", _("Rejected")


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


class ReviewAssignment(models.Model):
    """A curriculum reviewer assigned by the secretariat to review a course version."""

    version = models.ForeignKey(CourseVersion, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assigned_at"]
        constraints = [
            models.UniqueConstraint(fields=["version", "reviewer"], name="assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.version}: {self.reviewer}"


class ModuleComment(models.Model):
    """A reviewer's (or author's) comment on one module of a version."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.module}: {self.text[:40]}"


# --- The standards catalogue ----------------------------------------------------------------


class LegalNature(models.TextChoices):
    TREATY = "treaty", _("Treaty")
    SOFT_LAW_UN = "soft-law-UN", _("UN soft law")
    SOFT_LAW_REGIONAL = "soft-law-regional", _("Regional soft law")
    EXPERT_PRINCIPLES = "expert-principles", _("Expert principles")
    NATIONAL_LAW = "national-law", _("National law")
    GUIDANCE = "guidance", _("Guidance")


class Standard(models.Model):
    """An international instrument. Codes are stable and never reused; a new version of an
    instrument is a new row of the same family that supersedes the old one, whose provisions
    stay (and stay linked)."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    family = models.CharField(_("family"), max_length=40, db_index=True)
    version = models.CharField(_("version"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    issuer = models.CharField(_("issuer"), max_length=300, blank=True)
    adopted = models.DateField(_("adopted"), null=True, blank=True)
    legal_nature = models.CharField(_("legal nature"), max_length=20, choices=LegalNature.choices)
    url = models.URLField(_("official text"), max_length=300)
    superseded_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="supersedes"
    )
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code

    @property
    def is_current(self) -> bool:
        return self.superseded_by_id is None


class ProvisionQuerySet(models.QuerySet["Provision"]):
    def current(self) -> "ProvisionQuerySet":
        """Provisions of instruments no newer version supersedes."""
        return self.filter(standard__superseded_by__isnull=True)


class Provision(models.Model):
    """An article, principle or section of a standard: `<standard code>:<key>`."""

    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="provisions")
    code = models.CharField(_("code"), max_length=60, unique=True)
    key = models.CharField(_("key"), max_length=20)
    lineage = models.CharField(
        max_length=60,
        db_index=True,
        help_text=_("Family and key: the same provision across versions of an instrument."),
    )
    heading = models.CharField(_("heading"), max_length=200, blank=True)
    summary = models.TextField(_("summary"))

    objects = ProvisionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code

    @property
    def url(self) -> str:
        return self.standard.url


class TopicRule(models.Model):
    """A module tagged with the topic must link at least one of the rule's provisions (or the
    same provision of another version of its instrument)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="rules")
    requirement = models.CharField(_("requirement"), max_length=200)
    provision_codes = models.JSONField(_("provisions"), default=list)
    lineages = models.JSONField(default=list)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["topic__name", "order"]

    def __str__(self) -> str:
        return f"{self.topic.code}: {self.requirement}"


class ModuleProvisionLink(models.Model):
    """A module teaches a provision; `how` says how it covers it."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="links")
    provision = models.ForeignKey(Provision, on_delete=models.PROTECT, related_name="links")
    how = models.TextField(_("how the module covers it"))
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["provision__code"]
        constraints = [models.UniqueConstraint(fields=["module", "provision"], name="link_unique")]

    def __str__(self) -> str:
        return f"{self.module} → {self.provision}"
