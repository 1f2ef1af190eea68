"""Dates that do not exist ("February 30, 2005", "the 31st day of April, 2005", "2/30/2005")
and weekdays that do not match their date ("Monday, May 18, 2005" was a Wednesday)."""

import calendar
import re
from collections.abc import Iterator
from datetime import date

from documents.proofreading import Finding, words

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?:,?\s+(?P<year>(?:1[89]|20)\d{2}))?"
WEEKDAYS = [name.lower() for name in calendar.day_name]
WEEKDAY = r"(?:(?P<weekday>" + "|".join(WEEKDAYS) + r"),?\s+(?:the\s+)?)?"
MONTH_FIRST = re.compile(rf"\b{WEEKDAY}{MONTH}\s+{DAY}\b{YEAR}(?!\s*[,]?\s*\d)", re.IGNORECASE)
DAY_FIRST = re.compile(rf"(?<![\d.,$])\b{WEEKDAY}{DAY}\s+(?:day\s+of\s+)?{MONTH}\b{YEAR}", re.IGNORECASE)
NUMERIC = re.compile(r"(?<![\d/.-])(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>(?:19|20)\d{2})(?![\d/])")
NO_SUCH_DATE = "{month} has no day {day}{year}."
WRONG_WEEKDAY = "{when} was a {actual}, not a {said}."


def _month_number(value: str) -> int:
    return int(value) if value.isdigit() else MONTHS[value.lower()]


def _check(match: re.Match[str]) -> Finding | None:
    month, day = _month_number(match.group("month")), int(match.group("day"))
    year_text = match.group("year")
    year = int(year_text) if year_text else 2000  # a leap year: "February 29" without a year exists
    shown = words(match.group(0))
    if not 1 <= month <= 12:
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        suffix = f" in {year_text}" if year_text else ""
        message = NO_SUCH_DATE.format(month=calendar.month_name[month], day=day, year=suffix)
        return Finding("impossible_date", match.start(), match.end(), shown, message)
    said = (match.groupdict().get("weekday") or "").lower()
    if said and year_text:
        actual = calendar.day_name[date(year, month, day).weekday()]
        if actual.lower() != said:
            when = f"{calendar.month_name[month]} {day}, {year}"
            message = WRONG_WEEKDAY.format(when=when, actual=actual, said=said.capitalize())
            return Finding("weekday_mismatch", match.start(), match.end(), shown, message)
    return None


def date_findings(text: str) -> Iterator[Finding]:
    for pattern in (MONTH_FIRST, DAY_FIRST, NUMERIC):
        for match in pattern.finditer(text):
            if match.group("month").lower() in ("may", "mar") and match.group("month")[0].islower():
                continue  # "may 30 days" is a verb; only the capitalized month counts
            finding = _check(match)
            if finding is not None:
                yield finding
