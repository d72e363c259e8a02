import datetime as dt

import pytest
from django.urls import reverse

from tutela.nominations.models import Enrolment, NominationStatus
from tutela.partners.models import Partner, PartnerKind
from tutela.pledges.actions import pledge_progress, pledges_progress
from tutela.pledges.models import Pledge, Scope
from tutela.pledges.views import breakdown
from tutela.testing import make_activity, make_agency, make_nomination, make_officer, make_unit

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true", "HX-Target": "results"}  # what the search form sends

START, END = dt.date(2025, 1, 1), dt.date(2029, 12, 31)


def _pledge(**fields) -> Pledge:
    values = {
        "title": "5,000 over five years",
        "opportunities": 5000,
        "starts_on": START,
        "ends_on": END,
    }
    values.update(fields)
    return Pledge.objects.create(**values)


def _officer(partner: Partner):
    return make_officer(make_unit(make_agency(partner)))


def _completed(officer, starts_on=dt.date(2025, 6, 1), *, override=False):
    activity = make_activity(
        status="completed", starts_on=starts_on, ends_on=starts_on + dt.timedelta(days=3)
    )
    nomination = make_nomination(
        activity=activity, officer=officer, status=NominationStatus.COMPLETED
    )
    if override:
        Enrolment.objects.create(
            nomination=nomination,
            enrolled_by=nomination.nominated_by,
            is_override=True,
            override_reason="Urgent.",
            invitation_number=f"INV-T-{nomination.pk}",
        )
    return nomination


@pytest.fixture
def delivered(partner_a, partner_b):
    """Kenya (Africa): one officer twice, one by override; Peru (Americas): one officer;
    INTERPOL: one officer; and completions outside the period that must not count."""
    kenyan, peruvian = _officer(partner_a), _officer(partner_b)
    interpol = Partner.objects.create(kind=PartnerKind.ORGANISATION, name="INTERPOL")
    _completed(kenyan)
    _completed(kenyan, dt.date(2026, 2, 1), override=True)
    _completed(peruvian)
    _completed(_officer(interpol))
    _completed(peruvian, dt.date(2024, 12, 31))  # before the period
    make_nomination(officer=kenyan)  # nominated, not completed


@pytest.mark.parametrize("client_name", ["as_secretariat", "as_analyst", "as_oversight"])
def test_readers_across_countries_see_pledges(request, client_name):
    pledge = _pledge()
    client = request.getfixturevalue(client_name)
    assert client.get(reverse("pledges:list")).status_code == 200
    assert client.get(reverse("pledges:detail", args=[pledge.pk])).status_code == 200


@pytest.mark.parametrize("client_name", ["as_liaison_a", "as_reviewer", "as_director"])
def test_other_roles_are_refused_pledges(request, client_name):
    pledge = _pledge()
    client = request.getfixturevalue(client_name)
    assert client.get(reverse("pledges:list")).status_code == 403
    assert client.get(reverse("pledges:detail", args=[pledge.pk])).status_code == 403
    assert client.get(reverse("pledges:create")).status_code == 403


def test_anonymous_is_sent_to_sign_in(anonymous):
    assert anonymous.get(reverse("pledges:list")).status_code == 302


def test_list_shows_progress_and_counting_rule_in_bounded_queries(
    as_oversight, delivered, django_assert_max_num_queries
):
    world = _pledge()
    for i in range(14):
        _pledge(
            title=f"Regional pledge {i:02d}",
            opportunities=100 + i,
            scope=Scope.REGION,
            region_code="2",
            parent=world,
        )
    with django_assert_max_num_queries(6):
        response = as_oversight.get(reverse("pledges:list"))
    body = response.content.decode()
    assert response.status_code == 200 and "<html" in body
    assert "Counting rule" in body and "counts twice" in body
    assert f'data-testid="delivered-{world.pk}">4<' in body
    assert f'data-testid="officers-{world.pk}">3<' in body
    assert f'data-testid="overrides-{world.pk}"><span class="text-danger">1<' in body
    assert 'role="progressbar"' in body


def test_list_htmx_gets_the_partial_and_filters(as_secretariat):
    _pledge(title="World pledge")
    _pledge(title="Africa pledge", scope=Scope.REGION, region_code="2", opportunities=1000)
    response = as_secretariat.get(reverse("pledges:list"), {"scope": "region"}, headers=HTMX)
    body = response.content.decode()
    assert "<html" not in body
    assert "Africa pledge" in body and "World pledge" not in body
    assert "Counting rule" in body  # the rule travels with the figures
    searched = as_secretariat.get(reverse("pledges:list"), {"q": "world"}).content.decode()
    assert "World pledge" in searched and "Africa pledge" not in searched


def test_progress_of_many_pledges_matches_pledge_progress(
    delivered, partner_a, django_assert_num_queries
):
    pledges = [
        _pledge(),
        _pledge(title="Africa", scope=Scope.REGION, region_code="2", opportunities=1000),
        _pledge(title="Kenya", scope=Scope.COUNTRY, country=partner_a.country, opportunities=50),
        _pledge(title="Later", starts_on=dt.date(2027, 1, 1), opportunities=10),
    ]
    with django_assert_num_queries(1):
        computed = pledges_progress(pledges)
    assert computed == {p.pk: pledge_progress(p) for p in pledges}
    assert computed[pledges[1].pk].delivered == 2
    assert computed[pledges[2].pk].overrides == 1
    assert computed[pledges[3].pk].delivered == 0


def test_world_pledge_detail_breaks_delivered_down_by_region(as_secretariat, delivered):
    pledge = _pledge()
    response = as_secretariat.get(reverse("pledges:detail", args=[pledge.pk]))
    body = response.content.decode()
    progress = response.context["progress"]
    assert (progress.delivered, progress.officers, progress.overrides) == (4, 3, 1)
    assert "Counting rule" in body
    rows = {row["name"]: row["delivered"] for row in response.context["breakdown"]}
    assert rows == {"Africa": 2, "Americas": 1, None: 1}
    assert "International organisations" in body
    assert "Delivered by region" in body


def test_region_pledge_detail_breaks_down_by_country_in_one_query(
    as_secretariat, delivered, partner_a, django_assert_num_queries
):
    ghana_officer = _officer(
        Partner.objects.create(
            kind=PartnerKind.COUNTRY,
            name="Ghana",
            country=partner_a.country.__class__.objects.get(code="GH"),
        )
    )
    _completed(ghana_officer)
    africa = _pledge(
        title="1,000 for Africa", scope=Scope.REGION, region_code="2", opportunities=1000
    )
    with django_assert_num_queries(1):
        rows = breakdown(africa)
    assert [(r["name"], r["delivered"], r["officers"], r["overrides"]) for r in rows] == [
        ("Kenya", 2, 1, 1),
        ("Ghana", 1, 1, 0),
    ]
    response = as_secretariat.get(reverse("pledges:detail", args=[africa.pk]))
    assert "Delivered by country" in response.content.decode()
    assert response.context["progress"].delivered == 3


def test_country_pledge_has_no_breakdown(as_secretariat, delivered, partner_a):
    pledge = _pledge(
        title="Kenya", scope=Scope.COUNTRY, country=partner_a.country, opportunities=50
    )
    response = as_secretariat.get(reverse("pledges:detail", args=[pledge.pk]))
    assert response.context["breakdown"] == []
    assert "Delivered by" not in response.content.decode()


def test_detail_lists_reserved_shares_with_their_progress(as_secretariat, delivered):
    world = _pledge()
    _pledge(
        title="1,000 for Africa",
        scope=Scope.REGION,
        region_code="2",
        opportunities=1000,
        parent=world,
    )
    response = as_secretariat.get(reverse("pledges:detail", args=[world.pk]))
    (part,) = response.context["parts"]
    assert part["progress"].delivered == 2
    assert response.context["reserved"] == 1000
    assert "1,000 of the 5,000 opportunities are reserved." in response.content.decode()


def test_unknown_pledge_is_404(as_secretariat):
    assert as_secretariat.get(reverse("pledges:detail", args=[999])).status_code == 404
