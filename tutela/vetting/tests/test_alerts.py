"""Screening alerts: raised on nomination, not raised twice, decided by analysts, read by role."""

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse

from tutela.audit.models import Event
from tutela.lib.errors import ActionError, Conflict, NotAllowed
from tutela.nominations.actions import OfficerData, nominate_officer
from tutela.testing import country, make_activity, make_agency, make_officer, make_unit
from tutela.vetting.actions import (
    confirm_alert,
    dismiss_alert,
    import_watchlist,
    screen_officer_and_unit,
)
from tutela.vetting.models import Alert, AlertStatus
from tutela.vetting.screening import ALERT_THRESHOLD

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "lib" / "watchlists" / "tests" / "fixtures"
CREDIBLE = FIXTURES / "credible" / "credible_list.csv"
LISTED = "Tavrin Oskel Mabaro"  # credible-csv:CR-001, an invented person


@pytest.fixture
def credible(analyst):
    return import_watchlist(format="credible-csv", paths=[CREDIBLE], by=analyst)


def nominate(partner, by, full_name: str, name_latin: str = ""):
    agency = make_agency(partner)
    data = OfficerData(
        full_name=full_name,
        name_latin=name_latin or full_name,
        birth_date=dt.date(1979, 6, 1),
        gender="M",
        nationality=country("KE"),
        rank="Inspector",
        agency=agency,
        unit=make_unit(agency, name="Nairobi Community Policing Unit"),
    )
    return nominate_officer(
        make_activity(), data, partner=partner, justification="Leads the unit.", by=by
    )


def officer_alert(name: str = LISTED) -> Alert:
    [alert] = screen_officer_and_unit(make_officer(full_name=name, name_latin=name))
    return alert


def test_a_nomination_of_a_listed_name_opens_an_alert_after_commit(
    credible, liaison_a, partner_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        nomination = nominate(partner_a, liaison_a, LISTED)

    alert = Alert.objects.get()
    assert alert.officer == nomination.officer and alert.unit is None
    assert alert.status == AlertStatus.OPEN and alert.score >= ALERT_THRESHOLD
    assert alert.entity_id == "credible-csv:CR-001" and alert.entry.version == credible
    assert alert.watchlist == credible.watchlist
    assert alert.content_hash == alert.entry.content_hash
    assert alert.explanation["matched_name"] == LISTED and alert.explanation["text"]
    event = Event.objects.get(verb="officer.screened")
    assert event.actor_id is None  # the worker screens
    assert (event.data["opened"], event.data["alerts"]) == (1, [alert.pk])
    assert event.data["versions"] == [credible.pk]


def test_a_clean_name_opens_no_alert_but_the_screening_is_recorded(
    credible, liaison_a, partner_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        nominate(partner_a, liaison_a, "Wairimu Njeri Kamau")

    assert not Alert.objects.exists()
    event = Event.objects.get(verb="officer.screened")
    assert (event.data["candidates"], event.data["opened"]) == (0, 0)


def test_a_listed_unit_opens_an_alert_on_the_unit(credible):
    unit = make_unit(name="Example Rapid Response Battalion")
    [alert] = screen_officer_and_unit(make_officer(unit, full_name="Wairimu Njeri Kamau"))
    assert alert.unit == unit and alert.officer is None
    assert alert.entity_id == "credible-csv:CR-003"


def test_an_open_pair_is_not_raised_twice(credible):
    alert = officer_alert()
    assert screen_officer_and_unit(alert.officer) == []
    assert Alert.objects.count() == 1
    last = Event.objects.filter(verb="officer.screened").order_by("-sequence").first()
    assert (last.data["opened"], last.data["already_open"]) == (0, 1)


def test_a_dismissed_pair_is_raised_again_only_when_the_entry_changes(credible, analyst, tmp_path):
    alert = officer_alert()
    dismiss_alert(alert, reason="Different person: born 1990, other region.", by=analyst)

    # Same entry in a new version of the list (another entry added): not raised again.
    unchanged = tmp_path / "unchanged" / "credible_list.csv"
    unchanged.parent.mkdir()
    unchanged.write_text(
        CREDIBLE.read_text(encoding="utf-8")
        + "CR-999,person,Kesto Varumbe Lindqvar,,,KE,Invented.,https://example.org,low\n",
        encoding="utf-8",
    )
    import_watchlist(format="credible-csv", paths=[unchanged], by=analyst)
    assert screen_officer_and_unit(alert.officer) == []
    last = Event.objects.filter(verb="officer.screened").order_by("-sequence").first()
    assert last.data["already_decided"] == 1

    # The entry's content changes (a new alias): raised again, against the new version.
    changed = tmp_path / "changed" / "credible_list.csv"
    changed.parent.mkdir()
    changed.write_text(
        CREDIBLE.read_text(encoding="utf-8").replace(
            "T. O. Mabaro;Tavrin Mabbaro", "T. O. Mabaro;Tavrin Mabbaro;Tavryn Mabaro"
        ),
        encoding="utf-8",
    )
    version = import_watchlist(format="credible-csv", paths=[changed], by=analyst)
    [again] = screen_officer_and_unit(alert.officer)
    assert again.entity_id == alert.entity_id and again.version == version
    assert again.content_hash != alert.content_hash


def test_analysts_dismiss_and_confirm_with_a_reason_and_it_is_audited(credible, analyst):
    first = officer_alert()
    second = officer_alert("Tavrin O. Mabaro")

    dismiss_alert(first, reason="  Other person.  ", by=analyst)
    confirm_alert(second, reason="Same person: matching service record.", by=analyst)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.reason, first.decided_by) == ("dismissed", "Other person.", analyst)
    assert second.status == AlertStatus.CONFIRMED and second.decided_at is not None
    events = {e.verb: e for e in Event.objects.filter(verb__startswith="alert.")}
    assert set(events) == {"alert.dismissed", "alert.confirmed"}
    assert events["alert.dismissed"].actor_id == analyst.pk
    assert events["alert.dismissed"].data["entity_id"] == "credible-csv:CR-001"


def test_only_analysts_decide_with_a_reason_and_only_once(credible, analyst, secretariat):
    alert = officer_alert()
    with pytest.raises(NotAllowed):
        dismiss_alert(alert, reason="Other person.", by=secretariat)
    with pytest.raises(ActionError) as refused:
        confirm_alert(alert, reason="   ", by=analyst)
    assert refused.value.field == "reason"
    dismiss_alert(alert, reason="Other person.", by=analyst)
    with pytest.raises(Conflict):
        confirm_alert(alert, reason="Changed my mind.", by=analyst)
    assert Alert.objects.get().status == AlertStatus.DISMISSED


# --- Pages --------------------------------------------------------------------------------------


def test_alert_page_shows_open_alerts_most_likely_first_with_both_sides(
    credible, as_analyst, django_assert_max_num_queries
):
    weaker = officer_alert("Tavrin Mabaro Oskell")
    stronger = officer_alert()
    assert stronger.score > weaker.score
    screen_officer_and_unit(make_officer(make_unit(name="Example Rapid Response Battalion")))

    with django_assert_max_num_queries(8):
        response = as_analyst.get(reverse("vetting:alert_list"))

    assert response.status_code == 200
    page = response.content.decode()
    order = [page.index(f'id="alert-{a.pk}"') for a in (stronger, weaker)]
    assert order == sorted(order)
    assert "Example NGO report 2021 p. 14" in page  # the entry's sources
    assert "Example Rapid Response Battalion" in page  # the unit alert
    assert page.count('name="decision" value="dismiss"') == 3


def test_analyst_dismisses_from_the_page_and_a_missing_reason_is_shown(
    credible, as_analyst, analyst
):
    alert = officer_alert()
    url = reverse("vetting:alert_detail", args=[alert.pk])

    refused = as_analyst.post(url, {"decision": "dismiss", "reason": ""})
    assert refused.status_code == 400 and Alert.objects.get().is_open

    response = as_analyst.post(url, {"decision": "dismiss", "reason": "Other person."})
    assert response.status_code == 302 and response["Location"] == reverse("vetting:alert_list")
    alert.refresh_from_db()
    assert alert.status == AlertStatus.DISMISSED and alert.decided_by == analyst
    listed = as_analyst.get(reverse("vetting:alert_list"), {"status": "dismissed"})
    assert f'id="alert-{alert.pk}"' in listed.content.decode()
    assert "Other person." in listed.content.decode()


@pytest.mark.parametrize("persona", ["as_secretariat", "as_oversight"])
def test_secretariat_and_oversight_read_alerts_without_deciding(credible, persona, request):
    client = request.getfixturevalue(persona)
    alert = officer_alert()
    for url in (reverse("vetting:alert_list"), reverse("vetting:alert_detail", args=[alert.pk])):
        response = client.get(url)
        assert response.status_code == 200
        assert LISTED in response.content.decode()
        assert 'name="decision"' not in response.content.decode()
    refused = client.post(
        reverse("vetting:alert_detail", args=[alert.pk]),
        {"decision": "confirm", "reason": "Same person."},
    )
    assert refused.status_code == 403 and Alert.objects.get().is_open


def test_liaisons_may_not_see_alerts_and_visitors_must_log_in(credible, as_liaison_a, anonymous):
    alert = officer_alert()
    for url in (reverse("vetting:alert_list"), reverse("vetting:alert_detail", args=[alert.pk])):
        assert as_liaison_a.get(url).status_code == 403
        assert anonymous.get(url).status_code == 302
