"""The dashboard's exports (CSV, XLSX): the file and the event that records it, in one call."""

import csv
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO, StringIO
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook

from core.outputs import spreadsheet_row
from notes import dashboard as board
from notes.models import DashboardExport, DashboardExportMatter, ExportFormat, Note
from notes.selectors import note_list

# The as-of date is a column (the first row is the header); an unknown figure is an empty cell.
EXPORT_HEADER = ["As of", "Note", "Matter", "Issuer", "Holder", "Currency", "Status", "Issue date",
                 "Maturity date", "Rate %", "Day count", "Principal outstanding", "Accrued interest",
                 "Payoff amount", "Unamortized discount", "Commitment", "Available"]
CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ExportFile:
    name: str
    content_type: str
    content: bytes
    event: DashboardExport


def _amount(money: Any) -> Decimal | None:
    return None if money is None else money.amount


def _row(data: board.Dashboard, r: board.Row) -> list[Any]:
    """Every cell through `spreadsheet_cell`: user text never runs as a formula."""
    return spreadsheet_row([
        data.as_of, str(r.note), r.note.matter.name, r.note.issuer.legal_name, r.note.holder.legal_name,
        r.note.currency, r.note.get_status_display(), r.note.issue_date, r.note.maturity_date,
        r.note.interest_rate, r.note.day_count, r.principal.amount, _amount(r.accrued), _amount(r.payoff),
        r.unamortized_discount.amount, _amount(r.commitment), _amount(r.available),
    ])


def _csv(rows: list[list[Any]]) -> bytes:
    buffer = StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def _xlsx(rows: list[list[Any]], as_of: date) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Notes as of {as_of.isoformat()}"
    sheet.append(EXPORT_HEADER)
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text stays text, whatever it starts with
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@transaction.atomic(durable=True)
def dashboard_export(*, by: Any, notes: QuerySet[Note], as_of: date, file_format: str, filters: str = "") -> ExportFile:
    """The file of the dashboard's notes as of `as_of`, and the event saying who exported what:
    one row, plus one per matter whose notes are in the file (its place in that matter's timeline).
    `notes` is narrowed to what `by` may open, whoever built it."""
    file_format = ExportFormat(file_format)
    data = board.build(notes.filter(pk__in=note_list(user=by).values("pk")), as_of)
    exported = list(data.rows)
    rows = [_row(data, r) for r in exported]
    event = DashboardExport(by=by, at=timezone.now(), as_of=as_of, file_format=file_format,
                            filters=filters[:1000], notes=len(exported))
    event.full_clean()
    event.save()
    per_matter = Counter(r.note.matter_id for r in exported)
    DashboardExportMatter.objects.bulk_create(
        [DashboardExportMatter(export=event, matter_id=matter, notes=count) for matter, count in sorted(per_matter.items())])
    content = _csv(rows) if file_format == ExportFormat.CSV else _xlsx(rows, as_of)
    return ExportFile(f"covenant-notes-{as_of.isoformat()}.{file_format.value}", CONTENT_TYPES[file_format], content, event)
