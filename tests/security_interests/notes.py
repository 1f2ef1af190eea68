"""Secured notes for these tests, made and repaid through the notes services (which send
`note_status_changed`, as in production)."""

from datetime import date
from decimal import Decimal

from notes.models import Note, TransactionKind
from notes.services import note_create, note_issue, note_transaction_record

PRINCIPAL = Decimal("600000.00")


def secured_note(*, matter, issuer, holder) -> Note:
    note = note_create(
        matter=matter,
        data={"issuer": issuer, "holder": holder, "principal": PRINCIPAL, "secured": True},
        by=None,
    )
    return note_issue(note=note, on=date(2022, 6, 1), by=None)


def note_repay(note: Note, *, on: date) -> None:
    """Pay the whole principal (the note carries no interest rate here, so nothing accrues)."""
    note_transaction_record(note=note, kind=TransactionKind.PAYMENT, date=on, amount=PRINCIPAL)
