"""Closing pages: field errors for bad dates and day counts, the reopen confirmation, binders."""

import pytest

from closings.models import BinderExport, Closing, Deliverable
from closings.services import BINDER_NOT_QUEUED
from config.celery import app as celery_app
from core.bounds import DATE_OUT_OF_RANGE, DAY_COUNT_OUT_OF_RANGE
from tests.closings.conftest import receive

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_down(monkeypatch):
    """The Celery app talks to a port nobody listens on (as when Redis is down)."""
    monkeypatch.setattr(celery_app.conf, "broker_url", "redis://127.0.0.1:9/0")
    monkeypatch.setattr(celery_app, "_pool", None)
    monkeypatch.setattr(celery_app.amqp, "_producer_pool", None)


def test_a_closing_scheduled_in_year_9999_is_a_field_error_on_the_page(client_as, counsel, matter):
    response = client_as(counsel).post(f"/closings/matter/{matter.pk}/new/",
                                       {"scheduled_at": "9999-12-20T10:00", "time_zone": "America/New_York"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"scheduled_at": [DATE_OUT_OF_RANGE]}
    assert not Closing.objects.exists()


def test_a_deliverable_due_2147483647_days_after_closing_is_a_field_error(client_as, counsel, deal):
    response = client_as(counsel).post(f"/closings/{deal['closing'].pk}/deliverables/", {
        "description": "UCC-1", "kind": "filing", "from_party": deal["company"].pk, "days_after_closing": 2147483647})
    assert response.status_code == 400
    assert response.context["form"].errors["days_after_closing"] == [DAY_COUNT_OUT_OF_RANGE]
    assert Deliverable.objects.count() == 3


def test_closing_on_a_date_in_year_9999_shows_the_bound_and_does_not_close(client_as, api_as, counsel, deal):
    for item in deal["items"]:
        receive(api_as(counsel), item)
    response = client_as(counsel).post(f"/closings/{deal['closing'].pk}/close/", {"closed_on": "9999-12-20"}, follow=True)
    assert DATE_OUT_OF_RANGE in response.content.decode()
    assert Closing.objects.get().status == "scheduled"


def test_reopening_on_the_page_asks_for_a_reason_first(client_as, api_as, counsel, admin_user, deal):
    for item in deal["items"]:
        receive(api_as(counsel), item)
    api_as(counsel).post(f"/api/v1/closings/{deal['closing'].pk}/close/", {"closed_on": "2026-05-18"}, format="json")
    admin = client_as(admin_user)
    url = f"/closings/{deal['closing'].pk}/reopen/"
    assert admin.get(url).status_code == 200
    refused = admin.post(url, {"reason": "", "confirm": "on"})
    assert (refused.status_code, Closing.objects.get().status) == (400, "closed")
    unconfirmed = admin.post(url, {"reason": "Signature page was the wrong version"})
    assert (unconfirmed.status_code, Closing.objects.get().status) == (400, "closed")
    admin.post(url, {"reason": "Signature page was the wrong version", "confirm": "on"})
    assert (Closing.objects.get().status, Closing.objects.get().reopen_reason) == ("in_progress", "Signature page was the wrong version")


def test_a_closed_closing_shows_its_deliverables_read_only_and_refuses_a_status_post(client_as, api_as, counsel, deal):
    for item in deal["items"]:
        receive(api_as(counsel), item)
    api_as(counsel).post(f"/api/v1/closings/{deal['closing'].pk}/close/", {"closed_on": "2026-05-18"}, format="json")
    client = client_as(counsel)
    page = client.get(f"/closings/{deal['closing'].pk}/").content.decode()
    # Only the post-closing item (the UCC-1 acknowledgment) can still be worked on.
    assert page.count('<select id="status-') == 1
    assert f'id="status-{deal["ucc"].pk}"' in page
    item = Deliverable.objects.get(pk=deal["items"][0].pk)
    response = client.post(f"/closings/deliverables/{item.pk}/status/", {"status": "outstanding", "version": item.version},
                           HTTP_HX_REQUEST="true")
    assert "read-only until an admin reopens it" in response.content.decode()
    assert Deliverable.objects.get(pk=item.pk).status == "received"


def test_a_finance_user_cannot_start_a_binder(client_as, cfo, deal):
    assert client_as(cfo).post(f"/closings/{deal['closing'].pk}/binder/").status_code == 403
    assert not BinderExport.objects.exists()


def test_a_binder_requested_while_the_broker_is_down_is_marked_failed_with_a_retry(
        client_as, counsel, deal, broker_down, django_capture_on_commit_callbacks):
    client = client_as(counsel)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/closings/{deal['closing'].pk}/binder/")
    assert response.status_code == 302
    assert list(BinderExport.objects.values_list("status", "error")) == [("failed", BINDER_NOT_QUEUED)]
    page = client.get(f"/closings/{deal['closing'].pk}/").content.decode()
    assert BINDER_NOT_QUEUED in page and "Try again" in page


def test_the_ticked_template_items_are_added_between_the_agreements_parties(client_as, counsel, deal):
    client_as(counsel).post(f"/closings/{deal['closing'].pk}/template/", {"item": ["1", "3"]})
    added = Deliverable.objects.filter(closing=deal["closing"]).order_by("-pk")[:2]
    assert sorted((d.description, d.from_party.legal_name, d.amount) for d in added) == [
        ("Purchase price by wire", "Robert Petty", 500500), ("The Note, executed", "ROO Group, Inc.", None)]


def test_no_template_item_is_added_to_a_closed_closing(client_as, api_as, counsel, deal):
    for item in deal["items"]:
        receive(api_as(counsel), item)
    api_as(counsel).post(f"/api/v1/closings/{deal['closing'].pk}/close/", {"closed_on": "2026-05-18"}, format="json")
    response = client_as(counsel).post(f"/closings/{deal['closing'].pk}/template/", {"item": ["1", "3"]}, follow=True)
    assert "read-only until an admin reopens it" in response.content.decode()
    assert Deliverable.objects.count() == 3
