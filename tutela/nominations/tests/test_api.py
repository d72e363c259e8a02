"""The nominations API: scoped lists and details, nominating with officer data, the enrolment
gate (with override), completion and closure."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tutela.accounts.models import Role
from tutela.activities.models import Activity, ActivityStatus, SeatAllocation
from tutela.audit.models import Event
from tutela.nominations.models import Enrolment, Nomination, NominationStatus, Officer
from tutela.partners.models import Partner, Unit
from tutela.testing import (
    clear,
    make_activity,
    make_agency,
    make_nomination,
    make_officer,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/nominations"


def post(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(url, body or {}, content_type="application/json")


def _officer_of(partner: Partner, **overrides: Any) -> Officer:
    return make_officer(make_unit(make_agency(partner)), **overrides)


def _nomination_body(activity: Activity, unit: Unit, **overrides: Any) -> dict[str, Any]:
    body = {
        "activity": activity.pk,
        "justification": "Leads the community policing desk.",
        "officer": {
            "full_name": "Амина Ванджиру",
            "name_latin": "Amina Wanjiru",
            "birth_date": "1988-03-14",
            "gender": "F",
            "nationality": "KE",
            "rank": "Inspector",
            "agency": unit.agency_id,
            "unit": unit.pk,
            "email": "amina@example.org",
        },
    }
    body.update(overrides)
    return body


# --- Scoping --------------------------------------------------------------------------------


def test_liaison_lists_only_their_own_partners_nominations(
    as_liaison_a, as_liaison_b, partner_a, partner_b
):
    mine = make_nomination(officer=_officer_of(partner_a))
    theirs = make_nomination(officer=_officer_of(partner_b))

    a_ids = [n["id"] for n in as_liaison_a.get(API).json()["items"]]
    b_ids = [n["id"] for n in as_liaison_b.get(API).json()["items"]]

    assert a_ids == [mine.pk]
    assert b_ids == [theirs.pk]


def test_liaison_gets_404_for_another_partners_nomination(as_liaison_b, partner_a):
    nomination = make_nomination(officer=_officer_of(partner_a))

    response = as_liaison_b.get(f"{API}/{nomination.pk}")

    assert response.status_code == 404
    assert "Amina" not in response.content.decode()


def test_liaison_filtering_by_another_partner_finds_nothing(as_liaison_b, partner_a):
    make_nomination(officer=_officer_of(partner_a))

    response = as_liaison_b.get(API, {"partner": partner_a.pk, "country": "KE"})

    assert response.json() == {"items": [], "count": 0}


def test_liaison_cannot_act_on_another_partners_nomination(as_liaison_b, partner_a):
    nomination = make_nomination(officer=_officer_of(partner_a))

    response = post(as_liaison_b, f"{API}/{nomination.pk}/withdraw", {"reason": "x"})

    assert response.status_code == 404
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.NOMINATED


def test_liaison_lists_and_reads_only_their_own_officers(as_liaison_b, partner_a, partner_b):
    theirs = _officer_of(partner_a)
    mine = _officer_of(partner_b)

    listed = [o["id"] for o in as_liaison_b.get(f"{API}/officers").json()["items"]]

    assert listed == [mine.pk]
    assert as_liaison_b.get(f"{API}/officers/{theirs.pk}").status_code == 404
    assert as_liaison_b.get(f"{API}/officers/{mine.pk}").status_code == 200


def test_reviewer_sees_no_nominations_or_officers(as_reviewer, partner_a):
    nomination = make_nomination(officer=_officer_of(partner_a))

    assert as_reviewer.get(API).json()["count"] == 0
    assert as_reviewer.get(f"{API}/{nomination.pk}").status_code == 404
    assert as_reviewer.get(f"{API}/officers").json()["count"] == 0


# --- Lists and details ----------------------------------------------------------------------


def test_list_filters_by_status_activity_and_country(as_secretariat, partner_a, partner_b):
    activity = make_activity()
    wanted = make_nomination(activity=activity, officer=_officer_of(partner_a))
    make_nomination(activity=activity, officer=_officer_of(partner_b))
    make_nomination(officer=_officer_of(partner_a))
    make_nomination(
        activity=activity, officer=_officer_of(partner_a), status=NominationStatus.WITHDRAWN
    )

    response = as_secretariat.get(
        API, {"status": "nominated", "activity": activity.pk, "country": "ke"}
    )

    assert [n["id"] for n in response.json()["items"]] == [wanted.pk]


def test_list_searches_officer_names_in_any_script(as_secretariat, partner_a):
    wanted = make_nomination(
        officer=_officer_of(partner_a, full_name="محمد علي", name_latin="Mohamed Ali")
    )
    make_nomination(officer=_officer_of(partner_a))

    response = as_secretariat.get(API, {"q": "محمد"})

    assert [n["id"] for n in response.json()["items"]] == [wanted.pk]


def test_nomination_list_queries_are_bounded(
    as_liaison_a, partner_a, secretariat, django_assert_max_num_queries
):
    activity = make_activity()
    for n in range(21):
        nomination = make_nomination(activity=activity, officer=_officer_of(partner_a))
        if n % 2:
            Enrolment.objects.create(
                nomination=nomination, enrolled_by=secretariat, invitation_number=f"INV-T-{n}"
            )

    with django_assert_max_num_queries(5):
        response = as_liaison_a.get(API, {"limit": 100})

    assert response.json()["count"] == 21
    assert sum(1 for n in response.json()["items"] if n["enrolment"]) == 10


def test_officer_list_queries_are_bounded(as_secretariat, partner_a, django_assert_max_num_queries):
    for _ in range(21):
        _officer_of(partner_a)

    with django_assert_max_num_queries(5):
        response = as_secretariat.get(f"{API}/officers")

    assert response.json()["count"] == 21


def test_secretariat_reads_a_nomination_with_the_gate(as_secretariat, partner_a):
    nomination = make_nomination(officer=_officer_of(partner_a))

    body = as_secretariat.get(f"{API}/{nomination.pk}").json()

    assert body["officer"]["partner"] == "Kenya"
    assert body["gate"]["is_open"] is False
    assert len(body["gate"]["missing"]) == 2
    assert body["enrolment"] is None


def test_liaison_reads_their_nomination_without_the_gate_report(as_liaison_a, partner_a):
    nomination = make_nomination(officer=_officer_of(partner_a))

    body = as_liaison_a.get(f"{API}/{nomination.pk}").json()

    assert body["id"] == nomination.pk
    assert body["gate"] is None


def test_officer_detail_lists_only_visible_nominations(as_liaison_a, partner_a):
    officer = _officer_of(partner_a)
    make_nomination(officer=officer)

    body = as_liaison_a.get(f"{API}/officers/{officer.pk}").json()

    assert body["full_name"] == officer.full_name
    assert len(body["nominations"]) == 1


# --- Nominating -----------------------------------------------------------------------------


def test_liaison_nominates_a_new_officer(as_liaison_a, partner_a):
    activity = make_activity()
    unit = make_unit(make_agency(partner_a))

    response = post(as_liaison_a, API, _nomination_body(activity, unit))

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "nominated"
    assert body["partner_id"] == partner_a.pk
    assert body["officer"]["full_name"] == "Амина Ванджиру"
    officer = Officer.objects.get(pk=body["officer"]["id"])
    assert officer.unit == unit
    assert Event.objects.filter(verb="nomination.created", object_id=str(body["id"])).exists()
    assert Event.objects.filter(verb="officer.registered").exists()


def test_secretariat_nominates_for_the_agencys_partner(as_secretariat, partner_b):
    activity = make_activity()
    unit = make_unit(make_agency(partner_b))

    response = post(as_secretariat, API, _nomination_body(activity, unit))

    assert response.status_code == 201
    assert response.json()["partner_id"] == partner_b.pk


def test_liaison_cannot_nominate_into_another_partners_unit(as_liaison_a, partner_b):
    activity = make_activity()
    unit = make_unit(make_agency(partner_b))

    response = post(as_liaison_a, API, _nomination_body(activity, unit))

    assert response.status_code == 400
    assert response.json()["field"].startswith("officer.")
    assert not Nomination.objects.exists()


def test_unit_outside_the_agency_is_refused_on_officer_unit(as_liaison_a, partner_a):
    activity = make_activity()
    unit = make_unit(make_agency(partner_a))
    body = _nomination_body(activity, unit)
    body["officer"]["agency"] = make_agency(partner_a).pk

    response = post(as_liaison_a, API, body)

    assert response.status_code == 400
    assert response.json()["field"] == "officer.unit"


def test_future_birth_date_is_refused_on_the_field(as_liaison_a, partner_a):
    unit = make_unit(make_agency(partner_a))
    body = _nomination_body(make_activity(), unit)
    body["officer"]["birth_date"] = (dt.date.today() + dt.timedelta(days=2)).isoformat()

    response = post(as_liaison_a, API, body)

    assert response.status_code == 400
    assert response.json()["field"] == "officer.birth_date"


def test_officer_data_shape_errors_are_422_with_nested_locations(as_liaison_a, partner_a):
    unit = make_unit(make_agency(partner_a))
    body = _nomination_body(make_activity(), unit)
    body["officer"]["gender"] = "unknown"
    body["officer"]["birth_date"] = "14/03/1988"

    response = post(as_liaison_a, API, body)

    assert response.status_code == 422
    locations = [e["loc"] for e in response.json()["detail"]]
    assert ["body", "payload", "officer", "gender"] in locations
    assert ["body", "payload", "officer", "birth_date"] in locations


def test_bad_email_is_refused_on_the_field(as_liaison_a, partner_a):
    unit = make_unit(make_agency(partner_a))
    body = _nomination_body(make_activity(), unit)
    body["officer"]["email"] = "not an address"

    response = post(as_liaison_a, API, body)

    assert response.status_code == 400
    assert response.json()["field"] == "officer.email"


def test_activity_not_open_closes_the_gate(as_liaison_a, partner_a):
    activity = make_activity(status=ActivityStatus.RUNNING)
    SeatAllocation.objects.create(activity=activity, partner=partner_a, requested=2, seats=2)
    unit = make_unit(make_agency(partner_a))

    response = post(as_liaison_a, API, _nomination_body(activity, unit))

    assert response.status_code == 409


def test_invisible_activity_is_refused_on_the_field(as_liaison_a, partner_a):
    activity = make_activity(status=ActivityStatus.PLANNED)
    unit = make_unit(make_agency(partner_a))

    response = post(as_liaison_a, API, _nomination_body(activity, unit))

    assert response.status_code == 400
    assert response.json()["field"] == "activity"


def test_nominating_the_same_officer_twice_is_409(as_liaison_a, partner_a):
    activity = make_activity()
    unit = make_unit(make_agency(partner_a))
    post(as_liaison_a, API, _nomination_body(activity, unit))

    response = post(as_liaison_a, API, _nomination_body(activity, unit))

    assert response.status_code == 409
    assert response.json()["field"] == "officer.full_name"


@pytest.mark.parametrize("persona", ["as_analyst", "as_oversight", "as_reviewer", "as_director"])
def test_other_roles_may_not_nominate(request, persona, partner_a):
    unit = make_unit(make_agency(partner_a))

    response = post(request.getfixturevalue(persona), API, _nomination_body(make_activity(), unit))

    assert response.status_code == 403


# --- Enrolment, completion, closure ---------------------------------------------------------


def test_secretariat_enrols_a_cleared_nominee(as_secretariat, partner_a):
    nomination = make_nomination(officer=_officer_of(partner_a))
    clear(nomination.officer)

    response = post(as_secretariat, f"{API}/{nomination.pk}/enrol")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "enrolled"
    assert body["enrolment"]["invitation_number"].startswith("INV-")
    assert body["enrolment"]["is_override"] is False
    assert Event.objects.filter(verb="enrolment.created").exists()


def test_uncleared_nominee_is_409_naming_what_is_missing(as_secretariat, partner_a):
    nomination = make_nomination(officer=_officer_of(partner_a))

    response = post(as_secretariat, f"{API}/{nomination.pk}/enrol")

    assert response.status_code == 409
    assert "not been vetted" in response.json()["detail"]
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.NOMINATED


def test_head_overrides_the_gate_with_a_reason(as_head, partner_a):
    nomination = make_nomination(officer=_officer_of(partner_a))

    response = post(
        as_head,
        f"{API}/{nomination.pk}/enrol",
        {"override_reason": "Minister's written instruction of 2 May."},
    )

    assert response.status_code == 200
    assert response.json()["enrolment"]["is_override"] is True
    assert Event.objects.filter(verb="enrolment.override").exists()


def test_secretariat_who_is_not_head_cannot_override(as_secretariat, partner_a):
    nomination = make_nomination(officer=_officer_of(partner_a))

    response = post(as_secretariat, f"{API}/{nomination.pk}/enrol", {"override_reason": "Please."})

    assert response.status_code == 403
    assert not Enrolment.objects.exists()


def test_liaison_may_not_enrol(as_liaison_a, partner_a):
    nomination = make_nomination(officer=_officer_of(partner_a))
    clear(nomination.officer)

    response = post(as_liaison_a, f"{API}/{nomination.pk}/enrol")

    assert response.status_code == 403


def test_director_completes_an_enrolled_officer(as_director, director, partner_a, secretariat):
    activity = make_activity(status=ActivityStatus.RUNNING, director=director)
    nomination = make_nomination(
        activity=activity, officer=_officer_of(partner_a), status=NominationStatus.ENROLLED
    )

    response = post(as_director, f"{API}/{nomination.pk}/complete")

    assert response.status_code == 200
    assert response.json()["status"] == "completed"
    assert response.json()["completed_at"]


def test_another_instructor_cannot_complete(partner_a):
    activity = make_activity(status=ActivityStatus.RUNNING)
    nomination = make_nomination(
        activity=activity, officer=_officer_of(partner_a), status=NominationStatus.ENROLLED
    )
    client = Client()
    client.force_login(make_user(Role.INSTRUCTOR))

    response = post(client, f"{API}/{nomination.pk}/complete")

    assert response.status_code == 404  # not their activity, so not visible


def test_completing_before_the_activity_runs_is_409(as_secretariat, partner_a):
    nomination = make_nomination(officer=_officer_of(partner_a), status=NominationStatus.ENROLLED)

    response = post(as_secretariat, f"{API}/{nomination.pk}/complete")

    assert response.status_code == 409


def test_liaison_withdraws_their_nomination_with_a_reason(as_liaison_a, partner_a):
    nomination = make_nomination(officer=_officer_of(partner_a))

    response = post(
        as_liaison_a, f"{API}/{nomination.pk}/withdraw", {"reason": "Transferred to another post."}
    )

    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    assert response.json()["closed_reason"] == "Transferred to another post."
    assert Event.objects.filter(verb="nomination.withdrawn").exists()


def test_withdrawing_without_a_reason_is_422(as_liaison_a, partner_a):
    nomination = make_nomination(officer=_officer_of(partner_a))

    response = post(as_liaison_a, f"{API}/{nomination.pk}/withdraw", {"reason": ""})

    assert response.status_code == 422


def test_withdrawing_a_completed_nomination_is_409(as_secretariat, partner_a):
    nomination = make_nomination(officer=_officer_of(partner_a), status=NominationStatus.COMPLETED)

    response = post(as_secretariat, f"{API}/{nomination.pk}/withdraw", {"reason": "x"})

    assert response.status_code == 409


def test_secretariat_marks_a_no_show_and_a_liaison_may_not(as_secretariat, as_liaison_a, partner_a):
    nomination = make_nomination(officer=_officer_of(partner_a), status=NominationStatus.ENROLLED)

    refused = post(as_liaison_a, f"{API}/{nomination.pk}/no-show", {"reason": "Absent."})
    done = post(as_secretariat, f"{API}/{nomination.pk}/no-show", {"reason": "Absent."})

    assert refused.status_code == 403
    assert done.json()["status"] == "no_show"
