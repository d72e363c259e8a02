from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tutela.audit.actions import verify_chain


class Command(BaseCommand):
    help = "Recompute the audit chain and name the first broken link, if any."

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        if not report.ok:
            raise CommandError(
                f"Audit chain BROKEN at event #{report.broken_sequence}: {report.reason}. "
                f"{report.checked} events before it verified."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit chain intact: {report.checked} events; head #{report.head_sequence} "
                f"{report.head_hash}"
            )
        )
