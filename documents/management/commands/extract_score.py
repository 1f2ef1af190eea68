"""`manage.py extract_score LABELS.json FILES...`: per-field precision and recall of the proposals
against hand labels (names ignoring case, punctuation and "Inc."; amounts and dates exactly)."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from documents import scoring
from documents.management.commands.extract_terms import propose_file


def score_files(labels_path: str, files: list[str]) -> dict[str, Any]:
    try:
        labels = json.loads(Path(labels_path).read_text())
    except (OSError, ValueError) as error:
        raise CommandError(f"Cannot read the labels: {error}") from error
    chosen = {Path(f).stem: f for f in files}
    missing = sorted(set(chosen) - set(labels))
    if missing:
        raise CommandError(f"No labels for: {', '.join(missing)} (labels are keyed by file name without extension)")
    proposals = {stem: propose_file(path) for stem, path in chosen.items()}
    return scoring.score({stem: labels[stem] for stem in chosen}, proposals)


def report_lines(result: dict[str, Any]) -> list[str]:
    lines = [f"{'field':<28}{'precision':>10}{'recall':>8}{'tp':>5}{'prop':>6}{'lab':>5}"]
    for field, row in result.items():
        if field.startswith("_"):
            continue
        lines.append(f"{field:<28}{row['precision']:>10.1%}{row['recall']:>8.1%}{row['tp']:>5}{row['proposed']:>6}"
                     f"{row['labelled']:>5}")
    return lines


class Command(BaseCommand):
    help = "Score proposed terms against hand labels: precision and recall per field."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("labels")
        parser.add_argument("files", nargs="+")
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--misses", action="store_true", help="List every value that differs from its label")

    def handle(self, *args: Any, **options: Any) -> None:
        result = score_files(options["labels"], options["files"])
        if options["json"]:
            self.stdout.write(json.dumps(result, indent=2))
            return
        for line in report_lines(result):
            self.stdout.write(line)
        if options["misses"]:
            for miss in result["_misses"]["list"]:
                self.stdout.write(f"  {miss}")
