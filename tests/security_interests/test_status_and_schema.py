from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from drf_spectacular.generators import SchemaGenerator

from security_interests.models import FinancingStatement
from security_interests.services import financing_statement_create
from tests.security_interests.factories import SecurityInterestFactory

pytestmark = pytest.mark.django_db
NOV_2026 = datetime(2026, 11, 24, 12, tzinfo=ZoneInfo("America/New_York"))
AMENDMENTS = "/api/v1/financing-statements/{id}/amendments/"


def _lapsed_in_2010(matter):
    return financing_statement_create(security_interest=SecurityInterestFactory(matter=matter),
                                      data={"file_number": "2005 0001", "filing_date": date(2005, 3, 1)})


@time_machine.travel(NOV_2026, tick=False)
def test_a_statement_that_lapsed_in_2010_is_lapsed_everywhere_and_says_what_to_do(client_as, api_as, counsel, matter):
    statement = _lapsed_in_2010(matter)
    assert FinancingStatement.objects.get(pk=statement.pk).status == "active"  # the daily sweep has not run
    advice = "Lapsed on March 1, 2010: perfection was lost on the lapse date (UCC 9-515(c)). File a new UCC-1 now."
    client = client_as(counsel)
    page = client.get(f"/security-interests/statements/{statement.pk}/").context
    assert (page["row"].status_label, page["row"].action, page["row"].action_due) == ("Lapsed", advice, date(2026, 11, 24))
    portfolio = client.get("/security-interests/").content.decode()
    assert "<td>Lapsed</td>" in portfolio and "<td>Active</td>" not in portfolio
    assert "perfection was lost on the lapse date (UCC 9-515(c)). File a new UCC-1 now." in portfolio
    assert api_as(counsel).get(f"/api/v1/financing-statements/{statement.pk}/").json()["status"] == "lapsed"


def _operation(path, method):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return schema["paths"][path][method], schema["components"]["schemas"]


def test_the_amendments_list_is_an_array_in_the_schema_and_in_the_response(api_as, counsel, matter):
    statement = financing_statement_create(security_interest=SecurityInterestFactory(matter=matter),
                                           data={"file_number": "2022 1", "filing_date": date(2022, 6, 10)})
    operation, _ = _operation("/api/v1/financing-statements/{id}/amendments/", "get")
    declared = operation["responses"]["200"]["content"]["application/json"]["schema"]
    body = api_as(counsel).get(AMENDMENTS.format(id=statement.pk)).json()
    assert (declared["type"], isinstance(body, list)) == ("array", True)


def test_a_recorded_amendment_answers_with_exactly_the_fields_the_schema_declares(api_as, counsel, matter):
    statement = financing_statement_create(security_interest=SecurityInterestFactory(matter=matter),
                                           data={"file_number": "2022 1", "filing_date": date(2022, 6, 10)})
    operation, components = _operation("/api/v1/financing-statements/{id}/amendments/", "post")
    reference = operation["responses"]["201"]["content"]["application/json"]["schema"]["$ref"]
    declared = components[reference.rsplit("/", 1)[-1]]["properties"]
    response = api_as(counsel).post(AMENDMENTS.format(id=statement.pk),
                                    {"kind": "amendment", "filing_date": "2023-01-05", "details": "Collateral restated"},
                                    format="json")
    assert response.status_code == 201
    assert set(response.json()) == set(declared)
