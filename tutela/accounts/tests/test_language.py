"""The interface follows the chosen UN language; Arabic is laid out right to left."""

import pytest

pytestmark = pytest.mark.django_db


def test_choosing_arabic_switches_the_page_to_right_to_left(as_secretariat):
    response = as_secretariat.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    assert response.status_code == 302

    page = as_secretariat.get("/").content.decode()

    assert '<html lang="ar" dir="rtl">' in page
    assert "bootstrap.rtl.min.css" in page


def test_english_is_left_to_right_and_offers_the_six_un_languages(as_secretariat):
    page = as_secretariat.get("/").content.decode()
    assert '<html lang="en" dir="ltr">' in page
    for code in ("en", "fr", "es", "ru", "zh-hans", "ar"):
        assert f'<option value="{code}"' in page
