from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import Role
from accounts.services import user_create
from parties.models import Party


class Command(BaseCommand):
    help = "Create a user: add_user NAME --role admin|counsel|finance [--company PARTY_ID]."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--company", type=int, help="Party id of the finance user's company")
        parser.add_argument("--password", help="Omit to create a user who must reset by email")
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        company = None
        if options["company"] is not None:
            company = Party.objects.filter(pk=options["company"]).first()
            if company is None:
                raise CommandError(f"No party with id {options['company']}.")
        try:
            user = user_create(
                username=options["username"],
                role=options["role"],
                password=options["password"],
                company=company,
                email=options["email"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"Created {user.role} user {user.username} (id {user.pk})."))
