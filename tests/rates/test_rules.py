"""The rules, by hand-worked examples (no database)."""

from datetime import date
from decimal import Decimal

import pytest

from deadlines.calendars import NY_BANKS, WEEKENDS
from rates.rules import (
    Point,
    RateMissing,
    RateRefused,
    Segment,
    applicable_rate,
    explain,
    lookback_date,
    percent,
    segments,
    value_in_effect,
)

D = Decimal
PRIME = [
    Point(date(2023, 7, 27), D("8.50")),
    Point(date(2024, 9, 19), D("8.00")),
    Point(date(2024, 11, 8), D("7.75")),
]


def test_the_value_on_its_change_date_is_the_new_rate():
    assert value_in_effect(PRIME, date(2024, 9, 19)).rate == D("8.00")


def test_the_day_before_a_change_keeps_the_old_rate():
    assert value_in_effect(PRIME, date(2024, 9, 18)).rate == D("8.50")


def test_a_day_before_the_first_value_is_missing_and_the_error_names_the_index_and_day():
    with pytest.raises(RateMissing, match=r"^Prime \(WSJ\) has no value on or before 2023-07-26"):
        value_in_effect(PRIME, date(2023, 7, 26), index="Prime (WSJ)")


def test_segments_split_a_period_at_each_change_with_the_end_excluded():
    assert segments(PRIME, date(2024, 9, 1), date(2024, 12, 1)) == [
        Segment(date(2024, 9, 1), date(2024, 9, 19), D("8.50"), date(2023, 7, 27)),
        Segment(date(2024, 9, 19), date(2024, 11, 8), D("8.00"), date(2024, 9, 19)),
        Segment(date(2024, 11, 8), date(2024, 12, 1), D("7.75"), date(2024, 11, 8)),
    ]


def test_a_change_on_the_period_end_does_not_apply_inside_the_period():
    assert segments(PRIME, date(2024, 9, 1), date(2024, 9, 19)) == [
        Segment(date(2024, 9, 1), date(2024, 9, 19), D("8.50"), date(2023, 7, 27)),
    ]


def test_segment_days_add_up_to_the_period():
    parts = segments(PRIME, date(2024, 1, 1), date(2025, 1, 1))
    assert sum(part.days for part in parts) == 366


def test_segments_starting_before_the_first_value_are_missing():
    with pytest.raises(RateMissing):
        segments(PRIME, date(2023, 7, 1), date(2023, 8, 1))


def test_a_lookback_of_two_business_days_skips_the_weekend():
    # Period starts Monday 2024-07-08: Friday 5 July, then Thursday 4 July is a holiday, so Wednesday 3 July.
    assert lookback_date(date(2024, 7, 8), 2, NY_BANKS) == date(2024, 7, 3)


def test_a_lookback_over_a_holiday_counts_only_business_days():
    # Tuesday 2024-01-16: Monday 15 January is Martin Luther King Jr. Day; Friday 12 and Thursday 11.
    assert lookback_date(date(2024, 1, 16), 2, NY_BANKS) == date(2024, 1, 11)


def test_a_weekends_only_calendar_counts_the_holiday_as_a_business_day():
    assert lookback_date(date(2024, 1, 16), 2, WEEKENDS) == date(2024, 1, 12)


def test_a_lookback_beyond_thirty_business_days_is_refused():
    with pytest.raises(ValueError, match="between 0 and 30"):
        lookback_date(date(2024, 1, 16), 31)


def test_prime_minus_one_percent():
    assert applicable_rate(D("7.25"), D("-1.00")) == D("6.25")


def test_the_floor_applies_to_the_all_in_rate():
    assert applicable_rate(D("2.25"), D("0.50"), floor=D("3.00")) == D("3.00")


def test_a_floor_below_the_all_in_rate_changes_nothing():
    assert applicable_rate(D("7.25"), D("0.50"), floor=D("3.00")) == D("7.75")


def test_the_cap_applies_to_the_all_in_rate():
    assert applicable_rate(D("8.50"), D("2.00"), cap=D("10.00")) == D("10.00")


def test_a_negative_all_in_rate_without_floor_is_refused_at_the_floor():
    with pytest.raises(RateRefused, match=r"all-in rate -0.50% is below zero and no floor") as refused:
        applicable_rate(D("0.50"), D("-1.00"))
    assert refused.value.field == "floor"


def test_a_zero_floor_turns_a_negative_all_in_rate_into_zero():
    assert applicable_rate(D("0.50"), D("-1.00"), floor=D("0")) == D("0")


def test_a_floor_above_the_cap_is_refused_at_the_cap():
    with pytest.raises(RateRefused, match="floor 5.00% is above the cap 4.00%") as refused:
        applicable_rate(D("4.50"), D("0"), floor=D("5"), cap=D("4"))
    assert refused.value.field == "cap"


def test_explain_prime_minus_one():
    assert explain("Prime (WSJ)", D("7.25"), D("-1.00")) == "Prime (WSJ) 7.25% - 1.00% = 6.25%"


def test_explain_says_when_the_floor_applies():
    assert explain("Prime (WSJ)", D("3.25"), D("-1.00"), floor=D("3.00")) == (
        "Prime (WSJ) 3.25% - 1.00% = 2.25%; floor 3.00% applies: 3.00%"
    )


def test_explain_says_when_the_cap_applies():
    assert explain("SOFR", D("5.31"), D("2.75"), cap=D("8")) == "SOFR 5.31% + 2.75% = 8.06%; cap 8.00% applies: 8.00%"


def test_percentages_keep_two_places_and_more_only_when_needed():
    assert [percent(D("7")), percent(D("5.3125")), percent(D("8.250000")), percent(D("100"))] == [
        "7.00%", "5.3125%", "8.25%", "100.00%",
    ]
