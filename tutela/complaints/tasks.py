"""Background work for complaints: routing a new complaint to vetting and oversight."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.urls import reverse

from tutela.accounts.models import Role, User
from tutela.audit.actions import record_event
from tutela.complaints.models import Complaint


@task()
def route_complaint(complaint_id: int) -> int:
    """Email the vetting analysts and the oversight body that a complaint arrived: its reference,
    what it is about and a link to it — never the sender's identity. Returns the number of
    recipients; the routing is audited."""
    complaint = Complaint.objects.get(pk=complaint_id)
    recipients = sorted(
        User.objects.filter(role__in=[Role.ANALYST, Role.OVERSIGHT], is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if recipients:
        link = settings.SITE_URL.rstrip("/") + reverse("complaints:detail", args=[complaint.pk])
        subject = f"Complaint {complaint.reference}: {complaint.get_subject_display()}"
        body = (
            f"A complaint was received through the public form on "
            f"{complaint.received_at:%Y-%m-%d %H:%M} UTC ({complaint.language}).\n\n"
            f"About: {complaint.about}\n\nRead it and link it to whom it names at:\n{link}\n"
        )
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    with transaction.atomic():
        record_event(
            None,
            "complaint.routed",
            complaint,
            {"recipients": len(recipients), "to": ["vetting", "oversight"]},
        )
    return len(recipients)
