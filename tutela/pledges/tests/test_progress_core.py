"""Pledge progress is computed from completed enrolments, by the stated counting rule."""

import datetime as dt

import pytest

from tutela.lib.errors import ActionError, NotAllowed
from tutela.nominations.models import NominationStatus
from tutela.pledges.actions import pledge_progress, record_pledge
from tutela.testing import (
    make_activity,
    make_agency,
    make_nomination,
    make_officer,
    make_partner,
    make_unit,
)

pytestmark = pytest.mark.django_db


def _completed(officer, starts_on, **kw):
    activity = make_activity(
        status="completed", starts_on=starts_on, ends_on=starts_on + dt.timedelta(days=3)
    )
    return make_nomination(
        activity=activity, officer=officer, status=NominationStatus.COMPLETED, **kw
    )


def test_world_and_region_pledges_count_completions_and_distinct_officers(secretariat):
    world = record_pledge(
        by=secretariat,
        title="5,000 over five years",
        opportunities=5000,
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2029, 12, 31),
    )
    africa = record_pledge(
        by=secretariat,
        title="1,000 for Africa",
        opportunities=1000,
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2029, 12, 31),
        scope="region",
        region_code="2",
        parent=world,
    )
    kenyan = make_officer(make_unit(make_agency(make_partner("KE"))))
    peruvian = make_officer(make_unit(make_agency(make_partner("PE"))))
    _completed(kenyan, dt.date(2025, 3, 1))
    _completed(kenyan, dt.date(2025, 6, 1))  # the same officer twice
    _completed(peruvian, dt.date(2025, 6, 1))
    _completed(peruvian, dt.date(2024, 6, 1))  # before the pledge period
    make_nomination(officer=kenyan)  # nominated, not completed

    assert pledge_progress(world) == pledge_progress(world).__class__(5000, 3, 2, 0)
    africa_progress = pledge_progress(africa)
    assert (africa_progress.delivered, africa_progress.officers) == (2, 1)
    assert round(africa_progress.percent, 1) == 0.2


def test_pledge_input_is_checked(secretariat, liaison_a):
    with pytest.raises(NotAllowed):
        record_pledge(
            by=liaison_a,
            title="x",
            opportunities=1,
            starts_on=dt.date(2025, 1, 1),
            ends_on=dt.date(2025, 2, 1),
        )
    with pytest.raises(ActionError) as refused:
        record_pledge(
            by=secretariat,
            title="x",
            opportunities=10,
            starts_on=dt.date(2025, 1, 1),
            ends_on=dt.date(2024, 1, 1),
        )
    assert refused.value.field == "ends_on"
    with pytest.raises(ActionError) as refused:
        record_pledge(
            by=secretariat,
            title="x",
            opportunities=10,
            starts_on=dt.date(2025, 1, 1),
            ends_on=dt.date(2026, 1, 1),
            scope="region",
        )
    assert refused.value.field == "region_code"
