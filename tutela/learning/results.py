"""Reads for evaluation: learning gain per course version and survey results per course version
and per country, with response rates. Pages, the API and (later) the public portal call these.

`min_responses` suppresses the figures of any group with fewer answers (the house rule for
published survey metrics is n ≥ 30, or ≥ 10 with a caveat: docs/reference formats §3); pages
for signed-in staff pass 0 and see everything. Free-text answers never leave `SurveyResponse`.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from tutela.curriculum.models import CourseVersion
from tutela.learning.models import (
    Attendance,
    Instrument,
    Respondent,
    Score,
    SurveyInvitation,
    TestKind,
)
from tutela.learning.stats import Gain, learning_gain
from tutela.learning.surveys import FREQUENCY, LIKERT, YES_NO, questions_for
from tutela.nominations.models import Nomination

PUBLISHABLE_RESPONSES = 30


def _pairs(scores: Iterable[tuple[int, str, Any]]) -> dict[int, dict[str, float]]:
    by_nomination: dict[int, dict[str, float]] = defaultdict(dict)
    for nomination_id, kind, score in scores:
        by_nomination[nomination_id][kind] = float(score)
    return by_nomination


def trainee_record(nomination: Nomination) -> dict[str, Any]:
    """One trainee's learning record on one activity, for a certificate or an alumnus's page:
    days attended of the activity's days, the attendance share, and the test scores."""
    activity = nomination.activity
    days = (activity.ends_on - activity.starts_on).days + 1
    present = Attendance.objects.filter(
        nomination=nomination,
        present=True,
        day__gte=activity.starts_on,
        day__lte=activity.ends_on,
    ).count()
    scores = dict(Score.objects.filter(nomination=nomination).values_list("kind", "score"))
    return {
        "days": days,
        "days_present": present,
        "attendance_share": round(present / days, 3) if days else None,
        "pre_score": scores.get(TestKind.PRE),
        "post_score": scores.get(TestKind.POST),
    }


def learning_gain_by_course_version(
    versions: Iterable[int] | None = None, *, confidence: float = 0.95
) -> dict[int, Gain]:
    """{course version id: Gain} over every trainee with both a pre- and a post-test score."""
    scores = Score.objects.filter(nomination__activity__course_version__isnull=False)
    if versions is not None:
        scores = scores.filter(nomination__activity__course_version__in=list(versions))
    grouped: dict[int, list[tuple[float, float]]] = defaultdict(list)
    rows = scores.values_list(
        "nomination__activity__course_version_id", "nomination_id", "kind", "score"
    ).order_by("nomination_id")
    per_version: dict[int, list[tuple[int, str, Any]]] = defaultdict(list)
    for version_id, nomination_id, kind, score in rows:
        per_version[version_id].append((nomination_id, kind, score))
    for version_id, items in per_version.items():
        for both in _pairs(items).values():
            if TestKind.PRE in both and TestKind.POST in both:
                grouped[version_id].append((both[TestKind.PRE], both[TestKind.POST]))
    return {vid: learning_gain(pairs, confidence) for vid, pairs in grouped.items()}


def learning_gain_for(version: CourseVersion, *, confidence: float = 0.95) -> Gain:
    return learning_gain_by_course_version([version.pk], confidence=confidence).get(
        version.pk, learning_gain([], confidence)
    )


@dataclass
class QuestionResult:
    code: str
    text: str
    kind: str
    level: int
    n: int = 0
    mean: float | None = None  # Likert/frequency, 1–5
    agree_share: float | None = None  # share answering 4 or 5
    yes_share: float | None = None  # yes/no


@dataclass
class SurveyResult:
    """One survey (instrument × respondent) in one group."""

    instrument: str
    respondent: str
    invited: int = 0
    sent: int = 0
    answered: int = 0
    suppressed: bool = False
    questions: list[QuestionResult] = field(default_factory=list)

    @property
    def response_rate(self) -> float | None:
        return round(self.answered / self.sent, 3) if self.sent else None

    @property
    def label(self) -> str:
        return f"{Instrument(self.instrument).label} · {Respondent(self.respondent).label}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "instrument": self.instrument,
            "respondent": self.respondent,
            "invited": self.invited,
            "sent": self.sent,
            "answered": self.answered,
            "response_rate": self.response_rate,
            "suppressed": self.suppressed,
            "questions": [
                {
                    "code": q.code,
                    "text": q.text,
                    "level": q.level,
                    "kind": q.kind,
                    "n": q.n,
                    "mean": q.mean,
                    "agree_share": q.agree_share,
                    "yes_share": q.yes_share,
                }
                for q in self.questions
            ],
        }


def _summarise(
    instrument: str,
    respondent: str,
    rows: list[tuple[bool, bool, dict[str, Any] | None]],
    min_responses: int,
) -> SurveyResult:
    result = SurveyResult(instrument, respondent)
    result.invited = len(rows)
    result.sent = sum(1 for sent, _a, _ans in rows if sent)
    answers = [ans for _s, answered, ans in rows if answered and ans is not None]
    result.answered = len(answers)
    result.suppressed = result.answered < min_responses
    for q in questions_for(instrument, respondent):
        if q.kind not in (LIKERT, FREQUENCY, YES_NO):
            continue  # free text is never aggregated
        qr = QuestionResult(q.code, str(q.text), q.kind, q.level)
        values = [a[q.code] for a in answers if q.code in a]
        qr.n = len(values)
        if values and not result.suppressed:
            if q.kind == YES_NO:
                qr.yes_share = round(sum(1 for v in values if v) / len(values), 3)
            else:
                qr.mean = round(sum(values) / len(values), 2)
                qr.agree_share = round(sum(1 for v in values if v >= 4) / len(values), 3)
        result.questions.append(qr)
    return result


def survey_results(
    invitations: QuerySet[SurveyInvitation], *, by: str, min_responses: int = 0
) -> dict[Any, list[SurveyResult]]:
    """Survey results grouped `by` "course_version" (id) or "country" (the officer's
    nationality, ISO code): {group: [SurveyResult per instrument and respondent]}."""
    key = {
        "course_version": "nomination__activity__course_version_id",
        "country": "nomination__officer__nationality__code",
    }[by]
    rows = invitations.values_list(
        key, "instrument", "respondent", "sent_at", "answered_at", "response__answers"
    )
    grouped: dict[Any, dict[tuple[str, str], list[tuple[bool, bool, Any]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for group, instrument, respondent, sent_at, answered_at, answers in rows:
        grouped[group][(instrument, respondent)].append(
            (sent_at is not None, answered_at is not None, answers)
        )
    order = {
        (i, r): n
        for n, (i, r) in enumerate((i, r) for i in Instrument.values for r in Respondent.values)
    }
    return {
        group: [
            _summarise(i, r, surveys[(i, r)], min_responses)
            for (i, r) in sorted(surveys, key=lambda ir: order[ir])
        ]
        for group, surveys in grouped.items()
    }


def survey_results_for(version: CourseVersion, *, min_responses: int = 0) -> list[SurveyResult]:
    """Survey results of one course version (all its activities)."""
    invitations = SurveyInvitation.objects.filter(nomination__activity__course_version=version)
    return survey_results(invitations, by="course_version", min_responses=min_responses).get(
        version.pk, []
    )
