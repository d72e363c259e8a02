import pytest
from django.urls import reverse

from tutela.nominations.models import NominationStatus
from tutela.testing import (
    clear,
    make_activity,
    make_agency,
    make_decision,
    make_nomination,
    make_officer,
    make_unit,
)
from tutela.vetting.models import Outcome

pytestmark = pytest.mark.django_db
URL = reverse("nominations:list")


def kenyan(partner_a, **fields):
    return make_officer(make_unit(make_agency(partner_a)), **fields)


def test_list_pages_of_many_nominations_use_a_fixed_number_of_queries(
    as_secretariat, partner_a, partner_b, django_assert_max_num_queries
):
    activity = make_activity()
    for i in range(24):
        officer = kenyan(partner_a) if i % 2 else make_officer(make_unit(make_agency(partner_b)))
        nomination = make_nomination(activity=activity, officer=officer)
        if i % 3 == 0:
            clear(nomination.officer)

    with django_assert_max_num_queries(7):
        response = as_secretariat.get(URL)

    assert response.status_code == 200
    assert len(response.context["listing"].page.object_list) == 24


def test_liaison_sees_only_their_partners_nominations_and_no_partner_filter(
    as_liaison_a, partner_a, partner_b
):
    ours = make_nomination(officer=kenyan(partner_a, name_latin="Ours Kenyan"))
    make_nomination(
        officer=make_officer(make_unit(make_agency(partner_b)), name_latin="Theirs Peruvian")
    )

    response = as_liaison_a.get(URL, {"partner": partner_b.pk})

    page = response.content.decode()
    assert [n.pk for n in response.context["listing"].page] == [ours.pk]
    assert "Ours Kenyan" in page and "Theirs Peruvian" not in page
    assert 'name="partner"' not in page


def test_secretariat_filters_by_partner(as_secretariat, partner_a, partner_b):
    make_nomination(officer=kenyan(partner_a))
    peru = make_nomination(officer=make_officer(make_unit(make_agency(partner_b))))
    response = as_secretariat.get(URL, {"partner": partner_b.pk})
    assert [n.pk for n in response.context["listing"].page] == [peru.pk]
    assert 'name="partner"' in response.content.decode()


@pytest.mark.parametrize("query", ["王小明", "小明", "wang xiao", "CPH-77", "Crowd safety"])
def test_search_finds_officer_names_in_any_script_and_activities(as_secretariat, partner_a, query):
    activity = make_activity(code="CPH-77", title="Crowd safety")
    wanted = make_nomination(
        activity=activity, officer=kenyan(partner_a, full_name="王小明", name_latin="Wang Xiaoming")
    )
    make_nomination(officer=kenyan(partner_a, full_name="Иван Петров", name_latin="Ivan Petrov"))

    response = as_secretariat.get(URL, {"q": query})

    assert [n.pk for n in response.context["listing"].page] == [wanted.pk]
    assert '<span class="name-native" dir="auto">王小明</span>' in response.content.decode()


def test_filters_by_status_and_activity(as_secretariat, partner_a):
    first, second = make_activity(), make_activity()
    a = make_nomination(activity=first, officer=kenyan(partner_a))
    make_nomination(activity=second, officer=kenyan(partner_a))
    make_nomination(activity=first, officer=kenyan(partner_a), status=NominationStatus.WITHDRAWN)

    response = as_secretariat.get(URL, {"status": "nominated", "activity": first.pk})

    assert [n.pk for n in response.context["listing"].page] == [a.pk]


def test_vetting_state_comes_from_the_latest_decision_and_filters(as_secretariat, partner_a):
    cleared = make_nomination(officer=kenyan(partner_a))
    clear(cleared.officer)
    barred = make_nomination(officer=kenyan(partner_a))
    clear(barred.officer)
    make_decision(unit=barred.officer.unit, outcome=Outcome.NOT_CLEARED)  # latest wins
    waiting = make_nomination(officer=kenyan(partner_a))
    make_decision(officer=waiting.officer, outcome=Outcome.MORE_INFO)
    unvetted = make_nomination(officer=kenyan(partner_a))

    def found(state):
        response = as_secretariat.get(URL, {"vetting": state})
        return {n.pk for n in response.context["listing"].page}

    assert found("cleared") == {cleared.pk}
    assert found("not_cleared") == {barred.pk}
    assert found("more_info") == {waiting.pk}
    assert found("awaiting") == {waiting.pk, unvetted.pk}
    rows = {n.pk: n for n in as_secretariat.get(URL).context["listing"].page}
    assert (rows[barred.pk].officer_outcome, rows[barred.pk].unit_outcome) == (
        "cleared",
        "not_cleared",
    )
    assert "Not cleared" in as_secretariat.get(URL, {"vetting": "not_cleared"}).content.decode()


def test_htmx_request_gets_only_the_results(as_secretariat, partner_a):
    make_nomination(officer=kenyan(partner_a, name_latin="Partial Person"))
    full = as_secretariat.get(URL).content.decode()
    partial = as_secretariat.get(URL, headers={"HX-Request": "true"}).content.decode()
    assert "<html" in full and 'hx-get="/nominations/"' in full
    assert "<html" not in partial and "<form" not in partial
    assert "Partial Person" in partial and "<table" in partial


def test_override_enrolments_are_flagged_in_the_list(as_secretariat, partner_a, secretariat_head):
    from tutela.nominations.actions import enrol_nominee

    nomination = make_nomination(officer=kenyan(partner_a))
    enrol_nominee(nomination, by=secretariat_head, override_reason="Ministerial request")
    page = as_secretariat.get(URL).content.decode()
    assert 'data-testid="override-flag"' in page


def test_sign_in_is_required(anonymous):
    response = anonymous.get(URL)
    assert response.status_code == 302
    assert "/login" in response["Location"]


def test_open_alerts_flag_rows_and_affected_enrolments_for_vetting_readers(
    as_secretariat, as_liaison_a, partner_a, analyst
):
    from pathlib import Path

    from tutela.vetting.actions import import_watchlist, screen_officer_and_unit

    fixtures = Path(__file__).resolve().parents[2] / "lib" / "watchlists" / "tests" / "fixtures"
    import_watchlist(
        format="credible-csv", paths=[fixtures / "credible" / "credible_list.csv"], by=analyst
    )
    listed = kenyan(partner_a, full_name="Tavrin Oskel Mabaro", name_latin="Tavrin Oskel Mabaro")
    enrolled = make_nomination(officer=listed, status=NominationStatus.ENROLLED)
    make_nomination(officer=kenyan(partner_a, full_name="Clean Person"))
    screen_officer_and_unit(listed)

    page = as_secretariat.get(URL).content.decode()
    assert page.count('data-testid="alert-flag"') == 1
    assert "affected: open alert" in page
    only_alerts = as_secretariat.get(URL, {"vetting": "alert"})
    assert [n.pk for n in only_alerts.context["listing"].page.object_list] == [enrolled.pk]

    # Liaisons do not read screening alerts: no flag, and the filter is not offered or applied.
    liaison_page = as_liaison_a.get(URL).content.decode()
    assert 'data-testid="alert-flag"' not in liaison_page
    assert 'value="alert"' not in liaison_page
