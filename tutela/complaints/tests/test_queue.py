"""The complaints queue: routed to vetting analysts and oversight, identity for oversight only,
links to officers, units and courses, and vetting cases (referrals) opened from a complaint."""

import pytest
from django.urls import reverse

from tutela.audit.models import Event
from tutela.complaints.actions import (
    close_complaint,
    close_referral,
    link_complaint,
    open_referral,
    receive_complaint,
)
from tutela.complaints.models import ComplaintStatus, Referral, ReferralStatus
from tutela.lib.errors import ActionError, Conflict, NotAllowed
from tutela.testing import make_course_version, make_officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(db):
    return receive_complaint(
        subject="trainee",
        about="Officer named in a report",
        what="Beat a detainee.",
        contact_name="Amina Secret",
        contact_email="amina@example.org",
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("as_analyst", 200),
        ("as_oversight", 200),
        ("as_secretariat", 403),
        ("as_liaison_a", 403),
        ("as_reviewer", 403),
        ("as_director", 403),
    ],
)
def test_complaints_are_routed_to_vetting_and_oversight_only(request, persona, status, complaint):
    client = request.getfixturevalue(persona)
    assert client.get(reverse("complaints:list")).status_code == status
    assert client.get(complaint.get_absolute_url()).status_code == status
    api = client.get(f"/api/v1/complaints/{complaint.pk}")
    assert api.status_code == status


def test_anonymous_visitors_are_sent_to_sign_in(anonymous, complaint):
    response = anonymous.get(reverse("complaints:list"))
    assert response.status_code == 302 and "login" in response.url


def test_the_senders_identity_is_shown_to_oversight_only(as_analyst, as_oversight, complaint):
    analyst_page = as_analyst.get(complaint.get_absolute_url()).content.decode()
    assert "Amina Secret" not in analyst_page and "amina@example.org" not in analyst_page
    assert "visible to oversight only" in analyst_page
    assert "Amina Secret" in as_oversight.get(complaint.get_absolute_url()).content.decode()
    assert as_analyst.get(f"/api/v1/complaints/{complaint.pk}").json()["contact"] is None
    contact = as_oversight.get(f"/api/v1/complaints/{complaint.pk}").json()["contact"]
    assert contact["email"] == "amina@example.org"
    listing = as_analyst.get("/api/v1/complaints").json()["items"]
    assert listing[0]["contact"] is None and "Amina" not in str(listing)


def test_linking_to_officers_units_and_courses(complaint, analyst, secretariat):
    officer = make_officer()
    course = make_course_version().course
    with pytest.raises(NotAllowed):
        link_complaint(complaint, by=secretariat, officers=[officer])
    link_complaint(
        complaint, by=analyst, officers=[officer], units=[officer.unit], courses=[course]
    )
    assert list(complaint.officers.all()) == [officer]
    assert list(complaint.units.all()) == [officer.unit]
    assert list(complaint.courses.all()) == [course]
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.LINKED
    assert list(officer.complaints.all()) == [complaint]


def test_an_analyst_opens_and_closes_a_vetting_case_from_a_complaint(complaint, analyst, oversight):
    officer = make_officer()
    with pytest.raises(NotAllowed):
        open_referral(complaint, by=oversight, summary="Check.", officer=officer)
    with pytest.raises(ActionError):
        open_referral(complaint, by=analyst, summary="Check.")
    with pytest.raises(ActionError):
        open_referral(complaint, by=analyst, summary="Check.", officer=officer, unit=officer.unit)
    referral = open_referral(complaint, by=analyst, summary="Re-vet the officer.", officer=officer)
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.REFERRED
    assert officer in complaint.officers.all()
    assert Event.objects.filter(verb="referral.opened").exists()
    with pytest.raises(Conflict, match="open vetting cases"):
        close_complaint(complaint, by=analyst, reason="Done.")
    close_referral(referral, by=analyst, outcome="New decision recorded: not cleared.")
    assert Referral.objects.get().status == ReferralStatus.CLOSED
    close_complaint(complaint, by=analyst, reason="Referred and decided.")
    with pytest.raises(Conflict):
        link_complaint(complaint, by=analyst, officers=[officer])


def test_pages_link_refer_and_close(complaint, as_analyst, as_oversight):
    officer = make_officer()
    found = as_analyst.get(complaint.get_absolute_url() + f"?q={officer.full_name.split()[-1]}")
    assert officer in list(found.context["found"]["officers"])
    response = as_analyst.post(
        reverse("complaints:link", args=[complaint.pk]), {"target": f"officer:{officer.pk}"}
    )
    assert response.status_code == 302
    response = as_oversight.post(
        reverse("complaints:referral_create", args=[complaint.pk]),
        {"target": f"officer:{officer.pk}", "summary": "Look."},
    )
    assert response.status_code == 403
    response = as_analyst.post(
        reverse("complaints:referral_create", args=[complaint.pk]),
        {"target": f"officer:{officer.pk}", "summary": "Re-vet."},
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    response = as_analyst.post(reverse("complaints:close", args=[complaint.pk]), {"reason": "x"})
    assert response.status_code == 400
    assert "open vetting cases" in response.context["action_error"]
    as_analyst.post(reverse("complaints:referral_close", args=[referral.pk]), {"outcome": "Done."})
    response = as_oversight.post(reverse("complaints:close", args=[complaint.pk]), {"reason": "x"})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CLOSED


def test_bad_link_target_is_400(complaint, as_analyst):
    response = as_analyst.post(reverse("complaints:link", args=[complaint.pk]), {"target": "x:1"})
    assert response.status_code == 400


def test_list_queries_are_bounded(as_oversight, django_assert_max_num_queries):
    for i in range(12):
        receive_complaint(subject="unit", about=f"Unit {i}", what="Something.")
    with django_assert_max_num_queries(6):
        response = as_oversight.get(reverse("complaints:list"))
    assert len(response.context["listing"].page) == 12


def test_a_new_complaint_is_routed_to_analysts_and_oversight_by_email(
    mailoutbox, analyst, oversight, secretariat, django_capture_on_commit_callbacks
):
    analyst.email, oversight.email, secretariat.email = "a@x.org", "o@x.org", "s@x.org"
    for user in (analyst, oversight, secretariat):
        user.save()
    with django_capture_on_commit_callbacks(execute=True):
        complaint = receive_complaint(
            subject="unit", about="Unit 9", what="Ill-treatment.", contact_name="Hidden Person"
        )
    [mail] = mailoutbox
    assert sorted(mail.to) == ["a@x.org", "o@x.org"]
    assert complaint.reference in mail.subject
    assert "Hidden Person" not in mail.body
    event = Event.objects.get(verb="complaint.routed")
    assert event.data["recipients"] == 2
