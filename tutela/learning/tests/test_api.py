import datetime as dt
from decimal import Decimal
from typing import Any

from django.test import Client
from django.utils import timezone

from tutela.accounts.models import User
from tutela.learning.actions import set_completion_rule
from tutela.learning.models import Attendance, Score, SurveyInvitation, SurveyResponse
from tutela.nominations.models import NominationStatus

from .conftest import Course, finish

BASE = "/api/v1/learning"


def test_record_attendance_scores_and_complete(
    course: Course,
    as_director: Client,
    as_liaison_a: Client,
    secretariat: User,
    django_assert_max_num_queries: Any,
) -> None:
    a, b, c = course.trainees
    today = timezone.localdate().isoformat()
    url = f"{BASE}/activities/{course.activity.pk}"
    assert as_liaison_a.get(url).status_code == 403
    response = as_director.post(
        f"{url}/attendance",
        {"day": today, "present": [a.pk, b.pk]},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json() == {"count": 2}
    bad = as_liaison_a.post(
        f"{url}/attendance", {"day": today, "present": []}, content_type="application/json"
    )
    assert bad.status_code == 403
    response = as_director.post(
        f"{url}/scores",
        {"scores": [{"nomination": a.pk, "pre": 40, "post": 90}, {"nomination": b.pk, "post": 30}]},
        content_type="application/json",
    )
    assert response.status_code == 200 and Score.objects.count() == 3
    assert (
        as_director.post(
            f"{url}/scores",
            {"scores": [{"nomination": a.pk, "pre": 140}]},
            content_type="application/json",
        ).status_code
        == 422
    )
    with django_assert_max_num_queries(8):
        record = as_director.get(url).json()
    row = next(t for t in record["trainees"] if t["nomination"] == a.pk)
    assert row["present_days"] == [today] and Decimal(row["post_score"]) == 90
    assert as_director.post(f"{url}/complete").status_code == 409  # no rule yet
    set_completion_rule(
        course.activity.course_version,
        min_attendance=Decimal("0.1"),
        min_post_score=Decimal("50"),
        by=secretariat,
    )
    finish(course.activity, days_ago=0)
    Attendance.objects.update(day=course.activity.ends_on)
    outcomes = as_director.post(f"{url}/complete").json()
    assert {o["nomination"]: o["completed_now"] for o in outcomes} == {
        a.pk: True,
        b.pk: False,
        c.pk: False,
    }
    assert course.activity.nominations.get(pk=a.pk).status == NominationStatus.COMPLETED


def test_rule_api_is_for_the_secretariat(
    course: Course, as_secretariat: Client, as_director: Client
) -> None:
    url = f"{BASE}/course-versions/{course.activity.course_version.pk}/completion-rule"
    body = {"min_attendance": "0.75", "min_post_score": None}
    assert as_director.put(url, body, content_type="application/json").status_code == 403
    response = as_secretariat.put(url, body, content_type="application/json")
    assert response.status_code == 200 and Decimal(response.json()["min_attendance"]) == Decimal(
        "0.75"
    )


def test_results_api(
    course: Course, as_oversight: Client, as_director: Client, as_liaison_a: Client
) -> None:
    finish(course.activity)
    a, b, _c = course.trainees
    Score.objects.bulk_create(
        [
            Score(nomination=a, kind="pre", score=40),
            Score(nomination=a, kind="post", score=70),
            Score(nomination=b, kind="pre", score=50),
            Score(nomination=b, kind="post", score=60),
        ]
    )
    invitation = SurveyInvitation.objects.create(
        nomination=a,
        instrument="reaction",
        respondent="alumnus",
        email="a@example.org",
        due_on=course.activity.ends_on,
        closes_on=course.activity.ends_on + dt.timedelta(days=30),
        sent_at=timezone.now(),
        answered_at=timezone.now(),
    )
    SurveyResponse.objects.create(
        invitation=invitation,
        answers={"overall": 4, "recommend": True},
        submitted_at=timezone.now(),
        days_after_course_end=1,
    )
    for client in (as_director, as_liaison_a):
        assert client.get(f"{BASE}/results/course-versions").status_code == 403
    rows = as_oversight.get(f"{BASE}/results/course-versions").json()
    assert rows[0]["learning_gain"]["n"] == 2 and rows[0]["learning_gain"]["mean_gain"] == 20.0
    survey = rows[0]["surveys"][0]
    assert (survey["sent"], survey["answered"], survey["response_rate"]) == (1, 1, 1.0)
    hidden = as_oversight.get(f"{BASE}/results/countries?min_responses=30").json()
    assert hidden[0]["country"] == "KE" and hidden[0]["surveys"][0]["suppressed"]
    assert all(q["mean"] is None for q in hidden[0]["surveys"][0]["questions"])
