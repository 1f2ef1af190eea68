"""What a user sends: another matter's records, dates outside 1900-2200."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from agreements.models import Agreement
from notes.models import Note, NoteTransaction
from notes.services import note_create, note_update
from tests.factories import MatterFactory, PartyFactory
from tests.notes.factories import NoteFactory

pytestmark = pytest.mark.django_db


def agreement_of(matter):
    return Agreement.objects.create(matter=matter, kind="note_purchase", title="Note Purchase Agreement")


def note_payload(matter, **extra):
    return {"matter": matter.pk, "issuer": matter.client_id, "holder": PartyFactory().pk, "principal": "1000",
            "issue_date": "2025-01-01", **extra}


def test_the_service_refuses_an_agreement_of_another_matter(matter):
    foreign = agreement_of(MatterFactory())
    with pytest.raises(ValidationError) as refused:
        note_create(matter=matter, by=None, data={"issuer": matter.client, "holder": PartyFactory(),
                                                  "principal": Decimal("1000"), "agreement": foreign})
    assert "agreement" in refused.value.message_dict
    note = NoteFactory(matter=matter)
    with pytest.raises(ValidationError, match="another matter"):
        note_update(note=note, by=None, data={"agreement": foreign})
    note.refresh_from_db()
    assert note.agreement is None


def test_the_api_answers_another_matters_agreement_like_a_nonexistent_one(api_as, counsel, matter):
    other_matter = MatterFactory()
    foreign = agreement_of(other_matter)
    api = api_as(counsel)
    foreign_answer = api.post("/api/v1/notes/", note_payload(matter, agreement=foreign.pk), format="json")
    missing_answer = api.post("/api/v1/notes/", note_payload(matter, agreement=foreign.pk + 1000), format="json")
    assert foreign_answer.status_code == missing_answer.status_code == 400
    assert foreign_answer.json()["agreement"] == [f'Invalid pk "{foreign.pk}" - object does not exist.']
    assert Note.objects.count() == 0
    note = NoteFactory(matter=matter)
    patched = api.patch(f"/api/v1/notes/{note.pk}/", {"agreement": foreign.pk}, format="json")
    assert patched.status_code == 400
    assert "agreement" in patched.json()
    own = agreement_of(matter)
    assert api.patch(f"/api/v1/notes/{note.pk}/", {"agreement": own.pk}, format="json").status_code == 200


def test_the_note_form_refuses_another_matters_agreement(client_as, counsel, matter):
    foreign = agreement_of(MatterFactory())
    response = client_as(counsel).post(f"/notes/matter/{matter.pk}/new/", {
        "agreement": foreign.pk, "issuer": matter.client_id, "holder": PartyFactory().pk, "principal": "1000",
        "currency": "USD"})
    assert response.status_code == 200
    assert "agreement" in response.context["form"].errors
    assert Note.objects.count() == 0


@pytest.mark.parametrize("field", ["issue_date", "maturity_date"])
def test_a_note_date_in_9999_is_a_400_naming_the_field(api_as, counsel, matter, field):
    response = api_as(counsel).post("/api/v1/notes/", note_payload(matter, **{field: "9999-12-31"}), format="json")
    assert response.status_code == 400
    assert "between 1 January 1900 and 31 December 2200" in response.json()[field][0]
    assert Note.objects.count() == 0


def test_a_transaction_dated_9999_is_a_400_naming_the_date(api_as, counsel, matter):
    note = NoteFactory(matter=matter)
    response = api_as(counsel).post(f"/api/v1/notes/{note.pk}/transactions/",
                                    {"kind": "payment", "date": "9999-12-31", "amount": "10"}, format="json")
    assert response.status_code == 400
    assert "date" in response.json()
    assert NoteTransaction.objects.count() == 0


def test_a_position_as_of_9999_is_a_400_naming_as_of(api_as, counsel, matter):
    note = NoteFactory(matter=matter)
    response = api_as(counsel).get(f"/api/v1/notes/{note.pk}/position/?as_of=9999-12-31")
    assert response.status_code == 400
    assert "between 1 January 1900" in response.json()["as_of"][0]


def test_a_note_form_date_in_9999_is_a_field_error_and_nothing_is_saved(client_as, counsel, matter):
    response = client_as(counsel).post(f"/notes/matter/{matter.pk}/new/", {
        "issuer": matter.client_id, "holder": PartyFactory().pk, "principal": "1000", "currency": "USD",
        "issue_date": "9999-12-31"})
    assert response.status_code == 200
    assert "between 1 January 1900" in response.context["form"].errors["issue_date"][0]
    assert Note.objects.count() == 0


def test_a_transaction_form_date_in_9999_is_a_field_error_and_nothing_is_saved(client_as, counsel, matter):
    note = NoteFactory(matter=matter)
    response = client_as(counsel).post(f"/notes/{note.pk}/transactions/", {"kind": "payment", "date": "9999-12-31", "amount": "5"})
    assert response.status_code == 400
    assert "between 1 January 1900" in response.context["form"].errors["date"][0]
    assert NoteTransaction.objects.count() == 0


def test_a_dashboard_as_of_9999_shows_an_error_and_today(client_as, cfo, matter):
    response = client_as(cfo).get("/notes/?as_of=9999-12-31")
    assert response.status_code == 200
    assert "between 1 January 1900" in response.context["as_of_error"]
    assert response.context["as_of"] != date(9999, 12, 31)


def test_a_maturity_filter_date_in_9999_is_shown_as_a_field_error(client_as, cfo, matter):
    response = client_as(cfo).get("/notes/?matures_after=9999-12-31")
    assert response.status_code == 200
    assert "between 1 January 1900" in response.context["filter"].form.errors["matures_after"][0]
    assert "between 1 January 1900" in response.content.decode()
