import tracemalloc
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest

from registration_rights.position import FORMULA, Terms, position

TERMS = Terms(closing_date=date(2026, 1, 5), purchase_price=Decimal("500500.00"), filing_days=30, filing_date=None,
              effectiveness_days=90, effectiveness_days_if_reviewed=None, counted_from_filing=False,
              convention="following", rate=Decimal("1"), period_days=30, cap=Decimal("10"),
              suspension_days_per_period=20, suspension_days_per_year=30)
EVENTS = [SimpleNamespace(kind=kind, date=day) for kind, day in (
    ("filed", date(2026, 1, 20)), ("effective", date(2026, 3, 2)), ("suspended", date(2026, 5, 1)),
    ("resumed", date(2026, 5, 11)), ("suspended", date(2026, 6, 1)))]


def test_an_open_suspension_to_the_last_representable_day_is_counted_by_intervals_in_little_memory():
    as_of = date.max - timedelta(days=1)
    position(TERMS, EVENTS, date(2026, 12, 31), "NY_BANKS")  # loads the 2026 holiday calendar outside the measure
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


def event(kind, day):
    return SimpleNamespace(kind=kind, date=day)


# Closing Monday Jan 5, 2026: filing due 30 days later, Wednesday Feb 4; effectiveness 90 days later
# falls on Sunday Apr 5 and rolls to Monday Apr 6. 1% of $500,500 per 30 days is $166.83 a day
# after rounding; the 10% cap is $50,050.00.
PLAIN = replace(TERMS, suspension_days_per_period=None, suspension_days_per_year=None)


def test_nothing_is_in_default_on_the_filing_deadline_and_one_day_is_the_day_after():
    on_deadline = position(PLAIN, [], date(2026, 2, 4), "NY_BANKS")
    assert (on_deadline.filing_deadline, on_deadline.effectiveness_deadline) == (date(2026, 2, 4), date(2026, 4, 6))
    assert (on_deadline.days_in_default, on_deadline.default_began) == (0, None)
    assert on_deadline.liquidated_damages_accrued == Decimal("0.00")
    day_after = position(PLAIN, [], date(2026, 2, 5), "NY_BANKS")
    assert (day_after.days_in_default, day_after.default_began) == (1, date(2026, 2, 5))
    assert day_after.liquidated_damages_accrued == Decimal("166.83")
    assert (day_after.cap_amount, day_after.cap_remaining) == (Decimal("50050.00"), Decimal("49883.17"))
    assert day_after.as_of == date(2026, 2, 5)
    assert day_after.formula == FORMULA


def test_a_late_filing_counts_the_days_after_the_deadline_through_the_filing_day():
    result = position(PLAIN, [event("filed", date(2026, 2, 10))], date(2026, 3, 1), "NY_BANKS")
    assert result.filed_on == date(2026, 2, 10)
    assert (result.days_in_default, result.default_began) == (6, date(2026, 2, 5))
    assert result.filing_days_late == 6
    assert result.liquidated_damages_accrued == Decimal("1001.00")


def test_a_filing_on_time_is_zero_days_late_and_no_default():
    result = position(PLAIN, [event("filed", date(2026, 2, 3))], date(2026, 3, 1), "NY_BANKS")
    assert (result.filing_days_late, result.days_in_default, result.default_began) == (0, 0, None)
    assert position(PLAIN, [], date(2026, 3, 1), "NY_BANKS").filing_days_late == 0


def test_an_event_after_the_as_of_date_is_not_yet_known_and_the_first_of_a_kind_counts():
    events = [event("filed", date(2026, 2, 20)), event("filed", date(2026, 2, 10))]
    assert position(PLAIN, events, date(2026, 2, 9), "NY_BANKS").filed_on is None
    assert position(PLAIN, events, date(2026, 2, 10), "NY_BANKS").filed_on == date(2026, 2, 10)
    assert position(PLAIN, events, date(2026, 3, 1), "NY_BANKS").filed_on == date(2026, 2, 10)


def test_missing_both_deadlines_counts_each_day_once_and_separate_defaults_add_up():
    both_missed = position(PLAIN, [], date(2026, 4, 10), "NY_BANKS")
    # Feb 5..Apr 10: 24 + 31 + 10 days; the effectiveness default from Apr 7 overlaps it.
    assert (both_missed.days_in_default, both_missed.default_began) == (65, date(2026, 2, 5))
    separate = position(PLAIN, [event("filed", date(2026, 2, 10))], date(2026, 4, 10), "NY_BANKS")
    # Feb 5..10 and Apr 7..10.
    assert (separate.days_in_default, separate.default_began) == (10, date(2026, 2, 5))
    assert separate.effectiveness_days_late == 0


def test_going_effective_late_counts_through_the_effective_day_and_reports_the_days_late():
    events = [event("filed", date(2026, 2, 2)), event("effective", date(2026, 4, 9))]
    result = position(PLAIN, events, date(2026, 5, 1), "NY_BANKS")
    assert result.effective_on == date(2026, 4, 9)
    assert (result.days_in_default, result.default_began) == (3, date(2026, 4, 7))
    assert result.effectiveness_days_late == 3


def test_an_agreed_filing_date_rolls_by_the_convention_on_the_matters_calendar():
    terms = replace(PLAIN, filing_date=date(2026, 7, 4), filing_days=None)
    assert position(terms, [], date(2026, 7, 1), "NY_BANKS").filing_deadline == date(2026, 7, 6)
    preceding = replace(terms, convention="preceding")
    # Friday Jul 3, 2026 is a bank business day but the federal Independence Day holiday.
    assert position(preceding, [], date(2026, 7, 1), "NY_BANKS").filing_deadline == date(2026, 7, 3)
    assert position(preceding, [], date(2026, 7, 1), "US_FEDERAL").filing_deadline == date(2026, 7, 2)


def test_deadlines_counted_in_days_roll_on_the_matters_calendar():
    # Closing Dec 1, 2021 + 30 days = Friday Dec 31: a bank business day, a federal holiday.
    terms = replace(PLAIN, closing_date=date(2021, 12, 1), effectiveness_days=30)
    on_banks = position(terms, [], date(2021, 12, 1), "NY_BANKS")
    assert (on_banks.filing_deadline, on_banks.effectiveness_deadline) == (date(2021, 12, 31), date(2021, 12, 31))
    federal = position(terms, [], date(2021, 12, 1), "US_FEDERAL")
    assert (federal.filing_deadline, federal.effectiveness_deadline) == (date(2022, 1, 3), date(2022, 1, 3))


def test_without_a_closing_date_or_day_count_there_is_no_deadline():
    no_closing = position(replace(PLAIN, closing_date=None), [], date(2026, 6, 1), "NY_BANKS")
    assert (no_closing.filing_deadline, no_closing.effectiveness_deadline, no_closing.days_in_default) == (None, None, 0)
    no_counts = position(replace(PLAIN, filing_days=None, effectiveness_days=None), [], date(2026, 6, 1), "NY_BANKS")
    assert (no_counts.filing_deadline, no_counts.effectiveness_deadline, no_counts.days_in_default) == (None, None, 0)


def test_zero_days_is_a_deadline_on_the_closing_date():
    terms = replace(PLAIN, filing_days=0, effectiveness_days=0)
    result = position(terms, [], date(2026, 1, 6), "NY_BANKS")
    assert (result.filing_deadline, result.effectiveness_deadline) == (date(2026, 1, 5), date(2026, 1, 5))
    assert result.days_in_default == 1


def test_effectiveness_counted_from_filing_waits_for_the_filing():
    terms = replace(PLAIN, counted_from_filing=True)
    assert position(terms, [], date(2026, 6, 1), "NY_BANKS").effectiveness_deadline is None
    # Filed Feb 10, 2026 + 90 days = Monday May 11.
    filed = position(terms, [event("filed", date(2026, 2, 10))], date(2026, 6, 1), "NY_BANKS")
    assert filed.effectiveness_deadline == date(2026, 5, 11)


def test_a_review_switches_to_the_longer_period_only_from_the_review_and_only_when_one_is_agreed():
    terms = replace(PLAIN, effectiveness_days_if_reviewed=120)
    reviewed = [event("filed", date(2026, 2, 2)), event("reviewed", date(2026, 3, 2))]
    # Closing + 120 days = Tuesday May 5, 2026.
    after = position(terms, reviewed, date(2026, 3, 2), "NY_BANKS")
    assert (after.reviewed, after.effectiveness_deadline) == (True, date(2026, 5, 5))
    before = position(terms, reviewed, date(2026, 3, 1), "NY_BANKS")
    assert (before.reviewed, before.effectiveness_deadline) == (False, date(2026, 4, 6))
    no_longer_period = position(PLAIN, reviewed, date(2026, 3, 2), "NY_BANKS")
    assert (no_longer_period.reviewed, no_longer_period.effectiveness_deadline) == (True, date(2026, 4, 6))


def test_damages_stop_at_the_cap_and_nothing_remains():
    result = position(replace(PLAIN, rate=Decimal("2")), [], date(2026, 8, 23), "NY_BANKS")
    # Feb 5..Aug 23 is 200 days: 500,500 x 2% x 200 / 30 = 66,733.33, above the cap.
    assert result.days_in_default == 200
    assert (result.liquidated_damages_accrued, result.cap_remaining) == (Decimal("50050.00"), Decimal("0.00"))


def test_without_a_cap_damages_run_on_and_nothing_is_capped():
    result = position(replace(PLAIN, rate=Decimal("2"), cap=None), [], date(2026, 8, 23), "NY_BANKS")
    assert result.liquidated_damages_accrued == Decimal("66733.33")
    assert (result.cap_amount, result.cap_remaining) == (None, None)


@pytest.mark.parametrize("missing", [{"purchase_price": None}, {"rate": None}, {"period_days": None}, {"period_days": 0}])
def test_damages_are_not_computed_without_a_price_a_rate_or_a_period(missing):
    result = position(replace(PLAIN, **missing), [], date(2026, 3, 1), "NY_BANKS")
    assert (result.liquidated_damages_accrued, result.cap_amount, result.cap_remaining) == (None, None, None)
    assert result.days_in_default == 25


def test_damages_and_the_cap_round_half_a_cent_up():
    # $1.00 x 1% x 1 day / 2 = $0.005 -> $0.01; a 0.5% cap of $1.00 is $0.005 -> $0.01.
    terms = replace(PLAIN, purchase_price=Decimal("1.00"), period_days=2, cap=Decimal("0.5"))
    result = position(terms, [], date(2026, 2, 5), "NY_BANKS")
    assert (result.liquidated_damages_accrued, result.cap_amount, result.cap_remaining) == (
        Decimal("0.01"), Decimal("0.01"), Decimal("0.00"))


EFFECTIVE = [event("filed", date(2026, 1, 20)), event("effective", date(2026, 3, 2))]


def test_suspensions_before_effectiveness_and_a_resumption_without_a_suspension_are_not_counted():
    events = [event("suspended", date(2026, 1, 25)), *EFFECTIVE, event("resumed", date(2026, 3, 10)),
              event("suspended", date(2026, 4, 1)), event("suspended", date(2026, 4, 5)), event("resumed", date(2026, 4, 11))]
    result = position(TERMS, events, date(2026, 12, 31), "NY_BANKS")
    # Only Apr 1..10 (the resumption day is not suspended); the second "suspended" is inside it.
    assert (result.suspended_days, result.suspension_days_in_excess, result.days_in_default) == (10, 0, 0)


def test_a_suspension_resumed_the_same_day_suspends_nothing_and_an_open_one_runs_to_the_as_of_date():
    events = [*EFFECTIVE, event("suspended", date(2026, 4, 1)), event("resumed", date(2026, 4, 1)),
              event("suspended", date(2026, 5, 1))]
    result = position(TERMS, events, date(2026, 5, 10), "NY_BANKS")
    assert (result.suspended_days, result.suspension_days_in_excess) == (10, 0)
    later = position(TERMS, [*events, event("resumed", date(2026, 6, 1))], date(2026, 5, 10), "NY_BANKS")
    assert later.suspended_days == 10


def test_a_suspension_of_exactly_the_allowed_days_is_no_default_and_one_more_day_is():
    events = [*EFFECTIVE, event("suspended", date(2026, 4, 1)), event("resumed", date(2026, 4, 21))]
    result = position(TERMS, events, date(2026, 12, 31), "NY_BANKS")
    assert (result.suspended_days, result.suspension_days_in_excess, result.days_in_default) == (20, 0, 0)
    longer = [*EFFECTIVE, event("suspended", date(2026, 4, 1)), event("resumed", date(2026, 4, 22))]
    result = position(TERMS, longer, date(2026, 12, 31), "NY_BANKS")
    assert (result.suspended_days, result.suspension_days_in_excess, result.days_in_default) == (21, 1, 1)
    assert result.default_began == date(2026, 4, 21)
    assert result.liquidated_damages_accrued == Decimal("166.83")


def test_short_suspensions_beyond_the_yearly_allowance_are_days_in_default_from_the_31st_day():
    terms = replace(TERMS, suspension_days_per_period=None)
    events = [*EFFECTIVE, event("suspended", date(2026, 3, 10)), event("resumed", date(2026, 3, 30)),
              event("suspended", date(2026, 6, 1)), event("resumed", date(2026, 6, 16))]
    # Mar 10..29 (20 days) and Jun 1..15 (15 days): the 31st day in 365 is Jun 11.
    result = position(terms, events, date(2026, 12, 31), "NY_BANKS")
    assert (result.suspended_days, result.suspension_days_in_excess, result.days_in_default) == (35, 5, 5)
    assert result.default_began == date(2026, 6, 11)


def test_the_yearly_allowance_counts_again_once_an_old_suspension_leaves_the_365_days():
    terms = replace(TERMS, suspension_days_per_period=None, suspension_days_per_year=20)
    events = [*EFFECTIVE, event("suspended", date(2026, 3, 10)), event("resumed", date(2026, 3, 30)),
              event("suspended", date(2027, 3, 5)), event("resumed", date(2027, 3, 15))]
    # Mar 10..29, 2026 uses all 20 days. The 365 days ending Mar 5, 2027 start Mar 6, 2026 and hold
    # all of them, so Mar 5..9, 2027 make 21..25; from Mar 10 an old day leaves the window as a new
    # one enters, so it stays at 25 through Mar 14: all 10 new days are beyond the allowance. A
    # suspension from Mar 30, 2027 finds the old one gone.
    result = position(terms, events, date(2027, 12, 31), "NY_BANKS")
    assert (result.suspended_days, result.suspension_days_in_excess) == (30, 10)
    assert result.default_began == date(2027, 3, 5)
    long_after = [*EFFECTIVE, event("suspended", date(2026, 3, 10)), event("resumed", date(2026, 3, 30)),
                  event("suspended", date(2027, 3, 30)), event("resumed", date(2027, 4, 9))]
    result = position(terms, long_after, date(2027, 12, 31), "NY_BANKS")
    assert (result.suspended_days, result.suspension_days_in_excess) == (30, 0)


def test_suspensions_are_shown_but_not_judged_without_an_allowance():
    events = [*EFFECTIVE, event("suspended", date(2026, 4, 1))]
    result = position(PLAIN, events, date(2026, 12, 31), "NY_BANKS")
    assert (result.suspended_days, result.suspension_days_in_excess, result.days_in_default) == (275, 0, 0)


def test_events_on_the_as_of_date_count_that_day():
    suspended_today = [*EFFECTIVE, event("suspended", date(2026, 4, 1))]
    assert position(TERMS, suspended_today, date(2026, 4, 1), "NY_BANKS").suspended_days == 1
    resumed_today = [*EFFECTIVE, event("suspended", date(2026, 3, 20)), event("resumed", date(2026, 4, 1))]
    assert position(TERMS, resumed_today, date(2026, 4, 1), "NY_BANKS").suspended_days == 12


def test_a_yearly_allowance_without_any_suspension_is_no_default():
    result = position(TERMS, EFFECTIVE, date(2026, 12, 31), "NY_BANKS")
    assert (result.suspended_days, result.suspension_days_in_excess, result.days_in_default) == (0, 0, 0)


# Mar 10..29, 2026: a 20-day suspension. The 365 days ending Mar 9, 2027 start Mar 10, 2026 and hold
# all 20 of its days; the 365 days ending Mar 10, 2027 start Mar 11, 2026 and hold 19.
OLD_SUSPENSION = [*EFFECTIVE, event("suspended", date(2026, 3, 10)), event("resumed", date(2026, 3, 30))]
YEARLY_ONLY = replace(TERMS, suspension_days_per_period=None)


def test_a_one_day_suspension_is_in_excess_while_the_365_days_hold_the_whole_allowance_and_not_a_day_later():
    terms = replace(YEARLY_ONLY, suspension_days_per_year=20)
    day_before = [*OLD_SUSPENSION, event("suspended", date(2027, 3, 9)), event("resumed", date(2027, 3, 10))]
    result = position(terms, day_before, date(2027, 12, 31), "NY_BANKS")
    assert (result.suspension_days_in_excess, result.default_began) == (1, date(2027, 3, 9))
    a_year_later = [*OLD_SUSPENSION, event("suspended", date(2027, 3, 10)), event("resumed", date(2027, 3, 11))]
    result = position(terms, a_year_later, date(2027, 12, 31), "NY_BANKS")
    assert (result.suspension_days_in_excess, result.default_began) == (0, None)


def test_a_suspension_ending_the_day_the_old_one_starts_leaving_the_365_days_is_in_excess_to_its_last_day():
    terms = replace(YEARLY_ONLY, suspension_days_per_year=20)
    events = [*OLD_SUSPENSION, event("suspended", date(2027, 3, 5)), event("resumed", date(2027, 3, 11))]
    # Mar 5..9, 2027: 21..25 days in the 365; Mar 10: 19 old + 6 new = 25.
    result = position(terms, events, date(2027, 12, 31), "NY_BANKS")
    assert (result.suspended_days, result.suspension_days_in_excess) == (26, 6)


def test_while_an_old_suspension_leaves_the_365_days_a_new_one_stays_level_then_grows_past_the_allowance():
    terms = replace(YEARLY_ONLY, suspension_days_per_year=25)
    # Suspended from Mar 5, 2027, the 365-day count is 21, 22, ... 25 on Mar 9; from Mar 10 one old
    # day leaves as a new one enters, so it stays 25 through Mar 29 (the window ending Mar 29, 2027
    # starts Mar 30, 2026: the old suspension is gone); from Mar 30 it grows: 26, 27, ...
    level = [*OLD_SUSPENSION, event("suspended", date(2027, 3, 5)), event("resumed", date(2027, 3, 26))]
    assert position(terms, level, date(2027, 12, 31), "NY_BANKS").suspension_days_in_excess == 0
    grows = [*OLD_SUSPENSION, event("suspended", date(2027, 3, 5)), event("resumed", date(2027, 5, 1))]
    result = position(terms, grows, date(2027, 12, 31), "NY_BANKS")
    # Mar 30..Apr 30, 2027: 2 + 30 days.
    assert (result.suspension_days_in_excess, result.default_began) == (32, date(2027, 3, 30))
