import pytest
from django.urls import reverse

from tutela.nominations.models import NominationStatus
from tutela.testing import (
    make_activity,
    make_agency,
    make_decision,
    make_nomination,
    make_officer,
    make_unit,
)
from tutela.vetting.models import Outcome

pytestmark = pytest.mark.django_db
LIST = reverse("nominations:officer_list")


def detail(officer):
    return reverse("nominations:officer_detail", args=[officer.pk])


def test_officer_list_uses_a_fixed_number_of_queries(
    as_secretariat, partner_a, partner_b, django_assert_max_num_queries
):
    activity = make_activity()
    for i in range(22):
        partner = partner_a if i % 2 else partner_b
        officer = make_officer(make_unit(make_agency(partner)))
        make_nomination(activity=activity, officer=officer)
        make_decision(officer=officer, outcome=Outcome.CLEARED)
        make_decision(unit=officer.unit, outcome=Outcome.MORE_INFO)

    with django_assert_max_num_queries(6):
        response = as_secretariat.get(LIST)

    rows = list(response.context["listing"].page)
    assert len(rows) == 22
    assert {(o.officer_outcome, o.unit_outcome, o.nomination_count) for o in rows} == {
        ("cleared", "more_info", 1)
    }


def test_liaison_sees_only_their_partners_officers(as_liaison_a, kenya_unit, partner_b):
    ours = make_officer(kenya_unit, full_name="Иван Петров", name_latin="Ivan Petrov")
    theirs = make_officer(make_unit(make_agency(partner_b)), name_latin="Rosa Quispe")

    response = as_liaison_a.get(LIST, {"partner": partner_b.pk})

    assert [o.pk for o in response.context["listing"].page] == [ours.pk]
    page = response.content.decode()
    assert "Rosa Quispe" not in page and 'name="partner"' not in page
    assert as_liaison_a.get(detail(theirs)).status_code == 404


@pytest.mark.parametrize("query", ["አበበ", "abebe"])
def test_officer_search_in_any_script(as_secretariat, kenya_unit, query):
    wanted = make_officer(kenya_unit, full_name="አበበ ቢቂላ", name_latin="Abebe Bikila")
    make_officer(kenya_unit, full_name="สมชาย ใจดี", name_latin="Somchai Jaidee")
    response = as_secretariat.get(LIST, {"q": query})
    assert [o.pk for o in response.context["listing"].page] == [wanted.pk]


def test_officer_list_htmx_partial(as_secretariat, kenya_unit):
    make_officer(kenya_unit, name_latin="Somchai Jaidee")
    partial = as_secretariat.get(LIST, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and "Somchai Jaidee" in partial


def test_vetting_filter_on_officers(as_secretariat, kenya_unit):
    barred = make_officer(kenya_unit)
    make_decision(officer=barred, outcome=Outcome.NOT_CLEARED)
    make_officer(kenya_unit)
    response = as_secretariat.get(LIST, {"vetting": "not_cleared"})
    assert [o.pk for o in response.context["listing"].page] == [barred.pk]


@pytest.mark.parametrize("persona", ["as_reviewer"])
def test_roles_without_officers_get_403(request, persona, kenya_unit):
    officer = make_officer(kenya_unit)
    client = request.getfixturevalue(persona)
    assert client.get(LIST).status_code == 403
    assert client.get(detail(officer)).status_code == 403


def test_officer_detail_shows_nominations_decisions_and_unit_path_but_never_evidence(
    as_liaison_a, kenya_unit
):
    officer = make_officer(kenya_unit, full_name="أمينة حسن", name_latin="Amina Hassan")
    nomination = make_nomination(officer=officer, status=NominationStatus.WITHDRAWN)
    make_decision(
        officer=officer,
        outcome=Outcome.NOT_CLEARED,
        reason="Credible allegation under review.",
        evidence="SECRET-WITNESS-STATEMENT-4471",
    )
    make_decision(
        unit=kenya_unit,
        reason="Unit checked against UN reports.",
        evidence="RESTRICTED-UNIT-FILE-99",
    )

    response = as_liaison_a.get(detail(officer))

    assert response.status_code == 200
    page = response.content.decode()
    assert '<span class="name-native" dir="auto">أمينة حسن</span>' in page
    assert nomination.activity.code in page and "Withdrawn" in page
    assert "Credible allegation under review." in page
    assert "Unit checked against UN reports." in page
    assert "Not cleared" in page and "Cleared" in page
    assert 'Nairobi Command</span> › <span dir="auto">Community Policing Unit' in page
    assert "SECRET-WITNESS-STATEMENT-4471" not in page
    assert "RESTRICTED-UNIT-FILE-99" not in page
    assert not hasattr(response.context["decisions"][0], "evidence")


def test_secretariat_gets_links_to_vetting_decisions_liaison_does_not(
    as_secretariat, as_liaison_a, kenya_unit
):
    officer = make_officer(kenya_unit)
    decision = make_decision(officer=officer)
    link = reverse("vetting:decision_detail", args=[decision.pk])
    assert link in as_secretariat.get(detail(officer)).content.decode()
    assert link not in as_liaison_a.get(detail(officer)).content.decode()


def test_course_director_sees_only_officers_of_their_activities(as_director, director, kenya_unit):
    theirs = make_officer(kenya_unit)
    make_nomination(activity=make_activity(director=director), officer=theirs)
    other = make_officer(kenya_unit)
    make_nomination(officer=other)
    assert [o.pk for o in as_director.get(LIST).context["listing"].page] == [theirs.pk]
    assert as_director.get(detail(other)).status_code == 404


def test_vetting_record_links_for_vetting_readers_only(
    as_analyst, as_oversight, as_liaison_a, kenya_unit
):
    officer = make_officer(kenya_unit)
    record = reverse("vetting:officer_decision_list", args=[officer.pk])
    unit_record = reverse("vetting:unit_decision_list", args=[kenya_unit.pk])
    decide = reverse("vetting:officer_decision_create", args=[officer.pk])

    analyst_page = as_analyst.get(detail(officer)).content.decode()
    assert record in analyst_page and unit_record in analyst_page and decide in analyst_page
    oversight_page = as_oversight.get(detail(officer)).content.decode()
    assert record in oversight_page and decide not in oversight_page
    assert 'data-testid="vetting-links"' not in as_liaison_a.get(detail(officer)).content.decode()
