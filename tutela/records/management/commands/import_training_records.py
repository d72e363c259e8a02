"""`tutela import_training_records FILE...`: import Foreign Military Training Report tables."""

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tutela.accounts.models import Role, User
from tutela.lib.errors import ActionError
from tutela.records.actions import (
    FileReport,
    TrainingRecordsRejected,
    import_training_records,
    summary_csv,
)

PROGRESS_EVERY = 20_000  # a progress line per this many rows read


class Command(BaseCommand):
    help = (
        "Import training-records tables (the Foreign Military Training Report's flat files, TSV "
        "or CSV, plain or gzip) into the register and print rows read, imported and set aside "
        "with reasons. All files of one run are imported together or not at all; importing a "
        "file again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="FILE")
        parser.add_argument(
            "--summary",
            metavar="OUT.csv",
            default="",
            help="write, per fiscal report and country as printed, the rows in the register and "
            "the sum of their numeric quantities (the columns of fmtr_summary_by_year_country.csv)",
        )
        parser.add_argument(
            "--as",
            dest="username",
            default="",
            help="the secretariat member who imports (default: the first active one)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        by = _secretariat(options["username"])
        started = time.perf_counter()
        shown: dict[str, int] = {}

        def progress(file: str, done: int) -> None:
            if done // PROGRESS_EVERY > shown.get(file, 0) // PROGRESS_EVERY:
                self.stdout.write(f"  {file}: {done:,} rows read")
            shown[file] = done

        try:
            report = import_training_records(options["paths"], by=by, progress=progress)
        except TrainingRecordsRejected as error:
            for problem in error.problems:
                self.stderr.write(f"{problem.file}: {problem.message}")
            raise CommandError("Nothing was imported.") from error
        except ActionError as error:
            raise CommandError(error.message) from error
        seconds = time.perf_counter() - started
        for file in report.files:
            self._print_file(file)
        rate = report.rows_read / seconds if seconds else 0.0
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(report.files)} file(s): {report.rows_read:,} rows read, "
                f"{report.rows_imported:,} imported, {report.rows_set_aside:,} set aside "
                f"in {seconds:.1f} s ({rate:,.0f} rows/s)"
            )
        )
        if options["summary"]:
            out = Path(options["summary"])
            with out.open("w", encoding="utf-8", newline="") as handle:
                handle.write(summary_csv(report.fiscal_reports))
            self.stdout.write(
                f"Summary of fiscal reports {', '.join(report.fiscal_reports) or '(none)'} "
                f"written to {out}"
            )

    def _print_file(self, file: FileReport) -> None:
        self.stdout.write(
            f"{file.file}: {file.rows_read:,} rows read, {file.rows_imported:,} imported, "
            f"{file.rows_set_aside:,} set aside"
            + (f" (import #{file.import_id})" if file.import_id else "; nothing changed")
        )
        for reason, count in file.reasons.most_common():
            self.stdout.write(f"  set aside, {reason}: {count:,}")
        for line, reason in file.examples[:10]:
            if not reason.startswith("already"):
                self.stdout.write(f"    line {line}: {reason}")
        if file.rows_imported:
            quantities = ", ".join(f"{k} {v:,}" for k, v in sorted(file.quantities.items()))
            kinds = ", ".join(f"{k} {v:,}" for k, v in sorted(file.kinds.items()))
            self.stdout.write(f"  trainees figures: {quantities}")
            self.stdout.write(f"  rows: {kinds}")
        for name, count in file.without_code.most_common():
            self.stdout.write(f"  imported without a country code: {name!r} ({count:,})")


def _secretariat(username: str) -> User:
    if username:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {username!r}.")
        if not user.is_secretariat:
            raise CommandError(f"{username!r} is not secretariat; only the secretariat imports.")
        return user
    user = User.objects.filter(role=Role.SECRETARIAT, is_active=True).order_by("pk").first()
    if user is None:
        raise CommandError(
            "No active secretariat member to import as: create one, or name one with --as USERNAME."
        )
    return user
