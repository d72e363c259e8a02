import html

import pytest
from django.urls import reverse

from tutela.accounts.models import Role
from tutela.activities.models import ActivityStatus
from tutela.audit.models import Event
from tutela.nominations.actions import enrol_nominee
from tutela.nominations.models import Enrolment, NominationStatus
from tutela.testing import (
    clear,
    make_activity,
    make_decision,
    make_nomination,
    make_officer,
    make_user,
)
from tutela.vetting.gate import check_gate
from tutela.vetting.models import Outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def nomination(kenya_unit, open_activity, liaison_a):
    officer = make_officer(kenya_unit, full_name="أمينة حسن", name_latin="Amina Hassan")
    return make_nomination(
        activity=open_activity,
        officer=officer,
        nominated_by=liaison_a,
        justification="Heads the gender desk in Kibera.",
    )


def url(name, nomination):
    return reverse(f"nominations:{name}", args=[nomination.pk])


def page(response):
    return html.unescape(response.content.decode())


def test_detail_shows_officer_unit_path_justification_and_missing_safeguards(
    as_liaison_a, nomination
):
    response = as_liaison_a.get(url("detail", nomination))

    assert response.status_code == 200
    text = page(response)
    assert '<span class="name-native" dir="auto">أمينة حسن</span>' in text
    assert "Amina Hassan" in text
    assert 'Nairobi Command</span> › <span dir="auto">Community Policing Unit' in text
    assert "Heads the gender desk in Kibera." in text
    assert "The officer has not been vetted." in text
    assert "The officer's unit has not been vetted." in text


def test_another_partners_liaison_gets_404(as_liaison_b, nomination):
    assert as_liaison_b.get(url("detail", nomination)).status_code == 404
    assert (
        as_liaison_b.post(
            url("close", nomination), {"status": "withdrawn", "reason": "x"}
        ).status_code
        == 404
    )


def test_liaison_sees_no_secretariat_buttons(as_liaison_a, nomination):
    text = page(as_liaison_a.get(url("detail", nomination)))
    assert url("enrol", nomination) not in text
    assert url("override", nomination) not in text
    assert url("close", nomination) in text  # they may withdraw
    assert "no_show" not in text


def test_secretariat_enrols_a_cleared_nominee(as_secretariat, nomination):
    clear(nomination.officer)

    response = as_secretariat.post(url("enrol", nomination))

    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.ENROLLED
    enrolment = Enrolment.objects.get(nomination=nomination)
    assert not enrolment.is_override
    assert Event.objects.filter(verb="enrolment.created", object_id=str(enrolment.pk)).exists()
    detail = page(as_secretariat.get(url("detail", nomination)))
    assert "Enrolled (officer and unit cleared)" in detail
    assert enrolment.invitation_number in detail


def test_refused_enrolment_shows_exactly_the_gates_message(as_secretariat, nomination):
    make_decision(officer=nomination.officer)
    make_decision(unit=nomination.officer.unit, outcome=Outcome.NOT_CLEARED)
    expected = " ".join(check_gate(nomination.officer, nomination.activity.starts_on).missing)

    response = as_secretariat.post(url("enrol", nomination))

    assert response.status_code == 400
    assert response.context["enrol_error"] == expected
    assert f'data-testid="enrol-error">{html.escape(expected)}</div>' in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.NOMINATED


@pytest.mark.parametrize("persona", ["as_liaison_a", "as_oversight", "as_analyst"])
def test_only_the_secretariat_may_enrol(request, persona, nomination):
    clear(nomination.officer)
    client = request.getfixturevalue(persona)
    assert client.post(url("enrol", nomination)).status_code == 403
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.NOMINATED


def test_override_form_is_shown_only_to_the_head_with_its_warning(
    as_head, as_secretariat, nomination
):
    head_page = page(as_head.get(url("detail", nomination)))
    assert 'data-testid="override-form"' in head_page
    assert "flagged to oversight" in head_page
    assert 'data-testid="override-form"' not in page(as_secretariat.get(url("detail", nomination)))


def test_no_override_form_when_the_gate_is_open(as_head, nomination):
    clear(nomination.officer)
    assert 'data-testid="override-form"' not in page(as_head.get(url("detail", nomination)))


def test_override_needs_a_written_reason(as_head, nomination):
    response = as_head.post(url("override", nomination), {"reason": "   "})
    assert response.status_code == 400
    assert response.context["override_form"].errors["reason"]
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.NOMINATED


def test_head_overrides_with_a_reason_and_it_is_flagged(as_head, nomination, as_oversight):
    response = as_head.post(url("override", nomination), {"reason": "Court-ordered attendance"})

    assert response.status_code == 302
    enrolment = Enrolment.objects.get(nomination=nomination)
    assert enrolment.is_override
    assert enrolment.override_reason == "Court-ordered attendance"
    event = Event.objects.get(verb="enrolment.override")
    assert event.data["reason"] == "Court-ordered attendance"
    oversight_page = page(as_oversight.get(url("detail", nomination)))
    assert 'data-testid="override-notice"' in oversight_page
    assert "Court-ordered attendance" in oversight_page
    assert "Enrolled by override of the vetting gate" in oversight_page


def test_secretariat_who_is_not_head_may_not_override(as_secretariat, nomination):
    response = as_secretariat.post(url("override", nomination), {"reason": "Please"})
    assert response.status_code == 403
    assert not Enrolment.objects.exists()


def test_liaison_withdraws_with_a_reason(as_liaison_a, nomination):
    response = as_liaison_a.post(
        url("close", nomination), {"status": "withdrawn", "reason": "Transferred to another post"}
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.WITHDRAWN
    assert nomination.closed_reason == "Transferred to another post"
    event = Event.objects.get(verb="nomination.withdrawn")
    assert event.data["reason"] == "Transferred to another post"
    assert "Transferred to another post" in page(as_liaison_a.get(url("detail", nomination)))


def test_closing_without_a_reason_is_a_field_error(as_liaison_a, nomination):
    response = as_liaison_a.post(url("close", nomination), {"status": "withdrawn", "reason": ""})
    assert response.status_code == 400
    assert response.context["close_form"].errors["reason"]
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.NOMINATED


def test_liaison_cannot_mark_no_show(as_liaison_a, nomination, secretariat):
    clear(nomination.officer)
    enrol_nominee(nomination, by=secretariat)
    response = as_liaison_a.post(url("close", nomination), {"status": "no_show", "reason": "x"})
    assert response.status_code == 400
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.ENROLLED


def test_secretariat_marks_an_enrolled_officer_no_show(as_secretariat, nomination, secretariat):
    clear(nomination.officer)
    enrol_nominee(nomination, by=secretariat)
    response = as_secretariat.post(
        url("close", nomination), {"status": "no_show", "reason": "Did not travel"}
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.NO_SHOW


def test_no_show_of_a_nominee_not_enrolled_is_refused_on_the_form(as_secretariat, nomination):
    response = as_secretariat.post(
        url("close", nomination), {"status": "no_show", "reason": "Did not travel"}
    )
    assert response.status_code == 400
    assert response.context["close_form"].errors["status"]
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.NOMINATED


def test_course_director_marks_completed(as_director, director, kenya_unit, secretariat):
    activity = make_activity(director=director)
    nomination = make_nomination(activity=activity, officer=make_officer(kenya_unit))
    clear(nomination.officer)
    enrol_nominee(nomination, by=secretariat)
    assert url("complete", nomination) not in page(as_director.get(url("detail", nomination)))
    activity.status = ActivityStatus.RUNNING
    activity.save()
    assert url("complete", nomination) in page(as_director.get(url("detail", nomination)))

    response = as_director.post(url("complete", nomination))

    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.COMPLETED
    assert nomination.completed_by == director
    assert Event.objects.filter(verb="nomination.completed").exists()


def test_complete_before_the_activity_runs_is_a_400_with_the_reason(
    as_secretariat, nomination, secretariat
):
    clear(nomination.officer)
    enrol_nominee(nomination, by=secretariat)
    response = as_secretariat.post(url("complete", nomination))
    assert response.status_code == 400
    assert "has not started running yet" in page(response)


def test_another_instructor_may_not_complete(client, nomination, secretariat):
    clear(nomination.officer)
    enrol_nominee(nomination, by=secretariat)
    nomination.activity.status = ActivityStatus.RUNNING
    nomination.activity.save()
    client.force_login(make_user(Role.INSTRUCTOR))
    assert client.post(url("complete", nomination)).status_code == 404  # not their activity
    liaison = make_user(Role.LIAISON, partner=nomination.partner)
    client.force_login(liaison)
    assert client.post(url("complete", nomination)).status_code == 403
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.ENROLLED


def test_status_history_lists_audit_events_in_order(as_secretariat, nomination, secretariat):
    from django.db import transaction

    from tutela.audit.actions import record_event

    with transaction.atomic():
        record_event(secretariat, "nomination.created", nomination, {})
    clear(nomination.officer)
    enrol_nominee(nomination, by=secretariat)
    history = as_secretariat.get(url("detail", nomination)).context["history"]
    assert [item["event"].verb for item in history] == ["nomination.created", "enrolment.created"]


def test_analyst_is_linked_to_the_officers_vetting_record(as_analyst, as_liaison_a, nomination):
    decide = reverse("vetting:officer_decision_create", args=[nomination.officer.pk])
    assert decide in as_analyst.get(url("detail", nomination)).content.decode()
    assert decide not in as_liaison_a.get(url("detail", nomination)).content.decode()
