"""The notice letter as a PDF, from the agreement's data (reportlab)."""

from io import BytesIO

from django.utils import timezone
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from notices.models import Notice


def notice_pdf(notice: Notice) -> bytes:
    styles = getSampleStyleSheet()
    buffer = BytesIO()
    agreement = notice.agreement
    dispatched = timezone.localtime(notice.dispatched_at)
    story = [
        Paragraph(f"{dispatched:%B %d, %Y}", styles["Normal"]),
        Spacer(1, 12),
        Paragraph(f"BY {notice.method.replace('_', ' ').upper()}", styles["Normal"]),
        Spacer(1, 12),
        *[Paragraph(line, styles["Normal"]) for line in notice.address_lines],
        Spacer(1, 12),
        Paragraph(f"Re: {notice.get_kind_display()} under the {agreement.title} dated as of "
                  f"{agreement.dated_as_of:%B %d, %Y}" if agreement.dated_as_of else f"Re: {agreement.title}", styles["Heading4"]),
        Paragraph(notice.subject or "", styles["Normal"]),
        Spacer(1, 12),
        Paragraph((notice.body or "").replace("\n", "<br/>"), styles["Normal"]),
        Spacer(1, 12),
        Paragraph(f"This notice is given under {agreement.notice_clause_ref or 'the notice clause'} of the agreement. "
                  f"{notice.deemed_given_rule}.", styles["Italic"]),
        Spacer(1, 24),
        Paragraph(notice.sender.legal_name, styles["Normal"]),
    ]
    if notice.copy_to:
        story += [Spacer(1, 12), Paragraph(f"cc: {notice.copy_to}", styles["Normal"])]
    SimpleDocTemplate(buffer, pagesize=letter, title=str(notice)).build(story)
    return buffer.getvalue()
