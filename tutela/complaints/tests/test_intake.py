"""The public form: no account, six languages, reference number, stored before acknowledged,
rate limit, size limit, honeypot."""

import pytest
from django.urls import reverse

from tutela.audit.models import Event
from tutela.complaints.actions import receive_complaint
from tutela.complaints.forms import ComplaintForm
from tutela.complaints.models import REFERENCE_ALPHABET, Complaint

pytestmark = pytest.mark.django_db

FORM = reverse("complaints:create")
GOOD = {
    "subject": "unit",
    "about": "Rapid Intervention Unit 3",
    "what": "Protesters were beaten after arrest.",
    "when": "March 2026",
    "where": "Central square",
    "sources": "Two witnesses; a video.",
    "contact_name": "Amina",
    "contact_email": "amina@example.org",
    "contact_phone": "",
    "website": "",
}


def test_anyone_sends_information_and_gets_a_reference(anonymous):
    response = anonymous.post(FORM, GOOD)
    assert response.status_code == 302 and response.url == reverse("complaints:received")
    complaint = Complaint.objects.get()
    assert complaint.about == "Rapid Intervention Unit 3" and complaint.language == "en"
    page = anonymous.get(response.url)
    assert complaint.reference in page.content.decode()
    prefix, first, second = complaint.reference.split("-")
    assert prefix == "TC" and set(first + second) <= set(REFERENCE_ALPHABET)


def test_the_audit_event_does_not_carry_the_senders_identity(anonymous):
    anonymous.post(FORM, GOOD)
    event = Event.objects.get(verb="complaint.received")
    assert "amina" not in str(event.data).lower()
    assert event.actor is None


def test_the_submission_is_committed_before_the_reference_is_returned(
    django_capture_on_commit_callbacks,
):
    complaint = receive_complaint(subject="course", about="Course X", what="Teaches kettling.")
    # Read back through a fresh query: the row exists once the action has returned.
    assert Complaint.objects.filter(reference=complaint.reference).exists()


def test_the_acknowledgement_page_without_a_submission_goes_to_the_form(anonymous):
    response = anonymous.get(reverse("complaints:received"))
    assert response.status_code == 302 and response.url == FORM


@pytest.mark.parametrize(
    ("field", "value"),
    [("about", ""), ("what", "  "), ("subject", "gossip"), ("contact_email", "not-an-email")],
)
def test_bad_input_is_400_on_the_field_and_nothing_is_stored(anonymous, field, value):
    response = anonymous.post(FORM, {**GOOD, field: value})
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not Complaint.objects.exists()


def test_the_honeypot_refuses_robots_and_stores_nothing(anonymous):
    response = anonymous.post(FORM, {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_fields_have_length_limits(anonymous):
    response = anonymous.post(FORM, {**GOOD, "what": "x" * 5001})
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_a_request_larger_than_the_limit_is_413(anonymous, settings):
    settings.COMPLAINTS_MAX_BODY = 2000
    response = anonymous.post(FORM, {**GOOD, "sources": "y" * 1900})
    assert response.status_code == 413
    assert not Complaint.objects.exists()


def test_submissions_are_rate_limited_per_address(anonymous, settings):
    settings.COMPLAINTS_PER_HOUR = 2
    assert anonymous.post(FORM, GOOD).status_code == 302
    assert anonymous.post(FORM, GOOD).status_code == 302
    refused = anonymous.post(FORM, GOOD)
    assert refused.status_code == 429
    assert Complaint.objects.count() == 2
    # Another address is not affected.
    other = anonymous.post(FORM, GOOD, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


LANGUAGES = ["fr", "es", "ru", "zh-hans", "ar"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_is_fully_translated(language):
    """Every label, help text and choice of the public form, and every string of its pages, has
    a translation in the complaints catalogue of each UN language."""
    from pathlib import Path

    from django.utils.translation import trans_real

    form = ComplaintForm()
    strings = [str(f.label) for f in form.fields.values()]
    strings += [str(f.help_text) for f in form.fields.values() if f.help_text]
    strings += [str(label) for value, label in form.fields["subject"].choices if value]
    catalog = trans_real.translation(language)._catalog
    assert [s for s in strings if s not in catalog] == []
    po = Path(__file__).resolve().parents[1] / "locale" / trans_real.to_locale(language)
    text = (po / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    assert '\nmsgstr ""\n\n' not in text.split("\n\n", 1)[1]  # no empty translation


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Signaler une préoccupation"),
        ("es", "Informar de una preocupación"),
        ("ru", "Сообщить о нарушении"),
        ("zh-hans", "报告关切事项"),
        ("ar", "الإبلاغ عن مصدر قلق"),
    ],
)
def test_the_page_and_the_acknowledgement_speak_the_visitors_language(anonymous, language, text):
    page = anonymous.get(FORM, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert text in page
    response = anonymous.post(FORM, GOOD, HTTP_ACCEPT_LANGUAGE=language)
    assert Complaint.objects.get().language == language
    ack = anonymous.get(response.url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert "Thank you" not in ack
