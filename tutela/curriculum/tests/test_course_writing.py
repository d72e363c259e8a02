from decimal import Decimal

import pytest
from django.urls import reverse

from tutela.audit.models import Event
from tutela.curriculum.models import Course, CourseVersion, Module, Topic, VersionStatus
from tutela.testing import make_course_version

pytestmark = pytest.mark.django_db


# --- Courses ----------------------------------------------------------------------------------


def test_secretariat_creates_a_course(as_secretariat):
    assert as_secretariat.get(reverse("curriculum:course_create")).status_code == 200
    response = as_secretariat.post(
        reverse("curriculum:course_create"),
        {"code": "cp-101", "title": "Community policing", "summary": "Foundations."},
    )
    course = Course.objects.get(code="CP-101")
    assert response.status_code == 302 and response["Location"] == course.get_absolute_url()
    assert Event.objects.filter(verb="course.created", object_id=str(course.pk)).exists()


def test_duplicate_or_incomplete_course_is_400_with_field_error(as_secretariat):
    Course.objects.create(code="CP-101", title="Existing")
    duplicate = as_secretariat.post(
        reverse("curriculum:course_create"), {"code": "CP-101", "title": "Again"}
    )
    assert duplicate.status_code == 400
    assert "CP-101" in duplicate.context["form"].errors["code"][0]
    untitled = as_secretariat.post(reverse("curriculum:course_create"), {"code": "CP-102"})
    assert untitled.status_code == 400 and untitled.context["form"].errors["title"]
    assert Course.objects.count() == 1


@pytest.mark.parametrize("client_name", ["as_reviewer", "as_liaison_a", "as_oversight"])
def test_only_the_secretariat_writes_courses(request, client_name):
    client = request.getfixturevalue(client_name)
    version = make_course_version(VersionStatus.DRAFT)
    module = version.modules.get()
    assert client.get(reverse("curriculum:course_create")).status_code == 403
    assert (
        client.post(reverse("curriculum:course_create"), {"code": "X-1", "title": "X"}).status_code
        == 403
    )
    assert (
        client.post(reverse("curriculum:version_create", args=[version.course_id]), {}).status_code
        == 403
    )
    assert (
        client.post(
            reverse("curriculum:version_update", args=[version.pk]), {"summary": "changed"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("curriculum:module_create", args=[version.pk]),
            {"title": "M", "hours": "2", "learning_outcomes": "O"},
        ).status_code
        == 403
    )
    assert client.post(reverse("curriculum:module_remove", args=[module.pk])).status_code == 403
    assert client.post(reverse("curriculum:version_submit", args=[version.pk])).status_code == 403
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT and version.summary == ""
    assert version.modules.count() == 1
    assert not Course.objects.filter(code="X-1").exists()


def test_secretariat_sees_writing_buttons_and_others_do_not(as_secretariat, as_liaison_a):
    version = make_course_version(VersionStatus.DRAFT)
    mine = as_secretariat.get(version.get_absolute_url()).content.decode()
    theirs = as_liaison_a.get(version.get_absolute_url()).content.decode()
    for url in (
        reverse("curriculum:version_submit", args=[version.pk]),
        reverse("curriculum:module_create", args=[version.pk]),
        reverse("curriculum:version_update", args=[version.pk]),
    ):
        assert url in mine and url not in theirs
    assert "Submit for review" in theirs  # the transition is listed, with who makes it
    assert "by the secretariat" in theirs


# --- Versions ---------------------------------------------------------------------------------


def test_first_version_of_a_new_course(as_secretariat):
    course = Course.objects.create(code="CP-1", title="T")
    page = as_secretariat.get(course.get_absolute_url())
    assert "copy_modules" not in page.context["version_form"].fields

    response = as_secretariat.post(
        reverse("curriculum:version_create", args=[course.pk]),
        {"summary": "First", "learning_outcomes": "Apply the law.", "languages": "en, FR  ar"},
    )

    version = course.versions.get()
    assert response.status_code == 302 and response["Location"] == version.get_absolute_url()
    assert (version.number, version.status, version.languages) == (1, "draft", ["en", "fr", "ar"])
    assert version.created_by.username == "secretariat"
    assert Event.objects.filter(verb="course_version.created", object_id=str(version.pk)).exists()


def test_new_version_copies_the_modules_of_the_latest(as_secretariat):
    v1 = make_course_version(VersionStatus.APPROVED, summary="Old summary")
    response = as_secretariat.post(
        reverse("curriculum:version_create", args=[v1.course_id]), {"copy_modules": "on"}
    )
    v2 = v1.course.versions.get(number=2)
    assert response.status_code == 302
    assert [m.title for m in v2.modules.all()] == ["Principles"]
    assert set(v2.modules.get().topics.values_list("code", flat=True)) == {
        "community-policing",
        "human-rights",
    }
    assert (v2.summary, v2.languages) == ("Old summary", ["en"])
    assert (
        Event.objects.get(verb="course_version.created", object_id=str(v2.pk)).data["copied_from"]
        == v1.pk
    )


def test_new_version_without_copying_starts_empty(as_secretariat):
    v1 = make_course_version(VersionStatus.APPROVED)
    as_secretariat.post(
        reverse("curriculum:version_create", args=[v1.course_id]), {"summary": "Fresh"}
    )
    v2 = v1.course.versions.get(number=2)
    assert v2.modules.count() == 0 and v2.languages == []


def test_bad_language_codes_are_400_on_the_course_page(as_secretariat):
    course = Course.objects.create(code="CP-1", title="T")
    response = as_secretariat.post(
        reverse("curriculum:version_create", args=[course.pk]), {"languages": "en, English!"}
    )
    assert response.status_code == 400
    assert "english!" in response.context["version_form"].errors["languages"][0]
    assert not course.versions.exists()


def test_secretariat_edits_a_draft(as_secretariat):
    version = make_course_version(VersionStatus.DRAFT)
    page = as_secretariat.get(reverse("curriculum:version_update", args=[version.pk]))
    assert page.status_code == 200
    assert 'value="en"' in page.content.decode()

    response = as_secretariat.post(
        reverse("curriculum:version_update", args=[version.pk]),
        {"summary": "New summary", "learning_outcomes": "Outcomes.", "languages": "fr,ar"},
    )

    version.refresh_from_db()
    assert response.status_code == 302
    assert (version.summary, version.languages) == ("New summary", ["fr", "ar"])
    assert Event.objects.filter(verb="course_version.updated", object_id=str(version.pk)).exists()


def test_an_approved_version_cannot_be_edited(as_secretariat):
    version = make_course_version(VersionStatus.APPROVED)
    page = as_secretariat.get(reverse("curriculum:version_update", args=[version.pk]))
    assert page.status_code == 302 and page["Location"] == version.get_absolute_url()
    response = as_secretariat.post(
        reverse("curriculum:version_update", args=[version.pk]),
        {"summary": "Sneaky", "learning_outcomes": "x"},
    )
    assert response.status_code == 400
    assert "Only a draft can be edited" in response.context["form"].non_field_errors()[0]
    version.refresh_from_db()
    assert version.summary == ""


# --- Modules ----------------------------------------------------------------------------------


def test_secretariat_adds_a_module_with_topics(as_secretariat):
    version = make_course_version(VersionStatus.DRAFT)
    topics = Topic.objects.filter(code__in=["use-of-force", "human-rights"])
    assert (
        as_secretariat.get(reverse("curriculum:module_create", args=[version.pk])).status_code
        == 200
    )
    response = as_secretariat.post(
        reverse("curriculum:module_create", args=[version.pk]),
        {
            "title": "Use of force",
            "hours": "3.5",
            "learning_outcomes": "Apply necessity.",
            "methods": "Scenario training",
            "topics": [t.pk for t in topics],
        },
    )
    module = version.modules.get(title="Use of force")
    assert response.status_code == 302 and response["Location"] == version.get_absolute_url()
    assert (module.order, module.hours) == (2, Decimal("3.5"))
    assert set(module.topics.all()) == set(topics)
    assert Event.objects.filter(verb="module.added", object_id=str(module.pk)).exists()


def test_add_another_returns_to_the_module_form(as_secretariat):
    version = make_course_version(VersionStatus.DRAFT)
    response = as_secretariat.post(
        reverse("curriculum:module_create", args=[version.pk]),
        {"title": "M", "hours": "1", "learning_outcomes": "O", "add_another": "1"},
    )
    assert response["Location"] == reverse("curriculum:module_create", args=[version.pk])


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("0", "Hours must be more than zero."),
        ("-2", "Hours must be more than zero."),
        ("lots", None),
        ("1.25", None),
    ],
)
def test_bad_module_hours_are_400_with_field_error(as_secretariat, hours, message):
    version = make_course_version(VersionStatus.DRAFT)
    response = as_secretariat.post(
        reverse("curriculum:module_create", args=[version.pk]),
        {"title": "M", "hours": hours, "learning_outcomes": "O"},
    )
    assert response.status_code == 400
    errors = response.context["form"].errors["hours"]
    if message:
        assert errors == [message]
    assert version.modules.count() == 1


def test_modules_cannot_be_added_to_a_version_in_review(as_secretariat):
    version = make_course_version(VersionStatus.IN_REVIEW)
    page = as_secretariat.get(reverse("curriculum:module_create", args=[version.pk]))
    assert page.status_code == 302
    response = as_secretariat.post(
        reverse("curriculum:module_create", args=[version.pk]),
        {"title": "Late", "hours": "1", "learning_outcomes": "O"},
    )
    assert response.status_code == 400
    assert "only to a draft" in response.context["form"].non_field_errors()[0]
    assert not version.modules.filter(title="Late").exists()


def test_secretariat_removes_a_module_from_a_draft(as_secretariat):
    version = make_course_version(VersionStatus.DRAFT)
    module = version.modules.get()
    response = as_secretariat.post(reverse("curriculum:module_remove", args=[module.pk]))
    assert response.status_code == 302 and response["Location"] == version.get_absolute_url()
    assert not Module.objects.filter(pk=module.pk).exists()
    assert Event.objects.filter(verb="module.removed", object_id=str(module.pk)).exists()


def test_removing_a_module_of_an_approved_version_is_refused(as_secretariat):
    version = make_course_version(VersionStatus.APPROVED)
    module = version.modules.get()
    response = as_secretariat.post(reverse("curriculum:module_remove", args=[module.pk]))
    assert response.status_code == 400
    assert "only from a draft" in response.context["action_error"]
    assert Module.objects.filter(pk=module.pk).exists()


# --- Submitting -------------------------------------------------------------------------------


def test_secretariat_submits_a_draft_for_review(as_secretariat):
    version = make_course_version(VersionStatus.DRAFT)
    response = as_secretariat.post(reverse("curriculum:version_submit", args=[version.pk]))
    version.refresh_from_db()
    assert response.status_code == 302
    assert version.status == VersionStatus.IN_REVIEW and version.submitted_at
    assert Event.objects.filter(verb="course_version.submitted", object_id=str(version.pk)).exists()


def test_submitting_without_modules_or_outcomes_is_400_with_the_reason(as_secretariat):
    version = make_course_version(VersionStatus.DRAFT)
    version.modules.all().delete()
    response = as_secretariat.post(reverse("curriculum:version_submit", args=[version.pk]))
    assert response.status_code == 400
    assert "Add at least one module" in response.content.decode()
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    assert not Event.objects.filter(verb="course_version.submitted").exists()

    unstated = make_course_version(VersionStatus.DRAFT, learning_outcomes="")
    response = as_secretariat.post(reverse("curriculum:version_submit", args=[unstated.pk]))
    assert response.status_code == 400
    assert "learning outcomes" in response.context["action_error"]


def test_courses_and_versions_are_counted(as_secretariat):
    make_course_version()
    assert CourseVersion.objects.count() == 1
