"""`tutela import_watchlist --format FORMAT PATH...`: import a watchlist as a new version."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tutela.accounts.models import Role, User
from tutela.lib.errors import ActionError
from tutela.lib.watchlists import READERS
from tutela.vetting.actions import WatchlistRejected, import_watchlist

PROGRESS_EVERY = 5000  # a progress line per this many entries stored


class Command(BaseCommand):
    help = (
        "Import a watchlist's files (OFAC needs sdn.csv, alt.csv and add.csv together) as a new "
        "list version and print the difference from the previous one. Importing the same files "
        "again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", required=True, choices=sorted(READERS))
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--name", default="", help="the watchlist's name (default: by format)")
        parser.add_argument("--date", default="", help="the list's publication date, YYYY-MM-DD")
        parser.add_argument(
            "--as",
            dest="username",
            default="",
            help="the analyst who imports (default: the first active analyst)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source_date = _date(options["date"])
        by = _analyst(options["username"])
        shown = [0]

        def progress(done: int, total: int) -> None:
            if done // PROGRESS_EVERY > shown[0] // PROGRESS_EVERY or done == total:
                self.stdout.write(f"  stored {done:,} of {total:,} entries")
            shown[0] = done

        try:
            version = import_watchlist(
                format=options["format"],
                paths=options["paths"],
                by=by,
                source_date=source_date,
                name=options["name"],
                progress=progress,
            )
        except WatchlistRejected as error:
            for problem in error.problems:
                line = problem.line if problem.line is not None else "-"
                self.stderr.write(f"{problem.file}:{line}: {problem.reason}")
            raise CommandError(error.message) from error
        except ActionError as error:
            raise CommandError(error.message) from error
        if version.already_imported:
            self.stdout.write(
                self.style.WARNING(
                    f"{version.watchlist}: already imported as version #{version.pk} "
                    f"({version.checksum[:12]}); nothing changed."
                )
            )
            return
        counts = version.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"{version.watchlist}: imported version #{version.pk} "
                f"({version.checksum[:12]}) by {by.username}"
            )
        )
        kinds = ", ".join(f"{kind} {n:,}" for kind, n in counts.get("kinds", {}).items())
        self.stdout.write(
            f"  {version.entity_count:,} entries ({kinds}); {counts.get('names', 0):,} names; "
            f"{counts.get('rows', 0):,} rows read; {counts.get('warnings', 0):,} warnings"
        )
        against = f"version #{version.previous_id}" if version.previous_id else "no earlier version"
        self.stdout.write(
            f"  against {against}: {version.added_count:,} added, "
            f"{version.removed_count:,} removed, {version.changed_count:,} changed"
        )


def _date(text: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--date {text!r} is not a date written YYYY-MM-DD.") from None


def _analyst(username: str) -> User:
    if username:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {username!r}.")
        if not user.is_analyst:
            raise CommandError(f"{username!r} is not a vetting analyst; only analysts import.")
        return user
    user = User.objects.filter(role=Role.ANALYST, is_active=True).order_by("pk").first()
    if user is None:
        raise CommandError(
            "No active vetting analyst to import as: create one, or name one with --as USERNAME."
        )
    return user
