"""The vetting part of the API (/api/v1/): decisions on officers and units.

Secretariat, analysts and oversight read decisions; only analysts decide, and only analysts ever
receive the restricted evidence (for everyone else the column is not even read)."""

from typing import Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Status
from ninja.pagination import paginate

from tutela.accounts.api import lookup
from tutela.accounts.auth import acting_user, require
from tutela.accounts.models import User
from tutela.accounts.schemas import DETAIL, READ, WRITE, Id, Pagination
from tutela.lib.errors import ActionError
from tutela.nominations.models import Officer
from tutela.partners.models import Unit
from tutela.vetting.actions import decide_vetting
from tutela.vetting.models import Alert, Decision, DecisionQuerySet, Outcome
from tutela.vetting.schemas import DecisionIn, DecisionOut

router = Router(tags=["vetting"])

READERS_ONLY = gettext_lazy("Vetting decisions are for the secretariat, analysts and oversight.")


def _decisions(user: User) -> DecisionQuerySet:
    require(user.sees_everything, READERS_ONLY)
    decisions = Decision.objects.select_related("officer", "unit", "decided_by").prefetch_related(
        "alerts"
    )
    if not user.may_see_restricted_evidence:
        decisions = decisions.defer("evidence")
    return decisions


@router.get(
    "/decisions",
    response={200: list[DecisionOut], **READ},
    summary="Vetting decisions, latest first",
)
@paginate(Pagination)
def decision_list(
    request: HttpRequest,
    outcome: Outcome | None = None,
    subject: Literal["officer", "unit"] | None = None,
    officer: Id | None = None,
    unit: Id | None = None,
) -> QuerySet[Decision]:
    """Filter by outcome, by subject kind (`officer` or `unit`), or by one officer or unit."""
    decisions = _decisions(acting_user(request)).latest_first()
    if subject:
        decisions = decisions.filter(**{f"{subject}__isnull": False})
    if outcome:
        decisions = decisions.filter(outcome=outcome)
    if officer:
        decisions = decisions.filter(officer_id=officer)
    if unit:
        decisions = decisions.filter(unit_id=unit)
    return decisions


@router.get(
    "/decisions/{int:decision_id}",
    response={200: DecisionOut, **DETAIL},
    summary="A vetting decision",
)
def decision_detail(request: HttpRequest, decision_id: int) -> Decision:
    return get_object_or_404(_decisions(acting_user(request)), pk=decision_id)


@router.post(
    "/decisions", response={201: DecisionOut, **WRITE}, summary="Decide on an officer or a unit"
)
def decision_create(request: HttpRequest, payload: DecisionIn) -> Status[Decision]:
    user = acting_user(request)
    require(user.is_analyst, gettext_lazy("Only vetting analysts record vetting decisions."))
    if (payload.officer is None) == (payload.unit is None):
        raise ActionError(_("A decision is about one officer or one unit."), field="officer")
    decision = decide_vetting(
        by=user,
        outcome=payload.outcome,
        reason=payload.reason,
        sources=payload.sources,
        officer=lookup(Officer.objects.all(), payload.officer, field="officer"),
        unit=lookup(Unit.objects.all(), payload.unit, field="unit"),
        valid_from=payload.valid_from,
        valid_until=payload.valid_until,
        evidence=payload.evidence,
        is_publishable=payload.is_publishable,
        alerts=_cited_alerts(payload.alerts),
    )
    return Status(201, get_object_or_404(_decisions(user), pk=decision.pk))


def _cited_alerts(ids: list[int]) -> list[Alert]:
    alerts = list(Alert.objects.filter(pk__in=ids))
    missing = sorted(set(ids) - {alert.pk for alert in alerts})
    if missing:
        raise ActionError(
            _("No alert with id %(ids)s.") % {"ids": ", ".join(map(str, missing))},
            field="alerts",
        )
    return alerts
