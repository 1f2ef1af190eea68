"""The terms Covenant holds from a document: its accepted proposals, each with the record it is
held on, read in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.models import Document
from closings.models import Closing
from documents import proposals, selectors
from notes.models import Note


@pytest.fixture
def roo(read_document, upload, roo_text):
    return read_document(upload("npa.txt", roo_text))


@pytest.fixture
def accept(roo, counsel):
    """`accept(*paths)` accepts the Roo agreement's proposals at those paths, as counsel would."""

    def decide(*paths: str) -> None:
        for path in paths:
            proposals.proposal_decide(proposal=roo.proposals.get(path=path), decision="accept", by=counsel)

    return decide


def test_each_held_term_names_its_field_value_and_the_record_it_is_held_on(roo, accept, counsel, agreement, matter):
    Closing.objects.create(matter=matter)
    accept("parties.0", "parties.1", "amounts.principal", "governing_law", "deliverables.0")
    proposals.proposal_decide(proposal=roo.proposals.get(path="dated_as_of"), decision="edit", value="2005-05-19",
                              by=counsel)
    held = {t.proposal.path: (t.field, t.value, t.record, t.url)
            for t in selectors.held_terms(user=counsel, document=roo.document)}
    note = Note.objects.get(agreement=agreement)
    company = agreement.agreement_parties.get(role="company").party
    deliverable = Closing.objects.get().deliverables.get()
    assert held["amounts.principal"] == ("Principal", "$600,000.00", "Note Purchase Agreement", f"/notes/{note.pk}/")
    assert held["parties.0"][2:] == ("ROO Group, Inc.", f"/parties/{company.pk}/")
    assert held["governing_law"] == ("Governing law", "New York", "Note Purchase Agreement",
                                     f"/agreements/{agreement.pk}/")
    assert held["dated_as_of"][:2] == ("Dated as of", "May 19, 2005")
    assert held["deliverables.0"][3] == f"/closings/{deliverable.closing_id}/#deliverable-{deliverable.pk}"
    assert set(held) == {"parties.0", "parties.1", "amounts.principal", "governing_law", "deliverables.0",
                         "dated_as_of"}


def test_pending_and_rejected_proposals_are_not_held(roo, accept, counsel):
    accept("governing_law")
    proposals.proposal_decide(proposal=roo.proposals.get(path="title"), decision="reject", by=counsel)
    held = selectors.held_terms(user=counsel, document=roo.document)
    assert [t.proposal.path for t in held] == ["governing_law"]


def test_an_outsider_holds_nothing_from_the_document(roo, accept, outsider):
    accept("governing_law")
    assert selectors.held_terms(user=outsider, document=roo.document) == []


def test_the_held_terms_are_read_in_the_same_few_queries_however_many_there_are(roo, accept, counsel, matter):
    Closing.objects.create(matter=matter)
    document, counts = Document.objects.select_related("agreement").get(pk=roo.document_id), []
    accept("parties.0", "parties.1", "amounts.principal", "deliverables.0", "governing_law")
    with CaptureQueriesContext(connection) as captured:
        few = selectors.held_terms(user=counsel, document=document)
    counts.append(len(captured))
    accept("amounts.purchase_price", "deliverables.1", "title", "dated_as_of", "notice.clause",
           "notice.methods.personal", "notice.methods.fax", "notice.methods.telex", "notice.methods.certified_mail",
           "clauses.0", "clauses.1", "dispute.rules")
    with CaptureQueriesContext(connection) as captured:
        many = selectors.held_terms(user=counsel, document=document)
    counts.append(len(captured))
    assert (len(few), len(many)) == (5, 17)
    assert counts == [4, 4]  # the proposals, the note, the agreement's parties, the deliverables
