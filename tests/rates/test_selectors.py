from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rates.rules import RateMissing, Segment
from rates.selectors import rate_index_list, rate_on, rate_segments, rates_on, value_on_lookback

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def prime(index_with):
    return index_with("Prime (WSJ)", ("2023-07-27", "8.50"), ("2024-09-19", "8.00"), ("2024-11-08", "7.75"))


@pytest.fixture
def sofr(index_with):
    """Daily values around Independence Day 2024 (Thursday) and the weekend after."""
    return index_with(
        "SOFR", ("2024-07-01", "5.40"), ("2024-07-02", "5.35"), ("2024-07-03", "5.33"), ("2024-07-05", "5.32"),
        ("2024-07-08", "5.31"),
    )


def test_rate_on_a_change_date_is_the_new_value(prime):
    assert rate_on(prime, date(2024, 9, 19)).rate == D("8.00")


def test_rate_on_the_day_before_a_change_is_the_old_value(prime):
    assert rate_on(prime, date(2024, 9, 18)).rate == D("8.50")


def test_rate_on_a_day_before_the_first_value_is_missing(prime):
    with pytest.raises(RateMissing, match=r"Prime \(WSJ\) has no value on or before 2023-07-26"):
        rate_on(prime, date(2023, 7, 26))


def test_rate_on_ignores_other_indexes(prime, sofr):
    assert rate_on(sofr, date(2024, 9, 19)).rate == D("5.31")


def test_a_two_day_lookback_over_the_holiday_fixes_on_wednesday(sofr):
    # Period starts Monday 8 July: Friday 5 July is one business day back, Thursday 4 July a holiday.
    value = value_on_lookback(sofr, date(2024, 7, 8), 2, "NY_BANKS")
    assert (value.effective_date, value.rate) == (date(2024, 7, 3), D("5.33"))


def test_a_one_day_lookback_over_the_weekend_fixes_on_friday(sofr):
    value = value_on_lookback(sofr, date(2024, 7, 8), 1, "NY_BANKS")
    assert (value.effective_date, value.rate) == (date(2024, 7, 5), D("5.32"))


def test_rate_segments_come_from_one_query(prime):
    with CaptureQueriesContext(connection) as queries:
        parts = rate_segments(prime, date(2024, 9, 1), date(2024, 12, 1))
    assert len(queries) == 1
    assert parts == [
        Segment(date(2024, 9, 1), date(2024, 9, 19), D("8.50"), date(2023, 7, 27)),
        Segment(date(2024, 9, 19), date(2024, 11, 8), D("8.00"), date(2024, 9, 19)),
        Segment(date(2024, 11, 8), date(2024, 12, 1), D("7.75"), date(2024, 11, 8)),
    ]


def test_rate_segments_starting_on_a_change_date_start_with_that_value(prime):
    assert rate_segments(prime, date(2024, 9, 19), date(2024, 10, 1)) == [
        Segment(date(2024, 9, 19), date(2024, 10, 1), D("8.00"), date(2024, 9, 19)),
    ]


def test_rate_segments_before_the_first_value_are_missing(prime):
    with pytest.raises(RateMissing, match="2023-07-01"):
        rate_segments(prime, date(2023, 7, 1), date(2023, 8, 1))


def test_the_index_list_shows_each_index_latest_value(prime, sofr):
    latest = {index.name: (index.latest_date, index.latest_rate) for index in rate_index_list()}
    assert latest == {"Prime (WSJ)": (date(2024, 11, 8), D("7.75")), "SOFR": (date(2024, 7, 8), D("5.31"))}


def test_rates_on_many_days_is_one_query_and_agrees_with_rate_on(prime):
    days = [date(2024, 9, 18), date(2024, 9, 19), date(2023, 7, 27), date(2030, 1, 1)]
    with CaptureQueriesContext(connection) as queries:
        found = rates_on(prime, days)
    assert len(queries) == 1
    assert {day: value.rate for day, value in found.items()} == {
        date(2023, 7, 27): D("8.50"), date(2024, 9, 18): D("8.50"), date(2024, 9, 19): D("8.00"),
        date(2030, 1, 1): D("7.75"),
    }


def test_rates_on_names_the_earliest_day_without_a_value(prime):
    with pytest.raises(RateMissing, match="2023-07-01"):
        rates_on(prime, [date(2024, 1, 1), date(2023, 7, 1)])
