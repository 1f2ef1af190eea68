"""Writes of a note's schedule, lenders and margin grid: its amortization (or sinking-fund)
schedule, entered or generated; the lenders of a syndicated facility with their shares at issue;
a floating note's margin grid and the ratios reported for it."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from notes import margins, schedule, syndicate
from notes.models import (
    MarginLevel,
    MarginRatio,
    Note,
    NoteLender,
    ScheduledPayment,
    ScheduleKind,
    TransactionKind,
)
from notes.schedule import EMPTY as EMPTY_SCHEDULE
from notes.schedule import Scheduled
from notes.selectors import live_transactions, margin_changes, margin_grid
from notes.services import check_floating, check_shares, note_obligations_sync

SCHEDULE_ABOVE_PRINCIPAL = (
    "The schedule's principal of {total:,.2f} is more than the note's {limit} of {amount:,.2f}."
)
SCHEDULE_BEFORE_ISSUE = "The schedule has a payment on {day:%b %d, %Y}, before the issue date ({issue:%b %d, %Y})."
SCHEDULE_AFTER_MATURITY = "The schedule has a payment on {day:%b %d, %Y}, after the maturity date ({maturity:%b %d, %Y})."
GENERATE_NEEDS_RATE = "A level-payment schedule needs the note's fixed interest rate."
GRID_NEEDS_FLOATING = "A margin grid sets the margin over an index: make the note floating first."
RATIO_NEEDS_GRID = "Enter the note's margin grid before recording a ratio for it."
RATIO_BEFORE_ISSUE = "The ratio takes effect on {day:%b %d, %Y}, before the issue date ({issue:%b %d, %Y})."
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


@transaction.atomic
def margin_grid_set(*, note: Note, levels: list[margins.Level], by: Any = None) -> list[MarginLevel]:
    """The floating note's margin grid becomes `levels`; every ratio already recorded must fall in
    one of them, and every rate they give must be settable (a floor where a margin makes it negative)."""
    note = Note.objects.select_for_update().get(pk=note.pk)
    if not note.is_floating:
        raise ValidationError({"levels": GRID_NEEDS_FLOATING})
    try:
        margins.check_grid(levels)
        margin_changes(note, levels)
    except margins.GridRefused as exc:
        raise ValidationError({"levels": str(exc)}) from exc
    for level in levels:
        MarginLevel(note=note, name=level.name, ratio_from=level.ratio_from, ratio_below=level.ratio_below,
                    margin=level.margin).full_clean(exclude=["note"])
    MarginLevel.objects.filter(note=note).delete()
    created = MarginLevel.objects.bulk_create([
        MarginLevel(note=note, name=level.name, ratio_from=level.ratio_from, ratio_below=level.ratio_below,
                    margin=level.margin) for level in levels
    ])
    check_floating(note, field="levels")
    note_obligations_sync(note=note)
    return created


@transaction.atomic
def margin_ratio_record(*, note: Note, effective_date: date, ratio: Decimal, source: str = "",
                        by: Any = None) -> MarginRatio:
    """A reported ratio sets the margin from its date (a date already recorded is corrected)."""
    note = Note.objects.select_for_update().get(pk=note.pk)
    levels = margin_grid(note)
    if not levels:
        raise ValidationError({"ratio": RATIO_NEEDS_GRID})
    if note.issue_date and effective_date < note.issue_date:
        raise ValidationError({"effective_date": RATIO_BEFORE_ISSUE.format(day=effective_date, issue=note.issue_date)})
    try:
        margins.level_for(levels, ratio)
    except margins.GridRefused as exc:
        raise ValidationError({"ratio": str(exc)}) from exc
    user = by if getattr(by, "is_authenticated", False) else None
    row, _ = MarginRatio.objects.update_or_create(note=note, effective_date=effective_date, defaults={
        "ratio": ratio, "source": source[:200], "created_by": user})
    row.full_clean()
    check_floating(note, field="ratio")
    note_obligations_sync(note=note)
    return row
