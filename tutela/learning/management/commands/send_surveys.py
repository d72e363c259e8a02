"""`tutela send_surveys`: send the evaluation surveys that are due and the reminders. Run daily
by the scheduler; running it again the same day sends nothing twice."""

from typing import Any

from django.core.management.base import BaseCommand

from tutela.learning.actions import send_due_surveys


class Command(BaseCommand):
    help = "Send due evaluation surveys and reminders (idempotent; run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = send_due_surveys()
        self.stdout.write(
            f"{report.sent} survey(s) and {report.reminders} reminder(s) queued for sending."
        )
