"""Documents of the cast's matter: an agreement with an uploaded file, read or not."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from agreements.models import Agreement
from agreements.services import document_upload
from documents import services
from documents.models import DocumentText

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def agreement(matter):
    return Agreement.objects.create(matter=matter, kind="note_purchase", title="Note Purchase Agreement")


@pytest.fixture
def upload(agreement, counsel):
    """`upload(name, data)` stores a new version of the agreement's document, as counsel would."""

    def store(name: str, data: bytes, content_type: str = "text/plain"):
        return document_upload(agreement=agreement, upload=SimpleUploadedFile(name, data, content_type=content_type),
                               is_executed=False, by=counsel)

    return store


@pytest.fixture
def read_document():
    """`read_document(document)` reads it as a worker would: request, claim, read."""

    def read(document) -> DocumentText:
        document_text = services.document_text_request(document=document)
        services.document_text_claim(document_text_id=document_text.pk)
        services.document_text_read(document_text_id=document_text.pk)
        return DocumentText.objects.get(pk=document_text.pk)

    return read


@pytest.fixture
def roo_text() -> bytes:
    return (FIXTURES / "roo-group-note-purchase-agreement-2005.txt").read_bytes()


def text_pdf(pages: list[str]) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    for page in pages:
        y = 720
        for line in page.split("\n"):
            pdf.drawString(72, y, line)
            y -= 16
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def scanned_pdf(lines: list[str]) -> bytes:
    """A PDF whose only page is a picture of the lines: no text layer, so only OCR reads it."""
    image = Image.new("L", (1700, 900), color=255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 44)
    for number, line in enumerate(lines):
        draw.text((80, 80 + number * 90), line, fill=0, font=font)
    png = io.BytesIO()
    image.save(png, format="PNG")
    png.seek(0)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    pdf.drawImage(ImageReader(png), 36, 400, width=540, height=286)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
