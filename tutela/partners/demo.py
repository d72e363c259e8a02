"""Demo data for partner due diligence: an assessment of every demo agreement, most of them
active; one serious risk approved by the secretariat head, one awaiting the head, and one whose
review has come due. Called by `tutela.demo`; deterministic."""

import datetime as dt
from typing import Any

from django.utils import timezone

from tutela.accounts.models import User
from tutela.audit.actions import record_events
from tutela.partners.models import (
    Agreement,
    AgreementStatus,
    Assessment,
    AssessmentStatus,
    RiskLevel,
)

SITUATION = (
    "Reports of the national human-rights institution and of the UN treaty bodies on {party} "
    "describe the police's record; the latest mention isolated cases of excessive force at "
    "demonstrations, investigated by an independent body."
)
RISKS = (
    "Public-order and investigation skills taught under the agreement could be used in "
    "operations that violate the rights of assembly or of detainees."
)
MITIGATIONS = (
    "Every participant and their unit is vetted before enrolment; courses on high-risk topics "
    "carry the use-of-force and assembly standards; no equipment is transferred."
)
MONITORING = (
    "Follow-up visits six months after each course, alumni tracking against new allegations, "
    "and the public complaints channel."
)


def add_demo_due_diligence(builder: Any) -> dict[str, int]:
    secretariat: User = builder.secretariat
    head: User = builder.head
    today: dt.date = builder.today
    agreements = list(Agreement.objects.prefetch_related("parties").order_by("starts_on", "pk"))
    assessments: list[Assessment] = []
    initial: list[Assessment] = []
    for n, agreement in enumerate(agreements):
        # The assessment before the agreement began, then the latest review (within the year).
        first_on = min(agreement.starts_on - dt.timedelta(days=30), today - dt.timedelta(days=400))
        initial.append(
            Assessment(
                agreement=agreement,
                situation=SITUATION.format(
                    party=", ".join(p.name for p in agreement.parties.all()[:3])
                ),
                risks=RISKS,
                mitigations=MITIGATIONS,
                monitoring=MONITORING,
                risk_level=RiskLevel.MODERATE,
                status=AssessmentStatus.COMPLETE,
                assessed_on=first_on,
                next_review_on=first_on + dt.timedelta(days=365),
                assessed_by=secretariat,
            )
        )
        assessed_on = today - dt.timedelta(days=20 + 23 * n)
        risk = RiskLevel.MODERATE if n % 3 else RiskLevel.LOW
        status = AssessmentStatus.COMPLETE
        review_days = 365
        head_fields: dict[str, Any] = {}
        if n == 4:  # serious, approved by the head
            risk, status, review_days = RiskLevel.SERIOUS, AssessmentStatus.APPROVED, 182
            head_fields = {
                "head_decided_by": head,
                "head_decided_at": timezone.make_aware(
                    dt.datetime.combine(assessed_on + dt.timedelta(days=3), dt.time(10))
                ),
                "head_reason": "The risk is serious but the cooperation is limited to "
                "instructor exchanges on investigative interviewing; vetting and six-monthly "
                "monitoring visits mitigate it. Review in six months.",
            }
        if n == len(agreements) - 1:  # serious, waiting for the head: not active yet
            risk, status, review_days = RiskLevel.SERIOUS, AssessmentStatus.AWAITING_HEAD, 182
            assessed_on = today - dt.timedelta(days=5)
        next_review = assessed_on + dt.timedelta(days=review_days)
        if n == 1:  # its review is due: flagged on the list, still active until now
            next_review = today
        parties = ", ".join(p.name for p in agreement.parties.all()[:3])
        assessments.append(
            Assessment(
                agreement=agreement,
                situation=SITUATION.format(party=parties or agreement.title),
                risks=RISKS,
                mitigations=MITIGATIONS,
                monitoring=MONITORING,
                risk_level=risk,
                status=status,
                assessed_on=assessed_on,
                next_review_on=max(next_review, assessed_on + dt.timedelta(days=1)),
                assessed_by=secretariat,
                **head_fields,
            )
        )
    # The last agreement is new: its only assessment waits for the head.
    initial = initial[:-1]
    Assessment.objects.bulk_create(initial + assessments)
    active = []
    for agreement, first in zip(agreements, initial, strict=False):
        agreement.status = AgreementStatus.ACTIVE
        agreement.activated_by = secretariat
        agreement.activated_at = timezone.make_aware(
            dt.datetime.combine(first.assessed_on + dt.timedelta(days=7), dt.time(9))
        )
        active.append(agreement)
    Agreement.objects.bulk_update(active, ["status", "activated_by", "activated_at"])
    record_events(
        secretariat,
        [
            ("assessment.recorded", a, {"agreement": a.agreement_id, "risk_level": a.risk_level})
            for a in initial + assessments
        ]
        + [("agreement.activated", a, None) for a in active],
    )
    approved = [a for a in assessments if a.status == AssessmentStatus.APPROVED]
    record_events(head, [("assessment.head_approved", a, None) for a in approved])
    return {"assessments": len(initial) + len(assessments), "active_agreements": len(active)}
