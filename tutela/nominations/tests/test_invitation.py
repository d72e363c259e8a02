import html

import pytest
from django.urls import reverse

from tutela.nominations.actions import enrol_nominee
from tutela.nominations.models import NominationStatus
from tutela.testing import clear, make_nomination, make_officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def nomination(kenya_unit, open_activity):
    officer = make_officer(kenya_unit, full_name="王小明", name_latin="Wang Xiaoming")
    return make_nomination(activity=open_activity, officer=officer)


def url(nomination):
    return reverse("nominations:invitation", args=[nomination.pk])


def test_invitation_for_a_cleared_enrolment(as_liaison_a, nomination, secretariat, settings):
    settings.PROGRAMME_NAME = "Programme for Safer Communities"
    clear(nomination.officer)
    enrolment = enrol_nominee(nomination, by=secretariat)
    activity = nomination.activity

    response = as_liaison_a.get(url(nomination))

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Programme for Safer Communities" in page
    assert f'data-testid="invitation-number">{enrolment.invitation_number}<' in page
    assert '<span class="name-native" dir="auto">王小明</span>' in page
    assert "Wang Xiaoming" in page
    assert activity.title in page and activity.code in page
    assert f"{activity.starts_on:%Y-%m-%d} – {activity.ends_on:%Y-%m-%d}" in page
    assert "Lyon" in page and "École nationale de police" in page
    assert (
        f"were cleared by human-rights vetting, with clearances valid on "
        f"{activity.starts_on:%Y-%m-%d}"
    ) in page
    assert "by override" not in page
    assert 'class="btn btn-primary no-print" onclick="window.print()"' in page


def test_invitation_states_an_override(as_oversight, nomination, secretariat_head):
    enrol_nominee(nomination, by=secretariat_head, override_reason="Ministerial request")
    page = html.unescape(as_oversight.get(url(nomination)).content.decode())
    assert "by override of the vetting gate, not by clearance" in page
    assert "were cleared by human-rights vetting" not in page


def test_completed_nominations_keep_their_invitation(as_secretariat, nomination, secretariat):
    clear(nomination.officer)
    enrol_nominee(nomination, by=secretariat)
    nomination.status = NominationStatus.COMPLETED
    nomination.save()
    assert as_secretariat.get(url(nomination)).status_code == 200


@pytest.mark.parametrize(
    "status", [NominationStatus.NOMINATED, NominationStatus.WITHDRAWN, NominationStatus.NO_SHOW]
)
def test_no_invitation_unless_enrolled(as_secretariat, nomination, status):
    nomination.status = status
    nomination.save()
    assert as_secretariat.get(url(nomination)).status_code == 404


def test_detail_links_the_invitation_only_once_enrolled(as_secretariat, nomination, secretariat):
    detail = reverse("nominations:detail", args=[nomination.pk])
    assert url(nomination) not in as_secretariat.get(detail).content.decode()
    clear(nomination.officer)
    enrol_nominee(nomination, by=secretariat)
    assert url(nomination) in as_secretariat.get(detail).content.decode()


def test_other_partners_liaison_gets_404_and_other_roles_403(
    as_liaison_b, as_analyst, as_reviewer, nomination, secretariat
):
    clear(nomination.officer)
    enrol_nominee(nomination, by=secretariat)
    assert as_liaison_b.get(url(nomination)).status_code == 404
    assert as_analyst.get(url(nomination)).status_code == 403
    assert as_reviewer.get(url(nomination)).status_code == 404  # sees no nominations at all
