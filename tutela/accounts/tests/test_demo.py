"""The demo programme (`tutela demo`): what a person exploring it would notice.

The demo is loaded once for the module at a small scale (about 17 activities, 300 nominations;
partners, units and curriculum at full size) and erased afterwards.
"""

import datetime as dt
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.hashers import check_password
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.utils import timezone

from tutela.accounts.models import User
from tutela.activities.models import Activity, ActivityStatus, Mode
from tutela.audit.models import Event
from tutela.curriculum.models import VersionStatus
from tutela.demo import (
    DEMO_HASH_ITERATIONS,
    DEMO_LOGINS,
    _demo_password_hash,
    load_demo,
    logins_table,
    reset_programme_data,
)
from tutela.lib.names import is_latin
from tutela.nominations.models import Enrolment, Nomination, NominationStatus, Officer
from tutela.partners.models import Partner, Unit
from tutela.vetting.models import Decision, Outcome

pytestmark = pytest.mark.django_db

SCALE = 0.05
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PRODUCTION_HASHERS = [  # Django's default list
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
REQUIRED_SCRIPTS = {"LATIN", "CYRILLIC", "ARABIC", "CJK", "ETHIOPIC", "THAI", "DEVANAGARI"}


def _quiet(line: str) -> None:
    pass


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, int]]:
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        counts = load_demo(scale=SCALE, log=_quiet)
    yield counts
    with django_db_blocker.unblock():
        reset_programme_data()


@pytest.fixture
def fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHERS


def _snapshot() -> dict[str, Any]:
    """What two runs must agree on, independent of primary keys."""
    return {
        "officers": list(
            Officer.objects.order_by("pk").values_list(
                "full_name",
                "name_latin",
                "birth_date",
                "gender",
                "rank",
                "partner__name",
                "unit__name",
            )
        ),
        "activities": list(
            Activity.objects.order_by("pk").values_list(
                "code",
                "title",
                "status",
                "starts_on",
                "capacity",
                "course_version__course__code",
                "course_version__number",
                "director__username",
            )
        ),
        "nominations": list(
            Nomination.objects.order_by("pk").values_list(
                "activity__code", "officer__full_name", "status", "created_at", "closed_reason"
            )
        ),
        "enrolments": list(
            Enrolment.objects.order_by("pk").values_list(
                "invitation_number", "is_override", "enrolled_at"
            )
        ),
        "decisions": list(
            Decision.objects.order_by("pk").values_list(
                "officer__full_name", "unit__name", "outcome", "valid_until", "decided_at"
            )
        ),
        "counts": {model.__name__: model.objects.count() for model in (Partner, Unit, User, Event)},
    }


def _scripts(text: str) -> set[str]:
    return {unicodedata.name(c).split()[0] for c in text if c.isalpha()}


def test_two_runs_on_the_same_day_give_identical_data(
    demo: dict[str, int], fast_hashing: None
) -> None:
    first = _snapshot()
    assert len(first["officers"]) > 100

    reset_programme_data()
    assert not Officer.objects.exists() and not Event.objects.exists()
    load_demo(scale=SCALE, log=_quiet)

    assert _snapshot() == first


def test_every_enrolment_passed_the_vetting_gate_or_is_a_reasoned_override(
    demo: dict[str, int],
) -> None:
    decisions: dict[tuple[str, int | None], list[Decision]] = defaultdict(list)
    for d in Decision.objects.order_by("decided_at", "pk"):
        decisions["officer" if d.officer_id else "unit", d.officer_id or d.unit_id].append(d)
    units = {u.pk: u for u in Unit.objects.all()}

    def as_of(key: tuple[str, int | None], moment: dt.datetime) -> Decision | None:
        taken = [d for d in decisions[key] if d.decided_at <= moment]
        return taken[-1] if taken else None

    overrides = 0
    enrolments = Enrolment.objects.select_related(
        "nomination__officer", "nomination__activity", "enrolled_by"
    )
    for enrolment in enrolments:
        officer, day = enrolment.nomination.officer, enrolment.nomination.activity.starts_on
        officer_decision = as_of(("officer", officer.pk), enrolment.enrolled_at)
        unit_decision = as_of(("unit", officer.unit_id), enrolment.enrolled_at)
        parent, barred_above = units[officer.unit_id].parent_id, False
        while parent is not None:
            above = as_of(("unit", parent), enrolment.enrolled_at)
            barred_above |= above is not None and above.outcome == Outcome.NOT_CLEARED
            parent = units[parent].parent_id
        gate_open = (
            officer_decision is not None
            and officer_decision.clears_on(day)
            and unit_decision is not None
            and unit_decision.clears_on(day)
            and not barred_above
        )
        # The report kept with the enrolment names the decisions that were current.
        assert enrolment.gate_report["officer_decision"] == (
            officer_decision.pk if officer_decision else None
        )
        assert enrolment.gate_report["unit_decision"] == (
            unit_decision.pk if unit_decision else None
        )
        if enrolment.is_override:
            overrides += 1
            assert not gate_open, enrolment.invitation_number
            assert enrolment.override_reason.strip()
            assert enrolment.enrolled_by.is_secretariat_head
            assert enrolment.gate_report["missing"]
        else:
            assert gate_open, enrolment.invitation_number
            assert enrolment.gate_report["missing"] == []
        assert enrolment.enrolled_at.date() < day
    assert enrolments.count() > 100
    assert 1 <= overrides <= 3
    assert Event.objects.filter(verb="enrolment.override").count() == overrides
    # Enrolled, completed and no-show nominations all went through an enrolment.
    assert not Nomination.objects.filter(
        status__in=[
            NominationStatus.ENROLLED,
            NominationStatus.COMPLETED,
            NominationStatus.NO_SHOW,
        ],
        enrolment__isnull=True,
    ).exists()


def test_activities_are_scheduled_only_on_versions_approved_at_the_time(
    demo: dict[str, int],
) -> None:
    activities = Activity.objects.select_related("course_version")
    assert {a.mode for a in activities} == set(Mode.values)
    for activity in activities:
        version = activity.course_version
        if activity.mode == Mode.EXCHANGE_PLACEMENT:
            assert version is None
            continue
        assert version is not None
        assert version.status in {VersionStatus.APPROVED, VersionStatus.RETIRED}
        assert version.approved_at is not None
        assert version.approved_at <= activity.created_at, activity.code
        assert version.retired_at is None or version.retired_at > activity.created_at
    # Versions still in review or in draft exist, and nothing is scheduled on them.
    assert not Activity.objects.filter(
        course_version__status__in=[VersionStatus.DRAFT, VersionStatus.IN_REVIEW]
    ).exists()


def test_statuses_follow_the_dates_and_completions_only_on_activities_that_ran(
    demo: dict[str, int],
) -> None:
    today = timezone.localdate()
    for activity in Activity.objects.exclude(status=ActivityStatus.CANCELLED):
        if activity.ends_on < today:
            assert activity.status == ActivityStatus.COMPLETED
        elif activity.starts_on <= today:
            assert activity.status == ActivityStatus.RUNNING
        else:
            assert activity.status in {ActivityStatus.OPEN, ActivityStatus.PLANNED}
    completed = Nomination.objects.completed().select_related("activity", "completed_by")
    assert completed.count() > 50
    for nomination in completed:
        assert nomination.activity.status in {ActivityStatus.RUNNING, ActivityStatus.COMPLETED}
        assert nomination.completed_at is not None
        assert nomination.completed_at.date() >= nomination.activity.ends_on
        by = nomination.completed_by
        assert by is not None
        assert by.is_secretariat or by.pk == nomination.activity.director_id
    assert not Nomination.objects.filter(
        activity__status__in=[ActivityStatus.PLANNED, ActivityStatus.CANCELLED]
    ).exists()
    assert (
        Nomination.objects.filter(status=NominationStatus.NO_SHOW).exclude(closed_reason="").count()
        == Nomination.objects.filter(status=NominationStatus.NO_SHOW).count()
    )


def test_officer_names_are_written_in_every_required_script(demo: dict[str, int]) -> None:
    officers = list(Officer.objects.values_list("full_name", "name_latin"))
    found: set[str] = set()
    for full_name, name_latin in officers:
        found |= _scripts(full_name)
        assert is_latin(name_latin), name_latin
        assert name_latin.strip()
    assert found >= REQUIRED_SCRIPTS, REQUIRED_SCRIPTS - found
    # Latin names carry their diacritics (Lucía, Łukasz, Nguyễn …).
    assert any(
        not full_name.isascii() and _scripts(full_name) == {"LATIN"}
        for full_name, _latin in officers
    )


def test_vetting_shows_a_realistic_mix_with_published_barred_units(demo: dict[str, int]) -> None:
    officer_outcomes = set(
        Decision.objects.filter(officer__isnull=False).values_list("outcome", flat=True)
    )
    assert officer_outcomes == set(Outcome.values)
    cleared = Decision.objects.filter(outcome=Outcome.CLEARED).count()
    assert cleared > 0.8 * Decision.objects.count()
    assert Decision.objects.filter(
        outcome=Outcome.CLEARED, valid_until__lt=timezone.localdate()
    ).exists()  # expired
    barred = Decision.objects.barred_units()
    assert barred.filter(is_publishable=True).count() >= 3
    assert all(
        "Fictional demo decision" in d.reason
        for d in Decision.objects.filter(outcome=Outcome.NOT_CLEARED)
    )


def test_audit_chain_verifies_after_the_demo(demo: dict[str, int]) -> None:
    out = StringIO()
    call_command("audit_verify", stdout=out)

    assert "intact" in out.getvalue()
    assert Event.objects.count() == demo["events"]
    verbs = set(Event.objects.values_list("verb", flat=True))
    assert {
        "partner.added",
        "course_version.approved",
        "activity.scheduled",
        "seats.allocated",
        "officer.registered",
        "nomination.created",
        "vetting.decided",
        "enrolment.created",
        "nomination.completed",
        "demo.loaded",
    } <= verbs
    assert Event.objects.filter(verb="nomination.created").count() == Nomination.objects.count()


def test_demo_personas_sign_in_with_their_printed_passwords(
    demo: dict[str, int], fast_hashing: None
) -> None:
    table = logins_table()
    for login in DEMO_LOGINS:
        assert f"{login.username}  " in table and login.password in table
        assert Client().login(username=login.username, password=login.password), login.username
        user = User.objects.get(username=login.username)
        assert user.role == login.role
        assert user.is_head == login.is_head
        if login.partner_code:
            assert user.partner is not None and user.partner.country is not None
            assert user.partner.country.code == login.partner_code
            assert Nomination.objects.visible_to(user).exists()
    director = User.objects.get(username="director")  # has completions to mark
    assert Nomination.objects.filter(
        activity__director=director,
        status=NominationStatus.ENROLLED,
        activity__status__in=[ActivityStatus.RUNNING, ActivityStatus.COMPLETED],
    ).exists()


def test_command_refuses_a_database_that_holds_a_programme(
    demo: dict[str, int], settings: Any
) -> None:
    partners = Partner.objects.count()
    out = StringIO()

    call_command("demo", "--if-empty", stdout=out)
    assert "already holds a programme" in out.getvalue()

    with pytest.raises(CommandError, match="--reset"):
        call_command("demo", "--scale", "0.05", stdout=StringIO())
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo", "--reset", "--scale", "0.05", stdout=StringIO())
    assert Partner.objects.count() == partners


def test_command_prints_the_logins_without_loading(demo: dict[str, int]) -> None:
    reset_programme_data()  # inside the test's transaction: the module's demo comes back
    out = StringIO()

    call_command("demo", "--logins", stdout=out)

    assert "liaison-ke-demo-2026" in out.getvalue()
    assert "head-demo-2026" in out.getvalue()
    assert not Partner.objects.exists()


def test_command_loads_an_empty_database_with_progress(
    demo: dict[str, int], fast_hashing: None, settings: Any
) -> None:
    reset_programme_data()
    settings.DEBUG = True
    out = StringIO()

    call_command("demo", "--if-empty", "--scale", "0.02", stdout=out)

    assert "Demo loaded" in out.getvalue()
    assert "nominations" in out.getvalue() and " s in all)" in out.getvalue()
    assert Partner.objects.count() > 100
    assert Activity.objects.exists()


def test_printed_demo_passwords_are_upgraded_to_full_strength_at_first_sign_in(
    db: None, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    login = DEMO_LOGINS[0]
    user = User.objects.create(
        username="upgrade-check", role=login.role, password=_demo_password_hash(login.password)
    )
    assert user.password.startswith(f"pbkdf2_sha256${DEMO_HASH_ITERATIONS}$")

    assert Client().login(username="upgrade-check", password=login.password)

    user.refresh_from_db()
    assert not user.password.startswith(f"pbkdf2_sha256${DEMO_HASH_ITERATIONS}$")
    assert check_password(login.password, user.password)


def test_the_demo_screens_nominees_awaiting_vetting_against_real_lists(
    demo: dict[str, int],
) -> None:
    from tutela.vetting.demo import DEMO_LISTS, RESEMBLING
    from tutela.vetting.models import Alert, ListVersion

    versions = ListVersion.objects.select_related("watchlist")
    assert sorted(v.watchlist.format for v in versions) == sorted(f for f, _n, _d in DEMO_LISTS)
    assert all(v.entity_count > 0 for v in versions)
    alerts = Alert.objects.select_related("officer")
    assert alerts.count() == demo["alerts"]
    # Every alert is on someone awaiting vetting, and the resembling nominees are found.
    assert all(
        a.officer is None or a.officer.nominations.filter(status="nominated").exists()
        for a in alerts
    )
    resembling = {p.name_latin for p in RESEMBLING}
    nominated = set(
        Officer.objects.filter(name_latin__in=resembling).values_list("name_latin", flat=True)
    )
    alerted = {a.officer.name_latin for a in alerts if a.officer is not None}
    assert nominated <= alerted  # at this small scale, some may have found no open activity
