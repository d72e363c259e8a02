"""Receiving complaints, linking them to who and what they name, and opening vetting referrals."""

from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tutela.accounts.models import User
from tutela.audit.actions import record_event
from tutela.complaints.models import (
    Complaint,
    ComplaintStatus,
    Referral,
    ReferralStatus,
    Subject,
    new_reference,
)
from tutela.complaints.tasks import route_complaint
from tutela.curriculum.models import Course
from tutela.lib.errors import ActionError, Conflict, NotAllowed
from tutela.nominations.models import Officer
from tutela.partners.models import Partner, Unit

LIMITS = {
    "about": 300,
    "what": 5000,
    "when": 200,
    "where": 200,
    "sources": 2000,
    "contact_name": 200,
    "contact_email": 254,
    "contact_phone": 50,
}


def receive_complaint(
    *,
    subject: str,
    about: str,
    what: str,
    when: str = "",
    where: str = "",
    sources: str = "",
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    language: str = "en",
) -> Complaint:
    """Store a submission from the public form (no account). It is committed before this returns,
    so the reference shown to the sender always names a stored submission; once committed it is
    routed to vetting and oversight (`tasks.route_complaint`). The audit events record that a
    complaint arrived, never who sent it."""
    if subject not in Subject.values:
        raise ActionError(_("Choose what the information is about."), field="subject")
    values = {
        "about": about.strip(),
        "what": what.strip(),
        "when": when.strip(),
        "where": where.strip(),
        "sources": sources.strip(),
        "contact_name": contact_name.strip(),
        "contact_email": contact_email.strip(),
        "contact_phone": contact_phone.strip(),
    }
    for field in ("about", "what"):
        if not values[field]:
            raise ActionError(_("This field is required."), field=field)
    for field, limit in LIMITS.items():
        if len(values[field]) > limit:
            raise ActionError(_("Keep this under %(n)s characters.") % {"n": limit}, field=field)
    for _attempt in range(5):  # a random reference could collide, very rarely
        try:
            with transaction.atomic():
                complaint = Complaint.objects.create(
                    reference=new_reference(), subject=subject, language=language[:10], **values
                )
                record_event(
                    None,
                    "complaint.received",
                    complaint,
                    {"subject": subject, "language": complaint.language},
                )
                transaction.on_commit(partial(route_complaint.enqueue, complaint_id=complaint.pk))
        except IntegrityError:
            continue
        return complaint
    raise ActionError(_("The submission could not be stored; please try again."))


def _require_triage(by: User) -> None:
    if not (by.is_analyst or by.is_oversight):
        raise NotAllowed(_("Only vetting analysts and oversight handle complaints."))


@transaction.atomic
def link_complaint(
    complaint: Complaint,
    *,
    by: User,
    officers: list[Officer] | None = None,
    units: list[Unit] | None = None,
    courses: list[Course] | None = None,
    partners: list[Partner] | None = None,
) -> Complaint:
    """Link the complaint to the officers, units, courses and partners it names."""
    _require_triage(by)
    if complaint.status == ComplaintStatus.CLOSED:
        raise Conflict(_("The complaint is closed."))
    complaint.officers.add(*(officers or []))
    complaint.units.add(*(units or []))
    complaint.courses.add(*(courses or []))
    complaint.partners.add(*(partners or []))
    if complaint.status == ComplaintStatus.RECEIVED:
        complaint.status = ComplaintStatus.LINKED
        complaint.save(update_fields=["status"])
    record_event(
        by,
        "complaint.linked",
        complaint,
        {
            "officers": [o.pk for o in officers or []],
            "units": [u.pk for u in units or []],
            "courses": [c.pk for c in courses or []],
            "partners": [p.pk for p in partners or []],
        },
    )
    return complaint


@transaction.atomic
def open_referral(
    complaint: Complaint,
    *,
    by: User,
    summary: str,
    officer: Officer | None = None,
    unit: Unit | None = None,
) -> Referral:
    """A vetting analyst opens a vetting case from a complaint about an officer or a unit."""
    if not by.is_analyst:
        raise NotAllowed(_("Only vetting analysts open vetting cases."))
    if (officer is None) == (unit is None):
        raise ActionError(_("Choose one officer or one unit."), field="officer")
    if complaint.status == ComplaintStatus.CLOSED:
        raise Conflict(_("The complaint is closed."))
    if not summary.strip():
        raise ActionError(_("Say what the vetting case should look into."), field="summary")
    referral = Referral.objects.create(
        complaint=complaint, officer=officer, unit=unit, summary=summary.strip(), opened_by=by
    )
    if officer is not None:
        complaint.officers.add(officer)
    if unit is not None:
        complaint.units.add(unit)
    complaint.status = ComplaintStatus.REFERRED
    complaint.save(update_fields=["status"])
    record_event(
        by,
        "referral.opened",
        referral,
        {
            "complaint": complaint.pk,
            "officer": officer.pk if officer else None,
            "unit": unit.pk if unit else None,
        },
    )
    return referral


@transaction.atomic
def close_referral(referral: Referral, *, by: User, outcome: str) -> Referral:
    if not by.is_analyst:
        raise NotAllowed(_("Only vetting analysts close vetting cases."))
    if referral.status == ReferralStatus.CLOSED:
        raise Conflict(_("The vetting case is already closed."))
    if not outcome.strip():
        raise ActionError(_("Record the outcome."), field="outcome")
    referral.status = ReferralStatus.CLOSED
    referral.outcome = outcome.strip()
    referral.closed_by = by
    referral.closed_at = timezone.now()
    referral.save(update_fields=["status", "outcome", "closed_by", "closed_at"])
    record_event(by, "referral.closed", referral, {"complaint": referral.complaint_id})
    return referral


@transaction.atomic
def close_complaint(complaint: Complaint, *, by: User, reason: str) -> Complaint:
    _require_triage(by)
    if complaint.status == ComplaintStatus.CLOSED:
        raise Conflict(_("The complaint is already closed."))
    if complaint.referrals.filter(status=ReferralStatus.OPEN).exists():
        raise Conflict(_("Close its open vetting cases first."))
    if not reason.strip():
        raise ActionError(_("Give the reason for closing."), field="reason")
    complaint.status = ComplaintStatus.CLOSED
    complaint.closed_reason = reason.strip()
    complaint.save(update_fields=["status", "closed_reason"])
    record_event(by, "complaint.closed", complaint)
    return complaint
