"""Writes of a note's schedule and lenders: its amortization (or sinking-fund) schedule, entered
or generated, and the lenders of a syndicated facility with their shares at issue."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from notes import schedule, syndicate
from notes.models import Note, NoteLender, ScheduledPayment, ScheduleKind, TransactionKind
from notes.schedule import EMPTY as EMPTY_SCHEDULE
from notes.schedule import Scheduled
from notes.selectors import live_transactions
from notes.services import check_shares, note_obligations_sync

SCHEDULE_ABOVE_PRINCIPAL = (
    "The schedule's principal of {total:,.2f} is more than the note's {limit} of {amount:,.2f}."
)
SCHEDULE_BEFORE_ISSUE = "The schedule has a payment on {day:%b %d, %Y}, before the issue date ({issue:%b %d, %Y})."
SCHEDULE_AFTER_MATURITY = "The schedule has a payment on {day:%b %d, %Y}, after the maturity date ({maturity:%b %d, %Y})."
GENERATE_NEEDS_RATE = "A level-payment schedule needs the note's fixed interest rate."
GENERATE_BALLOON = "Amortize over more periods than the schedule has payments, or choose level payment."


@transaction.atomic
def schedule_replace(*, note: Note, rows: list[Scheduled], kind: str = ScheduleKind.AMORTIZATION, source: str = "",
                     by: Any = None) -> list[ScheduledPayment]:
    """The note's schedule becomes `rows`: checked against its principal and dates, then its
    obligations follow (dates no longer scheduled are superseded, never dropped when past due)."""
    note = Note.objects.select_for_update().get(pk=note.pk)
    if not rows:
        raise ValidationError({"rows": EMPTY_SCHEDULE})
    limit, amount = ("commitment", note.commitment) if note.is_drawn and note.commitment else ("principal", note.principal)
    total = sum((row.principal for row in rows), Decimal(0))
    if total > amount:
        raise ValidationError({"rows": SCHEDULE_ABOVE_PRINCIPAL.format(total=total, limit=limit, amount=amount)})
    for row in rows:
        if note.issue_date and row.due_date <= note.issue_date:
            raise ValidationError({"rows": SCHEDULE_BEFORE_ISSUE.format(day=row.due_date, issue=note.issue_date)})
        if note.maturity_date and row.due_date > note.maturity_date:
            raise ValidationError({"rows": SCHEDULE_AFTER_MATURITY.format(day=row.due_date, maturity=note.maturity_date)})
    user = by if getattr(by, "is_authenticated", False) else None
    ScheduledPayment.objects.filter(note=note).delete()
    created = ScheduledPayment.objects.bulk_create([
        ScheduledPayment(note=note, due_date=row.due_date, principal=row.principal, interest=row.interest, kind=kind,
                         source=source[:100], created_by=user)
        for row in rows
    ])
    note_obligations_sync(note=note)
    return created


@transaction.atomic
def schedule_generate(*, note: Note, method: str, first_date: date, months: int, count: int,
                      amortize_over: int | None = None, by: Any = None) -> list[ScheduledPayment]:
    """Generate a level principal, level payment or balloon schedule from the note's terms; the
    first payment is `first_date` and each next one `months` later."""
    principal = note.commitment if note.is_drawn and note.commitment else note.principal
    if method == "level_principal":
        rows = schedule.level_principal(principal, first_date, months, count)
    else:
        if note.interest_rate is None:
            raise ValidationError({"method": GENERATE_NEEDS_RATE})
        if method == "balloon" and (amortize_over is None or amortize_over <= count):
            raise ValidationError({"amortize_over": GENERATE_BALLOON})
        rows = schedule.level_payment(principal, note.interest_rate, first_date, months, count,
                                      amortize_over if method == "balloon" else None)
    label = {"level_principal": "level principal", "level_payment": "level payment", "balloon": "balloon"}[method]
    return schedule_replace(note=note, rows=rows, source=f"Generated: {label}, {count} x {months} months", by=by)


@transaction.atomic
def lenders_set(*, note: Note, shares: list[tuple[Any, Decimal]], by: Any = None) -> list[NoteLender]:
    """The facility's lenders and their shares at issue (percent, adding up to 100); later
    assignments must still fit them."""
    note = Note.objects.select_for_update().get(pk=note.pk)
    names = {party.pk: party.legal_name for party, _ in shares}
    try:
        syndicate.check_initial([(party.pk, share) for party, share in shares], names)
    except syndicate.SharesRefused as exc:
        raise ValidationError({"lenders": str(exc)}) from exc
    for party, share in shares:
        if not 0 < share <= 100:
            raise ValidationError({"lenders": f"{party}: a share is between 0% and 100%."})
    initial = {party.pk: share for party, share in shares}
    check_shares(note, list(live_transactions(note).filter(kind=TransactionKind.ASSIGNMENT)), initial, "lenders")
    NoteLender.objects.filter(note=note).delete()
    return NoteLender.objects.bulk_create([NoteLender(note=note, lender=party, share=share) for party, share in shares])
