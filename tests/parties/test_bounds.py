"""Notice addresses take effect on dates within 1900-2200, on the page and in the API."""

import pytest

from core.bounds import DATE_OUT_OF_RANGE
from parties.models import NoticeAddress, Party

pytestmark = pytest.mark.django_db

ADDRESS = {"street_lines": "62 White Street", "city": "New York", "state": "NY", "postal_code": "10013",
           "country": "United States", "effective_from": "9999-12-20"}


def test_the_address_page_shows_the_date_bound_next_to_the_field(client_as, counsel, client_company):
    response = client_as(counsel).post(f"/parties/{client_company.pk}/addresses/new/", ADDRESS)
    assert response.context["form"].errors == {"effective_from": [DATE_OUT_OF_RANGE]}
    assert not NoticeAddress.objects.exists()


def test_the_api_refuses_an_address_effective_until_year_9999(api_as, counsel):
    address = {**ADDRESS, "effective_from": "2005-05-18", "effective_until": "9999-12-20"}
    body = {"kind": "organization", "legal_name": "Petty Holdings LLC", "notice_addresses": [address]}
    response = api_as(counsel).post("/api/v1/parties/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {"notice_addresses": {"0": {"effective_until": [DATE_OUT_OF_RANGE]}}}
    assert not Party.objects.filter(legal_name="Petty Holdings LLC").exists()
