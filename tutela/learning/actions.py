"""Every change to learning records: attendance, scores, completion rules and their application,
supervisors, and the evaluation surveys (scheduling, sending, answering)."""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tutela.accounts.models import User
from tutela.activities.models import Activity, ActivityStatus
from tutela.audit.actions import record_event
from tutela.curriculum.models import CourseVersion
from tutela.learning.models import (
    Attendance,
    AttendanceSource,
    CheckInFailure,
    CompletionRule,
    Instrument,
    Respondent,
    Score,
    Supervisor,
    SurveyInvitation,
    SurveyResponse,
    TestKind,
)
from tutela.learning.surveys import clean_answers, questions_for
from tutela.lib.errors import ActionError, Conflict, GateClosed, NotAllowed
from tutela.lib.tabular import TableRow
from tutela.nominations.actions import RowError, complete_nomination
from tutela.nominations.models import Nomination, NominationStatus, Officer

TRAINEE_STATES = (NominationStatus.ENROLLED, NominationStatus.COMPLETED)
CHECK_IN_SALT = "tutela.learning.check_in"
CHECK_IN_MAX_AGE = 6 * 3600  # a QR code shown in the morning still works after lunch
CHECK_IN_MAX_FAILURES = 10  # per client per 15 minutes, and per invitation number per day
SURVEY_SALT = "tutela.learning.survey"
SURVEY_OPEN_DAYS = 30  # an invitation can be answered for this long after it is due
REMINDER_AFTER_DAYS = 7
MAX_REMINDERS = 2
FOLLOW_UPS = ((Instrument.FOLLOW_UP_3, 91), (Instrument.FOLLOW_UP_6, 182))


# --- Who may record -------------------------------------------------------------------------


def is_activity_staff(user: User, activity: Activity) -> bool:
    """The course director or an instructor/consultant assigned to the activity."""
    if not (user.is_instructor or user.is_consultant):
        return False
    return activity.director_id == user.pk or activity.staff.filter(pk=user.pk).exists()


def may_record_learning(user: User, activity: Activity) -> bool:
    return user.is_secretariat or is_activity_staff(user, activity)


def _check_may_record(by: User, activity: Activity) -> None:
    if not may_record_learning(by, activity):
        raise NotAllowed(
            _("Only the activity's course director, its staff or the secretariat record this.")
        )


def _check_running(activity: Activity) -> None:
    if activity.status not in {ActivityStatus.RUNNING, ActivityStatus.COMPLETED}:
        raise GateClosed(
            _("%(activity)s is %(status)s: attendance and scores are recorded once it runs.")
            % {"activity": activity.code, "status": activity.get_status_display()}
        )


def activity_days(activity: Activity) -> list[dt.date]:
    span = (activity.ends_on - activity.starts_on).days
    return [activity.starts_on + dt.timedelta(days=i) for i in range(span + 1)]


def trainees(activity: Activity) -> QuerySet[Nomination]:
    """The enrolled (or already completed) nominations of an activity."""
    return (
        Nomination.objects.filter(activity=activity, status__in=TRAINEE_STATES)
        .select_related("officer", "enrolment")
        .order_by("officer__name_latin", "pk")
    )


# --- Completion rules -----------------------------------------------------------------------


@transaction.atomic
def set_completion_rule(
    version: CourseVersion,
    *,
    min_attendance: Decimal,
    min_post_score: Decimal | None,
    by: User,
) -> CompletionRule:
    """Set what a trainee must reach to complete an activity of this course version."""
    if not by.is_secretariat:
        raise NotAllowed(_("Only the secretariat sets completion rules."))
    if not Decimal("0") <= min_attendance <= Decimal("1"):
        raise ActionError(
            _("The attendance share is between 0 and 1 (0.8 = 80 %)."), field="min_attendance"
        )
    if min_post_score is not None and not Decimal("0") <= min_post_score <= Decimal("100"):
        raise ActionError(_("A score is between 0 and 100."), field="min_post_score")
    rule, _created = CompletionRule.objects.update_or_create(
        course_version=version,
        defaults={
            "min_attendance": min_attendance,
            "min_post_score": min_post_score,
            "updated_by": by,
        },
    )
    record_event(
        by,
        "completion_rule.set",
        rule,
        {
            "course_version": version.pk,
            "min_attendance": str(min_attendance),
            "min_post_score": None if min_post_score is None else str(min_post_score),
        },
    )
    return rule


# --- Attendance -----------------------------------------------------------------------------


def _check_day(activity: Activity, day: dt.date) -> None:
    if not activity.starts_on <= day <= activity.ends_on:
        raise ActionError(
            _("%(day)s is not a day of %(activity)s (%(start)s to %(end)s).")
            % {
                "day": day.isoformat(),
                "activity": activity.code,
                "start": activity.starts_on.isoformat(),
                "end": activity.ends_on.isoformat(),
            },
            field="day",
        )
    if day > timezone.localdate():
        raise ActionError(_("Attendance is recorded on the day or afterwards."), field="day")


@transaction.atomic
def record_attendance(activity: Activity, day: dt.date, present: Iterable[int], *, by: User) -> int:
    """The roster page: mark every trainee of the activity present (their nomination id is in
    `present`) or absent on `day`. Returns the number of trainees present."""
    _check_may_record(by, activity)
    _check_running(activity)
    _check_day(activity, day)
    present_ids = set(present)
    ids = list(trainees(activity).values_list("pk", flat=True))
    unknown = present_ids - set(ids)
    if unknown:
        raise ActionError(_("Some of the people marked present are not trainees of this activity."))
    existing = {
        a.nomination_id: a for a in Attendance.objects.filter(nomination_id__in=ids, day=day)
    }
    new, changed = [], []
    for pk in ids:
        row = existing.get(pk)
        if row is None:
            new.append(
                Attendance(
                    nomination_id=pk,
                    day=day,
                    present=pk in present_ids,
                    source=AttendanceSource.ROSTER,
                    recorded_by=by,
                )
            )
        elif row.present != (pk in present_ids):
            row.present = pk in present_ids
            row.source = AttendanceSource.ROSTER
            row.recorded_by = by
            changed.append(row)
    Attendance.objects.bulk_create(new)
    Attendance.objects.bulk_update(changed, ["present", "source", "recorded_by", "recorded_at"])
    record_event(
        by,
        "attendance.recorded",
        activity,
        {"day": day.isoformat(), "present": sorted(present_ids), "trainees": len(ids)},
    )
    return len(present_ids)


def check_in_token(activity: Activity, day: dt.date) -> str:
    """The signed token of the QR code shown in the room on `day`."""
    return signing.dumps({"a": activity.pk, "d": day.isoformat()}, salt=CHECK_IN_SALT)


def read_check_in_token(token: str) -> tuple[Activity, dt.date]:
    """The activity and day a check-in token is for; Conflict if it is forged, expired or not
    for today."""
    try:
        data = signing.loads(token, salt=CHECK_IN_SALT, max_age=CHECK_IN_MAX_AGE)
        activity = Activity.objects.get(pk=int(data["a"]))
        day = dt.date.fromisoformat(str(data["d"]))
    except signing.SignatureExpired as exc:
        raise Conflict(_("This check-in code has expired. Scan the code shown today.")) from exc
    except (signing.BadSignature, KeyError, ValueError, TypeError, Activity.DoesNotExist) as exc:
        raise Conflict(_("This check-in link is not valid.")) from exc
    if day != timezone.localdate():
        raise Conflict(_("This check-in code is for %(day)s.") % {"day": day.isoformat()})
    return activity, day


def _client_key(client: str) -> str:
    return salted_hmac(CHECK_IN_SALT, client or "unknown", algorithm="sha256").hexdigest()


def check_in(
    token: str, *, invitation_number: str, birth_date: dt.date, client: str = ""
) -> Nomination:
    """Self check-in from the QR code in the room. The officer identifies themselves with their
    invitation number and birth date; both must match an enrolment on that activity. A wrong
    pair says no more than that. To stop guessing, a client is refused after
    CHECK_IN_MAX_FAILURES wrong pairs in 15 minutes, and an invitation number after
    CHECK_IN_MAX_FAILURES wrong birth dates on the day (the director can still mark the person
    present). Failures are written in their own transaction, so the refusal does not undo them."""
    activity, day = read_check_in_token(token)
    if activity.status != ActivityStatus.RUNNING:
        raise GateClosed(_("%(activity)s is not running.") % {"activity": activity.code})
    number = invitation_number.strip().upper()[:40]
    client_key = _client_key(client)
    now = timezone.now()
    failures = CheckInFailure.objects.filter(activity=activity)
    by_client = failures.filter(client=client_key, at__gte=now - dt.timedelta(minutes=15))
    start_of_day = dt.datetime.combine(day, dt.time(0), tzinfo=timezone.get_current_timezone())
    by_number = failures.filter(invitation_number=number, at__gte=start_of_day)
    if by_client.count() >= CHECK_IN_MAX_FAILURES or by_number.count() >= CHECK_IN_MAX_FAILURES:
        raise Conflict(_("Too many attempts. Ask the course director to mark you present."))
    nomination = (
        Nomination.objects.filter(
            activity=activity,
            status=NominationStatus.ENROLLED,
            enrolment__invitation_number__iexact=number,
            officer__birth_date=birth_date,
        )
        .select_related("officer")
        .first()
    )
    if nomination is None:
        CheckInFailure.objects.create(
            activity=activity, client=client_key, invitation_number=number, at=now
        )
        raise ActionError(
            _(
                "No enrolment on this activity matches that invitation number and birth date. "
                "Check both against your invitation letter."
            ),
            field="invitation_number",
        )
    with transaction.atomic():
        Attendance.objects.update_or_create(
            nomination=nomination,
            day=day,
            defaults={"present": True, "source": AttendanceSource.CHECK_IN, "recorded_by": None},
        )
        record_event(None, "attendance.checked_in", nomination, {"day": day.isoformat()})
    return nomination


# --- Scores ---------------------------------------------------------------------------------


def parse_score(value: object) -> Decimal | None:
    """A score cell or form value: empty → None; else a number from 0 to 100 (ValueError)."""
    if value is None:
        return None
    text = str(value).strip().replace(",", ".").removesuffix("%").strip()
    if text == "":
        return None
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": value}) from exc
    if not number.is_finite() or not Decimal("0") <= number <= Decimal("100"):
        raise ValueError(_("A score is between 0 and 100."))
    return number.quantize(Decimal("0.01"))


def _write_scores(scores: Mapping[int, Mapping[str, Decimal | None]], by: User | None) -> int:
    """Upsert scores; a None removes that test's score. Returns rows written or removed."""
    existing = {
        (s.nomination_id, s.kind): s for s in Score.objects.filter(nomination_id__in=scores)
    }
    new, changed, gone = [], [], []
    for pk, by_kind in scores.items():
        for kind, value in by_kind.items():
            row = existing.get((pk, kind))
            if value is None:
                if row is not None:
                    gone.append(row.pk)
            elif row is None:
                new.append(Score(nomination_id=pk, kind=kind, score=value, recorded_by=by))
            elif row.score != value:
                row.score, row.recorded_by = value, by
                changed.append(row)
    Score.objects.bulk_create(new)
    Score.objects.bulk_update(changed, ["score", "recorded_by", "recorded_at"])
    Score.objects.filter(pk__in=gone).delete()
    return len(new) + len(changed) + len(gone)


@transaction.atomic
def record_scores(
    activity: Activity, scores: Mapping[int, Mapping[str, Decimal | None]], *, by: User
) -> int:
    """Enter pre- and post-test scores: {nomination id: {"pre": 62, "post": 81}}. A None removes
    a score entered by mistake. Returns the number of scores written or removed."""
    _check_may_record(by, activity)
    _check_running(activity)
    ids = set(trainees(activity).values_list("pk", flat=True))
    if set(scores) - ids:
        raise ActionError(_("Scores can be entered only for trainees of this activity."))
    for by_kind in scores.values():
        for kind, value in by_kind.items():
            if kind not in TestKind.values:
                raise ActionError(_("Unknown test “%(kind)s”.") % {"kind": kind})
            if value is not None and not Decimal("0") <= value <= Decimal("100"):
                raise ActionError(_("A score is between 0 and 100."), field=kind)
    written = _write_scores(scores, by)
    record_event(
        by,
        "scores.recorded",
        activity,
        {
            "scores": {
                str(pk): {k: None if v is None else str(v) for k, v in s.items()}
                for pk, s in scores.items()
            }
        },
    )
    return written


# --- The paper roster -----------------------------------------------------------------------

PAPER_COLUMNS = ("invitation_number", "day", "present")
PAPER_OPTIONAL_COLUMNS = ("pre_score", "post_score")
_YES = {"yes", "y", "1", "x", "present", "true", "oui", "sí", "si", "p"}
_NO = {"no", "n", "0", "absent", "false", "non", "a", ""}


class PaperRosterInvalid(ActionError):
    """The paper roster has errors; nothing was recorded. `errors` lists them all."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(
            ngettext(
                "The roster has %(n)d error; nothing was recorded.",
                "The roster has %(n)d errors; nothing was recorded.",
                len(errors),
            )
            % {"n": len(errors)},
            field="file",
        )
        self.errors = errors


def _present(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value)
        raise ValueError
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError


@dataclass
class PaperResult:
    attendance: int = 0
    scores: int = 0


@transaction.atomic
def import_attendance(activity: Activity, rows: Sequence[TableRow], *, by: User) -> PaperResult:
    """Record a scanned or typed paper roster: one row per trainee and day (invitation number,
    day, present, and optionally the pre- and post-test scores). All or nothing: every row is
    checked first, and if any is wrong PaperRosterInvalid lists each error (row, column, reason)
    and nothing is written."""
    from tutela.nominations.actions import _cell_date, _cell_text

    _check_may_record(by, activity)
    _check_running(activity)
    if not rows:
        raise ActionError(_("The roster has no rows."), field="file")
    by_number = {n.enrolment.invitation_number.upper(): n for n in trainees(activity)}
    today = timezone.localdate()
    errors: list[RowError] = []
    marks: dict[tuple[int, dt.date], tuple[bool, int]] = {}
    scores: dict[int, dict[str, Decimal | None]] = {}
    score_rows: dict[tuple[int, str], int] = {}
    for row in rows:
        before = len(errors)

        def fail(column: str, reason: str, row: TableRow = row) -> None:
            errors.append(RowError(row.number, column, reason))

        number = _cell_text(row.get("invitation_number")).upper()
        nomination = by_number.get(number)
        if not number:
            fail("invitation_number", _("This cell is empty."))
        elif nomination is None:
            fail(
                "invitation_number",
                _("No trainee of %(activity)s has the invitation number “%(value)s”.")
                % {"activity": activity.code, "value": number},
            )
        day: dt.date | None = None
        if _cell_text(row.get("day")) == "":
            fail("day", _("This cell is empty."))
        else:
            try:
                day = _cell_date(row.get("day"))
            except ValueError as exc:
                fail("day", str(exc))
            else:
                if not activity.starts_on <= day <= activity.ends_on:
                    fail(
                        "day",
                        _("%(day)s is not a day of the activity (%(start)s to %(end)s).")
                        % {
                            "day": day.isoformat(),
                            "start": activity.starts_on.isoformat(),
                            "end": activity.ends_on.isoformat(),
                        },
                    )
                elif day > today:
                    fail("day", _("This day has not come yet."))
        try:
            present = _present(row.get("present"))
        except ValueError:
            present = False
            fail(
                "present",
                _("“%(value)s” is neither present (yes, x, 1) nor absent (no, empty, 0).")
                % {"value": _cell_text(row.get("present"))},
            )
        row_scores: dict[str, Decimal | None] = {}
        for column, kind in (("pre_score", "pre"), ("post_score", "post")):
            try:
                value = parse_score(row.get(column))
            except ValueError as exc:
                fail(column, str(exc))
            else:
                if value is not None:
                    row_scores[kind] = value
        if len(errors) > before or nomination is None or day is None:
            continue
        key = (nomination.pk, day)
        if key in marks:
            fail(
                "day",
                _("This trainee and day are already in row %(row)d.") % {"row": marks[key][1]},
            )
            continue
        marks[key] = (present, row.number)
        for test, value in row_scores.items():
            earlier = score_rows.get((nomination.pk, test))
            if earlier is not None and scores[nomination.pk][test] != value:
                fail(
                    f"{test}_score",
                    _("A different score for this trainee is in row %(row)d.") % {"row": earlier},
                )
                continue
            scores.setdefault(nomination.pk, {})[test] = value
            score_rows[(nomination.pk, test)] = row.number
    if errors:
        raise PaperRosterInvalid(sorted(errors, key=lambda e: (e.row, e.column)))

    existing = {
        (a.nomination_id, a.day): a
        for a in Attendance.objects.filter(nomination__activity=activity)
    }
    new, changed = [], []
    for (pk, day), (present, _row) in marks.items():
        row_obj = existing.get((pk, day))
        if row_obj is None:
            new.append(
                Attendance(
                    nomination_id=pk,
                    day=day,
                    present=present,
                    source=AttendanceSource.PAPER,
                    recorded_by=by,
                )
            )
        else:
            row_obj.present, row_obj.source, row_obj.recorded_by = (
                present,
                AttendanceSource.PAPER,
                by,
            )
            changed.append(row_obj)
    Attendance.objects.bulk_create(new)
    Attendance.objects.bulk_update(changed, ["present", "source", "recorded_by", "recorded_at"])
    written = _write_scores(scores, by)
    record_event(
        by,
        "attendance.imported",
        activity,
        {"rows": len(rows), "attendance": len(marks), "scores": written},
    )
    return PaperResult(attendance=len(marks), scores=written)


# --- Applying the completion rules ----------------------------------------------------------


@dataclass
class TraineeOutcome:
    nomination: Nomination
    days_present: int
    share: float
    post_score: Decimal | None
    qualifies: bool
    reasons: list[str] = field(default_factory=list)
    completed_now: bool = False


def assess_trainees(activity: Activity, rule: CompletionRule) -> list[TraineeOutcome]:
    """How every trainee of the activity stands against the rule (no change is made)."""
    days = len(activity_days(activity))
    people = list(trainees(activity))
    present: dict[int, int] = {}
    for pk in Attendance.objects.filter(
        nomination__in=people, present=True, day__gte=activity.starts_on, day__lte=activity.ends_on
    ).values_list("nomination_id", flat=True):
        present[pk] = present.get(pk, 0) + 1
    posts = dict(
        Score.objects.filter(nomination__in=people, kind=TestKind.POST).values_list(
            "nomination_id", "score"
        )
    )
    outcomes = []
    for nomination in people:
        count = present.get(nomination.pk, 0)
        share = count / days if days else 0.0
        post = posts.get(nomination.pk)
        reasons = []
        if Decimal(str(round(share, 4))) < rule.min_attendance:
            reasons.append(
                _("attended %(share).0f %% of days, below %(min).0f %%")
                % {"share": share * 100, "min": rule.min_attendance * 100}
            )
        if rule.min_post_score is not None:
            if post is None:
                reasons.append(_("no post-test score"))
            elif post < rule.min_post_score:
                reasons.append(
                    _("post-test %(score)s, below %(min)s")
                    % {"score": post, "min": rule.min_post_score}
                )
        outcomes.append(
            TraineeOutcome(nomination, count, share, post, qualifies=not reasons, reasons=reasons)
        )
    return outcomes


@transaction.atomic
def apply_completion_rules(activity: Activity, *, by: User) -> list[TraineeOutcome]:
    """Complete every enrolled trainee who meets the course version's completion rule (through
    nominations.actions.complete_nomination, so completion counts towards the pledges), and
    schedule the evaluation surveys: the reaction survey for every trainee, the 3- and 6-month
    follow-ups for those who completed and their supervisors."""
    _check_may_record(by, activity)
    if activity.status not in {ActivityStatus.RUNNING, ActivityStatus.COMPLETED}:
        raise Conflict(_("%(activity)s has not started running yet.") % {"activity": activity.code})
    if timezone.localdate() < activity.ends_on:
        raise GateClosed(
            _(
                "%(activity)s runs until %(end)s; apply the completion rule on its last day "
                "or after."
            )
            % {"activity": activity.code, "end": activity.ends_on.isoformat()}
        )
    if activity.course_version_id is None:
        raise GateClosed(_("An activity without a course version has no completion rule."))
    rule = CompletionRule.objects.filter(course_version_id=activity.course_version_id).first()
    if rule is None:
        raise GateClosed(
            _("%(version)s has no completion rule yet; the secretariat sets one first.")
            % {"version": activity.course_version}
        )
    outcomes = assess_trainees(activity, rule)
    for outcome in outcomes:
        if outcome.qualifies and outcome.nomination.status == NominationStatus.ENROLLED:
            outcome.nomination = complete_nomination(outcome.nomination, by=by)
            outcome.completed_now = True
    invitations = schedule_surveys(activity, [o.nomination for o in outcomes])
    record_event(
        by,
        "completion_rules.applied",
        activity,
        {
            "rule": {
                "min_attendance": str(rule.min_attendance),
                "min_post_score": None if rule.min_post_score is None else str(rule.min_post_score),
            },
            "completed": [o.nomination.pk for o in outcomes if o.completed_now],
            "not_qualified": {str(o.nomination.pk): o.reasons for o in outcomes if not o.qualifies},
            "surveys_scheduled": len(invitations),
        },
    )
    return outcomes


# --- Evaluation surveys ---------------------------------------------------------------------


def schedule_surveys(
    activity: Activity, nominations: Iterable[Nomination]
) -> list[SurveyInvitation]:
    """Create the invitations not yet created (idempotent). Those already due are sent once the
    transaction commits."""
    end = activity.ends_on
    # The reaction survey goes out at the end, or now if the rule is applied later.
    reaction_due = max(end, timezone.localdate())
    wanted: list[SurveyInvitation] = []
    nominations = list(nominations)
    supervisors = {
        s.officer_id: s
        for s in Supervisor.objects.filter(officer__in=[n.officer_id for n in nominations])
    }
    for nomination in nominations:
        email = nomination.officer.email
        wanted.append(
            _invitation(nomination, Instrument.REACTION, Respondent.ALUMNUS, email, reaction_due)
        )
        if nomination.status != NominationStatus.COMPLETED:
            continue
        supervisor = supervisors.get(nomination.officer_id)
        for instrument, days in FOLLOW_UPS:
            due = end + dt.timedelta(days=days)
            wanted.append(_invitation(nomination, instrument, Respondent.ALUMNUS, email, due))
            if supervisor is not None:
                wanted.append(
                    _invitation(
                        nomination, instrument, Respondent.SUPERVISOR, supervisor.email, due
                    )
                )
    created = SurveyInvitation.objects.bulk_create(wanted, ignore_conflicts=True)
    _send_due_on_commit()
    return created


def _invitation(
    nomination: Nomination, instrument: str, respondent: str, email: str, due: dt.date
) -> SurveyInvitation:
    return SurveyInvitation(
        nomination=nomination,
        instrument=instrument,
        respondent=respondent,
        email=email,
        due_on=due,
        closes_on=due + dt.timedelta(days=SURVEY_OPEN_DAYS),
    )


def _send_due_on_commit() -> None:
    def enqueue() -> None:
        from tutela.learning.tasks import send_survey

        for pk in SurveyInvitation.objects.due(timezone.localdate()).values_list("pk", flat=True):
            send_survey.enqueue(invitation_id=pk)

    transaction.on_commit(enqueue)


@transaction.atomic
def set_supervisor(officer: Officer, *, name: str, email: str, by: User) -> Supervisor:
    """Record the officer's supervisor, who is asked in the follow-up surveys of completed
    activities whose follow-ups are still to come."""
    if not (by.is_secretariat or (by.is_liaison and by.partner_id == officer.partner_id)):
        raise NotAllowed(_("Only the secretariat or the officer's liaison records a supervisor."))
    name, email = " ".join(name.split()), email.strip()
    if not name:
        raise ActionError(_("Give the supervisor's name."), field="name")
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ActionError(
            _("“%(value)s” is not an email address.") % {"value": email}, field="email"
        ) from exc
    supervisor, _created = Supervisor.objects.update_or_create(
        officer=officer, defaults={"name": name, "email": email}
    )
    SurveyInvitation.objects.filter(
        nomination__officer=officer, respondent=Respondent.SUPERVISOR, sent_at__isnull=True
    ).update(email=email)
    today = timezone.localdate()
    for nomination in (
        Nomination.objects.completed()
        .filter(
            officer=officer, activity__ends_on__gte=today - dt.timedelta(days=FOLLOW_UPS[-1][1])
        )
        .select_related("activity")
    ):
        for instrument, days in FOLLOW_UPS:
            due = nomination.activity.ends_on + dt.timedelta(days=days)
            if due + dt.timedelta(days=SURVEY_OPEN_DAYS) >= today:
                SurveyInvitation.objects.get_or_create(
                    nomination=nomination,
                    instrument=instrument,
                    respondent=Respondent.SUPERVISOR,
                    defaults={
                        "email": email,
                        "due_on": due,
                        "closes_on": due + dt.timedelta(days=SURVEY_OPEN_DAYS),
                    },
                )
    record_event(by, "supervisor.recorded", officer, {"supervisor": supervisor.pk})
    _send_due_on_commit()
    return supervisor


def survey_token(invitation: SurveyInvitation) -> str:
    return signing.dumps(invitation.pk, salt=SURVEY_SALT)


def survey_link(invitation: SurveyInvitation) -> str:
    from django.urls import reverse

    path = reverse("learning:survey_answer", args=[survey_token(invitation)])
    return settings.SITE_URL.rstrip("/") + path


def invitation_for_token(token: str) -> SurveyInvitation:
    """The invitation a survey link is for. Conflict if the link is forged or malformed."""
    try:
        pk = int(signing.loads(token, salt=SURVEY_SALT))
        return SurveyInvitation.objects.select_related(
            "nomination__activity__course_version__course", "nomination__officer"
        ).get(pk=pk)
    except (signing.BadSignature, ValueError, TypeError, SurveyInvitation.DoesNotExist) as exc:
        raise Conflict(_("This survey link is not valid.")) from exc


@dataclass
class SendReport:
    sent: int = 0
    reminders: int = 0


def send_due_surveys(today: dt.date | None = None) -> SendReport:
    """What the daily scheduler runs (`tutela send_surveys`): enqueue the first email of every
    invitation that is due, and a reminder for those sent at least a week ago and still
    unanswered (at most two). Running it twice sends nothing twice: each task claims its
    invitation with a conditional update before it sends."""
    from tutela.learning.tasks import remind_survey, send_survey

    today = today or timezone.localdate()
    report = SendReport()
    due = list(SurveyInvitation.objects.due(today).values_list("pk", flat=True))
    cutoff = timezone.now() - dt.timedelta(days=REMINDER_AFTER_DAYS)
    reminders = list(
        SurveyInvitation.objects.filter(
            sent_at__isnull=False,
            answered_at__isnull=True,
            closes_on__gte=today,
            reminders__lt=MAX_REMINDERS,
            last_sent_at__lte=cutoff,
        )
        .exclude(email="")
        .values_list("pk", "reminders")
    )
    for pk in due:
        if send_survey.enqueue(invitation_id=pk) is not None:
            report.sent += 1
    for pk, count in reminders:
        if remind_survey.enqueue(invitation_id=pk, reminders=count) is not None:
            report.reminders += 1
    return report


@transaction.atomic
def answer_survey(invitation: SurveyInvitation, raw: Mapping[str, Any]) -> SurveyResponse:
    """Record the answers given through the survey link. Once only, while the survey is open."""
    invitation = (
        SurveyInvitation.objects.select_for_update()
        .select_related("nomination__activity")
        .get(pk=invitation.pk)
    )
    if invitation.answered_at is not None:
        raise Conflict(_("This survey has already been answered. Thank you."))
    today = timezone.localdate()
    if invitation.closes_on < today:
        raise GateClosed(
            _("This survey closed on %(day)s.") % {"day": invitation.closes_on.isoformat()}
        )
    given = raw.dict() if hasattr(raw, "dict") else dict(raw)  # a QueryDict: last values
    answers, errors = clean_answers(
        questions_for(invitation.instrument, invitation.respondent), given
    )
    if errors:
        error = ActionError(_("Some answers are missing or not valid."))
        error.errors = errors  # type: ignore[attr-defined]
        raise error
    now = timezone.now()
    response = SurveyResponse.objects.create(
        invitation=invitation,
        answers=answers,
        submitted_at=now,
        days_after_course_end=(today - invitation.nomination.activity.ends_on).days,
    )
    invitation.answered_at = now
    invitation.save(update_fields=["answered_at"])
    record_event(
        None,
        "survey.answered",
        invitation,
        {"instrument": invitation.instrument, "respondent": invitation.respondent},
    )
    return response
