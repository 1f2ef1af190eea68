"""Facilities through the API and at closing: a line is drawn, never funded in full."""

from datetime import date
from decimal import Decimal

import pytest

from agreements.services import agreement_create
from closings.services import closing_close, closing_create, deliverable_create, deliverable_update
from notes.models import Facility, NoteStatus
from rates.models import RateIndex
from rates.services import rate_value_record
from tests.factories import PartyFactory
from tests.notes.factories import NoteFactory

pytestmark = pytest.mark.django_db
D = Decimal


def line_deal(matter, *, initial_advance):
    company, bank = matter.client, PartyFactory(legal_name="First Bank, N.A.")
    agreement = agreement_create(matter=matter, data={"kind": "note_purchase", "title": "Line of Credit Note"},
                                 parties=[{"party": company, "role": "company"}, {"party": bank, "role": "purchaser"}])
    note = NoteFactory(matter=matter, agreement=agreement, issuer=company, holder=bank, principal=D("10000000"),
                       purchase_price=None, facility=Facility.REVOLVING, commitment=D("10000000"), issue_date=None,
                       maturity_date=date(2027, 6, 30), interest_rate=D("6"), day_count="ACT/360",
                       status=NoteStatus.PENDING)
    closing = closing_create(matter=matter, agreements=[agreement], data={"place": "By exchange of signatures"})
    if initial_advance:
        funds = deliverable_create(closing=closing, data={
            "description": "Initial advance", "kind": "funds", "amount": D(initial_advance), "note": note,
            "from_party": bank, "to_party": company,
        })
        deliverable_update(deliverable=funds, data={"status": "received"}, version=funds.version, by=None)
    return note, closing


def test_closing_a_line_records_the_initial_advance_named_on_its_funds_deliverable(matter):
    note, closing = line_deal(matter, initial_advance="500000.00")
    closing_close(closing=closing, closed_on=date(2026, 6, 30), by=None)
    note.refresh_from_db()
    assert (note.status, note.issue_date) == (NoteStatus.OUTSTANDING, date(2026, 6, 30))
    assert list(note.transactions.values_list("kind", "amount")) == [("advance", D("500000.00"))]


def test_closing_a_line_with_no_initial_advance_draws_nothing(matter, api_as, counsel):
    note, closing = line_deal(matter, initial_advance=None)
    closing_close(closing=closing, closed_on=date(2026, 6, 30), by=None)
    assert not note.transactions.exists()
    # 1,000,000 x 6% x 1 day / 360 = 166.666667 after a first draw; nothing accrues on the unused line.
    body = api_as(counsel).get(f"/api/v1/notes/{note.pk}/position/?as_of=2026-07-01").json()
    assert (body["principal_outstanding"], body["accrued_interest"], body["available"]) == (
        "0.00", "0.00", "10000000.00")


def test_the_api_records_a_floating_revolver_draws_it_and_explains_its_rate(matter, api_as, counsel):
    index = RateIndex.objects.create(name="Bank Prime")
    rate_value_record(index=index, effective_date=date(2026, 1, 1), rate=D("7.25"), by=None)
    api = api_as(counsel)
    created = api.post("/api/v1/notes/", {
        "matter": matter.pk, "issuer": matter.client.pk, "holder": PartyFactory().pk, "principal": "1000000.00",
        "facility": "revolving", "commitment": "1000000.00", "rate_index": index.pk, "spread": "-1.00",
        "day_count": "ACT/360", "issue_date": "2026-01-01", "maturity_date": "2027-01-01",
    }, format="json")
    assert created.status_code == 201, created.json()
    note_id = created.json()["id"]
    drawn = api.post(f"/api/v1/notes/{note_id}/transactions/",
                     {"kind": "advance", "date": "2026-01-11", "amount": "360000.00"}, format="json")
    assert drawn.status_code == 201, drawn.json()
    too_much = api.post(f"/api/v1/notes/{note_id}/transactions/",
                        {"kind": "advance", "date": "2026-01-12", "amount": "640000.01"}, format="json")
    assert too_much.status_code == 400
    assert too_much.json()["amount"] == [
        "The advance of 640,000.01 on Jan 12, 2026 would bring principal to 1,000,000.01, above the commitment "
        "of 1,000,000.00: 640,000.00 is available."
    ]
    # 360,000 x 6.25% x 20 days (Jan 11-31) / 360 = 1,250.00
    body = api.get(f"/api/v1/notes/{note_id}/position/?as_of=2026-01-31").json()
    assert body == {
        "as_of": "2026-01-31", "principal_outstanding": "360000.00", "accrued_interest": "1250.00",
        "payoff_amount": "361250.00", "currency": "USD", "commitment": "1000000.00", "available": "640000.00",
        "current_rate": "6.250000", "accrued_fees": None, "capitalized_interest": "0.00", "lenders": [], "rate_explanation": "Bank Prime 7.25% - 1.00% = 6.25%",
            "late_charges": None, "costs": "0.00", "prepayment_premium": None, "scheduled_principal_past_due": None,
    }


def test_the_api_refuses_floating_terms_that_set_no_rate_with_field_errors(matter, api_as, counsel):
    index = RateIndex.objects.create(name="Bank Prime")
    base = {"matter": matter.pk, "issuer": matter.client.pk, "holder": PartyFactory().pk, "principal": "1000.00",
            "rate_index": index.pk, "spread": "1.00", "day_count": "ACT/360", "issue_date": "2026-01-01"}
    api = api_as(counsel)
    missing = api.post("/api/v1/notes/", base, format="json")
    assert missing.status_code == 400
    assert missing.json()["rate_index"] == [
        "Bank Prime has no value on or before 2026-01-01; record the rate in effect on that day."]
    both = api.post("/api/v1/notes/", {**base, "interest_rate": "5"}, format="json")
    assert "leave the fixed rate empty" in both.json()["interest_rate"][0]
    line = api.post("/api/v1/notes/", {**base, "facility": "revolving", "rate_index": None, "spread": None},
                    format="json")
    assert line.json()["commitment"] == ["A revolving or delayed-draw facility needs its commitment amount."]


def test_the_cfo_dashboard_shows_commitments_drawn_and_available_beside_principal(matter, cfo, client_as):
    line = NoteFactory(matter=matter, principal=D("10000000"), purchase_price=None, facility=Facility.REVOLVING,
                       commitment=D("10000000"), issue_date=date(2026, 1, 1), maturity_date=date(2028, 1, 1),
                       interest_rate=D("6"), day_count="ACT/360")
    from notes.services import note_transaction_record

    note_transaction_record(note=line, kind="advance", date=date(2026, 2, 1), amount=D("2500000.00"))
    NoteFactory(matter=matter, principal=D("100000"), maturity_date=date(2028, 1, 1))  # a term note: no line
    page = client_as(cfo).get("/notes/?as_of=2026-03-01")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Credit lines (1):" in text
    assert "commitments <strong>USD 10,000,000.00</strong> · drawn <strong>USD 2,500,000.00</strong>" in text
    assert 'data-testid="available-USD">USD 7,500,000.00</strong>' in text
    export = client_as(cfo).post("/notes/export.csv", {"as_of": "2026-03-01"}).content.decode().splitlines()
    assert export[0].endswith("Commitment,Available")
    assert sum(row.endswith(",10000000.00,7500000.00") for row in export[1:]) == 1
