"""The audit part of the API (/api/v1/): the hash-chained event log and its verification, for the
secretariat and oversight."""

import dataclasses
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Router
from ninja.pagination import paginate

from tutela.accounts.auth import acting_user, require
from tutela.accounts.models import User
from tutela.accounts.schemas import READ, Pagination
from tutela.audit.actions import verify_chain
from tutela.audit.models import Event
from tutela.audit.schemas import ChainReportOut, EventOut

router = Router(tags=["audit"])


def _require_reader(user: User) -> None:
    require(
        user.reads_audit_trail,
        gettext_lazy("The audit trail is for the secretariat and oversight."),
    )


@router.get("/events", response={200: list[EventOut], **READ}, summary="Audit events, latest first")
@paginate(Pagination)
def event_list(
    request: HttpRequest, verb: str = "", object_type: str = "", object_id: str = ""
) -> QuerySet[Event]:
    """`verb` matches a prefix (`enrolment.` finds created and override); `object_type` is an
    app label and model, e.g. `nominations.nomination`."""
    _require_reader(acting_user(request))
    events = Event.objects.order_by("-sequence")
    if verb:
        events = events.filter(verb__startswith=verb)
    if object_type:
        events = events.filter(object_type=object_type.lower())
    if object_id:
        events = events.filter(object_id=object_id)
    return events


@router.get(
    "/verify",
    response={200: ChainReportOut, **READ},
    summary="Recompute every hash and link of the audit chain",
)
def chain_verify(request: HttpRequest) -> dict[str, Any]:
    _require_reader(acting_user(request))
    return dataclasses.asdict(verify_chain())
