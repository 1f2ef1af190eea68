"""The closings API: records of other matters, bounds, closed closings, one service per write."""

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from closings.models import Closing, Deliverable
from closings.services import CLOSED_READ_ONLY
from core.history import history_rows
from notes.models import NoteTransaction
from tests.closings.conftest import receive

pytestmark = pytest.mark.django_db

FAR = "9999-12-20"


def _without_ids(errors: dict) -> str:
    return re.sub(r"\d+", "N", str(errors))


def _close(api, deal):
    for item in deal["items"]:
        receive(api, item)
    response = api.post(f"/api/v1/closings/{deal['closing'].pk}/close/", {"closed_on": "2026-05-18"}, format="json")
    assert response.status_code == 200


def test_a_closing_cannot_link_an_agreement_of_another_matter(api_as, counsel, deal, other_deal):
    body = {"matter": deal["closing"].matter_id, "agreements": [other_deal["npa"].pk]}
    response = api_as(counsel).post("/api/v1/closings/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["agreements"]
    assert Closing.objects.count() == 2


def test_another_matters_agreement_gets_the_same_error_as_an_id_never_used(api_as, counsel, deal, other_deal):
    api = api_as(counsel)
    foreign = api.post("/api/v1/closings/", {"matter": deal["closing"].matter_id, "agreements": [other_deal["npa"].pk]}, format="json")
    missing = api.post("/api/v1/closings/", {"matter": deal["closing"].matter_id, "agreements": [987654]}, format="json")
    assert _without_ids(foreign.json()) == _without_ids(missing.json())


def test_a_counsel_of_his_own_matter_cannot_close_on_another_clients_agreement(api_as, outsider, other_deal, client_company):
    """The attack: his own matter, a closing linked to another client's agreement, closed."""
    api = api_as(outsider)
    matter = api.post("/api/v1/matters/", {"name": "My own matter", "client": client_company.pk}, format="json").json()
    response = api.post("/api/v1/closings/", {"matter": matter["id"], "agreements": [other_deal["npa"].pk]}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["agreements"]
    assert not Closing.objects.filter(matter_id=matter["id"]).exists()
    assert not NoteTransaction.objects.filter(note=other_deal["note"]).exists()


def test_an_admin_who_sees_every_matter_still_cannot_cross_link_an_agreement(api_as, admin_user, deal, other_deal):
    body = {"matter": deal["closing"].matter_id, "agreements": [other_deal["npa"].pk]}
    response = api_as(admin_user).post("/api/v1/closings/", body, format="json")
    assert response.status_code == 400
    assert "belongs to another matter or does not exist" in response.json()["agreements"][0]
    assert Closing.objects.count() == 2


def test_a_deliverable_cannot_link_a_note_of_another_matter(api_as, admin_user, deal, other_deal):
    item = deal["items"][0]
    body = {"note": other_deal["note"].pk, "version": item.version}
    response = api_as(admin_user).patch(f"/api/v1/deliverables/{item.pk}/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["note"]
    assert Deliverable.objects.get(pk=item.pk).note_id is None


def test_a_deliverable_cannot_move_to_a_closing_of_another_matter(api_as, admin_user, deal, other_deal):
    item = deal["items"][0]
    body = {"closing": other_deal["closing"].pk, "version": item.version}
    response = api_as(admin_user).patch(f"/api/v1/deliverables/{item.pk}/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["closing"]
    assert Deliverable.objects.get(pk=item.pk).closing_id == deal["closing"].pk


def test_a_closing_update_with_a_foreign_agreement_writes_nothing_at_all(api_as, admin_user, deal, other_deal):
    body = {"place": "Somewhere else", "scheduled_at": "2026-06-01T10:00:00Z", "agreements": [other_deal["npa"].pk]}
    response = api_as(admin_user).patch(f"/api/v1/closings/{deal['closing'].pk}/", body, format="json")
    assert response.status_code == 400
    closing = Closing.objects.get(pk=deal["closing"].pk)
    assert (closing.place, closing.scheduled_at, list(closing.agreements.all())) == ("Offices of counsel", None, [deal["npa"]])


@pytest.mark.parametrize(("method", "path", "body", "field"), [
    ("post", "/api/v1/closings/", {"scheduled_at": f"{FAR}T10:00:00Z"}, "scheduled_at"),
    ("patch", "/api/v1/closings/{closing}/", {"scheduled_at": f"{FAR}T10:00:00Z"}, "scheduled_at"),
    ("patch", "/api/v1/closings/{closing}/", {"closed_on": FAR}, "closed_on"),
    ("post", "/api/v1/closings/{closing}/close/", {"closed_on": FAR}, "closed_on"),
    ("post", "/api/v1/deliverables/", {"days_after_closing": 2147483647}, "days_after_closing"),
    ("patch", "/api/v1/deliverables/{item}/", {"days_after_closing": 2147483647, "version": 1}, "days_after_closing"),
])
def test_dates_and_day_counts_out_of_bounds_are_field_errors(api_as, counsel, deal, method, path, body, field):
    url = path.format(closing=deal["closing"].pk, item=deal["items"][0].pk)
    base = {"matter": deal["closing"].matter_id, "closing": deal["closing"].pk, "description": "x",
            "from_party": deal["company"].pk} if method == "post" else {}
    response = getattr(api_as(counsel), method)(url, {**base, **body}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert (Closing.objects.count(), Deliverable.objects.count()) == (1, 3)
    assert Closing.objects.get().scheduled_at is None


def test_a_closed_closings_deliverables_answer_409_with_the_reason(api_as, counsel, deal):
    api = api_as(counsel)
    _close(api, deal)
    item = Deliverable.objects.get(pk=deal["items"][0].pk)
    response = api.patch(f"/api/v1/deliverables/{item.pk}/", {"status": "outstanding", "version": item.version}, format="json")
    assert response.status_code == 409
    assert response.json() == {"detail": CLOSED_READ_ONLY.format(date=date(2026, 5, 18))}
    assert Deliverable.objects.get(pk=item.pk).status == "received"


def test_no_deliverable_can_be_added_to_a_closed_closing(api_as, counsel, deal):
    api = api_as(counsel)
    _close(api, deal)
    body = {"closing": deal["closing"].pk, "description": "Late item", "from_party": deal["company"].pk}
    response = api.post("/api/v1/deliverables/", body, format="json")
    assert response.status_code == 409
    assert Deliverable.objects.count() == 3


def test_reopening_needs_a_reason_and_keeps_it_in_the_history(api_as, client_as, counsel, admin_user, deal):
    _close(api_as(counsel), deal)
    admin = api_as(admin_user)
    url = f"/api/v1/closings/{deal['closing'].pk}/reopen/"
    assert list(admin.post(url, {"reason": "  "}, format="json").json()) == ["reason"]
    assert Closing.objects.get().status == "closed"
    assert admin.post(url, {"reason": "The wire was returned"}, format="json").status_code == 200
    page = client_as(admin_user).get(f"/closings/{deal['closing'].pk}/").content.decode()
    assert "The wire was returned" in page


def test_every_deliverable_change_shows_in_the_closings_history(client_as, api_as, counsel, deal):
    receive(api_as(counsel), deal["items"][0])
    page = client_as(counsel).get(f"/closings/{deal['closing'].pk}/").content.decode()
    assert "marked The Note received (§3.2(a))" in page


@override_settings(DOCUMENT_MAX_UPLOAD_MB=1)
def test_evidence_larger_than_the_document_limit_is_refused(client_as, counsel, deal):
    item = deal["items"][0]
    big = SimpleUploadedFile("wire.txt", b"x" * (1024 * 1024 + 1), content_type="text/plain")
    response = client_as(counsel).post(f"/closings/deliverables/{item.pk}/status/",
                                       {"status": "received", "version": item.version, "evidence": big}, HTTP_HX_REQUEST="true")
    assert "larger than the 1 MB limit" in response.content.decode()
    assert Deliverable.objects.get(pk=item.pk).evidence_name == ""


def test_evidence_sent_with_a_stale_version_is_refused_and_not_saved(client_as, api_as, counsel, deal):
    item = deal["items"][0]
    receive(api_as(counsel), item)
    upload = SimpleUploadedFile("wire.txt", b"confirmation", content_type="text/plain")
    response = client_as(counsel).post(f"/closings/deliverables/{item.pk}/status/",
                                       {"status": "waived", "waiver_reason": "x", "version": item.version, "evidence": upload},
                                       HTTP_HX_REQUEST="true")
    assert "changed this deliverable first" in response.content.decode()
    saved = Deliverable.objects.get(pk=item.pk)
    assert (saved.status, saved.evidence_name, saved.version) == ("received", "", 2)


def test_evidence_and_its_status_are_one_versioned_change(client_as, counsel, deal):
    item = deal["items"][0]
    upload = SimpleUploadedFile("wire.txt", b"confirmation", content_type="text/plain")
    client_as(counsel).post(f"/closings/deliverables/{item.pk}/status/",
                            {"status": "received", "version": item.version, "evidence": upload}, HTTP_HX_REQUEST="true")
    changes = [row.changes for row in history_rows(item) if row.action == "changed"]
    assert [sorted(field for field, _, _ in change if field in ("status", "evidence_name", "version")) for change in changes] == [
        ["evidence_name", "status", "version"]]
