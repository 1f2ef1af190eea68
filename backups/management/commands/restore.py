from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from backups import services


class Command(BaseCommand):
    help = (
        "Restore an archive written by `backup`: the database (refused when it is not empty, unless "
        "--force) and the uploaded files, then check both against the archive's manifest."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument("--force", action="store_true", help="replace a database that is not empty")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = services.backup_restore(archive=options["archive"], force=options["force"])
        except services.BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = result.manifest
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(warning))
        self.stdout.write(self.style.SUCCESS(
            f"Restored {options['archive']} (Covenant {manifest['app_version']}, made "
            f"{manifest['created_at']}): {len(manifest['tables'])} tables, "
            f"{sum(manifest['tables'].values()):,} rows, {len(manifest['migrations'])} migrations, "
            f"{result.media_files} uploaded files ({result.media_bytes:,} bytes). Every table's row "
            "count and every file's SHA-256 match the manifest."
        ))
