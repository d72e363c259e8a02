"""`tutela rescreen [--version ID]`: screen every nominated, enrolled and completed officer and
their unit again, against what a list version added or changed (every current list without
--version), in the foreground with a progress bar."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tutela.lib.errors import ActionError
from tutela.vetting.actions import rescreen
from tutela.vetting.models import ListVersion

BAR_WIDTH = 10


def progress_bar(done: int, total: int, width: int = BAR_WIDTH) -> str:
    """E.g. "[#####.....] 500/1,000 officers"."""
    filled = width if not total else done * width // total
    return f"[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} officers"


class Command(BaseCommand):
    help = (
        "Screen every officer with a pending, enrolled or completed nomination, and their units, "
        "against the entries a list version added or changed (--version ID), or against every "
        "current list in full; open alerts as on nomination and print the counts."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # --version names a list version here, not the program's version (Django's option).
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--version",
            dest="version_id",
            type=int,
            default=None,
            help="the list version's id (default: every current list, in full)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        version = None
        if options["version_id"] is not None:
            version = (
                ListVersion.objects.select_related("watchlist")
                .filter(pk=options["version_id"])
                .first()
            )
            if version is None:
                raise CommandError(f"No list version #{options['version_id']}.")
        against = (
            f"{version.watchlist} version #{version.pk} (added and changed entries)"
            if version is not None
            else "every current list"
        )
        self.stdout.write(f"Re-screening against {against}")
        tty = self.stdout.isatty()

        def progress(done: int, total: int) -> None:
            bar = progress_bar(done, total)
            if tty:
                self.stdout.write(f"\r{bar}", ending="")
            else:
                self.stdout.write(bar)

        try:
            run = rescreen(version=version, progress=progress)
        except ActionError as error:
            raise CommandError(error.message) from error
        if tty:
            self.stdout.write("")
        if not run.total:
            self.stdout.write(progress_bar(0, 0))
        self.stdout.write(
            self.style.SUCCESS(
                f"Run #{run.pk}: {run.done:,} officers screened against {run.entries:,} listed "
                f"entries; {run.alerts:,} alerts opened; {run.affected:,} enrolments affected"
            )
        )
