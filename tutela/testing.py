"""Personas and small `make_<thing>` helpers for tests.

Each helper creates the smallest valid object and accepts overrides. Helpers write rows directly
(no audit events) except where they name an action: tests of actions call the actions themselves.
"""

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from django.utils import timezone

from tutela.accounts.models import Role, User
from tutela.activities.models import Activity, ActivityStatus, Mode
from tutela.curriculum.models import Course, CourseVersion, Module, Topic, VersionStatus
from tutela.nominations.models import Gender, Nomination, Officer
from tutela.partners.models import Agency, Country, HostInstitution, Partner, PartnerKind, Unit
from tutela.vetting.models import Decision, Outcome

PASSWORD = "persona-pass-1"
_seq = itertools.count(1)


def _n() -> int:
    return next(_seq)


def make_user(role: str, *, username: str | None = None, **overrides: Any) -> User:
    username = username or f"{role}-{_n()}"
    user = User.objects.create_user(username=username, password=PASSWORD, role=role, **overrides)
    return user


def country(code: str) -> Country:
    return Country.objects.get(code=code)


def make_partner(code: str = "KE", **overrides: Any) -> Partner:
    c = country(code)
    fields: dict[str, Any] = {"kind": PartnerKind.COUNTRY, "country": c, "name": c.name}
    fields.update(overrides)
    existing = Partner.objects.filter(country=c).first() if fields["country"] else None
    return existing or Partner.objects.create(**fields)


def make_agency(partner: Partner | None = None, **overrides: Any) -> Agency:
    partner = partner or make_partner()
    fields: dict[str, Any] = {"partner": partner, "name": f"National Police {_n()}"}
    fields.update(overrides)
    return Agency.objects.create(**fields)


def make_unit(agency: Agency | None = None, **overrides: Any) -> Unit:
    agency = agency or make_agency()
    fields: dict[str, Any] = {"agency": agency, "name": f"Unit {_n()}"}
    fields.update(overrides)
    return Unit.objects.create(**fields)


def make_host_institution(**overrides: Any) -> HostInstitution:
    fields: dict[str, Any] = {
        "name": f"Police Academy {_n()}",
        "country": country("FR"),
        "city": "Lyon",
    }
    fields.update(overrides)
    return HostInstitution.objects.create(**fields)


def make_course_version(status: str = VersionStatus.APPROVED, **overrides: Any) -> CourseVersion:
    n = _n()
    course = overrides.pop("course", None) or Course.objects.create(
        code=f"C{n:03d}", title=f"Community policing {n}"
    )
    fields: dict[str, Any] = {
        "course": course,
        "number": course.versions.count() + 1,
        "status": status,
        "learning_outcomes": "Explain and apply.",
        "languages": ["en"],
    }
    fields.update(overrides)
    version = CourseVersion.objects.create(**fields)
    module = Module.objects.create(
        version=version,
        title="Principles",
        hours=Decimal("6"),
        learning_outcomes="State the principles.",
    )
    module.topics.set(Topic.objects.filter(code__in=["community-policing", "human-rights"]))
    if status == VersionStatus.APPROVED:  # a complete review, as the scheduling gate needs
        from tutela.curriculum.models import Review, ReviewOutcome

        Review.objects.create(
            version=version,
            reviewer=make_user(Role.REVIEWER),
            outcome=ReviewOutcome.APPROVED,
            comments="Approved.",
        )
    return version


def make_activity(status: str = ActivityStatus.OPEN, **overrides: Any) -> Activity:
    n = _n()
    start = timezone.localdate() + dt.timedelta(days=30)
    fields: dict[str, Any] = {
        "code": f"A-{n:04d}",
        "title": f"Course delivery {n}",
        "mode": Mode.ACADEMY_COURSE,
        "starts_on": start,
        "ends_on": start + dt.timedelta(days=9),
        "country": country("FR"),
        "capacity": 20,
        "status": status,
    }
    fields.update(overrides)
    if "course_version" not in fields and fields["mode"] != Mode.EXCHANGE_PLACEMENT:
        fields["course_version"] = make_course_version()
    return Activity.objects.create(**fields)


def make_officer(unit: Unit | None = None, **overrides: Any) -> Officer:
    unit = unit or make_unit()
    n = _n()
    fields: dict[str, Any] = {
        "full_name": f"Amina Wanjiru {n}",
        "name_latin": f"Amina Wanjiru {n}",
        "birth_date": dt.date(1985, 1, 1) + dt.timedelta(days=n),
        "gender": Gender.FEMALE,
        "nationality": unit.agency.partner.country or country("KE"),
        "rank": "Inspector",
        "partner": unit.agency.partner,
        "agency": unit.agency,
        "unit": unit,
    }
    fields.update(overrides)
    return Officer.objects.create(**fields)


def make_nomination(
    activity: Activity | None = None, officer: Officer | None = None, **overrides: Any
) -> Nomination:
    activity = activity or make_activity()
    officer = officer or make_officer()
    nominated_by = (
        overrides.pop("nominated_by", None)
        or User.objects.filter(role=Role.SECRETARIAT).first()
        or make_user(Role.SECRETARIAT)
    )
    fields: dict[str, Any] = {
        "activity": activity,
        "officer": officer,
        "partner": officer.partner,
        "nominated_by": nominated_by,
        "justification": "Leads the community policing unit.",
    }
    fields.update(overrides)
    return Nomination.objects.create(**fields)


def make_decision(
    *,
    officer: Officer | None = None,
    unit: Unit | None = None,
    outcome: str = Outcome.CLEARED,
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
    **overrides: Any,
) -> Decision:
    today = timezone.localdate()
    analyst = (
        overrides.pop("decided_by", None)
        or User.objects.filter(role=Role.ANALYST).first()
        or make_user(Role.ANALYST)
    )
    fields: dict[str, Any] = {
        "officer": officer,
        "unit": unit,
        "outcome": outcome,
        "reason": "Checked.",
        "sources": "Country report 2025",
        "valid_from": valid_from or today,
        "valid_until": valid_until or today + dt.timedelta(days=365),
        "decided_by": analyst,
        "decided_at": timezone.now(),
    }
    fields.update(overrides)
    return Decision.objects.create(**fields)


def clear(officer: Officer, **overrides: Any) -> None:
    """Give the officer and their unit current cleared decisions."""
    make_decision(officer=officer, **overrides)
    make_decision(unit=officer.unit, **overrides)


def ensure_reference_data() -> None:
    """Countries and topic tags, as the data migrations load them.

    A transactional test (browser tests) empties every table when it ends, migration data
    included; the next one calls this to put the reference data back."""
    from tutela.curriculum.models import TOPICS
    from tutela.lib.countries import all_countries

    if not Country.objects.exists():
        Country.objects.bulk_create(
            Country(
                code=r.code,
                alpha3=r.alpha3,
                m49=r.m49,
                name=r.name,
                region_code=r.region_code,
                region=r.region,
                sub_region_code=r.sub_region_code,
                sub_region=r.sub_region,
                intermediate_region=r.intermediate_region,
            )
            for r in all_countries()
        )
    if not Topic.objects.exists():
        Topic.objects.bulk_create(Topic(code=code, name=name) for code, name in TOPICS)


# --- Curriculum review, due diligence and complaints ----------------------------------------


def load_catalogue() -> None:
    """The standards catalogue and topic rules from the repository's data files."""
    from tutela.curriculum.actions import load_standards
    from tutela.curriculum.models import Standard

    if not Standard.objects.exists():
        load_standards()


def assign_reviewer(version: CourseVersion, reviewer: User) -> None:
    """Assign a curriculum reviewer to a version (as the secretariat would)."""
    from tutela.curriculum.models import ReviewAssignment

    ReviewAssignment.objects.get_or_create(
        version=version,
        reviewer=reviewer,
        defaults={"assigned_by": make_user(Role.SECRETARIAT)},
    )
