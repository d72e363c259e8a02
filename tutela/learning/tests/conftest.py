"""Fixtures for the learning tests: a running activity with a director and three enrolled
trainees."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from tutela.accounts.models import User
from tutela.activities.models import Activity, ActivityStatus
from tutela.nominations.models import Enrolment, Nomination, NominationStatus
from tutela.partners.models import Partner
from tutela.testing import make_activity, make_agency, make_nomination, make_officer, make_unit


@dataclass
class Course:
    activity: Activity
    trainees: list[Nomination]


def enrol(nomination: Nomination, by: User, number: str) -> Nomination:
    Enrolment.objects.create(nomination=nomination, enrolled_by=by, invitation_number=number)
    nomination.status = NominationStatus.ENROLLED
    nomination.save(update_fields=["status"])
    return nomination


@pytest.fixture
def course(partner_a: Partner, director: User, secretariat: User) -> Course:
    """Started four days ago, ends in five days (ten days); the director directs it."""
    today = timezone.localdate()
    activity = make_activity(
        status=ActivityStatus.RUNNING,
        starts_on=today - dt.timedelta(days=4),
        ends_on=today + dt.timedelta(days=5),
        director=director,
    )
    unit = make_unit(make_agency(partner_a))
    people = []
    for i, email in enumerate(["amina@example.org", "", "chen@example.org"], start=1):
        officer = make_officer(unit, email=email, birth_date=dt.date(1980 + i, 3, 14))
        nomination = make_nomination(activity, officer, nominated_by=secretariat)
        people.append(enrol(nomination, secretariat, f"INV-2026-{i:06d}"))
    return Course(activity, people)


def finish(activity: Activity, *, days_ago: int = 1) -> Activity:
    """Move the activity into the past, ten days long, ending `days_ago` days ago."""
    today = timezone.localdate()
    activity.ends_on = today - dt.timedelta(days=days_ago)
    activity.starts_on = activity.ends_on - dt.timedelta(days=9)
    activity.save(update_fields=["starts_on", "ends_on"])
    return activity


@pytest.fixture
def as_client() -> Any:
    from django.test import Client

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
