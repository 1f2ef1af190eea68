"""The demo's second real deal: the SEI Investments / PNC Bank $25,000,000 committed line of
credit note of December 21, 2001, at PNC's Prime Rate, 360-day year for actual days."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from notes.demo import LINE_MATTER
from notes.models import Note, NoteStatus
from notes.selectors import note_position

pytestmark = pytest.mark.django_db
D = Decimal


def test_the_demo_line_holds_its_figures_to_the_cent():
    call_command("load_demo", verbosity=0)
    note = Note.objects.get(matter__name=LINE_MATTER)
    # 5,000,000 drawn Jan 2, 2002 at prime 4.75%: Jan 2-Apr 1, 89 days x 5,000,000 x 4.75% / 360
    # = 58,715.277778; paid Apr 1 with 58,715.28, which settles it (the payment is all interest).
    paid = note.transactions.get(date=date(2002, 4, 1), kind="payment")
    assert (paid.interest_paid, paid.principal_paid) == (D("58715.28"), D("0.00"))
    # 2,000,000 repaid Apr 1 leaves 3,000,000. Oct 1-Nov 7, 37 days at 4.75% = 14,645.833333;
    # prime 4.25% from Nov 7: Nov 7-Nov 30, 23 days x 3,000,000 x 4.25% / 360 = 8,145.833333.
    pos = note_position(note, date(2002, 11, 30))
    assert (pos.principal_outstanding, round(pos.accrued_interest, 6)) == (D("3000000.00"), D("22791.666667"))
    assert (pos.commitment, pos.available, pos.current_rate) == (D("25000000.00"), D("22000000.00"), D("4.25"))
    # Dec 19 payoff: 14,645.833333 + Nov 7-Dec 19, 42 days x 127,500 / 360 = 14,875.00 -> 29,520.83 + 3,000,000.
    final = note.transactions.get(date=date(2002, 12, 19))
    assert (final.interest_paid, final.principal_paid) == (D("29520.83"), D("3000000.00"))
    assert note_position(note, date(2002, 12, 19)).principal_outstanding == D("0.00")
    assert note.status == NoteStatus.REPAID
    call_command("load_demo", verbosity=0)  # loading again adds nothing
    assert Note.objects.filter(matter__name=LINE_MATTER).count() == 1
    assert note.transactions.count() == 6


def test_the_demo_term_loan_holds_its_semiannual_interest_to_the_cent():
    from notes.demo import TERM_MATTER

    call_command("load_demo", verbosity=0)
    note = Note.objects.get(matter__name=TERM_MATTER)
    paid = {t.date: t for t in note.transactions.filter(kind="payment")}
    # 50,000,000 x 7% = 3,500,000 a year, Actual/Actual (365, or 366 in a leap year):
    #   May 8-Nov 1, 2009: 177 days / 365 = 1,697,260.273973 -> 1,697,260.27
    #   Nov 1, 2009-May 1, 2010: 181 days / 365 = 1,735,616.438356 -> 1,735,616.44
    #   Nov 1, 2011-May 1, 2012: 61 days / 365 + 121 days / 366 (2012 is a leap year)
    #     = 584,931.506849 + 1,157,103.825137 = 1,742,035.331986 -> 1,742,035.33
    assert paid[date(2009, 11, 1)].interest_paid == D("1697260.27")
    assert paid[date(2010, 5, 1)].interest_paid == D("1735616.44")
    assert paid[date(2012, 5, 1)].interest_paid == D("1742035.33")
    # At maturity: May 1-May 8, 2019, 7 days / 365 = 67,123.287671 -> 67,123.29, with the principal.
    final = paid[date(2019, 5, 8)]
    assert (final.interest_paid, final.principal_paid) == (D("67123.29"), D("50000000.00"))
    assert len(paid) == 21  # 20 interest dates (each Nov 1 from 2009 and May 1 to 2019) and the maturity
    assert Note.objects.get(pk=note.pk).status == NoteStatus.REPAID
