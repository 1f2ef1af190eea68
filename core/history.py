"""History in words, from the rows django-pghistory's triggers write.

One reading serves the History tab of every record and the matter timeline: each event becomes a
`HistoryRow` with a sentence ("Casey Counsel marked The Note received (§3.2(a))"), field labels
and rendered values (choices by label, money with its currency, dates, related records by name).
Moments stay aware datetimes so each page shows them in its reader's zone.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

import pghistory.models
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Model, QuerySet

SYSTEM = "Covenant (automatic)"
_HIDDEN = {"id", "version", "position", "created_at", "updated_at", "status_at", "status_by"}
_TITLE_FIELDS = ("title", "description", "name", "legal_name", "username", "label")
_VERBS = {"insert": "added", "update": "changed", "delete": "deleted"}


@dataclass(frozen=True)
class Change:
    label: str
    old: Any  # display text, or an aware datetime (shown in the reader's zone); None: not set before
    new: Any


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    action: str
    who: str
    changes: list[tuple[str, Any, Any]]  # (column, old, new) as stored, for code that needs the raw values
    object_id: str = ""  # the pk of the record the row is about (several records can share a table)
    lines: tuple[Change, ...] = ()
    summary: str = ""
    kind: str = ""  # the record's kind, e.g. "Deliverable"
    who_id: int | None = None
    seq: int = 0  # the event's id: orders the events of one transaction


def event_models() -> list[Any]:
    """Every event model the audit triggers write to."""
    return [m for m in apps.get_models() if issubclass(m, pghistory.models.Event) and hasattr(m, "pgh_tracked_model")]


def event_model_for(model: type[Model]) -> Any:
    return next(m for m in event_models() if m.pgh_tracked_model is model._meta.concrete_model)


def history_rows(obj: Model, *more: Model) -> list[HistoryRow]:
    """The changes of one record, or of several records in one table, newest first."""
    event_model = event_model_for(type(obj))
    events = event_model.objects.filter(pgh_obj_id__in=[o.pk for o in (obj, *more)])
    return sorted(describe({event_model: events}), key=lambda row: (row.at, row.seq), reverse=True)


def describe(querysets: dict[Any, QuerySet[Any]]) -> list[HistoryRow]:
    """Rows for the events of each event model's queryset (one query each, plus one for the users
    and one per kind of related record named), oldest first within each record."""
    loaded = {m: list(qs.select_related("pgh_context").order_by("pgh_obj_id", "pgh_id")) for m, qs in querysets.items()}
    names = _related_names(loaded)
    users = _user_names(e for events in loaded.values() for e in events)
    rows: list[HistoryRow] = []
    for event_model, events in loaded.items():
        previous: dict[Any, dict[str, Any]] = {}
        for event in events:
            data = _data(event_model, event)
            rows.append(_row(event_model.pgh_tracked_model, event, data, previous.get(event.pgh_obj_id), names, users))
            previous[event.pgh_obj_id] = data
    return rows


@cache
def _fields(model: Any, event_model: Any) -> list[models.Field]:  # type: ignore[type-arg]
    event_columns = {f.attname for f in event_model._meta.concrete_fields}
    return [f for f in model._meta.concrete_fields if f.attname in event_columns]


def _data(event_model: Any, event: Any) -> dict[str, Any]:
    return {f.attname: getattr(event, f.attname) for f in _fields(event_model.pgh_tracked_model, event_model)}


def _context_user(event: Any) -> Any:
    context = getattr(event, "pgh_context", None)
    metadata = getattr(context, "metadata", None) or {}
    return metadata.get("user")


def _user_names(events: Iterable[Any]) -> dict[Any, str]:
    ids = {user_id for event in events if (user_id := _context_user(event)) is not None}
    return {u.pk: u.get_full_name() or u.get_username() for u in get_user_model().objects.filter(pk__in=ids)}


def _related_names(loaded: dict[Any, list[Any]]) -> dict[tuple[Any, Any], str]:
    """The name of every record an event points to, one query per related model."""
    wanted: dict[Any, set[Any]] = defaultdict(set)
    for event_model, events in loaded.items():
        for f in _fields(event_model.pgh_tracked_model, event_model):
            if f.is_relation and f.related_model is not None:
                wanted[f.related_model] |= {v for e in events if (v := getattr(e, f.attname)) is not None}
    names: dict[tuple[Any, Any], str] = {}
    for model, pks in wanted.items():
        if pks:
            # A record's name often names the records it points to (a note "of" its issuer, a
            # security interest's debtor and secured party): join them, or each name is a query.
            joined = [f.name for f in model._meta.concrete_fields if f.is_relation]
            records = model._default_manager.filter(pk__in=pks).select_related(*joined)
            names.update({(model, o.pk): _name(o) for o in records})
    return names


def _name(obj: Any) -> str:
    if isinstance(obj, get_user_model()):
        return obj.get_full_name() or obj.get_username()
    return str(obj)


def _title(model: Any, data: dict[str, Any], names: dict[tuple[Any, Any], str]) -> str:
    """The record's own name, else the first record it points to (a membership: its user)."""
    for name in _TITLE_FIELDS:
        if data.get(name):
            return str(data[name])
    for f in model._meta.concrete_fields:
        if f.is_relation and f.name != "matter" and (f.related_model, data.get(f.attname)) in names:
            return f"of {names[(f.related_model, data[f.attname])]}"
    return f"#{data.get('id', '')}"


def display(model: Any, f: models.Field, value: Any, data: dict[str, Any],  # type: ignore[type-arg]
            names: dict[tuple[Any, Any], str]) -> Any:
    """A stored value as a reader sees it; an aware datetime is left for the page to localize."""
    if value is None or value == "" or value == [] or value == {}:
        return None
    if f.is_relation and f.related_model is not None:
        return names.get((f.related_model, value), f"{f.related_model._meta.verbose_name} {value} (deleted)")
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Decimal):
        if "rate" in f.name or "ratio" in f.name or "percent" in f.name:
            return f"{value.normalize():f}"
        return f"{data['currency']} {value:,.2f}" if data.get("currency") else f"{value:,.2f}"
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return value.strftime("%b %-d, %Y")
    if isinstance(value, list):
        base = getattr(f, "base_field", None)
        labels = dict(base.flatchoices) if base is not None and base.choices else {}
        return ", ".join(str(labels.get(v, v) if isinstance(v, str) else v) for v in value)
    return str(value)


def _label(f: models.Field) -> str:  # type: ignore[type-arg]
    text = str(f.verbose_name)
    return text[:1].upper() + text[1:]


def _row(model: Any, event: Any, data: dict[str, Any], before: dict[str, Any] | None,
         names: dict[tuple[Any, Any], str], users: dict[Any, str]) -> HistoryRow:
    fields = [f for f in model._meta.concrete_fields if f.attname in data]
    if before is None or event.pgh_label != "update":
        changed = [f for f in fields if data[f.attname] not in (None, "", [], {}) and f.name not in _HIDDEN | {"id"}]
        raw = [(f.attname, None, data[f.attname]) for f in changed]
    else:
        changed = [f for f in fields if data[f.attname] != before.get(f.attname)]
        raw = [(f.attname, before.get(f.attname), data[f.attname]) for f in changed]
    shown = [f for f in changed if f.name not in _HIDDEN]
    lines = tuple(
        Change(_label(f), None if before is None or event.pgh_label != "update"
               else display(model, f, before.get(f.attname), before, names),
               display(model, f, data[f.attname], data, names))
        for f in shown
    )
    user_id = _context_user(event)
    who = users.get(user_id, SYSTEM if user_id is None else "a deleted user")
    action = {"insert": "created", "update": "changed", "delete": "deleted"}.get(event.pgh_label, event.pgh_label)
    return HistoryRow(
        at=event.pgh_created_at, action=action, who=who, changes=raw, object_id=str(event.pgh_obj_id),
        lines=lines, summary=_sentence(model, event.pgh_label, who, data, shown, names),
        kind=str(model._meta.verbose_name).capitalize(), who_id=user_id, seq=event.pgh_id,
    )


def _sentence(model: Any, label: str, who: str, data: dict[str, Any], shown: list[models.Field],  # type: ignore[type-arg]
              names: dict[tuple[Any, Any], str]) -> str:
    kind = str(model._meta.verbose_name)
    title = _title(model, data, names)
    clause = f" ({data['clause']})" if data.get("clause") else ""
    status = next((f for f in shown if f.name == "status"), None)
    if label == "update" and status is not None:
        return f"{who} marked {title} {str(display(model, status, data['status'], data, names)).lower()}{clause}"
    if label == "update":
        labels = ", ".join(_label(f).lower() for f in shown) or "nothing visible"
        return f"{who} changed the {labels} of {kind} {title}{clause}"
    return f"{who} {_VERBS.get(label, label)} {kind} {title}{clause}"
