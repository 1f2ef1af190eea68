"""The dashboard's exports in the timeline of each matter whose notes they held (matters.timeline)."""

from datetime import datetime
from typing import Any

from core.history import Change, HistoryRow
from notes.models import DashboardExportMatter

KIND = "Dashboard export"


def _who(user: Any) -> str:
    return "A deleted user" if user is None else user.get_full_name() or user.get_username()


def export_events(matter: Any, since: datetime | None) -> list[HistoryRow]:
    links = DashboardExportMatter.objects.filter(matter=matter).select_related("export__by")
    if since is not None:
        links = links.filter(export__at__gt=since)
    rows = []
    for link in links:
        export = link.export
        notes = f"{link.notes} note{'s' if link.notes != 1 else ''} of this matter"
        rows.append(HistoryRow(
            at=export.at, action="exported", who=_who(export.by), changes=[], object_id=str(export.pk),
            lines=(Change("File", None, export.get_file_format_display()),
                   Change("Filters", None, export.filters or "None"),
                   Change("Notes in the file", None, notes)),
            summary=f"{_who(export.by)} exported the dashboard (as of {export.as_of.day} {export.as_of:%B %Y}, {notes})",
            kind=KIND, who_id=export.by_id, seq=export.pk,
        ))
    return rows
