"""Shapes of the pledges API."""

import datetime as dt

from ninja import Field, Schema

from tutela.accounts.schemas import MAX_COUNT, Id
from tutela.pledges.actions import pledge_progress
from tutela.pledges.models import Pledge, Scope


class ProgressOut(Schema):
    pledged: int
    delivered: int = Field(description="Completed enrolments counted by the counting rule.")
    officers: int = Field(description="Distinct officers among them.")
    overrides: int = Field(description="Of the delivered, how many were enrolled by override.")
    percent: float


class PledgeOut(Schema):
    id: int
    title: str
    opportunities: int
    starts_on: dt.date
    ends_on: dt.date
    scope: str
    scope_label: str
    region_code: str
    country: str | None = Field(description="ISO code, for a country pledge.")
    announced_on: dt.date | None
    source: str
    parent_id: int | None
    progress: ProgressOut

    @staticmethod
    def resolve_scope_label(obj: Pledge) -> str:
        return str(obj.scope_label)

    @staticmethod
    def resolve_country(obj: Pledge) -> str | None:
        return obj.country.code if obj.country else None

    @staticmethod
    def resolve_progress(obj: Pledge) -> dict[str, float]:
        progress = getattr(obj, "computed_progress", None) or pledge_progress(obj)
        return {
            "pledged": progress.pledged,
            "delivered": progress.delivered,
            "officers": progress.officers,
            "overrides": progress.overrides,
            "percent": round(progress.percent, 1),
        }


class PledgeIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    opportunities: int = Field(..., ge=1, le=MAX_COUNT)
    starts_on: dt.date
    ends_on: dt.date
    scope: Scope = Scope.WORLD
    region_code: str = Field("", description="UN M49 region code, for a regional pledge.")
    country: str | None = Field(
        None, pattern=r"^[A-Za-z]{2}$", description="ISO code, for a country pledge."
    )
    announced_on: dt.date | None = None
    source: str = ""
    parent: Id | None = Field(None, description="Id of the pledge this is a reserved share of.")
