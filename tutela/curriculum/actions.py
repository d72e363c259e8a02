"""Writing courses and versions, and the review that gates scheduling."""

from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tutela.accounts.models import User
from tutela.audit.actions import record_event
from tutela.curriculum import rules
from tutela.curriculum.catalogue import DATA_DIR, read_catalogue
from tutela.curriculum.models import (
    Course,
    CourseVersion,
    Module,
    ModuleComment,
    ModuleProvisionLink,
    Provision,
    Review,
    ReviewAssignment,
    ReviewOutcome,
    Standard,
    Topic,
    TopicRule,
    VersionStatus,
)
from tutela.lib.errors import ActionError, Conflict, GateClosed, NotAllowed


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
        for module in copy_from.modules.prefetch_related("topics", "links"):
            topics, links = list(module.topics.all()), list(module.links.all())
            original = module.pk
            module.pk = None
            module.version = version
            module.derived_from_id = original
            module.save()
            module.topics.set(topics)
            ModuleProvisionLink.objects.bulk_create(
                ModuleProvisionLink(
                    module=module, provision_id=link.provision_id, how=link.how, linked_by=by
                )
                for link in links
            )
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
    missing = rules.unmet(version)
    if missing:
        raise GateClosed(
            _("The topic rules are not met: %(list)s. Link a provision for each.")
            % {
                "list": "; ".join(
                    _("%(module)s needs %(requirement)s")
                    % {"module": module.title, "requirement": check.rule.requirement}
                    for module, check in missing
                )
            }
        )
    version.status = VersionStatus.IN_REVIEW
    version.submitted_at = timezone.now()
    version.save(update_fields=["status", "submitted_at"])
    record_event(by, "course_version.submitted", version, {"modules": len(modules)})
    return version


@transaction.atomic
def assign_reviewer(version: CourseVersion, *, reviewer: User, by: User) -> ReviewAssignment:
    """The secretariat assigns a curriculum reviewer to a version (draft or in review)."""
    _require_author(by)
    if not reviewer.is_reviewer or not reviewer.is_active:
        raise ActionError(_("Choose an active curriculum reviewer."), field="reviewer")
    if version.status not in (VersionStatus.DRAFT, VersionStatus.IN_REVIEW):
        raise Conflict(_("Reviewers are assigned to drafts and versions in review only."))
    if version.assignments.filter(reviewer=reviewer).exists():
        raise Conflict(_("%(name)s is already assigned.") % {"name": reviewer}, field="reviewer")
    assignment = ReviewAssignment.objects.create(version=version, reviewer=reviewer, assigned_by=by)
    record_event(by, "course_version.reviewer_assigned", version, {"reviewer": reviewer.pk})
    return assignment


@transaction.atomic
def comment_on_module(module: Module, *, by: User, text: str) -> ModuleComment:
    """An assigned reviewer (or the secretariat) comments on one module."""
    version = module.version
    assigned = version.assignments.filter(reviewer=by).exists()
    if not (by.is_secretariat or (by.is_reviewer and assigned)):
        raise NotAllowed(_("Only the secretariat and the version's reviewers comment on modules."))
    if not text.strip():
        raise ActionError(_("Write the comment."), field="text")
    comment = ModuleComment.objects.create(module=module, author=by, text=text.strip())
    record_event(by, "module.commented", module, {"comment": comment.pk})
    return comment


@transaction.atomic
def review_version(version: CourseVersion, *, by: User, outcome: str, comments: str) -> Review:
    """An assigned curriculum reviewer approves a version, sends it back to draft with the
    changes required, or rejects it, giving reasons. A version tagged with a high-risk topic is
    approved only when two different reviewers have approved it since it was submitted."""
    if not by.is_reviewer:
        raise NotAllowed(_("Only curriculum reviewers review course versions."))
    if version.status != VersionStatus.IN_REVIEW:
        raise Conflict(_("Only a version in review can be reviewed."))
    if not version.assignments.filter(reviewer=by).exists():
        raise NotAllowed(_("Only a reviewer assigned to this version can review it."))
    if outcome not in ReviewOutcome.values:
        raise ActionError(_("Unknown outcome."), field="outcome")
    if not comments.strip():
        raise ActionError(_("Give the reasons for the decision."), field="comments")
    approvers = version.current_approvers()
    if outcome == ReviewOutcome.APPROVED and by.pk in approvers:
        raise Conflict(
            _(
                "You have already approved this version; a second approval must come from a "
                "different reviewer."
            ),
            field="outcome",
        )
    review = Review.objects.create(
        version=version, reviewer=by, outcome=outcome, comments=comments.strip()
    )
    needed = version.approvals_needed()
    data: dict[str, object] = {"review": review.pk}
    if outcome == ReviewOutcome.APPROVED:
        approvals = len(approvers) + 1
        data.update(approvals=approvals, needed=needed)
        if approvals >= needed:
            version.status = VersionStatus.APPROVED
            version.approved_at = timezone.now()
            version.approved_by = by
        verb = "approved" if approvals >= needed else "approval_recorded"
    elif outcome == ReviewOutcome.REJECTED:
        version.status = VersionStatus.REJECTED
        verb = "rejected"
    else:
        version.status = VersionStatus.DRAFT
        verb = "changes_requested"
    version.save(update_fields=["status", "approved_at", "approved_by"])
    record_event(by, f"course_version.{verb}", version, data)
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


# --- Provisions linked to modules -----------------------------------------------------------


@transaction.atomic
def link_provision(
    module: Module, *, provision: Provision, how: str, by: User
) -> ModuleProvisionLink:
    """Link a provision the module teaches, with a line on how it covers it."""
    _require_author(by)
    if not module.version.is_editable:
        raise Conflict(_("Provisions can be linked only to modules of a draft version."))
    if not how.strip():
        raise ActionError(_("Say in a line how the module covers the provision."), field="how")
    if module.links.filter(provision=provision).exists():
        raise Conflict(
            _("%(code)s is already linked to this module.") % {"code": provision.code},
            field="provision",
        )
    if not provision.standard.is_current:
        raise ActionError(
            _("%(code)s belongs to a superseded instrument; link %(new)s instead.")
            % {"code": provision.code, "new": provision.standard.superseded_by},
            field="provision",
        )
    link = ModuleProvisionLink.objects.create(
        module=module, provision=provision, how=how.strip(), linked_by=by
    )
    record_event(by, "module.provision_linked", module, {"provision": provision.code})
    return link


@transaction.atomic
def unlink_provision(link: ModuleProvisionLink, *, by: User) -> None:
    _require_author(by)
    if not link.module.version.is_editable:
        raise Conflict(_("Provisions can be unlinked only from modules of a draft version."))
    record_event(by, "module.provision_unlinked", link.module, {"provision": link.provision.code})
    link.delete()


# --- The standards catalogue ----------------------------------------------------------------


@transaction.atomic
def load_standards(*, directory: Path = DATA_DIR, by: User | None = None) -> dict[str, int]:
    """Load the catalogue files: every row is checked first (`CatalogueRejected` lists each
    problem with its file and line) and nothing is written unless all are sound. Standards and
    provisions are matched by code and updated in place, never deleted, so links stay; a standard
    that names the one it supersedes marks it superseded. The topic rules are replaced."""
    if by is not None and not by.is_secretariat:
        raise NotAllowed(_("Only the secretariat loads the standards catalogue."))
    topics = {t.code: t for t in Topic.objects.all()}
    catalogue = read_catalogue(directory, topics=topics)
    counts = {"standards": 0, "provisions": 0, "rules": 0, "superseded": 0}
    standards: dict[str, Standard] = {}
    for row in catalogue.standards:
        standard, _created = Standard.objects.update_or_create(
            code=row.code,
            defaults={
                "family": row.family,
                "version": row.version,
                "title": row.title,
                "issuer": row.issuer,
                "adopted": row.adopted,
                "legal_nature": row.legal_nature,
                "url": row.url,
            },
        )
        standards[row.code] = standard
        counts["standards"] += 1
    for row in catalogue.standards:
        if row.supersedes:
            old = standards[row.supersedes]
            if old.superseded_by_id != standards[row.code].pk:
                old.superseded_by = standards[row.code]
                old.save(update_fields=["superseded_by"])
                counts["superseded"] += 1
    existing = {p.code: p for p in Provision.objects.all()}
    for provision in catalogue.provisions:
        fields = {
            "standard": standards[provision.standard],
            "key": provision.key,
            "lineage": catalogue.lineage(provision.code),
            "heading": provision.heading,
            "summary": provision.summary,
        }
        found = existing.get(provision.code)
        if found is None:
            Provision.objects.create(code=provision.code, **fields)
        elif any(getattr(found, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(found, k, v)
            found.save()
        counts["provisions"] += 1
    TopicRule.objects.all().delete()
    TopicRule.objects.bulk_create(
        TopicRule(
            topic=topics[rule.topic],
            requirement=rule.requirement,
            provision_codes=rule.provisions,
            lineages=sorted({catalogue.lineage(code) for code in rule.provisions}),
            order=order,
        )
        for order, rule in enumerate(catalogue.rules)
    )
    counts["rules"] = len(catalogue.rules)
    record_event(by, "standards.loaded", None, counts)
    return counts
