"""Every write to closings and deliverables. Closing the closing is one transaction."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from closings.checklists import TEMPLATES
from closings.models import (
    BinderExport,
    Closing,
    ClosingStatus,
    Deliverable,
    DeliverableKind,
    DeliverableStatus,
)
from closings.tasks import build_binder
from core.uploads import upload_check
from deadlines.models import ObligationKind
from deadlines.services import ObligationSpec, obligations_sync
from matters.access import ensure_in_matter
from matters.selectors import lead_counsel
from notes.models import Note, NoteTransaction, TransactionKind
from notes.services import (
    note_issue,
    note_transaction_record,
    note_transaction_void,
    note_unissue,
    note_update,
)

CANCELLED = "A cancelled closing cannot be closed."
ALREADY_CLOSED = "This closing is already closed."
FUNDS_NEED_AMOUNT = "Funds need an amount greater than zero."
POST_CLOSING_NEEDS_DAYS = "A post-closing item needs the number of days after closing it is due."
WAIVER_NEEDS_REASON = "Say why the deliverable is waived."
ONLY_ADMINS_REOPEN = "Only an admin can reopen a closed closing."
NOT_CLOSED = "Only a closed closing can be reopened."
TEMPLATE_NEEDS_PARTIES = "Link an agreement with a company and a purchaser first."
REOPEN_NEEDS_REASON = "Say why the closing is reopened; the reason is kept in its history."
CLOSED_READ_ONLY = ("This closing was closed on {date:%B %d, %Y}; its deliverables are read-only "
                    "until an admin reopens it (post-closing items can still be marked received or waived).")
CLOSING_FIELDS = ("scheduled_at", "time_zone", "place", "place_party", "simultaneous_with_signing", "clause")
BINDER_NOT_QUEUED = "The binder could not be queued (the task queue is not answering). Try again in a minute."
# Publishing retries briefly (a broker restart), then gives up so the request never hangs.
BINDER_PUBLISH_RETRY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
DELIVERABLE_FIELDS = ("description", "kind", "from_party", "to_party", "amount", "currency", "wire_reference", "note",
                      "required", "days_after_closing", "post_closing", "clause", "comments", "position")


class ClosingBlocked(ValidationError):
    def __init__(self, outstanding: list[Deliverable]) -> None:
        self.outstanding = outstanding
        names = "; ".join(f"{d.description} ({d.from_party})" for d in outstanding)
        super().__init__(f"Required deliverables are outstanding: {names}.")


# After the closing only post-closing items are worked on: received or waived, with evidence.
POST_CLOSING_WORK = {"status", "waiver_reason", "evidence_text", "comments"}


class ClosingClosed(Exception):
    """A write to a deliverable of a closed closing (the API answers 409, pages show the text)."""

    def __init__(self, closing: Closing) -> None:
        super().__init__(CLOSED_READ_ONLY.format(date=closing.closed_on))


def _ensure_open(closing: Closing) -> None:
    if closing.status == ClosingStatus.CLOSED:
        raise ClosingClosed(closing)


@dataclass
class StaleVersion(Exception):
    current: Deliverable

    def __str__(self) -> str:
        who = self.current.status_by.display_name if self.current.status_by else "someone"
        return (f"{who} changed this deliverable first (now {self.current.get_status_display().lower()}, "
                f"version {self.current.version}). Review their change and try again.")


def _fund_reference(closing: Closing) -> str:
    return f"closing:{closing.pk}"


def closing_notes(closing: Closing) -> list[Note]:
    agreements = list(closing.agreements.all())
    return list(Note.objects.filter(Q(agreement__in=agreements) | Q(agreement__parent__in=agreements)).distinct())


@transaction.atomic
def closing_create(*, matter: Any, data: dict[str, Any], agreements: list[Any] | None = None) -> Closing:
    ensure_in_matter(matter, agreements=agreements)
    closing = Closing(matter=matter, **{k: v for k, v in data.items() if k in CLOSING_FIELDS})
    closing.full_clean()
    closing.save()
    closing.agreements.set(agreements or [])
    closing_obligations_sync(closing=closing)
    return closing


@transaction.atomic(durable=True)
def closing_update(*, closing: Closing, data: dict[str, Any], by: Any, agreements: list[Any] | None = None) -> Closing:
    """Every change to a closing in one transaction: a new date moves fundings and post-closing
    dates (`closing_move`), other fields and the linked agreements are saved with it."""
    ensure_in_matter(closing.matter, agreements=agreements)
    closing = closing_move(closing=closing, by=by, scheduled_at=data.get("scheduled_at"), closed_on=data.get("closed_on"))
    fields = [field for field in CLOSING_FIELDS if field in data and field != "scheduled_at"]
    for field in fields:
        setattr(closing, field, data[field])
    closing.full_clean()
    if fields:
        closing.save(update_fields=fields)
    if agreements is not None:
        closing.agreements.set(agreements)
    return closing


def _check_deliverable(deliverable: Deliverable) -> None:
    if deliverable.kind == "funds" and (deliverable.amount is None or deliverable.amount <= 0):
        raise ValidationError({"amount": FUNDS_NEED_AMOUNT})
    if deliverable.post_closing and deliverable.days_after_closing is None:
        raise ValidationError({"days_after_closing": POST_CLOSING_NEEDS_DAYS})
    if deliverable.status == DeliverableStatus.WAIVED and not deliverable.waiver_reason.strip():
        raise ValidationError({"waiver_reason": WAIVER_NEEDS_REASON})


@transaction.atomic
def deliverable_create(*, closing: Closing, data: dict[str, Any]) -> Deliverable:
    closing = Closing.objects.select_for_update().get(pk=closing.pk)
    _ensure_open(closing)
    ensure_in_matter(closing.matter, note=data.get("note"))
    deliverable = Deliverable(closing=closing, **{k: v for k, v in data.items() if k in DELIVERABLE_FIELDS})
    if deliverable.days_after_closing is not None:
        deliverable.post_closing = True
    _check_deliverable(deliverable)
    deliverable.full_clean()
    deliverable.save()
    closing_obligations_sync(closing=closing)
    return deliverable


@transaction.atomic
def closing_template_apply(*, closing: Closing, picked: set[str]) -> list[Deliverable]:
    """The ticked items of the usual note purchase checklist, between the linked agreements'
    company and purchaser; all or none."""
    parties = {ap.role: ap.party for a in closing.agreements.all() for ap in a.agreement_parties.select_related("party")}
    company, purchaser = parties.get("company"), parties.get("purchaser") or parties.get("holder")
    if company is None or purchaser is None:
        raise ValidationError(TEMPLATE_NEEDS_PARTIES)
    price = sum((n.purchase_price or n.principal for n in closing_notes(closing)), Decimal(0)) or None
    added = []
    for index, (text, kind, by, days) in enumerate(TEMPLATES["note_purchase"]):
        if str(index) in picked:
            from_party, to_party = (company, purchaser) if by == "company" else (purchaser, company)
            added.append(deliverable_create(closing=closing, data={
                "description": text, "kind": kind, "from_party": from_party, "to_party": to_party,
                "days_after_closing": days, "position": index, "amount": price if kind == "funds" else None}))
    return added


@transaction.atomic
def deliverable_update(*, deliverable: Deliverable, data: dict[str, Any], version: int, by: Any,
                       evidence: UploadedFile | None = None, at: datetime | None = None) -> Deliverable:
    """Optimistic locking: the save carries the version it was based on; a stale one is refused.
    Evidence (a file) is saved in the same transaction, under the same check. `at`: when a status
    change happened, for a past closing recorded afterwards (default: now)."""
    if evidence is not None:
        upload_check(evidence)
    closing = Closing.objects.select_for_update().get(pk=deliverable.closing_id)
    current = Deliverable.objects.select_for_update(of=("self",)).select_related("status_by", "from_party").get(pk=deliverable.pk)
    if not (current.post_closing and set(data) <= POST_CLOSING_WORK):
        _ensure_open(closing)
    if current.version != version:
        raise StaleVersion(current)
    ensure_in_matter(closing.matter, note=data.get("note"))
    for field in (*DELIVERABLE_FIELDS, "status", "waiver_reason", "evidence_text"):
        if field in data:
            setattr(current, field, data[field])
    if current.days_after_closing is not None:
        current.post_closing = True
    if "status" in data:
        current.status_by, current.status_at = (by if getattr(by, "is_authenticated", False) else None), at or timezone.now()
    _check_deliverable(current)
    if evidence is not None:
        current.evidence_name = evidence.name or "evidence"
        current.evidence_file.save(current.evidence_name, evidence, save=False)
    current.version = F("version") + 1
    current.full_clean(exclude=["version"])
    current.save()
    current.refresh_from_db()
    closing_obligations_sync(closing=current.closing)
    return current


BULK_NOTHING = "Tick at least one deliverable."
BULK_OTHER_CLOSING = "Choose deliverables of this closing; {ids} belong to another closing or do not exist."


@transaction.atomic
def deliverables_status_bulk(*, closing: Closing, ids: list[int], status: str, waiver_reason: str,
                             by: Any) -> list[Deliverable]:
    """One status for several deliverables of one closing: all change or none (a waiver without
    its reason, a closed closing or a stranger's id refuses the whole batch)."""
    if not ids:
        raise ValidationError({"item": BULK_NOTHING})
    items = list(closing.deliverables.filter(pk__in=ids).order_by("position", "id"))
    strangers = sorted(set(ids) - {item.pk for item in items})
    if strangers:
        raise ValidationError({"item": BULK_OTHER_CLOSING.format(ids=", ".join(map(str, strangers)))})
    data = {"status": status, "waiver_reason": waiver_reason}
    return [deliverable_update(deliverable=item, data=data, version=item.version, by=by) for item in items]


@transaction.atomic
def closing_close(*, closing: Closing, closed_on: date, by: Any) -> Closing:
    closing = Closing.objects.select_for_update().get(pk=closing.pk)
    if closing.status == ClosingStatus.CANCELLED:
        raise ValidationError({"status": CANCELLED})
    if closing.status == ClosingStatus.CLOSED:
        raise ValidationError({"status": ALREADY_CLOSED})
    outstanding = list(closing.deliverables.filter(required=True, post_closing=False, status=DeliverableStatus.OUTSTANDING)
                       .select_related("from_party"))
    if outstanding:
        raise ClosingBlocked(outstanding)
    closing.status, closing.closed_on = ClosingStatus.CLOSED, closed_on
    closing.closed_by = by if getattr(by, "is_authenticated", False) else None
    closing.full_clean()
    closing.save()
    for note in closing_notes(closing):
        _fund(closing, note, closed_on, by)
    closing_obligations_sync(closing=closing)
    return closing


def _fund(closing: Closing, note: Note, on: date, by: Any) -> None:
    note_issue(note=note, on=on, by=by)
    if note.issue_date and note.issue_date > on:
        note.issue_date = on
        note.save(update_fields=["issue_date"])
    if note.is_drawn:
        # A line is not funded in full at closing: only the initial advance its funds deliverable
        # names (if any) is drawn, never the commitment.
        for funds in closing.deliverables.filter(kind=DeliverableKind.FUNDS, note=note, amount__isnull=False).exclude(
                status=DeliverableStatus.WAIVED).order_by("position", "pk"):
            note_transaction_record(note=note, kind=TransactionKind.ADVANCE, date=on, amount=funds.amount, by=by,
                                    reference=_fund_reference(closing), memo=f"Initial advance at the closing: {funds.description}")
        return
    amount = note.purchase_price or note.principal
    note_transaction_record(note=note, kind=TransactionKind.FUNDING, date=on, amount=amount, by=by,
                            reference=_fund_reference(closing), memo="Purchase price funded at the closing")


def _unfund(closing: Closing, by: Any, reason: str) -> None:
    for txn in NoteTransaction.objects.filter(reference=_fund_reference(closing), voided_at__isnull=True):
        note_transaction_void(transaction=txn, reason=reason, by=by)


@transaction.atomic
def closing_move(*, closing: Closing, by: Any, scheduled_at: Any = None, closed_on: date | None = None) -> Closing:
    """Move the closing; a new closing date moves the fundings and the post-closing dates."""
    closing = Closing.objects.select_for_update().get(pk=closing.pk)
    if scheduled_at is not None:
        closing.scheduled_at = scheduled_at
    if closed_on is not None and closing.status == ClosingStatus.CLOSED and closed_on != closing.closed_on:
        _unfund(closing, by, f"Closing date moved to {closed_on}")
        closing.closed_on = closed_on
        for note in closing_notes(closing):
            note.issue_date = closed_on
            note.save(update_fields=["issue_date"])
            _fund(closing, note, closed_on, by)
    closing.full_clean()
    closing.save()
    closing_obligations_sync(closing=closing)
    return closing


@transaction.atomic
def closing_reopen(*, closing: Closing, by: Any, reason: str) -> Closing:
    """Only an admin reopens, and says why: the reason is saved on the closing (so its History
    shows it) and voids the fundings with it."""
    if not getattr(by, "is_admin", False):
        raise PermissionDenied(ONLY_ADMINS_REOPEN)
    if not reason.strip():
        raise ValidationError({"reason": REOPEN_NEEDS_REASON})
    closing = Closing.objects.select_for_update().get(pk=closing.pk)
    if closing.status != ClosingStatus.CLOSED:
        raise ValidationError({"status": NOT_CLOSED})
    _unfund(closing, by, f"Closing reopened: {reason.strip()}")
    for note in closing_notes(closing):
        note_unissue(note=note, by=by)
        if note.issue_date == closing.closed_on:
            note_update(note=note, data={"issue_date": None}, by=by)
    closing.status, closing.closed_on, closing.closed_by = ClosingStatus.IN_PROGRESS, None, None
    closing.reopen_reason = reason.strip()
    closing.save()
    closing_obligations_sync(closing=closing)
    return closing


def closing_obligations_sync(*, closing: Closing) -> None:
    """Post-closing items once closed (dated from the closing date); before, one reminder of the
    closing day listing what is outstanding, to the matter's counsel."""
    specs = []
    if closing.status == ClosingStatus.CLOSED and closing.closed_on:
        # Every post-closing item keeps its deadline: received ones are met (with who and what),
        # waived ones are no longer owed; the deadlines app keeps both in history.
        for item in closing.deliverables.filter(post_closing=True).select_related("from_party", "status_by"):
            specs.append(ObligationSpec(
                key=f"deliverable:{item.pk}", title=f"Post-closing: {item.description}",
                kind=ObligationKind.CLOSING_DELIVERABLE, responsible_party=item.from_party,
                nominal_due_date=closing.closed_on + timedelta(days=item.days_after_closing or 0),
                convention="following", clause=item.clause,
                met=item.status == DeliverableStatus.RECEIVED, evidence=_received_evidence(item),
                withdrawn=item.status == DeliverableStatus.WAIVED))
        if closing.scheduled_at:
            # The closing took place: the closing-day reminder is met, not left overdue.
            day = timezone.localtime(closing.scheduled_at).date()
            specs.append(ObligationSpec(
                key="closing-day", title=f"Closing on {day:%a %d %b %Y}", kind=ObligationKind.CLOSING_DELIVERABLE,
                nominal_due_date=day, convention="none", clause=closing.clause, met=True,
                evidence=f"Closed on {closing.closed_on:%B %d, %Y}."))
    else:
        # Not closed (or reopened): post-closing deadlines are not owed yet; ones already met stay done.
        specs += [ObligationSpec(key=f"deliverable:{pk}", title="", kind=ObligationKind.CLOSING_DELIVERABLE, withdrawn=True)
                  for pk in closing.deliverables.filter(post_closing=True).values_list("pk", flat=True)]
    if closing.status in (ClosingStatus.SCHEDULED, ClosingStatus.IN_PROGRESS) and closing.scheduled_at:
        count = closing.deliverables.filter(required=True, post_closing=False, status=DeliverableStatus.OUTSTANDING).count()
        if count:
            day = timezone.localtime(closing.scheduled_at).date()
            specs.append(ObligationSpec(
                key="closing-day", title=f"Closing on {day:%a %d %b %Y}: {count} deliverable(s) outstanding",
                kind=ObligationKind.CLOSING_DELIVERABLE, nominal_due_date=day, convention="none",
                clause=closing.clause, assignees=lead_counsel(closing.matter), reminder_offsets=list(range(7, -1, -1))))
    obligations_sync(matter=closing.matter, source=closing, specs=specs)


def _received_evidence(item: Deliverable) -> str:
    if item.status != DeliverableStatus.RECEIVED:
        return ""
    who = item.status_by.get_full_name() or item.status_by.get_username() if item.status_by else "someone"
    when = f" on {timezone.localtime(item.status_at):%B %d, %Y}" if item.status_at else ""
    detail = item.evidence_text or item.evidence_name
    return f"Marked received by {who}{when}" + (f": {detail}" if detail else ".")


@transaction.atomic
def binder_request(*, closing: Closing) -> BinderExport:
    """A binder row, queued for a worker once the row is committed. If the queue cannot take it,
    the row says so ("failed") instead of staying "pending" forever."""
    binder = BinderExport.objects.create(closing=closing)
    transaction.on_commit(lambda: _binder_enqueue(binder.pk))
    return binder


def _binder_enqueue(binder_id: int) -> None:
    try:
        build_binder.apply_async((binder_id,), retry=True, retry_policy=BINDER_PUBLISH_RETRY)
    except BrokerError:
        BinderExport.objects.filter(pk=binder_id).update(status="failed", error=BINDER_NOT_QUEUED)
