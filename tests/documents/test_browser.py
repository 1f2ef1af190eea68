"""Counsel presses "Extract the text now"; a real worker reads the scan; the page shows it."""

import pytest

from tests.documents.conftest import scanned_pdf
from tests.support import celery_worker

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_the_viewer_shows_progress_then_the_text_and_its_outline_once_a_worker_has_read_it(
        live_server, login_page, counsel, upload):
    document = upload("scan.pdf", scanned_pdf(["7.2 Notices. All notices shall be", "in writing and delivered by hand."]),
                      content_type="application/pdf")
    page = login_page(counsel)
    page.goto(f"{live_server.url}/documents/{document.pk}/")
    assert page.get_by_test_id("text-status").inner_text() == "Not read yet"
    page.get_by_role("button", name="Extract the text now").click()
    assert page.get_by_test_id("text-status").inner_text() == "Waiting to be read"  # queued; no worker yet
    with celery_worker("--pool", "solo", "--concurrency", "1"):
        page.get_by_test_id("document-text").wait_for(timeout=90_000)
    assert "All notices shall be" in page.get_by_test_id("document-text").inner_text()
    page.get_by_role("link", name="§7.2").click()
    assert page.url.endswith(f"/documents/{document.pk}/#{page.get_by_role('link', name='§7.2').get_attribute('href')[1:]}")
