from datetime import date

import pytest

from deadlines.models import Obligation, ObligationKind
from security_interests.models import (
    FinancingStatement,
    FinancingStatementAmendment,
    SecurityInterest,
)
from security_interests.services import financing_statement_create
from tests.factories import PartyFactory
from tests.security_interests.factories import FinancingStatementFactory, SecurityInterestFactory

pytestmark = pytest.mark.django_db

STATEMENTS = "/api/v1/financing-statements/"


def _statement(api, si, **data):
    payload = {"security_interest": si.pk, "file_number": "2022 4817203", "filing_date": "2022-06-10", **data}
    return api.post(STATEMENTS, payload, format="json")


def test_counsel_records_a_security_interest_in_all_assets(api_as, counsel, matter):
    petty = PartyFactory(legal_name="Robert Petty", kind="individual", jurisdiction="")
    response = api_as(counsel).post(
        "/api/v1/security-interests/",
        {
            "matter": matter.pk, "debtor": matter.client_id, "secured_party": petty.pk, "notes": [],
            "collateral": "Any and all assets of the Company", "all_assets": True, "granted_on": "2026-06-04",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "granted"
    assert Obligation.objects.get(kind=ObligationKind.UCC_FILING).title == "File UCC-1 with the Delaware Secretary of State"


def test_a_financing_statement_reports_its_lapse_and_window(api_as, counsel, matter):
    si = SecurityInterestFactory(matter=matter)
    response = _statement(api_as(counsel), si, filing_date="2021-12-15")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["filing_office"] == "Delaware"
    assert (body["lapse_date"], body["continuation_window_opens"], body["continuation_window_closes"]) == (
        "2026-12-15", "2026-06-15", "2026-12-15"
    )
    assert body["filing_office_warning"] is None


def test_a_leap_day_filing_lapses_on_february_28(api_as, counsel, matter):
    response = _statement(api_as(counsel), SecurityInterestFactory(matter=matter), filing_date="2024-02-29")
    assert (response.json()["lapse_date"], response.json()["continuation_window_opens"]) == ("2029-02-28", "2028-08-28")


def test_lapse_date_is_read_only(api_as, counsel, matter):
    response = _statement(api_as(counsel), SecurityInterestFactory(matter=matter), lapse_date="2099-01-01")
    assert response.json()["lapse_date"] == "2027-06-10"


def test_a_blank_file_number_is_a_400_naming_the_field_and_nothing_is_saved(api_as, counsel, matter):
    response = _statement(api_as(counsel), SecurityInterestFactory(matter=matter), file_number="")
    assert response.status_code == 400
    assert "file_number" in response.json()
    assert FinancingStatement.objects.count() == 0


def test_a_continuation_a_day_before_the_window_is_a_400_citing_9_515_d(api_as, counsel, matter):
    api = api_as(counsel)
    statement_id = _statement(api, SecurityInterestFactory(matter=matter)).json()["id"]
    response = api.post(
        f"{STATEMENTS}{statement_id}/amendments/", {"kind": "continuation", "filing_date": "2026-12-09"}, format="json"
    )
    assert response.status_code == 400
    assert "9-515(d)" in response.json()["filing_date"][0]
    assert FinancingStatementAmendment.objects.count() == 0


def test_a_continuation_on_the_windows_first_day_moves_lapse_and_window(api_as, counsel, matter):
    api = api_as(counsel)
    statement_id = _statement(api, SecurityInterestFactory(matter=matter)).json()["id"]
    response = api.post(
        f"{STATEMENTS}{statement_id}/amendments/", {"kind": "continuation", "filing_date": "2026-12-10"}, format="json"
    )
    assert response.status_code == 201, response.json()
    statement = api.get(f"{STATEMENTS}{statement_id}/").json()
    assert (statement["lapse_date"], statement["continuation_window_opens"], statement["continuation_window_closes"]) == (
        "2032-06-10", "2031-12-10", "2032-06-10"
    )
    assert (response.json()["lapse_date"], response.json()["lapse_date_before"]) == ("2032-06-10", "2027-06-10")


def test_a_continuation_after_lapse_is_a_400(api_as, counsel, matter):
    api = api_as(counsel)
    statement_id = _statement(api, SecurityInterestFactory(matter=matter)).json()["id"]
    response = api.post(
        f"{STATEMENTS}{statement_id}/amendments/", {"kind": "continuation", "filing_date": "2027-06-11"}, format="json"
    )
    assert response.status_code == 400
    assert "9-515" in response.json()["filing_date"][0]


def test_an_unknown_amendment_kind_is_a_400_naming_kind(api_as, counsel, matter):
    api = api_as(counsel)
    statement_id = _statement(api, SecurityInterestFactory(matter=matter)).json()["id"]
    response = api.post(f"{STATEMENTS}{statement_id}/amendments/", {"kind": "renewal", "filing_date": "2026-12-10"})
    assert response.status_code == 400
    assert "kind" in response.json()


def test_the_cfo_reads_but_every_write_is_403(api_as, cfo, matter):
    si = SecurityInterestFactory(matter=matter)
    statement = _statement_row(si)
    api = api_as(cfo)
    assert api.get(f"{STATEMENTS}{statement.pk}/").status_code == 200
    assert _statement(api, si).status_code == 403
    assert api.post(f"{STATEMENTS}{statement.pk}/amendments/", {"kind": "continuation", "filing_date": "2026-12-10"}).status_code == 403
    assert api.patch(f"/api/v1/security-interests/{si.pk}/", {"collateral": "x"}).status_code == 403
    assert SecurityInterest.objects.get().collateral == "Any and all assets of the Company"


def test_an_outsider_gets_404_and_sees_an_empty_list(api_as, outsider, matter):
    si = SecurityInterestFactory(matter=matter)
    statement = _statement_row(si)
    api = api_as(outsider)
    assert api.get(f"{STATEMENTS}{statement.pk}/").status_code == 404
    assert api.post(f"{STATEMENTS}{statement.pk}/amendments/", {"kind": "continuation", "filing_date": "2026-12-10"}).status_code == 404
    assert api.get("/api/v1/security-interests/").json()["count"] == 0
    assert _statement(api, si).status_code == 400  # the security interest does not exist for them


def test_anonymous_gets_401(client):
    assert client.get(STATEMENTS).status_code == 401


def _statement_row(si):
    return financing_statement_create(
        security_interest=si, data={"file_number": "2022 1", "filing_date": date(2022, 6, 10)}
    )


def test_the_statement_list_makes_the_same_number_of_queries_for_1_and_30_statements(
    api_as, counsel, matter, django_assert_num_queries
):
    api = api_as(counsel)
    si = SecurityInterestFactory(matter=matter)
    FinancingStatementFactory(security_interest=si)
    api.get(STATEMENTS)
    with django_assert_num_queries(LIST_QUERIES):
        api.get(STATEMENTS)
    FinancingStatementFactory.create_batch(29, security_interest=si)
    with django_assert_num_queries(LIST_QUERIES):
        assert api.get(STATEMENTS).json()["count"] == 30


LIST_QUERIES = 4
