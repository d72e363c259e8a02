"""Due diligence on partner institutions: four steps, serious risk to the head, the gate before
an agreement becomes active, the review schedule, and who sees what."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from tutela.audit.models import Event
from tutela.lib.errors import ActionError, Conflict, GateClosed, NotAllowed
from tutela.partners.actions import (
    activate_agreement,
    check_due_diligence,
    decide_serious_risk,
    record_assessment,
)
from tutela.partners.models import Agreement, AgreementStatus, AssessmentStatus
from tutela.testing import make_partner

pytestmark = pytest.mark.django_db

STEPS = {
    "situation": "Credible reports of ill-treatment in custody in 2024.",
    "risks": "Interview training could be used in coercive interrogations.",
    "mitigations": "Vetting of every trainee and unit; the Méndez Principles in every module.",
    "monitoring": "Six-monthly visits; complaints channel.",
}


@pytest.fixture
def agreement(db):
    agreement = Agreement.objects.create(
        title="Academy cooperation", scope="Training.", starts_on=dt.date(2026, 1, 1)
    )
    agreement.parties.set([make_partner("KE")])
    return agreement


def test_an_agreement_cannot_become_active_without_an_assessment(agreement, secretariat):
    with pytest.raises(GateClosed, match="Record a due-diligence assessment"):
        activate_agreement(agreement, by=secretariat)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.PENDING


def test_four_steps_are_required(agreement, secretariat):
    for step in STEPS:
        with pytest.raises(ActionError) as refused:
            record_assessment(agreement, by=secretariat, risk_level="low", **{**STEPS, step: " "})
        assert refused.value.field == step
    with pytest.raises(ActionError) as refused:
        record_assessment(agreement, by=secretariat, risk_level="extreme", **STEPS)
    assert refused.value.field == "risk_level"


def test_low_risk_assessment_lets_the_agreement_become_active(agreement, secretariat):
    assessment = record_assessment(agreement, by=secretariat, risk_level="low", **STEPS)
    today = timezone.localdate()
    assert assessment.status == AssessmentStatus.COMPLETE
    assert assessment.next_review_on == today + dt.timedelta(days=365)
    activate_agreement(agreement, by=secretariat)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE and agreement.activated_by == secretariat
    assert Event.objects.filter(verb="agreement.activated").exists()
    with pytest.raises(Conflict):
        activate_agreement(agreement, by=secretariat)


def test_serious_risk_needs_the_head_with_a_written_reason(
    agreement, secretariat, secretariat_head
):
    assessment = record_assessment(agreement, by=secretariat, risk_level="serious", **STEPS)
    assert assessment.status == AssessmentStatus.AWAITING_HEAD
    assert assessment.next_review_on == assessment.assessed_on + dt.timedelta(days=182)
    with pytest.raises(GateClosed, match="secretariat head must approve"):
        activate_agreement(agreement, by=secretariat)
    with pytest.raises(NotAllowed):
        decide_serious_risk(assessment, by=secretariat, approve=True, reason="Fine.")
    with pytest.raises(ActionError) as refused:
        decide_serious_risk(assessment, by=secretariat_head, approve=True, reason="  ")
    assert refused.value.field == "reason"
    decide_serious_risk(
        assessment, by=secretariat_head, approve=True, reason="Mitigations are strong."
    )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.APPROVED
    assert assessment.head_reason == "Mitigations are strong."
    activate_agreement(agreement, by=secretariat)
    assert Event.objects.filter(verb="assessment.head_approved").exists()


def test_a_refused_serious_risk_keeps_the_agreement_inactive(
    agreement, secretariat, secretariat_head
):
    assessment = record_assessment(agreement, by=secretariat, risk_level="serious", **STEPS)
    decide_serious_risk(assessment, by=secretariat_head, approve=False, reason="Too risky.")
    with pytest.raises(GateClosed, match="refused"):
        activate_agreement(agreement, by=secretariat)
    with pytest.raises(Conflict):
        decide_serious_risk(assessment, by=secretariat_head, approve=True, reason="Changed mind.")


def test_an_assessment_past_its_review_date_no_longer_clears(agreement, secretariat):
    today = timezone.localdate()
    record_assessment(
        agreement,
        by=secretariat,
        risk_level="moderate",
        assessed_on=today - dt.timedelta(days=400),
        next_review_on=today - dt.timedelta(days=35),
        **STEPS,
    )
    with pytest.raises(GateClosed, match="due for review"):
        check_due_diligence(agreement, today)
    record_assessment(agreement, by=secretariat, risk_level="low", **STEPS)
    check_due_diligence(agreement, today)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"assessed_on": dt.date(2100, 1, 1)}, "assessed_on"),
        ({"next_review_on": dt.date(2000, 1, 1)}, "next_review_on"),
        (
            {"assessed_on": dt.date(2026, 1, 1), "next_review_on": dt.date(2029, 1, 1)},
            "next_review_on",
        ),
    ],
)
def test_dates_are_checked(agreement, secretariat, fields, field):
    with pytest.raises(ActionError) as refused:
        record_assessment(agreement, by=secretariat, risk_level="low", **fields, **STEPS)
    assert refused.value.field == field


def test_only_the_secretariat_records_and_activates(agreement, analyst, oversight):
    for user in (analyst, oversight):
        with pytest.raises(NotAllowed):
            record_assessment(agreement, by=user, risk_level="low", **STEPS)
        with pytest.raises(NotAllowed):
            activate_agreement(agreement, by=user)


def test_pages_record_decide_and_activate(agreement, as_secretariat, as_head, secretariat):
    url = reverse("partners:assessment_create", args=[agreement.pk])
    response = as_secretariat.post(url, {**STEPS, "risk_level": "serious"})
    assert response.status_code == 302
    page = as_secretariat.get(agreement.get_absolute_url())
    assert page.context["can_activate"] is False
    assert "secretariat head must approve" in page.content.decode()
    assessment = agreement.assessments.get()
    response = as_head.post(
        reverse("partners:assessment_decide", args=[assessment.pk]),
        {"decision": "approve", "reason": "Strong mitigations."},
    )
    assert response.status_code == 302
    response = as_secretariat.post(reverse("partners:agreement_activate", args=[agreement.pk]))
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE


def test_incomplete_assessment_form_is_400(agreement, as_secretariat):
    url = reverse("partners:assessment_create", args=[agreement.pk])
    response = as_secretariat.post(url, {**STEPS, "monitoring": "", "risk_level": "low"})
    assert response.status_code == 400
    assert response.context["assessment_form"].errors["monitoring"]


def test_activating_without_assessment_is_409_with_the_reason(agreement, as_secretariat):
    response = as_secretariat.post(reverse("partners:agreement_activate", args=[agreement.pk]))
    assert response.status_code == 409
    assert "Record a due-diligence assessment" in response.context["action_error"]


def test_only_the_head_decides_through_the_page(agreement, secretariat, as_secretariat):
    assessment = record_assessment(agreement, by=secretariat, risk_level="serious", **STEPS)
    response = as_secretariat.post(
        reverse("partners:assessment_decide", args=[assessment.pk]),
        {"decision": "approve", "reason": "x"},
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("as_oversight", 200),
        ("as_analyst", 200),
        ("as_secretariat", 200),
        ("as_liaison_a", 403),
        ("as_reviewer", 403),
    ],
)
def test_assessments_are_visible_to_oversight(request, persona, status, agreement, secretariat):
    record_assessment(agreement, by=secretariat, risk_level="moderate", **STEPS)
    client = request.getfixturevalue(persona)
    response = client.get(reverse("partners:assessment_list"))
    assert response.status_code == status
    if status == 200:
        assert STEPS["situation"] not in response.content.decode()  # the list shows no detail
        detail = client.get(agreement.get_absolute_url()).content.decode()
        assert STEPS["situation"] in detail


def test_the_list_flags_and_filters_reviews_due(agreement, secretariat, as_oversight):
    today = timezone.localdate()
    record_assessment(
        agreement,
        by=secretariat,
        risk_level="low",
        assessed_on=today - dt.timedelta(days=400),
        next_review_on=today - dt.timedelta(days=1),
        **STEPS,
    )
    other = Agreement.objects.create(title="Other", scope="x", starts_on=today)
    record_assessment(other, by=secretariat, risk_level="low", **STEPS)
    due = as_oversight.get(reverse("partners:assessment_list") + "?due=1")
    assert [a.agreement.title for a in due.context["listing"].page] == ["Academy cooperation"]


def test_api_record_decide_activate_and_list(
    agreement, as_secretariat, as_head, as_oversight, as_liaison_a
):
    api = "/api/v1/partners"
    body = json.dumps({**STEPS, "risk_level": "serious"})
    created = as_secretariat.post(
        f"{api}/agreements/{agreement.pk}/assessments", body, "application/json"
    )
    assert created.status_code == 201 and created.json()["status"] == "awaiting_head"
    blocked = as_secretariat.post(f"{api}/agreements/{agreement.pk}/activate")
    assert blocked.status_code == 409
    decision = json.dumps({"approve": True, "reason": "Strong mitigations."})
    pk = created.json()["id"]
    assert (
        as_secretariat.post(
            f"{api}/assessments/{pk}/decision", decision, "application/json"
        ).status_code
        == 403
    )
    assert (
        as_head.post(f"{api}/assessments/{pk}/decision", decision, "application/json").status_code
        == 201
    )
    activated = as_secretariat.post(f"{api}/agreements/{agreement.pk}/activate")
    assert activated.status_code == 201 and activated.json()["status"] == "active"
    listing = as_oversight.get(f"{api}/assessments").json()
    assert listing["items"][0]["head_reason"] == "Strong mitigations."
    assert as_liaison_a.get(f"{api}/assessments").status_code == 403


@pytest.mark.parametrize("persona", ["as_analyst", "as_oversight", "as_liaison_a", "as_reviewer"])
def test_only_the_secretariat_records_and_activates_through_the_pages(request, persona, agreement):
    client = request.getfixturevalue(persona)
    create = client.post(
        reverse("partners:assessment_create", args=[agreement.pk]), {**STEPS, "risk_level": "low"}
    )
    assert create.status_code == 403
    activate = client.post(reverse("partners:agreement_activate", args=[agreement.pk]))
    assert activate.status_code == 403
    assert not agreement.assessments.exists()


def test_only_the_latest_assessment_of_an_agreement_can_be_due(
    agreement, secretariat, as_oversight
):
    today = timezone.localdate()
    record_assessment(
        agreement,
        by=secretariat,
        risk_level="low",
        assessed_on=today - dt.timedelta(days=500),
        next_review_on=today - dt.timedelta(days=135),
        **STEPS,
    )
    record_assessment(agreement, by=secretariat, risk_level="low", **STEPS)  # the review
    due = as_oversight.get(reverse("partners:assessment_list") + "?due=1")
    assert list(due.context["listing"].page) == []
    html = as_oversight.get(reverse("partners:assessment_list")).content.decode()
    assert "superseded" in html
