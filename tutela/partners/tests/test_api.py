"""The partners API: countries, partners with agencies and units, and secretariat writes."""

from typing import Any

import pytest
from django.test import Client

from tutela.audit.models import Event
from tutela.partners.models import Agency, Partner, Unit
from tutela.testing import make_agency, make_partner, make_unit

pytestmark = pytest.mark.django_db

API = "/api/v1/partners"


def post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, body, content_type="application/json")


def test_countries_are_listed_with_regions(as_liaison_a):
    response = as_liaison_a.get(f"{API}/countries", {"q": "KE"})

    assert response.status_code == 200
    kenya = next(c for c in response.json() if c["code"] == "KE")
    assert kenya["name"] == "Kenya"
    assert kenya["region"] == "Africa"


def test_country_list_is_a_fixed_number_of_queries(as_liaison_a, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = as_liaison_a.get(f"{API}/countries")

    assert len(response.json()) > 200


def test_countries_filter_by_region(as_secretariat):
    response = as_secretariat.get(f"{API}/countries", {"region": "002"})

    codes = {c["code"] for c in response.json()}
    assert "KE" in codes
    assert "PE" not in codes


def test_secretariat_lists_all_partners(as_secretariat, partner_a, partner_b):
    response = as_secretariat.get(API)

    assert response.status_code == 200
    assert response.json()["count"] == 2
    assert {p["country"] for p in response.json()["items"]} == {"KE", "PE"}


def test_liaison_lists_only_their_own_partner(as_liaison_b, partner_a, partner_b):
    response = as_liaison_b.get(API)

    assert [p["id"] for p in response.json()["items"]] == [partner_b.pk]


def test_partner_detail_has_agencies_and_units(as_secretariat, partner_a):
    agency = make_agency(partner_a, name="Kenya Police Service")
    parent = make_unit(agency, name="General Service Unit")
    make_unit(agency, name="GSU Recce Company", parent=parent)

    response = as_secretariat.get(f"{API}/{partner_a.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Kenya"
    [agency_out] = body["agencies"]
    assert agency_out["name"] == "Kenya Police Service"
    units = {u["name"]: u for u in agency_out["units"]}
    assert units["GSU Recce Company"]["parent_id"] == parent.pk


def test_liaison_gets_404_for_another_partner(as_liaison_b, partner_a):
    response = as_liaison_b.get(f"{API}/{partner_a.pk}")

    assert response.status_code == 404
    assert response.json()["detail"]


def test_partner_list_queries_are_bounded(as_secretariat, django_assert_max_num_queries):
    for code in [
        "KE",
        "PE",
        "FR",
        "DE",
        "BR",
        "IN",
        "NG",
        "GH",
        "MX",
        "CO",
        "JP",
        "EG",
        "MA",
        "TN",
        "SN",
        "CL",
        "AR",
        "PH",
        "ID",
        "VN",
        "TH",
    ]:
        make_partner(code)

    with django_assert_max_num_queries(6):
        response = as_secretariat.get(API, {"limit": 200})

    assert response.json()["count"] == 21


def test_page_size_above_200_is_refused(as_secretariat):
    response = as_secretariat.get(API, {"limit": 201})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "limit"]


def test_secretariat_records_a_country_partner_with_an_audit_event(as_secretariat):
    response = post(
        as_secretariat,
        API,
        {"kind": "country", "country": "gh", "acronym": "GH", "joined_on": "2026-01-15"},
    )

    assert response.status_code == 201
    partner = Partner.objects.get(pk=response.json()["id"])
    assert partner.name == "Ghana"
    assert response.json()["agencies"] == []
    assert Event.objects.filter(verb="partner.added", object_id=str(partner.pk)).exists()


def test_secretariat_records_an_organisation(as_secretariat):
    response = post(as_secretariat, API, {"kind": "organisation", "name": "INTERPOL"})

    assert response.status_code == 201
    assert response.json()["country"] is None


@pytest.mark.parametrize("persona", ["as_liaison_a", "as_analyst", "as_oversight", "as_reviewer"])
def test_other_roles_may_not_record_partners(request, persona):
    client = request.getfixturevalue(persona)

    response = post(client, API, {"kind": "organisation", "name": "INTERPOL"})

    assert response.status_code == 403
    assert not Partner.objects.filter(name="INTERPOL").exists()


def test_unknown_country_code_is_a_400_on_the_field(as_secretariat):
    response = post(as_secretariat, API, {"kind": "country", "country": "QQ"})

    assert response.status_code == 400
    assert response.json()["field"] == "country"


def test_bad_country_code_shape_is_a_422_with_its_location(as_secretariat):
    response = post(as_secretariat, API, {"kind": "country", "country": "Kenya"})

    assert response.status_code == 422
    assert ["body", "payload", "country"] in [e["loc"] for e in response.json()["detail"]]


def test_organisation_without_a_name_is_refused_on_the_name(as_secretariat):
    response = post(as_secretariat, API, {"kind": "organisation"})

    assert response.status_code == 400
    assert response.json()["field"] == "name"


def test_secretariat_adds_an_agency_and_a_unit(as_secretariat, partner_a):
    agency = post(
        as_secretariat,
        f"{API}/{partner_a.pk}/agencies",
        {"name": "Kenya Police Service", "kind": "police"},
    )
    assert agency.status_code == 201
    agency_id = agency.json()["id"]

    parent = post(
        as_secretariat, f"{API}/agencies/{agency_id}/units", {"name": "General Service Unit"}
    )
    child = post(
        as_secretariat,
        f"{API}/agencies/{agency_id}/units",
        {"name": "Recce Company", "parent": parent.json()["id"], "valid_from": "2020-01-01"},
    )

    assert child.status_code == 201
    assert Unit.objects.get(pk=child.json()["id"]).parent_id == parent.json()["id"]
    assert Agency.objects.get(pk=agency_id).partner == partner_a
    assert Event.objects.filter(verb="unit.added").count() == 2


def test_duplicate_agency_is_a_409_on_the_name(as_secretariat, partner_a):
    make_agency(partner_a, name="Kenya Police Service")

    response = post(
        as_secretariat, f"{API}/{partner_a.pk}/agencies", {"name": "Kenya Police Service"}
    )

    assert response.status_code == 409
    assert response.json()["field"] == "name"


def test_unit_with_a_parent_in_another_agency_is_refused(as_secretariat, partner_a):
    other = make_unit(make_agency(partner_a))
    agency = make_agency(partner_a)

    response = post(
        as_secretariat, f"{API}/agencies/{agency.pk}/units", {"name": "X", "parent": other.pk}
    )

    assert response.status_code == 400
    assert response.json()["field"] == "parent"


def test_unit_dates_out_of_order_are_refused(as_secretariat, partner_a):
    agency = make_agency(partner_a)

    response = post(
        as_secretariat,
        f"{API}/agencies/{agency.pk}/units",
        {"name": "X", "valid_from": "2024-01-01", "valid_to": "2023-01-01"},
    )

    assert response.status_code == 400
    assert response.json()["field"] == "valid_to"


def test_unknown_agency_is_404(as_secretariat):
    response = post(as_secretariat, f"{API}/agencies/999999/units", {"name": "X"})

    assert response.status_code == 404


def test_liaison_may_not_add_units_to_their_own_agency(as_liaison_a, partner_a):
    agency = make_agency(partner_a)

    response = post(as_liaison_a, f"{API}/agencies/{agency.pk}/units", {"name": "X"})

    assert response.status_code == 403
    assert not agency.units.exists()
