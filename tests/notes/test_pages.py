from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notes.models import NoteTransaction
from tests.factories import PartyFactory
from tests.notes.factories import NoteFactory

pytestmark = pytest.mark.django_db


def _notes(matter, count):
    holders = PartyFactory.create_batch(3)
    for i in range(count):
        note = NoteFactory(matter=matter, holder=holders[i % 3], maturity_date=date(2026, 1, 1) + timedelta(days=30 * (i % 20)))
        NoteTransaction.objects.create(note=note, kind="payment", date=date(2025, 3, 1), amount=Decimal("1000"))


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_dashboard_and_notes_list_run_the_same_queries_for_3_and_40_notes(client_as, cfo, matter):
    client = client_as(cfo)
    _notes(matter, 3)
    few = (_queries(client, "/notes/?as_of=2025-06-01"), _queries(client, f"/notes/matter/{matter.pk}/"))
    _notes(matter, 37)
    many = (_queries(client, "/notes/?as_of=2025-06-01"), _queries(client, f"/notes/matter/{matter.pk}/"))
    assert many == few
    assert max(many) <= 15


def test_the_dashboard_totals_are_recomputed_as_of_any_date(client_as, cfo, matter):
    NoteFactory(matter=matter, principal=Decimal("100000"))
    client = client_as(cfo)
    at_issue = client.get("/notes/?as_of=2025-01-01").context["board"].totals
    later = client.get("/notes/?as_of=2025-04-01").context["board"].totals
    assert (at_issue.principal, at_issue.accrued) == (Decimal("100000"), Decimal("0"))
    assert later.accrued == Decimal("2958.90")


def test_the_cfo_lands_on_the_dashboard_and_exports_it(client_as, cfo, matter):
    NoteFactory(matter=matter, title="Note A")
    client = client_as(cfo)
    assert client.get("/")["Location"] == "/notes/"
    csv_text = client.get("/notes/export.csv?as_of=2025-04-01").content.decode()
    assert "Note A" in csv_text
    assert "2958.90" in csv_text
    xlsx = client.get("/notes/export.xlsx?as_of=2025-04-01")
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"


def test_the_cfo_cannot_open_or_post_any_note_form(client_as, cfo, matter):
    note = NoteFactory(matter=matter)
    client = client_as(cfo)
    assert client.get(f"/notes/{note.pk}/").status_code == 200
    assert client.get(f"/notes/{note.pk}/edit/").status_code == 403
    assert client.post(f"/notes/{note.pk}/transactions/", {"kind": "payment", "date": "2025-02-01", "amount": "5"}).status_code == 403
    assert client.get(f"/notes/matter/{matter.pk}/new/").status_code == 403


def test_a_bad_payment_on_the_page_shows_the_error_at_the_field(client_as, counsel, matter):
    note = NoteFactory(matter=matter)
    response = client_as(counsel).post(f"/notes/{note.pk}/transactions/", {"kind": "payment", "date": "2024-12-01", "amount": "5"})
    assert response.status_code == 400
    assert "date" in response.context["form"].errors
    assert NoteTransaction.objects.count() == 0


def test_the_seed_note_is_flagged_for_usury_review_and_shows_its_discount(client_as, counsel):
    from django.core.management import call_command

    from accounts.models import User
    from notes.models import Note

    call_command("load_demo", verbosity=0)
    note = Note.objects.get(title__startswith="Exhibit A")
    page = client_as(User.objects.get(username="counsel")).get(f"/notes/{note.pk}/").content.decode()
    assert "99,500.00 (19.88% of the cash advanced)" in page
    assert "Review with counsel" in page
    assert page.count("not recorded") >= 3
