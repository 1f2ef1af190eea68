import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from closings.exports import binder_build, checklist_pdf
from closings.models import BinderExport, Closing, Deliverable
from closings.services import deliverable_create
from deadlines.models import Obligation
from tests.closings.conftest import receive as _receive
from tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


def test_a_closing_with_an_outstanding_required_deliverable_cannot_close(api_as, counsel, deal):
    response = api_as(counsel).post(f"/api/v1/closings/{deal['closing'].pk}/close/", {"closed_on": "2026-05-18"}, format="json")
    assert response.status_code == 409
    assert [row["description"] for row in response.json()["outstanding"]] == ["The Note", "$500,500"]
    assert Closing.objects.get().status == "scheduled"


def test_closing_funds_the_note_and_dates_post_closing_items_from_the_closing_date(api_as, counsel, deal):
    api = api_as(counsel)
    for item in deal["items"]:
        _receive(api, item)
    response = api.post(f"/api/v1/closings/{deal['closing'].pk}/close/", {"closed_on": "2026-05-18"}, format="json")
    assert response.status_code == 200
    note = deal["note"]
    note.refresh_from_db()
    assert (note.status, note.issue_date) == ("outstanding", date(2026, 5, 18))
    assert list(note.transactions.values_list("kind", "amount")) == [("funding", Decimal("500500.00"))]
    obligations = api.get(f"/api/v1/obligations/?matter={deal['closing'].matter_id}").json()["results"]
    assert [(o["title"], o["due_date"]) for o in obligations] == [("Post-closing: UCC-1 acknowledgment", "2026-05-28")]


def test_moving_the_closing_date_moves_the_funding_and_the_post_closing_dates(api_as, counsel, deal):
    api = api_as(counsel)
    for item in deal["items"]:
        _receive(api, item)
    api.post(f"/api/v1/closings/{deal['closing'].pk}/close/", {"closed_on": "2026-05-18"}, format="json")
    assert api.patch(f"/api/v1/closings/{deal['closing'].pk}/", {"closed_on": "2026-05-21"}, format="json").status_code == 200
    assert Obligation.objects.get(source_key=f"deliverable:{deal['ucc'].pk}").due_date == date(2026, 6, 1)
    live = deal["note"].transactions.filter(voided_at__isnull=True)
    assert list(live.values_list("date", flat=True)) == [date(2026, 5, 21)]


def test_reopening_undoes_it_all_and_only_an_admin_may(api_as, counsel, admin_user, deal):
    api = api_as(counsel)
    for item in deal["items"]:
        _receive(api, item)
    api.post(f"/api/v1/closings/{deal['closing'].pk}/close/", {"closed_on": "2026-05-18"}, format="json")
    assert api.post(f"/api/v1/closings/{deal['closing'].pk}/reopen/").status_code == 403
    reopened = api_as(admin_user).post(f"/api/v1/closings/{deal['closing'].pk}/reopen/",
                                       {"reason": "Wire returned by the bank"}, format="json")
    assert reopened.status_code == 200
    note = deal["note"]
    note.refresh_from_db()
    assert (note.status, note.issue_date) == ("pending", None)
    assert not note.transactions.filter(voided_at__isnull=True).exists()
    assert list(Obligation.objects.filter(source_key__startswith="deliverable:").values_list("status", flat=True)) == ["superseded"]


def test_a_stale_version_gets_409_with_the_other_change_and_the_first_change_survives(api_as, counsel, deal):
    api = api_as(counsel)
    item = deal["items"][0]
    _receive(api, item)
    stale = api.patch(f"/api/v1/deliverables/{item.pk}/", {"status": "waived", "waiver_reason": "x", "version": 1}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current"]["status"] == "received"
    assert Deliverable.objects.get(pk=item.pk).status == "received"


@pytest.mark.parametrize(("payload", "field"), [
    ({"kind": "funds", "amount": "0"}, "amount"),
    ({"kind": "funds", "amount": "-5"}, "amount"),
])
def test_bad_deliverables_are_refused(api_as, counsel, deal, payload, field):
    body = {"closing": deal["closing"].pk, "description": "Wire", "from_party": deal["company"].pk, **payload}
    response = api_as(counsel).post("/api/v1/deliverables/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Deliverable.objects.count() == 3


def test_a_post_closing_item_without_a_day_count_is_refused(deal):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        deliverable_create(closing=deal["closing"], data={"description": "UCC-1", "from_party": deal["company"],
                                                          "post_closing": True})
    assert refused.value.message_dict == {"days_after_closing": ["A post-closing item needs the number of days after closing it is due."]}
    assert Deliverable.objects.count() == 3


def test_a_cancelled_closing_cannot_close(api_as, counsel, deal):
    Closing.objects.filter(pk=deal["closing"].pk).update(status="cancelled")
    response = api_as(counsel).post(f"/api/v1/closings/{deal['closing'].pk}/close/", {"closed_on": "2026-05-18"}, format="json")
    assert response.status_code == 400
    assert "cancelled" in str(response.json())


def test_an_upload_that_is_not_what_it_says_is_refused(client_as, counsel, deal):
    item = deal["items"][0]
    fake = SimpleUploadedFile("note.pdf", b"just text pretending", content_type="application/pdf")
    response = client_as(counsel).post(f"/closings/deliverables/{item.pk}/status/",
                                       {"status": "received", "version": item.version, "evidence": fake}, HTTP_HX_REQUEST="true")
    assert "not a PDF document" in response.content.decode()
    assert Deliverable.objects.get(pk=item.pk).status == "outstanding"


def test_the_binder_holds_every_received_document_once_with_an_index(client_as, counsel, deal):
    client = client_as(counsel)
    for item in deal["items"]:
        upload = SimpleUploadedFile(f"{item.pk}.txt", f"evidence {item.pk}".encode(), content_type="text/plain")
        client.post(f"/closings/deliverables/{item.pk}/status/", {"status": "received", "version": item.version, "evidence": upload},
                    HTTP_HX_REQUEST="true")
    binder = binder_build(BinderExport.objects.create(closing=deal["closing"]))
    with zipfile.ZipFile(binder.file.open("rb")) as archive:
        names = sorted(archive.namelist())
        index = "".join(p.extract_text() for p in PdfReader(io.BytesIO(archive.read("000-index.pdf"))).pages)
    assert names == ["000-index.pdf", f"001-{deal['items'][0].pk}.txt", f"002-{deal['items'][1].pk}.txt"]
    assert "The Note" in index and "$500,500" in index


def test_the_checklist_pdf_lists_every_deliverable(deal):
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(checklist_pdf(deal["closing"]))).pages)
    for description in ("The Note", "$500,500", "UCC-1 acknowledgment"):
        assert description in text


def test_the_checklist_page_runs_the_same_queries_for_3_and_60_deliverables(api_as, client_as, counsel, deal):
    _receive(api_as(counsel), deal["items"][0])  # the History tab then names a person in both cases
    client = client_as(counsel)
    url = f"/closings/{deal['closing'].pk}/"
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for i in range(57):
        deliverable_create(closing=deal["closing"], data={"description": f"Item {i}", "from_party": PartyFactory()})
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_cfo_cannot_change_a_deliverable(api_as, cfo, deal):
    item = deal["items"][0]
    response = api_as(cfo).patch(f"/api/v1/deliverables/{item.pk}/", {"status": "received", "version": 1}, format="json")
    assert response.status_code == 403


def test_counsel_are_reminded_daily_in_the_week_before_the_closing_of_what_is_outstanding(deal, counsel):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from closings.services import closing_move

    closing_move(closing=deal["closing"], by=counsel, scheduled_at=datetime(2026, 12, 2, 10, tzinfo=ZoneInfo("America/New_York")))
    obligation = Obligation.objects.get(source_key="closing-day")
    assert obligation.title == "Closing on Wed 02 Dec 2026: 2 deliverable(s) outstanding"
    assert obligation.reminder_override.offsets == [7, 6, 5, 4, 3, 2, 1, 0]
    assert list(obligation.assignees.all()) == [counsel]


def test_a_post_closing_item_received_after_closing_keeps_its_deadline_as_done(api_as, client_as, counsel, deal):
    api = api_as(counsel)
    for item in deal["items"]:
        _receive(api, item)
    api.post(f"/api/v1/closings/{deal['closing'].pk}/close/", {"closed_on": "2026-05-18"}, format="json")
    obligation = Obligation.objects.get(source_key=f"deliverable:{deal['ucc'].pk}")
    ucc = Deliverable.objects.get(pk=deal["ucc"].pk)
    response = api.patch(f"/api/v1/deliverables/{ucc.pk}/",
                         {"status": "received", "evidence_text": "File no. 2026-0518-77", "version": ucc.version}, format="json")
    assert response.status_code == 200, response.json()
    obligation.refresh_from_db()
    assert obligation.status == "done"
    assert obligation.evidence.startswith("Marked received by ")
    assert obligation.evidence.endswith(": File no. 2026-0518-77")
    assert client_as(counsel).get(f"/deadlines/{obligation.pk}/").status_code == 200


def test_a_closing_item_stays_read_only_after_closing_while_a_post_closing_item_can_be_waived(api_as, counsel, deal):
    api = api_as(counsel)
    for item in deal["items"]:
        _receive(api, item)
    api.post(f"/api/v1/closings/{deal['closing'].pk}/close/", {"closed_on": "2026-05-18"}, format="json")
    note_item = Deliverable.objects.get(pk=deal["items"][0].pk)
    refused = api.patch(f"/api/v1/deliverables/{note_item.pk}/", {"status": "outstanding", "version": note_item.version}, format="json")
    assert refused.status_code == 409
    ucc = Deliverable.objects.get(pk=deal["ucc"].pk)
    waived = api.patch(f"/api/v1/deliverables/{ucc.pk}/", {"status": "waived", "waiver_reason": "Filed by the lender",
                                                           "version": ucc.version}, format="json")
    assert waived.status_code == 200, waived.json()
    assert Obligation.objects.get(source_key=f"deliverable:{ucc.pk}").status == "superseded"
