from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tutela.accounts.actions import issue_api_token
from tutela.accounts.models import User
from tutela.lib.errors import ActionError


class Command(BaseCommand):
    help = "Issue an API token for a user and print its key, once (only a digest is kept)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="What will use the token.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user named {options['username']!r}.")
        try:
            token, key = issue_api_token(user, name=options["name"], by=None)
        except ActionError as error:
            raise CommandError(error.message) from None
        self.stderr.write(
            f"Token {token.name!r} for {user.username} ({user.get_role_display()}); "
            "the key is not shown again:"
        )
        self.stdout.write(key)
