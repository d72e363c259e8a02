"""Shapes of the activities API."""

import datetime as dt
from typing import Any

from ninja import Field, Schema

from tutela.accounts.schemas import MAX_COUNT, Id
from tutela.activities.models import Activity, ActivityStatus, Mode, SeatAllocation, SeatRequest


class ActivityOut(Schema):
    id: int
    code: str
    title: str
    mode: str
    mode_label: str
    status: str
    status_label: str
    course_version_id: int | None
    course: str | None = Field(description="Course code and version, e.g. C001 v2.")
    starts_on: dt.date
    ends_on: dt.date
    location: str
    country: str = Field(description="ISO code of the country where it takes place.")
    host_institution: str | None
    capacity: int
    languages: list[str]

    @staticmethod
    def resolve_mode_label(obj: Activity) -> str:
        return str(obj.get_mode_display())

    @staticmethod
    def resolve_status_label(obj: Activity) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_course(obj: Activity) -> str | None:
        return str(obj.course_version) if obj.course_version else None

    @staticmethod
    def resolve_country(obj: Activity) -> str:
        return obj.country.code

    @staticmethod
    def resolve_host_institution(obj: Activity) -> str | None:
        return obj.host_institution.name if obj.host_institution else None


class SeatRequestOut(Schema):
    id: int
    partner_id: int
    partner: str
    seats: int
    requested_at: dt.datetime

    @staticmethod
    def resolve_partner(obj: SeatRequest) -> str:
        return obj.partner.name


class SeatAllocationOut(Schema):
    partner_id: int
    partner: str
    requested: int
    seats: int
    explanation: dict[str, Any] = Field(
        description="How the seats were reached: floor seats, the quotients at which each "
        "further seat was won, and what limited the share (request or cap)."
    )

    @staticmethod
    def resolve_partner(obj: SeatAllocation) -> str:
        return obj.partner.name


class AllocationOut(Schema):
    rule: str
    capacity: int
    floor: int
    cap: int | None
    allocated: int
    unused: int
    allocations: list[SeatAllocationOut]


class ActivityDetailOut(ActivityOut):
    director: str | None
    staff: list[str]
    seat_floor: int
    seat_cap: int | None
    enrolled: int = Field(description="Nominations enrolled or completed.")
    allocations: list[SeatAllocationOut]
    seat_requests: list[SeatRequestOut] = Field(
        description="All requests; a liaison sees their own partner's only."
    )

    @staticmethod
    def resolve_director(obj: Activity) -> str | None:
        return str(obj.director) if obj.director else None

    @staticmethod
    def resolve_staff(obj: Activity) -> list[str]:
        return [str(u) for u in obj.staff.all()]

    @staticmethod
    def resolve_allocations(obj: Activity) -> list[SeatAllocation]:
        return list(obj.seat_allocations.all())

    @staticmethod
    def resolve_seat_requests(obj: Activity) -> list[SeatRequest]:
        return list(obj.seat_requests.all())


class ActivityIn(Schema):
    code: str = Field(..., min_length=1, max_length=30)
    title: str = Field(..., min_length=1, max_length=200)
    mode: Mode
    course_version: Id | None = Field(
        None,
        description="Id of an approved course version; only exchange placements may have none.",
    )
    starts_on: dt.date
    ends_on: dt.date
    country: str = Field(..., pattern=r"^[A-Za-z]{2}$", description="ISO code.")
    capacity: int = Field(..., ge=1, le=MAX_COUNT)
    location: str = Field("", max_length=200)
    host_institution: Id | None = None
    languages: list[str] = []
    director: Id | None = Field(None, description="User id of an instructor or consultant.")
    staff: list[Id] = Field([], description="User ids of instructors or consultants.")
    seat_floor: int = Field(0, ge=0, le=MAX_COUNT)
    seat_cap: int | None = Field(None, ge=0, le=MAX_COUNT)


class StatusIn(Schema):
    status: ActivityStatus


class SeatRequestIn(Schema):
    seats: int = Field(..., ge=1, le=MAX_COUNT)
    partner: Id | None = Field(
        None, description="Partner id; a liaison's own partner when omitted."
    )
