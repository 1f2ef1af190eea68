from datetime import date

import pytest

from deadlines.calendars import add_business_days, is_business_day, roll


@pytest.mark.parametrize(("day", "expected"), [
    (date(2026, 7, 3), True),    # Independence Day on a Saturday: banks open the Friday before
    (date(2022, 12, 26), False),  # Christmas on a Sunday: observed Monday
    (date(2026, 11, 26), False),  # Thanksgiving
    (date(2005, 10, 10), False),  # Columbus Day 2005
    (date(2020, 6, 19), True),    # Juneteenth only from 2021
    (date(2025, 6, 19), False),
    (date(2026, 2, 12), True),    # Lincoln's Birthday: not a Federal Reserve holiday
])
def test_new_york_bank_holidays_follow_the_federal_reserve_schedule(day, expected):
    assert is_business_day(day) is expected


def test_lincolns_birthday_closes_the_new_york_state_calendar():
    assert is_business_day(date(2026, 2, 12), "NY_STATE") is False


def test_following_rolls_over_a_weekend_and_a_holiday():
    assert roll(date(2026, 11, 26), "following") == date(2026, 11, 27)
    assert roll(date(2022, 12, 24), "following") == date(2022, 12, 27)


def test_modified_following_stays_in_the_month_at_a_month_end():
    assert roll(date(2026, 5, 30), "modified_following") == date(2026, 5, 29)
    assert roll(date(2026, 5, 30), "following") == date(2026, 6, 1)


def test_preceding_and_business_day_counts():
    assert roll(date(2026, 7, 5), "preceding") == date(2026, 7, 3)
    assert add_business_days(date(2026, 11, 25), 1) == date(2026, 11, 27)
    assert add_business_days(date(2026, 12, 31), 3) == date(2027, 1, 6)
