"""A real Celery worker reads an uploaded scanned agreement by OCR, from the beat's sweep."""

import pytest

from documents.models import DocumentText
from documents.tasks import sweep
from tests.documents.conftest import scanned_pdf
from tests.support import celery_worker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_the_sweep_has_a_worker_read_a_scanned_pdf_by_ocr(upload):
    document = upload("scan.pdf", scanned_pdf(["7.2 Notices. All notices shall be", "in writing and delivered by hand."]),
                      content_type="application/pdf")
    with celery_worker("--pool", "solo", "--concurrency", "1"):
        sweep.delay()
        document_text = wait_for(
            lambda: DocumentText.objects.filter(document=document, status="done").first(), timeout=90)
    assert (document_text.extractor, document_text.ocr, document_text.progress) == ("pdf+ocr", True, 100)
    assert "All notices shall be" in document_text.text
    assert document_text.sections.get(number="7.2").heading == "Notices"
