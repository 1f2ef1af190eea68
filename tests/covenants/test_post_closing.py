"""A post-closing covenant (further assurances) with the consents it names tracked as obligations."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from covenants.services import (
    CONSENTS_ONLY_POST_CLOSING,
    KIND_FIXED,
    covenant_consent_add,
    covenant_consent_obtained,
    covenant_create,
    covenant_status_set,
)
from deadlines.models import Obligation, ObligationStatus
from tests.covenants.factories import fixed_charge_coverage, loan_agreement

pytestmark = pytest.mark.django_db


def test_each_consent_a_post_closing_covenant_names_is_an_obligation_done_when_obtained(matter, counsel, client_as):
    agreement = loan_agreement(matter)
    covenant = covenant_create(matter=matter, data={
        "agreement": agreement, "kind": "post_closing", "title": "Further Assurances", "clause": "§6.1",
        "text": "Each of the parties hereto shall...", "party": matter.client, "mutual": True}, by=None)
    consent = covenant_consent_add(covenant=covenant, data={
        "description": "Landlord's consent to the security interest", "from_whom": "62 White Street LLC",
        "due_date": date(2026, 8, 14)})
    obligation = Obligation.objects.get()
    assert (obligation.title, obligation.due_date, obligation.status, obligation.clause) == (
        "Obtain: Landlord's consent to the security interest (from 62 White Street LLC)", date(2026, 8, 14),
        ObligationStatus.OPEN, "§6.1")
    covenant_consent_obtained(consent=consent, on=date(2026, 8, 10), evidence="Signed consent in the closing binder")
    obligation.refresh_from_db()
    assert (obligation.status, obligation.evidence) == (
        ObligationStatus.DONE, "Obtained August 10, 2026: Signed consent in the closing binder")
    assert covenant_status_set(covenant=covenant, status="complying").status == "complying"
    page = client_as(counsel).get(covenant.get_absolute_url()).content.decode()
    assert "Given by each party" in page and "Landlord&#x27;s consent to the security interest" in page


def test_a_financial_covenant_names_no_consents(matter):
    covenant = fixed_charge_coverage(loan_agreement(matter))
    with pytest.raises(ValidationError) as refused:
        covenant_consent_add(covenant=covenant, data={"description": "x", "due_date": date(2026, 8, 14)})
    assert refused.value.message_dict == {"description": [CONSENTS_ONLY_POST_CLOSING]}


def test_counsel_edits_a_covenant_on_its_page_and_through_the_api_but_not_its_kind(matter, counsel, cfo, client_as,
                                                                                 api_as):
    covenant = fixed_charge_coverage(loan_agreement(matter))
    web = client_as(counsel)
    form = web.get(f"/covenants/{covenant.pk}/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "responsible_people"}
    response = web.post(f"/covenants/{covenant.pk}/edit/", {**data, "threshold": "1.50", "cure_days": "15"})
    assert response.status_code == 302
    covenant.refresh_from_db()
    assert (str(covenant.threshold), covenant.cure_days) == ("1.5000", 15)
    api = api_as(counsel)
    assert api.patch(f"/api/v1/covenants/{covenant.pk}/", {"kind": "negative"}, format="json").json() == {
        "kind": [KIND_FIXED]}
    patched = api.patch(f"/api/v1/covenants/{covenant.pk}/", {"basis": "the trailing four fiscal quarters"},
                        format="json")
    assert (patched.status_code, patched.json()["basis"]) == (200, "the trailing four fiscal quarters")
    assert api_as(cfo).patch(f"/api/v1/covenants/{covenant.pk}/", {"basis": "x"}, format="json").status_code == 403


def test_the_api_adds_a_consent_to_a_post_closing_covenant(matter, counsel, api_as):
    covenant = covenant_create(matter=matter, data={
        "agreement": loan_agreement(matter), "kind": "post_closing", "title": "Further Assurances",
        "party": matter.client}, by=None)
    response = api_as(counsel).post(f"/api/v1/covenants/{covenant.pk}/consents/", {
        "description": "Consent of the senior lender", "due_date": "2026-09-30"}, format="json")
    assert response.status_code == 201
    assert Obligation.objects.get().due_date == date(2026, 9, 30)
    assert api_as(counsel).get(f"/api/v1/covenants/{covenant.pk}/").json()["consents"][0]["description"] == (
        "Consent of the senior lender")
