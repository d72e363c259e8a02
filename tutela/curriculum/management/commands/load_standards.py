"""`tutela load_standards [--dir DIR]`: load the standards catalogue and the topic rules."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tutela.curriculum.actions import load_standards
from tutela.curriculum.catalogue import DATA_DIR, CatalogueRejected


class Command(BaseCommand):
    help = (
        "Load the standards catalogue (standards.csv, provisions.csv, topic_rules.csv) from the "
        "repository's data directory or --dir. Every row is checked first; a bad file is "
        "rejected with its line and reason and nothing is loaded. Loading again updates rows in "
        "place; a new version of an instrument supersedes the old one, whose links stay."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dir", dest="directory", default=str(DATA_DIR), help="directory of the three files"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory = Path(options["directory"])
        try:
            counts = load_standards(directory=directory)
        except CatalogueRejected as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Loaded {counts['standards']} standards, {counts['provisions']} provisions and "
            f"{counts['rules']} topic rules"
            + (f"; {counts['superseded']} newly superseded" if counts["superseded"] else "")
            + "."
        )
