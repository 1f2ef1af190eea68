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


def test_the_viewer_highlights_held_terms_and_lists_them_but_not_pending_or_rejected_ones(
        read_document, client_as, counsel, upload, roo_text, agreement):
    from documents.proposals import proposal_decide
    from notes.models import Note

    roo = read_document(upload("npa.txt", roo_text))
    for path in ("parties.0", "parties.1", "amounts.principal"):
        proposal_decide(proposal=roo.proposals.get(path=path), decision="accept", by=counsel)
    rejected = roo.proposals.get(path="dispute_resolution")
    proposal_decide(proposal=rejected, decision="reject", by=counsel)
    principal, pending = roo.proposals.get(path="amounts.principal"), roo.proposals.get(path="title")
    note = Note.objects.get(agreement=agreement)
    html = client_as(counsel).get(f"/documents/{roo.document_id}/").content.decode()
    assert (f'<mark class="doc-held" id="held-{principal.pk}" title="Principal — held on Note Purchase Agreement">'
            f'{roo.text[principal.start:principal.end]}</mark><a class="doc-held-link" href="/notes/{note.pk}/"') in html
    assert f'<li class="mb-1" data-testid="held-amounts.principal"><a href="#held-{principal.pk}">Principal</a>: ' \
           f'$600,000.00 <span class="text-muted">· held on <a href="/notes/{note.pk}/">Note Purchase Agreement</a>' in html
    assert "Terms held from this document <span class=\"badge text-bg-success\">3</span>" in html
    assert f'"held-{pending.pk}"' not in html and f'"held-{rejected.pk}"' not in html
    assert html.count('<mark class="doc-held" id="held-') == 3


def test_an_outsider_gets_404_for_a_viewer_with_held_terms(read_document, client_as, counsel, outsider, upload,
                                                           roo_text):
    from documents.proposals import proposal_decide

    roo = read_document(upload("npa.txt", roo_text))
    proposal_decide(proposal=roo.proposals.get(path="governing_law"), decision="accept", by=counsel)
    response = client_as(outsider).get(f"/documents/{roo.document_id}/")
    assert response.status_code == 404
    assert b"doc-held" not in response.content


def test_held_words_that_hold_markup_stay_escaped_inside_their_mark(read_document, client_as, counsel, upload):
    from documents.proposals import proposal_decide

    document = upload("x.txt", b'LOAN AGREEMENT\n\nThis Agreement is made between ACME CORP, a Delaware corporation '
                      b'("Borrower"), and BANK ("Lender").\n\n1.1 Governing Law. This Agreement shall be governed by '
                      b'the laws of the State of Ohio <script>alert(1)</script>.\n')
    document_text = read_document(document)
    law = document_text.proposals.get(path="governing_law")
    proposal_decide(proposal=law, decision="accept", by=counsel)
    law.end = document_text.text.index("</script>") + len("</script>")
    law.save(update_fields=["end"])  # the held words now take in the script tag
    html = client_as(counsel).get(f"/documents/{document.pk}/").content.decode()
    assert "<script>alert" not in html
    assert f'id="held-{law.pk}"' in html
    assert "Ohio &lt;script&gt;alert(1)&lt;/script&gt;</mark>" in html
