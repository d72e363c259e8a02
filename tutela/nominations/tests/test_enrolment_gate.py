import datetime as dt

import pytest

from tutela.audit.models import Event
from tutela.lib.errors import Conflict, GateClosed, NotAllowed
from tutela.nominations.actions import complete_nomination, enrol_nominee
from tutela.nominations.models import NominationStatus
from tutela.testing import clear, make_activity, make_decision, make_nomination, make_officer
from tutela.vetting.models import Outcome

pytestmark = pytest.mark.django_db


def test_cleared_officer_and_unit_are_enrolled_with_an_audit_event(secretariat):
    nomination = make_nomination()
    clear(nomination.officer)

    enrolment = enrol_nominee(nomination, by=secretariat)

    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.ENROLLED
    assert not enrolment.is_override
    assert enrolment.invitation_number.startswith("INV-")
    assert Event.objects.filter(verb="enrolment.created", object_id=str(enrolment.pk)).exists()


def test_unvetted_officer_is_refused_naming_both_missing_safeguards(secretariat):
    nomination = make_nomination()

    with pytest.raises(GateClosed) as refused:
        enrol_nominee(nomination, by=secretariat)

    assert "officer has not been vetted" in refused.value.message
    assert "unit has not been vetted" in refused.value.message
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.NOMINATED
    assert not Event.objects.filter(verb__startswith="enrolment").exists()


def test_unit_not_cleared_closes_the_gate_even_if_officer_cleared(secretariat):
    nomination = make_nomination()
    make_decision(officer=nomination.officer)
    make_decision(unit=nomination.officer.unit, outcome=Outcome.NOT_CLEARED)

    with pytest.raises(GateClosed, match="unit was not cleared"):
        enrol_nominee(nomination, by=secretariat)


def test_clearance_must_cover_the_activity_start_date(secretariat):
    start = dt.date.today() + dt.timedelta(days=400)
    activity = make_activity(starts_on=start, ends_on=start + dt.timedelta(days=5))
    nomination = make_nomination(activity=activity)
    clear(nomination.officer)  # valid 365 days from today

    with pytest.raises(GateClosed, match="does not cover"):
        enrol_nominee(nomination, by=secretariat)


def test_latest_decision_wins(secretariat):
    nomination = make_nomination()
    clear(nomination.officer)
    make_decision(officer=nomination.officer, outcome=Outcome.MORE_INFO)

    with pytest.raises(GateClosed, match="more information"):
        enrol_nominee(nomination, by=secretariat)


def test_barred_parent_unit_closes_the_gate(secretariat):
    officer = make_officer()
    parent = officer.unit.__class__.objects.create(agency=officer.unit.agency, name="Command")
    officer.unit.parent = parent
    officer.unit.save()
    clear(officer)
    make_decision(unit=parent, outcome=Outcome.NOT_CLEARED)

    with pytest.raises(GateClosed, match="parent unit Command"):
        enrol_nominee(make_nomination(officer=officer), by=secretariat)


def test_override_needs_the_head_and_a_reason_and_is_flagged(secretariat, secretariat_head):
    nomination = make_nomination()

    with pytest.raises(NotAllowed):
        enrol_nominee(nomination, by=secretariat, override_reason="Urgent")
    with pytest.raises(GateClosed):
        enrol_nominee(nomination, by=secretariat_head, override_reason="   ")

    enrolment = enrol_nominee(nomination, by=secretariat_head, override_reason="Minister's order")
    assert enrolment.is_override
    event = Event.objects.get(verb="enrolment.override")
    assert event.data["reason"] == "Minister's order"
    assert Event.objects.overrides().count() == 1


def test_only_secretariat_enrols(liaison_a, analyst):
    nomination = make_nomination()
    clear(nomination.officer)
    for user in (liaison_a, analyst):
        with pytest.raises(NotAllowed):
            enrol_nominee(nomination, by=user)


def test_enrolling_twice_is_a_conflict(secretariat):
    nomination = make_nomination()
    clear(nomination.officer)
    enrol_nominee(nomination, by=secretariat)
    with pytest.raises(Conflict):
        enrol_nominee(nomination, by=secretariat)


def test_capacity_is_a_gate(secretariat):
    activity = make_activity(capacity=1)
    first, second = make_nomination(activity=activity), make_nomination(activity=activity)
    clear(first.officer)
    clear(second.officer)
    enrol_nominee(first, by=secretariat)
    with pytest.raises(GateClosed, match="full"):
        enrol_nominee(second, by=secretariat)


def test_director_completes_only_their_running_activity(secretariat, director):
    activity = make_activity(director=director)
    nomination = make_nomination(activity=activity)
    clear(nomination.officer)
    enrol_nominee(nomination, by=secretariat)
    with pytest.raises(Conflict, match="not started"):
        complete_nomination(nomination, by=director)
    activity.status = "running"
    activity.save()
    nomination.refresh_from_db()
    complete_nomination(nomination, by=director)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.COMPLETED


def test_enrolment_sends_the_invitation_after_commit(
    secretariat, liaison_a, mailoutbox, django_capture_on_commit_callbacks
):
    liaison_a.email = "liaison@example.org"
    liaison_a.save()
    nomination = make_nomination(officer=make_officer(email="officer@example.org"))
    nomination.partner = liaison_a.partner
    nomination.save()
    clear(nomination.officer)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enrolment = enrol_nominee(nomination, by=secretariat)
    assert mailoutbox == []  # nothing is sent before the enrolment is committed
    for callback in callbacks:
        callback()

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert sorted(message.to) == ["liaison@example.org", "officer@example.org"]
    assert enrolment.invitation_number in message.subject
    assert f"/nominations/{nomination.pk}/invitation/" in message.body
    assert Event.objects.filter(verb="invitation.sent", object_id=str(enrolment.pk)).exists()
