"""The activities API: listing with filters, scheduling, status, seat requests and allocation."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tutela.accounts.models import Role
from tutela.activities.models import Activity, ActivityStatus, Mode, SeatAllocation, SeatRequest
from tutela.audit.models import Event
from tutela.curriculum.models import VersionStatus
from tutela.testing import country, make_activity, make_course_version, make_user

pytestmark = pytest.mark.django_db

API = "/api/v1/activities"


def post(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(url, body or {}, content_type="application/json")


def _schedule_body(**overrides: Any) -> dict[str, Any]:
    body = {
        "code": "CP-2026-01",
        "title": "Community policing, Nairobi",
        "mode": "consultant_mission",
        "course_version": make_course_version().pk,
        "starts_on": "2026-09-01",
        "ends_on": "2026-09-10",
        "country": "KE",
        "capacity": 24,
        "location": "Nairobi",
        "languages": ["en", "sw"],
    }
    body.update(overrides)
    return body


def test_secretariat_lists_activities_with_their_course(as_secretariat):
    activity = make_activity(title="Crowd management")

    response = as_secretariat.get(API)

    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["title"] == "Crowd management"
    assert item["course"] == str(activity.course_version)
    assert item["country"] == "FR"


def test_list_filters_by_mode_status_country_and_dates(as_secretariat):
    start = dt.date(2026, 6, 1)
    wanted = make_activity(
        mode=Mode.CONSULTANT_MISSION,
        country=country("KE"),
        starts_on=start,
        ends_on=start + dt.timedelta(days=3),
    )
    make_activity(mode=Mode.ONLINE, country=country("KE"), starts_on=start, ends_on=start)
    make_activity(
        mode=Mode.CONSULTANT_MISSION, country=country("PE"), starts_on=start, ends_on=start
    )
    make_activity(
        mode=Mode.CONSULTANT_MISSION,
        country=country("KE"),
        status=ActivityStatus.PLANNED,
        starts_on=start,
        ends_on=start,
    )
    later = dt.date(2027, 1, 1)
    make_activity(
        mode=Mode.CONSULTANT_MISSION, country=country("KE"), starts_on=later, ends_on=later
    )

    response = as_secretariat.get(
        API,
        {
            "mode": "consultant_mission",
            "status": "open",
            "country": "ke",
            "starts_from": "2026-05-01",
            "starts_until": "2026-12-31",
        },
    )

    assert [a["id"] for a in response.json()["items"]] == [wanted.pk]


def test_list_is_paginated(as_secretariat):
    for _ in range(5):
        make_activity()

    response = as_secretariat.get(API, {"limit": 2, "offset": 4})

    assert response.json()["count"] == 5
    assert len(response.json()["items"]) == 1


def test_bad_filter_values_are_422_naming_the_parameter(as_secretariat):
    response = as_secretariat.get(API, {"mode": "teleport", "starts_from": "soon"})

    assert response.status_code == 422
    locations = [e["loc"] for e in response.json()["detail"]]
    assert ["query", "mode"] in locations
    assert ["query", "starts_from"] in locations


def test_activity_list_queries_are_bounded(as_secretariat, django_assert_max_num_queries):
    for _ in range(22):
        make_activity()

    with django_assert_max_num_queries(5):
        response = as_secretariat.get(API)

    assert response.json()["count"] == 22


def test_liaison_sees_open_activities_and_those_allocated_to_them(as_liaison_a, partner_a):
    open_one = make_activity(status=ActivityStatus.OPEN)
    planned = make_activity(status=ActivityStatus.PLANNED)
    allocated = make_activity(status=ActivityStatus.PLANNED)
    SeatAllocation.objects.create(activity=allocated, partner=partner_a, requested=2, seats=2)

    response = as_liaison_a.get(API)

    ids = {a["id"] for a in response.json()["items"]}
    assert ids == {open_one.pk, allocated.pk}
    assert as_liaison_a.get(f"{API}/{planned.pk}").status_code == 404


def test_instructor_sees_only_their_own_activities(as_director, director):
    mine = make_activity(director=director)
    make_activity()

    response = as_director.get(API)

    assert [a["id"] for a in response.json()["items"]] == [mine.pk]


def test_detail_shows_allocation_and_a_liaison_sees_only_their_own_request(
    as_liaison_a, as_secretariat, partner_a, partner_b
):
    activity = make_activity()
    SeatRequest.objects.create(activity=activity, partner=partner_a, seats=3)
    SeatRequest.objects.create(activity=activity, partner=partner_b, seats=5)

    mine = as_liaison_a.get(f"{API}/{activity.pk}").json()
    everything = as_secretariat.get(f"{API}/{activity.pk}").json()

    assert [r["partner_id"] for r in mine["seat_requests"]] == [partner_a.pk]
    assert len(everything["seat_requests"]) == 2
    assert everything["enrolled"] == 0
    assert everything["allocations"] == []


def test_secretariat_schedules_an_activity(as_secretariat):
    director = make_user(Role.CONSULTANT)

    response = post(as_secretariat, API, _schedule_body(director=director.pk, staff=[director.pk]))

    assert response.status_code == 201
    body = response.json()
    assert body["mode"] == "consultant_mission"
    assert body["director"] == str(director)
    activity = Activity.objects.get(pk=body["id"])
    assert activity.country.code == "KE"
    assert Event.objects.filter(verb="activity.scheduled", object_id=str(activity.pk)).exists()


def test_exchange_placement_needs_no_course_version(as_secretariat):
    response = post(
        as_secretariat, API, _schedule_body(mode="exchange_placement", course_version=None)
    )

    assert response.status_code == 201


def test_unapproved_course_version_closes_the_curriculum_gate(as_secretariat):
    draft = make_course_version(status=VersionStatus.DRAFT)

    response = post(as_secretariat, API, _schedule_body(course_version=draft.pk))

    assert response.status_code == 409
    assert response.json()["field"] == "course_version"
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"course_version": 999999}, "course_version"),
        ({"ends_on": "2026-08-01"}, "ends_on"),
        ({"country": "QQ"}, "country"),
        ({"director": 999999}, "director"),
        ({"host_institution": 999999}, "host_institution"),
    ],
)
def test_bad_references_are_400_naming_the_field(as_secretariat, override, field):
    response = post(as_secretariat, API, _schedule_body(**override))

    assert response.status_code == 400
    assert response.json()["field"] == field


def test_liaison_as_director_is_refused(as_secretariat, liaison_a):
    response = post(as_secretariat, API, _schedule_body(director=liaison_a.pk))

    assert response.status_code == 400
    assert response.json()["field"] == "director"


def test_schedule_shape_errors_are_422(as_secretariat):
    response = post(as_secretariat, API, _schedule_body(mode="teleport", capacity=0))

    assert response.status_code == 422
    locations = [e["loc"] for e in response.json()["detail"]]
    assert ["body", "payload", "mode"] in locations
    assert ["body", "payload", "capacity"] in locations


@pytest.mark.parametrize("persona", ["as_liaison_a", "as_analyst", "as_oversight", "as_director"])
def test_only_the_secretariat_schedules(request, persona):
    response = post(request.getfixturevalue(persona), API, _schedule_body())

    assert response.status_code == 403
    assert not Activity.objects.exists()


def test_secretariat_opens_a_planned_activity(as_secretariat):
    activity = make_activity(status=ActivityStatus.PLANNED)

    response = post(as_secretariat, f"{API}/{activity.pk}/status", {"status": "open"})

    assert response.status_code == 200
    assert response.json()["status"] == "open"
    assert Event.objects.filter(verb="activity.status_changed").exists()


def test_status_move_outside_the_flow_is_409(as_secretariat):
    activity = make_activity(status=ActivityStatus.OPEN)

    response = post(as_secretariat, f"{API}/{activity.pk}/status", {"status": "completed"})

    assert response.status_code == 409
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.OPEN


def test_liaison_may_not_change_status(as_liaison_a):
    activity = make_activity(status=ActivityStatus.OPEN)

    response = post(as_liaison_a, f"{API}/{activity.pk}/status", {"status": "running"})

    assert response.status_code == 403


def test_liaison_requests_seats_for_their_own_partner(as_liaison_a, partner_a):
    activity = make_activity()

    response = post(as_liaison_a, f"{API}/{activity.pk}/seat-requests", {"seats": 4})

    assert response.status_code == 201
    assert response.json()["partner_id"] == partner_a.pk
    assert SeatRequest.objects.get(activity=activity).seats == 4


def test_liaison_cannot_request_for_another_partner(as_liaison_a, partner_b):
    activity = make_activity()

    response = post(
        as_liaison_a, f"{API}/{activity.pk}/seat-requests", {"seats": 4, "partner": partner_b.pk}
    )

    assert response.status_code == 400
    assert response.json()["field"] == "partner"
    assert not SeatRequest.objects.exists()


def test_secretariat_must_name_the_partner(as_secretariat):
    activity = make_activity()

    response = post(as_secretariat, f"{API}/{activity.pk}/seat-requests", {"seats": 4})

    assert response.status_code == 400
    assert response.json()["field"] == "partner"


def test_seat_request_list_is_scoped(as_liaison_b, partner_a, partner_b):
    activity = make_activity()
    SeatRequest.objects.create(activity=activity, partner=partner_a, seats=3)
    SeatRequest.objects.create(activity=activity, partner=partner_b, seats=5)

    response = as_liaison_b.get(f"{API}/{activity.pk}/seat-requests")

    assert [r["partner_id"] for r in response.json()] == [partner_b.pk]


def test_secretariat_allocates_seats_with_the_explanation(as_secretariat, partner_a, partner_b):
    activity = make_activity(capacity=6)
    SeatRequest.objects.create(activity=activity, partner=partner_a, seats=6)
    SeatRequest.objects.create(activity=activity, partner=partner_b, seats=2)

    response = post(as_secretariat, f"{API}/{activity.pk}/allocation")

    assert response.status_code == 200
    body = response.json()
    assert "Sainte-Laguë" in body["rule"]
    seats = {a["partner_id"]: a["seats"] for a in body["allocations"]}
    assert sum(seats.values()) == 6
    assert body["allocated"] == 6
    assert body["unused"] == 0
    kenya = next(a for a in body["allocations"] if a["partner_id"] == partner_a.pk)
    assert kenya["explanation"]["requested"] == 6
    assert "won_at" in kenya["explanation"]
    assert Event.objects.filter(verb="seats.allocated").exists()
    assert as_secretariat.get(f"{API}/{activity.pk}/allocation").json() == body


def test_allocating_without_requests_is_409(as_secretariat):
    activity = make_activity()

    response = post(as_secretariat, f"{API}/{activity.pk}/allocation")

    assert response.status_code == 409


def test_liaison_may_not_allocate(as_liaison_a, partner_a):
    activity = make_activity()
    SeatRequest.objects.create(activity=activity, partner=partner_a, seats=3)

    response = post(as_liaison_a, f"{API}/{activity.pk}/allocation")

    assert response.status_code == 403
    assert not SeatAllocation.objects.exists()
