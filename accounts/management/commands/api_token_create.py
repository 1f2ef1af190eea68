from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import User
from accounts.services import api_token_create


class Command(BaseCommand):
    help = "Make an API token for a user (for scripts and the API fuzzing): api_token_create NAME [--days N]."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--days", type=int, default=None)
        parser.add_argument("--name", default="command line")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user named {options['username']}.")
        token, key = api_token_create(user=user, name=options["name"], days=options["days"])
        self.stdout.write(f"Generated token {key} for user {user.username} (expires {token.expires_at:%Y-%m-%d}).")
