"""A covenant's fiscal periods: counted from the covenanting party's fiscal year end (31 December
when none is recorded) by `deadlines.recurrence`, the n-th period from the year end, never by
stepping from the previous one."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from deadlines.models import FiscalYearEnd
from deadlines.recurrence import PERIOD_MONTHS, fiscal_occurrence_date, period_date, periods_between

if TYPE_CHECKING:
    from covenants.models import Covenant

# A century of monthly periods: no covenant is tested longer; a bound on any loop below.
MAX_PERIODS = 1200


def period_key(period_end: date) -> str:
    return f"period:{period_end.isoformat()}"


@dataclass(frozen=True)
class Schedule:
    year_end: date  # a fiscal year end on or before the first period end: period 0
    months: int
    frequency: str
    first_n: int | None  # None: the first period end is not one of the party's period ends
    year_end_words: str

    def period_end(self, n: int) -> date:
        return period_date(self.year_end, months=self.months, n=n)

    def periods(self, *, days_after: int, year_end_days_after: int | None, until: date) -> Iterator[tuple[date, date]]:
        """(period end, nominal due date) from the first period to the last ending on or before `until`."""
        if self.first_n is None:
            return
        elapsed = (until.year - self.year_end.year) * 12 + until.month - self.year_end.month
        last_n = min(elapsed // self.months, self.first_n + MAX_PERIODS)
        if self.period_end(last_n) > until:
            last_n -= 1
        for n in range(self.first_n, last_n + 1):
            due = fiscal_occurrence_date(self.year_end, recurrence=self.frequency, n=n, days_after=days_after,
                                         year_end_days_after=year_end_days_after)
            assert due is not None
            yield self.period_end(n), due


def schedule_for(covenant: "Covenant") -> Schedule:
    assert covenant.first_period_end is not None  # validated before any schedule is asked for
    first, frequency = covenant.first_period_end, covenant.frequency
    fiscal = FiscalYearEnd.objects.filter(party_id=covenant.party_id).first() or FiscalYearEnd(month=12, day=31)
    months = PERIOD_MONTHS[frequency]
    year_end = fiscal.year_end_on_or_before(first)
    words = f"{fiscal.day} {fiscal.get_month_display()}" + ("" if fiscal.pk else " (none recorded; 31 December assumed)")
    return Schedule(year_end, months, frequency, periods_between(year_end, first, months=months), words)


def next_period_end(schedule: Schedule, after: date) -> date | None:
    """The first period end of the schedule on or after `after` (computed, not stepped to)."""
    if schedule.first_n is None:
        return None
    elapsed = (after.year - schedule.year_end.year) * 12 + after.month - schedule.year_end.month
    n = max(schedule.first_n, elapsed // schedule.months)
    while schedule.period_end(n) < after:  # at most two steps: n is within one period of the answer
        n += 1
    return schedule.period_end(n)
