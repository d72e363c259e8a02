"""The pledges API: progress figures with the counting rule, and recording pledges."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tutela.activities.models import Activity
from tutela.audit.models import Event
from tutela.nominations.models import Nomination, NominationStatus
from tutela.partners.models import Partner
from tutela.pledges.models import Pledge, Scope
from tutela.testing import (
    country,
    make_activity,
    make_agency,
    make_nomination,
    make_officer,
    make_unit,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/pledges"


def post(client: Client, body: dict[str, Any]) -> Any:
    return client.post(API, body, content_type="application/json")


def _pledge(**overrides: Any) -> Pledge:
    today = dt.date.today()
    fields = {
        "title": "5,000 opportunities",
        "opportunities": 5000,
        "starts_on": today - dt.timedelta(days=365),
        "ends_on": today + dt.timedelta(days=365),
    }
    fields.update(overrides)
    return Pledge.objects.create(**fields)


def _completed(partner: Partner, activity: Activity) -> Nomination:
    officer = make_officer(make_unit(make_agency(partner)))
    return make_nomination(activity=activity, officer=officer, status=NominationStatus.COMPLETED)


def test_pledges_carry_progress_and_the_counting_rule(as_oversight, partner_a, partner_b):
    world = _pledge()
    kenya = _pledge(title="Kenya", opportunities=10, scope=Scope.COUNTRY, country=country("KE"))
    activity = make_activity()
    _completed(partner_a, activity)
    _completed(partner_a, activity)
    _completed(partner_b, activity)

    response = as_oversight.get(API)

    assert response.status_code == 200
    body = response.json()
    assert "completed enrolments" in body["counting_rule"]
    by_id = {p["id"]: p for p in body["items"]}
    assert by_id[world.pk]["progress"]["delivered"] == 3
    assert by_id[kenya.pk]["progress"] == {
        "pledged": 10,
        "delivered": 2,
        "officers": 2,
        "overrides": 0,
        "percent": 20.0,
    }
    assert by_id[kenya.pk]["country"] == "KE"


def test_liaisons_read_the_published_pledges(as_liaison_a):
    _pledge()

    assert as_liaison_a.get(API).json()["count"] == 1


def test_pledge_list_query_count_does_not_grow_with_pledges(
    as_secretariat, django_assert_max_num_queries
):
    for n in range(20):
        _pledge(title=f"Pledge {n}")

    # session, user, count, page, and one UNION ALL aggregate for the page's progress figures
    with django_assert_max_num_queries(5):
        response = as_secretariat.get(API, {"limit": 20})

    assert len(response.json()["items"]) == 20


def test_secretariat_records_a_regional_pledge(as_secretariat):
    response = post(
        as_secretariat,
        {
            "title": "1,000 for Africa",
            "opportunities": 1000,
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "scope": "region",
            "region_code": "002",
        },
    )

    assert response.status_code == 201
    pledge = Pledge.objects.get(pk=response.json()["id"])
    assert pledge.scope == Scope.REGION
    assert response.json()["scope_label"] == "Africa"
    assert response.json()["progress"]["delivered"] == 0
    assert Event.objects.filter(verb="pledge.recorded", object_id=str(pledge.pk)).exists()


def test_liaison_may_not_record_a_pledge(as_liaison_a):
    response = post(
        as_liaison_a,
        {"title": "x", "opportunities": 1, "starts_on": "2026-01-01", "ends_on": "2026-12-31"},
    )

    assert response.status_code == 403
    assert not Pledge.objects.exists()


def test_end_before_start_is_refused_on_ends_on(as_secretariat):
    response = post(
        as_secretariat,
        {"title": "x", "opportunities": 5, "starts_on": "2026-01-01", "ends_on": "2025-12-31"},
    )

    assert response.status_code == 400
    assert response.json()["field"] == "ends_on"


def test_zero_opportunities_is_a_422_on_the_field(as_secretariat):
    response = post(
        as_secretariat,
        {"title": "x", "opportunities": 0, "starts_on": "2026-01-01", "ends_on": "2026-12-31"},
    )

    assert response.status_code == 422
    assert ["body", "payload", "opportunities"] in [e["loc"] for e in response.json()["detail"]]


def test_unknown_region_is_refused_on_the_field(as_secretariat):
    response = post(
        as_secretariat,
        {
            "title": "x",
            "opportunities": 5,
            "scope": "region",
            "region_code": "777",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
        },
    )

    assert response.status_code == 400
    assert response.json()["field"] == "region_code"


def test_country_pledge_without_a_country_is_refused(as_secretariat):
    response = post(
        as_secretariat,
        {
            "title": "x",
            "opportunities": 5,
            "scope": "country",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
        },
    )

    assert response.status_code == 400
    assert response.json()["field"] == "country"


def test_share_larger_than_its_parent_is_refused(as_secretariat):
    parent = _pledge(opportunities=100)

    response = post(
        as_secretariat,
        {
            "title": "x",
            "opportunities": 500,
            "parent": parent.pk,
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
        },
    )

    assert response.status_code == 400
    assert response.json()["field"] == "opportunities"
