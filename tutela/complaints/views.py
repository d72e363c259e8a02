"""The public complaint form (no account), and the complaints queue of vetting and oversight.

The form is protected against abuse by a per-address rate limit (Django's cache), a limit on the
size of the request, field length limits and a honeypot field. A submission is stored (and
committed) before its reference is shown. Complaints are routed to vetting analysts and to
oversight; the submitter's identity is shown to oversight only.
"""

import hashlib
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tutela.accounts.auth import signed_in_user
from tutela.accounts.models import User
from tutela.complaints import actions
from tutela.complaints.forms import CloseForm, ComplaintForm, OutcomeForm, ReferralForm
from tutela.complaints.models import Complaint, ComplaintStatus, Referral
from tutela.curriculum.models import Course
from tutela.lib.errors import ActionError, NotAllowed, put_on_form
from tutela.lib.listing import paginate
from tutela.nominations.models import Officer
from tutela.partners.models import Partner, Unit

SESSION_KEY = "complaint_reference"


def _per_hour() -> int:
    return int(getattr(settings, "COMPLAINTS_PER_HOUR", 5))


def _max_body() -> int:
    return int(getattr(settings, "COMPLAINTS_MAX_BODY", 32_000))


def _rate_key(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return "complaints:rate:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def _over_limit(request: HttpRequest) -> bool:
    """Count this attempt against the sender's address; true when past the hourly limit."""
    key = _rate_key(request)
    if cache.add(key, 1, timeout=3600):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=3600)
        return False
    return count > _per_hour()


@require_http_methods(["GET", "POST"])
def complaint_create(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "complaints/complaint_form.html", {"form": ComplaintForm()})
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if length > _max_body():
        return render(
            request,
            "complaints/complaint_refused.html",
            {"reason": _("The submission is too long. Shorten it and send it again.")},
            status=413,
        )
    if _over_limit(request):
        return render(
            request,
            "complaints/complaint_refused.html",
            {"reason": _("Too many submissions from your connection. Please try again later.")},
            status=429,
        )
    form = ComplaintForm(request.POST)
    if form.is_robot():
        return render(
            request,
            "complaints/complaint_refused.html",
            {"reason": _("The submission could not be accepted.")},
            status=400,
        )
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        try:
            complaint = actions.receive_complaint(language=get_language() or "en", **data)
        except ActionError as error:
            put_on_form(form, error)
        else:
            request.session[SESSION_KEY] = complaint.reference
            return redirect("complaints:received")
    return render(request, "complaints/complaint_form.html", {"form": form}, status=400)


@require_GET
def complaint_received(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(SESSION_KEY)
    if not reference:
        return redirect("complaints:create")
    return render(request, "complaints/complaint_received.html", {"reference": reference})


# --- Vetting and oversight ------------------------------------------------------------------


def _handler(request: HttpRequest) -> User:
    user = signed_in_user(request)
    if not (user.is_analyst or user.is_oversight):
        raise PermissionDenied
    return user


@login_required
@require_GET
def complaint_list(request: HttpRequest) -> HttpResponse:
    user = _handler(request)
    complaints = Complaint.objects.visible_to(user)
    status = request.GET.get("status", "")
    if status in ComplaintStatus.values:
        complaints = complaints.filter(status=status)
    query = request.GET.get("q", "").strip()
    if query:
        complaints = complaints.filter(reference__icontains=query) | complaints.filter(
            about__icontains=query
        )
    listing = paginate(request, complaints.order_by("-received_at", "-pk"), filters=["status"])
    return render(
        request,
        "complaints/complaint_list.html",
        {"listing": listing, "statuses": ComplaintStatus.choices},
    )


def _detail_context(
    complaint: Complaint, user: User, request: HttpRequest, **extra: Any
) -> dict[str, Any]:
    query = request.GET.get("q", "").strip()
    found: dict[str, Any] = {}
    if query and complaint.status != ComplaintStatus.CLOSED:
        found = {
            "officers": Officer.objects.search(query).select_related("unit")[:10],
            "units": Unit.objects.filter(name__icontains=query).select_related("agency")[:10],
            "courses": Course.objects.search(query)[:10],
            "partners": Partner.objects.filter(name__icontains=query)[:10],
        }
    context: dict[str, Any] = {
        "complaint": complaint,
        "shows_identity": user.is_oversight,
        "officers": complaint.officers.select_related("unit"),
        "units": complaint.units.select_related("agency"),
        "courses": complaint.courses.all(),
        "partners": complaint.partners.all(),
        "referrals": complaint.referrals.select_related(
            "officer", "unit", "opened_by", "closed_by"
        ),
        "query": query,
        "found": found,
        "can_refer": user.is_analyst and complaint.status != ComplaintStatus.CLOSED,
        "referral_form": ReferralForm(),
        "outcome_form": OutcomeForm() if user.is_analyst else None,
        "close_form": CloseForm() if complaint.status != ComplaintStatus.CLOSED else None,
    }
    context.update(extra)
    return context


def _complaint(user: User, pk: int) -> Complaint:
    return get_object_or_404(Complaint.objects.visible_to(user), pk=pk)


@login_required
@require_GET
def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _handler(request)
    complaint = _complaint(user, pk)
    return render(
        request, "complaints/complaint_detail.html", _detail_context(complaint, user, request)
    )


def _refuse(
    request: HttpRequest, complaint: Complaint, user: User, error: ActionError
) -> HttpResponse:
    if isinstance(error, NotAllowed):
        raise PermissionDenied(error.message)
    context = _detail_context(complaint, user, request, action_error=error.message)
    return render(request, "complaints/complaint_detail.html", context, status=400)


@login_required
@require_POST
def complaint_link(request: HttpRequest, pk: int) -> HttpResponse:
    user = _handler(request)
    complaint = _complaint(user, pk)
    kind, _sep, raw = request.POST.get("target", "").partition(":")
    models: dict[str, Any] = {
        "officer": Officer,
        "unit": Unit,
        "course": Course,
        "partner": Partner,
    }
    if kind not in models or not raw.isdigit():
        return _refuse(request, complaint, user, ActionError(_("Choose what to link.")))
    target = get_object_or_404(models[kind], pk=int(raw))
    links: dict[str, Any] = {f"{kind}s": [target]}
    try:
        actions.link_complaint(complaint, by=user, **links)
    except ActionError as error:
        return _refuse(request, complaint, user, error)
    messages.success(request, _("Linked."))
    return redirect(complaint)


@login_required
@require_POST
def referral_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = _handler(request)
    complaint = _complaint(user, pk)
    form = ReferralForm(request.POST)
    if not form.is_valid():
        return _refuse(
            request, complaint, user, ActionError(_("Say what the vetting case should look into."))
        )
    kind, _sep, raw = form.cleaned_data["target"].partition(":")
    officer = unit = None
    if kind == "officer" and raw.isdigit():
        officer = get_object_or_404(Officer, pk=int(raw))
    elif kind == "unit" and raw.isdigit():
        unit = get_object_or_404(Unit, pk=int(raw))
    try:
        actions.open_referral(
            complaint, by=user, summary=form.cleaned_data["summary"], officer=officer, unit=unit
        )
    except ActionError as error:
        return _refuse(request, complaint, user, error)
    messages.success(request, _("Vetting case opened."))
    return redirect(complaint)


@login_required
@require_POST
def referral_close(request: HttpRequest, pk: int) -> HttpResponse:
    user = _handler(request)
    referral = get_object_or_404(Referral.objects.select_related("complaint"), pk=pk)
    complaint = _complaint(user, referral.complaint_id)
    form = OutcomeForm(request.POST)
    outcome = form.data.get("outcome", "") if not form.is_valid() else form.cleaned_data["outcome"]
    try:
        actions.close_referral(referral, by=user, outcome=str(outcome))
    except ActionError as error:
        return _refuse(request, complaint, user, error)
    messages.success(request, _("Vetting case closed."))
    return redirect(complaint)


@login_required
@require_POST
def complaint_close(request: HttpRequest, pk: int) -> HttpResponse:
    user = _handler(request)
    complaint = _complaint(user, pk)
    form = CloseForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        actions.close_complaint(complaint, by=user, reason=reason)
    except ActionError as error:
        return _refuse(request, complaint, user, error)
    messages.success(request, _("Complaint closed."))
    return redirect(complaint)
