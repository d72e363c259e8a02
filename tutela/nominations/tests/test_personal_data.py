"""The data-subject export and the erasure, across apps."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tutela.accounts.models import User
from tutela.activities.models import ActivityStatus
from tutela.audit.actions import record_event, verify_chain
from tutela.audit.models import Event
from tutela.learning.models import Score, Supervisor, SurveyInvitation, SurveyResponse
from tutela.lib.errors import ActionError, Conflict, NotAllowed
from tutela.nominations.models import Enrolment, Nomination, NominationStatus, Officer
from tutela.nominations.personal_data import (
    erase_officer,
    export_personal_data,
    is_erased,
    providers,
)
from tutela.partners.models import Unit
from tutela.testing import make_activity, make_decision, make_nomination, make_officer


@pytest.fixture
def alumnus(kenya_unit: Unit, secretariat: User) -> Officer:
    """An officer with a completed course, a vetting decision, a score, a supervisor and a
    survey answered with a comment — each written with its audit event."""
    from django.db import transaction

    officer = make_officer(kenya_unit, email="amina@example.org", full_name="أمينة حسن")
    today = timezone.localdate()
    activity = make_activity(
        status=ActivityStatus.COMPLETED, starts_on=today - dt.timedelta(days=9), ends_on=today
    )
    nomination = make_nomination(
        activity, officer, status=NominationStatus.COMPLETED, justification="Leads the desk."
    )
    Enrolment.objects.create(
        nomination=nomination, enrolled_by=secretariat, invitation_number="INV-2026-000042"
    )
    make_decision(officer=officer, reason="Checked Amina's record.", evidence="Informant X")
    Score.objects.create(nomination=nomination, kind="post", score=Decimal("80"))
    Supervisor.objects.create(officer=officer, name="Sgt Otieno", email="otieno@example.org")
    invitation = SurveyInvitation.objects.create(
        nomination=nomination,
        instrument="reaction",
        respondent="alumnus",
        email="amina@example.org",
        due_on=activity.ends_on,
        closes_on=activity.ends_on + dt.timedelta(days=30),
        answered_at=timezone.now(),
    )
    SurveyResponse.objects.create(
        invitation=invitation,
        answers={"overall": 5, "comment": "My boss Otieno was kind."},
        submitted_at=timezone.now(),
        days_after_course_end=0,
    )
    with transaction.atomic():
        record_event(secretariat, "officer.registered", officer)
        record_event(secretariat, "nomination.completed", nomination)
    return officer


def test_every_app_with_a_module_takes_part() -> None:
    labels = [label for label, _m in providers()]
    assert {"nominations", "vetting", "learning"} <= set(labels)


def test_export_holds_everything_and_is_audited(alumnus: Officer, oversight: User) -> None:
    data = export_personal_data(alumnus, by=oversight)
    json.dumps(data)  # serialisable
    apps = data["apps"]
    assert apps["nominations"]["officer"]["full_name"] == "أمينة حسن"
    assert (
        apps["nominations"]["nominations"][0]["enrolment"]["invitation_number"] == "INV-2026-000042"
    )
    assert [e["verb"] for e in apps["nominations"]["audit_events"]] == [
        "officer.registered",
        "nomination.completed",
    ]
    assert apps["vetting"]["decisions"][0]["reason"] == "Checked Amina's record."
    assert apps["vetting"]["decisions"][0]["restricted_evidence"] == "withheld"
    assert "Informant" not in json.dumps(data)
    assert apps["learning"]["supervisor"]["name"] == "Sgt Otieno"
    assert apps["learning"]["surveys"][0]["answers"]["comment"].startswith("My boss")
    assert Event.objects.filter(verb="officer.exported").count() == 1


def test_export_is_for_secretariat_and_oversight(
    alumnus: Officer, liaison_a: User, analyst: User
) -> None:
    for user in (liaison_a, analyst):
        with pytest.raises(NotAllowed):
            export_personal_data(alumnus, by=user)


def test_erasure_pseudonymises_and_keeps_aggregates_and_chain(
    alumnus: Officer, secretariat_head: User
) -> None:
    counts = erase_officer(alumnus, by=secretariat_head, reason="Request of 2026-11-20")
    assert counts["nominations"] >= 2 and counts["vetting"] == 1 and counts["learning"] >= 3
    officer = Officer.objects.get(pk=alumnus.pk)
    assert officer.full_name == officer.name_latin == f"Erased person {officer.pk}"
    assert officer.birth_date == dt.date(alumnus.birth_date.year, 1, 1)
    assert officer.email == ""
    assert is_erased(officer)
    dumped = json.dumps(export_personal_data(officer, by=secretariat_head), ensure_ascii=False)
    for secret in ("أمينة", "Amina's", "Otieno", "amina@example.org", "Leads the desk"):
        assert secret not in dumped
    # aggregates: the completion, the score and the scale answer are still there
    assert (
        Nomination.objects.filter(officer=officer, status=NominationStatus.COMPLETED).count() == 1
    )
    assert Score.objects.get(nomination__officer=officer).score == Decimal("80")
    assert SurveyResponse.objects.get().answers == {"overall": 5}
    assert verify_chain().ok
    call_command("audit_verify")
    event = Event.objects.get(verb="officer.erased")
    assert event.object_repr == f"Erased person {officer.pk}"
    assert event.data["reason"] == "Request of 2026-11-20"


def test_erasure_gates(
    alumnus: Officer, secretariat: User, secretariat_head: User, kenya_unit: Unit
) -> None:
    with pytest.raises(NotAllowed):
        erase_officer(alumnus, by=secretariat, reason="asked")  # not the head
    with pytest.raises(ActionError):
        erase_officer(alumnus, by=secretariat_head, reason=" ")
    busy = make_officer(kenya_unit)
    make_nomination(officer=busy)  # awaiting vetting
    with pytest.raises(Conflict):
        erase_officer(busy, by=secretariat_head, reason="asked")
    erase_officer(alumnus, by=secretariat_head, reason="asked")
    with pytest.raises(Conflict):
        erase_officer(alumnus, by=secretariat_head, reason="again")


def test_page_access_and_download(
    alumnus: Officer,
    as_secretariat: Client,
    as_oversight: Client,
    as_head: Client,
    as_liaison_a: Client,
    as_analyst: Client,
    as_director: Client,
    anonymous: Client,
) -> None:
    url = reverse("nominations:officer_personal_data", args=[alumnus.pk])
    for client in (as_liaison_a, as_analyst, as_director):
        assert client.get(url).status_code == 403
    assert anonymous.get(url).status_code == 302
    page = as_oversight.get(url)
    assert page.status_code == 200 and "Erase this person" not in page.content.decode()
    download = as_secretariat.get(url + "?format=json")
    assert download["Content-Disposition"].startswith("attachment")
    assert json.loads(download.content)["apps"]["nominations"]["officer"]["id"] == alumnus.pk
    assert as_secretariat.post(url, {"reason": "asked"}).status_code == 403
    assert as_oversight.post(url, {"reason": "asked"}).status_code == 403
    assert as_head.post(url, {"reason": ""}).status_code == 400
    assert as_head.post(url, {"reason": "Request 7"}).status_code == 302
    assert is_erased(alumnus)
    assert "has been erased" in as_head.get(url).content.decode()
