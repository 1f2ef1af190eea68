from datetime import timedelta

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from deadlines.links import action_url
from deadlines.reminders import describe_when


def render_reminder(delivery) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    """Subject, plain text and HTML of one reminder: when, what, which matter, why, who."""
    obligation = delivery.obligation
    today = timezone.localdate()
    when = describe_when(obligation.due_date, today)
    prefix = "Escalation: " if delivery.kind == "escalation" else ""
    subject = f"{prefix}{when}: {obligation.title} - {obligation.matter.name}"
    context = {
        "delivery": delivery, "obligation": obligation, "when": when,
        "record_url": settings.SITE_URL + obligation.get_absolute_url(),
        "done_url": action_url(obligation_id=obligation.pk, email=delivery.recipient_email, action="done"),
        "snooze_url": action_url(obligation_id=obligation.pk, email=delivery.recipient_email, action="snooze"),
    }
    text = render_to_string("deadlines/email/reminder.txt", context)
    html = render_to_string("deadlines/email/reminder.html", context)
    return subject[:400], text, html


def render_digest(delivery) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    """Everything overdue and due in the next 30 days that the user may see, grouped by matter,
    then what others changed on the user's matters since the user last looked (at most a day)."""
    from core.templatetags.history_format import moment_text, reader_zone
    from deadlines.models import ObligationStatus
    from deadlines.selectors import obligations_for
    from matters.timeline import unseen_changes

    today = timezone.localdate()
    rows = obligations_for(delivery.recipient_user).filter(
        status=ObligationStatus.OPEN, due_date__lte=today + timedelta(days=30)).order_by("matter__name", "due_date", "id")
    groups: dict[str, list] = {}  # type: ignore[type-arg]
    for obligation in rows:
        groups.setdefault(obligation.matter.name, []).append((obligation, describe_when(obligation.due_date or today, today)))
    overdue = sum((o.due_date or today) < today for o in rows)
    subject = f"Deadlines digest {today:%a %d %b %Y}: {overdue} overdue, {len(rows) - overdue} due in 30 days"
    zone = reader_zone(delivery.recipient_user)
    changes = {matter.name: [(moment_text(row.at, zone), row.summary) for row in rows]
               for matter, rows in unseen_changes(delivery.recipient_user, now=timezone.now()).items()}
    context = {"groups": groups, "site": settings.SITE_URL, "changes": changes}
    return subject, render_to_string("deadlines/email/digest.txt", context), render_to_string("deadlines/email/digest.html", context)
