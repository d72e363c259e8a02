"""Pages of the vetting app: the analysts' queue, decision forms, decisions and their history,
and the watchlists they are checked against (imports, versions, their entries and differences).

Analysts read and decide; the secretariat and oversight read. Restricted evidence is shown to
analysts only (User.may_see_restricted_evidence), on every page.
"""

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tutela.accounts.auth import signed_in_user
from tutela.accounts.models import User
from tutela.lib.errors import ActionError, put_on_form
from tutela.lib.htmx import wants_partial
from tutela.lib.listing import int_or_none, paginate
from tutela.lib.names import name_key
from tutela.nominations.models import Nomination, NominationStatus, Officer
from tutela.partners.models import Partner, Unit
from tutela.vetting.actions import (
    WatchlistRejected,
    confirm_alert,
    decide_vetting,
    dismiss_alert,
    import_watchlist,
    request_rescreen,
)
from tutela.vetting.forms import AlertDecisionForm, DecisionForm, WatchlistImportForm
from tutela.vetting.gate import check_gate, check_gates
from tutela.vetting.models import (
    Alert,
    AlertQuerySet,
    AlertStatus,
    Change,
    Decision,
    ListedEntry,
    ListVersion,
    Outcome,
    RescreenRun,
    Watchlist,
    current_decision_fields,
)

QUEUE_FILTERS = ["kind", "partner"]


def _require_reader(user: User) -> None:
    """Analysts work vetting; the secretariat and oversight read it."""
    if not user.sees_everything:
        raise PermissionDenied(_("Vetting is read by analysts, the secretariat and oversight."))


def _require_analyst(user: User) -> None:
    if not user.is_analyst:
        raise PermissionDenied(_("Only vetting analysts record vetting decisions."))


# --- The queue ------------------------------------------------------------------------------


def _latest_decision(**subject: Any) -> QuerySet[Decision]:
    return Decision.objects.filter(**subject).latest_first()


def _annotate_starts(qs: QuerySet[Any], pending: QuerySet[Nomination], group: str) -> Any:
    """First and last start of the pending nominations, and how many there are."""
    starts = pending.order_by("activity__starts_on").values("activity__starts_on")
    last = pending.order_by("-activity__starts_on").values("activity__starts_on")
    counted = pending.order_by().values(group).annotate(n=Count("pk")).values("n")
    return qs.annotate(
        first_start=Subquery(starts[:1]),
        last_start=Subquery(last[:1]),
        pending_count=Subquery(counted),
    )


def _not_valid_over_starts(prefix: str) -> Q:
    return Q(**{f"{prefix}_valid_from__gt": F("first_start")}) | Q(
        **{f"{prefix}_valid_until__lt": F("last_start")}
    )


def _officer_needs_decision() -> Q:
    """No decision, more information needed, or a clearance that does not cover the starts."""
    return (
        Q(officer_outcome__isnull=True)
        | Q(officer_outcome=Outcome.MORE_INFO)
        | (Q(officer_outcome=Outcome.CLEARED) & _not_valid_over_starts("officer"))
    )


def _unit_needs_decision() -> Q:
    """No current cleared decision valid on the starts."""
    return (
        Q(unit_outcome__isnull=True)
        | Q(unit_outcome__in=[Outcome.NOT_CLEARED, Outcome.MORE_INFO])
        | _not_valid_over_starts("unit")
    )


def officer_queue(user: User) -> QuerySet[Officer]:
    pending = Nomination.objects.awaiting_vetting().filter(officer=OuterRef("pk"))
    qs = Officer.objects.visible_to(user)
    qs = _annotate_starts(qs, pending, "officer")
    qs = qs.annotate(
        **current_decision_fields("officer", officer=OuterRef("pk")),
        **current_decision_fields("unit", unit=OuterRef("unit_id")),
    )
    return qs.filter(first_start__isnull=False).filter(
        _officer_needs_decision() | _unit_needs_decision()
    )


def unit_queue(user: User) -> QuerySet[Unit]:
    pending = Nomination.objects.awaiting_vetting().filter(officer__unit=OuterRef("pk"))
    qs = Unit.objects.visible_to(user)
    qs = _annotate_starts(qs, pending, "officer__unit")
    qs = qs.annotate(**current_decision_fields("unit", unit=OuterRef("pk")))
    return qs.filter(first_start__isnull=False).filter(_unit_needs_decision())


def _state(
    outcome: str | None, start: dt.date | None, end: dt.date | None, first: dt.date, last: dt.date
) -> dict[str, Any]:
    """How a subject's current decision reads against the pending starts."""
    if outcome is None:
        return {"label": _("Not vetted"), "css": "text-bg-secondary", "covers": False}
    label = Outcome(outcome).label
    covers = outcome == Outcome.CLEARED and start <= first and last <= end  # type: ignore[operator]
    css = {Outcome.CLEARED: "text-bg-success", Outcome.NOT_CLEARED: "text-bg-danger"}.get(
        Outcome(outcome), "text-bg-warning"
    )
    note = ""
    if outcome == Outcome.CLEARED and not covers:
        css = "text-bg-warning"
        note = _("Does not cover every pending start.")
    return {"label": label, "css": css, "covers": covers, "from": start, "until": end, "note": note}


def _queue_rows(kind: str, rows: list[Any]) -> None:
    """Attach each row's decision states, and for officers what the gate finds missing."""
    if kind == "units":
        for unit in rows:
            unit.state = _state(
                unit.unit_outcome,
                unit.unit_valid_from,
                unit.unit_valid_until,
                unit.first_start,
                unit.last_start,
            )
        return
    pairs = [(o, o.first_start) for o in rows] + [
        (o, o.last_start) for o in rows if o.last_start != o.first_start
    ]
    missing: dict[int, list[str]] = {o.pk: [] for o in rows}
    for (officer, _day), report in zip(pairs, check_gates(pairs), strict=True):
        for problem in report.missing:
            if problem not in missing[officer.pk]:
                missing[officer.pk].append(problem)
    for officer in rows:
        officer.state = _state(
            officer.officer_outcome,
            officer.officer_valid_from,
            officer.officer_valid_until,
            officer.first_start,
            officer.last_start,
        )
        officer.unit_state = _state(
            officer.unit_outcome,
            officer.unit_valid_from,
            officer.unit_valid_until,
            officer.first_start,
            officer.last_start,
        )
        officer.missing = missing[officer.pk]


@login_required
@require_GET
def decision_queue(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    _require_reader(user)
    kind = "units" if request.GET.get("kind") == "units" else "officers"
    query = request.GET.get("q", "").strip()
    partner = request.GET.get("partner", "")
    officers = officer_queue(user)
    units = unit_queue(user)
    if query:
        # name_key is case-folded in every script (SQLite's LIKE folds ASCII only).
        officers = officers.filter(
            Q(name_key__contains=name_key(query))
            | Q(full_name__icontains=query)
            | Q(name_latin__icontains=query)
            | Q(unit__name__icontains=query)
        )
        units = units.filter(Q(name__icontains=query) | Q(agency__name__icontains=query))
    if partner.isdigit():
        officers = officers.filter(partner_id=int(partner))
        units = units.filter(agency__partner_id=int(partner))
    if kind == "units":
        shown: QuerySet[Any] = units.select_related("agency__partner", "parent").order_by(
            F("first_start").asc(), "name", "pk"
        )
        other_count = officers.count()
    else:
        shown = (
            officers.select_related("unit", "partner")
            .prefetch_related(
                Prefetch(
                    "nominations",
                    queryset=Nomination.objects.awaiting_vetting()
                    .select_related("activity")
                    .order_by("activity__starts_on"),
                    to_attr="pending",
                )
            )
            .order_by(F("first_start").asc(), "name_latin", "pk")
        )
        other_count = units.count()
    listing = paginate(request, shown, filters=QUEUE_FILTERS)
    rows = list(listing.page.object_list)
    _queue_rows(kind, rows)
    listing.page.object_list = rows
    context = {
        "listing": listing,
        "kind": kind,
        "other_count": other_count,
        "partners": Partner.objects.all(),
        "officers_link": listing.querystring(kind="", page=""),
        "units_link": listing.querystring(kind="units", page=""),
    }
    template = "vetting/decision_queue.html"
    if wants_partial(request, "results"):
        template += "#results"
    return render(request, template, context)


# --- Deciding -------------------------------------------------------------------------------


def _decide(
    request: HttpRequest, *, officer: Officer | None = None, unit: Unit | None = None
) -> HttpResponse:
    user = signed_in_user(request)
    kind = "officer" if officer is not None else "unit"
    context: dict[str, Any] = {"officer": officer, "unit": unit, "kind": kind}
    subject = {"officer": officer} if officer is not None else {"unit": unit}
    context["current"] = _latest_decision(**subject).first()
    alerts = (
        Alert.objects.filter(**subject)
        .exclude(status=AlertStatus.OPEN)
        .select_related("entry", "watchlist")
        .most_likely_first()
    )
    context["open_alerts"] = Alert.objects.open().filter(**subject).count()
    if request.method == "GET":
        # Pre-select what no decision cites yet, and an alert named in the link (?alert=).
        cite = set(alerts.filter(decisions__isnull=True).values_list("pk", flat=True))
        named = int_or_none(request.GET.get("alert"))
        if named is not None and alerts.filter(pk=named).exists():
            cite.add(named)
        context["form"] = DecisionForm(subject_kind=kind, alerts=alerts, cite=cite)
        return render(request, "vetting/decision_form.html", context)
    form = DecisionForm(request.POST, subject_kind=kind, alerts=alerts)
    context["form"] = form
    if form.is_valid():
        data = form.cleaned_data
        try:
            decision = decide_vetting(
                by=user,
                outcome=data["outcome"],
                reason=data["reason"],
                sources=data["sources"],
                officer=officer,
                unit=unit,
                valid_from=data["valid_from"],
                valid_until=data["valid_until"],
                evidence=data["evidence"],
                is_publishable=data.get("is_publishable", False),
                alerts=list(data.get("alerts") or ()),
            )
        except ActionError as error:
            form.add_action_error(error)
        else:
            messages.success(
                request,
                _("Decision recorded: %(subject)s — %(outcome)s.")
                % {"subject": decision.subject, "outcome": decision.get_outcome_display()},
            )
            return redirect(decision)
    return render(request, "vetting/decision_form.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def officer_decision_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    _require_analyst(user)
    officer = get_object_or_404(
        Officer.objects.visible_to(user).select_related("unit", "partner"), pk=pk
    )
    return _decide(request, officer=officer)


@login_required
@require_http_methods(["GET", "POST"])
def unit_decision_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    _require_analyst(user)
    unit = get_object_or_404(Unit.objects.visible_to(user).select_related("agency__partner"), pk=pk)
    return _decide(request, unit=unit)


# --- Reading decisions ----------------------------------------------------------------------


@login_required
@require_GET
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    _require_reader(user)
    decision = get_object_or_404(
        Decision.objects.select_related(
            "officer__unit", "officer__partner", "unit__agency__partner", "decided_by"
        ),
        pk=pk,
    )
    if decision.officer_id:
        current = _latest_decision(officer_id=decision.officer_id).values_list("pk", flat=True)
    else:
        current = _latest_decision(unit_id=decision.unit_id).values_list("pk", flat=True)
    context = {
        "decision": decision,
        "is_current": current.first() == decision.pk,
        "sources": [line for line in decision.sources.splitlines() if line.strip()],
        "cited_alerts": decision.alerts.select_related("entry", "watchlist").order_by("pk"),
        "shows_evidence": user.may_see_restricted_evidence,
    }
    return render(request, "vetting/decision_detail.html", context)


@login_required
@require_GET
def officer_decision_list(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    _require_reader(user)
    officer = get_object_or_404(
        Officer.objects.visible_to(user).select_related("unit__agency", "partner"), pk=pk
    )
    pending = list(
        Nomination.objects.visible_to(user)
        .awaiting_vetting()
        .filter(officer=officer)
        .select_related("activity")
        .order_by("activity__starts_on")
    )
    context = {
        "officer": officer,
        "kind": "officer",
        "decisions": _latest_decision(officer=officer).select_related("decided_by"),
        "unit_decision": _latest_decision(unit=officer.unit).first(),
        "pending": [(n, check_gate(officer, n.activity.starts_on)) for n in pending],
    }
    return render(request, "vetting/decision_list.html", context)


@login_required
@require_GET
def unit_decision_list(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    _require_reader(user)
    unit = get_object_or_404(
        Unit.objects.visible_to(user).select_related("agency__partner", "parent"), pk=pk
    )
    context = {
        "unit": unit,
        "kind": "unit",
        "path": unit.path(),
        "decisions": _latest_decision(unit=unit).select_related("decided_by"),
        "pending_officers": Officer.objects.visible_to(user)
        .filter(unit=unit, nominations__status=NominationStatus.NOMINATED)
        .distinct()
        .count(),
    }
    return render(request, "vetting/decision_list.html", context)


# --- Watchlists -----------------------------------------------------------------------------


WATCHLIST_VIEWS = ["show"]
CHANGE_TABS = {"added": Change.ADDED, "changed": Change.CHANGED}


@login_required
@require_GET
def watchlist_list(request: HttpRequest) -> HttpResponse:
    _require_reader(signed_in_user(request))
    watchlists = Watchlist.objects.prefetch_related(
        Prefetch(
            "versions",
            queryset=ListVersion.objects.select_related("imported_by").defer(
                "added_ids", "removed_ids", "changed_ids"
            ),
        )
    )
    return render(request, "vetting/watchlist_list.html", {"watchlists": watchlists})


def _save_uploads(uploads: list[UploadedFile], folder: Path) -> list[Path]:
    """Write the uploads under `folder`, each in its own subfolder so that its own name (which
    the problems report) is kept, even when two files share a name."""
    paths = []
    for number, upload in enumerate(uploads):
        name = Path(upload.name or "").name or f"file-{number + 1}"
        path = folder / str(number) / name
        path.parent.mkdir()
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        paths.append(path)
    return paths


@login_required
@require_http_methods(["GET", "POST"])
def watchlist_import(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not user.is_analyst:
        raise PermissionDenied(_("Only vetting analysts import watchlists."))
    if request.method == "GET":
        context: dict[str, Any] = {"form": WatchlistImportForm(), "problems": []}
        return render(request, "vetting/watchlist_import.html", context)
    form = WatchlistImportForm(request.POST, request.FILES)
    context = {"form": form, "problems": []}
    if form.is_valid():
        data = form.cleaned_data
        try:
            with tempfile.TemporaryDirectory(prefix="watchlist-") as folder:
                version = import_watchlist(
                    format=data["format"],
                    paths=_save_uploads(data["list_files"], Path(folder)),
                    by=user,
                    source_date=data["source_date"],
                    name=data["name"],
                )
        except WatchlistRejected as error:
            put_on_form(form, error)
            context["problems"] = error.problems
        except ActionError as error:
            put_on_form(form, error)
        else:
            if version.already_imported:
                messages.info(
                    request,
                    _("These files were already imported as this version; nothing changed."),
                )
            else:
                messages.success(
                    request,
                    _(
                        "Imported %(list)s: %(entries)d entries, %(added)d added, %(removed)d "
                        "removed, %(changed)d changed."
                    )
                    % {
                        "list": version.watchlist,
                        "entries": version.entity_count,
                        "added": version.added_count,
                        "removed": version.removed_count,
                        "changed": version.changed_count,
                    },
                )
            return redirect(version)
    return render(request, "vetting/watchlist_import.html", context, status=400)


@login_required
@require_GET
def watchlist_version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A version's entries, or what changed from the previous version (`show`), searchable."""
    _require_reader(signed_in_user(request))
    version = get_object_or_404(
        ListVersion.objects.select_related("watchlist", "imported_by", "previous").defer(
            "added_ids", "removed_ids", "changed_ids"
        ),
        pk=pk,
    )
    show = request.GET.get("show", "")
    entries: QuerySet[ListedEntry]
    if show == "removed" and version.previous is not None:
        # Removed entries are read from the version they were in.
        entries = ListedEntry.objects.filter(version=version.previous).exclude(
            entity_id__in=ListedEntry.objects.filter(version=version).values("entity_id")
        )
    elif show == "removed":
        entries = ListedEntry.objects.none()
    else:
        entries = ListedEntry.objects.filter(version=version)
        if show in CHANGE_TABS:
            entries = entries.filter(change=CHANGE_TABS[show])
        else:
            show = ""
    query = request.GET.get("q", "").strip()
    if query:
        entries = entries.filter(
            Q(search_key__contains=name_key(query)) | Q(entity_id__icontains=query)
        )
    listing = paginate(
        request,
        entries.only(
            "pk", "entity_id", "kind", "primary_name", "nationalities", "programs", "change"
        ),
        filters=WATCHLIST_VIEWS,
    )
    tabs = [
        ("", _("All entries"), version.entity_count),
        ("added", _("Added"), version.added_count),
        ("removed", _("Removed"), version.removed_count),
        ("changed", _("Changed"), version.changed_count),
    ]
    context = {
        "version": version,
        "listing": listing,
        "show": show,
        "tabs": [(key, label, n, listing.querystring(show=key, page="")) for key, label, n in tabs],
    }
    template = "vetting/watchlist_version_detail.html"
    if wants_partial(request, "results"):
        template += "#results"
    return render(request, template, context)


# --- Alerts ---------------------------------------------------------------------------------

ALERT_FILTERS = ["status"]


def _alerts() -> AlertQuerySet:
    return Alert.objects.select_related(
        "officer__nationality",
        "officer__unit",
        "officer__partner",
        "unit__agency__partner__country",
        "unit__parent",
        "entry",
        "version",
        "watchlist",
        "decided_by",
    )


@login_required
@require_GET
def alert_list(request: HttpRequest) -> HttpResponse:
    """Alerts raised by screening, the most likely match first (open ones by default)."""
    user = signed_in_user(request)
    _require_reader(user)
    status = request.GET.get("status", "")
    if status not in AlertStatus.values:
        status = AlertStatus.OPEN
    shown = Alert.objects.filter(status=status)
    listing = paginate(
        request,
        _alerts().filter(status=status).most_likely_first(),
        filters=ALERT_FILTERS,
        count_from=shown,
    )
    counts = dict(Alert.objects.values_list("status").annotate(n=Count("pk")).order_by())
    context = {
        "listing": listing,
        "status": status,
        "tabs": [
            (value, label, counts.get(value, 0), listing.querystring(status=value, page=""))
            for value, label in AlertStatus.choices
        ],
        "may_decide": user.is_analyst,
    }
    template = "vetting/alert_list.html"
    if wants_partial(request, "results"):
        template += "#results"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One alert, query and listed entry side by side; analysts dismiss or confirm it here."""
    user = signed_in_user(request)
    _require_reader(user)
    alert = get_object_or_404(_alerts(), pk=pk)
    context: dict[str, Any] = {"alert": alert, "may_decide": user.is_analyst}
    if request.method == "GET":
        context["form"] = AlertDecisionForm()
        return render(request, "vetting/alert_detail.html", context)
    if not user.is_analyst:
        raise PermissionDenied(_("Only vetting analysts decide on alerts."))
    form = AlertDecisionForm(request.POST)
    context["form"] = form
    if form.is_valid():
        decide = dismiss_alert if form.cleaned_data["decision"] == "dismiss" else confirm_alert
        try:
            alert = decide(alert, reason=form.cleaned_data["reason"], by=user)
        except ActionError as error:
            put_on_form(form, error)
        else:
            messages.success(
                request,
                _("Alert on %(subject)s: %(status)s.")
                % {"subject": alert.subject, "status": alert.get_status_display()},
            )
            return redirect("vetting:alert_list")
    return render(request, "vetting/alert_detail.html", context, status=400)


# --- Re-screening ---------------------------------------------------------------------------


def _rescreen_runs() -> QuerySet[RescreenRun]:
    return RescreenRun.objects.select_related("version__watchlist", "started_by").defer(
        "version__added_ids", "version__removed_ids", "version__changed_ids"
    )


@login_required
@require_GET
def rescreen_list(request: HttpRequest) -> HttpResponse:
    """Re-screening runs, the latest first, with their progress; running rows poll themselves."""
    _require_reader(signed_in_user(request))
    listing = paginate(request, _rescreen_runs(), count_from=RescreenRun.objects.all())
    context = {
        "listing": listing,
        "any_running": any(run.is_running for run in listing.page.object_list),
        "may_start": signed_in_user(request).is_analyst,
    }
    template = "vetting/rescreen_list.html"
    if wants_partial(request, "results"):
        template += "#results"
    return render(request, template, context)


@login_required
@require_POST
def rescreen_start(request: HttpRequest) -> HttpResponse:
    """An analyst queues a re-screening of everyone against every current list in full."""
    user = signed_in_user(request)
    if not user.is_analyst:
        raise PermissionDenied(_("Only vetting analysts start a re-screening."))
    try:
        run = request_rescreen(by=user)
    except ActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Re-screening %(n)d is queued: the worker runs it, and its row shows the progress.")
            % {"n": run.pk},
        )
    return redirect("vetting:rescreen_list")


@login_required
@require_GET
def rescreen_row(request: HttpRequest, pk: int) -> HttpResponse:
    """One run's row, for htmx to poll while it runs; a browser without JavaScript gets the list."""
    _require_reader(signed_in_user(request))
    run = get_object_or_404(_rescreen_runs(), pk=pk)
    if not wants_partial(request):
        return redirect("vetting:rescreen_list")
    return render(request, "vetting/rescreen_list.html#row", {"run": run})
