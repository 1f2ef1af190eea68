"""Moments in the reader's own zone (the profile's time zone; the firm's for anonymous readers)."""

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import template
from django.conf import settings

register = template.Library()


def reader_zone(user: Any) -> ZoneInfo:
    return ZoneInfo(getattr(user, "time_zone", "") or settings.TIME_ZONE)


def moment_text(value: datetime, zone: ZoneInfo) -> str:
    local = value.astimezone(zone)
    return f"{local:%b} {local.day}, {local:%Y %H:%M} {local.tzname()}"


@register.filter
def in_zone(value: Any, user: Any) -> Any:
    """An aware datetime as text in the user's zone; anything else unchanged."""
    if isinstance(value, datetime):
        return moment_text(value, reader_zone(user))
    return value
