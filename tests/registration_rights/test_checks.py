import pytest

from agreements.models import Agreement
from core.bounds import DATE_OUT_OF_RANGE, DAY_COUNT_OUT_OF_RANGE
from matters.access import OTHER_MATTER
from registration_rights.models import RegistrationRights
from tests.factories import MatterFactory, MembershipFactory

pytestmark = pytest.mark.django_db
RIGHTS = "/api/v1/registration-rights/"
TERMS = {"closing_date": "2026-06-04", "purchase_price": "500500.00", "filing_deadline_days": 30,
         "effectiveness_deadline_days": 90, "business_day_convention": "following"}


def _rights(api, matter, **extra):
    response = api.post(RIGHTS, {"matter": matter.pk, **TERMS, **extra}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def test_the_portfolio_says_a_late_filing_is_late_with_the_days(api_as, client_as, counsel, matter):
    api = api_as(counsel)
    pk = _rights(api, matter)
    api.post(f"{RIGHTS}{pk}/events/", {"kind": "filed", "date": "2026-07-10"}, format="json")  # deadline Jul 6
    page = client_as(counsel).get("/registration-rights/?as_of=2026-08-01").content.decode()
    assert "filed 2026-07-10, 4 days late" in page
    assert "✓" not in page
    detail = client_as(counsel).get(f"/registration-rights/{pk}/?as_of=2026-08-01").content.decode()
    assert "filed 2026-07-10, 4 days late" in detail


def test_a_filing_on_time_is_ticked_as_on_time(api_as, client_as, counsel, matter):
    api = api_as(counsel)
    pk = _rights(api, matter)
    api.post(f"{RIGHTS}{pk}/events/", {"kind": "filed", "date": "2026-07-06"}, format="json")
    assert "filed 2026-07-06, on time ✓" in client_as(counsel).get("/registration-rights/?as_of=2026-08-01").content.decode()


def test_an_agreement_of_another_matter_is_refused_naming_the_field(api_as, counsel, matter):
    other = MatterFactory()
    MembershipFactory(matter=other, user=counsel)
    foreign = Agreement.objects.create(matter=other, kind="registration_rights", title="Other RRA")
    response = api_as(counsel).post(RIGHTS, {"matter": matter.pk, **TERMS, "agreement": foreign.pk}, format="json")
    assert response.status_code == 400
    assert response.json()["agreement"] == [OTHER_MATTER.format(label="agreement", pk=foreign.pk)]
    assert RegistrationRights.objects.count() == 0


def test_an_agreement_of_a_matter_the_user_cannot_see_gets_the_error_of_a_missing_one(api_as, counsel, matter):
    hidden = Agreement.objects.create(matter=MatterFactory(), kind="registration_rights", title="Hidden RRA")
    api = api_as(counsel)
    foreign = api.post(RIGHTS, {"matter": matter.pk, **TERMS, "agreement": hidden.pk}, format="json").json()
    missing = api.post(RIGHTS, {"matter": matter.pk, **TERMS, "agreement": 999999}, format="json").json()
    assert foreign["agreement"][0].replace(str(hidden.pk), "N") == missing["agreement"][0].replace("999999", "N")
    assert RegistrationRights.objects.count() == 0


def test_a_change_to_an_agreement_of_another_matter_is_refused(api_as, counsel, matter):
    other = MatterFactory()
    MembershipFactory(matter=other, user=counsel)
    foreign = Agreement.objects.create(matter=other, kind="registration_rights", title="Other RRA")
    api = api_as(counsel)
    pk = _rights(api, matter)
    response = api.patch(f"{RIGHTS}{pk}/", {"agreement": foreign.pk}, format="json")
    assert response.status_code == 400
    assert RegistrationRights.objects.get(pk=pk).agreement is None


def test_the_terms_page_offers_only_this_matters_agreements(client_as, counsel, matter):
    other = MatterFactory()
    MembershipFactory(matter=other, user=counsel)
    foreign = Agreement.objects.create(matter=other, kind="registration_rights", title="Other RRA")
    response = client_as(counsel).post(f"/registration-rights/matter/{matter.pk}/new/",
                                       {**TERMS, "agreement": foreign.pk, "effectiveness_counted_from": "closing"})
    assert response.status_code == 400
    assert "agreement" in response.context["form"].errors
    assert RegistrationRights.objects.count() == 0


def test_a_day_count_in_the_billions_and_a_date_in_9996_are_refused_in_the_api(api_as, counsel, matter):
    api = api_as(counsel)
    body = api.post(RIGHTS, {"matter": matter.pk, **TERMS, "filing_deadline_days": 2147483647,
                             "closing_date": "9996-01-01"}, format="json").json()
    assert (body["filing_deadline_days"], body["closing_date"]) == ([DAY_COUNT_OUT_OF_RANGE], [DATE_OUT_OF_RANGE])
    assert RegistrationRights.objects.count() == 0
    pk = _rights(api, matter)
    event = api.post(f"{RIGHTS}{pk}/events/", {"kind": "filed", "date": "9996-01-01"}, format="json")
    assert event.json() == {"date": [DATE_OUT_OF_RANGE]}
    assert api.get(f"{RIGHTS}{pk}/position/?as_of=9999-12-31").json() == {"as_of": [DATE_OUT_OF_RANGE]}


def test_a_day_count_in_the_billions_and_a_date_in_9996_are_field_errors_on_the_pages(client_as, counsel, api_as, matter):
    client = client_as(counsel)
    response = client.post(f"/registration-rights/matter/{matter.pk}/new/", {
        **TERMS, "filing_deadline_days": "2147483647", "closing_date": "9996-01-01", "effectiveness_counted_from": "closing"})
    errors = response.context["form"].errors
    assert (errors["filing_deadline_days"], errors["closing_date"]) == ([DAY_COUNT_OUT_OF_RANGE], [DATE_OUT_OF_RANGE])
    pk = _rights(api_as(counsel), matter)
    event = client.post(f"/registration-rights/{pk}/events/", {"kind": "filed", "date": "9996-01-01"})
    assert (event.status_code, event.context["form"].errors["date"]) == (400, [DATE_OUT_OF_RANGE])
    assert client.get(f"/registration-rights/{pk}/?as_of=9999-12-31").status_code == 200
