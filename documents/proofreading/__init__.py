"""Proofreading a document's text: the nine kinds of slip counsel looks for before signing.

Pure functions of the text (no database): `proofread(text)` returns the findings in text order,
each with its character offsets, its 1-based line, the words it is about and a message. The
rules are hand-written, because drafting conventions are formulaic; each rule leans towards
silence where the text is ambiguous (a false alarm costs counsel more than it saves). Number
words are read by `text2num` (a maintained parser of written numbers).
"""

from bisect import bisect_right
from dataclasses import dataclass

KINDS = (
    "amount_words_mismatch", "undefined_term", "unused_definition", "double_definition",
    "broken_cross_reference", "enumeration_gap", "party_name_inconsistent", "impossible_date",
    "weekday_mismatch",
)


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    text: str
    message: str

    def as_json(self, line: int) -> dict[str, object]:
        return {"kind": self.kind, "line": line, "text": self.text, "message": self.message}


class Lines:
    """1-based line numbers of character offsets (lines end at "\\n" only)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def of(self, offset: int) -> int:
        return bisect_right(self.starts, offset)


def proofread(text: str) -> list[Finding]:
    # Imported here: each rule module imports Finding and words from this package.
    from documents.proofreading import dates, numbers, references, terms

    found = [
        *numbers.amount_mismatches(text),
        *terms.term_findings(text),
        *references.broken_references(text),
        *references.enumeration_gaps(text),
        *terms.party_inconsistencies(text),
        *dates.date_findings(text),
    ]
    return sorted(found, key=lambda f: (f.start, f.kind))


def proofread_json(text: str) -> list[dict[str, object]]:
    lines = Lines(text)
    return [f.as_json(lines.of(f.start)) for f in proofread(text)]


def words(text: str) -> str:
    """The words as one line: documents break lines and pad spaces anywhere."""
    return " ".join(text.split())
