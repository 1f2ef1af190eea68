"""Hand-computed interest: every convention, leap years, month ends, payments, rate changes."""

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from notes.interest import NoteTerms, cents, position, year_fraction


class Txn:
    def __init__(self, kind, day, amount=None, rate=None):
        self.kind, self.date, self.amount, self.rate = kind, day, amount, rate


def terms(principal="100000", rate="12", basis="ACT/365F", issue=date(2025, 1, 1)):
    return NoteTerms(Decimal(principal), issue, Decimal(rate), basis)


def test_act_360_on_1000_at_10_percent_for_a_year_is_101_39():
    pos = position(terms("1000", "10", "ACT/360", date(2023, 1, 1)), [], date(2024, 1, 1))
    assert cents(pos.accrued_interest) == Decimal("101.39")


def test_act_act_splits_days_between_a_normal_and_a_leap_year():
    # 6,000 a year x (184/365 + 182/366) = 6,008.264...
    pos = position(terms("100000", "6", "ACT/ACT", date(2023, 7, 1)), [], date(2024, 7, 1))
    assert cents(pos.accrued_interest) == Decimal("6008.26")


def test_act_365f_counts_a_leap_year_as_366_over_365():
    pos = position(terms("100000", "5", "ACT/365F", date(2024, 1, 1)), [], date(2025, 1, 1))
    assert cents(pos.accrued_interest) == Decimal("5013.70")


def test_30_360_treats_the_31st_as_the_30th_at_both_ends():
    assert year_fraction(date(2024, 1, 31), date(2024, 3, 31), "30/360") == Fraction(60, 360)
    pos = position(terms("360000", "5", "30/360", date(2024, 1, 31)), [], date(2024, 3, 31))
    assert pos.accrued_interest == Decimal("3000")


def test_30_360_keeps_an_end_31st_when_the_start_is_not_30_or_31():
    assert year_fraction(date(2024, 2, 29), date(2024, 3, 31), "30/360") == Fraction(32, 360)


def test_the_position_on_the_issue_date_has_no_interest():
    pos = position(terms(), [], date(2025, 1, 1))
    assert (pos.principal_outstanding, pos.accrued_interest) == (Decimal("100000"), Decimal(0))


def test_a_payment_settles_rounded_interest_first_then_principal():
    txns = [Txn("payment", date(2025, 4, 1), Decimal("10000"))]
    at_payment = position(terms(), txns, date(2025, 4, 1))
    assert at_payment.principal_outstanding == Decimal("92958.90")  # 10,000 - 2,958.90 interest
    assert at_payment.accrued_interest == Decimal(0)
    later = position(terms(), txns, date(2025, 7, 1))
    assert cents(later.accrued_interest) == Decimal("2781.13")  # 92,958.90 x 12% x 91/365
    assert later.payoff_amount == Decimal("95740.03")


def test_a_payment_smaller_than_the_interest_leaves_the_rest_of_the_interest_accrued():
    txns = [Txn("payment", date(2025, 7, 1), Decimal("100"))]
    pos = position(terms("10000", "10"), txns, date(2025, 7, 1))
    assert pos.principal_outstanding == Decimal("10000")
    assert cents(pos.accrued_interest) == Decimal("395.89")  # 495.89 - 100


def test_a_rate_change_applies_from_its_effective_date_on():
    txns = [Txn("rate_change", date(2025, 3, 1), rate=Decimal("10"))]
    pos = position(terms("50000", "8", "ACT/360"), txns, date(2025, 5, 1))
    assert cents(pos.accrued_interest) == Decimal("1502.78")  # 59 days at 8% + 61 days at 10%


def test_transactions_after_the_as_of_date_are_ignored():
    txns = [Txn("payment", date(2025, 6, 1), Decimal("5000"))]
    pos = position(terms(), txns, date(2025, 5, 1))
    assert pos.principal_outstanding == Decimal("100000")


def test_a_note_without_a_rate_has_no_accrued_interest_rather_than_an_invented_one():
    pos = position(NoteTerms(Decimal("600000"), date(2005, 5, 18), None, ""), [], date(2006, 5, 18))
    assert (pos.principal_outstanding, pos.accrued_interest, pos.payoff_amount) == (Decimal("600000"), None, None)


def test_the_integer_arithmetic_agrees_with_exact_fractions_on_thousands_of_random_notes():
    """`position` works in scaled integers for speed; `_position_fractions` is the plain reference."""
    import random

    from notes.interest import _position_fractions

    rng = random.Random(20261125)
    conventions = ["30/360", "ACT/360", "ACT/365F", "ACT/ACT"]
    checked = 0
    for _ in range(3000):
        issue = date(2019, 1, 1) + timedelta(days=rng.randrange(2000))
        note = NoteTerms(
            Decimal(rng.randrange(100, 10**9)) / 100, issue,
            Decimal(rng.randrange(0, 30 * 10**6)) / 10**6, rng.choice(conventions),
        )
        txns, day = [], issue
        for _ in range(rng.randrange(0, 8)):
            day += timedelta(days=rng.randrange(0, 200))
            if rng.random() < 0.3:
                txns.append(Txn("rate_change", day, rate=Decimal(rng.randrange(0, 25 * 10**6)) / 10**6))
            else:
                txns.append(Txn("payment", day, Decimal(rng.randrange(1, 10**6)) / 100))
        as_of = day + timedelta(days=rng.randrange(0, 400))
        fast, exact = position(note, txns, as_of), _position_fractions(note, txns, as_of)
        assert (fast.principal_outstanding, fast.accrued_interest) == (exact.principal_outstanding, exact.accrued_interest)
        checked += 1
    assert checked == 3000


def test_amounts_finer_than_a_cent_still_give_exact_positions():
    pos = position(terms("1000.005", "10", "ACT/360", date(2023, 1, 1)), [], date(2023, 1, 2))
    assert pos.principal_outstanding == Decimal("1000.005")
    assert cents(pos.accrued_interest) == Decimal("0.28")  # 1,000.005 x 10% / 360 = 0.27778
