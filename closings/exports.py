"""The checklist as PDF and XLSX, and the closing binder (ZIP of received documents + PDF index)."""

import zipfile
from io import BytesIO

from django.core.files.base import ContentFile
from django.utils import timezone
from openpyxl import Workbook
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from closings.models import BinderExport, Closing, Deliverable
from core.outputs import pdf_text, spreadsheet_row

HEADER = ["Clause", "Deliverable", "Kind", "From", "To", "Amount", "When", "Status"]


def _row(item: Deliverable) -> list[str]:
    when = f"{item.days_after_closing} days after closing" if item.post_closing else "At closing"
    amount = f"{item.currency} {item.amount:,.2f}" if item.amount is not None else ""
    return [item.clause, item.description, item.get_kind_display(), str(item.from_party), str(item.to_party or ""),
            amount, when, item.get_status_display()]


def _items(closing: Closing) -> list[Deliverable]:
    return list(closing.deliverables.select_related("from_party", "to_party").order_by("position", "id"))


def checklist_pdf(closing: Closing) -> bytes:
    styles = getSampleStyleSheet()
    buffer = BytesIO()
    cell = styles["BodyText"]
    rows = [HEADER] + [[Paragraph(pdf_text(text), cell) for text in _row(item)] for item in _items(closing)]
    summary = f"{closing} · {closing.place or 'place not recorded'} · {closing.get_status_display()}"
    story = [Paragraph(pdf_text(f"Closing checklist: {closing.matter.name}"), styles["Title"]),
             Paragraph(pdf_text(summary), styles["Normal"]),
             Spacer(1, 12), Table(rows, repeatRows=1, colWidths=[40, 150, 55, 80, 80, 60, 55, 55])]
    SimpleDocTemplate(buffer, pagesize=letter, title="Closing checklist").build(story)
    return buffer.getvalue()


def checklist_xlsx(closing: Closing) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Checklist"
    sheet.append(HEADER)
    for item in _items(closing):
        sheet.append(spreadsheet_row(_row(item)))
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"  # text is text: never a formula, whatever it starts with
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def binder_build(binder: BinderExport) -> BinderExport:
    """Every received document once, and a PDF index; progress is saved as it goes."""
    received = [d for d in _items(binder.closing) if d.status == "received" and d.evidence_file]
    buffer = BytesIO()
    names: list[tuple[Deliverable, str]] = []
    seen: set[str] = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, item in enumerate(received, start=1):
            stored = item.evidence_file.name or ""
            name = f"{index:03d}-{item.evidence_name or stored.rsplit('/', 1)[-1]}"
            if stored not in seen:
                seen.add(stored)
                with item.evidence_file.open("rb") as handle:
                    archive.writestr(name, handle.read())
                names.append((item, name))
            progress = int(index * 90 / max(len(received), 1))
            BinderExport.objects.filter(pk=binder.pk).update(status="running", progress=progress)
        archive.writestr("000-index.pdf", _index_pdf(binder.closing, names))
    binder.file.save(f"binder-closing-{binder.closing_id}.zip", ContentFile(buffer.getvalue()), save=False)
    binder.status, binder.progress = "done", 100
    binder.save()
    return binder


def _index_pdf(closing: Closing, names: list[tuple[Deliverable, str]]) -> bytes:
    styles = getSampleStyleSheet()
    buffer = BytesIO()
    rows = [["Deliverable", "Party", "Received", "File"]] + [
        [Paragraph(pdf_text(item.description), styles["BodyText"]), Paragraph(pdf_text(item.from_party), styles["BodyText"]),
         timezone.localtime(item.status_at).strftime("%Y-%m-%d") if item.status_at else "",
         Paragraph(pdf_text(name), styles["BodyText"])] for item, name in names
    ]
    SimpleDocTemplate(buffer, pagesize=letter, title="Closing binder index").build(
        [Paragraph(pdf_text(f"Closing binder: {closing.matter.name}"), styles["Title"]), Table(rows, repeatRows=1)])
    return buffer.getvalue()
