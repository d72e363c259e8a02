"""The audit API: the event log and the chain verification, for secretariat and oversight."""

import pytest
from django.db import connection, transaction

from tutela.accounts.models import User
from tutela.audit.actions import record_event
from tutela.audit.models import Event

pytestmark = pytest.mark.django_db

API = "/api/v1/audit"


def _events(by: User, n: int) -> None:
    with transaction.atomic():
        for i in range(n):
            record_event(by, "test.happened", None, {"i": i})


@pytest.mark.parametrize("persona", ["as_secretariat", "as_oversight"])
def test_readers_list_events_latest_first(request, persona, secretariat):
    _events(secretariat, 3)

    response = request.getfixturevalue(persona).get(f"{API}/events")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [e["sequence"] for e in body["items"]] == [3, 2, 1]
    assert body["items"][0]["prev_hash"] == body["items"][1]["hash"]
    assert body["items"][0]["actor_label"] == "secretariat"


@pytest.mark.parametrize("persona", ["as_liaison_a", "as_analyst", "as_reviewer", "as_director"])
def test_other_roles_are_refused_the_audit_trail(request, persona):
    client = request.getfixturevalue(persona)

    assert client.get(f"{API}/events").status_code == 403
    assert client.get(f"{API}/verify").status_code == 403


def test_events_are_paginated_and_filtered(as_oversight, secretariat):
    _events(secretariat, 30)
    with transaction.atomic():
        record_event(secretariat, "enrolment.override", None, {})

    page = as_oversight.get(f"{API}/events", {"limit": 10, "offset": 10}).json()
    overrides = as_oversight.get(f"{API}/events", {"verb": "enrolment."}).json()

    assert page["count"] == 31
    assert [e["sequence"] for e in page["items"]] == list(range(21, 11, -1))
    assert [e["verb"] for e in overrides["items"]] == ["enrolment.override"]


def test_event_list_queries_are_bounded(as_oversight, secretariat, django_assert_max_num_queries):
    _events(secretariat, 25)

    with django_assert_max_num_queries(4):
        response = as_oversight.get(f"{API}/events")

    assert len(response.json()["items"]) == 25


def test_verify_reports_an_intact_chain(as_oversight, secretariat):
    _events(secretariat, 4)
    head = Event.objects.order_by("-sequence").first()
    assert head is not None

    response = as_oversight.get(f"{API}/verify")

    assert response.status_code == 200
    assert response.json() == {
        "ok": True,
        "checked": 4,
        "head_sequence": 4,
        "head_hash": head.hash,
        "broken_sequence": None,
        "reason": "",
    }


def test_verify_names_the_first_edited_event(as_secretariat, secretariat):
    _events(secretariat, 4)
    with connection.cursor() as cursor:  # tamper behind the model's back
        cursor.execute("UPDATE audit_event SET verb = 'test.forged' WHERE sequence = 3")

    body = as_secretariat.get(f"{API}/verify").json()

    assert body["ok"] is False
    assert body["broken_sequence"] == 3
    assert body["checked"] == 2
    assert "edited" in body["reason"]
