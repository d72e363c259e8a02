"""Sign-in, the dashboard each role starts from, and your API tokens."""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tutela.accounts.actions import issue_api_token, revoke_api_token
from tutela.accounts.forms import ApiTokenForm
from tutela.accounts.models import ApiToken, Role, User
from tutela.activities.models import Activity, ActivityStatus, SeatAllocation
from tutela.audit.actions import cached_for_head, chain_head
from tutela.curriculum.models import CourseVersion
from tutela.lib.errors import ActionError
from tutela.nominations.models import Enrolment, Nomination, NominationStatus
from tutela.pledges.actions import pledges_progress
from tutela.pledges.models import COUNTING_RULE, Pledge
from tutela.vetting.models import Decision


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def _status_counts(nominations: Any) -> dict[str, int]:
    counts = {status: 0 for status in NominationStatus.values}
    for row in nominations.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


def _activity_counts(today: Any) -> dict[str, int]:
    return Activity.objects.aggregate(
        open=Count("pk", filter=Q(status=ActivityStatus.OPEN)),
        running=Count("pk", filter=Q(status=ActivityStatus.RUNNING)),
        upcoming=Count(
            "pk",
            filter=Q(
                status__in=[ActivityStatus.PLANNED, ActivityStatus.OPEN], starts_on__gte=today
            ),
        ),
    )


def _pledges() -> list[dict[str, Any]]:
    pledges = list(Pledge.objects.select_related("country", "parent"))
    progress = pledges_progress(pledges)
    return [{"pledge": p, "progress": progress[p.pk]} for p in pledges]


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    today = timezone.localdate()
    context: dict[str, Any] = {"today": today, "counting_rule": COUNTING_RULE}
    # Figures over the whole programme are cached until the next audit event (any change).
    head = chain_head()
    scope = f"{user.role}:{user.partner_id or ''}:{user.pk}"
    nominations = Nomination.objects.visible_to(user)
    context["status_counts"] = cached_for_head(
        head, f"dashboard-status:{scope}", lambda: _status_counts(nominations)
    )
    context["status_labels"] = dict(NominationStatus.choices)

    if user.role in {Role.SECRETARIAT, Role.OVERSIGHT}:
        context["pledges"] = cached_for_head(head, "dashboard-pledges", _pledges)
        context["activities"] = cached_for_head(
            head, f"dashboard-activities:{today}", lambda: _activity_counts(today)
        )
        context["overrides"] = Enrolment.objects.filter(is_override=True).select_related(
            "nomination__officer", "nomination__activity", "enrolled_by"
        )[:10]
        context["override_count"] = Enrolment.objects.filter(is_override=True).count()
        context["audit_head"] = head
    if user.is_liaison:
        context["allocations"] = (
            SeatAllocation.objects.filter(
                partner=user.partner,
                activity__status__in=[ActivityStatus.PLANNED, ActivityStatus.OPEN],
            )
            .select_related("activity")
            .annotate(
                nominated=Count(
                    "activity__nominations",
                    filter=Q(activity__nominations__partner_id=user.partner_id),
                )
            )
            .order_by("activity__starts_on")[:20]
        )
    if user.is_analyst:
        soon = today + dt.timedelta(days=30)
        context["expiring"] = Decision.objects.filter(
            valid_until__gte=today, valid_until__lte=soon, outcome="cleared"
        ).count()
        context["recent_decisions"] = Decision.objects.select_related("officer", "unit").order_by(
            "-decided_at"
        )[:10]
    if user.is_reviewer:
        context["in_review"] = (
            CourseVersion.objects.in_review().select_related("course").order_by("submitted_at")[:20]
        )
    if user.is_instructor or user.is_consultant:
        context["my_activities"] = (
            Activity.objects.visible_to(user)
            .exclude(status=ActivityStatus.CANCELLED)
            .order_by("starts_on")[:20]
        )
    return render(request, "accounts/dashboard.html", context)


# --- API tokens -----------------------------------------------------------------------------


def _token_page(
    request: HttpRequest, form: ApiTokenForm, *, new_key: str = "", status: int = 200
) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    tokens = ApiToken.objects.filter(user=user).order_by("-created_at")
    return render(
        request,
        "accounts/token_list.html",
        {"tokens": tokens, "form": form, "new_key": new_key},
        status=status,
    )


@login_required
@require_GET
def token_list(request: HttpRequest) -> HttpResponse:
    return _token_page(request, ApiTokenForm())


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    """Issue a token and show its key on this one response: only its digest is stored, so the
    page is rendered rather than redirected to."""
    user: User = request.user  # type: ignore[assignment]
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            token, key = issue_api_token(user, name=form.cleaned_data["name"], by=user)
        except ActionError as error:
            form.add_error("name" if error.field == "name" else None, error.message)
        else:
            messages.success(
                request,
                _("Token “%(name)s” issued. Copy the key now: it is not shown again.")
                % {"name": token.name},
            )
            return _token_page(request, ApiTokenForm(), new_key=key)
    return _token_page(request, form, status=400)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    token = get_object_or_404(ApiToken.objects.filter(user=user), pk=pk)
    try:
        revoke_api_token(token, by=user)
    except ActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("accounts:token_list")
