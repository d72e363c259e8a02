"""Reviewer assignment, comments per module, decisions, two reviewers for high-risk topics,
the scheduling gate and the difference from the previous approved version."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from tutela.accounts.models import Role
from tutela.activities.actions import check_course_version, schedule_activity
from tutela.activities.models import Mode
from tutela.audit.models import Event
from tutela.curriculum.actions import (
    add_module,
    assign_reviewer,
    comment_on_module,
    create_course,
    create_version,
    link_provision,
    review_version,
    submit_version,
)
from tutela.curriculum.diff import diff_versions
from tutela.curriculum.models import (
    ModuleComment,
    Provision,
    Review,
    ReviewOutcome,
    Topic,
    VersionStatus,
)
from tutela.lib.errors import ActionError, Conflict, GateClosed, NotAllowed
from tutela.testing import country, make_course_version, make_user

pytestmark = pytest.mark.django_db

CROWD_LINKS = ["UN-BPUFF-1990:P13", "UN-LLW-2020:S6.3", "ICCPR-1966:A21"]


def _version(secretariat, *, topic="crowd-management", code="PO-1"):
    course = create_course(code=code, title="Public order", by=secretariat)
    version = create_version(course, by=secretariat, learning_outcomes="Police assemblies.")
    module = add_module(
        version,
        by=secretariat,
        title="Facilitating assemblies",
        hours=Decimal(6),
        learning_outcomes="Negotiate; disperse with minimum force.",
        topics=list(Topic.objects.filter(code=topic)),
    )
    if topic == "crowd-management":
        for code_ in CROWD_LINKS:
            link_provision(
                module,
                provision=Provision.objects.get(code=code_),
                how="Exercise.",
                by=secretariat,
            )
    return version


def _schedule(by, version):
    start = dt.date.today() + dt.timedelta(days=40)
    return schedule_activity(
        by=by,
        code="A-1",
        title="Delivery",
        mode=Mode.ACADEMY_COURSE,
        course_version=version,
        starts_on=start,
        ends_on=start + dt.timedelta(days=4),
        country=country("FR"),
        capacity=10,
    )


@pytest.fixture
def second_reviewer(db):
    return make_user(Role.REVIEWER, username="reviewer-2")


def test_only_an_assigned_reviewer_reviews(catalogue, secretariat, reviewer):
    version = _version(secretariat, topic="community-policing")
    submit_version(version, by=secretariat)
    with pytest.raises(NotAllowed, match="assigned"):
        review_version(version, by=reviewer, outcome="approved", comments="Fine.")
    assign_reviewer(version, reviewer=reviewer, by=secretariat)
    review_version(version, by=reviewer, outcome="approved", comments="Fine.")
    version.refresh_from_db()
    assert version.status == VersionStatus.APPROVED
    assert version.review_is_complete()


def test_assignment_rules(catalogue, secretariat, reviewer, analyst):
    version = _version(secretariat)
    with pytest.raises(NotAllowed):
        assign_reviewer(version, reviewer=reviewer, by=reviewer)
    with pytest.raises(ActionError) as refused:
        assign_reviewer(version, reviewer=analyst, by=secretariat)
    assert refused.value.field == "reviewer"
    assign_reviewer(version, reviewer=reviewer, by=secretariat)
    with pytest.raises(Conflict):
        assign_reviewer(version, reviewer=reviewer, by=secretariat)
    assert Event.objects.filter(verb="course_version.reviewer_assigned").count() == 1


def test_high_risk_needs_two_different_reviewers_and_the_gate_waits_for_both(
    catalogue, secretariat, reviewer, second_reviewer
):
    version = _version(secretariat)
    assert version.approvals_needed() == 2
    submit_version(version, by=secretariat)
    assign_reviewer(version, reviewer=reviewer, by=secretariat)
    assign_reviewer(version, reviewer=second_reviewer, by=secretariat)

    review_version(version, by=reviewer, outcome="approved", comments="Covers BPUFF 13.")
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_REVIEW
    assert Event.objects.filter(verb="course_version.approval_recorded").exists()
    with pytest.raises(GateClosed):
        _schedule(secretariat, version)
    with pytest.raises(Conflict, match="different reviewer"):
        review_version(version, by=reviewer, outcome="approved", comments="Again.")

    review_version(version, by=second_reviewer, outcome="approved", comments="Agreed.")
    version.refresh_from_db()
    assert version.status == VersionStatus.APPROVED and version.approved_by == second_reviewer
    assert _schedule(secretariat, version).course_version == version


def test_the_gate_refuses_an_approved_version_whose_review_is_incomplete(
    catalogue, secretariat, reviewer
):
    version = _version(secretariat)
    # Marked approved with one approval only (as data written around the actions would be).
    version.status = VersionStatus.APPROVED
    version.save()
    Review.objects.create(
        version=version, reviewer=reviewer, outcome=ReviewOutcome.APPROVED, comments="ok"
    )
    with pytest.raises(GateClosed, match="needs 2 approval"):
        check_course_version(Mode.ACADEMY_COURSE, version)
    bare = make_course_version(VersionStatus.APPROVED)
    bare.reviews.all().delete()
    with pytest.raises(GateClosed, match="has not completed its review"):
        check_course_version(Mode.ACADEMY_COURSE, bare)


def test_approvals_count_only_since_the_last_submission(
    catalogue, secretariat, reviewer, second_reviewer
):
    version = _version(secretariat)
    submit_version(version, by=secretariat)
    assign_reviewer(version, reviewer=reviewer, by=secretariat)
    assign_reviewer(version, reviewer=second_reviewer, by=secretariat)
    review_version(version, by=reviewer, outcome="approved", comments="Fine.")
    review_version(
        version, by=second_reviewer, outcome="changes_requested", comments="Add exercise."
    )
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    submit_version(version, by=secretariat)
    assert version.current_approvers() == []
    review_version(version, by=second_reviewer, outcome="approved", comments="Now fine.")
    version.refresh_from_db()
    assert version.status == VersionStatus.IN_REVIEW  # still needs a second, different one


def test_rejection_needs_reasons_and_ends_the_version(catalogue, secretariat, reviewer):
    version = _version(secretariat)
    submit_version(version, by=secretariat)
    assign_reviewer(version, reviewer=reviewer, by=secretariat)
    with pytest.raises(ActionError) as refused:
        review_version(version, by=reviewer, outcome="rejected", comments=" ")
    assert refused.value.field == "comments"
    review_version(version, by=reviewer, outcome="rejected", comments="Teaches kettling.")
    version.refresh_from_db()
    assert version.status == VersionStatus.REJECTED
    with pytest.raises(GateClosed):
        _schedule(secretariat, version)
    assert Event.objects.filter(verb="course_version.rejected").exists()


def test_comments_per_module_by_assigned_reviewers_and_the_secretariat(
    catalogue, secretariat, reviewer, second_reviewer, liaison_a
):
    version = _version(secretariat)
    module = version.modules.get()
    assign_reviewer(version, reviewer=reviewer, by=secretariat)
    comment_on_module(module, by=reviewer, text="Add a water-cannon scenario.")
    comment_on_module(module, by=secretariat, text="Added.")
    for outsider in (second_reviewer, liaison_a):
        with pytest.raises(NotAllowed):
            comment_on_module(module, by=outsider, text="x")
    assert [c.text for c in ModuleComment.objects.all()] == [
        "Add a water-cannon scenario.",
        "Added.",
    ]


def test_review_pages_assign_comment_and_decide(
    catalogue, secretariat, reviewer, as_secretariat, as_reviewer
):
    version = _version(secretariat, topic="community-policing")
    submit_version(version, by=secretariat)
    module = version.modules.get()
    # Not yet assigned: no review form, commenting refused.
    assert as_reviewer.get(version.get_absolute_url()).context["review_form"] is None
    response = as_reviewer.post(
        reverse("curriculum:module_comment", args=[module.pk]), {"text": "x"}
    )
    assert response.status_code == 403
    assert (
        as_reviewer.post(
            reverse("curriculum:version_assign", args=[version.pk]), {"reviewer": reviewer.pk}
        ).status_code
        == 403
    )
    response = as_secretariat.post(
        reverse("curriculum:version_assign", args=[version.pk]), {"reviewer": reviewer.pk}
    )
    assert response.status_code == 302
    page = as_reviewer.get(version.get_absolute_url())
    assert page.context["review_form"] is not None
    as_reviewer.post(
        reverse("curriculum:module_comment", args=[module.pk]), {"text": "Clear outcomes."}
    )
    assert "Clear outcomes." in as_secretariat.get(version.get_absolute_url()).content.decode()
    response = as_reviewer.post(
        reverse("curriculum:version_review", args=[version.pk]),
        {"outcome": "rejected", "comments": "Out of scope."},
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.REJECTED


def test_api_assign_comment_and_two_approvals(
    catalogue, secretariat, reviewer, second_reviewer, as_secretariat, as_reviewer
):
    version = _version(secretariat)
    submit_version(version, by=secretariat)
    api = "/api/v1/curriculum"
    for who in (reviewer, second_reviewer):
        response = as_secretariat.post(
            f"{api}/versions/{version.pk}/assignments",
            json.dumps({"reviewer": who.pk}),
            "application/json",
        )
        assert response.status_code == 201
    module = version.modules.get()
    response = as_reviewer.post(
        f"{api}/modules/{module.pk}/comments", json.dumps({"text": "Good."}), "application/json"
    )
    assert response.status_code == 201
    body = json.dumps({"outcome": "approved", "comments": "Fine."})
    assert (
        as_reviewer.post(
            f"{api}/versions/{version.pk}/review", body, "application/json"
        ).status_code
        == 201
    )
    again = as_reviewer.post(f"{api}/versions/{version.pk}/review", body, "application/json")
    assert again.status_code == 409


def test_the_difference_from_the_previous_approved_version(
    catalogue, secretariat, reviewer, as_oversight
):
    v1 = _version(secretariat, topic="community-policing")
    add_module(
        v1,
        by=secretariat,
        title="Community meetings",
        hours=Decimal(2),
        learning_outcomes="Run a meeting.",
    )
    submit_version(v1, by=secretariat)
    assign_reviewer(v1, reviewer=reviewer, by=secretariat)
    review_version(v1, by=reviewer, outcome="approved", comments="Fine.")
    v2 = create_version(v1.course, by=secretariat, copy_from=v1)
    first, second = v2.modules.order_by("order")
    first.learning_outcomes = "Negotiate; disperse with the minimum force, or none."
    first.hours = Decimal(8)
    first.save()
    second.delete()
    add_module(
        v2, by=secretariat, title="Complaints", hours=Decimal(2), learning_outcomes="Take one."
    )

    changes = {c.title: c for c in diff_versions(v1, v2)}
    assert changes["Facilitating assemblies"].kind == "changed"
    assert {f.label for f in changes["Facilitating assemblies"].changes} == {
        "Hours",
        "Learning outcomes",
    }
    assert changes["Community meetings"].kind == "removed"
    assert changes["Complaints"].kind == "added"

    html = as_oversight.get(reverse("curriculum:version_diff", args=[v2.pk])).content.decode()
    assert "<ins" in html and "or none." in html
    body = as_oversight.get(f"/api/v1/curriculum/versions/{v2.pk}/diff").json()
    assert body["previous_approved"] == v1.pk
    assert sorted(m["kind"] for m in body["modules"]) == ["added", "changed", "removed"]
