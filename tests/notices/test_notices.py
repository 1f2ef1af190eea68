from datetime import date

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from accounts.models import User
from agreements.models import Agreement
from deadlines.models import Obligation
from notices.models import Notice
from parties.models import Party

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(db):
    call_command("load_demo", verbosity=0)
    npa = Agreement.objects.get(kind="note_purchase", matter__name__startswith="ROO Group")
    return {"npa": npa, "roo": Party.objects.get(legal_name="ROO Group, Inc."),
            "petty": Party.objects.get(legal_name="Robert Petty"), "counsel": User.objects.get(username="counsel")}


def _post(api_as, seed, **fields):
    payload = {"agreement": seed["npa"].pk, "sender": seed["petty"].pk, "recipient": seed["roo"].pk, "kind": "general",
               "method": "personal", "dispatched_at": "2026-03-02T10:00:00-05:00", **fields}
    return api_as(seed["counsel"]).post("/api/v1/notices/", payload, format="json")


def test_personal_delivery_is_given_when_delivered(api_as, seed):
    body = _post(api_as, seed, delivered_at="2026-03-02T15:30:00-05:00").json()
    assert body["deemed_given_at"] == "2026-03-02T15:30:00-05:00"
    assert body["deemed_given_rule"] == "§7.2: Personal delivery, deemed given when delivered"


def test_telecopy_and_telex_are_given_when_transmitted(api_as, seed):
    for method in ("fax", "telex"):
        body = _post(api_as, seed, method=method).json()
        assert body["deemed_given_at"] == "2026-03-02T10:00:00-05:00"
        assert "when transmitted" in body["deemed_given_rule"]


def test_certified_mail_is_pending_until_receipt_then_given_on_receipt(api_as, seed):
    body = _post(api_as, seed, method="certified_mail").json()
    assert body["deemed_given_at"] is None
    assert "pending until delivery is recorded" in body["deemed_given_rule"]
    patched = api_as(seed["counsel"]).patch(f"/api/v1/notices/{body['id']}/", {
        "delivered_at": "2026-03-05T11:00:00-05:00", "evidence_kind": "return_receipt", "evidence": "Green card"},
        format="json").json()
    assert patched["deemed_given_at"] == "2026-03-05T11:00:00-05:00"


def test_a_method_the_clause_does_not_allow_is_refused_citing_it(api_as, seed):
    response = _post(api_as, seed, method="email")
    assert response.status_code == 400
    assert response.json()["method"] == ["§7.2 allows notices only by personal delivery, telecopy / fax, telex, "
                                         "certified or registered mail, return receipt requested; email is not one of them."]
    assert Notice.objects.count() == 0


def test_a_future_dispatch_and_a_delivery_before_dispatch_are_refused(api_as, seed):
    assert "dispatched_at" in _post(api_as, seed, dispatched_at="2099-01-01T10:00:00-05:00").json()
    assert "delivered_at" in _post(api_as, seed, delivered_at="2026-03-01T10:00:00-05:00").json()
    assert Notice.objects.count() == 0


def test_the_address_in_effect_on_the_dispatch_date_is_kept_as_sent(api_as, seed):
    body = _post(api_as, seed).json()
    assert body["address_lines"] == ["ROO Group, Inc.", "62 White Street, Suite 3A", "New York, NY 10013",
                                     "Tel. No.: (646) 352-0260", "Fax No.: (646) 619-4074"]


def test_a_dispute_notice_starts_the_period_counsel_enters(api_as, seed):
    body = _post(api_as, seed, kind="dispute", delivered_at="2026-03-02T15:00:00-05:00", period_days=30).json()
    obligation = Obligation.objects.get(source_id=body["id"], source_key="clock")
    assert (obligation.kind, obligation.due_date) == ("notice_response", date(2026, 4, 1))


def test_a_change_of_address_gives_the_sender_a_new_address_from_the_deemed_date(api_as, seed):
    _post(api_as, seed, kind="change_of_address", method="fax",
          new_address={"street_lines": "228 East 45th Street", "city": "New York", "state": "NY", "postal_code": "10017"})
    petty_now = seed["petty"].notice_addresses.order_by("-effective_from").first()
    assert (petty_now.street_lines, petty_now.effective_from) == ("228 East 45th Street", date(2026, 3, 2))


def test_the_letter_pdf_names_the_address_and_the_clause(client_as, seed, api_as):
    notice_id = _post(api_as, seed).json()["id"]
    pdf = client_as(seed["counsel"]).get(f"/notices/{notice_id}/letter.pdf")
    text = "".join(page.extract_text() for page in PdfReader(__import__("io").BytesIO(pdf.content)).pages)
    assert "62 White Street, Suite 3A" in text
    assert "Section 7.2" in text
