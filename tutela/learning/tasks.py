"""Background work for learning: emailing survey links and reminders.

Each task first claims its invitation with a conditional UPDATE (only if it is still unsent, or
still at the same reminder count), so that a scheduler run twice, or two workers, never send the
same email twice."""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from tutela.audit.actions import record_event
from tutela.learning.models import Respondent, SurveyInvitation


def _email(invitation: SurveyInvitation, *, reminder: bool) -> None:
    from tutela.learning.actions import survey_link

    nomination = invitation.nomination
    activity = nomination.activity
    subject = (_("Reminder: %(survey)s") if reminder else "%(survey)s") % {
        "survey": _("%(title)s: your views") % {"title": activity.title}
    }
    if invitation.respondent == Respondent.SUPERVISOR:
        intro = _(
            "%(officer)s attended %(activity)s (%(code)s), which ended on %(end)s. As their "
            "supervisor, please tell us whether they use what they learned."
        )
    else:
        intro = _(
            "You attended %(activity)s (%(code)s), which ended on %(end)s. Please tell us what "
            "you thought of it and how you use it."
        )
    body = (
        intro
        % {
            "officer": nomination.officer.name_latin,
            "activity": activity.title,
            "code": activity.code,
            "end": activity.ends_on.isoformat(),
        }
        + "\n\n"
        + _("The survey takes five minutes and needs no account:")
        + f"\n{survey_link(invitation)}\n\n"
        + _("It is open until %(day)s.") % {"day": invitation.closes_on.isoformat()}
        + "\n"
    )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


def _load(invitation_id: int) -> SurveyInvitation:
    return SurveyInvitation.objects.select_related(
        "nomination__activity", "nomination__officer"
    ).get(pk=invitation_id)


@task()
def send_survey(invitation_id: int) -> bool:
    """Send the survey link once. Returns whether this call sent it."""
    now = timezone.now()
    with transaction.atomic():
        claimed = (
            SurveyInvitation.objects.filter(
                pk=invitation_id, sent_at__isnull=True, answered_at__isnull=True
            )
            .exclude(email="")
            .update(sent_at=now, last_sent_at=now)
        )
        if not claimed:
            return False
        invitation = _load(invitation_id)
        record_event(
            None,
            "survey.sent",
            invitation,
            {"instrument": invitation.instrument, "respondent": invitation.respondent},
        )
        _email(invitation, reminder=False)  # an error rolls the claim back: the next run retries
    return True


@task()
def remind_survey(invitation_id: int, reminders: int) -> bool:
    """Send reminder number `reminders + 1`, unless it was sent already or the survey was
    answered meanwhile."""
    now = timezone.now()
    with transaction.atomic():
        claimed = SurveyInvitation.objects.filter(
            pk=invitation_id,
            reminders=reminders,
            answered_at__isnull=True,
            closes_on__gte=timezone.localdate(),
            last_sent_at__lte=now - dt.timedelta(days=1),
        ).update(reminders=reminders + 1, last_sent_at=now)
        if not claimed:
            return False
        invitation = _load(invitation_id)
        record_event(
            None,
            "survey.reminded",
            invitation,
            {"instrument": invitation.instrument, "reminder": reminders + 1},
        )
        _email(invitation, reminder=True)
    return True
