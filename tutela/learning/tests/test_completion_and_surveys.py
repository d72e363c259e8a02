import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tutela.accounts.models import User
from tutela.audit.models import Event
from tutela.learning.actions import (
    answer_survey,
    apply_completion_rules,
    invitation_for_token,
    record_attendance,
    record_scores,
    send_due_surveys,
    set_completion_rule,
    set_supervisor,
    survey_token,
)
from tutela.learning.models import (
    Attendance,
    AttendanceSource,
    Instrument,
    Respondent,
    SurveyInvitation,
)
from tutela.learning.results import learning_gain_for, survey_results, survey_results_for
from tutela.lib.errors import ActionError, Conflict, GateClosed, NotAllowed
from tutela.nominations.models import NominationStatus

from .conftest import Course, finish


def _attend(course: Course, days: dict[int, int]) -> None:
    """Mark trainee i present on the first `days[i]` days."""
    rows = []
    for i, count in days.items():
        for d in range(count):
            rows.append(
                Attendance(
                    nomination=course.trainees[i],
                    day=course.activity.starts_on + dt.timedelta(days=d),
                    present=True,
                    source=AttendanceSource.ROSTER,
                )
            )
    Attendance.objects.bulk_create(rows)


@pytest.fixture
def ruled(course: Course, secretariat: User, director: User) -> Course:
    finish(course.activity)
    set_completion_rule(
        course.activity.course_version,
        min_attendance=Decimal("0.8"),
        min_post_score=Decimal("60"),
        by=secretariat,
    )
    _attend(course, {0: 10, 1: 9, 2: 7})
    a, b, c = course.trainees
    record_scores(
        course.activity,
        {
            a.pk: {"pre": Decimal("40"), "post": Decimal("80")},
            b.pk: {"pre": Decimal("50"), "post": Decimal("55")},
            c.pk: {"pre": Decimal("30"), "post": Decimal("90")},
        },
        by=director,
    )
    return course


def test_rules_complete_only_qualifying_trainees(ruled: Course, director: User) -> None:
    outcomes = apply_completion_rules(ruled.activity, by=director)
    by_pk = {o.nomination.pk: o for o in outcomes}
    a, b, c = ruled.trainees
    assert by_pk[a.pk].completed_now
    assert not by_pk[b.pk].qualifies and "post-test" in by_pk[b.pk].reasons[0]
    assert not by_pk[c.pk].qualifies and "attended 70" in by_pk[c.pk].reasons[0]
    statuses = {n.pk: n.status for n in type(a).objects.filter(activity=ruled.activity)}
    assert statuses == {
        a.pk: NominationStatus.COMPLETED,
        b.pk: NominationStatus.ENROLLED,
        c.pk: NominationStatus.ENROLLED,
    }
    assert Event.objects.filter(verb="nomination.completed").count() == 1  # via complete_nomination
    assert Event.objects.filter(verb="completion_rules.applied").count() == 1
    # applying again changes nothing and schedules nothing twice
    apply_completion_rules(ruled.activity, by=director)
    assert Event.objects.filter(verb="nomination.completed").count() == 1
    assert SurveyInvitation.objects.count() == 3 + 2


def test_rules_need_a_rule_and_the_director(
    course: Course, director: User, liaison_a: User
) -> None:
    finish(course.activity)
    with pytest.raises(GateClosed, match="no completion rule"):
        apply_completion_rules(course.activity, by=director)
    with pytest.raises(NotAllowed):
        apply_completion_rules(course.activity, by=liaison_a)


def test_only_the_secretariat_sets_rules(course: Course, director: User, secretariat: User) -> None:
    version = course.activity.course_version
    with pytest.raises(NotAllowed):
        set_completion_rule(
            version, min_attendance=Decimal("0.5"), min_post_score=None, by=director
        )
    with pytest.raises(ActionError):
        set_completion_rule(
            version, min_attendance=Decimal("80"), min_post_score=None, by=secretariat
        )


def test_learning_gain_per_course_version(ruled: Course) -> None:
    gain = learning_gain_for(ruled.activity.course_version)
    assert gain.n == 3
    assert gain.mean_gain == pytest.approx((40 + 5 + 60) / 3, abs=0.01)
    assert gain.ci_low is not None and gain.ci_low < gain.mean_gain < gain.ci_high  # type: ignore[operator]


def test_surveys_are_sent_once_reminded_and_answered(
    ruled: Course, director: User, django_capture_on_commit_callbacks: Any
) -> None:
    a, _b, _c = ruled.trainees
    set_supervisor(
        a.officer,
        name="Sgt Otieno",
        email="otieno@example.org",
        by=User.objects.get(username="secretariat"),
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        apply_completion_rules(ruled.activity, by=director)
    invitations = SurveyInvitation.objects.all()
    # reaction for all three; follow-ups (3 and 6 months) for the completed one and her supervisor
    assert invitations.filter(instrument=Instrument.REACTION).count() == 3
    assert invitations.filter(respondent=Respondent.SUPERVISOR).count() == 2
    # the reaction survey is due (the course ended yesterday): sent on commit to those with an email
    assert sorted(m.to[0] for m in mail.outbox) == ["amina@example.org", "chen@example.org"]
    call_command("send_surveys")
    call_command("send_surveys")
    assert len(mail.outbox) == 2  # idempotent

    reaction = invitations.get(nomination=a, instrument=Instrument.REACTION)
    SurveyInvitation.objects.filter(pk=reaction.pk).update(
        last_sent_at=timezone.now() - dt.timedelta(days=8)
    )
    report = send_due_surveys()
    assert report.reminders == 1 and len(mail.outbox) == 3
    assert mail.outbox[-1].subject.startswith("Reminder")
    send_due_surveys()
    assert len(mail.outbox) == 3

    token = mail.outbox[0].body.split("/learning/survey/")[1].split("/")[0]
    found = invitation_for_token(token)
    answers = {q: "4" for q in ("relevance", "trainers", "materials", "organisation", "language")}
    with pytest.raises(ActionError):
        answer_survey(found, answers)  # "overall" and "recommend" missing
    answer_survey(found, {**answers, "overall": "5", "recommend": "yes", "comment": "Useful."})
    with pytest.raises(Conflict):
        answer_survey(found, {**answers, "overall": "5", "recommend": "yes"})
    results = survey_results_for(ruled.activity.course_version)
    reaction_result = next(r for r in results if r.instrument == Instrument.REACTION)
    assert (reaction_result.sent, reaction_result.answered) == (2, 1)
    assert reaction_result.response_rate == 0.5
    overall = next(q for q in reaction_result.questions if q.code == "overall")
    assert (overall.n, overall.mean, overall.agree_share) == (1, 5.0, 1.0)
    assert all(q.code != "comment" for q in reaction_result.questions)
    by_country = survey_results(SurveyInvitation.objects.all(), by="country", min_responses=30)
    assert list(by_country) == ["KE"]
    assert all(r.suppressed for r in by_country["KE"])
    # follow-ups go out about 3 months later, to alumnus and supervisor
    later = ruled.activity.ends_on + dt.timedelta(days=91)
    assert send_due_surveys(later).sent == 2
    assert {m.to[0] for m in mail.outbox[-2:]} == {"amina@example.org", "otieno@example.org"}


def test_a_forged_or_closed_survey_link_is_refused(ruled: Course, director: User) -> None:
    with pytest.raises(Conflict):
        invitation_for_token("1:forged")
    apply_completion_rules(ruled.activity, by=director)
    invitation = SurveyInvitation.objects.filter(instrument=Instrument.REACTION).first()
    assert invitation is not None
    assert invitation_for_token(survey_token(invitation)) == invitation
    invitation.closes_on = timezone.localdate() - dt.timedelta(days=1)
    invitation.save()
    with pytest.raises(GateClosed):
        answer_survey(invitation, {})


def test_attendance_recorded_on_the_roster_counts(course: Course, director: User) -> None:
    record_attendance(course.activity, timezone.localdate(), [course.trainees[0].pk], by=director)
    assert Attendance.objects.filter(present=True).count() == 1


def test_rules_wait_for_the_last_day(course: Course, secretariat: User, director: User) -> None:
    set_completion_rule(
        course.activity.course_version,
        min_attendance=Decimal("0"),
        min_post_score=None,
        by=secretariat,
    )
    with pytest.raises(GateClosed, match="last day"):
        apply_completion_rules(course.activity, by=director)  # ends in five days
    assert not course.activity.nominations.filter(status=NominationStatus.COMPLETED).exists()


def test_rules_applied_late_still_send_the_reaction_survey(
    ruled: Course, director: User, django_capture_on_commit_callbacks: Any
) -> None:
    finish(ruled.activity, days_ago=40)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        apply_completion_rules(ruled.activity, by=director)
    reaction = SurveyInvitation.objects.filter(instrument=Instrument.REACTION)
    assert {i.due_on for i in reaction} == {timezone.localdate()}
    assert len(mail.outbox) == 2


def test_trainee_record(ruled: Course) -> None:
    from tutela.learning.results import trainee_record

    record = trainee_record(ruled.trainees[2])
    assert record["days"] == 10 and record["days_present"] == 7
    assert record["attendance_share"] == 0.7 and record["post_score"] == Decimal("90")


def test_supervisor_is_recorded_by_secretariat_or_own_liaison(
    course: Course, liaison_b: User, director: User, liaison_a: User
) -> None:
    officer = course.trainees[0].officer
    for user in (liaison_b, director):
        with pytest.raises(NotAllowed):
            set_supervisor(officer, name="Sgt Otieno", email="o@example.org", by=user)
    with pytest.raises(ActionError):
        set_supervisor(officer, name="Sgt Otieno", email="not an address", by=liaison_a)
    set_supervisor(officer, name="Sgt Otieno", email="o@example.org", by=liaison_a)
    assert Event.objects.filter(verb="supervisor.recorded").count() == 1
