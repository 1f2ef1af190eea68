"""The New York usury flag compares the exact effective rate and says which limit applies."""

from datetime import date
from decimal import Decimal

from notes.yields import note_yield

NY = "New York"


def flag(principal, rate, price=None, days=365):
    issue = date(2025, 1, 1)
    return note_yield(principal=Decimal(principal), price=Decimal(price or principal), rate=Decimal(rate),
                      issue=issue, maturity=date.fromordinal(issue.toordinal() + days), governing_law=NY).usury_flag


def test_a_16_004_percent_effective_rate_is_flagged_as_over_the_civil_limit():
    assert "16% civil usury limit (NY GOL 5-501)" in flag("100000", "16.004")
    assert "16.004%" in flag("100000", "16.004")


def test_exactly_16_percent_is_not_flagged():
    assert flag("100000", "16") == ""


def test_a_100000_note_at_30_percent_is_flagged_as_criminal_and_civil():
    text = flag("100000", "30")
    assert "25% criminal usury limit (NY Penal Law 190.40)" in text
    assert "16% civil usury limit (NY GOL 5-501)" in text


def test_a_loan_of_250000_or_more_is_only_checked_against_the_criminal_limit():
    assert flag("250000", "20") == ""
    assert "criminal" in flag("300000", "25.001")
    assert "civil" not in flag("300000", "25.001")


def test_a_loan_of_2_5_million_or_more_is_not_flagged():
    assert flag("2500000", "40") == ""


def test_a_discount_counts_as_interest_in_the_exact_rate():
    # 10% coupon + 6.004% discount over a year: 100,000 bought for 100,000 / 1.06004
    assert "16.004%" in flag("106004", "10", price="100000")


def test_no_flag_outside_new_york_law():
    assert note_yield(principal=Decimal("1000"), price=Decimal("1000"), rate=Decimal("40"), issue=date(2025, 1, 1),
                      maturity=date(2026, 1, 1), governing_law="Delaware").usury_flag == ""
