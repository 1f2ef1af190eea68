"""Fees charged, costs, the order payments are applied in, prepayment premiums, late charges and
PIK interest, with every figure worked out by hand in the comments."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from notes.selectors import note_position, schedule_lines
from notes.services import note_transaction_record, note_update
from tests.notes.factories import NoteFactory

pytestmark = pytest.mark.django_db
D = Decimal


def term_loan(matter, **extra):
    """$100,000 at 12%, 30/360, issued Jan 1, 2025, maturing Jan 1, 2030: a month's interest is 1,000.00."""
    data = {"principal": D("100000.00"), "interest_rate": D("12"), "day_count": "30/360", "issue_date": date(2025, 1, 1),
            "maturity_date": date(2030, 1, 1), **extra}
    return NoteFactory(matter=matter, **data)


def test_a_payment_settles_fees_then_interest_then_principal_by_default(matter):
    note = term_loan(matter)
    note_transaction_record(note=note, kind="fee_charge", date=date(2025, 1, 1), amount=D("1000.00"), fee_type="closing")
    note_transaction_record(note=note, kind="cost_charge", date=date(2025, 1, 15), amount=D("250.00"), memo="Filing fees")
    # Jan 31: costs 250.00, then the closing fee 1,000.00, then interest Jan 1-31 (30/360: 30 days):
    # 100,000 x 12% x 30/360 = 1,000.00, then principal 2,750 - 250 - 1,000 - 1,000 = 500.00.
    paid = note_transaction_record(note=note, kind="payment", date=date(2025, 1, 31), amount=D("2750.00"))
    assert (paid.costs_paid, paid.fees_paid, paid.interest_paid, paid.principal_paid) == (
        D("250.00"), D("1000.00"), D("1000.00"), D("500.00"))
    assert paid.late_charges_paid is None and paid.premium_paid is None
    pos = note_position(note, date(2025, 1, 31))
    assert (pos.principal_outstanding, pos.accrued_fees, pos.costs) == (D("99500.00"), D("0"), D("0"))


def test_the_agreements_own_order_interest_before_fees(matter):
    note = term_loan(matter, payment_order=["costs", "late_charges", "interest", "fees", "principal"])
    note_transaction_record(note=note, kind="fee_charge", date=date(2025, 1, 1), amount=D("1000.00"), fee_type="amendment")
    # Jan 31: interest 1,000.00 first, then 500.00 of the 1,000.00 fee; nothing to principal.
    paid = note_transaction_record(note=note, kind="payment", date=date(2025, 1, 31), amount=D("1500.00"))
    assert (paid.interest_paid, paid.fees_paid, paid.principal_paid) == (D("1000.00"), D("500.00"), D("0.00"))
    pos = note_position(note, date(2025, 1, 31))
    assert pos.accrued_fees == D("500")
    # The payoff on Jan 31: 100,000 + 0 interest + 500 fee = 100,500.00
    assert pos.payoff_amount == D("100500.00")


def test_a_payment_above_everything_owed_is_refused_with_the_figures(matter):
    note = term_loan(matter)
    note_transaction_record(note=note, kind="fee_charge", date=date(2025, 1, 1), amount=D("1000.00"), fee_type="closing")
    # Owed on Jan 31: 100,000 + 1,000 interest + 1,000 fee = 102,000.00
    with pytest.raises(ValidationError) as refused:
        note_transaction_record(note=note, kind="payment", date=date(2025, 1, 31), amount=D("102000.01"))
    assert "larger than the payoff amount of 102000.00" in refused.value.message_dict["amount"][0]
    paid = note_transaction_record(note=note, kind="payment", date=date(2025, 1, 31), amount=D("102000.00"))
    assert paid.principal_paid == D("100000.00")


def test_a_fee_charged_needs_its_type_and_an_unowed_fee_payment_is_refused(matter):
    note = term_loan(matter)
    with pytest.raises(ValidationError) as no_type:
        note_transaction_record(note=note, kind="fee_charge", date=date(2025, 1, 1), amount=D("10.00"))
    assert "Choose which fee" in no_type.value.message_dict["fee_type"][0]
    with pytest.raises(ValidationError) as nothing_owed:
        note_transaction_record(note=note, kind="fee", date=date(2025, 1, 1), amount=D("10.00"))
    assert "No fee is owed" in nothing_owed.value.message_dict["kind"][0]
    assert not note.transactions.exists()


def test_the_prepayment_premium_steps_down_by_loan_year(matter):
    note = term_loan(matter, interest_rate=D("10"), prepayment_premium=[D("3"), D("2"), D("1")])
    # Year 1 runs Jan 1, 2025 - Dec 31, 2025 (3%); year 2 from Jan 1, 2026 (2%); year 3 from Jan 1,
    # 2027 (1%); none from Jan 1, 2028.
    assert note_position(note, date(2025, 12, 31)).prepayment_premium == D("3000.00")  # 100,000 x 3%
    assert note_position(note, date(2026, 1, 1)).prepayment_premium == D("2000.00")
    assert note_position(note, date(2028, 1, 1)).prepayment_premium == D("0.00")
    # Mar 1, 2026 (year 2): interest Jan 1, 2025 - Mar 1, 2026 = 14 months = 420 days (30/360):
    # 100,000 x 10% x 420/360 = 11,666.67. Of 62,666.67 paid, 51,000.00 is principal and premium:
    # principal 51,000 / 1.02 = 50,000.00, premium 1,000.00 (2% of it).
    paid = note_transaction_record(note=note, kind="prepayment", date=date(2026, 3, 1), amount=D("62666.67"))
    assert (paid.interest_paid, paid.principal_paid, paid.premium_paid) == (D("11666.67"), D("50000.00"), D("1000.00"))
    after = note_position(note, date(2026, 3, 1))
    # A payoff that day: 50,000 + premium 2% x 50,000 = 51,000.00
    assert (after.principal_outstanding, after.prepayment_premium, after.payoff_amount) == (
        D("50000.00"), D("1000.00"), D("51000.00"))
    # A scheduled payment (not a prepayment) bears no premium.
    regular = note_transaction_record(note=note, kind="payment", date=date(2026, 4, 1), amount=D("10416.67"))
    # Mar 1 - Apr 1 on 50,000: 50,000 x 10% x 30/360 = 416.67; principal 10,000.00
    assert (regular.interest_paid, regular.principal_paid, regular.premium_paid) == (D("416.67"), D("10000.00"), None)


def test_a_late_charge_after_the_grace_period_on_a_payment_date_moved_to_monday(matter):
    # $12,000 at 12% (30/360), interest monthly on the 1st: each month's interest is 120.00. Feb 1,
    # 2025 is a Saturday: that payment is due Monday Feb 3 (following). 10 days' grace runs through
    # Feb 13; unpaid on Feb 14, a late charge of 5% x 120.00 = 6.00 is charged.
    note = term_loan(matter, principal=D("12000.00"), maturity_date=date(2026, 1, 1), payment_terms="periodic_interest",
                     payment_frequency_months=1, late_charge_percent=D("5"), late_charge_grace_days=10)
    assert note_position(note, date(2025, 2, 13)).late_charges == D("0")
    assert note_position(note, date(2025, 2, 14)).late_charges == D("6")
    # Feb 20: 126.00 pays the late charge 6.00 first, then 120.00 of the interest accrued Jan 1 - Feb 20
    # (30/360: 49 days, 12,000 x 12% x 49/360 = 196.00), leaving 76.00 of interest unpaid.
    paid = note_transaction_record(note=note, kind="payment", date=date(2025, 2, 20), amount=D("126.00"))
    assert (paid.late_charges_paid, paid.interest_paid, paid.principal_paid) == (D("6.00"), D("120.00"), D("0.00"))
    pos = note_position(note, date(2025, 2, 20))
    assert (pos.late_charges, pos.accrued_interest) == (D("0"), D("76"))
    # Mar 1 is a Saturday too: due Mar 3, late from Mar 14. Interest billed through Mar 1: 240.00 in
    # all, 120.00 paid: 120.00 overdue, another 6.00 on Mar 14 unless paid by Mar 13.
    note_transaction_record(note=note, kind="payment", date=date(2025, 3, 13), amount=D("120.00"))
    assert note_position(note, date(2025, 3, 14)).late_charges == D("0")


def test_a_payment_within_the_grace_period_bears_no_late_charge(matter):
    note = term_loan(matter, principal=D("12000.00"), maturity_date=date(2026, 1, 1), payment_terms="periodic_interest",
                     payment_frequency_months=1, late_charge_percent=D("5"), late_charge_grace_days=10)
    # Feb 13, the last day of grace: interest Jan 1 - Feb 13 = 42 days: 12,000 x 12% x 42/360 = 168.00.
    note_transaction_record(note=note, kind="payment", date=date(2025, 2, 13), amount=D("168.00"))
    assert note_position(note, date(2025, 2, 28)).late_charges == D("0")


def test_pik_interest_is_added_to_principal_on_each_payment_date(matter):
    # Quarterly on Apr 1, Jul 1, Oct 1 (all business days in 2025), 12% (30/360: 3% a quarter):
    # Apr 1: 100,000 x 3% = 3,000.00 -> 103,000.00; Jul 1: 103,000 x 3% = 3,090.00 -> 106,090.00;
    # Oct 1: 106,090 x 3% = 3,182.70 -> 109,272.70.
    note = term_loan(matter, maturity_date=date(2026, 1, 1), payment_terms="periodic_interest",
                     payment_frequency_months=3, pik=True)
    pos = note_position(note, date(2025, 10, 1))
    assert pos.capitalizations == ((date(2025, 4, 1), D("3000.00")), (date(2025, 7, 1), D("3090.00")),
                                   (date(2025, 10, 1), D("3182.70")))
    assert (pos.principal_outstanding, pos.capitalized_interest, pos.accrued_interest) == (
        D("109272.70"), D("9272.70"), D("0"))
    # Oct 1 - Dec 31 on 109,272.70 at 1% a month, 90 days: 3,278.181 -> 3,278.18 accrued
    assert note_position(note, date(2025, 12, 31)).accrued_interest.quantize(D("0.01")) == D("3278.18")


def test_pik_needs_its_payment_dates(matter):
    note = term_loan(matter)
    with pytest.raises(ValidationError) as refused:
        note_update(note=note, data={"pik": True}, by=None)
    assert "PIK interest is added on the interest payment dates" in refused.value.message_dict["payment_frequency_months"][0]


def test_an_annual_facility_fee_falls_due_on_the_issue_date_and_each_anniversary(matter):
    note = term_loan(matter, maturity_date=date(2027, 6, 30), annual_fee=D("10000.00"))
    # Due Jan 1, 2025 and Jan 1, 2026 by Jun 1, 2026 (and Jan 1, 2027 later): 20,000.00.
    assert note_position(note, date(2026, 6, 1)).accrued_fees == D("20000")
    note_transaction_record(note=note, kind="fee", date=date(2026, 6, 1), amount=D("10000.00"))
    assert note_position(note, date(2026, 6, 1)).accrued_fees == D("10000")
    assert note_position(note, date(2027, 1, 1)).accrued_fees == D("20000")


def test_the_schedule_projects_interest_and_fees_for_every_future_payment_date(matter):
    note = term_loan(matter, principal=D("12000.00"), maturity_date=date(2025, 7, 1), payment_terms="periodic_interest",
                     payment_frequency_months=3, annual_fee=D("500.00"))
    lines = schedule_lines(note, date(2025, 1, 15))
    # Apr 1: interest Jan 1 - Apr 1 = 12,000 x 3% = 360.00 and the fee of Jan 1, 500.00; the fee is
    # assumed paid then, so Jul 1 (maturity) has 360.00 of interest, no fee, and the 12,000.00 principal.
    assert [(x.due_date, x.kind, x.principal, x.interest, x.fees) for x in lines] == [
        (date(2025, 4, 1), "interest", D("0.00"), D("360.00"), D("500.00")),
        (date(2025, 7, 1), "maturity", D("12000.00"), D("360.00"), D("0.00")),
    ]


def test_the_api_takes_the_order_premium_and_late_charge_terms_and_shows_how_payments_applied(matter, api_as, counsel):
    api = api_as(counsel)
    base = {"matter": matter.pk, "issuer": matter.client.pk, "holder": matter.client.pk, "principal": "100000.00",
            "issue_date": "2025-01-01", "maturity_date": "2030-01-01", "interest_rate": "12", "day_count": "30/360"}
    bad = api.post("/api/v1/notes/", {**base, "payment_order": ["interest", "principal"], "prepayment_premium": ["101"]},
                   format="json")
    assert bad.status_code == 400
    assert "Name each of costs, late charges, fees, interest, principal once" in bad.json()["payment_order"][0]
    assert "between 0 and 100" in bad.json()["prepayment_premium"][0]
    made = api.post("/api/v1/notes/", {**base, "payment_order": ["costs", "late_charges", "interest", "fees", "principal"],
                                       "prepayment_premium": ["3", "2", "1"]}, format="json")
    assert made.status_code == 201, made.json()
    note_id = made.json()["id"]
    assert made.json()["prepayment_premium"] == ["3.0000", "2.0000", "1.0000"]
    no_type = api.post(f"/api/v1/notes/{note_id}/transactions/", {"kind": "fee_charge", "date": "2025-01-01", "amount": "1000"},
                       format="json")
    assert no_type.status_code == 400 and "fee_type" in no_type.json()
    assert api.post(f"/api/v1/notes/{note_id}/transactions/", {"kind": "fee_charge", "date": "2025-01-01", "amount": "1000",
                                                                "fee_type": "closing"}, format="json").status_code == 201
    paid = api.post(f"/api/v1/notes/{note_id}/transactions/", {"kind": "payment", "date": "2025-01-31", "amount": "1500"},
                    format="json").json()
    assert (paid["interest_paid"], paid["fees_paid"], paid["principal_paid"]) == ("1000.00", "500.00", "0.00")
    body = api.get(f"/api/v1/notes/{note_id}/position/?as_of=2025-01-31").json()
    # 100,000 + 500 fee + 3% premium 3,000 = 103,500.00
    assert (body["accrued_fees"], body["prepayment_premium"], body["payoff_amount"]) == ("500.00", "3000.00", "103500.00")


def test_the_note_page_takes_the_order_in_words_and_names_a_wrong_word(matter, client_as, counsel):
    note = term_loan(matter)
    page = client_as(counsel)
    form = page.get(f"/notes/{note.pk}/edit/")
    assert b"costs, late charges, fees, interest, principal" in form.content
    data = {"issuer": note.issuer_id, "holder": note.holder_id, "principal": "100000.00", "currency": "USD",
            "issue_date": "2025-01-01", "maturity_date": "2030-01-01", "interest_rate": "12", "day_count": "30/360",
            "facility": "term", "business_day_convention": "following", "rate_reset": "index_change",
            "payment_order": "costs, bananas, interest"}
    wrong = page.post(f"/notes/{note.pk}/edit/", data)
    assert wrong.status_code == 200 and b"&quot;bananas&quot; is not one of" in wrong.content
    saved = page.post(f"/notes/{note.pk}/edit/", {**data, "payment_order": "Costs, late charges, interest, fees, principal",
                                                   "prepayment_premium": "3, 2, 1"})
    assert saved.status_code == 302, saved.content.decode()[:3000]
    note.refresh_from_db()
    assert note.payment_order == ["costs", "late_charges", "interest", "fees", "principal"]
    assert note.prepayment_premium == [D("3"), D("2"), D("1")]
