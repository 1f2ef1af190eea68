"""UCC Article 9 date rules for financing statements, as pure functions.

Conventions (each a choice made where the statute leaves the arithmetic open; documented so a
reviewer can disagree in one place):

- Lapse date (9-515(a): "effective for a period of five years after the date of filing"): the
  same month and day five years after the filing date. The statement is still effective ON the
  lapse date and lapses at the end of it (the IACA Model Administrative Rules and filing offices
  such as Colorado's accept a continuation until 11:59 p.m. on the lapse date).
- A filing on February 29 lapses on February 28 when the fifth year is not a leap year: this is
  what `dateutil.relativedelta(years=5)` does (it clips to the month's last day), and it is the
  IACA rule "if there is no such corresponding date, the last day of that month".
- Continuation window (9-515(d): "only within six months before the expiration of the five-year
  period"): opens on the lapse date minus six months (same day of the month; clipped to the
  month's last day, e.g. lapse Aug 31 -> opens Feb 28) and closes ON the lapse date, both days
  included. A continuation the day before the window opens is refused; on its first day accepted.
- After a continuation the new lapse date is the previous lapse date plus five years (9-515(e)),
  repeatable; the new window follows from it.
- Termination on payoff (9-513(c)): within 20 days after the secured party receives the debtor's
  authenticated demand. Until counsel records a demand date Covenant counts the 20 days from the
  payoff date (the earliest a demand could come), so the obligation is never later than the law's.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

EFFECTIVE_YEARS = 5
WINDOW_MONTHS = 6
TERMINATION_DAYS = 20

CONTINUATION_TOO_EARLY = (
    "A continuation statement may be filed only within six months before the financing statement "
    "lapses (UCC 9-515(d)): the window opens on {opens:%B %-d, %Y}; a continuation filed earlier "
    "is ineffective."
)
CONTINUATION_AFTER_LAPSE = (
    "The financing statement lapsed at the end of {lapse:%B %-d, %Y} (UCC 9-515(c)); a continuation "
    "is effective only within the six months before lapse (9-515(d)). File a new UCC-1 instead."
)


@dataclass(frozen=True)
class Window:
    opens: date
    closes: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.opens <= day <= self.closes


def lapse_date(filing_date: date) -> date:
    """Five years after filing, same month and day (9-515(a)); Feb 29 -> Feb 28 in a common year."""
    return filing_date + relativedelta(years=EFFECTIVE_YEARS)


def continued_lapse_date(previous_lapse: date) -> date:
    """After a timely continuation: five more years from the previous lapse date (9-515(e))."""
    return previous_lapse + relativedelta(years=EFFECTIVE_YEARS)


def continuation_window(lapse: date) -> Window:
    """The six months before lapse (9-515(d)), both ends included."""
    return Window(opens=lapse - relativedelta(months=WINDOW_MONTHS), closes=lapse)


def continuation_refusal(*, lapse: date, filed_on: date) -> str | None:
    """Why a continuation filed on `filed_on` would be ineffective, or None if it is timely."""
    window = continuation_window(lapse)
    if filed_on < window.opens:
        return CONTINUATION_TOO_EARLY.format(opens=window.opens)
    if filed_on > window.closes:
        return CONTINUATION_AFTER_LAPSE.format(lapse=lapse)
    return None


def termination_due(*, paid_off_on: date, demand_on: date | None) -> date:
    """20 days after the authenticated demand (9-513(c)); from the payoff until a demand is recorded."""
    return (demand_on or paid_off_on) + timedelta(days=TERMINATION_DAYS)


def is_lapsed(lapse: date, today: date) -> bool:
    return today > lapse


def status_on(*, stored: str, lapse: date, today: date) -> str:
    """The status as of `today`: a statement past its lapse date is lapsed whether or not the daily
    sweep has run (9-515(c)); a termination stays a termination."""
    if stored == "terminated":
        return stored
    return "lapsed" if is_lapsed(lapse, today) else "active"
