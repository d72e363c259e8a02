"""Decisions cite the screening alerts they rest on; clearing waits for open alerts."""

from pathlib import Path

import pytest
from django.urls import reverse

from tutela.audit.models import Event
from tutela.lib.errors import ActionError
from tutela.testing import make_officer
from tutela.vetting.actions import (
    confirm_alert,
    decide_vetting,
    dismiss_alert,
    import_watchlist,
    screen_officer_and_unit,
)
from tutela.vetting.models import Alert, Decision, Outcome

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "lib" / "watchlists" / "tests" / "fixtures"
LISTED = "Tavrin Oskel Mabaro"  # credible-csv:CR-001, an invented person


@pytest.fixture
def alert(analyst) -> Alert:
    import_watchlist(
        format="credible-csv", paths=[FIXTURES / "credible" / "credible_list.csv"], by=analyst
    )
    [alert] = screen_officer_and_unit(make_officer(full_name=LISTED, name_latin=LISTED))
    return alert


def decide(analyst, alert: Alert, outcome: str = Outcome.CLEARED, **kwargs) -> Decision:
    return decide_vetting(
        by=analyst,
        officer=alert.officer,
        outcome=outcome,
        reason="Checked.",
        sources="Watchlists",
        **kwargs,
    )


def test_clearing_is_refused_while_an_alert_on_the_officer_is_open(alert, analyst):
    with pytest.raises(ActionError, match="open") as refused:
        decide(analyst, alert)
    assert refused.value.field == "outcome"
    assert not Decision.objects.exists()
    # Other outcomes may be recorded while the alert is worked.
    decide(analyst, alert, outcome=Outcome.MORE_INFO)


def test_an_open_alert_cannot_be_cited(alert, analyst):
    with pytest.raises(ActionError, match="still open"):
        decide(analyst, alert, outcome=Outcome.MORE_INFO, alerts=[alert])


def test_a_decision_cites_a_dismissed_alert_and_the_audit_names_it(alert, analyst):
    dismiss_alert(alert, reason="Different birth year.", by=analyst)
    alert.refresh_from_db()
    decision = decide(analyst, alert, alerts=[alert])
    assert list(decision.alerts.all()) == [alert]
    assert list(alert.decisions.all()) == [decision]
    event = Event.objects.filter(verb="vetting.decided").latest("pk")
    assert event.data["alerts"] == [alert.pk]


def test_clearing_must_cite_a_confirmed_alert_no_decision_cites(alert, analyst):
    confirm_alert(alert, reason="Same person.", by=analyst)
    alert.refresh_from_db()
    with pytest.raises(ActionError, match=str(alert.pk)) as refused:
        decide(analyst, alert)
    assert refused.value.field == "alerts"
    decide(analyst, alert, outcome=Outcome.NOT_CLEARED, alerts=[alert])
    # Once a decision cites it, a later clearance need not cite it again.
    decide(analyst, alert)


def test_an_alert_about_someone_else_cannot_be_cited(alert, analyst):
    dismiss_alert(alert, reason="Different person.", by=analyst)
    alert.refresh_from_db()
    other = make_officer()
    with pytest.raises(ActionError, match="not about this officer"):
        decide_vetting(
            by=analyst,
            officer=other,
            outcome=Outcome.CLEARED,
            reason="Checked.",
            sources="Watchlists",
            alerts=[alert],
        )


def test_the_decision_form_preselects_uncited_alerts_and_records_the_citation(
    alert, analyst, as_analyst
):
    officer = alert.officer
    url = reverse("vetting:officer_decision_create", args=[officer.pk])
    page = as_analyst.get(url).content.decode()
    assert 'data-testid="open-alerts-note"' in page

    dismiss_alert(alert, reason="Different person.", by=analyst)
    page = as_analyst.get(url).content.decode()
    assert f'value="{alert.pk}"' in page and "checked" in page
    assert 'data-testid="open-alerts-note"' not in page

    response = as_analyst.post(
        url,
        {
            "outcome": Outcome.CLEARED,
            "reason": "No match.",
            "sources": "Watchlists",
            "valid_from": "2026-01-01",
            "alerts": [alert.pk],
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert list(decision.alerts.all()) == [alert]
    detail = as_analyst.get(decision.get_absolute_url()).content.decode()
    assert reverse("vetting:alert_detail", args=[alert.pk]) in detail
    alert_page = as_analyst.get(alert.get_absolute_url()).content.decode()
    assert decision.get_absolute_url() in alert_page


def test_the_form_shows_the_refusal_when_clearing_over_an_open_alert(alert, as_analyst):
    response = as_analyst.post(
        reverse("vetting:officer_decision_create", args=[alert.officer_id]),
        {
            "outcome": Outcome.CLEARED,
            "reason": "No match.",
            "sources": "Watchlists",
            "valid_from": "2026-01-01",
        },
    )
    assert response.status_code == 400
    assert "dismiss or confirm" in response.content.decode()
    assert not Decision.objects.exists()


def test_the_api_cites_alerts_and_rejects_unknown_ids(alert, analyst, as_analyst):
    dismiss_alert(alert, reason="Different person.", by=analyst)
    payload = {
        "officer": alert.officer_id,
        "outcome": "cleared",
        "reason": "No match.",
        "sources": "Watchlists",
    }
    api = "/api/v1/vetting/decisions"
    unknown = as_analyst.post(api, {**payload, "alerts": [999999]}, content_type="application/json")
    assert unknown.status_code == 400 and unknown.json()["field"] == "alerts"
    created = as_analyst.post(
        api, {**payload, "alerts": [alert.pk]}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    assert created.json()["alerts"] == [alert.pk]


def test_the_api_lists_alerts_for_vetting_readers_and_analysts_decide_them(
    alert, as_analyst, as_secretariat, as_liaison_a
):
    listed = as_secretariat.get("/api/v1/vetting/alerts")
    assert listed.status_code == 200
    [item] = listed.json()["items"]
    assert item["id"] == alert.pk and item["status"] == "open"
    assert item["listed_name"] == LISTED and item["explanation"]
    assert as_liaison_a.get("/api/v1/vetting/alerts").status_code == 403

    url = f"/api/v1/vetting/alerts/{alert.pk}/confirm"
    body = {"reason": "Same person: birth date and unit match."}
    refused = as_secretariat.post(url, body, content_type="application/json")
    assert refused.status_code == 403
    blank = as_analyst.post(url, {"reason": ""}, content_type="application/json")
    assert blank.status_code == 422
    done = as_analyst.post(url, body, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "confirmed"
    twice = as_analyst.post(
        f"/api/v1/vetting/alerts/{alert.pk}/dismiss", body, content_type="application/json"
    )
    assert twice.status_code == 409
    assert as_analyst.get("/api/v1/vetting/alerts").json()["items"] == []
    confirmed = as_analyst.get("/api/v1/vetting/alerts", {"status": "confirmed"}).json()
    assert [a["id"] for a in confirmed["items"]] == [alert.pk]
