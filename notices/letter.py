"""The notice letter as a PDF (reportlab): a letter counsel can sign as generated.

Letterhead (the firm's, from settings, or else the sending party's), date, the method line as the
clause words it, the addressee block from the address in effect on the dispatch date (with its
Attention line), copies, the reference to the agreement and its notice section, the body, and the
signature block of the sender's recorded signatory. Every piece of user text goes through
`pdf_text`: a Paragraph parses its text as markup.
"""

from io import BytesIO

from django.conf import settings
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from agreements.models import NoticeMethod, Signatory
from core.outputs import pdf_text
from notices import deemed
from notices.models import Notice
from parties.selectors import notice_address_in_effect

METHOD_LINES: dict[str, str] = {
    NoticeMethod.PERSONAL: "BY HAND DELIVERY",
    NoticeMethod.FAX: "BY TELECOPY",
    NoticeMethod.TELEX: "BY TELEX",
    NoticeMethod.CERTIFIED_MAIL: "BY CERTIFIED MAIL, RETURN RECEIPT REQUESTED",
    NoticeMethod.COURIER: "BY OVERNIGHT COURIER",
    NoticeMethod.EMAIL: "BY EMAIL",
}


def _letterhead(notice: Notice) -> list[str]:
    if settings.FIRM_NAME:
        return [settings.FIRM_NAME, *settings.FIRM_ADDRESS]
    address = notice_address_in_effect(party=notice.sender, on=deemed.effective_date(notice.dispatched_at, notice.zone))
    return address.lines if address is not None else [notice.sender.legal_name]


def _signature_block(notice: Notice) -> list[str]:
    signatory = (Signatory.objects.select_related("person")
                 .filter(agreement=notice.agreement, party=notice.sender).order_by("id").first())
    name = signatory.person.name if signatory else ""
    title = signatory.title if signatory else ""
    return [notice.sender.legal_name.upper(), "", "By: ______________________________", f"Name: {name}", f"Title: {title}"]


def _section(notice: Notice) -> str:
    agreement = notice.agreement
    section = agreement.notice_clause_ref or next((r.clause for r in agreement.notice_rules.all() if r.clause), "")
    return f"Section {section.lstrip('§ ')}" if section else ""


def _reference(notice: Notice) -> str:
    agreement = notice.agreement
    dated = f" dated as of {agreement.dated_as_of:%B %-d, %Y}" if agreement.dated_as_of else ""
    section = _section(notice)
    return f"Re: {notice.get_kind_display()} under the {agreement.title}{dated}{', ' + section if section else ''}"


def notice_pdf(notice: Notice) -> bytes:
    styles = getSampleStyleSheet()
    normal, bold = styles["Normal"], ParagraphStyle("bold", parent=styles["Normal"], fontName="Helvetica-Bold")
    head = ParagraphStyle("letterhead", parent=styles["Normal"], alignment=1)

    def lines(texts: list[str], style: ParagraphStyle = normal) -> list[Paragraph]:
        return [Paragraph(pdf_text(text) or "&nbsp;", style) for text in texts]

    dispatched = notice.dispatched_at.astimezone(notice.zone)
    story: list = [*lines(_letterhead(notice), head), Spacer(1, 24),  # type: ignore[type-arg]
                   Paragraph(f"{dispatched:%B %-d, %Y}", normal), Spacer(1, 12),
                   Paragraph(METHOD_LINES.get(notice.method, f"BY {pdf_text(notice.method).upper()}"), bold), Spacer(1, 12),
                   *lines(notice.address_lines), Spacer(1, 12)]
    if notice.copy_to:
        story += [Paragraph("with a copy to:", normal), *lines(notice.copy_to.splitlines()), Spacer(1, 12)]
    story += [Paragraph(pdf_text(_reference(notice)), bold), Spacer(1, 12)]
    if notice.subject:
        story += [Paragraph(pdf_text(notice.subject), normal), Spacer(1, 12)]
    story += [
        Paragraph(pdf_text(notice.body), normal), Spacer(1, 12),
        Paragraph(pdf_text(f"This notice is given pursuant to {_section(notice) or 'the notice provisions'} of the "
                           f"{notice.agreement.title}."), normal),
        Spacer(1, 24), Paragraph("Very truly yours,", normal), Spacer(1, 12), *lines(_signature_block(notice)),
    ]
    SimpleDocTemplate(buffer := BytesIO(), pagesize=letter, title=str(notice)).build(story)
    return buffer.getvalue()
