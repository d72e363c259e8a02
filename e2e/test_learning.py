"""The learning journey in a real browser: a course director takes attendance (and a trainee
checks in with the QR code's link), enters test scores and applies the completion rule; the
reaction survey's emailed link is answered without an account and shows in the results."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tutela.accounts.models import Role
from tutela.activities.models import ActivityStatus
from tutela.learning.models import CompletionRule
from tutela.nominations.models import Enrolment, NominationStatus
from tutela.testing import (
    ensure_reference_data,
    make_activity,
    make_agency,
    make_nomination,
    make_officer,
    make_partner,
    make_unit,
    make_user,
)

from .test_journey import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def course(transactional_db: None) -> dict[str, object]:
    ensure_reference_data()
    today = timezone.localdate()
    director = make_user(Role.INSTRUCTOR, username="director", first_name="Grace")
    secretariat = make_user(Role.SECRETARIAT, username="secretariat")
    make_user(Role.OVERSIGHT, username="oversight")
    activity = make_activity(
        code="HR-2026-07",
        title="Human rights in custody",
        status=ActivityStatus.RUNNING,
        starts_on=today - dt.timedelta(days=1),
        ends_on=today,
        director=director,
    )
    CompletionRule.objects.create(
        course_version=activity.course_version,
        min_attendance=Decimal("0.5"),
        min_post_score=Decimal("60"),
    )
    unit = make_unit(make_agency(make_partner("KE"), name="Kenya Police Service"))
    people = []
    for i, (name, email) in enumerate(
        [("Amina Wanjiru", "amina@example.org"), ("Otieno Kamau", "otieno@example.org")], start=1
    ):
        officer = make_officer(
            unit, full_name=name, name_latin=name, email=email, birth_date=dt.date(1985, i, 14)
        )
        nomination = make_nomination(
            activity, officer, nominated_by=secretariat, status=NominationStatus.ENROLLED
        )
        Enrolment.objects.create(
            nomination=nomination, enrolled_by=secretariat, invitation_number=f"INV-2026-00000{i}"
        )
        people.append(nomination)
    return {"activity": activity, "people": people}


def test_attendance_scores_completion_and_survey(
    page: Page, browser: Browser, live_server, course
) -> None:
    base = live_server.url
    activity = course["activity"]
    amina, otieno = course["people"]

    # 1. The director takes today's attendance: Amina is in the room.
    sign_in(page, base, "director")
    page.goto(f"{base}/learning/")
    page.get_by_role("link", name=activity.code).click()
    page.get_by_role("link", name="Take today's attendance").click()
    page.get_by_label(re.compile("Amina Wanjiru")).check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text(re.compile(r"1 of 2 present"))).to_be_visible()

    # 2. Otieno checks in himself through the QR code's link, without an account.
    page.get_by_role("link", name="Show the check-in QR code").click()
    expect(page.get_by_test_id("check-in-qr").locator("svg")).to_be_visible()
    link = page.get_by_test_id("check-in-link").get_attribute("href")
    assert link
    phone = browser.new_page()
    phone.goto(link)
    phone.get_by_label("Invitation number").fill("inv-2026-000002")
    phone.get_by_label("Birth date").fill("1985-02-14")
    phone.get_by_role("button", name="Check in").click()
    expect(phone.get_by_test_id("checked-in")).to_be_visible()
    phone.close()

    # 3. Scores: Amina passes the post-test, Otieno does not.
    page.goto(f"{base}/learning/activities/{activity.pk}/")
    expect(page.get_by_test_id(f"trainee-{otieno.pk}")).to_contain_text("1/2")
    page.get_by_role("link", name="Enter test scores").click()
    page.locator(f"#pre-{amina.pk}").fill("45")
    page.locator(f"#post-{amina.pk}").fill("82")
    page.locator(f"#pre-{otieno.pk}").fill("50")
    page.locator(f"#post-{otieno.pk}").fill("55")
    page.get_by_role("button", name="Save scores").click()
    expect(page.get_by_text("4 scores saved.")).to_be_visible()

    # 4. The completion rule completes Amina only, and says why Otieno is not done.
    mail.outbox.clear()
    page.get_by_role("button", name="Apply the completion rule").click()
    expect(page.get_by_text(re.compile("1 trainees completed now; 1 do not meet"))).to_be_visible()
    expect(page.get_by_test_id(f"trainee-{amina.pk}")).to_contain_text("Completed")
    expect(page.get_by_test_id(f"trainee-{otieno.pk}")).to_contain_text("post-test 55.00, below")

    # 5. The reaction survey went out by email; Amina answers through the link.
    to_amina = [m for m in mail.outbox if m.to == ["amina@example.org"]]
    assert len(to_amina) == 1
    survey = re.search(r"https?://\S+/learning/survey/\S+/", to_amina[0].body)
    assert survey
    page.context.clear_cookies()
    page.goto(base + "/learning/survey/" + survey.group(0).split("/learning/survey/")[1])
    for code in ("relevance", "trainers", "materials", "organisation", "language", "overall"):
        page.locator(f"input[name={code}][value='5']").check()
    page.locator("input[name=recommend][value=yes]").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_test_id("survey-done")).to_be_visible()

    # 6. Oversight sees the answer and the response rate in the results.
    sign_in(page, base, "oversight")
    page.goto(f"{base}/learning/results/")
    by_version = page.get_by_test_id("results-by-version")
    expect(by_version).to_contain_text("1 answered of 2 sent (50 %)")
    expect(by_version).to_contain_text("mean 5.0 / 5")
    expect(page.get_by_test_id("results-by-country")).to_contain_text("KE")
