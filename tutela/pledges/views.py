"""Pledges and the progress the records show against them, by the stated counting rule.

Readers are everyone who sees across countries (secretariat, analysts, oversight); the secretariat
records pledges.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tutela.accounts.auth import reader_of_everything
from tutela.accounts.models import User
from tutela.lib.errors import ActionError, put_on_form
from tutela.lib.htmx import wants_partial
from tutela.lib.listing import paginate
from tutela.pledges.actions import (
    counted_nominations,
    pledge_progress,
    pledges_progress,
    progress_figures,
    record_pledge,
)
from tutela.pledges.forms import PledgeForm
from tutela.pledges.models import COUNTING_RULE, Pledge, Scope


@login_required
@require_GET
def pledge_list(request: HttpRequest) -> HttpResponse:
    reader_of_everything(request)
    pledges = Pledge.objects.select_related("country", "parent")
    query = request.GET.get("q", "").strip()
    if query:
        pledges = pledges.filter(Q(title__icontains=query) | Q(source__icontains=query))
    scope = request.GET.get("scope", "").strip()
    if scope in Scope.values:
        pledges = pledges.filter(scope=scope)
    listing = paginate(request, pledges, filters=["scope"])
    progress = pledges_progress(list(listing.page))
    rows = [{"pledge": pledge, "progress": progress[pledge.pk]} for pledge in listing.page]
    context = {
        "listing": listing,
        "rows": rows,
        "scopes": Scope.choices,
        "counting_rule": COUNTING_RULE,
    }
    template = (
        "pledges/pledge_list.html#results"
        if wants_partial(request, "results")
        else "pledges/pledge_list.html"
    )
    return render(request, template, context)


def breakdown(pledge: Pledge) -> list[dict[str, Any]]:
    """Delivered by region (world pledge) or by country (regional pledge), in one aggregate query
    over the same nominations the pledge counts. A country pledge has no breakdown."""
    if pledge.scope == Scope.WORLD:
        key, label = "partner__country__region_code", "partner__country__region"
    elif pledge.scope == Scope.REGION:
        key, label = "partner__country__code", "partner__country__name"
    else:
        return []
    rows = (
        counted_nominations(pledge)
        .order_by()
        .values(key, label)
        .annotate(**progress_figures())
        .order_by("-delivered", label)
    )
    return [
        {
            "code": row[key],
            "name": row[label],
            "delivered": row["delivered"],
            "officers": row["officers"],
            "overrides": row["overrides"],
        }
        for row in rows
    ]


@login_required
@require_GET
def pledge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reader_of_everything(request)
    pledge = get_object_or_404(Pledge.objects.select_related("country", "parent"), pk=pk)
    parts = list(pledge.parts.select_related("country").order_by("starts_on", "title"))
    part_progress = pledges_progress(parts)
    progress = pledge_progress(pledge)
    rows = breakdown(pledge)
    for row in rows:
        row["share"] = 100.0 * row["delivered"] / progress.delivered if progress.delivered else 0.0
    context = {
        "pledge": pledge,
        "progress": progress,
        "breakdown": rows,
        "parts": [{"pledge": part, "progress": part_progress[part.pk]} for part in parts],
        "reserved": sum(part.opportunities for part in parts),
        "counting_rule": COUNTING_RULE,
    }
    return render(request, "pledges/pledge_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def pledge_create(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if not user.is_secretariat:
        raise PermissionDenied
    initial = {"parent": request.GET["parent"]} if request.GET.get("parent") else {}
    form = PledgeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pledge = record_pledge(
                by=user,
                title=data["title"],
                opportunities=data["opportunities"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                scope=data["scope"],
                region_code=data["region_code"],
                country=data["country"],
                announced_on=data["announced_on"],
                source=data["source"],
                parent=data["parent"],
            )
        except ActionError as error:
            put_on_form(form, error)
        else:
            messages.success(request, _("Pledge recorded."))
            return redirect(pledge)
    status = 400 if request.method == "POST" else 200
    return render(request, "pledges/pledge_form.html", {"form": form}, status=status)
