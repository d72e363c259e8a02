"""Learning records for the demo programme: completion rules for every approved course version,
attendance by day and pre-/post-test scores for the trainees of running and completed
activities, supervisors for some officers, and evaluation surveys with answers.

Called once by `tutela.demo` after the nominations are written. Everything comes from one seeded
`random.Random` and the rows already in the database (read in primary-key order), so two runs on
the same day give the same data. Rows are written with `bulk_create`; each activity gets the
audit events its actions would have written (one per activity and kind, not one per row).
"""

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils import timezone

from tutela.accounts.models import Role, User
from tutela.activities.models import Activity, ActivityStatus
from tutela.audit.actions import record_events
from tutela.curriculum.models import CourseVersion, VersionStatus
from tutela.learning.actions import FOLLOW_UPS, SURVEY_OPEN_DAYS, activity_days
from tutela.learning.models import (
    Attendance,
    AttendanceSource,
    CompletionRule,
    Instrument,
    Respondent,
    Score,
    Supervisor,
    SurveyInvitation,
    SurveyResponse,
)
from tutela.learning.surveys import FREQUENCY, LIKERT, TEXT, YES_NO, questions_for
from tutela.nominations.models import Nomination, NominationStatus

SEED = 5_0501
# The learning records start nine months before today (the app "went live" then): older
# activities keep their completions but have no attendance, scores or surveys. This keeps
# `tutela demo` fast while every kind of record, including 6-month follow-ups, is present.
RECORDS_SINCE_DAYS = 270
COMMENTS = (
    "The scenario exercises were the most useful part.",
    "More time on interviewing techniques, please.",
    "Interpretation was sometimes hard to follow.",
    "I have briefed my whole shift on the custody checklist.",
    "We changed how we record stops and searches.",
)
SUPERVISOR_TITLES = ("Superintendent", "Chief Inspector", "Commander", "Major", "Captain")


def _clamp(value: float) -> Decimal:
    return Decimal(str(round(min(100.0, max(0.0, value)), 1)))


def _answers(rng: random.Random, instrument: str, respondent: str, mood: float) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for q in questions_for(instrument, respondent):
        if q.kind in (LIKERT, FREQUENCY):
            answers[q.code] = max(1, min(5, round(rng.gauss(mood, 0.8))))
        elif q.kind == YES_NO:
            answers[q.code] = rng.random() < (mood - 1) / 4
        elif q.kind == TEXT and rng.random() < 0.2:
            answers[q.code] = rng.choice(COMMENTS)
    return answers


def add_learning_records(*, today: dt.date, log: Callable[[str], None] = print) -> dict[str, int]:
    rng = random.Random(SEED)
    tz = timezone.get_current_timezone()
    secretariat = User.objects.filter(role=Role.SECRETARIAT).order_by("pk").first()
    events: list[tuple[User | None, str, Any, dict[str, Any] | None]] = []

    versions = list(
        CourseVersion.objects.filter(
            status__in=[VersionStatus.APPROVED, VersionStatus.RETIRED]
        ).order_by("pk")
    )
    rules = [
        CompletionRule(
            course_version=v,
            min_attendance=Decimal("0.8"),
            min_post_score=None if i % 5 == 4 else Decimal("60"),
            updated_by=secretariat,
        )
        for i, v in enumerate(versions)
    ]
    CompletionRule.objects.bulk_create(rules)
    events += [
        (
            secretariat,
            "completion_rule.set",
            r,
            {
                "course_version": r.course_version_id,
                "min_attendance": str(r.min_attendance),
                "min_post_score": None if r.min_post_score is None else str(r.min_post_score),
            },
        )
        for r in rules
    ]

    activities = list(
        Activity.objects.filter(
            status__in=[ActivityStatus.RUNNING, ActivityStatus.COMPLETED],
            course_version__isnull=False,
            starts_on__gte=today - dt.timedelta(days=RECORDS_SINCE_DAYS),
        )
        .select_related("director")
        .order_by("starts_on", "pk")
    )
    people: dict[int, list[Nomination]] = defaultdict(list)
    for n in (
        Nomination.objects.filter(
            activity__in=activities,
            status__in=[NominationStatus.ENROLLED, NominationStatus.COMPLETED],
        )
        .select_related("officer")
        .order_by("pk")
    ):
        people[n.activity_id].append(n)

    attendance: list[Attendance] = []
    scores: list[Score] = []
    invitations: list[SurveyInvitation] = []
    answered: list[tuple[SurveyInvitation, dict[str, Any], dt.datetime, int]] = []
    supervised: dict[int, Supervisor] = {}
    for activity in activities:
        trainees = people.get(activity.pk, [])
        if not trainees:
            continue
        director = activity.director or secretariat
        days = [d for d in activity_days(activity) if d < today]
        finished = activity.status == ActivityStatus.COMPLETED
        course_mood = rng.uniform(3.4, 4.5)
        course_gain = rng.uniform(8, 26)
        for n in trainees:
            completed = n.status == NominationStatus.COMPLETED
            presence = 0.97 if completed else (0.6 if finished else 0.93)
            marks = [rng.random() < presence for _d in days]
            if completed and days and sum(marks) / len(days) < 0.8:
                marks = [True] * len(days)
            elif finished and not completed and days:
                # an enrolled trainee the programme did not complete falls short of the rule
                while sum(marks) / len(days) >= 0.8:
                    marks[rng.choice([i for i, m in enumerate(marks) if m])] = False
            attendance += [
                Attendance(
                    nomination=n,
                    day=d,
                    present=m,
                    source=AttendanceSource.ROSTER,
                    recorded_by=director,
                )
                for d, m in zip(days, marks, strict=True)
            ]
            pre = rng.gauss(52, 12)
            scores.append(Score(nomination=n, kind="pre", score=_clamp(pre), recorded_by=director))
            if finished:
                post = pre + rng.gauss(course_gain, 8)
                if completed:
                    post = max(post, 60 + rng.uniform(0, 15))
                scores.append(
                    Score(nomination=n, kind="post", score=_clamp(post), recorded_by=director)
                )
        if days:
            events.append(
                (
                    director,
                    "attendance.recorded",
                    activity,
                    {"days": len(days), "trainees": len(trainees)},
                )
            )
            events.append((director, "scores.recorded", activity, {"trainees": len(trainees)}))
        if not finished:
            continue
        # surveys: the reaction survey at the end, follow-ups at 3 and 6 months when due
        for n in trainees:
            officer = n.officer
            email = f"alumnus-{officer.pk}@example.org"
            plan = [(Instrument.REACTION, Respondent.ALUMNUS, email, activity.ends_on)]
            if n.status == NominationStatus.COMPLETED:
                if officer.pk not in supervised and rng.random() < 0.5:
                    supervised[officer.pk] = Supervisor(
                        officer=officer,
                        name=f"{rng.choice(SUPERVISOR_TITLES)} {officer.unit_id}-{officer.pk % 97}",
                        email=f"supervisor-{officer.pk}@example.org",
                    )
                for instrument, after in FOLLOW_UPS:
                    due = activity.ends_on + dt.timedelta(days=after)
                    plan.append((instrument, Respondent.ALUMNUS, email, due))
                    if officer.pk in supervised:
                        plan.append(
                            (instrument, Respondent.SUPERVISOR, supervised[officer.pk].email, due)
                        )
            for instrument, respondent, address, due in plan:
                invitation = SurveyInvitation(
                    nomination=n,
                    instrument=instrument,
                    respondent=respondent,
                    email=address,
                    due_on=due,
                    closes_on=due + dt.timedelta(days=SURVEY_OPEN_DAYS),
                )
                invitations.append(invitation)
                if due >= today:
                    continue
                sent = dt.datetime.combine(due, dt.time(9), tzinfo=tz)
                invitation.sent_at = invitation.last_sent_at = sent
                rate = 0.75 if instrument == Instrument.REACTION else 0.45
                if rng.random() < rate:
                    delay = rng.randrange(0, 12)
                    at = sent + dt.timedelta(days=delay, hours=rng.randrange(8))
                    if at.date() >= today:
                        continue
                    invitation.answered_at = at
                    if delay >= 7:
                        invitation.reminders = 1
                    mood = course_mood - (0.3 if instrument != Instrument.REACTION else 0)
                    answers = _answers(rng, instrument, respondent, mood)
                    answered.append((invitation, answers, at, (at.date() - activity.ends_on).days))
                elif invitation.closes_on < today:
                    invitation.reminders = 2

    Attendance.objects.bulk_create(attendance, batch_size=2000)
    Score.objects.bulk_create(scores, batch_size=2000)
    Supervisor.objects.bulk_create(list(supervised.values()), batch_size=1000)
    SurveyInvitation.objects.bulk_create(invitations, batch_size=1000)
    SurveyResponse.objects.bulk_create(
        [
            SurveyResponse(invitation=i, answers=a, submitted_at=at, days_after_course_end=days)
            for i, a, at, days in answered
        ],
        batch_size=1000,
    )
    events += [
        (
            None,
            "survey.answered",
            i,
            {"instrument": i.instrument, "respondent": i.respondent},
        )
        for i, _a, _at, _d in answered
    ]
    by_actor: dict[int | None, list[tuple[str, Any, dict[str, Any] | None]]] = defaultdict(list)
    actors: dict[int | None, User | None] = {}
    for by, verb, obj, data in events:
        key = by.pk if by is not None else None
        actors[key] = by
        by_actor[key].append((verb, obj, data))
    for key, items in by_actor.items():
        record_events(actors[key], items)
    counts = {
        "completion_rules": len(rules),
        "attendance_marks": len(attendance),
        "test_scores": len(scores),
        "supervisors": len(supervised),
        "survey_invitations": len(invitations),
        "survey_answers": len(answered),
    }
    log(
        "  learning records               "
        + ", ".join(f"{n:,} {k.replace('_', ' ')}" for k, n in counts.items())
    )
    return counts
