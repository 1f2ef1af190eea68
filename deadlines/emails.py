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
