import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tutela.audit.models import Event
from tutela.partners.models import Agreement, AgreementDocument, HostInstitution
from tutela.testing import country, make_host_institution, make_partner

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true", "HX-Target": "results"}  # what the search form sends


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _agreement(*parties, **fields) -> Agreement:
    import datetime as dt

    agreement = Agreement.objects.create(
        title=fields.get("title", "Police cooperation MoU"),
        scope="Training and exchanges.",
        starts_on=dt.date(2025, 1, 1),
    )
    agreement.parties.set(parties)
    return agreement


# --- Host institutions ------------------------------------------------------------------------


def test_host_institution_list_bounded_queries_and_htmx_partial(
    as_oversight, django_assert_max_num_queries
):
    for i in range(15):
        make_host_institution(name=f"Academy {i:02d}", city="Lyon")
    with django_assert_max_num_queries(6):
        full = as_oversight.get(reverse("partners:institution_list"))
    with django_assert_max_num_queries(6):
        partial = as_oversight.get(
            reverse("partners:institution_list"),
            {"q": "Academy 07"},
            headers=HTMX,
        )
    assert full.status_code == 200 and "<html" in full.content.decode()
    body = partial.content.decode()
    assert "<html" not in body and "Academy 07" in body and "Academy 08" not in body


def test_secretariat_adds_a_host_institution(as_secretariat):
    response = as_secretariat.post(
        reverse("partners:institution_create"),
        {
            "name": "People's Police Academy",
            "country": country("FR").pk,
            "city": "Lyon",
            "website": "https://academy.example",
        },
    )
    institution = HostInstitution.objects.get(name="People's Police Academy")
    assert response.status_code == 302
    assert institution.website == "https://academy.example"
    assert Event.objects.filter(
        verb="host_institution.added", object_id=str(institution.pk)
    ).exists()


def test_host_institution_bad_input_is_400_with_field_errors(as_secretariat):
    make_host_institution(name="Academy One")
    duplicate = as_secretariat.post(
        reverse("partners:institution_create"), {"name": "Academy One", "country": country("FR").pk}
    )
    assert duplicate.status_code == 400
    assert duplicate.context["form"].errors["name"]
    missing = as_secretariat.post(reverse("partners:institution_create"), {"name": "Academy Two"})
    assert missing.status_code == 400 and missing.context["form"].errors["country"]
    assert HostInstitution.objects.count() == 1


def test_only_the_secretariat_adds_host_institutions(as_oversight, as_liaison_a):
    data = {"name": "Academy X", "country": country("FR").pk}
    assert as_oversight.post(reverse("partners:institution_create"), data).status_code == 403
    assert as_liaison_a.post(reverse("partners:institution_create"), data).status_code == 403
    assert not HostInstitution.objects.exists()


# --- Agreements -------------------------------------------------------------------------------


def test_secretariat_records_an_agreement(as_secretariat, partner_a, partner_b):
    academy = make_host_institution()
    page = as_secretariat.get(reverse("partners:agreement_create"), {"partner": partner_a.pk})
    assert page.status_code == 200

    response = as_secretariat.post(
        reverse("partners:agreement_create"),
        {
            "title": "Academy cooperation",
            "scope": "Courses and exchanges.",
            "parties": [partner_a.pk, partner_b.pk],
            "institutions": [academy.pk],
            "signed_on": "2024-12-01",
            "starts_on": "2025-01-01",
            "ends_on": "2029-12-31",
        },
    )

    agreement = Agreement.objects.get(title="Academy cooperation")
    assert response.status_code == 302 and response["Location"] == agreement.get_absolute_url()
    assert set(agreement.parties.all()) == {partner_a, partner_b}
    assert list(agreement.institutions.all()) == [academy]
    assert Event.objects.filter(verb="agreement.recorded", object_id=str(agreement.pk)).exists()


def test_agreement_bad_input_is_400_with_field_errors(as_secretariat, partner_a):
    no_parties = as_secretariat.post(
        reverse("partners:agreement_create"),
        {"title": "T", "scope": "S", "starts_on": "2025-01-01"},
    )
    assert no_parties.status_code == 400 and no_parties.context["form"].errors["parties"]
    backwards = as_secretariat.post(
        reverse("partners:agreement_create"),
        {
            "title": "T",
            "scope": "S",
            "parties": [partner_a.pk],
            "starts_on": "2025-01-01",
            "ends_on": "2024-01-01",
        },
    )
    assert backwards.status_code == 400
    assert backwards.context["form"].errors["ends_on"] == ["The end date is before the start date."]
    assert not Agreement.objects.exists()


def test_agreement_list_bounded_queries_and_htmx_partial(
    as_analyst, partner_a, partner_b, django_assert_max_num_queries
):
    academy = make_host_institution()
    for i in range(15):
        agreement = _agreement(partner_a, partner_b, title=f"Agreement {i:02d}")
        agreement.institutions.set([academy])
    with django_assert_max_num_queries(7):
        full = as_analyst.get(reverse("partners:agreement_list"))
    assert "Agreement 14" in full.content.decode() and "Peru" in full.content.decode()
    with django_assert_max_num_queries(7):
        partial = as_analyst.get(reverse("partners:agreement_list"), {"q": "peru"}, headers=HTMX)
    body = partial.content.decode()
    assert "<html" not in body and "15 results" in body


def test_agreement_detail_shows_parties_and_upload_form_to_secretariat_only(
    as_secretariat, as_oversight, partner_a
):
    agreement = _agreement(partner_a)
    mine = as_secretariat.get(agreement.get_absolute_url()).content.decode()
    theirs = as_oversight.get(agreement.get_absolute_url()).content.decode()
    assert "Kenya" in mine and "Kenya" in theirs
    assert 'enctype="multipart/form-data"' in mine
    assert 'enctype="multipart/form-data"' not in theirs


def test_document_upload_attaches_file_with_audit_event(as_secretariat, as_oversight, partner_a):
    agreement = _agreement(partner_a)
    upload = SimpleUploadedFile("mou.pdf", b"%PDF-1.4 signed text", "application/pdf")

    response = as_secretariat.post(
        reverse("partners:document_create", args=[agreement.pk]),
        {"title": "Signed MoU", "file": upload},
    )

    assert response.status_code == 302
    document = AgreementDocument.objects.get(agreement=agreement)
    assert document.title == "Signed MoU"
    assert Event.objects.filter(
        verb="agreement.document_attached", object_id=str(document.pk)
    ).exists()
    page = as_oversight.get(agreement.get_absolute_url()).content.decode()
    assert "Signed MoU" in page
    download = as_oversight.get(reverse("partners:document_download", args=[document.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 signed text"
    assert "attachment" in download["Content-Disposition"]


def test_document_larger_than_the_limit_is_refused_clearly(as_secretariat, partner_a, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    agreement = _agreement(partner_a)
    upload = SimpleUploadedFile("big.pdf", b"x" * 2048, "application/pdf")

    response = as_secretariat.post(
        reverse("partners:document_create", args=[agreement.pk]),
        {"title": "Too big", "file": upload},
    )

    assert response.status_code == 400
    (error,) = response.context["document_form"].errors["file"]
    assert "2.0\xa0KB" in error and "1.0\xa0KB" in error
    assert "largest file accepted" in response.content.decode()
    assert not AgreementDocument.objects.exists()


def test_only_the_secretariat_uploads_and_liaisons_cannot_download(
    as_oversight, as_liaison_a, partner_a
):
    agreement = _agreement(partner_a)
    upload = SimpleUploadedFile("mou.pdf", b"data", "application/pdf")
    refused = as_oversight.post(
        reverse("partners:document_create", args=[agreement.pk]), {"title": "MoU", "file": upload}
    )
    assert refused.status_code == 403
    document = AgreementDocument.objects.create(
        agreement=agreement, title="MoU", file=SimpleUploadedFile("m.pdf", b"data")
    )
    assert (
        as_liaison_a.get(reverse("partners:document_download", args=[document.pk])).status_code
        == 403
    )
    assert as_liaison_a.get(agreement.get_absolute_url()).status_code == 403


def test_partner_detail_lists_its_agreements(as_secretariat, partner_a):
    _agreement(partner_a, title="Kenya academy MoU")
    other = make_partner("PE")
    _agreement(other, title="Peru MoU")
    body = as_secretariat.get(partner_a.get_absolute_url()).content.decode()
    assert "Kenya academy MoU" in body and "Peru MoU" not in body
