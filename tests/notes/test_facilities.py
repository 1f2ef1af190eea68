"""Revolving and delayed-draw facilities on a floating rate, with figures computed by hand.

The revolver of these tests: a $1,000,000 line from 2025-01-01 to 2026-01-01 at "Test Prime"
minus 1.00% with a 3.00% floor, Actual/360. Test Prime is 4.00% from Jan 1, 3.50% from Feb 15,
5.25% from Mar 10, so the all-in rate is 3.00% (4.00 - 1.00) from Jan 1, 3.00% again from Feb 15
(3.50 - 1.00 = 2.50, below the floor) and 4.25% from Mar 10.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from notes.models import Facility, NoteStatus, NoteTransaction
from notes.selectors import note_position, positions_for, rate_explanation
from notes.services import note_create, note_transaction_record, note_transaction_void
from rates.models import RateIndex
from rates.services import rate_value_delete, rate_value_record
from tests.factories import PartyFactory
from tests.notes.factories import NoteFactory

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def prime(db):
    index = RateIndex.objects.create(name="Test Prime")
    for day, rate in [(date(2025, 1, 1), "4.00"), (date(2025, 2, 15), "3.50"), (date(2025, 3, 10), "5.25")]:
        rate_value_record(index=index, effective_date=day, rate=D(rate), by=None)
    return index


def revolver(matter, prime, **extra):
    data = {
        "facility": Facility.REVOLVING, "commitment": D("1000000.00"), "principal": D("1000000.00"),
        "purchase_price": None, "interest_rate": None, "rate_index": prime, "spread": D("-1.00"),
        "rate_floor": D("3.00"), "day_count": "ACT/360", "issue_date": date(2025, 1, 1),
        "maturity_date": date(2026, 1, 1), **extra,
    }
    return NoteFactory(matter=matter, **data)


def record(note, kind, day, amount):
    return note_transaction_record(note=note, kind=kind, date=day, amount=D(amount))


def draws(note):
    record(note, "advance", date(2025, 1, 10), "500000.00")
    record(note, "advance", date(2025, 2, 1), "400000.00")     # principal 900,000
    record(note, "repayment", date(2025, 2, 20), "600000.00")  # principal 300,000
    record(note, "advance", date(2025, 3, 1), "650000.00")     # reborrowed: principal 950,000


def test_a_revolver_with_draws_repayments_and_reborrowing_on_prime_minus_one_with_a_floor(matter, prime):
    note = revolver(matter, prime)
    draws(note)
    pos = note_position(note, date(2025, 4, 1))
    # Interest, Actual/360, each segment principal x rate x days / 360:
    #   Jan 10-Feb 1  22 days x 500,000 x 3.00% / 360 =   916.666667
    #   Feb 1-Feb 20  19 days x 900,000 x 3.00% / 360 = 1,425.000000 (floor from Feb 15: still 3.00%)
    #   Feb 20-Mar 1   9 days x 300,000 x 3.00% / 360 =   225.000000
    #   Mar 1-Mar 10   9 days x 950,000 x 3.00% / 360 =   712.500000
    #   Mar 10-Apr 1  22 days x 950,000 x 4.25% / 360 = 2,467.361111
    #   total 5,746.527778 -> 5,746.53
    assert pos.principal_outstanding == D("950000.00")
    assert round(pos.accrued_interest, 6) == D("5746.527778")
    assert pos.payoff_amount == D("955746.53")
    assert (pos.commitment, pos.available, pos.current_rate) == (D("1000000.00"), D("50000.00"), D("4.25"))
    assert rate_explanation(note, date(2025, 2, 20)) == "Test Prime 3.50% - 1.00% = 2.50%; floor 3.00% applies: 3.00%"
    assert rate_explanation(note, date(2025, 4, 1)) == "Test Prime 5.25% - 1.00% = 4.25%"
    # A payment settles the interest first: 10,000 = 5,746.53 interest + 4,253.47 principal.
    payment = record(note, "payment", date(2025, 4, 1), "10000.00")
    assert (payment.interest_paid, payment.principal_paid) == (D("5746.53"), D("4253.47"))
    assert note_position(note, date(2025, 4, 1)).principal_outstanding == D("945746.53")
    # The dashboard's batch read gives the same figures as the single read.
    assert positions_for([note], date(2025, 4, 1))[note.pk] == note_position(note, date(2025, 4, 1))


def test_an_index_value_recorded_later_resplits_the_payments_it_reaches(matter, prime):
    note = revolver(matter, prime)
    draws(note)
    payment = record(note, "payment", date(2025, 4, 1), "10000.00")
    rate_value_record(index=prime, effective_date=date(2025, 3, 20), rate=D("6.00"), by=None)
    # From Mar 20 the all-in rate is 6.00 - 1.00 = 5.00%; the Mar 10-Apr 1 segment becomes
    #   Mar 10-Mar 20 10 days x 950,000 x 4.25% / 360 = 1,121.527778
    #   Mar 20-Apr 1  12 days x 950,000 x 5.00% / 360 = 1,583.333333
    # total 916.666667 + 1,425 + 225 + 712.5 + 1,121.527778 + 1,583.333333 = 5,984.027778 -> 5,984.03,
    # so the 10,000 splits 5,984.03 interest + 4,015.97 principal (it was 5,746.53 + 4,253.47).
    payment.refresh_from_db()
    assert (payment.interest_paid, payment.principal_paid) == (D("5984.03"), D("4015.97"))


def test_an_advance_above_availability_is_refused_with_the_figures_and_nothing_is_saved(matter, prime):
    note = revolver(matter, prime)
    draws(note)
    with pytest.raises(ValidationError) as refused:
        record(note, "advance", date(2025, 3, 15), "100000.00")
    assert refused.value.message_dict["amount"] == [
        "The advance of 100,000.00 on Mar 15, 2025 would bring principal to 1,050,000.00, above the commitment "
        "of 1,000,000.00: 50,000.00 is available."
    ]
    assert NoteTransaction.objects.filter(note=note).count() == 4


def test_a_backdated_advance_that_breaks_a_later_one_is_refused(matter, prime):
    note = revolver(matter, prime)
    draws(note)
    # 200,000 on Feb 25 fits then (300,000 -> 500,000) but the Mar 1 advance would reach 1,150,000.
    with pytest.raises(ValidationError) as refused:
        record(note, "advance", date(2025, 2, 25), "200000.00")
    assert "later advance (draw) on Mar 01, 2025" in refused.value.message_dict["amount"][0]
    assert "1,150,000.00" in refused.value.message_dict["amount"][0]


def test_a_repayment_above_principal_and_a_commitment_cut_below_it_are_refused(matter, prime):
    note = revolver(matter, prime)
    draws(note)
    with pytest.raises(ValidationError) as repay:
        record(note, "repayment", date(2025, 3, 2), "950000.01")
    assert repay.value.message_dict["amount"] == [
        "The repayment of 950,000.01 on Mar 02, 2025 is more than the principal outstanding of 950,000.00."
    ]
    with pytest.raises(ValidationError) as cut:
        record(note, "commitment_reduction", date(2025, 3, 2), "100000.00")
    assert "leaves 900,000.00, below the principal outstanding of 950,000.00" in cut.value.message_dict["amount"][0]
    # A cut that leaves enough is a dated entry: availability falls from that day on.
    record(note, "commitment_reduction", date(2025, 3, 2), "40000.00")
    assert note_position(note, date(2025, 3, 1)).available == D("50000.00")
    later = note_position(note, date(2025, 3, 2))
    assert (later.commitment, later.available) == (D("960000.00"), D("10000.00"))


def test_voiding_an_advance_that_a_later_repayment_needs_is_refused(matter, prime):
    note = revolver(matter, prime)
    draws(note)
    first = note.transactions.get(date=date(2025, 1, 10))
    with pytest.raises(ValidationError) as refused:
        note_transaction_void(transaction=first, reason="entered twice", by=None)
    assert "later repayment of principal on Feb 20, 2025" in refused.value.message_dict["amount"][0]


def test_a_revolver_repaid_to_zero_stays_open_and_is_repaid_when_availability_ends(matter, prime):
    note = revolver(matter, prime, day_count="ACT/360")
    record(note, "advance", date(2025, 1, 10), "1000.00")
    record(note, "repayment", date(2025, 2, 10), "1000.00")
    note.refresh_from_db()
    assert note.status == NoteStatus.OUTSTANDING
    assert note_position(note, date(2025, 2, 10)).available == D("1000000.00")
    record(note, "advance", date(2025, 3, 1), "2000.00")
    assert note_position(note, date(2026, 1, 2)).available == D("0")  # availability ended with maturity


def test_a_delayed_draw_facility_is_not_reborrowed(matter, prime):
    note = revolver(matter, prime, facility=Facility.DELAYED_DRAW, availability_end=date(2025, 6, 30))
    record(note, "advance", date(2025, 1, 10), "600000.00")
    record(note, "repayment", date(2025, 2, 1), "600000.00")
    assert note_position(note, date(2025, 2, 1)).available == D("400000.00")
    with pytest.raises(ValidationError) as refused:
        record(note, "advance", date(2025, 3, 1), "400000.01")
    assert "would bring advances to 1,000,000.01" in refused.value.message_dict["amount"][0]
    with pytest.raises(ValidationError) as late:
        record(note, "advance", date(2025, 7, 1), "1.00")
    assert late.value.message_dict["date"] == ["Advances can be made until Jun 30, 2025, when availability ends."]


def test_a_term_note_takes_no_advances_and_its_figures_are_unchanged(matter):
    note = NoteFactory(matter=matter, principal=D("1000"), interest_rate=D("10"), day_count="ACT/360")
    with pytest.raises(ValidationError) as refused:
        record(note, "advance", date(2025, 2, 1), "100.00")
    assert "A term note is funded once" in refused.value.message_dict["kind"][0]
    pos = note_position(note, date(2025, 3, 1))  # 1,000 x 10% x 59 / 360 = 16.388889
    assert (pos.principal_outstanding, pos.payoff_amount, pos.commitment, pos.available) == (
        D("1000"), D("1016.39"), None, None)


def test_floating_terms_that_give_no_rate_are_refused_at_the_field(matter, prime):
    data = {
        "issuer": matter.client, "holder": PartyFactory(), "principal": D("100000"), "facility": "revolving",
        "commitment": D("100000"), "rate_index": prime, "spread": D("-1.00"), "day_count": "ACT/360",
        "issue_date": date(2024, 12, 31), "maturity_date": date(2026, 1, 1),
    }
    with pytest.raises(ValidationError) as missing:
        note_create(matter=matter, data=data, by=None)
    assert missing.value.message_dict["rate_index"] == [
        "Test Prime has no value on or before 2024-12-31; record the rate in effect on that day."
    ]
    rate_value_record(index=prime, effective_date=date(2025, 5, 1), rate=D("0.50"), by=None)
    with pytest.raises(ValidationError) as negative:
        note_create(matter=matter, data={**data, "issue_date": date(2025, 1, 1)}, by=None)
    assert "below zero and no floor is set" in negative.value.message_dict["rate_floor"][0]
    with pytest.raises(ValidationError) as both:
        note_create(matter=matter, data={**data, "issue_date": date(2025, 1, 1), "interest_rate": D("5")}, by=None)
    assert "leave the fixed rate empty" in both.value.message_dict["interest_rate"][0]
    with pytest.raises(ValidationError) as no_commitment:
        note_create(matter=matter, data={**data, "commitment": None, "rate_floor": D("0")}, by=None)
    assert "needs its commitment amount" in no_commitment.value.message_dict["commitment"][0]


def test_deleting_the_index_value_a_note_accrues_on_is_refused_naming_the_note(matter, prime):
    note = revolver(matter, prime, title="The Line")
    draws(note)
    first = prime.values.get(effective_date=date(2025, 1, 1))
    pk = first.pk
    with pytest.raises(ValidationError) as refused:
        rate_value_delete(value=first)
    assert refused.value.messages[0].startswith("The Line: Test Prime has no value on or before 2025-01-01")
    assert prime.values.filter(pk=pk).exists()


def test_a_default_rate_runs_from_the_default_to_its_cure(matter):
    note = NoteFactory(matter=matter, principal=D("100000"), interest_rate=D("10"), day_count="ACT/360",
                       default_spread=D("2.00"))
    record_kind = note_transaction_record
    record_kind(note=note, kind="default", date=date(2025, 3, 1), memo="Payment default, §6.1(a)")
    note.refresh_from_db()
    assert note.status == NoteStatus.IN_DEFAULT
    assert rate_explanation(note, date(2025, 3, 15)) == "Fixed 10.00%; in default since Mar 01, 2025: 10.00% + 2.00% = 12.00%"
    with pytest.raises(ValidationError) as twice:
        record_kind(note=note, kind="default", date=date(2025, 3, 10))
    assert twice.value.message_dict["date"] == [
        "The note is already in default on Mar 10, 2025 (since Mar 01, 2025): record its cure first."]
    record_kind(note=note, kind="cure", date=date(2025, 4, 1))
    note.refresh_from_db()
    assert note.status == NoteStatus.OUTSTANDING
    # Jan 1-Mar 1  59 days x 100,000 x 10% / 360 = 1,638.888889
    # Mar 1-Apr 1  31 days x 100,000 x 12% / 360 = 1,033.333333 (10% + 2% default spread)
    # Apr 1-May 1  30 days x 100,000 x 10% / 360 =   833.333333
    # total 3,505.555556 -> 3,505.56
    pos = note_position(note, date(2025, 5, 1))
    assert (round(pos.accrued_interest, 6), pos.current_rate) == (D("3505.555556"), D("10"))
    assert note_position(note, date(2025, 3, 15)).current_rate == D("12")
    with pytest.raises(ValidationError) as nothing:
        record_kind(note=note, kind="cure", date=date(2025, 4, 15))
    assert nothing.value.message_dict["date"] == ["The note is not in default on Apr 15, 2025: there is nothing to cure."]


def test_a_default_spread_follows_a_floating_rate_and_an_absolute_default_rate_replaces_it(matter, prime):
    note = revolver(matter, prime, default_spread=D("2.00"))
    draws(note)
    note_transaction_record(note=note, kind="default", date=date(2025, 3, 5))
    # 3.00% + 2.00% from Mar 5; prime moves to 5.25% on Mar 10: 4.25% + 2.00% = 6.25%.
    assert note_position(note, date(2025, 3, 6)).current_rate == D("5.00")
    assert note_position(note, date(2025, 3, 15)).current_rate == D("6.25")
    fixed = NoteFactory(matter=matter, principal=D("1000"), interest_rate=D("10"), day_count="ACT/360",
                        default_rate=D("18"))
    note_transaction_record(note=fixed, kind="default", date=date(2025, 2, 1))
    # Jan 1-Feb 1 31 days x 1,000 x 10% / 360 = 8.611111; Feb 1-Mar 1 28 days x 18% / 360 = 14.000000
    assert round(note_position(fixed, date(2025, 3, 1)).accrued_interest, 6) == D("22.611111")
    plain = NoteFactory(matter=matter, principal=D("1000"), interest_rate=D("10"), day_count="ACT/360")
    with pytest.raises(ValidationError) as refused:
        note_transaction_record(note=plain, kind="default", date=date(2025, 2, 1))
    assert refused.value.message_dict["kind"] == [
        "Record the note's default rate or default spread (its terms) before recording a default."]


def test_voiding_the_default_ends_the_default_rate_and_the_status(matter):
    note = NoteFactory(matter=matter, principal=D("1000"), interest_rate=D("10"), day_count="ACT/360",
                       default_rate=D("18"))
    entry = note_transaction_record(note=note, kind="default", date=date(2025, 2, 1))
    note_transaction_void(transaction=entry, reason="recorded on the wrong note", by=None)
    note.refresh_from_db()
    assert note.status == NoteStatus.OUTSTANDING
    assert round(note_position(note, date(2025, 3, 1)).accrued_interest, 6) == D("16.388889")  # 59 days at 10%


def test_a_commitment_fee_accrues_on_the_daily_unused_amount(matter, prime):
    note = revolver(matter, prime, commitment_fee_rate=D("0.25"))
    draws(note)
    # Unused commitment each day, x 0.25% / 360 (the note's Actual/360):
    #   Jan 1-Jan 10   9 days x 1,000,000 =  9,000,000
    #   Jan 10-Feb 1  22 days x   500,000 = 11,000,000
    #   Feb 1-Feb 20  19 days x   100,000 =  1,900,000
    #   Feb 20-Mar 1   9 days x   700,000 =  6,300,000
    #   Mar 1-Apr 1   31 days x    50,000 =  1,550,000
    #   29,750,000 day-dollars x 0.0025 / 360 = 206.597222 -> 206.60
    pos = note_position(note, date(2025, 4, 1))
    assert round(pos.accrued_fees, 6) == D("206.597222")
    assert pos.payoff_amount == D("950000.00") + D("5746.53") + D("206.60")
    with pytest.raises(ValidationError) as refused:
        note_transaction_record(note=note, kind="fee", date=date(2025, 4, 1), amount=D("206.61"))
    assert refused.value.message_dict["amount"] == [
        "The fee payment of 206.61 on Apr 01, 2025 is more than the fees due of 206.60."]
    note_transaction_record(note=note, kind="fee", date=date(2025, 4, 1), amount=D("206.60"))
    after = note_position(note, date(2025, 4, 1))
    assert (after.accrued_fees, after.payoff_amount) == (D("0"), D("955746.53"))
    # No fee after availability ends (the maturity date, Jan 1, 2026): Apr 1-Jan 1 is 275 days x 50,000.
    late = note_position(note, date(2026, 3, 1))
    assert round(late.accrued_fees, 6) == round(D("50000") * 275 * D("0.0025") / 360, 6)


def test_a_term_note_charges_no_commitment_fee(matter):
    note = NoteFactory(matter=matter, principal=D("1000"), interest_rate=D("10"), day_count="ACT/360")
    with pytest.raises(ValidationError) as refused:
        note_transaction_record(note=note, kind="fee", date=date(2025, 2, 1), amount=D("1.00"))
    assert "No fee is owed on this note" in refused.value.message_dict["kind"][0]
    assert note_position(note, date(2025, 3, 1)).accrued_fees is None


def test_an_18_percent_loan_compounded_monthly_over_a_year(matter, client_as, counsel):
    note = NoteFactory(matter=matter, principal=D("100000.00"), interest_rate=D("18"), day_count="30/360",
                       issue_date=date(2025, 1, 1), compounding_months=1)
    # 30/360: each month is 30/360 of a year, so a month's interest is principal x 18% / 12 = 1.5%,
    # rounded to the cent and added to principal on the 1st:
    #    1 Feb  100,000.00 x 1.5% = 1,500.00      -> 101,500.00
    #    1 Mar  101,500.00 x 1.5% = 1,522.50      -> 103,022.50
    #    1 Apr  103,022.50 x 1.5% = 1,545.3375    -> 1,545.34 -> 104,567.84
    #    1 May  104,567.84 x 1.5% = 1,568.5176    -> 1,568.52 -> 106,136.36
    #    1 Jun  106,136.36 x 1.5% = 1,592.0454    -> 1,592.05 -> 107,728.41
    #    1 Jul  107,728.41 x 1.5% = 1,615.92615   -> 1,615.93 -> 109,344.34
    #    1 Aug  109,344.34 x 1.5% = 1,640.1651    -> 1,640.17 -> 110,984.51
    #    1 Sep  110,984.51 x 1.5% = 1,664.76765   -> 1,664.77 -> 112,649.28
    #    1 Oct  112,649.28 x 1.5% = 1,689.7392    -> 1,689.74 -> 114,339.02
    #    1 Nov  114,339.02 x 1.5% = 1,715.0853    -> 1,715.09 -> 116,054.11
    #    1 Dec  116,054.11 x 1.5% = 1,740.81165   -> 1,740.81 -> 117,794.92
    #    1 Jan  117,794.92 x 1.5% = 1,766.9238    -> 1,766.92 -> 119,561.84
    pos = note_position(note, date(2026, 1, 1))
    assert (pos.principal_outstanding, pos.accrued_interest) == (D("119561.84"), D("0"))
    assert pos.capitalized_interest == D("19561.84")
    assert [amount for _, amount in pos.capitalizations][:4] == [D("1500.00"), D("1522.50"), D("1545.34"), D("1568.52")]
    assert pos.capitalizations[-1] == (date(2026, 1, 1), D("1766.92"))
    # Mid-month, interest accrues on the compounded principal: Jan 1-Jan 16 is 15/360 x 18% = 0.75%.
    mid = note_position(note, date(2026, 1, 16))
    assert round(mid.accrued_interest, 6) == D("896.7138")  # 119,561.84 x 0.0075
    page = client_as(counsel).get(f"/notes/{note.pk}/?as_of=2026-01-01")
    assert b'data-testid="capitalizations"' in page.content and b"19,561.84" in page.content


def test_interest_paid_on_the_compounding_date_is_not_capitalized(matter):
    note = NoteFactory(matter=matter, principal=D("100000.00"), interest_rate=D("18"), day_count="30/360",
                       issue_date=date(2025, 1, 1), compounding_months=1)
    paid = note_transaction_record(note=note, kind="payment", date=date(2025, 2, 1), amount=D("1500.00"))
    assert (paid.interest_paid, paid.principal_paid) == (D("1500.00"), D("0.00"))
    pos = note_position(note, date(2025, 3, 1))  # only March's 1,500.00 is capitalized
    assert (pos.principal_outstanding, pos.capitalized_interest) == (D("101500.00"), D("1500.00"))
