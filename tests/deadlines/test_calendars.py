from datetime import date

import pytest

from deadlines.calendars import (
    NY_BANKS,
    NY_STATE,
    US_FEDERAL,
    WEEKENDS,
    Convention,
    add_business_days,
    add_days,
    following,
    holiday_name,
    is_business_day,
    preceding,
    roll,
)


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


def test_new_years_day_on_a_saturday_closes_the_federal_calendar_on_the_friday_but_not_the_banks():
    # Jan 1, 2022 was a Saturday: federal offices observed it on Friday Dec 31, 2021; the Federal
    # Reserve gives no Friday substitute, so New York banks were open that day.
    assert is_business_day(date(2021, 12, 31), US_FEDERAL) is False
    assert is_business_day(date(2021, 12, 31), NY_BANKS) is True
    assert is_business_day(date(2021, 12, 31)) is True


def test_juneteenth_on_a_saturday_is_a_federal_friday_off_and_on_a_sunday_a_bank_monday_off():
    assert is_business_day(date(2021, 6, 18), US_FEDERAL) is False
    assert is_business_day(date(2021, 6, 18), NY_BANKS) is True
    assert is_business_day(date(2022, 6, 20), NY_BANKS) is False
    assert is_business_day(date(2022, 6, 21), NY_BANKS) is True


def test_new_years_day_on_a_sunday_closes_the_banks_on_monday_january_2():
    assert is_business_day(date(2023, 1, 2)) is False
    assert is_business_day(date(2023, 1, 3)) is True


def test_the_weekends_calendar_closes_only_saturdays_and_sundays():
    assert is_business_day(date(2026, 12, 25), WEEKENDS) is True
    assert is_business_day(date(2026, 12, 26), WEEKENDS) is False
    assert is_business_day(date(2026, 12, 27), WEEKENDS) is False
    assert add_business_days(date(2026, 12, 24), 1, WEEKENDS) == date(2026, 12, 25)


def test_election_day_closes_the_new_york_state_calendar_but_not_the_banks():
    assert is_business_day(date(2026, 11, 3), NY_STATE) is False
    assert is_business_day(date(2026, 11, 3), NY_BANKS) is True
    assert is_business_day(date(2026, 11, 3), US_FEDERAL) is True


def test_an_unknown_calendar_or_convention_is_refused():
    with pytest.raises(ValueError, match="Unknown holiday calendar 'ATLANTIS'"):
        is_business_day(date(2026, 3, 2), "ATLANTIS")
    with pytest.raises(ValueError, match="Unknown business-day convention 'nearest'"):
        roll(date(2026, 3, 2), "nearest")


def test_no_adjustment_keeps_a_saturday_and_a_business_day_rolls_to_itself():
    assert roll(date(2026, 11, 28), Convention.NONE) == date(2026, 11, 28)
    assert roll(date(2026, 11, 25), Convention.FOLLOWING) == date(2026, 11, 25)
    assert roll(date(2026, 11, 25), Convention.PRECEDING) == date(2026, 11, 25)
    assert roll(date(2026, 11, 25), Convention.MODIFIED_FOLLOWING) == date(2026, 11, 25)


def test_modified_following_rolls_forward_when_the_next_business_day_is_in_the_same_month():
    # Saturday Nov 28, 2026 -> Monday Nov 30 (still November).
    assert roll(date(2026, 11, 28), Convention.MODIFIED_FOLLOWING) == date(2026, 11, 30)
    # Thanksgiving Thursday Nov 26 -> Friday Nov 27.
    assert roll(date(2026, 11, 26), Convention.MODIFIED_FOLLOWING) == date(2026, 11, 27)


def test_modified_following_steps_back_over_a_holiday_when_the_month_ends_on_a_weekend():
    # Sunday May 31, 2026: following is Monday June 1, so back to Friday May 29.
    assert roll(date(2026, 5, 31), Convention.MODIFIED_FOLLOWING) == date(2026, 5, 29)
    # Sunday Jan 31, 2027: following is Monday Feb 1, so back to Friday Jan 29.
    assert roll(date(2027, 1, 31), Convention.MODIFIED_FOLLOWING) == date(2027, 1, 29)


def test_preceding_steps_back_over_thanksgiving_and_over_labor_day_and_the_weekend():
    assert roll(date(2026, 11, 26), Convention.PRECEDING) == date(2026, 11, 25)
    assert roll(date(2026, 9, 7), Convention.PRECEDING) == date(2026, 9, 4)
    assert preceding(date(2023, 1, 2)) == date(2022, 12, 30)
    assert following(date(2022, 12, 31)) == date(2023, 1, 3)


def test_counting_business_days_backwards_skips_the_holiday_and_the_weekend():
    assert add_business_days(date(2026, 11, 27), -1) == date(2026, 11, 25)
    assert add_business_days(date(2026, 11, 30), -2) == date(2026, 11, 25)
    assert add_business_days(date(2027, 1, 4), -2) == date(2026, 12, 30)


def test_zero_business_days_is_the_day_itself_even_on_a_weekend():
    assert add_business_days(date(2026, 11, 28), 0) == date(2026, 11, 28)


def test_adding_days_counts_calendar_days_or_business_days_as_asked():
    assert add_days(date(2026, 11, 25), 3, business=False) == date(2026, 11, 28)
    assert add_days(date(2026, 11, 25), 3, business=True) == date(2026, 12, 1)
    assert add_days(date(2026, 6, 18), 1, business=True, calendar=US_FEDERAL) == date(2026, 6, 22)
    assert add_days(date(2026, 6, 18), 1, business=True, calendar=WEEKENDS) == date(2026, 6, 19)
    assert add_days(date(2026, 11, 25), -3, business=False) == date(2026, 11, 22)


def test_a_holiday_is_named_by_its_calendar_and_a_bank_business_day_has_no_holiday_name():
    assert holiday_name(date(2022, 12, 26), NY_BANKS) == "Christmas Day (observed)"
    assert holiday_name(date(2026, 11, 26), NY_BANKS) == "Thanksgiving Day"
    assert holiday_name(date(2026, 7, 3), US_FEDERAL) == "Independence Day (observed)"
    assert holiday_name(date(2026, 7, 3), NY_BANKS) is None
    assert holiday_name(date(2026, 11, 25), NY_BANKS) is None


def test_a_sunday_holiday_before_the_package_knew_observed_days_is_named_from_the_sunday():
    # Christmas 1904 was a Sunday; the bank holiday was Monday Dec 26.
    assert is_business_day(date(1904, 12, 26)) is False
    assert holiday_name(date(1904, 12, 26), NY_BANKS) == "Christmas Day"


def test_a_state_holiday_without_a_federal_name_is_named_holiday():
    assert holiday_name(date(2026, 2, 12), NY_STATE) == "Holiday"


def test_each_convention_rolls_on_the_calendar_it_is_given():
    # Friday Dec 31, 2021 is the federal New Year's Day holiday (Jan 1, 2022 was a Saturday) and a
    # New York bank business day.
    assert following(date(2021, 12, 31), US_FEDERAL) == date(2022, 1, 3)
    assert preceding(date(2021, 12, 31), US_FEDERAL) == date(2021, 12, 30)
    assert roll(date(2021, 12, 31), Convention.FOLLOWING, US_FEDERAL) == date(2022, 1, 3)
    assert roll(date(2021, 12, 31), Convention.PRECEDING, US_FEDERAL) == date(2021, 12, 30)
    assert roll(date(2021, 12, 31), Convention.MODIFIED_FOLLOWING, US_FEDERAL) == date(2021, 12, 30)
    assert roll(date(2021, 12, 31), Convention.MODIFIED_FOLLOWING, NY_BANKS) == date(2021, 12, 31)
