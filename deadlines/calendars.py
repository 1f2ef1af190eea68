"""Business days against dated holiday calendars (the `holidays` package).

`NY_BANKS` is the usual "day on which commercial banks in New York City may close": the Federal
Reserve schedule. A holiday on Sunday is observed Monday; a holiday on Saturday has NO Friday
substitute (banks open). Calendars are computed per year, so a 2005 deal uses the 2005 calendar. Every calendar the catalog
knows may be named, alone or several joined by "+" (`NY_BANKS+GB-ENG`: banks in New York and London).
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays

from deadlines import catalog

NY_BANKS = "NY_BANKS"
US_FEDERAL = "US_FEDERAL"
NY_STATE = "NY_STATE"
WEEKENDS = "WEEKENDS"


class Convention:
    NONE = "none"
    FOLLOWING = "following"
    MODIFIED_FOLLOWING = "modified_following"
    PRECEDING = "preceding"

    CHOICES = [
        (NONE, "No adjustment"),
        (FOLLOWING, "Following business day"),
        (MODIFIED_FOLLOWING, "Modified following"),
        (PRECEDING, "Preceding business day"),
    ]


@lru_cache(maxsize=512)
def _holidays(calendar: str, year: int) -> frozenset[date]:
    """The weekdays `calendar` is closed in `year`: one calendar of the catalog, or several joined
    by "+" (closed when any of them is)."""
    if not catalog.is_known(calendar):
        raise ValueError(f"Unknown holiday calendar {calendar!r}")
    return frozenset(catalog.closed_days(calendar, year))


def holiday_name(day: date, calendar: str) -> str | None:
    if not _is_holiday(day, calendar):
        return None
    if calendar in (NY_BANKS, US_FEDERAL, NY_STATE):
        # The U.S. federal names, also for an observed day before the package knew observed days.
        names = holidays.country_holidays("US", years=day.year, observed=True)
        return names.get(day) or names.get(day - timedelta(days=1)) or "Holiday"
    return catalog.closed_days(calendar, day.year).get(day) or "Holiday"


def _is_holiday(day: date, calendar: str) -> bool:
    return day in _holidays(calendar, day.year)


def is_business_day(day: date, calendar: str = NY_BANKS) -> bool:
    return day.weekday() < 5 and not _is_holiday(day, calendar)


def following(day: date, calendar: str = NY_BANKS) -> date:
    while not is_business_day(day, calendar):
        day += timedelta(days=1)
    return day


def preceding(day: date, calendar: str = NY_BANKS) -> date:
    while not is_business_day(day, calendar):
        day -= timedelta(days=1)
    return day


def roll(day: date, convention: str, calendar: str = NY_BANKS) -> date:
    """Move a nominal date to a business day by the convention (ISDA-style definitions)."""
    if convention == Convention.NONE:
        return day
    if convention == Convention.FOLLOWING:
        return following(day, calendar)
    if convention == Convention.PRECEDING:
        return preceding(day, calendar)
    if convention == Convention.MODIFIED_FOLLOWING:
        rolled = following(day, calendar)
        return rolled if rolled.month == day.month else preceding(day, calendar)
    raise ValueError(f"Unknown business-day convention {convention!r}")


def add_business_days(day: date, count: int, calendar: str = NY_BANKS) -> date:
    """`count` business days after `day` (before it when negative); `day` itself never counts."""
    step = timedelta(days=1 if count >= 0 else -1)
    remaining = abs(count)
    while remaining:
        day += step
        if is_business_day(day, calendar):
            remaining -= 1
    return day


def add_days(day: date, count: int, *, business: bool, calendar: str = NY_BANKS) -> date:
    return add_business_days(day, count, calendar) if business else day + timedelta(days=count)
