import datetime as dt

import pytest
from django.urls import reverse

from tutela.nominations.models import NominationStatus
from tutela.partners.models import Partner, PartnerKind
from tutela.partners.views import unit_trees
from tutela.testing import (
    make_agency,
    make_nomination,
    make_officer,
    make_partner,
    make_unit,
)

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true", "HX-Target": "results"}  # what the search form sends

COUNTRIES = [
    "KE",
    "PE",
    "FR",
    "DE",
    "BR",
    "IN",
    "JP",
    "NG",
    "EG",
    "MX",
    "AU",
    "CA",
    "ZA",
    "TH",
    "AR",
]


def _many_partners() -> list[Partner]:
    partners = []
    for code in COUNTRIES:
        partner = make_partner(code)
        unit = make_unit(make_agency(partner))
        make_officer(unit)
        partners.append(partner)
    return partners


@pytest.mark.parametrize("client_name", ["as_secretariat", "as_analyst", "as_oversight"])
def test_readers_across_countries_see_the_partner_list(request, client_name, partner_a):
    client = request.getfixturevalue(client_name)
    response = client.get(reverse("partners:list"))
    assert response.status_code == 200
    assert "Kenya" in response.content.decode()


@pytest.mark.parametrize("client_name", ["as_liaison_a", "as_reviewer", "as_director"])
def test_other_roles_are_refused_the_partner_pages(request, client_name, partner_a):
    client = request.getfixturevalue(client_name)
    unit = make_unit(make_agency(partner_a))
    assert client.get(reverse("partners:list")).status_code == 403
    assert client.get(reverse("partners:detail", args=[partner_a.pk])).status_code == 403
    assert client.get(reverse("partners:unit_detail", args=[unit.pk])).status_code == 403
    assert client.get(reverse("partners:institution_list")).status_code == 403
    assert client.get(reverse("partners:agreement_list")).status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in(anonymous):
    response = anonymous.get(reverse("partners:list"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_partner_list_is_bounded_in_queries_and_htmx_gets_the_partial(
    as_secretariat, django_assert_max_num_queries
):
    _many_partners()
    with django_assert_max_num_queries(6):
        full = as_secretariat.get(reverse("partners:list"))
    with django_assert_max_num_queries(6):
        partial = as_secretariat.get(reverse("partners:list"), headers=HTMX)
    assert "<html" in full.content.decode()
    body = partial.content.decode()
    assert "<html" not in body
    assert "Kenya" in body and "Peru" in body
    assert "15 results" in body


def test_partner_list_counts_agencies_and_officers_per_partner(as_secretariat):
    kenya = make_partner("KE")
    agency = make_agency(kenya)
    make_agency(kenya)
    unit = make_unit(agency)
    make_officer(unit)
    make_officer(unit)
    response = as_secretariat.get(reverse("partners:list"), {"q": "KE"})
    listing = response.context["listing"]
    (row,) = list(listing.page)
    assert (row.agency_count, row.officer_count) == (2, 2)


def test_partner_list_searches_by_name_acronym_and_code(as_secretariat):
    _many_partners()
    Partner.objects.create(
        kind=PartnerKind.ORGANISATION,
        name="International Criminal Police Organization",
        acronym="INTERPOL",
    )
    by_code = as_secretariat.get(reverse("partners:list"), {"q": "pe"}).content.decode()
    assert "Peru" in by_code and "Kenya" not in by_code
    by_acronym = as_secretariat.get(reverse("partners:list"), {"q": "interpol"}).content.decode()
    assert "International Criminal Police Organization" in by_acronym
    assert "1 result" in by_acronym
    by_name = as_secretariat.get(reverse("partners:list"), {"q": "keny"}).content.decode()
    assert "Kenya" in by_name and "Peru" not in by_name


def test_partner_list_filters_by_kind_and_region(as_secretariat):
    _many_partners()
    Partner.objects.create(kind=PartnerKind.ORGANISATION, name="INTERPOL", acronym="INTERPOL")
    africa = as_secretariat.get(reverse("partners:list"), {"region": "2"})
    names = {p.name for p in africa.context["listing"].page}
    assert names == {"Kenya", "Nigeria", "Egypt", "South Africa"}
    organisations = as_secretariat.get(reverse("partners:list"), {"kind": "organisation"})
    assert [p.name for p in organisations.context["listing"].page] == ["INTERPOL"]
    # the filters are kept in the pagination links and the form
    assert organisations.context["listing"].querystring(page=2) == "kind=organisation&page=2"


def test_partner_list_paginates(as_secretariat, settings):
    settings.PAGE_SIZE = 10
    _many_partners()
    second = as_secretariat.get(reverse("partners:list"), {"page": 2})
    assert len(second.context["listing"].page) == 5
    assert "page 2 of 2" in second.content.decode()


def test_partner_detail_shows_region_units_tree_and_counts(as_oversight, partner_a):
    agency = make_agency(partner_a, name="Kenya Police Service")
    region = make_unit(agency, name="Nairobi Region", valid_from=dt.date(2010, 1, 1))
    station = make_unit(
        agency, name="Central Station", parent=region, valid_to=dt.date(2020, 12, 31)
    )
    officer = make_officer(station)
    make_nomination(officer=officer)
    make_nomination(officer=officer, status=NominationStatus.COMPLETED)

    response = as_oversight.get(reverse("partners:detail", args=[partner_a.pk]))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Sub-Saharan Africa" in body and "Eastern Africa" in body
    assert "Kenya Police Service" in body
    # Central Station is drawn inside Nairobi Region's branch, with its dates
    assert body.index("Nairobi Region") < body.index("Central Station")
    branch = body[body.index("Nairobi Region") : body.index("Central Station")]
    assert branch.count("<ul") == 1
    assert "2010-01-01" in body and "2020-12-31" in body
    assert "dissolved" in body
    assert response.context["officer_count"] == 1
    assert response.context["nomination_count"] == 2
    assert response.context["completed_count"] == 1
    # oversight reads but does not record
    assert "Add an agency" not in body


def test_partner_detail_of_unknown_partner_is_404(as_secretariat):
    assert as_secretariat.get(reverse("partners:detail", args=[9999])).status_code == 404


def test_unit_trees_nest_children_and_survive_a_cycle(partner_a):
    agency = make_agency(partner_a)
    root = make_unit(agency, name="Root")
    child = make_unit(agency, name="Child", parent=root)
    grandchild = make_unit(agency, name="Grandchild", parent=child)
    a = make_unit(agency, name="A")
    b = make_unit(agency, name="B", parent=a)
    a.parent = b  # a cycle the database does not forbid
    a.save()

    trees = unit_trees(list(agency.units.all()))[agency.pk]

    top = {node.unit.name: node for node in trees}
    assert top["Root"].children[0].unit == child
    assert top["Root"].children[0].children[0].unit == grandchild
    shown = []

    def walk(nodes):
        for node in nodes:
            shown.append(node.unit.pk)
            walk(node.children)

    walk(trees)
    assert sorted(shown) == sorted([root.pk, child.pk, grandchild.pk, a.pk, b.pk])


def test_htmx_history_restore_and_other_targets_get_the_whole_page(as_secretariat, partner_a):
    restore = as_secretariat.get(
        reverse("partners:list"), headers={**HTMX, "HX-History-Restore-Request": "true"}
    )
    elsewhere = as_secretariat.get(
        reverse("partners:list"), headers={"HX-Request": "true", "HX-Target": "main"}
    )
    assert "<html" in restore.content.decode()
    assert "<html" in elsewhere.content.decode()


def test_partner_tree_flags_each_units_current_vetting_outcome(
    as_oversight, partner_a, django_assert_max_num_queries
):
    from tutela.testing import make_decision
    from tutela.vetting.models import Outcome

    agency = make_agency(partner_a)
    barred = make_unit(agency, name="Barred Unit")
    cleared = make_unit(agency, name="Cleared Unit")
    for i in range(12):
        make_unit(agency, name=f"Plain Unit {i:02d}", parent=cleared)
    make_decision(unit=barred, outcome=Outcome.NOT_CLEARED, evidence="WITNESS-NAME")
    make_decision(unit=cleared)

    with django_assert_max_num_queries(10):
        response = as_oversight.get(reverse("partners:detail", args=[partner_a.pk]))

    body = response.content.decode()
    barred_branch = body[body.index("Barred Unit") : body.index("Cleared Unit")]
    assert "Not cleared" in barred_branch
    assert "Cleared" in body[body.index("Cleared Unit") :]
    assert body.count("not vetted") == 12
    assert "WITNESS-NAME" not in body
