"""The matter timeline: every audited change to the matter and to the records that belong to it,
in words (`core.history`), filterable by kind and person, and exported as CSV and PDF.

The sources are found from the models, as `access._party_sources` finds party links: an event table
whose record is the matter, has a `matter`, or points one step further to a record that has one
(a closing's deliverables, an agreement's parties). One query per source, whatever the data size.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from io import BytesIO, StringIO
from typing import Any

from django.db.models import Q
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from core.history import HistoryRow, describe, event_models
from core.outputs import pdf_text, spreadsheet_row
from core.templatetags.history_format import moment_text, reader_zone
from matters.access import visible_matters
from matters.models import Matter, MatterVisit

EXPORT_HEADER = ["When", "Who", "Kind", "What happened", "Details"]

# Events that change no record (someone exported the dashboard) have their own tables: each app
# registers a reader of its events on one matter (after `since`, when given), one query each.
EventSource = Callable[[Matter, datetime | None], list[HistoryRow]]
_sources: list[EventSource] = []


def register_source(source: EventSource) -> None:
    if source not in _sources:
        _sources.append(source)


def _has_matter(model: Any) -> bool:
    return any(f.name == "matter" and f.many_to_one for f in model._meta.get_fields())


def _matter_filter(event_model: Any, matter: Matter) -> Q | None:
    tracked = event_model.pgh_tracked_model
    if tracked is Matter:
        return Q(pgh_obj_id=matter.pk)
    columns = {f.name for f in event_model._meta.concrete_fields}
    if _has_matter(tracked) and "matter" in columns:
        return Q(matter_id=matter.pk)
    paths = [Q(**{f"{f.name}__matter": matter}) for f in tracked._meta.concrete_fields
             if f.many_to_one and f.name in columns and f.related_model not in (None, Matter)
             and _has_matter(f.related_model)]
    return paths[0] if paths else None


def matter_events(matter: Matter, *, since: datetime | None = None) -> list[HistoryRow]:
    """Everything that happened on the matter, newest first; with `since`, only what happened
    after it (read with the earlier events of the same records, which the changes are told from)."""
    querysets = {}
    for event_model in event_models():
        condition = _matter_filter(event_model, matter)
        if condition is None:
            continue
        events = event_model.objects.filter(condition)
        if since is not None:
            events = events.filter(pgh_obj_id__in=events.filter(pgh_created_at__gt=since).values("pgh_obj_id"))
        querysets[event_model] = events
    rows = describe(querysets) + [row for source in _sources for row in source(matter, since)]
    if since is not None:
        rows = [row for row in rows if row.at > since]
    return sorted(rows, key=lambda row: (row.at, row.seq), reverse=True)


def changes_since(matter: Matter, user: Any, since: datetime | None) -> list[HistoryRow]:
    """What others changed on the matter after `since`, newest first (nothing before a first look)."""
    if since is None:
        return []
    return [row for row in matter_events(matter, since=since) if row.who_id != user.pk]


def last_seen(matter: Matter, user: Any) -> datetime | None:
    visit = MatterVisit.objects.filter(matter=matter, user=user).first()
    return visit.seen_at if visit else None


def unseen_changes(user: Any, *, now: datetime) -> dict[Matter, list[HistoryRow]]:
    """For the daily digest: on every matter the user may open, what others changed since the
    user last looked at it, and at most since a day before `now` (each change is in one digest)."""
    day_ago = now - timedelta(days=1)
    seen = dict(MatterVisit.objects.filter(user=user).values_list("matter_id", "seen_at"))
    result = {}
    for matter in visible_matters(user).order_by("name"):
        rows = [row for row in changes_since(matter, user, max(seen.get(matter.pk, day_ago), day_ago)) if row.at <= now]
        if rows:
            result[matter] = rows
    return result


@dataclass(frozen=True)
class Timeline:
    rows: list[HistoryRow]
    kinds: list[str]
    people: list[tuple[str, str]]  # (value for the URL, name)


def timeline(matter: Matter, *, kind: str = "", person: str = "") -> Timeline:
    rows = matter_events(matter)
    kinds = sorted({row.kind for row in rows})
    people = sorted({(str(row.who_id or ""), row.who) for row in rows}, key=lambda p: p[1])
    chosen = [row for row in rows if (not kind or row.kind == kind)
              and (not person or str(row.who_id or "") == person or (person == "automatic" and row.who_id is None))]
    return Timeline(chosen, kinds, [(value or "automatic", name) for value, name in people])


def _cells(row: HistoryRow, user: Any) -> list[str]:
    zone = reader_zone(user)

    def text(value: Any) -> str:
        return moment_text(value, zone) if hasattr(value, "astimezone") else str(value)

    details = "; ".join(
        f"{c.label}: {text(c.old) + ' → ' if c.old is not None else ''}{text(c.new) if c.new is not None else '—'}"
        for c in row.lines
    )
    return [moment_text(row.at, zone), row.who, row.kind, row.summary, details]


def timeline_csv(matter: Matter, rows: list[HistoryRow], user: Any) -> str:
    import csv

    buffer = StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_HEADER)
    for row in rows:
        writer.writerow(spreadsheet_row(list(_cells(row, user))))
    return buffer.getvalue()


def timeline_pdf(matter: Matter, rows: list[HistoryRow], user: Any) -> bytes:
    styles = getSampleStyleSheet()
    cell = styles["BodyText"]
    table = [EXPORT_HEADER] + [[Paragraph(pdf_text(text), cell) for text in _cells(row, user)] for row in rows]
    story = [Paragraph(pdf_text(f"Timeline: {matter.name}"), styles["Title"]),
             Paragraph(pdf_text(f"Client: {matter.client.legal_name} · {len(rows)} events"), styles["Normal"]),
             Spacer(1, 12), Table(table, repeatRows=1, colWidths=[95, 85, 75, 220, 245])]
    buffer = BytesIO()
    SimpleDocTemplate(buffer, pagesize=landscape(letter), title=f"Timeline: {matter.name}").build(story)
    return buffer.getvalue()
