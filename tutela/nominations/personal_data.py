"""Personal data of one officer: the data-subject export and the erasure.

`export_personal_data(officer, by=)` gathers everything Tutela holds about one person as JSON;
`erase_officer(officer, by=, reason=)` pseudonymises them. Both are actions with audit events.

Every app may contribute through a module `tutela/<app>/personal_data.py` with

    def export(officer: Officer) -> dict        # JSON-serialisable: what this app holds
    def erase(officer: Officer, *, by: User) -> int   # pseudonymise in place; rows touched

Both actions discover those modules across INSTALLED_APPS, so a new app joins by adding the
module. `erase` runs inside the caller's transaction: if any app fails, nothing is erased.

What erasure keeps: the rows themselves (nominations, enrolments, decisions, attendance, scores,
answers on a scale) with the officer's gender, nationality, partner, unit and birth year, so
counts, pledge progress and evaluation aggregates are unchanged; and the audit chain, which is
append-only and hash-linked — past events are never rewritten (they carry identifiers and, in
`object_repr`, the name as it was when the event was written), so `tutela audit_verify` still
passes. The erasure itself is an audit event naming only the pseudonym, the reason and the row
counts.
"""

import datetime as dt
import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tutela.accounts.models import User
from tutela.audit.actions import record_event
from tutela.audit.models import Event
from tutela.lib.errors import ActionError, Conflict, NotAllowed
from tutela.nominations.models import Enrolment, Nomination, NominationStatus, Officer

ERASED = "[erased]"
ERASED_VERB = "officer.erased"
FORMAT_VERSION = 1


def pseudonym(officer: Officer) -> str:
    return f"Erased person {officer.pk}"


def is_erased(officer: Officer) -> bool:
    return Event.objects.for_object(officer).filter(verb=ERASED_VERB).exists()


def providers() -> list[tuple[str, ModuleType]]:
    """(app label, module) of every installed app with a personal_data module, in
    INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.personal_data")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.personal_data":
                raise
            continue
        if callable(getattr(module, "export", None)) and callable(getattr(module, "erase", None)):
            found.append((config.label, module))
    return found


def _may_export(by: User) -> bool:
    return by.is_secretariat or by.is_oversight


# --- This app's own contribution ------------------------------------------------------------


def _day(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _events_about(officer: Officer) -> list[dict[str, Any]]:
    nominations = [str(pk) for pk in officer.nominations.values_list("pk", flat=True)]
    enrolments = [
        str(pk)
        for pk in Enrolment.objects.filter(nomination__officer=officer).values_list("pk", flat=True)
    ]
    events = Event.objects.filter(
        Q(object_type="nominations.officer", object_id=str(officer.pk))
        | Q(object_type="nominations.nomination", object_id__in=nominations)
        | Q(object_type="nominations.enrolment", object_id__in=enrolments)
    ).order_by("sequence")
    return [
        {
            "sequence": e.sequence,
            "occurred_at": _day(e.occurred_at),
            "actor": e.actor_label,
            "verb": e.verb,
            "object": f"{e.object_type}:{e.object_id}",
        }
        for e in events
    ]


def export(officer: Officer) -> dict[str, Any]:
    nominations = (
        Nomination.objects.filter(officer=officer)
        .select_related("activity", "partner", "enrolment")
        .order_by("created_at")
    )
    rows = []
    for n in nominations:
        enrolment = getattr(n, "enrolment", None)
        rows.append(
            {
                "id": n.pk,
                "activity": {"code": n.activity.code, "title": n.activity.title},
                "partner": n.partner.name,
                "status": n.status,
                "justification": n.justification,
                "nominated_at": _day(n.created_at),
                "completed_at": _day(n.completed_at),
                "closed_reason": n.closed_reason,
                "enrolment": None
                if enrolment is None
                else {
                    "invitation_number": enrolment.invitation_number,
                    "enrolled_at": _day(enrolment.enrolled_at),
                    "vetting_gate_overridden": enrolment.is_override,
                    "override_reason": enrolment.override_reason,
                },
            }
        )
    return {
        "officer": {
            "id": officer.pk,
            "full_name": officer.full_name,
            "name_latin": officer.name_latin,
            "birth_date": _day(officer.birth_date),
            "gender": officer.gender,
            "nationality": officer.nationality.code,
            "rank": officer.rank,
            "partner": officer.partner.name,
            "agency": officer.agency.name,
            "unit": officer.unit.name,
            "email": officer.email,
            "registered_at": _day(officer.created_at),
        },
        "nominations": rows,
        "audit_events": _events_about(officer),
    }


def erase(officer: Officer, *, by: User) -> int:
    name = pseudonym(officer)
    officer.full_name = name
    officer.name_latin = name
    officer.birth_date = dt.date(officer.birth_date.year, 1, 1)  # the year keeps age bands
    officer.email = ""
    officer.save(update_fields=["full_name", "name_latin", "name_key", "birth_date", "email"])
    touched = 1
    touched += Nomination.objects.filter(officer=officer).update(justification=ERASED)
    touched += (
        Nomination.objects.filter(officer=officer)
        .exclude(closed_reason="")
        .update(closed_reason=ERASED)
    )
    touched += Enrolment.objects.filter(nomination__officer=officer, is_override=True).update(
        override_reason=ERASED
    )
    return touched


# --- The actions ----------------------------------------------------------------------------


@transaction.atomic
def export_personal_data(officer: Officer, *, by: User) -> dict[str, Any]:
    """Everything held about one officer, by app, as JSON-serialisable data (the data subject's
    copy). The secretariat and oversight may export; the export is audited."""
    if not _may_export(by):
        raise NotAllowed(_("Only the secretariat and oversight export personal data."))
    data: dict[str, Any] = {
        "format": "tutela-personal-data",
        "version": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "erased": is_erased(officer),
        "apps": {},
    }
    for label, module in providers():
        data["apps"][label] = module.export(officer)
    record_event(by, "officer.exported", officer, {"apps": sorted(data["apps"])})
    return data


@transaction.atomic
def erase_officer(officer: Officer, *, by: User, reason: str) -> dict[str, int]:
    """Pseudonymise one officer in every app, keeping aggregates and the audit chain. Only the
    secretariat head, with a reason; not while a nomination of theirs is still open."""
    if not by.is_secretariat_head:
        raise NotAllowed(_("Only the secretariat head erases a person's data."))
    reason = reason.strip()
    if not reason:
        raise ActionError(
            _("Give the reason for the erasure (e.g. the request it answers)."), field="reason"
        )
    officer = Officer.objects.select_for_update().get(pk=officer.pk)
    if is_erased(officer):
        raise Conflict(_("This person's data has already been erased."))
    open_states = [NominationStatus.NOMINATED, NominationStatus.ENROLLED]
    if officer.nominations.filter(status__in=open_states).exists():
        raise Conflict(
            _(
                "This officer has a nomination awaiting vetting or an enrolment in progress; "
                "withdraw it or let it complete first."
            )
        )
    counts: dict[str, int] = {}
    erasers: list[tuple[str, Callable[..., int]]] = [(label, m.erase) for label, m in providers()]
    for label, erase_fn in erasers:
        counts[label] = int(erase_fn(officer, by=by))
    record_event(by, ERASED_VERB, officer, {"reason": reason, "rows": counts})
    return counts
