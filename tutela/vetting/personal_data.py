"""What vetting holds about one officer, for the data-subject export and the erasure (see
tutela/nominations/personal_data.py). Restricted evidence is not exported: it is withheld from
everyone but vetting analysts. Erasure blanks the free text about the person and keeps each
decision's outcome and dates, so vetting counts and the gate's history stay whole."""

from typing import Any

from tutela.accounts.models import User
from tutela.nominations.models import Officer
from tutela.vetting.models import Alert, Decision

ERASED = "[erased]"


def export(officer: Officer) -> dict[str, Any]:
    decisions = Decision.objects.filter(officer=officer).order_by("decided_at")
    alerts = (
        Alert.objects.filter(officer=officer).select_related("watchlist").order_by("created_at")
    )
    return {
        "decisions": [
            {
                "id": d.pk,
                "outcome": d.outcome,
                "reason": d.reason,
                "sources": d.sources,
                "valid_from": d.valid_from.isoformat(),
                "valid_until": d.valid_until.isoformat(),
                "decided_at": d.decided_at.isoformat(),
                "restricted_evidence": "withheld" if d.evidence else "",
            }
            for d in decisions
        ],
        "screening_alerts": [
            {
                "id": a.pk,
                "watchlist": a.watchlist.name,
                "listed_entry": a.entity_id,
                "score": a.score,
                "status": a.status,
                "raised_at": a.created_at.isoformat(),
                "decided_at": a.decided_at.isoformat() if a.decided_at else None,
                "reason": a.reason,
            }
            for a in alerts
        ],
    }


def erase(officer: Officer, *, by: User) -> int:
    touched = Decision.objects.filter(officer=officer).update(
        reason=ERASED, sources=ERASED, evidence=""
    )
    touched += Alert.objects.filter(officer=officer).update(explanation={}, reason=ERASED)
    return touched
