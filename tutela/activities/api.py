"""The activities part of the API (/api/v1/): sessions and missions of every delivery mode,
their status, seat requests and the explained seat allocation."""

import datetime as dt
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Status
from ninja.pagination import paginate

from tutela.accounts.api import lookup
from tutela.accounts.auth import acting_user, require
from tutela.accounts.models import Role, User
from tutela.accounts.schemas import DETAIL, READ, WRITE, Pagination
from tutela.activities.actions import (
    allocate_seats,
    request_seats,
    schedule_activity,
    set_activity_status,
)
from tutela.activities.models import (
    Activity,
    ActivityQuerySet,
    ActivityStatus,
    Mode,
    SeatRequest,
)
from tutela.activities.schemas import (
    ActivityDetailOut,
    ActivityIn,
    ActivityOut,
    AllocationOut,
    SeatRequestIn,
    SeatRequestOut,
    StatusIn,
)
from tutela.curriculum.models import CourseVersion
from tutela.lib import apportionment
from tutela.lib.errors import ActionError
from tutela.partners.api import country_by_code
from tutela.partners.models import HostInstitution, Partner

router = Router(tags=["activities"])

ONLY_SECRETARIAT = gettext_lazy("Only the secretariat schedules activities and allocates seats.")
# The published rule, as lib/apportionment.py states it (without its notes on the code).
ALLOCATION_RULE = " ".join((apportionment.__doc__ or "").split("The function is pure")[0].split())
STAFF_ROLES = [Role.INSTRUCTOR, Role.CONSULTANT]


def _activities(user: User) -> ActivityQuerySet:
    return Activity.objects.visible_to(user).select_related(
        "course_version__course", "country", "host_institution"
    )


def _seat_requests(user: User) -> QuerySet[SeatRequest]:
    requests = SeatRequest.objects.select_related("partner")
    if user.is_liaison:
        return requests.filter(partner=user.partner) if user.partner else requests.none()
    return requests


def _activity_detail(user: User, pk: int) -> Activity:
    activities = (
        _activities(user)
        .select_related("director")
        .prefetch_related(
            "staff",
            "seat_allocations__partner",
            Prefetch("seat_requests", queryset=_seat_requests(user)),
        )
    )
    activity = get_object_or_404(activities, pk=pk)
    activity.enrolled = activity.nominations.enrolled().count()  # type: ignore[attr-defined]
    return activity


def _allocation(activity: Activity, user: User) -> dict[str, Any]:
    """The allocation; a liaison sees the totals and only their own partner's seats."""
    allocations = list(activity.seat_allocations.select_related("partner"))
    allocated = sum(a.seats for a in allocations)
    if user.is_liaison:
        allocations = [a for a in allocations if a.partner_id == user.partner_id]
    return {
        "rule": ALLOCATION_RULE,
        "capacity": activity.capacity,
        "floor": activity.seat_floor,
        "cap": activity.seat_cap,
        "allocated": allocated,
        "unused": max(0, activity.capacity - allocated),
        "allocations": allocations,
    }


@router.get("", response={200: list[ActivityOut], **READ}, summary="Activities you may see")
@paginate(Pagination)
def activity_list(
    request: HttpRequest,
    mode: Mode | None = None,
    status: ActivityStatus | None = None,
    country: str = "",
    starts_from: dt.date | None = None,
    starts_until: dt.date | None = None,
    q: str = "",
) -> QuerySet[Activity]:
    """Filter by delivery mode, status, the ISO code of the country where it takes place, and a
    range of start dates (inclusive)."""
    activities = _activities(acting_user(request)).search(q.strip())
    if mode:
        activities = activities.filter(mode=mode)
    if status:
        activities = activities.filter(status=status)
    if country:
        activities = activities.filter(country__code=country.upper())
    if starts_from:
        activities = activities.filter(starts_on__gte=starts_from)
    if starts_until:
        activities = activities.filter(starts_on__lte=starts_until)
    return activities


@router.get(
    "/{int:activity_id}",
    response={200: ActivityDetailOut, **DETAIL},
    summary="An activity with its staff, seat requests and allocation",
)
def activity_detail(request: HttpRequest, activity_id: int) -> Activity:
    return _activity_detail(acting_user(request), activity_id)


@router.post("", response={201: ActivityDetailOut, **WRITE}, summary="Schedule an activity")
def activity_create(request: HttpRequest, payload: ActivityIn) -> Status[Activity]:
    user = acting_user(request)
    require(user.is_secretariat, ONLY_SECRETARIAT)
    country = country_by_code(payload.country)
    staff_users = User.objects.filter(role__in=STAFF_ROLES, is_active=True)
    staff = list(staff_users.filter(pk__in=payload.staff))
    if len(staff) != len(set(payload.staff)):
        raise ActionError(_("Staff must be active instructors or consultants."), field="staff")
    activity = schedule_activity(
        by=user,
        code=payload.code,
        title=payload.title,
        mode=payload.mode,
        course_version=lookup(
            CourseVersion.objects.all(), payload.course_version, field="course_version"
        ),
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        country=country,
        capacity=payload.capacity,
        location=payload.location,
        host_institution=lookup(
            HostInstitution.objects.all(), payload.host_institution, field="host_institution"
        ),
        languages=payload.languages,
        director=lookup(staff_users, payload.director, field="director"),
        staff=staff,
        seat_floor=payload.seat_floor,
        seat_cap=payload.seat_cap,
    )
    return Status(201, _activity_detail(user, activity.pk))


@router.post(
    "/{int:activity_id}/status",
    response={200: ActivityDetailOut, **WRITE},
    summary="Move an activity to another status",
)
def activity_status(request: HttpRequest, activity_id: int, payload: StatusIn) -> Activity:
    user = acting_user(request)
    activity = get_object_or_404(Activity.objects.visible_to(user), pk=activity_id)
    require(user.is_secretariat, ONLY_SECRETARIAT)
    set_activity_status(activity, payload.status, by=user)
    return _activity_detail(user, activity_id)


@router.get(
    "/{int:activity_id}/seat-requests",
    response={200: list[SeatRequestOut], **DETAIL},
    summary="Seats partners asked for (a liaison sees their own)",
)
def seat_request_list(request: HttpRequest, activity_id: int) -> QuerySet[SeatRequest]:
    user = acting_user(request)
    activity = get_object_or_404(Activity.objects.visible_to(user), pk=activity_id)
    return _seat_requests(user).filter(activity=activity)


@router.post(
    "/{int:activity_id}/seat-requests",
    response={201: SeatRequestOut, **WRITE},
    summary="Ask for seats (or change the number asked for)",
)
def seat_request_create(
    request: HttpRequest, activity_id: int, payload: SeatRequestIn
) -> Status[SeatRequest]:
    user = acting_user(request)
    activity = get_object_or_404(Activity.objects.visible_to(user), pk=activity_id)
    require(
        user.is_liaison or user.is_secretariat,
        gettext_lazy("Only liaisons and the secretariat request seats."),
    )
    if payload.partner is None:
        if user.partner is None:
            raise ActionError(_("Choose the partner."), field="partner")
        partner = user.partner
    else:
        partner = lookup(
            Partner.objects.visible_to(user).active(), payload.partner, field="partner"
        )
    seat_request = request_seats(activity, partner, payload.seats, by=user)
    return Status(201, SeatRequest.objects.select_related("partner").get(pk=seat_request.pk))


@router.get(
    "/{int:activity_id}/allocation",
    response={200: AllocationOut, **DETAIL},
    summary="The seats allocated to each partner, with the rule and how each was reached",
)
def allocation_detail(request: HttpRequest, activity_id: int) -> dict[str, Any]:
    user = acting_user(request)
    return _allocation(get_object_or_404(Activity.objects.visible_to(user), pk=activity_id), user)


@router.post(
    "/{int:activity_id}/allocation",
    response={200: AllocationOut, **WRITE},
    summary="Allocate the seats among the requests by the published rule",
)
def allocation_create(request: HttpRequest, activity_id: int) -> dict[str, Any]:
    user = acting_user(request)
    activity = get_object_or_404(Activity.objects.visible_to(user), pk=activity_id)
    require(user.is_secretariat, ONLY_SECRETARIAT)
    allocate_seats(activity, by=user)
    return _allocation(activity, user)
