import pytest
from django.urls import reverse

from tutela.accounts.models import Role
from tutela.activities.models import ActivityStatus, Mode, SeatAllocation
from tutela.audit.models import Event
from tutela.nominations.models import NominationStatus
from tutela.testing import (
    country,
    make_activity,
    make_agency,
    make_host_institution,
    make_nomination,
    make_officer,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db


def officer_of(partner, **overrides):
    return make_officer(make_unit(make_agency(partner)), **overrides)


def detail(activity) -> str:
    return reverse("activities:detail", args=[activity.pk])


def test_detail_shows_what_the_activity_is(as_secretariat, director):
    consultant = make_user(Role.CONSULTANT, first_name="Léa", last_name="Martin")
    activity = make_activity(
        title="Crowd management",
        location="Lyon campus",
        languages=["fr", "ar"],
        host_institution=make_host_institution(name="École nationale de police"),
        director=director,
        capacity=24,
    )
    activity.staff.set([consultant])

    response = as_secretariat.get(detail(activity))

    body = response.content.decode()
    assert response.status_code == 200
    version = activity.course_version
    assert reverse("curriculum:version_detail", args=[version.pk]) in body
    assert str(version) in body
    assert "Academy course" in body
    assert activity.starts_on.isoformat() in body
    assert "Lyon campus" in body
    assert "École nationale de police" in body
    assert "24 seats" in body
    assert "French" in body and "Arabic" in body
    assert "director" in body  # the director's username
    assert "Léa Martin" in body
    assert "Open for nominations" in body


def test_consultant_mission_names_its_destination_country(as_secretariat):
    activity = make_activity(
        mode=Mode.CONSULTANT_MISSION, country=country("KE"), location="Nairobi"
    )

    body = as_secretariat.get(detail(activity)).content.decode()

    assert 'data-testid="mission-abroad"' in body
    assert "Destination country" in body
    assert "Kenya" in body


def test_liaison_sees_only_their_partners_nominations(as_liaison_a, partner_a, partner_b):
    activity = make_activity()
    make_nomination(activity, officer_of(partner_a, full_name="Wanjiru Kamau"))
    make_nomination(activity, officer_of(partner_b, full_name="Rosa Quispe"))
    make_nomination(
        activity, officer_of(partner_b, full_name="Luis Mamani"), status=NominationStatus.ENROLLED
    )

    response = as_liaison_a.get(detail(activity))

    body = response.content.decode()
    assert "Wanjiru Kamau" in body
    assert "Rosa Quispe" not in body
    assert "Luis Mamani" not in body
    counts = {value: n for value, _label, n in response.context["status_counts"]}
    assert counts[NominationStatus.NOMINATED] == 1
    assert counts[NominationStatus.ENROLLED] == 0


def test_secretariat_sees_all_nominations_and_counts_by_status(
    as_secretariat, partner_a, partner_b
):
    activity = make_activity()
    nomination = make_nomination(activity, officer_of(partner_a, full_name="Wanjiru Kamau"))
    make_nomination(
        activity, officer_of(partner_b, full_name="Rosa Quispe"), status=NominationStatus.ENROLLED
    )

    response = as_secretariat.get(detail(activity))

    body = response.content.decode()
    assert "Wanjiru Kamau" in body and "Rosa Quispe" in body
    assert reverse("nominations:detail", args=[nomination.pk]) in body
    assert reverse("nominations:officer_detail", args=[nomination.officer_id]) in body
    counts = {value: n for value, _label, n in response.context["status_counts"]}
    assert counts[NominationStatus.NOMINATED] == 1
    assert counts[NominationStatus.ENROLLED] == 1


def test_liaison_gets_404_for_an_activity_not_open_to_them(as_liaison_a, partner_b):
    activity = make_activity(status=ActivityStatus.PLANNED)
    SeatAllocation.objects.create(activity=activity, partner=partner_b, requested=3, seats=3)

    assert as_liaison_a.get(detail(activity)).status_code == 404


def test_instructor_sees_only_the_activities_they_teach(as_director, director):
    mine = make_activity(director=director)
    other = make_activity()

    assert as_director.get(detail(mine)).status_code == 200
    assert as_director.get(detail(other)).status_code == 404


def test_liaison_sees_their_seats_left(as_liaison_a, partner_a):
    activity = make_activity()
    SeatAllocation.objects.create(activity=activity, partner=partner_a, requested=5, seats=4)
    make_nomination(activity, officer_of(partner_a), status=NominationStatus.ENROLLED)

    response = as_liaison_a.get(detail(activity))

    assert response.context["seats_left"] == 3
    assert 'data-testid="seats-left">3' in response.content.decode()


def test_htmx_pagination_of_nominations_returns_the_table_only(as_secretariat, partner_a, settings):
    settings.PAGE_SIZE = 2
    activity = make_activity()
    for _ in range(3):
        make_nomination(activity, officer_of(partner_a))

    response = as_secretariat.get(
        detail(activity), {"page": 2}, headers={"HX-Request": "true", "HX-Target": "nominations"}
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "<table" in body
    assert len(response.context["listing"].page.object_list) == 1


def test_status_buttons_offer_only_allowed_moves(as_secretariat, as_liaison_a, partner_a):
    activity = make_activity(status=ActivityStatus.PLANNED)
    SeatAllocation.objects.create(activity=activity, partner=partner_a, requested=1, seats=1)

    body = as_secretariat.get(detail(activity)).content.decode()
    assert 'name="status" value="open"' in body
    assert 'name="status" value="cancelled"' in body
    assert 'name="status" value="completed"' not in body
    assert 'name="status" value="running"' not in body
    assert 'name="status"' not in as_liaison_a.get(detail(activity)).content.decode()


def test_secretariat_moves_status_with_an_audit_event(as_secretariat):
    activity = make_activity(status=ActivityStatus.PLANNED)

    response = as_secretariat.post(
        reverse("activities:status_update", args=[activity.pk]), {"status": ActivityStatus.OPEN}
    )

    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.OPEN
    event = Event.objects.get(verb="activity.status_changed", object_id=str(activity.pk))
    assert event.data == {"from": "planned", "to": "open"}


def test_status_move_not_in_the_flow_is_refused_with_400(as_secretariat):
    activity = make_activity(status=ActivityStatus.PLANNED)

    response = as_secretariat.post(
        reverse("activities:status_update", args=[activity.pk]),
        {"status": ActivityStatus.COMPLETED},
    )

    assert response.status_code == 400
    assert "cannot become Completed" in response.content.decode()
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PLANNED


def test_unknown_status_is_a_field_error(as_secretariat):
    activity = make_activity()

    response = as_secretariat.post(
        reverse("activities:status_update", args=[activity.pk]), {"status": "teleported"}
    )

    assert response.status_code == 400
    assert response.context["status_form"].errors["status"]


@pytest.mark.parametrize(
    "client_name", ["as_liaison_a", "as_analyst", "as_oversight", "as_director"]
)
def test_only_secretariat_changes_status(request, client_name, director):
    client = request.getfixturevalue(client_name)
    activity = make_activity(director=director)

    response = client.post(
        reverse("activities:status_update", args=[activity.pk]), {"status": ActivityStatus.RUNNING}
    )

    assert response.status_code == 403
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.OPEN


def test_detail_query_count_does_not_grow_with_nominations(
    as_secretariat, partner_a, django_assert_max_num_queries
):
    activity = make_activity()
    for _ in range(15):
        make_nomination(activity, officer_of(partner_a))

    with django_assert_max_num_queries(10):
        response = as_secretariat.get(detail(activity))

    assert len(response.context["listing"].page.object_list) == 15


def test_liaison_is_offered_to_nominate_on_an_open_activity(as_liaison_a, as_oversight):
    activity = make_activity()
    nominate = reverse("nominations:create") + f"?activity={activity.pk}"

    assert nominate in as_liaison_a.get(detail(activity)).content.decode()
    assert nominate not in as_oversight.get(detail(activity)).content.decode()
