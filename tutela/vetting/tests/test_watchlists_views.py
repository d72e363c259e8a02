"""The watchlist pages: analysts import, the secretariat and oversight read, liaisons do not."""

import html
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tutela.audit.models import Event
from tutela.vetting.actions import import_watchlist
from tutela.vetting.models import ListedEntry, ListVersion

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "lib" / "watchlists" / "tests" / "fixtures"
OFAC = [FIXTURES / "ofac" / name for name in ("sdn.csv", "alt.csv", "add.csv")]
LIST_URL = reverse("vetting:watchlist_list")
IMPORT_URL = reverse("vetting:watchlist_import")


def uploads(paths):
    return [SimpleUploadedFile(path.name, path.read_bytes()) for path in paths]


def text(response):
    return html.unescape(response.content.decode())


@pytest.fixture
def ofac_version(analyst):
    return import_watchlist(format="ofac-sdn", paths=OFAC, by=analyst)


def test_analyst_uploads_the_three_ofac_files(as_analyst):
    form = as_analyst.get(IMPORT_URL)
    assert form.status_code == 200
    assert 'type="file" name="list_files"' in text(form) and "multiple" in text(form)
    assert IMPORT_URL in text(as_analyst.get(LIST_URL))

    response = as_analyst.post(
        IMPORT_URL, {"format": "ofac-sdn", "list_files": uploads(OFAC), "source_date": "2024-05-03"}
    )

    version = ListVersion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == version.get_absolute_url()
    assert version.files == ["sdn.csv", "alt.csv", "add.csv"]
    assert version.entity_count == 14 and str(version.source_date) == "2024-05-03"
    assert Event.objects.filter(verb="watchlist.imported").count() == 1
    page = text(as_analyst.get(response["Location"]))
    assert "Imported OFAC SDN: 14 entries, 14 added, 0 removed, 0 changed." in page

    again = as_analyst.post(IMPORT_URL, {"format": "ofac-sdn", "list_files": uploads(OFAC)})
    assert again.status_code == 302
    assert "already imported" in text(as_analyst.get(again["Location"]))
    assert ListVersion.objects.count() == 1


def test_malformed_upload_shows_every_problem_with_status_400(as_analyst):
    rows = OFAC[0].read_bytes().split(b"\r\n")
    bad = b"\r\n".join([rows[0], b'99999992,"SHORT ROW","individual"', *rows[1:]])
    files = [SimpleUploadedFile("sdn.csv", bad), *uploads(OFAC[1:])]

    response = as_analyst.post(IMPORT_URL, {"format": "ofac-sdn", "list_files": files})

    assert response.status_code == 400
    page = text(response)
    assert "1 problem in the files" in page
    assert "3 columns, expected 12" in page
    assert "<td>sdn.csv</td><td>2</td>" in page
    assert "nothing was imported" in page
    assert not ListVersion.objects.exists() and not ListedEntry.objects.exists()


def test_upload_shape_is_checked_on_the_form(as_analyst, settings):
    response = as_analyst.post(IMPORT_URL, {"format": "", "list_files": uploads(OFAC)})
    assert response.status_code == 400
    settings.WATCHLIST_MAX_UPLOAD_BYTES = 100
    response = as_analyst.post(IMPORT_URL, {"format": "ofac-sdn", "list_files": uploads(OFAC)})
    assert response.status_code == 400
    assert "sdn.csv is larger than 100" in text(response)
    assert not ListVersion.objects.exists()


def test_readers_see_the_lists_but_do_not_import(as_oversight, as_secretariat, ofac_version):
    for client in (as_oversight, as_secretariat):
        page = client.get(LIST_URL)
        assert page.status_code == 200
        assert ofac_version.get_absolute_url() in text(page)
        assert IMPORT_URL not in text(page)
        assert client.get(ofac_version.get_absolute_url()).status_code == 200
        assert client.get(IMPORT_URL).status_code == 403
        posted = client.post(IMPORT_URL, {"format": "ofac-sdn", "list_files": uploads(OFAC)})
        assert posted.status_code == 403
    assert ListVersion.objects.count() == 1


def test_liaisons_are_refused(as_liaison_a, ofac_version):
    assert as_liaison_a.get(LIST_URL).status_code == 403
    assert as_liaison_a.get(ofac_version.get_absolute_url()).status_code == 403
    assert as_liaison_a.get(IMPORT_URL).status_code == 403


def test_version_page_shows_the_diff_with_names(as_analyst, analyst, ofac_version, tmp_path):
    from tutela.vetting.tests.test_watchlists import modified_ofac

    second = import_watchlist(format="ofac-sdn", paths=modified_ofac(tmp_path), by=analyst)
    url = second.get_absolute_url()

    added = text(as_analyst.get(url, {"show": "added"}))
    assert "ofac-sdn:99999990" in added and "NEW ENTITY LTD" in added
    assert "ofac-sdn:306" not in added
    removed = text(as_analyst.get(url, {"show": "removed"}))
    assert "ofac-sdn:36<" in removed and "AEROCARIBBEAN AIRLINES" in removed
    changed = text(as_analyst.get(url, {"show": "changed"}))
    assert "BANCO NACIONAL DE CUBA S.A." in changed and "ofac-sdn:36<" not in changed


def test_entries_are_searchable_paginated_and_served_as_a_partial(
    as_analyst, ofac_version, settings, django_assert_max_num_queries
):
    settings.PAGE_SIZE = 5
    url = ofac_version.get_absolute_url()

    with django_assert_max_num_queries(8):
        page = as_analyst.get(url, {"page": 2})
    assert page.status_code == 200
    assert "page 2 of 3" in text(page)
    assert "<html" in text(page)

    with django_assert_max_num_queries(8):
        partial = as_analyst.get(
            url, {"page": 3}, headers={"HX-Request": "true", "HX-Target": "results"}
        )
    body = text(partial)
    assert "<html" not in body and "page 3 of 3" in body
    assert body.count("<code>ofac-sdn:") == 4

    found = text(as_analyst.get(url, {"q": "banco nacional"}))
    assert "ofac-sdn:306" in found and "1 result" in found
    assert "1 result" in text(as_analyst.get(url, {"q": "ofac-sdn:2674"}))
