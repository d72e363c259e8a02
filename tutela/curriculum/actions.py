"""Writing courses and versions, and the review that gates scheduling."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tutela.accounts.models import User
from tutela.audit.actions import record_event
from tutela.curriculum.models import (
    Course,
    CourseVersion,
    Module,
    Review,
    ReviewOutcome,
    Topic,
    VersionStatus,
)
from tutela.lib.errors import ActionError, Conflict, NotAllowed


def _require_author(by: User) -> None:
    if not by.is_secretariat:
        raise NotAllowed(_("Only the secretariat writes courses."))


@transaction.atomic
def create_course(*, code: str, title: str, summary: str = "", by: User) -> Course:
    _require_author(by)
    code = code.strip().upper()
    if Course.objects.filter(code=code).exists():
        raise Conflict(_("A course with code %(code)s exists.") % {"code": code}, field="code")
    course = Course.objects.create(code=code, title=title.strip(), summary=summary.strip())
    record_event(by, "course.created", course, {"code": code})
    return course


@transaction.atomic
def create_version(
    course: Course,
    *,
    by: User,
    summary: str = "",
    learning_outcomes: str = "",
    languages: list[str] | None = None,
    copy_from: CourseVersion | None = None,
) -> CourseVersion:
    """A new draft version; copying the modules of an earlier version if asked."""
    _require_author(by)
    number = (course.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = CourseVersion.objects.create(
        course=course,
        number=number,
        created_by=by,
        summary=summary or (copy_from.summary if copy_from else ""),
        learning_outcomes=learning_outcomes or (copy_from.learning_outcomes if copy_from else ""),
        languages=languages
        if languages is not None
        else (copy_from.languages if copy_from else []),
    )
    if copy_from is not None:
        for module in copy_from.modules.prefetch_related("topics"):
            topics = list(module.topics.all())
            module.pk = None
            module.version = version
            module.save()
            module.topics.set(topics)
    record_event(
        by,
        "course_version.created",
        version,
        {"number": number, "copied_from": copy_from.pk if copy_from else None},
    )
    return version


@transaction.atomic
def update_version(
    version: CourseVersion, *, by: User, summary: str, learning_outcomes: str, languages: list[str]
) -> CourseVersion:
    _require_author(by)
    if not version.is_editable:
        raise Conflict(_("Only a draft can be edited; start a new version instead."))
    version.summary, version.learning_outcomes = summary.strip(), learning_outcomes.strip()
    version.languages = languages
    version.save(update_fields=["summary", "learning_outcomes", "languages"])
    record_event(by, "course_version.updated", version)
    return version


@transaction.atomic
def add_module(
    version: CourseVersion,
    *,
    by: User,
    title: str,
    hours: Decimal,
    learning_outcomes: str,
    methods: str = "",
    topics: list[Topic] | None = None,
    order: int | None = None,
) -> Module:
    _require_author(by)
    if not version.is_editable:
        raise Conflict(_("Modules can be added only to a draft version."))
    if hours <= 0:
        raise ActionError(_("Hours must be more than zero."), field="hours")
    if order is None:
        order = (version.modules.aggregate(n=Max("order"))["n"] or 0) + 1
    module = Module.objects.create(
        version=version,
        order=order,
        title=title.strip(),
        hours=hours,
        learning_outcomes=learning_outcomes.strip(),
        methods=methods.strip(),
    )
    module.topics.set(topics or [])
    record_event(
        by,
        "module.added",
        module,
        {"version": version.pk, "hours": str(hours), "topics": [t.code for t in topics or []]},
    )
    return module


@transaction.atomic
def remove_module(module: Module, *, by: User) -> None:
    _require_author(by)
    if not module.version.is_editable:
        raise Conflict(_("Modules can be removed only from a draft version."))
    record_event(by, "module.removed", module, {"version": module.version_id})
    module.delete()


@transaction.atomic
def submit_version(version: CourseVersion, *, by: User) -> CourseVersion:
    _require_author(by)
    if version.status != VersionStatus.DRAFT:
        raise Conflict(_("Only a draft can be submitted for review."))
    modules = list(version.modules.all())
    if not modules:
        raise ActionError(_("Add at least one module before submitting for review."))
    if not version.learning_outcomes.strip():
        raise ActionError(
            _("State the version's learning outcomes before submitting."), field="learning_outcomes"
        )
    version.status = VersionStatus.IN_REVIEW
    version.submitted_at = timezone.now()
    version.save(update_fields=["status", "submitted_at"])
    record_event(by, "course_version.submitted", version, {"modules": len(modules)})
    return version


@transaction.atomic
def review_version(version: CourseVersion, *, by: User, outcome: str, comments: str) -> Review:
    """A curriculum reviewer approves a version, or sends it back to draft with comments."""
    if not by.is_reviewer:
        raise NotAllowed(_("Only curriculum reviewers review course versions."))
    if version.status != VersionStatus.IN_REVIEW:
        raise Conflict(_("Only a version in review can be reviewed."))
    if outcome not in ReviewOutcome.values:
        raise ActionError(_("Unknown outcome."), field="outcome")
    if not comments.strip():
        raise ActionError(_("Write the review's comments."), field="comments")
    review = Review.objects.create(
        version=version, reviewer=by, outcome=outcome, comments=comments.strip()
    )
    if outcome == ReviewOutcome.APPROVED:
        version.status = VersionStatus.APPROVED
        version.approved_at = timezone.now()
        version.approved_by = by
    else:
        version.status = VersionStatus.DRAFT
    version.save(update_fields=["status", "approved_at", "approved_by"])
    record_event(by, f"course_version.{outcome}", version, {"review": review.pk})
    return review


@transaction.atomic
def retire_version(version: CourseVersion, *, by: User) -> CourseVersion:
    _require_author(by)
    if version.status != VersionStatus.APPROVED:
        raise Conflict(_("Only an approved version can be retired."))
    version.status = VersionStatus.RETIRED
    version.retired_at = timezone.now()
    version.save(update_fields=["status", "retired_at"])
    record_event(by, "course_version.retired", version)
    return version
