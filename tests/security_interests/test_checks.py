from datetime import date

import pytest

from agreements.models import Agreement
from core.bounds import DATE_OUT_OF_RANGE
from matters.access import OTHER_MATTER
from security_interests.models import (
    FinancingStatement,
    FinancingStatementAmendment,
    SecurityInterest,
)
from security_interests.services import financing_statement_create
from tests.factories import MatterFactory, MembershipFactory, PartyFactory
from tests.security_interests.factories import SecurityInterestFactory
from tests.security_interests.notes import secured_note

pytestmark = pytest.mark.django_db
INTERESTS = "/api/v1/security-interests/"


@pytest.fixture
def other(counsel):
    """Another matter counsel also works on."""
    matter = MatterFactory()
    MembershipFactory(matter=matter, user=counsel)
    return matter


def _payload(matter, **extra):
    return {"matter": matter.pk, "debtor": matter.client_id, "secured_party": PartyFactory().pk,
            "collateral": "All assets", "all_assets": True, **extra}


def test_a_granting_agreement_of_another_matter_is_refused_naming_the_field(api_as, counsel, matter, other):
    foreign = Agreement.objects.create(matter=other, kind="security_agreement", title="Other security agreement")
    response = api_as(counsel).post(INTERESTS, _payload(matter, granting_agreement=foreign.pk), format="json")
    assert response.status_code == 400
    assert response.json()["granting_agreement"] == [OTHER_MATTER.format(label="agreement", pk=foreign.pk)]
    assert SecurityInterest.objects.count() == 0


def test_a_note_of_another_matter_is_refused_on_create_and_on_change(api_as, counsel, matter, other):
    foreign = secured_note(matter=other, issuer=other.client, holder=PartyFactory())
    api = api_as(counsel)
    created = api.post(INTERESTS, _payload(matter, notes=[foreign.pk]), format="json")
    assert created.json()["notes"] == [OTHER_MATTER.format(label="note", pk=foreign.pk)]
    si = SecurityInterestFactory(matter=matter)
    changed = api.patch(f"{INTERESTS}{si.pk}/", {"notes": [foreign.pk]}, format="json")
    assert changed.status_code == 400
    assert list(si.notes.all()) == []


def test_a_record_of_a_matter_the_user_cannot_see_gets_the_error_of_a_missing_one(api_as, counsel, matter):
    hidden = Agreement.objects.create(matter=MatterFactory(), kind="security_agreement", title="Hidden")
    api = api_as(counsel)
    foreign = api.post(INTERESTS, _payload(matter, granting_agreement=hidden.pk), format="json").json()
    missing = api.post(INTERESTS, _payload(matter, granting_agreement=999999), format="json").json()
    assert foreign["granting_agreement"][0].replace(str(hidden.pk), "N") == missing["granting_agreement"][0].replace("999999", "N")


def test_the_page_form_answers_a_foreign_agreement_like_a_missing_one(client_as, counsel, matter, other):
    foreign = Agreement.objects.create(matter=other, kind="security_agreement", title="Other")
    form = {"debtor": matter.client_id, "secured_party": PartyFactory().pk, "collateral": "All assets", "status": "granted"}
    client = client_as(counsel)
    foreign_errors = client.post(f"/security-interests/matter/{matter.pk}/new/", {**form, "granting_agreement": foreign.pk})
    missing_errors = client.post(f"/security-interests/matter/{matter.pk}/new/", {**form, "granting_agreement": 999999})
    assert foreign_errors.context["form"].errors["granting_agreement"] == missing_errors.context["form"].errors["granting_agreement"]
    assert SecurityInterest.objects.count() == 0


def test_dates_in_9996_are_refused_in_the_api(api_as, counsel, matter):
    api = api_as(counsel)
    si = SecurityInterestFactory(matter=matter)
    assert api.post(INTERESTS, _payload(matter, granted_on="9996-01-01"), format="json").json()["granted_on"] == [DATE_OUT_OF_RANGE]
    statement = api.post("/api/v1/financing-statements/", {"security_interest": si.pk, "file_number": "X 1",
                                                           "filing_date": "9996-01-01"}, format="json")
    assert statement.json()["filing_date"] == [DATE_OUT_OF_RANGE]
    filed = financing_statement_create(security_interest=si, data={"file_number": "X 2", "filing_date": date(2022, 6, 10)})
    amendment = api.post(f"/api/v1/financing-statements/{filed.pk}/amendments/",
                         {"kind": "amendment", "filing_date": "9996-01-01"}, format="json")
    assert amendment.json()["filing_date"] == [DATE_OUT_OF_RANGE]
    assert (FinancingStatement.objects.count(), FinancingStatementAmendment.objects.count()) == (1, 0)


def test_dates_in_9996_are_field_errors_on_the_pages(client_as, counsel, matter):
    client = client_as(counsel)
    si = SecurityInterestFactory(matter=matter)
    filing = client.post(f"/security-interests/{si.pk}/filings/new/",
                         {"filing_office": "Delaware", "file_number": "X 1", "filing_date": "9996-01-01"})
    assert filing.context["form"].errors["filing_date"] == [DATE_OUT_OF_RANGE]
    filed = financing_statement_create(security_interest=si, data={"file_number": "X 2", "filing_date": date(2022, 6, 10)})
    amendment = client.post(f"/security-interests/statements/{filed.pk}/amendments/new/",
                            {"kind": "amendment", "filing_date": "9996-01-01"})
    assert amendment.context["form"].errors["filing_date"] == [DATE_OUT_OF_RANGE]
    demand = client.post(f"/security-interests/{si.pk}/demand/", {"termination_demanded_on": "9996-01-01"})
    assert demand.context["form"].errors["termination_demanded_on"] == [DATE_OUT_OF_RANGE]
    edit = client.post(f"/security-interests/{si.pk}/edit/", {"debtor": si.debtor_id, "secured_party": si.secured_party_id,
                                                              "collateral": "All", "status": "granted", "granted_on": "9996-01-01"})
    assert edit.context["form"].errors["granted_on"] == [DATE_OUT_OF_RANGE]
