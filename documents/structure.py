"""Finding a document's structure in its text: articles, sections, subsections, exhibits and
schedules with their numbers and headings; and the terms it defines.

Hand-written rules, because the numbering of agreements is formulaic: a heading starts a line,
and what follows a heading's number starts with a capital (so "Section 5 of this Agreement" in
a sentence that happens to start a line is not a heading). Table-of-contents entries are
dropped: a part with almost no words of its own whose number appears again later.
"""

import re
from dataclasses import dataclass, field

ROMAN = r"[IVXLC]+"
ARTICLE_RE = re.compile(rf"(?:ARTICLE|Article)\s+({ROMAN}|\d{{1,3}})\b\.?\s*[-:—–.]?\s*(.*)")
SECTION_RE = re.compile(r"(?:SECTION|Section|§)\s*(\d{1,3}(?:\.\d{1,3}){0,3})\.?((?:\([a-z0-9]{1,4}\))*)\.?\s*(.*)")
BARE_RE = re.compile(r"([1-9]\d?(?:\.\d{1,3}){1,3})\.?(?:\s+(.*))?")
TOP_RE = re.compile(r"([1-9]\d?)\.\s+(.+)")
LETTER_RE = re.compile(r"\(([a-z]{1,2}|[ivxl]{1,5})\)\s+(.*)")
APPENDIX_RE = re.compile(
    r"(EXHIBIT|Exhibit|SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix)\s+([A-Z0-9][A-Za-z0-9.\-]{0,9})\s*[:.\-—–]?\s*(.*)"
)
TOC_LINE = re.compile(r"(\.{3,}|\t|\s{3,})\s*\d{1,3}\s*$")
ROMANS = frozenset("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split())
MIN_OWN_CHARS = 80

TERM_MEANS = re.compile(r"[\"“]([A-Z0-9][^\"”\n]{0,80}?)[\"”]\s*(?:,\s*)?(?:shall\s+)?(?:means?|has the meaning|shall have the meaning|includes)\b")
TERM_PAREN = re.compile(r"\(\s*(?:(?:collectively|together|each|individually),?\s+)?(?:(?:the|an?|as)\s+)?[\"“]([A-Z0-9][^\"”\n]{0,80}?)[\"”]")


@dataclass
class Part:
    kind: str
    number: str
    heading: str
    depth: int
    start: int
    body_end: int = 0
    end: int = 0
    parent: "Part | None" = None
    parent_number: str = ""
    children: list["Part"] = field(default_factory=list)


def _is_heading_text(rest: str) -> bool:
    """What follows a number: empty (heading on the next line) or starting like a heading."""
    rest = rest.strip()
    return not rest or rest[0].isupper() or rest[0] in "\"“(["


def _heading_of(rest: str, next_line: str) -> str:
    rest = " ".join(rest.split())
    if not rest:
        nxt = " ".join(next_line.split())
        if TOC_LINE.search(next_line) or not nxt:
            return ""
        if len(nxt) <= 120:
            return nxt[:300]
        # The number alone on its line, and the next line a paragraph that opens with its heading:
        # "8.8" then "NOTICES. Except as otherwise provided herein, ...".
        lead = re.match(r"(.{1,80}?)\.\s", nxt)
        return lead.group(1) if lead and _is_caps_heading(lead.group(1)) else ""
    match = re.match(r"(.{1,200}?[.:])(?:\s|$)", rest)
    return (match.group(1).rstrip(".:") if match else rest)[:300]


def _is_caps_heading(rest: str) -> bool:
    head = rest.split(". ")[0]
    letters = [ch for ch in head if ch.isalpha()]
    if len(letters) >= 3 and all(ch.isupper() for ch in letters):
        return True
    words = head.strip().rstrip(".").split()
    minor = {"and", "of", "the", "to", "in", "for", "on", "or", "a", "by"}
    return 0 < len(words) <= 6 and all(w[0].isupper() or w in minor for w in words)


def _lines(text: str) -> list[tuple[int, str]]:
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    return lines


def _next_text(lines: list[tuple[int, str]], index: int) -> str:
    for _, line in lines[index + 1: index + 4]:
        if line.strip():
            return line
    return ""


class _Builder:
    def __init__(self) -> None:
        self.parts: list[Part] = []
        self.article_seen = False
        self.current_section: Part | None = None
        self.current_letter: Part | None = None

    def match(self, offset: int, line: str, next_line: str, early: bool) -> None:
        stripped = line.strip()
        lead = offset + len(line) - len(line.lstrip())
        if not stripped or TOC_LINE.search(line) or TOC_LINE.search(next_line):
            return
        for handler in (self._appendix, self._article, self._section, self._bare, self._top, self._letter):
            part = handler(stripped, next_line, early)
            if part is not None:
                part.start = lead
                self.parts.append(part)
                return

    def _appendix(self, line: str, next_line: str, early: bool) -> Part | None:
        m = APPENDIX_RE.fullmatch(line)
        if not m or not _is_heading_text(m.group(3)) or len(line) > 120:
            return None
        if early and re.fullmatch(r"\d+\.\d+", m.group(2)):
            return None  # "EXHIBIT 10.14": the filing's exhibit number, not a part of the agreement
        kind = "schedule" if m.group(1).lower() == "schedule" else "exhibit"
        self.current_section = self.current_letter = None
        return Part(kind, m.group(2).rstrip("."), _heading_of(m.group(3), next_line), 1, 0)

    def _article(self, line: str, next_line: str, early: bool) -> Part | None:
        m = ARTICLE_RE.fullmatch(line)
        if not m or not _is_heading_text(m.group(2)):
            return None
        self.article_seen = True
        self.current_section = self.current_letter = None
        return Part("article", m.group(1), _heading_of(m.group(2), next_line), 1, 0)

    def _section(self, line: str, next_line: str, early: bool) -> Part | None:
        m = SECTION_RE.fullmatch(line)
        if not m or not _is_heading_text(m.group(3)):
            return None
        number, letters = m.group(1), m.group(2)
        depth = number.count(".") + (2 if self.article_seen and "." not in number else 1)
        depth = max(depth, 2) if self.article_seen else depth
        part = Part("section" if not letters else "subsection", number + letters, _heading_of(m.group(3), next_line),
                    depth + letters.count("("), 0)
        self.current_section, self.current_letter = part, None
        return part

    def _bare(self, line: str, next_line: str, early: bool) -> Part | None:
        m = BARE_RE.fullmatch(line)
        if not m or not _is_heading_text(m.group(2) or "") or (not m.group(2) and not _heading_of("", next_line)):
            return None
        number = m.group(1)
        part = Part("section", number, _heading_of(m.group(2) or "", next_line), number.count(".") + 1, 0)
        self.current_section, self.current_letter = part, None
        return part

    def _top(self, line: str, next_line: str, early: bool) -> Part | None:
        m = TOP_RE.fullmatch(line)
        if not m or not _is_caps_heading(m.group(2)):
            return None
        part = Part("section", m.group(1), _heading_of(m.group(2), next_line), 2 if self.article_seen else 1, 0)
        self.current_section, self.current_letter = part, None
        return part

    def _letter(self, line: str, next_line: str, early: bool) -> Part | None:
        m = LETTER_RE.fullmatch(line)
        section = self.current_section
        if not m or section is None or not _is_heading_text(m.group(2)):
            return None
        token = m.group(1)
        letter = self.current_letter
        follows_letter = letter is not None and _letter_follows(letter.number, token)
        if follows_letter and letter is not None and letter.parent_number != section.number:
            part = Part("subsection", f"{letter.parent_number}({token})", _short_heading(m.group(2)), letter.depth, 0)
            part.parent_number = letter.parent_number
            self.current_letter = part
            return part
        if token in ROMANS and letter is not None and not follows_letter:
            return Part("subsection", f"{letter.number}({token})", _short_heading(m.group(2)), letter.depth + 1, 0)
        if len(token) > 1 and token not in ROMANS:
            return None
        part = Part("subsection", f"{section.number}({token})", _short_heading(m.group(2)), section.depth + 1, 0)
        part.parent_number = section.number
        self.current_letter = part
        return part


ROMAN_ORDER = "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx".split()


def _letter_follows(number: str, token: str) -> bool:
    """Is `token` the next item after the one `number` ends with: (b) after (a), (ii) after (i)?"""
    previous = number.rsplit("(", 1)[-1].rstrip(")")
    if previous in ROMANS and token in ROMANS and ROMAN_ORDER.index(token) == ROMAN_ORDER.index(previous) + 1:
        return True
    return len(previous) == 1 and len(token) == 1 and ord(token) == ord(previous) + 1


def _short_heading(rest: str) -> str:
    m = re.match(r"([A-Z][^.]{0,80})\.\s", rest)
    return m.group(1) if m and len(m.group(1).split()) <= 8 and _is_caps_heading(m.group(1)) else ""


def _drop_table_of_contents(parts: list[Part], text_length: int) -> list[Part]:
    """Drop entries of a table of contents: a part with almost no words of its own whose number
    comes again later, and exhibits or schedules listed before the agreement's first section."""
    body = [p.start for p in parts if p.kind in ("article", "section")]
    first_body = body[0] if body else -1
    parts = [p for p in parts if p.kind not in ("exhibit", "schedule") or p.start > first_body]
    keys = [(p.kind, p.number) for p in parts]
    kept = []
    for index, part in enumerate(parts):
        following = parts[index + 1].start if index + 1 < len(parts) else text_length
        if following - part.start < MIN_OWN_CHARS and keys[index] in keys[index + 1:]:
            continue
        kept.append(part)
    return kept


def _nest(parts: list[Part], text_length: int) -> list[Part]:
    stack: list[Part] = []
    for index, part in enumerate(parts):
        part.body_end = parts[index + 1].start if index + 1 < len(parts) else text_length
        while stack and stack[-1].depth >= part.depth:
            stack.pop().end = part.start
        part.parent = stack[-1] if stack else None
        if part.parent is not None:
            part.parent.children.append(part)
        stack.append(part)
    for open_part in stack:
        open_part.end = text_length
    return parts


def sections_find(text: str) -> list[Part]:
    """Every part in text order; a preamble first when words come before the first heading."""
    builder = _Builder()
    lines = _lines(text)
    early_limit = min(2000, len(text) // 10 + 1)
    for index, (offset, line) in enumerate(lines):
        builder.match(offset, line, _next_text(lines, index), offset < early_limit)
    parts = _drop_table_of_contents(builder.parts, len(text))
    first = parts[0].start if parts else len(text)
    if text[:first].strip():
        parts.insert(0, Part("preamble", "", "", 0, 0))
    return _nest(parts, len(text))


@dataclass(frozen=True)
class Definition:
    term: str
    start: int
    end: int


def terms_find(text: str) -> list[Definition]:
    """Each defined term once, at its first definition."""
    found: dict[str, Definition] = {}
    for pattern in (TERM_MEANS, TERM_PAREN):
        for m in pattern.finditer(text):
            term = " ".join(m.group(1).split()).strip(" ,.")
            if term and len(term) <= 80 and (term not in found or m.start(1) < found[term].start):
                found[term] = Definition(term, m.start(1), m.end(1))
    return sorted(found.values(), key=lambda d: d.start)
