"""The curriculum part of the API (/api/v1/): courses, versions with their modules, and review."""

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Status
from ninja.pagination import paginate

from tutela.accounts.api import lookup
from tutela.accounts.auth import acting_user, require
from tutela.accounts.schemas import DETAIL, READ, WRITE, Id, Pagination
from tutela.curriculum.actions import (
    add_module,
    create_course,
    create_version,
    review_version,
    submit_version,
)
from tutela.curriculum.models import (
    Course,
    CourseQuerySet,
    CourseVersion,
    Module,
    Review,
    Topic,
    VersionStatus,
)
from tutela.curriculum.schemas import (
    CourseIn,
    CourseOut,
    ModuleIn,
    ModuleOut,
    ReviewIn,
    ReviewOut,
    TopicOut,
    VersionIn,
    VersionListOut,
    VersionOut,
)
from tutela.lib.errors import ActionError

router = Router(tags=["curriculum"])

ONLY_AUTHORS = gettext_lazy("Only the secretariat writes courses.")
ONLY_REVIEWERS = gettext_lazy("Only curriculum reviewers review course versions.")


def _courses() -> CourseQuerySet:
    return Course.objects.prefetch_related("versions")


def _versions() -> QuerySet[CourseVersion]:
    return CourseVersion.objects.with_hours().select_related("course")


def _version_detail(pk: int) -> CourseVersion:
    versions = _versions().prefetch_related("modules__topics", "reviews__reviewer")
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
