"""Writes that change the past: the whole ledger is re-validated and re-split from that date."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deadlines.models import Obligation
from notes.models import NoteStatus, NoteTransaction
from notes.selectors import note_position
from notes.services import (
    note_obligations_sync,
    note_transaction_record,
    note_transaction_void,
    note_update,
)
from tests.factories import PartyFactory
from tests.notes.factories import NoteFactory

pytestmark = pytest.mark.django_db


def small_note(matter, **extra):
    """$1,000 at 10% ACT/360 from 2025-01-01: 16.39 of interest by Mar 1 (59 days)."""
    return NoteFactory(matter=matter, principal=Decimal("1000"), interest_rate=Decimal("10"), day_count="ACT/360", **extra)


def test_a_backdated_payment_after_payoff_is_refused_and_principal_never_goes_negative(matter):
    note = small_note(matter)
    note_transaction_record(note=note, kind="payment", date=date(2025, 3, 1), amount=Decimal("1016.39"))
    with pytest.raises(ValidationError) as refused:
        note_transaction_record(note=note, kind="payment", date=date(2025, 2, 1), amount=Decimal("500"))
    assert "later payment of 1016.39 on Mar 01, 2025" in refused.value.message_dict["amount"][0]
    assert NoteTransaction.objects.filter(note=note).count() == 1
    assert note_position(note, date(2025, 3, 1)).principal_outstanding == Decimal(0)


def test_the_refusal_of_a_backdated_payment_is_a_400_naming_the_amount(api_as, counsel, matter):
    note = small_note(matter)
    note_transaction_record(note=note, kind="payment", date=date(2025, 3, 1), amount=Decimal("1016.39"))
    response = api_as(counsel).post(f"/api/v1/notes/{note.pk}/transactions/",
                                    {"kind": "payment", "date": "2025-02-01", "amount": "500"}, format="json")
    assert response.status_code == 400
    assert "later payment of 1016.39" in response.json()["amount"][0]
    assert NoteTransaction.objects.filter(note=note).count() == 1


def test_a_payment_after_payoff_is_refused(matter):
    note = small_note(matter)
    note_transaction_record(note=note, kind="payment", date=date(2025, 3, 1), amount=Decimal("1016.39"))
    with pytest.raises(ValidationError) as refused:
        note_transaction_record(note=note, kind="payment", date=date(2025, 4, 1), amount=Decimal("1"))
    assert "larger than the payoff amount of 0.00" in refused.value.message_dict["amount"][0]


def test_a_backdated_payment_recomputes_the_split_of_every_later_payment(matter):
    note = small_note(matter)
    later = note_transaction_record(note=note, kind="payment", date=date(2025, 3, 1), amount=Decimal("100"))
    assert (later.interest_paid, later.principal_paid) == (Decimal("16.39"), Decimal("83.61"))
    note_transaction_record(note=note, kind="payment", date=date(2025, 2, 1), amount=Decimal("500"))
    later.refresh_from_db()
    # Feb 1: 8.61 interest (31 days), 491.39 principal; Mar 1: 508.61 x 10% x 28/360 = 3.96 interest
    assert (later.interest_paid, later.principal_paid) == (Decimal("3.96"), Decimal("96.04"))
    assert note_position(note, date(2025, 3, 1)).principal_outstanding == Decimal("412.57")


def test_voiding_a_payment_recomputes_the_split_of_every_later_payment(matter):
    note = small_note(matter)
    early = note_transaction_record(note=note, kind="payment", date=date(2025, 2, 1), amount=Decimal("500"))
    later = note_transaction_record(note=note, kind="payment", date=date(2025, 3, 1), amount=Decimal("100"))
    note_transaction_void(transaction=early, reason="Bounced", by=None)
    later.refresh_from_db()
    assert (later.interest_paid, later.principal_paid) == (Decimal("16.39"), Decimal("83.61"))


def test_a_void_that_would_leave_a_later_payment_above_the_payoff_is_refused(matter):
    note = small_note(matter)
    raise_rate = note_transaction_record(note=note, kind="rate_change", date=date(2025, 2, 1), rate=Decimal("20"))
    # 31 days at 10% (8.61) + 28 days at 20% (15.56) = 24.17 -> payoff 1,024.17 on Mar 1
    note_transaction_record(note=note, kind="payment", date=date(2025, 3, 1), amount=Decimal("1024.17"))
    with pytest.raises(ValidationError) as refused:
        note_transaction_void(transaction=raise_rate, reason="Entered by mistake", by=None)
    assert "payment of 1024.17 on Mar 01, 2025 larger than the payoff amount of 1016.39" in refused.value.message_dict["amount"][0]
    raise_rate.refresh_from_db()
    assert raise_rate.voided_at is None


@pytest.mark.parametrize(("kind", "ended"), [("write_off", NoteStatus.WRITTEN_OFF), ("conversion", NoteStatus.CONVERTED)])
def test_voiding_a_write_off_or_conversion_restores_the_status_it_ended(matter, kind, ended):
    note = small_note(matter, status=NoteStatus.IN_DEFAULT)
    txn = note_transaction_record(note=note, kind=kind, date=date(2025, 2, 1))
    note.refresh_from_db()
    assert note.status == ended
    note_transaction_void(transaction=txn, reason="Entered by mistake", by=None)
    note.refresh_from_db()
    assert note.status == NoteStatus.IN_DEFAULT
    assert note_position(note, date(2025, 3, 1)).principal_outstanding == Decimal("1000")


def test_voiding_a_transfer_restores_the_holder_it_replaced(matter):
    original, first_buyer, second_buyer = PartyFactory(), PartyFactory(), PartyFactory()
    note = small_note(matter, holder=original)
    first = note_transaction_record(note=note, kind="transfer", date=date(2025, 2, 1), new_holder=first_buyer)
    second = note_transaction_record(note=note, kind="transfer", date=date(2025, 3, 1), new_holder=second_buyer)
    note_transaction_void(transaction=second, reason="Rescinded", by=None)
    note.refresh_from_db()
    assert note.holder == first_buyer
    note_transaction_void(transaction=first, reason="Rescinded", by=None)
    note.refresh_from_db()
    assert note.holder == original


def test_every_ledger_write_locks_the_notes_row(matter):
    note = small_note(matter)
    with CaptureQueriesContext(connection) as recording:
        txn = note_transaction_record(note=note, kind="payment", date=date(2025, 2, 1), amount=Decimal("10"))
    with CaptureQueriesContext(connection) as voiding:
        note_transaction_void(transaction=txn, reason="Bounced", by=None)
    locks = [q["sql"] for q in recording.captured_queries + voiding.captured_queries if "FOR UPDATE" in q["sql"]]
    assert len([sql for sql in locks if 'FROM "notes_note"' in sql]) == 2


def test_voiding_twice_is_refused(matter):
    note = small_note(matter)
    txn = note_transaction_record(note=note, kind="payment", date=date(2025, 2, 1), amount=Decimal("10"))
    note_transaction_void(transaction=txn, reason="Bounced", by=None)
    with pytest.raises(ValidationError, match="already void"):
        note_transaction_void(transaction=txn, reason="Again", by=None)


def test_new_terms_re_split_every_payment(matter):
    note = small_note(matter)
    payment = note_transaction_record(note=note, kind="payment", date=date(2025, 3, 1), amount=Decimal("100"))
    note_update(note=note, by=None, data={"interest_rate": Decimal("20")})
    payment.refresh_from_db()
    assert (payment.interest_paid, payment.principal_paid) == (Decimal("32.78"), Decimal("67.22"))  # 1,000 x 20% x 59/360


def test_new_terms_that_would_leave_a_payment_above_the_payoff_are_refused_at_the_field(matter):
    note = small_note(matter)
    note_transaction_record(note=note, kind="payment", date=date(2025, 3, 1), amount=Decimal("1016.39"))
    with pytest.raises(ValidationError) as refused:
        note_update(note=note, by=None, data={"principal": Decimal("900")})
    assert "later payment of 1016.39" in refused.value.message_dict["principal"][0]
    note.refresh_from_db()
    assert note.principal == Decimal("1000")


def test_an_issue_date_after_a_recorded_transaction_is_refused(matter):
    note = small_note(matter)
    note_transaction_record(note=note, kind="payment", date=date(2025, 3, 1), amount=Decimal("10"))
    with pytest.raises(ValidationError) as refused:
        note_update(note=note, by=None, data={"issue_date": date(2025, 4, 1)})
    assert "Mar 01, 2025" in refused.value.message_dict["issue_date"][0]


def test_a_repaid_note_meets_its_past_dates_and_drops_the_future_ones(matter):
    # Quarterly interest on a one-year note: Apr 1 and Jul 1 have passed when it is paid off on
    # Aug 15; Oct 1 is no longer owed; maturity is met by the payoff.
    note = small_note(matter, maturity_date=date(2026, 1, 1), payment_terms="periodic_interest",
                      payment_frequency_months=3)
    note_obligations_sync(note=note)
    assert Obligation.objects.filter(matter=matter, status="open").count() == 4
    payoff = note_position(note, date(2025, 8, 15)).payoff_amount
    note_transaction_record(note=note, kind="payment", date=date(2025, 8, 15), amount=payoff)
    note.refresh_from_db()
    assert note.status == NoteStatus.REPAID
    statuses = {o.source_key: (o.status, o.evidence) for o in Obligation.objects.filter(matter=matter)}
    ended = "The note was repaid on August 15, 2025."
    assert statuses == {
        "maturity": ("done", ended),
        "payment:2025-04-01": ("done", ended),
        "payment:2025-07-01": ("done", ended),
        "payment:2025-10-01": ("superseded", ""),
    }
