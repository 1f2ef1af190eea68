"""Every write to notes and their ledger."""

from datetime import date
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from deadlines.models import ObligationKind
from deadlines.services import ObligationSpec, obligations_sync
from notes.interest import cents, split_payment
from notes.models import Note, NoteStatus, NoteTransaction, TransactionKind
from notes.selectors import note_position
from notes.signals import note_status_changed

BEFORE_ISSUE = "A transaction cannot be dated before the note's issue date ({issue:%b %d, %Y})."
NOT_ISSUED = "Record the note's issue date (or close its closing) before posting payments."
PAYMENT_TOO_LARGE = "The payment of {amount} is larger than the payoff amount of {payoff} on {day:%b %d, %Y}."
AMOUNT_REQUIRED = "Enter a positive amount."
RATE_REQUIRED = "Enter the new annual rate in percent (e.g. 8.25)."
NEW_HOLDER_REQUIRED = "Choose the new holder."
CONSENT_REQUIRED = "The agreement requires the other party's written consent to an assignment: record the evidence."
ALREADY_VOID = "This transaction is already void."
NOTE_FIELDS = (
    "agreement", "title", "issuer", "holder", "principal", "purchase_price", "currency", "issue_date",
    "maturity_date", "interest_rate", "day_count", "default_rate", "payment_terms",
    "payment_frequency_months", "secured", "collateral_summary", "status",
)
CLOSED_STATUSES = {NoteStatus.REPAID, NoteStatus.CONVERTED, NoteStatus.WRITTEN_OFF}


@transaction.atomic
def note_create(*, matter: Any, data: dict[str, Any], by: Any) -> Note:
    note = Note(matter=matter, **{k: v for k, v in data.items() if k in NOTE_FIELDS})
    note.full_clean()
    note.save()
    note_obligations_sync(note=note)
    return note


@transaction.atomic
def note_update(*, note: Note, data: dict[str, Any], by: Any) -> Note:
    old_status = Note.objects.get(pk=note.pk).status
    for field in NOTE_FIELDS:
        if field in data:
            setattr(note, field, data[field])
    note.full_clean()
    note.save()
    _status_changed(note, old_status)
    note_obligations_sync(note=note)
    return note


@transaction.atomic
def note_issue(*, note: Note, on: date, by: Any) -> Note:
    old_status = note.status
    note.status = NoteStatus.OUTSTANDING
    note.issue_date = note.issue_date or on
    note.full_clean()
    note.save()
    _status_changed(note, old_status)
    note_obligations_sync(note=note)
    return note


@transaction.atomic
def note_unissue(*, note: Note, by: Any) -> Note:
    old_status = note.status
    note.status = NoteStatus.PENDING
    note.save(update_fields=["status", "updated_at"])
    _status_changed(note, old_status)
    note_obligations_sync(note=note)
    return note


@transaction.atomic
def note_transaction_record(
    *, note: Note, kind: str, date: date, amount: Decimal | None = None, rate: Decimal | None = None,
    by: Any = None, **extra: Any,
) -> NoteTransaction:
    note = Note.objects.select_for_update().get(pk=note.pk)
    txn = NoteTransaction(note=note, kind=kind, date=date, amount=amount, rate=rate, **extra)
    txn.created_by = by if by is not None and getattr(by, "is_authenticated", False) else None
    _validate(note, txn)
    txn.full_clean()
    if kind in (TransactionKind.PAYMENT, TransactionKind.PREPAYMENT):
        split = split_payment(amount or Decimal(0), note_position(note, date).accrued_interest or Decimal(0))
        txn.interest_paid, txn.principal_paid = split.interest, split.principal
    txn.save()
    _apply_effects(note, txn)
    return txn


def _validate(note: Note, txn: NoteTransaction) -> None:
    if txn.kind != TransactionKind.FUNDING and note.issue_date is None:
        raise ValidationError({"date": NOT_ISSUED})
    if note.issue_date and txn.date < note.issue_date:
        raise ValidationError({"date": BEFORE_ISSUE.format(issue=note.issue_date)})
    if txn.kind in (TransactionKind.PAYMENT, TransactionKind.PREPAYMENT, TransactionKind.FUNDING):
        if txn.amount is None or txn.amount <= 0:
            raise ValidationError({"amount": AMOUNT_REQUIRED})
    if txn.kind in (TransactionKind.PAYMENT, TransactionKind.PREPAYMENT):
        current = note_position(note, txn.date)
        payoff = current.principal_outstanding + cents(current.accrued_interest or Decimal(0))
        if txn.amount is not None and txn.amount > payoff:
            raise ValidationError({"amount": PAYMENT_TOO_LARGE.format(amount=txn.amount, payoff=payoff, day=txn.date)})
    if txn.kind == TransactionKind.RATE_CHANGE and (txn.rate is None or txn.rate < 0):
        raise ValidationError({"rate": RATE_REQUIRED})
    if txn.kind == TransactionKind.TRANSFER:
        if txn.new_holder is None:
            raise ValidationError({"new_holder": NEW_HOLDER_REQUIRED})
        if note.agreement and note.agreement.assignment_requires_consent and not txn.consent_evidence.strip():
            raise ValidationError({"consent_evidence": CONSENT_REQUIRED})


def _apply_effects(note: Note, txn: NoteTransaction) -> None:
    old_status = note.status
    if txn.kind == TransactionKind.TRANSFER and txn.new_holder is not None:
        note.holder = txn.new_holder
    elif txn.kind == TransactionKind.CONVERSION:
        note.status = NoteStatus.CONVERTED
    elif txn.kind == TransactionKind.WRITE_OFF:
        note.status = NoteStatus.WRITTEN_OFF
    elif txn.kind in (TransactionKind.PAYMENT, TransactionKind.PREPAYMENT):
        if note_position(note, txn.date).principal_outstanding <= 0:
            note.status = NoteStatus.REPAID
    note.save()
    _status_changed(note, old_status)
    note_obligations_sync(note=note)


@transaction.atomic
def note_transaction_void(*, transaction: NoteTransaction, reason: str, by: Any) -> NoteTransaction:
    if transaction.voided_at is not None:
        raise ValidationError(ALREADY_VOID)
    transaction.voided_at = timezone.now()
    transaction.void_reason = reason
    transaction.save(update_fields=["voided_at", "void_reason"])
    note = transaction.note
    if note.status == NoteStatus.REPAID and note_position(note, timezone.localdate()).principal_outstanding > 0:
        old = note.status
        note.status = NoteStatus.OUTSTANDING
        note.save(update_fields=["status", "updated_at"])
        _status_changed(note, old)
    note_obligations_sync(note=note)
    return transaction


def _status_changed(note: Note, old_status: str) -> None:
    if old_status != note.status:
        note_status_changed.send(sender=Note, note=note, old_status=old_status, new_status=note.status)


def note_obligations_sync(*, note: Note) -> None:
    """Maturity and scheduled interest dates feed the deadlines engine."""
    specs: list[ObligationSpec] = []
    if note.status not in CLOSED_STATUSES and note.status != NoteStatus.PENDING:
        specs = _payment_specs(note)
    obligations_sync(matter=note.matter, source=note, specs=specs)


def _payment_specs(note: Note) -> list[ObligationSpec]:
    specs = []
    if note.maturity_date:
        specs.append(ObligationSpec(
            key="maturity", title=f"Maturity: repay {note.currency} {note.principal:,.2f} ({note})",
            kind=ObligationKind.NOTE_MATURITY, nominal_due_date=note.maturity_date,
            responsible_party=note.issuer, clause="Note: maturity date",
        ))
    months = note.payment_frequency_months
    if note.payment_terms == "periodic_interest" and months and note.issue_date and note.maturity_date:
        step = 1
        while (due := note.issue_date + relativedelta(months=months * step)) < note.maturity_date and step < 400:
            specs.append(ObligationSpec(
                key=f"payment:{due.isoformat()}", title=f"Interest payment ({note})",
                kind=ObligationKind.NOTE_PAYMENT, nominal_due_date=due, responsible_party=note.issuer,
                clause="Note: interest payment dates",
            ))
            step += 1
    return specs
