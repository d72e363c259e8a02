import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tutela.testing import make_agency, make_decision, make_unit
from tutela.vetting.models import Outcome

pytestmark = pytest.mark.django_db


def test_unit_detail_shows_path_children_and_vetting_without_evidence(as_secretariat, partner_a):
    agency = make_agency(partner_a, name="Kenya Police Service")
    region = make_unit(agency, name="Nairobi Region")
    station = make_unit(agency, name="Central Station", parent=region)
    make_unit(agency, name="Night Patrol", parent=station)
    today = timezone.localdate()
    make_decision(
        unit=station,
        outcome=Outcome.CLEARED,
        valid_from=today,
        valid_until=today + dt.timedelta(days=100),
        evidence="SECRET-SOURCE-NAME informant report",
    )
    make_decision(unit=region, outcome=Outcome.NOT_CLEARED, reason="REASON-TEXT")

    response = as_secretariat.get(reverse("partners:unit_detail", args=[station.pk]))

    assert response.status_code == 200
    body = response.content.decode()
    assert [row["unit"] for row in response.context["ancestors"]] == [region]
    assert "Night Patrol" in body
    assert response.context["vetting"].outcome == Outcome.CLEARED
    assert (today + dt.timedelta(days=100)).isoformat() in body
    assert "Not cleared" in body  # the barred region above is flagged
    assert "SECRET-SOURCE-NAME" not in body
    assert "REASON-TEXT" not in body


def test_unit_detail_shows_latest_decision_and_unvetted_units(as_analyst, partner_a):
    unit = make_unit(make_agency(partner_a))
    page = as_analyst.get(reverse("partners:unit_detail", args=[unit.pk]))
    assert "This unit has not been vetted." in page.content.decode()

    make_decision(
        unit=unit, outcome=Outcome.CLEARED, decided_at=timezone.now() - dt.timedelta(days=3)
    )
    make_decision(unit=unit, outcome=Outcome.MORE_INFO)
    page = as_analyst.get(reverse("partners:unit_detail", args=[unit.pk]))
    assert page.context["vetting"].outcome == Outcome.MORE_INFO
    assert "More information needed" in page.content.decode()


def test_unknown_unit_is_404(as_oversight):
    assert as_oversight.get(reverse("partners:unit_detail", args=[9999])).status_code == 404
