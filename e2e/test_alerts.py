"""An analyst works the alert queue in a real browser: a listed name is nominated, the alert is
dismissed with a reason, and the clearance cites it."""

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from e2e.test_journey import sign_in
from tutela.accounts.models import Role
from tutela.nominations.actions import OfficerData, nominate_officer
from tutela.testing import (
    country,
    ensure_reference_data,
    make_activity,
    make_agency,
    make_partner,
    make_unit,
    make_user,
)
from tutela.vetting.actions import import_watchlist
from tutela.vetting.models import Decision

pytestmark = pytest.mark.django_db(transaction=True)

CREDIBLE = (
    Path(__file__).resolve().parents[1]
    / "tutela/lib/watchlists/tests/fixtures/credible/credible_list.csv"
)
LISTED = "Tavrin Oskel Mabaro"  # an invented person on the fixture list


def test_analyst_dismisses_an_alert_and_the_clearance_cites_it(page: Page, live_server) -> None:
    ensure_reference_data()
    kenya = make_partner("KE")
    agency = make_agency(kenya, name="Kenya Police Service")
    unit = make_unit(agency, name="Nairobi Community Policing Unit")
    analyst = make_user(Role.ANALYST, username="analyst")
    secretariat = make_user(Role.SECRETARIAT, username="secretariat")
    import_watchlist(format="credible-csv", paths=[CREDIBLE], by=analyst)
    nominate_officer(
        make_activity(),
        OfficerData(
            full_name="Tavrin Oskell Mabaro",  # a spelling variant of the listed name
            name_latin="Tavrin Oskell Mabaro",
            birth_date=dt.date(1990, 3, 1),
            gender="M",
            nationality=country("KE"),
            rank="Inspector",
            agency=agency,
            unit=unit,
        ),
        partner=kenya,
        justification="Leads the desk.",
        by=secretariat,
    )
    base = live_server.url

    sign_in(page, base, "analyst")
    page.goto(f"{base}/vetting/alerts/")
    page.get_by_role("link", name=re.compile(r"^Alert \d+$")).first.click()
    expect(page.get_by_text(re.compile(LISTED, re.IGNORECASE)).first).to_be_visible()
    page.get_by_label("Dismiss: not the same person or unit").check()
    page.get_by_label("Reason").fill("Different birth year and unit; the listed man is older.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Dismissed", exact=False).first).to_be_visible()

    # The alert page now offers a decision citing it; the form has it ticked already.
    page.goto(f"{base}/vetting/alerts/?status=dismissed")
    page.get_by_role("link", name=re.compile(r"^Alert \d+$")).first.click()
    page.get_by_test_id("decide-citing").click()
    expect(page.get_by_label(re.compile("Alert \\d+:"))).to_be_checked()
    page.get_by_label("Outcome").select_option("cleared")
    page.get_by_label("Reason").fill("Identity confirmed; the alert was another person.")
    page.get_by_label("Sources").fill("Watchlists\nNational police register")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_test_id("cited-alerts")).to_contain_text(re.compile(LISTED, re.IGNORECASE))
    decision = Decision.objects.get()
    assert decision.alerts.count() == 1
