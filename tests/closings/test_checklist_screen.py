"""The checklist screen: live counts, evidence links, bulk changes, filters in the URL, a printable
view and the "changed since yesterday" marker."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F

from closings.models import Deliverable

pytestmark = pytest.mark.django_db


def _status(client, item, status, **extra):
    return client.post(f"/closings/deliverables/{item.pk}/status/", {"status": status, "version": item.version, **extra},
                       HTTP_HX_REQUEST="true")


def test_an_inline_change_returns_the_counts_out_of_band(client_as, counsel, deal):
    html = _status(client_as(counsel), deal["items"][0], "received").content.decode()
    assert '<div id="checklist-progress" data-testid="checklist-progress" hx-swap-oob="true">' in html
    # 3 deliverables, the Note received: 1 of 3 (33%); the company delivers the Note and the UCC-1: 1/2.
    assert "<strong>1 of 3</strong> done" in html and "2 outstanding" in html and "33%" in html
    assert f'<span class="small" id="group-count-{deal["company"].pk}" hx-swap-oob="true">1/2 (50%)</span>' in html


def test_evidence_opens_from_its_link_for_whoever_may_read_the_matter(client_as, counsel, cfo, outsider, deal):
    item = deal["items"][1]
    _status(client_as(counsel), item, "received", evidence=SimpleUploadedFile("wire.txt", b"Fed ref 42", "text/plain"))
    page = client_as(counsel).get(f"/closings/{deal['closing'].pk}/").content.decode()
    assert f'href="/closings/deliverables/{item.pk}/evidence/view/"' in page
    shown = client_as(cfo).get(f"/closings/deliverables/{item.pk}/evidence/")
    assert b"".join(shown.streaming_content) == b"Fed ref 42"
    assert shown["Content-Disposition"].startswith("inline")
    assert client_as(outsider).get(f"/closings/deliverables/{item.pk}/evidence/").status_code == 404


def test_a_bulk_change_sets_every_ticked_item_or_none(client_as, counsel, deal, other_deal):
    client = client_as(counsel)
    note, funds = deal["items"]
    url = f"/closings/{deal['closing'].pk}/bulk-status/"
    client.post(url, {"item": [note.pk, other_deal["items"][0].pk], "status": "received"})
    client.post(url, {"item": [note.pk, funds.pk], "status": "waived", "waiver_reason": ""})
    assert set(Deliverable.objects.values_list("status", flat=True)) == {"outstanding"}
    response = client.post(url, {"item": [note.pk, funds.pk], "status": "received"}, follow=True)
    assert "2 deliverables marked received." in response.content.decode()
    assert [d.status for d in Deliverable.objects.filter(closing=deal["closing"]).order_by("id")] == [
        "received", "received", "outstanding"]


def test_filters_stay_in_the_url_and_the_printable_view_follows_them(client_as, counsel, deal):
    client = client_as(counsel)
    page = client.get(f"/closings/{deal['closing'].pk}/?kind=funds&status=outstanding")
    assert [item.description for group in page.context["groups"] for item in group.items] == ["$500,500"]
    assert "?kind=funds&amp;status=outstanding" in page.content.decode()
    printed = client.get(f"/closings/{deal['closing'].pk}/print/?kind=funds&status=outstanding").content.decode()
    assert "$500,500" in printed and "The Note" not in printed and "0 of 3 done, 3 outstanding" in printed


def test_only_the_items_changed_in_the_last_day_are_marked(client_as, counsel, deal):
    apps.get_model("closings", "DeliverableEvent").objects.update(pgh_created_at=F("pgh_created_at") - timedelta(days=2))
    _status(client_as(counsel), deal["items"][0], "received")
    page = client_as(counsel).get(f"/closings/{deal['closing'].pk}/").content.decode()
    assert page.count('data-testid="changed-badge"') == 1
    row = page.split(f'data-testid="deliverable-{deal["items"][0].pk}"')[1].split("</tr>")[0]
    assert "Changed since yesterday" in row
