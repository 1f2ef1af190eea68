"""A small deal for notice tests: a note purchase agreement whose §9.3 allows personal delivery,
overnight courier (one business day after dispatch) and certified mail (upon receipt)."""

from datetime import date

import pytest

from agreements.models import Agreement, NoticeRule, Signatory
from tests.factories import NoticeAddressFactory, PartyFactory, PersonFactory


@pytest.fixture
def deal(matter):
    agreement = Agreement.objects.create(matter=matter, kind="note_purchase", title="Note Purchase Agreement",
                                         dated_as_of=date(2026, 1, 5), notice_clause_ref="§9.3")
    for method, rule, days in (("personal", "on_delivery", 0), ("courier", "after_dispatch", 1),
                               ("certified_mail", "on_receipt", 0)):
        NoticeRule.objects.create(agreement=agreement, method=method, deemed_given=rule, offset_days=days,
                                  business_days=days > 0, clause="§9.3")
    lender = PartyFactory(legal_name="Meridian Credit Partners II, L.P.")
    NoticeAddressFactory(party=lender, street_lines="712 Fifth Avenue, 30th Floor", postal_code="10019")
    NoticeAddressFactory(party=matter.client, attention="General Counsel", street_lines="400 Harbor Drive, Suite 1200",
                         city="Boston", state="MA", postal_code="02110")
    signer = PersonFactory(party=lender, name="Dana Whitfield", title="Managing Director")
    Signatory.objects.create(agreement=agreement, person=signer, party=lender, title_as_signed="Authorized Signatory")
    return {"agreement": agreement, "lender": lender, "borrower": matter.client}


@pytest.fixture
def send(api_as, counsel, deal):
    def post(**fields):
        payload = {"agreement": deal["agreement"].pk, "sender": deal["lender"].pk, "recipient": deal["borrower"].pk,
                   "kind": "default", "method": "certified_mail", "dispatched_at": "2026-03-02T10:00:00-05:00", **fields}
        return api_as(counsel).post("/api/v1/notices/", payload, format="json")

    return post
