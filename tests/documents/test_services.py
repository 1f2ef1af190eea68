"""Reading an uploaded document once per version: claim, store, fail cleanly, retry."""

from documents import services
from documents.models import DocumentText, Section


def test_an_uploaded_agreement_is_read_into_text_sections_and_defined_terms(read_document, upload, roo_text):
    document_text = read_document(upload("npa.txt", roo_text))
    assert (document_text.status, document_text.progress, document_text.extractor) == ("done", 100, "txt")
    notices = document_text.sections.get(number="7.2")
    assert document_text.text[notices.start:notices.start + 11] == "7.2 Notices"
    assert notices.parent.number == "7"
    assert {"Company", "Petty"} <= set(document_text.defined_terms.values_list("term", flat=True))


def test_a_text_that_does_not_exist_is_not_claimed(db):
    assert services.document_text_claim(document_text_id=0) is False


def test_the_sweep_creates_one_pending_text_per_version_and_never_twice(upload, roo_text):
    upload("npa.txt", roo_text)
    upload("npa-v2.txt", roo_text)
    assert services.document_texts_create_missing() == 2
    assert services.document_texts_create_missing() == 0
    assert list(DocumentText.objects.values_list("status", flat=True)) == ["pending", "pending"]


def test_reading_a_read_document_again_changes_nothing(read_document, upload, roo_text):
    document = upload("npa.txt", roo_text)
    read_document(document)
    again = services.document_text_request(document=document)
    assert services.document_text_claim(document_text_id=again.pk) is False
    assert Section.objects.filter(document_text=again).count() == 28


def test_a_file_that_cannot_be_read_fails_with_its_reason_and_can_be_asked_again(read_document, upload):
    document = upload("npa.pdf", b"%PDF-1.4 broken", content_type="application/pdf")
    failed = read_document(document)
    assert failed.status == "failed"
    assert failed.error.startswith("The file could not be read:")
    retried = services.document_text_request(document=document)
    assert (retried.status, retried.error) == ("pending", "")


def test_amounts_are_indexed_as_bare_digits_whatever_their_format():
    assert services.amount_tokens("a price of $500,500.00 and 1,000 shares, 2005") == "500500 1000"


def test_a_text_that_cannot_be_stored_is_recorded_as_failed_not_left_running(read_document, upload, monkeypatch):
    def broken(text):
        raise ValueError("no structure")

    monkeypatch.setattr("documents.structure.sections_find", broken)
    failed = read_document(upload("npa.txt", b"1.1 Sale. The Company sells.\n"))
    assert (failed.status, failed.error) == ("failed", "The file could not be read: no structure")
    assert Section.objects.count() == 0
