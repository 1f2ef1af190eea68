"""Accepted proposals that write another app's records through its services: a note's floating
rate, a party's notice address with its copy-to, a party's entity type and jurisdiction."""

import pytest
from django.core.exceptions import ValidationError

from documents import applying, proposals
from documents.models import ProposalStatus
from notes.models import Note
from rates.services import rate_index_create

LOAN = b"""LOAN AGREEMENT

THIS LOAN AGREEMENT (this "Agreement") is made as of February 3, 2020, by and between
BLUE HERON HOLDINGS, L.P., a Texas limited partnership (the "Borrower"), and FIRST COASTAL BANK, N.A., a national
banking association (the "Lender").

1. THE LOAN.

1.1 Loan. The Lender agrees to lend to the Borrower the principal sum of Two Million Dollars ($2,000,000.00)
(the "Loan"). The Loan shall bear interest at a rate per annum equal to the Prime Rate plus two and one-half
percent (2.5%). After an Event of Default the Loan shall bear interest at a rate equal to five percent (5%) above the
rate otherwise applicable.

2. MISCELLANEOUS.

2.1 Notices. All notices shall be in writing and shall be deemed given when delivered by hand or when sent by
facsimile, addressed as follows:

(a) If to the Borrower:

Blue Heron Holdings, L.P.
c/o Heron Management LLC
1200 Main Street, Suite 400
Dallas, Texas 75202
Attention: Chief Financial Officer
Facsimile: (214) 555-0100
E-mail: cfo@blueheron.example

with a copy to (which shall not constitute notice):

Gray & Finch LLP
500 Elm Street
Houston, TX 77002
Attn: Jane Gray, Esq.
Fax: (713) 555-0199

(b) If to the Lender:

First Coastal Bank, N.A.
77 Harbor Road
Galveston, Texas 77550
Attention: Loan Administration

2.2 Governing Law. This Agreement shall be governed by the laws of the State of Texas.
"""


@pytest.fixture
def loan(read_document, upload):
    return read_document(upload("loan.txt", LOAN))


def _get(document_text, path):
    return document_text.proposals.get(path=path)


def _decide(document_text, path, by, decision="accept", value=None):
    return proposals.proposal_decide(proposal=_get(document_text, path), decision=decision, value=value, by=by)


@pytest.fixture
def with_note(loan, counsel):
    for path in ("parties.0", "parties.1", "amounts.principal"):
        _decide(loan, path, counsel)
    return Note.objects.get()


def test_accepting_the_index_finds_it_by_alias_and_sets_it_with_its_spread(loan, with_note, counsel):
    prime = rate_index_create(data={"name": "Prime (WSJ)"}, by=counsel)
    _decide(loan, "interest.index", counsel)
    _decide(loan, "interest.default_spread", counsel)
    with_note.refresh_from_db()
    assert (with_note.rate_index, str(with_note.spread), with_note.interest_rate, str(with_note.default_spread)) == (
        prime, "2.500000", None, "5.000000")
    # The spread went with the index: both are decided, neither waits.
    assert {p.path: p.status for p in loan.proposals.filter(path__startswith="interest.")} == {
        "interest.index": "accepted", "interest.spread": "accepted", "interest.default_spread": "accepted"}


def test_an_edited_spread_goes_with_the_proposed_index(loan, with_note, counsel):
    sofr = rate_index_create(data={"name": "SOFR"}, by=counsel)
    _decide(loan, "interest.index", counsel, decision="edit", value="Secured Overnight Financing Rate")
    with_note.refresh_from_db()
    assert (with_note.rate_index, str(with_note.spread)) == (sofr, "2.500000")


def test_an_index_nobody_created_names_itself_and_the_page_and_saves_nothing(loan, with_note, counsel):
    rate_index_create(data={"name": "SOFR"}, by=counsel)
    with pytest.raises(ValidationError) as error:
        _decide(loan, "interest.spread", counsel)
    assert error.value.message_dict == {"value": [
        'No rate index is named "Prime Rate". Create it on the rate indexes page (/rates/new/), then accept again.']}
    with_note.refresh_from_db()
    assert (with_note.rate_index, with_note.spread) == (None, None)
    assert set(loan.proposals.filter(path__in=["interest.index", "interest.spread"]).values_list("status", flat=True)) == {
        ProposalStatus.PROPOSED}


def test_a_spread_the_note_refuses_leaves_index_and_spread_undecided(loan, with_note, counsel):
    rate_index_create(data={"name": "Prime Rate"}, by=counsel)
    with pytest.raises(ValidationError) as error:
        _decide(loan, "interest.spread", counsel, decision="edit", value="250")
    assert error.value.message_dict == {"value": ["Enter a rate between -100% and 100% a year."]}
    with pytest.raises(ValidationError) as error:
        _decide(loan, "interest.spread", counsel, decision="edit", value="two")
    assert error.value.message_dict == {"value": ["Enter a number."]}
    with_note.refresh_from_db()
    assert (with_note.rate_index, with_note.spread) == (None, None)
    assert set(loan.proposals.filter(path__startswith="interest.").values_list("status", flat=True)) == {
        ProposalStatus.PROPOSED}


def test_the_index_needs_the_note_first(loan, counsel):
    with pytest.raises(ValidationError) as error:
        _decide(loan, "interest.index", counsel)
    assert error.value.message_dict == {"value": [proposals.NO_NOTE]}


def test_accepting_a_notice_address_records_it_for_the_party(loan, counsel, agreement):
    from parties.models import NoticeAddress

    for path in ("parties.0", "dated_as_of"):
        _decide(loan, path, counsel)
    _decide(loan, "notice.addresses.0", counsel)
    address = NoticeAddress.objects.get()
    assert (address.party.legal_name, address.care_of, address.street_lines, address.city, address.state,
            address.postal_code, address.attention, address.fax, address.email, str(address.effective_from)) == (
        "BLUE HERON HOLDINGS, L.P.", "Heron Management LLC", "1200 Main Street, Suite 400", "Dallas", "Texas", "75202",
        "Chief Financial Officer", "(214) 555-0100", "cfo@blueheron.example", "2020-02-03")
    assert address.time_zone == "America/Chicago"  # the party service defaults the zone from the state


def test_accepting_a_copy_to_records_its_addressee_and_the_agreements_rule(loan, counsel, agreement):
    from agreements.models import NoticeCopyTo

    _decide(loan, "parties.0", counsel)
    _decide(loan, "notice.copies.0", counsel)
    copy = NoticeCopyTo.objects.get(agreement=agreement)
    address = copy.copy_party.notice_addresses.get()
    assert (copy.party.legal_name, copy.copy_party.legal_name, copy.attention, copy.clause) == (
        "BLUE HERON HOLDINGS, L.P.", "Gray & Finch LLP", "Jane Gray, Esq.", "§2.1(a)")
    assert (address.street_lines, address.city, address.state, address.postal_code, address.fax) == (
        "500 Elm Street", "Houston", "TX", "77002", "(713) 555-0199")


def test_an_address_needs_its_party_and_a_bad_edit_saves_nothing(loan, counsel, agreement):
    from parties.models import NoticeAddress, Party

    with pytest.raises(ValidationError) as error:
        _decide(loan, "notice.addresses.1", counsel)
    assert error.value.message_dict == {"value": ['Accept the party "Lender" first: this is its notice address.']}
    _decide(loan, "parties.1", counsel)
    with pytest.raises(ValidationError) as error:
        _decide(loan, "notice.addresses.1", counsel, decision="edit", value="77 Harbor Road")
    assert error.value.message_dict == {"value": [applying.NO_CITY]}
    with pytest.raises(ValidationError) as error:
        _decide(loan, "notice.addresses.1", counsel, decision="edit",
                value="77 Harbor Road | Galveston, Texas 77550 | E-mail: cfo@@blueheron")
    assert "Enter a valid email address." in error.value.message_dict["value"]
    with pytest.raises(ValidationError):
        _decide(loan, "notice.copies.0", counsel)  # its party, the Borrower, is not accepted yet
    assert (NoticeAddress.objects.count(), Party.objects.filter(legal_name="Gray & Finch LLP").exists()) == (0, False)
    assert _get(loan, "notice.addresses.1").status == ProposalStatus.PROPOSED
    _decide(loan, "notice.addresses.1", counsel, decision="edit", value="78 Harbor Road | Galveston, Texas 77550")
    assert NoticeAddress.objects.get().street_lines == "78 Harbor Road"


def test_the_review_screen_shows_addresses_and_copies_in_words(loan, client_as, counsel):
    html = client_as(counsel).get(f"/documents/{loan.document_id}/proposals/").content.decode()
    assert "With a copy to" in html and "Notices to Borrower need a copy to: Gray &amp; Finch LLP" in html
    assert "notice.copies" not in html.replace('data-testid="proposal-notice.copies.0"', "")


def test_accepting_a_party_writes_its_entity_type_and_jurisdiction(loan, counsel, client_as):
    from parties.models import Party

    kept = Party.objects.create(legal_name="First Coastal Bank, N.A.", jurisdiction="United States")
    html = client_as(counsel).get(f"/documents/{loan.document_id}/proposals/").content.decode()
    assert "BLUE HERON HOLDINGS, L.P., a Texas limited partnership (Borrower)" in html
    _decide(loan, "parties.0", counsel)
    _decide(loan, "parties.1", counsel)
    heron = Party.objects.get(legal_name="BLUE HERON HOLDINGS, L.P.")
    kept.refresh_from_db()
    assert (heron.entity_type, heron.jurisdiction) == ("limited partnership", "Texas")
    # The directory's own words stay; only its blank entity type is filled.
    assert (kept.entity_type, kept.jurisdiction) == ("national banking association", "United States")


@pytest.fixture
def roo(read_document, upload, roo_text):
    return read_document(upload("npa.txt", roo_text))


def test_accepting_the_dispute_terms_and_clauses_records_them_on_the_agreement(roo, counsel, agreement, api_as):
    paths = {p.value["kind"]: p.path for p in roo.proposals.filter(path__startswith="clauses.")}
    assert set(paths) == {"arbitration", "amendments"}
    _decide(roo, "dispute.rules", counsel)
    _decide(roo, paths["arbitration"], counsel)
    _decide(roo, paths["amendments"], counsel, decision="edit", value="This Agreement may be amended only in writing.")
    agreement.refresh_from_db()
    assert agreement.arbitration_rules == ("rules and procedures then in effect of the National Association of "
                                           "Securities Dealers, Inc")
    clauses = api_as(counsel).get("/api/v1/agreement-clauses/", {"agreement": agreement.pk}).json()["results"]
    got = {(c["kind"], c["clause"]): c for c in clauses}
    assert set(got) == {("arbitration", "§7.8"), ("amendments", "§7.9")}
    assert got[("arbitration", "§7.8")]["text"].startswith("7.8 Arbitration. Any controversy or dispute arising")
    assert got[("amendments", "§7.9")]["text"] == "This Agreement may be amended only in writing."


def test_a_clause_edited_to_nothing_is_refused_and_nothing_is_saved(roo, counsel, agreement):
    path = roo.proposals.filter(path__startswith="clauses.").first().path
    with pytest.raises(ValidationError):
        _decide(roo, path, counsel, decision="edit", value="   ")
    assert (agreement.clauses.count(), _get(roo, path).status) == (0, ProposalStatus.PROPOSED)


FLOORED = LOAN.replace(b"percent (2.5%).", b"percent (2.5%); provided that in no event shall the interest rate be less "
                       b"than four and one-half percent (4.50%) per annum.")


def test_accepting_a_proposed_floor_sets_it_on_the_note_with_its_index_and_spread(read_document, upload, counsel):
    floored = read_document(upload("floored.txt", FLOORED))
    for path in ("parties.0", "parties.1", "amounts.principal"):
        _decide(floored, path, counsel)
    prime = rate_index_create(data={"name": "Prime Rate"}, by=counsel)
    assert _get(floored, "interest.floor").value == "4.5"
    _decide(floored, "interest.floor", counsel)
    note = Note.objects.get()
    assert (note.rate_index, str(note.spread), str(note.rate_floor), note.rate_cap) == (prime, "2.500000", "4.500000", None)
