"""Background work for nominations: sending invitation letters after enrolment."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext as _

from tutela.accounts.models import Role, User
from tutela.audit.actions import record_event
from tutela.nominations.models import Enrolment


@task()
def send_invitation(enrolment_id: int) -> int:
    """Email the invitation letter's link to the officer (if an address is known) and to their
    partner's liaisons. Returns the number of recipients; the sending is audited."""
    enrolment = Enrolment.objects.select_related(
        "nomination__officer", "nomination__activity", "nomination__partner"
    ).get(pk=enrolment_id)
    nomination = enrolment.nomination
    recipients = sorted(
        {nomination.officer.email}
        | set(
            User.objects.filter(role=Role.LIAISON, partner=nomination.partner, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        - {""}
    )
    if not recipients:
        return 0
    activity = nomination.activity
    link = settings.SITE_URL.rstrip("/") + reverse("nominations:invitation", args=[nomination.pk])
    subject = _("Invitation %(number)s: %(activity)s") % {
        "number": enrolment.invitation_number,
        "activity": activity.title,
    }
    body = _(
        "%(officer)s is enrolled in %(activity)s (%(code)s), %(start)s to %(end)s.\n\n"
        "The invitation letter, number %(number)s, is at:\n%(link)s\n"
    ) % {
        "officer": nomination.officer,
        "activity": activity.title,
        "code": activity.code,
        "start": activity.starts_on.isoformat(),
        "end": activity.ends_on.isoformat(),
        "number": enrolment.invitation_number,
        "link": link,
    }
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    with transaction.atomic():
        record_event(None, "invitation.sent", enrolment, {"recipients": len(recipients)})
    return len(recipients)
