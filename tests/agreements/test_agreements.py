import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from agreements.models import Agreement, Document
from agreements.services import agreement_create

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def agreement(matter):
    return agreement_create(matter=matter, data={"kind": "note_purchase", "title": "Note Purchase Agreement"})


def test_an_executed_copy_is_stored_with_its_hash_uploader_and_version(client_as, counsel, agreement):
    client = client_as(counsel)
    for _ in range(2):
        client.post(f"/agreements/{agreement.pk}/documents/new/",
                    {"file": SimpleUploadedFile("npa.pdf", PDF, content_type="application/pdf"), "is_executed": "on"})
    documents = list(Document.objects.order_by("version"))
    assert [(d.version, d.sha256, d.uploaded_by) for d in documents] == [
        (1, hashlib.sha256(PDF).hexdigest(), counsel), (2, hashlib.sha256(PDF).hexdigest(), counsel)]
    download = client.get(f"/agreements/{agreement.pk}/documents/{documents[0].pk}/")
    assert b"".join(download.streaming_content) == PDF


def test_a_document_whose_content_is_not_what_its_name_says_is_refused(client_as, counsel, agreement):
    response = client_as(counsel).post(f"/agreements/{agreement.pk}/documents/new/",
                                       {"file": SimpleUploadedFile("npa.pdf", b"plain text", content_type="application/pdf")})
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["The file's content is not a PDF document, whatever its name says."]
    assert Document.objects.count() == 0


def test_a_binary_file_named_txt_is_refused(client_as, counsel, agreement):
    response = client_as(counsel).post(f"/agreements/{agreement.pk}/documents/new/",
                                       {"file": SimpleUploadedFile("notes.txt", PDF, content_type="text/plain")})
    assert response.status_code == 400
    assert Document.objects.count() == 0


def test_downloads_only_for_those_with_access(client_as, counsel, outsider, agreement):
    client_as(counsel).post(f"/agreements/{agreement.pk}/documents/new/",
                            {"file": SimpleUploadedFile("npa.pdf", PDF, content_type="application/pdf")})
    document = Document.objects.get()
    assert client_as(outsider).get(f"/agreements/{agreement.pk}/documents/{document.pk}/").status_code == 404


def test_the_api_lists_parties_with_roles_and_defined_terms_and_searches(api_as, counsel):
    call_command("load_demo", verbosity=0)
    from accounts.models import User

    api = api_as(User.objects.get(username="counsel"))
    body = api.get("/api/v1/agreements/?search=Petty").json()
    npa = next(a for a in body["results"] if a["kind"] == "note_purchase" and a["dated_as_of"] == "2005-05-18")
    assert [(p["role"], p["defined_term"]) for p in npa["parties"]] == [("company", "the Company"), ("purchaser", "Petty")]
    assert [(r["method"], r["deemed_given"]) for r in npa["notice_rules"]] == [
        ("personal", "on_delivery"), ("fax", "on_transmission"), ("telex", "on_transmission"), ("certified_mail", "on_receipt")]
    assert (npa["governing_law"], npa["dispute_resolution"], npa["assignment_requires_consent"]) == ("New York", "arbitration", True)
    agreement = Agreement.objects.get(pk=npa["id"])
    assert [(s.person.name, s.title_as_signed) for s in agreement.signatories.all()] == [
        ("Robin Smyth", "Chief Financial Officer"), ("Robert Petty", "")]
    assert sorted(e.exhibit_label for e in agreement.exhibits.all()) == ["Exhibit A", "Exhibit B"]


def test_a_transfer_needs_consent_evidence_when_the_agreement_requires_consent(api_as, counsel, matter):
    from tests.factories import PartyFactory
    from tests.notes.factories import NoteFactory

    npa = agreement_create(matter=matter, data={"kind": "note_purchase", "title": "NPA", "assignment_requires_consent": True})
    note = NoteFactory(matter=matter, agreement=npa)
    api = api_as(counsel)
    payload = {"kind": "transfer", "date": "2025-03-01", "new_holder": PartyFactory().pk}
    refused = api.post(f"/api/v1/notes/{note.pk}/transactions/", payload, format="json")
    assert refused.status_code == 400
    assert "consent_evidence" in refused.json()
    accepted = api.post(f"/api/v1/notes/{note.pk}/transactions/", {**payload, "consent_evidence": "Letter of consent, Feb 27"}, format="json")
    assert accepted.status_code == 201


def test_each_document_links_to_its_reading_in_the_viewer(client_as, counsel, agreement):
    client = client_as(counsel)
    client.post(f"/agreements/{agreement.pk}/documents/new/",
                {"file": SimpleUploadedFile("npa.pdf", PDF, content_type="application/pdf")})
    document = Document.objects.get()
    page = client.get(f"/agreements/{agreement.pk}/").content.decode()
    assert f'href="/documents/{document.pk}/" data-testid="read-{document.pk}"' in page
