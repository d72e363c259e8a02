"""Activity status moves and seat allocation, through the actions."""

import pytest

from tutela.activities.actions import allocate_seats, request_seats, set_activity_status
from tutela.audit.models import Event
from tutela.lib.errors import Conflict, NotAllowed
from tutela.testing import make_activity, make_partner

pytestmark = pytest.mark.django_db


def test_status_moves_follow_the_flow(secretariat):
    activity = make_activity(status="planned")
    set_activity_status(activity, "open", by=secretariat)
    set_activity_status(activity, "running", by=secretariat)
    set_activity_status(activity, "completed", by=secretariat)
    with pytest.raises(Conflict):
        set_activity_status(activity, "open", by=secretariat)
    assert Event.objects.filter(verb="activity.status_changed").count() == 3


def test_only_secretariat_moves_status(liaison_a, director):
    activity = make_activity(status="planned")
    for user in (liaison_a, director):
        with pytest.raises(NotAllowed):
            set_activity_status(activity, "open", by=user)


def test_allocation_applies_the_rule_and_records_how(secretariat, liaison_a, partner_a):
    activity = make_activity(capacity=10, seat_floor=1, seat_cap=6)
    request_seats(activity, partner_a, 12, by=liaison_a)
    request_seats(activity, make_partner("PE"), 4, by=secretariat)
    request_seats(activity, make_partner("NG"), 1, by=secretariat)

    allocations = {a.partner.country.code: a for a in allocate_seats(activity, by=secretariat)}

    assert {k: a.seats for k, a in allocations.items()} == {"KE": 6, "PE": 3, "NG": 1}
    assert allocations["KE"].explanation["limited_by"] == "cap"
    assert allocations["NG"].explanation["limited_by"] == "request"
    assert allocations["KE"].explanation["floor_seats"] == 1
    event = Event.objects.get(verb="seats.allocated")
    assert event.data["capacity"] == 10


def test_liaison_requests_only_for_own_partner(liaison_a, partner_b):
    with pytest.raises(NotAllowed):
        request_seats(make_activity(), partner_b, 2, by=liaison_a)


def test_allocating_without_requests_is_refused(secretariat):
    with pytest.raises(Conflict):
        allocate_seats(make_activity(), by=secretariat)


def test_a_tie_goes_to_the_partner_whose_name_sorts_first(secretariat):
    activity = make_activity(capacity=1)
    peru = make_partner("PE")  # created first: a lower id must not decide the tie
    kenya = make_partner("KE")
    request_seats(activity, peru, 2, by=secretariat)
    request_seats(activity, kenya, 2, by=secretariat)

    seats = {a.partner: a.seats for a in allocate_seats(activity, by=secretariat)}

    assert seats == {kenya: 1, peru: 0}


def _allocated_between_kenya_and_peru(secretariat, partner_a, partner_b):
    activity = make_activity(capacity=6)
    request_seats(activity, partner_a, 4, by=secretariat)
    request_seats(activity, partner_b, 4, by=secretariat)
    allocate_seats(activity, by=secretariat)
    return activity


def test_liaison_sees_only_own_seats_on_the_allocation_page(
    as_liaison_a, as_secretariat, secretariat, partner_a, partner_b
):
    activity = _allocated_between_kenya_and_peru(secretariat, partner_a, partner_b)
    url = f"/activities/{activity.pk}/seats/"

    own = as_liaison_a.get(url).content.decode()
    assert "Kenya" in own and "Peru" not in own
    assert "Peru" in as_secretariat.get(url).content.decode()


def test_liaison_sees_only_own_seats_in_the_api(as_liaison_a, secretariat, partner_a, partner_b):
    activity = _allocated_between_kenya_and_peru(secretariat, partner_a, partner_b)

    body = as_liaison_a.get(f"/api/v1/activities/{activity.pk}/allocation").json()

    assert [a["partner"] for a in body["allocations"]] == ["Kenya"]
    assert body["allocated"] == 6
