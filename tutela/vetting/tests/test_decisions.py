import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tutela.audit.models import Event
from tutela.testing import make_activity, make_decision, make_nomination, make_officer, make_unit
from tutela.vetting.actions import default_valid_until
from tutela.vetting.models import Decision, Outcome

pytestmark = pytest.mark.django_db
EVIDENCE = "Informant statement 2025-114: present at the March raid."


def officer_url(officer) -> str:
    return reverse("vetting:officer_decision_create", args=[officer.pk])


def unit_url(unit) -> str:
    return reverse("vetting:unit_decision_create", args=[unit.pk])


def decision_data(**overrides):
    data = {
        "outcome": Outcome.CLEARED,
        "reason": "No credible information of violations.",
        "sources": "UN OHCHR country report 2025\n\n  National court registry  \n",
        "evidence": EVIDENCE,
        "valid_from": timezone.localdate().isoformat(),
        "valid_until": "",
    }
    data.update(overrides)
    return data


def test_form_defaults_to_today_and_twelve_months(as_analyst):
    officer = make_officer()

    response = as_analyst.get(officer_url(officer))

    today = timezone.localdate()
    form = response.context["form"]
    assert response.status_code == 200
    assert form.initial["valid_from"] == today
    assert form.initial["valid_until"] == default_valid_until(today)
    assert "is_publishable" not in form.fields
    assert default_valid_until(today).isoformat() in response.content.decode()


def test_analyst_decides_on_an_officer_with_an_audit_event(as_analyst, analyst):
    officer = make_officer()

    response = as_analyst.post(officer_url(officer), decision_data())

    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == decision.get_absolute_url()
    assert decision.officer == officer
    assert decision.outcome == Outcome.CLEARED
    assert decision.decided_by == analyst
    assert decision.sources == "UN OHCHR country report 2025\nNational court registry"
    assert decision.evidence == EVIDENCE
    assert decision.valid_until == default_valid_until(timezone.localdate())
    event = Event.objects.get(verb="vetting.decided", object_id=str(decision.pk))
    assert event.data["subject"] == "officer"
    assert EVIDENCE not in str(event.data)


def test_analyst_may_set_the_validity(as_analyst):
    officer = make_officer()
    until = timezone.localdate() + dt.timedelta(days=90)

    as_analyst.post(officer_url(officer), decision_data(valid_until=until.isoformat()))

    assert Decision.objects.get().valid_until == until


def test_validity_ending_before_it_starts_is_a_field_error(as_analyst):
    officer = make_officer()

    response = as_analyst.post(officer_url(officer), decision_data(valid_until="2000-01-01"))

    assert response.status_code == 400
    assert "must not be before" in response.context["form"].errors["valid_until"][0]
    assert not Decision.objects.exists()


@pytest.mark.parametrize("field", ["reason", "sources", "outcome", "valid_from"])
def test_missing_required_input_is_a_field_error(as_analyst, field):
    response = as_analyst.post(officer_url(make_officer()), decision_data(**{field: ""}))

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not Decision.objects.exists()


def test_blank_lines_only_as_sources_is_refused(as_analyst):
    response = as_analyst.post(officer_url(make_officer()), decision_data(sources="  \n \n"))

    assert response.status_code == 400
    assert response.context["form"].errors["sources"]


def test_unit_not_cleared_may_be_published(as_analyst):
    unit = make_unit()

    response = as_analyst.post(
        unit_url(unit), decision_data(outcome=Outcome.NOT_CLEARED, is_publishable="on")
    )

    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.unit == unit
    assert decision.is_publishable
    assert Event.objects.get(verb="vetting.decided").data["publishable"] is True


def test_cleared_unit_cannot_be_published(as_analyst):
    response = as_analyst.post(unit_url(make_unit()), decision_data(is_publishable="on"))

    assert response.status_code == 400
    assert "Only a unit that is not cleared" in response.context["form"].errors["is_publishable"][0]
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    "client_name", ["as_secretariat", "as_oversight", "as_liaison_a", "as_reviewer"]
)
def test_only_analysts_decide(request, client_name):
    client = request.getfixturevalue(client_name)
    officer = make_officer()

    assert client.get(officer_url(officer)).status_code == 403
    assert client.post(officer_url(officer), decision_data()).status_code == 403
    assert client.post(unit_url(officer.unit), decision_data()).status_code == 403
    assert not Decision.objects.exists()


# --- Decision detail: evidence for analysts only ---------------------------------------------


def a_decision():
    return make_decision(
        officer=make_officer(full_name="Rosa Quispe"),
        evidence=EVIDENCE,
        sources="Source one\nSource two",
        reason="Named in a report.",
        outcome=Outcome.NOT_CLEARED,
    )


def test_analyst_sees_restricted_evidence(as_analyst):
    decision = a_decision()

    response = as_analyst.get(decision.get_absolute_url())

    body = response.content.decode()
    assert response.status_code == 200
    assert EVIDENCE in body
    assert "Rosa Quispe" in body
    assert "<li>Source one</li>" in body and "<li>Source two</li>" in body


@pytest.mark.parametrize("client_name", ["as_oversight", "as_secretariat"])
def test_oversight_and_secretariat_never_see_evidence(request, client_name):
    decision = a_decision()

    response = request.getfixturevalue(client_name).get(decision.get_absolute_url())

    body = response.content.decode()
    assert response.status_code == 200
    assert "Named in a report." in body
    assert "Source one" in body
    assert EVIDENCE not in body
    assert "Informant" not in body
    assert 'data-testid="evidence"' not in body
    assert "visible to vetting analysts only" in body


@pytest.mark.parametrize("client_name", ["as_liaison_a", "as_reviewer", "as_director"])
def test_other_roles_cannot_read_decisions(request, client_name):
    decision = a_decision()

    assert request.getfixturevalue(client_name).get(decision.get_absolute_url()).status_code == 403


def test_decision_detail_says_whether_it_is_current(as_oversight):
    officer = make_officer()
    old = make_decision(officer=officer, decided_at=timezone.now() - dt.timedelta(days=5))
    new = make_decision(officer=officer, outcome=Outcome.MORE_INFO)

    assert as_oversight.get(old.get_absolute_url()).context["is_current"] is False
    assert as_oversight.get(new.get_absolute_url()).context["is_current"] is True


# --- History ------------------------------------------------------------------------------


def test_officer_history_lists_decisions_latest_first_and_gate_per_nomination(as_oversight):
    officer = make_officer(full_name="Juan Pérez")
    make_nomination(make_activity(code="ACT-9"), officer)
    first = make_decision(
        officer=officer,
        outcome=Outcome.MORE_INFO,
        reason="Need records.",
        decided_at=timezone.now() - dt.timedelta(days=9),
    )
    second = make_decision(officer=officer, reason="Records checked.", evidence=EVIDENCE)

    response = as_oversight.get(reverse("vetting:officer_decision_list", args=[officer.pk]))

    body = response.content.decode()
    assert response.status_code == 200
    assert list(response.context["decisions"]) == [second, first]
    assert body.index("Records checked.") < body.index("Need records.")
    assert "ACT-9" in body
    assert "The officer&#x27;s unit has not been vetted." in body
    assert EVIDENCE not in body
    assert reverse("vetting:officer_decision_create", args=[officer.pk]) not in body


def test_unit_history_lists_the_units_decisions(as_analyst):
    parent = make_unit(name="Directorate")
    unit = make_unit(parent.agency, name="Rapid response", parent=parent)
    make_decision(unit=unit, outcome=Outcome.NOT_CLEARED, reason="Named by the ombudsperson.")

    response = as_analyst.get(reverse("vetting:unit_decision_list", args=[unit.pk]))

    body = response.content.decode()
    assert "Named by the ombudsperson." in body
    assert "Directorate" in body
    assert reverse("vetting:unit_decision_create", args=[unit.pk]) in body


def test_liaison_cannot_read_vetting_history(as_liaison_a):
    officer = make_officer()

    url = reverse("vetting:officer_decision_list", args=[officer.pk])
    assert as_liaison_a.get(url).status_code == 403
    assert (
        as_liaison_a.get(reverse("vetting:unit_decision_list", args=[officer.unit_id])).status_code
        == 403
    )


def test_history_query_count_does_not_grow_with_decisions(
    as_oversight, django_assert_max_num_queries
):
    officer = make_officer()
    make_nomination(make_activity(), officer)
    for days in range(15):
        make_decision(officer=officer, decided_at=timezone.now() - dt.timedelta(days=days))

    with django_assert_max_num_queries(12):
        response = as_oversight.get(reverse("vetting:officer_decision_list", args=[officer.pk]))

    assert len(response.context["decisions"]) == 15
