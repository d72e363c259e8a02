"""The curriculum part of the API (/api/v1/): courses, versions with their modules, and review."""

from decimal import Decimal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Status
from ninja.pagination import paginate

from tutela.accounts.api import lookup
from tutela.accounts.auth import acting_user, require
from tutela.accounts.models import User
from tutela.accounts.schemas import DETAIL, READ, WRITE, ErrorOut, Id, Pagination
from tutela.curriculum.actions import (
    add_module,
    assign_reviewer,
    comment_on_module,
    create_course,
    create_version,
    link_provision,
    review_version,
    submit_version,
)
from tutela.curriculum.diff import diff_versions
from tutela.curriculum.models import (
    Course,
    CourseQuerySet,
    CourseVersion,
    Module,
    ModuleProvisionLink,
    Provision,
    Review,
    Standard,
    Topic,
    VersionStatus,
)
from tutela.curriculum.rules import check_module
from tutela.curriculum.schemas import (
    AssignIn,
    AssignmentOut,
    CommentIn,
    CommentOut,
    CourseIn,
    CourseOut,
    DiffOut,
    LinkIn,
    LinkOut,
    ModuleIn,
    ModuleOut,
    ProvisionOut,
    PublicVersionListOut,
    PublicVersionOut,
    ReviewIn,
    ReviewOut,
    RuleCheckOut,
    StandardOut,
    SuggestionOut,
    TopicOut,
    VersionIn,
    VersionListOut,
    VersionOut,
)
from tutela.curriculum.suggestions import suggest_for_module
from tutela.curriculum.views import public_modules, public_version, public_versions, review_summary
from tutela.lib.errors import ActionError

router = Router(tags=["curriculum"])

ONLY_AUTHORS = gettext_lazy("Only the secretariat writes courses.")
ONLY_REVIEWERS = gettext_lazy("Only curriculum reviewers review course versions.")


def _courses() -> CourseQuerySet:
    return Course.objects.prefetch_related("versions")


def _versions() -> QuerySet[CourseVersion]:
    return CourseVersion.objects.with_hours().select_related("course")


def _version_detail(pk: int) -> CourseVersion:
    versions = _versions().prefetch_related(
        "modules__topics", "modules__links__provision", "reviews__reviewer"
    )
    return get_object_or_404(versions, pk=pk)


@router.get("/topics", response={200: list[TopicOut], **READ}, summary="Topics of modules")
def topic_list(request: HttpRequest) -> QuerySet[Topic]:
    acting_user(request)
    return Topic.objects.all()


@router.get(
    "/courses", response={200: list[CourseOut], **READ}, summary="Courses, each with its versions"
)
@paginate(Pagination)
def course_list(request: HttpRequest, q: str = "") -> QuerySet[Course]:
    acting_user(request)
    return _courses().search(q.strip())


@router.get(
    "/courses/{int:course_id}",
    response={200: CourseOut, **DETAIL},
    summary="A course with its versions",
)
def course_detail(request: HttpRequest, course_id: int) -> Course:
    acting_user(request)
    return get_object_or_404(_courses(), pk=course_id)


@router.post("/courses", response={201: CourseOut, **WRITE}, summary="Create a course")
def course_create(request: HttpRequest, payload: CourseIn) -> Status[Course]:
    user = acting_user(request)
    require(user.is_secretariat, ONLY_AUTHORS)
    course = create_course(by=user, code=payload.code, title=payload.title, summary=payload.summary)
    return Status(201, get_object_or_404(_courses(), pk=course.pk))


@router.post(
    "/courses/{int:course_id}/versions",
    response={201: VersionOut, **WRITE},
    summary="Start a new draft version of a course",
)
def version_create(
    request: HttpRequest, course_id: int, payload: VersionIn
) -> Status[CourseVersion]:
    user = acting_user(request)
    require(user.is_secretariat, ONLY_AUTHORS)
    course = get_object_or_404(Course, pk=course_id)
    copy_from = lookup(course.versions.all(), payload.copy_from, field="copy_from")
    version = create_version(
        course,
        by=user,
        summary=payload.summary,
        learning_outcomes=payload.learning_outcomes,
        languages=payload.languages,
        copy_from=copy_from,
    )
    return Status(201, _version_detail(version.pk))


@router.get(
    "/versions",
    response={200: list[VersionListOut], **READ},
    summary="Course versions, e.g. those in review",
)
@paginate(Pagination)
def version_list(
    request: HttpRequest, status: VersionStatus | None = None, course: Id | None = None
) -> QuerySet[CourseVersion]:
    acting_user(request)
    versions = _versions()
    if status:
        versions = versions.filter(status=status)
    if course:
        versions = versions.filter(course_id=course)
    return versions


@router.get(
    "/versions/{int:version_id}",
    response={200: VersionOut, **DETAIL},
    summary="A course version with its modules and reviews",
)
def version_detail(request: HttpRequest, version_id: int) -> CourseVersion:
    acting_user(request)
    return _version_detail(version_id)


@router.post(
    "/versions/{int:version_id}/modules",
    response={201: ModuleOut, **WRITE},
    summary="Add a module to a draft version",
)
def module_create(request: HttpRequest, version_id: int, payload: ModuleIn) -> Status[Module]:
    user = acting_user(request)
    require(user.is_secretariat, ONLY_AUTHORS)
    version = get_object_or_404(CourseVersion, pk=version_id)
    topics = list(Topic.objects.filter(code__in=payload.topics))
    unknown = sorted(set(payload.topics) - {t.code for t in topics})
    if unknown:
        raise ActionError(
            _("Unknown topics: %(codes)s.") % {"codes": ", ".join(unknown)}, field="topics"
        )
    module = add_module(
        version,
        by=user,
        title=payload.title,
        hours=payload.hours,
        learning_outcomes=payload.learning_outcomes,
        methods=payload.methods,
        topics=topics,
        order=payload.order,
    )
    return Status(201, Module.objects.prefetch_related("topics").get(pk=module.pk))


@router.post(
    "/versions/{int:version_id}/submit",
    response={200: VersionOut, **WRITE},
    summary="Submit a draft version for human-rights review",
)
def version_submit(request: HttpRequest, version_id: int) -> CourseVersion:
    user = acting_user(request)
    require(user.is_secretariat, ONLY_AUTHORS)
    submit_version(get_object_or_404(CourseVersion, pk=version_id), by=user)
    return _version_detail(version_id)


@router.post(
    "/versions/{int:version_id}/review",
    response={201: ReviewOut, **WRITE},
    summary="Approve a version in review, or send it back with comments",
)
def version_review(request: HttpRequest, version_id: int, payload: ReviewIn) -> Status[Review]:
    user = acting_user(request)
    require(user.is_reviewer, ONLY_REVIEWERS)
    version = get_object_or_404(CourseVersion, pk=version_id)
    review = review_version(version, by=user, outcome=payload.outcome, comments=payload.comments)
    return Status(201, review)


# --- Provisions, review, differences ------------------------------------------------------------


def _module(module_id: int) -> Module:
    return get_object_or_404(
        Module.objects.select_related("version__course").prefetch_related(
            "topics", "links__provision"
        ),
        pk=module_id,
    )


@router.get(
    "/modules/{int:module_id}/rules",
    response={200: list[RuleCheckOut], **DETAIL},
    summary="The topic rules of a module and whether its links meet them",
)
def module_rules(request: HttpRequest, module_id: int) -> list[dict[str, object]]:
    acting_user(request)
    return [
        {
            "topic": check.rule.topic.code,
            "requirement": check.rule.requirement,
            "provisions": check.rule.provision_codes,
            "met": check.met,
        }
        for check in check_module(_module(module_id))
    ]


@router.get(
    "/modules/{int:module_id}/suggestions",
    response={200: list[SuggestionOut], **DETAIL},
    summary="Provisions suggested from the module's text, with a score",
)
def module_suggestions(request: HttpRequest, module_id: int) -> list[dict[str, object]]:
    acting_user(request)
    return [
        {"provision": p.code, "score": score, "summary": p.summary}
        for p, score in suggest_for_module(_module(module_id))
    ]


@router.post(
    "/modules/{int:module_id}/links",
    response={201: LinkOut, **WRITE},
    summary="Link a provision the module teaches, saying how",
)
def module_link(request: HttpRequest, module_id: int, payload: LinkIn) -> Status[object]:
    user = acting_user(request)
    require(user.is_secretariat, ONLY_AUTHORS)
    module = _module(module_id)
    provision = Provision.objects.select_related("standard").filter(code=payload.provision).first()
    if provision is None:
        raise ActionError(_("No provision has that code."), field="provision")
    return Status(201, link_provision(module, provision=provision, how=payload.how, by=user))


@router.post(
    "/modules/{int:module_id}/comments",
    response={201: CommentOut, **WRITE},
    summary="Comment on a module (the secretariat and the version's reviewers)",
)
def module_comment(request: HttpRequest, module_id: int, payload: CommentIn) -> Status[object]:
    user = acting_user(request)
    comment = comment_on_module(_module(module_id), by=user, text=payload.text)
    return Status(
        201,
        {
            "id": comment.pk,
            "module_id": comment.module_id,
            "author": str(user),
            "text": comment.text,
            "created_at": comment.created_at,
        },
    )


@router.post(
    "/versions/{int:version_id}/assignments",
    response={201: AssignmentOut, **WRITE},
    summary="Assign a curriculum reviewer to a version",
)
def version_assign(request: HttpRequest, version_id: int, payload: AssignIn) -> Status[object]:
    user = acting_user(request)
    require(user.is_secretariat, ONLY_AUTHORS)
    version = get_object_or_404(CourseVersion, pk=version_id)
    reviewer = lookup(User.objects.all(), payload.reviewer, field="reviewer")
    assert reviewer is not None
    assignment = assign_reviewer(version, reviewer=reviewer, by=user)
    return Status(201, {"reviewer": str(reviewer), "assigned_at": assignment.assigned_at})


@router.get(
    "/versions/{int:version_id}/diff",
    response={200: DiffOut, **DETAIL},
    summary="Differences from the previous approved version, module by module",
)
def version_diff(request: HttpRequest, version_id: int) -> dict[str, object]:
    acting_user(request)
    version = get_object_or_404(CourseVersion, pk=version_id)
    previous = version.previous_approved()
    changes = diff_versions(previous, version) if previous else []
    return {
        "version": version.pk,
        "previous_approved": previous.pk if previous else None,
        "modules": [
            {
                "kind": c.kind,
                "title": c.title,
                "changes": [{"label": f.label, "old": f.old, "new": f.new} for f in c.changes],
            }
            for c in changes
        ],
    }


# --- Public: no sign-in (the public API, /api/v1/public/curriculum) -------------------------

public_router = Router(tags=["curriculum"])


def _public_link(link: ModuleProvisionLink) -> dict[str, object]:
    return {
        "provision": link.provision.code,
        "standard_title": link.provision.standard.title,
        "url": link.provision.standard.url,
        "how": link.how,
    }


@public_router.get(
    "/",
    auth=None,
    response={200: list[PublicVersionListOut]},
    summary="The approved curriculum: every version that may be taught",
)
def public_version_list(request: HttpRequest) -> list[dict[str, object]]:
    return [
        {
            "id": v.pk,
            "course": v.course.code,
            "title": v.course.title,
            "version": v.number,
            "total_hours": v.total_hours or 0,
            "modules": v.module_count,
            "provisions": v.provision_count,
            "approved_on": v.approved_at.date() if v.approved_at else None,
            "url": reverse("curriculum:public_version", args=[v.pk]),
        }
        for v in public_versions()
    ]


@public_router.get(
    "/standards",
    auth=None,
    response={200: list[StandardOut]},
    summary="The standards catalogue's instruments",
)
def public_standard_list(request: HttpRequest) -> list[dict[str, object]]:
    return [
        {
            "code": s.code,
            "title": s.title,
            "version": s.version,
            "legal_nature": s.legal_nature,
            "url": s.url,
            "superseded_by": s.superseded_by.code if s.superseded_by else None,
        }
        for s in Standard.objects.select_related("superseded_by")
    ]


@public_router.get(
    "/provisions",
    auth=None,
    response={200: list[ProvisionOut]},
    summary="The catalogue's provisions, with our plain-language summaries",
)
def public_provision_list(request: HttpRequest) -> list[dict[str, object]]:
    return [
        {
            "code": p.code,
            "standard": p.standard.code,
            "standard_title": p.standard.title,
            "heading": p.heading,
            "summary": p.summary,
            "url": p.standard.url,
            "current": p.standard.is_current,
        }
        for p in Provision.objects.select_related("standard")
    ]


@public_router.get(
    "/{int:version_id}",
    auth=None,
    response={200: PublicVersionOut, 404: ErrorOut},
    summary="An approved version: modules, the provisions they cover, and its review summary",
)
def public_version_detail(request: HttpRequest, version_id: int) -> dict[str, object]:
    version = public_version(version_id)
    modules = public_modules(version)
    return {
        "id": version.pk,
        "course": version.course.code,
        "title": version.course.title,
        "version": version.number,
        "status": version.status,
        "summary": version.summary,
        "learning_outcomes": version.learning_outcomes,
        "languages": version.languages,
        "total_hours": sum((m.hours for m in modules), Decimal(0)),
        "modules": [
            {
                "order": m.order,
                "title": m.title,
                "hours": m.hours,
                "learning_outcomes": m.learning_outcomes,
                "topics": [t.code for t in m.topics.all()],
                "provisions": [_public_link(link) for link in m.links.all()],
            }
            for m in modules
        ],
        "review": review_summary(version),
    }
