"""The curriculum API: courses, versions with modules, submission and review."""

from typing import Any

import pytest
from django.test import Client

from tutela.audit.models import Event
from tutela.curriculum.models import Course, CourseVersion, Review, VersionStatus
from tutela.testing import assign_reviewer, make_course_version

pytestmark = pytest.mark.django_db

API = "/api/v1/curriculum"


def post(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(url, body or {}, content_type="application/json")


def test_topics_are_listed(as_director):
    response = as_director.get(f"{API}/topics")

    assert response.status_code == 200
    assert "human-rights" in {t["code"] for t in response.json()}


def test_courses_list_with_their_versions(as_liaison_a):
    version = make_course_version()

    response = as_liaison_a.get(f"{API}/courses")

    assert response.status_code == 200
    [course] = response.json()["items"]
    assert course["code"] == version.course.code
    assert course["versions"][0]["status"] == "approved"


def test_course_list_queries_are_bounded(as_secretariat, django_assert_max_num_queries):
    for _ in range(20):
        make_course_version()

    with django_assert_max_num_queries(6):
        response = as_secretariat.get(f"{API}/courses")

    assert response.json()["count"] == 20


def test_version_detail_has_modules_topics_hours_and_reviews(as_reviewer, reviewer):
    version = make_course_version()

    response = as_reviewer.get(f"{API}/versions/{version.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body["hours"] == "6.0"
    [module] = body["modules"]
    assert module["title"] == "Principles"
    assert {t["code"] for t in module["topics"]} == {"community-policing", "human-rights"}
    assert [r["outcome"] for r in body["reviews"]] == ["approved"]


def test_unknown_version_is_404(as_reviewer, reviewer):
    assert as_reviewer.get(f"{API}/versions/999999").status_code == 404


def test_versions_in_review_are_the_reviewers_queue(
    as_reviewer, reviewer, django_assert_max_num_queries
):
    for _ in range(20):
        make_course_version(status=VersionStatus.IN_REVIEW)
    make_course_version(status=VersionStatus.APPROVED)

    with django_assert_max_num_queries(5):
        response = as_reviewer.get(f"{API}/versions", {"status": "in_review"})

    assert response.json()["count"] == 20
    assert all(v["hours"] == "6.0" for v in response.json()["items"])


def test_unknown_status_filter_is_a_422(as_reviewer, reviewer):
    response = as_reviewer.get(f"{API}/versions", {"status": "published"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "status"]


def test_secretariat_writes_a_course_version_and_submits_it(as_secretariat):
    course = post(
        as_secretariat, f"{API}/courses", {"code": "cp-101", "title": "Community policing"}
    )
    assert course.status_code == 201
    assert course.json()["code"] == "CP-101"
    course_id = course.json()["id"]

    version = post(
        as_secretariat,
        f"{API}/courses/{course_id}/versions",
        {"learning_outcomes": "Explain and apply.", "languages": ["en", "fr"]},
    )
    assert version.status_code == 201
    version_id = version.json()["id"]
    assert version.json()["status"] == "draft"

    module = post(
        as_secretariat,
        f"{API}/versions/{version_id}/modules",
        {
            "title": "Use of force",
            "hours": "4.5",
            "learning_outcomes": "Apply necessity and proportionality.",
            "topics": ["use-of-force", "human-rights"],
        },
    )
    assert module.status_code == 201
    assert {t["code"] for t in module.json()["topics"]} == {"use-of-force", "human-rights"}

    submitted = post(as_secretariat, f"{API}/versions/{version_id}/submit")
    assert submitted.status_code == 200
    assert submitted.json()["status"] == "in_review"
    assert submitted.json()["hours"] == "4.5"
    assert Event.objects.filter(verb="course_version.submitted", object_id=str(version_id)).exists()


def test_new_version_can_copy_the_modules_of_an_earlier_one(as_secretariat):
    earlier = make_course_version()

    response = post(
        as_secretariat, f"{API}/courses/{earlier.course_id}/versions", {"copy_from": earlier.pk}
    )

    assert response.status_code == 201
    assert response.json()["number"] == 2
    assert [m["title"] for m in response.json()["modules"]] == ["Principles"]


def test_copy_from_another_course_is_refused_on_the_field(as_secretariat):
    earlier = make_course_version()
    other = make_course_version()

    response = post(
        as_secretariat, f"{API}/courses/{other.course_id}/versions", {"copy_from": earlier.pk}
    )

    assert response.status_code == 400
    assert response.json()["field"] == "copy_from"


def test_duplicate_course_code_is_a_409(as_secretariat):
    Course.objects.create(code="CP-101", title="x")

    response = post(as_secretariat, f"{API}/courses", {"code": "CP-101", "title": "y"})

    assert response.status_code == 409
    assert response.json()["field"] == "code"


@pytest.mark.parametrize("persona", ["as_liaison_a", "as_reviewer", "as_oversight"])
def test_only_the_secretariat_writes_courses(request, persona):
    client = request.getfixturevalue(persona)

    response = post(client, f"{API}/courses", {"code": "X1", "title": "x"})

    assert response.status_code == 403
    assert not Course.objects.exists()


def test_module_needs_positive_hours(as_secretariat):
    version = make_course_version(status=VersionStatus.DRAFT)

    response = post(
        as_secretariat,
        f"{API}/versions/{version.pk}/modules",
        {"title": "x", "hours": "0", "learning_outcomes": "y"},
    )

    assert response.status_code == 422
    assert ["body", "payload", "hours"] in [e["loc"] for e in response.json()["detail"]]


def test_unknown_topic_is_refused_on_the_field(as_secretariat):
    version = make_course_version(status=VersionStatus.DRAFT)

    response = post(
        as_secretariat,
        f"{API}/versions/{version.pk}/modules",
        {"title": "x", "hours": "2", "learning_outcomes": "y", "topics": ["astrology"]},
    )

    assert response.status_code == 400
    assert response.json()["field"] == "topics"


def test_modules_cannot_be_added_to_an_approved_version(as_secretariat):
    version = make_course_version(status=VersionStatus.APPROVED)

    response = post(
        as_secretariat,
        f"{API}/versions/{version.pk}/modules",
        {"title": "x", "hours": "2", "learning_outcomes": "y"},
    )

    assert response.status_code == 409


def test_submitting_without_outcomes_is_refused_on_the_field(as_secretariat):
    version = make_course_version(status=VersionStatus.DRAFT, learning_outcomes="")

    response = post(as_secretariat, f"{API}/versions/{version.pk}/submit")

    assert response.status_code == 400
    assert response.json()["field"] == "learning_outcomes"


def test_reviewer_approves_a_version_in_review(as_reviewer, reviewer):
    version = make_course_version(status=VersionStatus.IN_REVIEW)
    assign_reviewer(version, reviewer)

    response = post(
        as_reviewer,
        f"{API}/versions/{version.pk}/review",
        {"outcome": "approved", "comments": "Meets the UN Basic Principles."},
    )

    assert response.status_code == 201
    assert response.json()["reviewer"] == str(reviewer)
    version.refresh_from_db()
    assert version.status == VersionStatus.APPROVED
    assert Event.objects.filter(verb="course_version.approved").exists()


def test_reviewer_sends_a_version_back_to_draft(as_reviewer, reviewer):
    version = make_course_version(status=VersionStatus.IN_REVIEW)
    assign_reviewer(version, reviewer)

    post(
        as_reviewer,
        f"{API}/versions/{version.pk}/review",
        {"outcome": "changes_requested", "comments": "Add a module on use of force."},
    )

    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_secretariat_may_not_review(as_secretariat):
    version = make_course_version(status=VersionStatus.IN_REVIEW)

    response = post(
        as_secretariat,
        f"{API}/versions/{version.pk}/review",
        {"outcome": "approved", "comments": "Fine."},
    )

    assert response.status_code == 403
    assert not Review.objects.exists()


def test_reviewing_a_draft_is_a_409(as_reviewer, reviewer):
    version = make_course_version(status=VersionStatus.DRAFT)

    response = post(
        as_reviewer,
        f"{API}/versions/{version.pk}/review",
        {"outcome": "approved", "comments": "Fine."},
    )

    assert response.status_code == 409
    assert CourseVersion.objects.get(pk=version.pk).status == VersionStatus.DRAFT


def test_review_without_comments_is_a_422(as_reviewer, reviewer):
    version = make_course_version(status=VersionStatus.IN_REVIEW)

    response = post(
        as_reviewer, f"{API}/versions/{version.pk}/review", {"outcome": "approved", "comments": ""}
    )

    assert response.status_code == 422
