from decimal import Decimal

import pytest
from django.urls import reverse

from tutela.curriculum.models import Course, CourseVersion, Module, Review, Topic, VersionStatus
from tutela.testing import make_activity, make_course_version

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true", "HX-Target": "results"}  # what the search form sends


def _catalogue(n: int = 15) -> list[Course]:
    courses = []
    for i in range(n):
        course = Course.objects.create(code=f"CP-{i:03d}", title=f"Community policing {i}")
        make_course_version(VersionStatus.APPROVED, course=course)  # v1: 6 hours
        if i % 2:
            draft = make_course_version(VersionStatus.DRAFT, course=course)  # v2
            Module.objects.create(
                version=draft, title="Extra", hours=Decimal("2.5"), learning_outcomes="More."
            )
        courses.append(course)
    return courses


@pytest.mark.parametrize(
    "client_name",
    ["as_secretariat", "as_liaison_a", "as_reviewer", "as_director", "as_oversight", "as_analyst"],
)
def test_every_signed_in_user_reads_the_curriculum(request, client_name):
    version = make_course_version()
    client = request.getfixturevalue(client_name)
    assert client.get(reverse("curriculum:course_list")).status_code == 200
    assert client.get(version.course.get_absolute_url()).status_code == 200
    assert client.get(version.get_absolute_url()).status_code == 200


def test_anonymous_is_sent_to_sign_in(anonymous):
    assert anonymous.get(reverse("curriculum:course_list")).status_code == 302


def test_course_list_shows_latest_version_status_and_hours_in_bounded_queries(
    as_liaison_a, django_assert_max_num_queries
):
    courses = _catalogue()
    with django_assert_max_num_queries(5):
        response = as_liaison_a.get(reverse("curriculum:course_list"))
    assert response.status_code == 200 and "<html" in response.content.decode()
    rows = {c.code: c for c in response.context["listing"].page}
    assert len(rows) == 15
    odd, even = rows[courses[1].code], rows[courses[0].code]
    assert (odd.latest_number, odd.latest_status, odd.latest_hours) == (2, "draft", Decimal("8.5"))
    assert (odd.approved_number, odd.version_count) == (1, 2)
    assert (even.latest_number, even.latest_status, even.latest_hours) == (
        1,
        "approved",
        Decimal("6.0"),
    )
    assert even.latest_status_label == "Approved"


def test_course_list_htmx_partial_search_and_status_filter(as_reviewer):
    _catalogue(4)
    Course.objects.create(code="CY-900", title="Cybersecurity basics")
    partial = as_reviewer.get(reverse("curriculum:course_list"), {"q": "cyber"}, headers=HTMX)
    body = partial.content.decode()
    assert "<html" not in body
    assert "CY-900" in body and "CP-000" not in body
    assert "no version yet" in body
    drafts = as_reviewer.get(reverse("curriculum:course_list"), {"status": "draft"})
    assert [c.code for c in drafts.context["listing"].page] == ["CP-001", "CP-003"]


def test_course_list_paginates(as_secretariat, settings):
    settings.PAGE_SIZE = 10
    _catalogue(12)
    page = as_secretariat.get(reverse("curriculum:course_list"), {"page": 2})
    assert len(page.context["listing"].page) == 2


def test_course_detail_lists_versions_with_status_and_hours(as_liaison_a):
    course = _catalogue(2)[1]
    make_activity(course_version=course.versions.get(number=1))
    response = as_liaison_a.get(course.get_absolute_url())
    versions = response.context["versions"]
    assert [(v.number, v.status, v.total_hours) for v in versions] == [
        (2, "draft", Decimal("8.5")),
        (1, "approved", Decimal("6.0")),
    ]
    assert versions[1].activity_count == 1
    body = response.content.decode()
    assert "In review" not in body and "Draft" in body and "Approved" in body
    assert "Start a new version" not in body  # liaisons do not write courses


def test_version_detail_shows_modules_in_order_reviews_and_activities(as_liaison_a, reviewer):
    version = make_course_version(VersionStatus.APPROVED)
    Module.objects.create(
        version=version,
        order=0,
        title="Opening",
        hours=Decimal("1.5"),
        learning_outcomes="Name the standards.",
        methods="Lecture; case study",
    )
    second = Module.objects.create(
        version=version,
        order=5,
        title="Crowd de-escalation",
        hours=Decimal("4"),
        learning_outcomes="De-escalate.",
        methods="Role play",
    )
    second.topics.set(Topic.objects.filter(code="crowd-management"))
    Review.objects.create(
        version=version,
        reviewer=reviewer,
        outcome="approved",
        comments="Meets UN Basic Principles on the Use of Force.",
    )
    activity = make_activity(course_version=version, title="Nairobi session")

    response = as_liaison_a.get(version.get_absolute_url())

    body = response.content.decode()
    assert [m.title for m in response.context["modules"]] == [
        "Opening",
        "Principles",
        "Crowd de-escalation",
    ]
    assert response.context["total_hours"] == Decimal("11.5")
    assert 'data-testid="total-hours">11.5<' in body
    assert "Lecture; case study" in body and "Name the standards." in body
    assert "Crowd management" in body
    assert "Meets UN Basic Principles on the Use of Force." in body
    assert activity.code in body and "Nairobi session" in body


def test_version_detail_queries_do_not_grow_with_modules(
    as_secretariat, django_assert_max_num_queries
):
    version = make_course_version(VersionStatus.DRAFT)
    topics = list(Topic.objects.all()[:3])
    for i in range(15):
        module = Module.objects.create(
            version=version,
            order=i + 2,
            title=f"Module {i}",
            hours=Decimal("1"),
            learning_outcomes="Do.",
        )
        module.topics.set(topics)
    with django_assert_max_num_queries(18):  # rules, links, comments, suggestions: all batched
        response = as_secretariat.get(version.get_absolute_url())
    assert len(response.context["modules"]) == 16


def test_unknown_course_and_version_are_404(as_secretariat):
    assert as_secretariat.get(reverse("curriculum:course_detail", args=[999])).status_code == 404
    assert as_secretariat.get(reverse("curriculum:version_detail", args=[999])).status_code == 404


def test_versions_are_numbered_per_course(as_secretariat):
    version = make_course_version(VersionStatus.RETIRED)
    assert CourseVersion.objects.get(pk=version.pk).number == 1


def test_history_restore_gets_the_whole_course_list(as_liaison_a):
    response = as_liaison_a.get(
        reverse("curriculum:course_list"), headers={**HTMX, "HX-History-Restore-Request": "true"}
    )
    assert "<html" in response.content.decode()
