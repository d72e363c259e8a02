"""The dashboard each role lands on."""

import datetime as dt

import pytest
from django.urls import reverse

from tutela.nominations.actions import complete_nomination, enrol_nominee
from tutela.pledges.models import Pledge
from tutela.testing import (
    clear,
    make_activity,
    make_agency,
    make_nomination,
    make_officer,
    make_unit,
)

pytestmark = pytest.mark.django_db


def _pledge() -> Pledge:
    return Pledge.objects.create(
        title="5,000 opportunities",
        opportunities=5000,
        starts_on=dt.date(2020, 1, 1),
        ends_on=dt.date(2035, 12, 31),
    )


def test_pledge_figure_moves_when_an_officer_completes(as_secretariat, secretariat, director):
    pledge = _pledge()
    activity = make_activity(director=director)
    nomination = make_nomination(activity=activity)
    clear(nomination.officer)
    url = reverse("accounts:dashboard")

    before = as_secretariat.get(url).content.decode()
    assert f'data-testid="pledge-delivered-{pledge.pk}">0<' in before

    enrol_nominee(nomination, by=secretariat)
    activity.status = "running"
    activity.save()
    complete_nomination(nomination, by=director)

    after = as_secretariat.get(url).content.decode()
    assert f'data-testid="pledge-delivered-{pledge.pk}">1<' in after
    assert f'data-testid="pledge-officers-{pledge.pk}">1<' in after


def test_counting_rule_is_next_to_the_figures(as_oversight):
    _pledge()
    body = as_oversight.get(reverse("accounts:dashboard")).content.decode()
    assert "Counting rule" in body and "distinct officers" in body


def test_liaison_sees_only_own_nominations_counted(as_liaison_a, partner_a, partner_b):
    for _ in range(2):
        make_nomination(officer=make_officer(make_unit(make_agency(partner_a))))
    for _ in range(3):
        make_nomination(officer=make_officer(make_unit(make_agency(partner_b))))
    body = as_liaison_a.get(reverse("accounts:dashboard")).content.decode()
    assert "Your nominations" in body
    assert (
        '?status=nominated">Nominated (awaiting vetting) <span class="badge text-bg-secondary">2<'
        in body
    )
    assert "Pledges" not in body  # programme-wide figures are for secretariat and oversight


def test_each_role_gets_its_dashboard(as_analyst, as_reviewer, as_director, anonymous):
    assert "vetting queue" in as_analyst.get("/").content.decode()
    assert "awaiting your review" in as_reviewer.get("/").content.decode()
    assert "Your activities" in as_director.get("/").content.decode()
    response = anonymous.get("/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_overrides_are_listed_to_oversight(as_oversight, secretariat_head):
    nomination = make_nomination()
    enrol_nominee(nomination, by=secretariat_head, override_reason="Minister's instruction")
    body = as_oversight.get("/").content.decode()
    assert "Minister&#x27;s instruction" in body


def test_dashboard_queries_do_not_grow_with_data(as_secretariat, django_assert_max_num_queries):
    _pledge()
    for _ in range(20):
        make_nomination()
    with django_assert_max_num_queries(12):
        assert as_secretariat.get("/").status_code == 200
