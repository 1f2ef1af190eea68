"""Proposed terms: the score on the nine hand-labelled shared agreements (per field, precision and
recall), and the time to read, structure and propose a 60,000-word agreement."""

import time
from pathlib import Path

from django.conf import settings

from documents import extraction, reading, structure
from documents.management.commands.extract_score import report_lines, score_files

FIXTURES = settings.BASE_DIR / "tests" / "documents" / "fixtures"
LABELS = settings.BASE_DIR / "tests" / "documents" / "labels" / "shared_agreements.json"


def main() -> None:
    files = sorted(str(p) for p in FIXTURES.glob("*.txt"))
    for line in report_lines(score_files(str(LABELS), files)):
        print(line, flush=True)
    texts = [Path(f).read_bytes() for f in files]
    data, words = b"", 0
    while words < 60_000:
        data += b"\f".join(texts) + b"\f"
        words = len(data.split())
    start = time.perf_counter()
    text = reading.read(data, content_type="text/plain").text
    read_ms = (time.perf_counter() - start) * 1000
    parts = structure.sections_find(text)
    structured_ms = (time.perf_counter() - start) * 1000
    extraction.propose(text, parts)
    total_ms = (time.perf_counter() - start) * 1000
    print(f"{'read + structure + propose, ' + format(words, ',') + ' words':<45} read {read_ms:.0f} ms, "
          f"structured {structured_ms:.0f} ms, proposed {total_ms:.0f} ms (target < 20,000 ms)", flush=True)
