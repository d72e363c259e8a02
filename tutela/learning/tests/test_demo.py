import datetime as dt

from django.utils import timezone

from tutela.audit.actions import verify_chain
from tutela.learning.demo import add_learning_records
from tutela.learning.models import Attendance, CompletionRule, Score, SurveyInvitation
from tutela.learning.results import learning_gain_for
from tutela.nominations.models import NominationStatus

from .conftest import Course, finish


def test_demo_records_for_a_finished_course(course: Course) -> None:
    finish(course.activity, days_ago=200)  # old enough for both follow-ups
    course.activity.status = "completed"
    course.activity.save()
    for n in course.trainees[:2]:
        n.status = NominationStatus.COMPLETED
        n.save()
    counts = add_learning_records(today=timezone.localdate(), log=lambda line: None)
    assert counts["completion_rules"] == CompletionRule.objects.count() >= 1
    assert Attendance.objects.filter(nomination=course.trainees[0]).count() == 10
    assert Score.objects.filter(kind="post").count() == 3
    assert learning_gain_for(course.activity.course_version).n == 3
    follow_ups = SurveyInvitation.objects.exclude(instrument="reaction")
    assert follow_ups.filter(sent_at__isnull=False).count() == follow_ups.count() >= 4
    assert verify_chain().ok


def test_demo_skips_activities_before_the_records_began(course: Course) -> None:
    finish(course.activity, days_ago=400)
    course.activity.status = "completed"
    course.activity.save()
    add_learning_records(today=timezone.localdate(), log=lambda line: None)
    assert not Attendance.objects.exists() and not SurveyInvitation.objects.exists()
    assert timezone.localdate() - course.activity.starts_on > dt.timedelta(days=270)
