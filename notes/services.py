"""Every write to notes and their ledger."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from deadlines.models import ObligationKind
from deadlines.services import ObligationSpec, obligations_sync
from matters.access import ensure_in_matter
from notes import margins, syndicate
from notes.interest import LedgerEntry, ledger
from notes.models import (
    Facility,
    Note,
    NoteStatus,
    NoteTransaction,
    TransactionKind,
)
from notes.selectors import (
    floating_rates,
    interest_dates,
    live_transactions,
    note_position,
    period_interest,
    terms_of,
)
from notes.signals import note_status_changed
from notes.snapshots import snapshot_refresh
from parties.models import Party
from rates import rules

BEFORE_ISSUE = "A transaction cannot be dated before the note's issue date ({issue:%b %d, %Y})."
NOT_ISSUED = "Record the note's issue date (or close its closing) before posting payments."
PAYMENT_TOO_LARGE = "The payment of {amount} is larger than the payoff amount of {payoff} on {day:%b %d, %Y}."
LATER_PAYMENT_TOO_LARGE = (
    "This would leave the later payment of {amount} on {day:%b %d, %Y} larger than the payoff amount of "
    "{payoff} on that date (principal below zero, or a payment after payoff): void or correct that payment first."
)
VOID_BREAKS_LEDGER = (
    "Voiding this would leave the payment of {amount} on {day:%b %d, %Y} larger than the payoff amount of "
    "{payoff} on that date: void or correct that payment first."
)
AMOUNT_REQUIRED = "Enter a positive amount."
RATE_REQUIRED = "Enter the new annual rate in percent (e.g. 8.25)."
NEW_HOLDER_REQUIRED = "Choose the new holder."
CONSENT_REQUIRED = "The agreement requires the other party's written consent to an assignment: record the evidence."
TRANSACTIONS_BEFORE_ISSUE = "The ledger has a transaction dated {day:%b %d, %Y}, before this issue date."
LEDGER_TERMS = (
    "principal", "interest_rate", "day_count", "issue_date", "facility", "commitment", "availability_end",
    "rate_index", "spread", "rate_floor", "rate_cap", "default_rate", "default_spread",
    "commitment_fee_rate", "fee_day_count", "compounding_months", "compounding_anchor", "interest_anchor",
    "business_day_convention", "accrue_to_adjusted", "rate_reset", "lookback_days", "pik", "annual_fee",
    "prepayment_premium", "late_charge_percent", "late_charge_grace_days", "payment_order", "maturity_date",
    "payment_frequency_months",
)
NO_LENDERS = "Record the facility's lenders and their shares before an assignment between them."
ASSIGNMENT_FIELDS = "Choose the assigning lender, the assignee (new holder) and the share assigned in percent."
NO_FEE = ("No fee is owed on this note: record its commitment fee rate or annual fee in its terms, or the fee "
          "charged (a closing or amendment fee), first.")
FEE_TYPE_REQUIRED = "Choose which fee is charged (closing, amendment, facility or other)."
FEE_TOO_LARGE = "The fee payment of {amount:,.2f} on {day:%b %d, %Y} is more than the fees due of {due:,.2f}."
NO_DEFAULT_RATE = "Record the note's default rate or default spread (its terms) before recording a default."
ALREADY_IN_DEFAULT = "The note is already in default on {day:%b %d, %Y} (since {since:%b %d, %Y}): record its cure first."
NOT_IN_DEFAULT = "The note is not in default on {day:%b %d, %Y}: there is nothing to cure."
TERM_NOTE_NO_DRAWS = "A term note is funded once: advances, repayments and commitment reductions are for revolving or delayed-draw facilities (record a payment or prepayment instead)."
FLOATING_NO_RATE_CHANGE = "This note's rate floats on {index}: record the index's new value on the index's page, not a rate change here."
AFTER_AVAILABILITY = "Advances can be made until {day:%b %d, %Y}, when availability ends."
ADVANCE_ABOVE_COMMITMENT = (
    "The advance of {amount:,.2f} on {day:%b %d, %Y} would bring principal to {total:,.2f}, above the "
    "commitment of {commitment:,.2f}: {available:,.2f} is available."
)
ADVANCE_NO_REBORROWING = (
    "The advance of {amount:,.2f} on {day:%b %d, %Y} would bring advances to {total:,.2f}, above the "
    "commitment of {commitment:,.2f} (a delayed-draw facility is not reborrowed): {available:,.2f} is available."
)
REPAYMENT_ABOVE_PRINCIPAL = (
    "The repayment of {amount:,.2f} on {day:%b %d, %Y} is more than the principal outstanding of {principal:,.2f}."
)
REDUCTION_BELOW_PRINCIPAL = (
    "Reducing the commitment by {amount:,.2f} on {day:%b %d, %Y} leaves {commitment:,.2f}, below the principal "
    "outstanding of {principal:,.2f}: record the repayment first."
)
LATER_DRAW_BREAKS = "This change would break the later {kind} on {day:%b %d, %Y}: {reason}"
INDEX_CHANGE_BREAKS = "{note}: {reason}"
ALREADY_VOID = "This transaction is already void."
NOTE_FIELDS = (
    "agreement", "title", "issuer", "holder", "principal", "purchase_price", "currency", "issue_date",
    "maturity_date", "interest_rate", "day_count", "default_rate", "payment_terms",
    "payment_frequency_months", "secured", "collateral_summary", "status", "facility", "commitment",
    "availability_end", "rate_index", "spread", "rate_floor", "rate_cap", "default_spread", "commitment_fee_rate", "fee_day_count",
    "compounding_months", "compounding_anchor", "interest_anchor", "business_day_convention", "accrue_to_adjusted",
    "rate_reset", "lookback_days", "pik", "annual_fee", "prepayment_premium", "late_charge_percent",
    "late_charge_grace_days", "payment_order",
)
DRAW_KINDS = {TransactionKind.ADVANCE, TransactionKind.REPAYMENT, TransactionKind.COMMITMENT_REDUCTION}
AMOUNT_KINDS = {TransactionKind.PAYMENT, TransactionKind.PREPAYMENT, TransactionKind.FUNDING, TransactionKind.FEE,
                TransactionKind.FEE_CHARGE, TransactionKind.COST_CHARGE, *DRAW_KINDS}
CLOSED_STATUSES = {NoteStatus.REPAID, NoteStatus.CONVERTED, NoteStatus.WRITTEN_OFF}
# The ledger entries that can end a note: the last one dates the end.
ENDING_KINDS = [TransactionKind.PAYMENT, TransactionKind.PREPAYMENT, TransactionKind.CONVERSION, TransactionKind.WRITE_OFF]
NOTE_ENDED = "The note was {status} on {day:%B %d, %Y}."


@transaction.atomic
def note_create(*, matter: Any, data: dict[str, Any], by: Any) -> Note:
    ensure_in_matter(matter, agreement=data.get("agreement"))
    note = Note(matter=matter, **{k: v for k, v in data.items() if k in NOTE_FIELDS})
    note.full_clean()
    check_floating(note)
    note.save()
    note_obligations_sync(note=note)
    return note


@transaction.atomic
def note_update(*, note: Note, data: dict[str, Any], by: Any) -> Note:
    ensure_in_matter(note.matter, agreement=data.get("agreement"))
    stored = Note.objects.select_for_update().get(pk=note.pk)
    old_status = stored.status
    for field in NOTE_FIELDS:
        if field in data:
            setattr(note, field, data[field])
    note.full_clean()
    check_floating(note)
    # New terms change the past: the ledger is replayed on them and every payment re-split.
    live = list(live_transactions(note))
    earliest = min((t.date for t in live), default=None)
    if note.issue_date and earliest and earliest < note.issue_date:
        raise ValidationError({"issue_date": TRANSACTIONS_BEFORE_ISSUE.format(day=earliest)})
    changed = [f for f in LEDGER_TERMS if getattr(stored, f) != getattr(note, f)] or ["principal"]
    try:
        entries = _ledger_checked(note, live)
    except ValidationError as exc:
        raise ValidationError({changed[0]: exc.message_dict["amount"]}) from exc
    note.save()
    _store_splits(entries)
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
    entries = _ledger_checked(note, [*live_transactions(note), txn], new=txn)
    if kind == TransactionKind.TRANSFER:
        txn.previous_holder = note.holder
    if kind in (TransactionKind.WRITE_OFF, TransactionKind.CONVERSION):
        txn.previous_status = note.status
    txn.save()
    _store_splits(entries)
    _apply_effects(note, txn)
    return txn


def check_floating(note: Note, field: str | None = None) -> None:
    """A floating note's rate must be settable on every day it accrues: a value of the index in
    effect on the issue date, and no day with a negative all-in rate unless a floor is set. The
    error goes on `field` when given (the form that caused it), else on the term concerned."""
    if not note.is_floating or note.issue_date is None:
        return
    try:
        floating_rates(note)
    except rules.RateMissing as exc:
        raise ValidationError({field or "rate_index": str(exc)}) from exc
    except rules.RateRefused as exc:
        raise ValidationError({field or f"rate_{exc.field}": str(exc)}) from exc
    except margins.GridRefused as exc:
        raise ValidationError({field or "spread": str(exc)}) from exc


def _ledger_checked(note: Note, transactions: list[NoteTransaction], *, new: NoteTransaction | None = None,
                    voiding: bool = False) -> list[LedgerEntry]:
    """Replay the whole ledger (in date order; a new transaction after others of its date): no
    payment may exceed the payoff amount on its date, so principal never goes below zero and
    nothing is paid after payoff, a write-off or a conversion; no advance takes principal (or, for
    a delayed draw, all advances) above the commitment, no repayment exceeds principal, and no
    commitment reduction leaves less than is outstanding."""
    ordered = sorted(transactions, key=lambda t: (t.date, t.pk is None, t.pk or 0))
    entries = ledger(terms_of(note), ordered)
    for entry in entries:
        txn, payoff = entry.transaction, entry.payoff_before
        if entry.split is not None:
            if txn.amount is not None and txn.amount > payoff:
                if txn is new:
                    message = PAYMENT_TOO_LARGE
                else:
                    message = VOID_BREAKS_LEDGER if voiding else LATER_PAYMENT_TOO_LARGE
                raise ValidationError({"amount": message.format(amount=txn.amount, payoff=payoff, day=txn.date)})
            continue
        if txn.kind == TransactionKind.FEE:
            reason = FEE_TOO_LARGE.format(amount=txn.amount, day=txn.date, due=payoff) if (txn.amount or 0) > payoff else ""
        else:
            reason = _draw_refused(note, entry)
        if reason:
            if txn is not new:
                reason = LATER_DRAW_BREAKS.format(kind=TransactionKind(txn.kind).label.lower(), day=txn.date, reason=reason)
            raise ValidationError({"amount": reason})
    return entries


def _draw_refused(note: Note, entry: LedgerEntry) -> str:
    """Why an advance, repayment or commitment reduction cannot stand on the replayed figures."""
    txn, amount = entry.transaction, entry.transaction.amount or Decimal(0)
    principal, commitment = entry.principal_before, entry.commitment_before or Decimal(0)
    if txn.kind == TransactionKind.ADVANCE:
        delayed = note.facility == Facility.DELAYED_DRAW
        used = entry.advanced_before if delayed else principal
        if used + amount > commitment:
            message = ADVANCE_NO_REBORROWING if delayed else ADVANCE_ABOVE_COMMITMENT
            return message.format(amount=amount, day=txn.date, total=used + amount, commitment=commitment,
                                  available=max(commitment - used, Decimal(0)))
    elif txn.kind == TransactionKind.REPAYMENT and amount > principal:
        return REPAYMENT_ABOVE_PRINCIPAL.format(amount=amount, day=txn.date, principal=principal)
    elif txn.kind == TransactionKind.COMMITMENT_REDUCTION and commitment - amount < principal:
        return REDUCTION_BELOW_PRINCIPAL.format(amount=amount, day=txn.date, commitment=max(commitment - amount, Decimal(0)),
                                               principal=principal)
    return ""


SPLIT_FIELDS = {"interest_paid": "interest", "principal_paid": "principal", "fees_paid": "fees",
                "late_charges_paid": "late_charges", "costs_paid": "costs", "premium_paid": "premium"}


def _store_splits(entries: list[LedgerEntry]) -> None:
    """How every payment was applied (interest, principal, fees, late charges, costs, premium), as
    the replayed ledger gives it."""
    for entry in entries:
        txn = entry.transaction
        assert isinstance(txn, NoteTransaction)
        if entry.split is None:
            continue
        split = {field: getattr(entry.split, part) for field, part in SPLIT_FIELDS.items()}
        for field in ("fees_paid", "late_charges_paid", "costs_paid", "premium_paid"):
            split[field] = split[field] or None  # nothing applied there: left empty
        if any(getattr(txn, field) != value for field, value in split.items()):
            for field, value in split.items():
                setattr(txn, field, value)
            txn.save(update_fields=list(split))


def _validate(note: Note, txn: NoteTransaction) -> None:
    if txn.kind != TransactionKind.FUNDING and note.issue_date is None:
        raise ValidationError({"date": NOT_ISSUED})
    if note.issue_date and txn.date < note.issue_date:
        raise ValidationError({"date": BEFORE_ISSUE.format(issue=note.issue_date)})
    if txn.kind in AMOUNT_KINDS and (txn.amount is None or txn.amount <= 0):
        raise ValidationError({"amount": AMOUNT_REQUIRED})
    if txn.kind in DRAW_KINDS and not note.is_drawn:
        raise ValidationError({"kind": TERM_NOTE_NO_DRAWS})
    availability_end = note.availability_end or note.maturity_date
    if txn.kind == TransactionKind.ADVANCE and availability_end and txn.date > availability_end:
        raise ValidationError({"date": AFTER_AVAILABILITY.format(day=availability_end)})
    if txn.kind in (TransactionKind.DEFAULT, TransactionKind.CURE):
        _check_default(note, txn)
    if txn.kind == TransactionKind.ASSIGNMENT:
        if not note.lenders.exists():
            raise ValidationError({"kind": NO_LENDERS})
        if txn.from_lender is None or txn.new_holder is None or txn.share is None or not 0 < txn.share <= 100:
            raise ValidationError({"share": ASSIGNMENT_FIELDS})
        check_shares(note, [*live_transactions(note).filter(kind=TransactionKind.ASSIGNMENT), txn])
    if txn.kind == TransactionKind.FEE and note.commitment_fee_rate is None and note.annual_fee is None and not (
            live_transactions(note).filter(kind=TransactionKind.FEE_CHARGE).exists()):
        raise ValidationError({"kind": NO_FEE})
    if txn.kind == TransactionKind.FEE_CHARGE and not txn.fee_type:
        raise ValidationError({"fee_type": FEE_TYPE_REQUIRED})
    if txn.kind == TransactionKind.RATE_CHANGE and note.is_floating:
        raise ValidationError({"kind": FLOATING_NO_RATE_CHANGE.format(index=note.rate_index)})
    if txn.kind == TransactionKind.RATE_CHANGE and (txn.rate is None or txn.rate < 0):
        raise ValidationError({"rate": RATE_REQUIRED})
    if txn.kind == TransactionKind.TRANSFER:
        if txn.new_holder is None:
            raise ValidationError({"new_holder": NEW_HOLDER_REQUIRED})
        if note.agreement and note.agreement.assignment_requires_consent and not txn.consent_evidence.strip():
            raise ValidationError({"consent_evidence": CONSENT_REQUIRED})


def check_shares(note: Note, assignments: list[NoteTransaction], initial: dict[int, Decimal] | None = None,
                  field: str = "share") -> None:
    """Every assignment, in date order, moves no more than its assignor holds on its date."""
    shares = initial if initial is not None else {row.lender_id: row.share for row in note.lenders.all()}
    names = {p.pk: p.legal_name for p in Party.objects.filter(
        pk__in={*shares, *(t.from_lender_id for t in assignments if t.from_lender_id)})}
    try:
        syndicate.timeline(shares, [syndicate.Assignment(t.date, t.from_lender_id or 0, t.new_holder_id or 0, t.share or Decimal(0))
                                    for t in assignments], names)
    except syndicate.SharesRefused as exc:
        raise ValidationError({field: str(exc)}) from exc


def _default_since(note: Note, on: date, *, excluding: Any = None) -> date | None:
    """The date of the default in effect on `on` (the last live default or cure on or before it
    is a default), or None."""
    last = live_transactions(note).filter(kind__in=[TransactionKind.DEFAULT, TransactionKind.CURE], date__lte=on)
    if excluding is not None:
        last = last.exclude(pk=excluding)
    entry = last.order_by("-date", "-id").first()
    return entry.date if entry is not None and entry.kind == TransactionKind.DEFAULT else None


def _check_default(note: Note, txn: NoteTransaction) -> None:
    since = _default_since(note, txn.date)
    if txn.kind == TransactionKind.DEFAULT:
        if note.default_rate is None and note.default_spread is None:
            raise ValidationError({"kind": NO_DEFAULT_RATE})
        if since is not None:
            raise ValidationError({"date": ALREADY_IN_DEFAULT.format(day=txn.date, since=since)})
    elif since is None:
        raise ValidationError({"date": NOT_IN_DEFAULT.format(day=txn.date)})


def _default_status(note: Note) -> None:
    """In default while the last live default or cure is a default; a cure (or voiding the
    default) returns an in-default note to outstanding."""
    in_default = _default_since(note, date.max) is not None
    if in_default and note.status == NoteStatus.OUTSTANDING:
        note.status = NoteStatus.IN_DEFAULT
    elif not in_default and note.status == NoteStatus.IN_DEFAULT:
        note.status = NoteStatus.OUTSTANDING


def _apply_effects(note: Note, txn: NoteTransaction) -> None:
    old_status = note.status
    if txn.kind == TransactionKind.TRANSFER and txn.new_holder is not None:
        note.holder = txn.new_holder
    elif txn.kind == TransactionKind.CONVERSION:
        note.status = NoteStatus.CONVERTED
    elif txn.kind == TransactionKind.WRITE_OFF:
        note.status = NoteStatus.WRITTEN_OFF
    elif txn.kind in (TransactionKind.DEFAULT, TransactionKind.CURE):
        _default_status(note)
    elif txn.kind in (TransactionKind.PAYMENT, TransactionKind.PREPAYMENT, TransactionKind.REPAYMENT,
                      TransactionKind.COMMITMENT_REDUCTION):
        if _paid_off(note, txn.date):
            note.status = NoteStatus.REPAID
    note.save()
    _status_changed(note, old_status)
    note_obligations_sync(note=note)


@transaction.atomic
def note_transaction_void(*, transaction: NoteTransaction, reason: str, by: Any) -> NoteTransaction:
    note = Note.objects.select_for_update().get(pk=transaction.note_id)
    transaction = NoteTransaction.objects.get(pk=transaction.pk)
    if transaction.voided_at is not None:
        raise ValidationError(ALREADY_VOID)
    remaining = [t for t in live_transactions(note) if t.pk != transaction.pk]
    entries = _ledger_checked(note, remaining, voiding=True)
    if transaction.kind == TransactionKind.ASSIGNMENT:
        check_shares(note, [t for t in remaining if t.kind == TransactionKind.ASSIGNMENT])
    transaction.voided_at = timezone.now()
    transaction.void_reason = reason
    transaction.save(update_fields=["voided_at", "void_reason"])
    _store_splits(entries)
    old_status = note.status
    if transaction.kind == TransactionKind.TRANSFER and transaction.previous_holder_id is not None:
        holders = [t.new_holder_id for t in remaining if t.kind == TransactionKind.TRANSFER and t.new_holder_id is not None]
        note.holder_id = holders[-1] if holders else _original_holder_id(note, transaction)
    ending = [t for t in remaining if t.kind in (TransactionKind.WRITE_OFF, TransactionKind.CONVERSION)]
    if transaction.kind in (TransactionKind.WRITE_OFF, TransactionKind.CONVERSION) and not ending:
        note.status = transaction.previous_status or NoteStatus.OUTSTANDING
    if note.status == NoteStatus.REPAID and note_position(note, timezone.localdate()).principal_outstanding > 0:
        note.status = NoteStatus.OUTSTANDING
    if transaction.kind in (TransactionKind.DEFAULT, TransactionKind.CURE):
        _default_status(note)
    note.save()
    _status_changed(note, old_status)
    note_obligations_sync(note=note)
    return transaction


def _paid_off(note: Note, on: date) -> bool:
    """Nothing is owed and nothing more can be drawn: a revolver repaid to zero stays open while
    its commitment is available."""
    pos = note_position(note, on)
    if pos.principal_outstanding > 0:
        return False
    if not note.is_drawn:
        return True
    availability_end = note.availability_end or note.maturity_date
    return pos.commitment == 0 or (availability_end is not None and on >= availability_end)


def notes_repriced(*, index: Any, since: date) -> None:
    """An index's values changed from `since`: every floating note on it that was issued by then
    has its payments re-split on the new rates, or the change is refused naming the note whose
    ledger it would break (a payment above the payoff amount)."""
    for note in Note.objects.select_for_update().filter(rate_index=index, issue_date__isnull=False).order_by("pk"):
        try:
            check_floating(note)
            entries = _ledger_checked(note, list(live_transactions(note)))
        except ValidationError as exc:
            reason = " ".join(exc.messages)
            raise ValidationError(INDEX_CHANGE_BREAKS.format(note=note, reason=reason)) from exc
        _store_splits(entries)
        note_obligations_sync(note=note)


def _original_holder_id(note: Note, voided: NoteTransaction) -> int:
    """The holder before the first transfer that is still live or is the one being voided."""
    first = note.transactions.filter(kind=TransactionKind.TRANSFER, previous_holder__isnull=False).filter(
        voided_at__isnull=True).exclude(pk=voided.pk).order_by("date", "id").first()
    return (first or voided).previous_holder_id or note.holder_id


def _status_changed(note: Note, old_status: str) -> None:
    if old_status != note.status:
        note_status_changed.send(sender=Note, note=note, old_status=old_status, new_status=note.status)


def note_obligations_sync(*, note: Note) -> None:
    """The end of every write to a note: its snapshot is rebuilt. Maturity and scheduled interest dates feed the deadlines engine. Once the note has ended
    (repaid, converted, written off) its dates up to that day are met, not left overdue; the
    scheduled dates after it are no longer owed, so the sync marks them superseded."""
    specs: list[ObligationSpec] = []
    if note.status != NoteStatus.PENDING:
        specs = _payment_specs(note)
    if note.status in CLOSED_STATUSES:
        specs = _ended_specs(note, specs)
    obligations_sync(matter=note.matter, source=note, specs=specs)
    snapshot_refresh(note=note)  # last: every write to the note has been made


def _ended_specs(note: Note, specs: list[ObligationSpec]) -> list[ObligationSpec]:
    ended_on = live_transactions(note).filter(kind__in=ENDING_KINDS).aggregate(last=Max("date"))["last"]
    evidence = NOTE_ENDED.format(status=note.get_status_display().lower(), day=ended_on) if ended_on else ""
    return [
        replace(spec, met=True, evidence=evidence)
        if spec.key == "maturity" or ended_on is None or (spec.nominal_due_date or ended_on) <= ended_on
        else replace(spec, withdrawn=True)
        for spec in specs
    ]


def _payment_specs(note: Note) -> list[ObligationSpec]:
    specs = []
    if note.maturity_date:
        specs.append(ObligationSpec(
            key="maturity", title=f"Maturity: repay {note.currency} {note.principal:,.2f} ({note})",
            kind=ObligationKind.NOTE_MATURITY, nominal_due_date=note.maturity_date,
            responsible_party=note.issuer, clause="Note: maturity date",
        ))
    for row in note.scheduled_payments.all():
        specs.append(ObligationSpec(
            key=f"principal:{row.due_date.isoformat()}",
            title=f"{row.get_kind_display()}: {note.currency} {row.principal:,.2f} ({note})",
            kind=ObligationKind.NOTE_PAYMENT, nominal_due_date=row.due_date, responsible_party=note.issuer,
            clause=row.source or "Note: amortization schedule",
        ))
    if note.payment_terms in ("periodic_interest", "amortizing"):
        amounts = period_interest(note)
        for day in interest_dates(note):
            amount = amounts.get(day.scheduled)
            figure = f"{note.currency} {amount:,.2f}" if amount is not None else "amount not recorded"
            specs.append(ObligationSpec(
                key=f"payment:{day.scheduled.isoformat()}", title=f"Interest payment {figure} ({note})",
                kind=ObligationKind.NOTE_PAYMENT, nominal_due_date=day.scheduled, responsible_party=note.issuer,
                convention=note.business_day_convention, clause="Note: interest payment dates",
                description=(f"Interest for the period ending {day.period_end(note):%b %d, %Y}, as the ledger stands "
                             "today (a later advance, payment or rate change moves it)."),
            ))
    return specs
