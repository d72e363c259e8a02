import pytest
from django.urls import reverse

from tutela.activities.actions import request_seats, set_seat_rules
from tutela.activities.models import ActivityStatus, SeatAllocation, SeatRequest
from tutela.audit.models import Event
from tutela.lib.errors import ActionError, NotAllowed
from tutela.nominations.models import NominationStatus
from tutela.testing import (
    make_activity,
    make_agency,
    make_nomination,
    make_officer,
    make_partner,
    make_unit,
)

pytestmark = pytest.mark.django_db


def seats_url(activity) -> str:
    return reverse("activities:seats", args=[activity.pk])


def url(name: str, activity) -> str:
    return reverse(f"activities:{name}", args=[activity.pk])


def test_seat_page_publishes_the_rule(as_liaison_a):
    activity = make_activity()

    response = as_liaison_a.get(seats_url(activity))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Every requesting partner first receives the floor" in body
    assert "requested ÷ (2 × seats so far + 1)" in body
    assert "Ties go to the larger request" in body


def test_liaison_requests_seats_for_their_own_partner_only(
    as_liaison_a, liaison_a, partner_a, partner_b
):
    activity = make_activity()

    response = as_liaison_a.post(
        url("seat_request_create", activity), {"seats": "4", "partner": partner_b.pk}
    )

    assert response.status_code == 302
    request = SeatRequest.objects.get()
    assert (request.partner, request.seats) == (partner_a, 4)
    event = Event.objects.get(verb="seats.requested")
    assert event.actor == liaison_a
    assert event.data["seats"] == 4


def test_liaison_changing_their_request_updates_it(as_liaison_a, partner_a):
    activity = make_activity()
    as_liaison_a.post(url("seat_request_create", activity), {"seats": "4"})

    as_liaison_a.post(url("seat_request_create", activity), {"seats": "2"})

    assert SeatRequest.objects.get(partner=partner_a).seats == 2


def test_secretariat_enters_a_request_for_any_partner(as_secretariat, partner_b):
    activity = make_activity()

    response = as_secretariat.post(
        url("seat_request_create", activity), {"seats": "6", "partner": partner_b.pk}
    )

    assert response.status_code == 302
    assert SeatRequest.objects.get().partner == partner_b


def test_zero_seats_is_a_field_error(as_liaison_a):
    activity = make_activity()

    response = as_liaison_a.post(url("seat_request_create", activity), {"seats": "0"})

    assert response.status_code == 400
    assert response.context["request_form"].errors["seats"]
    assert not SeatRequest.objects.exists()


def test_secretariat_must_name_the_partner(as_secretariat):
    activity = make_activity()

    response = as_secretariat.post(url("seat_request_create", activity), {"seats": "3"})

    assert response.status_code == 400
    assert response.context["request_form"].errors["partner"]


def test_request_on_a_running_activity_is_refused_with_400(as_secretariat, partner_a):
    activity = make_activity(status=ActivityStatus.RUNNING)

    response = as_secretariat.post(
        url("seat_request_create", activity), {"seats": "3", "partner": partner_a.pk}
    )

    assert response.status_code == 400
    assert "only before the activity runs" in response.content.decode()


@pytest.mark.parametrize("client_name", ["as_analyst", "as_oversight", "as_reviewer"])
def test_other_roles_cannot_request_seats(request, client_name):
    client = request.getfixturevalue(client_name)
    activity = make_activity()

    response = client.post(url("seat_request_create", activity), {"seats": "3"})

    assert response.status_code == 403
    assert not SeatRequest.objects.exists()


def test_liaison_cannot_reach_seats_of_an_activity_hidden_from_them(as_liaison_a, partner_b):
    activity = make_activity(status=ActivityStatus.PLANNED)
    SeatAllocation.objects.create(activity=activity, partner=partner_b, requested=2, seats=2)

    assert as_liaison_a.get(seats_url(activity)).status_code == 404
    assert (
        as_liaison_a.post(url("seat_request_create", activity), {"seats": "2"}).status_code == 404
    )


def test_request_seats_action_refuses_another_partner(liaison_a, partner_b):
    with pytest.raises(NotAllowed):
        request_seats(make_activity(), partner_b, 2, by=liaison_a)


# --- Floor and cap --------------------------------------------------------------------------


def test_secretariat_sets_floor_and_cap_with_an_audit_event(as_secretariat):
    activity = make_activity()

    response = as_secretariat.post(
        url("seat_rules_update", activity), {"seat_floor": "2", "seat_cap": "5"}
    )

    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.seat_floor, activity.seat_cap) == (2, 5)
    event = Event.objects.get(verb="seats.rules_set", object_id=str(activity.pk))
    assert event.data == {"from": {"floor": 0, "cap": None}, "floor": 2, "cap": 5}


def test_empty_cap_means_no_cap(as_secretariat):
    activity = make_activity(seat_cap=4)

    as_secretariat.post(url("seat_rules_update", activity), {"seat_floor": "0", "seat_cap": ""})

    activity.refresh_from_db()
    assert activity.seat_cap is None


def test_cap_below_floor_is_a_field_error(as_secretariat):
    activity = make_activity()

    response = as_secretariat.post(
        url("seat_rules_update", activity), {"seat_floor": "4", "seat_cap": "2"}
    )

    assert response.status_code == 400
    assert "below the floor" in response.context["rules_form"].errors["seat_cap"][0]
    activity.refresh_from_db()
    assert (activity.seat_floor, activity.seat_cap) == (0, None)


def test_negative_floor_is_a_field_error(as_secretariat):
    response = as_secretariat.post(url("seat_rules_update", make_activity()), {"seat_floor": "-1"})

    assert response.status_code == 400
    assert response.context["rules_form"].errors["seat_floor"]


def test_only_secretariat_sets_rules(as_liaison_a, liaison_a):
    activity = make_activity()

    response = as_liaison_a.post(url("seat_rules_update", activity), {"seat_floor": "9"})

    assert response.status_code == 403
    with pytest.raises(NotAllowed):
        set_seat_rules(activity, floor=9, cap=None, by=liaison_a)
    activity.refresh_from_db()
    assert activity.seat_floor == 0


def test_set_seat_rules_action_refuses_after_the_activity_runs(secretariat):
    with pytest.raises(ActionError, match="before the activity runs"):
        set_seat_rules(
            make_activity(status=ActivityStatus.RUNNING), floor=1, cap=None, by=secretariat
        )


# --- Allocation -----------------------------------------------------------------------------


def three_requests(activity):
    kenya, peru, chile = make_partner("KE"), make_partner("PE"), make_partner("CL")
    for partner, seats in ((kenya, 10), (peru, 6), (chile, 3)):
        SeatRequest.objects.create(activity=activity, partner=partner, seats=seats)
    return kenya, peru, chile


def test_secretariat_allocates_and_the_page_shows_how_each_number_was_reached(as_secretariat):
    activity = make_activity(capacity=7)
    kenya, peru, chile = three_requests(activity)

    response = as_secretariat.post(url("seat_allocation_create", activity))

    assert response.status_code == 302
    seats = {a.partner: a.seats for a in SeatAllocation.objects.filter(activity=activity)}
    assert seats == {kenya: 4, peru: 2, chile: 1}
    event = Event.objects.get(verb="seats.allocated", object_id=str(activity.pk))
    assert event.data["seats"] == {"Kenya": 4, "Peru": 2, "Chile": 1}

    body = as_secretariat.get(seats_url(activity)).content.decode()
    # Kenya's four seats, each with its quotient requested ÷ (2 × seats so far + 1).
    for step in (
        "seat 1: 10 ÷ 1 = 10.000",
        "seat 2: 10 ÷ 3 = 3.333",
        "seat 3: 10 ÷ 5 = 2.000",
        "seat 4: 10 ÷ 7 = 1.429",
        "seat 2: 6 ÷ 3 = 2.000",
        "seat 1: 3 ÷ 1 = 3.000",
    ):
        assert step in body
    # Peru's next quotient 6 ÷ 5 = 1.200 fell below the last seat won (1.429).
    assert "6 ÷ 5 = 1.200" in body
    assert "The last seat given by highest quotient was won at 1.429" in body
    assert 'data-testid="unused">0' in body


def test_floor_cap_and_unused_seats_are_explained(as_secretariat):
    activity = make_activity(capacity=10, seat_floor=2, seat_cap=3)
    kenya = make_partner("KE")
    peru = make_partner("PE")
    SeatRequest.objects.create(activity=activity, partner=kenya, seats=9)
    SeatRequest.objects.create(activity=activity, partner=peru, seats=1)

    as_secretariat.post(url("seat_allocation_create", activity))
    response = as_secretariat.get(seats_url(activity))

    rows = {row["partner"]: row for row in response.context["rows"]}
    assert (rows[kenya]["floor_seats"], rows[kenya]["seats"], rows[kenya]["limited_by"]) == (
        2,
        3,
        "cap",
    )
    assert (rows[peru]["floor_seats"], rows[peru]["seats"], rows[peru]["limited_by"]) == (
        1,
        1,
        "request",
    )
    body = response.content.decode()
    assert "the cap" in body
    assert "its request (all seats asked for were given)" in body
    assert 'data-testid="unused">6' in body
    assert "6 seats unused" in body


def test_allocating_without_requests_is_refused_with_400(as_secretariat):
    activity = make_activity()

    response = as_secretariat.post(url("seat_allocation_create", activity))

    assert response.status_code == 400
    assert "No partner has requested seats" in response.content.decode()
    assert not Event.objects.filter(verb="seats.allocated").exists()


@pytest.mark.parametrize("client_name", ["as_liaison_a", "as_analyst", "as_oversight"])
def test_only_secretariat_allocates(request, client_name):
    client = request.getfixturevalue(client_name)
    activity = make_activity()
    three_requests(activity)

    assert client.post(url("seat_allocation_create", activity)).status_code == 403
    assert not SeatAllocation.objects.exists()


def test_forms_shown_match_the_role(as_secretariat, as_liaison_a, as_oversight):
    activity = make_activity()

    secretariat = as_secretariat.get(seats_url(activity)).content.decode()
    liaison = as_liaison_a.get(seats_url(activity)).content.decode()
    oversight = as_oversight.get(seats_url(activity)).content.decode()

    allocate = url("seat_allocation_create", activity)
    rules = url("seat_rules_update", activity)
    request_seats_url = url("seat_request_create", activity)
    assert allocate in secretariat and rules in secretariat and request_seats_url in secretariat
    assert request_seats_url in liaison and allocate not in liaison and rules not in liaison
    assert "Request seats for Kenya" in liaison
    assert request_seats_url not in oversight and allocate not in oversight


def test_liaison_sees_their_seats_left_after_allocation(as_liaison_a, partner_a):
    activity = make_activity()
    SeatAllocation.objects.create(activity=activity, partner=partner_a, requested=5, seats=3)
    officer = make_officer(make_unit(make_agency(partner_a)))
    make_nomination(activity, officer, status=NominationStatus.ENROLLED)

    response = as_liaison_a.get(seats_url(activity))

    assert response.context["seats_left"] == 2
    assert 'data-testid="seats-left">2' in response.content.decode()


def test_changed_request_after_allocation_is_flagged(as_secretariat, partner_a):
    activity = make_activity(capacity=7)
    three_requests(activity)
    as_secretariat.post(url("seat_allocation_create", activity))
    assert not as_secretariat.get(seats_url(activity)).context["stale"]

    SeatRequest.objects.filter(partner=partner_a).update(seats=1)

    response = as_secretariat.get(seats_url(activity))
    assert response.context["stale"]
    assert "should allocate again" in response.content.decode()


def test_seat_page_query_count_does_not_grow_with_partners(
    as_secretariat, django_assert_max_num_queries
):
    activity = make_activity(capacity=40)
    for code in (
        "KE",
        "PE",
        "CL",
        "BR",
        "AR",
        "GH",
        "NG",
        "SN",
        "MA",
        "EG",
        "IN",
        "ID",
        "PH",
        "VN",
        "TH",
    ):
        SeatRequest.objects.create(activity=activity, partner=make_partner(code), seats=5)
    as_secretariat.post(url("seat_allocation_create", activity))

    with django_assert_max_num_queries(12):
        response = as_secretariat.get(seats_url(activity))

    assert len(response.context["rows"]) == 15
