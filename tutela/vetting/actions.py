"""Recording vetting decisions."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tutela.accounts.models import User
from tutela.audit.actions import record_event
from tutela.lib.errors import ActionError, NotAllowed
from tutela.nominations.models import Officer
from tutela.partners.models import Unit
from tutela.vetting.models import Decision, Outcome


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def default_valid_until(valid_from: dt.date) -> dt.date:
    return add_months(valid_from, settings.VETTING_VALIDITY_MONTHS) - dt.timedelta(days=1)


@transaction.atomic
def decide_vetting(
    *,
    by: User,
    outcome: str,
    reason: str,
    sources: str,
    officer: Officer | None = None,
    unit: Unit | None = None,
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
    evidence: str = "",
    is_publishable: bool = False,
) -> Decision:
    """Record a decision on an officer or a unit. The latest decision on a subject is current."""
    if not by.is_analyst:
        raise NotAllowed(_("Only vetting analysts record vetting decisions."))
    if (officer is None) == (unit is None):
        raise ActionError(_("A decision is about one officer or one unit."))
    if outcome not in Outcome.values:
        raise ActionError(_("Unknown outcome."), field="outcome")
    if not reason.strip():
        raise ActionError(_("Give the reason for the decision."), field="reason")
    if not sources.strip():
        raise ActionError(_("Name the sources checked."), field="sources")
    valid_from = valid_from or timezone.localdate()
    valid_until = valid_until or default_valid_until(valid_from)
    if valid_until < valid_from:
        raise ActionError(
            _("The validity date must not be before the start date."), field="valid_until"
        )
    if is_publishable and (unit is None or outcome != Outcome.NOT_CLEARED):
        raise ActionError(
            _("Only a unit that is not cleared can be published in the register."),
            field="is_publishable",
        )
    decision = Decision.objects.create(
        officer=officer,
        unit=unit,
        outcome=outcome,
        reason=reason.strip(),
        sources=sources.strip(),
        evidence=evidence.strip(),
        valid_from=valid_from,
        valid_until=valid_until,
        is_publishable=is_publishable,
        decided_by=by,
        decided_at=timezone.now(),
    )
    # The audit data carries no evidence: the chain is readable by oversight.
    record_event(
        by,
        "vetting.decided",
        decision,
        {
            "subject": decision.subject_kind,
            "subject_id": (officer or unit).pk,  # type: ignore[union-attr]
            "outcome": outcome,
            "valid_from": valid_from.isoformat(),
            "valid_until": valid_until.isoformat(),
            "publishable": is_publishable,
        },
    )
    return decision
