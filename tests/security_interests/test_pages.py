from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from security_interests.models import (
    FinancingStatement,
    FinancingStatementAmendment,
    SecurityInterest,
)
from security_interests.services import financing_statement_create
from tests.factories import MatterFactory, MembershipFactory, PartyFactory
from tests.security_interests.factories import FinancingStatementFactory, SecurityInterestFactory

pytestmark = pytest.mark.django_db

TODAY_NOON = datetime(2026, 11, 24, 12, tzinfo=ZoneInfo("America/New_York"))


def _statement(si):
    return financing_statement_create(
        security_interest=si, data={"file_number": "2022 4817203", "filing_date": date(2022, 6, 10)}
    )


def test_the_security_tab_lists_interests_with_their_statements(client_as, counsel, matter):
    _statement(SecurityInterestFactory(matter=matter, granting_clause="a general security interest"))
    response = client_as(counsel).get(f"/security-interests/matter/{matter.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "2022 4817203" in html
    assert "2027-06-10" in html
    assert "2026-12-10 – 2027-06-10" in html


def test_recording_a_filing_on_the_page_defaults_the_office_and_redirects_to_it(client_as, counsel, matter):
    si = SecurityInterestFactory(matter=matter)
    client = client_as(counsel)
    assert client.get(f"/security-interests/{si.pk}/filings/new/").context["form"].initial["filing_office"] == "Delaware"
    response = client.post(
        f"/security-interests/{si.pk}/filings/new/",
        {"filing_office": "Delaware", "file_number": "2005 1234567", "filing_date": "2005-05-20"},
    )
    statement = FinancingStatement.objects.get()
    assert response.status_code == 302
    assert response.url == f"/security-interests/statements/{statement.pk}/"
    assert statement.lapse_date == date(2010, 5, 20)


def test_a_blank_file_number_on_the_page_is_shown_at_the_field(client_as, counsel, matter):
    si = SecurityInterestFactory(matter=matter)
    response = client_as(counsel).post(
        f"/security-interests/{si.pk}/filings/new/",
        {"filing_office": "Delaware", "file_number": "", "filing_date": "2005-05-20"},
    )
    assert response.status_code == 200
    assert "file_number" in response.context["form"].errors
    assert FinancingStatement.objects.count() == 0


def test_an_early_continuation_is_refused_at_the_filing_date_field(client_as, counsel, matter):
    statement = _statement(SecurityInterestFactory(matter=matter))
    response = client_as(counsel).post(
        f"/security-interests/statements/{statement.pk}/amendments/new/",
        {"kind": "continuation", "filing_date": "2026-12-09"},
    )
    assert response.status_code == 200
    [error] = response.context["form"].errors["filing_date"]
    assert "9-515(d)" in error
    assert "9-515(d)" in response.content.decode()
    assert FinancingStatementAmendment.objects.count() == 0


def test_the_statement_page_shows_its_history(client_as, counsel, matter):
    statement = _statement(SecurityInterestFactory(matter=matter))
    response = client_as(counsel).get(f"/security-interests/statements/{statement.pk}/")
    assert response.status_code == 200
    assert response.context["history"][0].action == "created"


def test_the_cfo_reads_the_tab_but_gets_403_on_every_form(client_as, cfo, matter):
    si = SecurityInterestFactory(matter=matter)
    statement = _statement(si)
    client = client_as(cfo)
    assert client.get(f"/security-interests/matter/{matter.pk}/").status_code == 200
    assert client.get(f"/security-interests/{si.pk}/filings/new/").status_code == 403
    assert client.post(f"/security-interests/statements/{statement.pk}/amendments/new/", {}).status_code == 403
    assert client.get(f"/security-interests/matter/{matter.pk}/new/").status_code == 403


def test_an_outsider_gets_404_everywhere(client_as, outsider, matter):
    si = SecurityInterestFactory(matter=matter)
    statement = _statement(si)
    client = client_as(outsider)
    assert client.get(f"/security-interests/matter/{matter.pk}/").status_code == 404
    assert client.get(f"/security-interests/{si.pk}/").status_code == 404
    assert client.get(f"/security-interests/statements/{statement.pk}/").status_code == 404
    assert client.get(f"/security-interests/{si.pk}/filings/new/").status_code == 404


@time_machine.travel(TODAY_NOON, tick=False)
def test_the_portfolio_shows_only_what_the_user_may_see_and_what_needs_action(client_as, counsel, matter):
    _statement(SecurityInterestFactory(matter=matter))
    _statement(SecurityInterestFactory(matter=MatterFactory()))
    response = client_as(counsel).get("/security-interests/?needs_action=1")
    [row] = response.context["rows"]
    assert row.action == "Continuation window opens"
    assert row.action_due == date(2026, 12, 10)
    assert response.context["summary"]["total"] == 1


def _portfolio_of(size: int, user) -> None:
    matter = MatterFactory()
    MembershipFactory(matter=matter, user=user)
    debtor, secured = PartyFactory(), PartyFactory()
    interests = SecurityInterest.objects.bulk_create(
        SecurityInterest(matter=matter, debtor=debtor, secured_party=secured, collateral="Inventory")
        for _ in range(size)
    )
    FinancingStatement.objects.bulk_create(
        FinancingStatementFactory.build(security_interest=si, file_number=f"F{i}") for i, si in enumerate(interests)
    )


def test_the_portfolio_makes_the_same_number_of_queries_for_10_and_10000_statements(
    client_as, counsel, django_assert_num_queries
):
    client = client_as(counsel)
    _portfolio_of(10, counsel)
    SecurityInterestFactory(matter=MatterFactory())  # unfiled, another matter
    client.get("/security-interests/")
    with django_assert_num_queries(QUERIES):
        assert client.get("/security-interests/").status_code == 200
    _portfolio_of(9_990, counsel)
    with django_assert_num_queries(QUERIES):
        response = client.get("/security-interests/")
    assert response.context["summary"]["total"] == 10_000


QUERIES = 10


def test_the_security_tab_makes_the_same_number_of_queries_for_1_and_20_interests(
    client_as, counsel, matter, django_assert_num_queries
):
    client = client_as(counsel)
    _statement(SecurityInterestFactory(matter=matter))
    client.get(f"/security-interests/matter/{matter.pk}/")
    with django_assert_num_queries(TAB_QUERIES):
        client.get(f"/security-interests/matter/{matter.pk}/")
    for _ in range(19):
        _statement(SecurityInterestFactory(matter=matter))
    with django_assert_num_queries(TAB_QUERIES):
        assert len(client.get(f"/security-interests/matter/{matter.pk}/").context["interests"]) == 20


TAB_QUERIES = 13
