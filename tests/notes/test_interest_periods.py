"""Interest payment dates (end of month kept, business-day convention, accrual to the scheduled or
the adjusted date), each an obligation with its amount, and term rates fixed on a lookback date."""

from datetime import date
from decimal import Decimal

import pytest

from deadlines.models import Obligation
from notes.selectors import interest_dates, note_position, period_interest, rate_explanation
from notes.services import note_obligations_sync
from rates.models import RateIndex
from rates.services import rate_value_record
from tests.notes.factories import NoteFactory

pytestmark = pytest.mark.django_db
D = Decimal


def quarterly(matter, **extra):
    """$1,000,000 at 8% Actual/360, issued Nov 30, 2024, quarterly from Feb 28, 2025 (a month end)."""
    data = {"principal": D("1000000.00"), "interest_rate": D("8"), "day_count": "ACT/360",
            "issue_date": date(2024, 11, 30), "maturity_date": date(2026, 1, 1), "payment_terms": "periodic_interest",
            "payment_frequency_months": 3, "interest_anchor": date(2025, 2, 28), **extra}
    return NoteFactory(matter=matter, **data)


def test_month_end_payment_dates_stay_month_ends_and_roll_to_business_days(matter):
    note = quarterly(matter, business_day_convention="modified_following")
    # Feb 28, May 31, Aug 31, Nov 30 (month ends kept: not May 28, Aug 28, Nov 28).
    # May 31, 2025 is a Saturday: modified following would be Jun 2 (next month), so it goes back to
    # Fri May 30. Aug 31 is a Sunday (Sep 1 is Labor Day): back to Fri Aug 29. Nov 30 is a Sunday:
    # back to Fri Nov 28 (Dec 1 is in the next month).
    days = interest_dates(note)
    assert [(d.scheduled, d.adjusted) for d in days] == [
        (date(2025, 2, 28), date(2025, 2, 28)), (date(2025, 5, 31), date(2025, 5, 30)),
        (date(2025, 8, 31), date(2025, 8, 29)), (date(2025, 11, 30), date(2025, 11, 28)),
    ]


def test_each_interest_date_is_an_obligation_with_its_period_amount(matter):
    note = quarterly(matter)
    note_obligations_sync(note=note)
    obligations = Obligation.objects.filter(source_id=note.pk, source_key__startswith="payment:").order_by("due_date")
    # Unadjusted periods (the default), Actual/360 on 1,000,000 at 8% = 222.222222 a day:
    #   Nov 30-Feb 28  90 days = 20,000.00
    #   Feb 28-May 31  92 days = 20,444.44
    #   May 31-Aug 31  92 days = 20,444.44
    #   Aug 31-Nov 30  91 days = 20,222.22
    assert [o.title.split(" (")[0] for o in obligations] == [
        "Interest payment USD 20,000.00", "Interest payment USD 20,444.44", "Interest payment USD 20,444.44",
        "Interest payment USD 20,222.22"]
    # Following (the default convention): May 31 (Sat) is due Mon Jun 2; Aug 31 (Sun) Tue Sep 2 after Labor Day.
    assert [o.due_date for o in obligations] == [date(2025, 2, 28), date(2025, 6, 2), date(2025, 9, 2), date(2025, 12, 1)]


def test_accruing_to_the_adjusted_date_moves_the_days_between_periods(matter):
    note = quarterly(matter, accrue_to_adjusted=True)
    amounts = period_interest(note)
    # Following: Feb 28, Jun 2, Sep 2, Dec 1. Nov 30-Feb 28 90 days = 20,000.00; Feb 28-Jun 2 94 days
    # = 20,888.89 (20,888.888889); Jun 2-Sep 2 92 days = 20,444.44; Sep 2-Dec 1 90 days = 20,000.00.
    assert list(amounts.values()) == [D("20000.00"), D("20888.89"), D("20444.44"), D("20000.00")]
    total = note_position(note, date(2025, 12, 1)).interest_accrued_total
    assert round(total, 6) == round(D("1000000") * D("0.08") * 366 / 360, 6)  # Nov 30-Dec 1: 366 days


def test_a_term_rate_is_fixed_for_each_period_two_business_days_before_it_starts(matter):
    sofr = RateIndex.objects.create(name="Term SOFR 3M")
    for day, rate in [(date(2024, 11, 1), "4.50"), (date(2024, 11, 27), "4.40"), (date(2025, 2, 26), "4.30"),
                      (date(2025, 2, 27), "4.20"), (date(2025, 3, 15), "3.00")]:
        rate_value_record(index=sofr, effective_date=day, rate=D(rate), by=None)
    note = quarterly(matter, interest_rate=None, rate_index=sofr, spread=D("2.50"), rate_reset="period_lookback",
                     lookback_days=2)
    # Period from Sat Nov 30, 2024: 2 New York business days before is Wed Nov 27 (Thu Nov 28 is
    # Thanksgiving, Fri Nov 29 counts): 4.40% + 2.50% = 6.90%.
    # Period from Fri Feb 28, 2025: 2 business days before is Wed Feb 26: 4.30% + 2.50% = 6.80%; the
    # Feb 27 and Mar 15 values do not move it within the period.
    assert rate_explanation(note, date(2025, 1, 15)) == (
        "Term SOFR 3M 4.40% + 2.50% = 6.90% (fixed on Nov 27, 2024 for the period from Nov 30, 2024)")
    assert note_position(note, date(2025, 4, 1)).current_rate == D("6.80")
    # Interest to Apr 1: 90 days x 1,000,000 x 6.90% / 360 = 17,250.00; 32 days x 6.80% / 360 = 6,044.444444
    assert round(note_position(note, date(2025, 4, 1)).accrued_interest, 6) == D("23294.444444")
