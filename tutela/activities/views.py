"""Pages of the activities app: the list, one activity, scheduling, status, staff and seats."""

from fractions import Fraction
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tutela.accounts.auth import signed_in_user
from tutela.accounts.models import User
from tutela.activities import actions
from tutela.activities.forms import (
    ActivityForm,
    BootstrapForm,
    SeatRequestForm,
    SeatRulesForm,
    StaffForm,
    StatusForm,
)
from tutela.activities.models import STATUS_FLOW, Activity, ActivityStatus, Mode
from tutela.audit.models import Event
from tutela.lib.errors import ActionError
from tutela.lib.htmx import wants_partial
from tutela.lib.listing import paginate
from tutela.nominations.actions import seats_left
from tutela.nominations.models import Nomination, NominationStatus
from tutela.partners.models import Country

LIST_FILTERS = ["mode", "status", "country", "year"]


def _require_secretariat(user: User) -> None:
    if not user.is_secretariat:
        raise PermissionDenied(_("Only the secretariat may do this."))


def _sees_nominations(user: User) -> bool:
    return user.is_liaison or user.sees_everything or user.is_instructor or user.is_consultant


def _with_nomination_counts(activities: QuerySet[Activity], user: User) -> QuerySet[Activity]:
    """Annotate counts of the nominations the user may see: one query for the whole page."""
    if not _sees_nominations(user):
        return activities.annotate(
            nominated_count=Value(None, IntegerField()), enrolled_count=Value(None, IntegerField())
        )
    mine = Nomination.objects.visible_to(user).filter(activity=OuterRef("pk")).order_by()

    def count(qs: QuerySet[Nomination]) -> Coalesce:
        counted = qs.values("activity").annotate(n=Count("pk", distinct=True)).values("n")
        return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

    return activities.annotate(nominated_count=count(mine), enrolled_count=count(mine.enrolled()))


def _language_names(codes: list[str]) -> list[str]:
    names = []
    for code in codes:
        try:
            names.append(str(get_language_info(code)["name_translated"]))
        except KeyError:
            names.append(code)
    return names


# --- List -----------------------------------------------------------------------------------


@login_required
@require_GET
def activity_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    visible = Activity.objects.visible_to(user)
    activities: QuerySet[Activity] = visible.search(request.GET.get("q", "").strip())
    mode = request.GET.get("mode", "")
    if mode in Mode.values:
        activities = activities.filter(mode=mode)
    status = request.GET.get("status", "")
    if status in ActivityStatus.values:
        activities = activities.filter(status=status)
    country = request.GET.get("country", "").strip().upper()
    if country:
        activities = activities.filter(country__code=country)
    year = request.GET.get("year", "")
    if year.isdigit():
        activities = activities.filter(starts_on__year=int(year))
    activities = _with_nomination_counts(
        activities.select_related("course_version__course", "country", "host_institution"), user
    )
    listing = paginate(request, activities, filters=LIST_FILTERS)
    context: dict[str, Any] = {
        "listing": listing,
        "modes": Mode.choices,
        "statuses": ActivityStatus.choices,
        "countries": Country.objects.filter(pk__in=visible.values("country_id")),
        "years": [d.year for d in visible.dates("starts_on", "year", order="DESC")],
        "sees_nominations": _sees_nominations(user),
    }
    template = "activities/activity_list.html"
    if wants_partial(request, "results"):
        template += "#results"
    return render(request, template, context)


# --- Detail ---------------------------------------------------------------------------------


def _visible_activity(user: User, pk: int) -> Activity:
    return get_object_or_404(
        Activity.objects.visible_to(user).select_related(
            "course_version__course", "country", "host_institution", "director"
        ),
        pk=pk,
    )


def _transitions(activity: Activity) -> list[tuple[str, str]]:
    order = list(ActivityStatus.values)
    allowed = sorted(STATUS_FLOW.get(activity.status, set()), key=order.index)
    return [(value, str(ActivityStatus(value).label)) for value in allowed]


def _detail_context(request: HttpRequest, activity: Activity, **extra: Any) -> dict[str, Any]:
    user = signed_in_user(request)
    context: dict[str, Any] = {
        "activity": activity,
        "staff": list(activity.staff.all()),
        "languages": _language_names(activity.languages),
        "sees_nominations": _sees_nominations(user),
    }
    if context["sees_nominations"]:
        nominations = (
            Nomination.objects.visible_to(user)
            .filter(activity=activity)
            .select_related("officer__unit", "partner")
            .order_by("partner__name", "officer__name_latin", "pk")
        )
        counts = dict.fromkeys(NominationStatus.values, 0)
        rows = nominations.order_by().values("status").annotate(n=Count("pk", distinct=True))
        for row in rows:
            counts[row["status"]] = row["n"]
        context["status_counts"] = [
            (value, label, counts[value]) for value, label in NominationStatus.choices
        ]
        context["nomination_total"] = sum(counts.values())
        context["listing"] = paginate(request, nominations)
    if user.is_liaison and user.partner_id:
        context["seats_left"] = seats_left(activity, user.partner)  # type: ignore[arg-type]
        context["own_allocation"] = activity.seat_allocations.filter(
            partner_id=user.partner_id
        ).first()
    if user.is_secretariat:
        context["transitions"] = _transitions(activity)
        context.setdefault("status_form", StatusForm())
    context["allocation_count"] = activity.seat_allocations.count()
    context.update(extra)
    return context


@login_required
@require_GET
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _visible_activity(signed_in_user(request), pk)
    context = _detail_context(request, activity)
    template = "activities/activity_detail.html"
    if wants_partial(request, "nominations"):
        template += "#nominations"
    return render(request, template, context)


# --- Secretariat: schedule, status, staff ----------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    _require_secretariat(user)
    if request.method == "GET":
        form = ActivityForm(initial={"seat_floor": 0})
        return render(request, "activities/activity_form.html", {"form": form})
    form = ActivityForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            activity = actions.schedule_activity(
                by=user,
                code=data["code"],
                title=data["title"],
                mode=data["mode"],
                course_version=data["course_version"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                country=data["country"],
                capacity=data["capacity"],
                location=data["location"],
                host_institution=data["host_institution"],
                languages=data["languages"],
                director=data["director"],
                staff=list(data["staff"]),
                seat_floor=data["seat_floor"],
                seat_cap=data["seat_cap"],
            )
        except ActionError as error:
            form.add_action_error(error)
        else:
            messages.success(request, _("Activity %(code)s scheduled.") % {"code": activity.code})
            return redirect(activity)
    return render(request, "activities/activity_form.html", {"form": form}, status=400)


@login_required
@require_POST
def activity_status_update(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    _require_secretariat(user)
    activity = _visible_activity(user, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            actions.set_activity_status(activity, form.cleaned_data["status"], by=user)
        except ActionError as error:
            form.add_action_error(error)
        else:
            messages.success(
                request,
                _("%(code)s is now %(status)s.")
                % {"code": activity.code, "status": activity.get_status_display()},
            )
            return redirect(activity)
    activity.refresh_from_db()
    context = _detail_context(request, activity, status_form=form)
    return render(request, "activities/activity_detail.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def activity_staff_update(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    _require_secretariat(user)
    activity = _visible_activity(user, pk)
    if request.method == "GET":
        form = StaffForm.for_activity(activity)
        return render(
            request, "activities/activity_staff_form.html", {"activity": activity, "form": form}
        )
    form = StaffForm(request.POST)
    if form.is_valid():
        try:
            actions.assign_activity_staff(
                activity,
                director=form.cleaned_data["director"],
                staff=list(form.cleaned_data["staff"]),
                by=user,
            )
        except ActionError as error:
            form.add_action_error(error)
        else:
            messages.success(request, _("Director and staff saved."))
            return redirect(activity)
    return render(
        request,
        "activities/activity_staff_form.html",
        {"activity": activity, "form": form},
        status=400,
    )


# --- Seats ----------------------------------------------------------------------------------


def _seat_rows(activity: Activity, allocations: list[Any]) -> list[dict[str, Any]]:
    """Each partner's seats with the steps that reached them, for the reader to follow."""
    rows = []
    for allocation in allocations:
        trail = allocation.explanation or {}
        requested = int(trail.get("requested", allocation.requested))
        floor_seats = int(trail.get("floor_seats", 0))
        won_at = list(trail.get("won_at", []))
        steps = []
        for index, quotient in enumerate(won_at):
            held = floor_seats + index
            steps.append(
                {"seat": held + 1, "held": held, "divisor": 2 * held + 1, "quotient": quotient}
            )
        limited_by = trail.get("limited_by", "")
        next_quotient = None
        if not limited_by and requested:
            next_quotient = f"{float(Fraction(requested, 2 * allocation.seats + 1)):.3f}"
        rows.append(
            {
                "partner": allocation.partner,
                "requested": requested,
                "floor_seats": floor_seats,
                "won": len(won_at),
                "seats": allocation.seats,
                "steps": steps,
                "limited_by": limited_by,
                "next_divisor": 2 * allocation.seats + 1,
                "next_quotient": next_quotient,
            }
        )
    return rows


def _seats_context(request: HttpRequest, activity: Activity, **extra: Any) -> dict[str, Any]:
    user = signed_in_user(request)
    requests = list(activity.seat_requests.select_related("partner"))
    requested_total = sum(r.seats for r in requests)
    allocations = list(activity.seat_allocations.select_related("partner"))
    rows = _seat_rows(activity, allocations)
    allocated = sum(a.seats for a in allocations)
    last = (
        Event.objects.for_object(activity)
        .filter(verb="seats.allocated")
        .order_by("-sequence")
        .first()
    )
    stale = bool(allocations) and (
        {(r.partner_id, r.seats) for r in requests}
        != {(a.partner_id, a.requested) for a in allocations}
        or (
            last is not None
            and (last.data.get("floor"), last.data.get("cap"))
            != (activity.seat_floor, activity.seat_cap)
        )
    )
    winning = [float(step["quotient"]) for row in rows for step in row["steps"]]
    if user.is_liaison:
        # A liaison sees the totals, and only their own partner's request and seats.
        rows = [row for row in rows if row["partner"].pk == user.partner_id]
        requests = [r for r in requests if r.partner_id == user.partner_id]
    open_for_requests = activity.status in {ActivityStatus.PLANNED, ActivityStatus.OPEN}
    context: dict[str, Any] = {
        "activity": activity,
        "requests": requests,
        "requested_total": requested_total,
        "rows": rows,
        "allocated": allocated,
        "unused": activity.capacity - allocated if allocations else None,
        "last_quotient": f"{min(winning):.3f}" if winning else None,
        "last_allocation": last,
        "stale": stale,
        "open_for_requests": open_for_requests,
    }
    if open_for_requests and (user.is_secretariat or (user.is_liaison and user.partner_id)):
        own = next((r for r in requests if r.partner_id == user.partner_id), None)
        initial = {"seats": own.seats} if own else {}
        context["request_form"] = SeatRequestForm(user=user, initial=initial)
    if user.is_liaison and user.partner_id:
        context["seats_left"] = seats_left(activity, user.partner)  # type: ignore[arg-type]
    if user.is_secretariat and open_for_requests:
        context["rules_form"] = SeatRulesForm.for_activity(activity)
        context["allocate_form"] = BootstrapForm()
    context.update(extra)
    return context


@login_required
@require_GET
def seat_allocation_list(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _visible_activity(signed_in_user(request), pk)
    return render(
        request, "activities/seat_allocation_list.html", _seats_context(request, activity)
    )


def _seats_refused(request: HttpRequest, activity: Activity, **forms: Any) -> HttpResponse:
    context = _seats_context(request, activity, **forms)
    return render(request, "activities/seat_allocation_list.html", context, status=400)


@login_required
@require_POST
def seat_request_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    if not (user.is_secretariat or (user.is_liaison and user.partner_id)):
        raise PermissionDenied(_("Only liaisons and the secretariat request seats."))
    activity = _visible_activity(user, pk)
    form = SeatRequestForm(request.POST, user=user)
    if form.is_valid():
        partner = form.cleaned_data["partner"] if user.is_secretariat else user.partner
        assert partner is not None  # a liaison without a partner was refused above
        try:
            actions.request_seats(activity, partner, form.cleaned_data["seats"], by=user)
        except ActionError as error:
            form.add_action_error(error)
        else:
            messages.success(
                request,
                _("%(partner)s requests %(n)s seats.")
                % {"partner": partner, "n": form.cleaned_data["seats"]},
            )
            return redirect("activities:seats", pk=activity.pk)
    return _seats_refused(request, activity, request_form=form)


@login_required
@require_POST
def seat_rules_update(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    _require_secretariat(user)
    activity = _visible_activity(user, pk)
    form = SeatRulesForm(request.POST)
    if form.is_valid():
        try:
            actions.set_seat_rules(
                activity,
                floor=form.cleaned_data["seat_floor"],
                cap=form.cleaned_data["seat_cap"],
                by=user,
            )
        except ActionError as error:
            form.add_action_error(error)
        else:
            messages.success(request, _("Seat floor and cap saved."))
            return redirect("activities:seats", pk=activity.pk)
    activity.refresh_from_db()
    return _seats_refused(request, activity, rules_form=form)


@login_required
@require_POST
def seat_allocation_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    _require_secretariat(user)
    activity = _visible_activity(user, pk)
    form = BootstrapForm(request.POST)
    try:
        allocations = actions.allocate_seats(activity, by=user)
    except ActionError as error:
        form.add_action_error(error)
        return _seats_refused(request, activity, allocate_form=form)
    messages.success(
        request,
        _("%(n)s seats allocated among %(p)s partners.")
        % {"n": sum(a.seats for a in allocations), "p": len(allocations)},
    )
    return redirect("activities:seats", pk=activity.pk)
