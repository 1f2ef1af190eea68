from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from backups import services


class Command(BaseCommand):
    help = (
        "Write one archive (database dump, uploaded files, manifest) to DEST: a .tar/.tar.gz file, "
        "or a folder, where it is named covenant-<UTC time>.tar.gz."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dest", type=Path)
        parser.add_argument("--keep", type=int, help="when DEST is a folder, keep only the newest N archives")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = services.backup_create(dest=options["dest"], keep=options["keep"])
        except services.BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = result.manifest
        media = [name for name in manifest["files"] if name.startswith(services.MEDIA)]
        self.stdout.write(self.style.SUCCESS(
            f"Backed up {len(manifest['tables'])} tables ({sum(manifest['tables'].values()):,} rows, "
            f"PostgreSQL {manifest['database']['server_version']}) and {len(media)} uploaded files "
            f"to {result.path} ({result.size:,} bytes)."
        ))
        for path in result.pruned:
            self.stdout.write(f"Removed the older backup {path}")
