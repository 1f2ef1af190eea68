from datetime import date
from decimal import Decimal

import pytest

from notes.models import Note, NoteStatus, NoteTransaction
from tests.factories import PartyFactory
from tests.notes.factories import NoteFactory

pytestmark = pytest.mark.django_db


def test_the_position_endpoint_gives_a_hand_computed_payoff_after_a_partial_payment(api_as, counsel, matter):
    note = NoteFactory(matter=matter)
    api = api_as(counsel)
    created = api.post(f"/api/v1/notes/{note.pk}/transactions/",
                       {"kind": "payment", "date": "2025-04-01", "amount": "10000.00"}, format="json")
    assert created.status_code == 201
    assert (created.json()["interest_paid"], created.json()["principal_paid"]) == ("2958.90", "7041.10")
    body = api.get(f"/api/v1/notes/{note.pk}/position/?as_of=2025-07-01").json()
    assert body == {"as_of": "2025-07-01", "principal_outstanding": "92958.90", "accrued_interest": "2781.13",
                    "payoff_amount": "95740.03", "currency": "USD",
                    "commitment": None, "available": None, "current_rate": "12.000000",
                    "accrued_fees": None, "capitalized_interest": "0.00", "lenders": [], "rate_explanation": "Fixed 12.00%",
                    "late_charges": None, "costs": "0.00", "prepayment_premium": None, "scheduled_principal_past_due": None}


def test_a_prospective_rate_change_through_the_api(api_as, counsel, matter):
    note = NoteFactory(matter=matter, principal=Decimal("50000"), interest_rate=Decimal("8"), day_count="ACT/360")
    api = api_as(counsel)
    api.post(f"/api/v1/notes/{note.pk}/transactions/", {"kind": "rate_change", "date": "2025-03-01", "rate": "10"}, format="json")
    body = api.get(f"/api/v1/notes/{note.pk}/position/?as_of=2025-05-01").json()
    assert body["accrued_interest"] == "1502.78"


def test_a_payment_before_the_issue_date_is_refused_and_nothing_is_saved(api_as, counsel, matter):
    note = NoteFactory(matter=matter)
    response = api_as(counsel).post(f"/api/v1/notes/{note.pk}/transactions/",
                                    {"kind": "payment", "date": "2024-12-31", "amount": "10"}, format="json")
    assert response.status_code == 400
    assert "date" in response.json()
    assert NoteTransaction.objects.count() == 0


def test_a_payment_larger_than_the_payoff_is_refused(api_as, counsel, matter):
    note = NoteFactory(matter=matter)
    response = api_as(counsel).post(f"/api/v1/notes/{note.pk}/transactions/",
                                    {"kind": "payment", "date": "2025-01-02", "amount": "100033.00"}, format="json")
    assert response.status_code == 400
    assert "larger than the payoff amount of 100032.88" in response.json()["amount"][0]
    assert NoteTransaction.objects.count() == 0


def test_paying_the_payoff_amount_repays_the_note(api_as, counsel, matter):
    note = NoteFactory(matter=matter)
    api_as(counsel).post(f"/api/v1/notes/{note.pk}/transactions/",
                         {"kind": "payment", "date": "2025-01-02", "amount": "100032.88"}, format="json")
    note.refresh_from_db()
    assert note.status == NoteStatus.REPAID


@pytest.mark.parametrize(("field", "value"), [("principal", "0"), ("principal", "-5"), ("purchase_price", "0"),
                                              ("day_count", "ACT/999"), ("maturity_date", "2024-12-31")])
def test_bad_note_terms_are_refused_with_the_field_named(api_as, counsel, matter, field, value):
    payload = {"matter": matter.pk, "issuer": matter.client_id, "holder": PartyFactory().pk, "principal": "600000",
               "purchase_price": "500500", "issue_date": "2025-01-01", field: value}
    response = api_as(counsel).post("/api/v1/notes/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Note.objects.count() == 0


def test_a_premium_is_allowed_and_the_discount_is_shown(api_as, counsel, matter):
    payload = {"matter": matter.pk, "issuer": matter.client_id, "holder": PartyFactory().pk,
               "principal": "100000", "purchase_price": "101000", "issue_date": "2025-01-01"}
    response = api_as(counsel).post("/api/v1/notes/", payload, format="json")
    assert response.status_code == 201
    assert response.json()["original_issue_discount"] == "-1000.00"


def test_the_cfo_reads_positions_but_cannot_record_transactions(api_as, cfo, matter):
    note = NoteFactory(matter=matter)
    api = api_as(cfo)
    assert api.get(f"/api/v1/notes/{note.pk}/position/?as_of=2025-02-01").status_code == 200
    response = api.post(f"/api/v1/notes/{note.pk}/transactions/", {"kind": "payment", "date": "2025-02-01", "amount": "5"}, format="json")
    assert response.status_code == 403
    assert api.patch(f"/api/v1/notes/{note.pk}/", {"principal": "1"}, format="json").status_code == 403


def test_an_outsider_gets_404_on_a_note(api_as, outsider, matter):
    note = NoteFactory(matter=matter)
    assert api_as(outsider).get(f"/api/v1/notes/{note.pk}/position/").status_code == 404
    assert api_as(outsider).get(f"/api/v1/notes/{note.pk}/transactions/").status_code == 404


def test_a_bad_as_of_date_is_a_400(api_as, counsel, matter):
    note = NoteFactory(matter=matter)
    response = api_as(counsel).get(f"/api/v1/notes/{note.pk}/position/?as_of=yesterday")
    assert response.status_code == 400
    assert "as_of" in response.json()


def test_maturity_feeds_the_deadlines_engine(matter):
    from deadlines.models import Obligation
    from notes.services import note_create

    note = note_create(matter=matter, by=None, data={
        "issuer": matter.client, "holder": PartyFactory(), "principal": Decimal("1000"), "issue_date": date(2025, 1, 1),
        "maturity_date": date(2026, 7, 4), "status": "outstanding"})
    obligation = Obligation.objects.get(source_id=note.pk, source_key="maturity")
    assert (obligation.kind, obligation.nominal_due_date, obligation.due_date) == ("note_maturity", date(2026, 7, 4), date(2026, 7, 6))
