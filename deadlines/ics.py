"""Calendars: a private feed per user and an .ics per obligation (icalendar package)."""

import secrets
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from icalendar import Alarm, Calendar, Event

from deadlines.models import DEFAULT_OFFSETS, Obligation, ObligationStatus, ReminderPreference


def calendar_for(obligations: Iterable[Obligation]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Covenant//Deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Covenant deadlines")
    for obligation in obligations:
        calendar.add_component(_event(obligation))
    return calendar.to_ical()


def _event(obligation: Obligation) -> Event:
    """One all-day event. Overdue and done are visible in any calendar app: the summary starts
    with "OVERDUE:" or "Done:", done events are marked X-COVENANT-STATUS:COMPLETED and
    TRANSPARENT, waived ones CANCELLED. A stored extreme date never breaks the feed."""
    event = Event()
    event.add("uid", f"obligation-{obligation.pk}@covenant")
    event.add("sequence", obligation.sequence)
    marker = "OVERDUE: " if obligation.overdue else MARKERS.get(obligation.status, "")
    event.add("summary", f"{marker}{obligation.title} - {obligation.matter.name}")
    event.add("dtstart", obligation.due_date)
    try:
        event.add("dtend", obligation.due_date + timedelta(days=1))  # type: ignore[operator]
    except OverflowError:
        pass  # 31 Dec 9999: an all-day DTSTART alone is a one-day event (RFC 5545 3.6.1)
    event.add("dtstamp", timezone.now())
    event.add("url", settings.SITE_URL + obligation.get_absolute_url())
    event.add("description", "\n".join(filter(None, [obligation.status_label, obligation.clause, obligation.description])))
    cancelled = obligation.status in (ObligationStatus.WAIVED, ObligationStatus.SUPERSEDED)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("x-covenant-status", "OVERDUE" if obligation.overdue else STATUS_CODES.get(obligation.status, "OPEN"))
    if obligation.status != ObligationStatus.OPEN:
        event.add("transp", "TRANSPARENT")
    if obligation.status == ObligationStatus.OPEN:
        for days in DEFAULT_OFFSETS:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", obligation.title)
            alarm.add("trigger", timedelta(days=-days, hours=9))
            event.add_component(alarm)
    return event


MARKERS: dict[str, str] = {
    ObligationStatus.DONE: "Done: ", ObligationStatus.WAIVED: "Waived: ", ObligationStatus.SUPERSEDED: "Superseded: ",
}
STATUS_CODES: dict[str, str] = {
    ObligationStatus.DONE: "COMPLETED", ObligationStatus.WAIVED: "WAIVED",
    ObligationStatus.MISSED: "MISSED", ObligationStatus.SUPERSEDED: "SUPERSEDED",
}


@transaction.atomic
def calendar_token_regenerate(*, user: Any) -> str:
    preference, _ = ReminderPreference.objects.get_or_create(user=user)
    preference.calendar_token = secrets.token_urlsafe(32)
    preference.calendar_token_created_at = timezone.now()
    preference.save(update_fields=["calendar_token", "calendar_token_created_at"])
    return preference.calendar_token


@transaction.atomic
def calendar_token_revoke(*, user: Any) -> None:
    ReminderPreference.objects.filter(user=user).update(calendar_token=None, calendar_token_created_at=None)
