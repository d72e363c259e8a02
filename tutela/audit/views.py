"""The audit trail: read by the secretariat and oversight; verified on demand."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from tutela.accounts.auth import require, signed_in_user
from tutela.audit.actions import verify_chain
from tutela.audit.models import Event
from tutela.lib.htmx import wants_partial
from tutela.lib.listing import paginate


def _require_reader(request: HttpRequest) -> None:
    require(signed_in_user(request).reads_audit_trail)


@login_required
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    events = Event.objects.select_related("actor").order_by("-sequence")
    query = request.GET.get("q", "").strip()
    if query:
        events = events.filter(
            Q(verb__icontains=query)
            | Q(object_repr__icontains=query)
            | Q(actor_label__icontains=query)
        )
    verb = request.GET.get("verb", "").strip()
    if verb == "override":
        events = events.overrides()
    elif verb:
        events = events.filter(verb__startswith=verb)
    listing = paginate(request, events, filters=["verb"])
    head = Event.objects.order_by("-sequence").only("sequence", "hash").first()
    context = {
        "listing": listing,
        "head": head,
        "verbs": sorted(
            {
                v.split(".")[0]
                for v in Event.objects.order_by().values_list("verb", flat=True).distinct()
            }
        ),
    }
    template = (
        "audit/event_list.html#results" if wants_partial(request) else "audit/event_list.html"
    )
    return render(request, template, context)


@login_required
@require_POST
def verify(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    report = verify_chain()
    template = (
        "audit/verify_result.html#result" if wants_partial(request) else "audit/verify_result.html"
    )
    return render(request, template, {"report": report}, status=200 if report.ok else 409)
