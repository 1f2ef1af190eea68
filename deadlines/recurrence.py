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
