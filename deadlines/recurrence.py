"""Occurrences of a recurring deadline, each computed from the series' anchor, never from the
previous occurrence (stepping from the previous one drifts: 31 Mar -> 30 Jun -> 30 Sep -> 30 Dec).

Occurrence n is anchor + n periods; when the anchor is the last day of its month, every
occurrence is the last day of its month (31 Mar, 30 Jun, 30 Sep, 31 Dec, 31 Mar...). A series due
"30 days after each month end" anchors at a month end and adds `days_after` to each period date.
Computed by calendar arithmetic on months, never by walking days.
"""

import calendar
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

PERIOD_MONTHS = {"monthly": 1, "quarterly": 3, "annually": 12}


def is_month_end(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def period_date(anchor: date, *, months: int, n: int) -> date:
    """The n-th period date of a series (n = 0 is the anchor)."""
    moved = anchor + relativedelta(months=months * n)
    if is_month_end(anchor):
        return moved.replace(day=calendar.monthrange(moved.year, moved.month)[1])
    return moved


def occurrence_date(anchor: date, *, recurrence: str, n: int, days_after: int = 0) -> date | None:
    """The nominal due date of occurrence n, or None when the recurrence does not repeat."""
    months = PERIOD_MONTHS.get(recurrence)
    if months is None:
        return None
    return period_date(anchor, months=months, n=n) + timedelta(days=days_after)


def fiscal_occurrence_date(
    year_end: date, *, recurrence: str, n: int, days_after: int, year_end_days_after: int | None
) -> date | None:
    """Occurrence n of a series counted from a fiscal year end (n = 0 is that year end): due
    `days_after` days after each period end, or `year_end_days_after` when the period end is a
    fiscal year end ("45 days after each of the first three fiscal quarters, 90 after the year")."""
    months = PERIOD_MONTHS.get(recurrence)
    if months is None:
        return None
    is_year_end = (n * months) % 12 == 0
    days = year_end_days_after if is_year_end and year_end_days_after is not None else days_after
    return period_date(year_end, months=months, n=n) + timedelta(days=days)


def periods_between(anchor: date, day: date, *, months: int) -> int | None:
    """n such that period n of a series from `anchor` falls on `day`, or None when `day` is not one
    of its period dates. Computed from the month difference, never by stepping through periods."""
    elapsed = (day.year - anchor.year) * 12 + day.month - anchor.month
    if elapsed < 0 or elapsed % months:
        return None
    n = elapsed // months
    return n if period_date(anchor, months=months, n=n) == day else None
