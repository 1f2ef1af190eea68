"""The engine's facility features without a database: draws, floating resets, defaults, fees,
compounding, schedules and the totals a syndicate is shared from, each figure worked by hand.

Principal 1,000 or a 1,000,000 line, Actual/360 unless said: a day of 1,000,000 at 9% is 250.00.
"""

from datetime import date
from decimal import Decimal

from notes.interest import NoteTerms, capitalization_dates, ledger, position

D = Decimal


class Txn:
    def __init__(self, kind, day, amount=None, rate=None):
        self.kind, self.date, self.amount, self.rate = kind, day, amount, rate


def line(**extra):
    """A $1,000,000 revolver at 9% Actual/360 from Jan 1, 2025, available to Dec 31, 2025."""
    data = {"principal": D("1000000"), "issue_date": date(2025, 1, 1), "interest_rate": D("9"), "day_count": "ACT/360",
            "facility": "revolving", "commitment": D("1000000"), "availability_end": date(2025, 12, 31), **extra}
    return NoteTerms(**data)


def test_a_line_accrues_only_on_what_is_drawn_from_each_draw():
    pos = position(line(), [Txn("advance", date(2025, 1, 11), D("400000"))], date(2025, 1, 21))
    # 10 days x 400,000 x 9% / 360 = 1,000.00; nothing on the 10 undrawn days before.
    assert (pos.principal_outstanding, pos.accrued_interest) == (D("400000"), D("1000"))
    assert (pos.commitment, pos.available, pos.current_rate) == (D("1000000"), D("600000"), D("9"))


def test_a_repayment_reduces_principal_from_its_day_and_interest_stays_owed():
    txns = [Txn("advance", date(2025, 1, 1), D("360000")), Txn("repayment", date(2025, 1, 11), D("180000"))]
    pos = position(line(), txns, date(2025, 1, 21))
    # 10 days x 360,000 x 9% / 360 = 900.00, then 10 days x 180,000 = 450.00
    assert (pos.principal_outstanding, pos.accrued_interest, pos.available) == (D("180000"), D("1350"), D("820000"))


def test_a_delayed_draw_counts_every_advance_against_the_commitment():
    terms = line(facility="delayed_draw")
    txns = [Txn("advance", date(2025, 1, 1), D("700000")), Txn("repayment", date(2025, 2, 1), D("700000"))]
    assert position(terms, txns, date(2025, 2, 1)).available == D("300000")
    assert position(line(), txns, date(2025, 2, 1)).available == D("1000000")  # a revolver reborrows


def test_availability_ends_on_its_day_and_a_reduction_cuts_the_commitment():
    txns = [Txn("commitment_reduction", date(2025, 6, 1), D("250000"))]
    assert position(line(), txns, date(2025, 5, 31)).commitment == D("1000000")
    assert position(line(), txns, date(2025, 6, 1)).commitment == D("750000")
    assert position(line(), txns, date(2025, 12, 31)).available == D("750000")
    assert position(line(), txns, date(2026, 1, 1)).available == D("0")
    over = [Txn("commitment_reduction", date(2025, 6, 1), D("2000000"))]
    assert position(line(), over, date(2025, 6, 1)).commitment == D("0")


def test_the_ledger_shows_each_draw_with_the_figures_before_it():
    txns = [Txn("advance", date(2025, 1, 1), D("360000")), Txn("advance", date(2025, 1, 11), D("100000")),
            Txn("repayment", date(2025, 1, 21), D("60000"))]
    entries = ledger(line(), txns)
    assert [(e.principal_before, e.advanced_before, e.split) for e in entries] == [
        (D("0"), D("0"), None), (D("360000"), D("360000"), None), (D("460000"), D("460000"), None)]
    # Before the Jan 21 repayment: 900.00 + 10 days x 460,000 x 9% / 360 = 1,150.00 -> payoff 462,050.00
    assert entries[2].payoff_before == D("462050.00")


def test_floating_resets_apply_from_their_day_and_not_before_issue_or_after_the_date():
    terms = line(facility="term", principal=D("1000000"), commitment=None,
                 rate_changes=((date(2024, 12, 1), D("1")), (date(2025, 1, 11), D("18")), (date(2025, 2, 1), D("36"))))
    # 10 days at 9% = 2,500.00 and 10 days at 18% = 5,000.00; the Feb 1 reset is after the date.
    pos = position(terms, [], date(2025, 1, 21))
    assert (pos.accrued_interest, pos.current_rate) == (D("7500"), D("18"))


def test_a_default_spread_rides_on_the_rate_and_a_cure_ends_it():
    terms = line(facility="term", commitment=None, default_spread=D("9"), default_rate=D("50"))
    txns = [Txn("default", date(2025, 1, 11)), Txn("cure", date(2025, 1, 21))]
    # 10 days at 9% = 2,500; 10 days at 18% = 5,000; 10 days at 9% = 2,500
    pos = position(terms, txns, date(2025, 1, 31))
    assert (pos.accrued_interest, pos.current_rate) == (D("10000"), D("9"))
    absolute = line(facility="term", commitment=None, default_rate=D("27"))
    # The absolute rate when no spread: 10 days at 27% = 7,500
    assert position(absolute, txns[:1], date(2025, 1, 21)).accrued_interest == D("10000")
    assert position(line(facility="term", commitment=None), txns[:1], date(2025, 1, 21)).accrued_interest == D("5000")


def test_a_rate_change_in_default_keeps_the_spread_on_the_new_rate():
    terms = line(facility="term", commitment=None, default_spread=D("9"))
    txns = [Txn("default", date(2025, 1, 1)), Txn("rate_change", date(2025, 1, 11), rate=D("27"))]
    # 10 days at 18% = 5,000; 10 days at 36% = 10,000
    pos = position(terms, txns, date(2025, 1, 21))
    assert (pos.accrued_interest, pos.current_rate) == (D("15000"), D("36"))


def test_the_commitment_fee_runs_on_the_unused_amount_until_availability_ends():
    terms = line(commitment_fee_rate=D("0.36"), availability_end=date(2025, 1, 21))
    txns = [Txn("advance", date(2025, 1, 11), D("500000"))]
    # 1,000,000 x 0.36% / 360 = 10.00 a day unused: 10 days = 100.00; then 500,000 unused 10 days = 50.00;
    # nothing after Jan 21.
    pos = position(terms, txns, date(2025, 2, 1))
    assert pos.accrued_fees == D("150")
    assert pos.payoff_amount == D("500000") + pos.accrued_interest.quantize(D("0.01")) + D("150.00")
    paid = position(terms, [*txns, Txn("fee", date(2025, 1, 21), D("100"))], date(2025, 2, 1))
    assert paid.accrued_fees == D("50")
    cleared = position(terms, [*txns, Txn("fee", date(2025, 1, 21), D("150"))], date(2025, 2, 1))
    assert cleared.accrued_fees == D("0")
    own_basis = line(commitment_fee_rate=D("0.365"), fee_day_count="ACT/365F")
    # 1,000,000 x 0.365% / 365 = 10.00 a day
    assert position(own_basis, [], date(2025, 1, 11)).accrued_fees == D("100")
    assert position(line(), [], date(2025, 1, 11)).accrued_fees is None


def test_compounding_dates_follow_the_anchor_and_the_month_end():
    terms = line(facility="term", commitment=None, compounding_months=1, compounding_anchor=date(2024, 12, 31))
    assert capitalization_dates(terms, date(2025, 4, 30)) == [
        date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31), date(2025, 4, 30)]
    assert capitalization_dates(line(facility="term", commitment=None), date(2026, 1, 1)) == []
    quarterly = line(facility="term", commitment=None, compounding_months=3)
    assert capitalization_dates(quarterly, date(2025, 7, 1)) == [date(2025, 4, 1), date(2025, 7, 1)]


def test_compounding_adds_the_unpaid_interest_and_the_next_period_bears_interest_on_it():
    terms = NoteTerms(D("1000"), date(2025, 1, 1), D("36"), "30/360", compounding_months=1)
    # Feb 1: 1,000 x 3% = 30.00 -> 1,030.00; Mar 1: 1,030 x 3% = 30.90 -> 1,060.90
    pos = position(terms, [], date(2025, 3, 1))
    assert (pos.principal_outstanding, pos.accrued_interest, pos.capitalized_interest) == (D("1060.90"), D("0"), D("60.90"))
    assert pos.capitalizations == ((date(2025, 2, 1), D("30.00")), (date(2025, 3, 1), D("30.90")))
    assert pos.interest_since == date(2025, 3, 1)
    # Fifteen days later: 1,060.90 x 36% x 15/360 = 15.9135
    assert position(terms, [], date(2025, 3, 16)).accrued_interest == D("15.9135")


def test_scheduled_principal_is_past_due_until_repaid():
    terms = NoteTerms(D("1000"), date(2025, 1, 1), D("0"), "30/360",
                      scheduled=((date(2025, 2, 1), D("100")), (date(2025, 3, 1), D("100"))))
    assert position(terms, [], date(2025, 1, 31)).scheduled_principal_past_due == D("0")
    assert position(terms, [], date(2025, 2, 1)).scheduled_principal_past_due == D("100")
    paid = [Txn("payment", date(2025, 2, 1), D("150"))]
    assert position(terms, paid, date(2025, 3, 1)).scheduled_principal_past_due == D("50")
    assert position(terms, [*paid, Txn("payment", date(2025, 3, 1), D("850"))], date(2025, 3, 1)
                    ).scheduled_principal_past_due == D("0")
    assert position(NoteTerms(D("1000"), date(2025, 1, 1), D("0"), "30/360"), [], date(2025, 3, 1)
                    ).scheduled_principal_past_due is None


def test_the_interest_total_counts_paid_and_unpaid_and_since_moves_only_on_a_full_payment():
    terms = NoteTerms(D("1000"), date(2025, 1, 1), D("36"), "30/360")
    partial = [Txn("payment", date(2025, 2, 1), D("10"))]
    pos = position(terms, partial, date(2025, 3, 1))
    # 30.00 a month: 60.00 accrued in all, 10.00 paid
    assert (pos.interest_accrued_total, pos.accrued_interest, pos.interest_since) == (D("60"), D("50"), date(2025, 1, 1))
    full = position(terms, [Txn("payment", date(2025, 2, 1), D("30"))], date(2025, 3, 1))
    assert (full.interest_accrued_total, full.accrued_interest, full.interest_since) == (D("60"), D("30"), date(2025, 2, 1))
    before = position(terms, [], date(2024, 12, 1))
    assert (before.interest_accrued_total, before.interest_since) == (None, None)


def test_before_issue_a_line_has_its_commitment_and_nothing_available():
    pos = position(line(), [], date(2024, 12, 31))
    assert (pos.commitment, pos.available, pos.current_rate, pos.accrued_interest) == (D("1000000"), D("0"), None, D("0"))
    term = position(line(facility="term", commitment=None), [], date(2024, 12, 31))
    assert (term.commitment, term.available) == (None, None)


def test_a_reset_on_the_issue_date_is_the_issue_rate_and_one_on_the_as_of_date_counts():
    terms = line(facility="term", commitment=None, rate_changes=((date(2025, 1, 1), D("90")), (date(2025, 1, 11), D("18"))))
    assert position(terms, [], date(2025, 1, 11)).current_rate == D("18")
    # The Jan 1 entry is the rate on the issue date, already `interest_rate`: 10 days at 9% = 2,500
    assert position(terms, [], date(2025, 1, 11)).accrued_interest == D("2500")
    assert position(terms, [], date(2025, 1, 10)).current_rate == D("9")


def test_no_default_rate_runs_without_a_default_entry():
    terms = line(facility="term", commitment=None, default_spread=D("9"))
    assert position(terms, [], date(2025, 1, 11)).accrued_interest == D("2500")


def test_interest_paid_on_a_compounding_date_is_not_capitalized():
    terms = NoteTerms(D("1000"), date(2025, 1, 1), D("36"), "30/360", compounding_months=1)
    pos = position(terms, [Txn("payment", date(2025, 2, 1), D("30"))], date(2025, 2, 1))
    assert (pos.principal_outstanding, pos.capitalized_interest, pos.capitalizations) == (D("1000"), D("0"), ())


def test_the_fee_with_no_availability_end_on_a_fully_drawn_line_and_on_a_delayed_draw():
    open_ended = line(commitment_fee_rate=D("0.36"), availability_end=None)
    # 10 days unused 1,000,000 at 0.36% / 360 = 100.00; fully drawn from Jan 11: nothing more.
    drawn = [Txn("advance", date(2025, 1, 11), D("1000000"))]
    assert position(open_ended, drawn, date(2025, 3, 1)).accrued_fees == D("100")
    delayed = line(facility="delayed_draw", commitment_fee_rate=D("0.36"))
    txns = [Txn("advance", date(2025, 1, 1), D("500000")), Txn("repayment", date(2025, 1, 2), D("500000"))]
    # A delayed draw's repaid amount is not available again, so no fee on it: 500,000 unused = 5.00 a day.
    assert position(delayed, txns, date(2025, 1, 11)).accrued_fees == D("50")


def test_the_interest_total_adds_every_segment():
    terms = NoteTerms(D("1000"), date(2025, 1, 1), D("36"), "30/360")
    txns = [Txn("rate_change", date(2025, 2, 1), rate=D("72")), Txn("rate_change", date(2025, 3, 1), rate=D("36"))]
    # Jan at 3% = 30, Feb at 6% = 60, Mar at 3% = 30
    assert position(terms, txns, date(2025, 4, 1)).interest_accrued_total == D("120")


def test_payment_entries_of_a_line_carry_the_figures_before_them():
    txns = [Txn("advance", date(2025, 1, 1), D("360000")), Txn("payment", date(2025, 1, 11), D("10900")),
            Txn("repayment", date(2025, 1, 21), D("100000"))]
    entries = ledger(line(), txns)
    assert [e.transaction for e in entries] == txns
    pay = entries[1]
    # 10 days x 360,000 x 9% / 360 = 900.00 of interest, then 10,000 of principal
    assert (pay.principal_before, pay.commitment_before, pay.advanced_before) == (D("360000"), D("1000000"), D("360000"))
    assert (pay.split.interest, pay.split.principal) == (D("900.00"), D("10000.00"))
    assert entries[2].commitment_before == D("1000000")
    assert ledger(line(facility="term", commitment=None), txns[1:2])[0].commitment_before is None


def test_scheduled_principal_counts_every_payment_and_repayment():
    terms = line(scheduled=((date(2025, 2, 1), D("300000")),))
    txns = [Txn("advance", date(2025, 1, 1), D("500000")), Txn("repayment", date(2025, 1, 10), D("100000")),
            Txn("repayment", date(2025, 1, 20), D("150000"))]
    assert position(terms, txns, date(2025, 2, 1)).scheduled_principal_past_due == D("50000")
    # Payments split interest first: Jan 11, 101,250 = 10 days x 500,000 x 9% / 360 (1,250) + 100,000;
    # Jan 21, 100,000 = 10 days x 400,000 x 9% / 360 (1,000) + 99,000: 199,000 of 300,000 repaid.
    paid = [Txn("advance", date(2025, 1, 1), D("500000")), Txn("payment", date(2025, 1, 11), D("101250")),
            Txn("payment", date(2025, 1, 21), D("100000"))]
    assert position(terms, paid, date(2025, 2, 1)).scheduled_principal_past_due == D("101000")
