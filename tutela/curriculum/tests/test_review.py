import pytest
from django.urls import reverse

from tutela.audit.models import Event
from tutela.curriculum.models import Review, VersionStatus
from tutela.testing import assign_reviewer, make_course_version

pytestmark = pytest.mark.django_db


def test_reviewer_sees_the_review_form_only_on_versions_in_review(
    as_reviewer, reviewer, as_secretariat
):
    in_review = make_course_version(VersionStatus.IN_REVIEW)
    assign_reviewer(in_review, reviewer)
    draft = make_course_version(VersionStatus.DRAFT)
    action = reverse("curriculum:version_review", args=[in_review.pk])
    assert action in as_reviewer.get(in_review.get_absolute_url()).content.decode()
    assert action not in as_secretariat.get(in_review.get_absolute_url()).content.decode()
    assert as_reviewer.get(draft.get_absolute_url()).context["review_form"] is None


def test_reviewer_approves_with_comments(as_reviewer, reviewer):
    version = make_course_version(VersionStatus.IN_REVIEW)
    assign_reviewer(version, reviewer)
    response = as_reviewer.post(
        reverse("curriculum:version_review", args=[version.pk]),
        {"outcome": "approved", "comments": "Aligned with the Code of Conduct."},
    )
    version.refresh_from_db()
    assert response.status_code == 302
    assert (version.status, version.approved_by) == (VersionStatus.APPROVED, reviewer)
    review = Review.objects.get(version=version)
    assert review.comments == "Aligned with the Code of Conduct."
    assert Event.objects.filter(verb="course_version.approved", object_id=str(version.pk)).exists()
    page = as_reviewer.get(version.get_absolute_url()).content.decode()
    assert "Aligned with the Code of Conduct." in page


def test_reviewer_requests_changes_sending_the_version_back_to_draft(as_reviewer, reviewer):
    version = make_course_version(VersionStatus.IN_REVIEW)
    assign_reviewer(version, reviewer)
    as_reviewer.post(
        reverse("curriculum:version_review", args=[version.pk]),
        {"outcome": "changes_requested", "comments": "Add a module on use of force."},
    )
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    assert Event.objects.filter(verb="course_version.changes_requested").exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"outcome": "approved", "comments": ""}, "comments"),
        ({"outcome": "approved", "comments": "   "}, "comments"),
        ({"outcome": "rubber-stamp", "comments": "Fine"}, "outcome"),
    ],
)
def test_bad_review_is_400_with_field_error(as_reviewer, reviewer, data, field):
    version = make_course_version(VersionStatus.IN_REVIEW)
    assign_reviewer(version, reviewer)
    response = as_reviewer.post(reverse("curriculum:version_review", args=[version.pk]), data)
    assert response.status_code == 400
    assert response.context["review_form"].errors[field]
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_REVIEW
    assert not Review.objects.exists()


def test_reviewing_a_version_not_in_review_is_400_with_the_reason(as_reviewer, reviewer):
    version = make_course_version(VersionStatus.DRAFT)
    response = as_reviewer.post(
        reverse("curriculum:version_review", args=[version.pk]),
        {"outcome": "approved", "comments": "Fine"},
    )
    assert response.status_code == 400
    assert "Only a version in review can be reviewed." in response.content.decode()
    assert response.context["review_form"] is None
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


@pytest.mark.parametrize("client_name", ["as_secretariat", "as_liaison_a", "as_oversight"])
def test_only_reviewers_review(request, client_name):
    version = make_course_version(VersionStatus.IN_REVIEW)
    client = request.getfixturevalue(client_name)
    response = client.post(
        reverse("curriculum:version_review", args=[version.pk]),
        {"outcome": "approved", "comments": "Self-approved."},
    )
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_REVIEW


def test_secretariat_retires_an_approved_version(as_secretariat):
    version = make_course_version(VersionStatus.APPROVED)
    page = as_secretariat.get(version.get_absolute_url()).content.decode()
    assert reverse("curriculum:version_retire", args=[version.pk]) in page
    response = as_secretariat.post(reverse("curriculum:version_retire", args=[version.pk]))
    version.refresh_from_db()
    assert response.status_code == 302
    assert version.status == VersionStatus.RETIRED and version.retired_at
    assert Event.objects.filter(verb="course_version.retired", object_id=str(version.pk)).exists()


def test_retiring_a_draft_is_400_and_reviewers_may_not_retire(
    as_secretariat, as_reviewer, reviewer
):
    draft = make_course_version(VersionStatus.DRAFT)
    response = as_secretariat.post(reverse("curriculum:version_retire", args=[draft.pk]))
    assert response.status_code == 400
    assert "Only an approved version can be retired." in response.content.decode()
    approved = make_course_version(VersionStatus.APPROVED)
    assert (
        as_reviewer.post(reverse("curriculum:version_retire", args=[approved.pk])).status_code
        == 403
    )
    approved.refresh_from_db()
    assert approved.status == VersionStatus.APPROVED


@pytest.mark.parametrize(
    ("status", "moves"),
    [
        (VersionStatus.DRAFT, ["edit", "submit"]),
        (VersionStatus.IN_REVIEW, ["approve", "request_changes", "reject"]),
        (VersionStatus.APPROVED, ["retire"]),
        (VersionStatus.REJECTED, []),
        (VersionStatus.RETIRED, []),
    ],
)
def test_the_page_lists_the_transitions_available_from_each_status(as_oversight, status, moves):
    version = make_course_version(status)
    response = as_oversight.get(version.get_absolute_url())
    transitions = response.context["transitions"]
    assert [t.name for t in transitions] == moves
    assert not any(t.allowed for t in transitions)  # oversight reads only
    assert response.context["can"] == set()
