"""A deal ready to close (agreement, pending note, closing with three deliverables), and a second
matter with its own deal, for the cross-matter checks."""

from decimal import Decimal

import pytest

from agreements.services import agreement_create
from closings.services import closing_create, deliverable_create
from notes.models import NoteStatus
from tests.factories import MatterFactory, MembershipFactory, PartyFactory, UserFactory
from tests.notes.factories import NoteFactory


def make_deal(matter):
    company, purchaser = matter.client, PartyFactory(legal_name="Robert Petty", kind="individual")
    npa = agreement_create(matter=matter, data={"kind": "note_purchase", "title": "Note Purchase Agreement"},
                           parties=[{"party": company, "role": "company"}, {"party": purchaser, "role": "purchaser"}])
    note = NoteFactory(matter=matter, agreement=npa, issuer=company, holder=purchaser, principal=Decimal("600000"),
                       purchase_price=Decimal("500500"), issue_date=None, status=NoteStatus.PENDING)
    closing = closing_create(matter=matter, agreements=[npa], data={"place": "Offices of counsel"})
    note_item = deliverable_create(closing=closing, data={"description": "The Note", "kind": "document",
                                                          "from_party": company, "to_party": purchaser, "clause": "§3.2(a)"})
    funds = deliverable_create(closing=closing, data={"description": "$500,500", "kind": "funds", "amount": Decimal("500500"),
                                                      "from_party": purchaser, "to_party": company, "clause": "§3.3"})
    ucc = deliverable_create(closing=closing, data={"description": "UCC-1 acknowledgment", "kind": "filing",
                                                    "from_party": company, "days_after_closing": 10})
    return {"closing": closing, "note": note, "npa": npa, "items": [note_item, funds], "ucc": ucc, "company": company}


@pytest.fixture
def deal(matter):
    return make_deal(matter)


@pytest.fixture
def other_deal(db):
    """Another client's deal, with its own lead counsel."""
    matter = MatterFactory(name="Another client / Another lender", client=PartyFactory(legal_name="Other Co."))
    MembershipFactory(matter=matter, user=UserFactory(username="other-lead"))
    return make_deal(matter)


def receive(api, item):
    response = api.patch(f"/api/v1/deliverables/{item.pk}/", {"status": "received", "version": item.version}, format="json")
    assert response.status_code == 200, response.json()
    return response.json()
