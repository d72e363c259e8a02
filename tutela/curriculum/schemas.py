"""Shapes of the curriculum API."""

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from tutela.accounts.schemas import MAX_COUNT, Id
from tutela.curriculum.models import (
    Course,
    CourseVersion,
    Module,
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

    @staticmethod
    def resolve_topics(obj: Module) -> list[Topic]:
        return list(obj.topics.all())


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
