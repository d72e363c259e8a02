import datetime as dt

import pytest
from django.urls import reverse

from tutela.activities.models import ActivityStatus, Mode, SeatAllocation
from tutela.nominations.models import NominationStatus
from tutela.testing import (
    country,
    make_activity,
    make_agency,
    make_nomination,
    make_officer,
    make_unit,
)

pytestmark = pytest.mark.django_db
URL = reverse("activities:list")


def officer_of(partner):
    return make_officer(make_unit(make_agency(partner)))


def codes(response) -> list[str]:
    return [a.code for a in response.context["listing"].page.object_list]


def test_secretariat_sees_every_activity_with_nomination_counts(
    as_secretariat, partner_a, partner_b
):
    open_one = make_activity(code="OPEN-1")
    make_activity(code="PLAN-1", status=ActivityStatus.PLANNED)
    make_nomination(open_one, officer_of(partner_a))
    make_nomination(open_one, officer_of(partner_b), status=NominationStatus.ENROLLED)

    response = as_secretariat.get(URL)

    assert response.status_code == 200
    assert set(codes(response)) == {"OPEN-1", "PLAN-1"}
    row = next(a for a in response.context["listing"].page.object_list if a.code == "OPEN-1")
    assert (row.nominated_count, row.enrolled_count) == (2, 1)
    assert b"OPEN-1" in response.content


def test_liaison_sees_open_activities_and_those_allocated_to_them(
    as_liaison_a, partner_a, partner_b
):
    make_activity(code="OPEN-1")
    planned_mine = make_activity(code="PLAN-MINE", status=ActivityStatus.PLANNED)
    SeatAllocation.objects.create(activity=planned_mine, partner=partner_a, requested=2, seats=2)
    planned_theirs = make_activity(code="PLAN-THEIRS", status=ActivityStatus.PLANNED)
    SeatAllocation.objects.create(activity=planned_theirs, partner=partner_b, requested=2, seats=2)

    response = as_liaison_a.get(URL)

    assert set(codes(response)) == {"OPEN-1", "PLAN-MINE"}
    assert b"PLAN-THEIRS" not in response.content


def test_liaison_counts_only_their_own_nominations(as_liaison_a, partner_a, partner_b):
    activity = make_activity()
    make_nomination(activity, officer_of(partner_a))
    for _ in range(3):
        make_nomination(activity, officer_of(partner_b))

    response = as_liaison_a.get(URL)

    (row,) = response.context["listing"].page.object_list
    assert row.nominated_count == 1
    assert "Your nominations" in response.content.decode()


def test_reviewer_sees_activities_without_nomination_counts(as_reviewer, partner_a):
    make_nomination(make_activity(code="A-REV"), officer_of(partner_a))

    response = as_reviewer.get(URL)

    assert codes(response) == ["A-REV"]
    assert "Enrolled" not in response.content.decode()


def test_search_and_each_filter_narrow_the_list(as_secretariat):
    start = dt.date(2031, 5, 1)
    make_activity(
        code="CYB-1",
        title="Cybercrime investigation",
        starts_on=start,
        ends_on=start + dt.timedelta(days=3),
    )
    make_activity(
        code="MIS-1",
        title="Mobile team",
        mode=Mode.CONSULTANT_MISSION,
        country=country("KE"),
        status=ActivityStatus.PLANNED,
    )
    make_activity(code="EXC-1", title="Placement", mode=Mode.EXCHANGE_PLACEMENT)

    assert codes(as_secretariat.get(URL, {"q": "cybercrime"})) == ["CYB-1"]
    assert codes(as_secretariat.get(URL, {"mode": Mode.CONSULTANT_MISSION})) == ["MIS-1"]
    assert codes(as_secretariat.get(URL, {"status": ActivityStatus.PLANNED})) == ["MIS-1"]
    assert codes(as_secretariat.get(URL, {"country": "ke"})) == ["MIS-1"]
    assert codes(as_secretariat.get(URL, {"year": "2031"})) == ["CYB-1"]
    # Unknown values are ignored rather than failing.
    assert len(codes(as_secretariat.get(URL, {"mode": "nonsense", "year": "x"}))) == 3


def test_filters_are_kept_in_pagination_links(as_secretariat, settings):
    settings.PAGE_SIZE = 2
    for _ in range(5):
        make_activity(mode=Mode.ONLINE)

    response = as_secretariat.get(URL, {"mode": Mode.ONLINE, "q": "Course"})

    assert response.context["listing"].page.paginator.num_pages == 3
    assert "mode=online" in response.content.decode()
    assert "page=2" in response.content.decode()


def test_htmx_request_renders_only_the_results(as_secretariat):
    make_activity(code="HX-1")

    response = as_secretariat.get(URL, headers={"HX-Request": "true", "HX-Target": "results"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "HX-1" in body
    assert "<html" not in body
    assert 'name="q"' not in body


def test_full_page_has_a_search_form_that_works_without_javascript(as_secretariat):
    body = as_secretariat.get(URL).content.decode()

    assert "<html" in body
    assert 'method="get"' in body
    assert 'type="submit"' in body
    assert 'hx-target="#results"' in body


def test_consultant_mission_shows_mission_abroad_and_destination(as_secretariat):
    make_activity(mode=Mode.CONSULTANT_MISSION, country=country("KE"))

    body = as_secretariat.get(URL).content.decode()

    assert "Mission abroad" in body
    assert "Destination: Kenya" in body


def test_schedule_button_only_for_secretariat(as_secretariat, as_liaison_a):
    create = reverse("activities:create")

    assert create in as_secretariat.get(URL).content.decode()
    assert create not in as_liaison_a.get(URL).content.decode()


def test_anonymous_visitor_is_sent_to_sign_in(anonymous):
    response = anonymous.get(URL)

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("client_name", ["as_secretariat", "as_liaison_a"])
def test_list_query_count_does_not_grow_with_rows(
    request, client_name, partner_a, django_assert_max_num_queries
):
    client = request.getfixturevalue(client_name)
    for _ in range(15):
        activity = make_activity(mode=Mode.CONSULTANT_MISSION, country=country("KE"))
        make_nomination(activity, officer_of(partner_a))

    with django_assert_max_num_queries(8):
        response = client.get(URL)

    assert len(response.context["listing"].page.object_list) == 15
