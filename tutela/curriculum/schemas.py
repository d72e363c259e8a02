"""Shapes of the curriculum API."""

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from tutela.accounts.schemas import MAX_COUNT, Id
from tutela.curriculum.models import (
    Course,
    CourseVersion,
    Module,
    ModuleProvisionLink,
    Review,
    ReviewOutcome,
    Topic,
)


class TopicOut(Schema):
    code: str
    name: str


class VersionSummaryOut(Schema):
    id: int
    number: int
    status: str
    submitted_at: dt.datetime | None
    approved_at: dt.datetime | None


class CourseOut(Schema):
    id: int
    code: str
    title: str
    summary: str
    versions: list[VersionSummaryOut]

    @staticmethod
    def resolve_versions(obj: Course) -> list[CourseVersion]:
        return list(obj.versions.all())


class CourseIn(Schema):
    code: str = Field(..., min_length=1, max_length=30)
    title: str = Field(..., min_length=1, max_length=200)
    summary: str = ""


class ModuleOut(Schema):
    id: int
    order: int
    title: str
    hours: Decimal
    learning_outcomes: str
    methods: str
    topics: list[TopicOut]
    links: list["LinkOut"]

    @staticmethod
    def resolve_topics(obj: Module) -> list[Topic]:
        return list(obj.topics.all())

    @staticmethod
    def resolve_links(obj: Module) -> list[ModuleProvisionLink]:
        return list(obj.links.all())


class ReviewOut(Schema):
    id: int
    outcome: str
    comments: str
    reviewer: str
    decided_at: dt.datetime

    @staticmethod
    def resolve_reviewer(obj: Review) -> str:
        return str(obj.reviewer)


class VersionListOut(Schema):
    id: int
    course_id: int
    course_code: str
    course_title: str
    number: int
    status: str
    languages: list[str]
    hours: Decimal = Field(description="Total hours of the modules.")
    submitted_at: dt.datetime | None
    approved_at: dt.datetime | None

    @staticmethod
    def resolve_course_code(obj: CourseVersion) -> str:
        return obj.course.code

    @staticmethod
    def resolve_course_title(obj: CourseVersion) -> str:
        return obj.course.title

    @staticmethod
    def resolve_hours(obj: CourseVersion) -> Decimal:
        # Lists annotate the total with CourseVersion.objects.with_hours(); otherwise add up.
        annotated = getattr(obj, "total_hours", False)
        total = (annotated or Decimal(0)) if annotated is not False else obj.hours()
        return Decimal(total).quantize(Decimal("0.1"))


class VersionOut(VersionListOut):
    summary: str
    learning_outcomes: str
    modules: list[ModuleOut]
    reviews: list[ReviewOut]

    @staticmethod
    def resolve_modules(obj: CourseVersion) -> list[Module]:
        return list(obj.modules.all())

    @staticmethod
    def resolve_reviews(obj: CourseVersion) -> list[Review]:
        return list(obj.reviews.all())


class VersionIn(Schema):
    summary: str = ""
    learning_outcomes: str = ""
    languages: list[str] | None = Field(None, description="Language codes, e.g. en, fr, ar.")
    copy_from: Id | None = Field(None, description="Id of a version whose modules to copy.")


class ModuleIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    hours: Decimal = Field(..., gt=0, max_digits=5, decimal_places=1)
    learning_outcomes: str = Field(..., min_length=1)
    methods: str = ""
    topics: list[str] = Field([], description="Topic codes (see GET /curriculum/topics).")
    order: int | None = Field(None, ge=1, le=MAX_COUNT)


class ReviewIn(Schema):
    outcome: ReviewOutcome
    comments: str = Field(..., min_length=1)


class LinkOut(Schema):
    id: int
    provision: str
    how: str

    @staticmethod
    def resolve_provision(obj: ModuleProvisionLink) -> str:
        return obj.provision.code


ModuleOut.model_rebuild()


class LinkIn(Schema):
    provision: str = Field(..., min_length=1, max_length=60, examples=["UN-BPUFF-1990:P13"])
    how: str = Field(..., min_length=1, max_length=500)


class RuleCheckOut(Schema):
    topic: str
    requirement: str
    provisions: list[str]
    met: bool


class SuggestionOut(Schema):
    provision: str
    score: float
    summary: str


class AssignIn(Schema):
    reviewer: Id


class AssignmentOut(Schema):
    reviewer: str
    assigned_at: dt.datetime


class CommentIn(Schema):
    text: str = Field(..., min_length=1, max_length=4000)


class CommentOut(Schema):
    id: int
    module_id: int
    author: str
    text: str
    created_at: dt.datetime


class FieldChangeOut(Schema):
    label: str
    old: str
    new: str


class ModuleChangeOut(Schema):
    kind: str
    title: str
    changes: list[FieldChangeOut]


class DiffOut(Schema):
    version: int
    previous_approved: int | None
    modules: list[ModuleChangeOut]


# --- Public ---------------------------------------------------------------------------------


class ProvisionOut(Schema):
    code: str
    standard: str
    standard_title: str
    heading: str
    summary: str
    url: str
    current: bool


class StandardOut(Schema):
    code: str
    title: str
    version: str
    legal_nature: str
    url: str
    superseded_by: str | None


class PublicLinkOut(Schema):
    provision: str
    standard_title: str
    url: str
    how: str


class PublicModuleOut(Schema):
    order: int
    title: str
    hours: Decimal
    learning_outcomes: str
    topics: list[str]
    provisions: list[PublicLinkOut]


class PublicDecisionOut(Schema):
    reviewer: int
    outcome: str
    decided_on: dt.date
    reasons: str


class ReviewSummaryOut(Schema):
    submitted_on: dt.date | None
    approved_on: dt.date | None
    reviewers: int
    approvals: int
    approvals_needed: int
    complete: bool
    decisions: list[PublicDecisionOut]


class PublicVersionListOut(Schema):
    id: int
    course: str
    title: str
    version: int
    total_hours: Decimal
    modules: int
    provisions: int
    approved_on: dt.date | None
    url: str


class PublicVersionOut(Schema):
    id: int
    course: str
    title: str
    version: int
    status: str
    summary: str
    learning_outcomes: str
    languages: list[str]
    total_hours: Decimal
    modules: list[PublicModuleOut]
    review: ReviewSummaryOut
