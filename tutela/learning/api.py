"""The learning part of the API (/api/v1/learning): an activity's learning record, attendance,
scores, completion, completion rules, and the evaluation results (learning gain and surveys per
course version and per country)."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from ninja import Router

from tutela.accounts.auth import acting_user, require
from tutela.accounts.models import User
from tutela.accounts.schemas import DETAIL, READ, WRITE
from tutela.activities.models import Activity
from tutela.curriculum.models import CourseVersion
from tutela.learning import actions
from tutela.learning.models import Attendance, CompletionRule, Score, SurveyInvitation, TestKind
from tutela.learning.results import learning_gain_by_course_version, survey_results
from tutela.learning.schemas import (
    ActivityRecordOut,
    AttendanceIn,
    CountOut,
    CountryResultOut,
    OutcomeOut,
    RuleIn,
    RuleOut,
    ScoresIn,
    VersionResultOut,
)

router = Router(tags=["learning"])
READERS = gettext_lazy("Only the secretariat, oversight, analysts and reviewers read results.")


def _readable(user: User, activity_id: int) -> Activity:
    activity = get_object_or_404(Activity.objects.visible_to(user), pk=activity_id)
    require(
        actions.may_record_learning(user, activity) or user.sees_everything or user.is_reviewer,
        gettext_lazy("You may not read this activity's learning record."),
    )
    return activity


@router.get(
    "/activities/{int:activity_id}",
    response={200: ActivityRecordOut, **DETAIL},
    summary="An activity's attendance by day, scores and completion rule",
)
def activity_record(request: HttpRequest, activity_id: int) -> dict[str, Any]:
    activity = _readable(acting_user(request), activity_id)
    people = list(actions.trainees(activity))
    marks: dict[int, dict[bool, list[Any]]] = {n.pk: {True: [], False: []} for n in people}
    for a in Attendance.objects.filter(nomination__in=people).order_by("day"):
        marks[a.nomination_id][a.present].append(a.day)
    scores = {
        (s.nomination_id, s.kind): s.score for s in Score.objects.filter(nomination__in=people)
    }
    rule = CompletionRule.objects.filter(course_version_id=activity.course_version_id).first()
    return {
        "activity": activity.pk,
        "code": activity.code,
        "days": actions.activity_days(activity),
        "min_attendance": rule.min_attendance if rule else None,
        "min_post_score": rule.min_post_score if rule else None,
        "trainees": [
            {
                "nomination": n.pk,
                "officer": str(n.officer),
                "invitation_number": n.enrolment.invitation_number,
                "status": n.status,
                "present_days": marks[n.pk][True],
                "absent_days": marks[n.pk][False],
                "pre_score": scores.get((n.pk, TestKind.PRE)),
                "post_score": scores.get((n.pk, TestKind.POST)),
            }
            for n in people
        ],
    }


@router.post(
    "/activities/{int:activity_id}/attendance",
    response={200: CountOut, **WRITE},
    summary="Record one day's attendance (everyone not listed is absent)",
)
def attendance_record(
    request: HttpRequest, activity_id: int, payload: AttendanceIn
) -> dict[str, int]:
    user = acting_user(request)
    activity = _readable(user, activity_id)
    count = actions.record_attendance(activity, payload.day, payload.present, by=user)
    return {"count": count}


@router.post(
    "/activities/{int:activity_id}/scores",
    response={200: CountOut, **WRITE},
    summary="Enter pre- and post-test scores (out of 100)",
)
def scores_record(request: HttpRequest, activity_id: int, payload: ScoresIn) -> dict[str, int]:
    user = acting_user(request)
    activity = _readable(user, activity_id)
    entered: dict[int, dict[str, Any]] = {}
    for item in payload.scores:
        given = item.model_fields_set
        by_kind: dict[str, Any] = {k: getattr(item, k) for k in ("pre", "post") if k in given}
        entered.setdefault(item.nomination, {}).update(by_kind)
    return {"count": actions.record_scores(activity, entered, by=user)}


@router.post(
    "/activities/{int:activity_id}/complete",
    response={200: list[OutcomeOut], **WRITE},
    summary="Apply the completion rule: complete every trainee who meets it",
)
def activity_complete(request: HttpRequest, activity_id: int) -> list[dict[str, Any]]:
    user = acting_user(request)
    activity = _readable(user, activity_id)
    return [
        {
            "nomination": o.nomination.pk,
            "days_present": o.days_present,
            "share": round(o.share, 4),
            "post_score": o.post_score,
            "qualifies": o.qualifies,
            "completed_now": o.completed_now,
            "reasons": [str(r) for r in o.reasons],
        }
        for o in actions.apply_completion_rules(activity, by=user)
    ]


@router.put(
    "/course-versions/{int:version_id}/completion-rule",
    response={200: RuleOut, **WRITE},
    summary="Set a course version's completion rule (secretariat)",
)
def rule_set(request: HttpRequest, version_id: int, payload: RuleIn) -> dict[str, Any]:
    user = acting_user(request)
    version = get_object_or_404(CourseVersion, pk=version_id)
    rule = actions.set_completion_rule(
        version,
        min_attendance=payload.min_attendance,
        min_post_score=payload.min_post_score,
        by=user,
    )
    return {
        "course_version": version.pk,
        "min_attendance": rule.min_attendance,
        "min_post_score": rule.min_post_score,
    }


@router.get(
    "/results/course-versions",
    response={200: list[VersionResultOut], **READ},
    summary="Learning gain (95 % paired t interval) and survey results per course version",
)
def results_by_version(request: HttpRequest, min_responses: int = 0) -> list[dict[str, Any]]:
    """`min_responses` hides the figures of surveys with fewer answers (publish with 30)."""
    user = acting_user(request)
    require(user.sees_everything or user.is_reviewer, READERS)
    gains = learning_gain_by_course_version()
    surveys = survey_results(
        SurveyInvitation.objects.all(), by="course_version", min_responses=max(0, min_responses)
    )
    versions = CourseVersion.objects.filter(pk__in=set(gains) | set(surveys)).select_related(
        "course"
    )
    return [
        {
            "course_version": v.pk,
            "course": v.course.code,
            "version": v.number,
            "learning_gain": gains[v.pk].as_dict() if v.pk in gains else None,
            "surveys": [s.as_dict() for s in surveys.get(v.pk, [])],
        }
        for v in sorted(versions, key=lambda v: (v.course.code, v.number))
    ]


@router.get(
    "/results/countries",
    response={200: list[CountryResultOut], **READ},
    summary="Survey results and response rates per country (the officer's nationality)",
)
def results_by_country(request: HttpRequest, min_responses: int = 0) -> list[dict[str, Any]]:
    user = acting_user(request)
    require(user.sees_everything or user.is_reviewer, READERS)
    surveys = survey_results(
        SurveyInvitation.objects.all(), by="country", min_responses=max(0, min_responses)
    )
    return [
        {"country": code, "surveys": [s.as_dict() for s in items]}
        for code, items in sorted(surveys.items(), key=lambda item: str(item[0]))
    ]
