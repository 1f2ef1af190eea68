from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from core import demo


class Command(BaseCommand):
    help = "Load the demo data (the ROO Group 2005 financing and a current matter). Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        apps.get_app_configs()  # every app's ready() has registered its demo step by now
        context: dict[str, Any] = {}
        with transaction.atomic():
            for order, name, step in demo.steps():
                step(context)
                self.stdout.write(f"demo: {order:>3} {name}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
