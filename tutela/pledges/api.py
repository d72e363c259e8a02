"""The pledges part of the API (/api/v1/): pledges and the progress the records show."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from tutela.accounts.api import lookup
from tutela.accounts.auth import acting_user, require
from tutela.accounts.schemas import READ, WRITE, Pagination
from tutela.lib.errors import ActionError
from tutela.partners.api import country_by_code, stored_region_code
from tutela.pledges.actions import pledges_progress, record_pledge
from tutela.pledges.models import COUNTING_RULE, Pledge
from tutela.pledges.schemas import PledgeIn, PledgeOut

router = Router(tags=["pledges"])


class PledgePagination(Pagination):
    """Pages of pledges carry the counting rule their progress figures follow."""

    class Output(Schema):
        counting_rule: str
        count: int
        items: list[Any]

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        items = list(page["items"])
        progress = pledges_progress(items)  # one query for the whole page
        for pledge in items:
            pledge.computed_progress = progress[pledge.pk]
        return {"counting_rule": str(COUNTING_RULE), **page, "items": items}


@router.get(
    "",
    response={200: list[PledgeOut], **READ},
    summary="Pledges with the progress the records show, and the counting rule",
)
@paginate(PledgePagination)
def pledge_list(request: HttpRequest) -> QuerySet[Pledge]:
    """Each pledge's progress is computed from completed enrolments by the counting rule
    returned with the page: one aggregate query per pledge shown."""
    acting_user(request)
    return Pledge.objects.select_related("country")


@router.post("", response={201: PledgeOut, **WRITE}, summary="Record a pledge")
def pledge_create(request: HttpRequest, payload: PledgeIn) -> Status[Pledge]:
    user = acting_user(request)
    require(user.is_secretariat, gettext_lazy("Only the secretariat records pledges."))
    region_code = ""
    if payload.region_code:
        region_code = stored_region_code(payload.region_code) or ""
        if not region_code:
            raise ActionError(
                _("Unknown region code %(code)s.") % {"code": payload.region_code},
                field="region_code",
            )
    pledge = record_pledge(
        by=user,
        title=payload.title,
        opportunities=payload.opportunities,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        scope=payload.scope,
        region_code=region_code,
        country=country_by_code(payload.country) if payload.country else None,
        announced_on=payload.announced_on,
        source=payload.source,
        parent=lookup(Pledge.objects.all(), payload.parent, field="parent"),
    )
    return Status(201, pledge)
