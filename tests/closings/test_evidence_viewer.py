"""Evidence files open in the app: the checklist links each file name to a viewer page with the
checklist's navigation; the file itself is framed only by that page; access goes through matters."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _receive(client, item, name, content, content_type):
    response = client.post(f"/closings/deliverables/{item.pk}/status/", {
        "status": "received", "version": item.version, "evidence": SimpleUploadedFile(name, content, content_type),
    }, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'data-testid="conflict"' not in response.content.decode()


@pytest.fixture
def evidenced(client_as, counsel, deal):
    note, funds = deal["items"]
    client = client_as(counsel)
    _receive(client, note, "signed-note.pdf", PDF, "application/pdf")
    _receive(client, funds, "wire <confirmation>.txt", b"Fed ref 42 <script>alert(1)</script>", "text/plain")
    return note, funds


def test_the_checklist_links_each_evidence_name_to_its_viewer(client_as, cfo, deal, evidenced):
    note, funds = evidenced
    page = client_as(cfo).get(f"/closings/{deal['closing'].pk}/").content.decode()
    assert f'<a href="/closings/deliverables/{note.pk}/evidence/view/" data-testid="evidence-link">signed-note.pdf</a>' in page
    assert f'href="/closings/deliverables/{funds.pk}/evidence/view/"' in page


def test_a_pdf_opens_framed_in_the_page_with_the_checklist_s_navigation(client_as, cfo, deal, evidenced):
    note, funds = evidenced
    client = client_as(cfo)
    page = client.get(f"/closings/deliverables/{note.pk}/evidence/view/")
    html = page.content.decode()
    assert page.status_code == 200
    assert f'<iframe class="w-100 border-0" style="height: 80vh" src="/closings/deliverables/{note.pk}/evidence/"' in html
    assert f'href="/closings/{deal["closing"].pk}/#deliverable-{note.pk}" data-testid="back-to-checklist"' in html
    assert f'href="/closings/deliverables/{funds.pk}/evidence/view/" rel="next"' in html and 'rel="prev"' not in html
    assert 'aria-current="page" href="/closings/matter/' in html  # the matter's Closings tab
    framed = client.get(f"/closings/deliverables/{note.pk}/evidence/")
    assert framed["Content-Disposition"].startswith("inline") and framed["Content-Type"] == "application/pdf"
    assert framed["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in framed["Content-Security-Policy"]
    assert b"".join(framed.streaming_content) == PDF


def test_a_text_file_is_shown_escaped_and_downloads_on_request(client_as, cfo, evidenced):
    note, funds = evidenced
    client = client_as(cfo)
    html = client.get(f"/closings/deliverables/{funds.pk}/evidence/view/").content.decode()
    assert "Fed ref 42 &lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert "wire &lt;confirmation&gt;.txt" in html
    assert f'href="/closings/deliverables/{note.pk}/evidence/view/" rel="prev"' in html
    download = client.get(f"/closings/deliverables/{funds.pk}/evidence/?download=1")
    assert download["Content-Disposition"].startswith("attachment")


def test_a_file_the_browser_cannot_show_is_offered_as_a_download(client_as, counsel, deal):
    item = deal["items"][0]
    client = client_as(counsel)
    _receive(client, item, "opinion.docx", _docx(), "application/octet-stream")
    page = client.get(f"/closings/deliverables/{item.pk}/evidence/view/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "cannot be shown in the browser" in html and "<iframe" not in html
    assert client.get(f"/closings/deliverables/{item.pk}/evidence/")["Content-Disposition"].startswith("attachment")


def test_another_matter_s_user_gets_404_for_the_viewer_and_the_file(client_as, outsider, other_deal, evidenced):
    note, _ = evidenced
    other_lead = other_deal["closing"].matter.memberships.get().user
    for user in (outsider, other_lead):
        client = client_as(user)
        assert client.get(f"/closings/deliverables/{note.pk}/evidence/view/").status_code == 404
        assert client.get(f"/closings/deliverables/{note.pk}/evidence/").status_code == 404


def test_a_deliverable_without_evidence_has_no_viewer(client_as, counsel, deal):
    item = deal["ucc"]
    assert client_as(counsel).get(f"/closings/deliverables/{item.pk}/evidence/view/").status_code == 404
