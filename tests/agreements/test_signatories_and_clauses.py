"""Signatories and standard clauses of an agreement: pages and API through the matters access rule,
and the letter's signature block from the sending party's signatory."""

import pytest

from agreements.models import Clause, Signatory
from agreements.services import NOT_A_PARTY, PERSON_OF_ANOTHER_PARTY
from notices.letter import _signature_block
from notices.models import Notice
from tests.covenants.factories import loan_agreement
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(matter):
    return loan_agreement(matter)


def test_counsel_adds_edits_and_removes_a_signatory_on_the_agreement_page(agreement, counsel, client_as):
    web = client_as(counsel)
    robin = PersonFactory(party=agreement.matter.client, name="Robin Smyth", title="CFO")
    response = web.post(f"/agreements/{agreement.pk}/signatories/new/", {
        "party": agreement.matter.client.pk, "person": robin.pk, "title_as_signed": "Chief Financial Officer"})
    assert response.status_code == 302
    signatory = Signatory.objects.get()
    assert "Robin Smyth, Chief Financial Officer — for ROO Group, Inc." in web.get(agreement.get_absolute_url()).content.decode()
    web.post(f"/agreements/{agreement.pk}/signatories/{signatory.pk}/", {
        "party": agreement.matter.client.pk, "person": robin.pk, "title_as_signed": ""})
    # No title as signed: the block shows the person's title in the directory.
    assert _signature_block(Notice(agreement=agreement, sender=agreement.matter.client)) == [
        "ROO GROUP, INC.", "", "By: ______________________________", "Name: Robin Smyth", "Title: CFO"]
    assert web.post(f"/agreements/{agreement.pk}/signatories/{signatory.pk}/remove/").status_code == 302
    assert not Signatory.objects.exists()


def test_a_signatory_must_act_for_the_party_and_the_party_must_be_a_party(agreement, counsel, client_as):
    bank = agreement.agreement_parties.get(role="purchaser").party
    stranger = PersonFactory(name="Sam Stranger")
    response = client_as(counsel).post(f"/agreements/{agreement.pk}/signatories/new/", {
        "party": bank.pk, "person": PersonFactory(party=agreement.matter.client, name="Robin Smyth").pk})
    assert response.status_code == 400
    assert PERSON_OF_ANOTHER_PARTY.format(person="Robin Smyth", their_party="ROO Group, Inc.", party=bank) in (
        response.content.decode().replace("&#x27;", "'"))
    from agreements.services import signatory_add
    with pytest.raises(Exception) as refused:
        signatory_add(agreement=agreement, data={"party": stranger.party, "person": stranger})
    assert refused.value.message_dict == {"party": [NOT_A_PARTY.format(party=stranger.party)]}
    assert not Signatory.objects.exists()


def test_the_api_records_signatories_and_typed_clauses_and_refuses_what_does_not_fit(agreement, counsel, cfo, api_as):
    api = api_as(counsel)
    robin = PersonFactory(party=agreement.matter.client, name="Robin Smyth")
    created = api.post("/api/v1/signatories/", {"agreement": agreement.pk, "party": agreement.matter.client.pk,
                                                "person": robin.pk, "title_as_signed": "Chief Financial Officer"},
                       format="json")
    assert (created.status_code, created.json()["title"]) == (201, "Chief Financial Officer")
    clause = api.post("/api/v1/agreement-clauses/", {"agreement": agreement.pk, "kind": "severability",
                                                     "clause": "§7.7", "heading": "Severability",
                                                     "text": "If any term or provision ... shall be valid."},
                      format="json")
    assert clause.status_code == 201
    bad = api.post("/api/v1/agreement-clauses/", {"agreement": agreement.pk, "kind": "boilerplate", "clause": "",
                                                 "text": ""}, format="json")
    assert bad.status_code == 400 and set(bad.json()) >= {"kind", "clause", "text"}
    assert api.patch(f"/api/v1/agreement-clauses/{clause.json()['id']}/", {"clause": "§7.8"},
                     format="json").json()["clause"] == "§7.8"
    assert api_as(cfo).delete(f"/api/v1/agreement-clauses/{clause.json()['id']}/").status_code == 403
    assert api.delete(f"/api/v1/agreement-clauses/{clause.json()['id']}/").status_code == 204
    assert not Clause.objects.exists()
    assert api_as(cfo).get("/api/v1/signatories/", {"matter": agreement.matter_id}).json()["count"] == 1


def test_counsel_records_a_clause_with_its_kind_label_on_the_page(agreement, counsel, outsider, client_as):
    web = client_as(counsel)
    assert web.post(f"/agreements/{agreement.pk}/clauses/new/", {
        "kind": "entire_agreement", "clause": "§7.3", "heading": "Entire Agreement",
        "text": "This Agreement <b>constitutes</b> the entire agreement."}).status_code == 302
    page = web.get(agreement.get_absolute_url()).content.decode()
    assert "§7.3 Entire agreement" in page and "This Agreement &lt;b&gt;constitutes&lt;/b&gt;" in page
    assert web.post(f"/agreements/{agreement.pk}/clauses/new/", {"kind": "headings", "clause": "", "text": ""}).status_code == 400
    assert client_as(outsider).get(f"/agreements/{agreement.pk}/clauses/new/").status_code == 404
