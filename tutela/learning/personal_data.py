"""What the learning app holds about one officer, for the data-subject export and the erasure
(see tutela/nominations/personal_data.py). Erasure keeps attendance, scores and answers on a
scale (they feed pass rates, learning gain and survey results), removes the supervisor's contact,
every free-text answer and the failed check-ins typed with the officer's invitation numbers,
and forgets the email addresses the surveys went to."""

from typing import Any

from tutela.accounts.models import User
from tutela.learning.models import (
    Attendance,
    CheckInFailure,
    Score,
    Supervisor,
    SurveyInvitation,
    SurveyResponse,
)
from tutela.learning.surveys import TEXT, questions_for
from tutela.nominations.models import Officer


def export(officer: Officer) -> dict[str, Any]:
    supervisor = Supervisor.objects.filter(officer=officer).first()
    invitations = (
        SurveyInvitation.objects.filter(nomination__officer=officer)
        .select_related("nomination__activity", "response")
        .order_by("due_on", "pk")
    )
    return {
        "attendance": [
            {
                "activity": a.nomination.activity.code,
                "day": a.day.isoformat(),
                "present": a.present,
                "source": a.source,
            }
            for a in Attendance.objects.filter(nomination__officer=officer)
            .select_related("nomination__activity")
            .order_by("day")
        ],
        "scores": [
            {"activity": s.nomination.activity.code, "test": s.kind, "score": str(s.score)}
            for s in Score.objects.filter(nomination__officer=officer).select_related(
                "nomination__activity"
            )
        ],
        "supervisor": None
        if supervisor is None
        else {"name": supervisor.name, "email": supervisor.email},
        "surveys": [
            {
                "activity": i.nomination.activity.code,
                "survey": i.instrument,
                "respondent": i.respondent,
                "email": i.email,
                "due_on": i.due_on.isoformat(),
                "sent_at": i.sent_at.isoformat() if i.sent_at else None,
                "answered_at": i.answered_at.isoformat() if i.answered_at else None,
                "answers": getattr(i, "response", None) and i.response.answers,
            }
            for i in invitations
        ],
    }


def erase(officer: Officer, *, by: User) -> int:
    touched, _by_model = Supervisor.objects.filter(officer=officer).delete()
    numbers = [
        number.upper()
        for number in officer.nominations.filter(enrolment__isnull=False).values_list(
            "enrolment__invitation_number", flat=True
        )
    ]
    failed, _by_model = CheckInFailure.objects.filter(invitation_number__in=numbers).delete()
    touched += failed
    touched += (
        SurveyInvitation.objects.filter(nomination__officer=officer)
        .exclude(email="")
        .update(email="")
    )
    responses = list(
        SurveyResponse.objects.filter(invitation__nomination__officer=officer).select_related(
            "invitation"
        )
    )
    for response in responses:
        text = {
            q.code
            for q in questions_for(response.invitation.instrument, response.invitation.respondent)
            if q.kind == TEXT
        }
        response.answers = {k: v for k, v in response.answers.items() if k not in text}
    SurveyResponse.objects.bulk_update(responses, ["answers"])
    return touched + len(responses)
