import pytest
from django.urls import reverse

from tutela.audit.models import Event
from tutela.partners.models import Agency, Partner, PartnerKind, Unit
from tutela.testing import country, make_agency, make_unit

pytestmark = pytest.mark.django_db


def test_secretariat_adds_a_country_partner_with_an_audit_event(as_secretariat):
    response = as_secretariat.get(reverse("partners:create"))
    assert response.status_code == 200

    response = as_secretariat.post(
        reverse("partners:create"),
        {"kind": "country", "country": country("GH").pk, "acronym": "", "joined_on": "2025-04-01"},
    )

    partner = Partner.objects.get(country__code="GH")
    assert response.status_code == 302 and response["Location"] == partner.get_absolute_url()
    assert partner.name == "Ghana" and str(partner.joined_on) == "2025-04-01"
    assert Event.objects.filter(verb="partner.added", object_id=str(partner.pk)).exists()


def test_country_select_lists_only_countries_not_yet_partners(as_secretariat, partner_a):
    form = as_secretariat.get(reverse("partners:create")).context["form"]
    codes = set(form.fields["country"].queryset.values_list("code", flat=True))
    assert "KE" not in codes and "GH" in codes

    response = as_secretariat.post(
        reverse("partners:create"), {"kind": "country", "country": partner_a.country_id}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["country"]
    assert Partner.objects.filter(country__code="KE").count() == 1


def test_secretariat_adds_an_international_organisation(as_secretariat):
    response = as_secretariat.post(
        reverse("partners:create"),
        {
            "kind": "organisation",
            "name": "International Criminal Police Organization",
            "acronym": "INTERPOL",
        },
    )
    partner = Partner.objects.get(acronym="INTERPOL")
    assert response.status_code == 302
    assert partner.kind == PartnerKind.ORGANISATION and partner.country is None


def test_organisation_without_a_name_is_400_with_the_error_on_name(as_secretariat):
    response = as_secretariat.post(
        reverse("partners:create"), {"kind": "organisation", "acronym": "X"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["name"] == ["Give the organisation's name."]
    assert not Partner.objects.filter(acronym="X").exists()
    assert not Event.objects.filter(verb="partner.added").exists()


def test_country_kind_without_a_country_is_400(as_secretariat):
    response = as_secretariat.post(reverse("partners:create"), {"kind": "country"})
    assert response.status_code == 400
    assert "Choose the country." in response.context["form"].errors["country"]


@pytest.mark.parametrize("client_name", ["as_analyst", "as_oversight", "as_liaison_a"])
def test_only_the_secretariat_records_partners(request, client_name, partner_a):
    client = request.getfixturevalue(client_name)
    agency = make_agency(partner_a)
    assert client.get(reverse("partners:create")).status_code == 403
    assert (
        client.post(
            reverse("partners:create"), {"kind": "organisation", "name": "Some organisation"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("partners:agency_create", args=[partner_a.pk]),
            {"name": "Border Police", "kind": "border"},
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("partners:unit_create", args=[agency.pk]), {"name": "Unit X"}
        ).status_code
        == 403
    )
    assert not Partner.objects.filter(name="Some organisation").exists()
    assert not Agency.objects.filter(name="Border Police").exists()
    assert not Unit.objects.filter(name="Unit X").exists()


def test_secretariat_adds_an_agency(as_secretariat, partner_a):
    response = as_secretariat.post(
        reverse("partners:agency_create", args=[partner_a.pk]),
        {"name": "Kenya Police Service", "kind": "police"},
    )
    agency = Agency.objects.get(partner=partner_a, name="Kenya Police Service")
    assert response.status_code == 302 and response["Location"] == partner_a.get_absolute_url()
    assert Event.objects.filter(verb="agency.added", object_id=str(agency.pk)).exists()


def test_duplicate_agency_is_400_on_the_partner_page(as_secretariat, partner_a):
    make_agency(partner_a, name="Kenya Police Service")
    response = as_secretariat.post(
        reverse("partners:agency_create", args=[partner_a.pk]),
        {"name": "Kenya Police Service", "kind": "police"},
    )
    assert response.status_code == 400
    assert response.context["agency_form"].errors["name"]
    assert "already has an agency" in response.content.decode()
    assert partner_a.agencies.count() == 1


def test_agency_with_unknown_kind_is_400(as_secretariat, partner_a):
    response = as_secretariat.post(
        reverse("partners:agency_create", args=[partner_a.pk]),
        {"name": "Something", "kind": "army"},
    )
    assert response.status_code == 400
    assert response.context["agency_form"].errors["kind"]


def test_secretariat_adds_a_unit_under_a_parent(as_secretariat, partner_a):
    agency = make_agency(partner_a)
    parent = make_unit(agency, name="Nairobi Region")
    page = as_secretariat.get(
        reverse("partners:unit_create", args=[agency.pk]), {"parent": parent.pk}
    )
    assert page.status_code == 200
    assert page.context["form"].initial["parent"] == str(parent.pk)

    response = as_secretariat.post(
        reverse("partners:unit_create", args=[agency.pk]),
        {"name": "Central Station", "parent": parent.pk, "valid_from": "2015-01-01"},
    )

    unit = Unit.objects.get(name="Central Station")
    assert response.status_code == 302 and response["Location"] == unit.get_absolute_url()
    assert unit.parent == parent and unit.agency == agency
    assert Event.objects.filter(verb="unit.added", object_id=str(unit.pk)).exists()


def test_parent_select_is_limited_to_the_agency(as_secretariat, partner_a):
    agency = make_agency(partner_a)
    other = make_unit(make_agency(partner_a), name="Other agency unit")
    form = as_secretariat.get(reverse("partners:unit_create", args=[agency.pk])).context["form"]
    assert other not in form.fields["parent"].queryset

    response = as_secretariat.post(
        reverse("partners:unit_create", args=[agency.pk]), {"name": "Stray", "parent": other.pk}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["parent"]
    assert not Unit.objects.filter(name="Stray").exists()


def test_unit_ending_before_it_starts_is_400_on_valid_to(as_secretariat, partner_a):
    agency = make_agency(partner_a)
    response = as_secretariat.post(
        reverse("partners:unit_create", args=[agency.pk]),
        {"name": "Backwards", "valid_from": "2020-01-01", "valid_to": "2019-01-01"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["valid_to"] == ["The end date is before the start date."]
    assert not Unit.objects.filter(name="Backwards").exists()
