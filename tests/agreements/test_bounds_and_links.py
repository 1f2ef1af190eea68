"""Agreements: dates and day counts within bounds, and a parent agreement of the same matter only."""

import re

import pytest

from agreements.models import Agreement
from agreements.services import agreement_create
from core.bounds import DATE_OUT_OF_RANGE, DAY_COUNT_OUT_OF_RANGE
from tests.factories import MatterFactory

pytestmark = pytest.mark.django_db

FORMSETS = {f"{prefix}-{key}": "0" for prefix in ("parties", "rules") for key in ("TOTAL_FORMS", "INITIAL_FORMS")}


@pytest.fixture
def foreign_agreement(db):
    return agreement_create(matter=MatterFactory(name="Another client"), data={"kind": "note_purchase", "title": "Their NPA"})


def test_the_api_refuses_an_agreement_dated_in_year_9999(api_as, counsel, matter):
    body = {"matter": matter.pk, "kind": "note_purchase", "title": "NPA", "dated_as_of": "9999-12-20"}
    response = api_as(counsel).post("/api/v1/agreements/", body, format="json")
    assert (response.status_code, response.json()) == (400, {"dated_as_of": [DATE_OUT_OF_RANGE]})
    assert not Agreement.objects.exists()


def test_the_api_refuses_a_notice_rule_of_2147483647_days(api_as, counsel, matter):
    body = {"matter": matter.pk, "kind": "note_purchase", "title": "NPA",
            "notice_rules": [{"method": "certified_mail", "deemed_given": "after_dispatch", "offset_days": 2147483647}]}
    response = api_as(counsel).post("/api/v1/agreements/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {"notice_rules": {"0": {"offset_days": [DAY_COUNT_OUT_OF_RANGE]}}}
    assert not Agreement.objects.exists()


def test_the_agreement_page_shows_the_date_bound_next_to_the_field(client_as, counsel, matter):
    response = client_as(counsel).post(f"/agreements/matter/{matter.pk}/new/", {
        "kind": "note_purchase", "title": "NPA", "status": "draft", "dated_as_of": "9999-12-20",
        "dispute_resolution": "courts", **FORMSETS})
    assert response.context["form"].errors == {"dated_as_of": [DATE_OUT_OF_RANGE]}
    assert not Agreement.objects.exists()


def test_the_api_refuses_a_parent_agreement_of_another_matter_as_if_it_did_not_exist(api_as, counsel, matter, foreign_agreement):
    api = api_as(counsel)
    body = {"matter": matter.pk, "kind": "other", "title": "Exhibit A"}
    foreign = api.post("/api/v1/agreements/", {**body, "parent": foreign_agreement.pk}, format="json")
    missing = api.post("/api/v1/agreements/", {**body, "parent": 987654}, format="json")
    assert (foreign.status_code, list(foreign.json())) == (400, ["parent"])
    assert re.sub(r"\d+", "N", str(foreign.json())) == re.sub(r"\d+", "N", str(missing.json()))
    assert Agreement.objects.count() == 1


def test_an_admin_cannot_attach_an_exhibit_to_another_matters_agreement(api_as, admin_user, matter, foreign_agreement):
    body = {"matter": matter.pk, "kind": "other", "title": "Exhibit A", "parent": foreign_agreement.pk}
    response = api_as(admin_user).post("/api/v1/agreements/", body, format="json")
    assert response.status_code == 400
    assert "belongs to another matter or does not exist" in response.json()["parent"][0]
    assert Agreement.objects.count() == 1
