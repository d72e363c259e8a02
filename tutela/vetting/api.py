"""The vetting part of the API (/api/v1/): decisions on officers and units, screening alerts.

Secretariat, analysts and oversight read decisions; only analysts decide, and only analysts ever
receive the restricted evidence (for everyone else the column is not even read)."""

from collections.abc import Callable
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
from tutela.vetting.actions import confirm_alert, decide_vetting, dismiss_alert
from tutela.vetting.models import (
    Alert,
    AlertQuerySet,
    AlertStatus,
    Decision,
    DecisionQuerySet,
    Outcome,
)
from tutela.vetting.schemas import AlertDecisionIn, AlertOut, DecisionIn, DecisionOut

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


# --- Alerts ----------------------------------------------------------------------------------


def _alerts(user: User) -> AlertQuerySet:
    require(user.sees_everything, READERS_ONLY)
    return Alert.objects.select_related(
        "officer", "unit", "entry", "watchlist", "decided_by"
    ).prefetch_related("decisions")


@router.get(
    "/alerts", response={200: list[AlertOut], **READ}, summary="Screening alerts, most likely first"
)
@paginate(Pagination)
def alert_list(
    request: HttpRequest,
    status: AlertStatus = AlertStatus.OPEN,
    officer: Id | None = None,
    unit: Id | None = None,
) -> QuerySet[Alert]:
    """Open alerts by default; filter by status, or by one officer or unit."""
    alerts = _alerts(acting_user(request)).filter(status=status).most_likely_first()
    if officer:
        alerts = alerts.filter(officer_id=officer)
    if unit:
        alerts = alerts.filter(unit_id=unit)
    return alerts


@router.get("/alerts/{int:alert_id}", response={200: AlertOut, **DETAIL}, summary="An alert")
def alert_detail(request: HttpRequest, alert_id: int) -> Alert:
    return get_object_or_404(_alerts(acting_user(request)), pk=alert_id)


def _decide_alert(
    request: HttpRequest,
    alert_id: int,
    payload: AlertDecisionIn,
    decide: Callable[..., Alert],
) -> Alert:
    user = acting_user(request)
    alert = get_object_or_404(_alerts(user), pk=alert_id)
    require(user.is_analyst, gettext_lazy("Only vetting analysts decide on alerts."))
    decide(alert, reason=payload.reason, by=user)
    return get_object_or_404(_alerts(user), pk=alert_id)


@router.post(
    "/alerts/{int:alert_id}/dismiss",
    response={200: AlertOut, **WRITE},
    summary="Dismiss an alert: not the same person or unit",
)
def alert_dismiss(request: HttpRequest, alert_id: int, payload: AlertDecisionIn) -> Alert:
    return _decide_alert(request, alert_id, payload, dismiss_alert)


@router.post(
    "/alerts/{int:alert_id}/confirm",
    response={200: AlertOut, **WRITE},
    summary="Confirm an alert: the same person or unit",
)
def alert_confirm(request: HttpRequest, alert_id: int, payload: AlertDecisionIn) -> Alert:
    return _decide_alert(request, alert_id, payload, confirm_alert)
