"""`tutela demo`: load the demo programme (invented people, real countries) and its logins."""

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tutela.demo import load_demo, logins_table, programme_exists, reset_programme_data


class Command(BaseCommand):
    help = (
        "Load the demo programme: about 120 partners, 40 courses, 300 activities of every mode "
        "and 6,000 nominations over 2025–2026, with vetting, enrolments, completions and the "
        "audit trail. Refuses a database that already holds a programme unless --reset."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database already holds a programme.",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Erase the programme data, its audit log and all accounts "
            "except superusers, then load the demo (DEBUG only).",
        )
        parser.add_argument(
            "--logins",
            action="store_true",
            help="Only print the demo logins (username, password, role, partner).",
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Multiply the activities and nominations (default 1; the web benchmark uses 10).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["logins"]:
            self.stdout.write(
                "Demo logins (demo data only; never use these on a real programme):\n"
            )
            self.stdout.write(logins_table())
            return
        if options["scale"] <= 0:
            raise CommandError("--scale must be a positive number.")
        if programme_exists():
            if options["if_empty"]:
                self.stdout.write(
                    "The database already holds a programme; the demo was not loaded."
                )
                return
            if not options["reset"]:
                raise CommandError(
                    "The database already holds a programme. Use --reset to erase "
                    "it (with its audit log) and load the demo, or --if-empty to "
                    "leave it as it is."
                )
        if options["reset"]:
            if not settings.DEBUG:
                raise CommandError(
                    "--reset erases the programme and its audit log; it is refused "
                    "when DEBUG is off (a production configuration)."
                )
            started = time.perf_counter()
            reset_programme_data()
            self.stdout.write(f"Programme data erased ({time.perf_counter() - started:.1f} s).")
        self.stdout.write(f"Loading the demo programme (scale {options['scale']:g}):")
        started = time.perf_counter()
        counts = load_demo(scale=options["scale"], log=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded in {time.perf_counter() - started:.1f} s: {counts['partners']:,} "
                f"partners, {counts['activities']:,} activities, {counts['officers']:,} officers, "
                f"{counts['nominations']:,} nominations, {counts['completions']:,} completions, "
                f"{counts['events']:,} audit events."
            )
        )
        self.stdout.write("Sign in with the demo logins: tutela demo --logins")
