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
