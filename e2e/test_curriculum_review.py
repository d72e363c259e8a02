"""The curriculum review journey in a real browser: an author writes a module tagged crowd
management, is told which provisions are missing, links them, two reviewers approve (a
high-risk topic), and the curriculum appears on the public page."""

import re

import pytest
from playwright.sync_api import Page, expect

from tutela.accounts.models import Role
from tutela.curriculum.actions import create_course, create_version
from tutela.testing import PASSWORD, ensure_reference_data, load_catalogue, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def draft(transactional_db: None) -> dict[str, object]:
    ensure_reference_data()
    load_catalogue()
    author = make_user(Role.SECRETARIAT, username="author")
    make_user(Role.REVIEWER, username="reviewer-one", first_name="Rita", last_name="One")
    make_user(Role.REVIEWER, username="reviewer-two", first_name="Tomas", last_name="Two")
    course = create_course(code="CRW-301", title="Policing assemblies", by=author)
    version = create_version(
        course, by=author, learning_outcomes="Facilitate peaceful assemblies.", languages=["en"]
    )
    return {"version": version}


def sign_in(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name=re.compile("Welcome"))).to_be_visible()


def link(page: Page, code: str, how: str) -> None:
    form = page.get_by_test_id("link-form").first
    form.get_by_label("Provision").fill(code)
    form.get_by_label("How the module covers it").fill(how)
    form.get_by_role("button", name="Link").click()
    expect(page.get_by_test_id("links").get_by_text(code)).to_be_visible()


def review(page: Page, base: str, username: str, url: str) -> None:
    sign_in(page, base, username)
    page.goto(url)
    page.get_by_label("Decision").select_option("approved")
    page.get_by_label("Reasons").fill("Assembly standards are taught and assessed.")
    page.get_by_role("button", name="Record review").click()


def test_author_links_missing_provisions_reviewers_approve_public_page_shows_it(
    page: Page, live_server, draft
) -> None:
    base = live_server.url
    url = f"{base}/curriculum/versions/{draft['version'].pk}/"  # type: ignore[attr-defined]

    # 1. The author writes a module tagged crowd management.
    sign_in(page, base, "author")
    page.goto(url)
    page.get_by_role("link", name="Add a module").click()
    page.get_by_label("Title").fill("Facilitating peaceful protests")
    page.get_by_label("Hours").fill("6")
    page.get_by_label("Learning outcomes").fill(
        "Negotiate routes with organisers; disperse a crowd with the minimum force; "
        "explain when tear gas may never be used."
    )
    page.get_by_label("Topics").select_option(label="Crowd management")
    page.get_by_role("button", name="Add module", exact=True).click()

    # 2. She is told which provisions are missing, and submitting is refused.
    expect(page.get_by_test_id("unmet-summary")).to_contain_text("3 topic rules are not met")
    checks = page.get_by_test_id("rule-checks")
    expect(checks).to_contain_text("Use of force at assemblies")
    expect(checks).to_contain_text("UN-BPUFF-1990:P13")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_test_id("action-error")).to_contain_text("topic rules are not met")

    # 3. She links them, each with a line on how.
    link(page, "UN-BPUFF-1990:P13", "Dispersal exercise with the minimum force.")
    link(page, "UN-LLW-2020:S7.3", "Tear-gas rules in the scenario briefing.")
    link(page, "ICCPR-1966:A21", "Organisers' rights in the negotiation role play.")
    expect(page.get_by_test_id("unmet-summary")).to_have_count(0)
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Submitted for review.")).to_be_visible()

    # 4. She assigns two reviewers (a high-risk topic needs two different approvals).
    for name in ("Rita One", "Tomas Two"):
        page.get_by_label("Reviewer", exact=True).select_option(label=name)
        page.get_by_role("button", name="Assign").click()
        expect(page.get_by_test_id("assignments")).to_contain_text(name)

    # 5. The reviewers approve.
    review(page, base, "reviewer-one", url)
    expect(page.get_by_text("A second, different reviewer must also approve.")).to_be_visible()
    review(page, base, "reviewer-two", url)
    expect(page.get_by_text("Version approved: it may now be scheduled.")).to_be_visible()

    # 6. The approved curriculum is on the public page, without signing in.
    page.context.clear_cookies()
    page.goto(f"{base}/curriculum/public/")
    page.get_by_role("link", name=re.compile("CRW-301")).click()
    expect(page.get_by_test_id("review-summary")).to_contain_text("by 2 curriculum reviewer(s)")
    module = page.get_by_test_id("public-module")
    expect(module).to_contain_text("Facilitating peaceful protests")
    expect(module).to_contain_text("UN-BPUFF-1990:P13")
    expect(module).to_contain_text("Organisers' rights in the negotiation role play.")
