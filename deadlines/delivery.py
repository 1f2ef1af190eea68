"""Reminder rows: created by a sweep, claimed by a worker with a conditional update, sent, recorded.

The schedule lives in PostgreSQL. Creating rows is idempotent (unique key, ON CONFLICT DO
NOTHING), so any number of sweeps may run at once. A worker sends a row only after moving it from
`pending` to `sending` itself; a reaper returns rows whose worker died to `pending`. Each row's
Message-ID is fixed when the row is created, so a resend after a crash is the same message.
"""

import uuid
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from deadlines import reminders
from deadlines.emails import render_digest, render_reminder
from deadlines.models import (
    Delivery,
    DeliveryKind,
    DeliveryStatus,
    Obligation,
    ObligationStatus,
    ReminderPolicy,
    ReminderPreference,
    Snooze,
)
from matters.models import MembershipRole

MAX_ATTEMPTS = 5
LOOKAHEAD_DAYS = 31


def new_message_id() -> str:
    domain = settings.SITE_URL.split("//")[-1].split("/")[0].split(":")[0] or "covenant.local"
    return f"<covenant.{uuid.uuid4().hex}@{domain}>"


def _policies() -> dict[str, reminders.Policy]:
    return {
        p.kind: reminders.Policy(tuple(p.offsets), p.daily_when_overdue, p.escalate_after_days)
        for p in ReminderPolicy.objects.all()
    }


def _policy_for(obligation: Obligation, policies: dict[str, reminders.Policy]) -> reminders.Policy:
    override = getattr(obligation, "reminder_override", None)
    if override is not None:
        return reminders.Policy(tuple(override.offsets), override.daily_when_overdue, override.escalate_after_days)
    return policies.get(obligation.kind) or policies.get("") or reminders.Policy()


def _recipients(obligation: Obligation) -> list[reminders.Recipient]:
    people = {u.email.lower(): u for u in [*obligation.assignees.all(), *obligation.watchers.all()] if u.email}
    outside = [e.lower() for e in obligation.watcher_emails if e.lower() not in people]
    found = [reminders.Recipient(email, user) for email, user in people.items()]
    found += [reminders.Recipient(email) for email in outside]
    if not found:
        found = [reminders.Recipient(m.user.email.lower(), m.user) for m in obligation.matter.memberships.all()
                 if m.role == MembershipRole.LEAD and m.user.email]
    return found


def _escalation_recipients(obligation: Obligation, admins: list[Any]) -> list[reminders.Recipient]:
    leads = [m.user for m in obligation.matter.memberships.all() if m.role == MembershipRole.LEAD]
    people = {u.email.lower(): u for u in [*leads, *admins] if u.email}
    return [reminders.Recipient(email, user) for email, user in people.items()]


def sweep(now: datetime | None = None) -> int:
    """Create the reminder rows due now. Safe to run at any time, any number of times at once."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    policies = _policies()
    preferences = {p.user_id: p for p in ReminderPreference.objects.all()}
    snoozed = {(s.obligation_id, s.recipient_email) for s in Snooze.objects.filter(until__gte=today)}
    admins = list(get_user_model().objects.filter(Q(role="admin") | Q(is_superuser=True), is_active=True))
    obligations = (
        Obligation.objects.filter(status=ObligationStatus.OPEN, due_date__lte=today + timedelta(days=LOOKAHEAD_DAYS))
        .select_related("matter", "reminder_override")
        .prefetch_related("assignees", "watchers", "matter__memberships__user")
    )
    rows = []
    for obligation in obligations.iterator(chunk_size=2000):
        rows += _rows_for(obligation, today, now, policies, preferences, snoozed, admins)
    rows += _digest_rows(now)
    before = Delivery.objects.count()
    Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
    return Delivery.objects.count() - before  # rows this sweep added (others may run at once)


def _digest_rows(now: datetime) -> list[Delivery]:
    """One digest a day per digest user, once their local digest time has come."""
    rows = []
    for preference in ReminderPreference.objects.filter(mode="digest", user__is_active=True).select_related("user"):
        user = preference.user
        local = now.astimezone(ZoneInfo(user.time_zone))
        if user.email and local.time() >= preference.digest_time:
            rows.append(Delivery(recipient_email=user.email.lower(), recipient_user=user, kind=DeliveryKind.DIGEST,
                                 occasion=f"digest:{local.date().isoformat()}", due_at=now, message_id=new_message_id()))
    return rows


def _rows_for(obligation, today, now, policies, preferences, snoozed, admins) -> list[Delivery]:  # type: ignore[no-untyped-def]
    assert obligation.due_date is not None
    policy = _policy_for(obligation, policies)
    rows: list[Delivery] = []
    if obligation.due_date < today and obligation.past_when_recorded and not obligation.remind_when_overdue:
        # Past due when it was recorded (a 2005 deal loaded today): nobody needs 21 "overdue by
        # 7,861 days" emails. Someone who wants them ticks "remind me" on the obligation.
        return rows
    occasion = reminders.occasion_for(obligation.due_date, today, policy)
    if occasion:
        for recipient in _recipients(obligation):
            if (obligation.pk, recipient.email) in snoozed:
                continue
            if reminders.wants_immediate(recipient, obligation.kind, obligation.critical, preferences):
                rows.append(_row(obligation, recipient, occasion, DeliveryKind.REMINDER, now))
    escalation = reminders.escalation_for(obligation.due_date, today, policy)
    if escalation:
        rows += [_row(obligation, r, escalation, DeliveryKind.ESCALATION, now)
                 for r in _escalation_recipients(obligation, admins)]
    return rows


def _row(obligation: Obligation, recipient: reminders.Recipient, occasion: str, kind: str, now: datetime) -> Delivery:
    return Delivery(
        obligation=obligation, recipient_email=recipient.email, recipient_user=recipient.user, kind=kind,
        occasion=occasion, due_at=now, message_id=new_message_id(),
    )


def due_ids(limit: int = 5000, now: datetime | None = None) -> list[int]:
    """Pending rows whose time has come (the partial index on pending rows finds them)."""
    now = now or timezone.now()
    return list(
        Delivery.objects.filter(status=DeliveryStatus.PENDING, due_at__lte=now)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("due_at", "id").values_list("id", flat=True)[:limit]
    )


CLAIM_BATCH_SQL = """
UPDATE deadlines_delivery SET status = 'sending', claimed_at = now(), attempts = attempts + 1
WHERE id IN (
    SELECT id FROM deadlines_delivery
    WHERE status = 'pending' AND due_at <= now() AND (next_attempt_at IS NULL OR next_attempt_at <= now())
    ORDER BY due_at, id LIMIT %s FOR UPDATE SKIP LOCKED
) RETURNING id
"""


def claim_batch(size: int = 500) -> list[int]:
    """Claim up to `size` due rows at once; concurrent claimers skip each other's rows."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(CLAIM_BATCH_SQL, [size])
        return [row[0] for row in cursor.fetchall()]


def claim(delivery_id: int) -> bool:
    """Claim one row: a conditional update; False means another worker has it (or it is done)."""
    return bool(
        Delivery.objects.filter(id=delivery_id, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
    )


def _claimed(ids: list[int]) -> list[Delivery]:
    return list(
        Delivery.objects.select_related("obligation__matter", "obligation__responsible_party", "recipient_user")
        .filter(id__in=ids, status=DeliveryStatus.SENDING).order_by("due_at", "id")
    )


def send_claimed(delivery_id: int) -> str:
    """Send a row this worker claimed (over a connection of its own), and record the outcome."""
    rows = _claimed([delivery_id])
    return _send_one(rows[0], get_connection()) if rows else "gone"


def _send_one(delivery: Delivery, connection: Any) -> str:
    try:
        message = _message(delivery)
        connection.send_messages([message])
    except Exception as exc:  # noqa: BLE001 - any SMTP or network error is retried, then reported
        _record_failure(delivery, exc)
        _reset(connection)
        return "retry"
    # Recorded at once, message by message: a crash repeats at most the one message that the
    # server accepted and this update did not yet commit.
    Delivery.objects.filter(id=delivery.id).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now(), last_error="", subject=message.subject
    )
    return "sent"


def send_batch(size: int = 100) -> int:
    """Claim up to `size` due rows, load them in one query and send them over one SMTP
    connection (reopened only after an error); returns how many rows were claimed (0: none due)."""
    ids = claim_batch(size)
    if not ids:
        return 0
    connection = get_connection()
    try:
        connection.open()
    except Exception:  # noqa: BLE001 - each send below opens again, fails and records the error
        _reset(connection)
    try:
        for row in _claimed(ids):
            _send_one(row, connection)
    finally:
        _reset(connection)
    return len(ids)


def _reset(connection: Any) -> None:
    """Close a connection after an error (the next send opens a fresh one)."""
    try:
        connection.close()
    except Exception:  # noqa: BLE001, S110 - a broken connection may fail to close; it is dropped anyway
        pass


def _message(delivery: Delivery) -> EmailMultiAlternatives:
    subject, text, html = render_digest(delivery) if delivery.obligation_id is None else render_reminder(delivery)
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [delivery.recipient_email],
        headers={"Message-ID": delivery.message_id},
    )
    message.attach_alternative(html, "text/html")
    return message


def _record_failure(delivery: Delivery, exc: Exception) -> None:
    failed = delivery.attempts >= MAX_ATTEMPTS
    backoff = timedelta(seconds=min(30 * 2 ** max(delivery.attempts - 1, 0), 1800))
    Delivery.objects.filter(id=delivery.id).update(
        status=DeliveryStatus.FAILED if failed else DeliveryStatus.PENDING,
        next_attempt_at=None if failed else timezone.now() + backoff,
        last_error=f"{type(exc).__name__}: {exc}"[:2000],
    )


def reap(older_than_seconds: int | None = None) -> int:
    """Return rows stuck in `sending` (their worker died) to `pending`."""
    seconds = older_than_seconds or int(getattr(settings, "DELIVERY_CLAIM_TIMEOUT_SECONDS", 300))
    stale = timezone.now() - timedelta(seconds=seconds)
    return Delivery.objects.filter(status=DeliveryStatus.SENDING, claimed_at__lt=stale).update(
        status=DeliveryStatus.PENDING, claimed_at=None
    )


def retry(delivery: Delivery) -> None:
    Delivery.objects.filter(id=delivery.id, status=DeliveryStatus.FAILED).update(
        status=DeliveryStatus.PENDING, next_attempt_at=None, attempts=0
    )
