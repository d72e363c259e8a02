"""Shapes of the partners API."""

import datetime as dt

from ninja import Field, Schema

from tutela.accounts.schemas import Id
from tutela.partners.models import (
    Agency,
    AgencyKind,
    Assessment,
    Partner,
    PartnerKind,
    RiskLevel,
    Unit,
)


class CountryOut(Schema):
    code: str
    alpha3: str
    name: str
    region_code: str
    region: str
    sub_region: str


class UnitOut(Schema):
    id: int
    name: str
    parent_id: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None


class AgencyOut(Schema):
    id: int
    name: str
    kind: str


class AgencyDetailOut(AgencyOut):
    units: list[UnitOut]

    @staticmethod
    def resolve_units(obj: Agency) -> list[Unit]:
        return list(obj.units.all())


class PartnerOut(Schema):
    id: int
    kind: str
    name: str
    acronym: str
    country: str | None = Field(None, description="ISO code, for a country partner.")
    region: str
    joined_on: dt.date | None
    is_active: bool

    @staticmethod
    def resolve_country(obj: Partner) -> str | None:
        return obj.country.code if obj.country else None

    @staticmethod
    def resolve_region(obj: Partner) -> str:
        return str(obj.region)


class PartnerDetailOut(PartnerOut):
    notes: str
    agencies: list[AgencyDetailOut]

    @staticmethod
    def resolve_agencies(obj: Partner) -> list[Agency]:
        return list(obj.agencies.all())


class PartnerIn(Schema):
    kind: PartnerKind
    country: str | None = Field(
        None, pattern=r"^[A-Za-z]{2}$", description="ISO code; required for a country partner."
    )
    name: str = Field(
        "", max_length=200, description="Defaults to the country's name for a country partner."
    )
    acronym: str = Field("", max_length=30)
    joined_on: dt.date | None = None
    notes: str = ""


class AgencyIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    kind: AgencyKind = AgencyKind.POLICE


class UnitIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    parent: Id | None = Field(None, description="Id of the parent unit, in the same agency.")
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class AssessmentIn(Schema):
    situation: str = Field(..., min_length=1, max_length=8000)
    risks: str = Field(..., min_length=1, max_length=8000)
    mitigations: str = Field(..., min_length=1, max_length=8000)
    monitoring: str = Field(..., min_length=1, max_length=8000)
    risk_level: RiskLevel
    assessed_on: dt.date | None = None
    next_review_on: dt.date | None = None


class AssessmentOut(Schema):
    id: int
    agreement_id: int
    agreement: str
    situation: str
    risks: str
    mitigations: str
    monitoring: str
    risk_level: str
    status: str
    assessed_on: dt.date
    next_review_on: dt.date
    assessed_by: str
    head_decided_by: str | None
    head_reason: str

    @staticmethod
    def resolve_agreement(obj: Assessment) -> str:
        return obj.agreement.title

    @staticmethod
    def resolve_assessed_by(obj: Assessment) -> str:
        return str(obj.assessed_by)

    @staticmethod
    def resolve_head_decided_by(obj: Assessment) -> str | None:
        return str(obj.head_decided_by) if obj.head_decided_by else None


class HeadDecisionIn(Schema):
    approve: bool
    reason: str = Field(..., min_length=1, max_length=4000)


class AgreementStatusOut(Schema):
    id: int
    title: str
    status: str
    activated_at: dt.datetime | None
