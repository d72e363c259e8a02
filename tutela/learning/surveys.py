"""The evaluation surveys' questions (Kirkpatrick levels 1, 3 and 4) and how answers are read.

Likert questions use 1 (strongly disagree) to 5 (strongly agree); frequency questions 1 (never)
to 5 (every week or more); yes/no questions store true/false; free text is kept for the
programme's own reading and never aggregated or published.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from tutela.learning.models import Instrument, Respondent

LIKERT = "likert"
FREQUENCY = "frequency"
YES_NO = "yes_no"
TEXT = "text"

SCALE_LABELS = {
    LIKERT: [
        (1, _("Strongly disagree")),
        (2, _("Disagree")),
        (3, _("Neither")),
        (4, _("Agree")),
        (5, _("Strongly agree")),
    ],
    FREQUENCY: [
        (1, _("Never")),
        (2, _("Once or twice")),
        (3, _("Every month")),
        (4, _("Every two weeks")),
        (5, _("Every week or more")),
    ],
}


@dataclass(frozen=True)
class Question:
    code: str
    text: Any  # a lazy translation
    kind: str
    level: int
    required: bool = True

    @property
    def choices(self) -> list[tuple[int, Any]]:
        return SCALE_LABELS.get(self.kind, [])


REACTION = [
    Question("relevance", _("The course was relevant to my job."), LIKERT, 1),
    Question("trainers", _("The trainers knew their subject and taught it well."), LIKERT, 1),
    Question("materials", _("The materials were useful."), LIKERT, 1),
    Question("organisation", _("The course was well organised."), LIKERT, 1),
    Question("language", _("Language and interpretation worked well."), LIKERT, 1),
    Question("overall", _("Overall, I am satisfied with the course."), LIKERT, 1),
    Question("recommend", _("Would you recommend the course to a colleague?"), YES_NO, 1),
    Question("comment", _("Anything else you want to tell us?"), TEXT, 1, required=False),
]

FOLLOW_UP_ALUMNUS = [
    Question("use", _("How often have you used what you learned on the course?"), FREQUENCY, 3),
    Question(
        "confidence", _("I am more confident handling such situations than before."), LIKERT, 3
    ),
    Question("shared", _("Have you passed on what you learned to colleagues?"), YES_NO, 4),
    Question(
        "unit_change",
        _("Has your unit changed a procedure or practice because of the course?"),
        YES_NO,
        4,
    ),
    Question("example", _("An example of use, or what stood in the way"), TEXT, 3, False),
]

FOLLOW_UP_SUPERVISOR = [
    Question(
        "use", _("How often have you seen the officer apply what they learned?"), FREQUENCY, 3
    ),
    Question("improved", _("The officer's work in this area has improved."), LIKERT, 3),
    Question("shared", _("Has the officer trained or briefed colleagues on it?"), YES_NO, 4),
    Question(
        "unit_change",
        _("Has the unit changed a procedure or practice because of the course?"),
        YES_NO,
        4,
    ),
    Question("example", _("An example, or what stood in the way"), TEXT, 3, False),
]


def questions_for(instrument: str, respondent: str) -> list[Question]:
    if instrument == Instrument.REACTION:
        return REACTION
    if respondent == Respondent.SUPERVISOR:
        return FOLLOW_UP_SUPERVISOR
    return FOLLOW_UP_ALUMNUS


def clean_answers(
    questions: list[Question], raw: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Check submitted answers; return (answers, errors by question code)."""
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for q in questions:
        value = raw.get(q.code)
        value = value.strip() if isinstance(value, str) else value
        if value in (None, ""):
            if q.required:
                errors[q.code] = str(_("Answer this question."))
            continue
        if q.kind in (LIKERT, FREQUENCY):
            try:
                number = int(value)
            except (TypeError, ValueError):
                number = 0
            if not 1 <= number <= 5:
                errors[q.code] = str(_("Choose one of the five answers."))
                continue
            answers[q.code] = number
        elif q.kind == YES_NO:
            if value in (True, "yes", "true", "1"):
                answers[q.code] = True
            elif value in (False, "no", "false", "0"):
                answers[q.code] = False
            else:
                errors[q.code] = str(_("Answer yes or no."))
        else:
            answers[q.code] = str(value)[:4000]
    return answers, errors
