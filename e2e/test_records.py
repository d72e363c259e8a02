"""Historical training records in a real browser: the secretariat uploads a report table, reads
the import's report, and finds the Kosovo rows by country."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tutela.accounts.models import Role
from tutela.testing import PASSWORD, ensure_reference_data, make_user

pytestmark = pytest.mark.django_db(transaction=True)

SAMPLE = Path(__file__).resolve().parent.parent / "tutela/records/tests/fixtures/fmtr_sample.tsv"


@pytest.fixture
def secretariat(transactional_db: None) -> None:
    ensure_reference_data()
    make_user(Role.SECRETARIAT, username="secretariat")


def test_upload_a_report_table_and_find_its_rows(page: Page, live_server, secretariat) -> None:
    base = live_server.url
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill("secretariat")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible()

    page.get_by_role("link", name="Training records").click()
    page.get_by_role("link", name="Import tables").click()
    page.get_by_label("Training-records tables").set_input_files(str(SAMPLE))
    page.get_by_role("button", name="Import", exact=True).click()

    expect(page.get_by_test_id("totals")).to_have_text(
        "1 file: 150 rows read, 150 imported, 0 set aside."
    )
    expect(page.get_by_test_id("file-report")).to_contain_text("Yugoslavia: 3")

    page.get_by_role("link", name="Records", exact=True).click()
    page.get_by_label("Country").select_option("XK")  # htmx swaps the results in place
    results = page.locator("#results")
    expect(results).to_contain_text("Kosovo (XK)")
    expect(results).not_to_contain_text("Yugoslavia")
    expect(results).to_contain_text("results")
