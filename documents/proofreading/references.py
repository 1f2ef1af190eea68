"""Cross-references to parts that do not exist ("Section 9.4" in an agreement whose Article 9
ends at 9.3, "Exhibit D" when only A to C are attached), and enumerations with a gap or a
duplicate ((a), (b), (d) or (a), (b), (b)).

The parts that exist are those `documents.structure` finds. A reference to another instrument
("Section 9-609 of the UCC", "Section 2.1 of the Credit Agreement") is not checked."""

import re
from collections.abc import Iterator

from documents import structure
from documents.proofreading import Finding, words

REFERENCE = re.compile(
    r"\b(?P<kind>Sections?|Articles?|Exhibits?|Schedules?|§§?)\s*"
    r"(?P<number>[0-9]{1,3}(?:\.[0-9]{1,3}){0,3}(?![\d]|\.\d)|[IVX]{1,6}\b|[A-Z]\b)(?P<sub>(?:\([a-zA-Z0-9]{1,4}\))*)"
)
# What follows a reference to another document: "of the UCC", "to the Credit Agreement", "of Regulation U".
OTHER_DOCUMENT = re.compile(
    r"(?:\([a-zA-Z0-9]{1,4}\))*(?:\s*(?:,|and|or|through)\s*[0-9][0-9.]*(?:\([a-zA-Z0-9]{1,4}\))*)*\s*(?:,\s*)?(?:of|to|under|in|thereof|thereto)\b(?!\s+this\b)(?!\s+(?:the\s+)?(?:Agreement|Note)\b)"
)
STATUTE_BEFORE = re.compile(r"(?:C\.\s?F\.\s?R\.|U\.\s?S\.\s?C\.|Code|Act)\s*$")
# A heading the structure reader passed over: "(b) Section 1.02. Accounting Terms." starting a line.
HEADING = re.compile(r"^[ \t]*(?:\([a-z]{1,3}\)\s*)?(?:Section|SECTION|§)\s*([0-9]{1,3}(?:\.[0-9]{1,3}){0,3})\b", re.MULTILINE)
MIN_SECTIONS = 3
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
         "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15}
NO_SUCH_PART = "{reference} is referred to, but the document has no {kind} {number}."


def _existing(text: str) -> tuple[set[str], set[str], set[str]]:
    sections, articles, appendices = set(), set(), set()
    for part in structure.sections_find(text):
        if part.kind in ("section", "subsection"):
            sections.add(part.number.split("(")[0])
        elif part.kind == "article":
            articles.add(part.number)
            articles.add(str(ROMAN.get(part.number, part.number)))
        elif part.kind in ("exhibit", "schedule"):
            appendices.add(f"{part.kind}:{part.number}")
    sections.update(HEADING.findall(text))
    return sections, articles, appendices


def broken_references(text: str) -> Iterator[Finding]:
    sections, articles, appendices = _existing(text)
    reported: set[str] = set()
    for match in REFERENCE.finditer(text):
        kind, number = match.group("kind").rstrip("s").rstrip("§") or "Section", match.group("number")
        if STATUTE_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            continue
        if OTHER_DOCUMENT.match(text, match.end("number")) or re.match(r"[-.]\d", text[match.end():match.end() + 2]):
            continue
        if kind in ("Section", "§", ""):
            label, exists = "section", len(sections) < MIN_SECTIONS or number in sections or number in articles
            exists = exists or not re.fullmatch(r"\d+(?:\.\d+)*", number)
        elif kind == "Article":
            label, exists = "article", not articles or number in articles
        else:
            label = kind.lower()
            exists = f"{label}:{number}" in appendices or "." in number  # "Exhibit 10.1": the filing's number
        key = f"{label}:{number}"
        if exists or key in reported:
            continue
        reported.add(key)
        shown = words(match.group(0))
        yield Finding("broken_cross_reference", match.start(), match.end(), shown,
                      NO_SUCH_PART.format(reference=shown, kind=label, number=number))


ITEM = re.compile(r"(?<![\w)(])\( ?(?P<token>[a-z]{1,2}|[ivxl]{1,5}|[0-9]{1,2}) ?\)(?=\s|[A-Za-z])")
# "clauses (a) and (c)", "subsection (d)": an item referred to, not listed.
REFERRED = re.compile(
    r"(?:\b(?:clauses?|paragraphs?|subsections?|subparagraphs?|sections?|items?|through|to|in|of|and|or)\s*|[-–])$",
    re.IGNORECASE)
LISTED_AFTER_CONJUNCTION = re.compile(r"[;:,]\s*(?:and|or)\s*$")
REFERRED_AFTER = re.compile(r"\s+(?:above|below|hereof|of\s+this|of\s+Section)\b")
# Where a list item stands for certain: starting a line, or after ":" or ";" (and "and"/"or").
LISTED = re.compile(r"(?:^|\n)[ \t]*$|[:;]\s*(?:(?:and|or)\s+)?$")
ROMANS = structure.ROMAN_ORDER
MAX_GAP_CHARS = 4000
GAP = "Item ({token}) follows ({previous}): {missing} is missing."
DUPLICATE = "Item ({token}) comes twice in a row."


def _kind_of(token: str) -> str:
    return "digit" if token.isdigit() else "roman" if token in ROMANS else "letter"


def _ordinal(token: str, kind: str) -> int:
    if kind == "digit":
        return int(token)
    if kind == "roman":
        return ROMANS.index(token) + 1
    return (ord(token[0]) - 96) + 26 * (len(token) - 1)


def _token_name(ordinal: int, kind: str) -> str:
    if kind == "digit":
        return str(ordinal)
    if kind == "roman":
        return ROMANS[ordinal - 1]
    return chr(96 + ordinal)


def enumeration_gaps(text: str) -> Iterator[Finding]:
    """Every item starts or continues a list of its kind; only items standing where a list item
    stands for certain (see LISTED) are checked, as "(30)" after "thirty" is no list item."""
    last: dict[str, tuple[int, int, bool]] = {}  # list kind -> its last item: ordinal, offset, listed
    for match in ITEM.finditer(text):
        before = text[max(0, match.start() - 30):match.start()]
        if REFERRED.search(before) and not LISTED_AFTER_CONJUNCTION.search(before):
            continue
        token = match.group("token")
        kind = _kind_of(token)
        letter = last.get("letter")
        # "(i)" right after "(h)", "(v)" after "(u)", "(x)" after "(w)" are letters, not roman numerals.
        if kind == "roman" and len(token) == 1 and letter is not None and letter[0] == _ordinal(token, "letter") - 1:
            kind = "letter"
        listed = bool(LISTED.search(before))
        if (kind == "digit" and not listed) or REFERRED_AFTER.match(text, match.end()):
            continue
        ordinal, previous = _ordinal(token, kind), last.get(kind)
        if not listed and previous is not None and ordinal not in (1, previous[0] + 1):
            continue  # "clauses (a), (b), (c) and (d)": a list referred to, not the list itself
        last[kind] = (ordinal, match.start("token"), listed)
        if not listed or ordinal == 1 or previous is None or match.start() - previous[1] > MAX_GAP_CHARS:
            continue
        start, end = match.start("token") - 1, match.end("token") + 1
        if ordinal == previous[0] and previous[2]:
            yield Finding("enumeration_gap", start, end, f"({token})", DUPLICATE.format(token=token))
        elif previous[0] + 1 < ordinal <= previous[0] + 3:
            missing = ", ".join(f"({_token_name(n, kind)})" for n in range(previous[0] + 1, ordinal))
            yield Finding("enumeration_gap", start, end, f"({token})",
                          GAP.format(token=token, previous=_token_name(previous[0], kind), missing=missing))
