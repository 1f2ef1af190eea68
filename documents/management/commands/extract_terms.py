"""`manage.py extract_terms FILE [--json]`: the terms Covenant would propose for a file; saves nothing."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from documents import extraction, reading

CONTENT_TYPES = {".pdf": "application/pdf", ".html": "text/html", ".htm": "text/html", ".txt": "text/plain",
                 ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def read_file(path: str) -> str:
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"No such file: {path}")
    content_type = CONTENT_TYPES.get(file.suffix.lower(), "text/plain")
    return reading.read(file.read_bytes(), content_type=content_type).text


def propose_file(path: str) -> dict[str, Any]:
    return extraction.propose(read_file(path))


class Command(BaseCommand):
    help = "Print the terms proposed from an agreement's text (PDF, DOCX, HTML or TXT), with their sources."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", help="Print the proposal as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        proposal = propose_file(options["file"])
        if options["json"]:
            self.stdout.write(json.dumps(proposal, indent=2, ensure_ascii=False))
            return
        sources = proposal["sources"]
        for path, value in _flatten(proposal):
            where = sources.get(path, {})
            section = f" (§{where['section']})" if where.get("section") else ""
            self.stdout.write(f"{path}: {value}{section}")


def _flatten(data: Any, prefix: str = "") -> list[tuple[str, Any]]:
    if isinstance(data, dict):
        rows = []
        for key, value in data.items():
            if key in ("sources", "confidence") and not prefix:
                continue
            rows.extend(_flatten(value, f"{prefix}{key}" if not prefix else f"{prefix}.{key}"))
        return rows
    if isinstance(data, list) and data and isinstance(data[0], dict):
        return [row for index, item in enumerate(data) for row in _flatten(item, f"{prefix}.{index}")]
    return [(prefix, data)]
