"""Scheduling activities, moving their status, and allocating seats to partners."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tutela.accounts.models import User
from tutela.activities.models import (
    STATUS_FLOW,
    Activity,
    ActivityStatus,
    Mode,
    SeatAllocation,
    SeatRequest,
)
from tutela.audit.actions import record_event
from tutela.curriculum.models import CourseVersion
from tutela.lib.apportionment import apportion
from tutela.lib.errors import ActionError, Conflict, GateClosed, NotAllowed
from tutela.partners.models import Country, HostInstitution, Partner


def _require_secretariat(by: User) -> None:
    if not by.is_secretariat:
        raise NotAllowed(_("Only the secretariat schedules activities and allocates seats."))


def check_course_version(mode: str, version: CourseVersion | None) -> None:
    """The curriculum gate: only an approved version whose review is complete (approved by as
    many different reviewers as its topics need) can be scheduled."""
    if version is None:
        if mode != Mode.EXCHANGE_PLACEMENT:
            raise GateClosed(
                _("Choose an approved course version; only exchange placements may have none."),
                field="course_version",
            )
        return
    if not version.is_approved:
        raise GateClosed(
            _("%(version)s is %(status)s: only an approved course version can be scheduled.")
            % {"version": version, "status": version.get_status_display()},
            field="course_version",
        )
    if not version.review_is_complete():
        raise GateClosed(
            _(
                "%(version)s has not completed its review: it needs %(needed)s approval(s) "
                "from different curriculum reviewers and has %(have)s."
            )
            % {
                "version": version,
                "needed": version.approvals_needed(),
                "have": len(version.current_approvers()),
            },
            field="course_version",
        )


@transaction.atomic
def schedule_activity(
    *,
    by: User,
    code: str,
    title: str,
    mode: str,
    course_version: CourseVersion | None,
    starts_on: dt.date,
    ends_on: dt.date,
    country: Country,
    capacity: int,
    location: str = "",
    host_institution: HostInstitution | None = None,
    languages: list[str] | None = None,
    director: User | None = None,
    staff: list[User] | None = None,
    seat_floor: int = 0,
    seat_cap: int | None = None,
) -> Activity:
    _require_secretariat(by)
    if mode not in Mode.values:
        raise ActionError(_("Unknown delivery mode."), field="mode")
    check_course_version(mode, course_version)
    if ends_on < starts_on:
        raise ActionError(_("The end date is before the start date."), field="ends_on")
    if capacity < 1:
        raise ActionError(_("Capacity must be at least one seat."), field="capacity")
    if Activity.objects.filter(code=code.strip()).exists():
        raise Conflict(_("An activity with code %(code)s exists.") % {"code": code}, field="code")
    activity = Activity.objects.create(
        code=code.strip(),
        title=title.strip(),
        mode=mode,
        course_version=course_version,
        starts_on=starts_on,
        ends_on=ends_on,
        country=country,
        capacity=capacity,
        location=location.strip(),
        host_institution=host_institution,
        languages=languages or [],
        director=director,
        seat_floor=seat_floor,
        seat_cap=seat_cap,
    )
    activity.staff.set(staff or [])
    record_event(
        by,
        "activity.scheduled",
        activity,
        {
            "mode": mode,
            "course_version": course_version.pk if course_version else None,
            "starts_on": starts_on.isoformat(),
            "capacity": capacity,
        },
    )
    return activity


@transaction.atomic
def set_activity_status(activity: Activity, status: str, *, by: User) -> Activity:
    _require_secretariat(by)
    if status not in STATUS_FLOW.get(activity.status, set()):
        raise Conflict(
            _("An activity that is %(old)s cannot become %(new)s.")
            % {"old": activity.get_status_display(), "new": ActivityStatus(status).label}
        )
    if status == ActivityStatus.OPEN:
        check_course_version(activity.mode, activity.course_version)
    old = activity.status
    activity.status = status
    activity.save(update_fields=["status"])
    record_event(by, "activity.status_changed", activity, {"from": old, "to": status})
    return activity


@transaction.atomic
def request_seats(activity: Activity, partner: Partner, seats: int, *, by: User) -> SeatRequest:
    """Record (or change) how many seats a partner asks for. Liaisons ask for their own."""
    if by.is_liaison and by.partner_id != partner.pk:
        raise NotAllowed(_("Liaisons request seats only for their own partner."))
    if not (by.is_liaison or by.is_secretariat):
        raise NotAllowed(_("Only liaisons and the secretariat request seats."))
    if activity.status not in {ActivityStatus.PLANNED, ActivityStatus.OPEN}:
        raise Conflict(_("Seats can be requested only before the activity runs."))
    if seats < 1:
        raise ActionError(_("Request at least one seat."), field="seats")
    request, _created = SeatRequest.objects.update_or_create(
        activity=activity, partner=partner, defaults={"seats": seats}
    )
    record_event(by, "seats.requested", request, {"activity": activity.pk, "seats": seats})
    return request


@transaction.atomic
def allocate_seats(activity: Activity, *, by: User) -> list[SeatAllocation]:
    """Apportion the activity's capacity among the requests by the published rule; replaces any
    earlier allocation."""
    _require_secretariat(by)
    requests = list(activity.seat_requests.select_related("partner"))
    if not requests:
        raise Conflict(_("No partner has requested seats on this activity yet."))
    # Keys are partner names: the published rule breaks ties by name.
    by_key = {r.partner.name: r for r in requests}
    result = apportion(
        activity.capacity,
        {k: r.seats for k, r in by_key.items()},
        floor=activity.seat_floor,
        cap=activity.seat_cap,
    )
    activity.seat_allocations.all().delete()
    allocations = SeatAllocation.objects.bulk_create(
        [
            SeatAllocation(
                activity=activity,
                partner=by_key[s.key].partner,
                requested=s.requested,
                seats=s.seats,
                explanation=s.as_dict(),
            )
            for s in result.shares
        ]
    )
    summary: dict[str, Any] = {
        "capacity": activity.capacity,
        "floor": activity.seat_floor,
        "cap": activity.seat_cap,
        "seats": {by_key[s.key].partner.name: s.seats for s in result.shares},
        "unused": result.unused,
    }
    record_event(by, "seats.allocated", activity, summary)
    return allocations


def _check_staff_role(person: User, field: str) -> None:
    if not (person.is_instructor or person.is_consultant):
        raise ActionError(
            _("%(name)s is not an instructor or consultant.") % {"name": person}, field=field
        )


@transaction.atomic
def assign_activity_staff(
    activity: Activity, *, director: User | None, staff: list[User], by: User
) -> Activity:
    """Name the activity's course director and its instructors or consultants."""
    _require_secretariat(by)
    if activity.status in {ActivityStatus.COMPLETED, ActivityStatus.CANCELLED}:
        raise Conflict(
            _("%(activity)s is %(status)s; its staff can no longer change.")
            % {"activity": activity.code, "status": activity.get_status_display()}
        )
    if director is not None:
        _check_staff_role(director, "director")
    for person in staff:
        _check_staff_role(person, "staff")
    activity.director = director
    activity.save(update_fields=["director"])
    activity.staff.set(staff)
    record_event(
        by,
        "activity.staff_assigned",
        activity,
        {
            "director": director.pk if director else None,
            "staff": sorted(person.pk for person in staff),
        },
    )
    return activity


@transaction.atomic
def set_seat_rules(activity: Activity, *, floor: int, cap: int | None, by: User) -> Activity:
    """Set the seat floor and cap the next allocation applies."""
    _require_secretariat(by)
    if activity.status not in {ActivityStatus.PLANNED, ActivityStatus.OPEN}:
        raise Conflict(_("Seat rules can change only before the activity runs."))
    if floor < 0:
        raise ActionError(_("The floor must not be negative."), field="seat_floor")
    if cap is not None and cap < 1:
        raise ActionError(
            _("The cap must be at least one seat, or empty for no cap."), field="seat_cap"
        )
    if cap is not None and cap < floor:
        raise ActionError(_("The cap must not be below the floor."), field="seat_cap")
    old = {"floor": activity.seat_floor, "cap": activity.seat_cap}
    activity.seat_floor = floor
    activity.seat_cap = cap
    activity.save(update_fields=["seat_floor", "seat_cap"])
    record_event(by, "seats.rules_set", activity, {"from": old, "floor": floor, "cap": cap})
    return activity
