"""The UCC date rules, against hand computations."""

from datetime import date

from security_interests import ucc


def test_a_financing_statement_lapses_five_years_after_filing_on_the_same_month_and_day():
    assert ucc.lapse_date(date(2021, 12, 15)) == date(2026, 12, 15)


def test_a_leap_day_filing_lapses_on_february_28_of_a_common_year():
    assert ucc.lapse_date(date(2024, 2, 29)) == date(2029, 2, 28)


def test_five_years_after_a_leap_day_is_never_a_leap_year_and_february_28_filings_stay_on_the_28th():
    assert ucc.lapse_date(date(2004, 2, 29)) == date(2009, 2, 28)
    assert ucc.lapse_date(date(2020, 2, 29)) == date(2025, 2, 28)
    assert ucc.lapse_date(date(2019, 2, 28)) == date(2024, 2, 28)


def test_the_continuation_window_is_the_six_months_before_lapse_both_ends_included():
    window = ucc.continuation_window(date(2026, 12, 15))
    assert (window.opens, window.closes) == (date(2026, 6, 15), date(2026, 12, 15))


def test_the_window_of_a_lapse_on_the_31st_opens_on_the_last_day_of_a_shorter_month():
    window = ucc.continuation_window(date(2027, 8, 31))
    assert window.opens == date(2027, 2, 28)


def test_a_continuation_the_day_before_the_window_is_refused_citing_9_515_d():
    refusal = ucc.continuation_refusal(lapse=date(2026, 12, 15), filed_on=date(2026, 6, 14))
    assert refusal == ucc.CONTINUATION_TOO_EARLY.format(opens=date(2026, 6, 15))
    assert "9-515(d)" in refusal
    assert "June 15, 2026" in refusal


def test_a_continuation_on_the_first_and_last_day_of_the_window_is_accepted():
    assert ucc.continuation_refusal(lapse=date(2026, 12, 15), filed_on=date(2026, 6, 15)) is None
    assert ucc.continuation_refusal(lapse=date(2026, 12, 15), filed_on=date(2026, 12, 15)) is None


def test_a_continuation_the_day_after_lapse_is_refused():
    refusal = ucc.continuation_refusal(lapse=date(2026, 12, 15), filed_on=date(2026, 12, 16))
    assert refusal == ucc.CONTINUATION_AFTER_LAPSE.format(lapse=date(2026, 12, 15))


def test_a_continuation_moves_the_lapse_five_years_from_the_previous_lapse_not_from_its_filing():
    assert ucc.continued_lapse_date(date(2026, 12, 15)) == date(2031, 12, 15)
    assert ucc.continued_lapse_date(ucc.continued_lapse_date(date(2026, 12, 15))) == date(2036, 12, 15)


def test_the_termination_is_due_twenty_days_after_the_demand_or_the_payoff_until_one_is_recorded():
    assert ucc.termination_due(paid_off_on=date(2026, 3, 1), demand_on=None) == date(2026, 3, 21)
    assert ucc.termination_due(paid_off_on=date(2026, 3, 1), demand_on=date(2026, 3, 20)) == date(2026, 4, 9)


def test_a_day_is_in_the_continuation_window_from_its_first_day_to_the_lapse_date_and_nothing_else_is():
    window = ucc.continuation_window(date(2026, 12, 15))
    assert date(2026, 6, 15) in window
    assert date(2026, 9, 1) in window
    assert date(2026, 12, 15) in window
    assert date(2026, 6, 14) not in window
    assert date(2026, 12, 16) not in window
    assert "2026-09-01" not in window


def test_the_refusal_after_lapse_names_the_lapse_day_and_9_515_c():
    refusal = ucc.continuation_refusal(lapse=date(2026, 12, 15), filed_on=date(2027, 1, 4))
    assert "December 15, 2026" in refusal
    assert "9-515(c)" in refusal
    assert "File a new UCC-1" in refusal


def test_a_statement_is_still_effective_on_its_lapse_date_and_lapsed_the_day_after():
    assert ucc.is_lapsed(date(2026, 12, 15), today=date(2026, 12, 15)) is False
    assert ucc.is_lapsed(date(2026, 12, 15), today=date(2026, 12, 16)) is True


def test_the_status_is_lapsed_after_the_lapse_date_even_before_the_sweep_but_a_termination_stays():
    lapse = date(2026, 12, 15)
    assert ucc.status_on(stored="active", lapse=lapse, today=date(2026, 12, 15)) == "active"
    assert ucc.status_on(stored="active", lapse=lapse, today=date(2026, 12, 16)) == "lapsed"
    assert ucc.status_on(stored="lapsed", lapse=lapse, today=date(2026, 12, 16)) == "lapsed"
    assert ucc.status_on(stored="terminated", lapse=lapse, today=date(2026, 12, 16)) == "terminated"
    assert ucc.status_on(stored="terminated", lapse=lapse, today=date(2026, 3, 1)) == "terminated"
