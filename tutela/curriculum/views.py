"""The course catalogue: courses, their versions (the unit of review) and modules.

Every signed-in user reads the curriculum. The secretariat writes courses and drafts, curriculum
reviewers approve versions or send them back, and the secretariat retires approved versions.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, DecimalField, IntegerField, OuterRef, Prefetch, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tutela.accounts.auth import secretariat_user, signed_in_user
from tutela.accounts.models import User
from tutela.activities.models import Activity
from tutela.curriculum import actions, rules
from tutela.curriculum.diff import diff_versions
from tutela.curriculum.forms import (
    AssignForm,
    CommentForm,
    CourseForm,
    LinkForm,
    ModuleForm,
    NewVersionForm,
    ReviewForm,
    VersionForm,
)
from tutela.curriculum.models import (
    Course,
    CourseVersion,
    Module,
    ModuleComment,
    ModuleProvisionLink,
    Provision,
    Review,
    ReviewOutcome,
    Standard,
    TopicRule,
    VersionStatus,
)
from tutela.curriculum.suggestions import suggest_for_modules
from tutela.lib.errors import ActionError, NotAllowed, put_on_form
from tutela.lib.htmx import wants_partial
from tutela.lib.listing import paginate

# --- Courses ----------------------------------------------------------------------------------


def courses_with_latest_version() -> Any:
    """Courses annotated with their latest version (number, status, hours), the latest approved
    version's number and how many versions they have: one query for any number of rows."""
    versions = CourseVersion.objects.filter(course=OuterRef("pk")).order_by("-number")
    hours = (
        Module.objects.filter(version_id=OuterRef("latest_version_id"))
        .order_by()
        .values("version_id")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    counted = (
        CourseVersion.objects.filter(course=OuterRef("pk"))
        .order_by()
        .values("course")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Course.objects.annotate(
        latest_version_id=Subquery(versions.values("pk")[:1]),
        latest_number=Subquery(versions.values("number")[:1]),
        latest_status=Subquery(versions.values("status")[:1]),
        latest_hours=Subquery(hours, output_field=DecimalField(max_digits=7, decimal_places=1)),
        approved_number=Subquery(
            versions.filter(status=VersionStatus.APPROVED).values("number")[:1]
        ),
        version_count=Coalesce(Subquery(counted, output_field=IntegerField()), 0),
    )


@login_required
@require_GET
def course_list(request: HttpRequest) -> HttpResponse:
    courses = courses_with_latest_version().search(request.GET.get("q", "").strip())
    status = request.GET.get("status", "").strip()
    if status in VersionStatus.values:
        courses = courses.filter(latest_status=status)
    listing = paginate(request, courses.order_by("code"), filters=["status"])
    labels = dict(VersionStatus.choices)
    for course in listing.page:
        course.latest_status_label = labels.get(course.latest_status, "")
    context = {"listing": listing, "statuses": VersionStatus.choices}
    template = (
        "curriculum/course_list.html#results"
        if wants_partial(request, "results")
        else "curriculum/course_list.html"
    )
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def course_create(request: HttpRequest) -> HttpResponse:
    user = secretariat_user(request)
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            course = actions.create_course(by=user, **form.cleaned_data)
        except ActionError as error:
            put_on_form(form, error)
        else:
            messages.success(
                request,
                _("Course %(code)s created. Now write its first version.") % {"code": course.code},
            )
            return redirect(course)
    status = 400 if request.method == "POST" else 200
    return render(request, "curriculum/course_form.html", {"form": form}, status=status)


def _course_context(course: Course, user: User, **extra: Any) -> dict[str, Any]:
    versions = list(
        course.versions.with_hours()
        .annotate(
            activity_count=Subquery(
                Activity.objects.filter(course_version=OuterRef("pk"))
                .order_by()
                .values("course_version")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
        )
        .order_by("-number")
    )
    latest = versions[0] if versions else None
    context: dict[str, Any] = {
        "course": course,
        "versions": versions,
        "latest": latest,
        "version_form": (
            NewVersionForm(latest_number=latest.number if latest else None)
            if user.is_secretariat
            else None
        ),
    }
    context.update(extra)
    return context


@login_required
@require_GET
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_object_or_404(Course, pk=pk)
    return render(
        request, "curriculum/course_detail.html", _course_context(course, signed_in_user(request))
    )


@login_required
@require_POST
def version_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = secretariat_user(request)
    course = get_object_or_404(Course, pk=pk)
    latest = course.versions.order_by("-number").first()
    form = NewVersionForm(request.POST, latest_number=latest.number if latest else None)
    if form.is_valid():
        data = form.cleaned_data
        copy_from = latest if data.get("copy_modules") else None
        try:
            version = actions.create_version(
                course,
                by=user,
                summary=data["summary"],
                learning_outcomes=data["learning_outcomes"],
                languages=data["languages"] or (None if copy_from else []),
                copy_from=copy_from,
            )
        except ActionError as error:
            put_on_form(form, error)
        else:
            messages.success(
                request, _("Version %(n)s created as a draft.") % {"n": version.number}
            )
            return redirect(version)
    context = _course_context(course, user, version_form=form)
    return render(request, "curriculum/course_detail.html", context, status=400)


# --- Versions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    """A move a version can make from its current status, who makes it, and whether the person
    looking may make it (the page shows every move, with buttons only for their own)."""

    name: str
    label: str
    who: str
    allowed: bool


def transitions(version: CourseVersion, user: User) -> list[Transition]:
    author, reviewer = gettext_lazy("secretariat"), gettext_lazy("assigned curriculum reviewer")
    assigned = user.is_reviewer and version.assignments.filter(reviewer=user).exists()
    moves = {
        VersionStatus.DRAFT: [
            ("edit", gettext_lazy("Edit the draft and its modules"), author, user.is_secretariat),
            ("submit", gettext_lazy("Submit for review"), author, user.is_secretariat),
        ],
        VersionStatus.IN_REVIEW: [
            ("approve", gettext_lazy("Approve"), reviewer, assigned),
            (
                "request_changes",
                gettext_lazy("Request changes (back to draft)"),
                reviewer,
                assigned,
            ),
            ("reject", gettext_lazy("Reject"), reviewer, assigned),
        ],
        VersionStatus.APPROVED: [
            ("retire", gettext_lazy("Retire"), author, user.is_secretariat),
        ],
        VersionStatus.REJECTED: [],
        VersionStatus.RETIRED: [],
    }
    return [
        Transition(name, str(label), str(who), allowed)
        for name, label, who, allowed in moves[VersionStatus(version.status)]
    ]


def _version_context(version: CourseVersion, user: User, **extra: Any) -> dict[str, Any]:
    checked = rules.check_version(version)
    modules = [module for module, _checks in checked]
    comments: dict[int, list[ModuleComment]] = {}
    for comment in ModuleComment.objects.filter(module__version=version).select_related("author"):
        comments.setdefault(comment.module_id, []).append(comment)
    moves = transitions(version, user)
    allowed = {move.name for move in moves if move.allowed}
    editing = "edit" in allowed
    assignments = list(version.assignments.select_related("reviewer"))
    assigned = any(a.reviewer_id == user.pk for a in assignments)
    suggestions = suggest_for_modules(modules) if editing else {}
    rows: list[dict[str, Any]] = [
        {
            "module": module,
            "checks": checks,
            "unmet": [c for c in checks if not c.met],
            "comments": comments.get(module.pk, []),
            "suggestions": suggestions.get(module.pk, []),
        }
        for module, checks in checked
    ]
    approvers = version.current_approvers()
    high_risk = version.high_risk_topics()
    previous = version.previous_approved()
    context: dict[str, Any] = {
        "version": version,
        "course": version.course,
        "modules": modules,
        "rows": rows,
        "unmet_count": sum(len(row["unmet"]) for row in rows),
        "total_hours": sum((m.hours for m in modules), Decimal(0)),
        "reviews": Review.objects.filter(version=version).select_related("reviewer"),
        "activities": (
            Activity.objects.visible_to(user)
            .filter(course_version=version)
            .select_related("country", "host_institution")
            .order_by("starts_on")
        ),
        "transitions": moves,
        "can": allowed,
        "statuses": VersionStatus.choices,
        "review_form": ReviewForm() if "approve" in allowed else None,
        "assignments": assignments,
        "assign_form": AssignForm()
        if user.is_secretariat and version.status in (VersionStatus.DRAFT, VersionStatus.IN_REVIEW)
        else None,
        "can_comment": user.is_secretariat or assigned,
        "link_form": LinkForm() if editing else None,
        "provision_codes": (
            Provision.objects.current().values_list("code", flat=True) if editing else []
        ),
        "approvals": len(approvers),
        "approvals_needed": 2 if high_risk else 1,
        "high_risk_topics": high_risk,
        "previous": previous,
    }
    context.update(extra)
    return context


def _version(pk: int) -> CourseVersion:
    return get_object_or_404(
        CourseVersion.objects.select_related("course", "created_by", "approved_by"), pk=pk
    )


def _render_version(
    request: HttpRequest, version: CourseVersion, status: int = 200, **extra: Any
) -> HttpResponse:
    context = _version_context(version, signed_in_user(request), **extra)
    return render(request, "curriculum/version_detail.html", context, status=status)


@login_required
@require_GET
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_version(request, _version(pk))


def _not_a_draft(request: HttpRequest, version: CourseVersion) -> HttpResponse:
    messages.error(request, _("Only a draft can be changed; start a new version instead."))
    return redirect(version)


@login_required
@require_http_methods(["GET", "POST"])
def version_update(request: HttpRequest, pk: int) -> HttpResponse:
    user = secretariat_user(request)
    version = _version(pk)
    if request.method == "GET" and not version.is_editable:
        return _not_a_draft(request, version)
    initial = {
        "summary": version.summary,
        "learning_outcomes": version.learning_outcomes,
        "languages": version.languages,
    }
    form = VersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_version(version, by=user, **form.cleaned_data)
        except ActionError as error:
            put_on_form(form, error)
        else:
            messages.success(request, _("Draft saved."))
            return redirect(version)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "curriculum/version_form.html", {"form": form, "version": version}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def module_create(request: HttpRequest, pk: int) -> HttpResponse:
    user = secretariat_user(request)
    version = _version(pk)
    if request.method == "GET" and not version.is_editable:
        return _not_a_draft(request, version)
    form = ModuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            module = actions.add_module(
                version,
                by=user,
                title=data["title"],
                hours=data["hours"],
                learning_outcomes=data["learning_outcomes"],
                methods=data["methods"],
                topics=list(data["topics"]),
            )
        except ActionError as error:
            put_on_form(form, error)
        else:
            messages.success(request, _("Module %(title)s added.") % {"title": module.title})
            if "add_another" in request.POST:
                return redirect("curriculum:module_create", pk=version.pk)
            return redirect(version)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "version": version, **_catalogue_context(standards=False)}
    return render(request, "curriculum/module_form.html", context, status=status)


def _button(request: HttpRequest, version: CourseVersion, done: str, run: Any) -> HttpResponse:
    """Run a one-button action on a version: on success say so and go back to the version; on
    refusal show the version again with the reason (status 400)."""
    try:
        run()
    except NotAllowed as error:
        raise PermissionDenied(error.message) from error
    except ActionError as error:
        version.refresh_from_db()
        return _render_version(request, version, status=400, action_error=error.message)
    messages.success(request, done)
    return redirect(version)


@login_required
@require_POST
def module_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = secretariat_user(request)
    module = get_object_or_404(Module.objects.select_related("version__course"), pk=pk)
    version = module.version
    return _button(
        request,
        version,
        _("Module %(title)s removed.") % {"title": module.title},
        lambda: actions.remove_module(module, by=user),
    )


@login_required
@require_POST
def version_submit(request: HttpRequest, pk: int) -> HttpResponse:
    user = secretariat_user(request)
    version = _version(pk)
    return _button(
        request,
        version,
        _("Submitted for review."),
        lambda: actions.submit_version(version, by=user),
    )


@login_required
@require_POST
def version_retire(request: HttpRequest, pk: int) -> HttpResponse:
    user = secretariat_user(request)
    version = _version(pk)
    return _button(
        request,
        version,
        _("Version retired: it can no longer be scheduled."),
        lambda: actions.retire_version(version, by=user),
    )


@login_required
@require_POST
def version_review(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    if not user.is_reviewer:
        raise PermissionDenied
    version = _version(pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            review = actions.review_version(version, by=user, **form.cleaned_data)
        except ActionError as error:
            put_on_form(form, error)
        else:
            version.refresh_from_db()
            if version.status == VersionStatus.APPROVED:
                messages.success(request, _("Version approved: it may now be scheduled."))
            elif review.outcome == ReviewOutcome.APPROVED:
                messages.success(
                    request,
                    _("Approval recorded. A second, different reviewer must also approve."),
                )
            elif review.outcome == ReviewOutcome.REJECTED:
                messages.success(request, _("Version rejected."))
            else:
                messages.success(request, _("Changes requested: the version is a draft again."))
            return redirect(version)
    version.refresh_from_db()
    if version.status != VersionStatus.IN_REVIEW:  # nothing left to review: say why, no form
        reason = " ".join(str(e) for e in form.non_field_errors()) or _(
            "Only a version in review can be reviewed."
        )
        return _render_version(request, version, status=400, action_error=reason)
    return _render_version(request, version, status=400, review_form=form)


# --- Provisions, comments, reviewers, differences ----------------------------------------------


def _module(pk: int) -> Module:
    return get_object_or_404(Module.objects.select_related("version__course"), pk=pk)


@login_required
@require_POST
def module_link(request: HttpRequest, pk: int) -> HttpResponse:
    user = secretariat_user(request)
    module = _module(pk)
    version = module.version
    form = LinkForm(request.POST)
    if form.is_valid():
        try:
            actions.link_provision(
                module,
                provision=form.cleaned_data["provision"],
                how=form.cleaned_data["how"],
                by=user,
            )
        except ActionError as error:
            put_on_form(form, error)
        else:
            messages.success(
                request,
                _("%(code)s linked to %(title)s.")
                % {"code": form.cleaned_data["provision"].code, "title": module.title},
            )
            return redirect(f"{version.get_absolute_url()}#module-{module.pk}")
    errors = "; ".join(str(e) for errors in form.errors.values() for e in errors)
    return _render_version(request, version, status=400, action_error=errors)


@login_required
@require_POST
def link_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = secretariat_user(request)
    link = get_object_or_404(
        ModuleProvisionLink.objects.select_related("module__version__course", "provision"), pk=pk
    )
    return _button(
        request,
        link.module.version,
        _("%(code)s unlinked.") % {"code": link.provision.code},
        lambda: actions.unlink_provision(link, by=user),
    )


@login_required
@require_POST
def module_comment(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    module = _module(pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        return _render_version(request, module.version, status=400, action_error=errors)
    return _button(
        request,
        module.version,
        _("Comment added."),
        lambda: actions.comment_on_module(module, by=user, text=form.cleaned_data["text"]),
    )


@login_required
@require_POST
def version_assign(request: HttpRequest, pk: int) -> HttpResponse:
    user = secretariat_user(request)
    version = _version(pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return _render_version(request, version, status=400, assign_form=form)
    reviewer = form.cleaned_data["reviewer"]
    return _button(
        request,
        version,
        _("%(name)s assigned to review this version.") % {"name": reviewer},
        lambda: actions.assign_reviewer(version, reviewer=reviewer, by=user),
    )


@login_required
@require_GET
def version_diff(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(pk)
    previous = version.previous_approved()
    changes = diff_versions(previous, version) if previous else []
    return render(
        request,
        "curriculum/version_diff.html",
        {"version": version, "course": version.course, "previous": previous, "changes": changes},
    )


@require_GET
def standard_list(request: HttpRequest) -> HttpResponse:
    """The catalogue and the topic rules: public, like the curriculum reviewed against them."""
    return render(request, "curriculum/standard_list.html", _catalogue_context())


def _catalogue_context(*, standards: bool = True) -> dict[str, Any]:
    """The topic rules by topic name (and, unless told not to, the standards with provisions)."""
    rules_by_topic: dict[str, list[Any]] = {}
    for rule in TopicRule.objects.select_related("topic"):
        rules_by_topic.setdefault(rule.topic.name, []).append(rule)
    context: dict[str, Any] = {"rules_by_topic": rules_by_topic}
    if standards:
        context["standards"] = Standard.objects.select_related("superseded_by").prefetch_related(
            Prefetch("provisions", queryset=Provision.objects.order_by("code"))
        )
    return context


# --- Public: the approved curriculum and its review, no sign-in ---------------------------------


def public_versions() -> Any:
    """Approved versions (the ones that may be taught), with hours and counts, one query."""
    return (
        CourseVersion.objects.approved()
        .select_related("course")
        .annotate(
            total_hours=Sum("modules__hours"),
            module_count=Count("modules", distinct=True),
            provision_count=Count("modules__links__provision", distinct=True),
        )
        .order_by("course__code")
    )


def review_summary(version: CourseVersion) -> dict[str, Any]:
    """What the public sees of a version's review: each decision with its date and reasons, the
    reviewers numbered (not named), and how many approvals the version needed."""
    reviews = list(version.reviews.order_by("decided_at", "pk"))
    numbers: dict[int, int] = {}
    decisions = []
    for review in reviews:
        number = numbers.setdefault(review.reviewer_id, len(numbers) + 1)
        decisions.append(
            {
                "reviewer": number,
                "outcome": review.outcome,
                "outcome_label": review.get_outcome_display(),
                "decided_on": review.decided_at.date(),
                "reasons": review.comments,
            }
        )
    return {
        "submitted_on": version.submitted_at.date() if version.submitted_at else None,
        "approved_on": version.approved_at.date() if version.approved_at else None,
        "reviewers": len(numbers),
        "approvals": len(version.current_approvers()),
        "approvals_needed": version.approvals_needed(),
        "complete": version.review_is_complete(),
        "decisions": decisions,
    }


def public_version(pk: int) -> CourseVersion:
    return get_object_or_404(
        CourseVersion.objects.select_related("course").filter(
            status__in=[VersionStatus.APPROVED, VersionStatus.RETIRED], approved_at__isnull=False
        ),
        pk=pk,
    )


def public_modules(version: CourseVersion) -> list[Module]:
    return list(
        version.modules.prefetch_related(
            "topics",
            Prefetch(
                "links",
                queryset=ModuleProvisionLink.objects.select_related("provision__standard"),
            ),
        ).order_by("order", "pk")
    )


@require_GET
def public_course_list(request: HttpRequest) -> HttpResponse:
    return render(request, "curriculum/public_list.html", {"versions": public_versions()})


@require_GET
def public_version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = public_version(pk)
    modules = public_modules(version)
    return render(
        request,
        "curriculum/public_version.html",
        {
            "version": version,
            "course": version.course,
            "modules": modules,
            "total_hours": sum((m.hours for m in modules), Decimal(0)),
            "review": review_summary(version),
        },
    )
