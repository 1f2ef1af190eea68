"""The History tab: rows from django-pghistory's trigger-written events for one record."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pghistory.models
from django.contrib.auth import get_user_model
from django.db.models import Model


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    action: str
    who: str
    changes: list[tuple[str, Any, Any]]
    object_id: str = ""  # the pk of the record the row is about (several records can share a table)


_HIDDEN = {"id", "pgh_id", "pgh_obj", "pgh_created_at", "pgh_label", "pgh_context"}


def history_rows(obj: Model, *more: Model) -> list[HistoryRow]:
    """The changes of one record, or of several records in one table, newest first (one query)."""
    events = list(pghistory.models.Events.objects.tracks(obj, *more).order_by("-pgh_created_at", "-pgh_id"))
    user_ids = [
        user_id for event in events if (user_id := (event.pgh_context or {}).get("user")) is not None
    ]
    names = {
        user.pk: user.get_full_name() or user.get_username()
        for user in get_user_model().objects.filter(pk__in=user_ids)
    }
    return [_row(event, names) for event in events]


def _row(event: Any, names: dict[Any, str]) -> HistoryRow:
    context = event.pgh_context or {}
    who = names.get(context.get("user"), "system" if not context.get("user") else "deleted user")
    diff = event.pgh_diff or {}
    if diff:
        changes = [(field, pair[0], pair[1]) for field, pair in sorted(diff.items())]
    else:
        changes = [
            (field, None, value)
            for field, value in sorted((event.pgh_data or {}).items())
            if field not in _HIDDEN and value not in (None, "")
        ]
    label = {"insert": "created", "update": "changed", "delete": "deleted"}.get(
        event.pgh_label, event.pgh_label
    )
    return HistoryRow(at=event.pgh_created_at, action=label, who=who, changes=changes, object_id=str(event.pgh_obj_id))
