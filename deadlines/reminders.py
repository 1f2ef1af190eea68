"""Who is reminded of what, and when. Pure decisions over rows already loaded.

Occasions (one row per obligation, recipient and occasion, so nothing is sent twice):
- ``before:N:YYYY-MM-DD``  N days before that due date, for the nearest policy offset that has
  arrived (an obligation created 5 days before its date gets the 7-day reminder now, not all missed
  ones). The due date is part of the key: when a date moves, its reminders are sent again;
- ``overdue:YYYY-MM-DD``  each day while overdue (when the policy says so);
- ``escalation:D:YYYY-MM-DD``  once per due date, to the matter's lead counsel and the admins,
  when overdue by D days;
- ``digest:YYYY-MM-DD``  one digest a day for users who chose digests.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from deadlines.models import CRITICAL_KINDS, DEFAULT_OFFSETS, ObligationKind

# At most this many reminder offsets per obligation (one a day for a month is plenty).
MAX_OFFSETS = 31


@dataclass(frozen=True)
class Policy:
    offsets: tuple[int, ...] = tuple(DEFAULT_OFFSETS)
    daily_when_overdue: bool = True
    escalate_after_days: int = 1


@dataclass(frozen=True)
class Recipient:
    email: str
    user: Any = None  # None for people outside the system


def occasion_for(due: date, today: date, policy: Policy) -> str | None:
    """The reminder occasion that applies today, or None."""
    days_left = (due - today).days
    if days_left >= 0:
        reached = [n for n in policy.offsets if n >= days_left]
        return f"before:{min(reached)}:{due.isoformat()}" if reached else None
    return f"overdue:{today.isoformat()}" if policy.daily_when_overdue else None


def escalation_for(due: date, today: date, policy: Policy) -> str | None:
    overdue_by = (today - due).days
    return f"escalation:{policy.escalate_after_days}:{due.isoformat()}" if overdue_by >= policy.escalate_after_days else None


def wants_immediate(recipient: Recipient, kind: str, critical: bool, preferences: dict[int, Any]) -> bool:
    """Outside recipients always get each reminder; users may choose digests or mute non-critical kinds."""
    if recipient.user is None:
        return True
    preference = preferences.get(recipient.user.pk)
    if preference is None:
        return True
    if not critical and kind in preference.muted_kinds:
        return False
    return preference.mode == "immediate"


def describe_when(due: date, today: date) -> str:
    days = (due - today).days
    stamp = due.strftime("%a %d %b %Y")
    if days > 1:
        return f"Due in {days} days ({stamp})"
    if days == 1:
        return f"Due tomorrow ({stamp})"
    if days == 0:
        return f"Due today ({stamp})"
    late = -days
    return f"Overdue by {late} day{'s' if late != 1 else ''} (was due {stamp})"


NON_MUTABLE_HELP = "Critical kinds (a lapse, a maturity, a filing deadline) cannot be muted."
MUTABLE_KINDS = [k for k in ObligationKind.values if k not in CRITICAL_KINDS]
