"""`manage.py note_snapshots --check` compares every note's snapshot with its ledger replayed;
`--rebuild` rebuilds them all from the ledgers."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from notes.models import Note
from notes.snapshots import check, snapshots_rebuild

CHUNK = 1000  # notes locked and rebuilt per transaction


class Command(BaseCommand):
    help = "Check every note's snapshot against its ledger (--check) or rebuild them from the ledgers (--rebuild)."

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--check", action="store_true")
        group.add_argument("--rebuild", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        notes = Note.objects.select_related("matter").order_by("pk")
        if options["rebuild"]:
            count = 0
            ids = list(notes.values_list("pk", flat=True))
            for start in range(0, len(ids), CHUNK):
                with transaction.atomic():
                    chunk = list(notes.select_for_update(of=("self",)).filter(pk__in=ids[start:start + CHUNK]))
                    snapshots_rebuild(notes=chunk)
                count += len(chunk)
            self.stdout.write(f"Rebuilt the snapshots of {count} notes.")
            return
        differences = check(list(notes), timezone.localdate())
        for difference in differences:
            self.stdout.write(f"Note {difference.note.pk} ({difference.note}): stored {difference.stored}, "
                              f"ledger {difference.rebuilt}")
        if differences:
            raise CommandError(f"{len(differences)} snapshots differ from their ledgers: run --rebuild.")
        self.stdout.write(f"All {notes.count()} snapshots agree with their ledgers.")
