"""A recurring deadline's n-th occurrence is computed from its anchor: month ends never drift."""

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deadlines import services
from deadlines.models import Obligation
from deadlines.recurrence import is_month_end, occurrence_date, period_date
from tests.deadlines.factories import ObligationFactory


def test_a_quarterly_series_from_31_march_keeps_the_month_end():
    dates = [occurrence_date(date(2027, 3, 31), recurrence="quarterly", n=n) for n in range(5)]
    assert dates == [date(2027, 3, 31), date(2027, 6, 30), date(2027, 9, 30), date(2027, 12, 31), date(2028, 3, 31)]


def test_a_monthly_series_on_the_last_day_of_the_month_covers_february():
    dates = [occurrence_date(date(2027, 1, 31), recurrence="monthly", n=n) for n in range(4)]
    assert dates == [date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30)]


def test_thirty_days_after_each_month_end_counts_from_each_month_end():
    dates = [occurrence_date(date(2027, 1, 31), recurrence="monthly", n=n, days_after=30) for n in range(3)]
    assert dates == [date(2027, 3, 2), date(2027, 3, 30), date(2027, 4, 30)]


def test_a_mid_month_anchor_keeps_its_day():
    dates = [occurrence_date(date(2027, 1, 15), recurrence="quarterly", n=n) for n in range(3)]
    assert dates == [date(2027, 1, 15), date(2027, 4, 15), date(2027, 7, 15)]


def _month_index(day):
    return day.year * 12 + day.month


def _month_end(day):
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


@settings(max_examples=200, deadline=None)
@given(anchor=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)).map(_month_end),
       months=st.sampled_from([1, 3, 12]))
def test_a_month_end_series_stays_on_month_ends_for_100_occurrences(anchor, months):
    days = [period_date(anchor, months=months, n=n) for n in range(100)]
    assert all(is_month_end(day) for day in days)
    assert [_month_index(day) - _month_index(anchor) for day in days] == [months * n for n in range(100)]


@settings(max_examples=200, deadline=None)
@given(anchor=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)).filter(lambda d: not is_month_end(d)),
       months=st.sampled_from([1, 3, 12]))
def test_a_series_not_on_a_month_end_keeps_its_day_of_month_as_far_as_each_month_allows_for_100_occurrences(anchor, months):
    days = [period_date(anchor, months=months, n=n) for n in range(100)]
    expected = [min(anchor.day, calendar.monthrange(day.year, day.month)[1]) for day in days]
    assert [day.day for day in days] == expected
    assert [_month_index(day) - _month_index(anchor) for day in days] == [months * n for n in range(100)]


@pytest.mark.django_db
def test_closing_each_quarter_in_turn_gives_31_march_30_june_30_september_31_december_31_march(matter):
    current = ObligationFactory(matter=matter, kind="reporting", recurrence="quarterly",
                                nominal_due_date=date(2027, 3, 31), due_date=date(2027, 3, 31),
                                business_day_convention="none")
    for _ in range(4):
        services.obligation_complete(obligation=current, by_name="test")
        current = Obligation.objects.filter(status="open").get()
    nominal = list(Obligation.objects.order_by("nominal_due_date").values_list("nominal_due_date", flat=True))
    assert nominal == [date(2027, 3, 31), date(2027, 6, 30), date(2027, 9, 30), date(2027, 12, 31), date(2028, 3, 31)]


@pytest.mark.django_db
def test_a_deadline_due_30_days_after_each_month_end_is_created_and_continues_from_the_month_ends(matter, counsel):
    first = services.obligation_create(matter=matter, by=counsel, data={
        "title": "Monthly statements", "kind": "reporting", "nominal_due_date": date(2027, 3, 2),
        "business_day_convention": "none", "recurrence": "monthly", "recurrence_days_after": 30})
    services.obligation_complete(obligation=first, by_name="test")
    following = Obligation.objects.get(status="open")
    assert (first.recurrence_anchor, following.nominal_due_date) == (date(2027, 1, 31), date(2027, 2, 28) + timedelta(days=30))
