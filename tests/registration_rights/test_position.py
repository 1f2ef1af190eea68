import tracemalloc
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

from registration_rights.position import Terms, position

TERMS = Terms(closing_date=date(2026, 1, 5), purchase_price=Decimal("500500.00"), filing_days=30, filing_date=None,
              effectiveness_days=90, effectiveness_days_if_reviewed=None, counted_from_filing=False,
              convention="following", rate=Decimal("1"), period_days=30, cap=Decimal("10"),
              suspension_days_per_period=20, suspension_days_per_year=30)
EVENTS = [SimpleNamespace(kind=kind, date=day) for kind, day in (
    ("filed", date(2026, 1, 20)), ("effective", date(2026, 3, 2)), ("suspended", date(2026, 5, 1)),
    ("resumed", date(2026, 5, 11)), ("suspended", date(2026, 6, 1)))]


def test_an_open_suspension_to_the_last_representable_day_is_counted_by_intervals_in_little_memory():
    as_of = date.max - timedelta(days=1)
    tracemalloc.start()
    result = position(TERMS, EVENTS, as_of, "NY_BANKS")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    suspended = 10 + (as_of - date(2026, 6, 1)).days + 1
    assert (result.suspended_days, result.suspension_days_in_excess) == (suspended, suspended - 30)
    assert result.default_began == date(2026, 6, 21)
    assert peak < 1_000_000


def test_yearly_excess_follows_the_window_as_it_moves_past_an_old_suspension():
    events = [*EVENTS[:4], SimpleNamespace(kind="suspended", date=date(2027, 4, 26)),
              SimpleNamespace(kind="resumed", date=date(2027, 5, 21))]
    result = position(TERMS, events, date(2027, 12, 31), "NY_BANKS")
    # May 1-10, 2026 leave the 365-day window on May 1-10, 2027: Apr 26-30 (5) + May 1-20 (20) = 25
    # suspended in the window at most, under 30; per suspension, May 16-20 are beyond 20.
    assert (result.suspended_days, result.suspension_days_in_excess) == (35, 5)
