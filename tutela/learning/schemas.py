"""API shapes of the learning app."""

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from tutela.accounts.schemas import Id

ScoreValue = Decimal | None


class TraineeRecordOut(Schema):
    nomination: int
    officer: str
    invitation_number: str
    status: str
    present_days: list[dt.date]
    absent_days: list[dt.date]
    pre_score: Decimal | None
    post_score: Decimal | None


class ActivityRecordOut(Schema):
    activity: int
    code: str
    days: list[dt.date]
    min_attendance: Decimal | None = Field(None, description="Share of days, 0–1.")
    min_post_score: Decimal | None = None
    trainees: list[TraineeRecordOut]


class AttendanceIn(Schema):
    day: dt.date
    present: list[Id] = Field(description="Nomination ids of the trainees present; others absent.")


class ScoreIn(Schema):
    nomination: Id
    pre: Decimal | None = Field(None, ge=0, le=100, description="Omit to leave unchanged.")
    post: Decimal | None = Field(None, ge=0, le=100)


class ScoresIn(Schema):
    scores: list[ScoreIn]


class CountOut(Schema):
    count: int


class OutcomeOut(Schema):
    nomination: int
    days_present: int
    share: float
    post_score: Decimal | None
    qualifies: bool
    completed_now: bool
    reasons: list[str]


class RuleIn(Schema):
    min_attendance: Decimal = Field(ge=0, le=1, description="Share of days, 0–1 (0.8 = 80 %).")
    min_post_score: Decimal | None = Field(None, ge=0, le=100)


class RuleOut(Schema):
    course_version: int
    min_attendance: Decimal
    min_post_score: Decimal | None


class GainOut(Schema):
    n: int
    mean_pre: float | None
    mean_post: float | None
    mean_gain: float | None
    ci_low: float | None
    ci_high: float | None
    confidence: float
    normalised_gain: float | None
    interval: str = "paired t"


class QuestionOut(Schema):
    code: str
    text: str
    level: int
    kind: str
    n: int
    mean: float | None
    agree_share: float | None
    yes_share: float | None


class SurveyOut(Schema):
    instrument: str
    respondent: str
    invited: int
    sent: int
    answered: int
    response_rate: float | None
    suppressed: bool
    questions: list[QuestionOut]


class VersionResultOut(Schema):
    course_version: int
    course: str
    version: int
    learning_gain: GainOut | None
    surveys: list[SurveyOut]


class CountryResultOut(Schema):
    country: str
    surveys: list[SurveyOut]
