"""Learning records: attendance per day, pre- and post-test scores, completion rules per course
version, and the evaluation surveys (Kirkpatrick levels 1, 3 and 4) with their answers.

Rows here point at other apps' rows (nominations, course versions) and never add fields to them:
`CompletionRule` is one-to-one with `curriculum.CourseVersion`, `Supervisor` with
`nominations.Officer`.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

SHARE = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))]
SCORE = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class CompletionRule(models.Model):
    """What a trainee must reach to complete an activity of this course version."""

    course_version = models.OneToOneField(
        "curriculum.CourseVersion", on_delete=models.CASCADE, related_name="completion_rule"
    )
    min_attendance = models.DecimalField(
        _("minimum attendance share"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.8"),
        validators=SHARE,
        help_text=_("Share of the activity's days attended, from 0 to 1 (0.8 = 80 %)."),
    )
    min_post_score = models.DecimalField(
        _("minimum post-test score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=SCORE,
        help_text=_("Out of 100. Empty: no post-test is required."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(min_attendance__gte=0, min_attendance__lte=1),
                name="completion_rule_share_range",
            ),
            models.CheckConstraint(
                condition=Q(min_post_score__isnull=True)
                | Q(min_post_score__gte=0, min_post_score__lte=100),
                name="completion_rule_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course_version}: ≥ {self.min_attendance:.0%}"


class AttendanceSource(models.TextChoices):
    ROSTER = "roster", _("Roster page")
    CHECK_IN = "check_in", _("Self check-in (QR code)")
    PAPER = "paper", _("Paper roster upload")


class Attendance(models.Model):
    """Whether one enrolled trainee attended one day of an activity."""

    nomination = models.ForeignKey(
        "nominations.Nomination", on_delete=models.CASCADE, related_name="attendance"
    )
    day = models.DateField(_("day"))
    present = models.BooleanField(_("present"), default=True)
    source = models.CharField(_("source"), max_length=20, choices=AttendanceSource.choices)
    recorded_at = models.DateTimeField(auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["nomination", "day"], name="attendance_once_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.nomination_id} {self.day}: {'present' if self.present else 'absent'}"


class TestKind(models.TextChoices):
    PRE = "pre", _("Pre-test")
    POST = "post", _("Post-test")


class Score(models.Model):
    """A trainee's pre- or post-test score, out of 100."""

    nomination = models.ForeignKey(
        "nominations.Nomination", on_delete=models.CASCADE, related_name="scores"
    )
    kind = models.CharField(_("test"), max_length=4, choices=TestKind.choices)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, validators=SCORE)
    recorded_at = models.DateTimeField(auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["nomination", "kind"], name="score_once_per_test"),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=100), name="score_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nomination_id} {self.kind}: {self.score}"


class Supervisor(models.Model):
    """The officer's line manager, asked about use on the job in the follow-up surveys."""

    officer = models.OneToOneField(
        "nominations.Officer", on_delete=models.CASCADE, related_name="supervisor"
    )
    name = models.CharField(_("supervisor's name"), max_length=200)
    email = models.EmailField(_("supervisor's email"))
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.name


# --- Evaluation surveys -----------------------------------------------------------------------


class Instrument(models.TextChoices):
    """The three surveys; their questions are in tutela/learning/surveys.py."""

    REACTION = "reaction", _("End-of-course reaction (level 1)")
    FOLLOW_UP_3 = "follow_up_3", _("Follow-up after 3 months (levels 3 and 4)")
    FOLLOW_UP_6 = "follow_up_6", _("Follow-up after 6 months (levels 3 and 4)")


class Respondent(models.TextChoices):
    ALUMNUS = "alumnus", _("Alumnus")
    SUPERVISOR = "supervisor", _("Supervisor")


class SurveyInvitationQuerySet(models.QuerySet["SurveyInvitation"]):
    def visible_to(self, user: object) -> "SurveyInvitationQuerySet":
        from tutela.nominations.models import Nomination

        return self.filter(nomination__in=Nomination.objects.visible_to(user).values("pk"))

    def answered(self) -> "SurveyInvitationQuerySet":
        return self.filter(answered_at__isnull=False)

    def sent(self) -> "SurveyInvitationQuerySet":
        return self.filter(sent_at__isnull=False)

    def due(self, day: dt.date) -> "SurveyInvitationQuerySet":
        """Not yet sent, due on or before `day`, still open, with somewhere to send it."""
        return self.filter(
            sent_at__isnull=True, due_on__lte=day, closes_on__gte=day, answered_at__isnull=True
        ).exclude(email="")


class SurveyInvitation(models.Model):
    """One survey to one person about one nomination, answered through a tokenised link."""

    nomination = models.ForeignKey(
        "nominations.Nomination", on_delete=models.CASCADE, related_name="survey_invitations"
    )
    instrument = models.CharField(_("survey"), max_length=20, choices=Instrument.choices)
    respondent = models.CharField(_("respondent"), max_length=20, choices=Respondent.choices)
    email = models.EmailField(_("email"), blank=True)
    due_on = models.DateField(_("due on"), db_index=True)
    closes_on = models.DateField(_("closes on"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SurveyInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "instrument", "respondent"], name="survey_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_instrument_display()} · {self.get_respondent_display()}"


class SurveyResponse(models.Model):
    """The answers to one invitation. `answers` maps question codes (surveys.py) to values."""

    invitation = models.OneToOneField(
        SurveyInvitation, on_delete=models.CASCADE, related_name="response"
    )
    answers = models.JSONField(default=dict)
    submitted_at = models.DateTimeField()
    days_after_course_end = models.IntegerField()

    def __str__(self) -> str:
        return f"response to {self.invitation_id}"


class CheckInFailure(models.Model):
    """A self check-in that matched no enrolment. Counted to refuse guessing: per client (a
    keyed hash of the address, not the address) and per invitation number. Kept in the database
    so that every web process sees the same counts."""

    activity = models.ForeignKey("activities.Activity", on_delete=models.CASCADE, related_name="+")
    client = models.CharField(max_length=64, db_index=True)
    invitation_number = models.CharField(max_length=40)
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["activity", "invitation_number", "at"])]

    def __str__(self) -> str:
        return f"{self.activity_id} {self.at:%Y-%m-%d %H:%M}"
