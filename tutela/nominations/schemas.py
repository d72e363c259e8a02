"""Shapes of the nominations API: officers, nominations, enrolment and closure."""

import datetime as dt
from typing import Any

from ninja import Field, Schema

from tutela.accounts.schemas import Id
from tutela.nominations.models import Enrolment, Gender, Nomination, Officer
from tutela.vetting.gate import check_gate


class OfficerOut(Schema):
    id: int
    full_name: str = Field(description="In the officer's own script.")
    name_latin: str
    birth_date: dt.date
    gender: str
    nationality: str = Field(description="ISO code.")
    rank: str
    partner_id: int
    partner: str
    agency_id: int
    agency: str
    unit_id: int
    unit: str
    email: str

    @staticmethod
    def resolve_nationality(obj: Officer) -> str:
        return obj.nationality.code

    @staticmethod
    def resolve_partner(obj: Officer) -> str:
        return obj.partner.name

    @staticmethod
    def resolve_agency(obj: Officer) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_unit(obj: Officer) -> str:
        return obj.unit.name


class OfficerBriefOut(Schema):
    id: int
    full_name: str
    name_latin: str
    rank: str
    unit_id: int


class EnrolmentOut(Schema):
    invitation_number: str
    enrolled_at: dt.datetime
    enrolled_by: str
    is_override: bool = Field(description="True when the secretariat head overrode the gate.")
    override_reason: str

    @staticmethod
    def resolve_enrolled_by(obj: Enrolment) -> str:
        return str(obj.enrolled_by)


def _enrolment(obj: Nomination) -> Enrolment | None:
    try:
        return obj.enrolment
    except Enrolment.DoesNotExist:
        return None


class NominationOut(Schema):
    id: int
    status: str
    status_label: str
    activity_id: int
    activity_code: str
    activity_title: str
    activity_starts_on: dt.date
    officer: OfficerBriefOut
    partner_id: int
    partner: str
    created_at: dt.datetime
    completed_at: dt.datetime | None
    closed_reason: str
    enrolment: EnrolmentOut | None

    @staticmethod
    def resolve_status_label(obj: Nomination) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_activity_code(obj: Nomination) -> str:
        return obj.activity.code

    @staticmethod
    def resolve_activity_title(obj: Nomination) -> str:
        return obj.activity.title

    @staticmethod
    def resolve_activity_starts_on(obj: Nomination) -> dt.date:
        return obj.activity.starts_on

    @staticmethod
    def resolve_partner(obj: Nomination) -> str:
        return obj.partner.name

    @staticmethod
    def resolve_enrolment(obj: Nomination) -> Enrolment | None:
        return _enrolment(obj)


class GateOut(Schema):
    day: dt.date
    is_open: bool
    missing: list[str] = Field(description="Each safeguard not yet satisfied.")


class NominationDetailOut(NominationOut):
    officer: OfficerOut  # type: ignore[assignment]
    justification: str
    nominated_by: str
    gate: GateOut | None = Field(
        description="The vetting gate on the activity's start date, for secretariat, analysts "
        "and oversight; null for others."
    )

    @staticmethod
    def resolve_nominated_by(obj: Nomination) -> str:
        return str(obj.nominated_by)

    @staticmethod
    def resolve_gate(obj: Nomination, context: dict[str, Any]) -> dict[str, Any] | None:
        user = getattr(context["request"], "auth", None)
        if not getattr(user, "sees_everything", False):
            return None
        report = check_gate(obj.officer, obj.activity.starts_on)
        return {"day": report.day, "is_open": report.is_open, "missing": report.missing}


class OfficerDetailOut(OfficerOut):
    nominations: list[NominationOut]

    @staticmethod
    def resolve_nominations(obj: Officer) -> list[Nomination]:
        return list(obj.nominations.all())


class OfficerIn(Schema):
    full_name: str = Field(
        ..., min_length=1, max_length=200, description="In the officer's own script."
    )
    name_latin: str = Field(..., min_length=1, max_length=200)
    birth_date: dt.date
    gender: Gender
    nationality: str = Field(..., pattern=r"^[A-Za-z]{2}$", description="ISO code.")
    rank: str = Field(..., min_length=1, max_length=100)
    agency: Id = Field(..., description="Agency id, of the nominating partner.")
    unit: Id = Field(..., description="Unit id, in that agency.")
    email: str = Field("", max_length=254)


class NominationIn(Schema):
    activity: Id = Field(..., description="Id of an activity open for nominations.")
    partner: Id | None = Field(
        None,
        description="Nominating partner id: a liaison's own partner, or the agency's "
        "partner, when omitted.",
    )
    justification: str = Field(..., min_length=1)
    officer: OfficerIn


class EnrolIn(Schema):
    override_reason: str = Field(
        "",
        description="Only the secretariat head may enrol past a closed vetting gate, and "
        "only with a written reason.",
    )


class CloseIn(Schema):
    reason: str = Field(..., min_length=1)
