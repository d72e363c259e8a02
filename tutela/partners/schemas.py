"""Shapes of the partners API."""

import datetime as dt

from ninja import Field, Schema

from tutela.accounts.schemas import Id
from tutela.partners.models import Agency, AgencyKind, Partner, PartnerKind, Unit


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
