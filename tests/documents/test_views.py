"""The viewer: through the matter's access rule, with an outline, linked terms and escaped text."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import DocumentText


def test_counsel_sees_the_text_with_an_outline_that_jumps_to_each_section(read_document, client_as, counsel, upload, roo_text):
    document = upload("npa.txt", roo_text)
    notices = read_document(document).sections.get(number="7.2")
    html = client_as(counsel).get(f"/documents/{document.pk}/").content.decode()
    assert f'<a href="#s{notices.pk}">§7.2</a> Notices' in html
    assert f'<span class="doc-anchor" id="s{notices.pk}"></span>7.2 Notices' in html


def test_a_defined_term_links_each_use_to_its_definition(read_document, client_as, counsel, upload):
    document = upload("npa.txt", b'ROO Group, Inc. (the "Company") agrees.\n\n1.1 Sale. The Company sells.\n')
    read_document(document)
    html = client_as(counsel).get(f"/documents/{document.pk}/").content.decode()
    assert '(the "<dfn id="t0">Company</dfn>")' in html.replace("&quot;", '"')
    assert 'The <a class="doc-term" href="#t0">Company</a> sells.' in html


def test_the_document_text_is_escaped(read_document, client_as, counsel, upload):
    document = upload("npa.txt", b"1.1 Sale. <script>alert(1)</script> & more.\n")
    read_document(document)
    html = client_as(counsel).get(f"/documents/{document.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more." in html


def test_an_outsider_gets_404_for_the_viewer_its_progress_and_its_button(client_as, outsider, upload, roo_text):
    document = upload("npa.txt", roo_text)
    client = client_as(outsider)
    codes = [client.get(f"/documents/{document.pk}/").status_code,
             client.get(f"/documents/{document.pk}/status/").status_code,
             client.post(f"/documents/{document.pk}/read/").status_code]
    assert codes == [404, 404, 404]


def test_the_clients_cfo_reads_the_viewer_but_cannot_press_extract(client_as, cfo, upload, roo_text):
    document = upload("npa.txt", roo_text)
    client = client_as(cfo)
    assert client.get(f"/documents/{document.pk}/").status_code == 200
    assert client.post(f"/documents/{document.pk}/read/").status_code == 403
    assert DocumentText.objects.count() == 0


def test_extract_now_queues_the_reading_after_the_commit_and_shows_progress(
        client_as, counsel, upload, roo_text, django_capture_on_commit_callbacks):
    document = upload("npa.txt", roo_text)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client_as(counsel).post(f"/documents/{document.pk}/read/")
    fragment = client_as(counsel).get(f"/documents/{document.pk}/status/", HTTP_HX_REQUEST="true")
    assert (response.status_code, len(callbacks)) == (302, 1)
    assert 'hx-trigger="every 1s"' in fragment.content.decode()
    assert DocumentText.objects.get().status == "pending"


def test_a_three_hundred_page_agreement_opens_with_as_many_queries_as_a_one_page_one(
        read_document, client_as, counsel, upload, roo_text):
    """The viewer's time is measured in `make bench` (bench/documents.py: under 1 s at 300 pages);
    here, that it reads a long document in the same queries as a short one (no query per part)."""
    viewer, counts = client_as(counsel), []
    viewer.get("/")  # logged in before counting
    for name, pages in (("one.txt", 1), ("big.txt", 60)):
        document = upload(name, b"\f".join([roo_text] * pages))
        read_document(document)
        with CaptureQueriesContext(connection) as captured:
            response = viewer.get(f"/documents/{document.pk}/")
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_outline_gives_the_page_each_section_starts_on(read_document, client_as, counsel, upload):
    document = upload("npa.txt", b"1.1 Sale. The Company sells.\f1.2 Price. The price is paid.\n")
    sections = read_document(document).sections.all()
    html = client_as(counsel).get(f"/documents/{document.pk}/").content.decode()
    assert f'<a href="#s{sections[0].pk}">\u00a71.1</a> Sale <small class="text-muted">p. 1</small>' in html
    assert f'<a href="#s{sections[1].pk}">\u00a71.2</a> Price <small class="text-muted">p. 2</small>' in html
    assert (f'<span class="doc-page" id="page2">Page 2</span><span class="doc-anchor" id="s{sections[1].pk}"></span>'
            '1.2 Price.') in html
