"""Accepted proposals that write another app's records through its services: a note's floating
rate, a party's notice address with its copy-to, a party's entity type and jurisdiction."""

import pytest
from django.core.exceptions import ValidationError

from documents import proposals
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
