"""The curriculum review workflow and the scheduling gate it guards."""

import datetime as dt
from decimal import Decimal

import pytest

from tutela.activities.actions import schedule_activity, set_activity_status
from tutela.activities.models import Mode
from tutela.audit.models import Event
from tutela.curriculum.actions import (
    add_module,
    assign_reviewer,
    create_course,
    create_version,
    retire_version,
    review_version,
    submit_version,
)
from tutela.curriculum.models import Topic, VersionStatus
from tutela.lib.errors import ActionError, Conflict, GateClosed, NotAllowed
from tutela.testing import country, make_course_version

pytestmark = pytest.mark.django_db


def _draft(secretariat):
    course = create_course(code="cp-101", title="Community policing", by=secretariat)
    version = create_version(course, by=secretariat, learning_outcomes="Apply the principles.")
    add_module(
        version,
        by=secretariat,
        title="Principles",
        hours=Decimal("6"),
        learning_outcomes="State them.",
        topics=list(Topic.objects.filter(code="human-rights")),
    )
    return version


def _schedule(by, version, mode=Mode.ACADEMY_COURSE, code="A-1"):
    start = dt.date.today() + dt.timedelta(days=40)
    return schedule_activity(
        by=by,
        code=code,
        title="Delivery",
        mode=mode,
        course_version=version,
        starts_on=start,
        ends_on=start + dt.timedelta(days=4),
        country=country("FR"),
        capacity=10,
    )


def test_version_goes_draft_review_approved_and_can_then_be_scheduled(secretariat, reviewer):
    version = _draft(secretariat)
    assert version.course.code == "CP-101"

    with pytest.raises(GateClosed, match="only an approved course version"):
        _schedule(secretariat, version)

    submit_version(version, by=secretariat)
    with pytest.raises(GateClosed):
        _schedule(secretariat, version)
    assign_reviewer(version, reviewer=reviewer, by=secretariat)
    review_version(version, by=reviewer, outcome="approved", comments="Meets the standards.")

    version.refresh_from_db()
    assert version.status == VersionStatus.APPROVED and version.approved_by == reviewer
    activity = _schedule(secretariat, version)
    assert activity.course_version == version
    assert Event.objects.filter(verb="course_version.approved").count() == 1
    assert Event.objects.filter(verb="activity.scheduled").count() == 1


def test_changes_requested_returns_the_version_to_draft(secretariat, reviewer):
    version = _draft(secretariat)
    submit_version(version, by=secretariat)
    assign_reviewer(version, reviewer=reviewer, by=secretariat)
    review_version(version, by=reviewer, outcome="changes_requested", comments="Add use of force.")
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    assert version.reviews.get().outcome == "changes_requested"


def test_only_reviewers_review_and_only_secretariat_writes(secretariat, reviewer, liaison_a):
    version = _draft(secretariat)
    submit_version(version, by=secretariat)
    with pytest.raises(NotAllowed):
        review_version(version, by=secretariat, outcome="approved", comments="Self-approval")
    with pytest.raises(NotAllowed):
        create_course(code="X", title="X", by=reviewer)
    with pytest.raises(NotAllowed):
        create_course(code="X", title="X", by=liaison_a)


def test_review_needs_comments_and_a_version_in_review(secretariat, reviewer):
    version = _draft(secretariat)
    with pytest.raises(Conflict):
        review_version(version, by=reviewer, outcome="approved", comments="ok")
    submit_version(version, by=secretariat)
    assign_reviewer(version, reviewer=reviewer, by=secretariat)
    with pytest.raises(ActionError) as refused:
        review_version(version, by=reviewer, outcome="approved", comments="  ")
    assert refused.value.field == "comments"


def test_empty_version_cannot_be_submitted_and_approved_one_cannot_be_edited(secretariat):
    course = create_course(code="EMPTY", title="Empty", by=secretariat)
    empty = create_version(course, by=secretariat, learning_outcomes="x")
    with pytest.raises(ActionError, match="at least one module"):
        submit_version(empty, by=secretariat)
    approved = make_course_version()
    with pytest.raises(Conflict):
        add_module(approved, by=secretariat, title="Late", hours=Decimal(1), learning_outcomes="x")


def test_new_version_copies_modules_and_numbers_up(secretariat):
    version = _draft(secretariat)
    second = create_version(version.course, by=secretariat, copy_from=version)
    assert second.number == 2
    assert [m.title for m in second.modules.all()] == ["Principles"]
    assert list(second.modules.get().topics.values_list("code", flat=True)) == ["human-rights"]


def test_exchange_placement_needs_no_version_but_other_modes_do(secretariat):
    exchange = _schedule(secretariat, None, mode=Mode.EXCHANGE_PLACEMENT, code="EX-1")
    assert exchange.course_version is None
    with pytest.raises(GateClosed):
        _schedule(secretariat, None, mode=Mode.CONSULTANT_MISSION, code="CM-1")


def test_retired_version_cannot_open_an_activity(secretariat):
    version = make_course_version()
    activity = _schedule(secretariat, version)
    retire_version(version, by=secretariat)
    with pytest.raises(GateClosed):
        set_activity_status(activity, "open", by=secretariat)
