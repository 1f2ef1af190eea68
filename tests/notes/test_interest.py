"""Interest, checked against published day-count figures and hand-computed positions.

The year fractions come from ISDA's published day-count examples for the 2006 ISDA Definitions,
Section 4.16 (the test dates 2006-08-20 ... 2009-08-20 and the end-of-February dates), and from
ISDA's Actual/Actual memorandum ("EMU and market conventions", 1998/1999): the expected numbers are
written here from those tables, to 9 decimal places, never computed by the code under test.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from notes.interest import (
    NoteTerms,
    Position,
    cents,
    day_parts,
    ledger,
    position,
    year_fraction,
)


class Txn:
    def __init__(self, kind, day, amount=None, rate=None):
        self.kind, self.date, self.amount, self.rate = kind, day, amount, rate


def terms(principal="100000", rate="12", basis="ACT/365F", issue=date(2025, 1, 1)):
    return NoteTerms(Decimal(principal), issue, Decimal(rate), basis)


def nine_places(start, end, convention, places=9):
    fraction = year_fraction(start, end, convention)
    return (Decimal(fraction.numerator) / Decimal(fraction.denominator)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def to_20(value):
    return value.quantize(Decimal("1E-20"), ROUND_HALF_UP)


ISDA_DATES = [
    (date(2006, 8, 20), date(2007, 2, 20)), (date(2007, 2, 20), date(2007, 8, 20)),
    (date(2007, 8, 20), date(2008, 2, 20)), (date(2008, 2, 20), date(2008, 8, 20)),
    (date(2006, 2, 28), date(2006, 8, 31)), (date(2006, 8, 31), date(2007, 2, 28)),
    (date(2007, 8, 31), date(2008, 2, 29)), (date(2008, 2, 29), date(2008, 8, 31)),
]
PUBLISHED = {
    "ACT/360": ["0.511111111", "0.502777778", "0.511111111", "0.505555556",
                "0.511111111", "0.502777778", "0.505555556", "0.511111111"],
    "ACT/365F": ["0.504109589", "0.495890411", "0.504109589", "0.498630137",
                 "0.504109589", "0.495890411", "0.498630137", "0.504109589"],
    "30/360": ["0.500000000", "0.500000000", "0.500000000", "0.500000000",
               "0.508333333", "0.494444444", "0.497222222", "0.505555556"],
    "30E/360": ["0.500000000", "0.500000000", "0.500000000", "0.500000000",
                "0.505555556", "0.494444444", "0.497222222", "0.502777778"],
}


@pytest.mark.parametrize("convention", sorted(PUBLISHED))
def test_year_fractions_match_isdas_published_examples(convention):
    assert [str(nine_places(start, end, convention)) for start, end in ISDA_DATES] == PUBLISHED[convention]


def test_act_act_isda_matches_isdas_actual_actual_memorandum():
    # 61/365 + 121/366; 150/365; 334/365 + 182/366 (ISDA's Actual/Actual examples: 0.49772, 0.41096)
    assert nine_places(date(2003, 11, 1), date(2004, 5, 1), "ACT/ACT", 5) == Decimal("0.49772")
    assert nine_places(date(1999, 2, 1), date(1999, 7, 1), "ACT/ACT", 5) == Decimal("0.41096")
    assert nine_places(date(1999, 2, 1), date(2000, 7, 1), "ACT/ACT") == Decimal("1.412336253")


def test_act_act_follows_the_century_leap_year_rule():
    # 1900 and 2100 are not leap years (divisible by 100); 2000 is (divisible by 400).
    assert day_parts(date(1900, 2, 1), date(1900, 3, 1), "ACT/ACT") == [(28, 365)]
    assert day_parts(date(2000, 2, 1), date(2000, 3, 1), "ACT/ACT") == [(29, 366)]
    assert day_parts(date(2100, 2, 1), date(2100, 3, 1), "ACT/ACT") == [(28, 365)]
    assert day_parts(date(2024, 2, 1), date(2024, 3, 1), "ACT/ACT") == [(29, 366)]
    assert day_parts(date(2023, 12, 31), date(2024, 1, 2), "ACT/ACT") == [(1, 365), (1, 366)]


def test_30_360_bond_basis_day_rules():
    assert day_parts(date(2024, 1, 31), date(2024, 3, 31), "30/360") == [(60, 360)]  # both 31sts -> 30
    assert day_parts(date(2024, 1, 30), date(2024, 3, 31), "30/360") == [(60, 360)]  # end 31st -> 30 after a 30th
    assert day_parts(date(2024, 2, 29), date(2024, 3, 31), "30/360") == [(32, 360)]  # end 31st kept after a 29th
    assert day_parts(date(2024, 1, 15), date(2025, 2, 14), "30/360") == [(389, 360)]


def test_30e_360_turns_every_31st_into_the_30th():
    assert day_parts(date(2024, 2, 29), date(2024, 3, 31), "30E/360") == [(31, 360)]
    assert day_parts(date(2024, 3, 31), date(2024, 5, 31), "30E/360") == [(60, 360)]


def test_periods_that_end_on_or_before_their_start_have_no_days_and_unknown_conventions_are_refused():
    assert day_parts(date(2025, 1, 2), date(2025, 1, 2), "ACT/360") == []
    assert day_parts(date(2025, 1, 3), date(2025, 1, 2), "30/360") == []
    with pytest.raises(ValueError, match=r"^Unknown day-count convention 'ACT/999'$"):
        day_parts(date(2025, 1, 1), date(2025, 1, 2), "ACT/999")


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


def test_30_360_interest_treats_the_31st_as_the_30th_at_both_ends():
    pos = position(terms("360000", "5", "30/360", date(2024, 1, 31)), [], date(2024, 3, 31))
    assert pos.accrued_interest == Decimal("3000")


def test_the_position_on_the_issue_date_has_no_interest():
    pos = position(terms(), [], date(2025, 1, 1))
    assert (pos.principal_outstanding, pos.accrued_interest) == (Decimal("100000"), Decimal(0))


def test_a_position_before_the_issue_date_owes_nothing():
    pos = position(NoteTerms(Decimal("100000"), date(2025, 1, 1), Decimal("12"), "ACT/365F", "EUR"), [], date(2024, 12, 31))
    assert pos == Position(date(2024, 12, 31), Decimal(0), Decimal(0), "EUR")
    assert pos.payoff_amount == Decimal(0)


def test_a_position_names_its_date_and_currency_and_shows_principal_in_cents():
    pos = position(NoteTerms(Decimal("100000"), date(2025, 1, 1), Decimal("12"), "ACT/365F", "EUR"), [], date(2025, 1, 2))
    assert (pos.as_of, pos.currency, str(pos.principal_outstanding)) == (date(2025, 1, 2), "EUR", "100000.00")


def test_a_position_before_the_issue_date_of_a_note_without_a_rate_says_not_recorded():
    pos = position(NoteTerms(Decimal("1000"), date(2025, 1, 1), None, ""), [], date(2024, 12, 31))
    assert (pos.accrued_interest, pos.payoff_amount) == (None, None)


def test_a_note_with_a_rate_but_no_day_count_has_no_accrued_interest():
    pos = position(NoteTerms(Decimal("1000"), date(2025, 1, 1), Decimal("5"), ""), [], date(2025, 6, 1))
    assert (pos.principal_outstanding, pos.accrued_interest) == (Decimal("1000"), None)


def test_a_transaction_dated_before_the_issue_date_counts_on_the_issue_date():
    txns = [Txn("payment", date(2024, 12, 1), Decimal("1000"))]
    pos = position(terms("10000", "10", "ACT/365F"), txns, date(2025, 1, 1))
    assert (pos.principal_outstanding, pos.accrued_interest) == (Decimal("9000"), Decimal(0))
    later = position(terms("10000", "10", "ACT/365F"), txns, date(2025, 1, 11))
    assert cents(later.accrued_interest) == Decimal("24.66")  # 9,000 x 10% x 10/365 = 24.657


def test_a_payment_settles_rounded_interest_first_then_principal():
    txns = [Txn("payment", date(2025, 4, 1), Decimal("10000"))]
    at_payment = position(terms(), txns, date(2025, 4, 1))
    assert at_payment.principal_outstanding == Decimal("92958.90")  # 10,000 - 2,958.90 interest
    assert at_payment.accrued_interest == Decimal(0)
    later = position(terms(), txns, date(2025, 7, 1))
    assert cents(later.accrued_interest) == Decimal("2781.13")  # 92,958.90 x 12% x 91/365
    assert later.payoff_amount == Decimal("95740.03")


def test_a_payment_exactly_equal_to_the_interest_due_leaves_principal_and_clears_the_interest():
    # 10,000 x 10% x 181/365 = 495.890... -> 495.89 due on Jul 1
    txns = [Txn("payment", date(2025, 7, 1), Decimal("495.89"))]
    pos = position(terms("10000", "10"), txns, date(2025, 7, 1))
    assert (pos.principal_outstanding, pos.accrued_interest) == (Decimal("10000"), Decimal(0))
    [entry] = ledger(terms("10000", "10"), txns)
    assert (entry.split.interest, entry.split.principal) == (Decimal("495.89"), Decimal(0))


def test_a_payment_one_cent_above_the_interest_due_reduces_principal_by_one_cent():
    txns = [Txn("payment", date(2025, 7, 1), Decimal("495.90"))]
    pos = position(terms("10000", "10"), txns, date(2025, 7, 1))
    assert (pos.principal_outstanding, pos.accrued_interest) == (Decimal("9999.99"), Decimal(0))


def test_a_payment_smaller_than_the_interest_leaves_the_rest_of_the_interest_accrued():
    txns = [Txn("payment", date(2025, 7, 1), Decimal("100"))]
    pos = position(terms("10000", "10"), txns, date(2025, 7, 1))
    assert pos.principal_outstanding == Decimal("10000")
    assert to_20(pos.accrued_interest) == Decimal("395.89041095890410958904")  # 10,000 x 10% x 181/365 - 100


def test_interest_due_is_rounded_half_up_not_to_even():
    # 100 x 1.825% x 1/365 = 0.005 exactly: half-up gives 0.01 (banker's rounding would give 0.00)
    txns = [Txn("payment", date(2025, 1, 2), Decimal("1.00"))]
    pos = position(terms("100", "1.825", "ACT/365F"), txns, date(2025, 1, 2))
    assert pos.principal_outstanding == Decimal("99.01")
    assert cents(Decimal("0.005")) == Decimal("0.01")
    assert cents(Decimal("0.015")) == Decimal("0.02")


def test_a_rate_change_applies_from_its_effective_date_on():
    txns = [Txn("rate_change", date(2025, 3, 1), rate=Decimal("10"))]
    pos = position(terms("50000", "8", "ACT/360"), txns, date(2025, 5, 1))
    assert to_20(pos.accrued_interest) == Decimal("1502.77777777777777777778")  # 59 days at 8% + 61 days at 10%


def test_a_rate_change_to_zero_stops_interest():
    txns = [Txn("rate_change", date(2025, 1, 11), rate=Decimal("0"))]
    pos = position(terms("36500", "10", "ACT/365F"), txns, date(2025, 6, 1))
    assert pos.accrued_interest == Decimal("100")  # 36,500 x 10% x 10/365


def test_transactions_after_the_as_of_date_are_ignored():
    txns = [Txn("payment", date(2025, 6, 1), Decimal("5000"))]
    pos = position(terms(), txns, date(2025, 5, 1))
    assert pos.principal_outstanding == Decimal("100000")


def test_after_payoff_nothing_accrues():
    txns = [Txn("payment", date(2025, 1, 2), Decimal("100032.88"))]
    pos = position(terms(), txns, date(2026, 1, 1))
    assert (pos.principal_outstanding, pos.accrued_interest, pos.payoff_amount) == (Decimal(0), Decimal(0), Decimal(0))


@pytest.mark.parametrize("kind", ["write_off", "conversion"])
def test_a_write_off_or_conversion_ends_principal_and_interest(kind):
    txns = [Txn(kind, date(2025, 2, 1))]
    pos = position(terms(), txns, date(2025, 12, 1))
    assert (pos.principal_outstanding, pos.accrued_interest) == (Decimal(0), Decimal(0))


def test_a_funding_or_transfer_changes_no_figure():
    txns = [Txn("funding", date(2025, 1, 1), Decimal("100000")), Txn("transfer", date(2025, 2, 1))]
    pos = position(terms("36500", "10"), txns, date(2025, 1, 11))
    assert (pos.principal_outstanding, pos.accrued_interest) == (Decimal("36500"), Decimal("100"))


def test_a_note_without_a_rate_has_no_accrued_interest_rather_than_an_invented_one():
    pos = position(NoteTerms(Decimal("600000"), date(2005, 5, 18), None, ""), [], date(2006, 5, 18))
    assert (pos.principal_outstanding, pos.accrued_interest, pos.payoff_amount) == (Decimal("600000"), None, None)


def test_amounts_finer_than_a_cent_still_give_exact_positions():
    pos = position(terms("1000.005", "10", "ACT/360", date(2023, 1, 1)), [], date(2023, 1, 2))
    assert pos.principal_outstanding == Decimal("1000.005")
    assert to_20(pos.accrued_interest) == Decimal("0.27777916666666666667")  # 1,000.005 x 10% / 360


def test_rates_finer_than_a_millionth_of_a_percent_still_give_exact_interest():
    pos = position(terms("36500", "10.0000001", "ACT/365F"), [], date(2025, 1, 2))
    assert pos.accrued_interest == Decimal("10.0000001")  # 36,500 x 10.0000001% / 365


def test_the_ledger_gives_each_payment_its_payoff_before_and_its_split():
    txns = [Txn("payment", date(2025, 4, 1), Decimal("10000")), Txn("rate_change", date(2025, 5, 1), rate=Decimal("0")),
            Txn("payment", date(2025, 7, 1), Decimal("50"))]
    first, second = ledger(terms(), txns)
    assert (first.payoff_before, first.split.interest, first.split.principal) == (
        Decimal("102958.90"), Decimal("2958.90"), Decimal("7041.10"))
    # 92,958.90 x 12% x 30/365 = 916.85 accrued by May 1, then no more
    assert (second.payoff_before, second.split.interest, second.split.principal) == (
        Decimal("93875.75"), Decimal("50.00"), Decimal("0.00"))


def test_the_ledger_of_a_note_without_transactions_or_issue_date_is_empty():
    assert ledger(terms(), []) == []
    assert ledger(NoteTerms(Decimal("1"), None, None, ""), [Txn("payment", date(2025, 1, 1), Decimal("1"))]) == []


def test_a_note_with_a_day_count_but_no_rate_has_no_accrued_interest():
    pos = position(NoteTerms(Decimal("1000"), date(2025, 1, 1), None, "ACT/360"), [], date(2025, 6, 1))
    assert (pos.principal_outstanding, pos.accrued_interest, pos.payoff_amount) == (Decimal("1000"), None, None)


def test_transactions_given_out_of_order_are_applied_in_date_order():
    txns = [Txn("rate_change", date(2025, 1, 11), rate=Decimal("0")), Txn("rate_change", date(2025, 1, 6), rate=Decimal("20"))]
    pos = position(terms("36500", "10"), txns, date(2025, 6, 1))
    assert pos.accrued_interest == Decimal("150")  # 5 days at 10% (50) + 5 days at 20% (100), then nothing


def test_a_prepayment_reduces_principal_like_a_payment():
    txns = [Txn("prepayment", date(2025, 1, 11), Decimal("5100"))]
    pos = position(terms("36500", "10"), txns, date(2025, 1, 11))
    assert (pos.principal_outstanding, pos.accrued_interest) == (Decimal("31500"), Decimal(0))  # 100 interest first


def test_a_payment_finer_than_a_cent_is_applied_exactly():
    txns = [Txn("payment", date(2025, 1, 1), Decimal("100.005"))]
    pos = position(terms("1000", "10"), txns, date(2025, 1, 1))
    assert pos.principal_outstanding == Decimal("899.995")


def test_a_rate_change_finer_than_a_millionth_of_a_percent_is_applied_exactly():
    txns = [Txn("rate_change", date(2025, 1, 1), rate=Decimal("10.0000001"))]
    pos = position(terms("36500", "5"), txns, date(2025, 1, 2))
    assert pos.accrued_interest == Decimal("10.0000001")


def test_a_payment_finer_than_a_cent_after_interest_settles_the_interest_in_cents_first():
    txns = [Txn("payment", date(2025, 1, 11), Decimal("5100.005"))]
    pos = position(terms("36500", "10"), txns, date(2025, 1, 11))
    assert pos.principal_outstanding == Decimal("31499.995")  # 100.00 interest, 5,000.005 principal


def test_a_rate_on_a_payment_row_does_not_change_the_rate():
    txns = [Txn("payment", date(2025, 1, 6), Decimal("50"), rate=Decimal("20"))]
    pos = position(terms("36500", "10"), txns, date(2025, 1, 11))
    assert pos.accrued_interest == Decimal("50")  # 5 days of 50 paid, then 5 days at 10% again


def test_each_ledger_entry_names_its_transaction():
    payment = Txn("payment", date(2025, 4, 1), Decimal("10000"))
    [entry] = ledger(terms(), [payment])
    assert entry.transaction is payment
