"""The complaints part of the API (/api/v1/complaints): the queue of vetting and oversight.

The public form is HTML only (with its rate limit, size limit and honeypot). The submitter's
contact details are returned to oversight only."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate

from tutela.accounts.auth import acting_user, require
from tutela.accounts.models import User
from tutela.accounts.schemas import DETAIL, READ, Pagination
from tutela.complaints.models import Complaint, ComplaintStatus
from tutela.complaints.schemas import ComplaintOut

router = Router(tags=["complaints"])


def _out(complaint: Complaint, user: User) -> dict[str, Any]:
    return {
        "id": complaint.pk,
        "reference": complaint.reference,
        "subject": complaint.subject,
        "about": complaint.about,
        "what": complaint.what,
        "when": complaint.when,
        "where": complaint.where,
        "sources": complaint.sources,
        "language": complaint.language,
        "status": complaint.status,
        "received_at": complaint.received_at,
        "officers": [o.pk for o in complaint.officers.all()],
        "units": [u.pk for u in complaint.units.all()],
        "courses": [c.pk for c in complaint.courses.all()],
        "partners": [p.pk for p in complaint.partners.all()],
        "referrals": list(complaint.referrals.all()),
        "contact": (
            {
                "name": complaint.contact_name,
                "email": complaint.contact_email,
                "phone": complaint.contact_phone,
            }
            if user.is_oversight
            else None
        ),
    }


def _complaints(user: User) -> QuerySet[Complaint]:
    require(user.is_analyst or user.is_oversight)
    return Complaint.objects.visible_to(user).prefetch_related(
        "officers", "units", "courses", "partners", "referrals"
    )


@router.get("", response={200: list[ComplaintOut], **READ}, summary="Complaints received")
@paginate(Pagination)
def complaint_list(
    request: HttpRequest, status: ComplaintStatus | None = None
) -> list[dict[str, Any]]:
    user = acting_user(request)
    complaints = _complaints(user)
    if status:
        complaints = complaints.filter(status=status)
    return [_out(c, user) for c in complaints]


@router.get("/{int:complaint_id}", response={200: ComplaintOut, **DETAIL}, summary="A complaint")
def complaint_detail(request: HttpRequest, complaint_id: int) -> dict[str, Any]:
    user = acting_user(request)
    return _out(get_object_or_404(_complaints(user), pk=complaint_id), user)
