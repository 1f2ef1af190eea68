"""Each test of a reported figure, in Decimal, with the margin (headroom) worked out by hand."""

from datetime import date
from decimal import Decimal

from covenants.evaluation import evaluate, format_figure, requirement, threshold_on


def test_a_coverage_ratio_above_its_minimum_passes_with_its_headroom():
    result = evaluate(Decimal("1.31"), "at_least", Decimal("1.25"))
    # 1.31 - 1.25 = 0.06; 0.06 / 1.25 = 4.80%.
    assert (result.passed, result.headroom, result.headroom_percent) == (True, Decimal("0.06"), Decimal("4.80"))


def test_a_leverage_ratio_above_its_maximum_is_a_breach_with_negative_headroom():
    result = evaluate(Decimal("0.72"), "not_more_than", Decimal("0.65"))
    # 0.65 - 0.72 = -0.07; -0.07 / 0.65 = -10.769...% -> -10.77%.
    assert (result.passed, result.headroom, result.headroom_percent) == (False, Decimal("-0.07"), Decimal("-10.77"))


def test_a_figure_exactly_at_the_threshold_passes_at_least_and_fails_more_than():
    assert evaluate(Decimal("1.25"), "at_least", Decimal("1.25")).passed is True
    assert evaluate(Decimal("1.25"), "more_than", Decimal("1.25")).passed is False


def test_a_minimum_net_worth_in_dollars_keeps_the_cents():
    result = evaluate(Decimal("155000000.00"), "at_least", Decimal("155152000.00"))
    # 155,000,000 - 155,152,000 = -152,000; / 155,152,000 = -0.0979...% -> -0.10%.
    assert (result.passed, result.headroom, result.headroom_percent) == (False, Decimal("-152000.00"), Decimal("-0.10"))


def test_a_zero_threshold_has_headroom_but_no_percentage():
    result = evaluate(Decimal("3.00"), "more_than", Decimal("0"))
    assert (result.passed, result.headroom, result.headroom_percent) == (True, Decimal("3.00"), None)


def test_the_step_in_force_on_the_test_date_applies():
    steps = [(date(2027, 6, 30), Decimal("1.50")), (date(2027, 12, 31), Decimal("1.75"))]
    assert threshold_on(Decimal("1.25"), steps, date(2027, 3, 31)) == Decimal("1.25")
    assert threshold_on(Decimal("1.25"), steps, date(2027, 6, 30)) == Decimal("1.50")
    assert threshold_on(Decimal("1.25"), steps, date(2028, 3, 31)) == Decimal("1.75")


def test_the_requirement_reads_as_the_agreement_words_it():
    words = requirement("Fixed Charge Coverage Ratio", "at_least", Decimal("1.25"), "ratio",
                        basis="the four fiscal quarters then ended", frequency_words="Each fiscal quarter end")
    assert words == ("Fixed Charge Coverage Ratio at least 1.25 to 1.00, tested each fiscal quarter end "
                     "on the four fiscal quarters then ended")


def test_money_and_percentages_are_shown_in_their_units():
    assert format_figure(Decimal("155152000"), "amount") == "$155,152,000.00"
    assert format_figure(Decimal("12.50"), "percent") == "12.5%"
