import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tutela.accounts.models import Role, User
from tutela.learning.actions import set_completion_rule, survey_token
from tutela.learning.models import Attendance, Score, SurveyInvitation, SurveyResponse
from tutela.nominations.models import NominationStatus
from tutela.testing import make_user

from .conftest import Course, finish


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_record_page_access_by_persona(
    course: Course,
    as_director: Client,
    as_secretariat: Client,
    as_oversight: Client,
    as_liaison_a: Client,
    as_reviewer: Client,
    anonymous: Client,
) -> None:
    url = reverse("learning:activity_record", args=[course.activity.pk])
    assert as_director.get(url).status_code == 200
    assert as_secretariat.get(url).status_code == 200
    assert as_oversight.get(url).status_code == 200
    assert as_reviewer.get(url).status_code == 200
    assert as_liaison_a.get(url).status_code == 403
    other = _client(make_user(Role.INSTRUCTOR))
    assert other.get(url).status_code == 404  # not their activity
    assert anonymous.get(url).status_code == 302
    page = as_director.get(url).content.decode()
    assert "Take today&#x27;s attendance" in page or "Take today's attendance" in page
    assert "Take today" not in as_oversight.get(url).content.decode()


def test_list_page(
    course: Course, as_director: Client, as_liaison_a: Client, django_assert_max_num_queries: Any
) -> None:
    url = reverse("learning:activity_list")
    with django_assert_max_num_queries(8):
        response = as_director.get(url)
    assert course.activity.code in response.content.decode()
    assert as_liaison_a.get(url).status_code == 403


def test_director_takes_attendance_through_the_page(
    course: Course, as_director: Client, as_oversight: Client
) -> None:
    today = timezone.localdate().isoformat()
    url = reverse("learning:attendance_day", args=[course.activity.pk, today])
    assert as_oversight.get(url).status_code == 403
    a, b, _c = course.trainees
    response = as_director.post(url, {"present": [str(a.pk), str(b.pk)]})
    assert response.status_code == 302
    assert Attendance.objects.filter(present=True).count() == 2
    assert Attendance.objects.filter(present=False).count() == 1
    future = reverse("learning:attendance_day", args=[course.activity.pk, "2099-01-01"])
    assert as_director.post(future, {"present": []}).status_code == 400


def test_scores_page(course: Course, as_director: Client, as_liaison_a: Client) -> None:
    url = reverse("learning:scores_edit", args=[course.activity.pk])
    a = course.trainees[0]
    assert as_liaison_a.get(url).status_code == 403
    bad = as_director.post(url, {f"pre-{a.pk}": "abc", f"post-{a.pk}": "70"})
    assert bad.status_code == 400 and not Score.objects.exists()
    assert as_director.post(url, {f"pre-{a.pk}": "45", f"post-{a.pk}": "70,5"}).status_code == 302
    assert Score.objects.get(nomination=a, kind="post").score == Decimal("70.5")


def test_qr_code_and_check_in_without_an_account(
    course: Course, as_director: Client, anonymous: Client
) -> None:
    page = as_director.get(reverse("learning:check_in_code", args=[course.activity.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html
    link = re.search(r'data-testid="check-in-link">([^<]+)<', html)
    assert link is not None
    path = link.group(1).replace("http://testserver", "")
    a = course.trainees[0]
    assert anonymous.get(path).status_code == 200
    wrong = anonymous.post(
        path, {"invitation_number": "INV-2026-000001", "birth_date": "1900-01-01"}
    )
    assert wrong.status_code == 400 and not Attendance.objects.exists()
    done = anonymous.post(
        path,
        {"invitation_number": "INV-2026-000001", "birth_date": a.officer.birth_date.isoformat()},
    )
    assert done.status_code == 200 and "marked present" in done.content.decode()
    assert Attendance.objects.get().nomination == a
    assert anonymous.get(reverse("learning:check_in", args=["forged"])).status_code == 410


def test_paper_roster_upload(course: Course, as_director: Client) -> None:
    url = reverse("learning:paper_upload", args=[course.activity.pk])
    template = as_director.get(reverse("learning:paper_template", args=[course.activity.pk]))
    assert template.status_code == 200 and b"INV-2026-000001" in template.content
    start = course.activity.starts_on.isoformat()
    bad = io.BytesIO(
        f"invitation_number,day,present\nINV-2026-000001,{start},x\nNOPE,{start},x\n".encode()
    )
    bad.name = "roster.csv"
    response = as_director.post(url, {"file": bad})
    assert response.status_code == 400 and "NOPE" in response.content.decode()
    assert not Attendance.objects.exists()
    good = io.BytesIO(
        f"invitation_number,day,present,pre_score\nINV-2026-000001,{start},x,50\n".encode()
    )
    good.name = "roster.csv"
    assert as_director.post(url, {"file": good}).status_code == 302
    assert Attendance.objects.count() == 1 and Score.objects.count() == 1


def test_rules_pages(
    course: Course, as_secretariat: Client, as_oversight: Client, as_director: Client
) -> None:
    version = course.activity.course_version
    assert as_oversight.get(reverse("learning:rule_list")).status_code == 200
    assert as_director.get(reverse("learning:rule_list")).status_code == 403
    edit = reverse("learning:rule_edit", args=[version.pk])
    assert as_oversight.get(edit).status_code == 403
    assert (
        as_secretariat.post(edit, {"min_attendance": "75", "min_post_score": ""}).status_code == 302
    )
    assert version.completion_rule.min_attendance == Decimal("0.75")


def test_completion_from_the_page(course: Course, as_director: Client, secretariat: User) -> None:
    finish(course.activity)
    set_completion_rule(
        course.activity.course_version,
        min_attendance=Decimal("0"),
        min_post_score=None,
        by=secretariat,
    )
    response = as_director.post(reverse("learning:activity_complete", args=[course.activity.pk]))
    assert response.status_code == 302
    assert course.activity.nominations.filter(status=NominationStatus.COMPLETED).count() == 3


def test_survey_link_answered_and_in_results(
    course: Course,
    secretariat: User,
    director: User,
    as_oversight: Client,
    as_liaison_a: Client,
    anonymous: Client,
) -> None:
    finish(course.activity)
    invitation = SurveyInvitation.objects.create(
        nomination=course.trainees[0],
        instrument="reaction",
        respondent="alumnus",
        email="a@example.org",
        due_on=course.activity.ends_on,
        closes_on=course.activity.ends_on + dt.timedelta(days=30),
    )
    url = reverse("learning:survey_answer", args=[survey_token(invitation)])
    assert anonymous.get(url).status_code == 200
    answers = {
        "relevance": "5",
        "trainers": "4",
        "materials": "4",
        "organisation": "3",
        "language": "4",
        "overall": "5",
        "recommend": "yes",
    }
    assert anonymous.post(url, {**answers, "overall": ""}).status_code == 400
    assert anonymous.post(url, answers).status_code == 200
    assert SurveyResponse.objects.get().answers["overall"] == 5
    assert "already" not in anonymous.get(url).content.decode()
    assert anonymous.get(reverse("learning:survey_answer", args=["x"])).status_code == 404
    results = as_oversight.get(reverse("learning:results"))
    assert results.status_code == 200
    assert "1 answered of 0 sent" in results.content.decode()
    assert as_liaison_a.get(reverse("learning:results")).status_code == 403


def test_supervisor_page(
    course: Course, as_liaison_a: Client, as_liaison_b: Client, as_director: Client
) -> None:
    officer = course.trainees[0].officer
    url = reverse("learning:supervisor_edit", args=[officer.pk])
    assert as_liaison_b.get(url).status_code == 404
    assert as_director.get(url).status_code == 403
    assert as_liaison_a.post(url, {"name": "Sgt Otieno", "email": "bad"}).status_code == 400
    assert (
        as_liaison_a.post(url, {"name": "Sgt Otieno", "email": "o@example.org"}).status_code == 302
    )
    assert officer.supervisor.email == "o@example.org"


def test_day_picker_works_without_javascript(course: Course, as_director: Client) -> None:
    url = reverse("learning:activity_record", args=[course.activity.pk])
    day = course.activity.starts_on.isoformat()
    response = as_director.get(url, {"day": day})
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "learning:attendance_day", args=[course.activity.pk, day]
    )


def test_results_page_queries_are_bounded(
    course: Course, as_oversight: Client, django_assert_max_num_queries: Any
) -> None:
    finish(course.activity)
    for n in course.trainees:
        Score.objects.create(nomination=n, kind="pre", score=50)
        Score.objects.create(nomination=n, kind="post", score=70)
        SurveyInvitation.objects.create(
            nomination=n,
            instrument="reaction",
            respondent="alumnus",
            email="x@example.org",
            due_on=course.activity.ends_on,
            closes_on=course.activity.ends_on + dt.timedelta(days=30),
        )
    with django_assert_max_num_queries(8):
        assert as_oversight.get(reverse("learning:results")).status_code == 200
    with django_assert_max_num_queries(8):
        assert as_oversight.get("/api/v1/learning/results/course-versions").status_code == 200


def test_shortfalls_show_from_the_last_day(
    course: Course, as_director: Client, secretariat: User
) -> None:
    set_completion_rule(
        course.activity.course_version,
        min_attendance=Decimal("0.8"),
        min_post_score=None,
        by=secretariat,
    )
    url = reverse("learning:activity_record", args=[course.activity.pk])
    running = as_director.get(url).content.decode()
    assert "below 80" not in running and "Apply the completion rule" not in running
    finish(course.activity, days_ago=0)
    ended = as_director.get(url).content.decode()
    assert "below 80" in ended and "Apply the completion rule" in ended
