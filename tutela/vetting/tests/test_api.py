"""The vetting API: decisions, with restricted evidence only for analysts."""

from typing import Any

import pytest
from django.test import Client

from tutela.audit.models import Event
from tutela.testing import make_decision, make_officer, make_unit
from tutela.vetting.models import Decision, Outcome

pytestmark = pytest.mark.django_db

API = "/api/v1/vetting/decisions"
EVIDENCE = "Witness statement W-17, restricted."


def post(client: Client, body: dict[str, Any]) -> Any:
    return client.post(API, body, content_type="application/json")


def test_analyst_lists_decisions_with_evidence(as_analyst):
    decision = make_decision(officer=make_officer(), evidence=EVIDENCE)

    response = as_analyst.get(API)

    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["id"] == decision.pk
    assert item["evidence"] == EVIDENCE
    assert item["subject"] == "officer"


@pytest.mark.parametrize("persona", ["as_secretariat", "as_oversight"])
def test_secretariat_and_oversight_never_receive_evidence(request, persona):
    decision = make_decision(unit=make_unit(), evidence=EVIDENCE)
    client = request.getfixturevalue(persona)

    listed = client.get(API)
    detail = client.get(f"{API}/{decision.pk}")

    assert listed.status_code == detail.status_code == 200
    assert "evidence" not in listed.json()["items"][0]
    assert "evidence" not in detail.json()
    assert EVIDENCE not in listed.content.decode() + detail.content.decode()
    assert detail.json()["reason"] == "Checked."


def test_analyst_detail_includes_evidence(as_analyst):
    decision = make_decision(officer=make_officer(), evidence=EVIDENCE)

    assert as_analyst.get(f"{API}/{decision.pk}").json()["evidence"] == EVIDENCE


@pytest.mark.parametrize("persona", ["as_liaison_a", "as_reviewer", "as_director"])
def test_other_roles_are_refused_decisions(request, persona):
    decision = make_decision(officer=make_officer(), evidence=EVIDENCE)
    client = request.getfixturevalue(persona)

    assert client.get(API).status_code == 403
    assert client.get(f"{API}/{decision.pk}").status_code == 403


def test_list_filters_by_subject_and_outcome(as_oversight):
    unit = make_unit()
    barred = make_decision(unit=unit, outcome=Outcome.NOT_CLEARED)
    make_decision(unit=make_unit())
    make_decision(officer=make_officer(), outcome=Outcome.NOT_CLEARED)

    response = as_oversight.get(API, {"subject": "unit", "outcome": "not_cleared"})

    assert [d["id"] for d in response.json()["items"]] == [barred.pk]
    assert as_oversight.get(API, {"unit": unit.pk}).json()["count"] == 1


def test_bad_subject_filter_is_a_422(as_oversight):
    response = as_oversight.get(API, {"subject": "agency"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "subject"]


@pytest.mark.parametrize("persona", ["as_analyst", "as_oversight"])
def test_decision_list_queries_are_bounded(request, persona, django_assert_max_num_queries):
    client = request.getfixturevalue(persona)
    for n in range(22):
        if n % 2:
            make_decision(officer=make_officer(), evidence=EVIDENCE)
        else:
            make_decision(unit=make_unit(), evidence=EVIDENCE)

    with django_assert_max_num_queries(5):  # the deferred evidence is never read per row
        response = client.get(API)

    assert response.json()["count"] == 22


def test_analyst_decides_on_an_officer(as_analyst, analyst):
    officer = make_officer()

    response = post(
        as_analyst,
        {
            "officer": officer.pk,
            "outcome": "cleared",
            "reason": "No adverse record.",
            "sources": "National watchlist 2026-05\nUN panel reports",
            "evidence": EVIDENCE,
            "valid_from": "2026-01-01",
        },
    )

    assert response.status_code == 201
    body = response.json()
    assert body["subject"] == "officer"
    assert body["valid_until"] == "2026-12-31"
    assert body["evidence"] == EVIDENCE
    decision = Decision.objects.get(pk=body["id"])
    assert decision.decided_by == analyst
    event = Event.objects.get(verb="vetting.decided", object_id=str(decision.pk))
    assert EVIDENCE not in str(event.data)


def test_analyst_bars_a_unit_publicly(as_analyst):
    unit = make_unit()

    response = post(
        as_analyst,
        {
            "unit": unit.pk,
            "outcome": "not_cleared",
            "reason": "Credible reports of abuses.",
            "sources": "Report",
            "is_publishable": True,
        },
    )

    assert response.status_code == 201
    assert response.json()["is_publishable"] is True


def test_a_decision_needs_exactly_one_subject(as_analyst):
    both = post(
        as_analyst,
        {
            "officer": make_officer().pk,
            "unit": make_unit().pk,
            "outcome": "cleared",
            "reason": "x",
            "sources": "y",
        },
    )
    neither = post(as_analyst, {"outcome": "cleared", "reason": "x", "sources": "y"})

    assert both.status_code == neither.status_code == 400
    assert both.json()["field"] == "officer"
    assert not Decision.objects.exists()


def test_publishing_a_cleared_unit_is_refused_on_the_field(as_analyst):
    response = post(
        as_analyst,
        {
            "unit": make_unit().pk,
            "outcome": "cleared",
            "reason": "x",
            "sources": "y",
            "is_publishable": True,
        },
    )

    assert response.status_code == 400
    assert response.json()["field"] == "is_publishable"


def test_validity_before_start_is_refused(as_analyst):
    response = post(
        as_analyst,
        {
            "officer": make_officer().pk,
            "outcome": "cleared",
            "reason": "x",
            "sources": "y",
            "valid_from": "2026-05-01",
            "valid_until": "2026-04-01",
        },
    )

    assert response.status_code == 400
    assert response.json()["field"] == "valid_until"


def test_unknown_officer_is_refused_on_the_field(as_analyst):
    response = post(
        as_analyst, {"officer": 999999, "outcome": "cleared", "reason": "x", "sources": "y"}
    )

    assert response.status_code == 400
    assert response.json()["field"] == "officer"


def test_missing_sources_is_a_422(as_analyst):
    response = post(as_analyst, {"officer": make_officer().pk, "outcome": "cleared", "reason": "x"})

    assert response.status_code == 422
    assert ["body", "payload", "sources"] in [e["loc"] for e in response.json()["detail"]]


@pytest.mark.parametrize("persona", ["as_secretariat", "as_oversight", "as_liaison_a"])
def test_only_analysts_decide(request, persona):
    response = post(
        request.getfixturevalue(persona),
        {"officer": make_officer().pk, "outcome": "cleared", "reason": "x", "sources": "y"},
    )

    assert response.status_code == 403
    assert not Decision.objects.exists()
