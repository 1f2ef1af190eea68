from datetime import date

import pytest

from parties.models import NoticeAddress, Party
from parties.selectors import notice_address_in_effect
from parties.services import notice_address_add
from tests.factories import NoticeAddressFactory, PartyFactory

pytestmark = pytest.mark.django_db

ADDRESS = {
    "street_lines": "62 White Street, Suite 3A", "city": "New York", "state": "NY",
    "postal_code": "10013", "country": "United States", "effective_from": "2005-05-18",
}


def test_an_empty_legal_name_is_shown_at_the_field_and_nothing_is_saved(client_as, counsel):
    response = client_as(counsel).post("/parties/new/", {"kind": "organization", "legal_name": ""})
    assert response.status_code == 200
    assert "legal_name" in response.context["form"].errors
    html = response.content.decode()
    assert 'aria-invalid="true" aria-describedby="id_legal_name_error"' in html
    assert 'id="error_1_id_legal_name"' in html
    assert Party.objects.count() == 1  # the client company from the cast


def test_a_malformed_email_is_shown_at_the_field(client_as, counsel, client_company):
    response = client_as(counsel).post(
        f"/parties/{client_company.pk}/addresses/new/", {**ADDRESS, "email": "not-an-email"}
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert NoticeAddress.objects.count() == 0


def test_an_address_ending_before_it_starts_is_refused_at_the_field(client_as, counsel, client_company):
    response = client_as(counsel).post(
        f"/parties/{client_company.pk}/addresses/new/", {**ADDRESS, "effective_until": "2005-05-01"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["effective_until"] == [
        "Effective until cannot be before effective from."
    ]
    assert NoticeAddress.objects.count() == 0


def test_the_api_refuses_bad_party_input_naming_each_field_and_saves_nothing(api_as, counsel):
    payload = {
        "legal_name": "",
        "kind": "organization",
        "notice_addresses": [{**ADDRESS, "email": "nope", "effective_until": "2005-01-01"}],
    }
    response = api_as(counsel).post("/api/v1/parties/", payload, format="json")
    assert response.status_code == 400
    body = response.json()
    assert "legal_name" in body
    assert "email" in body["notice_addresses"]["0"]
    assert Party.objects.count() == 1


def test_the_api_refuses_an_address_ending_before_it_starts(api_as, counsel):
    payload = {"legal_name": "Petty", "kind": "individual",
               "notice_addresses": [{**ADDRESS, "effective_until": "2005-01-01"}]}
    response = api_as(counsel).post("/api/v1/parties/", payload, format="json")
    assert response.status_code == 400
    assert "effective_until" in response.json()["notice_addresses"]["0"]
    assert not Party.objects.filter(legal_name="Petty").exists()


def test_the_api_creates_a_party_with_nested_notice_addresses(api_as, counsel):
    payload = {"legal_name": "Robert Petty", "kind": "individual", "jurisdiction": "",
               "notice_addresses": [{**ADDRESS, "care_of": "Roo Group, Inc.", "phone": "(646) 352-0260"}]}
    response = api_as(counsel).post("/api/v1/parties/", payload, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["legal_name"] == "Robert Petty"
    assert body["notice_addresses"][0]["care_of"] == "Roo Group, Inc."
    assert body["notice_addresses"][0]["effective_until"] is None


def test_a_new_address_supersedes_the_old_from_its_effective_date_and_history_stays():
    party = PartyFactory()
    old = NoticeAddressFactory(party=party, effective_from=date(2005, 5, 18))
    new = notice_address_add(party=party, data={**ADDRESS, "street_lines": "228 East 45th Street",
                                                "effective_from": date(2007, 3, 1)})
    old.refresh_from_db()
    assert old.effective_until == date(2007, 2, 28)
    assert notice_address_in_effect(party=party, on=date(2007, 2, 28)) == old
    assert notice_address_in_effect(party=party, on=date(2007, 3, 1)) == new
    assert party.notice_addresses.count() == 2


def test_an_address_overlapping_a_later_one_is_refused_at_the_effective_from_field(client_as, counsel, client_company):
    NoticeAddressFactory(party=client_company, effective_from=date(2006, 1, 1))
    response = client_as(counsel).post(
        f"/parties/{client_company.pk}/addresses/new/", {**ADDRESS, "effective_from": "2006-01-01"}
    )
    assert response.status_code == 200
    assert "effective_from" in response.context["form"].errors
    assert NoticeAddress.objects.count() == 1


def test_the_party_page_shows_the_address_in_effect_and_a_history_tab_with_who_changed_it(client_as, counsel):
    client = client_as(counsel)
    client.post("/parties/new/", {"kind": "organization", "legal_name": "ROO Group, Inc", "jurisdiction": "Delaware"})
    party = Party.objects.get(legal_name="ROO Group, Inc")
    client.post(f"/parties/{party.pk}/edit/", {"kind": "organization", "legal_name": "ROO Group, Inc.", "jurisdiction": "Delaware"})
    client.post(f"/parties/{party.pk}/addresses/new/", ADDRESS)
    page = client.get(f"/parties/{party.pk}/").content.decode()
    assert "62 White Street, Suite 3A" in page
    history = client.get(f"/parties/{party.pk}/").context["history"]
    assert [row.action for row in history] == ["changed", "created"]
    assert history[0].who == "casey"
    assert ("legal_name", "ROO Group, Inc", "ROO Group, Inc.") in history[0].changes


def test_the_party_list_filters_by_search_and_kind(client_as, counsel):
    PartyFactory(legal_name="Robert Petty", kind="individual")
    PartyFactory(legal_name="Petty Cash LLC")
    client = client_as(counsel)
    both = client.get("/parties/?q=petty").context["rows"]
    people = client.get("/parties/?q=petty&kind=individual").context["rows"]
    assert [p.legal_name for p, _ in both] == ["Petty Cash LLC", "Robert Petty"]
    assert [p.legal_name for p, _ in people] == ["Robert Petty"]


def test_the_party_list_runs_the_same_number_of_queries_for_3_and_60_parties(client_as, counsel, django_assert_max_num_queries):
    client = client_as(counsel)
    for party in PartyFactory.create_batch(2):
        NoticeAddressFactory(party=party)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/parties/")
    for party in PartyFactory.create_batch(57):
        NoticeAddressFactory(party=party)
    with CaptureQueriesContext(connection) as many:
        client.get("/parties/")
    assert len(many) == len(few)
