import datetime as dt
from decimal import Decimal

import pytest
from django.core import signing
from django.utils import timezone

from tutela.accounts.models import Role, User
from tutela.activities.models import ActivityStatus
from tutela.audit.models import Event
from tutela.learning.actions import (
    CHECK_IN_MAX_FAILURES,
    CHECK_IN_SALT,
    PaperRosterInvalid,
    check_in,
    check_in_token,
    import_attendance,
    record_attendance,
    record_scores,
)
from tutela.learning.models import Attendance, AttendanceSource, CheckInFailure, Score
from tutela.lib.errors import ActionError, Conflict, GateClosed, NotAllowed
from tutela.lib.tabular import TableRow
from tutela.nominations.models import Nomination
from tutela.testing import make_user

from .conftest import Course

TODAY = timezone.localdate


def test_director_records_a_day(course: Course, director: User) -> None:
    a, b, c = course.trainees
    assert record_attendance(course.activity, TODAY(), [a.pk, c.pk], by=director) == 2
    marks = dict(Attendance.objects.values_list("nomination_id", "present"))
    assert marks == {a.pk: True, b.pk: False, c.pk: True}
    assert Event.objects.filter(verb="attendance.recorded").count() == 1
    record_attendance(course.activity, TODAY(), [b.pk], by=director)  # corrected
    marks = dict(Attendance.objects.values_list("nomination_id", "present"))
    assert marks == {a.pk: False, b.pk: True, c.pk: False}


def test_only_staff_of_the_activity_or_secretariat_record(
    course: Course, secretariat: User, liaison_a: User, oversight: User
) -> None:
    other_instructor = make_user(Role.INSTRUCTOR)
    for user in (other_instructor, liaison_a, oversight):
        with pytest.raises(NotAllowed):
            record_attendance(course.activity, TODAY(), [], by=user)
    staff = make_user(Role.INSTRUCTOR)
    course.activity.staff.add(staff)
    record_attendance(course.activity, TODAY(), [], by=staff)
    record_attendance(course.activity, TODAY(), [], by=secretariat)


def test_not_before_the_activity_runs_nor_outside_its_days(course: Course, director: User) -> None:
    with pytest.raises(ActionError):
        record_attendance(course.activity, TODAY() + dt.timedelta(days=1), [], by=director)
    with pytest.raises(ActionError):
        record_attendance(
            course.activity, course.activity.starts_on - dt.timedelta(days=1), [], by=director
        )
    course.activity.status = ActivityStatus.OPEN
    course.activity.save()
    with pytest.raises(GateClosed):
        record_attendance(course.activity, TODAY(), [], by=director)


def test_someone_not_enrolled_cannot_be_marked(course: Course, director: User) -> None:
    with pytest.raises(ActionError):
        record_attendance(course.activity, TODAY(), [999999], by=director)


def test_self_check_in(course: Course) -> None:
    token = check_in_token(course.activity, TODAY())
    a = course.trainees[0]
    nomination = check_in(
        token, invitation_number="inv-2026-000001", birth_date=a.officer.birth_date, client="1"
    )
    assert nomination == a
    row = Attendance.objects.get()
    assert (row.present, row.source, row.day) == (True, AttendanceSource.CHECK_IN, TODAY())
    assert Event.objects.filter(verb="attendance.checked_in").count() == 1


def test_check_in_needs_the_matching_birth_date(course: Course) -> None:
    token = check_in_token(course.activity, TODAY())
    with pytest.raises(ActionError, match="No enrolment"):
        check_in(token, invitation_number="INV-2026-000001", birth_date=dt.date(1999, 1, 1))
    other = course.trainees[1]  # someone else's birth date does not work either
    with pytest.raises(ActionError):
        check_in(token, invitation_number="INV-2026-000001", birth_date=other.officer.birth_date)
    assert not Attendance.objects.exists()


def test_check_in_is_throttled_per_client(course: Course) -> None:
    token = check_in_token(course.activity, TODAY())
    a = course.trainees[0]
    for i in range(CHECK_IN_MAX_FAILURES):
        with pytest.raises(ActionError):
            check_in(
                token,
                invitation_number=f"INV-2026-00009{i}",
                birth_date=dt.date(1990, 1, 1),
                client="10.0.0.1",
            )
    assert CheckInFailure.objects.count() == CHECK_IN_MAX_FAILURES  # kept despite the refusal
    assert "10.0.0.1" not in str(list(CheckInFailure.objects.values_list("client", flat=True)))
    with pytest.raises(Conflict, match="Too many"):
        check_in(
            token,
            invitation_number="INV-2026-000001",
            birth_date=a.officer.birth_date,
            client="10.0.0.1",
        )
    # another client is not affected
    check_in(
        token,
        invitation_number="INV-2026-000001",
        birth_date=a.officer.birth_date,
        client="10.0.0.2",
    )


def test_check_in_is_throttled_per_invitation_number(course: Course) -> None:
    token = check_in_token(course.activity, TODAY())
    b = course.trainees[1]
    for i in range(CHECK_IN_MAX_FAILURES):  # a guesser spread over many addresses
        with pytest.raises(ActionError):
            check_in(
                token,
                invitation_number="INV-2026-000002",
                birth_date=dt.date(1970, 1, 1) + dt.timedelta(days=i),
                client=f"10.1.0.{i}",
            )
    with pytest.raises(Conflict, match="Too many"):
        check_in(
            token,
            invitation_number="inv-2026-000002",
            birth_date=b.officer.birth_date,
            client="10.2.0.1",
        )
    assert not Attendance.objects.exists()


def test_check_in_token_is_for_one_day_and_cannot_be_forged(course: Course) -> None:
    a = course.trainees[0]
    yesterday = check_in_token(course.activity, TODAY() - dt.timedelta(days=1))
    with pytest.raises(Conflict):
        check_in(yesterday, invitation_number="INV-2026-000001", birth_date=a.officer.birth_date)
    forged = signing.dumps({"a": course.activity.pk, "d": TODAY().isoformat()}, salt="other")
    with pytest.raises(Conflict):
        check_in(forged, invitation_number="INV-2026-000001", birth_date=a.officer.birth_date)
    old = signing.dumps({"a": course.activity.pk, "d": TODAY().isoformat()}, salt=CHECK_IN_SALT)
    with pytest.raises(Conflict, match="expired"):
        signing_loads_later(old, a)


def signing_loads_later(token: str, a: Nomination) -> None:
    from unittest import mock

    later = signing.TimestampSigner(salt=CHECK_IN_SALT).timestamp()
    with mock.patch("django.core.signing.time.time", return_value=_epoch(later) + 7 * 3600):
        check_in(token, invitation_number="INV-2026-000001", birth_date=a.officer.birth_date)


def _epoch(b62: str) -> float:
    return float(signing.b62_decode(b62))


def test_scores(course: Course, director: User, liaison_a: User) -> None:
    a, b, _c = course.trainees
    record_scores(
        course.activity, {a.pk: {"pre": Decimal("40"), "post": Decimal("75.5")}}, by=director
    )
    assert Score.objects.get(nomination=a, kind="post").score == Decimal("75.5")
    record_scores(course.activity, {a.pk: {"post": None}}, by=director)
    assert not Score.objects.filter(nomination=a, kind="post").exists()
    with pytest.raises(ActionError):
        record_scores(course.activity, {b.pk: {"pre": Decimal("101")}}, by=director)
    with pytest.raises(NotAllowed):
        record_scores(course.activity, {b.pk: {"pre": Decimal("50")}}, by=liaison_a)


def _row(n: int, **cells: object) -> TableRow:
    return TableRow(number=n, cells={"pre_score": "", "post_score": "", **cells})


def test_paper_roster_records_all(course: Course, director: User) -> None:
    start = course.activity.starts_on
    rows = [
        _row(
            2,
            invitation_number="INV-2026-000001",
            day=start.isoformat(),
            present="x",
            pre_score="45",
        ),
        _row(3, invitation_number="INV-2026-000002", day=start, present="", post_score="80"),
        _row(4, invitation_number="inv-2026-000001", day=start + dt.timedelta(days=1), present=1),
    ]
    result = import_attendance(course.activity, rows, by=director)
    assert (result.attendance, result.scores) == (3, 2)
    assert Attendance.objects.filter(present=True, source=AttendanceSource.PAPER).count() == 2
    assert Event.objects.filter(verb="attendance.imported").count() == 1


def test_paper_roster_is_all_or_nothing_with_every_error(course: Course, director: User) -> None:
    start = course.activity.starts_on
    rows = [
        _row(2, invitation_number="INV-2026-000001", day=start.isoformat(), present="yes"),
        _row(3, invitation_number="INV-2099-000009", day="14/03/2026", present="maybe"),
        _row(
            4,
            invitation_number="INV-2026-000002",
            day=(start - dt.timedelta(days=3)).isoformat(),
            present="x",
            pre_score="140",
        ),
        _row(5, invitation_number="INV-2026-000001", day=start.isoformat(), present="no"),
    ]
    with pytest.raises(PaperRosterInvalid) as raised:
        import_attendance(course.activity, rows, by=director)
    found = {(e.row, e.column) for e in raised.value.errors}
    assert found == {
        (3, "invitation_number"),
        (3, "day"),
        (3, "present"),
        (4, "day"),
        (4, "pre_score"),
        (5, "day"),
    }
    assert not Attendance.objects.exists()


def test_check_in_only_while_the_activity_runs(course: Course) -> None:
    token = check_in_token(course.activity, TODAY())
    course.activity.status = ActivityStatus.COMPLETED
    course.activity.save()
    a = course.trainees[0]
    with pytest.raises(GateClosed):
        check_in(token, invitation_number="INV-2026-000001", birth_date=a.officer.birth_date)


def test_paper_roster_needs_the_director(course: Course, liaison_a: User) -> None:
    rows = [
        _row(2, invitation_number="INV-2026-000001", day=course.activity.starts_on, present="x")
    ]
    with pytest.raises(NotAllowed):
        import_attendance(course.activity, rows, by=liaison_a)
    assert not Attendance.objects.exists()
