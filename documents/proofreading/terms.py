"""Defined terms and party names: terms used but never defined, defined but never used, defined
twice in one instrument; a party named one way in the preamble and another way later.

A definition is a capitalized phrase in quotation marks that a definition clause introduces:
inside parentheses (`(the "Company")`, `(hereinafter the "Closing Date")`), before "means" or
"shall have the meaning", or after "referred to as". Each exhibit or schedule is its own
instrument (a form of note defines "Note" again, rightly), so double definitions are counted
within one part only.
"""

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from documents import structure
from documents.proofreading import Finding, Lines, words

QUOTED = re.compile(r"[\"“]([A-Z0-9][^\"“”\n]{0,78}(?:\n[^\"“”\n]{0,78})?)[\"”]")
MEANS_AFTER = re.compile(
    r"[\s,:]*(?:shall\s+|will\s+|as\s+used\s+herein,?\s+)?(?:means?\b|is\s+defined\s+as|includes?\b|shall\s+include)",
    re.IGNORECASE)
# "X" has the meaning given in Section 1.1: an index entry pointing at a definition, not a second one.
POINTER_AFTER = re.compile(r"[\s,:]*(?:shall\s+|will\s+)?(?:has|have)\s+the\s+meanings?|[\s,:]*is\s+defined\s+in",
                           re.IGNORECASE)
CALLED_BEFORE = re.compile(r"(?:referred\s+to\s+(?:herein\s+)?as|called|known\s+as)\s*(?:the\s+)?$", re.IGNORECASE)
WORD = r"[A-Z][a-z][\w'’-]*"
# A capitalized phrase used as a term: after a determiner, in Title Case ("the Purchase Price").
GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
TERM_USE = re.compile(rf"\b(?:the|such|each|any|said|all)\s+({WORD}(?:{GAP}(?:(?:of|and){GAP})?{WORD})*)")
# Proper names and statutes that no agreement defines: places, courts, public bodies, laws.
PROPER = frozenset((
    "United States America State States Commonwealth County City Town District Republic Federal Court Courts "
    "Act Code Rules Rule Regulation Regulations Securities Exchange Commission Internal Revenue Service Reserve "
    "Board Bank Department Secretary Treasury Government Office Uniform Commercial Association Street Avenue "
    "Road Suite Building Plaza Floor Inc Corporation Company Trust Fund Partnership University Island Islands "
    "January February March April May June July August September October November December Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday Eastern Pacific Central Standard Time Dollars Euro Euros "
    "Netherlands Canada Delaware Nevada York Washington Pennsylvania Ohio Colorado Wisconsin Illinois "
    "California Texas Florida Chapter Title Article Section Exhibit Schedule Annex Appendix Page Part Form"
).split())
# "the Guaranty dated as of ...": the title of another instrument, described rather than used as a term.
TITLE_AFTER = re.compile(r"[\s,]*(?:dated|of\s+even\s+date|between|among|by\s+and\s+between|entered\s+into|executed|made\s+by)\b")
ELSEWHERE = re.compile(
    r"(?:terms?|words?)\s+(?:used|set\s+forth|defined)?[^.]{0,80}?not\s+(?:otherwise\s+)?defined[^.]{0,80}?"
    r"(?:meanings?|defined)[^.]{0,80}?\b(?:in|by|to)\b", re.IGNORECASE)
SUFFIXES = ("Inc.", "Inc", "Incorporated", "LLC", "L.L.C.", "Corporation", "Corp.", "N.A.", "National Association",
            "L.P.", "LP", "Ltd.", "Limited", "B.V.", "ACB", "plc", "Company")
# As written, or in capitals ("ZUMIEZ INC."), never in lower case ("a Delaware limited liability company").
ENTITY_SUFFIX = "(?:" + "|".join(
    re.escape(suffix).replace(r"\ ", r"\s+") + (r"\b" if suffix[-1].isalnum() else "")
    for suffix in sorted({*SUFFIXES, *(s.upper() for s in SUFFIXES)}, key=len, reverse=True)
) + ")"
ENTITY = re.compile(rf"((?:[A-Z][\w&'’.-]*\s+){{0,5}}?[A-Z][\w&'’.-]*?),?\s+{ENTITY_SUFFIX}")
PARTY_DEFINED_AFTER = re.compile(r"[^()]{0,160}?\(\s*(?:the\s+|each\s+|an?\s+)?[\"“]")
PREAMBLE_CHARS = 4000
INSTRUMENT_START = re.compile(
    r"^[ \t]*(?:(?:THIS|This)\s+[A-Z]{2,}[A-Z]*\b|Ladies\s+and\s+Gentlemen|Gentlemen:|Dear\s+[A-Z]|FOR\s+VALUE\s+RECEIVED)",
    re.MULTILINE)

UNDEFINED = '"{term}" is capitalized like a defined term but the document never defines it.'
UNUSED = '"{term}" is defined but never used.'
TWICE = '"{term}" is defined again; it was first defined on line {line}.'
PARTY = 'The party "{canonical}" is named "{variant}" here.'


@dataclass(frozen=True)
class Definition:
    term: str
    start: int
    end: int
    part: int  # which instrument: 0 the agreement, n its n-th exhibit or schedule
    form: str  # "means" (a definition clause) or "inline" (in parentheses)


def _definition_form(text: str, match: re.Match[str]) -> str:
    """"means" for a definition clause, "inline" for a parenthetical one, "" for neither."""
    if POINTER_AFTER.match(text, match.end()):
        return ""
    if MEANS_AFTER.match(text, match.end()):
        return "means"
    before = text[max(0, match.start() - 80):match.start()]
    opening = before.rfind("(")
    if opening > before.rfind(")") and not re.search(r"[.;]\s", before[opening:]):
        return "inline"
    return "inline" if CALLED_BEFORE.search(before) else ""


def _part_starts(text: str) -> list[int]:
    """Where each instrument starts: an exhibit or schedule, or a new opening ("THIS CREDIT
    AGREEMENT ...", "Ladies and Gentlemen:", "FOR VALUE RECEIVED") in a filing that holds several."""
    parts = [p.start for p in structure.sections_find(text) if p.kind in ("exhibit", "schedule")]
    return sorted(parts + [m.start() for m in INSTRUMENT_START.finditer(text)])


def quoted(text: str) -> tuple[list[Definition], set[str]]:
    """Definitions, and every quoted phrase (a term in quotes counts as defined)."""
    starts = _part_starts(text)
    definitions, phrases = [], set()
    for match in QUOTED.finditer(text):
        term = words(match.group(1)).strip(" ,.;:")
        phrases.add(term)
        form = _definition_form(text, match)
        if term and form:
            part = bisect_right(starts, match.start())
            definitions.append(Definition(term, match.start(1), match.end(1), part, form))
    return definitions, phrases


def _word_forms(word: str) -> str:
    """A word of a term in its singular and plural forms: Party/Parties, Event/Events, Tax/Taxes."""
    if len(word) > 3 and word.endswith("ies"):
        return re.escape(word[:-3]) + "(?:y|ies)"
    if len(word) > 2 and word.endswith("y"):
        return re.escape(word[:-1]) + "(?:y|ys|ies)"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return re.escape(word[:-1]) + "s?"
    return re.escape(word) + "(?:s|es)?"


def _use_pattern(term: str) -> re.Pattern[str]:
    body = r"\s+".join(_word_forms(w) for w in term.split())
    return re.compile(rf"{body}(?:'s|’s)?(?![\w\"”])")


class _Uses:
    """Counts a term's uses outside quotation marks, trying the term only where a word starts with
    its first three letters (one pass over the text instead of one per term: 60,000 words, 300 terms)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: dict[str, list[int]] = defaultdict(list)
        for match in re.finditer(r"\b\w{1,3}", text):
            self.starts[match.group(0)].append(match.start())

    def count(self, term: str) -> int:
        head = re.match(r"\w{1,3}", term)
        pattern = _use_pattern(term)
        if head is None:
            return sum(1 for m in pattern.finditer(self.text) if self._free(m.start()))
        return sum(1 for pos in self.starts.get(head.group(0), []) if pattern.match(self.text, pos) and self._free(pos))

    def _free(self, pos: int) -> bool:
        return pos == 0 or not (self.text[pos - 1].isalnum() or self.text[pos - 1] in "_\"“")


def term_findings(text: str) -> Iterator[Finding]:
    definitions, phrases = quoted(text)
    first: dict[tuple[str, int], Definition] = {}
    lines = Lines(text)
    for d in definitions:
        if d.form != "means":
            continue  # the preamble's (the "Borrower") is restated in the definitions article, rightly
        key = (d.term, d.part)
        if key in first and first[key].start != d.start:
            line = lines.of(first[key].start)
            yield Finding("double_definition", d.start, d.end, d.term, TWICE.format(term=d.term, line=line))
        first.setdefault(key, d)
    seen: set[str] = set()
    uses = _Uses(text)
    for d in definitions:
        if d.term not in seen and uses.count(d.term) == 0:
            yield Finding("unused_definition", d.start, d.end, d.term, UNUSED.format(term=d.term))
        seen.add(d.term)
    if not _defined_elsewhere(text):
        # "this Agreement", "this Note": a document names itself without defining the name.
        yield from _undefined(text, phrases | set(re.findall(r"\b[Tt]his\s+([A-Z][a-z]+)\b", text)))


def _defined_elsewhere(text: str) -> bool:
    """Does the document take terms from another one ("Capitalized terms not defined herein have
    the meanings given in the Credit Agreement")? Then a term it does not define may be defined
    there, and none is reported: a filing seldom holds every document it draws on."""
    return ELSEWHERE.search(text) is not None


def _known(phrase: str, defined: set[str]) -> bool:
    """A phrase is known when it, its singular, or the words it starts with are defined."""
    tokens = phrase.split()
    for size in range(len(tokens), 0, -1):
        head = " ".join(tokens[:size])
        if head in defined or head.rstrip("s") in defined or head + "s" in defined:
            return True
    return False


def _heading_line(text: str, offset: int) -> bool:
    start, end = text.rfind("\n", 0, offset) + 1, text.find("\n", offset)
    line = text[start:end if end >= 0 else len(text)].split()
    capitalized = sum(1 for w in line if w[:1].isupper() or not w[:1].isalpha())
    return len(line) <= 12 and capitalized >= len(line) * 0.7


def _undefined(text: str, defined: set[str]) -> Iterator[Finding]:
    reported: set[str] = set()
    for match in TERM_USE.finditer(text):
        phrase = re.sub(r"(?:'s|’s)$", "", words(match.group(1)))
        phrase = re.sub(r"\s+(?:of|and)$", "", phrase)
        if phrase in reported or _known(phrase, defined) or PROPER.intersection(phrase.split()):
            continue
        if TITLE_AFTER.match(text, match.start(1) + len(match.group(1))):
            defined.add(phrase)  # named once with its date: a title, and so known from then on
            continue
        if match.start(1) < PREAMBLE_CHARS // 4 or _heading_line(text, match.start(1)):
            continue
        reported.add(phrase)
        end = match.start(1) + len(phrase)
        yield Finding("undefined_term", match.start(1), end, phrase, UNDEFINED.format(term=phrase))


def _suffix_free(name: str) -> str:
    return words(name).rstrip(",")


def party_inconsistencies(text: str) -> Iterator[Finding]:
    parties: dict[str, str] = {}  # core name (lower case) -> the name as the preamble writes it
    for match in ENTITY.finditer(text[:PREAMBLE_CHARS]):
        if PARTY_DEFINED_AFTER.match(text, match.end()):
            core = _suffix_free(match.group(1))
            if len(core) > 2:
                parties.setdefault(core.lower(), words(match.group(0)))
    by_variant: dict[str, list[re.Match[str]]] = defaultdict(list)
    for core, canonical in parties.items():
        body = r"\s+".join(re.escape(w) for w in core.split())
        pattern = re.compile(rf"(?<![\w]){body}(?:,?\s+{ENTITY_SUFFIX})?", re.IGNORECASE)
        for match in pattern.finditer(text):
            variant = words(match.group(0))
            has_suffix = variant.lower() != core
            # A name in capitals ("ZUMIEZ INC.") is a style, not another name: compare letters only.
            same = variant.lower() == canonical.lower() if variant.isupper() or canonical.isupper() else variant == canonical
            if same or (not has_suffix and (variant.isupper() or canonical.lower().startswith(variant.lower()))):
                continue
            if not has_suffix and (variant.isupper() or canonical.isupper()):
                continue
            by_variant[canonical].append(match)
    for canonical, matches in by_variant.items():
        for match in matches:
            variant = words(match.group(0))
            yield Finding("party_name_inconsistent", match.start(), match.end(), variant,
                          PARTY.format(canonical=canonical, variant=variant))
