"""Proposing an agreement's terms from its text: every value with the words it came from.

Pure functions (no database): `propose(text, parts)` returns the JSON shape of `extract_terms`,
with `sources` (character offsets and section number) and `confidence` for each key path.

Hand-written rules, because the clauses that state these terms are formulaic: a preamble names
the parties with their defined terms in parentheses; a governing-law clause says "governed by
... the laws of the State of X"; interest is "N% per annum plus the <index>" or "<index> plus N%";
a notice clause lists its delivery methods in one paragraph. Each rule looks for the wording
rather than for a particular agreement, and a value whose wording is ambiguous is left out
(null) rather than guessed: a proposal counsel must correct costs more than a blank.
"""

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from documents import addresses, covenant_terms, grants, structure
from documents.structure import Part

Json = dict[str, Any]

MONTHS = ("january february march april may june july august september october november december").split()
MONTH_RE = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
DATE_RE = re.compile(
    rf"(?i:(?P<m1>{MONTH_RE})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+day\s+of\s+(?P<m2>{MONTH_RE}),?\s+(?P<y2>(?:19|20)\d\d))"
)
BLANK_DATE_RE = re.compile(rf"(?i:{MONTH_RE})\s*\[[^\]]{{0,6}}\]|_{{3,}}\s*,?\s*(?:19|20)\d\d")
MONEY_RE = re.compile(r"(?:U\.?S\.?\s?)?\$\s?(\d{1,3}(?:,\d{3})+|\d{4,})(\.\d{2})?")
NUMBER = r"(\d{1,2}(?:\.\d{1,4})?|\.\d{1,4})"
PERCENT = rf"{NUMBER}\s?(?:%|percent(?:age\s+points?)?\b)"
# "one percent (1%)", "two percentage points (2%)", "1%", "1.25 percent": the figure in the parentheses wins.
PERCENT_PHRASE = rf"(?:[a-z][a-z\-]*(?:\s+[a-z\-]+){{0,5}}\s+\(\s*(?:{PERCENT})\s*\)|{PERCENT})"
BASIS_POINTS = r"(?:[a-z][a-z\-]*(?:\s+[a-z\-]+){0,4}\s+)?\(?(\d{1,4})\)?\s+basis\s+points(?:\s+\((\d*\.?\d+)%\))?"
ABOVE = r"(?:plus|\+|above|over|in\s+excess\s+of|more\s+than)"
INDEX_NAME = (r"((?:[A-Z][\w\-]*\s+){0,4}?(?:Rate|LIBOR|SOFR|Prime|EURIBOR|CDOR|SONIA|Euro-Rate)"
              r"(?:\s+Rate)?(?:\s+\((?:as\s+)?[^)]{0,40}\))?)")
DEFAULT_CONTEXT = re.compile(
    r"(?i)event\s+of\s+default|default\s+rate|default\s+interest|overdue|past\s+due|after\s+maturity|"
    r"upon\s+maturity|increased\s+rate|not\s+paid\s+when\s+due|after\s+(?:the\s+)?maturity\s+date"
)
STATES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|District of Columbia|Florida|"
    "Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|"
    "Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|"
    "New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|"
    "South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|"
    "England and Wales|England|Ontario|British Columbia|Quebec|Alberta|Bermuda|the Cayman Islands|Ireland|"
    "Scotland|Hong Kong|Singapore|the Netherlands|Germany|France|Israel|Switzerland"
)
_STATE_ALTERNATIVES = STATES.replace(" ", r"\s+") + "|" + STATES.upper().replace(" ", r"\s+")
LAW_RE = re.compile(
    r"(?i)(?:govern|constru|interpret|enforc)\w*[^.;]{0,250}?\blaws?\s+of\s+(?:the\s+)?"
    r"(?:(?:State|Commonwealth|Province)\s+of\s+)?((?-i:" + _STATE_ALTERNATIVES + r"))\b"
    r"|(?i:governed\s+by(?:,?\s+and\s+construed\s+in\s+accordance\s+with,?)?\s+(?:the\s+)?(?:internal\s+)?)"
    r"((?-i:" + _STATE_ALTERNATIVES + r"))\s+(?i:law)\b"
)
ARBITRATION_RE = re.compile(
    r"(?i)(?:shall|will|must)\s+be\s+(?:finally\s+)?(?:determined|settled|resolved|decided)\s+(?:exclusively\s+)?by\s+"
    r"(?:binding\s+|final\s+)*arbitration|submit\s+to\s+(?:final\s+and\s+)?binding\s+arbitration|"
    r"agree[^.]{0,60}\bto\s+(?:submit\s+to\s+)?arbitrat|referred\s+to\s+(?:and\s+finally\s+resolved\s+by\s+)?arbitration"
)
COURTS_RE = re.compile(
    r"(?i)(?:submits?|consents?|agrees?\s+to\s+submit)\s+(?:\w+\s+){0,4}?to\s+(?:the\s+)?(?:non-?\s?exclusive\s+|exclusive\s+)?"
    r"(?:personal\s+)?jurisdiction\s+of|(?:exclusive|non-?\s?exclusive)\s+jurisdiction\s+of\s+(?:any|the)\s+"
    r"[^.]{0,80}?courts?|(?:bring|commence|institute)\s+any\s+(?:suit|action|proceeding)[^.]{0,100}?\bin\s+(?:the\s+|any\s+)?"
    r"(?:\w+\s+){0,3}courts?\b|(?:brought|commenced|instituted)\s+(?:only\s+)?in\s+(?:any|the)\s+[^.]{0,60}?courts?\s+(?:of|sitting|located)"
)
ROLES = {
    "borrower", "lender", "bank", "company", "purchaser", "purchasers", "buyer", "seller", "debtor", "secured party",
    "agent", "administrative agent", "collateral agent", "guarantor", "holder", "issuer", "payee", "maker", "investor",
    "investors", "lenders", "borrowers", "grantor", "pledgor", "pledgee", "trustee", "obligor", "parent", "licensor",
    "licensee", "landlord", "tenant", "noteholder", "subscriber", "assignor", "assignee", "creditor",
}
PAREN_TERM = re.compile(
    r"\(\s*(?:hereinafter[^“\"”()]{0,60}?)?(?:the\s+|this\s+)?[“\"]([^”\"\n]{1,60})[”\"]\s*\)"
)
BOUNDARY = re.compile(r"(?i)\bbetween\b|\bamong\b|\band\b|\bby\b|\border\s+of\b|\bundersigned\b|RECEIVED,|\bwith\b|\bfrom\b|\bto\b")
DESCRIPTOR = re.compile(r",?\s+(?:a|an)\s+(?=[A-Z]|corporation|limited|national|banking|company|mutual|private|general|"
                        r"business|statutory|federally|body)|,\s+(?:with|whose|having|as|acting|located|organized|"
                        r"incorporated|formed)\b|\s+(?:whose|with\s+(?:an?\s+)?(?:address|offices?|its))\b")
PREAMBLE_RE = re.compile(
    r"(?m)^[ \t]*(?:THIS\b|This\b|FOR\s+VALUE\s+RECEIVED|AGREEMENT\s+(?:is\s+)?made|The\s+undersigned)"
)
TITLE_WORDS = re.compile(r"(?i)\b(agreement|note|indenture|guaranty|guarantee|debenture|contract|letter|mortgage|deed|"
                         r"instrument|lease|amendment|security)\b")
MINOR_WORDS = {"and", "of", "the", "to", "in", "for", "on", "or", "a", "an", "by", "with"}
NOTICE_HEADING = re.compile(r"(?i)^\s*(?:notices|notice)(?:\s*(?:and|;|,)\s*(?:other\s+)?communications?)?(?:\s*[;,].{0,40})?\s*\.?$")
NOTICE_WORDING = re.compile(r"(?i)in\s+writing|deemed\s+(?:to\s+have\s+been\s+)?(?:given|received|delivered|effective)|"
                            r"shall\s+be\s+(?:given|delivered|sent)|addressed")
NOTICE_LINE = re.compile(r"(?m)^[ \t]*(?:(\d{1,2}(?:\.\d{1,3})?)\.?[ \t]*\n?[ \t]*)?NOTICES?\.[ \t]")
NOTICE_OPENING = re.compile(r"(?i)\ball\s+notices\b|\bany\s+notice\b[^.]{0,40}\bshall\s+be\s+in\s+writing|notices?\s+"
                            r"(?:hereunder|under\s+this)[^.]{0,60}shall\s+be\s+(?:in\s+writing|given)")
ADDRESS_LINE = re.compile(r"(?im)^\s*(?:attn|attention|fax|telecop\w*|facsimile|phone|tel|telephone|e-?mail|cc)\b[^\n]*$|"
                          r"\((?:facsimile|fax|telecop\w*)[^)]{0,60}\)")
METHODS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("personal", re.compile(r"(?i)\bin\s+person\b|\bby\s+hand\b|hand[- ]?deliver|hand\s+delivery|personal(?:ly)?\s+"
                            r"(?:deliver|serv)|\bpersonally\b|delivered\s+personally|messenger")),
    ("fax", re.compile(r"(?i)telecop|facsimile|\bfax\b|telefax")),
    ("telex", re.compile(r"(?i)\btelex")),
    ("certified_mail", re.compile(r"(?i)\bcertified\b|\bregistered\s+(?:or\s+certified\s+)?(?:first[- ]class\s+)?"
                                  r"(?:(?:U\.S\.|United\s+States)\s+)?mail|return\s+receipt")),
    ("first_class_mail", re.compile(r"(?i)(?<!registered\s)(?<!certified\s)(?<!registered\s\s)\bfirst[- ]class\b|"
                                    r"\b(?:sent|given|delivered)\s+by\s+(?:(?:U\.S\.|United\s+States)\s+)?mail\b|"
                                    r"\bif\s+(?:sent\s+)?by\s+mail\b|\bmailed\s+by\s+(?:prepaid\s+)?first")),
    ("courier", re.compile(r"(?i)courier|overnight|next[- ]day\s+delivery|expedited\s+(?:prepaid\s+)?delivery|delivery\s+"
                           r"service|federal\s+express|fedex")),
    ("email", re.compile(r"(?i)\be-?mail\b|electronic\s+mail|electronic\s+transmission")),
)
NOT_THE_DEAL = re.compile(r"(?i)exceed(?:s|ing)\b|minimum|multiples?\s+of|in\s+excess\s+of|greater\s+than|at\s+least|"
                          r"less\s+than|more\s+than|value\s+of|judgments?")
NOT_THE_DEAL_SENTENCE = re.compile(r"(?i)prepa(?:y|id|yment)|mortgag|indebtedness|payables|judgment|\bliens?\b|insurance")
DEEMED: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i)upon\s+(?:actual\s+)?receipt|when\s+received|on\s+receipt|date\s+of\s+receipt|effective\s+(?:only\s+)?"
                r"upon\s+receipt"), "on_receipt"),
    (re.compile(r"(?i)when\s+delivered|upon\s+delivery|on\s+delivery|at\s+the\s+time\s+of\s+delivery|on\s+the\s+date\s+on\s+"
                r"which\s+(?:\w+\s+){0,2}delivered"), "on_delivery"),
    (re.compile(r"(?i)when\s+transmitted|\btransmitted\b|upon\s+transmission|upon\s+dispatch|when\s+sent"), "on_transmission"),
    (re.compile(r"(?i)(?:[a-z]+\s+\((?P<n>\d{1,2})\)|(?P<n2>\d{1,2}))\s+(?:business\s+)?days?\s+after"), "after_dispatch"),
    (re.compile(r"(?i)(?:next|following)\s+business\s+day|business\s+day\s+after"), "next_business_day"),
)
ENTITY_TYPES = (r"limited\s+liability\s+(?:company|partnership)|limited\s+partnership|general\s+partnership|"
                r"national\s+banking\s+association|(?:state\s+)?banking\s+(?:corporation|association)|business\s+trust|"
                r"statutory\s+trust|real\s+estate\s+investment\s+trust|(?:mutual\s+)?insurance\s+company|"
                r"private\s+company\s+with\s+limited\s+liability|public\s+limited\s+company|(?:business\s+|"
                r"professional\s+|non-?profit\s+|nonstock\s+)?corporation|cooperative|(?:federal\s+)?savings\s+bank|"
                r"unlimited\s+company|company|partnership|trust|federally\s+chartered\s+instrumentality")
# "a Dutch private company": the adjective's country.
NATIONALITIES = {"dutch": "Netherlands", "english": "England", "british": "United Kingdom", "canadian": "Canada",
                 "german": "Germany", "french": "France", "irish": "Ireland", "swiss": "Switzerland",
                 "luxembourg": "Luxembourg", "israeli": "Israel", "bermuda": "Bermuda", "cayman islands": "Cayman Islands"}
_JURISDICTION = _STATE_ALTERNATIVES + "|" + "|".join(n.title().replace(" ", r"\s+") for n in NATIONALITIES)
ENTITY_RE = re.compile(
    r"\ban?\s+(?:(?P<j>" + _JURISDICTION + r")\s+)?(?i:(?P<t>" + ENTITY_TYPES + r"))\b"
    r"(?:\s*,?\s*(?i:(?:duly\s+)?(?:organized|incorporated|formed|existing|chartered)(?:\s+and\s+existing)?\s+under\s+the\s+"
    r"laws\s+of)\s+(?:the\s+)?(?:(?i:State|Commonwealth|Province)\s+of\s+)?(?P<j2>" + _STATE_ALTERNATIVES + r"))?"
)
# Standard clauses found by their headings: agreements.ClauseKind codes.
CLAUSE_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("arbitration", re.compile(r"(?i)\barbitration\b")),
    ("jurisdiction", re.compile(r"(?i)\bjurisdiction\b|\bvenue\b|\bforum\b")),
    ("assignment", re.compile(r"(?i)\bassign(?:ment|ments|ability|s)?\b")),
    ("amendments", re.compile(r"(?i)\bamendments?\b|\bmodifications?\b")),
)
RULES_RE = re.compile(
    r"(?i:in\s+accordance\s+with|under|pursuant\s+to|governed\s+by)\s+the\s+("
    r"(?:[\w\-]+\s+){0,5}?(?i:rules|procedures|code)\b[^.;]{0,40}?\bof\s+(?:the\s+)?[A-Z][\w.,&\-]*(?:\s+(?:of\s+|and\s+|for\s+)?[A-Z][\w.,&\-]*){0,8}"
    r"|(?:[A-Z]{2,}|[A-Z]\w+(?:\s+[A-Z]\w+){0,4})[’']s\s+(?:[\w\-]+\s+){0,5}?(?i:rules|procedures))"
)
ARBITRATION_PLACE = re.compile(
    r"(?i)arbitration[^.]{0,120}?\b(?:held|conducted|take\s+place|located|sitting|seated|proceed|venue\s+(?:of|for)[^.]{0,30}?)"
    r"\s+(?:in|at)\s+(?:an?\s+(?:location|place|city|venue)\s+in\s+)?"
    r"(?-i:((?:the\s+)?(?:(?:City|County|State|Borough)\s+of\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?:,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?))"
)
COURTS_PLACE = re.compile(
    r"(?i)((?:the\s+|any\s+)?(?-i:(?:(?:[A-Z][A-Za-z.]*|or|and)\s+){0,6}?)?(?:(?:state|federal|united\s+states|district)\s+(?:or|and)\s+)?"
    r"(?:state|federal|united\s+states\s+district|district)?\s*courts?\s+(?:of|sitting\s+in|located\s+in|in)\s+(?:and\s+for\s+)?(?:the\s+)?(?-i:(?:(?:City|County|State|"
    r"Commonwealth|Borough|Southern\s+District|District)\s+of\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}(?:,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?))"
)
# A floor or a cap on a floating rate: "in no event shall the interest rate be less than 4.00%",
# "the LIBOR Rate shall not be less than 1.00%", "subject to a floor of 3.5%", "a maximum rate of 9% per annum".
_BOUND_PCT = r"(?:[a-z][a-z\-]*(?:\s+[a-z\-]+){0,5}\s+\(\s*(?P<words_pct>\d{1,2}(?:\.\d{1,4})?|\.\d{1,4})\s?(?:%|percent)\s*\)|(?P<pct>\d{1,2}(?:\.\d{1,4})?|\.\d{1,4})\s?(?:%|percent\b))"
_SUBJECT = r"(?P<subject>(?:the\s+)?(?:[\w\-]+\s+){0,5}?(?:rate|LIBOR|SOFR|Prime|index|Euro-Rate|EURIBOR)(?:\s+[Rr]ate)?)"
FLOOR_RE = re.compile(
    rf"(?i)(?:(?:in\s+no\s+event|at\s+no\s+time|under\s+no\s+circumstances)\s+(?:shall|will)\s+{_SUBJECT}[^.;]{{0,80}}?"
    rf"\b(?:be\s+)?less\s+than|{_SUBJECT.replace('subject', 'subject2')}[^.;]{{0,60}}?\b(?:shall|will)\s+(?:not|never|at\s+no\s+time)\s+be\s+"
    rf"(?:deemed\s+to\s+be\s+)?less\s+than|(?:subject\s+to\s+)?an?\s+(?:interest\s+rate\s+|rate\s+)?floor\s+(?:rate\s+)?"
    rf"(?:of|equal\s+to|at)|minimum\s+(?:interest\s+)?rate\s+(?:of|equal\s+to)|but\s+(?:in\s+no\s+event\s+)?not\s+less\s+than)"
    rf"\s+{_BOUND_PCT}"
)
CAP_RE = re.compile(
    rf"(?i)(?:(?:in\s+no\s+event|at\s+no\s+time|under\s+no\s+circumstances)\s+(?:shall|will)\s+{_SUBJECT}[^.;]{{0,80}}?"
    rf"\b(?:exceed|be\s+(?:greater|more|higher)\s+than)|{_SUBJECT.replace('subject', 'subject2')}[^.;]{{0,60}}?\b(?:shall|will)\s+"
    rf"(?:not|never|at\s+no\s+time)\s+(?:exceed|be\s+(?:greater|more|higher)\s+than)|(?:subject\s+to\s+)?an?\s+"
    rf"(?:interest\s+rate\s+|rate\s+)?(?:cap|ceiling)\s+(?:rate\s+)?(?:of|equal\s+to|at)|maximum\s+(?:interest\s+)?rate\s+"
    rf"(?:of|equal\s+to)|but\s+(?:in\s+no\s+event\s+)?not\s+(?:more|greater|higher)\s+than)\s+{_BOUND_PCT}"
)
INDEX_SUBJECT = re.compile(r"(?i)LIBOR|SOFR|Prime|index|Euro-Rate|EURIBOR|Base\s+Rate|Federal\s+Funds|Term\s+Rate")
USURY = re.compile(r"(?i)\blaw\b|lawful|usur|legal\s+(?:rate|limit)|permitted\s+by|allowed\s+by")
CONFIRMING_COPY = re.compile(r"(?i)(?:copy|confirm\w*)\s+(?:\w+\s+){0,3}by\s*$")


@dataclass(frozen=True)
class Found:
    value: Any
    start: int
    end: int
    confidence: float


class _Sections:
    def __init__(self, parts: Sequence[Part]) -> None:
        self.parts = [p for p in parts if p.kind != "preamble"]

    def at(self, offset: int) -> Part | None:
        best = None
        for part in self.parts:
            if part.start <= offset < part.end and (best is None or part.depth >= best.depth):
                best = part
        return best

    def number_at(self, offset: int) -> str | None:
        part = self.at(offset)
        return part.number if part is not None and part.number else None

    def heading_at(self, offset: int) -> str:
        """The headings of the parts holding `offset`, innermost first, joined."""
        heads = [p.heading for p in self.parts if p.start <= offset < p.end]
        return " / ".join(reversed(heads))


def _date(match: re.Match[str]) -> date | None:
    month = match.group("m1") or match.group("m2")
    day = match.group("d1") or match.group("d2")
    year = match.group("y1") or match.group("y2")
    try:
        return date(int(year), MONTHS.index(month.lower()) + 1, int(day))
    except ValueError:
        return None


def number_of(text: str) -> Decimal | None:
    """A figure as the text writes it ("2,000,000.00"), or None."""
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def percent_text(value: Decimal) -> str:
    """A rate as the JSON shape writes it: "10.0", "2.5", "1.25"."""
    text = format(value.normalize(), "f")
    return text if "." in text else f"{text}.0"


def money_text(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}"


def _words(text: str) -> str:
    return " ".join(text.split())


def _sentence(text: str, start: int, end: int, limit: int = 600) -> tuple[int, int]:
    """The sentence around text[start:end]: back to the previous ". " or blank line, forward to the next."""
    left = max(0, start - limit)
    back = text[left:start]
    cut = max(back.rfind(". "), back.rfind(".\n"), back.rfind("\n\n"), back.rfind("; "))
    s = left + cut + 2 if cut >= 0 else left
    ahead = text[end:end + limit]
    m = re.search(r"\.(?:\s|$)|\n\s*\n|;\s", ahead)
    return s, end + (m.start() + 1 if m else len(ahead))


def _smart_title(line: str) -> str:
    words = _words(line).split(" ")
    if not any(ch.islower() for ch in line):
        words = [w.lower() if w.lower() in MINOR_WORDS and i else w.capitalize() for i, w in enumerate(words)]
    return " ".join(words)


class Extractor:
    def __init__(self, text: str, parts: Sequence[Part] | None = None) -> None:
        self.text = text
        self.parts = list(parts) if parts is not None else structure.sections_find(text)
        self.sections = _Sections(self.parts)
        self.result: Json = {}
        self.sources: dict[str, Json] = {}
        self.confidence: dict[str, float] = {}
        m = PREAMBLE_RE.search(text, 0, min(len(text), 60_000))
        self.preamble = self._preamble_start(m)

    def _preamble_start(self, first: re.Match[str] | None) -> int:
        """The opening sentence: the first "THIS AGREEMENT ..."/"FOR VALUE RECEIVED" line that names a party
        (a defined term in parentheses within its first lines); a table of contents or legend is skipped."""
        for m in PREAMBLE_RE.finditer(self.text, 0, min(len(self.text), 60_000)):
            window = self.text[m.start():m.start() + 1500]
            if PAREN_TERM.search(window) and not re.match(r"\s*(?:THIS\s+NOTE\s+AND|THIS\s+SECURITY\s+HAS)", window):
                return m.start()
        return first.start() if first else 0

    def put(self, path: str, found: Found | None, default: Any = None) -> None:
        keys = path.split(".")
        target = self.result
        for key in keys[:-1]:
            target = target.setdefault(key, {})
        target[keys[-1]] = found.value if found is not None else default
        if found is not None:
            self.source(path, found.start, found.end, found.confidence)

    def source(self, path: str, start: int, end: int, confidence: float) -> None:
        self.sources[path] = {"start": start, "end": end, "section": self.sections.number_at(start),
                              "quote": _words(self.text[start:end])[:300]}
        self.confidence[path] = round(confidence, 2)

    # -- title and date --------------------------------------------------------------------------
    def title(self) -> Found | None:
        head_start = max(0, self.preamble - 4000)
        candidates = []
        offset = head_start
        for line in self.text[head_start:self.preamble].split("\n"):
            stripped = line.strip()
            if (stripped and len(stripped) <= 90 and TITLE_WORDS.search(stripped) and stripped[0].isupper()
                    and not re.match(r"(?i)(exhibit|schedule|annex|table of contents|source:|origin:|dated|between|by and)",
                                     stripped)
                    and not re.search(r"[.;:,]$|\d{4}|\$", stripped) and _is_title_case(stripped)):
                lead = offset + len(line) - len(line.lstrip())
                candidates.append(Found(_smart_title(stripped), lead, lead + len(stripped), 0.8))
            offset += len(line) + 1
        if candidates:
            return candidates[-1]
        m = re.match(r"\s*(?:THIS|This)\s+((?:[A-Z][\w&\-]*\s+){0,6}(?:AGREEMENT|Agreement|NOTE|Note))", self.text[self.preamble:])
        if m:
            return Found(_smart_title(m.group(1)), self.preamble + m.start(1), self.preamble + m.end(1), 0.6)
        return None

    def dated_as_of(self) -> Found | None:
        head = self.text[max(0, self.preamble - 3000):self.preamble]
        base = max(0, self.preamble - 3000)
        if BLANK_DATE_RE.search(head) or BLANK_DATE_RE.search(self.text[self.preamble:self.preamble + 400]):
            return None
        opening = self.text[self.preamble:self.preamble + 500]
        m = re.search(rf"(?i)(?:dated|made|entered\s+into|executed|effective)(?:\s+and\s+entered\s+into)?\s+(?:as\s+of\s+)?"
                      rf"(?:this\s+|the\s+)?({DATE_RE.pattern})", opening)
        if m:
            inner = DATE_RE.search(opening, m.start(1))
            if inner and (value := _date(inner)):
                return Found(value.isoformat(), self.preamble + inner.start(), self.preamble + inner.end(), 0.9)
        for m2 in DATE_RE.finditer(head):
            if (value := _date(m2)) is not None:
                return Found(value.isoformat(), base + m2.start(), base + m2.end(), 0.75)
        return None

    # -- parties ---------------------------------------------------------------------------------
    def parties(self) -> list[tuple[Json, int, int]]:
        start = self.preamble
        window_end = min(len(self.text), start + 2500)
        found: list[tuple[Json, int, int]] = []
        previous = start
        for m in PAREN_TERM.finditer(self.text, start, window_end):
            term = _words(m.group(1))
            candidate = self._name_before(previous, m.start())
            if candidate is None:
                continue
            name, name_start = candidate
            name_words = {w.strip(",.").lower() for w in name.split()}
            if re.fullmatch(r"(?i)(?:this\s+)?(?:agreement|note|security\s+agreement|loan\s+agreement)", term):
                continue
            if term.lower() not in ROLES and term.lower() not in name_words and term.lower().replace(" ", "") not in (
                    w.replace(" ", "") for w in name_words):
                continue
            role = term if term.lower() in ROLES else self._role_after(m.end()) or self._role_from_recitals(term) or term
            last = name.split()[-1]
            name_end = self.text.find(last, name_start, m.start() + 1) + len(last)  # the name may wrap a line
            entity_type, jurisdiction = self._entity(name_end, m.start(), m.end())
            found.append(({"name": name, "role": role.title() if role.islower() else role, "defined_term": term,
                           "entity_type": entity_type, "jurisdiction": jurisdiction}, name_start, m.end()))
            previous = m.end()
            if len(found) >= 6:
                break
        return found

    def _entity(self, left: int, right: int, after: int) -> tuple[str | None, str | None]:
        """"a Delaware corporation", "a corporation incorporated under the laws of the State of Nevada",
        "a national banking association": between the name and its defined term, or just after the term."""
        gap = re.match(r"\s*,?\s*", self.text[left:right])
        m = ENTITY_RE.match(self.text, left + (gap.end() if gap else 0), right + 1)
        if m is None:
            comma = re.match(r"\s*,\s*", self.text[after:after + 8])
            m = ENTITY_RE.match(self.text, after + comma.end(), after + 200) if comma else None
        if m is None:
            return None, None
        place = m.group("j") or m.group("j2")
        jurisdiction = None
        if place:
            place = _words(place)
            jurisdiction = NATIONALITIES.get(place.lower()) or re.sub(r"^The ", "", place.title().replace(" Of ", " of "))
        return _words(m.group("t")).lower(), jurisdiction

    def _name_before(self, left: int, right: int) -> tuple[str, int] | None:
        window = self.text[left:right]
        boundaries = [b.end() for b in BOUNDARY.finditer(window)] or [0]
        for cut in reversed(boundaries):
            rest = window[cut:]
            desc = DESCRIPTOR.search(rest)
            raw = rest[:desc.start()] if desc else rest
            name = _words(raw).strip(" ,;:")
            name = re.sub(r"^(?:the\s+undersigned\s+|the\s+)", "", name)
            words = name.split()
            if (words and (words[0][0].isupper() or words[0][0].isdigit()) and len(words) <= 12
                    and not re.match(r"(?i)(?:(?:state|commonwealth)\s+of|laws?|this|such|said|each)\b", name) and not DATE_RE.search(name)
                    and sum(1 for w in words if w[:1].isupper()) * 2 >= len(words)):
                offset = left + cut + (len(raw) - len(raw.lstrip()))
                return name, offset
        return None

    def _role_from_recitals(self, term: str) -> str | None:
        """A party named by its own name ("Petty"): its role from what the recitals say it does."""
        window = self.text[self.preamble:self.preamble + 4000]
        m = re.search(rf"\b{re.escape(term)}\s+(?:has\s+agreed|agrees|desires|wishes|is\s+willing|shall|will)?\s*(?:to\s+)?"
                      r"(purchase|buy|subscribe|lend|make\s+(?:a\s+)?loans?|borrow|sell|guarantee)", window)
        if m is None:
            return None
        verb = m.group(1).split()[0].lower()
        return {"purchase": "Purchaser", "buy": "Purchaser", "subscribe": "Purchaser", "lend": "Lender",
                "make": "Lender", "borrow": "Borrower", "sell": "Seller", "guarantee": "Guarantor"}[verb]

    def _role_after(self, offset: int) -> str | None:
        m = re.match(r"\s*,?\s*as\s+((?:[A-Z][a-z]+\s?){1,3})", self.text[offset:offset + 80])
        return m.group(1).strip() if m else None

    # -- law and disputes ------------------------------------------------------------------------
    def governing_law(self) -> Found | None:
        matches = list(LAW_RE.finditer(self.text))
        if not matches:
            return None
        def state(m: re.Match[str]) -> str:
            value = _words(m.group(m.lastindex or 1)).title().replace(" Of ", " of ").replace(" And ", " and ")
            return re.sub(r"^The ", "", value)

        names = Counter(state(m) for m in matches)
        in_heading = [m for m in matches if re.search(r"(?i)governing\s+law|applicable\s+law|choice\s+of\s+law",
                                                      self.sections.heading_at(m.start()))]
        best = in_heading[0] if in_heading else max(matches, key=lambda m: names[state(m)])
        confidence = (0.95 if in_heading else 0.8) - (0.1 if len(names) > 1 else 0)
        group = best.lastindex or 1
        return Found(state(best), best.start(group), best.end(group), confidence)

    def dispute_resolution(self) -> Found | None:
        arbitration = ARBITRATION_RE.search(self.text)
        if arbitration:
            return Found("arbitration", arbitration.start(), arbitration.end(), 0.9)
        courts = COURTS_RE.search(self.text)
        if courts:
            return Found("courts", courts.start(), courts.end(), 0.85)
        return None

    def dispute_terms(self) -> dict[str, Found | None]:
        """Where disputes are heard and under whose rules: "arbitration in New York, New York under the
        rules of the American Arbitration Association"; "the state and federal courts sitting in Dallas County"."""
        out: dict[str, Found | None] = {"forum": None, "rules": None}
        arbitration = ARBITRATION_RE.search(self.text)
        if arbitration is not None:
            s, e = _sentence(self.text, arbitration.start(), arbitration.end(), 1200)
            e = min(len(self.text), e + 2500)
            place = ARBITRATION_PLACE.search(self.text, s, e)
            if place:
                out["forum"] = Found(_words(place.group(1)), place.start(1), place.end(1), 0.6)
            rules = RULES_RE.search(self.text, s, e)
            if rules and re.search(r"(?i)arbitra|association|nasd|finra|jams|icc|chamber|uncitral|code|dispute\s+resolution"
                                   r"|\b(?:AAA|CPR|LCIA|ICDR|SIAC|HKIAC)\b", rules.group(1)):
                out["rules"] = Found(_words(rules.group(1)).rstrip(" ,."), rules.start(1), rules.end(1), 0.6)
            return out
        courts = COURTS_RE.search(self.text)
        if courts is not None:
            place = COURTS_PLACE.search(self.text, courts.start(), min(len(self.text), courts.end() + 300))
            if place:
                out["forum"] = Found(_words(place.group(1)).rstrip(" ,."), place.start(1), place.end(1), 0.6)
        return out

    def clauses(self) -> list[tuple[Json, int, int]]:
        """Standard clauses by their headings, each with its section number and words (the first of each kind)."""
        out: list[tuple[Json, int, int]] = []
        seen: set[str] = set()
        for part in self.parts:
            if part.kind not in ("section", "subsection") or not part.heading or self._in_appendix(part.start):
                continue
            for kind, pattern in CLAUSE_HEADINGS:
                if kind in seen or not pattern.search(part.heading) or not part.number:
                    continue
                end = part.body_end if part.body_end > part.start + 80 else part.end
                words = _words(self.text[part.start:min(end, part.start + 6000)])
                out.append(({"kind": kind, "clause": part.number, "heading": _words(part.heading)[:200], "text": words},
                            part.start, min(end, part.start + 6000)))
                seen.add(kind)
        return out

    # -- amounts ---------------------------------------------------------------------------------
    def amounts(self) -> dict[str, Found | None]:
        picks: dict[str, list[tuple[float, Found]]] = {"principal": [], "commitment": [], "purchase_price": []}
        is_note = bool(re.search(r"(?i)\bnote\b", str(self.result.get("title") or "")))
        for m in MONEY_RE.finditer(self.text):
            value = number_of(m.group(1) + (m.group(2) or ""))
            if value is None or value < 1000:
                continue
            s, e = _sentence(self.text, m.start(), m.end())
            before = self.text[max(s, m.start() - 160):m.start()]
            after = self.text[m.end():m.end() + 120]
            sentence = self.text[s:e]
            defined = PAREN_TERM.match(re.sub(r"^\s*\([^()]*\)", "", after).lstrip()) or PAREN_TERM.match(after.lstrip())
            term = defined.group(1) if defined else ""
            where = self.sections.heading_at(m.start())
            position = 1 - m.start() / max(len(self.text), 1)  # earlier is likelier the deal's own amount
            found = Found(money_text(value), m.start(), m.end(), 0.0)
            if self._in_appendix(m.start()) or re.search(r"(?i)\bmortgage\b|\bexisting\b|\bprior\b", term):
                continue  # an exhibit's form, or another instrument's amount
            if re.search(r"[“\"]Purchase\s+Price[”\"]", sentence) or re.search(
                    r"(?i)purchase\s+price\s+(?:for|of)\s+the\s+(?:notes?|securities|shares|units|debentures)", sentence):
                picks["purchase_price"].append((2 + position, found))
                continue
            if NOT_THE_DEAL.search(before[-70:]) or NOT_THE_DEAL_SENTENCE.search(sentence):
                continue
            near = before[-110:]
            if (re.search(r"(?i)up\s+to|not\s+(?:to\s+)?exceed|maximum|commitment\s+(?:shall\s+be|of|is|in)|aggregate\s+"
                          r"commitment", near) and not (is_note and re.search(r"(?i)lesser\s+of", near))) or re.fullmatch(
                    r"(?i)(?:revolving\s+|aggregate\s+)?(?:commitments?|facility|line\s+of\s+credit|maximum\s+amount)", term):
                strength = (1 + position + (1 if term else 0) + _in(where, "commitment|loan|facility|credit|advance")
                            + (1 if re.search(r"(?i)commitment", near + term) else 0))
                picks["commitment"].append((strength, found))
                continue
            if re.search(r"(?i)principal\s+(?:sum|amount)\s+of(?:\s+[\w\-/]+){0,10}\s*\(?\s*(?:U\.?S\.?\s?)?$", before) or \
                    re.match(r"\s+(?:aggregate\s+)?principal\s+amount", after) or \
                    (is_note and re.search(r"(?i)lesser\s+of:?\s*(?:\(i\)|\(x\))?[^$]{0,80}$", before)):
                bonus = (1 if re.search(r"(?i)loan|note|facility", term) else 0) + _in(where, "loan|note|advance|amount|credit")
                picks["principal"].append((1 + position + bonus, found))
        if is_note:
            head = self.text[max(0, self.preamble - 1500):self.preamble]
            base = max(0, self.preamble - 1500)
            for m in MONEY_RE.finditer(head):
                value = number_of(m.group(1) + (m.group(2) or ""))
                if value is not None:
                    picks["principal"].append((4.0, Found(money_text(value), base + m.start(), base + m.end(), 0.0)))
        out: dict[str, Found | None] = {}
        for key, options in picks.items():
            if not options:
                out[key] = None
                continue
            options.sort(key=lambda pair: -pair[0])
            best = options[0][1]
            agree = sum(1 for _, f in options if f.value == best.value)
            out[key] = Found(best.value, best.start, best.end, min(0.95, 0.6 + 0.1 * agree))
        if out["principal"] and out["commitment"] and out["principal"].value == out["commitment"].value:
            # One amount stated twice: a note's face (a note) or the loan agreement's commitment.
            out["commitment" if is_note else "principal"] = None
        return out

    # -- interest --------------------------------------------------------------------------------
    def interest(self) -> dict[str, Found | None]:
        out: dict[str, Found | None] = dict.fromkeys(("rate", "index", "spread", "default_rate", "default_spread",
                                                      "day_count"))
        spread_first = re.compile(rf"{PERCENT_PHRASE}\s+(?:per\s+annum\s+)?{ABOVE}\s+(?:\(b\)\s+)?(?:the\s+)?{INDEX_NAME}")
        index_first = re.compile(rf"(?:the\s+)?{INDEX_NAME}\s*(?:\(as\s+[^)]*\)\s*)?,?\s+{ABOVE}\s+(?:\(b\)\s+)?"
                                 rf"(?:{PERCENT_PHRASE}|{BASIS_POINTS})")
        plain = re.compile(rf"(?i:rate\s+(?:per\s+annum\s+)?(?:of|equal\s+to)|bear\s+interest\s+at(?:\s+the\s+rate\s+of)?|"
                           rf"interest\s+rate\s+(?:of|shall\s+be))\s+(?:{PERCENT_PHRASE})(?!\s+(?:per\s+annum\s+)?{ABOVE})")
        default_spread = re.compile(
            rf"(?:{PERCENT_PHRASE})\s+(?:per\s+annum\s+)?(?i:{ABOVE})\s+(?i:the\s+)?(?i:rate|interest\s+rate|applicable|"
            rf"otherwise|then[- ]applicable)|(?i:interest\s+rate|applicable\s+rate|rate\s+otherwise\s+applicable)\s+"
            rf"(?i:plus|\+)\s+(?:{PERCENT_PHRASE})")
        for m in spread_first.finditer(self.text):
            if self._is_default(m) or self._is_fee(m):
                continue
            index = _words(m.group(m.lastindex or 1))
            if re.fullmatch(r"(?i)(?:the\s+)?(?:interest\s+)?rate", index) or index.lower().startswith("interest rate"):
                continue
            pct = _first_number(m)
            if pct is None:
                continue
            out["index"] = Found(_index_name(index), m.start(m.lastindex or 1), m.end(m.lastindex or 1), 0.8)
            out["spread"] = Found(percent_text(pct), m.start(), m.end(), 0.8)
            break
        for m in index_first.finditer(self.text):
            if out["index"] is not None and m.start() > out["index"].start:
                break
            if self._is_default(m) or self._is_fee(m):
                continue
            index = _words(m.group(1))
            if re.fullmatch(r"(?i)(?:the\s+)?(?:interest\s+)?rate|interest rate", index):
                continue
            pct = _spread_number(m)
            if pct is None:
                continue
            out["index"] = Found(_index_name(index), m.start(1), m.end(1), 0.8)
            out["spread"] = Found(percent_text(pct), m.start(), m.end(), 0.8)
            break
        for m in plain.finditer(self.text):
            pct = _first_number(m)
            if pct is None or pct <= 0 or self._is_fee(m):
                continue
            key = "default_rate" if self._is_default(m) else "rate"
            if out[key] is None:
                out[key] = Found(percent_text(pct), m.start(), m.end(), 0.75)
        if out["index"] is not None:
            out["rate"] = None  # a floating rate: the fixed figure found is some other rate
        for m in default_spread.finditer(self.text):
            if not self._is_default(m):
                continue
            pct = _first_number(m)
            if pct is not None:
                out["default_spread"] = Found(percent_text(pct), m.start(), m.end(), 0.75)
                break
        if out["default_rate"] is not None and out["default_spread"] is not None:
            out["default_rate"] = None if out["default_spread"].start < out["default_rate"].start else out["default_rate"]
        out["day_count"] = self.day_count()
        out["floor"], out["cap"] = self._bound(FLOOR_RE, out), self._bound(CAP_RE, out)
        return out

    def _bound(self, pattern: re.Pattern[str], found: dict[str, Found | None]) -> Found | None:
        """A floating rate's floor or cap: on the rate itself, or on the index (then the figure plus
        the spread, the same bound on the rate while the spread is fixed). Never a usury ceiling."""
        if found["index"] is None:
            return None
        for m in pattern.finditer(self.text):
            s, e = _sentence(self.text, m.start(), m.end(), 400)
            if self._is_default(m) or self._is_fee(m) or USURY.search(self.text[s:e]):
                continue
            pct = number_of(m.group("pct") or m.group("words_pct") or "")
            if pct is None:
                continue
            subject = m.group("subject") or m.group("subject2") or ""
            if INDEX_SUBJECT.search(subject) and not re.search(r"(?i)interest\s+rate|rate\s+of\s+interest|all-in", subject):
                if found["spread"] is None:
                    continue
                pct += Decimal(str(found["spread"].value))
                return Found(percent_text(pct), m.start(), m.end(), 0.6)
            return Found(percent_text(pct), m.start(), m.end(), 0.7)
        return None

    def _in_appendix(self, offset: int) -> bool:
        return any(p.kind in ("exhibit", "schedule") and p.start <= offset < p.end for p in self.parts)

    def _is_default(self, m: re.Match[str]) -> bool:
        s, e = _sentence(self.text, m.start(), m.end(), 400)
        return bool(DEFAULT_CONTEXT.search(self.text[s:e]))

    def _is_fee(self, m: re.Match[str]) -> bool:
        s, e = _sentence(self.text, m.start(), m.end(), 300)
        return bool(re.search(r"(?i)\bfees?\b|commission|unused|late\s+charge|prepayment", self.text[s:m.start()]))

    def day_count(self) -> Found | None:
        patterns = (
            (r"(?i)30/360|twelve\s+(?:\(12\)\s+)?(?:thirty|30)[- ]day\s+months|360[- ]day\s+year\s+(?:consisting|comprised)\s+of\s+"
             r"twelve", "30/360"),
            (r"(?i)(?:(?:360|three\s+hundred\s+sixty)[- ]day\s+year|year\s+of\s+(?:360|three\s+hundred\s+sixty)(?:\s+\(360\))?\s+"
             r"days|360/365|actual/360|act/360)", "ACT/360"),
            (r"(?i)(?:365[- ]day\s+year|year\s+of\s+365\s+days|actual/365|act/365)", "ACT/365F"),
        )
        best: Found | None = None
        for pattern, code in patterns:
            for m in re.finditer(pattern, self.text):
                s, e = _sentence(self.text, m.start(), m.end(), 300)
                sentence = self.text[s:e]
                if not re.search(r"(?i)interest|computed|calculated|accrue", sentence) or re.search(r"(?i)\bfees?\b", sentence[:m.start() - s]):
                    continue
                value = code
                if code == "ACT/365F" and re.search(r"(?i)366|leap\s+year|actual\s+number\s+of\s+days\s+in\s+the\s+(?:calendar\s+)?year", sentence):
                    value = "ACT/ACT"
                if code == "ACT/360" and not re.search(r"(?i)actual|elapsed|365|366", sentence):
                    value = "30/360"
                if best is None or m.start() < best.start:
                    best = Found(value, m.start(), m.end(), 0.85)
                break
        return best

    # -- maturity --------------------------------------------------------------------------------
    def maturity_date(self) -> Found | None:
        date_group = DATE_RE.pattern
        patterns = (
            (rf"[“\"](?:Final\s+|Stated\s+|Scheduled\s+|Revolving\s+(?:Loan\s+)?|Term\s+Loan\s+)?Maturity\s+Date[”\"]\s*"
             rf"(?:shall\s+)?(?:means?|is)\s+(?:the\s+earlier\s+of\s+(?:\(\w+\)\s+)?)?({date_group})", 0.9),
            (rf"[“\"](?:Termination|Expiration|Commitment\s+Termination)\s+Date[”\"]\s*(?:shall\s+)?(?:means?|is)\s+"
             rf"(?:the\s+earlier\s+of\s+(?:\(\w+\)\s+)?)?({date_group})", 0.8),
            (rf"(?i:due\s+and\s+payable\s+in\s+full|shall\s+mature|matures|maturity\s+date\s+(?:of|is|shall\s+be)|"
             rf"(?:shall\s+be\s+)?repaid\s+in\s+full)\s+(?:on\s+|at\s+)?(?:or\s+before\s+)?({date_group})", 0.8),
        )
        for pattern, confidence in patterns:
            for m in re.finditer(pattern, self.text):
                inner = DATE_RE.search(self.text, m.start(1))
                if inner and (value := _date(inner)) is not None:
                    return Found(value.isoformat(), inner.start(), inner.end(), confidence)
        return None

    # -- notices ---------------------------------------------------------------------------------
    def notice_section(self) -> tuple[int, int, str | None] | None:
        headed = [part for part in self.parts if part.kind in ("section", "article", "subsection")
                  and NOTICE_HEADING.match(part.heading or "") and not (part.kind == "article" and part.children)]
        headed.sort(key=lambda p: -(2 * bool(NOTICE_OPENING.search(self.text[p.start:p.start + 600]))
                                    + bool(NOTICE_WORDING.search(self.text[p.start:p.start + 1500]))))
        if headed:
            return headed[0].start, min(headed[0].end, headed[0].start + 8000), headed[0].number or None
        line = NOTICE_LINE.search(self.text)
        if line:
            holder = self.sections.at(line.start())
            end = min(holder.end if holder is not None and holder.end > line.end() + 200 else len(self.text),
                      line.start() + 5000)
            return line.start(), end, line.group(1) or (holder.number if holder is not None else None)
        m = NOTICE_OPENING.search(self.text)
        if m:
            around = self.sections.at(m.start())
            start = around.start if around is not None else m.start()
            end = min(around.end if around is not None else m.start() + 4000, start + 8000)
            return start, end, around.number if around is not None else None
        return None

    def notice(self) -> tuple[Json, dict[str, Found]]:
        clause: Json = {"clause": None, "methods": [], "addresses": []}
        found: dict[str, Found] = {}
        located = self.notice_section()
        if located is None:
            return clause, found
        start, end, number = located
        body = self.text[start:end]
        clause["clause"] = number
        found["notice.clause"] = Found(number, start, min(end, start + 200), 0.8)
        reference = re.search(r"(?i)(?:given|made|delivered)\s+(?:as\s+provided|in\s+the\s+manner\s+(?:provided|set\s+forth))\s+in\s+"
                              r"the\s+[A-Z][\w\s]{3,60}?Agreement", body[:600])
        if reference:
            return clause, found
        text = ADDRESS_LINE.sub(lambda m: " " * len(m.group(0)), body)
        methods: list[str] = []
        for code, pattern in METHODS:
            for m in pattern.finditer(text):
                if code in ("first_class_mail",) and CONFIRMING_COPY.search(text[max(0, m.start() - 40):m.start()]):
                    continue
                if code not in methods:
                    methods.append(code)
                    end_of_word = m.end() + len(re.match(r"[\w\-]*", text[m.end():]).group(0))  # type: ignore[union-attr]
                    found[f"notice.methods.{code}"] = Found(code, start + m.start(), start + end_of_word, 0.8)
                break
        clause["methods"] = sorted(methods)
        clause["rules"] = [self._deemed(text, found[f"notice.methods.{code}"], start, code) for code in clause["methods"]]
        clause["addresses"] = self._addresses(body, start)
        return clause, found

    def _deemed(self, text: str, method: Found, base: int, code: str) -> Json:
        """When a notice by `code` counts, from the words after the method in its sentence (or a rule
        the clause states for every notice): a code of agreements.NoticeRule.deemed_given."""
        rule: Json = {"method": code, "words": _words(self.text[method.start:method.end]), "deemed_given": None,
                      "offset_days": 0, "business_days": False}
        local = method.start - base
        s, e = _sentence(text, local, local + 1, 400)
        before = text[max(s, local - 60):local]
        cut = max(before.rfind(", or"), before.rfind(";"), before.rfind("("))
        before = before[cut + 1:] if cut >= 0 else before
        after = text[local:e]
        stop = re.search(r";|,\s+or\s|\sor\s+(?:by\s+)?(?:\([a-z]\)\s*)?(?:if\s+)?(?:sent\s+)?by\b|\(\w\)\s", after[4:])
        after = after[:stop.start() + 4] if stop else after
        best: tuple[int, str, re.Match[str]] | None = None
        for window, is_before in ((before, True), (after, False), (text[s:e], False), (text, False)):
            for pattern, given in DEEMED:
                for m in pattern.finditer(window):
                    distance = len(window) - m.end() if is_before else m.start()
                    if best is None or distance < best[0]:
                        best = (distance, given, m)
            if best is not None:
                break
        if best is not None:
            rule["deemed_given"] = best[1]
            if best[1] == "after_dispatch":
                rule["offset_days"] = int(best[2].group("n") or best[2].group("n2"))
                rule["business_days"] = bool(re.search(r"(?i)business", best[2].group(0)))
        return rule

    def _addresses(self, body: str, base: int) -> list[Json]:
        """Each "If to X:" (or "BORROWER:") block of the clause, read into address fields, with its
        "with a copy to" address under "copy_to"."""
        out = []
        roles = "|".join(sorted((r.upper().replace(" ", r"\s+") for r in ROLES), key=len, reverse=True))
        blocks = list(re.finditer(r"(?i)(?:^|\n)\s*(?:\([a-z0-9]{1,3}\)\s*)?(?:if\s+to|to)\s+(?:the\s+)?([A-Z][\w&.,\- ]{1,60}?)\s*[:,]"
                                  rf"|\n[ \t]*((?-i:{roles})):", body))
        for index, m in enumerate(blocks):
            end = blocks[index + 1].start() if index + 1 < len(blocks) else min(len(body), m.end() + 900)
            raw = body[m.end():end]
            stop = re.search(r"\n\s*\n\s*\n(?=\s*(?:[A-Z][a-z]+\s+[a-z]|\([a-z]\)))|(?i:,?\s*or\s+to\s+such\s+other)|"
                             r"\n\s*(?:Any|Either|Each|All)\s+(?:party|notices?)\b|\n\s*\n\s*\d+\.\d*\s", raw)
            raw = raw[:stop.start()] if stop else raw
            lines = [_words(line) for line in raw.split("\n") if line.strip()]
            if not lines:
                continue
            term = _words(m.group(1) or m.group(2)).rstrip(",.")
            own, copy = addresses.block_parse(raw, term)
            copy_at = addresses.COPY_TO.search(raw)
            own_text = raw[:copy_at.start()] if copy_at else raw
            row: Json = {"party": term.title() if term.isupper() else term,
                         "text": "\n".join(_words(x) for x in own_text.split("\n") if x.strip())[:600],
                         **own, "start": base + m.start(1 if m.group(1) else 2), "end": base + m.end() + len(own_text.rstrip())}
            if copy is not None and copy_at is not None:
                copy_raw = raw[copy_at.end():]
                row["copy_to"] = {"party": row["party"], **copy,
                                  "text": "\n".join(_words(x) for x in copy_raw.split("\n") if x.strip())[:600],
                                  "start": base + m.end() + copy_at.start(), "end": base + m.end() + len(raw.rstrip())}
            out.append(row)
        return out

    # -- deliverables and defined terms ----------------------------------------------------------
    def deliverables(self) -> list[tuple[Json, int, int]]:
        out: list[tuple[Json, int, int]] = []
        for part in self.parts:
            if part.kind not in ("section", "article", "subsection") or not re.search(
                    r"(?i)conditions?\s+(?:precedent|to\s+(?:closing|the\s+closing|loans?|effectiveness|funding))|"
                    r"closing\s+(?:conditions|deliver)|deliver(?:y|ies)\s+(?:by|at|of)|closing\s+documents", part.heading):
                continue
            items = [child for child in part.children if child.kind == "subsection"]
            if items:
                for child in items[:40]:
                    words = _words(self.text[child.start:child.body_end])
                    words = re.sub(r"^\(\w+\)\s*", "", words)
                    out.append(({"description": words[:200], "clause": child.number}, child.start, child.body_end))
                continue
            body = self.text[part.start:part.body_end]
            for m in re.finditer(r"\(([a-z])\)\s+((?:(?!\([a-z]\)\s).){5,300}?)(?:;|\.\s|$)", body, re.S):
                out.append(({"description": _words(m.group(2)).rstrip(" ;,.").removesuffix(" and").removesuffix(" or"),
                             "clause": f"{part.number}({m.group(1)})" if part.number else None},
                            part.start + m.start(), part.start + m.end()))
        return out

    def defined_terms(self) -> list[tuple[Json, int, int]]:
        return [({"term": d.term, "clause": self.sections.number_at(d.start)}, d.start, d.end)
                for d in structure.terms_find(self.text)]

    # -- all -------------------------------------------------------------------------------------
    def run(self) -> Json:
        self.put("title", self.title(), "")
        self.put("dated_as_of", self.dated_as_of())
        parties = self.parties()
        self.result["parties"] = [p for p, _, _ in parties]
        for index, (_, s, e) in enumerate(parties):
            self.source(f"parties.{index}", s, e, 0.85)
        self.put("governing_law", self.governing_law())
        self.put("dispute_resolution", self.dispute_resolution())
        for key, found in self.amounts().items():
            self.put(f"amounts.{key}", found)
        for key, found in self.interest().items():
            self.put(f"interest.{key}", found)
        self.put("maturity_date", self.maturity_date())
        clause, found_notice = self.notice()
        self.result["notice"] = clause
        for path, found in found_notice.items():
            self.source(path, found.start, found.end, found.confidence)
        copies = [address.pop("copy_to") for address in clause["addresses"] if "copy_to" in address]
        for index, address in enumerate(clause["addresses"]):
            self.source(f"notice.addresses.{index}", address.pop("start"), address.pop("end"), 0.6)
        clause["copies"] = copies
        for index, copy in enumerate(copies):
            self.source(f"notice.copies.{index}", copy.pop("start"), copy.pop("end"), 0.5)
        for key, found in self.dispute_terms().items():
            self.put(f"dispute.{key}", found)
        self._list("clauses", self.clauses(), 0.7)
        self._list("deliverables", self.deliverables(), 0.6)
        self._list("security", grants.security_find(self.text, self.result["parties"], self.sections.number_at), 0.6)
        self._list("covenants", covenant_terms.covenants_find(self.text, self.sections.number_at,
                                                                     self.sections.heading_at), 0.6)
        self._list("defined_terms", self.defined_terms(), 0.9)
        self.result["sources"] = self.sources
        self.result["confidence"] = self.confidence
        return self.result

    def _list(self, key: str, rows: list[tuple[Json, int, int]], confidence: float) -> None:
        self.result[key] = [row for row, _, _ in rows]
        for index, (_, s, e) in enumerate(rows):
            self.source(f"{key}.{index}", s, e, confidence)


def _in(where: str, pattern: str) -> float:
    return 0.5 if re.search(rf"(?i)\b(?:{pattern})", where) else 0.0


def _is_title_case(line: str) -> bool:
    words = [w for w in re.split(r"\s+", line) if w.isalpha()]
    return bool(words) and all(w[0].isupper() or w.lower() in MINOR_WORDS for w in words)


def _first_number(m: re.Match[str]) -> Decimal | None:
    """The figure of a percentage match: the one in parentheses if the words gave both."""
    numbers = [g for g in m.groups() if g and re.fullmatch(r"\d*\.?\d+", g)]
    return number_of(numbers[-1] if len(numbers) > 1 and m.group(0).find("(") >= 0 else numbers[0]) if numbers else None


def _spread_number(m: re.Match[str]) -> Decimal | None:
    groups = [g for g in m.groups()[1:] if g]
    text = m.group(0)
    if "basis points" in text:
        bp = re.search(r"\(?(\d{1,4})\)?\s+basis\s+points(?:\s+\((\d*\.?\d+)%\))?", text)
        if bp:
            return number_of(bp.group(2)) if bp.group(2) else Decimal(bp.group(1)) / 100
    numbers = [g for g in groups if re.fullmatch(r"\d*\.?\d+", g)]
    return number_of(numbers[-1]) if numbers else None


def _index_name(words: str) -> str:
    name = re.sub(r"^(?:the|a)\s+", "", words, flags=re.I)
    name = re.sub(r"\s+\([^)]*\)$", "", name)
    return name.strip()


def propose(text: str, parts: Sequence[Part] | None = None) -> Json:
    """Every proposed term of an agreement's text, with `sources` and `confidence` per key path."""
    return Extractor(text, parts).run()
