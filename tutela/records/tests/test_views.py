"""The staff pages: imports, records, the secretariat's upload page; access by persona."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tutela.accounts.models import User
from tutela.audit.models import Event
from tutela.records.actions import import_training_records
from tutela.records.models import RecordImport, TrainingRecord

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "fmtr_sample.tsv"

READERS = ["as_secretariat", "as_analyst", "as_oversight"]
REFUSED = ["as_liaison_a", "as_reviewer", "as_director"]


@pytest.fixture
def imported(secretariat: User) -> RecordImport:
    import_training_records([SAMPLE], by=secretariat)
    return RecordImport.objects.get()


def _pages(source: RecordImport) -> list[str]:
    record = TrainingRecord.objects.first()
    assert record is not None
    return [
        "/records/",
        f"/records/{record.pk}/",
        "/records/imports/",
        f"/records/imports/{source.pk}/",
    ]


@pytest.mark.parametrize("persona", READERS)
def test_staff_who_read_everything_see_the_pages(
    persona: str, imported: RecordImport, request: pytest.FixtureRequest
) -> None:
    client: Client = request.getfixturevalue(persona)
    for url in _pages(imported):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", REFUSED)
def test_other_roles_are_refused(
    persona: str, imported: RecordImport, request: pytest.FixtureRequest
) -> None:
    client: Client = request.getfixturevalue(persona)
    for url in [*_pages(imported), "/records/imports/new/"]:
        assert client.get(url).status_code == 403, url


def test_anonymous_visitors_are_sent_to_sign_in(anonymous: Client, imported: RecordImport) -> None:
    for url in [*_pages(imported), "/records/imports/new/"]:
        response = anonymous.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def _results(client: Client, **params: str) -> str:
    """The results table only (the filter form lists every country)."""
    response = client.get("/records/", params, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    assert response.status_code == 200
    return response.content.decode()


def test_the_record_list_filters_and_shows_printed_and_read_values(
    as_analyst: Client, imported: RecordImport
) -> None:
    page = _results(as_analyst, country="XK")
    assert "Kosovo" in page
    assert "Yugoslavia" not in page
    assert f"{TrainingRecord.objects.filter(country__code='XK').count()} results" in page

    none = _results(as_analyst, country="none")
    assert "Yugoslavia" in none and "Indochina" in none
    assert "(XK)" not in none

    text = _results(as_analyst, figure="not_numeric")
    assert "1 Garmisch," in text

    year = _results(as_analyst, year="2001", report="2000_2001")
    assert "New Caledonia" in year
    assert "Netherlands Antilles" not in year  # FY 00 in the same report

    whole = as_analyst.get("/records/", {"country": "XK"}).content.decode()
    assert "<html" in whole and 'name="country"' in whole


def test_the_record_list_answers_htmx_with_the_results_only(
    as_secretariat: Client, imported: RecordImport
) -> None:
    response = as_secretariat.get(
        "/records/", {"q": "Garmisch"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results"
    )
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b"results" in response.content


def test_list_pages_use_a_constant_number_of_queries(
    as_oversight: Client, imported: RecordImport, django_assert_max_num_queries: object
) -> None:
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        assert as_oversight.get("/records/").status_code == 200
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        assert as_oversight.get("/records/imports/").status_code == 200


def test_the_import_page_shows_its_report(as_analyst: Client, imported: RecordImport) -> None:
    page = as_analyst.get(f"/records/imports/{imported.pk}/").content.decode()
    assert "fmtr_sample.tsv" in page
    assert "Yugoslavia: 3" in page  # imported without a code
    assert imported.checksum in page


def test_the_secretariat_uploads_tables_and_reads_the_report(
    as_secretariat: Client, secretariat: User
) -> None:
    assert as_secretariat.get("/records/imports/new/").status_code == 200
    upload = SimpleUploadedFile("fmtr_sample.tsv", SAMPLE.read_bytes())
    response = as_secretariat.post("/records/imports/new/", {"tables": [upload]})

    assert response.status_code == 200
    page = response.content.decode()
    assert "150 rows read, 150 imported, 0 set aside" in page
    source = RecordImport.objects.get()
    assert source.file_name == "fmtr_sample.tsv"
    assert source.imported_by == secretariat
    assert TrainingRecord.objects.count() == 150
    assert Event.objects.filter(verb="training_records.imported").count() == 1

    again = as_secretariat.post(
        "/records/imports/new/",
        {"tables": [SimpleUploadedFile("fmtr_sample.tsv", SAMPLE.read_bytes())]},
    ).content.decode()
    assert "150 rows read, 0 imported, 150 set aside" in again
    assert "already in the register: 150" in again
    assert RecordImport.objects.count() == 1


def test_an_upload_in_another_layout_names_the_missing_columns(as_secretariat: Client) -> None:
    good = SimpleUploadedFile("fmtr_sample.tsv", SAMPLE.read_bytes())
    wrong = SimpleUploadedFile("roster.csv", b"name,unit\nAmina,Traffic\n")
    response = as_secretariat.post("/records/imports/new/", {"tables": [good, wrong]})
    assert response.status_code == 400
    page = response.content.decode()
    assert "roster.csv" in page
    assert "missing columns fiscal_report, country, program" in page
    assert not TrainingRecord.objects.exists()


@pytest.mark.parametrize("persona", ["as_analyst", "as_oversight", *REFUSED])
def test_only_the_secretariat_uploads(
    persona: str, request: pytest.FixtureRequest, db: None
) -> None:
    client: Client = request.getfixturevalue(persona)
    upload = SimpleUploadedFile("fmtr_sample.tsv", SAMPLE.read_bytes())
    assert client.post("/records/imports/new/", {"tables": [upload]}).status_code == 403
    assert not TrainingRecord.objects.exists()


def test_the_navigation_shows_training_records_to_readers_only(
    as_analyst: Client, as_liaison_a: Client
) -> None:
    assert b'href="/records/"' in as_analyst.get("/records/imports/").content
    assert b'href="/records/"' not in as_liaison_a.get("/nominations/").content


def test_out_of_range_filters_are_ignored(as_analyst: Client, imported: RecordImport) -> None:
    page = _results(as_analyst, year=str(10**30), source=str(10**30))
    assert "150 results" in page
