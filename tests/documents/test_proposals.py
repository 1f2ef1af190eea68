"""Proposed terms stored per document version by the read, decided on the review screen and in
the API; an accepted value reaches its record through the same service as hand entry."""

import pytest
from django.core.exceptions import ValidationError

from agreements.models import AgreementParty, NoticeRule
from closings.models import Closing
from documents import proposals
from documents.models import ProposalStatus, ProposedTerm
from notes.models import Note
from parties.models import Party


@pytest.fixture
def roo(read_document, upload, roo_text):
    """The seed agreement read once: its proposals stored with its text."""
    document = upload("npa.txt", roo_text)
    return read_document(document)


def _get(document_text, path):
    return document_text.proposals.get(path=path)


def test_the_read_stores_each_proposal_with_its_source_words(roo):
    law = _get(roo, "governing_law")
    assert (law.value, law.section, roo.text[law.start:law.end]) == ("New York", "7.6", law.quote)
    paths = set(roo.proposals.values_list("path", flat=True))
    assert {"title", "dated_as_of", "parties.0", "parties.1", "amounts.principal", "amounts.purchase_price",
            "notice.clause", "notice.methods.fax", "deliverables.0"} <= paths
    assert not any(p.startswith("defined_terms.") for p in paths)
    assert _get(roo, "amounts.purchase_price").value == "500500.00"
    assert _get(roo, "notice.methods.telex").value["deemed_given"] == "on_transmission"


def test_reading_the_version_again_replaces_its_proposals(roo):
    from documents import services
    from documents.structure import sections_find

    first = set(roo.proposals.values_list("pk", flat=True))
    count = services.proposals.proposals_store(document_text=roo, parts=sections_find(roo.text))
    assert count == roo.proposals.count() == len(first)
    assert not first & set(roo.proposals.values_list("pk", flat=True))


def test_accepting_agreement_fields_updates_the_agreement_with_history(roo, counsel, agreement):
    proposals.proposal_decide(proposal=_get(roo, "governing_law"), decision="accept", by=counsel)
    proposals.proposal_decide(proposal=_get(roo, "dated_as_of"), decision="edit", value="2005-05-19", by=counsel)
    proposals.proposal_decide(proposal=_get(roo, "dispute_resolution"), decision="reject", by=counsel)
    agreement.refresh_from_db()
    assert (agreement.governing_law, agreement.governing_law_clause, str(agreement.dated_as_of),
            agreement.dispute_resolution) == ("New York", "§7.6", "2005-05-19", "")
    assert agreement.events.count() >= 2  # pghistory: one event per update through the service
    statuses = dict(roo.proposals.filter(path__in=["governing_law", "dated_as_of", "dispute_resolution"])
                    .values_list("path", "status"))
    assert statuses == {"governing_law": "accepted", "dated_as_of": "edited", "dispute_resolution": "rejected"}


def test_a_bad_edit_is_refused_and_nothing_is_saved(roo, counsel, agreement):
    proposal = _get(roo, "dated_as_of")
    with pytest.raises(ValidationError) as error:
        proposals.proposal_decide(proposal=proposal, decision="edit", value="30 February", by=counsel)
    assert error.value.message_dict == {"value": ["Enter a date as YYYY-MM-DD."]}
    proposal.refresh_from_db()
    agreement.refresh_from_db()
    assert (proposal.status, agreement.dated_as_of) == (ProposalStatus.PROPOSED, None)
    with pytest.raises(ValidationError):
        proposals.proposal_decide(proposal=_get(roo, "governing_law"), decision="maybe", by=counsel)


def test_a_decided_proposal_cannot_be_decided_again(roo, counsel):
    proposal = _get(roo, "title")
    proposals.proposal_decide(proposal=proposal, decision="reject", by=counsel)
    with pytest.raises(ValidationError) as error:
        proposals.proposal_decide(proposal=proposal, decision="accept", by=counsel)
    assert error.value.message_dict == {"decision": [proposals.NOT_PROPOSED]}


def test_parties_then_principal_then_terms_make_the_note(roo, counsel, agreement):
    with pytest.raises(ValidationError) as error:
        proposals.proposal_decide(proposal=_get(roo, "amounts.principal"), decision="accept", by=counsel)
    assert error.value.message_dict == {"value": [proposals.NEED_PARTIES]}
    for path in ("parties.0", "parties.1"):
        proposals.proposal_decide(proposal=_get(roo, path), decision="accept", by=counsel)
    rows = {(row.party.legal_name, row.role, row.defined_term) for row in AgreementParty.objects.filter(agreement=agreement)}
    assert rows == {("ROO Group, Inc.", "company", "Company"), ("Robert Petty", "purchaser", "Petty")}
    proposals.proposal_decide(proposal=_get(roo, "amounts.principal"), decision="accept", by=counsel)
    proposals.proposal_decide(proposal=_get(roo, "amounts.purchase_price"), decision="accept", by=counsel)
    note = Note.objects.get(agreement=agreement)
    assert (note.issuer.legal_name, note.holder.legal_name, str(note.principal), str(note.purchase_price)) == (
        "ROO Group, Inc.", "Robert Petty", "600000.00", "500500.00")


def test_accepting_a_party_reuses_its_directory_entry(roo, counsel, agreement):
    existing = Party.objects.create(legal_name="ROBERT PETTY")
    proposals.proposal_decide(proposal=_get(roo, "parties.1"), decision="accept", by=counsel)
    assert Party.objects.filter(legal_name__iexact="Robert Petty").count() == 1
    assert AgreementParty.objects.get(agreement=agreement).party == existing


def test_accepting_a_notice_method_adds_its_rule(roo, counsel, agreement):
    proposals.proposal_decide(proposal=_get(roo, "notice.methods.certified_mail"), decision="accept", by=counsel)
    proposals.proposal_decide(proposal=_get(roo, "notice.methods.personal"), decision="accept", by=counsel)
    rules = {(r.method, r.deemed_given, r.clause) for r in NoticeRule.objects.filter(agreement=agreement)}
    # Roo §7.2: "when delivered in person ... or upon receipt after dispatch by certified ... mail"
    assert rules == {("certified_mail", "on_receipt", "7.2"), ("personal", "on_delivery", "7.2")}


def test_a_deliverable_needs_the_closing_then_lands_on_its_checklist(roo, counsel, agreement, matter):
    proposal = _get(roo, "deliverables.0")
    with pytest.raises(ValidationError) as error:
        proposals.proposal_decide(proposal=proposal, decision="accept", by=counsel)
    assert error.value.message_dict == {"value": [proposals.NO_CLOSING]}
    for path in ("parties.0", "parties.1"):
        proposals.proposal_decide(proposal=_get(roo, path), decision="accept", by=counsel)
    closing = Closing.objects.create(matter=matter)
    proposals.proposal_decide(proposal=proposal, decision="accept", by=counsel)
    deliverable = closing.deliverables.get()
    # §3.2 "Delivery by the Company. At the Closing, the Company shall deliver to Petty: (a) the Note"
    assert (deliverable.description, deliverable.clause, deliverable.from_party.legal_name) == (
        "the Note", "§3.2(a)", "ROO Group, Inc.")


def test_the_review_screen_shows_each_value_beside_its_highlighted_source(roo, client_as, counsel):
    html = client_as(counsel).get(f"/documents/{roo.document_id}/proposals/").content.decode()
    assert "Governing law" in html and "governing_law" not in html.replace('data-testid="proposal-governing_law"', "")
    law = _get(roo, "governing_law")
    assert "<mark>New York</mark>" in html and "<strong>§7.6</strong>" in html
    assert f'action="/documents/proposals/{law.pk}/decide/"' in html
    # Labels, not codes: the method and its deemed-given rule, the amount, the date.
    assert "Certified or registered mail, return receipt requested: upon receipt" in html
    assert "$500,500.00" in html and "May 18, 2005" in html and "on_receipt" not in html


def test_the_review_screen_escapes_the_document_text(read_document, upload, client_as, counsel):
    document = upload("x.txt", b'LOAN AGREEMENT\n\nThis Agreement is made between <b>EVIL</b> CORP, a Delaware '
                      b'corporation ("Borrower"), and BANK ("Lender").\n\n1.1 Governing Law. This Agreement shall '
                      b'be governed by the laws of the State of Ohio.\n')
    read_document(document)
    html = client_as(counsel).get(f"/documents/{document.pk}/proposals/").content.decode()
    assert "<b>EVIL</b>" not in html and "&lt;b&gt;EVIL&lt;/b&gt;" in html


def test_deciding_on_the_page_saves_or_shows_the_error(roo, client_as, counsel, agreement):
    client = client_as(counsel)
    date = _get(roo, "dated_as_of")
    page = client.post(f"/documents/proposals/{date.pk}/decide/", {f"p{date.pk}-decision": "edit",
                                                                     f"p{date.pk}-value": "not a date"}, follow=True)
    assert "Dated as of: Enter a date as YYYY-MM-DD." in page.content.decode()
    response = client.post(f"/documents/proposals/{date.pk}/decide/", {f"p{date.pk}-decision": "accept"})
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert str(agreement.dated_as_of) == "2005-05-18"


def test_outsiders_get_404_and_readers_cannot_decide(roo, client_as, outsider, matter):
    from accounts.models import Role
    from tests.factories import MembershipFactory, UserFactory

    law = _get(roo, "governing_law")
    client = client_as(outsider)
    assert client.get(f"/documents/{roo.document_id}/proposals/").status_code == 404
    assert client.post(f"/documents/proposals/{law.pk}/decide/", {f"p{law.pk}-decision": "accept"}).status_code == 404
    finance = UserFactory(username="fin", role=Role.FINANCE, company=matter.client)
    MembershipFactory(matter=matter, user=finance)
    assert client_as(finance).post(f"/documents/proposals/{law.pk}/decide/",
                                   {f"p{law.pk}-decision": "accept"}).status_code == 403
    law.refresh_from_db()
    assert law.status == "proposed"


def test_the_api_lists_and_decides_proposals(roo, api_as, counsel, outsider, agreement):
    api = api_as(counsel)
    listed = api.get("/api/v1/proposed-terms/", {"document": roo.document_id}).json()
    assert listed["count"] == roo.proposals.count()
    law = _get(roo, "governing_law")
    bad = api.post(f"/api/v1/proposed-terms/{law.pk}/decide/", {"decision": "edit", "value": ""}, format="json")
    assert (bad.status_code, bad.json()) == (400, {"value": ["Enter the value to accept."]})
    ok = api.post(f"/api/v1/proposed-terms/{law.pk}/decide/", {"decision": "edit", "value": "New  York"}, format="json")
    assert (ok.status_code, ok.json()["status"], ok.json()["field_label"]) == (200, "edited", "Governing law")
    agreement.refresh_from_db()
    assert agreement.governing_law == "New  York"
    again = api.post(f"/api/v1/proposed-terms/{law.pk}/decide/", {"decision": "reject"}, format="json")
    assert (again.status_code, again.json()) == (409, {"detail": proposals.NOT_PROPOSED})
    assert api_as(outsider).get(f"/api/v1/proposed-terms/{law.pk}/").status_code == 404
    assert api_as(outsider).post(f"/api/v1/proposed-terms/{law.pk}/decide/", {"decision": "accept"},
                                 format="json").status_code == 404
    assert ProposedTerm.objects.get(pk=law.pk).decided_by == counsel
