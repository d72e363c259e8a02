"""Learning pages: the activity's learning record (attendance by day, scores, completion), the
QR check-in, the paper roster upload, completion rules, evaluation results, and the survey link.

Course directors and staff of an activity, and the secretariat, record; oversight, analysts and
reviewers read. The check-in and survey pages need no account: their signed links are the key.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tutela.accounts.auth import signed_in_user
from tutela.accounts.models import User
from tutela.activities.models import Activity, ActivityStatus
from tutela.curriculum.models import CourseVersion, VersionStatus
from tutela.learning import actions
from tutela.learning.forms import (
    CheckInForm,
    CompletionRuleForm,
    PaperRosterForm,
    SupervisorForm,
    survey_form,
)
from tutela.learning.models import Attendance, CompletionRule, Score, SurveyInvitation, TestKind
from tutela.learning.results import learning_gain_by_course_version, survey_results
from tutela.learning.surveys import questions_for
from tutela.lib.errors import ActionError, put_on_form
from tutela.lib.tabular import CSV_CONTENT_TYPE, TableError, read_table, write_csv
from tutela.nominations.models import Officer

LEARNING_STATES = (ActivityStatus.RUNNING, ActivityStatus.COMPLETED)


def may_read_learning(user: User) -> bool:
    return user.sees_everything or user.is_reviewer


def _activity(request: HttpRequest, pk: int, *, write: bool = False) -> tuple[User, Activity]:
    user = signed_in_user(request)
    activity = get_object_or_404(
        Activity.objects.visible_to(user).select_related("course_version__course", "director"),
        pk=pk,
    )
    if write and not actions.may_record_learning(user, activity):
        raise PermissionDenied
    if not (actions.may_record_learning(user, activity) or may_read_learning(user)):
        raise PermissionDenied
    return user, activity


@login_required
@require_GET
def activity_list(request: HttpRequest) -> HttpResponse:
    """Running and completed activities: a director's own, everything for readers."""
    user = signed_in_user(request)
    if not (
        user.is_secretariat or user.is_instructor or user.is_consultant or may_read_learning(user)
    ):
        raise PermissionDenied
    activities = (
        Activity.objects.visible_to(user)
        .filter(status__in=LEARNING_STATES)
        .select_related("course_version__course")
        .annotate(
            trainees=Count("nominations", filter=Q(nominations__status__in=actions.TRAINEE_STATES)),
            completed=Count("nominations", filter=Q(nominations__status="completed")),
        )
        .order_by("-starts_on", "code")[:200]
    )
    return render(request, "learning/activity_list.html", {"activities": activities})


@login_required
@require_GET
def activity_record(request: HttpRequest, pk: int) -> HttpResponse:
    """The learning record of one activity: who was there on which day, scores, completion."""
    user, activity = _activity(request, pk)
    if request.GET.get("day") and actions.may_record_learning(user, activity):
        return redirect("learning:attendance_day", activity.pk, request.GET["day"])
    days = actions.activity_days(activity)
    people = list(actions.trainees(activity))
    marks = {
        (a.nomination_id, a.day): a.present
        for a in Attendance.objects.filter(nomination__in=people)
    }
    scores: dict[tuple[int, str], Decimal] = {
        (s.nomination_id, s.kind): s.score for s in Score.objects.filter(nomination__in=people)
    }
    rule = (
        CompletionRule.objects.filter(course_version_id=activity.course_version_id).first()
        if activity.course_version_id
        else None
    )
    today = timezone.localdate()
    # Who falls short is shown from the last day on; before, the share is still growing.
    judged = today >= activity.ends_on
    outcomes = (
        {o.nomination.pk: o for o in actions.assess_trainees(activity, rule)}
        if judged and rule is not None
        else {}
    )
    rows = [
        {
            "nomination": n,
            "marks": [marks.get((n.pk, d)) for d in days],
            "present": sum(1 for d in days if marks.get((n.pk, d))),
            "pre": scores.get((n.pk, TestKind.PRE)),
            "post": scores.get((n.pk, TestKind.POST)),
            "outcome": outcomes.get(n.pk),
        }
        for n in people
    ]
    context = {
        "activity": activity,
        "days": days,
        "rows": rows,
        "rule": rule,
        "may_record": actions.may_record_learning(user, activity),
        "today": today if activity.starts_on <= today <= activity.ends_on else None,
        "recordable_days": [d for d in days if d <= today],
        "judged": judged,
    }
    return render(request, "learning/activity_record.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def attendance_day(request: HttpRequest, pk: int, day: str) -> HttpResponse:
    """The roster of one day: a checkbox per trainee."""
    user, activity = _activity(request, pk, write=True)
    try:
        date = dt.date.fromisoformat(day)
    except ValueError as exc:
        raise Http404 from exc
    people = list(actions.trainees(activity))
    error = None
    if request.method == "POST":
        present = []
        for value in request.POST.getlist("present"):
            try:
                present.append(int(value))
            except ValueError:
                continue
        try:
            count = actions.record_attendance(activity, date, present, by=user)
        except ActionError as exc:
            if exc.status == 403:
                raise PermissionDenied(exc.message) from exc
            error = exc.message
        else:
            messages.success(
                request,
                _("%(day)s: %(n)d of %(total)d present.")
                % {"day": date.isoformat(), "n": count, "total": len(people)},
            )
            return redirect("learning:activity_record", activity.pk)
    marked = dict(
        Attendance.objects.filter(nomination__in=people, day=date).values_list(
            "nomination_id", "present"
        )
    )
    context = {
        "activity": activity,
        "day": date,
        "people": [(n, marked.get(n.pk)) for n in people],
        "error": error,
    }
    return render(request, "learning/attendance_day.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def scores_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Pre- and post-test scores of every trainee, on one form."""
    user, activity = _activity(request, pk, write=True)
    people = list(actions.trainees(activity))
    current = {
        (s.nomination_id, s.kind): s.score for s in Score.objects.filter(nomination__in=people)
    }
    errors: dict[str, str] = {}
    values: dict[str, str] = {}
    if request.method == "POST":
        entered: dict[int, dict[str, Decimal | None]] = {}
        for n in people:
            for kind in TestKind.values:
                name = f"{kind}-{n.pk}"
                raw = request.POST.get(name, "")
                values[name] = raw
                try:
                    value = actions.parse_score(raw)
                except ValueError as exc:
                    errors[name] = str(exc)
                    continue
                if value != current.get((n.pk, kind)):
                    entered.setdefault(n.pk, {})[kind] = value
        if not errors:
            try:
                count = actions.record_scores(activity, entered, by=user) if entered else 0
            except ActionError as exc:
                errors["__all__"] = exc.message
            else:
                messages.success(request, _("%(n)d scores saved.") % {"n": count})
                return redirect("learning:activity_record", activity.pk)
    else:
        values = {
            f"{kind}-{pk_}": f"{score.normalize():f}" for (pk_, kind), score in current.items()
        }
    rows = [
        {
            "nomination": n,
            "fields": [
                (
                    f"{kind}-{n.pk}",
                    label,
                    values.get(f"{kind}-{n.pk}", ""),
                    errors.get(f"{kind}-{n.pk}"),
                )
                for kind, label in TestKind.choices
            ],
        }
        for n in people
    ]
    context = {
        "activity": activity,
        "rows": rows,
        "error": errors.get("__all__"),
        "has_errors": bool(errors),
    }
    return render(request, "learning/scores_edit.html", context, status=400 if errors else 200)


@login_required
@require_POST
def activity_complete(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply the course version's completion rules to the activity."""
    user, activity = _activity(request, pk, write=True)
    try:
        outcomes = actions.apply_completion_rules(activity, by=user)
    except ActionError as exc:
        if exc.status == 403:
            raise PermissionDenied(exc.message) from exc
        messages.error(request, exc.message)
    else:
        done = sum(1 for o in outcomes if o.completed_now)
        short = sum(1 for o in outcomes if not o.qualifies)
        messages.success(
            request,
            _("%(done)d trainees completed now; %(short)d do not meet the rule yet.")
            % {"done": done, "short": short},
        )
    return redirect("learning:activity_record", activity.pk)


def _qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=6, dark="#000", light="#fff")


@login_required
@require_GET
def check_in_code(request: HttpRequest, pk: int) -> HttpResponse:
    """The QR code to show in the room today (it expires after a few hours; reload the page)."""
    _user, activity = _activity(request, pk, write=True)
    today = timezone.localdate()
    if (
        activity.status != ActivityStatus.RUNNING
        or not activity.starts_on <= today <= activity.ends_on
    ):
        return render(
            request, "learning/check_in_code.html", {"activity": activity, "url": None}, status=409
        )
    token = actions.check_in_token(activity, today)
    url = request.build_absolute_uri(reverse("learning:check_in", args=[token]))
    context = {"activity": activity, "url": url, "qr": mark_safe(_qr_svg(url)), "day": today}
    return render(request, "learning/check_in_code.html", context)


@require_http_methods(["GET", "POST"])
def check_in(request: HttpRequest, token: str) -> HttpResponse:
    """Self check-in, without an account: the officer gives invitation number and birth date."""
    try:
        activity, day = actions.read_check_in_token(token)
    except ActionError as exc:
        return render(request, "learning/check_in.html", {"refused": exc.message}, status=410)
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            nomination = actions.check_in(
                token,
                invitation_number=form.cleaned_data["invitation_number"],
                birth_date=form.cleaned_data["birth_date"],
                client=request.META.get("REMOTE_ADDR", ""),
            )
        except ActionError as exc:
            put_on_form(form, exc)
        else:
            return render(
                request,
                "learning/check_in.html",
                {"done": nomination.officer, "activity": activity, "day": day},
            )
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "learning/check_in.html",
        {"form": form, "activity": activity, "day": day},
        status=status,
    )


PAPER_NOTES = [
    ("invitation_number", True, "INV-2026-000123"),
    ("day", True, "YYYY-MM-DD"),
    ("present", True, "yes / x / 1, or no / empty / 0"),
    ("pre_score", False, "0–100"),
    ("post_score", False, "0–100"),
]


@login_required
@require_http_methods(["GET", "POST"])
def paper_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a scanned or typed paper roster (all or nothing)."""
    user, activity = _activity(request, pk, write=True)
    form = PaperRosterForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {
        "activity": activity,
        "form": form,
        "errors": None,
        "columns": PAPER_NOTES,
    }
    if request.method == "POST":
        if form.is_valid():
            try:
                rows = read_table(
                    form.cleaned_data["file"],
                    required=actions.PAPER_COLUMNS,
                    optional=actions.PAPER_OPTIONAL_COLUMNS,
                )
                result = actions.import_attendance(activity, rows, by=user)
            except TableError as exc:
                form.add_error("file", exc.message)
            except actions.PaperRosterInvalid as exc:
                context["errors"] = exc.errors
            except ActionError as exc:
                put_on_form(form, exc)
            else:
                messages.success(
                    request,
                    _("%(a)d attendance marks and %(s)d scores recorded from the roster.")
                    % {"a": result.attendance, "s": result.scores},
                )
                return redirect("learning:activity_record", activity.pk)
        return render(request, "learning/paper_upload.html", context, status=400)
    return render(request, "learning/paper_upload.html", context)


@login_required
@require_GET
def paper_template(request: HttpRequest, pk: int) -> HttpResponse:
    """A CSV pre-filled with every trainee and day of the activity."""
    _user, activity = _activity(request, pk, write=True)
    rows = [
        [n.enrolment.invitation_number, day, "", "", ""]
        for day in actions.activity_days(activity)
        for n in actions.trainees(activity)
    ]
    body = write_csv([*actions.PAPER_COLUMNS, *actions.PAPER_OPTIONAL_COLUMNS], rows)
    response = HttpResponse(body, content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{activity.code}-roster.csv"'
    return response


# --- Completion rules -----------------------------------------------------------------------


@login_required
@require_GET
def rule_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not may_read_learning(user):
        raise PermissionDenied
    versions = (
        CourseVersion.objects.filter(status__in=[VersionStatus.APPROVED, VersionStatus.RETIRED])
        .select_related("course", "completion_rule")
        .order_by("course__code", "number")
    )
    return render(request, "learning/rule_list.html", {"versions": versions})


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    if not user.is_secretariat:
        raise PermissionDenied
    version = get_object_or_404(CourseVersion.objects.select_related("course"), pk=pk)
    rule = CompletionRule.objects.filter(course_version=version).first()
    initial = (
        {"min_attendance": rule.min_attendance * 100, "min_post_score": rule.min_post_score}
        if rule
        else None
    )
    form = CompletionRuleForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.set_completion_rule(
                    version,
                    min_attendance=form.cleaned_data["min_attendance"] / 100,
                    min_post_score=form.cleaned_data["min_post_score"],
                    by=user,
                )
            except ActionError as exc:
                put_on_form(form, exc)
            else:
                messages.success(request, _("Completion rule saved for %(v)s.") % {"v": version})
                return redirect("learning:rule_list")
        return render(
            request, "learning/rule_edit.html", {"form": form, "version": version}, status=400
        )
    return render(request, "learning/rule_edit.html", {"form": form, "version": version})


@login_required
@require_http_methods(["GET", "POST"])
def supervisor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Who is asked about the officer's use on the job in the follow-up surveys."""
    user = signed_in_user(request)
    if not (user.is_secretariat or user.is_liaison):
        raise PermissionDenied
    officer = get_object_or_404(Officer.objects.visible_to(user), pk=pk)
    current = getattr(officer, "supervisor", None)
    initial = {"name": current.name, "email": current.email} if current else None
    form = SupervisorForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.set_supervisor(officer, by=user, **form.cleaned_data)
            except ActionError as exc:
                put_on_form(form, exc)
            else:
                messages.success(request, _("Supervisor recorded."))
                return redirect(officer.get_absolute_url())
        status = 400
    else:
        status = 200
    for field in form.fields.values():
        field.widget.attrs.setdefault("class", "form-control")
    return render(
        request, "learning/supervisor_edit.html", {"form": form, "officer": officer}, status=status
    )


# --- Results --------------------------------------------------------------------------------


@login_required
@require_GET
def results(request: HttpRequest) -> HttpResponse:
    """Learning gain and survey results per course version and per country."""
    user = signed_in_user(request)
    if not may_read_learning(user):
        raise PermissionDenied
    gains = learning_gain_by_course_version()
    invitations = SurveyInvitation.objects.all()
    by_version = survey_results(invitations, by="course_version")
    versions = {
        v.pk: v
        for v in CourseVersion.objects.filter(pk__in=set(gains) | set(by_version)).select_related(
            "course"
        )
    }
    version_rows = [
        {"version": versions[pk], "gain": gains.get(pk), "surveys": by_version.get(pk, [])}
        for pk in sorted(versions, key=lambda pk: (versions[pk].course.code, versions[pk].number))
    ]
    by_country = survey_results(invitations, by="country")
    country_rows = sorted(by_country.items(), key=lambda item: str(item[0]))
    context = {"version_rows": version_rows, "country_rows": country_rows}
    return render(request, "learning/results.html", context)


# --- The survey link ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def survey_answer(request: HttpRequest, token: str) -> HttpResponse:
    """Answer a survey through the emailed link, without an account."""
    try:
        invitation = actions.invitation_for_token(token)
    except ActionError as exc:
        return render(request, "learning/survey_answer.html", {"refused": exc.message}, status=404)
    activity = invitation.nomination.activity
    context: dict[str, Any] = {"invitation": invitation, "activity": activity}
    if invitation.answered_at is not None:
        context["done"] = True
        return render(request, "learning/survey_answer.html", context)
    if invitation.closes_on < timezone.localdate():
        context["refused"] = _("This survey closed on %(day)s.") % {
            "day": invitation.closes_on.isoformat()
        }
        return render(request, "learning/survey_answer.html", context, status=410)
    questions = questions_for(invitation.instrument, invitation.respondent)
    form = survey_form(questions, request.POST or None)
    if request.method == "POST":
        try:
            actions.answer_survey(invitation, request.POST)
        except ActionError as exc:
            for code, message in getattr(exc, "errors", {}).items():
                form.add_error(code, message) if code in form.fields else None
            if not getattr(exc, "errors", None):
                form.add_error(None, exc.message)
            context["form"] = form
            return render(request, "learning/survey_answer.html", context, status=400)
        context["done"] = True
        return render(request, "learning/survey_answer.html", context)
    context["form"] = form
    return render(request, "learning/survey_answer.html", context)
