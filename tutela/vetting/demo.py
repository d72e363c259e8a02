"""The demo programme's screening: two real watchlists, a few nominees who resemble listed people,
and the pending nominees screened against the lists, so that the alert queue is a real one.

The lists ship in `tutela/data/watchlists/` (see the README there): the UN Security Council
Consolidated List (a 50-entry extract) and the UK Sanctions List. The resembling nominees are
demo inventions given spellings of listed names; everyone else in the demo is invented outright.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from tutela.accounts.models import User
from tutela.lib.countries import DATA_DIR
from tutela.nominations.actions import OfficerData, activities_open_to, nominate_officer
from tutela.nominations.models import NominationStatus, Officer
from tutela.partners.models import Country, Partner
from tutela.vetting.actions import import_watchlist, screen_officer_and_unit

WATCHLISTS_DIR = DATA_DIR / "watchlists"
DEMO_LISTS: tuple[tuple[str, str, dt.date], ...] = (
    ("un-xml", "un_sc_consolidated_2026-02-27_sample.xml", dt.date(2026, 2, 27)),
    ("uk-ods", "uk_fcdo_sanctions_list_2025-08-11.ods", dt.date(2025, 8, 11)),
)


@dataclass(frozen=True)
class Resembling:
    """A demo nominee whose name is a spelling of a listed person's (or, for the last one, a
    namesake the analyst should dismiss: another person with a similar name)."""

    partner: str  # ISO code of the nominating partner
    full_name: str
    name_latin: str
    birth_date: dt.date
    gender: str
    rank: str


RESEMBLING = (
    Resembling("CD", "Bosko Ntagandah", "Bosko Ntagandah", dt.date(1973, 11, 5), "M", "Colonel"),
    Resembling(
        "YE", "منصور أحمد السعادي", "Mansour Ahmed Al-Saadi", dt.date(1988, 2, 14), "M", "Captain"
    ),
    Resembling("HT", "Jimmy Chérizier", "Jimmy Cherizier", dt.date(1977, 3, 30), "M", "Inspector"),
    Resembling("UG", "Baluku Seka", "Baluku Seka", dt.date(1977, 6, 1), "M", "Superintendent"),
    Resembling(
        "NG", "Abubakar Mohammed Shehu", "Abubakar Mohammed Shehu", dt.date(1991, 4, 2), "M", "ASP"
    ),
)


def load_screening_demo(*, analyst: User, secretariat: User, log: Callable[[str], None]) -> int:
    """Import the demo lists, nominate the resembling officers and screen every officer awaiting
    vetting (and their units). Returns the number of alerts opened."""
    for format, filename, source_date in DEMO_LISTS:
        version = import_watchlist(
            format=format,
            paths=[WATCHLISTS_DIR / filename],
            by=analyst,
            source_date=source_date,
            rescreen=False,  # screened below, only the officers awaiting vetting
        )
        log(f"  {version.watchlist.name}: {version.entity_count:,} entries")
    for person in RESEMBLING:
        _nominate(person, by=secretariat, log=log)
    pending = Officer.objects.filter(nominations__status=NominationStatus.NOMINATED).distinct()
    alerts = 0
    for officer in pending.select_related("nationality", "unit__agency__partner__country"):
        alerts += len(screen_officer_and_unit(officer))
    return alerts


def _nominate(person: Resembling, *, by: User, log: Callable[[str], None]) -> None:
    partner = Partner.objects.filter(country__code=person.partner).first()
    activity = activities_open_to(partner).order_by("starts_on").first() if partner else None
    if partner is None or activity is None:
        log(f"  (no open activity for {person.partner}; {person.name_latin} not nominated)")
        return
    agency = partner.agencies.order_by("pk").first()
    unit = agency.units.order_by("pk").first() if agency else None
    if agency is None or unit is None:
        return
    data = OfficerData(
        full_name=person.full_name,
        name_latin=person.name_latin,
        birth_date=person.birth_date,
        gender=person.gender,
        nationality=Country.objects.get(code=person.partner),
        rank=person.rank,
        agency=agency,
        unit=unit,
    )
    nominate_officer(
        activity,
        data,
        partner=partner,
        justification="Leads the unit's investigations desk.",
        by=by,
    )
