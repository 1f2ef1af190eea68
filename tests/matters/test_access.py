"""The access rule, through pages and the API."""

import pytest
from rest_framework.test import APIClient

from matters.models import Matter
from parties.models import Party
from tests.factories import MatterFactory, PartyFactory

pytestmark = pytest.mark.django_db


def test_an_outsider_gets_404_on_a_matter_page_that_is_not_theirs(client_as, outsider, matter):
    response = client_as(outsider).get(f"/matters/{matter.pk}/")
    assert response.status_code == 404


def test_an_outsider_gets_404_on_the_matter_through_the_api(api_as, outsider, matter):
    assert api_as(outsider).get(f"/api/v1/matters/{matter.pk}/").status_code == 404


def test_an_outsider_does_not_see_the_matter_in_the_api_list(api_as, outsider, matter):
    assert api_as(outsider).get("/api/v1/matters/").json()["count"] == 0


def test_the_cfo_reads_every_matter_of_the_company_and_no_other(api_as, cfo, matter):
    MatterFactory(name="Someone else's deal")
    names = [m["name"] for m in api_as(cfo).get("/api/v1/matters/").json()["results"]]
    assert names == [matter.name]


def test_the_cfo_gets_403_when_editing_a_matter_page(client_as, cfo, matter):
    client = client_as(cfo)
    assert client.get(f"/matters/{matter.pk}/").status_code == 200
    assert client.get(f"/matters/{matter.pk}/edit/").status_code == 403
    assert client.post(f"/matters/{matter.pk}/edit/", {"name": "x"}).status_code == 403


def test_the_cfo_gets_403_on_every_api_write(api_as, cfo, matter, client_company):
    api = api_as(cfo)
    assert api.patch(f"/api/v1/matters/{matter.pk}/", {"name": "x"}, format="json").status_code == 403
    assert api.post("/api/v1/matters/", {"name": "x", "client": client_company.pk}, format="json").status_code == 403
    assert api.post("/api/v1/parties/", {"legal_name": "X"}, format="json").status_code == 403
    assert api.patch(f"/api/v1/parties/{client_company.pk}/", {"legal_name": "Y"}, format="json").status_code == 403
    matter.refresh_from_db()
    assert matter.name == "ROO Group / Petty"
    assert not Party.objects.filter(legal_name__in=["X", "Y"]).exists()


def test_the_cfo_gets_403_on_party_and_matter_forms(client_as, cfo, client_company):
    client = client_as(cfo)
    assert client.get("/parties/new/").status_code == 403
    assert client.post("/parties/new/", {"legal_name": "X", "kind": "organization"}).status_code == 403
    assert client.get(f"/parties/{client_company.pk}/addresses/new/").status_code == 403
    assert client.get("/matters/new/").status_code == 403


def test_an_anonymous_page_request_is_sent_to_login(client, matter):
    response = client.get(f"/matters/{matter.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_anonymous_api_request_gets_401(matter):
    response = APIClient().get("/api/v1/matters/")
    assert response.status_code == 401


def test_a_token_is_issued_for_a_username_and_password(counsel):
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "casey", "password": "correct-horse-battery"}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/matters/").json()["count"] == 1


def test_counsel_on_the_matter_edits_it(client_as, counsel, matter, client_company):
    response = client_as(counsel).post(
        f"/matters/{matter.pk}/edit/",
        {"name": "Renamed", "client": client_company.pk, "status": "open", "holiday_calendar": "NY_BANKS"},
    )
    assert response.status_code == 302
    matter.refresh_from_db()
    assert matter.name == "Renamed"


def test_counsel_who_creates_a_matter_becomes_its_lead_counsel(api_as, outsider):
    client = PartyFactory()
    response = api_as(outsider).post("/api/v1/matters/", {"name": "New deal", "client": client.pk}, format="json")
    assert response.status_code == 201
    matter = Matter.objects.get(name="New deal")
    assert [(m.user, m.role) for m in matter.memberships.all()] == [(outsider, "lead")]


def test_an_admin_sees_every_matter(api_as, admin_user, matter):
    MatterFactory()
    assert api_as(admin_user).get("/api/v1/matters/").json()["count"] == 2


def test_a_matter_without_a_name_is_refused_with_the_field_named(api_as, counsel, client_company):
    response = api_as(counsel).post("/api/v1/matters/", {"name": "", "client": client_company.pk}, format="json")
    assert response.status_code == 400
    assert "name" in response.json()
