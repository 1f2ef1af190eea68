"""Two counsel change the same deliverable in two browsers: the second sees the conflict."""

import io

import pytest

from closings.models import Deliverable
from tests.factories import MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_second_save_gets_the_conflict_and_the_first_change_survives(live_server, login_page, counsel, matter, deal):
    other = UserFactory(username="second")
    MembershipFactory(matter=matter, user=other)
    item = deal["items"][0]
    first, second = login_page(counsel), login_page(other)
    for page in (first, second):
        page.goto(f"{live_server.url}/closings/{deal['closing'].pk}/")
    row = f"#deliverable-{item.pk}"
    first.locator(f"{row} select").select_option("received")
    first.locator(f"{row} button").click()
    first.locator(f"{row} small", has_text="by casey").wait_for()
    second.locator(f"{row} select").select_option("waived")
    second.locator(f"{row} input[name=waiver_reason]").fill("Not needed")
    second.locator(f"{row} button").click()
    conflict = second.get_by_test_id("conflict")
    conflict.wait_for()
    assert "changed this deliverable first" in conflict.inner_text()
    assert Deliverable.objects.get(pk=item.pk).status == "received"


@pytest.mark.worker
def test_the_binder_is_built_by_a_worker_and_the_page_shows_it_ready_without_a_reload(live_server, login_page, counsel, deal):
    from django.core.files.base import ContentFile

    from tests.support import celery_worker

    item = deal["items"][0]
    item.status = "received"
    item.evidence_file.save("note.txt", ContentFile(b"executed note"), save=False)
    item.evidence_name = "note.txt"
    item.save()
    page = login_page(counsel)
    page.goto(f"{live_server.url}/closings/{deal['closing'].pk}/")
    page.get_by_role("button", name="Build binder (ZIP)").click()
    assert page.get_by_test_id("binder-status").inner_text() == "pending"  # queued; no worker yet
    loaded_at = page.evaluate("performance.timeOrigin")
    with celery_worker("--pool", "solo", "--concurrency", "1"):
        page.get_by_role("link", name="download").wait_for(timeout=60_000)
    assert page.get_by_test_id("binder-status").inner_text() == "done"
    assert page.get_by_test_id("binder-progress").inner_text() == "100%"
    assert page.evaluate("performance.timeOrigin") == loaded_at  # the same page: htmx swapped the fragment in
    with page.expect_download() as download:
        page.get_by_role("link", name="download").click()
    assert download.value.suggested_filename.endswith("-binder.zip")


def test_an_evidence_pdf_opens_framed_in_the_viewer_from_the_checklist(live_server, login_page, cfo, deal):
    from django.core.files.base import ContentFile
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, "Executed note")
    pdf.save()
    item = deal["items"][0]
    item.status = "received"
    item.evidence_file.save("signed-note.pdf", ContentFile(buffer.getvalue()), save=False)
    item.evidence_name = "signed-note.pdf"
    item.save()
    page = login_page(cfo)
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Refused" in message.text else None)
    page.goto(f"{live_server.url}/closings/{deal['closing'].pk}/")
    with page.expect_response(lambda r: r.url.endswith(f"/closings/deliverables/{item.pk}/evidence/")) as framed:
        page.get_by_role("link", name="signed-note.pdf").click()
    assert framed.value.status == 200
    assert page.get_by_test_id("evidence-name").inner_text() == "signed-note.pdf"
    assert page.locator("iframe[title='signed-note.pdf']").count() == 1
    page.get_by_test_id("back-to-checklist").click()
    page.wait_for_url(f"**/closings/{deal['closing'].pk}/#deliverable-{item.pk}")
    assert refused == []
