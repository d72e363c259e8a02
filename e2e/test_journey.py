"""The foundation journey in a real browser: nominate → clear → enrol → complete → the pledge
figure on the dashboard moves."""

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from tutela.accounts.models import Role
from tutela.activities.models import Activity
from tutela.pledges.models import Pledge
from tutela.testing import (
    PASSWORD,
    ensure_reference_data,
    make_activity,
    make_agency,
    make_partner,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def programme(transactional_db: None) -> dict[str, object]:
    ensure_reference_data()
    kenya = make_partner("KE")
    agency = make_agency(kenya, name="Kenya Police Service")
    unit = make_unit(agency, name="Nairobi Community Policing Unit")
    director = make_user(
        Role.INSTRUCTOR, username="director", first_name="Grace", last_name="Director"
    )
    start = dt.date.today() + dt.timedelta(days=20)
    activity = make_activity(
        code="CP-2026-01",
        title="Community policing and human rights",
        starts_on=start,
        ends_on=start + dt.timedelta(days=9),
        director=director,
    )
    pledge = Pledge.objects.create(
        title="5,000 training opportunities",
        opportunities=5000,
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2029, 12, 31),
    )
    make_user(Role.LIAISON, username="liaison", partner=kenya)
    make_user(Role.ANALYST, username="analyst")
    make_user(Role.SECRETARIAT, username="secretariat")
    return {"activity": activity, "unit": unit, "pledge": pledge, "agency": agency}


def sign_in(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible()


def test_nominate_clear_enrol_complete_moves_the_pledge(page: Page, live_server, programme) -> None:
    base = live_server.url
    pledge: Pledge = programme["pledge"]  # type: ignore[assignment]
    activity: Activity = programme["activity"]  # type: ignore[assignment]
    delivered = page.get_by_test_id(f"pledge-delivered-{pledge.pk}")

    sign_in(page, base, "secretariat")
    expect(delivered).to_have_text("0")

    # 1. The Kenyan liaison nominates an officer, name in Ge'ez script.
    sign_in(page, base, "liaison")
    page.goto(f"{base}/nominations/new/")
    page.get_by_label("Full name (own script)").fill("አበበ በቀለ ተሰማ")
    page.get_by_label("Name in Latin script").fill("Abebe Bekele Tessema")
    page.get_by_label("Birth date").fill("1987-05-14")
    page.get_by_label("Gender").select_option("M")
    page.get_by_label("Rank").fill("Chief Inspector")
    page.get_by_label("Agency").select_option(label="Kenya Police Service")
    page.get_by_label("Unit").select_option(index=1)
    page.get_by_label("Activity").select_option(str(activity.pk))
    page.get_by_label("Justification").fill("Leads community policing in Nairobi.")
    page.get_by_role("button", name=re.compile("Nominate")).click()
    expect(page.get_by_text("አበበ በቀለ ተሰማ").first).to_be_visible()
    nomination_url = page.url

    # 2. The secretariat cannot enrol yet: the gate names both missing safeguards.
    sign_in(page, base, "secretariat")
    page.goto(nomination_url)
    page.get_by_role("button", name="Enrol", exact=True).click()
    expect(page.get_by_text("The officer has not been vetted.").first).to_be_visible()
    expect(page.get_by_text("The officer's unit has not been vetted.").first).to_be_visible()

    # 3. The analyst clears the officer and the unit from the vetting queue.
    sign_in(page, base, "analyst")
    for button in ("Decide officer", "Decide unit"):
        page.goto(f"{base}/vetting/")
        page.get_by_role("link", name=button).first.click()
        page.get_by_label("Outcome").select_option("cleared")
        page.get_by_label("Reason").fill("No adverse information found.")
        page.get_by_label("Sources").fill("Partner records\nNGO reports 2025")
        page.get_by_role("button", name=re.compile("Record|Save|Decide")).click()
        expect(page.get_by_text("Cleared").first).to_be_visible()

    # 4. The secretariat enrols; the activity starts running.
    sign_in(page, base, "secretariat")
    page.goto(nomination_url)
    page.get_by_role("button", name="Enrol", exact=True).click()
    expect(page.get_by_text(re.compile(r"INV-\d{4}-\d{6}")).first).to_be_visible()
    page.goto(f"{base}/activities/{activity.pk}/")
    page.get_by_role("button", name=re.compile("Running")).click()
    expect(page.get_by_text("Running").first).to_be_visible()

    # 5. The course director marks completion.
    sign_in(page, base, "director")
    page.goto(nomination_url)
    page.get_by_role("button", name="Mark completed").click()
    expect(page.get_by_text(re.compile("Marked completed by")).first).to_be_visible()

    # 6. The pledge figure on the secretariat's dashboard has moved.
    sign_in(page, base, "secretariat")
    expect(delivered).to_have_text("1")
    expect(page.get_by_test_id(f"pledge-officers-{pledge.pk}")).to_have_text("1")
