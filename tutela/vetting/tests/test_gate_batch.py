"""check_gates (for list pages) must answer exactly as check_gate does, in fixed queries."""

import datetime as dt

import pytest
from django.utils import timezone

from tutela.nominations.models import Officer
from tutela.testing import make_agency, make_decision, make_officer, make_unit
from tutela.vetting.gate import check_gate, check_gates
from tutela.vetting.models import Outcome

pytestmark = pytest.mark.django_db


def scenario() -> list[Officer]:
    today = timezone.localdate()
    agency = make_agency()
    region = make_unit(agency, name="Regional command")
    barred = make_unit(agency, name="Special unit", parent=region)
    child = make_unit(agency, name="Team 7", parent=barred)
    plain = make_unit(agency)

    unvetted = make_officer(plain)
    cleared = make_officer(plain)
    make_decision(officer=cleared)
    make_decision(unit=plain)
    more_info = make_officer(plain)
    make_decision(officer=more_info, outcome=Outcome.MORE_INFO)
    expired = make_officer(plain)
    make_decision(
        officer=expired,
        valid_from=today - dt.timedelta(days=400),
        valid_until=today - dt.timedelta(days=35),
    )
    superseded = make_officer(plain)
    make_decision(
        officer=superseded,
        outcome=Outcome.NOT_CLEARED,
        decided_at=timezone.now() - dt.timedelta(days=3),
    )
    make_decision(officer=superseded, decided_at=timezone.now())
    under_barred = make_officer(child)
    make_decision(officer=under_barred)
    make_decision(unit=child)
    make_decision(unit=barred, outcome=Outcome.NOT_CLEARED)
    make_decision(unit=region)
    return [unvetted, cleared, more_info, expired, superseded, under_barred]


def test_batch_answers_match_check_gate_for_every_case():
    officers = scenario()
    days = [timezone.localdate() + dt.timedelta(days=n) for n in (0, 30, 500)]
    pairs = [
        (Officer.objects.select_related("unit").get(pk=o.pk), day) for o in officers for day in days
    ]

    batch = check_gates(pairs)

    for (officer, day), report in zip(pairs, batch, strict=True):
        single = check_gate(officer, day)
        assert report.missing == single.missing, (officer, day)
        assert report.as_dict() == single.as_dict()
    assert any("parent unit Special unit was not cleared" in m for r in batch for m in r.missing)
    assert any(r.is_open for r in batch)


def test_batch_uses_a_fixed_number_of_queries(django_assert_max_num_queries):
    officers = scenario() + [make_officer() for _ in range(15)]
    pairs = [
        (o, timezone.localdate())
        for o in Officer.objects.select_related("unit").filter(pk__in=[o.pk for o in officers])
    ]

    # Two levels of parents to load, then latest officer and unit decisions.
    with django_assert_max_num_queries(4):
        reports = check_gates(pairs)

    assert len(reports) == len(officers)


def test_batch_of_nothing_is_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert check_gates([]) == []
