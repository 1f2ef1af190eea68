import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from documents import reading
from documents.proofreading import Lines, proofread

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".html": "text/html", ".htm": "text/html",
}


def file_text(path: Path) -> str:
    """A plain-text file as it is (so lines are the file's lines); any other file as the reader reads it."""
    data = path.read_bytes()
    content_type = CONTENT_TYPES.get(path.suffix.lower(), "text/plain")
    if content_type == "text/plain" and not reading.HTML_START.match(data[:2048]):
        return reading.decode_text(data)
    return reading.read(data, content_type=content_type).text


class Command(BaseCommand):
    help = "Proofread a document (PDF, DOCX, HTML or text) without saving anything: proofread FILE [--json]."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--json", action="store_true", help="Print the findings as a JSON list")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        try:
            text = file_text(path)
        except Exception as error:  # noqa: BLE001 - an unreadable file is a message, not a traceback
            raise CommandError(f"The file could not be read: {error}") from error
        lines = Lines(text)
        findings = [f.as_json(lines.of(f.start)) for f in proofread(text)]
        if options["json"]:
            self.stdout.write(json.dumps(findings, indent=2, ensure_ascii=False))
            return
        for item in findings:
            self.stdout.write(f"{item['line']:>6}  {item['kind']:<24} {item['message']}")
        self.stdout.write(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}.")
