"""The vetting gate: is an officer, and their unit, cleared on a given day?

Enrolment, invitation and (later) certificates all ask this one function. The answer names each
missing safeguard, so the person refused knows what to do next.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from tutela.vetting.models import Decision, Outcome

if TYPE_CHECKING:
    from tutela.nominations.models import Officer


@dataclass
class GateReport:
    day: dt.date
    officer_decision: Decision | None = None
    unit_decision: Decision | None = None
    missing: list[str] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return not self.missing

    def as_dict(self) -> dict[str, object]:
        return {
            "day": self.day.isoformat(),
            "officer_decision": self.officer_decision.pk if self.officer_decision else None,
            "unit_decision": self.unit_decision.pk if self.unit_decision else None,
            "missing": self.missing,
        }


def _describe(subject: str, decision: Decision | None, day: dt.date) -> str | None:
    if decision is None:
        return _("The %(subject)s has not been vetted.") % {"subject": subject}
    if decision.outcome == Outcome.NOT_CLEARED:
        return _("The %(subject)s was not cleared (decision of %(date)s).") % {
            "subject": subject,
            "date": decision.decided_at.date().isoformat(),
        }
    if decision.outcome == Outcome.MORE_INFO:
        return _("The %(subject)s's vetting is waiting for more information.") % {
            "subject": subject
        }
    if not decision.is_valid_on(day):
        return _(
            "The %(subject)s's clearance is valid %(start)s to %(end)s, which does not cover "
            "%(day)s."
        ) % {
            "subject": subject,
            "start": decision.valid_from.isoformat(),
            "end": decision.valid_until.isoformat(),
            "day": day.isoformat(),
        }
    return None


def check_gate(officer: "Officer", day: dt.date) -> GateReport:
    """Both the officer and their unit must hold a current cleared decision valid on `day`, and
    no unit above theirs may be barred (not cleared)."""
    return check_gates([(officer, day)])[0]


def _latest_decisions(field: str, ids: set[int]) -> dict[int, Decision]:
    """The current (latest) decision for each subject id, in one query."""
    if not ids:
        return {}
    newest = Decision.objects.filter(**{field: OuterRef(field)}).latest_first().values("pk")[:1]
    rows = Decision.objects.filter(**{f"{field}__in": ids}).filter(pk=Subquery(newest))
    return {getattr(decision, field): decision for decision in rows}


def check_gates(items: "list[tuple[Officer, dt.date]]") -> list[GateReport]:
    """The gate for many (officer, day) pairs at once (check_gate is the case of one), in a fixed
    number of queries: one per level of the unit hierarchy, plus two."""
    from tutela.partners.models import Unit

    units: dict[int, Unit] = {officer.unit_id: officer.unit for officer, _day in items}
    wanted = {u.parent_id for u in units.values() if u.parent_id and u.parent_id not in units}
    while wanted:
        for unit in Unit.objects.filter(pk__in=wanted):
            units[unit.pk] = unit
        wanted = {u.parent_id for u in units.values() if u.parent_id and u.parent_id not in units}
    by_officer = _latest_decisions("officer_id", {officer.pk for officer, _day in items})
    by_unit = _latest_decisions("unit_id", set(units))

    reports = []
    for officer, day in items:
        report = GateReport(day=day)
        report.officer_decision = by_officer.get(officer.pk)
        report.unit_decision = by_unit.get(officer.unit_id)
        for subject, decision in (
            (_("officer"), report.officer_decision),
            (_("officer's unit"), report.unit_decision),
        ):
            problem = _describe(subject, decision, day)
            if problem:
                report.missing.append(problem)
        ancestor_id = units[officer.unit_id].parent_id
        seen = {officer.unit_id}
        while ancestor_id is not None and ancestor_id not in seen:
            seen.add(ancestor_id)
            ancestor = units[ancestor_id]
            decision = by_unit.get(ancestor_id)
            if decision is not None and decision.outcome == Outcome.NOT_CLEARED:
                report.missing.append(
                    _("The parent unit %(unit)s was not cleared.") % {"unit": ancestor.name}
                )
            ancestor_id = ancestor.parent_id
        reports.append(report)
    return reports
