from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from deadlines.models import Obligation
from notices.models import Notice
from notices.services import ALREADY_DELIVERED

pytestmark = pytest.mark.django_db
NEW_YORK = ZoneInfo("America/New_York")
SCAN = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@time_machine.travel(datetime(2026, 3, 20, 12, tzinfo=NEW_YORK), tick=False)
def test_recording_delivery_of_a_mailed_notice_on_its_page_completes_it(client_as, counsel, send):
    notice_id = send(period_days=10).json()["id"]
    client = client_as(counsel)
    assert "Record delivery" in client.get(f"/notices/{notice_id}/").content.decode()
    response = client.post(f"/notices/{notice_id}/delivery/", {
        "delivered_at": "2026-03-05T11:00", "evidence_kind": "return_receipt", "evidence": "Green card signed by J. Doe",
        "evidence_file": SimpleUploadedFile("receipt.pdf", SCAN, content_type="application/pdf")})
    assert response.status_code == 302
    notice = Notice.objects.get(pk=notice_id)
    assert notice.deemed_given_at == datetime(2026, 3, 5, 11, tzinfo=NEW_YORK)
    assert (notice.evidence_kind, notice.evidence_file.read()) == ("return_receipt", SCAN)
    assert Obligation.objects.get(source_id=notice_id, source_key="clock").due_date == date(2026, 3, 16)  # Mar 15: Sunday
    detail = client.get(f"/notices/{notice_id}/")
    page = detail.content.decode()
    assert "Record delivery" not in page
    assert "2026-03-05 11:00" in page
    assert b"".join(client.get(f"/notices/{notice_id}/evidence/").streaming_content) == SCAN
    latest = detail.context["history"][0]
    assert {"delivered_at", "deemed_given_at", "evidence_kind"} <= {field for field, _, _ in latest.changes}


@time_machine.travel(datetime(2026, 3, 20, 12, tzinfo=NEW_YORK), tick=False)
def test_a_scan_that_is_not_what_its_name_says_is_refused_and_nothing_is_saved(client_as, counsel, send):
    notice_id = send().json()["id"]
    response = client_as(counsel).post(f"/notices/{notice_id}/delivery/", {
        "delivered_at": "2026-03-05T11:00", "evidence_kind": "return_receipt",
        "evidence_file": SimpleUploadedFile("receipt.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")})
    assert response.status_code == 400
    assert "evidence_file" in response.context["form"].errors
    assert Notice.objects.get(pk=notice_id).deemed_given_at is None


@time_machine.travel(datetime(2026, 3, 20, 12, tzinfo=NEW_YORK), tick=False)
def test_a_delivery_cannot_be_recorded_twice_or_before_dispatch(client_as, counsel, send):
    notice_id = send().json()["id"]
    client = client_as(counsel)
    early = client.post(f"/notices/{notice_id}/delivery/", {"delivered_at": "2026-03-01T11:00"})
    assert "delivered_at" in early.context["form"].errors
    client.post(f"/notices/{notice_id}/delivery/", {"delivered_at": "2026-03-05T11:00"})
    again = client.post(f"/notices/{notice_id}/delivery/", {"delivered_at": "2026-03-06T11:00"})
    assert again.context["form"].errors["delivered_at"] == [ALREADY_DELIVERED.format(
        at=datetime(2026, 3, 5, 11, tzinfo=NEW_YORK))]


def test_the_cfo_cannot_record_a_delivery_and_an_outsider_cannot_see_the_notice(client_as, cfo, outsider, send):
    notice_id = send().json()["id"]
    assert client_as(cfo).post(f"/notices/{notice_id}/delivery/", {"delivered_at": "2026-03-05T11:00"}).status_code == 403
    assert client_as(outsider).get(f"/notices/{notice_id}/evidence/").status_code == 404
    assert Notice.objects.get(pk=notice_id).delivered_at is None
