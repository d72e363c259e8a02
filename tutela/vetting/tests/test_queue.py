import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

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
URL = reverse("vetting:queue")


def nominee(partner=None, unit=None, **officer_fields):
    """An officer nominated to an activity starting in 30 days, awaiting vetting."""
    unit = unit or make_unit(make_agency(partner) if partner else None)
    officer = make_officer(unit, **officer_fields)
    make_nomination(make_activity(), officer)
    return officer


def rows(response) -> list:
    return list(response.context["listing"].page.object_list)


def names(response) -> set[str]:
    return {o.full_name for o in rows(response)}


def test_queue_lists_officers_whose_decision_is_missing_or_not_enough(as_analyst):
    today = timezone.localdate()
    cleared_unit = make_unit()
    make_decision(unit=cleared_unit)
    nominee(unit=cleared_unit, full_name="Not vetted")
    more = nominee(unit=cleared_unit, full_name="More info")
    make_decision(officer=more, outcome=Outcome.MORE_INFO)
    short = nominee(unit=cleared_unit, full_name="Expires before start")
    make_decision(officer=short, valid_from=today, valid_until=today + dt.timedelta(days=10))
    done = nominee(unit=cleared_unit, full_name="Cleared")
    make_decision(officer=done)
    refused = nominee(unit=cleared_unit, full_name="Refused")
    make_decision(officer=refused, outcome=Outcome.NOT_CLEARED)
    enrolled = make_officer(cleared_unit, full_name="Already enrolled")
    make_nomination(make_activity(), enrolled, status=NominationStatus.ENROLLED)
    make_officer(cleared_unit, full_name="Never nominated")

    response = as_analyst.get(URL)

    assert response.status_code == 200
    assert names(response) == {"Not vetted", "More info", "Expires before start"}


def test_officer_whose_unit_lacks_a_current_clearance_is_listed(as_analyst):
    officer = nominee(full_name="Cleared, unit not")
    make_decision(officer=officer)

    response = as_analyst.get(URL)

    assert names(response) == {"Cleared, unit not"}
    (row,) = rows(response)
    assert row.state["covers"] is True
    assert row.unit_state["label"] == "Not vetted"


def test_queue_shows_what_the_gate_finds_missing(as_analyst):
    officer = nominee(full_name="Amani")
    make_decision(unit=officer.unit, outcome=Outcome.MORE_INFO)

    body = as_analyst.get(URL).content.decode()

    assert "The officer has not been vetted." in body
    assert "The officer&#x27;s unit&#x27;s vetting is waiting for more information." in body


def test_units_tab_lists_units_of_nominees_without_a_current_clearance(as_analyst):
    bare = make_unit(name="Unit without decision")
    nominee(unit=bare)
    barred = make_unit(name="Barred unit")
    make_decision(unit=barred, outcome=Outcome.NOT_CLEARED)
    nominee(unit=barred)
    cleared = make_unit(name="Cleared unit")
    make_decision(unit=cleared)
    nominee(unit=cleared)
    make_unit(name="Unit with nobody nominated")

    response = as_analyst.get(URL, {"kind": "units"})

    assert {u.name for u in rows(response)} == {"Unit without decision", "Barred unit"}
    body = response.content.decode()
    assert reverse("vetting:unit_decision_create", args=[bare.pk]) in body


def test_units_tab_counts_pending_nominations(as_analyst):
    unit = make_unit()
    nominee(unit=unit)
    nominee(unit=unit)

    (row,) = rows(as_analyst.get(URL, {"kind": "units"}))

    assert row.pending_count == 2


@pytest.mark.parametrize("client_name", ["as_analyst", "as_secretariat", "as_oversight"])
def test_analysts_secretariat_and_oversight_read_the_queue(request, client_name):
    nominee(full_name="Nominee")

    response = request.getfixturevalue(client_name).get(URL)

    assert response.status_code == 200
    assert names(response) == {"Nominee"}


@pytest.mark.parametrize("client_name", ["as_liaison_a", "as_reviewer", "as_director"])
def test_other_roles_are_refused(request, client_name):
    nominee()

    assert request.getfixturevalue(client_name).get(URL).status_code == 403


def test_anonymous_is_sent_to_sign_in(anonymous):
    assert anonymous.get(URL).status_code == 302


def test_decide_buttons_only_for_analysts(as_analyst, as_oversight, as_secretariat):
    officer = nominee()
    decide = reverse("vetting:officer_decision_create", args=[officer.pk])

    assert decide in as_analyst.get(URL).content.decode()
    assert decide not in as_oversight.get(URL).content.decode()
    assert decide not in as_secretariat.get(URL).content.decode()


def test_search_matches_names_in_any_script_and_unit(as_analyst):
    nominee(full_name="Иван Петров", name_latin="Ivan Petrov")
    nominee(full_name="Amina Wanjiru", unit=make_unit(name="Border post 9"))

    assert names(as_analyst.get(URL, {"q": "петров"})) == {"Иван Петров"}
    assert names(as_analyst.get(URL, {"q": "ivan"})) == {"Иван Петров"}
    assert names(as_analyst.get(URL, {"q": "border post"})) == {"Amina Wanjiru"}


def test_partner_filter(as_analyst, partner_a, partner_b):
    nominee(partner_a, full_name="Kenyan officer")
    nominee(partner_b, full_name="Peruvian officer")

    assert names(as_analyst.get(URL, {"partner": partner_b.pk})) == {"Peruvian officer"}


def test_htmx_request_renders_only_the_results(as_analyst):
    nominee(full_name="Partial nominee")

    response = as_analyst.get(
        URL, {"q": "partial"}, headers={"HX-Request": "true", "HX-Target": "results"}
    )

    body = response.content.decode()
    assert "Partial nominee" in body
    assert "<html" not in body
    assert 'type="search"' not in body


def test_queue_is_ordered_by_the_first_start(as_analyst):
    soon = make_activity(
        starts_on=timezone.localdate() + dt.timedelta(days=3),
        ends_on=timezone.localdate() + dt.timedelta(days=4),
    )
    later = nominee(full_name="Later")
    sooner = make_officer(full_name="Sooner")
    make_nomination(soon, sooner)

    assert [o.full_name for o in rows(as_analyst.get(URL))] == ["Sooner", later.full_name]


@pytest.mark.parametrize("kind", ["officers", "units"])
def test_queue_query_count_does_not_grow_with_rows(as_analyst, kind, django_assert_max_num_queries):
    parent = make_unit(name="Command")
    for _ in range(15):
        officer = nominee(unit=make_unit(parent.agency, parent=parent))
        make_decision(officer=officer, outcome=Outcome.MORE_INFO)

    with django_assert_max_num_queries(12):
        response = as_analyst.get(URL, {"kind": kind})

    assert len(rows(response)) == 15
