"""Nominating, closing nominations, and vetting decisions — the actions behind every interface."""

import datetime as dt

import pytest

from tutela.activities.actions import allocate_seats, request_seats
from tutela.audit.models import Event
from tutela.lib.errors import ActionError, Conflict, GateClosed, NotAllowed
from tutela.nominations.actions import (
    OfficerData,
    close_nomination,
    enrol_nominee,
    nominate_officer,
    seats_left,
)
from tutela.nominations.models import NominationStatus, Officer
from tutela.testing import clear, country, make_activity, make_agency, make_nomination, make_unit
from tutela.vetting.actions import decide_vetting, default_valid_until

pytestmark = pytest.mark.django_db


def _data(partner, **overrides) -> OfficerData:
    agency = overrides.pop("agency", None) or make_agency(partner)
    unit = overrides.pop("unit", None) or make_unit(agency)
    fields = dict(
        full_name="አበበ በቀለ",
        name_latin="Abebe Bekele",
        birth_date=dt.date(1988, 3, 4),
        gender="M",
        nationality=country("ET"),
        rank="Inspector",
        agency=agency,
        unit=unit,
    )
    fields.update(overrides)
    return OfficerData(**fields)


def test_liaison_nominates_for_own_partner_and_officer_is_registered(liaison_a, partner_a):
    activity = make_activity()
    nomination = nominate_officer(
        activity,
        _data(partner_a),
        partner=partner_a,
        justification="Heads the community unit.",
        by=liaison_a,
    )
    assert nomination.status == NominationStatus.NOMINATED
    assert nomination.officer.full_name == "አበበ በቀለ"
    assert {e.verb for e in Event.objects.all()} == {"officer.registered", "nomination.created"}


def test_liaison_may_not_nominate_for_another_partner(liaison_a, partner_b):
    with pytest.raises(NotAllowed):
        nominate_officer(
            make_activity(), _data(partner_b), partner=partner_b, justification="x", by=liaison_a
        )


def test_analysts_and_reviewers_may_not_nominate(analyst, reviewer, partner_a):
    for user in (analyst, reviewer):
        with pytest.raises(NotAllowed):
            nominate_officer(
                make_activity(), _data(partner_a), partner=partner_a, justification="x", by=user
            )


def test_activity_must_be_open_for_nominations(liaison_a, partner_a):
    with pytest.raises(GateClosed, match="not open"):
        nominate_officer(
            make_activity(status="planned"),
            _data(partner_a),
            partner=partner_a,
            justification="x",
            by=liaison_a,
        )


def test_unit_must_belong_to_the_agency(liaison_a, partner_a):
    other_unit = make_unit(make_agency(partner_a))
    with pytest.raises(ActionError) as refused:
        nominate_officer(
            make_activity(),
            _data(partner_a, unit=other_unit),
            partner=partner_a,
            justification="x",
            by=liaison_a,
        )
    assert refused.value.field == "unit"


def test_same_name_and_birth_date_is_the_same_officer(liaison_a, partner_a):
    data = _data(partner_a)
    first = nominate_officer(
        make_activity(), data, partner=partner_a, justification="x", by=liaison_a
    )
    spaced = _data(partner_a, agency=data.agency, unit=data.unit, full_name="  አበበ   በቀለ ")
    second = nominate_officer(
        make_activity(), spaced, partner=partner_a, justification="x", by=liaison_a
    )
    assert first.officer_id == second.officer_id
    assert Officer.objects.count() == 1
    with pytest.raises(Conflict, match="already nominated"):
        nominate_officer(first.activity, data, partner=partner_a, justification="x", by=liaison_a)


def test_partner_without_seats_cannot_nominate_once_seats_are_allocated(
    secretariat, liaison_a, liaison_b, partner_a, partner_b
):
    activity = make_activity(capacity=1)
    request_seats(activity, partner_b, 3, by=liaison_b)
    allocate_seats(activity, by=secretariat)
    with pytest.raises(GateClosed, match="no seats allocated"):
        nominate_officer(
            activity, _data(partner_a), partner=partner_a, justification="x", by=liaison_a
        )
    assert seats_left(activity, partner_b) == 1
    assert seats_left(activity, partner_a) == 0


def test_enrolment_stops_at_the_partner_allocation(secretariat, liaison_a, partner_a):
    activity = make_activity(capacity=10)
    request_seats(activity, partner_a, 1, by=liaison_a)
    allocate_seats(activity, by=secretariat)
    first, second = (make_nomination(activity=activity), make_nomination(activity=activity))
    clear(first.officer)
    clear(second.officer)
    enrol_nominee(first, by=secretariat)
    with pytest.raises(GateClosed, match="no seats left"):
        enrol_nominee(second, by=secretariat)


def test_withdraw_and_no_show(secretariat, liaison_a, partner_a):
    nomination = make_nomination(officer=None)
    nomination.partner = partner_a
    nomination.save()
    with pytest.raises(ActionError):
        close_nomination(nomination, status="withdrawn", reason=" ", by=liaison_a)
    with pytest.raises(NotAllowed):
        close_nomination(nomination, status="no_show", reason="absent", by=liaison_a)
    with pytest.raises(Conflict):
        close_nomination(nomination, status="no_show", reason="absent", by=secretariat)
    close_nomination(nomination, status="withdrawn", reason="Reassigned", by=liaison_a)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.WITHDRAWN
    assert Event.objects.filter(verb="nomination.withdrawn").exists()


def test_only_analysts_decide_and_validity_defaults_to_twelve_months(analyst, secretariat):
    nomination = make_nomination()
    with pytest.raises(NotAllowed):
        decide_vetting(
            by=secretariat, officer=nomination.officer, outcome="cleared", reason="ok", sources="x"
        )
    decision = decide_vetting(
        by=analyst,
        officer=nomination.officer,
        outcome="cleared",
        reason="No adverse information.",
        sources="Country report",
        evidence="Informant statement",
        valid_from=dt.date(2026, 1, 31),
    )
    assert decision.valid_until == dt.date(2027, 1, 30) == default_valid_until(dt.date(2026, 1, 31))
    event = Event.objects.get(verb="vetting.decided")
    assert "Informant" not in str(event.data)


def test_decision_needs_reason_sources_and_one_subject(analyst):
    nomination = make_nomination()
    officer = nomination.officer
    with pytest.raises(ActionError) as refused:
        decide_vetting(by=analyst, officer=officer, outcome="cleared", reason="", sources="x")
    assert refused.value.field == "reason"
    with pytest.raises(ActionError) as refused:
        decide_vetting(by=analyst, officer=officer, outcome="cleared", reason="x", sources=" ")
    assert refused.value.field == "sources"
    with pytest.raises(ActionError):
        decide_vetting(
            by=analyst,
            officer=officer,
            unit=officer.unit,
            outcome="cleared",
            reason="x",
            sources="y",
        )
    with pytest.raises(ActionError) as refused:
        decide_vetting(
            by=analyst,
            officer=officer,
            outcome="not_cleared",
            reason="x",
            sources="y",
            is_publishable=True,
        )
    assert refused.value.field == "is_publishable"
