"""Nominations, officers, roster uploads and invitation letters.

Liaisons nominate for their own partner and see only its nominations and officers; the secretariat
nominates for any partner, enrols through the vetting gate, closes and completes; the secretariat
head alone may override the gate, with a written reason that is flagged to oversight.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tutela.accounts.auth import signed_in_user
from tutela.accounts.models import User
from tutela.activities.models import Activity, ActivityStatus
from tutela.audit.models import Event
from tutela.lib.errors import ActionError, NotAllowed, put_on_form
from tutela.lib.htmx import wants_partial
from tutela.lib.listing import int_or_none, paginate
from tutela.lib.names import clean_name
from tutela.lib.tabular import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, TableError
from tutela.nominations import roster
from tutela.nominations.actions import (
    OfficerData,
    RosterInvalid,
    activities_open_to,
    close_nomination,
    complete_nomination,
    enrol_nominee,
    import_roster,
    nominate_officer,
)
from tutela.nominations.forms import (
    CloseForm,
    EnrolOverrideForm,
    NominationForm,
    PartnerChoiceForm,
    RosterForm,
)
from tutela.nominations.models import Enrolment, Nomination, NominationStatus, Officer
from tutela.partners.models import Partner, Unit
from tutela.vetting.gate import check_gate
from tutela.vetting.models import (
    Decision,
    Outcome,
    current_decision_fields,
    open_alert_exists,
)

VETTING_STATES = [
    ("cleared", gettext_lazy("Officer and unit cleared")),
    ("awaiting", gettext_lazy("Not yet vetted")),
    ("more_info", gettext_lazy("More information needed")),
    ("not_cleared", gettext_lazy("Not cleared")),
]
# Open screening alerts are shown to those who read vetting (analysts, secretariat, oversight).
ALERT_STATE = ("alert", gettext_lazy("Open screening alert"))

EVENT_LABELS = {
    "nomination.created": gettext_lazy("Nominated"),
    "enrolment.created": gettext_lazy("Enrolled (officer and unit cleared)"),
    "enrolment.override": gettext_lazy("Enrolled by override of the vetting gate"),
    "nomination.completed": gettext_lazy("Marked completed"),
    "nomination.withdrawn": gettext_lazy("Withdrawn"),
    "nomination.no_show": gettext_lazy("Marked no-show"),
}

ENROLLED_STATES = {NominationStatus.ENROLLED, NominationStatus.COMPLETED}


# --- Helpers ----------------------------------------------------------------------------------


def _latest_vetting(officer_ref: str, unit_ref: str) -> dict[str, Subquery]:
    """Annotations with the current (latest) decision on the officer and on their unit."""
    fields = ("outcome", "valid_until")
    return {
        **current_decision_fields("officer", fields, officer_id=OuterRef(officer_ref)),
        **current_decision_fields("unit", fields, unit_id=OuterRef(unit_ref)),
    }


def _filter_vetting(queryset: QuerySet[Any], state: str) -> QuerySet[Any]:
    if state == "cleared":
        return queryset.filter(officer_outcome=Outcome.CLEARED, unit_outcome=Outcome.CLEARED)
    if state == "awaiting":
        return queryset.filter(Q(officer_outcome__isnull=True) | Q(unit_outcome__isnull=True))
    if state in {Outcome.MORE_INFO, Outcome.NOT_CLEARED}:
        return queryset.filter(Q(officer_outcome=state) | Q(unit_outcome=state))
    return queryset


def _may_see_vetting_pages(user: User) -> bool:
    return user.sees_everything


def _vetting_links(user: User, officer: Officer) -> dict[str, str]:
    """Links to the officer's and unit's vetting records, for those who read vetting, and to
    record a decision, for analysts."""
    if not _may_see_vetting_pages(user):
        return {}
    links = {
        "officer": reverse("vetting:officer_decision_list", args=[officer.pk]),
        "unit": reverse("vetting:unit_decision_list", args=[officer.unit_id]),
    }
    if user.is_analyst:
        links["decide"] = reverse("vetting:officer_decision_create", args=[officer.pk])
    return links


# --- Nomination list --------------------------------------------------------------------------


@login_required
@require_GET
def nomination_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    search = clean_name(request.GET.get("q", ""))
    nominations: QuerySet[Any] = Nomination.objects.visible_to(user).search(search)
    status = request.GET.get("status", "").strip()
    if status in NominationStatus.values:
        nominations = nominations.filter(status=status)
    activity = request.GET.get("activity", "").strip()
    if activity:  # an activity's code, or its id (links from the activity page)
        activity_id = int_or_none(activity)
        if activity_id is not None:
            nominations = nominations.filter(activity_id=activity_id)
        else:
            nominations = nominations.filter(activity__code__iexact=activity)
    partner_id = int_or_none(request.GET.get("partner", ""))
    if partner_id is not None and not user.is_liaison:
        nominations = nominations.filter(partner_id=partner_id)
    vetting = request.GET.get("vetting", "").strip()
    reads_alerts = user.sees_everything
    if vetting == ALERT_STATE[0] and reads_alerts:
        nominations = nominations.filter(open_alert_exists("officer_id", "officer__unit_id"))
    elif vetting:
        nominations = _filter_vetting(
            nominations.annotate(**_latest_vetting("officer_id", "officer__unit_id")), vetting
        )
    filters = ["status", "activity", "vetting"] + ([] if user.is_liaison else ["partner"])
    # The displayed page carries the vetting annotations; the COUNT does without them.
    rows = nominations.select_related("officer", "partner", "activity").annotate(
        is_override=F("enrolment__is_override")
    )
    if not vetting or vetting == ALERT_STATE[0]:
        rows = rows.annotate(**_latest_vetting("officer_id", "officer__unit_id"))
    if reads_alerts:
        rows = rows.annotate(has_open_alert=open_alert_exists("officer_id", "officer__unit_id"))
    listing = paginate(request, rows, filters=filters, count_from=nominations)
    context = {
        "listing": listing,
        "statuses": NominationStatus.choices,
        "vetting_states": VETTING_STATES + ([ALERT_STATE] if reads_alerts else []),
        "partners": None
        if user.is_liaison
        else Partner.objects.order_by("name").values_list("pk", "name"),
        "may_nominate": user.is_secretariat or (user.is_liaison and user.partner_id),
    }
    template = "nominations/nomination_list.html"
    return render(request, f"{template}#results" if wants_partial(request) else template, context)


# --- Nomination detail and its actions --------------------------------------------------------


def _close_statuses(user: User, nomination: Nomination) -> list[str]:
    """The ways this user may close this nomination now (withdrawn, no-show)."""
    status = nomination.status
    statuses: list[str] = []
    may_withdraw = user.is_secretariat or (
        user.is_liaison and user.partner_id == nomination.partner_id
    )
    if may_withdraw and status in {NominationStatus.NOMINATED, NominationStatus.ENROLLED}:
        statuses.append(NominationStatus.WITHDRAWN)
    if user.is_secretariat and status == NominationStatus.ENROLLED:
        statuses.append(NominationStatus.NO_SHOW)
    return statuses


def _is_course_director(user: User, activity: Activity) -> bool:
    if not (user.is_instructor or user.is_consultant):
        return False
    return activity.director_id == user.pk or activity.staff.filter(pk=user.pk).exists()


def _may_complete(user: User, nomination: Nomination) -> bool:
    return user.is_secretariat or _is_course_director(user, nomination.activity)


def _may_read_invitation(user: User) -> bool:
    return user.is_secretariat or user.is_liaison or user.is_oversight


def _history(nomination: Nomination, enrolment: Enrolment | None) -> list[dict[str, Any]]:
    events = Event.objects.for_object(nomination)
    if enrolment is not None:
        events = events | Event.objects.for_object(enrolment)
    return [
        {
            "event": event,
            "label": EVENT_LABELS.get(event.verb, event.verb),
            "reason": (event.data or {}).get("reason", ""),
            "is_override": event.verb.endswith(".override"),
        }
        for event in events.order_by("sequence")
    ]


def _nomination(request: HttpRequest, pk: int) -> Nomination:
    return get_object_or_404(
        Nomination.objects.visible_to(signed_in_user(request)).select_related(
            "officer__unit__agency",
            "officer__partner",
            "officer__nationality",
            "activity__host_institution",
            "activity__country",
            "partner",
            "nominated_by",
            "completed_by",
        ),
        pk=pk,
    )


def _render_detail(
    request: HttpRequest, nomination: Nomination, *, status: int = 200, **extra: Any
) -> HttpResponse:
    user = signed_in_user(request)
    activity = nomination.activity
    enrolment = (
        Enrolment.objects.filter(nomination=nomination).select_related("enrolled_by").first()
    )
    gate = check_gate(nomination.officer, activity.starts_on)
    is_waiting = nomination.status == NominationStatus.NOMINATED
    may_override = user.is_secretariat_head and is_waiting and not gate.is_open
    close_statuses = _close_statuses(user, nomination)
    context: dict[str, Any] = {
        "nomination": nomination,
        "officer": nomination.officer,
        "activity": activity,
        "unit_path": nomination.officer.unit.path(),
        "enrolment": enrolment,
        "gate": gate,
        "history": _history(nomination, enrolment),
        "may_enrol": user.is_secretariat and is_waiting,
        "may_override": may_override,
        "override_form": EnrolOverrideForm() if may_override else None,
        "close_form": CloseForm(statuses=close_statuses) if close_statuses else None,
        "may_complete": nomination.status == NominationStatus.ENROLLED
        and activity.status in {ActivityStatus.RUNNING, ActivityStatus.COMPLETED}
        and _may_complete(user, nomination),
        "may_read_invitation": nomination.status in ENROLLED_STATES and _may_read_invitation(user),
        "show_vetting_links": _may_see_vetting_pages(user),
        "vetting_links": _vetting_links(user, nomination.officer),
    }
    context.update(extra)
    return render(request, "nominations/nomination_detail.html", context, status=status)


@login_required
@require_GET
def nomination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _nomination(request, pk))


@login_required
@require_POST
def nomination_enrol(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    nomination = _nomination(request, pk)
    if not user.is_secretariat:
        raise PermissionDenied
    try:
        enrolment = enrol_nominee(nomination, by=user)
    except NotAllowed as error:
        raise PermissionDenied(error.message) from error
    except ActionError as error:
        return _render_detail(request, nomination, status=400, enrol_error=error.message)
    messages.success(
        request,
        _("%(officer)s is enrolled. Invitation number %(number)s.")
        % {"officer": nomination.officer, "number": enrolment.invitation_number},
    )
    return redirect(nomination)


@login_required
@require_POST
def nomination_override(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    nomination = _nomination(request, pk)
    if not user.is_secretariat_head:
        raise PermissionDenied
    form = EnrolOverrideForm(request.POST)
    if form.is_valid():
        try:
            enrolment = enrol_nominee(
                nomination, by=user, override_reason=form.cleaned_data["reason"]
            )
        except ActionError as error:
            put_on_form(form, error)
        else:
            if enrolment.is_override:
                messages.warning(
                    request,
                    _(
                        "%(officer)s is enrolled by override of the vetting gate. The override "
                        "and your reason are flagged to oversight."
                    )
                    % {"officer": nomination.officer},
                )
            else:
                messages.success(
                    request,
                    _("The vetting gate was open: %(officer)s is enrolled without an override.")
                    % {"officer": nomination.officer},
                )
            return redirect(nomination)
    return _render_detail(request, nomination, status=400, override_form=form)


@login_required
@require_POST
def nomination_close(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    nomination = _nomination(request, pk)
    if not (user.is_secretariat or user.is_liaison):
        raise PermissionDenied
    statuses = _close_statuses(user, nomination) or [
        NominationStatus.WITHDRAWN,
        NominationStatus.NO_SHOW,
    ]
    form = CloseForm(request.POST, statuses=statuses)
    if form.is_valid():
        try:
            close_nomination(
                nomination,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                by=user,
            )
        except ActionError as error:
            put_on_form(form, error)
        else:
            nomination.refresh_from_db(fields=["status"])
            messages.success(
                request,
                _("The nomination of %(officer)s is now: %(status)s.")
                % {"officer": nomination.officer, "status": nomination.get_status_display()},
            )
            return redirect(nomination)
    return _render_detail(request, nomination, status=400, close_form=form)


@login_required
@require_POST
def nomination_complete(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    nomination = _nomination(request, pk)
    if not _may_complete(user, nomination):
        raise PermissionDenied
    try:
        complete_nomination(nomination, by=user)
    except NotAllowed as error:
        raise PermissionDenied(error.message) from error
    except ActionError as error:
        return _render_detail(request, nomination, status=400, complete_error=error.message)
    messages.success(
        request, _("%(officer)s is marked as completed.") % {"officer": nomination.officer}
    )
    return redirect(nomination)


# --- Invitation letter ------------------------------------------------------------------------


@login_required
@require_GET
def nomination_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    nomination = _nomination(request, pk)
    if not _may_read_invitation(user):
        raise PermissionDenied
    if nomination.status not in ENROLLED_STATES:
        raise Http404
    enrolment = get_object_or_404(Enrolment, nomination=nomination)
    report = enrolment.gate_report or {}
    decision_ids = [report.get("officer_decision"), report.get("unit_decision")]
    decisions = {
        d.pk: d
        for d in Decision.objects.filter(pk__in=[i for i in decision_ids if i]).only(
            "pk", "outcome", "decided_at", "valid_from", "valid_until", "officer_id", "unit_id"
        )
    }
    context = {
        "nomination": nomination,
        "officer": nomination.officer,
        "activity": nomination.activity,
        "enrolment": enrolment,
        "officer_decision": decisions.get(decision_ids[0] or 0),
        "unit_decision": decisions.get(decision_ids[1] or 0),
        "checked_on": report.get("day", ""),
    }
    return render(request, "nominations/nomination_invitation.html", context)


# --- Nominating one officer -------------------------------------------------------------------


def _nominating_partner(request: HttpRequest) -> tuple[Partner | None, PartnerChoiceForm | None]:
    """The partner nominated for: the liaison's own; for the secretariat, the one it chose
    (None until it has chosen, with the form to choose)."""
    user = signed_in_user(request)
    if user.is_liaison:
        if user.partner is None:
            raise PermissionDenied
        return user.partner, None
    if not user.is_secretariat:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else request.GET
    chooser = PartnerChoiceForm(data if data.get("partner") else None)
    if chooser.is_bound and chooser.is_valid():
        return chooser.cleaned_data["partner"], chooser
    return None, chooser


@login_required
@require_http_methods(["GET", "POST"])
def nomination_create(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    partner, chooser = _nominating_partner(request)
    context: dict[str, Any] = {"partner": partner, "chooser": chooser}
    if partner is None:
        return render(
            request,
            "nominations/nomination_create.html",
            context,
            status=400 if request.method == "POST" else 200,
        )
    activities = activities_open_to(partner)
    if request.method == "POST":
        form = NominationForm(request.POST, partner=partner, activities=activities)
        if form.is_valid():
            data = form.cleaned_data
            officer = OfficerData(
                full_name=data["full_name"],
                name_latin=data["name_latin"],
                birth_date=data["birth_date"],
                gender=data["gender"],
                nationality=data["nationality"],
                rank=data["rank"],
                agency=data["agency"],
                unit=data["unit"],
                email=data["email"],
            )
            try:
                nomination = nominate_officer(
                    data["activity"],
                    officer,
                    partner=partner,
                    justification=data["justification"],
                    by=user,
                )
            except ActionError as error:
                put_on_form(form, error)
            else:
                messages.success(
                    request,
                    _("%(officer)s is nominated for %(activity)s and awaits vetting.")
                    % {"officer": nomination.officer, "activity": nomination.activity.code},
                )
                return redirect(nomination)
        context["form"] = form
        return render(request, "nominations/nomination_create.html", context, status=400)
    initial = {"activity": int_or_none(request.GET.get("activity", ""))}
    context["form"] = NominationForm(initial=initial, partner=partner, activities=activities)
    return render(request, "nominations/nomination_create.html", context)


# --- Roster upload ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def roster_upload(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if user.is_liaison:
        if user.partner is None:
            raise PermissionDenied
        activities = activities_open_to(user.partner)
    elif user.is_secretariat:
        activities = Activity.objects.open_for_nominations()
    else:
        raise PermissionDenied
    ask_partner = not user.is_liaison
    context: dict[str, Any] = {"columns": roster.column_notes(), "errors": None}
    if request.method == "POST":
        form = RosterForm(
            request.POST, request.FILES, activities=activities, ask_partner=ask_partner
        )
        if form.is_valid():
            partner: Partner | None = form.cleaned_data["partner"] if ask_partner else user.partner
            if partner is None:
                raise PermissionDenied
            activity = form.cleaned_data["activity"]
            try:
                rows = roster.read_roster(form.cleaned_data["file"])
                nominations = import_roster(activity, rows, partner=partner, by=user)
            except TableError as error:
                form.add_error("file", error.message)
            except RosterInvalid as error:
                context["errors"] = error.errors  # listed in a table above the form
            except ActionError as error:
                put_on_form(form, error)
            else:
                messages.success(
                    request,
                    _("%(n)d officers nominated for %(activity)s from the roster.")
                    % {"n": len(nominations), "activity": activity.code},
                )
                return redirect(f"{reverse('nominations:list')}?activity={activity.pk}")
        context["form"] = form
        return render(request, "nominations/roster_upload.html", context, status=400)
    initial = {"activity": int_or_none(request.GET.get("activity", ""))}
    context["form"] = RosterForm(initial=initial, activities=activities, ask_partner=ask_partner)
    return render(request, "nominations/roster_upload.html", context)


@login_required
@require_GET
def roster_template(request: HttpRequest, fmt: str) -> HttpResponse:
    user = signed_in_user(request)
    if not (user.is_liaison or user.is_secretariat):
        raise PermissionDenied
    partner = user.partner if user.is_liaison else None
    if fmt == "xlsx":
        body, content_type = roster.template_xlsx(partner), XLSX_CONTENT_TYPE
    elif fmt == "csv":
        body, content_type = roster.template_csv(partner), CSV_CONTENT_TYPE
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="tutela-roster-template.{fmt}"'
    return response


# --- Officers ---------------------------------------------------------------------------------


def _officer_reader(request: HttpRequest) -> User:
    user = signed_in_user(request)
    if not (user.sees_everything or user.is_liaison or user.is_instructor or user.is_consultant):
        raise PermissionDenied
    return user


@login_required
@require_GET
def officer_list(request: HttpRequest) -> HttpResponse:
    user = _officer_reader(request)
    nominations = (
        Nomination.objects.visible_to(user)
        .filter(officer_id=OuterRef("pk"))
        .order_by()
        .values("officer_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    officers: QuerySet[Any] = (
        Officer.objects.visible_to(user)
        .search(clean_name(request.GET.get("q", "")))
        .select_related("partner", "agency", "unit", "nationality")
        .annotate(**_latest_vetting("pk", "unit_id"))
        .annotate(nomination_count=Coalesce(Subquery(nominations, output_field=IntegerField()), 0))
    )
    partner_id = int_or_none(request.GET.get("partner", ""))
    if partner_id is not None and not user.is_liaison:
        officers = officers.filter(partner_id=partner_id)
    officers = _filter_vetting(officers, request.GET.get("vetting", "").strip())
    filters = ["vetting"] + ([] if user.is_liaison else ["partner"])
    listing = paginate(request, officers, filters=filters)
    context = {
        "listing": listing,
        "vetting_states": VETTING_STATES,
        "partners": None if user.is_liaison else Partner.objects.only("pk", "name"),
    }
    template = "nominations/officer_list.html"
    return render(request, f"{template}#results" if wants_partial(request) else template, context)


@dataclass(frozen=True)
class DecisionSummary:
    """What an officer page shows of a vetting decision: never its restricted evidence."""

    pk: int
    subject: str
    outcome: str
    outcome_label: str
    reason: str
    valid_from: dt.date
    valid_until: dt.date
    decided_at: dt.datetime


def _decision_summaries(officer: Officer) -> list[DecisionSummary]:
    rows = (
        Decision.objects.filter(Q(officer=officer) | Q(unit_id=officer.unit_id))
        .latest_first()
        .values("pk", "officer_id", "outcome", "reason", "valid_from", "valid_until", "decided_at")
    )
    return [
        DecisionSummary(
            pk=row["pk"],
            subject=_("Officer") if row["officer_id"] else _("Unit"),
            outcome=row["outcome"],
            outcome_label=str(Outcome(row["outcome"]).label),
            reason=row["reason"],
            valid_from=row["valid_from"],
            valid_until=row["valid_until"],
            decided_at=row["decided_at"],
        )
        for row in rows
    ]


@login_required
@require_GET
def officer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _officer_reader(request)
    officer = get_object_or_404(
        Officer.objects.visible_to(user).select_related(
            "partner", "agency", "unit__agency", "nationality"
        ),
        pk=pk,
    )
    unit: Unit = officer.unit
    nominations = (
        Nomination.objects.visible_to(user)
        .filter(officer=officer)
        .select_related("activity")
        .annotate(is_override=F("enrolment__is_override"))
        .order_by("-activity__starts_on")
    )
    context = {
        "officer": officer,
        "unit_path": unit.path(),
        "nominations": nominations,
        "decisions": _decision_summaries(officer),
        "show_vetting_links": _may_see_vetting_pages(user),
        "vetting_links": _vetting_links(user, officer),
    }
    return render(request, "nominations/officer_detail.html", context)


# --- Personal data (tutela/nominations/personal_data.py) -------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def officer_personal_data(request: HttpRequest, pk: int) -> HttpResponse:
    """The data-subject export (page and JSON download) for the secretariat and oversight, and
    the erasure for the secretariat head."""
    import json

    from tutela.nominations import personal_data

    user = signed_in_user(request)
    if not (user.is_secretariat or user.is_oversight):
        raise PermissionDenied
    officer = get_object_or_404(Officer, pk=pk)
    error = ""
    if request.method == "POST":
        try:
            counts = personal_data.erase_officer(
                officer, by=user, reason=request.POST.get("reason", "")
            )
        except ActionError as exc:
            if isinstance(exc, NotAllowed):
                raise PermissionDenied(exc.message) from exc
            error = exc.message
        else:
            messages.success(
                request,
                _("The person's data is erased (%(n)d rows pseudonymised).")
                % {"n": sum(counts.values())},
            )
            return redirect("nominations:officer_personal_data", officer.pk)
    try:
        data = personal_data.export_personal_data(officer, by=user)
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    if request.GET.get("format") == "json":
        response = HttpResponse(text, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="tutela-personal-data-{officer.pk}.json"'
        )
        return response
    context = {
        "officer": officer,
        "data": data,
        "json": text,
        "error": error,
        "may_erase": user.is_secretariat_head and not data["erased"],
    }
    return render(
        request, "nominations/officer_personal_data.html", context, status=400 if error else 200
    )
