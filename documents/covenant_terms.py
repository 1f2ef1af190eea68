"""Proposing covenants: the reports an agreement says are owed and by when, and its financial tests.

Pure functions (no database), called by `extraction.Extractor`. Two formulaic wordings:

- a reporting covenant states a period and what ends it: "within 45 days after the end of each
  fiscal quarter ... financial statements", "not later than 90 days after and as of the end of
  each fiscal year, an audited financial statement", and a notice of default "promptly (and in any
  event within 5 Business Days) after ... knowledge of any Default";
- a financial covenant names a metric, a comparison and a figure: "maintain a Debt Service Coverage
  Ratio of not less than 1.25 to 1.00", "shall not permit the Leverage Ratio to exceed 3.00 to
  1.00", "Tangible Net Worth of at least $5,000,000", tested "as of each fiscal quarter end".

Each is proposed only where the words read as an obligation (a delivery verb, "maintain", "shall
not permit", or a heading such as "Financial Covenants") and the figure is a plain number: a
threshold built from a formula ("the sum of $X plus 50% of Net Income") or a pricing grid ("if the
Leverage Ratio is less than 2.00 to 1.00, the Applicable Margin is ...") is left out.
"""

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

Json = dict[str, Any]

_WORD_NUMBERS = {"five": 5, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty-five": 45, "sixty": 60,
                 "ninety": 90, "one hundred twenty": 120, "one hundred and twenty": 120, "forty": 40, "fifty": 50,
                 "fifty-five": 55, "seventy-five": 75, "one hundred": 100, "three": 3, "two": 2, "one": 1}
DAYS = (r"(?:(?P<w>[a-z][a-z\- ]{2,30}?)\s*\(\s*(?P<n>\d{1,3})\s*\)|(?P<n2>\d{1,3})|(?P<w2>"
        + "|".join(sorted((re.escape(k) for k in _WORD_NUMBERS), key=len, reverse=True)) + r"))\s+(?P<b>business\s+)?days?")
PERIOD = (r"(?:the\s+(?:end|close|last\s+day)\s+of\s+(?:each|every|the|its|any)\s+(?:of\s+the\s+first\s+three\s+|"
          r"such\s+)?(?:fiscal\s+|calendar\s+)?(?P<p1>quarters?|years?|months?|fiscal\s+quarters?|fiscal\s+years?)"
          r"|(?:each|the|its)?\s*(?:fiscal\s+|calendar\s+)?(?P<p2>quarter|year|month)[- ]end)")
REPORT_RE = re.compile(
    rf"(?i)\b(?:within|not\s+later\s+than|no\s+later\s+than|in\s+no\s+event\s+later\s+than|on\s+or\s+before\s+the\s+date\s+"
    rf"which\s+is)\s+{DAYS}\s+(?:after|following|from)\s+(?:and\s+as\s+of\s+)?{PERIOD}"
)
DELIVERY = re.compile(r"(?i)\b(?:deliver|furnish|provide|submit|send)\w*\b")
COMPLIANCE = re.compile(r"(?i)compliance\s+certificate|certificate[^.;]{0,200}?(?:compliance|no\s+(?:Default|Event\s+of"
                        r"\s+Default)|observed\s+or\s+performed|covenants)")
STATEMENTS = re.compile(r"(?i)financial\s+statements?|balance\s+sheets?|statements?\s+of\s+(?:income|operations|cash\s+flows?)|"
                        r"income\s+statements?")
NOTICE_OF_DEFAULT = re.compile(
    rf"(?i)\b(?P<lead>promptly|prompt|forthwith|immediately|within\s+{DAYS})\b(?P<body>(?:(?!;\s|\n\s*\n)[^.]){{0,400}}?)"
    r"(?:(?:occurrence|existence)\s+of\s+(?:any|a|an)\s+(?-i:Default|Event\s+of\s+Default)|knowledge[^.]{0,200}?"
    r"\b(?-i:Default|Event\s+of\s+Default)\b)(?![^.;]{0,20}\bunder\s+(?:the|any)\s+(?!this\b)[A-Z])"
)
OBLIGOR = re.compile(r"\b(?:the\s+)?(Borrower|Company|Issuer|Debtor|Obligor|Guarantor|Grantor|Parent|Maker|Credit\s+Parties|"
                     r"Loan\s+Parties|Borrowers)\s+(?:shall|will|agrees|covenants)\b")

METRIC_NOUN = (r"(?:Ratio|Net\s+Worth|EBITDA|EBITDAR|Liquidity|Working\s+Capital|Capital|Indebtedness|Debt|Leverage|Coverage|"
               r"Income|Profit|Loss|Cash|Assets|Liabilities|Capital\s+Expenditures|Equity)")
TITLE_WORD = r"(?:[A-Z][\w\-’']*|to|of|and|for|by|divided\s+by|the)"
METRIC = (rf"(?P<metric>(?:[Rr]atio\s+of\s+)?(?!(?:If|When|Whether|Unless|The|Such|Its|Each|Any|No|This|That|For|In|At|As|On|"
          rf"Where|While|Until|So)\b)[A-Z][\w\-’']*(?:\s+{TITLE_WORD}){{0,10}}?\s+{METRIC_NOUN}(?:\s+[Rr]atio)?)")
COMPARISONS: tuple[tuple[str, str], ...] = (
    (r"not\s+(?:be\s+)?less\s+than|no\s+less\s+than|at\s+least|greater\s+than\s+or\s+equal\s+to|a\s+minimum\s+of|"
     r"equal\s+to\s+or\s+greater\s+than|not\s+(?:to\s+)?(?:be\s+)?(?:fall\s+)?below", "at_least"),
    (r"not\s+(?:be\s+)?(?:more|greater)\s+than|no\s+(?:more|greater)\s+than|not\s+(?:to\s+)?exceed|less\s+than\s+or\s+equal\s+"
     r"to|a\s+maximum\s+of|equal\s+to\s+or\s+less\s+than", "not_more_than"),
)
COMPARISON = "|".join(f"(?:{words})" for words, _ in COMPARISONS)
RATIO = r"(?P<ratio>\d{0,2}\.?\d{1,4})\s*(?:to|:)\s*1(?:\.0{1,2})?\b"
AMOUNT = r"\$\s?(?P<amount>\d{1,3}(?:,\d{3})+(?:\.\d{2})?|\d+(?:\.\d{2})?)(?!\s*(?:million|billion))"
AMOUNT_WORDS = r"\$\s?(?P<millions>\d{1,4}(?:\.\d{1,3})?)\s+(?P<scale>million|billion)"
PERCENT = r"(?P<percent>\d{1,3}(?:\.\d{1,2})?)\s?%"
FIGURE = rf"(?:{RATIO}|{AMOUNT_WORDS}|{AMOUNT}|{PERCENT})"
FINANCIAL_RE = re.compile(
    rf"{METRIC}\s*(?:\([^)]{{0,60}}\)\s*)?(?:,\s*)?(?:of\s+|shall\s+(?:at\s+all\s+times\s+)?be\s+|is\s+)?(?P<cmp>{COMPARISON})\s+{FIGURE}"
)
NOT_PERMIT_RE = re.compile(
    rf"(?i:(?:shall|will)\s+not\s+(?:permit|allow|suffer)\s+(?:the\s+)?){METRIC}\s+"
    rf"(?:\([^)]{{0,60}}\)\s*)?(?:(?:as\s+of|at|for)\s+[^,.;]{{0,80}}?\s+)?(?:to\s+)?(?P<cmp2>(?i:exceed|be\s+(?:greater|more)\s+than|"
    rf"be\s+less\s+than))\s+{FIGURE}",
)
OBLIGATION = re.compile(r"(?i)\bmaintain|\b(?:shall|will)\s+not\s+(?:permit|allow|suffer)|\bfinancial\s+(?:covenants?|condition|"
                        r"tests?|ratios?)\b|\bshall\s+(?:at\s+all\s+times\s+)?(?:have|be)\b")
CONDITIONAL = re.compile(r"(?i)\b(?:if|when|whether|unless|provided\s+that|in\s+the\s+event|such\s+that|for\s+which|"
                         r"applicable\s+margin|pricing|level)\b[^.;]{0,120}$")
FORMULA_AFTER = re.compile(r"(?i)^\s*(?:plus|minus|less|\+|multiplied|times|the\s+sum|of\s+(?:the|its)\s+)")
FREQUENCIES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i)\bquarterly\b|fiscal\s+quarter[- ]end|(?:end|last\s+day)\s+of\s+(?:each|any|every)\s+(?:fiscal\s+)?quarter|"
                r"each\s+(?:fiscal\s+)?quarter\b|four[- ](?:fiscal[- ])?quarter|quarter[- ]end"), "quarterly"),
    (re.compile(r"(?i)\bmonthly\b|month[- ]end|(?:end|last\s+day)\s+of\s+(?:each|any|every)\s+(?:fiscal\s+)?month|each\s+(?:fiscal\s+)?"
                r"month\b"), "monthly"),
    (re.compile(r"(?i)\bannually\b|year[- ]end|(?:end|last\s+day)\s+of\s+(?:each|any|every)\s+(?:fiscal\s+)?year|each\s+fiscal\s+"
                r"year\b"), "annually"),
)


def _words(text: str) -> str:
    return " ".join(text.split())


def _days(m: re.Match[str]) -> int | None:
    if m.group("n") or m.group("n2"):
        return int(m.group("n") or m.group("n2"))
    word = (m.group("w2") or "").lower()
    return _WORD_NUMBERS.get(word)


def _trigger(m: re.Match[str]) -> str:
    noun = (m.group("p1") or m.group("p2") or "").lower()
    if "quarter" in noun and re.search(r"(?i)calendar\s+quarter", m.group(0)):
        return "calendar_quarter_end"
    return "fiscal_quarter_end" if "quarter" in noun else "fiscal_year_end" if "year" in noun else "month_end"


def _item(text: str, offset: int) -> tuple[int, int]:
    """The list item or sentence holding `offset`: back to "(a)"/"(ii)" at a line start, a blank line or a
    sentence end; forward to the next such item, a blank line followed by one, or a sentence end."""
    window = text[max(0, offset - 800):offset]
    starts = [m.end() for m in re.finditer(r"(?:\n[ \t]*(?=\(?(?:[a-z]{1,2}|[ivxl]{1,5}|\d{1,2})[.)]\s)|\.\s+(?=[A-Z(])|"
                                           r"\n\s*\n|;\s+(?=\(?(?:[a-z]{1,2}|[ivxl]{1,5}|\d{1,2})\)\s)|:\s*\n)", window)]
    start = max(0, offset - 800) + (starts[-1] if starts else 0)
    ahead = text[offset:offset + 1500]
    stop = re.search(r";\s*(?:and|or)?\s*\n|\n\s*\(?(?:[a-z]{1,2}|[ivxl]{1,5}|\d{1,2})[.)]\s|\.(?:\s*\n|\s+[A-Z])|"
                     r"\n\s*\n\s*\n|;\s+(?:and\s+)?\(?(?:[a-z]{1,2}|[ivxl]{1,5})\)\s", ahead)
    return start, offset + (stop.start() + 1 if stop else len(ahead))


def _letter(text: str, start: int) -> str:
    m = re.match(r"\s*\(?([a-z]{1,2}|[ivxl]{1,5}|\d{1,2})[.)]\s", text[start:start + 12])
    return f"({m.group(1)})" if m else ""


def _clause(section: str | None, letter: str) -> str | None:
    if not section:
        return letter or None
    return section if not letter or section.endswith(letter) else f"{section}{letter}"


def _lead(text: str, start: int) -> str:
    """The words introducing a list ("Borrower shall deliver to Lender:"), up to 1,200 characters back."""
    window = text[max(0, start - 1200):start]
    colon = window.rfind(":")
    if colon < 0:
        return ""
    line_start = max(window.rfind(".", 0, colon), window.rfind("\n\n", 0, colon))
    return window[line_start + 1:colon + 1]


def _obligor(where: str) -> str | None:
    m = OBLIGOR.search(where)
    return _words(m.group(1)) if m else None


def reporting_find(text: str, section_at: Callable[[int], str | None]) -> list[tuple[Json, int, int]]:
    out: list[tuple[Json, int, int]] = []
    for m in REPORT_RE.finditer(text):
        start, end = _item(text, m.start())
        if any(s <= m.start() < e for _, s, e in out):
            continue
        item = text[start:end]
        lead = _lead(text, start) if not DELIVERY.search(item) else ""
        if not DELIVERY.search(item + lead) or not (STATEMENTS.search(item) or COMPLIANCE.search(item) or re.search(
                r"(?i)\breports?\b|\binformation\b|\bbudget|\bprojections", item)) or re.search(r"(?i)\bpa(?:y|id)\b", item[:80]):
            continue
        days, trigger = _days(m), _trigger(m)
        if days is None:
            continue
        value: Json = {"kind": "reporting", "days": days, "business_days": bool(m.group("b")), "trigger": trigger,
                       "year_end_days": None, "audited": bool(re.search(r"(?i)\baudited\b", item)),
                       "first_three_quarters": bool(re.search(r"(?i)first\s+three\s+(?:fiscal\s+)?quarters", m.group(0))),
                       "deliverable": _deliverable(_what(item, m)), "delivers": _what(item, m),
                       "party": _obligor(item) or _obligor(lead), "clause": _clause(section_at(start), _letter(text, start)),
                       "text": _words(item)[:2000]}
        if trigger in ("fiscal_quarter_end", "calendar_quarter_end"):
            year = [y for y in REPORT_RE.finditer(item, m.end() - start) if _trigger(y) == "fiscal_year_end"]
            value["year_end_days"] = _days(year[0]) if year else None
        out.append((value, start, end))
    return out + _notices_of_default(text, section_at, out)


def _deliverable(delivers: str) -> str:
    words = _unbracketed(delivers)
    if COMPLIANCE.search(words) and not STATEMENTS.search(words[:60]):
        return "compliance_certificate"
    return "financial_statements" if STATEMENTS.search(words) else "other"


def _what(item: str, m: re.Match[str]) -> str:
    """What is delivered, in the item's own words: before the period words ("Financial Statements for
    its fiscal year, within 90 days ...") or else after them ("Within 45 days ..., a balance sheet")."""
    periods = list(REPORT_RE.finditer(item, m.start() - m.start()))
    pre = item[:periods[0].start()] if periods else ""
    pre = re.sub(r"^\s*\(?(?:[a-z]{1,2}|[ivxl]{1,5}|\d{1,2})[.)]\s*", "", pre)
    pre = re.sub(r"^(?:[A-Z][\w,’' ]{0,60}\.\s+)", "", _words(pre))
    pre = re.sub(r"(?i)(?:,?\s*(?:as\s+soon\s+as\s+available|but\s+in\s+any\s+event|and\s+in\s+any\s+event|in\s+any\s+event|"
                 r"and|but))+\s*,?\s*$", "", pre).strip(" ,;:.")
    if len(pre) > 10 and not re.fullmatch(r"(?i)(?:[A-Z][\w ]{0,40}\.\s*)?(?:as\s+soon\s+as\s+available.*)?", pre):
        return pre[:300]
    post = _words(item[periods[-1].end():]) if periods else _words(item)
    post = re.sub(r"^[,\s]*(?:(?i:(?:of\s+each|in\s+any|in\s+each)\s+fiscal\s+year|thereafter)|of\s+(?:the\s+)?[A-Z][\w\-]*"
                  r"(?:\s+[A-Z][\w\-]*)*|of\s+such\s+\w+)?[,\s]*", "", post)
    return post.strip(" ,;:.")[:300]


def _unbracketed(text: str) -> str:
    return re.sub(r"\([^)]{0,300}\)", " ", text)


def _notices_of_default(text: str, section_at: Callable[[int], str | None],
                        found: list[tuple[Json, int, int]]) -> list[tuple[Json, int, int]]:
    out: list[tuple[Json, int, int]] = []
    for m in NOTICE_OF_DEFAULT.finditer(text):
        start, end = _item(text, m.start())
        end = max(end, m.end())
        item = text[start:end]
        if (any(s <= m.start() < e for _, s, e in found + out) or not _gives_notice(_lead(text, start), item)
                or re.search(r"(?i)\b(?:Lender|Bank|Agent|Holder|Purchaser|Secured\s+Party)s?\s+(?:shall|will|may)\b",
                             text[max(start, m.start() - 80):m.start()])):
            continue
        lead = m.group("lead")
        days_m = re.search(DAYS, m.group(0), re.I)
        value: Json = {"kind": "reporting", "days": _days(days_m) if days_m else None,
                       "business_days": bool(days_m and days_m.group("b")), "trigger": "default", "year_end_days": None,
                       "audited": False, "deliverable": "notice_of_default",
                       "delivers": "Notice of any Default or Event of Default",
                       "promptly": bool(re.match(r"(?i)prompt|forthwith|immediately", lead)),
                       "party": _obligor(item) or _obligor(_lead(text, start)),
                       "clause": _clause(section_at(start), _letter(text, start)), "text": _words(item)[:2000]}
        out.append((value, start, end))
    return out


def _gives_notice(lead: str, item: str) -> bool:
    """The item obliges someone to tell of the default: a delivery verb with a notice or certificate
    (the verb may be in the list's lead, "Borrower shall deliver to Lender:")."""
    verb = r"(?i)\b(?:give|deliver|furnish|provide|notify|send)\w*\b"
    thing = r"(?i)\bnotice\b|\bnotify\b|\bcertificate\b|\bstatement\b"
    return bool(re.search(verb + r"[^.]{0,200}?(?:" + thing[4:] + ")", item) or re.search(r"(?i)\bnotify\b", item)
                or (re.search(verb, lead) and re.search(thing, item)))


def _figure(m: re.Match[str]) -> tuple[Decimal, str] | None:
    try:
        if m.group("ratio"):
            return Decimal(m.group("ratio")), "ratio"
        if m.group("millions"):
            scale = Decimal(1_000_000) if m.group("scale").lower() == "million" else Decimal(1_000_000_000)
            return Decimal(m.group("millions")) * scale, "amount"
        if m.group("amount"):
            return Decimal(m.group("amount").replace(",", "")), "amount"
        if m.group("percent"):
            return Decimal(m.group("percent")), "percent"
    except InvalidOperation:
        return None
    return None


def _operator(m: re.Match[str]) -> str:
    if "cmp2" in m.re.groupindex:
        # "shall not permit X to exceed 3.00": X must be not more than 3.00; "... to be less than 1.25": at least 1.25.
        return "at_least" if re.search(r"(?i)less", m.group("cmp2")) else "not_more_than"
    words = m.group("cmp")
    return next(code for pattern, code in COMPARISONS if re.fullmatch(pattern, words, re.I | re.S))


def financial_find(text: str, section_at: Callable[[int], str | None]) -> list[tuple[Json, int, int]]:
    out: list[tuple[Json, int, int]] = []
    matches = sorted([*FINANCIAL_RE.finditer(text), *NOT_PERMIT_RE.finditer(text)], key=lambda m: m.start())
    for m in matches:
        start, end = _item(text, m.start())
        if any(s <= m.start() < e for _, s, e in out):
            continue
        before = text[max(start, m.start() - 200):m.start()]
        context = text[max(0, start - 600):end]
        figure = _figure(m)
        metric = _words(m.group("metric"))
        if (figure is None or CONDITIONAL.search(before) or FORMULA_AFTER.search(text[m.end():m.end() + 40])
                or not OBLIGATION.search(context) or re.search(r"[\"“]\s*$", text[max(0, m.start() - 2):m.start()])
                or re.match(r"(?i)(?:the\s+)?(?:sum|aggregate|amount)\b", metric)
                or re.search(r"[\"”]\s*(?:shall\s+)?means?\b", text[start:m.start()])):
            continue
        threshold, unit = figure
        tail = text[m.end():end]
        said = text[max(start, m.start() - 200):m.start()] + " " + tail[:300]
        frequency = next((code for pattern, code in FREQUENCIES if pattern.search(said)), None)
        value: Json = {"kind": "financial", "metric": re.sub(r"^ratio\b", "Ratio", metric),
                       "operator": _operator(m), "threshold": format(threshold.normalize(), "f"), "unit": unit,
                       "frequency": frequency, "basis": _basis(tail), "party": _obligor(text[start:m.start()])
                       or _obligor(_lead(text, start)), "clause": _clause(section_at(start), _letter(text, start)),
                       "text": _words(text[start:end])[:2000]}
        value["comparison"] = "min" if value["operator"] in ("at_least", "more_than") else "max"
        out.append((value, start, end))
    return out


def _basis(tail: str) -> str:
    m = re.search(r"(?i)(?:on\s+a\s+)?(trailing\s+(?:four|twelve|4|12)[- ](?:fiscal[- ])?(?:quarter|month)s?(?:\s+basis)?|"
                  r"(?:for\s+the\s+)?(?:period\s+of\s+)?four\s+consecutive\s+fiscal\s+quarters)", tail[:300])
    return _words(m.group(1)) if m else ""


# An Events of Default clause restates covenants as breaches ("fails to deliver ... within 10 days"): its
# periods are grace periods and its figures repeat a test stated elsewhere, so it proposes none.
DEFAULT_HEADING = re.compile(r"(?i)events?\s+of\s+default|\bdefaults?\b|\bremedies\b")
BREACH_WORDS = re.compile(r"(?i)\bfail(?:s|ed|ure)?\s+(?:to|of|in)\b|\bdefault\s+in\s+the\s+(?:performance|observance)|"
                          r"\bbreach(?:es)?\b")


def _in_default_clause(headings: str) -> bool:
    return bool(DEFAULT_HEADING.search(headings)) and not re.search(
        r"(?i)notice|notif|report|certificate|covenant|information|deliver", headings)


def covenants_find(text: str, section_at: Callable[[int], str | None],
                   heading_at: Callable[[int], str] = lambda offset: "") -> list[tuple[Json, int, int]]:
    """Reporting covenants then financial covenants, each (value, start, end), in the order of the text."""
    rows = reporting_find(text, section_at) + financial_find(text, section_at)
    kept = [row for row in rows if not _in_default_clause(heading_at(row[1]))
            and not BREACH_WORDS.search(row[0]["text"][:300])]
    return sorted(kept, key=lambda row: row[1])
